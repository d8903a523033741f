"""The input fields of a step: SMS message, Vibes list, acquisition campaign, or a wait.

:class:`ParamsEditor` shows the action fields of an SMS step (or of one choice row, which
has the same fields); the acquisition campaign drop-down offers only campaigns feeding the
chosen Vibes list. :class:`WaitEditor` shows a duration and the optional weekdays and time
to resume on. Both report ``field_chosen(field, value)``; they never change the model.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QWidget

from smsflow_desktop.model.campaign import WEEKDAYS
from smsflow_desktop.ui.editor.field_widgets import CommitLineEdit, RefCombo
from smsflow_desktop.ui.labels import step_field_label, weekday_label
from smsflow_desktop.ui.workspace_data import Catalog

PARAM_FIELDS: dict[str, tuple[str, ...]] = {
    "send_sms": ("message", "vibes_list_id"),
    "subscribe_vibes_list": ("vibes_list_id", "acquisition_campaign_id"),
    "unsubscribe_vibes_list": ("vibes_list_id",),
}


def _list_label(list_id: str, name: str) -> str:
    return f"{name} ({list_id})" if name else list_id


_label_width: int | None = None


def label_column_width(widget: QWidget) -> int:
    """One width for the field-label column of every card, so fields line up down the flow."""
    global _label_width
    if _label_width is None:
        metrics = widget.fontMetrics()
        names = [step_field_label(f) for f in ("message", "vibes_list_id", "acquisition_campaign_id", "duration")]
        names.append(QCoreApplication.translate("WaitEditor", "Resume only on"))
        _label_width = max(metrics.horizontalAdvance(n) for n in names) + 12
    return _label_width


class ParamsEditor(QWidget):
    """Drop-downs for the action fields of one step type."""

    field_chosen = Signal(str, object)

    def __init__(
        self, type_id: str, catalog: Catalog, name_prefix: str, *, compact: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.type_id = type_id
        self.catalog = catalog
        self.combos: dict[str, RefCombo] = {}
        self._list_id: str | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        placeholders = {
            "message": self.tr("Choose an SMS message…"),
            "vibes_list_id": self.tr("Choose a Vibes list…"),
            "acquisition_campaign_id": self.tr("Choose an acquisition campaign…"),
        }
        for i, field in enumerate(PARAM_FIELDS[type_id]):
            label_text = step_field_label(field)
            combo = RefCombo(f"{name_prefix}: {label_text}", placeholders[field], self)
            label = QLabel(label_text, self)
            label.setObjectName("FieldLabel")
            label.setBuddy(combo)
            if compact:
                grid.addWidget(label, 0, 2 * i)
                grid.addWidget(combo, 0, 2 * i + 1)
                grid.setColumnStretch(2 * i + 1, 1)
            else:
                grid.addWidget(label, i, 0)
                grid.addWidget(combo, i, 1)
                grid.setColumnStretch(1, 1)
                grid.setColumnMinimumWidth(0, label_column_width(self))
            combo.value_chosen.connect(lambda value, f=field: self.field_chosen.emit(f, value))
            self.combos[field] = combo
        if "acquisition_campaign_id" in self.combos:
            self.combos["acquisition_campaign_id"].missing_label = self._acquisition_elsewhere
        self.set_catalog(catalog)

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        if "message" in self.combos:
            self.combos["message"].set_items((n, n) for n in catalog.message_names)
        if "vibes_list_id" in self.combos:
            self.combos["vibes_list_id"].set_items((i, _list_label(i, n)) for i, n in catalog.vibes_lists)
        self._fill_acquisitions()

    def _acquisition_elsewhere(self, acq_id: object) -> str:
        """A campaign the workspace knows but that does not feed the chosen list."""
        description = self.catalog.acquisition_names.get(str(acq_id))
        if description is None:
            return ""
        return self.tr("%1 (%2), not for this list").replace("%1", description).replace("%2", str(acq_id))

    def _fill_acquisitions(self) -> None:
        combo = self.combos.get("acquisition_campaign_id")
        if combo is not None:
            combo.set_items((i, f"{d} ({i})" if d else i) for i, d in self.catalog.acquisitions_for(self._list_id))

    def set_params(self, params: Any) -> None:
        """Show the fields of a step or of a choice's ``then``."""
        list_id = getattr(params, "vibes_list_id", None)
        if list_id != self._list_id:
            self._list_id = list_id
            self._fill_acquisitions()
        for field, combo in self.combos.items():
            combo.set_value(getattr(params, field, None))

    def widget_for(self, field: str) -> QWidget | None:
        return self.combos.get(field)


