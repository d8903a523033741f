"""Consent on record: every opt-in and opt-out lands in the append-only consent log with its
source and proof, nothing deletes it, a person's history reads newest first, and an erased
person's number stays never texted, also when it is imported again."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.services.campaigns import save_campaign
from smsflow_desktop.services.consent import (
    consent_entries,
    consent_source,
    export_consent_csv,
    number_hash,
    person_consent_history,
)
from smsflow_desktop.services.engine.preview import preview_step
from smsflow_desktop.services.engine.runner import start_run
from smsflow_desktop.services.erasure import erase_person
from smsflow_desktop.services.importers import import_people_csv, import_vibes_extract
from smsflow_desktop.services.schema import MIGRATIONS, migrate
from smsflow_desktop.services.vibes.callbacks import apply_callback
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.services.engine.helpers import FakeVibes, add_member, add_person, make_workspace, send_campaign, store
from tests.stores import open_workspace, workspace_at

pytestmark = pytest.mark.usefixtures("store_kind")  # each test on a folder and on a database

T0 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
A = "+12125550101"
B = "+12125550102"
C = "+12125550103"


def log(conn: sqlite3.Connection, where: str = "1 = 1", *args: object) -> list[dict[str, object]]:
    conn.row_factory = sqlite3.Row
    return [dict(r) for r in conn.execute(f"SELECT * FROM consent_log WHERE {where} ORDER BY id", args)]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- every source, with its proof -------------------------------------------------------------------------


def test_people_csv_flags_land_with_file_and_line(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "ws")
    first = write(
        tmp_path / "crm.csv",
        f"external_id,first_name,phone,unsubscribed,blocklisted\nA,Ann,{A},true,\nB,Bo,{B},,\nC,Cy,{C},no,yes\n",
    )
    again = write(tmp_path / "crm-2.csv", f"external_id,phone,unsubscribed\nA,{A},false\nB,{B},1\nB,{B},0\n")
    with ws.session() as conn:
        import_people_csv(conn, first)
        import_people_csv(conn, again)
        rows = [(r["mdn"], r["event"], r["source"], r["proof"]) for r in log(conn)]
        assert conn.execute("SELECT count(*) FROM consent_context").fetchone()[0] == 0
    assert rows == [
        (A, "unsubscribed", "import", "crm.csv line 2"),
        (C, "blocklisted", "import", "crm.csv line 4"),
        (A, "resubscribed", "import", "crm-2.csv line 2"),
        # one person twice in one file: each change with its own line
        (B, "unsubscribed", "import", "crm-2.csv line 3"),
        (B, "resubscribed", "import", "crm-2.csv line 4"),
    ]


def test_extract_rows_land_with_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMSFLOW_NOW", "2026-03-02T12:00:00Z")  # before the current extract's snapshot
    ws = make_workspace(tmp_path / "ws")
    daily = write(
        tmp_path / "subscription_extract_20260301.txt",
        "mdn\tsubscription_list_id\tsubscription_list_name\topt_in_date\topt_out_date\tsubscription_event\topt_out_reason\n"
        f"{A}\t101\tMain\t2026-03-01 09:00:00 -0600\t\tOPT_IN\t\n"
        f"{B}\t101\tMain\t2026-03-01 09:00:00 -0600\t\tOPT_IN\t\n"
        f"{B}\t101\tMain\t\t2026-03-01 10:00:00 -0600\tOPT_OUT\tkeyword_opt_out\n",
    )
    current = write(
        tmp_path / "current_subscribers_20260302.txt",
        f"mdn_e164_format\tsubscription_list_id\n{C}\t101\n",
    )
    with ws.session() as conn:
        import_vibes_extract(conn, daily)
        import_vibes_extract(conn, current)
        rows = [(r["mdn"], r["list_id"], r["event"], r["at"], r["source"], r["proof"], r["reason"]) for r in log(conn)]
    assert rows[:3] == [
        (A, "101", "opt_in", "2026-03-01T15:00:00Z", "extract", "subscription_extract_20260301.txt line 2", ""),
        (B, "101", "opt_in", "2026-03-01T15:00:00Z", "extract", "subscription_extract_20260301.txt line 3", ""),
        (B, "101", "opt_out", "2026-03-01T16:00:00Z", "extract", "subscription_extract_20260301.txt line 4",
         "keyword_opt_out"),
    ]  # fmt: skip
    assert rows[3][:3] == (C, "101", "opt_in") and rows[3][5] == "current_subscribers_20260302.txt line 2"
    # the current extract is the whole list: A, missing from it, is no longer a member
    assert rows[4][:3] == (A, "101", "opt_out") and rows[4][6] == "not_in_extract"
    assert rows[4][5].startswith("current_subscribers_20260302.txt: not in this extract")


def test_callbacks_land_with_their_event_id(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    removed = {
        "event_id": "cb-stop-1",
        "event_type": "subscription_removed",
        "subscription": {
            "person": {"mobile_phone": {"mdn": A}},
            "subscription_list": {"id": "101"},
            "opt_out_date": "2026-03-01T12:00:00Z",
            "opt_out_reason": "user_opt_out",
        },
    }
    confirmed = {
        "event_id": "cb-ack-2",
        "event_type": "ack_participant_changed",
        "participant": {"acquisition_campaign": {"api_key": "201"}, "mobile_phone": {"mdn": B}, "status": "CONFIRMED"},
    }
    with ws.session() as conn:
        assert apply_callback(conn, removed) == "applied"
        assert apply_callback(conn, removed) == "duplicate"  # a repeat adds nothing
        assert apply_callback(conn, confirmed) == "applied"
        rows = [(r["mdn"], r["event"], r["source"], r["proof"], r["reason"]) for r in log(conn)]
    assert rows == [
        (A, "opt_out", "callback", "Vibes callback cb-stop-1 (subscription_removed)", "user_opt_out"),
        (B, "confirmed", "callback", "Vibes callback cb-ack-2 (ack_participant_changed)", "CONFIRMED"),
    ]


def test_a_runs_subscribe_and_unsubscribe_land_with_run_and_step(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, A)
        add_person(conn, 2, B)
        add_member(conn, B, "102")
    store(ws, send_campaign("Join", flow=[{"type": "subscribe_vibes_list", "vibes_list_id": "101",
                                           "acquisition_campaign_id": "201"}]))  # fmt: skip
    store(ws, send_campaign("Leave", flow=[{"type": "unsubscribe_vibes_list", "vibes_list_id": "102"}]))
    client = FakeVibes(members={"102": {B}}, subscribe_status="SUBSCRIBED")
    left = start_run(ws, "Leave", client, clock=lambda: T0)
    joined = start_run(ws, "Join", client, clock=lambda: T0)
    assert (left.status, joined.status) == ("completed", "completed")
    with ws.session() as conn:
        rows = [(r["mdn"], r["list_id"], r["event"], r["proof"]) for r in log(conn, "source = 'run'")]
    assert rows[0] == (B, "102", "opt_out", f"run {left.run_id} (Leave), step 1 unsubscribe: unsubscribed")
    assert sorted(rows[1:]) == [  # the run's requests go in parallel: either answer may come first
        (A, "101", "opt_in", f"run {joined.run_id} (Join), step 1 subscribe: subscribed (SUBSCRIBED)"),
        (B, "101", "opt_in", f"run {joined.run_id} (Join), step 1 subscribe: subscribed (SUBSCRIBED)"),
    ]


def test_a_change_nobody_explained_is_manual_and_the_demo_is_demo(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, A)
        conn.execute("UPDATE people SET unsubscribed = 1, updated_at = '2026-03-01T00:00:00Z' WHERE id = 1")
    with ws.session() as conn:
        assert [(r["person_id"], r["event"], r["source"], r["proof"]) for r in log(conn)] == [
            (1, "unsubscribed", "manual", "")
        ]
    demo = str(workspace_at(tmp_path / "demo"))
    subprocess.run(
        [sys.executable, "-m", "smsflow_desktop.cli", "demo", "init", "--people", "60", "--workspace", demo],
        check=True,
        capture_output=True,
    )
    with Workspace.open(demo).session() as conn:
        sources = dict(conn.execute("SELECT source, count(*) FROM consent_log GROUP BY source").fetchall())
    assert set(sources) == {"demo", "import"} and sources["demo"] > 10


def test_consent_source_needs_the_writers_transaction_and_leaves_nothing_behind(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn:
        with pytest.raises(RuntimeError, match="transaction"), consent_source(conn, "import", "x.csv"):
            pass
        with pytest.raises(ZeroDivisionError), transaction(conn), consent_source(conn, "import", "x.csv"):
            add_member(conn, A)
            1 / 0  # noqa: B018
        assert conn.execute("SELECT count(*) FROM consent_context").fetchone()[0] == 0
        assert log(conn) == []  # rolled back with the writer's change


# -- existing workspaces, append-only --------------------------------------------------------------------


@pytest.mark.sqlite_only  # an old SQLite file; the PostgreSQL schema's own tests migrate an older database
def test_the_migration_records_what_a_workspace_held_before(tmp_path: Path) -> None:
    mine = next(i for i, m in enumerate(MIGRATIONS) if "CREATE TABLE consent_log" in m)
    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    migrate(conn, target=mine)
    with transaction(conn):
        add_person(conn, 1, A, blocklisted=1, unsubscribed=1)
        add_person(conn, 2, B)
        add_member(conn, A)
        add_member(conn, B, active=False)
        conn.execute(
            "INSERT INTO vibes_participants(acquisition_id, mdn, status, updated_at) VALUES ('201', ?, 'PENDING', ?)",
            (B, "2026-01-02T00:00:00Z"),
        )
    migrate(conn)
    rows = {(r["mdn"], r["event"]) for r in log(conn)}
    assert rows == {
        (A, "blocklisted"),
        (A, "unsubscribed"),
        (A, "opt_in"),
        (B, "opt_out"),
        (B, "confirmation_requested"),
    }
    assert {(r["source"], r["proof"]) for r in log(conn)} == {("existing", "present before the consent log")}
    conn.close()


def test_nothing_deletes_or_changes_an_entry(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        add_member(conn, A)
    with ws.session() as conn:
        for sql in (
            "DELETE FROM consent_log",
            "UPDATE consent_log SET event = 'opt_out'",
            "UPDATE consent_log SET mdn = NULL",  # only an erasure, and only for the number's hash
            "UPDATE consent_log SET mdn = NULL, number_hash = 'x', proof = 'changed'",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(sql)
        assert [(r["mdn"], r["event"]) for r in log(conn)] == [(A, "opt_in")]


# -- reading it ------------------------------------------------------------------------------------------


def test_a_persons_history_is_newest_first_with_their_numbers_entries(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, A)
        add_person(conn, 2, A)  # shares the number
        add_person(conn, 3, B)
        conn.execute(
            "INSERT INTO vibes_memberships(list_id, mdn, active, opt_in_date, updated_at) "
            "VALUES ('101', ?, 1, '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z')",
            (A,),
        )
        conn.execute("UPDATE people SET blocklisted = 1, updated_at = '2026-02-01T00:00:00Z' WHERE id = 2")
        conn.execute("UPDATE people SET unsubscribed = 1, updated_at = '2026-03-01T00:00:00Z' WHERE id = 3")
    with ws.session() as conn:
        one = [(e.event, e.person_id) for e in person_consent_history(conn, 1)]
        two = [(e.event, e.person_id) for e in person_consent_history(conn, 2)]
    # the number's entries, and the flag of the other person with it (which keeps it from texts)
    assert one == two == [("blocklisted", 2), ("opt_in", None)]


# -- erasure ---------------------------------------------------------------------------------------------


def test_an_erased_number_imported_again_is_never_texted(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    crm = write(
        tmp_path / "crm.csv", f"external_id,first_name,last_name,email,phone,Tier\nA,Ann,Lee,ann@x.com,{A},Gold\n"
    )
    extract = write(tmp_path / "current_subscribers_20260301.txt", f"mdn_e164_format\tsubscription_list_id\n{A}\t101\n")
    campaign = send_campaign()
    with ws.session() as conn:
        import_people_csv(conn, crm)
        import_vibes_extract(conn, extract)
        assert preview_step(conn, campaign, now=T0).recipients == 1
        with transaction(conn):
            conn.execute("INSERT INTO static_lists(name) VALUES ('VIP')")
            conn.execute("INSERT INTO static_list_members(list_id, person_id) VALUES (1, 1)")
        result = erase_person(conn, 1, now="2026-03-02T00:00:00Z")
        assert result.number_kept_as_hash and not result.shared_number and result.entries_hashed == 1
        person = dict(conn.execute("SELECT * FROM people WHERE id = 1").fetchone())
        assert {k: person[k] for k in ("external_id", "first_name", "last_name", "email", "phone_e164")} == {
            "external_id": None,
            "first_name": "",
            "last_name": "",
            "email": "",
            "phone_e164": None,
        }
        assert person["custom_fields"] == "{}" and person["phone_raw"] == ""
        assert conn.execute("SELECT count(*) FROM static_list_members").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM vibes_memberships WHERE mdn = ?", (A,)).fetchone()[0] == 0
        entries = log(conn)
        assert all(e["mdn"] is None for e in entries)
        digest = number_hash(conn, A)
        assert [(e["event"], e["number_hash"]) for e in entries] == [("opt_in", digest), ("erased", digest)]
        assert "Ann" not in json.dumps(entries) and "ann@x.com" not in json.dumps(entries)
        # Vibes still has the number; it comes back in the next extract, and the CRM sends the person again
        import_vibes_extract(conn, write(tmp_path / "current_subscribers_20260303.txt", extract.read_text()))
        import_people_csv(conn, crm)
        preview = preview_step(conn, campaign, now=T0)
        assert preview.recipients == 0 and preview.excluded["phone_suppressed"] == 1
        again = log(conn, "source = 'erasure' AND event = 'opt_out'")
        assert [(e["mdn"], e["proof"]) for e in again] == [
            (A, "the number of a person erased on 2026-03-02; never texted again")
        ]
        # the number still finds its history, hashed entries included
        assert [e.event for e in consent_entries(conn, number=A)] == ["opt_in", "erased", "opt_in", "opt_out"]


def test_a_shared_number_stays_for_the_other_person_but_is_never_texted(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, A)
        add_person(conn, 2, A)
        add_member(conn, A)
    with ws.session() as conn:
        result = erase_person(conn, 1)
        assert result.shared_number and result.entries_hashed == 0
        preview = preview_step(conn, send_campaign(), now=T0)
        assert preview.recipients == 0 and preview.excluded["phone_suppressed"] == 1
        assert conn.execute("SELECT reason FROM number_opt_outs WHERE mdn = ?", (A,)).fetchone()[0] == "erased"


def test_an_opt_in_after_the_erasure_is_new_consent(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, A)
    with ws.session() as conn:
        erase_person(conn, 1, now="2026-03-01T00:00:00Z")
        opt_in = write(
            tmp_path / "subscription_extract_20260310.txt",
            "mdn\tsubscription_list_id\topt_in_date\tsubscription_event\n"
            f"{A}\t101\t2026-03-10 09:00:00 +0000\tOPT_IN\n",
        )
        import_vibes_extract(conn, opt_in)
        import_people_csv(conn, write(tmp_path / "p.csv", f"phone\n{A}\n"))
        assert preview_step(conn, send_campaign(), now=T0).recipients == 1


# -- the "done when" flow on a demo workspace -------------------------------------------------------------


def test_demo_run_with_opt_ins_a_stop_and_an_extract_lists_each_with_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smsflow_desktop.services.vibes import connect

    root = str(workspace_at(tmp_path / "demo"))
    subprocess.run(
        [sys.executable, "-m", "smsflow_desktop.cli", "demo", "init", "--people", "300", "--workspace", root],
        check=True,
        capture_output=True,
    )
    ws = Workspace.open(root)
    club = Campaign.model_validate(
        {
            "name": "Join the club",
            "smart_list": {
                "logic": "all",
                "filters": [
                    {"type": "member_of_vibes_list", "vibes_list_id": "101"},
                    {"type": "person_field", "field": "country", "operator": "is", "values": ["US"]},
                ],
            },
            "flow": [{"type": "subscribe_vibes_list", "vibes_list_id": "102", "acquisition_campaign_id": "202"}],
            "schedule": {"qualification": "every_time"},
            "settings": {"quiet_hours": {"enabled": False}},
        }
    )
    with ws.session() as conn:
        save_campaign(conn, club)
        client, release = connect.open_client_for_workspace(ws, conn)
    server = connect._running[connect._key(connect.emulator_state(ws))][0]
    feed = connect.emulator_feed(ws)
    assert feed is not None
    try:
        monkeypatch.setenv("SMSFLOW_NOW", "2026-04-01T17:00:00Z")  # daytime in every US state's window
        result = start_run(ws, "Join the club", client)
        monkeypatch.delenv("SMSFLOW_NOW")
        assert result.status == "completed" and result.counts["subscribed_pending"] >= 3
        with ws.session() as conn:
            asked = [
                r[0]
                for r in conn.execute(
                    "SELECT mdn FROM ledger WHERE run_id = ? AND state = 'subscribed_pending' ORDER BY mdn",
                    (result.run_id,),
                )
            ]
        yes, stop, extracted = asked[0], asked[1], asked[2]
        for number, text in ((yes, "Y"), (stop, "STOP")):
            httpx.post(f"{server.base_url}/_emulator/reply", json={"mdn": number, "text": text}).raise_for_status()
        assert feed.wait_idle(10)
    finally:
        client.close()
        release()
    extract = write(
        tmp_path / "subscription_extract_20260405.txt",
        "mdn\tsubscription_list_id\tsubscription_list_name\topt_out_date\tsubscription_event\topt_out_reason\n"
        f"{extracted}\t101\tOffers\t2026-04-05 14:30:00 -0600\tOPT_OUT\tkeyword_opt_out\n",
    )
    with ws.session() as conn:
        import_vibes_extract(conn, extract)
        of = {
            n: [(e.event, e.source, e.proof) for e in consent_entries(conn, number=n)] for n in (yes, stop, extracted)
        }
        out = tmp_path / "consent.csv"
        rows = export_consent_csv(conn, out, since="2000-01-01T00:00:00Z")
    run_proof = f"run {result.run_id} (Join the club), step 1 subscribe: subscribed_pending (PENDING)"
    assert ("confirmation_requested", "run", run_proof) in of[yes]
    confirmed = [e for e in of[yes] if e[0] == "confirmed"]
    assert confirmed and confirmed[0][1] == "emulator_reply" and "(Y reply)" in confirmed[0][2]
    stops = [e for e in of[stop] if e[0] == "opt_out"]
    assert stops and all(s[1] == "emulator_reply" and s[2].startswith("STOP received") for s in stops)
    assert ("opt_out", "extract", "subscription_extract_20260405.txt line 2") in of[extracted]
    with out.open(encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    assert len(table) == rows > 300
    assert {"demo", "import", "run", "emulator_reply", "extract"} <= {r["source"] for r in table}
    stop_row = next(r for r in table if r["number"] == "'" + stop and r["event"] == "opt_out")
    assert stop_row["description"].endswith("(STOP)") and stop_row["at"].endswith("Z")
