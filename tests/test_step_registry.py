"""One registry of flow step types: a step type declared in one place (this module) is in the
campaign file, validation, the preview's funnel, a run, the palette and the editor, and is gone
from all of them again once it is removed.

The toy type is "Tag Person": for each person it reaches it records a Vibes event carrying
the step's tag (no text is sent), it keeps one person per number, leaves out blocklisted
people and numbers that are not valid, ignores quiet hours, and a step without a tag is a
problem its own validation hook names.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import Field, ValidationError

from smsflow_desktop.model.basics import new_id
from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.model.campaign_file import CampaignFormatError, parse_campaign_document
from smsflow_desktop.model.step_types import (
    AudienceRule,
    FlowStep,
    PaletteEntry,
    StepField,
    StepProblem,
    StepType,
    categories,
    register,
    step_type,
    type_ids,
    unregister,
)
from smsflow_desktop.model.validation import validate_campaign
from smsflow_desktop.services.campaigns import load_campaign
from smsflow_desktop.services.engine.actions import EngineAction, Item, Outcome, register_action, unregister_action
from smsflow_desktop.services.engine.preview import preview_step
from smsflow_desktop.services.engine.runner import CampaignHasProblems, RunOptions, start_run
from smsflow_desktop.services.engine.steps import StepError
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.services.engine.helpers import FakeVibes, add_member, add_person, make_workspace, store

BUILT_IN = ("send_sms", "subscribe_vibes_list", "unsubscribe_vibes_list", "wait")
T0 = datetime(2026, 4, 6, 16, 0, tzinfo=UTC)  # noon in New York
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


# --- the toy step type, declared once --------------------------------------------------------


class TagPersonStep(FlowStep):
    """Tag Person: a Vibes event with the person's number and the step's tag."""

    type: Literal["tag_person"] = "tag_person"
    id: str = Field(default_factory=new_id)
    tag: str | None = None


def _tag_problems(step: Any) -> list[StepProblem]:
    if (step.tag or "").strip():
        return []
    return [StepProblem("tag_person.tag_missing", "Enter the tag to record.", "tag")]


TAG_PERSON = StepType(
    id="tag_person",
    step_model=TagPersonStep,
    fields=(StepField("tag", "text"),),
    palette=PaletteEntry("Tag Person", "Record a tag for each person in Vibes.", "people", "People"),
    audience=AudienceRule(("blocklisted", "no_valid_phone", "duplicate_phone"), quiet_hours=False),
    action="tag_person",
    validate=_tag_problems,
)


def _tag(client: Any, item: Item) -> Outcome:
    client.send_event(
        event_id=f"smsflow-tag-s{item.step_index}-{item.mdn.lstrip('+')}",
        event_type="smsflow_tag",
        event_data={"mdn": item.mdn, "tag": item.step.tag},
    )
    return Outcome("tagged")


TAG_ACTION = EngineAction(
    name="tag_person",
    title="Tag",
    request=_tag,
    dry_state="tagged",
    activities={"tagged": "Tagged", "failed": "Tag Failed", "in_doubt": "Tag Failed"},
)


@pytest.fixture
def tag_person() -> Iterator[StepType]:
    register(TAG_PERSON)
    register_action(TAG_ACTION)
    try:
        yield TAG_PERSON
    finally:
        unregister_action("tag_person")
        unregister("tag_person")
    assert type_ids() == BUILT_IN


# --- a small workspace ---------------------------------------------------------------------------


def mdn(i: int) -> str:
    return f"+1212456{i:04d}"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, mdn(1))
        add_person(conn, 2, mdn(2))
        add_person(conn, 3, mdn(2))  # shares 2's number
        add_person(conn, 4, mdn(4), blocklisted=1)
        add_person(conn, 5, mdn(5), valid=False)
        add_member(conn, mdn(1))
    return ws


def tag_campaign(tag: str | None = "spring") -> Campaign:
    """Tag Person, a Wait and a Send SMS: the new type next to the built-in ones. Quiet hours
    are closed at :data:`T0` in New York; tagging does not wait for them."""
    return Campaign.model_validate(
        {
            "name": "Tagging",
            "flow": [
                {"type": "tag_person", "tag": tag},
                {"type": "wait", "duration": "1 day"},
                {"type": "send_sms", "message": "Hello", "vibes_list_id": "101"},
            ],
            "schedule": {"qualification": "every_time"},
            "settings": {"quiet_hours": {"enabled": True, "start": "08:00", "end": "09:00"}},
        }
    )


# --- the model -----------------------------------------------------------------------------------


def file_with_a_tag_step() -> dict[str, Any]:
    return {
        "format": "smsflow.campaign/2",
        "campaign": {"name": "Tagging", "flow": [{"type": "send_sms"}, {"type": "tag_person", "tag": "vip"}]},
    }


def test_the_campaign_file_takes_a_registered_type_and_refuses_it_once_removed(tag_person) -> None:
    doc = parse_campaign_document(file_with_a_tag_step())
    step = doc.campaign.flow[1]
    assert isinstance(step, TagPersonStep) and step.tag == "vip"
    written = doc.model_dump(mode="json")["campaign"]["flow"][1]
    assert written == {"type": "tag_person", "id": step.id, "tag": "vip"}
    with pytest.raises(CampaignFormatError) as err:
        parse_campaign_document(
            {"format": "smsflow.campaign/2", "campaign": {"name": "T", "flow": [{"type": "tag_person", "x": 1}]}}
        )
    assert str(err.value) == "campaign.flow[0].x: unknown key"

    unregister_action("tag_person")
    unregister("tag_person")
    try:
        with pytest.raises(CampaignFormatError) as err:
            parse_campaign_document(file_with_a_tag_step())
        assert str(err.value) == (
            "campaign.flow[1].type: unknown type 'tag_person' "
            "(expected one of 'send_sms', 'subscribe_vibes_list', 'unsubscribe_vibes_list', 'wait')"
        )
        with pytest.raises(ValidationError):
            Campaign.model_validate({"name": "T", "flow": [{"type": "tag_person"}]})
    finally:
        register(TAG_PERSON)
        register_action(TAG_ACTION)


def test_validation_runs_the_types_hook_and_its_field_kinds(tag_person) -> None:
    problems = [p for p in validate_campaign(tag_campaign(tag=" ")) if p.step == 1]
    assert [(p.code, p.field, p.severity) for p in problems] == [("tag_person.tag_missing", "tag", "error")]
    assert problems[0].message == "Enter the tag to record."
    assert [p for p in validate_campaign(tag_campaign()) if p.step == 1] == []


def test_declarations_that_do_not_fit_are_refused_with_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="'wait' is already registered"):
        register(step_type("wait"))
    with pytest.raises(ValueError, match="both an audience rule and an engine action"):
        register(StepType(id="tag_person", step_model=TagPersonStep, palette=TAG_PERSON.palette, action="tag_person"))
    with pytest.raises(ValueError, match="'duplicate_phone' comes last"):
        register(
            StepType(
                id="tag_person",
                step_model=TagPersonStep,
                palette=TAG_PERSON.palette,
                audience=AudienceRule(("duplicate_phone", "blocklisted")),
                action="tag_person",
            )
        )
    with pytest.raises(ValueError, match="needs a field of kind 'vibes_list'"):
        register(
            StepType(
                id="tag_person",
                step_model=TagPersonStep,
                palette=TAG_PERSON.palette,
                audience=AudienceRule(("not_in_vibes_list",)),
                action="tag_person",
            )
        )
    with pytest.raises(ValueError, match="'type' must default to 'tagger'"):
        register(StepType(id="tagger", step_model=TagPersonStep, palette=TAG_PERSON.palette))
    assert type_ids() == BUILT_IN


# --- preview and run ------------------------------------------------------------------------------


def test_the_preview_follows_the_types_audience_rule(tag_person, ws: Workspace) -> None:
    with ws.session() as conn:
        preview = preview_step(conn, tag_campaign(), now=T0)
    assert preview.step == 1 and preview.step_type == "tag_person"
    assert preview.excluded == {"blocklisted": 1, "no_valid_phone": 1, "duplicate_phone": 1}
    assert preview.recipients == 2 and preview.smart_list == 5
    assert preview.deferred_quiet_hours == 0  # the type does not wait for quiet hours
    assert tag_person.audience is not None
    assert tag_person.audience.stages() == (
        ("already_qualified", "do_nothing", "blocklisted", "no_valid_phone", "duplicate_phone"),
        (),
        (),
    )


def test_a_type_whose_engine_action_is_not_registered_is_not_previewed(tag_person, ws: Workspace) -> None:
    unregister_action("tag_person")
    try:
        with ws.session() as conn, pytest.raises(StepError) as err:
            preview_step(conn, tag_campaign(), now=T0)
        assert str(err.value) == "step 1: no engine action 'tag_person' is registered for Tag Person"
    finally:
        register_action(TAG_ACTION)


def ledger(ws: Workspace, run_id: int, step: int) -> dict[int, tuple[str, str | None]]:
    with ws.session() as conn:
        rows = conn.execute(
            "SELECT person_id, state, reason FROM ledger WHERE run_id = ? AND step_index = ?", (run_id, step)
        )
        return {r[0]: (r[1], r[2]) for r in rows}


def activity(ws: Workspace, run_id: int) -> list[tuple[int, str]]:
    with ws.session() as conn:
        rows = conn.execute(
            "SELECT person_id, type FROM activity WHERE run_id = ? AND step_index = 1 ORDER BY person_id", (run_id,)
        )
        return [(r[0], r[1]) for r in rows]


def test_a_run_carries_out_the_types_engine_action(tag_person, ws: Workspace) -> None:
    store(ws, tag_campaign())
    client = FakeVibes(members={"101": {mdn(1)}})
    result = start_run(ws, "Tagging", client, clock=lambda: T0)
    assert result.status == "waiting"  # the Send SMS after the Wait is still to come
    assert result.counts["tagged"] == 2
    tagged = sorted((e["event_type"], e["event_data"]["mdn"], e["event_data"]["tag"]) for e in client.events)
    assert tagged == [("smsflow_tag", mdn(1), "spring"), ("smsflow_tag", mdn(2), "spring")]
    assert ledger(ws, result.run_id, 1) == {
        1: ("tagged", None),
        2: ("tagged", None),
        3: ("skipped", "duplicate_phone"),
        4: ("skipped", "blocklisted"),
        5: ("skipped", "no_valid_phone"),
    }
    assert activity(ws, result.run_id) == [(1, "Tagged"), (2, "Tagged"), (3, "Skipped"), (4, "Skipped"), (5, "Skipped")]


def test_a_dry_run_records_the_types_dry_state_and_calls_nobody(tag_person, ws: Workspace) -> None:
    store(ws, tag_campaign())
    client = FakeVibes()
    result = start_run(ws, "Tagging", client, options=RunOptions(dry_run=True), clock=lambda: T0)
    assert result.counts["tagged"] == 2
    assert client.events == [] and client.calls == []


def test_a_run_refuses_a_step_its_hook_finds_a_problem_in(tag_person, ws: Workspace) -> None:
    store(ws, tag_campaign(tag=None))
    with pytest.raises(CampaignHasProblems) as err:
        start_run(ws, "Tagging", FakeVibes(), clock=lambda: T0)
    assert [p.code for p in err.value.problems] == ["tag_person.tag_missing"]
    with ws.session() as conn:
        assert load_campaign(conn, "Tagging").flow[0].type == "tag_person"


# --- the GUI --------------------------------------------------------------------------------------


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)
def test_the_palette_and_the_editor_offer_it_and_forget_it(tag_person, qtbot, ws: Workspace) -> None:
    from smsflow_desktop.model.document import CampaignDocument
    from smsflow_desktop.ui.editor.controller import DocumentController
    from smsflow_desktop.ui.editor.field_widgets import CommitLineEdit
    from smsflow_desktop.ui.editor.flow_tab import FlowTab
    from smsflow_desktop.ui.editor.palette import FlowPalette
    from smsflow_desktop.ui.step_types import MIME_STEP_TYPE, read_step_type
    from smsflow_desktop.ui.workspace_data import load_catalog

    palette = FlowPalette()
    qtbot.addWidget(palette)
    item = palette.items["tag_person"]
    assert item.text(0) == "Tag Person" and item.parent().text(0) == "People"
    assert item.toolTip(0) == "Tag Person: Record a tag for each person in Vibes."
    assert categories() == ("SMS", "Flow", "People")
    palette.filter("tag")
    assert palette.visible_type_ids() == ["tag_person"]
    mime = palette.tree.mimeData([item])
    assert mime.formats() == [MIME_STEP_TYPE] and read_step_type(mime) == "tag_person"

    with ws.session() as conn:
        catalog = load_catalog(conn)
    controller = DocumentController(CampaignDocument(Campaign(name="T"), catalog.refs))
    tab = FlowTab(controller, catalog)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    index = controller.add_step("tag_person")
    qtbot.wait(1)  # the flow scrolls to the new card
    card = tab.flow_view.card(index)
    assert card.title_label.text() == "Tag Person" and not card.add_choice_button.isVisible()
    edit = card.widget_for("tag")
    assert isinstance(edit, CommitLineEdit)
    qtbot.waitUntil(lambda: [p.code for p in card.problems()] == ["tag_person.tag_missing"])
    edit.setText("vip")
    edit.editingFinished.emit()
    assert controller.document.campaign.flow[index].tag == "vip"
    qtbot.waitUntil(lambda: card.problems() == [])
    controller.stack.undo()
    assert controller.document.campaign.flow[index].tag is None and edit.text() == ""
    tab.close_document()

    unregister_action("tag_person")
    unregister("tag_person")
    try:
        fresh = FlowPalette()
        qtbot.addWidget(fresh)
        assert "tag_person" not in fresh.items and "People" not in fresh.categories
        assert read_step_type(mime) is None
    finally:
        register(TAG_PERSON)
        register_action(TAG_ACTION)
