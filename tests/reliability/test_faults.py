"""Fault injection: the runner against an emulator that answers 5xx, storms 429 with and
without Retry-After, stalls for 2 s and drops connections after doing the work. Every run
ends within bounded retries; nobody is texted twice; every row that did not go out says
why, and the reason names the cause."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from smsflow_desktop.services.engine.runner import resume_run
from tests.reliability.scenarios import T0, Bench, audit_run, mdn


@pytest.fixture
def bench(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Bench]:
    b = Bench(tmp_path, getattr(request, "param", 40))
    with b.server:
        yield b


@pytest.mark.parametrize("bench", [120], indirect=True)
def test_five_percent_server_errors(bench: Bench) -> None:
    bench.server.faults.error_rate = 0.05
    with bench.client() as client:
        result, stops = bench.run(client)
    assert result.status == "completed"
    for stop in stops:  # a 5xx while the run set up its Vibes message stops it, saying so
        assert "cannot set up the Vibes message" in stop and "HTTP 5" in stop
    audit = audit_run(bench.ws, result.run_id, bench.events(), bench.n)
    assert audit.clean, audit.summary()
    injected = bench.server.injector.counters.errors
    assert injected > 0 and audit.in_doubt == injected - len(stops)  # each 5xx on a send: one row in doubt
    ledger = bench.ledger(result.run_id)
    doubts = bench.activity(result.run_id, "SMS Failed")
    sent_to = Counter(e["mdn"] for e in bench.events())
    for number, (state, reason) in ledger.items():
        if state == "in_doubt":
            # a 5xx cannot tell whether Vibes acted, so the row is in doubt and names the status
            assert reason is not None and reason.startswith("may_have_reached_vibes:http_5"), reason
            assert "HTTP 5" in doubts[number] and sent_to[number] == 0
        else:
            assert state == "sent" and sent_to[number] == 1


@pytest.mark.parametrize("bench", [24], indirect=True)
def test_429_storm_with_retry_after_is_waited_out(bench: Bench) -> None:
    bench.server.faults.rate_limit = 12
    bench.server.faults.retry_after = "seconds"
    started = time.monotonic()
    with bench.client(retry_budget=20) as client:
        result, stops = bench.run(client)
        waited_for = client.stats.rate_limited
    assert result.status == "completed" and not stops
    assert bench.server.injector.counters.rate_limited > 0 and waited_for > 0  # there was a storm
    assert result.counts["sent"] == bench.n and result.counts["in_doubt"] == 0 and result.counts["failed"] == 0
    assert audit_run(bench.ws, result.run_id, bench.events(), bench.n).clean
    assert time.monotonic() - started < 20


def test_429_storm_without_retry_after_slows_to_the_limit_it_observes(bench: Bench) -> None:
    bench.server.faults.rate_limit = 4
    with bench.client(backoff_base=0.005, backoff_cap=0.01) as client:
        started = time.monotonic()
        result, stops = bench.run(client)
        elapsed = time.monotonic() - started
    assert result.status == "completed" and not stops
    assert result.counts["sent"] == bench.n and result.counts["failed"] == 0, result.counts
    assert audit_run(bench.ws, result.run_id, bench.events(), bench.n).clean
    # about n / 4 seconds at the limit; the client neither gives up nor hammers the server
    assert elapsed < bench.n / 4 * 3 + 10, elapsed
    assert bench.server.injector.counters.requests <= bench.n * 3 + 2, "it slowed down instead of retrying blindly"


def test_429_storm_without_retry_after_fails_honestly_within_its_budget(bench: Bench) -> None:
    bench.server.faults.rate_limit = 4
    with bench.client(retry_budget=0.5, backoff_base=0.005, backoff_cap=0.01) as client:
        started = time.monotonic()
        result, stops = bench.run(client)
        elapsed = time.monotonic() - started
    assert result.status == "completed" and not stops and elapsed < 15
    audit = audit_run(bench.ws, result.run_id, bench.events(), bench.n)
    assert audit.clean and audit.failed > 0 and audit.in_doubt == 0, audit.summary()  # a 429 never reached Vibes
    failures = bench.activity(result.run_id, "SMS Failed")
    for number, (state, reason) in bench.ledger(result.run_id).items():
        if state == "failed":
            assert reason == "http_429" and "rate limit" in failures[number]
            assert number not in {e["mdn"] for e in bench.events()}


@pytest.mark.parametrize("bench", [6], indirect=True)
def test_two_second_latency_spikes(bench: Bench) -> None:
    with bench.client() as client:
        assert bench.run(client)[0].counts["sent"] == bench.n  # sets up the Vibes message, quickly
    bench.server.faults.latency_ms = 2000
    with bench.client(timeout=5.0) as client:
        started = time.monotonic()
        result, _ = bench.run(client)
    assert result.status == "completed" and result.counts["sent"] == bench.n and time.monotonic() - started < 6
    # A spike past the client's patience: the request may still be processed, so in doubt.
    with bench.ws.session() as conn:
        conn.execute("DELETE FROM people WHERE id > 3")
    with bench.client(timeout=0.5, max_retries=0) as client:
        late, _ = bench.run(client)
    assert late.status == "completed" and late.counts["in_doubt"] == 3 and late.counts["sent"] == 0
    deadline = time.monotonic() + 5
    while len(bench.events()) < 2 * bench.n + 3 and time.monotonic() < deadline:
        time.sleep(0.05)  # the emulator finishes the slow requests after the client gave up
    for state, reason in bench.ledger(late.run_id).values():
        assert state == "in_doubt" and reason == "may_have_reached_vibes:network_timeout"
    bench.server.faults.latency_ms = 0
    with bench.client() as client:
        again = resume_run(bench.ws, late.run_id, client, clock=lambda: T0)
    assert again.counts == late.counts  # a finished run is not sent again
    # two runs for everyone, a third for people 1-3 (in doubt, yet it went out once)
    assert Counter(e["mdn"] for e in bench.events()) == Counter(
        {**{mdn(i): 3 for i in (1, 2, 3)}, **{mdn(i): 2 for i in (4, 5, 6)}}
    )


@pytest.mark.parametrize("bench", [60], indirect=True)
def test_dropped_connections_leave_rows_in_doubt_never_resent(bench: Bench) -> None:
    bench.server.faults.drop_rate = 0.2
    with bench.client() as client:
        result, stops = bench.run(client)
    assert result.status == "completed"
    for stop in stops:
        assert "cannot set up the Vibes message" in stop and "may have received" in stop
    audit = audit_run(bench.ws, result.run_id, bench.events(), bench.n)
    assert audit.clean and audit.in_doubt > 0, audit.summary()
    assert audit.in_doubt == bench.server.injector.counters.dropped - len(stops)
    sent_to = Counter(e["mdn"] for e in bench.events())
    doubts = bench.activity(result.run_id, "SMS Failed")
    for number, (state, reason) in bench.ledger(result.run_id).items():
        assert sent_to[number] == 1  # the emulator did the work before it dropped the connection
        if state == "in_doubt":
            assert reason == "may_have_reached_vibes:network_connection_lost" and "mid-request" in doubts[number]
