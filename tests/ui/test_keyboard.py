"""The flow editor with the keyboard only: undo from a field, Tab in screen order, moving
between steps and panes, drop-downs, the palette, the message editor, the shortcuts list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from smsflow_desktop.model.campaign import Campaign, SendSmsStep, SmsMessage, SubscribeVibesListStep, WaitStep
from smsflow_desktop.ui.editor.step_card import StepCard

from .conftest import sample_campaign

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focus(qtbot, widget: QWidget) -> None:
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> QWidget:
    """Press ``key`` where the focus is, the way a person does; returns the widget focused after."""
    qtbot.keyClick(focused(), key, modifiers)
    QApplication.processEvents()
    return focused()


def step_of(widget: QWidget | None) -> int | None:
    while widget is not None and not isinstance(widget, StepCard):
        widget = widget.parentWidget()
    return widget.index if widget is not None else None


def type_into(qtbot, edit, text: str) -> None:
    focus(qtbot, edit)
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def open_spring_promo(window):
    window.open_campaign("Spring promo")
    window.activateWindow()
    return window.editor.flow_tab.flow_view


# -- Ctrl+Z in a text field ---------------------------------------------------------------------
def test_ctrl_z_in_a_field_undoes_the_committed_edit_with_its_problem_and_unsaved_mark(window, qtbot) -> None:
    view = open_spring_promo(window)
    controller = window.context.controller
    duration = view.card(1).wait.duration_edit
    type_into(qtbot, duration, "4 hrs")
    qtbot.keyClick(duration, Qt.Key.Key_Return)
    assert controller.document.campaign.flow[1].duration == "4 hrs"
    assert view.card(1).problems() and window.editor.dirty_mark.isVisibleTo(window)

    qtbot.keyClick(duration, Qt.Key.Key_Z, CTRL)
    assert controller.document.campaign.flow[1].duration == "4 hours"
    assert duration.text() == "4 hours" and duration.hasFocus()
    assert view.card(1).problems() == []  # at once, not when the focus leaves
    assert not window.editor.dirty_mark.isVisibleTo(window) and not window.isWindowModified()


def test_ctrl_z_undoes_typing_not_yet_committed_as_one_edit_and_redo_brings_it_back(window, qtbot) -> None:
    view = open_spring_promo(window)
    controller = window.context.controller
    duration = view.card(1).wait.duration_edit
    type_into(qtbot, duration, "4 hrs")
    qtbot.keyClick(duration, Qt.Key.Key_Z, CTRL)
    assert duration.text() == "4 hours"
    assert controller.document.campaign.flow[1].duration == "4 hours"
    assert not controller.is_dirty and view.card(1).problems() == []

    qtbot.keyClick(duration, Qt.Key.Key_Y, CTRL)
    assert controller.document.campaign.flow[1].duration == "4 hrs"
    assert duration.text() == "4 hrs" and view.card(1).problems()
    assert window.editor.dirty_mark.isVisibleTo(window)
    assert window.actions_.undo.text() == "Undo Change Duration of step 2"


def test_ctrl_z_after_a_refused_value_drops_the_typing_and_keeps_earlier_edits(window, qtbot) -> None:
    window.open_campaign("Spring promo")
    controller = window.context.controller
    controller.set_field(1, "resume_time", "09:00")
    view = window.editor.flow_tab.flow_view
    time_edit = view.card(1).wait.time_edit
    edits = controller.stack.index()
    type_into(qtbot, time_edit, "25:99")
    qtbot.keyClick(time_edit, Qt.Key.Key_Z, CTRL)
    assert time_edit.text() == "09:00"
    assert controller.document.campaign.flow[1].resume_time == "09:00"  # the earlier edit is still there
    assert controller.stack.index() == edits


def test_ctrl_z_in_a_field_with_nothing_to_undo_in_the_campaign_still_drops_the_typing(make_editor, qtbot) -> None:
    editor = make_editor(sample_campaign())
    duration = editor.view.card(1).wait.duration_edit
    type_into(qtbot, duration, "4 hrs")
    qtbot.keyClick(duration, Qt.Key.Key_Z, CTRL)
    assert duration.text() == "4 hours"
    assert editor.document.campaign.flow[1].duration == "4 hours"


# -- Tab order ------------------------------------------------------------------------------------
def tab_walk(qtbot, start: QWidget, limit: int = 80) -> list[QWidget]:
    """Tab from ``start`` until the focus leaves the flow's cards (or ``limit`` presses)."""
    focus(qtbot, start)
    seen = [start]
    for _ in range(limit):
        widget = press(qtbot, Qt.Key.Key_Tab)
        if step_of(widget) is None:
            break
        seen.append(widget)
    return seen


