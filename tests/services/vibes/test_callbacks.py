"""The callback receiver: from Vibes (the emulator) into the workspace mirror and activity log."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from smsflow_desktop.services.engine import ledger
from smsflow_desktop.services.vibes import VibesClient
from smsflow_desktop.services.vibes.callbacks import CallbackReceiver, apply_callback
from smsflow_desktop.services.workspace import Workspace
from tests.services.vibes.conftest import wait_for

SECRET = "test-callback-secret-0123456789"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.open(tmp_path / "ws", create=True)


@pytest.fixture
def receiver(ws: Workspace) -> Iterator[CallbackReceiver]:
    with CallbackReceiver(ws, max_body=4096, secret=SECRET) as r:
        yield r


def removed(event_id: str, mdn: str, list_id: str, at: str) -> dict:
    return {
        "event_id": event_id,
        "event_type": "subscription_removed",
        "subscription": {
            "person": {"id": "k1", "mobile_phone": {"mdn": mdn}},
            "subscription_list": {"id": list_id},
            "opt_in_date": "2026-01-01T00:00:00Z",
            "opt_out_date": at,
            "opt_out_reason": "user_opt_out",
        },
    }


def added(event_id: str, mdn: str, list_id: str, at: str) -> dict:
    return {
        "event_id": event_id,
        "event_type": "subscription_added",
        "subscription": {
            "person": {"id": "k1", "external_person_id": "E1", "mobile_phone": {"mdn": mdn}},
            "subscription_list": {"id": list_id},
            "opt_in_date": at,
        },
    }


def membership(ws: Workspace, list_id: str, mdn: str) -> dict | None:
    with ws.session() as conn:
        row = conn.execute("SELECT * FROM vibes_memberships WHERE list_id = ? AND mdn = ?", (list_id, mdn)).fetchone()
    return dict(row) if row else None


def test_binds_loopback_and_exposes_its_url(receiver: CallbackReceiver) -> None:
    assert receiver.url.startswith("http://127.0.0.1:") and receiver.url.endswith(f"/vibes/callbacks?token={SECRET}")


def test_opt_in_then_opt_out_and_repeats_are_idempotent(ws: Workspace, receiver: CallbackReceiver) -> None:
    body = added("a1", "+12135550101", "101", "2026-01-01T00:00:00Z")
    assert httpx.post(receiver.url, json=body).json() == {"status": "applied"}
    row = membership(ws, "101", "+12135550101")
    assert row is not None and row["active"] == 1 and row["person_key"] == "k1" and row["external_person_id"] == "E1"
    out = removed("r1", "+12135550101", "101", "2026-02-01T00:00:00Z")
    assert httpx.post(receiver.url, json=out).json() == {"status": "applied"}
    assert httpx.post(receiver.url, json=out).json() == {"status": "duplicate"}
    assert httpx.post(receiver.url, json=body).json() == {"status": "duplicate"}  # a late repeat of the opt-in
    row = membership(ws, "101", "+12135550101")
    assert (row["active"], row["opt_out_reason"], row["opt_out_date"]) == (0, "user_opt_out", "2026-02-01T00:00:00Z")
    with ws.session() as conn:
        assert conn.execute("SELECT COUNT(*) FROM callbacks_seen").fetchone()[0] == 2
    assert receiver.counts["duplicate"] == 2


def test_an_older_opt_in_never_undoes_a_newer_opt_out(ws: Workspace) -> None:
    with ws.session() as conn:
        apply_callback(conn, removed("r", "+12135550101", "101", "2026-02-01T00:00:00Z"))
        apply_callback(conn, added("a-old", "+12135550101", "101", "2026-01-15T00:00:00Z"))
        assert membership(ws, "101", "+12135550101")["active"] == 0  # type: ignore[index]
        apply_callback(conn, added("a-new", "+12135550101", "101", "2026-03-01T00:00:00Z"))
        assert membership(ws, "101", "+12135550101")["active"] == 1  # type: ignore[index]


def test_delivery_receipts_go_to_activity_against_the_run(ws: Workspace, receiver: CallbackReceiver) -> None:
    with ws.session() as conn:
        conn.execute(
            "INSERT INTO runs(id, campaign_name, status, snapshot, started_at) VALUES (1, 'c', 'running', '{}', 'x')"
        )
        conn.execute(
            "INSERT INTO ledger(run_id, step_index, person_id, mdn, action, state, event_id, updated_at) "
            "VALUES (1, 0, 42, '+12135550101', 'send_sms', 'sent', 'ev-1', 'x')"
        )
    for stage in ("routing", "carrier_dlr", "handset_dlr"):
        body = {
            "event_id": f"cb-{stage}",
            "event_type": "event_processed",
            "event_processed": {"event_id": "ev-1", "stage": stage, "status": "success", "mdn": "+12135550101"},
        }
        assert httpx.post(receiver.url, json=body).status_code == 200
    httpx.post(receiver.url, json=body)  # repeated
    with ws.session() as conn:
        rows = conn.execute("SELECT run_id, person_id, step_index, type, detail FROM activity ORDER BY id").fetchall()
    assert [r["type"] for r in rows] == ["SMS Routed", "Delivered to Carrier", "SMS Delivered"]
    assert {(r["run_id"], r["person_id"], r["step_index"]) for r in rows} == {(1, 42, 0)}
    assert json.loads(rows[0]["detail"])["event_id"] == "ev-1"
    with ws.session() as conn:
        assert ledger.run_counts(conn, 1)["delivered"] == 1  # the run's summary sees the receipt


def test_refuses_non_json_large_bodies_and_wrong_methods(receiver: CallbackReceiver) -> None:
    assert (
        httpx.post(
            receiver.url, content=b"a=b", headers={"Content-Type": "application/x-www-form-urlencoded"}
        ).status_code
        == 415
    )
    assert httpx.post(receiver.url, content=b"{}").status_code == 415  # no content type at all
    big = json.dumps({"event_id": "x", "pad": "y" * 5000})
    assert httpx.post(receiver.url, content=big, headers={"Content-Type": "application/json"}).status_code == 413

    def chunks() -> Iterator[bytes]:
        yield big.encode()

    assert httpx.post(receiver.url, content=chunks(), headers={"Content-Type": "application/json"}).status_code == 413
    assert httpx.post(receiver.url, content=b"{oops", headers={"Content-Type": "text/json"}).status_code == 400
    assert httpx.post(receiver.url, json=[1, 2]).status_code == 400
    assert httpx.get(receiver.url).status_code == 405
    assert httpx.post(receiver.url.replace("/vibes/callbacks", "/other"), json={}).status_code == 404


def test_end_to_end_stop_reaches_the_mirror(
    ws: Workspace, receiver: CallbackReceiver, client: VibesClient, control: httpx.Client
) -> None:
    client.register_callback(callback_type="subscription_removed", url=receiver.url)
    client.register_callback(callback_type="subscription_added", url=receiver.url)
    client.register_callback(callback_type="ack_participant_changed", url=receiver.url)
    client.add_participant("201", mdn="+12135550130")
    control.post("/reply", json={"mdn": "+12135550130", "text": "Y"})
    wait_for(lambda: (membership(ws, "101", "+12135550130") or {}).get("active") == 1)
    control.post("/reply", json={"mdn": "+12135550130", "text": "STOP"})
    wait_for(lambda: (membership(ws, "101", "+12135550130") or {}).get("active") == 0)
    assert membership(ws, "101", "+12135550130")["opt_out_reason"] == "user_opt_out"  # type: ignore[index]
    with ws.session() as conn:
        wait_for(lambda: conn.execute("SELECT status FROM vibes_participants WHERE mdn = '+12135550130'").fetchone())
        assert conn.execute("SELECT status FROM vibes_participants").fetchone()[0] == "CONFIRMED"
