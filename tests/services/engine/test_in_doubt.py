"""Unfinished runs, sends in doubt (listed, dropped), a run's summary, segment totals and
the windowed activity reads the GUI relies on."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from smsflow_desktop.services.campaigns import load_campaign, message_bodies
from smsflow_desktop.services.engine import activity_query, ledger
from smsflow_desktop.services.engine.activity_query import ActivityFilter
from smsflow_desktop.services.engine.in_doubt import (
    DROPPED_REASON,
    count_in_doubt,
    drop_in_doubt,
    in_doubt_sends,
    unfinished_runs,
)
from smsflow_desktop.services.engine.preview import preview_step
from smsflow_desktop.services.engine.run_summary import run_summary
from smsflow_desktop.services.engine.runner import resume_run, start_run
from smsflow_desktop.services.engine.send_estimate import estimate_run, segment_totals
from smsflow_desktop.services.engine.steps import plan_step
from smsflow_desktop.services.sms_text import analyze
from smsflow_desktop.services.workspace import transaction
from tests.services.engine.helpers import FakeVibes, add_member, add_person, make_workspace, send_campaign, store

T0 = datetime(2026, 4, 6, 16, 0, tzinfo=UTC)


def mdn(i: int) -> str:
    return f"+1212456{i:04d}"


@pytest.fixture
def ws(tmp_path: Path):
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        for i in range(1, 11):
            add_person(conn, i, mdn(i), first_name="Åsa" if i == 3 else f"Ann{i}")
            add_member(conn, mdn(i))
        add_person(conn, 11, mdn(11), unsubscribed=1)
    store(ws, send_campaign())
    return ws


def crashed_run(ws, sending: list[int]) -> int:
    """A run whose process died with ``sending`` people's requests in flight."""
    with ws.session() as conn:
        run_id = ledger.create_run(conn, load_campaign(conn, "Promo"), message_bodies(conn), T0, dry_run=False)
        marks = ",".join("?" * len(sending))
        conn.execute(
            f"UPDATE ledger SET state = 'sending', due_at = ? WHERE run_id = ? AND person_id IN ({marks})",
            ["2026-04-06T16:00:00Z", run_id, *sending],
        )
        conn.execute(
            "UPDATE runs SET owner_pid = 999999999, heartbeat_at = '2000-01-01T00:00:00Z' WHERE id = ?", (run_id,)
        )
    return run_id


def test_a_crashed_run_is_unfinished_with_its_sends_in_doubt(ws) -> None:
    run_id = crashed_run(ws, [2, 3])
    with ws.session() as conn:
        runs = unfinished_runs(conn)
        assert [(r.run_id, r.status, r.in_doubt, r.pending) for r in runs] == [(run_id, "interrupted", 2, 8)]
        assert runs[0].due_now
        sends = in_doubt_sends(conn, run_id)
        assert [(s.person_id, s.mdn, s.name, s.action) for s in sends] == [
            (2, mdn(2), "Ann2 Lee", "send_sms"),
            (3, mdn(3), "Åsa Lee", "send_sms"),
        ]
        assert count_in_doubt(conn, run_id) == 2


def test_dropping_marks_them_failed_and_logs_it_and_resume_never_sends_them(ws) -> None:
    run_id = crashed_run(ws, [2, 3])
    with ws.session() as conn:
        assert drop_in_doubt(conn, run_id, T0) == 2
        rows = conn.execute(
            "SELECT person_id, state, reason FROM ledger WHERE run_id = ? AND person_id IN (2, 3)", (run_id,)
        ).fetchall()
        assert [tuple(r) for r in rows] == [(2, "failed", DROPPED_REASON), (3, "failed", DROPPED_REASON)]
        logged = conn.execute(
            "SELECT person_id, type, detail FROM activity WHERE run_id = ? AND detail = ?", (run_id, DROPPED_REASON)
        ).fetchall()
        assert sorted(tuple(r) for r in logged) == [
            (2, "SMS Failed", DROPPED_REASON),
            (3, "SMS Failed", DROPPED_REASON),
        ]
        assert count_in_doubt(conn, run_id) == 0
    client = FakeVibes(members={"101": {mdn(i) for i in range(1, 11)}})
    result = resume_run(ws, run_id, client, clock=lambda: T0)
    assert result.status == "completed" and result.counts["failed"] == 2 and result.counts["sent"] == 8
    assert {e["event_data"]["mdn"] for e in client.events}.isdisjoint({mdn(2), mdn(3)})
    with ws.session() as conn:
        assert unfinished_runs(conn) == []


