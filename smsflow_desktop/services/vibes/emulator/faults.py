"""Fault injection for the emulator: rate limits, latency, server errors, dropped connections.

Faults apply to the Vibes API (``/companies/...``), never to the inspection endpoints.
``rate_limit`` counts accepted requests over a sliding one-second window and answers 429
beyond it, with a ``Retry-After`` in seconds or as an HTTP date when ``retry_after`` says so
(Vibes documents none, so the default sends none). ``latency_ms`` (± ``latency_jitter_ms``)
delays every answer; ``error_rate`` answers a random 5xx without doing anything;
``drop_rate`` processes the request and then closes the connection without an answer (the
"did it go through?" case a client must treat as in doubt). All of it can be changed while
the server runs.
"""

from __future__ import annotations

import collections
import email.utils
import math
import random
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Faults:
    rate_limit: float | None = None
    retry_after: str | None = None  # None, "seconds" or "date"
    latency_ms: float = 0.0
    latency_jitter_ms: float = 0.0
    error_rate: float = 0.0
    error_statuses: tuple[int, ...] = (500, 502, 503, 504)
    drop_rate: float = 0.0


@dataclass
class FaultCounters:
    rate_limited: int = 0
    errors: int = 0
    dropped: int = 0
    requests: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, name: str) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + 1)

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return {
                "requests": self.requests,
                "rate_limited": self.rate_limited,
                "errors": self.errors,
                "dropped": self.dropped,
            }


class SlidingWindow:
    """At most ``limit`` accepted requests in any one-second window."""

    def __init__(self) -> None:
        self._times: collections.deque[float] = collections.deque()
        self._lock = threading.Lock()

    def admit(self, limit: float) -> float | None:
        """None when admitted, else seconds until a slot frees up."""
        now = time.monotonic()
        with self._lock:
            while self._times and self._times[0] <= now - 1.0:
                self._times.popleft()
            if len(self._times) >= limit:
                return max(0.0, self._times[0] + 1.0 - now)
            self._times.append(now)
            return None


class FaultInjector:
    """Decides, per API request, which fault (if any) hits it."""

    def __init__(self, faults: Faults, rng: random.Random | None = None) -> None:
        self.faults = faults
        self.rng = rng or random.Random()
        self.window = SlidingWindow()
        self.counters = FaultCounters()

    def rate_limited(self) -> dict[str, str] | None:
        """Headers for a 429 answer when over the limit, else None."""
        self.counters.add("requests")
        limit = self.faults.rate_limit
        if not limit:
            return None
        wait = self.window.admit(limit)
        if wait is None:
            return None
        self.counters.add("rate_limited")
        seconds = max(1, math.ceil(wait))
        if self.faults.retry_after == "seconds":
            return {"Retry-After": str(seconds)}
        if self.faults.retry_after == "date":
            return {"Retry-After": email.utils.formatdate(time.time() + seconds, usegmt=True)}
        return {}

    def delay(self) -> None:
        base, jitter = self.faults.latency_ms, self.faults.latency_jitter_ms
        if base <= 0 and jitter <= 0:
            return
        ms = base + (self.rng.uniform(-jitter, jitter) if jitter else 0.0)
        if ms > 0:
            time.sleep(ms / 1000.0)

    def server_error(self) -> int | None:
        if self.faults.error_rate and self.rng.random() < self.faults.error_rate:
            self.counters.add("errors")
            return self.rng.choice(self.faults.error_statuses)
        return None

    def drop(self) -> bool:
        if self.faults.drop_rate and self.rng.random() < self.faults.drop_rate:
            self.counters.add("dropped")
            return True
        return False
