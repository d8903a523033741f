"""Client-side rate limiting: one token bucket per class of Vibes endpoint, shared by threads.

Vibes counts requests per second (about 300/s for events, 100/s for other company calls) and
answers 429 beyond that. Waiting on our side costs less than a refused request, so every call
first takes a token from its class's bucket. The bucket is kept as a "theoretical arrival
time" (GCRA): a caller reserves its slot under a lock and then sleeps outside it, so threads
never busy-wait and a burst is at most ``burst`` requests. With the default burst of 1 the
requests of all threads are spaced ``1/rate`` apart, which also respects a server that counts
over a sliding one-second window.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RateLimits:
    """Requests per second the client allows itself, per class of endpoint."""

    events: float = 300.0  # POST /companies/{ck}/events
    company: float = 100.0  # every other /companies/... call


class TokenBucket:
    """A thread-safe token bucket refilled at ``rate`` per second, holding at most ``burst``."""

    def __init__(
        self,
        rate: float,
        burst: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        if burst < 1:
            raise ValueError("burst must be at least 1")
        self.rate = float(rate)
        self.burst = float(burst)
        self._interval = 1.0 / self.rate
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._tat = clock()  # when the bucket will next be full again ("theoretical arrival time")

    def reserve(self) -> float:
        """Take a token; return how many seconds the caller must wait before using it."""
        with self._lock:
            now = self._clock()
            tat = max(self._tat, now)
            allowed_at = tat - (self.burst - 1) * self._interval
            self._tat = tat + self._interval
            return max(0.0, allowed_at - now)

    def acquire(self) -> float:
        """Block until a token is available; return the time waited."""
        wait = self.reserve()
        if wait > 0:
            self._sleep(wait)
        return wait


#: Share of a published limit the client uses: requests leave evenly spaced, but network and
#: scheduling jitter bunch their arrival, and a server counting over a sliding second would
#: see an occasional 101st request at exactly 100/s.
HEADROOM = 0.97


class EndpointLimiter:
    """The buckets of one client: ``events`` for POST /events, ``company`` for the rest."""

    def __init__(self, limits: RateLimits, *, headroom: float = HEADROOM) -> None:
        self.limits = limits
        self._buckets = {
            "events": TokenBucket(limits.events * headroom),
            "company": TokenBucket(limits.company * headroom),
        }

    def acquire(self, endpoint_class: str) -> float:
        return self._buckets[endpoint_class].acquire()
