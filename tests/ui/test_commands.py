"""Every editor verb is one undo command: do changes the model, undo restores it exactly,
redo gives the same result again; the dirty flag follows the stack's clean state."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from smsflow_desktop.model.campaign import (
    Condition,
    EveryDays,
    MemberOfVibesListFilter,
    PersonFieldFilter,
    SendSmsParams,
    SubscribeChoice,
    SubscribeParams,
)
from smsflow_desktop.model.document import CampaignDocument
from smsflow_desktop.ui.editor.controller import DocumentController

from .conftest import dump, sample_campaign

Verb = Callable[[DocumentController], object]

VERBS: dict[str, Verb] = {
    "add_step at end": lambda c: c.add_step("send_sms"),
    "add_step at start": lambda c: c.add_step("wait", 0),
    "add_step in middle": lambda c: c.add_step("unsubscribe_vibes_list", 2),
    "insert_step (paste)": lambda c: c.insert_step(c.document.campaign.flow[1], 1),
    "duplicate_step": lambda c: c.duplicate_step(0),
    "remove_step first": lambda c: c.remove_step(0),
    "remove_step last": lambda c: c.remove_step(2),
    "move_step down": lambda c: c.move_step(0, 2),
    "move_step up": lambda c: c.move_step(2, 0),
    "set_field message": lambda c: c.set_field(0, "message", "Vårerbjudande"),
    "set_field list to None": lambda c: c.set_field(0, "vibes_list_id", None),
    "set_field duration": lambda c: c.set_field(1, "duration", "2 days"),
    "set_field weekdays": lambda c: c.set_field(1, "resume_weekdays", ["mon", "fri"]),
    "set_field resume_time": lambda c: c.set_field(1, "resume_time", "09:30"),
    "set_field list clears acquisition": lambda c: c.set_field(2, "vibes_list_id", "101"),
    "add_choice": lambda c: c.add_choice(0),
    "add_choice to subscribe": lambda c: c.add_choice(
        2, SubscribeChoice(when=Condition(field="city", values=["Umeå"]), then=SubscribeParams(vibes_list_id="101"))
    ),
    "remove_choice": lambda c: c.remove_choice(0, 0),
    "move_choice": lambda c: (c.add_choice(0), c.move_choice(0, 1, 0)),
    "set_choice condition field": lambda c: c.set_choice_field(0, 0, "when.field", "city"),
    "set_choice condition operator": lambda c: c.set_choice_field(0, 0, "when.operator", "is_empty"),
    "set_choice condition values": lambda c: c.set_choice_field(0, 0, "when.values", ["SE", "NO"]),
    "set_choice whole condition": lambda c: c.set_choice_field(0, 0, "when", Condition(field="state", values=["TX"])),
    "set_choice then message": lambda c: c.set_choice_field(0, 0, "then.message", "Spring offer"),
    "set_choice then params": lambda c: c.set_choice_field(0, 0, "then", SendSmsParams(message="Spring offer")),
    "set_choice do nothing": lambda c: c.set_choice_do_nothing(0, 0, True),
    "add_filter": lambda c: c.add_filter(PersonFieldFilter(field="country", values=["SE"])),
    "add_filter at 0": lambda c: (
        c.add_filter(PersonFieldFilter(field="country", values=["SE"])),
        c.add_filter(MemberOfVibesListFilter(vibes_list_id="101"), 0),
    ),
    "remove_filter": lambda c: (
        c.add_filter(PersonFieldFilter(field="city", values=["X"])),
        c.add_filter(PersonFieldFilter(field="state", values=["Y"])),
        c.remove_filter(0),
    ),
    "move_filter": lambda c: (
        c.add_filter(PersonFieldFilter(field="city", values=["X"])),
        c.add_filter(MemberOfVibesListFilter(vibes_list_id="101")),
        c.move_filter(1, 0),
    ),
    "set_filter_field": lambda c: (
        c.add_filter(PersonFieldFilter(field="city", values=["X"])),
        c.set_filter_field(0, "values", ["Y", "Z"]),
    ),
    "set_logic": lambda c: (
        c.add_filter(PersonFieldFilter(field="city", values=["X"])),
        c.add_filter(PersonFieldFilter(field="state", values=["Y"])),
        c.set_logic("1 or 2"),
    ),
    "rename": lambda c: c.rename("Autumn promo"),
    "set qualification": lambda c: c.set_campaign_field("schedule.qualification", EveryDays(every_days=7), "q"),
    "set run_at": lambda c: c.set_campaign_field("schedule.run_at", "2026-05-01T08:00:00Z", "r"),
    "set quiet hours": lambda c: c.set_campaign_field("settings.quiet_hours.start", "09:00", "qh"),
    "set description": lambda c: c.set_campaign_field("description", "For spring", "d"),
}


@pytest.mark.parametrize("name", list(VERBS))
def test_do_undo_redo_compared_on_the_model(qapp, catalog, name: str) -> None:
    document = CampaignDocument(sample_campaign(), catalog.refs)
    controller = DocumentController(document)
    before = dump(document)
    VERBS[name](controller)
    after = dump(document)
    assert after != before, "the verb changed nothing"
    assert controller.is_dirty
    while controller.stack.canUndo():
        controller.stack.undo()
    assert dump(document) == before
    assert not controller.is_dirty
    while controller.stack.canRedo():
        controller.stack.redo()
    assert dump(document) == after


def test_every_command_names_its_edit_for_the_edit_menu(qapp, catalog) -> None:
    document = CampaignDocument(sample_campaign(), catalog.refs)
    controller = DocumentController(document)
    controller.remove_step(1)
    assert controller.stack.undoText() == "Delete step 2 (“Wait”)"
    controller.move_step(0, 1)
    assert controller.stack.undoText() == "Move step 1 to 2"
    controller.add_step("send_sms", 0)
    assert controller.stack.undoText() == "Add step “Send SMS Message”"


def test_list_change_clears_acquisition_campaign_in_one_undo_step(qapp, catalog) -> None:
    document = CampaignDocument(sample_campaign(), catalog.refs)
    controller = DocumentController(document)
    controller.set_field(2, "vibes_list_id", "101")  # 202 feeds only list 102
    step = document.campaign.flow[2]
    assert (step.vibes_list_id, step.acquisition_campaign_id) == ("101", None)
    assert controller.stack.count() == 1
    controller.stack.undo()
    assert (step.vibes_list_id, document.campaign.flow[2].acquisition_campaign_id) == ("102", "202")


def test_refused_values_are_not_pushed(qapp, catalog) -> None:
    document = CampaignDocument(sample_campaign(), catalog.refs)
    controller = DocumentController(document)
    refused: list[str] = []
    controller.edit_refused.connect(refused.append)
    assert controller.set_field(1, "resume_time", "25:00") is False
    assert controller.rename("   ") is False
    assert controller.stack.count() == 0
    assert len(refused) == 2 and "HH:MM" in refused[0]


def test_no_op_edits_push_nothing(qapp, catalog) -> None:
    document = CampaignDocument(sample_campaign(), catalog.refs)
    controller = DocumentController(document)
    assert controller.set_field(0, "message", "Spring offer") is False
    assert controller.move_step(1, 1) is False
    assert controller.set_logic("all") is False
    assert controller.stack.count() == 0


def test_save_marks_clean_and_renames_the_stored_campaign(qapp, workspace, catalog) -> None:
    from smsflow_desktop.services.campaigns import list_campaigns, load_campaign

    with workspace.session() as conn:
        document = CampaignDocument(load_campaign(conn, "Spring promo"), catalog.refs)
        controller = DocumentController(document, saved_name="Spring promo")
        controller.rename("Spring promo 2")
        controller.set_field(1, "duration", "1 day")
        assert controller.is_dirty
        controller.save(conn)
        assert not controller.is_dirty
        assert list_campaigns(conn) == ["Spring promo 2"]
        assert load_campaign(conn, "Spring promo 2").flow[1].duration == "1 day"
        controller.stack.undo()
        assert controller.is_dirty
