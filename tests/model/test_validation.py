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
from smsflow_desktop.services.workspace import Workspace

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


# -- opt-out language -------------------------------------------------------------------------
OPT_OUT_REFS = WorkspaceRefs(
    messages={
        "Hello": "Hi {{lead.First Name|there}}. Reply STOP to opt out",
        "Bare": "Hi {{lead.First Name|there}}, our sale starts today!",
        "Stopped": "The rain has stopped, so our sale is on today!",
        "Svensk": "Hej! Rea i butiken i helgen. Svara STOPP för att avsluta",
        "Svensk bar": "Hej! Rea i butiken i helgen.",
        "Later": "Last day of the sale!",
    },
    vibes_lists={"101": "Main", "102": "VIP"},
)


def opt_out(campaign: Campaign, refs: WorkspaceRefs | None = OPT_OUT_REFS) -> list:
    return [p for p in validate_campaign(campaign, refs) if p.code == "no_opt_out_hint"]


def test_a_first_text_without_stop_is_warned_with_the_hint_to_add() -> None:
    c = Campaign(name="x", flow=[SendSmsStep(message="Bare", vibes_list_id="101")])
    (warning,) = opt_out(c)
    assert (warning.step, warning.field, warning.severity) == (1, "message", "warning")
    assert warning.hint == "Reply STOP to opt out"
    assert "Reply STOP to opt out" in warning.message and "Main (101)" in warning.message
    assert warning.as_dict()["hint"] == "Reply STOP to opt out"
    assert [p for p in validate_campaign(c, OPT_OUT_REFS) if p.severity == "error"] == []


def test_a_later_text_from_the_same_list_is_not_warned() -> None:
    c = Campaign(
        name="x",
        flow=[
            SendSmsStep(message="Hello", vibes_list_id="101"),
            WaitStep(duration="1 day"),
            SendSmsStep(message="Later", vibes_list_id="101"),
            SendSmsStep(message="Later", vibes_list_id="102"),  # the first text from another list
        ],
    )
    assert [(p.step, p.field) for p in opt_out(c)] == [(4, "message")]


def test_stopp_is_an_opt_out_word_and_stopped_is_not() -> None:
    ok = Campaign(name="x", flow=[SendSmsStep(message="Svensk", vibes_list_id="101")])
    assert opt_out(ok) == []
    lower = WorkspaceRefs(messages={"m": "Sale today, reply stop to end"}, vibes_lists={"101": "Main"})
    assert opt_out(Campaign(name="x", flow=[SendSmsStep(message="m", vibes_list_id="101")]), lower) == []
    stopped = Campaign(name="x", flow=[SendSmsStep(message="Stopped", vibes_list_id="101")])
    assert [p.code for p in opt_out(stopped)] == ["no_opt_out_hint"]
    for body in ("nonstop deals", "STOPPED", "stops", "{{lead.stop}}"):
        refs = WorkspaceRefs(messages={"m": body}, vibes_lists={"101": "Main"})
        assert len(opt_out(Campaign(name="x", flow=[SendSmsStep(message="m", vibes_list_id="101")]), refs)) == 1


def test_the_hint_is_swedish_for_a_swedish_text_or_a_swedish_workspace() -> None:
    swedish = Campaign(name="x", flow=[SendSmsStep(message="Svensk bar", vibes_list_id="101")])
    assert opt_out(swedish)[0].hint == "Svara STOPP för att avsluta"
    english = Campaign(name="x", flow=[SendSmsStep(message="Bare", vibes_list_id="101")])
    sv_refs = WorkspaceRefs(messages=OPT_OUT_REFS.messages, vibes_lists=OPT_OUT_REFS.vibes_lists, language="sv")
    assert opt_out(english, sv_refs)[0].hint == "Reply STOP to opt out"  # the text shows its language
    neutral = WorkspaceRefs(messages={"m": "{{lead.First Name}}: 20% -> acme.example"}, vibes_lists={}, language="sv")
    c = Campaign(name="x", flow=[SendSmsStep(message="m", vibes_list_id="101")])
    assert opt_out(c, neutral)[0].hint == "Svara STOPP för att avsluta"


def test_a_choice_can_be_a_first_text_and_only_a_step_texting_everyone_covers_a_list() -> None:
    se = Condition(field="country", operator="is", values=["SE"])
    tx = Condition(field="state", operator="is", values=["TX"])
    c = Campaign(
        name="x",
        flow=[
            SendSmsStep(
                message="Hello",
                vibes_list_id="101",
                choices=[
                    SendSmsChoice(when=se, then=SendSmsParams(message="Svensk bar", vibes_list_id="101")),
                    SendSmsChoice(when=tx, then=None),  # Do Nothing: TX people get nothing here
                ],
            ),
            SendSmsStep(message="Later", vibes_list_id="101"),  # the first text from 101 for TX people
            SendSmsStep(
                message="Hello",
                vibes_list_id="101",
                choices=[SendSmsChoice(when=se, then=SendSmsParams(message="Svensk", vibes_list_id="101"))],
            ),
            SendSmsStep(message="Later", vibes_list_id="101"),  # step 3 texted everyone from 101
        ],
    )
    found = [(p.step, p.field, p.hint) for p in opt_out(c)]
    assert found == [(1, "choices[0].then.message", "Svara STOPP för att avsluta"), (2, "message", HINT)]


HINT = "Reply STOP to opt out"


def test_a_warning_leaves_a_campaign_valid_on_the_command_line(tmp_path, capsys) -> None:
    import json

    from smsflow_desktop.cli import main

    path = tmp_path / "bare.smsflow.json"
    path.write_text(
        json.dumps(
            {
                "format": "smsflow.campaign/1",
                "campaign": {"name": "Bare", "flow": [{"type": "send_sms", "message": "Bare", "vibes_list_id": "1"}]},
                "messages": [{"name": "Bare", "body": "Big sale today!"}],
            }
        )
    )
    code = main(["campaign", "validate", str(path), "--workspace", str(tmp_path / "none"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["valid"] is True
    assert [(p["code"], p["severity"], p["hint"]) for p in data["problems"]] == [
        ("no_opt_out_hint", "warning", "Reply STOP to opt out")
    ]
    ws = Workspace.open(tmp_path / "ws", create=True)
    with ws.session() as conn:
        conn.execute("INSERT INTO vibes_lists(id, name) VALUES ('1', 'Main')")
    assert main(["campaign", "import", str(path), "--workspace", str(ws.root), "--json"]) == 0
    imported = json.loads(capsys.readouterr().out)
    assert imported["valid"] is True and [p["code"] for p in imported["problems"]] == ["no_opt_out_hint"]
