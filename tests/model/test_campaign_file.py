"""The campaign file format: the contract's example parses, bad documents name their JSON path."""

from __future__ import annotations

import json

import pytest

from smsflow_desktop.model.campaign import SendSmsStep, WaitStep
from smsflow_desktop.model.campaign_file import CampaignFormatError, parse_campaign_document, parse_campaign_text

CONTRACT_EXAMPLE = {
    "format": "smsflow.campaign/1",
    "campaign": {
        "name": "Spring promo",
        "description": "",
        "smart_list": {
            "logic": "all",
            "filters": [
                {"type": "person_field", "field": "country", "operator": "is", "values": ["US", "SE"]},
                {"type": "member_of_list", "list": "VIP"},
                {"type": "member_of_vibes_list", "vibes_list_id": "101"},
                {"type": "subscribed_to_vibes_list", "vibes_list_id": "101"},
            ],
        },
        "flow": [
            {
                "type": "send_sms",
                "message": "Spring offer",
                "vibes_list_id": "101",
                "choices": [
                    {
                        "when": {"field": "country", "operator": "is", "values": ["SE"]},
                        "then": {"message": "Vårerbjudande", "vibes_list_id": "101"},
                    },
                    {"when": {"field": "state", "operator": "is", "values": ["TX"]}, "then": None},
                ],
            },
            {"type": "wait", "duration": "4 hours"},
            {"type": "subscribe_vibes_list", "vibes_list_id": "101", "acquisition_campaign_id": "201"},
            {"type": "unsubscribe_vibes_list", "vibes_list_id": "102"},
        ],
        "schedule": {"qualification": "once"},
        "settings": {"quiet_hours": {"enabled": True, "start": "08:00", "end": "21:00"}},
    },
    "messages": [
        {"name": "Spring offer", "body": "Hi {{lead.First Name|there}}! Reply STOP to opt out"},
        {"name": "Vårerbjudande", "body": "Hej {{lead.First Name|där}}! Svara STOP för att avsluta"},
    ],
}


def test_contract_example_parses_and_round_trips() -> None:
    doc = parse_campaign_document(CONTRACT_EXAMPLE)
    assert isinstance(doc.campaign.flow[0], SendSmsStep)
    assert doc.campaign.flow[0].choices[1].then is None
    assert isinstance(doc.campaign.flow[1], WaitStep)
    again = parse_campaign_text(doc.to_json())
    assert again == doc
    assert json.loads(doc.to_json())["format"] == "smsflow.campaign/2"


def test_every_days_qualification() -> None:
    data = json.loads(json.dumps(CONTRACT_EXAMPLE))
    data["campaign"]["schedule"]["qualification"] = {"every_days": 30}
    assert parse_campaign_document(data).campaign.schedule.qualification.every_days == 30


@pytest.mark.parametrize(
    ("mutate", "path", "words"),
    [
        (lambda d: d["campaign"]["flow"].append({"type": "send_fax"}), "campaign.flow[4].type", "send_fax"),
        (lambda d: d.update(format="smsflow.campaign/3"), "format", "newer"),
        (lambda d: d.update(format="something/1"), "format", "not a smsflow"),
        (lambda d: d["campaign"]["flow"][0].update(message=7), "campaign.flow[0].message", "string"),
        (lambda d: d["campaign"].update(flow={}), "campaign.flow", "list"),
        (
            lambda d: d["campaign"]["smart_list"]["filters"][0].update(operator="like"),
            "campaign.smart_list.filters[0].operator",
            "is",
        ),
        (
            lambda d: d["campaign"]["settings"]["quiet_hours"].update(start="8am"),
            "campaign.settings.quiet_hours.start",
            "HH:MM",
        ),
        (lambda d: d["campaign"].pop("name"), "campaign.name", "required"),
    ],
)
def test_bad_documents_name_the_json_path(mutate, path: str, words: str) -> None:
    data = json.loads(json.dumps(CONTRACT_EXAMPLE))
    mutate(data)
    with pytest.raises(CampaignFormatError) as info:
        parse_campaign_document(data)
    assert info.value.path == path
    assert words in str(info.value)


def test_not_json_and_deep_nesting_are_format_errors() -> None:
    with pytest.raises(CampaignFormatError, match="not valid JSON"):
        parse_campaign_text('{"format": ')
    deep = "[" * 5000 + "]" * 5000
    with pytest.raises(CampaignFormatError, match="nested"):
        parse_campaign_text(deep)
    with pytest.raises(CampaignFormatError, match="one JSON object"):
        parse_campaign_text("[]")
