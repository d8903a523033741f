"""Format ``smsflow.campaign/2``: schedules and triggers in files, and the problems validation names."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.model.campaign_file import CampaignFormatError, parse_campaign_document
from smsflow_desktop.model.validation import WorkspaceRefs, validate_campaign

BASE: dict[str, Any] = {
    "format": "smsflow.campaign/2",
    "campaign": {
        "name": "Welcome",
        "smart_list": {"logic": "all", "filters": []},
        "flow": [{"type": "send_sms", "message": "Hi", "vibes_list_id": "101"}],
    },
    "messages": [{"name": "Hi", "body": "Hi! Reply STOP to opt out"}],
}
REFS = WorkspaceRefs(
    messages={"Hi": "Hi! Reply STOP to opt out"},
    vibes_lists={"101": "Main", "102": "VIP"},
    static_lists=frozenset({"VIP"}),
    campaigns=frozenset({"Welcome", "Promo"}),
)


def doc(**campaign: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["campaign"].update(campaign)
    return data


def codes(campaign: dict[str, Any], refs: WorkspaceRefs | None = REFS) -> list[str]:
    return [p.code for p in validate_campaign(Campaign.model_validate(campaign), refs)]


def test_a_v2_file_with_a_schedule_and_triggers_round_trips_as_v2() -> None:
    data = doc(
        schedule={
            "qualification": "every_time",
            "start": "2026-05-04T14:00:00Z",
            "recurrence": {
                "every": "week",
                "interval": 1,
                "on": ["mon", "Thursday"],
                "at": "10:00",
                "time_zone": "America/New_York",
                "until": "2026-12-31",
            },
        }
    )
    parsed = parse_campaign_document(data)
    assert parsed.campaign.schedule.recurrence is not None
    assert parsed.campaign.schedule.recurrence.on == ["mon", "thu"]
    assert parsed.campaign.kind == "batch"
    text = parsed.to_json()
    assert json.loads(text)["format"] == "smsflow.campaign/2"
    assert parse_campaign_document(json.loads(text)) == parsed

    triggered = parse_campaign_document(
        doc(
            smart_list={
                "logic": "all",
                "filters": [],
                "triggers": [
                    {"type": "subscribes_to_vibes_list", "vibes_list_id": "102"},
                    {"type": "unsubscribes_from_vibes_list", "vibes_list_id": "101"},
                    {"type": "sms_bounces"},
                    {"type": "sms_bounces", "campaign": "Promo"},
                    {"type": "person_is_created"},
                    {"type": "added_to_list", "list": "VIP"},
                ],
            }
        )
    )
    assert triggered.campaign.kind == "trigger"
    assert validate_campaign(triggered.campaign, REFS) == []


def test_a_v1_file_reads_as_before_and_refuses_v2_keys() -> None:
    v1 = doc(schedule={"qualification": "once", "run_at": "2026-05-01T08:00:00Z"})
    v1["format"] = "smsflow.campaign/1"
    parsed = parse_campaign_document(v1)
    assert parsed.campaign.schedule.run_at == "2026-05-01T08:00:00Z"
    v1["campaign"]["schedule"]["recurrence"] = {"every": "day"}
    with pytest.raises(CampaignFormatError) as err:
        parse_campaign_document(v1)
    assert err.value.path == "campaign.schedule.recurrence"
    assert "smsflow.campaign/2" in str(err.value)
    v1["campaign"]["schedule"].pop("recurrence")
    v1["campaign"]["smart_list"]["triggers"] = [{"type": "person_is_created"}]
    with pytest.raises(CampaignFormatError) as err:
        parse_campaign_document(v1)
    assert err.value.path == "campaign.smart_list.triggers"


@pytest.mark.parametrize(
    ("campaign", "path", "words"),
    [
        ({"smart_list": {"triggers": [{"type": "opens_email"}]}}, "campaign.smart_list.triggers[0].type", "unknown"),
        ({"smart_list": {"triggers": [{"type": "added_to_list"}]}}, "campaign.smart_list.triggers[0].list", "missing"),
        ({"smart_list": {"triggers": [{"type": "person_is_created"}] * 21}}, "campaign.smart_list.triggers", "20"),
        ({"schedule": {"recurrence": {"every": "year"}}}, "campaign.schedule.recurrence.every", "day"),
        ({"schedule": {"recurrence": {"every": "day", "interval": 0}}}, "campaign.schedule.recurrence.interval", ""),
        ({"schedule": {"recurrence": {"every": "week", "on": ["fun"]}}}, "campaign.schedule.recurrence.on", "fun"),
        ({"schedule": {"recurrence": {"every": "day", "at": "25:00"}}}, "campaign.schedule.recurrence.at", "HH:MM"),
        (
            {"schedule": {"recurrence": {"every": "day", "until": "31/12/2026"}}},
            "campaign.schedule.recurrence.until",
            "",
        ),
        ({"schedule": {"start": "2026-05-01T10:00:00"}}, "campaign.schedule.start", "UTC offset"),
        ({"schedule": {"start": "next monday"}}, "campaign.schedule.start", "ISO-8601"),
    ],
)
def test_a_malformed_schedule_or_trigger_names_its_path(campaign: dict[str, Any], path: str, words: str) -> None:
    with pytest.raises(CampaignFormatError) as err:
        parse_campaign_document(doc(**campaign))
    assert err.value.path == path
    assert words in str(err.value)


def test_a_trigger_campaign_with_a_schedule_is_a_problem() -> None:
    base = BASE["campaign"]
    triggered = {**base, "smart_list": {"triggers": [{"type": "person_is_created"}]}}
    for schedule in ({"start": "2026-05-01T10:00:00Z"}, {"recurrence": {"every": "day"}}, {"run_at": "2026-05-01"}):
        problems = validate_campaign(Campaign.model_validate({**triggered, "schedule": schedule}), REFS)
        assert "trigger_with_schedule" in [p.code for p in problems]
        assert next(p for p in problems if p.code == "trigger_with_schedule").field == "schedule"
    assert codes(triggered) == []


@pytest.mark.parametrize(
    ("schedule", "code", "field"),
    [
        ({"recurrence": {"every": "day", "time_zone": "Mars/Olympus"}}, "schedule.time_zone_unknown", "time_zone"),
        ({"recurrence": {"every": "day", "on": ["mon"]}}, "schedule.on_not_weekly", "on"),
        ({"recurrence": {"every": "week", "on": []}}, "schedule.recurrence_never", ""),
        (
            {"start": "2026-05-04T10:00:00Z", "recurrence": {"every": "day", "until": "2026-05-01"}},
            "schedule.recurrence_never",
            "",
        ),
        (
            {
                "start": "2026-05-04T10:00:00Z",  # a Monday
                "recurrence": {"every": "week", "on": ["sat"], "time_zone": "UTC", "until": "2026-05-08"},
            },
            "schedule.recurrence_never",
            "",
        ),
        ({"recurrence": {"every": "month"}}, "schedule.month_needs_start", "start"),
        ({"start": "2026-05-30T10:00:00Z", "recurrence": {"every": "month"}}, "schedule.month_day_invalid", "start"),
        ({"run_at": "soon"}, "schedule.start_invalid", "run_at"),
    ],
)
def test_schedule_problems(schedule: dict[str, Any], code: str, field: str) -> None:
    problems = validate_campaign(Campaign.model_validate({**BASE["campaign"], "schedule": schedule}), REFS)
    found = [p for p in problems if p.code == code]
    assert found, [p.code for p in problems]
    assert found[0].field is not None and found[0].field.startswith("schedule")
    assert found[0].field.endswith(field)
    assert found[0].message.endswith(".")


def test_a_good_recurrence_has_no_problem() -> None:
    schedule = {
        "start": "2026-05-28T10:00:00Z",
        "recurrence": {"every": "month", "interval": 2, "time_zone": "Europe/Stockholm", "until": "2027-05-28"},
    }
    assert codes({**BASE["campaign"], "schedule": schedule}) == []
    # day 28 in UTC is already day 29 in Sydney
    schedule["recurrence"]["time_zone"] = "Australia/Sydney"  # type: ignore[index]
    schedule["start"] = "2026-05-28T20:00:00Z"
    assert codes({**BASE["campaign"], "schedule": schedule}) == ["schedule.month_day_invalid"]


def test_triggers_naming_what_the_workspace_lacks() -> None:
    campaign = {
        **BASE["campaign"],
        "smart_list": {
            "triggers": [
                {"type": "subscribes_to_vibes_list", "vibes_list_id": "999"},
                {"type": "unsubscribes_from_vibes_list", "vibes_list_id": "998"},
                {"type": "added_to_list", "list": "Nobody"},
                {"type": "sms_bounces", "campaign": "Gone"},
            ]
        },
    }
    problems = validate_campaign(Campaign.model_validate(campaign), REFS)
    assert [(p.code, p.field) for p in problems] == [
        ("trigger.vibes_list_unknown", "smart_list.triggers[0].vibes_list_id"),
        ("trigger.vibes_list_unknown", "smart_list.triggers[1].vibes_list_id"),
        ("trigger.list_unknown", "smart_list.triggers[2].list"),
        ("trigger.campaign_unknown", "smart_list.triggers[3].campaign"),
    ]
    assert codes(campaign, None) == []  # without the workspace, references are not checked
