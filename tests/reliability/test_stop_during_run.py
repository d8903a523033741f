"""STOP means stop: opt-outs that happen while a run sends reach it, from every source.

A number that texted STOP gets no further text and no opt-in request from any step, whether
the workspace hears of it from the embedded emulator, a callback, an extract or Vibes itself
(asked before a subscribe); a text that Vibes refused to route is never recorded as sent.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest

from smsflow_desktop.services.engine.preview import preview_step
from smsflow_desktop.services.engine.runner import RunOptions, RunProgress, start_run
from smsflow_desktop.services.vibes import connect
from smsflow_desktop.services.vibes.callbacks import apply_callback
from smsflow_desktop.services.vibes.emulator import EmulatorServer
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.reliability import scenarios
from tests.reliability.scenarios import T0, mdn
from tests.services.engine.helpers import FakeVibes, add_member, add_person, make_workspace, send_campaign, store
from tests.services.vibes.conftest import SEED

SUBSCRIBE_FLOW = [
    {"type": "send_sms", "message": "Hello", "vibes_list_id": "101"},
    {"type": "subscribe_vibes_list", "vibes_list_id": "102", "acquisition_campaign_id": "202"},
]


def _workspace(root: Path, n: int) -> Workspace:
    """``n`` people on Vibes list 101 (in the mirror and in the embedded emulator's seed) and
    a campaign that texts them and then asks them to join list 102."""
    ws = make_workspace(root)
    with ws.session() as conn, transaction(conn):
        conn.execute("INSERT INTO vibes_acquisition_campaigns(id, description) VALUES ('202', 'Alerts')")
        conn.execute("INSERT INTO vibes_acquisition_lists(acquisition_id, list_id) VALUES ('202', '102')")
        for i in range(1, n + 1):
            add_person(conn, i, mdn(i))
            add_member(conn, mdn(i))
    store(ws, send_campaign(flow=SUBSCRIBE_FLOW))
    seed = {**SEED, "subscriptions": [{"mdn": mdn(i), "list_id": "101"} for i in range(1, n + 1)]}
    ws.emulator_dir.mkdir(parents=True, exist_ok=True)
    (ws.emulator_dir / "seed.json").write_text(json.dumps(seed), encoding="utf-8")
    return ws


def _ledger(ws: Workspace, run_id: int) -> dict[tuple[int, str], tuple[str, str | None]]:
    with ws.session() as conn:
        return {
            (r[0], r[1]): (r[2], r[3])
            for r in conn.execute("SELECT step_index, mdn, state, reason FROM ledger WHERE run_id = ?", (run_id,))
        }


def test_a_stop_texted_during_an_emulated_run_reaches_it(tmp_path: Path) -> None:
    n = 60
    ws = _workspace(tmp_path / "ws", n)
    stopped: dict[str, str] = {}  # number -> its step-1 state when it said STOP
    with ws.session() as conn:
        client, release = connect.open_client_for_workspace(ws, conn)
    server: EmulatorServer = connect._running[ws.emulator_dir.resolve()][0]
    feed = connect.emulator_feed(ws)
    assert feed is not None

    def progress(p: RunProgress) -> None:
        if stopped or p.counts.get("sent", 0) < n // 3:
            return
        with ws.session() as conn:
            rows = conn.execute(
                "SELECT mdn, state FROM ledger WHERE run_id = ? AND step_index = 1 AND state IN ('pending', 'sent') "
                "AND NOT EXISTS (SELECT 1 FROM ledger b WHERE b.run_id = ledger.run_id AND b.mdn = ledger.mdn "
                "AND b.state = 'sending') ORDER BY person_id",
                (p.run_id,),
            ).fetchall()
        chosen = [r for r in rows if r[1] == "pending"][:8] + [r for r in rows if r[1] == "sent"][:8]
        for number, state in chosen:
            httpx.post(f"{server.base_url}/_emulator/reply", json={"mdn": number, "text": "STOP"}).raise_for_status()
            stopped[number] = state
        assert feed.wait_idle(10)  # the coordinator waits here: what it does next, it does knowing

    try:
        result = start_run(
            ws, "Promo", client, clock=lambda: T0, progress=progress, options=RunOptions(progress_interval_s=0)
        )
        feed.wait_idle(10)
    finally:
        client.close()
        release()
    assert result.status == "completed"
    assert {s for s in stopped.values()} == {"pending", "sent"}, "some STOPs before their text, some after"
    ledger = _ledger(ws, result.run_id)
    for number, state_then in stopped.items():
        if state_then == "pending":
            assert ledger[(1, number)][0] == "skipped", number
        assert ledger[(2, number)] == ("skipped", "phone_suppressed"), number

    with sqlite3.connect(ws.emulator_dir / "vibes-emulator.db") as vibes:
        texts_after_stop = vibes.execute(
            "SELECT m.mdn, m.kind FROM messages m JOIN messages s ON s.mdn = m.mdn AND s.direction = 'in' "
            "AND upper(s.text) = 'STOP' WHERE m.direction = 'out' AND m.kind IN ('event', 'confirmation') "
            "AND m.id > s.id"
        ).fetchall()
    assert texts_after_stop == []
    # Everyone else was texted and asked to join, once.
    others = [mdn(i) for i in range(1, n + 1) if mdn(i) not in stopped]
    assert all(ledger[(1, m)][0] == "sent" and ledger[(2, m)][0] == "subscribed_pending" for m in others)
    with ws.session() as conn:
        known = {r[0] for r in conn.execute("SELECT mdn FROM number_opt_outs")}
        campaign = send_campaign(flow=SUBSCRIBE_FLOW)
        preview = preview_step(conn, campaign, step=2, now=T0)
    assert known == set(stopped)
    assert preview.excluded["phone_suppressed"] == len(stopped)


def test_a_routing_refusal_that_arrives_before_the_answer_is_never_sent(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        for i in (1, 2):
            add_person(conn, i, mdn(i))
            add_member(conn, mdn(i))
    store(ws, send_campaign())

    def refuse_first(event: dict[str, Any]) -> None:
        if event["mdn"] != mdn(1):
            return
        with ws.session() as conn:
            event_id = conn.execute("SELECT event_id FROM ledger WHERE mdn = ?", (mdn(1),)).fetchone()[0]
            payload = {
                "event_id": "cb-1",
                "event_type": "event_processed",
                "event_processed": {"event_id": event_id, "stage": "routing", "status": "failure", "reason": "STOP"},
            }
            assert apply_callback(conn, payload) == "applied"

    result = start_run(ws, "Promo", FakeVibes(before_send=refuse_first), clock=lambda: T0)
    ledger = _ledger(ws, result.run_id)
    assert ledger[(1, mdn(1))] == ("failed", "routing_failed")
    assert ledger[(1, mdn(2))][0] == "sent"
    assert result.counts["sent"] == 1 and result.counts["failed"] == 1


def test_a_late_routing_refusal_turns_sent_into_failed_and_a_routed_doubt_into_sent(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        for i in (1, 2):
            add_person(conn, i, mdn(i))
            add_member(conn, mdn(i))
    store(ws, send_campaign())
    result = start_run(ws, "Promo", FakeVibes(), clock=lambda: T0)
    with ws.session() as conn:
        ids = dict(conn.execute("SELECT mdn, event_id FROM ledger WHERE run_id = ?", (result.run_id,)).fetchall())
        conn.execute("UPDATE ledger SET state = 'in_doubt', sent_at = NULL WHERE mdn = ?", (mdn(2),))
        for n, (number, status) in enumerate(((mdn(1), "failure"), (mdn(2), "success"))):
            payload = {
                "event_id": f"cb-{n}",
                "event_type": "event_processed",
                "event_processed": {"event_id": ids[number], "stage": "routing", "status": status},
            }
            apply_callback(conn, payload)
        sent_at = conn.execute("SELECT sent_at FROM ledger WHERE mdn = ?", (mdn(1),)).fetchone()[0]
    ledger = _ledger(ws, result.run_id)
    assert ledger[(1, mdn(1))] == ("failed", "routing_failed")
    assert sent_at is None, "a text that never went out does not count against the frequency cap"
    assert ledger[(1, mdn(2))] == ("sent", None)


def test_before_a_subscribe_vibes_is_asked_whether_the_number_said_stop(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        conn.execute("INSERT INTO vibes_acquisition_lists(acquisition_id, list_id) VALUES ('201', '102')")
        for i in (1, 2):
            add_person(conn, i, mdn(i))
    store(
        ws,
        send_campaign(
            flow=[{"type": "subscribe_vibes_list", "vibes_list_id": "101", "acquisition_campaign_id": "201"}]
        ),
    )
    vibes = FakeVibes(stopped={mdn(1): ("101", "2026-03-01T10:00:00Z")})
    result = start_run(ws, "Promo", vibes, clock=lambda: T0)
    ledger = _ledger(ws, result.run_id)
    assert ledger[(1, mdn(1))] == ("skipped", "phone_suppressed")
    asked = [args[1] for name, args in vibes.calls if name == "add_participant"]
    assert asked == [mdn(2)]
    with ws.session() as conn:
        row = conn.execute("SELECT reason, opted_out_at FROM number_opt_outs WHERE mdn = ?", (mdn(1),)).fetchone()
    assert tuple(row) == ("user_opt_out", "2026-03-01T10:00:00Z"), "the workspace remembers what Vibes said"


def _membership(conn: Any, number: str, *, active: bool, reason: str | None, when: str, list_id: str = "101") -> None:
    conn.execute(
        "INSERT INTO vibes_memberships(list_id, mdn, active, opt_in_date, opt_out_date, opt_out_reason, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(list_id, mdn) DO UPDATE SET active = excluded.active, "
        "opt_in_date = coalesce(excluded.opt_in_date, opt_in_date), opt_out_date = excluded.opt_out_date, "
        "opt_out_reason = excluded.opt_out_reason",
        (list_id, number, int(active), when if active else None, None if active else when, reason, when),
    )


@pytest.mark.parametrize(
    ("reason", "remembered"),
    [("user_opt_out", True), ("USER_OPT_OUT", True), ("keyword_opt_out", True), ("api_opt_out", False)],
)
def test_the_mirror_remembers_numbers_that_said_stop(tmp_path: Path, reason: str, remembered: bool) -> None:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        _membership(conn, mdn(1), active=True, reason=None, when="2026-01-01T00:00:00Z")
        _membership(conn, mdn(1), active=False, reason=reason, when="2026-02-01T00:00:00Z")
        known = conn.execute("SELECT count(*) FROM number_opt_outs WHERE mdn = ?", (mdn(1),)).fetchone()[0]
    assert known == int(remembered)


def test_only_a_later_opt_in_lifts_a_stop(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        _membership(conn, mdn(1), active=False, reason="user_opt_out", when="2026-02-01T00:00:00Z")
        # A stale opt-in to another list (an old extract) does not undo the STOP...
        _membership(conn, mdn(1), active=True, reason=None, when="2026-01-15T00:00:00Z", list_id="102")
        assert conn.execute("SELECT count(*) FROM number_opt_outs").fetchone()[0] == 1
        # ...an opt-in after it does (a keyword or START texted by the person).
        _membership(conn, mdn(1), active=True, reason=None, when="2026-02-02T00:00:00+00:00", list_id="101")
        assert conn.execute("SELECT count(*) FROM number_opt_outs").fetchone()[0] == 0


def test_a_stop_the_emulator_recorded_while_nobody_listened_is_caught_up(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "ws", 3)
    with ws.session() as conn:
        _client, release = connect.open_client_for_workspace(ws, conn)
    _client.close()
    release()  # the feed knows where it stopped reading
    server = EmulatorServer(ws.emulator_dir).start()  # the emulator runs without the workspace (a crash)
    try:
        httpx.post(f"{server.base_url}/_emulator/reply", json={"mdn": mdn(2), "text": "STOP"}).raise_for_status()
    finally:
        server.stop()
    with ws.session() as conn:
        assert conn.execute("SELECT count(*) FROM number_opt_outs").fetchone()[0] == 0
        client, release = connect.open_client_for_workspace(ws, conn)
    try:
        feed = connect.emulator_feed(ws)
        assert feed is not None and feed.wait_idle(10)
    finally:
        client.close()
        release()
    with ws.session() as conn:
        assert [r[0] for r in conn.execute("SELECT mdn FROM number_opt_outs")] == [mdn(2)]
        assert conn.execute("SELECT active FROM vibes_memberships WHERE mdn = ?", (mdn(2),)).fetchone()[0] == 0


def test_the_emulator_sends_no_opt_in_request_to_a_number_that_said_stop(tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps(SEED), encoding="utf-8")
    with EmulatorServer(tmp_path / "state", seed=seed) as server:
        base = f"{server.base_url}/companies/{server.company_key}/campaigns/acquisition/202/participants"
        auth = (server.username, server.password)
        headers = {"X-API-Version": "2"}
        number = "+12135550102"
        httpx.post(f"{server.base_url}/_emulator/reply", json={"mdn": number, "text": "STOP"}).raise_for_status()
        refused = httpx.post(base, json={"mobile_phone": {"mdn": number}}, auth=auth, headers=headers)
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["code"] == "MDNHASCONFIRMATIONBLOCK"
        httpx.post(f"{server.base_url}/_emulator/reply", json={"mdn": number, "text": "START"}).raise_for_status()
        again = httpx.post(base, json={"mobile_phone": {"mdn": number}}, auth=auth, headers=headers)
        assert again.status_code == 201


@pytest.mark.slow
def test_stop_replies_during_a_killed_and_resumed_command_line_run(tmp_path: Path) -> None:
    tally = scenarios.stop_during_run(tmp_path, 400, random.Random(3), share=0.1, kills=1)
    assert tally.stops > 0 and tally.kills + 1 >= 1
    assert tally.texts_after_stop == 0
    assert tally.subscribes_known == 0
    assert tally.false_sent == 0
    assert tally.skipped_after_stop > 0, "the runner learned of STOPs while it ran"
