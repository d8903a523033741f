"""The Schedule tab: qualification rule, planned start and quiet hours.

Each input is one undoable edit through the controller (``schedule.qualification``,
``schedule.run_at``, ``settings.quiet_hours.*``); the tab mirrors the document when any
of those change, by undo or otherwise.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.model.campaign import EveryDays
from smsflow_desktop.ui.editor.controller import DocumentController


def _section(parent: QWidget, title: str, text: str) -> tuple[QFrame, QVBoxLayout]:
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
    return box, col


class ScheduleTab(QScrollArea):
    """When the campaign runs and who may run through it again."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FlowView")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.controller = controller
        self.document = controller.document
        canvas = QWidget()
        canvas.setObjectName("FlowCanvas")
        col = QVBoxLayout(canvas)
        col.setContentsMargins(24, 20, 24, 24)
        col.setSpacing(14)

        box, inner = _section(
            canvas,
            self.tr("Qualification rules"),
            self.tr("How often one person may run through the flow across runs."),
        )
        self.once = QRadioButton(self.tr("Each person can run through the flow once"), box)
        self.every_time = QRadioButton(self.tr("Every time"), box)
        every_row = QHBoxLayout()
        self.every_days = QRadioButton(self.tr("Once every"), box)
        self.days = QSpinBox(box)
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
        col.addWidget(box)

        box, inner = _section(
            canvas,
            self.tr("Planned start"),
            self.tr(
                "Optional. Start the run with Run on the toolbar; this date is a reminder "
                "and the moment quiet hours and waits are counted from in a preview."
            ),
        )
        self.run_at_on = QCheckBox(self.tr("Run at a set time"), box)
        self.run_at = QDateTimeEdit(box)
        self.run_at.setCalendarPopup(True)
        self.run_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.run_at.setDateTime(QDateTime.currentDateTimeUtc().addSecs(3600))
        self.run_at.setAccessibleName(self.tr("Planned start (UTC)"))
        row = QHBoxLayout()
        row.addWidget(self.run_at_on)
        row.addWidget(self.run_at)
        row.addWidget(QLabel("UTC", box))
        row.addStretch(1)
        inner.addLayout(row)
        col.addWidget(box)

        box, inner = _section(
            canvas,
            self.tr("Quiet hours"),
            self.tr(
                "Texts go out only inside this window, in each recipient's local time. "
                "A send due outside it waits for the next opening; nobody is dropped."
            ),
        )
        grid = QGridLayout()
        self.quiet_on = QCheckBox(self.tr("Respect quiet hours"), box)
        self.quiet_start = QTimeEdit(box)
        self.quiet_start.setDisplayFormat("HH:mm")
        self.quiet_start.setAccessibleName(self.tr("Texts may go from"))
        self.quiet_end = QTimeEdit(box)
        self.quiet_end.setDisplayFormat("HH:mm")
        self.quiet_end.setAccessibleName(self.tr("Texts may go until"))
        grid.addWidget(self.quiet_on, 0, 0, 1, 4)
        grid.addWidget(QLabel(self.tr("Texts may go from"), box), 1, 0)
        grid.addWidget(self.quiet_start, 1, 1)
        grid.addWidget(QLabel(self.tr("until"), box), 1, 2)
        grid.addWidget(self.quiet_end, 1, 3)
        grid.setColumnStretch(4, 1)
        inner.addLayout(grid)
        col.addWidget(box)
        col.addStretch(1)
        self.setWidget(canvas)

        self.once.clicked.connect(lambda: self._set_qualification("once"))
        self.every_time.clicked.connect(lambda: self._set_qualification("every_time"))
        self.every_days.clicked.connect(lambda: self._set_qualification(EveryDays(every_days=self.days.value())))
        self.days.editingFinished.connect(self._days_finished)
        self.run_at_on.clicked.connect(self._run_at_changed)
        self.run_at.editingFinished.connect(self._run_at_changed)
        self.quiet_on.clicked.connect(
            lambda on: self.controller.set_campaign_field(
                "settings.quiet_hours.enabled",
                on,
                self.tr("Turn quiet hours on") if on else self.tr("Turn quiet hours off"),
            )
        )
        self.quiet_start.editingFinished.connect(lambda: self._quiet_time("start", self.quiet_start))
        self.quiet_end.editingFinished.connect(lambda: self._quiet_time("end", self.quiet_end))
        self.document.value_set.connect(self._on_value_set)
        self.document.reset.connect(self.refresh)
        self.refresh()

    def _days_suffix(self, value: int) -> None:
        self.days.setSuffix(self.tr(" day") if value == 1 else self.tr(" days"))

    def disconnect_document(self) -> None:
        self.document.value_set.disconnect(self._on_value_set)
        self.document.reset.disconnect(self.refresh)

    def _on_value_set(self, path: str) -> None:
        if path.startswith(("schedule", "settings")):
            self.refresh()

    def refresh(self) -> None:
        c = self.document.campaign
        q = c.schedule.qualification
        if isinstance(q, EveryDays):
            self.every_days.setChecked(True)
            self.days.setValue(q.every_days)
        elif q == "every_time":
            self.every_time.setChecked(True)
        else:
            self.once.setChecked(True)
        self.days.setEnabled(isinstance(q, EveryDays))
        has_run_at = c.schedule.run_at is not None
        self.run_at_on.setChecked(has_run_at)
        self.run_at.setEnabled(has_run_at)
        if has_run_at:
            try:
                moment = datetime.fromisoformat(c.schedule.run_at.replace("Z", "+00:00"))
                self.run_at.setDateTime(QDateTime(moment.date(), QTime(moment.hour, moment.minute)))
            except ValueError:
                pass
        quiet = c.settings.quiet_hours
        self.quiet_on.setChecked(quiet.enabled)
        self.quiet_start.setTime(QTime.fromString(quiet.start, "HH:mm"))
        self.quiet_end.setTime(QTime.fromString(quiet.end, "HH:mm"))
        self.quiet_start.setEnabled(quiet.enabled)
        self.quiet_end.setEnabled(quiet.enabled)

    def _set_qualification(self, value: object) -> None:
        self.controller.set_campaign_field("schedule.qualification", value, self.tr("Change qualification rule"))

    def _days_finished(self) -> None:
        if self.every_days.isChecked():
            self._set_qualification(EveryDays(every_days=self.days.value()))

    def _run_at_changed(self) -> None:
        value = None
        if self.run_at_on.isChecked():
            dt = self.run_at.dateTime()
            d, t = dt.date(), dt.time()
            value = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=UTC).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            )
        self.controller.set_campaign_field("schedule.run_at", value, self.tr("Change planned start"))

    def _quiet_time(self, which: str, edit: QTimeEdit) -> None:
        value = edit.time().toString("HH:mm")
        self.controller.set_campaign_field(f"settings.quiet_hours.{which}", value, self.tr("Change quiet hours"))
