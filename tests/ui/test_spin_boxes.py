"""Spin boxes and date and time fields: their text starts inside the frame as a line edit's
does, is shown whole (the frequency cap in Swedish, the Schedule tab's dates), and in the
Schedule tab Ctrl+Z and Ctrl+Shift+Z act on the campaign, as in the flow's text fields."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QWidget

from smsflow_desktop.ui import resources, theme
from smsflow_desktop.ui.i18n import install_translators
from smsflow_desktop.ui.workspace_settings import WorkspaceSettingsDialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def styled(qapp) -> Iterator[None]:
    """The app's stylesheet, as the app draws its fields; put back as the other tests expect it."""
    sheet, pal = qapp.styleSheet(), QPalette(qapp.palette())
    theme.install(qapp, "light")
    yield
    installed = theme.appearance()
    if installed is not None:
        qapp.styleHints().colorSchemeChanged.disconnect(installed._system_changed)
        installed.setParent(None)
        installed.deleteLater()
    theme._appearance = None
    theme._current = theme.LIGHT_SCHEME
    resources.set_icon_scheme(theme.LIGHT_SCHEME, {})
    qapp.setStyleSheet(sheet)
    qapp.setPalette(pal)


@pytest.fixture
def swedish(qapp) -> Iterator[None]:
    assert install_translators(qapp, "sv") == "sv"
    yield
    install_translators(qapp, "en")


def text_starts_at(field: QWidget) -> int:
    """How far from the field's left edge its text is first drawn (the first column, past the
    border, that differs from the field's background)."""
    image = field.grab().toImage()
    middle = range(image.height() // 3, image.height() * 2 // 3)
    background = QColor(image.pixel(3, image.height() // 2)).lightness()
    for x in range(3, image.width()):
        if any(abs(QColor(image.pixel(x, y)).lightness() - background) > 60 for y in middle):
            return x
    return -1


def shows_whole(box: QAbstractSpinBox) -> bool:
    edit = box.lineEdit()
    room = edit.width() - edit.textMargins().left() - edit.textMargins().right() - 4  # QLineEdit's own margins
    return edit.fontMetrics().horizontalAdvance(box.text()) <= room


def test_spin_box_text_starts_as_far_in_as_a_line_edits(styled, swedish, qtbot, workspace) -> None:
    with workspace.session() as conn:
        dialog = WorkspaceSettingsDialog(conn)
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        line_edit = text_starts_at(dialog.brand)
        assert isinstance(dialog.brand, QLineEdit) and line_edit > 6
        for box in (dialog.cap_count, dialog.concurrency):
            assert abs(text_starts_at(box) - line_edit) <= 3, box.text()
        # the frequency cap says its whole suffix in Swedish, not "… på 24 timma"
        assert dialog.cap_count.text() == "3 sms per nummer på 24 timmar" and shows_whole(dialog.cap_count)
        assert dialog.width() >= dialog.minimumSizeHint().width()
        dialog.reject()


def test_the_schedule_tabs_fields_start_inside_their_frame_and_show_their_whole_date(styled, window, qtbot) -> None:
    window.resize(1280, 820)
    window.open_campaign("Spring promo")
    window.editor.set_tab("schedule")
    tab = window.editor.schedule_tab
    tab.mode_repeat.click()
    QApplication.processEvents()
    fields = [w for w in tab.findChildren(QAbstractSpinBox) if w.isVisible()]
    assert len(fields) == 8
    for field in fields:
        assert text_starts_at(field) >= 8, field.accessibleName()
        assert shows_whole(field), field.accessibleName()


# -- Ctrl+Z in the Schedule tab ---------------------------------------------------------------------
@pytest.fixture
def schedule(window, qtbot):
    window.open_campaign("Spring promo")
    window.activateWindow()
    window.editor.set_tab("schedule")
    tab = window.editor.schedule_tab
    tab.mode_repeat.click()  # one edit: repeat every week
    assert window.context.controller.document.campaign.schedule.recurrence is not None
    return tab


def focus(qtbot, widget: QWidget) -> None:
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_ctrl_z_in_a_spin_box_undoes_the_value_typed_as_one_campaign_edit_and_redo_brings_it_back(
    window, schedule, qtbot
) -> None:
    controller = window.context.controller
    campaign = controller.document.campaign
    interval = schedule.interval
    focus(qtbot, interval)
    interval.selectAll()
    qtbot.keyClicks(interval, "3")
    assert interval.value() == 3 and campaign.schedule.recurrence.interval == 1  # not committed yet
    qtbot.keyClick(interval, Qt.Key.Key_Z, CTRL)
    assert controller.document.campaign.schedule.recurrence.interval == 1 and interval.value() == 1
    assert controller.document.campaign.schedule.recurrence is not None  # the edit before is still there
    assert window.actions_.redo.text() == "Redo Repeat every 3 weeks" and interval.hasFocus()
    qtbot.keyClick(interval, Qt.Key.Key_Z, CTRL | SHIFT)
    assert controller.document.campaign.schedule.recurrence.interval == 3 and interval.value() == 3
    assert window.editor.dirty_mark.isVisibleTo(window)


def test_ctrl_z_in_a_spin_box_with_nothing_typed_undoes_the_campaigns_last_edit(window, schedule, qtbot) -> None:
    controller = window.context.controller
    focus(qtbot, schedule.interval)
    qtbot.keyClick(schedule.interval, Qt.Key.Key_Z, CTRL)
    assert controller.document.campaign.schedule.recurrence is None  # "Repeat every week" undone
    assert schedule.mode() == "now" and schedule.mode_now.isChecked()


def test_ctrl_z_in_a_time_field_undoes_the_stepped_value_and_the_edit_menu_does_too(window, schedule, qtbot) -> None:
    controller = window.context.controller
    quiet = schedule.quiet_start
    focus(qtbot, quiet)
    qtbot.keyClick(quiet, Qt.Key.Key_Up)  # 08:00 -> 09:00, not committed yet
    assert quiet.time().hour() == 9 and controller.document.campaign.settings.quiet_hours.start == "08:00"
    qtbot.keyClick(quiet, Qt.Key.Key_Z, CTRL)
    assert quiet.time().hour() == 8 and controller.document.campaign.settings.quiet_hours.start == "08:00"
    assert window.actions_.redo.text() == "Redo Change quiet hours"
    qtbot.keyClick(quiet, Qt.Key.Key_Up)
    window.actions_.undo.trigger()  # Edit > Undo with the focus in the field
    assert quiet.time().hour() == 8 and controller.document.campaign.settings.quiet_hours.start == "08:00"
    window.actions_.redo.trigger()
    assert controller.document.campaign.settings.quiet_hours.start == "09:00" and quiet.time().hour() == 9


def test_ctrl_z_after_a_value_the_campaign_does_not_take_drops_it_and_keeps_earlier_edits(
    window, schedule, qtbot
) -> None:
    controller = window.context.controller
    edits = controller.stack.index()
    days = schedule.days  # "Once every N days" is not chosen: the value is not taken
    days.setEnabled(True)
    focus(qtbot, days)
    qtbot.keyClick(days, Qt.Key.Key_Up)
    assert days.value() == 2
    qtbot.keyClick(days, Qt.Key.Key_Z, CTRL)
    assert days.value() == 1 and controller.stack.index() == edits
    assert controller.document.campaign.schedule.recurrence is not None
