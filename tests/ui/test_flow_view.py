"""The flow as a marketer uses it: cards, fields, choices, delete, keyboard, validation."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from smsflow_desktop.model.campaign import Campaign, SendSmsStep, SubscribeVibesListStep, WaitStep

from .conftest import sample_campaign


def choose(combo, value) -> None:
    """Pick ``value`` in a drop-down the way a user does (activation, not a programmatic set)."""
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_cards_mirror_the_steps(make_editor) -> None:
    editor = make_editor(sample_campaign())
    cards = editor.view.cards
    assert [c.title_label.text() for c in cards] == ["Send SMS Message", "Wait", "Subscribe to Vibes List"]
    assert cards[0].params.combos["message"].currentText() == "Spring offer"
    assert cards[0].params.combos["vibes_list_id"].currentText() == "Offers (101)"
    assert cards[1].wait.duration_edit.text() == "4 hours"
    assert cards[0].accessibleName() == "Step 1: Send SMS Message"
    assert cards[0].delete_button.accessibleName() == "Delete step 1"


def test_fields_are_combo_boxes_of_the_workspace(make_editor) -> None:
    editor = make_editor(sample_campaign())
    card = editor.view.cards[0]
    messages = card.params.combos["message"]
    assert [messages.itemData(i) for i in range(messages.count())] == [None, "Spring offer", "Vårerbjudande"]
    choose(messages, "Vårerbjudande")
    assert editor.document.campaign.flow[0].message == "Vårerbjudande"
    assert editor.controller.stack.undoText() == "Change SMS Message of step 1"


def test_acquisition_campaigns_offered_only_for_the_chosen_list(make_editor) -> None:
    editor = make_editor(sample_campaign())
    card = editor.view.cards[2]
    acq = card.params.combos["acquisition_campaign_id"]
    assert [acq.itemData(i) for i in range(acq.count())] == [None, "202"]
    choose(card.params.combos["vibes_list_id"], "101")
    acq = editor.view.cards[2].params.combos["acquisition_campaign_id"]
    assert [acq.itemData(i) for i in range(acq.count())] == [None, "201"]
    assert editor.document.campaign.flow[2].acquisition_campaign_id is None


def test_delete_asks_first(make_editor) -> None:
    editor = make_editor(sample_campaign())
    asked: list[int] = []
    editor.view.confirm_delete = lambda i: asked.append(i) or False
    editor.view.cards[1].delete_button.click()
    assert asked == [1] and len(editor.document.campaign.flow) == 3
    editor.view.confirm_delete = lambda i: True
    editor.view.cards[1].delete_button.click()
    assert [s.type for s in editor.document.campaign.flow] == ["send_sms", "subscribe_vibes_list"]
    assert [c.number_label.text() for c in editor.view.cards] == ["1", "2"]


def test_keyboard_delete_duplicate_move(make_editor, qtbot) -> None:
    editor = make_editor(sample_campaign())
    view = editor.view
    view.window().activateWindow()
    combo = view.cards[1].wait.only_on  # focus a field inside step 2
    combo.setFocus()
    qtbot.waitUntil(lambda: view.current_index == 1)
    ids = [s.id for s in editor.document.campaign.flow]
    qtbot.keyClick(combo, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [s.id for s in editor.document.campaign.flow] == [ids[1], ids[0], ids[2]]
    assert view.current_index == 0
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [s.id for s in editor.document.campaign.flow] == ids
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [s.type for s in editor.document.campaign.flow] == ["send_sms", "wait", "wait", "subscribe_vibes_list"]
    assert editor.document.campaign.flow[2].id != ids[1]
    assert view.current_index == 2  # the copy takes the focus (its duration, where Delete edits text)
    view.cards[2].wait.only_on.setFocus()
    qtbot.keyClick(view.cards[2].wait.only_on, Qt.Key.Key_Delete)
    assert len(editor.document.campaign.flow) == 3


def test_copy_and_paste_a_step(make_editor, qtbot) -> None:
    editor = make_editor(sample_campaign())
    view = editor.view
    view.select(0)
    view.copy_current()
    view.select(2)
    view.paste()
    flow = editor.document.campaign.flow
    assert [s.type for s in flow] == ["send_sms", "wait", "subscribe_vibes_list", "send_sms"]
    assert flow[3].message == flow[0].message and flow[3].id != flow[0].id
    assert len(flow[3].choices) == 1


def test_paste_of_other_text_does_nothing(make_editor) -> None:
    editor = make_editor(sample_campaign())
    messages: list[str] = []
    editor.view.status_message.connect(messages.append)
    QApplication.clipboard().setText("not a step")
    editor.view.paste()
    assert len(editor.document.campaign.flow) == 3
    assert messages == ["The clipboard holds no flow step to paste."]


def test_choices_added_edited_reordered_and_removed_through_the_card(make_editor) -> None:
    editor = make_editor(sample_campaign())
    card = editor.view.cards[0]
    card.add_choice_button.click()
    assert len(card.choice_rows) == 2
    row = card.choice_rows[1]
    assert row.widget_for("when.field").property("problem") is True  # a new row needs a field
    choose(row.condition.field_combo, "city")
    row.condition.values_edit.setText("Umeå, Luleå")
    row.condition.values_edit.editingFinished.emit()
    choice = editor.document.campaign.flow[0].choices[1]
    assert (choice.when.field, choice.when.values) == ("city", ["Umeå", "Luleå"])
    assert choice.then.vibes_list_id == "101"  # a new row starts with the step's list
    card.choice_rows[1].up_button.click()
    assert editor.document.campaign.flow[0].choices[0].when.field == "city"
    card.choice_rows[0].do_nothing.click()
    assert editor.document.campaign.flow[0].choices[0].then is None
    assert card.choice_rows[0].nothing_label.isVisibleTo(card)
    card.choice_rows[0].remove_button.click()
    assert [c.when.field for c in editor.document.campaign.flow[0].choices] == ["country"]
    assert len(card.choice_rows) == 1


def test_validation_shown_and_cleared_as_the_user_edits(make_editor) -> None:
    editor = make_editor(Campaign(name="New", flow=[SendSmsStep()]))
    card = editor.view.cards[0]
    message = card.params.combos["message"]
    assert message.property("problem") is True
    assert message.toolTip() == "Choose an SMS message."
    assert card.badge.isVisibleTo(card) and card.badge.text() == "2 problems"
    assert card.property("state") == "problem"
    choose(message, "Spring offer")
    assert message.property("problem") is False and message.toolTip() == ""
    assert card.badge.text() == "1 problem"
    choose(card.params.combos["vibes_list_id"], "101")
    assert not card.badge.isVisibleTo(card) and card.property("state") == "ok"
    editor.controller.stack.undo()
    assert card.params.combos["vibes_list_id"].property("problem") is True


def test_wait_duration_problem_says_what_to_write(make_editor) -> None:
    editor = make_editor(Campaign(name="W", flow=[WaitStep(duration="1 day")]))
    card = editor.view.cards[0]
    card.wait.duration_edit.setText("4 hrs")
    card.wait.duration_edit.editingFinished.emit()
    assert editor.document.campaign.flow[0].duration == "4 hrs"
    assert "Did you mean “4 hours”?" in card.wait.duration_edit.toolTip()
    assert card.wait.duration_edit.property("problem") is True
    card.wait.only_on.click()
    assert editor.document.campaign.flow[0].resume_weekdays == ["mon", "tue", "wed", "thu", "fri"]


def test_unknown_references_are_problems_not_crashes(make_editor) -> None:
    editor = make_editor(
        Campaign(name="Imported", flow=[SubscribeVibesListStep(vibes_list_id="999", acquisition_campaign_id="201")])
    )
    card = editor.view.cards[0]
    lists = card.params.combos["vibes_list_id"]
    assert lists.currentText() == "999 (not in this workspace)"
    assert "not known to this workspace" in lists.toolTip()
    assert card.params.combos["acquisition_campaign_id"].property("problem") is True


def test_palette_search_and_keyboard_add(make_editor, qtbot) -> None:
    editor = make_editor()
    palette = editor.tab.flow_palette
    palette.search.setText("vibes")
    assert palette.visible_type_ids() == ["subscribe_vibes_list", "unsubscribe_vibes_list"]
    palette.search.setText("wait")
    assert palette.visible_type_ids() == ["wait"]
    assert palette.categories["SMS"].isHidden()
    palette.search.clear()
    palette.tree.setCurrentItem(palette.items["send_sms"])
    palette.tree.itemActivated.emit(palette.items["send_sms"], 0)
    assert [s.type for s in editor.document.campaign.flow] == ["send_sms"]


def test_every_control_has_an_accessible_name(make_editor) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit

    editor = make_editor(sample_campaign())
    controls = [w for kind in (QComboBox, QLineEdit, QAbstractButton) for w in editor.tab.findChildren(kind)]
    unnamed = [
        w
        for w in controls
        if not w.accessibleName() and not (isinstance(w, QAbstractButton) and w.text()) and w.isVisibleTo(editor.tab)
    ]
    assert unnamed == []


def test_a_200_step_flow_opens_fast_and_builds_every_card(make_editor, catalog) -> None:
    flow = []
    for i in range(200):
        flow.append(
            [
                SendSmsStep(message="Spring offer", vibes_list_id="101"),
                WaitStep(duration="1 day"),
                SubscribeVibesListStep(vibes_list_id="102", acquisition_campaign_id="202"),
            ][i % 3]
        )
    started = time.perf_counter()
    editor = make_editor(Campaign(name="Long", flow=flow))
    elapsed = time.perf_counter() - started
    assert len(editor.view.cards) == 200 and all(c is not None for c in editor.view.cards)
    assert editor.view.cards[199].number_label.text() == "200"
    assert elapsed < 5.0  # generous on a shared machine; benchmarks/gui.py measures it properly
