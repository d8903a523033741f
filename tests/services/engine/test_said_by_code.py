"""What the services say to people comes as data the app can say in its language, next to the
English the activity log, the CLI and exports keep: the compliance rule behind a person's
outcome in a preview (the limit reached and the texts counted, or the state's windows), a test
send's refusal (a code and its details) and each number's refusal. The shipped rules' notes
are plain language, not commands."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services.campaigns import load_campaign
from smsflow_desktop.services.compliance.policy import (
    AppliedLimit,
    RuleApplied,
    read_deferral_detail,
    read_limit_detail,
)
from smsflow_desktop.services.compliance.rules import Limit, Rule, rule_from_dict, shipped_rules
from smsflow_desktop.services.engine.funnel import people_under
from smsflow_desktop.services.engine.runner import start_run
from smsflow_desktop.services.engine.steps import plan_step
from smsflow_desktop.services.engine.test_send import SendTestError, prepare_test, render_step, send_test
from smsflow_desktop.services.settings import set_setting
from smsflow_desktop.services.workspace import transaction
from tests.services.engine.helpers import add_member, add_person, make_workspace, send_campaign, store
from tests.services.engine.test_compliance import EVENING, EVENING_AT, FL, NOON_AT, NY, QUIET, clock, fake
from tests.services.engine.test_test_send import BODIES, CHOICE_FLOW, SEED_A, SEED_B, T0


@pytest.fixture
def ws(tmp_path: Path):
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, FL)
        add_person(conn, 2, NY)
        for number in (FL, NY):
            add_member(conn, number)
    return ws


def listed(ws, reason: str, now) -> dict[str, dict[str, object]]:
    with ws.session() as conn:
        campaign = load_campaign(conn, "Promo")
        return {str(p["phone_e164"]): p for p in people_under(conn, campaign, plan_step(campaign, 1), now, reason)}


def test_a_recipients_state_window_is_given_as_its_rule_and_in_english(ws, monkeypatch) -> None:
    store(ws, send_campaign(quiet=QUIET))
    monkeypatch.setenv("SMSFLOW_NOW", EVENING)
    people = listed(ws, "recipient", EVENING_AT)
    florida = people[FL]["compliance"]
    assert isinstance(florida, RuleApplied) and florida.limit is None
    assert [(r.scope, r.windows) for r in florida.windows] == [("US-FL", (("all", "08:00-20:00"),))]
    assert florida.text == people[FL]["rule"] == "Florida (US-FL): all 08:00-20:00"
    assert people[NY]["compliance"] is None and people[NY]["rule"] == ""


def test_a_limited_number_gives_the_limit_and_the_texts_counted(ws) -> None:
    with ws.session() as conn:
        set_setting(conn, "frequency_cap.max_per_24h", "1")
    store(ws, send_campaign())
    assert start_run(ws, "Promo", fake(FL, NY), clock=clock(NOON_AT)).counts["sent"] == 2
    people = listed(ws, "frequency_limit", NOON_AT + timedelta(hours=1))
    applied = people[NY]["compliance"]
    assert isinstance(applied, RuleApplied) and applied.limit is not None and applied.windows == ()
    reached = applied.limit
    assert reached.sent == 1 and reached.applied.rule is None  # the workspace limit
    assert (reached.applied.limit.max, reached.applied.limit.hours, reached.applied.limit.per) == (1, 24, "overall")
    assert applied.text == people[NY]["rule"] == "1 text in the last 24 hours (workspace limit)"


@pytest.fixture
def test_ws(tmp_path: Path):
    ws = make_workspace(tmp_path / "tws")
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, "+12124560001", first_name="Ann")
        add_person(conn, 3, "+12124560003", first_name="Tex", state="TX")
        add_member(conn, SEED_A)
    store(ws, send_campaign(flow=CHOICE_FLOW), BODIES)
    with ws.session() as conn:
        set_setting(conn, "test_numbers", f"{SEED_A}, {SEED_B}")
    return ws


def refusal(call) -> SendTestError:
    with pytest.raises(SendTestError) as caught:
        call()
    return caught.value


@pytest.mark.parametrize(
    ("numbers", "params"),
    [
        (["2135550101"], {"number": "2135550101", "problem": "no_country_code"}),
        ([f"{SEED_A}, +1 999"], {"number": "+1 999", "problem": "not_valid"}),
        ([",".join(f"+1213555{n:04d}" for n in range(100, 111))], {"problem": "too_many", "max": 10}),
    ],
)
def test_a_refused_number_names_itself_and_what_is_wrong(test_ws, numbers, params) -> None:
    with test_ws.session() as conn:
        exc = refusal(lambda: prepare_test(conn, load_campaign(conn, "Promo"), 1, 1, numbers))
    assert exc.code == "invalid_number" and exc.params == params
    assert str(exc).startswith("test number ")  # the CLI's English, as before


def test_each_refusal_of_a_test_carries_its_details(test_ws) -> None:
    with test_ws.session() as conn:
        campaign = load_campaign(conn, "Promo")
        cases = {
            "step_unknown": lambda: render_step(conn, campaign, 9, 1),
            "not_send_sms": lambda: render_step(conn, campaign, 2, 1),
            "person_unknown": lambda: render_step(conn, campaign, 1, 99),
            "do_nothing": lambda: render_step(conn, campaign, 1, 3),
            "message_unknown": lambda: render_step(conn, campaign, 1, 1, messages={}),
            "text_too_long": lambda: render_step(conn, campaign, 1, 1, messages={"Hello": "x" * 1000}),
        }
        said = {code: refusal(call) for code, call in cases.items()}
        no_message = campaign.model_copy(deep=True)
        no_message.flow[0].message = None
        said["message_missing"] = refusal(lambda: render_step(conn, no_message, 1, 1))
        set_setting(conn, "vibes.mode", "remote")
        said["missing_short_code"] = refusal(lambda: prepare_test(conn, campaign, 1, 1, [SEED_A]))
    assert {code: exc.code for code, exc in said.items()} == {code: code for code in said}
    assert said["step_unknown"].params == {"step": 9, "steps": 3}
    assert said["not_send_sms"].params == {"step": 2, "step_type": "wait"}
    assert said["person_unknown"].params == {"person": 99}
    assert said["do_nothing"].params == {"step": 1, "person": "Tex Lee", "choice": 2}
    assert said["message_unknown"].params == {"message": "Hello"}
    assert said["text_too_long"].params == {"characters": 1000, "limit": 900}
    assert said["message_missing"].params == {"step": 1, "branch": "Default"}
    assert str(said["do_nothing"]).startswith("Tex Lee takes choice 2 of step 1, which is Do Nothing")


def test_a_refused_or_noted_number_says_why_by_code_and_the_cli_reports_as_before(test_ws, capsys) -> None:
    with test_ws.session() as conn, transaction(conn):
        conn.execute(
            "INSERT INTO number_opt_outs(mdn, opted_out_at, reason, learned_at) "
            "VALUES (?, '2026-04-01T10:00:00Z', 'keyword_opt_out', '2026-04-01T10:00:00Z')",
            (SEED_A,),
        )
        add_person(conn, 7, SEED_B, first_name="Blocked")
        conn.execute("UPDATE people SET blocklisted = 1 WHERE id = 7")
    with test_ws.session() as conn:
        report = send_test(conn, fake(), load_campaign(conn, "Promo"), 1, 1, now=T0)
    by_number = {r.mdn: r for r in report.results}
    assert (by_number[SEED_A].code, dict(by_number[SEED_A].params)) == ("said_stop", {"at": "2026-04-01T10:00:00Z"})
    assert (by_number[SEED_B].code, dict(by_number[SEED_B].params)) == ("owner_opted_out", {"flag": "blocklisted"})
    assert "said STOP" in by_number[SEED_A].detail and "blocklisted" in by_number[SEED_B].detail

    other = "+12135550177"  # valid, on no Vibes list this workspace knows of
    with test_ws.session() as conn:
        sent = send_test(conn, fake(), load_campaign(conn, "Promo"), 1, 1, [other], now=T0).results[0]
    assert (sent.status, sent.note_code, dict(sent.params)) == ("sent", "not_on_list", {"list": "101"})
    assert sent.note.startswith(f"{other} is not a member of Vibes list 101")

    capsys.readouterr()
    code = main(["test-send", "Promo", "--step", "1", "--person", "1", "--workspace", str(test_ws.root), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and [set(r) for r in data["results"]] == [{"mdn", "status", "detail", "event_id", "note"}] * 2


def test_the_shipped_rules_say_their_notes_in_plain_language() -> None:
    for rule in shipped_rules():
        for text in (rule.note, rule.source):
            assert "smsflow " not in text and " --" not in text and "..." not in text, rule.scope
    connecticut = next(r for r in shipped_rules() if r.scope == "US-CT")
    assert "09:00-20:00" in connecticut.note and "edit this rule" in connecticut.note


# -- the activity log's compliance details, read back ------------------------------------------------
@pytest.mark.parametrize(
    ("applied", "sent"),
    [
        (AppliedLimit(Limit(3, 24)), 3),
        (AppliedLimit(Limit(1, 24, "campaign"), Rule("US-NY", name="New York")), 1),
        (AppliedLimit(Limit(5, 72), Rule("US-FL")), 5),  # "per 3 days", titled by the state's name
        (AppliedLimit(Limit(2, 36, "campaign"), Rule("SE", name="Sverige: marknad")), 2),
    ],
)
def test_a_limit_detail_reads_back_as_what_was_written(applied: AppliedLimit, sent: int) -> None:
    read = read_limit_detail(applied.detail(sent))
    assert read is not None and (read.sent, read.hours) == (sent, applied.limit.hours)
    assert read.per_campaign == (applied.limit.per == "campaign")
    if applied.rule is None:
        assert (read.rule_title, read.rule_limit) == (None, None)
    else:
        assert (read.rule_title, read.rule_limit) == (applied.rule.title, applied.limit)


def test_a_deferral_reads_back_as_the_rules_and_the_time_it_waits_for() -> None:
    logged = "quiet hours (Florida (US-FL): all 08:00-20:00): until 2026-04-07T12:00:00Z"  # as a run logs it
    rules, until = read_deferral_detail(logged)
    assert until == "2026-04-07T12:00:00Z"
    assert [(r.scope, r.title, r.windows, r.days) for r in rules] == [
        ("US-FL", "Florida", (("all", "08:00-20:00"),), (((480, 1200),),) * 7)
    ]
    france = rule_from_dict(
        {
            "scope": "FR",
            "name": "France",
            "windows": {"mon-sat": "08:00-22:00", "sun": "closed"},
            "source": "s",
            "checked": "2026-01-01",
        }
    )
    florida = next(r for r in shipped_rules() if r.scope == "US-FL")
    text = f"quiet hours ({RuleApplied(windows=(florida, france)).text}): until 2026-04-05T06:00:00Z"
    rules, _until = read_deferral_detail(text)
    assert [(r.scope, r.days) for r in rules] == [("US-FL", florida.days), ("FR", france.days)]
    assert read_deferral_detail("quiet hours: until 2026-04-07T12:00:00Z") == ((), "2026-04-07T12:00:00Z")


@pytest.mark.parametrize(
    "text", ["", "changed during the run", "3 texts in the last 24 hours", "quiet hours (Mars (XX-1): soon): until x"]
)
def test_other_details_are_not_read_as_compliance_details(text: str) -> None:
    assert read_limit_detail(text) is None and read_deferral_detail(text) is None
