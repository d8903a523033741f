"""Test sends: a step's text, rendered for a person, to the seed numbers, outside every run."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services.campaigns import load_campaign
from smsflow_desktop.services.engine import ledger
from smsflow_desktop.services.engine.results import export_activity_csv
from smsflow_desktop.services.engine.runner import start_run
from smsflow_desktop.services.engine.test_send import (
    SendTestError,
    prepare_test,
    recent_test_sends,
    render_step,
    send_test,
)
from smsflow_desktop.services.settings import SettingError, set_setting
from smsflow_desktop.services.vibes.callbacks import apply_callback
from smsflow_desktop.services.vibes.errors import NetworkError
from smsflow_desktop.services.workspace import transaction
from tests.services.engine.helpers import FakeVibes, add_member, add_person, make_workspace, send_campaign, store

T0 = datetime(2026, 4, 6, 16, 0, tzinfo=UTC)
SEED_A, SEED_B = "+12135550101", "+12135550102"
BODIES = {"Hello": "Hi {{lead.First Name|there}}! Reply STOP to opt out", "Hej": "Hej {{lead.First Name|du}}!"}
CHOICE_FLOW = [
    {
        "type": "send_sms",
        "message": "Hello",
        "vibes_list_id": "101",
        "choices": [
            {
                "when": {"field": "country", "operator": "is", "values": ["SE"]},
                "then": {"message": "Hej", "vibes_list_id": "101"},
            },
            {"when": {"field": "state", "operator": "is", "values": ["TX"]}, "then": None},
        ],
    },
    {"type": "wait", "duration": "1 day"},
    {"type": "unsubscribe_vibes_list", "vibes_list_id": "101"},
]


@pytest.fixture
def ws(tmp_path: Path):
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, "+12124560001", first_name="Ann")
        add_person(conn, 2, "+46701234567", first_name="Åsa", country="SE")
        add_person(conn, 3, "+12124560003", first_name="Tex", state="TX")
        for mdn in ("+12124560001", "+46701234567", "+12124560003", SEED_A, SEED_B):
            add_member(conn, mdn)
    store(ws, send_campaign(flow=CHOICE_FLOW), BODIES)
    with ws.session() as conn:
        set_setting(conn, "test_numbers", f"{SEED_A}, {SEED_B}")
    return ws


def test_the_persons_branch_is_rendered_and_sent_to_each_seed_number_marked_as_a_test(ws) -> None:
    client = FakeVibes()
    with ws.session() as conn:
        report = send_test(conn, client, load_campaign(conn, "Promo"), 1, 2, now=T0)
        assert (report.rendered.branch, report.rendered.message, report.rendered.text) == (
            "Choice 1",
            "Hej",
            "Hej Åsa!",
        )
        assert [(r.mdn, r.status) for r in report.results] == [(SEED_A, "sent"), (SEED_B, "sent")]
        assert [e["event_data"] for e in client.events] == [
            {"mdn": SEED_A, "message": "Hej Åsa!"},
            {"mdn": SEED_B, "message": "Hej Åsa!"},
        ]
        # the run's event-triggered message for the step, made once and recorded for runs too
        assert len(client.etms) == 1 and client.etms[0]["list_id"] == "101"
        assert {e["event_type"] for e in client.events} == {
            conn.execute("SELECT event_type FROM vibes_event_messages").fetchone()[0]
        }
        rows = conn.execute("SELECT run_id, person_id, mdn, step_index, type, detail FROM activity").fetchall()
        assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows] == [
            (None, None, SEED_A, 1, "SMS Test Sent"),
            (None, None, SEED_B, 1, "SMS Test Sent"),
        ]
        detail = json.loads(rows[0][5])
        assert detail["test"] is True and detail["campaign"] == "Promo" and detail["rendered_for"] == 2
        assert detail["event_id"].startswith("smsflow-test-")
        assert conn.execute("SELECT count(*) FROM ledger").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 0
        assert [t["mdn"] for t in recent_test_sends(conn, "Promo")] == [SEED_B, SEED_A]


def test_without_a_person_the_default_is_sent_with_the_token_defaults(ws) -> None:
    with ws.session() as conn:
        rendered = render_step(conn, load_campaign(conn, "Promo"), 1, None)
        assert (rendered.branch, rendered.text) == ("Default", "Hi there! Reply STOP to opt out")
        assert render_step(conn, load_campaign(conn, "Promo"), 1, 1).text == "Hi Ann! Reply STOP to opt out"


@pytest.mark.parametrize(
    ("step", "person", "numbers", "code", "bad_input"),
    [
        (1, 1, [], "no_test_numbers", True),
        (1, 1, ["2135550101"], "invalid_number", True),
        (1, 1, ["+1 999"], "invalid_number", True),
        (2, 1, None, "not_send_sms", True),
        (3, 1, None, "not_send_sms", True),
        (9, 1, None, "step_unknown", True),
        (1, 99, None, "person_unknown", True),
        (1, 3, None, "do_nothing", False),
    ],
)
def test_a_test_that_cannot_be_sent_is_refused_naming_why(ws, step, person, numbers, code, bad_input) -> None:
    client = FakeVibes()
    with ws.session() as conn:
        with pytest.raises(SendTestError) as caught:
            send_test(conn, client, load_campaign(conn, "Promo"), step, person, numbers)
        assert caught.value.code == code and caught.value.bad_input is bad_input
        assert client.events == [] and conn.execute("SELECT count(*) FROM activity").fetchone()[0] == 0


def test_no_seed_numbers_set_is_refused(ws) -> None:
    with ws.session() as conn:
        set_setting(conn, "test_numbers", "")
        with pytest.raises(SendTestError, match="no test numbers") as caught:
            prepare_test(conn, load_campaign(conn, "Promo"), 1, 1)
        assert caught.value.code == "no_test_numbers"


def test_the_seed_numbers_setting_takes_valid_e164_numbers_only(ws) -> None:
    with ws.session() as conn:
        assert set_setting(conn, "test_numbers", "+1 (213) 555-0101,+12135550101, +46 70 123 45 67") == (
            "+12135550101, +46701234567"
        )
        for bad in ("2135550101", "+1 555", "+12135550101, hello"):
            with pytest.raises(SettingError, match="test_numbers"):
                set_setting(conn, "test_numbers", bad)


def test_remote_mode_without_a_short_code_is_refused_before_vibes_is_called(ws) -> None:
    client = FakeVibes()
    with ws.session() as conn:
        set_setting(conn, "vibes.mode", "remote")
        with pytest.raises(SendTestError, match="short_code") as caught:
            send_test(conn, client, load_campaign(conn, "Promo"), 1, 1)
        assert caught.value.code == "missing_short_code" and client.etms == [] and client.events == []


def test_a_seed_number_that_said_stop_is_refused_and_the_others_still_get_it(ws) -> None:
    client = FakeVibes()
    with ws.session() as conn, transaction(conn):
        conn.execute(
            "UPDATE vibes_memberships SET active = 0, opt_out_date = '2026-03-01T10:00:00Z', "
            "opt_out_reason = 'user_opt_out' WHERE mdn = ?",
            (SEED_B,),
        )
    with ws.session() as conn:
        report = send_test(conn, client, load_campaign(conn, "Promo"), 1, 1)
        assert [(r.mdn, r.status) for r in report.results] == [(SEED_A, "sent"), (SEED_B, "refused")]
        assert "said STOP" in report.results[1].detail and "STOP means stop" in report.results[1].detail
        assert [e["event_data"]["mdn"] for e in client.events] == [SEED_A]
        types = dict(conn.execute("SELECT mdn, type FROM activity").fetchall())
        assert types == {SEED_A: "SMS Test Sent", SEED_B: "SMS Test Refused"}


def test_a_failed_send_is_reported_per_number(ws) -> None:
    client = FakeVibes(fail={SEED_B: NetworkError("connection refused", code="connect")})
    with ws.session() as conn:
        report = send_test(conn, client, load_campaign(conn, "Promo"), 1, 1)
        assert [r.status for r in report.results] == ["sent", "failed"] and report.sent == 1
        assert not report.all_sent and "connection refused" in report.results[1].detail


def test_a_seed_number_off_the_list_is_sent_with_a_note(ws) -> None:
    with ws.session() as conn:
        report = send_test(conn, FakeVibes(), load_campaign(conn, "Promo"), 1, 1, ["+12135550199"])
        assert report.results[0].status == "sent" and "not a member of Vibes list 101" in report.results[0].note


def test_a_test_send_counts_toward_no_run_no_results_and_no_frequency_cap(ws, tmp_path: Path) -> None:
    with ws.session() as conn, transaction(conn):
        conn.execute(
            "INSERT INTO settings VALUES ('frequency_cap.enabled', 'true'), ('frequency_cap.max_per_24h', '1')"
        )
    store(ws, send_campaign("Plain"), BODIES)
    client = FakeVibes(members={"101": {"+12124560001", "+46701234567", "+12124560003"}})
    with ws.session() as conn:
        # three tests to Ann's own number: a cap of one text a day would stop her run text if tests counted
        for _ in range(3):
            send_test(conn, client, load_campaign(conn, "Plain"), 1, 1, ["+12124560001"], now=T0)
    result = start_run(ws, "Plain", client, clock=lambda: T0)
    assert result.counts["sent"] == 3 and result.counts["skipped"] == 0
    with ws.session() as conn:
        assert ledger.run_counts(conn, result.run_id)["sent"] == 3
        out = tmp_path / "results.csv"
        rows = export_activity_csv(conn, result.run_id, out)
        assert "SMS Test" not in out.read_text(encoding="utf-8") and rows > 0
        assert conn.execute("SELECT count(*) FROM campaign_entries").fetchone()[0] == 3  # the run's, not the tests'


def test_receipts_of_a_test_are_logged_as_test_receipts_and_fire_no_bounce(ws) -> None:
    with ws.session() as conn:
        report = send_test(conn, FakeVibes(), load_campaign(conn, "Promo"), 1, 1, [SEED_A])
        event_id = report.results[0].event_id
        payload = {
            "event_type": "event_processed",
            "event_processed": {"event_id": event_id, "mdn": SEED_A, "stage": "routing", "status": "failure"},
        }
        assert apply_callback(conn, payload) == "applied"
        row = conn.execute("SELECT run_id, type FROM activity ORDER BY id DESC LIMIT 1").fetchone()
        assert tuple(row) == (None, "SMS Test Routing Failed")
        assert conn.execute("SELECT count(*) FROM automation_events").fetchone()[0] == 0


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_the_command_line_sends_a_test_through_the_embedded_emulator(tmp_path: Path, capsys) -> None:
    ws = str(tmp_path / "demo")
    assert main(["demo", "init", "--workspace", ws, "--people", "30", "--json"]) == 0
    capsys.readouterr()
    from smsflow_desktop.services.workspace import Workspace

    with Workspace.open(ws).session() as conn:
        list_id = load_campaign(conn, "Spring promo").flow[0].vibes_list_id
        members = [
            r[0]
            for r in conn.execute(
                "SELECT mdn FROM vibes_memberships WHERE list_id = ? AND active = 1 LIMIT 2", (list_id,)
            )
        ]
        person = conn.execute("SELECT id FROM people WHERE phone_valid = 1 ORDER BY id LIMIT 1").fetchone()[0]
    code, data = _cli(capsys, "test-send", "Spring promo", "--step", "1", "--person", str(person), "--workspace", ws)
    assert code == 2 and "no test numbers" in data["error"]
    code, data = _cli(
        capsys, "test-send", "Spring promo", "--step", "1", "--person", str(person), "--to", "12345", "--workspace", ws
    )
    assert code == 2 and "12345" in data["error"]
    code, data = _cli(
        capsys,
        "test-send",
        "Spring promo",
        "--step",
        "2",
        "--person",
        str(person),
        "--to",
        members[0],
        "--workspace",
        ws,
    )
    assert code == 2 and "sends no text" in data["error"]
    assert main(["settings", "set", "test_numbers", ",".join(members), "--workspace", ws]) == 0
    capsys.readouterr()
    code, data = _cli(capsys, "test-send", "Spring promo", "--step", "1", "--person", str(person), "--workspace", ws)
    assert code == 0, data
    assert [r["mdn"] for r in data["results"]] == members and data["sent"] == 2
    assert all(r["status"] == "sent" for r in data["results"]) and data["text"]
    code, runs = _cli(capsys, "runs", "list", "--workspace", ws)
    assert runs["runs"] == []
    assert main(["settings", "set", "vibes.mode", "remote", "--workspace", ws]) == 0
    assert main(["settings", "set", "vibes.short_code", "", "--workspace", ws]) == 0
    capsys.readouterr()
    code, data = _cli(capsys, "test-send", "Spring promo", "--step", "1", "--person", str(person), "--workspace", ws)
    assert code == 1 and data["problems"][0]["code"] == "missing_short_code" and data["sent"] == 0
