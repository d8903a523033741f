"""The client's token buckets: spacing, bursts, sharing between threads."""

from __future__ import annotations

import threading
import time

import pytest

from smsflow_desktop.services.vibes.ratelimit import EndpointLimiter, RateLimits, TokenBucket


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_requests_are_spaced_at_the_rate() -> None:
    clock = FakeClock()
    bucket = TokenBucket(10, clock=clock, sleep=clock.sleep)
    for _ in range(11):
        bucket.acquire()
    assert clock.now == pytest.approx(101.0)  # 11 requests: the first at once, then one per 0.1 s


def test_burst_allows_that_many_at_once_then_the_rate() -> None:
    clock = FakeClock()
    bucket = TokenBucket(10, burst=5, clock=clock, sleep=clock.sleep)
    waits = [bucket.reserve() for _ in range(6)]
    assert waits[:5] == [0, 0, 0, 0, 0] and waits[5] == pytest.approx(0.1)


def test_idle_time_does_not_build_up_more_than_the_burst() -> None:
    clock = FakeClock()
    bucket = TokenBucket(10, clock=clock, sleep=clock.sleep)
    bucket.acquire()
    clock.now += 60
    assert bucket.reserve() == 0 and bucket.reserve() == pytest.approx(0.1)


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(ValueError):
        TokenBucket(0)
    with pytest.raises(ValueError):
        TokenBucket(5, burst=0.5)


def test_threads_share_one_bucket_per_endpoint_class() -> None:
    limiter = EndpointLimiter(RateLimits(events=1000, company=200))
    started = time.monotonic()

    def work() -> None:
        for _ in range(10):
            limiter.acquire("company")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    assert elapsed >= 39 / 200 - 0.01  # 40 requests at 200/s, whichever thread sends them
    t0 = time.monotonic()
    for _ in range(10):
        limiter.acquire("events")  # its own bucket: not slowed by the company calls above
    assert time.monotonic() - t0 < 0.1


def test_a_429_lowers_the_rate_to_what_vibes_accepted_and_holds_one_window() -> None:
    clock = FakeClock()
    limiter = EndpointLimiter(RateLimits(events=300, company=100), clock=clock)
    for _ in range(5):  # Vibes took five in the last second
        clock.now += 0.1
        limiter.accepted("company")
    sent = clock.now
    assert limiter.throttled("company", sent) == pytest.approx(4.5)  # 5 a second, with a margin
    assert limiter.pending("company") == pytest.approx(1.0)  # the server's window empties first
    assert limiter.rate("events") == pytest.approx(300 * 0.97)  # the other class is untouched
    # more 429s to requests that took their slots before the cut change nothing
    assert limiter.throttled("company", sent - 0.05) == pytest.approx(4.5)
    # nothing accepted at all: half the rate
    clock.now += 5
    assert limiter.throttled("company", clock.now) == pytest.approx(2.25)


def test_after_a_calm_spell_the_rate_rises_again_and_a_rise_that_meets_the_limit_waits_longer() -> None:
    from smsflow_desktop.services.vibes.ratelimit import CALM_S

    clock = FakeClock()
    limiter = EndpointLimiter(RateLimits(events=300, company=10), clock=clock)
    limiter.accepted("company")
    limiter.throttled("company", clock.now)
    low = limiter.rate("company")
    clock.now += CALM_S - 1
    limiter.accepted("company")
    assert limiter.rate("company") == low  # not calm long enough yet
    clock.now += 2
    limiter.accepted("company")
    assert limiter.rate("company") > low
    for _ in range(60):  # back up to the configured rate, a step a second
        clock.now += 1
        limiter.accepted("company")
    assert limiter.rate("company") == pytest.approx(10 * 0.97)
    clock.now += 5
    limiter.throttled("company", clock.now)  # the limit is real after all
    cut = limiter.rate("company")
    clock.now += CALM_S + 1
    limiter.accepted("company")
    assert limiter.rate("company") == cut  # the next rise waits twice as long
    clock.now += CALM_S
    limiter.accepted("company")
    assert limiter.rate("company") > cut