class WaitEditor(QWidget):
    """Duration, and optionally the weekdays and time at which people resume."""

    field_chosen = Signal(str, object)

    def __init__(self, name_prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        self.duration_edit = CommitLineEdit(
            f"{name_prefix}: {step_field_label('duration')}", self.tr("e.g. 4 hours, 2 days, 1 week"), self
        )
        duration_label = QLabel(step_field_label("duration"), self)
        duration_label.setObjectName("FieldLabel")
        duration_label.setBuddy(self.duration_edit)
        grid.addWidget(duration_label, 0, 0)
        grid.addWidget(self.duration_edit, 0, 1)
        self.only_on = QCheckBox(self.tr("Resume only on"), self)
        self.only_on.setAccessibleName(f"{name_prefix}: " + self.tr("Resume only on chosen weekdays"))
        row = QWidget(self)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.setSpacing(4)
        days = QWidget(row)
        days_row = QHBoxLayout(days)
        days_row.setContentsMargins(0, 0, 0, 0)
        days_row.setSpacing(4)
        self.day_boxes: dict[str, QCheckBox] = {}
        for day in WEEKDAYS:
            box = QCheckBox(weekday_label(day), days)
            box.setObjectName("WeekdayBox")
            box.setAccessibleName(f"{name_prefix}: " + self.tr("resume on %1").replace("%1", weekday_label(day)))
            box.clicked.connect(self._weekdays_clicked)
            days_row.addWidget(box)
            self.day_boxes[day] = box
        row_layout.addWidget(days)
        at = QLabel(self.tr("at"), row)
        at.setObjectName("FieldLabel")
        row_layout.addSpacing(8)
        row_layout.addWidget(at)
        self.time_edit = CommitLineEdit(
            f"{name_prefix}: {step_field_label('resume_time')}", self.tr("HH:MM, any time"), row
        )
        self.time_edit.setMaximumWidth(170)
        self.time_edit.setToolTip(self.tr("Leave empty to resume at any time of day."))
        at.setBuddy(self.time_edit)
        row_layout.addWidget(self.time_edit)
        row_layout.addStretch(1)
        self.days_widget = days
        self.days_row = row
        grid.addWidget(self.only_on, 1, 0)
        grid.addWidget(row, 1, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(0, label_column_width(self))
        self.duration_edit.committed.connect(lambda text: self.field_chosen.emit("duration", text.strip()))
        self.only_on.clicked.connect(self._only_on_clicked)
        self.time_edit.committed.connect(lambda text: self.field_chosen.emit("resume_time", text.strip() or None))

    def set_step(self, step: Any) -> None:
        self.duration_edit.set_text(step.duration)
        on = step.resume_weekdays is not None
        self.only_on.setChecked(on)
        self.days_row.setVisible(on or bool(step.resume_time))
        chosen = set(step.resume_weekdays or [])
        for day, box in self.day_boxes.items():
            box.setChecked(day in chosen)
        self.time_edit.set_text(step.resume_time or "")

    def _only_on_clicked(self, checked: bool) -> None:
        self.days_row.setVisible(checked)
        self.field_chosen.emit("resume_weekdays", list(WEEKDAYS[:5]) if checked else None)

    def _weekdays_clicked(self) -> None:
        self.field_chosen.emit("resume_weekdays", [d for d, box in self.day_boxes.items() if box.isChecked()])

    def widget_for(self, field: str) -> QWidget | None:
        return {"duration": self.duration_edit, "resume_weekdays": self.days_widget, "resume_time": self.time_edit}.get(
            field
        )
