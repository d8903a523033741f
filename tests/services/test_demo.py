"""The demo workspace: the same for the same seed, realistic proportions, campaigns that
validate (or show the problems they are meant to), and an emulator seed that matches."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import phonenumbers
import pytest

from smsflow_desktop.services.campaigns import load_campaign, validate_in_workspace
from smsflow_desktop.services.demo import DemoError, create_demo_workspace
from smsflow_desktop.services.settings import all_settings
from smsflow_desktop.services.workspace import Workspace


def dump(root: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(root / "smsflow.db")
    try:
        return {
            "people": conn.execute("SELECT * FROM people ORDER BY id").fetchall(),
            "static": conn.execute("SELECT * FROM static_list_members ORDER BY 1, 2").fetchall(),
            "members": conn.execute("SELECT * FROM vibes_memberships ORDER BY 1, 2").fetchall(),
            "campaigns": conn.execute("SELECT name, document FROM campaigns ORDER BY name").fetchall(),
            "messages": conn.execute("SELECT name, body FROM sms_messages ORDER BY name").fetchall(),
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "ws"
    summary = create_demo_workspace(root, people=3000, seed=7)
    assert (summary.workspace, summary.people, summary.campaigns, summary.vibes_lists) == (root, 3000, 2, 3)
    return root


def test_same_seed_same_workspace_other_seed_other_people(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMSFLOW_NOW", "2026-04-05T12:00:00Z")
    stages: list[str] = []
    create_demo_workspace(tmp_path / "a", people=300, seed=11, progress=lambda s, d, t: stages.append(s))
    create_demo_workspace(tmp_path / "b", people=300, seed=11)
    create_demo_workspace(tmp_path / "c", people=300, seed=12)
    assert dump(tmp_path / "a") == dump(tmp_path / "b")
    assert dump(tmp_path / "a")["people"] != dump(tmp_path / "c")["people"]
    assert stages[0] == "people" and stages[-1] == "done"
    seeds = [json.loads((tmp_path / x / "emulator" / "seed.json").read_text(encoding="utf-8")) for x in "ab"]
    assert seeds[0]["password"] != seeds[1]["password"]
    assert {**seeds[0], "password": ""} == {**seeds[1], "password": ""}


def test_proportions_are_roughly_right(demo: Path) -> None:
    conn = sqlite3.connect(demo / "smsflow.db")
    n = 3000
    q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    invalid = q("SELECT count(*) FROM people WHERE phone_valid = 0 AND phone_raw != ''")
    missing = q("SELECT count(*) FROM people WHERE phone_raw = ''")
    shared = q("SELECT count(*) FROM (SELECT phone_e164 FROM people WHERE phone_valid GROUP BY 1 HAVING count(*) > 1)")
    assert 0.02 * n <= invalid <= 0.045 * n
    assert 0.003 * n <= missing <= 0.02 * n
    assert 0.01 * n <= shared <= 0.03 * n
    assert 0.035 * n <= q("SELECT sum(unsubscribed) FROM people") <= 0.065 * n
    for flag in ("blocklisted", "marketing_suspended"):
        assert 0.003 * n <= q(f"SELECT sum({flag}) FROM people") <= 0.02 * n
    countries = dict(conn.execute("SELECT country, count(*) FROM people GROUP BY 1").fetchall())
    assert set(countries) == {"US", "CA", "SE", "GB"}
    numbers = q("SELECT count(DISTINCT phone_e164) FROM people WHERE phone_valid")
    members = q("SELECT count(DISTINCT mdn) FROM vibes_memberships WHERE active")
    assert 0.55 <= members / numbers <= 0.65
    assert (
        q("SELECT count(*) FROM vibes_memberships m LEFT JOIN people p ON p.phone_e164 = m.mdn WHERE p.id IS NULL") == 0
    )


def test_numbers_come_in_every_spelling_and_names_are_realistic(demo: Path) -> None:
    conn = sqlite3.connect(demo / "smsflow.db")
    raws = [r[0] for r in conn.execute("SELECT phone_raw FROM people WHERE phone_valid")]
    for marker in ("(", ".", "-", "+1 ", "+46 ", "+44 ", "0044 ", "0046 ", "001 ", "011 "):
        assert any(r.startswith(marker) or marker in r for r in raws), marker
    assert any(r.isdigit() and r.startswith("07") for r in raws)  # 0701234567 / 07400123456
    assert all(
        phonenumbers.is_valid_number(phonenumbers.parse(e, None))
        for (e,) in conn.execute("SELECT phone_e164 FROM people WHERE phone_valid")
    )
    last = {r[0] for r in conn.execute("SELECT last_name FROM people")}
    assert "García, Jr." in last and any(ch in "".join(last) for ch in "åäö")
    assert conn.execute("SELECT count(*) FROM people WHERE time_zone != ''").fetchone()[0] > 0
    assert conn.execute("SELECT count(*) FROM people WHERE custom_fields LIKE '%Loyalty Tier%'").fetchone()[0] > 0


def test_campaigns_messages_and_lists(demo: Path) -> None:
    ws = Workspace.open(demo)
    with ws.session() as conn:
        assert validate_in_workspace(conn, load_campaign(conn, "Spring promo")) == []
        codes = {p.code for p in validate_in_workspace(conn, load_campaign(conn, "Draft - needs fixes"))}
        assert codes == {"step.message_missing", "wait.duration_invalid", "step.acquisition_campaign_wrong_list"}
        bodies = dict(conn.execute("SELECT name, body FROM sms_messages").fetchall())
        assert len(bodies) == 4
        assert all("Northwind" in b and ("Reply STOP to opt out" in b or "Svara STOP" in b) for b in bodies.values())
        assert any(ord(ch) > 0xFFFF for b in bodies.values() for ch in b)  # an emoji
        assert any(len(b) > 160 for b in bodies.values())
        static = dict(
            conn.execute(
                "SELECT s.name, count(m.person_id) FROM static_lists s "
                "LEFT JOIN static_list_members m ON m.list_id = s.id GROUP BY s.id"
            ).fetchall()
        )
        assert set(static) == {"VIP", "Newsletter", "Stockholm store"} and all(static.values())
        settings = all_settings(conn)
        assert settings["vibes.mode"] == "emulated" and settings["vibes.company_key"] == "demo"
        feeds = conn.execute("SELECT acquisition_id, list_id FROM vibes_acquisition_lists ORDER BY 1").fetchall()
        assert [tuple(r) for r in feeds] == [("201", "101"), ("202", "102")]


def test_emulator_seed_matches_the_mirror_and_keeps_its_password_out_of_the_db(demo: Path) -> None:
    seed = json.loads((demo / "emulator" / "seed.json").read_text(encoding="utf-8"))
    assert (seed["company_key"], seed["username"]) == ("demo", "demo") and len(seed["password"]) >= 16
    assert [s["id"] for s in seed["subscription_lists"]] == ["101", "102", "103"]
    assert {a["acquisition_id"]: a["list_ids"] for a in seed["acquisition_campaigns"]} == {
        "201": ["101"],
        "202": ["102"],
    }
    conn = sqlite3.connect(demo / "smsflow.db")
    mirror = {
        (r[0], r[1], r[2])
        for r in conn.execute("SELECT list_id, mdn, external_person_id FROM vibes_memberships WHERE active")
    }
    assert {(s["list_id"], s["mdn"], s["external_person_id"]) for s in seed["subscriptions"]} == mirror
    # Vibes knows each number's first owner by their external id (People CSV), never the internal id.
    owners = dict(
        conn.execute(
            "SELECT external_id, phone_e164 FROM people p WHERE phone_valid AND id = "
            "(SELECT min(id) FROM people q WHERE q.phone_e164 = p.phone_e164)"
        ).fetchall()
    )
    assert all(owners[s["external_person_id"]] == s["mdn"] for s in seed["subscriptions"])
    # the emulated account serves the demo's countries, from the short code the workspace texts from
    (short_code,) = conn.execute("SELECT value FROM settings WHERE key = 'vibes.short_code'").fetchone()
    assert seed["short_code"] == short_code and seed["countries"] == ["CA", "GB", "SE", "US"]
    for stored in demo.glob("smsflow.db*"):  # the database and its WAL
        assert seed["password"].encode() not in stored.read_bytes()


def test_refuses_a_workspace_that_holds_data(demo: Path) -> None:
    with pytest.raises(DemoError, match="already holds"):
        create_demo_workspace(demo, people=10)


def test_the_embedded_emulator_starts_from_the_demo_seed(tmp_path: Path) -> None:
    connect = pytest.importorskip("smsflow_desktop.services.vibes.connect")
    root = tmp_path / "ws"
    create_demo_workspace(root, people=200, seed=5)
    ws = Workspace.open(root)
    with ws.session() as conn:
        member = conn.execute("SELECT mdn FROM vibes_memberships WHERE list_id = '101' LIMIT 1").fetchone()[0]
        client, stop = connect.open_client_for_workspace(ws, conn)
        try:
            assert [(x.id, x.name) for x in client.list_subscription_lists()] == [
                ("101", "Northwind Offers"),
                ("102", "Northwind Text Club"),
                ("103", "Northwind Sverige"),
            ]
            assert client.get_subscriber("101", member) is not None
        finally:
            stop()


def test_every_demo_number_is_of_a_country_the_demo_account_serves(demo: Path) -> None:
    from smsflow_desktop.services.vibes.emulator.store import load_seed

    seed = load_seed(demo / "emulator" / "seed.json")  # refuses subscribers of other countries
    conn = sqlite3.connect(demo / "smsflow.db")
    try:
        numbers = [r[0] for r in conn.execute("SELECT phone_e164 FROM people WHERE phone_valid = 1")]
    finally:
        conn.close()
    regions = {phonenumbers.region_code_for_number(phonenumbers.parse(e164, None)) for e164 in numbers}
    assert regions <= set(seed["countries"]), regions - set(seed["countries"])  # +44 7509… is Jersey's