def test_tab_follows_the_screen_after_steps_are_reordered_and_pasted(make_editor, qtbot) -> None:
    editor = make_editor(sample_campaign())
    view = editor.view
    ids = [s.id for s in editor.document.campaign.flow]
    editor.controller.move_step(2, 0)  # Subscribe first, then SMS, then Wait
    editor.controller.insert_step(editor.document.campaign.flow[1], 1)  # a pasted copy: the newest card
    flow = editor.document.campaign.flow
    assert flow[0].id == ids[2]
    assert [s.type for s in flow] == ["subscribe_vibes_list", "send_sms", "send_sms", "wait"]
    first = view.card(0).widget_for("vibes_list_id")
    steps = [step_of(w) for w in tab_walk(qtbot, first)]
    assert steps == sorted(steps)
    assert set(steps) == {0, 1, 2, 3}


def test_tab_reaches_a_choice_row_before_the_default_below_it(make_editor, qtbot) -> None:
    editor = make_editor(sample_campaign())
    card = editor.view.card(0)
    row = card.choice_rows[0]
    order = tab_walk(qtbot, card.delete_button)
    assert order.index(row.condition.field_combo) < order.index(row.params.combos["message"])
    assert order.index(row.params.combos["message"]) < order.index(card.params.combos["message"])
    card.add_choice_button.click()  # rows built after the step's own fields still come first
    order = tab_walk(qtbot, card.delete_button)
    assert order.index(card.choice_rows[1].condition.field_combo) < order.index(card.params.combos["message"])


# -- steps with the keyboard -------------------------------------------------------------------------
@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform and pop-ups
def test_alt_down_opens_the_drop_down_and_leaves_the_step_where_it_is(make_editor, qtbot) -> None:
    editor = make_editor(sample_campaign())
    ids = [s.id for s in editor.document.campaign.flow]
    combo = editor.view.card(2).params.combos["vibes_list_id"]
    focus(qtbot, combo)
    qtbot.keyClick(combo, Qt.Key.Key_Down, ALT)
    qtbot.waitUntil(lambda: combo.view().isVisible())
    combo.hidePopup()
    assert [s.id for s in editor.document.campaign.flow] == ids


def test_alt_shift_up_and_down_move_the_step_and_the_focus_stays_in_it(make_editor, qtbot) -> None:
    editor = make_editor(sample_campaign())
    view = editor.view
    ids = [s.id for s in editor.document.campaign.flow]
    combo = view.card(2).params.combos["vibes_list_id"]
    focus(qtbot, combo)
    press(qtbot, Qt.Key.Key_Up, ALT | SHIFT)
    assert [s.id for s in editor.document.campaign.flow] == [ids[0], ids[2], ids[1]]
    assert combo.hasFocus() and step_of(combo) == 1 and view.current_index == 1
    press(qtbot, Qt.Key.Key_Down, ALT | SHIFT)
    assert [s.id for s in editor.document.campaign.flow] == ids


def test_ctrl_down_and_up_jump_from_step_to_step(make_editor, qtbot) -> None:
    flow = [sample_campaign().flow[0], WaitStep(duration="1 day"), WaitStep(duration="2 days")]
    flow.append(SubscribeVibesListStep(vibes_list_id="102"))
    editor = make_editor(Campaign(name="Four", flow=flow))
    view = editor.view
    focus(qtbot, view.card(0).choice_rows[0].condition.values_edit)
    for step in (1, 2, 3):
        assert step_of(press(qtbot, Qt.Key.Key_Down, CTRL)) == step
    assert focused() is view.card(3).params.combos["vibes_list_id"]  # step 4's drop-downs: 3 presses
    assert view.current_index == 3
    assert step_of(press(qtbot, Qt.Key.Key_Down, CTRL)) == 3  # the last step stays
    assert step_of(press(qtbot, Qt.Key.Key_Up, CTRL)) == 2
    assert focused() is view.card(2).wait.duration_edit


