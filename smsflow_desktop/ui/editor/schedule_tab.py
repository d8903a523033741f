"""The Schedule tab: when the campaign runs, whether it runs by itself, who may run through it
again, and quiet hours.

A *batch* campaign runs now (Run on the toolbar, or Run Now here), once at a set time
(``schedule.start``, picked in the campaign's time zone) or on a recurrence
(``schedule.recurrence``: every N days, weeks on chosen weekdays, or months, at a local time
in a time zone, optionally from a start and until a date), with its next three runs worked
out as it is edited (:func:`~smsflow_desktop.model.schedule.next_runs`), in the recurrence's
zone and in the user's own. A *trigger* campaign (one with triggers on the Smart List tab)
runs for each person a trigger fires for, so it shows no batch choices, and says so when it
still has a start or a recurrence (``trigger_with_schedule``) with a button that removes them.

Every input is one undoable edit through the controller (``set_schedule_timing`` sets start
and recurrence together; ``schedule.qualification`` and ``settings.quiet_hours.*`` as
before); the tab mirrors the document when any of them change, by undo or otherwise. Ctrl+Z
in a spin box or date field undoes the campaign's edit, a value not yet committed included
(``commit_spin_boxes``), as in the flow's text fields.
Activating and deactivating, and running now, are asked of whoever shows the tab
(``activate_requested``, ``deactivate_requested``, ``run_now_requested``), which answers with
:meth:`ScheduleTab.set_automation`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, available_timezones

from PySide6.QtCore import QDate, QDateTime, QSize, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.model.basics import WEEKDAYS
from smsflow_desktop.model.campaign import EveryDays, Recurrence, trigger_subject
from smsflow_desktop.model.schedule import local_to_utc, next_runs, zone_or_none
from smsflow_desktop.services.workspace import now_utc
from smsflow_desktop.ui.editor.commit_spin_boxes import (
    CommitDateEdit,
    CommitDateTimeEdit,
    CommitSpinBox,
    CommitTimeEdit,
)
from smsflow_desktop.ui.editor.controller import DocumentController
from smsflow_desktop.ui.editor.field_widgets import name_for_screen_readers
from smsflow_desktop.ui.editor.problem_text import problem_text
from smsflow_desktop.ui.labels import clock_text, trigger_type_label, weekday_label, when_text
from smsflow_desktop.ui.resources import icon, pad_spin_boxes, repolish

if TYPE_CHECKING:
    from smsflow_desktop.services.automation.activation import AutomationStatus

SHOWN_RUNS = 3
DEFAULT_AT = "10:00"


@lru_cache(maxsize=1)
def time_zone_names() -> tuple[str, ...]:
    """Every IANA zone name this Python knows, sorted (``Etc/…`` and legacy aliases last)."""
    names = sorted(n for n in available_timezones() if "/" in n and not n.startswith(("Etc/", "SystemV/")))
    rest = sorted(n for n in available_timezones() if n not in set(names))
    return (*names, *rest)


def _section(parent: QWidget, title: str, text: str) -> tuple[QFrame, QVBoxLayout, QLabel]:
    box = QFrame(parent)
    box.setObjectName("Section")
    col = QVBoxLayout(box)
    col.setContentsMargins(18, 14, 18, 16)
    col.setSpacing(8)
    head = QLabel(title, box)
    head.setObjectName("SectionTitle")
    note = QLabel(text, box)
    note.setObjectName("Muted")
    note.setWordWrap(True)
    col.addWidget(head)
    col.addWidget(note)
    return box, col, note


def _caption(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("FieldLabel")
    return label


def _naive(moment: datetime, zone: ZoneInfo) -> QDateTime:
    local = moment.astimezone(zone)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def _instant(value: QDateTime, zone: ZoneInfo) -> datetime:
    """The instant a date-time picker shows, read as wall-clock time in ``zone``."""
    d, t = value.date(), value.time()
    return local_to_utc(date(d.year(), d.month(), d.day()), time(t.hour(), t.minute()), zone)


def iso(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class ScheduleTab(QScrollArea):
    """When the campaign runs, whether by itself, and who may run through it again."""

    run_now_requested = Signal()
    activate_requested = Signal()
    deactivate_requested = Signal()
    triggers_requested = Signal()  # show the Smart List tab, where triggers are edited

    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = now_utc,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("FlowView")
        self.setAccessibleName(self.tr("Schedule"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.controller = controller
        self.document = controller.document
        self.clock = clock
        self.status: AutomationStatus | None = None
        self._updating = False
        canvas = QWidget()
        canvas.setObjectName("FlowCanvas")
        col = QVBoxLayout(canvas)
        col.setContentsMargins(24, 20, 24, 24)
        col.setSpacing(14)
        col.addWidget(self._build_when(canvas))
        col.addWidget(self._build_automation(canvas))
        col.addWidget(self._build_qualification(canvas))
        col.addWidget(self._build_quiet_hours(canvas))
        col.addStretch(1)
        self.setWidget(canvas)
        pad_spin_boxes(
            self.once_edit,
            self.interval,
            self.at_edit,
            self.start_edit,
            self.until_edit,
            self.days,
            self.quiet_start,
            self.quiet_end,
        )
        self.document.value_set.connect(self._on_value_set)
        self.document.item_inserted.connect(self._on_list_changed)
        self.document.item_removed.connect(self._on_list_changed)
        self.document.reset.connect(self.refresh)
        self.document.problems_changed.connect(self._on_problems)
        self.refresh()

    # -- building ----------------------------------------------------------------------------
    def _build_when(self, parent: QWidget) -> QWidget:
        box, inner, self.when_note = _section(parent, self.tr("When it runs"), "")
        self.when_box = box
        self.batch = QWidget(box)
        grid = QGridLayout(self.batch)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        self.mode_now = QRadioButton(self.tr("Run now"), self.batch)
        self.mode_once = QRadioButton(self.tr("Run once at"), self.batch)
        self.mode_repeat = QRadioButton(self.tr("Repeat"), self.batch)
        self.mode_group = QButtonGroup(self)
        for b in (self.mode_now, self.mode_once, self.mode_repeat):
            self.mode_group.addButton(b)
        now_row = QHBoxLayout()
        self.run_now_button = QPushButton(icon("run"), self.tr("Run Now…"), self.batch)
        self.run_now_button.setToolTip(self.tr("Save the campaign, see who it would reach, then run it"))
        self.run_now_button.clicked.connect(self.run_now_requested)
        now_note = QLabel(self.tr("You start it with Run, now or whenever you like."), self.batch)
        now_note.setObjectName("Muted")
        now_row.addWidget(self.run_now_button)
        now_row.addWidget(now_note)
        now_row.addStretch(1)
        once_row = QHBoxLayout()
        self.once_edit = CommitDateTimeEdit(self.batch)
        self.once_edit.setCalendarPopup(True)
        self.once_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.once_edit.setMinimumWidth(170)
        self.once_edit.setAccessibleName(self.tr("Run once at"))
        self.once_zone = QLabel(self.batch)
        self.once_zone.setObjectName("Muted")
        once_row.addWidget(self.once_edit)
        once_row.addWidget(self.once_zone)
        once_row.addStretch(1)
        grid.addWidget(self.mode_now, 0, 0)
        grid.addLayout(now_row, 0, 1)
        grid.addWidget(self.mode_once, 1, 0)
        grid.addLayout(once_row, 1, 1)
        recurrence = self._build_recurrence(self.batch)
        self.mode_repeat.setMinimumHeight(self.interval.sizeHint().height())
        grid.addWidget(self.mode_repeat, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(recurrence, 2, 1)
        self.next_title = QLabel(self.tr("Next runs"), self.batch)
        self.next_title.setObjectName("SectionCaption")
        self.next_runs = QLabel(self.batch)
        self.next_runs.setObjectName("NextRuns")
        self.next_runs.setWordWrap(True)
        self.next_runs.setAccessibleName(self.tr("Next runs"))
        next_box = QVBoxLayout()
        next_box.setContentsMargins(0, 6, 0, 0)
        next_box.setSpacing(4)
        next_box.addWidget(self.next_title)
        next_box.addWidget(self.next_runs)
        grid.addLayout(next_box, 3, 1)
        grid.setColumnStretch(1, 1)
        inner.addWidget(self.batch)

        self.trigger_info = QWidget(box)
        trig = QVBoxLayout(self.trigger_info)
        trig.setContentsMargins(0, 4, 0, 0)
        trig.setSpacing(8)
        self.trigger_text = QLabel(self.trigger_info)
        self.trigger_text.setWordWrap(True)
        trig_row = QHBoxLayout()
        self.edit_triggers = QPushButton(icon("trigger"), self.tr("Edit Triggers"), self.trigger_info)
        self.edit_triggers.clicked.connect(self.triggers_requested)
        trig_row.addWidget(self.edit_triggers)
        trig_row.addStretch(1)
        self.both_problem = QLabel(self.trigger_info)
        self.both_problem.setObjectName("CardProblems")
        self.both_problem.setWordWrap(True)
        self.clear_timing = QPushButton(self.tr("Remove the Start and Recurrence"), self.trigger_info)
        self.clear_timing.clicked.connect(
            lambda: self.controller.set_schedule_timing(None, None, self.tr("Remove the start and recurrence"))
        )
        trig.addWidget(self.trigger_text)
        trig.addLayout(trig_row)
        trig.addWidget(self.both_problem)
        clear_row = QHBoxLayout()
        clear_row.addWidget(self.clear_timing)
        clear_row.addStretch(1)
        trig.addLayout(clear_row)
        inner.addWidget(self.trigger_info)

        self.mode_now.clicked.connect(self._choose_now)
        self.mode_once.clicked.connect(self._choose_once)
        self.mode_repeat.clicked.connect(self._choose_repeat)
        self.once_edit.editingFinished.connect(self._once_changed)
        return box

    def _build_recurrence(self, parent: QWidget) -> QWidget:
        panel = QWidget(parent)
        self.recurrence_panel = panel
        grid = QGridLayout(panel)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        every_row = QHBoxLayout()
        self.interval = CommitSpinBox(panel)
        self.interval.setRange(1, 1000)
        self.interval.setAccessibleName(self.tr("Repeat every"))
        self.every = QComboBox(panel)
        self.every.setAccessibleName(self.tr("Repeat unit"))
        every_row.addWidget(self.interval)
        every_row.addWidget(self.every)
        every_row.addStretch(1)
        every = _caption(self.tr("Every"), panel)
        every.setBuddy(self.interval)
        name_for_screen_readers(self.every, self.tr("Repeat unit"))
        grid.addWidget(every, 0, 0)
        grid.addLayout(every_row, 0, 1)

        self.days_caption = _caption(self.tr("On"), panel)
        self.days_widget = QWidget(panel)
        self.days_widget.setObjectName("WeekdayRow")
        days_row = QHBoxLayout(self.days_widget)
        days_row.setContentsMargins(0, 0, 0, 0)
        days_row.setSpacing(6)
        self.day_boxes: dict[str, QCheckBox] = {}
        for day in WEEKDAYS:
            check = QCheckBox(weekday_label(day), self.days_widget)
            check.setObjectName("WeekdayBox")
            check.setAccessibleName(self.tr("Run on %1").replace("%1", weekday_label(day)))
            check.clicked.connect(self._weekdays_clicked)
            days_row.addWidget(check)
            self.day_boxes[day] = check
        days_row.addStretch(1)
        grid.addWidget(self.days_caption, 1, 0)
        grid.addWidget(self.days_widget, 1, 1)

        at_row = QHBoxLayout()
        self.at_edit = CommitTimeEdit(panel)
        self.at_edit.setDisplayFormat("HH:mm")
        self.at_edit.setAccessibleName(self.tr("Local time of each run"))
        self.zone_combo = QComboBox(panel)
        self.zone_combo.setAccessibleName(self.tr("Time zone"))
        self.zone_combo.setMaxVisibleItems(20)
        self.zone_combo.setMinimumContentsLength(24)
        at_row.addWidget(self.at_edit)
        at_row.addSpacing(8)
        zone_caption = _caption(self.tr("time zone"), panel)
        zone_caption.setBuddy(self.zone_combo)
        at_row.addWidget(zone_caption)
        at_row.addWidget(self.zone_combo)
        at_row.addStretch(1)
        grid.addWidget(_caption(self.tr("At"), panel), 2, 0)
        grid.addLayout(at_row, 2, 1)

        start_row = QHBoxLayout()
        self.start_on = QCheckBox(self.tr("Not before"), panel)
        self.start_edit = CommitDateTimeEdit(panel)
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.start_edit.setMinimumWidth(170)
        self.start_edit.setAccessibleName(self.tr("First run not before"))
        self.start_note = QLabel(panel)
        self.start_note.setObjectName("Muted")
        start_row.addWidget(self.start_on)
        start_row.addSpacing(6)
        start_row.addWidget(self.start_edit)
        start_row.addWidget(self.start_note)
        start_row.addStretch(1)
        grid.addWidget(_caption(self.tr("Starting"), panel), 3, 0)
        grid.addLayout(start_row, 3, 1)

        until_row = QHBoxLayout()
        self.until_on = QCheckBox(self.tr("Until"), panel)
        self.until_edit = CommitDateEdit(panel)
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat("yyyy-MM-dd")
        self.until_edit.setMinimumWidth(130)
        self.until_edit.setAccessibleName(self.tr("Last day of runs"))
        until_note = QLabel(self.tr("(that day included)"), panel)
        until_note.setObjectName("Muted")
        until_row.addWidget(self.until_on)
        until_row.addSpacing(6)
        until_row.addWidget(self.until_edit)
        until_row.addWidget(until_note)
        until_row.addStretch(1)
        grid.addWidget(_caption(self.tr("Ending"), panel), 4, 0)
        grid.addLayout(until_row, 4, 1)
        grid.setColumnStretch(1, 1)

        self.interval.valueChanged.connect(self._fill_units)
        self.interval.editingFinished.connect(self._interval_changed)
        self.every.activated.connect(self._every_changed)
        self.at_edit.editingFinished.connect(self._at_changed)
        self.zone_combo.activated.connect(self._zone_changed)
        self.start_on.clicked.connect(self._start_changed)
        self.start_edit.editingFinished.connect(self._start_changed)
        self.until_on.clicked.connect(self._until_changed)
        self.until_edit.editingFinished.connect(self._until_changed)
        self._fill_units(1)
        return panel

    def _build_automation(self, parent: QWidget) -> QWidget:
        box, inner, _note = _section(
            parent,
            self.tr("Runs by itself"),
            self.tr(
                "An active campaign runs at its set time or on its schedule, or for each person a trigger "
                "fires for, with nobody pressing Run. It runs while this app is open, or all the time with "
                "Campaign ▸ Keep Campaigns Running When the App Is Closed."
            ),
        )
        row = QHBoxLayout()
        self.state_icon = QLabel(box)
        self.state_label = QLabel(box)
        self.state_label.setObjectName("AutomationState")
        self.state_label.setWordWrap(True)
        self.activate_button = QPushButton(icon("automation"), self.tr("Activate…"), box)
        self.activate_button.setObjectName("PrimaryButton")
        self.activate_button.clicked.connect(self.activate_requested)
        self.deactivate_button = QPushButton(self.tr("Deactivate"), box)
        self.deactivate_button.clicked.connect(self.deactivate_requested)
        row.addWidget(self.state_icon)
        row.addWidget(self.state_label, 1)
        row.addWidget(self.activate_button)
        row.addWidget(self.deactivate_button)
        inner.addLayout(row)
        return box

    def _build_qualification(self, parent: QWidget) -> QWidget:
        box, inner, _note = _section(
            parent,
            self.tr("Qualification rules"),
            self.tr("How often one person may run through the flow across runs."),
        )
        self.once = QRadioButton(self.tr("Each person can run through the flow once"), box)
        self.every_time = QRadioButton(self.tr("Every time"), box)
        every_row = QHBoxLayout()
        self.every_days = QRadioButton(self.tr("Once every"), box)
        self.days = CommitSpinBox(box)
        self.days.setRange(1, 3650)
        self.days.valueChanged.connect(self._days_suffix)
        self._days_suffix(self.days.value())
        self.days.setAccessibleName(self.tr("Days between runs for one person"))
        every_row.addWidget(self.every_days)
        every_row.addWidget(self.days)
        every_row.addStretch(1)
        self.group = QButtonGroup(self)
        for b in (self.once, self.every_time, self.every_days):
            self.group.addButton(b)
        inner.addWidget(self.once)
        inner.addWidget(self.every_time)
        inner.addLayout(every_row)
        self.once.clicked.connect(lambda: self._set_qualification("once"))
        self.every_time.clicked.connect(lambda: self._set_qualification("every_time"))
        self.every_days.clicked.connect(lambda: self._set_qualification(EveryDays(every_days=self.days.value())))
        self.days.editingFinished.connect(self._days_finished)
        return box

    def _build_quiet_hours(self, parent: QWidget) -> QWidget:
        box, inner, _note = _section(
            parent,
            self.tr("Quiet hours"),
            self.tr(
                "Texts go out only inside this window, in each recipient's local time. "
                "A send due outside it waits for the next opening; nobody is dropped."
            ),
        )
        grid = QGridLayout()
        self.quiet_on = QCheckBox(self.tr("Respect quiet hours"), box)
        self.quiet_start = CommitTimeEdit(box)
        self.quiet_start.setDisplayFormat("HH:mm")
        self.quiet_start.setAccessibleName(self.tr("Texts may go from"))
        self.quiet_end = CommitTimeEdit(box)
        self.quiet_end.setDisplayFormat("HH:mm")
        self.quiet_end.setAccessibleName(self.tr("Texts may go until"))
        grid.addWidget(self.quiet_on, 0, 0, 1, 4)
        grid.addWidget(QLabel(self.tr("Texts may go from"), box), 1, 0)
        grid.addWidget(self.quiet_start, 1, 1)
        grid.addWidget(QLabel(self.tr("until"), box), 1, 2)
        grid.addWidget(self.quiet_end, 1, 3)
        grid.setColumnStretch(4, 1)
        inner.addLayout(grid)
        self.quiet_on.clicked.connect(
            lambda on: self.controller.set_campaign_field(
                "settings.quiet_hours.enabled",
                on,
                self.tr("Turn quiet hours on") if on else self.tr("Turn quiet hours off"),
            )
        )
        self.quiet_start.editingFinished.connect(lambda: self._quiet_time("start", self.quiet_start))
        self.quiet_end.editingFinished.connect(lambda: self._quiet_time("end", self.quiet_end))
        return box

    def _fill_units(self, interval: int) -> None:
        current = self.every.currentData()
        one = interval == 1
        units = (
            ("day", self.tr("day") if one else self.tr("days")),
            ("week", self.tr("week") if one else self.tr("weeks")),
            ("month", self.tr("month") if one else self.tr("months")),
        )
        self.every.blockSignals(True)
        self.every.clear()
        for key, text in units:
            self.every.addItem(text, key)
        self.every.setCurrentIndex(max(0, self.every.findData(current or "week")))
        self.every.blockSignals(False)

    def _days_suffix(self, value: int) -> None:
        self.days.setSuffix(self.tr(" day") if value == 1 else self.tr(" days"))

    def disconnect_document(self) -> None:
        self.document.value_set.disconnect(self._on_value_set)
        self.document.item_inserted.disconnect(self._on_list_changed)
        self.document.item_removed.disconnect(self._on_list_changed)
        self.document.reset.disconnect(self.refresh)
        self.document.problems_changed.disconnect(self._on_problems)

    # -- reading the document ----------------------------------------------------------------
    def _on_value_set(self, path: str) -> None:
        if path.startswith(("schedule", "settings", "smart_list.triggers")):
            self.refresh()

    def _on_list_changed(self, list_path: str, *_args: int) -> None:
        if list_path == "smart_list.triggers":
            self.refresh()

    def _on_problems(self, _problems: object) -> None:
        self._show_problems()

    def default_zone_name(self) -> str:
        refs = self.document.refs
        return refs.default_time_zone if refs is not None else "UTC"

    def zone(self) -> ZoneInfo:
        """The campaign's time zone: the recurrence's, else the workspace's default (else UTC)."""
        rec = self.document.campaign.schedule.recurrence
        name = rec.time_zone if rec is not None and rec.time_zone else self.default_zone_name()
        return zone_or_none(name) or ZoneInfo("UTC")

    def mode(self) -> str:
        """``now``, ``once`` or ``repeat``: what the batch schedule says."""
        schedule = self.document.campaign.schedule
        if schedule.recurrence is not None:
            return "repeat"
        return "once" if schedule.start_instant() is not None else "now"

    def refresh(self) -> None:
        self._updating = True
        try:
            self._refresh()
        finally:
            self._updating = False

    def _refresh(self) -> None:
        c = self.document.campaign
        trigger = c.kind == "trigger"
        self.when_note.setText(
            self.tr("When one of its triggers fires for a person, while it is active.")
            if trigger
            else self.tr("Run it yourself, once at a set time, or again and again on a schedule.")
        )
        self.batch.setVisible(not trigger)
        self.trigger_info.setVisible(trigger)
        mode = self.mode()
        {"now": self.mode_now, "once": self.mode_once, "repeat": self.mode_repeat}[mode].setChecked(True)
        zone = self.zone()
        zone_name = getattr(zone, "key", "UTC")
        start = c.schedule.start_instant()
        self.once_zone.setText(zone_name)
        self.once_edit.setEnabled(mode == "once")
        if start is not None:
            self.once_edit.setDateTime(_naive(start, zone))
            self.start_edit.setDateTime(_naive(start, zone))
        else:
            soon = (self.clock() + timedelta(hours=1)).astimezone(zone).replace(minute=0, second=0, microsecond=0)
            self.once_edit.setDateTime(_naive(soon, zone))
            self.start_edit.setDateTime(_naive(soon, zone))
        self.recurrence_panel.setEnabled(mode == "repeat")
        self._refresh_recurrence(zone)
        self._refresh_triggers()
        self._refresh_next_runs()
        self._refresh_automation()
        self._show_problems()

        q = c.schedule.qualification
        if isinstance(q, EveryDays):
            self.every_days.setChecked(True)
            self.days.setValue(q.every_days)
        elif q == "every_time":
            self.every_time.setChecked(True)
        else:
            self.once.setChecked(True)
        self.days.setEnabled(isinstance(q, EveryDays))
        quiet = c.settings.quiet_hours
        self.quiet_on.setChecked(quiet.enabled)
        self.quiet_start.setTime(QTime.fromString(quiet.start, "HH:mm"))
        self.quiet_end.setTime(QTime.fromString(quiet.end, "HH:mm"))
        self.quiet_start.setEnabled(quiet.enabled)
        self.quiet_end.setEnabled(quiet.enabled)

    def _refresh_recurrence(self, zone: ZoneInfo) -> None:
        schedule = self.document.campaign.schedule
        rec = schedule.recurrence or Recurrence(every="week")
        self.interval.setValue(rec.interval)
        self._fill_units(rec.interval)
        self.every.setCurrentIndex(max(0, self.every.findData(rec.every)))
        weekly = rec.every == "week"
        self.days_caption.setVisible(weekly)
        self.days_widget.setVisible(weekly)
        chosen = set(rec.on) if rec.on is not None else {self._default_weekday()}
        for day, check in self.day_boxes.items():
            check.setChecked(day in chosen)
        self.at_edit.setTime(QTime.fromString(rec.at or self._default_at(), "HH:mm"))
        self._fill_zones(rec.time_zone)
        start = schedule.start_instant()
        self.start_on.setChecked(start is not None)
        self.start_edit.setEnabled(start is not None)
        self.start_note.setText(
            self.tr("(monthly runs fall on this day of the month, 1–28)") if rec.every == "month" else ""
        )
        self.until_on.setChecked(rec.until is not None)
        self.until_edit.setEnabled(rec.until is not None)
        if rec.until is not None:
            self.until_edit.setDate(QDate.fromString(rec.until, "yyyy-MM-dd"))
        else:
            self.until_edit.setDate(QDate.currentDate().addMonths(3))

    def _default_weekday(self) -> str:
        start = self.document.campaign.schedule.start_instant()
        return WEEKDAYS[start.astimezone(self.zone()).weekday()] if start is not None else "mon"

    def _default_at(self) -> str:
        start = self.document.campaign.schedule.start_instant()
        if start is None:
            return "09:00"
        return start.astimezone(self.zone()).strftime("%H:%M")

    def _fill_zones(self, chosen: str | None) -> None:
        default = self.tr("Workspace default (%1)").replace("%1", self.default_zone_name())
        if self.zone_combo.count() == 0 or self.zone_combo.itemText(0) != default:
            self.zone_combo.clear()
            self.zone_combo.addItem(default, "")
            for name in time_zone_names():
                self.zone_combo.addItem(name, name)
        index = self.zone_combo.findData(chosen or "")
        if index < 0 and chosen:  # a zone this Python does not know: shown, marked by validation
            self.zone_combo.addItem(chosen, chosen)
            index = self.zone_combo.count() - 1
        self.zone_combo.setCurrentIndex(max(0, index))

    def _refresh_triggers(self) -> None:
        triggers = self.document.campaign.smart_list.triggers
        if not triggers:
            self.trigger_text.setText("")
            return
        names = dict(self.document.refs.vibes_lists) if self.document.refs is not None else {}
        items = []
        for t in triggers:
            subject = trigger_subject(t)
            if getattr(t, "vibes_list_id", None) and subject in names:
                subject = f"{names[subject]} ({subject})"
            said = trigger_type_label(t.type) + (f": {subject}" if subject else "")
            items.append(f"<li>{html.escape(said)}</li>")
        self.trigger_text.setText(
            html.escape(self.tr("It has no set time or schedule. Its triggers:"))
            + "<ul style='margin-top:4px'>"
            + "".join(items)
            + "</ul>"
        )

    def upcoming(self) -> list[datetime]:
        """The next runs the schedule gives from now (as if activated now)."""
        c = self.document.campaign
        if c.kind == "trigger":
            return []
        now = self.clock()
        return next_runs(c.schedule, now, SHOWN_RUNS, default_zone=self.default_zone_name(), anchor=now)

    def run_text(self, instant: datetime) -> str:
        """One run, in the campaign's zone and, when that reads differently, the user's own."""
        zone = self.zone()
        there = instant.astimezone(zone)
        here = instant.astimezone()
        text = when_text(instant, zone) + " " + getattr(zone, "key", "")
        if there.replace(tzinfo=None) != here.replace(tzinfo=None):
            mine = clock_text(instant) if there.date() == here.date() else when_text(instant)
            text += " · " + self.tr("%1 your time").replace("%1", mine)
        return text

    def _refresh_next_runs(self) -> None:
        mode = self.mode()
        trigger = self.document.campaign.kind == "trigger"
        show = not trigger and mode != "now"
        self.next_title.setVisible(show)
        self.next_runs.setVisible(show)
        if not show:
            return
        runs = self.upcoming()
        if runs:
            self.next_title.setText(self.tr("Runs at") if mode == "once" else self.tr("Next runs"))
            self.next_runs.setText("<br>".join("•&nbsp; " + html.escape(self.run_text(r)) for r in runs))
        elif mode == "once":
            self.next_title.setText(self.tr("Runs at"))
            self.next_runs.setText(self.tr("This time has passed: choose a later one."))
        else:
            self.next_title.setText(self.tr("Next runs"))
            self.next_runs.setText(self.tr("No runs from now on: check the weekdays and the end date."))

    # -- problems on the tab -----------------------------------------------------------------
    def _show_problems(self) -> None:
        both = [p for p in self.document.problems if p.code == "trigger_with_schedule"]
        self.both_problem.setText("\n".join(problem_text(p, self.document) for p in both))
        self.both_problem.setVisible(bool(both))
        self.clear_timing.setVisible(bool(both))

    # -- automation --------------------------------------------------------------------------
    def set_automation(self, status: AutomationStatus | None) -> None:
        """Show whether the campaign runs by itself (None: not known, e.g. not saved yet)."""
        self.status = status
        self._refresh_automation()

    def _refresh_automation(self) -> None:
        status = self.status
        active = status is not None and status.active
        trigger = self.document.campaign.kind == "trigger"
        if status is None:
            text = self.tr("Save the campaign to a workspace to activate it.")
        elif not active:
            text = self.tr("Not active: nothing runs by itself.")
        elif trigger or status.kind == "trigger":
            text = self.tr("Active: listening for its triggers.")
        elif status.next_runs:
            text = self.tr("Active: next run %1.").replace("%1", self.run_text(status.next_runs[0]))
        else:
            text = self.tr("Active, with no run to come.")
        self.state_label.setText(text)
        self.state_icon.setPixmap(
            icon("automation" if active else "schedule").pixmap(QSize(20, 20), self.devicePixelRatioF())
        )
        value = "true" if active else "false"
        if self.state_label.property("active") != value:
            self.state_label.setProperty("active", value)
            repolish(self.state_label)
        self.activate_button.setVisible(not active)
        self.activate_button.setEnabled(status is not None)
        self.deactivate_button.setVisible(active)

    # -- edits -------------------------------------------------------------------------------
    def _schedule(self, start: datetime | None, rec: Recurrence | None, text: str) -> bool:
        return self.controller.set_schedule_timing(iso(start) if start is not None else None, rec, text)

    def _start(self) -> datetime | None:
        return self.document.campaign.schedule.start_instant()

    def _rec(self) -> Recurrence:
        rec = self.document.campaign.schedule.recurrence
        return rec.model_copy(deep=True) if rec is not None else Recurrence(every="week")

    def _choose_now(self) -> None:
        if not self._updating:
            self._schedule(None, None, self.tr("Run by hand only"))

    def _choose_once(self) -> None:
        if self._updating:
            return
        zone = self.zone()
        start = self._start() or _instant(self.once_edit.dateTime(), zone)
        self._schedule(start, None, self.tr("Run once at %1").replace("%1", when_text(start, zone)))

    def _choose_repeat(self) -> None:
        if self._updating:
            return
        today = self.clock().astimezone(self.zone())
        rec = Recurrence(every="week", on=[WEEKDAYS[today.weekday()]], at=DEFAULT_AT)
        self._schedule(None, rec, self.tr("Repeat every week"))

    def _once_changed(self) -> None:
        if self._updating or self.mode() != "once":
            return
        zone = self.zone()
        start = _instant(self.once_edit.dateTime(), zone)
        self._schedule(start, None, self.tr("Run once at %1").replace("%1", when_text(start, zone)))

    def _set_rec(self, rec: Recurrence, text: str, *, start: datetime | None = None, new_start: bool = False) -> None:
        """Set the recurrence (and, with ``new_start``, the start too) as one edit."""
        if self._updating or self.mode() != "repeat":
            return
        self._schedule(start if new_start else self._start(), rec, text)

    def _interval_changed(self) -> None:
        rec = self._rec()
        if rec.interval != self.interval.value():
            rec.interval = self.interval.value()
            self._set_rec(
                rec,
                self.tr("Repeat every %1 %2").replace("%1", str(rec.interval)).replace("%2", self.every.currentText()),
            )

    def _every_changed(self, _index: int) -> None:
        rec = self._rec()
        every = self.every.currentData()
        if every == rec.every:
            return
        rec.every = every
        rec.on = [self._default_weekday()] if every == "week" else None
        start: datetime | None = None
        if every == "month" and self._start() is None:
            # A monthly run falls on the start's day of the month: start from the next day 1–28.
            zone = self.zone()
            at = time.fromisoformat(rec.at or DEFAULT_AT)
            day = self.clock().astimezone(zone).date()
            while day.day > 28:
                day += timedelta(days=1)
            start = local_to_utc(day, at, zone)
        text = self.tr("Repeat every %1").replace("%1", self.every.currentText())
        self._set_rec(rec, text, start=start, new_start=start is not None)

    def _weekdays_clicked(self) -> None:
        rec = self._rec()
        rec.on = [d for d, check in self.day_boxes.items() if check.isChecked()]
        self._set_rec(rec, self.tr("Change the weekdays of the recurrence"))

    def _at_changed(self) -> None:
        rec = self._rec()
        at = self.at_edit.time().toString("HH:mm")
        if at != (rec.at or self._default_at()):
            rec.at = at
            self._set_rec(rec, self.tr("Repeat at %1").replace("%1", at))

    def _zone_changed(self, _index: int) -> None:
        rec = self._rec()
        zone = self.zone_combo.currentData() or None
        if zone != rec.time_zone:
            rec.time_zone = zone
            self._set_rec(rec, self.tr("Repeat in time zone %1").replace("%1", zone or self.default_zone_name()))

    def _start_changed(self) -> None:
        if self._updating or self.mode() != "repeat":
            return
        start = _instant(self.start_edit.dateTime(), self.zone()) if self.start_on.isChecked() else None
        if start != self._start():
            self._schedule(start, self._rec(), self.tr("Change when the recurrence starts"))

    def _until_changed(self) -> None:
        rec = self._rec()
        until = self.until_edit.date().toString("yyyy-MM-dd") if self.until_on.isChecked() else None
        if until != rec.until:
            rec.until = until
            self._set_rec(rec, self.tr("Change when the recurrence ends"))

    def _set_qualification(self, value: object) -> None:
        self.controller.set_campaign_field("schedule.qualification", value, self.tr("Change qualification rule"))

    def _days_finished(self) -> None:
        if self.every_days.isChecked():
            self._set_qualification(EveryDays(every_days=self.days.value()))

    def _quiet_time(self, which: str, edit: QTimeEdit) -> None:
        value = edit.time().toString("HH:mm")
        self.controller.set_campaign_field(f"settings.quiet_hours.{which}", value, self.tr("Change quiet hours"))
