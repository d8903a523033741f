"""Campaign and message versions: a save over a version that moved on is refused, never a silent
overwrite; every saved version is kept with who saved it and when; restore saves an old version
as the newest; renames keep the history; the command line lists, compares and restores."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.model.campaign import Campaign, MemberOfListFilter, SmsMessage
from smsflow_desktop.model.campaign_file import CampaignFile
from smsflow_desktop.model.step_types import SendSmsStep, WaitStep
from smsflow_desktop.services import campaign_versions, schema
from smsflow_desktop.services.campaigns import (
    CampaignNotFound,
    Conflict,
    VersionNotFound,
    campaign_history,
    campaign_version,
    copy_name,
    delete_campaign,
    import_campaign,
    load_campaign,
    load_campaign_and_version,
    load_message_and_version,
    restore_campaign_version,
    save_campaign,
    save_message,
)
from smsflow_desktop.services.static_lists import create_list, rename_list
from smsflow_desktop.services.workspace import Workspace
from tests.stores import open_workspace

pytestmark = pytest.mark.usefixtures("store_kind")  # each test on a folder and on a database


def promo(name: str = "Spring promo", message: str = "Spring offer") -> Campaign:
    return Campaign(name=name, flow=[SendSmsStep(message=message, vibes_list_id="101"), WaitStep(duration="4 hours")])


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return open_workspace(tmp_path / "ws")


@pytest.fixture
def users(monkeypatch: pytest.MonkeyPatch, store_kind: str) -> list[str]:
    """Who saves: the last name pushed (the OS user name the store reads; on PostgreSQL, where
    it is the role that logged in (tests/services/test_pg_team_setup.py), the name it is told)."""
    who = ["anna"]
    monkeypatch.setattr(campaign_versions.getpass, "getuser", lambda: who[-1])
    if store_kind == "postgresql":
        monkeypatch.setattr(campaign_versions, "current_user", lambda conn=None: who[-1])
    return who


def test_a_save_over_a_version_that_moved_on_is_refused_and_loses_nothing(
    ws: Workspace, users: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with ws.session() as setup:
        assert save_campaign(setup, promo(), base_version=0) == 1
    first, second = ws.connect(), ws.connect()
    try:
        mine, base_a = load_campaign_and_version(first, "Spring promo")
        theirs, base_b = load_campaign_and_version(second, "Spring promo")
        assert base_a == base_b == 1
        users.append("bo")
        monkeypatch.setenv("SMSFLOW_NOW", "2026-04-01T09:30:00Z")
        theirs.flow[0].message = "Bo's offer"  # type: ignore[union-attr]
        assert save_campaign(second, theirs, previous_name="Spring promo", base_version=base_b) == 2

        users.append("anna")
        mine.flow[0].message = "Anna's offer"  # type: ignore[union-attr]
        mine_before = mine.model_dump_json()
        with pytest.raises(Conflict) as caught:
            save_campaign(first, mine, previous_name="Spring promo", base_version=base_a)
        conflict = caught.value
        assert isinstance(conflict, ValueError)
        assert (conflict.base_version, conflict.theirs.version) == (1, 2)
        assert (conflict.theirs.saved_by, conflict.theirs.saved_at) == ("bo", "2026-04-01T09:30:00Z")
        assert conflict.theirs.campaign().flow[0].message == "Bo's offer"  # type: ignore[union-attr]
        assert "bo" in str(conflict) and "nothing was saved" in str(conflict)
        # Bo's save stands; Anna's edits are still hers to keep as a copy.
        assert load_campaign(first, "Spring promo").flow[0].message == "Bo's offer"  # type: ignore[union-attr]
        assert mine.model_dump_json() == mine_before
        copy = mine.model_copy(update={"name": copy_name(first, "Spring promo")})
        assert copy.name == "Spring promo (copy)"
        assert save_campaign(first, copy, base_version=0, note=campaign_versions.NOTE_COPY) == 1
        assert load_campaign(first, "Spring promo (copy)").flow[0].message == "Anna's offer"  # type: ignore[union-attr]
        assert copy_name(first, "Spring promo") == "Spring promo (copy 2)"
    finally:
        first.close()
        second.close()


def test_two_savers_at_once_cannot_both_pass(ws: Workspace) -> None:
    with ws.session() as setup:
        save_campaign(setup, promo(), base_version=0)
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def saver(i: int) -> None:
        conn = ws.connect()
        try:
            campaign, base = load_campaign_and_version(conn, "Spring promo")
            campaign.description = f"saver {i}"
            barrier.wait()
            save_campaign(conn, campaign, previous_name="Spring promo", base_version=base)
            outcomes.append("saved")
        except Conflict:
            outcomes.append("conflict")
        finally:
            conn.close()

    threads = [threading.Thread(target=saver, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["conflict", "conflict", "conflict", "saved"]
    with ws.session() as conn:
        assert [v.version for v in campaign_history(conn, "Spring promo")] == [2, 1]


def test_a_new_campaign_does_not_replace_one_created_meanwhile(ws: Workspace, users: list[str]) -> None:
    with ws.session() as conn:
        save_campaign(conn, promo(message="first"), base_version=0)
        with pytest.raises(Conflict, match="already exists"):
            save_campaign(conn, promo(message="second"), base_version=0)
        assert load_campaign(conn, "Spring promo").flow[0].message == "first"  # type: ignore[union-attr]


def test_history_keeps_every_version_with_who_and_when_and_an_unchanged_save_adds_none(
    ws: Workspace, users: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with ws.session() as conn:
        monkeypatch.setenv("SMSFLOW_NOW", "2026-04-01T08:00:00Z")
        save_campaign(conn, promo(), base_version=0)
        users.append("bo")
        monkeypatch.setenv("SMSFLOW_NOW", "2026-04-01T09:00:00Z")
        campaign, base = load_campaign_and_version(conn, "Spring promo")
        campaign.description = "for the newsletter"
        assert save_campaign(conn, campaign, base_version=base) == 2
        assert save_campaign(conn, campaign, base_version=2) == 2  # nothing changed: no new version
        kept = campaign_history(conn, "Spring promo")
        assert [(v.version, v.saved_by, v.saved_at) for v in kept] == [
            (2, "bo", "2026-04-01T09:00:00Z"),
            (1, "anna", "2026-04-01T08:00:00Z"),
        ]
        assert kept[1].campaign().description == "" and kept[0].campaign().description == "for the newsletter"
        # History is never rewritten.
        with pytest.raises(sqlite3.DatabaseError, match="never changed"):
            conn.execute("UPDATE campaign_versions SET document = '{}'")
        with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
            conn.execute("DELETE FROM campaign_versions")


def test_restore_saves_an_old_version_as_the_newest(ws: Workspace, users: list[str]) -> None:
    with ws.session() as conn:
        save_campaign(conn, promo(), base_version=0)
        campaign, base = load_campaign_and_version(conn, "Spring promo")
        campaign.flow.pop()
        save_campaign(conn, campaign, base_version=base)
        assert restore_campaign_version(conn, "Spring promo", 1) == 3
        assert load_campaign(conn, "Spring promo") == campaign_version(conn, "Spring promo", 1).campaign()
        kept = campaign_history(conn, "Spring promo")
        assert [(v.version, v.note) for v in kept] == [(3, "restored:1"), (2, ""), (1, "")]
        assert len(kept[1].campaign().flow) == 1  # version 2 is as it was
        with pytest.raises(VersionNotFound, match="no version 7"):
            restore_campaign_version(conn, "Spring promo", 7)
        with pytest.raises(CampaignNotFound):
            restore_campaign_version(conn, "Autumn", 1)


def test_a_rename_keeps_the_history_and_a_save_under_the_old_name_conflicts(ws: Workspace, users: list[str]) -> None:
    with ws.session() as conn:
        save_campaign(conn, promo(), base_version=0)
        stale, base = load_campaign_and_version(conn, "Spring promo")
        renamed = stale.model_copy(update={"name": "Summer promo"})
        assert save_campaign(conn, renamed, previous_name="Spring promo", base_version=base) == 2
        assert [(v.version, v.name) for v in campaign_history(conn, "Summer promo")] == [
            (2, "Summer promo"),
            (1, "Spring promo"),
        ]
        # Someone who opened it as "Spring promo" before the rename: refused, not a second campaign.
        stale.description = "edited meanwhile"
        with pytest.raises(Conflict) as caught:
            save_campaign(conn, stale, previous_name="Spring promo", base_version=base)
        assert caught.value.theirs.name == "Summer promo"
        assert [r[0] for r in conn.execute("SELECT name FROM campaigns")] == ["Summer promo"]
        # A deleted campaign's history is not inherited by the next new one.
        delete_campaign(conn, "Summer promo")
        save_campaign(conn, promo("Autumn"), base_version=0)
        assert [v.version for v in campaign_history(conn, "Autumn")] == [1]


def test_import_and_a_static_list_rename_are_new_versions_an_open_editor_must_not_overwrite(
    ws: Workspace, users: list[str]
) -> None:
    with ws.session() as conn:
        create_list(conn, "VIP")
        campaign = promo()
        campaign.smart_list.filters.append(MemberOfListFilter(list="VIP"))
        save_campaign(conn, campaign, base_version=0)
        _opened, base = load_campaign_and_version(conn, "Spring promo")
        rename_list(conn, "VIP", "Gold")
        doc = CampaignFile(campaign=promo(message="Imported offer"), messages=[SmsMessage(name="Imported offer")])
        import_campaign(conn, doc, on_clash="replace")
        kept = campaign_history(conn, "Spring promo")
        assert [(v.version, v.note) for v in kept] == [(3, "imported"), (2, "list_renamed"), (1, "")]
        assert kept[1].campaign().smart_list.filters[0].list == "Gold"  # type: ignore[union-attr]
        with pytest.raises(Conflict):
            save_campaign(conn, _opened, base_version=base)


def test_messages_carry_versions_too(ws: Workspace, users: list[str]) -> None:
    with ws.session() as conn:
        assert save_message(conn, SmsMessage(name="Offer", body="Hi! Reply STOP to opt out"), base_version=0) == 1
        loaded = load_message_and_version(conn, "Offer")
        assert loaded is not None and loaded[1] == 1
        users.append("bo")
        assert save_message(conn, SmsMessage(name="Offer", body="Hej! Svara STOP"), base_version=1) == 2
        users.append("anna")
        with pytest.raises(Conflict) as caught:
            save_message(conn, SmsMessage(name="Offer", body="Mine"), previous_name="Offer", base_version=1)
        assert (caught.value.kind, caught.value.theirs.content, caught.value.theirs.saved_by) == (
            "message",
            "Hej! Svara STOP",
            "bo",
        )
        (mid,) = conn.execute("SELECT id FROM sms_messages").fetchone()
        assert [v.content for v in campaign_versions.history(conn, "message", mid)] == [
            "Hej! Svara STOP",
            "Hi! Reply STOP to opt out",
        ]


@pytest.mark.sqlite_only  # an old SQLite file
def test_the_migration_makes_what_a_workspace_holds_version_1(tmp_path: Path) -> None:
    before = next(i for i, m in enumerate(schema.MIGRATIONS) if "CREATE TABLE campaign_versions" in m)
    root = tmp_path / "old"
    root.mkdir()
    conn = sqlite3.connect(root / "smsflow.db", isolation_level=None)
    schema.migrate(conn, target=before)
    stored = promo()
    conn.execute(
        "INSERT INTO campaigns(name, document, created_at, updated_at) VALUES (?, ?, ?, ?)",
        ("Spring promo", stored.model_dump_json(), "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"),
    )
    conn.execute(
        "INSERT INTO sms_messages(name, body, updated_at) VALUES ('Spring offer', 'Hi', '2026-01-15T00:00:00Z')"
    )
    conn.close()
    ws = Workspace.open(root)
    with ws.session() as conn:
        campaign, version = load_campaign_and_version(conn, "Spring promo")
        assert (campaign, version) == (stored, 1)
        (kept,) = campaign_history(conn, "Spring promo")
        assert (kept.version, kept.saved_by, kept.saved_at, kept.note) == (1, "", "2026-02-01T00:00:00Z", "existing")
        assert load_message_and_version(conn, "Spring offer") == (SmsMessage(name="Spring offer", body="Hi"), 1)
        assert [tuple(r) for r in conn.execute("SELECT version, note FROM message_versions")] == [(1, "existing")]
        campaign.description = "changed"
        assert save_campaign(conn, campaign, base_version=1) == 2


# -- the command line -------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, out
    return code, json.loads(lines[0]), err


def test_cli_history_diff_and_restore(ws: Workspace, users: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with ws.session() as conn:
        conn.execute("INSERT INTO vibes_lists(id, name) VALUES ('101', 'Offers')")
        save_campaign(conn, promo(), base_version=0)
        users.append("bo")
        campaign = load_campaign(conn, "Spring promo")
        campaign.flow[0].message = "Spring offer v2"  # type: ignore[union-attr]
        save_campaign(conn, campaign, base_version=1)
    where = ("--workspace", str(ws.root))
    code, data, _ = run(capsys, "campaign", "history", "Spring promo", *where)
    assert code == 0 and data["campaign"] == "Spring promo"
    assert [(v["version"], v["saved_by"]) for v in data["versions"]] == [(2, "bo"), (1, "anna")]
    assert all({"version", "saved_by", "saved_at"} <= set(v) for v in data["versions"])

    code, data, _ = run(capsys, "campaign", "diff", "Spring promo", "1", *where)
    assert code == 0 and (data["from"], data["to"]) == (1, 2)
    assert data["changes"] == ["Step 1 Send SMS Message: SMS message changed from “Spring offer” to “Spring offer v2”"]

    code, data, _ = run(capsys, "campaign", "restore", "Spring promo", "1", *where)
    assert code == 0 and (data["restored"], data["version"]) == (1, 3)
    with ws.session() as conn:
        assert load_campaign(conn, "Spring promo").flow[0].message == "Spring offer"  # type: ignore[union-attr]

    code, data, err = run(capsys, "campaign", "restore", "Spring promo", "9", *where)
    assert code == 2 and "no version 9" in data["error"] and err.count("\n") == 1
    code, data, _ = run(capsys, "campaign", "history", "Autumn", *where)
    assert code == 2 and "no campaign called 'Autumn'" in data["error"]
