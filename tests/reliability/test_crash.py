"""Crash suite: ``smsflow run`` killed with SIGKILL again and again, its Vibes (a separate
emulator process) killed and restarted once and dropping connections for a while; every
time ``smsflow run --resume`` carries on. Nobody is texted twice and nobody is lost.

Size: ``SMSFLOW_RELIABILITY_SCALE`` (default 1: about 300 recipients, 4 kills, ~30 s).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.scenarios import (
    RemoteDemo,
    audit_run,
    crash_and_resume,
    emulator_integrity,
    finish_flow,
    remote_demo,
    scale,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[RemoteDemo]:
    people = int(600 * scale())
    d = remote_demo(tmp_path, people, latency_ms=100, jitter_ms=50)
    try:
        yield d
    finally:
        d.emulator.stop()


def test_kill_9_and_resume_texts_everyone_once(demo: RemoteDemo) -> None:
    kills = max(3, min(5, round(4 * scale())))
    assert demo.recipients > 100
    log = crash_and_resume(demo, kills=kills, rng=random.Random(20260406))
    assert log.run_id is not None and log.final["status"] == "waiting"  # the flow waits 3 days next
    assert log.kills >= kills - 1 and log.mid_send_kills >= 1, log  # the kills did land mid-run
    assert log.emulator_restarts == 1 and log.drop_rounds == 1

    events = demo.emulator.events()
    audit = audit_run(demo.ws, log.run_id, events, demo.recipients)
    assert audit.duplicates == 0, audit.summary()
    assert not audit.lost and not audit.false_sent and not audit.unexplained, audit.summary()
    assert not audit.no_reason and audit.integrity == "ok", audit.summary()
    assert audit.sent + audit.in_doubt + audit.failed == demo.recipients, audit.summary()
    assert audit.in_doubt >= sum(log.left_in_flight)  # what a kill left in flight is never sent again
    counts = log.final["counts"]
    assert (counts["sent"], counts["in_doubt"], counts["failed"]) == (audit.sent, audit.in_doubt, audit.failed)
    assert emulator_integrity(demo.emulator.state) == "ok"

    # After the wait the last step runs; the texts stay as they were and the run completes.
    done = finish_flow(demo, log.run_id)
    assert done["status"] == "completed" and done["counts"]["pending"] == 0 and done["counts"]["sending"] == 0
    again = audit_run(demo.ws, log.run_id, demo.emulator.events(), demo.recipients)
    assert again.clean and (again.sent, again.events) == (audit.sent, audit.events), again.summary()
