"""Compliance rules in previews and runs: state windows (area code or the person's state),
the strictest of the campaign's window and the state's, frequency limits on by default,
per-campaign and overall limits, deferral (never a drop), rule checks and the shipped table."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from smsflow_desktop.services.campaigns import load_campaign
from smsflow_desktop.services.compliance.area_codes import AREA_CODES, area_code_scope, derive_area_codes
from smsflow_desktop.services.compliance.policy import Compliance, region_key
from smsflow_desktop.services.compliance.rules import (
    RuleError,
    delete_rule,
    get_rule,
    list_rules,
    parse_limit,
    parse_window_option,
    reset_rule,
    rule_from_dict,
    save_rule,
    shipped_rules,
)
from smsflow_desktop.services.engine.funnel import export_audience_csv, people_under
from smsflow_desktop.services.engine.preview import preview_step
from smsflow_desktop.services.engine.quiet_hours import Window
from smsflow_desktop.services.engine.runner import resume_run, start_run
from smsflow_desktop.services.engine.steps import plan_step
from smsflow_desktop.services.settings import set_setting
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.services.engine.helpers import FakeVibes, add_member, add_person, make_workspace, send_campaign, store

FL = "+13055550101"  # Miami: Florida by its area code
NY = "+12125550102"  # Manhattan
NY2 = "+12125550103"
#: 20:30 in New York and Miami (EDT): after Florida's 20:00, before the campaign's 21:00.
EVENING = "2026-04-07T00:30:00Z"
EVENING_AT = datetime(2026, 4, 7, 0, 30, tzinfo=UTC)
NOON_AT = datetime(2026, 4, 6, 16, 0, tzinfo=UTC)
QUIET = {"enabled": True, "start": "08:00", "end": "21:00"}


def clock(at: datetime):
    return lambda: at


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, FL)
        add_person(conn, 2, NY)
        for number in (FL, NY):
            add_member(conn, number)
    return ws


def preview(ws: Workspace, name: str = "Promo", **kwargs):
    with ws.session() as conn:
        return preview_step(conn, load_campaign(conn, name), **kwargs)


def fake(*numbers: str) -> FakeVibes:
    return FakeVibes(members={"101": set(numbers)})


def states(ws: Workspace, run_id: int) -> dict[int, tuple[str, str | None]]:
    with ws.session() as conn:
        rows = conn.execute("SELECT person_id, state, reason FROM ledger WHERE run_id = ?", (run_id,))
        return {r[0]: (r[1], r[2]) for r in rows}


# -- the "done when" lines -------------------------------------------------------------------------
def test_florida_at_2030_local_is_deferred_new_york_at_the_same_local_time_is_not(ws, monkeypatch) -> None:
    store(ws, send_campaign(quiet=QUIET))
    monkeypatch.setenv("SMSFLOW_NOW", EVENING)
    p = preview(ws)
    assert p.recipients == 2 and p.deferred_quiet_hours == 1
    assert p.deferred_by_rule == {"US-FL": 1}
    with ws.session() as conn:
        campaign = load_campaign(conn, "Promo")
        people = people_under(conn, campaign, plan_step(campaign, 1), EVENING_AT, "recipient")
    rules = {p["phone_e164"]: p["rule"] for p in people}
    assert rules == {FL: "Florida (US-FL): all 08:00-20:00", NY: ""}


def test_a_number_texted_three_times_in_24_hours_is_left_out_of_a_fourth_campaign_by_default(ws) -> None:
    client = fake(FL, NY)
    for i, name in enumerate(("First", "Second", "Third")):
        store(ws, send_campaign(name))
        result = start_run(ws, name, client, clock=clock(NOON_AT + timedelta(hours=i)))
        assert result.counts["sent"] == 2
    store(ws, send_campaign("Fourth"))
    p = preview(ws, "Fourth", now=NOON_AT + timedelta(hours=3))
    assert p.excluded["frequency_limit"] == 2 and p.recipients == 0
    assert p.frequency_limit_by_rule == {"workspace": 2}
    assert p.smart_list == sum(p.excluded.values()) + p.recipients

    fourth = start_run(ws, "Fourth", client, clock=clock(NOON_AT + timedelta(hours=3)))
    assert fourth.counts["sent"] == 0 and fourth.counts["skipped"] == 2
    assert states(ws, fourth.run_id) == {1: ("skipped", "frequency_limit"), 2: ("skipped", "frequency_limit")}
    with ws.session() as conn:
        details = [
            r[0]
            for r in conn.execute("SELECT detail FROM activity WHERE run_id = ? ORDER BY person_id", (fourth.run_id,))
        ]
    assert details == ["frequency_limit: 3 texts in the last 24 hours (workspace limit)"] * 2
    # a day after the first text, one of the three has left the rolling window
    later = start_run(ws, "Fourth", client, clock=clock(NOON_AT + timedelta(hours=24, minutes=1)))
    assert later.counts["sent"] == 2


# -- whose rules -----------------------------------------------------------------------------------
def test_area_codes_say_where_a_north_american_number_is() -> None:
    assert area_code_scope(FL) == "US-FL"
    assert area_code_scope("+14055550100") == "US-OK"
    assert area_code_scope("+14165550100") == "CA-ON"
    assert area_code_scope("+17875550100") == "US-PR"
    assert area_code_scope("+12425550100") == "BS"
    assert area_code_scope("+46701234567") is None and area_code_scope(None) is None


def test_the_area_code_table_is_what_phonenumbers_geocoding_data_says() -> None:
    assert derive_area_codes() == AREA_CODES


def test_the_persons_state_wins_over_the_area_code(ws, monkeypatch) -> None:
    with ws.session() as conn, transaction(conn):
        conn.execute("UPDATE people SET state = 'New York' WHERE id = 1")  # a Miami number, living in New York
        conn.execute("UPDATE people SET state = 'fl' WHERE id = 2")  # a Manhattan number, living in Florida
    store(ws, send_campaign(quiet=QUIET))
    monkeypatch.setenv("SMSFLOW_NOW", EVENING)
    with ws.session() as conn:
        campaign = load_campaign(conn, "Promo")
        people = people_under(conn, campaign, plan_step(campaign, 1), EVENING_AT, "recipient")
    assert preview(ws).deferred_by_rule == {"US-FL": 1}
    assert {p["id"]: p["rule"] for p in people} == {1: "", 2: "Florida (US-FL): all 08:00-20:00"}


def test_region_keys_agree_between_sql_and_python(ws) -> None:
    from smsflow_desktop.services.compliance.policy import REGION_SQL

    with ws.session() as conn, transaction(conn):
        add_person(conn, 3, None, country="", state="")
        add_person(conn, 4, "+46701234567", country="", state=" Skåne ")
        add_person(conn, 5, FL, country="us", state="fl ")
    with ws.session() as conn:
        rows = conn.execute(f"SELECT country, state, phone_e164, {REGION_SQL} FROM people p").fetchall()
    assert all(region_key(c, s, e) == key for c, s, e, key in rows)
    rules = Compliance(shipped_rules(), workspace_limit=None, default_region="US")
    assert rules.scopes(region_key("", "", FL)) == ("US", "US-FL")
    assert rules.scopes(region_key("", "", "+46701234567")) == ("SE",)
    assert rules.scopes(region_key("FR", "", None)) == ("FR",)
    assert rules.scopes(region_key("", "Florida", None)) == ("US", "US-FL")  # the workspace's default region


# -- which window ----------------------------------------------------------------------------------
def test_the_strictest_of_the_campaign_window_and_the_state_window_applies(ws) -> None:
    store(ws, send_campaign(quiet={"enabled": True, "start": "09:00", "end": "22:00"}))
    morning = datetime(2026, 4, 6, 12, 30, tzinfo=UTC)  # 08:30 in Miami and New York: the campaign's window is shut
    assert preview(ws, now=morning).deferred_quiet_hours == 2
    assert preview(ws, now=morning).deferred_by_rule == {}
    p = preview(ws, now=EVENING_AT)  # 20:30: Florida's window is shut, the campaign's is open
    assert p.deferred_quiet_hours == 1 and p.deferred_by_rule == {"US-FL": 1}
    assert preview(ws, now=NOON_AT).deferred_quiet_hours == 0

    rules = Compliance(shipped_rules(), workspace_limit=None)
    base = Window.from_settings(load_campaign_quiet(ws))
    florida = rules.window(base, region_key("US", "", FL))
    miami = (ZoneInfo("America/New_York"),)
    # from 20:30 the next opening is 09:00 the next morning (the campaign's start, later than Florida's 08:00)
    assert florida.next_opening_in_all(EVENING_AT, miami) == datetime(2026, 4, 7, 13, 0, tzinfo=UTC)


def load_campaign_quiet(ws: Workspace):
    with ws.session() as conn:
        return load_campaign(conn, "Promo").settings.quiet_hours


def test_a_state_window_applies_even_when_the_campaign_turns_quiet_hours_off(ws) -> None:
    store(ws, send_campaign(quiet={"enabled": False}))
    p = preview(ws, now=EVENING_AT)
    assert p.deferred_quiet_hours == 1 and p.deferred_by_rule == {"US-FL": 1}


def test_a_closed_day_defers_to_the_next_open_day_beyond_two_days() -> None:
    rules = Compliance(shipped_rules(), workspace_limit=None)
    window = rules.window(Window.from_settings(send_campaign().settings.quiet_hours), region_key("FR", "", None))
    paris = (ZoneInfo("Europe/Paris"),)
    saturday_night = datetime(2026, 4, 4, 20, 30, tzinfo=UTC)  # Saturday 22:30 in Paris
    assert not window.allows_in_all(saturday_night, paris)
    assert not window.allows_in_all(datetime(2026, 4, 5, 10, 0, tzinfo=UTC), paris)  # Sunday noon: closed
    assert window.next_opening_in_all(saturday_night, paris) == datetime(2026, 4, 6, 6, 0, tzinfo=UTC)  # Monday 08:00


def test_a_run_defers_a_state_window_send_and_sends_it_when_the_window_opens(ws) -> None:
    store(ws, send_campaign(quiet=QUIET))
    client = fake(FL, NY)
    first = start_run(ws, "Promo", client, clock=clock(EVENING_AT))
    assert first.status == "waiting" and first.counts["sent"] == 1
    assert [e["event_data"]["mdn"] for e in client.events] == [NY]
    with ws.session() as conn:
        state, reason, due = conn.execute(
            "SELECT state, reason, due_at FROM ledger WHERE run_id = ? AND person_id = 1", (first.run_id,)
        ).fetchone()
        detail = conn.execute(
            "SELECT detail FROM activity WHERE run_id = ? AND type = 'Deferred'", (first.run_id,)
        ).fetchone()[0]
    assert (state, reason) == ("pending", "deferred_quiet_hours")
    assert due == "2026-04-07T12:00:00Z"  # 08:00 in Miami, when Florida's window opens
    assert detail == "quiet hours (Florida (US-FL): all 08:00-20:00): until 2026-04-07T12:00:00Z"
    early = resume_run(ws, first.run_id, client, clock=clock(datetime(2026, 4, 7, 11, 59, tzinfo=UTC)))
    assert early.status == "waiting" and len(client.events) == 1
    done = resume_run(ws, first.run_id, client, clock=clock(datetime(2026, 4, 7, 12, 0, tzinfo=UTC)))
    assert done.status == "completed" and done.counts["sent"] == 2
    assert [e["event_data"]["mdn"] for e in client.events] == [NY, FL]


# -- which limit -----------------------------------------------------------------------------------
def test_a_campaign_limit_counts_that_campaigns_texts_and_an_overall_limit_all(ws) -> None:
    with ws.session() as conn:
        set_setting(conn, "frequency_cap.enabled", "false")
        save_rule(
            conn,
            {
                "scope": "US-NY",
                "limits": [{"max": 1, "hours": 24, "scope": "campaign"}],
                "source": "a test",
                "checked": "2026-04-01",
            },
        )
    client = fake(FL, NY)
    store(ws, send_campaign("A"))
    store(ws, send_campaign("B"))
    assert start_run(ws, "A", client, clock=clock(NOON_AT)).counts["sent"] == 2
    again = preview(ws, "A", now=NOON_AT + timedelta(hours=1))
    assert again.excluded["frequency_limit"] == 1 and again.frequency_limit_by_rule == {"US-NY": 1}
    assert preview(ws, "B", now=NOON_AT + timedelta(hours=1)).excluded["frequency_limit"] == 0
    second = start_run(ws, "A", client, clock=clock(NOON_AT + timedelta(hours=1)))
    assert states(ws, second.run_id) == {1: ("sent", None), 2: ("skipped", "frequency_limit")}
    with ws.session() as conn:
        detail = conn.execute(
            "SELECT detail FROM activity WHERE run_id = ? AND type = 'Skipped'", (second.run_id,)
        ).fetchone()[0]
        save_rule(
            conn,
            {"scope": "US-NY", "limits": [{"max": 1, "hours": 24}], "source": "a test", "checked": "2026-04-01"},
        )
    assert (
        detail
        == "frequency_limit: 1 text from this campaign in the last 24 hours (New York: at most 1 text per 24 hours from one campaign)"
    )
    # overall: A's text to the New York number counts against campaign B too
    assert preview(ws, "B", now=NOON_AT + timedelta(hours=2)).excluded["frequency_limit"] == 1


def test_a_limited_number_shared_by_two_people_keeps_the_invariant(ws) -> None:
    with ws.session() as conn, transaction(conn):
        add_person(conn, 3, NY)  # shares person 2's number
    with ws.session() as conn:
        set_setting(conn, "frequency_cap.max_per_24h", "1")
    client = fake(FL, NY)
    store(ws, send_campaign())
    start_run(ws, "Promo", client, clock=clock(NOON_AT))
    p = preview(ws, now=NOON_AT + timedelta(hours=1))
    assert p.excluded["duplicate_phone"] == 1 and p.excluded["frequency_limit"] == 2 and p.recipients == 0
    assert p.smart_list == 3 == sum(p.excluded.values()) + p.recipients
    with ws.session() as conn:
        campaign = load_campaign(conn, "Promo")
        plan = plan_step(campaign, 1)
        limited = people_under(conn, campaign, plan, NOON_AT + timedelta(hours=1), "frequency_limit")
    assert [p["id"] for p in limited] == [1, 2]
    assert limited[0]["rule"] == "1 text in the last 24 hours (workspace limit)"


def test_the_limit_can_be_turned_off_for_the_workspace(ws) -> None:
    with ws.session() as conn:
        set_setting(conn, "frequency_cap.enabled", "false")
        for scope in ("US-FL",):
            delete_rule(conn, scope)
    client = fake(FL, NY)
    for i, name in enumerate(("First", "Second", "Third", "Fourth")):
        store(ws, send_campaign(name))
        assert start_run(ws, name, client, clock=clock(NOON_AT + timedelta(hours=i))).counts["sent"] == 2


def test_the_audience_export_names_the_rule(ws, tmp_path: Path) -> None:
    store(ws, send_campaign(quiet=QUIET))
    with ws.session() as conn:
        campaign = load_campaign(conn, "Promo")
        out = tmp_path / "a.csv"
        export_audience_csv(conn, campaign, plan_step(campaign, 1), EVENING_AT, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",rule") and lines[1].endswith(",Florida (US-FL): all 08:00-20:00")


# -- the rules as data ----------------------------------------------------------------------------
def test_every_shipped_rule_names_its_source_and_the_date_it_was_checked() -> None:
    rules = shipped_rules()
    assert {r.scope for r in rules} >= {"US-FL", "US-OK", "US-MD", "US-WA", "US-CT"}
    for rule in rules:
        assert rule.source and date.fromisoformat(rule.checked) <= date.today()
    by_scope = {r.scope: r for r in rules}
    for scope in ("US-FL", "US-OK", "US-MD", "US-WA", "US-CT"):
        assert by_scope[scope].windows == (("all", "08:00-20:00"),)
    for scope in ("US-FL", "US-OK", "US-MD"):
        assert [limit.text for limit in by_scope[scope].limits] == ["3/24h"]


def test_a_new_workspace_gets_the_shipped_rules_once_and_keeps_its_edits(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "w", create=True)
    with ws.session() as conn:
        assert [r.scope for r in list_rules(conn)] == sorted(r.scope for r in shipped_rules())
        delete_rule(conn, "US-WA")
        save_rule(
            conn, {"scope": "US-CT", "windows": {"all": "09:00-20:00"}, "source": "counsel", "checked": "2026-05-01"}
        )
    ws = Workspace.open(tmp_path / "w")
    with ws.session() as conn:
        assert get_rule(conn, "US-WA") is None
        assert get_rule(conn, "us-ct").windows == (("all", "09:00-20:00"),)
        assert reset_rule(conn, "US-CT").windows == (("all", "08:00-20:00"),)
        assert reset_rule(conn, "US-WA").scope == "US-WA"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"scope": "US-XX", "windows": {"all": "08:00-20:00"}, "source": "s", "checked": "2026-01-01"},
            "XX is not a state",
        ),
        (
            {"scope": "US-FL", "windows": {"all": "8-20"}, "source": "s", "checked": "2026-01-01"},
            "'8-20' is not HH:MM-HH:MM",
        ),
        (
            {"scope": "US-FL", "windows": {"all": "20:00-08:00"}, "source": "s", "checked": "2026-01-01"},
            "must start before it ends",
        ),
        (
            {
                "scope": "US-FL",
                "windows": {"mon-fri": "08:00-20:00", "fri": "closed"},
                "source": "s",
                "checked": "2026-01-01",
            },
            "Friday has more than one window",
        ),
        (
            {"scope": "US-FL", "windows": {"workdays": "08:00-20:00"}, "source": "s", "checked": "2026-01-01"},
            "days 'workdays'",
        ),
        (
            {"scope": "US-FL", "limits": [{"max": 0, "hours": 24}], "source": "s", "checked": "2026-01-01"},
            "max must be",
        ),
        (
            {
                "scope": "US-FL",
                "limits": [{"max": 3, "hours": 24, "scope": "state"}],
                "source": "s",
                "checked": "2026-01-01",
            },
            "scope must be 'overall'",
        ),
        ({"scope": "US-FL", "windows": {"all": "08:00-20:00"}, "checked": "2026-01-01"}, "source is missing"),
        (
            {"scope": "US-FL", "windows": {"all": "08:00-20:00"}, "source": "s", "checked": "last week"},
            "checked must be",
        ),
        ({"scope": "US-FL", "source": "s", "checked": "2026-01-01"}, "neither a window nor a limit"),
        (
            {"scope": "US-FL", "windows": {"all": "08:00-20:00"}, "source": "s", "checked": "2026-01-01", "law": "x"},
            "unknown field 'law'",
        ),
    ],
)
def test_a_bad_rule_is_refused_with_one_line_naming_it(data, message) -> None:
    with pytest.raises(RuleError) as err:
        rule_from_dict(data)
    text = str(err.value)
    assert message in text and "\n" not in text
    assert text.startswith(("US-FL", "scope 'US-XX'"))


def test_window_and_limit_options_read_as_people_write_them() -> None:
    assert parse_window_option("mon-fri 09:00-18:00") == ("mon-fri", "09:00-18:00")
    assert parse_window_option("08:00-20:00") == ("all", "08:00-20:00")
    assert parse_window_option("Sun closed") == ("sun", "closed")
    assert parse_limit("3/24h").as_dict() == {"max": 3, "hours": 24, "scope": "overall"}
    assert parse_limit("1/2d campaign").as_dict() == {"max": 1, "hours": 48, "scope": "campaign"}
    with pytest.raises(RuleError, match="is not N/HOURSh"):
        parse_limit("three a day")


def test_a_rule_damaged_outside_the_app_stops_the_preview_with_one_line(ws) -> None:
    store(ws, send_campaign())
    with ws.session() as conn, transaction(conn):
        conn.execute("UPDATE compliance_rules SET windows = '{\"all\": \"late\"}' WHERE scope = 'US-FL'")
    from smsflow_desktop.services.engine.steps import StepError

    with pytest.raises(StepError, match=r"compliance rules cannot be read: .*US-FL \(all\): 'late' is not HH:MM"):
        preview(ws)


def test_old_runs_skipped_by_the_frequency_cap_keep_their_label() -> None:
    from smsflow_desktop.ui.labels import REASON_LABELS

    assert {"frequency_limit", "frequency_cap"} <= set(REASON_LABELS)


def test_a_state_written_oddly_is_still_judged_by_its_window_when_the_campaign_has_none(ws) -> None:
    # "\tFlorida" is Florida to the rules, though the preview's quick SQL test does not see it
    with ws.session() as conn, transaction(conn):
        conn.execute("UPDATE people SET state = ? WHERE id = 2", ("\tFlorida",))
    store(ws, send_campaign(quiet={"enabled": False}))
    cold = preview(ws, now=EVENING_AT)  # looks the numbers' zones up
    warm = preview(ws, now=EVENING_AT)  # reads them from the workspace
    assert cold.deferred_quiet_hours == warm.deferred_quiet_hours == 2
    assert warm.deferred_by_rule == {"US-FL": 2}
