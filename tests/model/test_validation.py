"""Validation names every problem with step, field and a stable code."""

from __future__ import annotations

import pytest

from smsflow_desktop.model.campaign import (
    Campaign,
    Condition,
    MemberOfListFilter,
    PersonFieldFilter,
    SendSmsChoice,
    SendSmsParams,
    SendSmsStep,
    SmartList,
    SubscribeVibesListStep,
    UnsubscribeVibesListStep,
    WaitStep,
)
from smsflow_desktop.model.validation import WorkspaceRefs, validate_campaign

REFS = WorkspaceRefs(
    messages={"Hello": "Hi {{lead.First Name|there}}. Reply STOP to opt out", "Long": "x" * 901},
    vibes_lists={"101": "Main", "102": "VIP"},
    acquisition_campaigns={"201": frozenset({"101"}), "202": frozenset({"102"})},
    static_lists=frozenset({"VIP"}),
    custom_fields=frozenset({"favourite_colour"}),
)


def codes(campaign: Campaign, refs: WorkspaceRefs | None = REFS) -> set[tuple[int | None, str | None, str]]:
    return {(p.step, p.field, p.code) for p in validate_campaign(campaign, refs)}


def test_a_complete_campaign_has_no_problems() -> None:
    c = Campaign(
        name="ok",
        flow=[
            SendSmsStep(message="Hello", vibes_list_id="101"),
            WaitStep(duration="4 hours"),
            SubscribeVibesListStep(vibes_list_id="102", acquisition_campaign_id="202"),
            UnsubscribeVibesListStep(vibes_list_id="101"),
        ],
    )
    assert validate_campaign(c, REFS) == []


def test_empty_flow() -> None:
    assert (None, "flow", "flow.empty") in codes(Campaign(name="x"))


def test_missing_fields_per_step() -> None:
    c = Campaign(name="x", flow=[SendSmsStep(), SubscribeVibesListStep(), UnsubscribeVibesListStep()])
    assert codes(c) == {
        (1, "message", "step.message_missing"),
        (1, "vibes_list_id", "step.vibes_list_missing"),
        (2, "vibes_list_id", "step.vibes_list_missing"),
        (2, "acquisition_campaign_id", "step.acquisition_campaign_missing"),
        (3, "vibes_list_id", "step.vibes_list_missing"),
    }


def test_unknown_references_and_wrong_feeding_campaign() -> None:
    c = Campaign(
        name="x",
        flow=[
            SendSmsStep(message="Nope", vibes_list_id="999"),
            SubscribeVibesListStep(vibes_list_id="101", acquisition_campaign_id="202"),
            SubscribeVibesListStep(vibes_list_id="101", acquisition_campaign_id="777"),
        ],
    )
    assert codes(c) == {
        (1, "message", "step.message_unknown"),
        (1, "vibes_list_id", "step.vibes_list_unknown"),
        (2, "acquisition_campaign_id", "step.acquisition_campaign_wrong_list"),
        (3, "acquisition_campaign_id", "step.acquisition_campaign_unknown"),
    }


def test_without_workspace_refs_only_shape_problems_count() -> None:
    c = Campaign(name="x", flow=[SendSmsStep(message="Nope", vibes_list_id="999")])
    assert validate_campaign(c, None) == []


def test_long_message_and_bad_wait() -> None:
    c = Campaign(name="x", flow=[SendSmsStep(message="Long", vibes_list_id="101"), WaitStep(duration="4 hrs")])
    problems = {p.code: p for p in validate_campaign(c, REFS)}
    assert problems["message.too_long"].step == 1
    assert "901 characters" in problems["message.too_long"].message
    assert problems["wait.duration_invalid"].step == 2
    assert '"4 hours"' in problems["wait.duration_invalid"].message


def test_choices_are_checked_and_do_nothing_is_fine() -> None:
    c = Campaign(
        name="x",
        flow=[
            SendSmsStep(
                message="Hello",
                vibes_list_id="101",
                choices=[
                    SendSmsChoice(
                        when=Condition(field="country", operator="is", values=["SE"]),
                        then=SendSmsParams(message=None, vibes_list_id="101"),
                    ),
                    SendSmsChoice(when=Condition(field="state", operator="is", values=[]), then=None),
                    SendSmsChoice(when=Condition(field="shoe_size", operator="is_empty"), then=None),
                ],
            )
        ],
    )
    assert codes(c) == {
        (1, "choices[0].then.message", "step.message_missing"),
        (1, "choices[1].when.values", "condition.value_missing"),
        (1, "choices[2].when.field", "condition.field_unknown"),
    }


def test_smart_list_logic_and_filters() -> None:
    c = Campaign(
        name="x",
        flow=[SendSmsStep(message="Hello", vibes_list_id="101")],
        smart_list=SmartList(
            logic="1 and (2 or 3)",
            filters=[
                PersonFieldFilter(field="favourite_colour", operator="is", values=["red"]),
                MemberOfListFilter(list="Gone"),
            ],
        ),
    )
    assert codes(c) == {
        (None, "smart_list.logic", "smart_list.logic_unknown_filter"),
        (None, "smart_list.filters[1].list", "smart_list.list_unknown"),
    }


def test_a_name_may_not_start_with_a_dash_which_a_command_line_takes_for_an_option() -> None:
    from smsflow_desktop.model.campaign import BadName, clean_name, name_problem

    for name in ("--", "-h", "--json", " -20% off"):
        problem = name_problem(name)
        assert problem is not None and "option" in problem, name
    with pytest.raises(BadName, match="starts with '-'"):
        clean_name("--", "campaign name")
    assert name_problem("Spring -20%") is None
    assert name_problem("–20% off") is None  # an en dash is only a dash to the eye
