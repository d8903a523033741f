"""Runs against a Vibes that is as strict as the real one: the short code a remote run needs
(refused without it, carried by every event-triggered message with it) and the identifiers
that reach Vibes (a person's external id, or the number only; never an internal id)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services.engine.runner import CampaignHasProblems, RunOptions, start_run
from smsflow_desktop.services.settings import set_setting
from smsflow_desktop.services.vibes.connect import open_client_for_workspace
from smsflow_desktop.services.vibes.emulator import EmulatorServer
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.services.engine.helpers import add_member, add_person, make_workspace, send_campaign, store
from tests.services.vibes.conftest import SEED, SHORT_CODE

FLOW = [
    {"type": "send_sms", "message": "Hello", "vibes_list_id": "101"},
    {"type": "subscribe_vibes_list", "vibes_list_id": "102", "acquisition_campaign_id": "202"},
]
NUMBERS = {1: "+12124560001", 2: "+12124560002", 3: "+12124560003"}


@pytest.fixture
def vibes_server(tmp_path: Path) -> Iterator[EmulatorServer]:
    """A separate emulator (the workspace's "remote" Vibes) whose account has a short code."""
    seed = {**SEED, "subscriptions": [{"mdn": m, "list_id": "101"} for m in NUMBERS.values()]}
    (tmp_path / "remote-seed.json").write_text(json.dumps(seed), encoding="utf-8")
    with EmulatorServer(tmp_path / "remote", seed=tmp_path / "remote-seed.json", delivery_delay_s=0.05) as server:
        yield server


@pytest.fixture
def ws(tmp_path: Path, vibes_server: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """Three people on list 101 (person 3 without an external id), a campaign that texts
    them and then asks them to join list 102, settings in remote mode for ``vibes_server``."""
    monkeypatch.setenv("SMSFLOW_VIBES_PASSWORD", vibes_server.password)
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        conn.execute("INSERT INTO vibes_acquisition_campaigns(id, description) VALUES ('202', 'Alerts')")
        conn.execute("INSERT INTO vibes_acquisition_lists(acquisition_id, list_id) VALUES ('202', '102')")
        for pid, mdn in NUMBERS.items():
            add_person(conn, pid, mdn, external_id=f"CRM-{pid}" if pid != 3 else None)
            add_member(conn, mdn)
    store(ws, send_campaign(flow=FLOW))
    with ws.session() as conn:
        for key, value in (
            ("vibes.mode", "remote"),
            ("vibes.base_url", vibes_server.base_url),
            ("vibes.username", vibes_server.username),
            ("vibes.company_key", vibes_server.company_key),
        ):
            set_setting(conn, key, value)
    return ws


def _etms(server: EmulatorServer) -> list[dict]:
    with httpx.Client(auth=(server.username, server.password), headers={"X-API-Version": "2"}) as http:
        answer = http.get(f"{server.base_url}/companies/{server.company_key}/mobiledb/event_triggered_messages")
    answer.raise_for_status()
    return answer.json()


def test_a_remote_run_without_a_short_code_is_refused_before_anything_is_sent(
    ws: Workspace, vibes_server: EmulatorServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "Promo", "--workspace", str(ws.root), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "refused"
    assert [(p["code"], p["field"]) for p in data["problems"]] == [("missing_short_code", "vibes.short_code")]
    assert main(["run", "Promo", "--workspace", str(ws.root)]) == 1
    out = capsys.readouterr().out
    assert "vibes.short_code is not set" in out and "Traceback" not in out
    # the app's run (what its run confirmation shows) is refused the same way
    with ws.session() as conn:
        client, stop = open_client_for_workspace(ws, conn)
    try:
        with pytest.raises(CampaignHasProblems) as info:
            start_run(ws, "Promo", client)
    finally:
        stop()
    assert [p.code for p in info.value.problems] == ["missing_short_code"]
    assert vibes_server.injector.counters.requests == 0 and _etms(vibes_server) == []  # Vibes was never asked
    with ws.session() as conn:
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 0


def test_resuming_a_remote_run_without_a_short_code_is_refused(
    ws: Workspace, vibes_server: EmulatorServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with ws.session() as conn:
        set_setting(conn, "vibes.short_code", SHORT_CODE)
    assert main(["run", "Promo", "--workspace", str(ws.root), "--json"]) == 0
    run_id = json.loads(capsys.readouterr().out)["run_id"]  # waiting: the subscribe step is not done
    with ws.session() as conn:
        conn.execute("UPDATE runs SET status = 'cancelled' WHERE id = ?", (run_id,))
        set_setting(conn, "vibes.short_code", "")
    assert main(["run", "Promo", "--workspace", str(ws.root), "--resume", str(run_id), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "refused" and [p["code"] for p in data["problems"]] == ["missing_short_code"]


def test_a_dry_run_needs_no_short_code(ws: Workspace) -> None:
    result = start_run(ws, "Promo", None, options=RunOptions(dry_run=True))
    assert result.status in ("completed", "waiting") and result.counts["sent"] == 3


def test_with_a_short_code_every_message_carries_it_and_no_internal_id_reaches_vibes(
    ws: Workspace, vibes_server: EmulatorServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with ws.session() as conn:
        set_setting(conn, "vibes.short_code", SHORT_CODE)
        set_setting(conn, "default_region", "US")
    assert main(["run", "Promo", "--workspace", str(ws.root), "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)["counts"]
    assert counts["sent"] == 3 and counts["subscribed_pending"] == 3
    etms = _etms(vibes_server)
    assert etms and all(
        e["targeting"]["sms"] == {"sourcecode": SHORT_CODE, "country_code": "1", "sourcecode_type": "SC"} for e in etms
    )
    store_ = vibes_server.store
    assert store_ is not None
    persons = {r["mdn"]: r["external_person_id"] for r in store_.q("SELECT mdn, external_person_id FROM persons")}
    # the people's own external ids, and the number only for the person without one
    assert persons == {NUMBERS[1]: "CRM-1", NUMBERS[2]: "CRM-2", NUMBERS[3]: None}
    internal = {str(pid) for pid in NUMBERS}
    events = [json.loads(r["event_data"]) for r in store_.q("SELECT event_data FROM events")]
    assert len(events) == 3 and not any(set(map(str, e.values())) & internal for e in events)
    with ws.session() as conn:
        mirrored = {r[0] for r in conn.execute("SELECT external_person_id FROM vibes_memberships")}
    assert not mirrored & internal


def test_another_short_code_is_another_message(ws: Workspace, vibes_server: EmulatorServer) -> None:
    """After the short code changes, the next run's texts go from the new one (here the
    emulated account refuses it, as Vibes refuses a code the company does not hold)."""
    with ws.session() as conn:
        set_setting(conn, "vibes.short_code", SHORT_CODE)
    assert main(["run", "Promo", "--workspace", str(ws.root), "--json"]) == 0
    with ws.session() as conn:
        set_setting(conn, "vibes.short_code", "77777")
        client, stop = open_client_for_workspace(ws, conn)
    try:
        result = start_run(ws, "Promo", client)
    finally:
        stop()
    assert result.status == "failed" and "77777 is not provisioned" in (result.error or "")
    assert {e["targeting"]["sms"]["sourcecode"] for e in _etms(vibes_server)} == {SHORT_CODE}