def test_adding_from_the_palette_moves_the_focus_to_the_new_step(make_editor, qtbot) -> None:
    editor = make_editor(sample_campaign())
    palette = editor.tab.flow_palette
    focus(qtbot, palette.tree)
    palette.tree.setCurrentItem(palette.items["wait"])
    press(qtbot, Qt.Key.Key_Return)
    assert [s.type for s in editor.document.campaign.flow][-1] == "wait"
    assert focused() is editor.view.card(3).wait.duration_edit
    assert editor.view.current_index == 3


def test_a_search_in_the_flow_actions_makes_its_first_match_the_one_enter_adds(make_editor, qtbot) -> None:
    editor = make_editor(sample_campaign())
    palette = editor.tab.flow_palette
    palette.tree.setCurrentItem(palette.items["send_sms"])
    type_into(qtbot, palette.search, "wait")
    assert palette.items["send_sms"].isHidden()
    assert press(qtbot, Qt.Key.Key_Tab) is palette.tree
    assert palette.tree.currentItem() is palette.items["wait"]
    press(qtbot, Qt.Key.Key_Return)
    assert [s.type for s in editor.document.campaign.flow] == ["send_sms", "wait", "subscribe_vibes_list", "wait"]


def test_enter_in_the_smart_list_library_adds_the_search_match_and_the_focus_goes_to_it(window, qtbot) -> None:
    open_spring_promo(window)
    window.editor.set_tab("smart-list")
    tab = window.editor.smart_list_tab
    smart_list = window.context.controller.document.campaign.smart_list
    type_into(qtbot, tab.search, "country")
    assert press(qtbot, Qt.Key.Key_Tab) is tab.library
    assert tab.library.currentItem().text() == "Country"  # not the Filters heading above it
    values = press(qtbot, Qt.Key.Key_Return)
    assert [f.field for f in smart_list.filters] == ["country"]
    assert values is tab.rows[0].condition.values_edit
    type_into(qtbot, tab.search, "subscribes to")
    press(qtbot, Qt.Key.Key_Tab)
    combo = press(qtbot, Qt.Key.Key_Return)
    assert [t.type for t in smart_list.triggers] == ["subscribes_to_vibes_list"]
    assert combo is tab.trigger_rows[0].combo


def test_duplicate_and_paste_move_the_focus_to_the_new_step(make_editor, qtbot) -> None:
    editor = make_editor(sample_campaign())
    view = editor.view
    focus(qtbot, view.card(1).wait.duration_edit)
    assert step_of(press(qtbot, Qt.Key.Key_D, CTRL)) == 2
    assert len(editor.document.campaign.flow) == 4


# -- panes ----------------------------------------------------------------------------------------------
def pane_of(window, widget: QWidget) -> str:
    flow_tab = window.editor.flow_tab
    for name, pane in (
        ("navigator", window.navigator),
        ("palette", flow_tab.flow_palette),
        ("flow", flow_tab.flow_view),
    ):
        if pane is widget or pane.isAncestorOf(widget):
            return name
    return "elsewhere"


def test_f6_and_ctrl_digits_move_between_navigator_palette_and_flow(window, qtbot) -> None:
    view = open_spring_promo(window)
    focus(qtbot, view.card(2).params.combos["vibes_list_id"])
    assert pane_of(window, press(qtbot, Qt.Key.Key_1, CTRL)) == "navigator"
    assert focused() is window.navigator.tree
    assert pane_of(window, press(qtbot, Qt.Key.Key_2, CTRL)) == "palette"
    assert pane_of(window, press(qtbot, Qt.Key.Key_3, CTRL)) == "flow"
    assert step_of(focused()) == 2  # back in the step the person was working on
    assert [pane_of(window, press(qtbot, Qt.Key.Key_F6)) for _ in range(3)] == ["navigator", "palette", "flow"]
    assert [pane_of(window, press(qtbot, Qt.Key.Key_F6, SHIFT)) for _ in range(3)] == ["palette", "navigator", "flow"]


