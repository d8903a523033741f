"""Typing in Swedish: a Wait of "2 dagar" and the logic "1 och (2 eller 3)" are understood,
stored in the campaign in English, shown back in Swedish, and their problems say in Swedish
what to write."""

from __future__ import annotations

import pytest

from smsflow_desktop.model.campaign import Campaign, SendSmsStep, WaitStep
from smsflow_desktop.ui.editor.logic_editor import LogicEditor
from smsflow_desktop.ui.i18n import current_language, install_translators


@pytest.fixture
def swedish(qapp):
    assert install_translators(qapp, "sv") == "sv"
    assert current_language() == "sv"
    yield
    install_translators(qapp, "en")


def type_duration(card, text: str) -> None:
    card.wait.duration_edit.setText(text)
    card.wait.duration_edit.editingFinished.emit()


def test_a_wait_typed_in_swedish_is_stored_in_english(swedish, make_editor) -> None:
    editor = make_editor(Campaign(name="S", flow=[SendSmsStep(message="Spring offer"), WaitStep(duration="4 hours")]))
    card = editor.view.card(1)
    assert card.wait.duration_edit.text() == "4 timmar"
    type_duration(card, "2 dagar")
    assert editor.document.campaign.flow[1].duration == "2 days"
    assert editor.view.card(1).wait.duration_edit.text() == "2 dagar"
    assert not editor.view.card(1).wait.duration_edit.property("problem")
    type_duration(editor.view.card(1), "1 dag och 6 timmar")
    assert editor.document.campaign.flow[1].duration == "1 day 6 hours"


def test_a_wrong_swedish_wait_is_explained_in_swedish(swedish, make_editor) -> None:
    editor = make_editor(Campaign(name="S", flow=[WaitStep(duration="4 hours")]))
    type_duration(editor.view.card(0), "4 tim")
    assert editor.document.campaign.flow[0].duration == "4 tim"  # kept as typed, with its problem
    tip = editor.view.card(0).wait.duration_edit.toolTip()
    assert "Menade du ”4 timmar”?" in tip
    type_duration(editor.view.card(0), "2 månader")
    tip = editor.view.card(0).wait.duration_edit.toolTip()
    assert tip == "Använd minuter, timmar, dagar eller veckor, t.ex. ”4 timmar”."


def test_english_waits_stay_english(make_editor) -> None:
    editor = make_editor(Campaign(name="S", flow=[WaitStep(duration="4 hours")]))
    assert editor.view.card(0).wait.duration_edit.text() == "4 hours"
    type_duration(editor.view.card(0), "2 dagar")
    assert "Use minutes, hours, days or weeks" in editor.view.card(0).wait.duration_edit.toolTip()


def test_custom_logic_in_swedish(swedish, qtbot) -> None:
    logic = LogicEditor()
    qtbot.addWidget(logic)
    committed: list[str] = []
    logic.logic_committed.connect(committed.append)
    assert logic.expression.placeholderText() == "t.ex. 1 och (2 eller 3)"
    logic.set_logic("all", 3)
    logic.custom_button.click()
    assert committed[-1] == "1 and 2 and 3"
    assert logic.expression.text() == "1 och 2 och 3"
    logic.expression.setText("1 och (2 eller inte 3)")
    assert logic.check(logic.expression.text()) is None
    logic.expression.editingFinished.emit()
    assert committed[-1] == "1 and (2 or not 3)"
    logic.set_logic("1 and (2 or not 3)", 3)
    assert logic.expression.text() == "1 och (2 eller inte 3)"
    problem = logic.check("1 och (2 xor 3)")
    assert problem == "”xor” förstås inte; använd filternummer, ”och”, ”eller”, ”inte” och parenteser."
