"""A campaign built, checked, saved and previewed with the keyboard alone.

A marketer who cannot use a mouse goes the whole way on the real main window over a demo
workspace: New Campaign (its name typed in the dialog, Enter), a Country filter from the Smart
List library, three steps from the Flow Actions with their drop-downs chosen, Validate, Save,
Preview, and the people behind two funnel rows. Every key goes to the widget holding the focus,
as a keyboard sends it; the test only reads state to check it. An event filter on the
application records every mouse press, release, double-click, drag, wheel turn and move with a
button down, and there must be none.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from smsflow_desktop.services.campaigns import load_campaign_and_version
from smsflow_desktop.ui.editor.step_card import StepCard
from smsflow_desktop.ui.run.funnel_dialog import PAGE
from smsflow_desktop.ui.run.funnel_view import RECIPIENT, FunnelRowButton
from smsflow_desktop.ui.window.window_dialogs import NameDialog, WindowDialogs

from .engine_fixtures import close_window, demo_workspace, open_window, wait_idle

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
MOUSE_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.DragEnter,
    QEvent.Type.DragMove,
    QEvent.Type.Drop,
}


class MouseWatch(QObject):
    """Records every mouse event the application delivers (a move only with a button down)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in MOUSE_EVENTS:
            held = not isinstance(event, QMouseEvent) or event.buttons() != Qt.MouseButton.NoButton
            if kind != QEvent.Type.MouseMove or held:
                self.seen.append(f"{kind.name} on {type(watched).__name__}")
        return False


@pytest.fixture
def mouse_watch(qapp):
    watch = MouseWatch()
    qapp.installEventFilter(watch)
    yield watch
    qapp.removeEventFilter(watch)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO) -> QWidget | None:
    """Press ``key`` where the focus is, as a keyboard does; returns the widget focused after."""
    qtbot.keyClick(focused(), key, modifiers)
    QApplication.processEvents()
    return QApplication.focusWidget()


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)
    QApplication.processEvents()


def tab_to(qtbot, wanted: Callable[[QWidget], bool], limit: int = 40, back: bool = False) -> QWidget:
    """Press Tab (Shift+Tab with ``back``) until the focused widget is ``wanted``."""
    for _ in range(limit):
        widget = press(qtbot, Qt.Key.Key_Tab, SHIFT if back else NO)
        if widget is not None and wanted(widget):
            return widget
    raise AssertionError(f"Tab never reached it; the focus is on {focused().accessibleName()!r}")


