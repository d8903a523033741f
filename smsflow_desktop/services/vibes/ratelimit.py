"""Client-side rate limiting: one token bucket per class of Vibes endpoint, shared by threads.

Vibes counts requests per second (about 300/s for events, 100/s for other company calls) and
answers 429 beyond that. Waiting on our side costs less than a refused request, so every call
first takes a token from its class's bucket. The bucket is kept as a "theoretical arrival
time" (GCRA): a caller reserves its slot under a lock and then sleeps outside it, so threads
never busy-wait and a burst is at most ``burst`` requests. With the default burst of 1 the
requests of all threads are spaced ``1/rate`` apart, which also respects a server that counts
over a sliding one-second window.

The published limits are not always the account's: when Vibes answers 429 without saying how
long to wait, :meth:`EndpointLimiter.throttled` lowers the class's rate to what Vibes was
seen to accept in the last second (or halves it when it accepted nothing), once per burst of
429s, and holds the next request back one window so the server's count empties. After
:data:`CALM_S` seconds without a 429 the rate creeps back up by a tenth a second toward the
configured limit, so a limit that was lifted is found again; each time such a rise meets a
429 again, the calm spell it waits for doubles (up to :data:`MAX_CALM_S`).

Several programs sending for one account at once (agents serving one workspace) each use a
share of the limits: :meth:`EndpointLimiter.set_share` scales the configured rates and the
current ones alike, so a rate a 429 lowered stays lowered in proportion. Each program then
also counts its own requests over the server's window (:class:`WindowCap`): the evenly spaced
slots of several programs are not spaced against each other, and a request that left late
followed by one on time would put one more than its share into some window; capped per
window, the shares add up to no more than the limit (less the same :data:`HEADROOM` a program
sending alone keeps), however their requests fall. A request counts from when it leaves until
Vibes may have counted it (its answer, less the part of a round trip every request takes), so
a busy computer or network that holds some requests back cannot bunch more than the share
into Vibes' window. That count takes every class together, at the larger class's rate: a
server that counts all of a company's calls in one window (the emulator does) gets no more
than the share either.
"""

from __future__ import annotations

import collections
import heapq
import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


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

    def pending(self) -> float:
        """How long a caller reserving now would wait."""
        with self._lock:
            now = self._clock()
            return max(0.0, self._tat - (self.burst - 1) * self._interval - now)

    def set_rate(self, rate: float, *, hold_until: float | None = None) -> None:
        """Change the rate; with ``hold_until`` (clock time), no token before then."""
        if rate <= 0:
            raise ValueError("rate must be positive")
        with self._lock:
            self.rate = float(rate)
            self._interval = 1.0 / self.rate
            if hold_until is not None:
                self._tat = max(self._tat, hold_until + (self.burst - 1) * self._interval)


#: Share of a published limit the client uses: requests leave evenly spaced, but network and
#: scheduling jitter bunch their arrival, and a server counting over a sliding second would
#: see an occasional 101st request at exactly 100/s.
HEADROOM = 0.97


#: The window a server counts requests over (Vibes: per second).
WINDOW_S = 1.0
#: How often a request held back by requests in flight looks whether they were answered.
ANSWER_POLL_S = 0.01
#: Share of an observed limit the client uses: more margin than :data:`HEADROOM`, because
#: requests from several threads reach the server a few milliseconds off their slots.
OBSERVED_HEADROOM = 0.9
#: The lowest rate a 429 brings a class to.
MIN_RATE = 0.2
#: Seconds without a 429 before the rate starts to rise again.
CALM_S = 10.0
#: The longest such spell, after rises that kept meeting the limit.
MAX_CALM_S = 300.0


