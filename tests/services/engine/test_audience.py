"""Who a step reaches: every reason in its order, choices, logic, qualification, quiet hours."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest

from smsflow_desktop.services.engine.funnel import people_under
from smsflow_desktop.services.engine.preview import preview_step
from smsflow_desktop.services.engine.steps import StepError, plan_step
from smsflow_desktop.services.workspace import transaction
from tests.services.engine.helpers import (
    add_member,
    add_person,
    add_static,
    make_workspace,
    send_campaign,
    store,
)

NOON_NY = datetime(2026, 4, 6, 16, 0, tzinfo=UTC)  # 12:00 in New York


@pytest.fixture
def ws(tmp_path: Path):
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, "+12124560001", blocklisted=1)
        add_person(conn, 2, "+12124560002", marketing_suspended=1, unsubscribed=1)
        add_person(conn, 3, "+12124560003", unsubscribed=1)
        add_person(conn, 4, None)
        add_person(conn, 5, "+1212", valid=False)
        add_person(conn, 6, "+12124560006")  # not a member
        add_person(conn, 7, "+12124560001")  # shares person 1's (blocklisted) number
        add_person(conn, 8, "+12124560008")
        add_person(conn, 9, "+12124560008")  # duplicate of 8
        add_person(conn, 10, "+12124560010", state="TX", custom={"tier": "Gold"})
        for mdn in ("+12124560001", "+12124560002", "+12124560003", "+12124560008", "+12124560010"):
            add_member(conn, mdn)
        add_member(conn, "+12124560006", active=False)
    return ws


def _preview(ws, campaign, step=None, now=NOON_NY):
    store(ws, campaign)
    with ws.session() as conn:
        return preview_step(conn, campaign, step, now=now)


def test_send_sms_reasons_in_order_and_invariant(ws) -> None:
    p = _preview(ws, send_campaign())
    assert p.excluded == {
        "blocklisted": 1,
        "marketing_suspended": 1,
        "unsubscribed": 1,
        "no_valid_phone": 2,
        "not_in_vibes_list": 1,
        "phone_suppressed": 1,
        "duplicate_phone": 1,
        "frequency_limit": 0,
    }
    assert list(p.excluded)[-2:] == ["duplicate_phone", "frequency_limit"]
    assert p.recipients == 2 and p.smart_list == 10
    assert p.smart_list == sum(p.excluded.values()) + p.recipients


def test_people_under_each_reason_match_counts(ws) -> None:
    campaign = send_campaign()
    p = _preview(ws, campaign)
    with ws.session() as conn:
        plan = plan_step(campaign, 1)
        assert [r["id"] for r in people_under(conn, campaign, plan, NOON_NY, None)] == [8, 10]
        assert [r["id"] for r in people_under(conn, campaign, plan, NOON_NY, "duplicate_phone")] == [9]
        assert [r["id"] for r in people_under(conn, campaign, plan, NOON_NY, "phone_suppressed")] == [7]
        for reason, n in p.excluded.items():
            assert len(people_under(conn, campaign, plan, NOON_NY, reason)) == n


def test_subscribe_rule(ws) -> None:
    flow = [{"type": "subscribe_vibes_list", "vibes_list_id": "101", "acquisition_campaign_id": "201"}]
    p = _preview(ws, send_campaign(flow=flow))
    assert p.excluded == {
        "blocklisted": 1,
        "marketing_suspended": 1,
        "unsubscribed": 1,
        "no_valid_phone": 2,
        "already_member": 4,
        "phone_suppressed": 0,
        "duplicate_phone": 0,
    }
    assert p.recipients == 1  # person 6: a former member; 7, 8, 9 and 10 share member numbers
    assert p.smart_list == sum(p.excluded.values()) + p.recipients


def test_unsubscribe_counts_everyone_sharing_a_member_number(ws) -> None:
    p = _preview(ws, send_campaign(flow=[{"type": "unsubscribe_vibes_list", "vibes_list_id": "101"}]))
    assert p.excluded == {"no_valid_phone": 2, "not_in_vibes_list": 1}
    assert p.recipients == 7  # blocklisted people and both sharers of +...0008 included


def test_choices_first_match_wins_and_do_nothing(ws) -> None:
    flow = [
        {
            "type": "send_sms",
            "message": "Hello",
            "vibes_list_id": "101",
            "choices": [
                {
                    "when": {"field": "tier", "operator": "is", "values": ["gold"]},
                    "then": {"message": "Hello", "vibes_list_id": "102"},
                },
                {"when": {"field": "state", "operator": "is", "values": ["tx"]}, "then": None},
            ],
        }
    ]
    p = _preview(ws, send_campaign(flow=flow))
    # person 10 is gold (first choice wins over TX) and not on list 102
    assert p.excluded["not_in_vibes_list"] == 2 and p.recipients == 1
    flow[0]["choices"][0]["when"]["values"] = ["platinum"]
    p = _preview(ws, send_campaign(flow=flow))
    assert p.excluded["do_nothing"] == 1 and p.recipients == 1
    assert p.smart_list == sum(p.excluded.values()) + p.recipients


@pytest.mark.parametrize(
    "logic, filters, expected",
    [
        ("all", [{"type": "person_field", "field": "state", "operator": "is", "values": ["TX"]}], 1),
        (
            "any",
            [
                {"type": "person_field", "field": "state", "operator": "is", "values": ["TX"]},
                {"type": "member_of_list", "list": "VIP"},
            ],
            3,
        ),
        (
            "1 and not 2",
            [
                {"type": "person_field", "field": "phone", "operator": "starts_with", "values": ["+121245600"]},
                {"type": "member_of_list", "list": "VIP"},
            ],
            6,
        ),
        ("all", [{"type": "member_of_vibes_list", "vibes_list_id": "101"}], 7),
        ("all", [{"type": "subscribed_to_vibes_list", "vibes_list_id": "101"}], 8),
        ("all", [{"type": "person_field", "field": "tier", "operator": "is_not_empty", "values": []}], 1),
        ("all", [{"type": "person_field", "field": "first_name", "operator": "contains", "values": ["NN1"]}], 2),
        ("all", [{"type": "person_field", "field": "blocklisted", "operator": "is", "values": ["yes"]}], 1),
        ("all", [{"type": "person_field", "field": "created_at", "operator": "in_past_days", "values": ["400"]}], 10),
        ("all", [{"type": "person_field", "field": "created_at", "operator": "in_past_days", "values": ["3"]}], 0),
        ("all", [{"type": "person_field", "field": "state", "operator": "is_empty", "values": []}], 9),
    ],
)
def test_smart_list_filters_and_logic(ws, logic, filters, expected) -> None:
    with ws.session() as conn, transaction(conn):
        add_static(conn, "VIP", [1, 2])
    p = _preview(ws, send_campaign(smart_list={"logic": logic, "filters": filters}))
    assert p.smart_list == expected


def test_values_are_parameters_not_sql(ws) -> None:
    filters = [{"type": "person_field", "field": "x') OR 1=1 --", "operator": "is", "values": ["' OR '1'='1"]}]
    assert _preview(ws, send_campaign(smart_list={"logic": "all", "filters": filters})).smart_list == 0


def test_qualification_once_keeps_earlier_entrants_out(ws) -> None:
    with ws.session() as conn, transaction(conn):
        conn.execute("INSERT INTO campaign_entries VALUES ('Promo', 8, '2026-01-01T00:00:00Z', 1)")
    p = _preview(ws, send_campaign(qualification="once"))
    assert p.excluded["already_qualified"] == 1 and p.recipients == 2  # 9 keeps the number now
    p = _preview(ws, send_campaign(qualification={"every_days": 30}))
    assert "already_qualified" not in p.excluded
    p = _preview(ws, send_campaign(qualification="every_time"))
    assert "already_qualified" not in p.excluded and p.recipients == 2


@pytest.mark.parametrize(
    "now, deferred",
    [
        (datetime(2026, 4, 6, 16, 0, tzinfo=UTC), 0),  # 12:00 New York, 09:00 Los Angeles (person 10)
        (datetime(2026, 4, 6, 14, 0, tzinfo=UTC), 1),  # 10:00 New York, 07:00 Los Angeles
        (datetime(2026, 4, 7, 2, 0, tzinfo=UTC), 1),  # 22:00 New York, 19:00 Los Angeles
        (datetime(2026, 4, 7, 5, 0, tzinfo=UTC), 2),  # 01:00 New York
    ],
)
def test_quiet_hours_by_person_zone_else_number_zone(ws, now, deferred) -> None:
    with ws.session() as conn, transaction(conn):
        conn.execute("UPDATE people SET time_zone = 'America/Los_Angeles' WHERE id = 10")
    campaign = send_campaign(quiet={"enabled": True, "start": "08:00", "end": "21:00"})
    for _ in range(2):  # the second time from the stored number zones
        p = _preview(ws, campaign, now=now)
        assert p.deferred_quiet_hours == deferred and p.recipients == 2


def test_quiet_hours_unknown_zone_uses_default_setting(ws) -> None:
    with ws.session() as conn, transaction(conn):
        conn.execute("UPDATE people SET time_zone = 'Not/AZone', phone_e164 = '+80012345678' WHERE id = 10")
        add_member(conn, "+80012345678")
        conn.execute("INSERT INTO settings VALUES ('default_time_zone', 'Asia/Tokyo')")
    campaign = send_campaign(quiet={"enabled": True, "start": "08:00", "end": "21:00"})
    p = _preview(ws, campaign, now=datetime(2026, 4, 6, 16, 0, tzinfo=UTC))  # 01:00 in Tokyo
    assert p.deferred_quiet_hours == 1


def test_now_from_environment(ws, monkeypatch) -> None:
    monkeypatch.setenv("SMSFLOW_NOW", "2026-04-07T05:00:00Z")
    campaign = send_campaign(quiet={"enabled": True})
    store(ws, campaign)
    with ws.session() as conn:
        assert preview_step(conn, campaign).deferred_quiet_hours == 2


def test_step_numbers_count_waits_and_errors(ws) -> None:
    flow = [
        {"type": "wait", "duration": "1 day"},
        {"type": "send_sms", "message": "Hello", "vibes_list_id": "101"},
        {"type": "send_sms", "message": "Hello"},
    ]
    campaign = send_campaign(flow=flow)
    assert _preview(ws, campaign).step == 2
    with pytest.raises(StepError, match="Wait"):
        _preview(ws, campaign, 1)
    with pytest.raises(StepError, match="names no Vibes list"):
        _preview(ws, campaign, 3)
    assert _preview(ws, campaign, 2).problems  # problems elsewhere are reported, not fatal


def test_sample_and_csv_export_are_formula_safe(ws, tmp_path: Path) -> None:
    with ws.session() as conn, transaction(conn):
        conn.execute("UPDATE people SET first_name = '=HYPERLINK(\"x\")' WHERE id = 8")
    campaign = send_campaign()
    store(ws, campaign)
    out = tmp_path / "a.csv"
    with ws.session() as conn:
        p = preview_step(conn, campaign, now=NOON_NY, sample=5, export_csv=out)
    assert [s.person_id for s in p.sample] == [8, 10]
    assert p.sample[0].text == 'Hi =HYPERLINK("x")! Reply STOP to opt out' and p.sample[0].segments == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == p.exported == 10
    assert rows[7]["first_name"].startswith("'=") and rows[7]["phone"] == "'+12124560008"
    assert sum(r["status"] == "recipient" for r in rows) == 2


class Recording:
    """A connection that keeps the text of every statement it executes."""

    def __init__(self, conn) -> None:
        self.conn, self.statements = conn, []

    def execute(self, sql: str, *args):
        self.statements.append(sql)
        return self.conn.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self.conn, name)


def test_numbers_decided_by_their_prefix_are_judged_without_classifying_twice(ws) -> None:
    """A keeper with no zone of their own whose number was never looked up is judged by the
    number's prefix where that decides it (+4670: Stockholm, else the workspace's default zone;
    at 23:30 UTC closed in both), in the one statement that classifies the smart list. A prefix
    that does not decide it (+1212: phonenumbers may answer any North American zone) is looked
    up once and stored, so the next preview classifies the smart list once."""
    with ws.session() as conn, transaction(conn):
        for person, mdn in ((11, "+46701234511"), (12, "+46701234512")):
            add_person(conn, person, mdn, country="SE")
            add_member(conn, mdn)
    campaign = send_campaign(quiet={"enabled": True, "start": "08:00", "end": "21:00"})
    now = datetime(2026, 4, 6, 23, 30, tzinfo=UTC)  # 19:30 New York, 01:30 Stockholm
    store(ws, campaign)
    classified = []
    for _ in range(2):
        with ws.session() as conn:
            recording = Recording(conn)
            p = preview_step(recording, campaign, now=now)
        classified.append(sum("c AS MATERIALIZED" in s for s in recording.statements))
        assert p.recipients == 4 and p.deferred_quiet_hours == 2  # the two Swedish numbers
    assert classified == [2, 1]  # the first time to look the New York numbers up, then never again
    with ws.session() as conn:
        looked_up = [r[0] for r in conn.execute("SELECT mdn FROM phone_time_zones ORDER BY mdn")]
    assert looked_up == ["+12124560008", "+12124560010"]  # the Swedish ones needed no look-up at all