def test_a_live_run_is_not_touched(ws) -> None:
    run_id = crashed_run(ws, [2])
    with ws.session() as conn:
        ledger.acquire(conn, run_id)  # this process now holds it
        try:
            assert unfinished_runs(conn) == [] and in_doubt_sends(conn, run_id) == []
            with pytest.raises(ledger.RunBusyError):
                drop_in_doubt(conn, run_id)
        finally:
            ledger.release(conn, run_id, "cancelled", T0)


def test_summary_matches_the_ledger(ws) -> None:
    result = start_run(ws, "Promo", FakeVibes(members={"101": {mdn(i) for i in range(1, 11)}}), clock=lambda: T0)
    with ws.session() as conn:
        summary = run_summary(conn, result.run_id)
        assert summary.counts == ledger.run_counts(conn, result.run_id) == result.counts
        assert summary.status == "completed" and not summary.resumable
        assert summary.skipped_by_reason == {"unsubscribed": 1}
        assert dict(summary.bars())["sent"] == 10
        assert (
            summary.activity_total
            == conn.execute("SELECT count(*) FROM activity WHERE run_id = ?", (result.run_id,)).fetchone()[0]
        )
        assert "SMS Sent" in summary.activity_types


def test_segment_totals_sum_every_recipients_rendered_text(ws) -> None:
    with ws.session() as conn:
        campaign = load_campaign(conn, "Promo")
        totals = segment_totals(conn, campaign, plan_step(campaign, 1), T0, message_bodies(conn))
        preview = preview_step(conn, campaign, 1, now=T0)
        expected = sum(
            analyze(f"Hi {'Åsa' if i == 3 else f'Ann{i}'}! Reply STOP to opt out").segments for i in range(1, 11)
        )
        assert totals.texts == preview.recipients == 10 and totals.segments == expected
        estimate = estimate_run(conn, campaign, T0)
        assert estimate.recipients == 10 and estimate.segments == expected


def test_activity_is_read_in_bounded_windows(ws) -> None:
    with ws.session() as conn:
        run_id = ledger.create_run(conn, load_campaign(conn, "Promo"), message_bodies(conn), T0, dry_run=True)
        conn.execute("DELETE FROM activity")
        conn.executemany(
            "INSERT INTO activity(run_id, at, person_id, mdn, step_index, type, detail) VALUES (?, ?, ?, ?, 1, ?, ?)",
            [
                (
                    run_id,
                    "2026-04-06T16:00:00Z",
                    1 + i % 10,
                    mdn(1 + i % 10),
                    "Rare" if i % 500 == 0 else "Common",
                    f"row {i}",
                )
                for i in range(5000)
            ],
        )
    with ws.session() as conn:
        flt = ActivityFilter(run_id, "Rare")
        found: list[int] = []
        after, end = 0, activity_query.last_id(conn, run_id)
        calls = 0
        while after < end:
            ids, after = activity_query.ids_after(conn, flt, after, limit=3, window=700)
            found += ids
            calls += 1
        assert len(found) == activity_query.count_activity(conn, flt) == 10 and calls > 5
        cells = activity_query.rows_for_ids(conn, found[:2])
        assert cells[found[0]][2] == "Rare" and cells[found[0]][4] == "Ann1 Lee"
        assert activity_query.count_activity(conn, ActivityFilter(run_id, search="row 4321")) == 1
        assert activity_query.count_activity(conn, ActivityFilter(run_id, search="Ann2")) == 500
        history = activity_query.person_activity(conn, 1, limit=5)
        assert len(history) == 5 and history[0].campaign == "Promo"
