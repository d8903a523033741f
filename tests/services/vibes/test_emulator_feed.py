"""In emulated mode the workspace hears from its embedded emulator with no setting: routing
answers and delivery receipts reach the ledger and the activity log, also those the emulator
owed when it stopped."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from smsflow_desktop.services.consent import consent_entries
from smsflow_desktop.services.engine.runner import start_run
from smsflow_desktop.services.vibes import connect
from smsflow_desktop.services.workspace import transaction
from tests.reliability.scenarios import T0, mdn
from tests.services.engine.helpers import add_member, add_person, make_workspace, send_campaign, store
from tests.services.vibes.conftest import SEED


def test_an_emulated_run_shows_every_text_delivered_without_a_callback_receiver(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    n = 12
    with ws.session() as conn, transaction(conn):
        for i in range(1, n + 1):
            add_person(conn, i, mdn(i))
            add_member(conn, mdn(i))
    store(ws, send_campaign())
    seed = {
        **SEED,
        "subscriptions": [{"mdn": mdn(i), "list_id": "101"} for i in range(1, n + 1)],
        "undeliverable": [mdn(n)],
    }
    ws.emulator_dir.mkdir(parents=True, exist_ok=True)
    (ws.emulator_dir / "seed.json").write_text(json.dumps(seed), encoding="utf-8")
    with ws.session() as conn:
        client, release = connect.open_client_for_workspace(ws, conn)
    try:
        result = start_run(ws, "Promo", client, clock=lambda: T0)
    finally:
        client.close()
        release()  # right after the run: receipts still owed are delivered before it stops
    assert result.counts["sent"] == n
    with ws.session() as conn:
        kinds = dict(
            conn.execute(
                "SELECT type, count(*) FROM activity WHERE run_id = ? GROUP BY type", (result.run_id,)
            ).fetchall()
        )
        routing = {r[0] for r in conn.execute("SELECT routing FROM ledger WHERE run_id = ?", (result.run_id,))}
    assert kinds["SMS Routed"] == n
    assert kinds["SMS Delivered"] == n - 1
    assert kinds["SMS Undeliverable"] == 1
    assert routing == {"routed"}


def answer_opt_ins(
    tmp_path: Path, replies: dict[str, str], *, listened_before: bool = False
) -> dict[str, list[tuple[str, str | None, str, str]]]:
    """Ask each number of ``replies`` to confirm an opt-in to acquisition campaign 202 (list
    102) in the embedded emulator, text back its reply; each number's consent entries.
    ``listened_before``: the workspace has read the emulator before, with no participant log."""
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        for i, number in enumerate(replies, 1):
            add_person(conn, i, number)
        if listened_before:
            conn.execute("INSERT INTO emulator_feed(name, position) VALUES ('subscriptions', 0), ('routing', 0)")
            conn.execute("INSERT INTO emulator_feed(name, position) VALUES ('receipts', 0)")
    ws.emulator_dir.mkdir(parents=True, exist_ok=True)
    (ws.emulator_dir / "seed.json").write_text(json.dumps(SEED), encoding="utf-8")
    with ws.session() as conn:
        client, release = connect.open_client_for_workspace(ws, conn)
    try:
        server = connect._running[connect._key(connect.emulator_state(ws))][0]
        feed = connect.emulator_feed(ws)
        assert feed is not None
        for number, text in replies.items():
            assert client.add_participant("202", mdn=number).status == "PENDING"
            httpx.post(f"{server.base_url}/_emulator/reply", json={"mdn": number, "text": text}).raise_for_status()
        assert feed.wait_idle(10)
    finally:
        client.close()
        release()
    with ws.session() as conn:
        return {
            n: [(e.event, e.acquisition_id, e.source, e.proof) for e in consent_entries(conn, number=n)]
            for n in replies
        }


def test_a_declined_double_opt_in_is_on_the_consent_record_with_the_reply(tmp_path: Path) -> None:
    entries = answer_opt_ins(tmp_path, {mdn(1): "n"})[mdn(1)]
    assert entries == [
        ("declined", "202", "emulator_reply", "acquisition campaign 202 (N reply) (emulator participant log 1)")
    ]


def test_a_stop_ends_a_pending_opt_in_and_a_yes_is_recorded_once(tmp_path: Path) -> None:
    entries = answer_opt_ins(tmp_path, {mdn(1): "STOP", mdn(2): "Yes"})
    assert [e[:3] for e in entries[mdn(1)]] == [("declined", "202", "emulator_reply")]
    assert entries[mdn(1)][0][3].startswith("acquisition campaign 202 (STOP received)")
    assert [(e[0], e[2]) for e in entries[mdn(2)]] == [("confirmed", "emulator_reply")]
    assert "(Y reply)" in entries[mdn(2)][0][3]


def test_a_workspace_that_listened_before_the_participant_log_hears_of_a_decline(tmp_path: Path) -> None:
    entries = answer_opt_ins(tmp_path, {mdn(1): "NO"}, listened_before=True)[mdn(1)]
    assert [e[:3] for e in entries] == [("declined", "202", "emulator_reply")]