def window_manager_activates(qtbot, window: QWidget) -> None:
    """What the window manager does at start and when a dialog closes: the window is active again
    with its focus where it was. The offscreen platform gives the activation back to no window."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and QApplication.focusWidget() is not None)


def in_modal_dialog(keys: Callable[[QWidget], None]) -> list[QWidget]:
    """Press ``keys`` in the next modal dialog once it holds the focus (its exec() holds the test
    until it closes); returns the dialogs met."""
    met: list[QWidget] = []
    tries = [0]

    def act() -> None:
        dialog, focus = QApplication.activeModalWidget(), QApplication.focusWidget()
        if dialog is None or focus is None or not dialog.isAncestorOf(focus):
            tries[0] += 1
            if tries[0] < 500:
                QTimer.singleShot(20, act)
            return
        met.append(dialog)
        keys(dialog)

    QTimer.singleShot(0, act)
    return met


def choose(qtbot, text: str) -> QComboBox:
    """Alt+Down opens the focused drop-down, typing finds ``text``, Enter takes it."""
    combo = focused()
    assert isinstance(combo, QComboBox)
    press(qtbot, Qt.Key.Key_Down, ALT)
    qtbot.waitUntil(lambda: combo.view().isVisible())
    type_text(qtbot, text)  # the list's own search, in its pop-up
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not combo.view().isVisible())
    assert focused() is combo
    return combo


def step_of(widget: QWidget | None) -> int | None:
    while widget is not None and not isinstance(widget, StepCard):
        widget = widget.parentWidget()
    return widget.index if widget is not None else None


def test_the_mouse_watch_sees_a_click(qtbot, mouse_watch) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    assert "MouseButtonPress on QWidget" in mouse_watch.seen


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform and pop-ups
def test_build_validate_save_and_preview_a_campaign_with_the_keyboard_only(
    qtbot, tmp_path, tmp_path_factory, mouse_watch
) -> None:
    ws = demo_workspace(tmp_path, tmp_path_factory)
    win = open_window(qtbot, ws)
    win.dialogs.ask_name = WindowDialogs(win).ask_name  # the real name dialog, answered with keys
    window_manager_activates(qtbot, win)

    # -- File > New Campaign by its key; the name typed, Enter ----------------------------------------
    def name_it(dialog: QWidget) -> None:
        type_text(qtbot, "Keys only")
        press(qtbot, Qt.Key.Key_Return)

    met = in_modal_dialog(name_it)
    press(qtbot, Qt.Key.Key_N, CTRL)
    assert len(met) == 1 and isinstance(met[0], NameDialog)
    controller = win.context.controller
    assert controller is not None and controller.document.campaign.name == "Keys only"
    campaign = controller.document.campaign
    window_manager_activates(qtbot, win)

    # -- Smart List: Ctrl+3 into the campaign's tabs, Ctrl+Shift+Tab to the Smart List -------------------
    editor = win.editor
    assert editor is not None
    press(qtbot, Qt.Key.Key_3, CTRL)
    assert editor.current_tab() == "flow"
    press(qtbot, Qt.Key.Key_Tab, CTRL | SHIFT)
    smart_list = editor.smart_list_tab
    assert editor.current_tab() == "smart-list" and smart_list.isAncestorOf(focused())
    tab_to(qtbot, lambda w: w is smart_list.search)
    type_text(qtbot, "country")
    assert press(qtbot, Qt.Key.Key_Tab) is smart_list.library
    assert smart_list.library.currentItem().text() == "Country"  # the match, not the Filters heading
    values = press(qtbot, Qt.Key.Key_Return)
    assert [f.field for f in campaign.smart_list.filters] == ["country"]
    assert values is smart_list.rows[0].condition.values_edit  # the cursor goes on in the new filter
    type_text(qtbot, "US")
    press(qtbot, Qt.Key.Key_Return)
    assert campaign.smart_list.filters[0].values == ["US"]

    # -- Flow: Send SMS Message from the Flow Actions, its message and Vibes list ------------------------
    palette = editor.flow_tab.flow_palette
    assert press(qtbot, Qt.Key.Key_2, CTRL) is palette.tree and editor.current_tab() == "flow"
    assert press(qtbot, Qt.Key.Key_Tab, SHIFT) is palette.search
    type_text(qtbot, "send sms")
    assert press(qtbot, Qt.Key.Key_Tab) is palette.tree
    view = editor.flow_tab.flow_view
    message = press(qtbot, Qt.Key.Key_Return)
    assert [s.type for s in campaign.flow] == ["send_sms"]
    assert message is view.card(0).params.combos["message"]
    assert choose(qtbot, "Spring").value() == "Spring offer"
    press(qtbot, Qt.Key.Key_Tab)
    assert choose(qtbot, "Northwind Off").value() == "101"

    # -- a Wait: the search hides Send SMS Message, so Enter adds the Wait it shows ---------------------
    press(qtbot, Qt.Key.Key_2, CTRL)
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "wait")
    press(qtbot, Qt.Key.Key_Tab)
    duration = press(qtbot, Qt.Key.Key_Return)
    assert [s.type for s in campaign.flow] == ["send_sms", "wait"]
    assert duration is view.card(1).wait.duration_edit
    type_text(qtbot, "2 days")
    press(qtbot, Qt.Key.Key_Return)

    # -- Subscribe to Vibes List: its list and acquisition campaign --------------------------------------
    press(qtbot, Qt.Key.Key_2, CTRL)
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "subscribe")
    press(qtbot, Qt.Key.Key_Tab)
    lists = press(qtbot, Qt.Key.Key_Return)
    assert [s.type for s in campaign.flow] == ["send_sms", "wait", "subscribe_vibes_list"]
    assert step_of(lists) == 2
    assert choose(qtbot, "Northwind Text").value() == "102"
    press(qtbot, Qt.Key.Key_Tab)
    assert choose(qtbot, "Text club").value() == "202"

    # -- Validate (F7), Save (Ctrl+S) ---------------------------------------------------------------------
    press(qtbot, Qt.Key.Key_F7)
    assert controller.document.errors == []
    assert editor.problem_button.text().startswith("✓ Ready to run")
    assert win.statusBar().currentMessage() == "No problems: the campaign is ready to run."
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert not controller.is_dirty and controller.saved_name == "Keys only"

    # -- Preview (F8); the people behind Recipients (Space) and behind an exclusion (Enter) ---------------
    press(qtbot, Qt.Key.Key_F8)
    dialog = win.engine.preview_dialog
    assert dialog is not None and dialog.isAncestorOf(focused())
    qtbot.waitUntil(lambda: bool(dialog.funnel.buttons()), timeout=20000)
    recipients = dialog.funnel.values[RECIPIENT]
    assert recipients > 0
    tab_to(qtbot, lambda w: isinstance(w, FunnelRowButton) and w.key == RECIPIENT)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.people.rowCount() > 0, timeout=20000)
    assert dialog.people_reason == RECIPIENT
    assert dialog.people.rowCount() == min(recipients, PAGE)
    not_listed = dialog.funnel.values["not_in_vibes_list"]
    assert not_listed > 0
    tab_to(qtbot, lambda w: isinstance(w, FunnelRowButton) and w.key == "not_in_vibes_list", back=True)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.people_reason == "not_in_vibes_list" and dialog.people.rowCount() > 0)
    assert dialog.people.rowCount() == min(not_listed, PAGE)
    wait_idle(qtbot, win)
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    window_manager_activates(qtbot, win)

    # -- what was saved in the workspace --------------------------------------------------------------------
    with ws.session() as conn:
        saved, _version = load_campaign_and_version(conn, "Keys only")
    assert [(f.field, f.operator, f.values) for f in saved.smart_list.filters] == [("country", "is", ["US"])]
    sms, wait, subscribe = saved.flow
    assert (sms.type, sms.message, sms.vibes_list_id) == ("send_sms", "Spring offer", "101")
    assert (wait.type, wait.duration) == ("wait", "2 days")
    assert (subscribe.type, subscribe.vibes_list_id, subscribe.acquisition_campaign_id) == (
        "subscribe_vibes_list",
        "102",
        "202",
    )

    assert mouse_watch.seen == []
    close_window(win)