class WindowCap:
    """At most ``cap`` requests count in any :data:`WINDOW_S` window.

    The server counts a request when it arrives: some time after it left, before its answer.
    So a request counts from when it is admitted until its answer (:meth:`done`), less the
    shortest round trip seen, the part of every round trip that is the same (the way there
    and back, the server's work); a request not answered yet counts. When nothing holds
    requests back that is little more than when they leave; when a busy computer or network
    does, the requests it held count the longer they might arrive late, so they are never more
    than ``cap`` in any window at the server either."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self._ends: list[float] = []  # heap: until when each answered request counts
        self._open = 0  # requests admitted and not answered
        self._fastest = math.inf  # the shortest round trip seen
        self._lock = threading.Lock()
        self._clock = clock
        self._sleep = sleep

    def admit(self, cap: int | None) -> float:
        """Block until a request may leave (``None``: no cap, only counted); return the time
        waited. Every admitted request is reported with :meth:`done` once answered or failed."""
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                while self._ends and self._ends[0] <= now - WINDOW_S:
                    heapq.heappop(self._ends)
                if cap is None or len(self._ends) + self._open < cap:
                    self._open += 1
                    return waited
                # what the window holds leaves it in time; requests in flight, once answered
                pause = self._ends[0] + WINDOW_S - now if self._ends else ANSWER_POLL_S
            self._sleep(pause)
            waited += pause

    def done(self, round_trip: float) -> None:
        """An admitted request was answered (or failed) ``round_trip`` seconds after it left."""
        with self._lock:
            self._fastest = min(self._fastest, max(0.0, round_trip))
            self._open = max(0, self._open - 1)
            heapq.heappush(self._ends, self._clock() - self._fastest)


class _Observed:
    """What one endpoint class saw: answers Vibes accepted in the last window, and when the
    rate was last lowered or raised."""

    def __init__(self, configured: float, now: float) -> None:
        self.configured = configured
        self.accepted: collections.deque[float] = collections.deque()
        self.last_cut = float("-inf")
        self.last_change = now
        self.calm = CALM_S
        self.raised = False  # the rate rose since the last cut

    def accepted_since(self, start: float) -> int:
        while self.accepted and self.accepted[0] <= start:
            self.accepted.popleft()
        return len(self.accepted)


class EndpointLimiter:
    """The buckets of one client: ``events`` for POST /events, ``company`` for the rest;
    each adapts to the limit Vibes is seen to enforce (:meth:`throttled`, :meth:`accepted`)."""

    def __init__(
        self, limits: RateLimits, *, headroom: float = HEADROOM, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits
        self.headroom = headroom
        self._clock = clock
        self._lock = threading.Lock()
        now = clock()
        self._buckets = {
            "events": TokenBucket(limits.events * headroom, clock=clock),
            "company": TokenBucket(limits.company * headroom, clock=clock),
        }
        self._seen = {name: _Observed(bucket.rate, now) for name, bucket in self._buckets.items()}
        self._share = 1.0
        self._cap = WindowCap(clock=clock)

    @property
    def share(self) -> float:
        """The share of the configured limits this client uses (1: all of them)."""
        return self._share

    def set_share(self, share: float) -> None:
        """Use ``share`` (above 0, at most 1) of the configured limits from now on: a lower share
        slows the next request already; a rate a 429 lowered keeps its proportion."""
        if not 0 < share <= 1:
            raise ValueError("a share of the rate limit is above 0 and at most 1")
        with self._lock:
            if share == self._share:
                return
            for name, bucket in self._buckets.items():
                seen = self._seen[name]
                ratio = self.headroom * share * getattr(self.limits, name) / seen.configured
                seen.configured *= ratio
                bucket.set_rate(max(MIN_RATE, min(seen.configured, bucket.rate * ratio)))
            self._share = share

    def acquire(self, endpoint_class: str) -> float:
        bucket = self._buckets[endpoint_class]
        waited = bucket.acquire()
        cap = None  # counted always, so that a share starts from what the window already holds
        if self._share < 1:  # several programs send: never more than this one's share in a window
            cap = max(1, int(max(b.rate for b in self._buckets.values()) * WINDOW_S))
        return waited + self._cap.admit(cap)

    def done(self, round_trip: float) -> None:
        """A request that :meth:`acquire` let go was answered (or failed) after ``round_trip`` s."""
        self._cap.done(round_trip)

    def pending(self, endpoint_class: str) -> float:
        """How long the next request of the class would wait for its slot."""
        return self._buckets[endpoint_class].pending()

    def rate(self, endpoint_class: str) -> float:
        return self._buckets[endpoint_class].rate

    def accepted(self, endpoint_class: str) -> None:
        """Vibes answered a request of the class with something other than 429; after a calm
        spell a lowered rate rises a tenth (at least 0.5/s) a second, up to the configured one."""
        bucket, seen = self._buckets[endpoint_class], self._seen[endpoint_class]
        with self._lock:
            now = self._clock()
            seen.accepted.append(now)
            seen.accepted_since(now - WINDOW_S)
            if bucket.rate >= seen.configured or now - seen.last_cut < seen.calm or now - seen.last_change < WINDOW_S:
                return
            bucket.set_rate(min(seen.configured, bucket.rate + max(0.5, bucket.rate * 0.1)))
            seen.last_change = now
            seen.raised = True

    def throttled(self, endpoint_class: str, sent_at: float) -> float:
        """Vibes answered 429 without a ``Retry-After`` to a request that took its slot at
        ``sent_at`` (clock time): lower the class's rate to what Vibes accepted in the last window (half the
        rate when it accepted nothing), and hold the next request back one window. 429s to
        requests sent before the last cut change nothing more. Returns the rate now."""
        bucket, seen = self._buckets[endpoint_class], self._seen[endpoint_class]
        with self._lock:
            now = self._clock()
            if sent_at < seen.last_cut:
                return bucket.rate
            took = seen.accepted_since(now - WINDOW_S)
            if now - seen.last_cut < 2 * WINDOW_S:
                # the last window still holds the pause after the previous cut: what it saw
                # accepted says little; a tenth less than the pace that met the limit
                target = bucket.rate * 0.9
            else:
                target = took * OBSERVED_HEADROOM / WINDOW_S if took else bucket.rate / 2
            rate = max(MIN_RATE, min(target, bucket.rate * 0.9))
            bucket.set_rate(rate, hold_until=now + WINDOW_S)
            if seen.raised:  # a rise met the limit again: wait longer before the next one
                seen.calm = min(MAX_CALM_S, seen.calm * 2)
            seen.raised = False
            seen.last_cut = seen.last_change = now
        log.info("Vibes limits %s requests: slowing to %.2f a second", endpoint_class, rate)
        return rate