def test_a_new_campaign_takes_the_focus_where_it_is_built(window, qtbot) -> None:
    focus(qtbot, window.navigator.tree)
    assert window.new_campaign("Built by keys")
    qtbot.waitUntil(lambda: pane_of(window, QApplication.focusWidget()) == "palette")  # on the Flow tab
    window.editor.set_tab("schedule")  # the tab the next campaign opens on
    focus(qtbot, window.navigator.tree)
    assert window.new_campaign("Scheduled by keys")
    assert window.editor.current_tab() == "schedule"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor.tabs.tabBar())


def test_ctrl_3_shows_the_flow_tab_from_another_tab(window, qtbot) -> None:
    open_spring_promo(window)
    window.editor.set_tab("schedule")
    focus(qtbot, window.navigator.tree)
    assert pane_of(window, press(qtbot, Qt.Key.Key_3, CTRL)) == "flow"
    assert window.editor.current_tab() == "flow"


def test_the_pane_keys_are_in_the_view_menu_and_the_shortcuts_list(window, qtbot) -> None:
    from smsflow_desktop.ui.window.keyboard import ShortcutsDialog

    keys = {a.shortcut().toString() for a in window.findChildren(type(window.actions_.save)) if a.isEnabled()}
    assert {"Ctrl+1", "Ctrl+2", "Ctrl+3", "F6", "Shift+F6"} <= keys
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    listed = dialog.rows()
    for action, key in (
        ("Go to the navigator", "Ctrl+1"),
        ("Next step", "Ctrl+Down"),
        ("Move the step down", "Alt+Shift+Down"),
        ("Open a drop-down", "Alt+Down"),
        ("Next tab of the campaign", "Ctrl+Tab"),
        ("Previous tab of the campaign", "Ctrl+Shift+Tab"),
        ("Undo", "Ctrl+Z"),
    ):
        assert (action, key) in listed, action
    redo = dict(listed)["Redo"].split(", ")
    assert len(redo) == len(set(redo))


# -- the message editor ---------------------------------------------------------------------------
def message_editor(qtbot, workspace, body: str):
    from smsflow_desktop.ui.editor.message_editor import MessageEditor

    conn = workspace.connect()
    dialog = MessageEditor(conn, SmsMessage(name="Spring offer", body=body))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, conn


def test_tab_leaves_the_message_text_instead_of_typing_a_tab(qtbot, workspace) -> None:
    dialog, conn = message_editor(qtbot, workspace, "Hi! Reply STOP to opt out")
    focus(qtbot, dialog.text)
    for _ in range(12):
        press(qtbot, Qt.Key.Key_Tab)
    assert "\t" not in dialog.body()
    assert dialog.encoding_chip.text() == "GSM-7" and dialog.counter.text().endswith("1 segment")
    focus(qtbot, dialog.text)
    assert press(qtbot, Qt.Key.Key_Tab) is not dialog.text
    conn.close()


def test_escape_with_changes_asks_before_dropping_them(qtbot, workspace) -> None:
    dialog, conn = message_editor(qtbot, workspace, "Hi! Reply STOP to opt out")
    asked: list[str] = []
    dialog.confirm_discard = lambda: asked.append("discard?") or False  # Keep editing
    focus(qtbot, dialog.text)
    qtbot.keyClick(dialog.text, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(dialog.text, " Now")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    assert asked == ["discard?"] and dialog.isVisible()
    assert dialog.body() == "Hi! Reply STOP to opt out Now"
    dialog.confirm_discard = lambda: asked.append("discard?") or True  # Discard
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.saved_name is None
    conn.close()


def test_escape_without_changes_closes_without_asking(qtbot, workspace) -> None:
    dialog, conn = message_editor(qtbot, workspace, "Hi! Reply STOP to opt out")
    dialog.confirm_discard = lambda: pytest.fail("asked although nothing changed")
    focus(qtbot, dialog.text)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    conn.close()


def test_new_step_shortcuts_do_not_break_a_flow_with_no_steps(make_editor, qtbot) -> None:
    editor = make_editor(Campaign(name="Empty", flow=[]))
    focus(qtbot, editor.view)
    press(qtbot, Qt.Key.Key_Down, CTRL)
    press(qtbot, Qt.Key.Key_Up, ALT | SHIFT)
    assert editor.document.campaign.flow == []
    editor.controller.add_step("send_sms")
    assert isinstance(editor.document.campaign.flow[0], SendSmsStep)
