"""The input fields of a step, made from its type's fields and their kinds.

:class:`ParamsEditor` shows the action fields of a step (or of one choice row, which has the
same fields): a drop-down for each reference (an SMS message, a Vibes list, an acquisition
campaign: only campaigns feeding the chosen Vibes list are offered) and a line for free
text. :class:`WaitEditor` shows the fields of a step that holds people (kinds ``duration``,
``weekdays``, ``time_of_day``): a duration and the optional weekdays and time to resume on; the
duration reads and shows in the app's language (``2 dagar``) and is stored in English.
Both report ``field_chosen(field, value)``; they never change the model. On a narrow card
(:meth:`ParamsEditor.set_narrow`, :meth:`WaitEditor.set_narrow`) each label goes above its
field, so the fields keep their width instead of pushing the card wider than the flow.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QBoxLayout, QCheckBox, QGridLayout, QHBoxLayout, QLabel, QWidget

from smsflow_desktop.model.campaign import WEEKDAYS
from smsflow_desktop.model.duration import english_duration, localized_duration
from smsflow_desktop.model.step_types import StepType, step_type
from smsflow_desktop.ui.editor.field_widgets import CommitLineEdit, RefCombo
from smsflow_desktop.ui.i18n import current_language
from smsflow_desktop.ui.labels import step_field_label, weekday_label
from smsflow_desktop.ui.workspace_data import Catalog

#: The field kinds :class:`WaitEditor` shows; :class:`ParamsEditor` shows the others.
WAIT_KINDS = frozenset({"duration", "weekdays", "time_of_day"})


def uses_wait_editor(st: StepType) -> bool:
    """Whether a step of this type is edited as a Wait (duration, weekdays, time of day)."""
    return any(f.kind in WAIT_KINDS for f in st.fields)


def _list_label(list_id: str, name: str) -> str:
    return f"{name} ({list_id})" if name else list_id


_label_width: int | None = None


def place_fields(grid: QGridLayout, pairs: list[tuple[QWidget, QWidget]], mode: str, label_width: int) -> None:
    """Lay out (label, field) pairs: ``rows`` (label beside field, one pair a row, the labels in
    a column ``label_width`` wide), ``line`` (every pair on one line) or ``stacked`` (each label
    above its field, for a narrow card)."""
    for label, field in pairs:
        grid.removeWidget(label)
        grid.removeWidget(field)
    for column in range(grid.columnCount()):
        grid.setColumnStretch(column, 0)
        grid.setColumnMinimumWidth(column, 0)
    for i, (label, field) in enumerate(pairs):
        if mode == "stacked":
            grid.addWidget(label, 2 * i, 0)
            grid.addWidget(field, 2 * i + 1, 0)
        elif mode == "line":
            grid.addWidget(label, 0, 2 * i)
            grid.addWidget(field, 0, 2 * i + 1)
            grid.setColumnStretch(2 * i + 1, 1)
        else:
            grid.addWidget(label, i, 0)
            grid.addWidget(field, i, 1)
    if mode == "stacked":
        grid.setColumnStretch(0, 1)
    elif mode == "rows":
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(0, label_width)


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
        self.step_type = step_type(type_id)
        self.catalog = catalog
        self.combos: dict[str, RefCombo] = {}
        self.edits: dict[str, CommitLineEdit] = {}
        self._list_id: str | None = None
        self.compact = compact
        self.narrow = False
        self._pairs: list[tuple[QWidget, QWidget]] = []
        self._grid = grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        placeholders = {
            "message": self.tr("Choose an SMS message…"),
            "vibes_list": self.tr("Choose a Vibes list…"),
            "acquisition_campaign": self.tr("Choose an acquisition campaign…"),
        }
        fields = [f for f in self.step_type.fields if f.kind not in WAIT_KINDS]
        for field in fields:
            label_text = step_field_label(field.name)
            widget: QWidget
            if field.kind == "text":
                edit = CommitLineEdit(f"{name_prefix}: {label_text}", "", self)
                edit.committed.connect(lambda text, f=field.name: self.field_chosen.emit(f, text.strip() or None))
                self.edits[field.name] = widget = edit
            else:
                combo = RefCombo(f"{name_prefix}: {label_text}", placeholders[field.kind], self)
                combo.value_chosen.connect(lambda value, f=field.name: self.field_chosen.emit(f, value))
                if field.kind == "acquisition_campaign":
                    combo.missing_label = self._acquisition_elsewhere
                self.combos[field.name] = widget = combo
            label = QLabel(label_text, self)
            label.setObjectName("FieldLabel")
            label.setBuddy(widget)
            self._pairs.append((label, widget))
        self._place()
        self.set_catalog(catalog)

    def _place(self) -> None:
        mode = "stacked" if self.narrow else "line" if self.compact else "rows"
        place_fields(self._grid, self._pairs, mode, label_column_width(self))

    def set_narrow(self, narrow: bool) -> None:
        """Labels above their fields (a narrow card), or beside them."""
        if narrow != self.narrow:
            self.narrow = narrow
            self._place()

    def _combos_of(self, kind: str) -> list[RefCombo]:
        return [self.combos[f.name] for f in self.step_type.fields if f.kind == kind and f.name in self.combos]

    def inputs(self) -> list[QWidget]:
        """Every input of the editor, in field order."""
        return [*self.combos.values(), *self.edits.values()]

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        for combo in self._combos_of("message"):
            combo.set_items((n, n) for n in catalog.message_names)
        for combo in self._combos_of("vibes_list"):
            combo.set_items((i, _list_label(i, n)) for i, n in catalog.vibes_lists)
        self._fill_acquisitions()

    def _acquisition_elsewhere(self, acq_id: object) -> str:
        """A campaign the workspace knows but that does not feed the chosen list."""
        description = self.catalog.acquisition_names.get(str(acq_id))
        if description is None:
            return ""
        return self.tr("%1 (%2), not for this list").replace("%1", description).replace("%2", str(acq_id))

    def _fill_acquisitions(self) -> None:
        for combo in self._combos_of("acquisition_campaign"):
            combo.set_items((i, f"{d} ({i})" if d else i) for i, d in self.catalog.acquisitions_for(self._list_id))

    def set_params(self, params: Any) -> None:
        """Show the fields of a step or of a choice's ``then``."""
        list_id = self.step_type.value(params, "vibes_list")
        if list_id != self._list_id:
            self._list_id = list_id
            self._fill_acquisitions()
        for field, combo in self.combos.items():
            combo.set_value(getattr(params, field, None))
        for field, edit in self.edits.items():
            edit.set_text(getattr(params, field, None) or "")

    def widget_for(self, field: str) -> QWidget | None:
        return self.combos.get(field) or self.edits.get(field)


class WaitEditor(QWidget):
    """Duration, and optionally the weekdays and time at which people resume."""

    field_chosen = Signal(str, object)

    def __init__(self, name_prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.narrow = False
        self._grid = grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        self.duration_edit = CommitLineEdit(
            f"{name_prefix}: {step_field_label('duration')}", self.tr("e.g. 4 hours, 2 days, 1 week"), self
        )
        duration_label = QLabel(step_field_label("duration"), self)
        duration_label.setObjectName("FieldLabel")
        duration_label.setBuddy(self.duration_edit)
        self.only_on = QCheckBox(self.tr("Resume only on"), self)
        self.only_on.setAccessibleName(f"{name_prefix}: " + self.tr("Resume only on chosen weekdays"))
        row = QWidget(self)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.setSpacing(4)
        days = QWidget(row)
        self._days_grid = QGridLayout(days)  # one line of seven, or two lines on a narrow card
        self._days_grid.setContentsMargins(0, 0, 0, 0)
        self._days_grid.setHorizontalSpacing(4)
        self._days_grid.setVerticalSpacing(2)
        self.day_boxes: dict[str, QCheckBox] = {}
        for i, day in enumerate(WEEKDAYS):
            box = QCheckBox(weekday_label(day), days)
            box.setObjectName("WeekdayBox")
            box.setAccessibleName(f"{name_prefix}: " + self.tr("resume on %1").replace("%1", weekday_label(day)))
            box.clicked.connect(self._weekdays_clicked)
            self._days_grid.addWidget(box, 0, i)
            self.day_boxes[day] = box
        row_layout.addWidget(days)
        time_part = QWidget(row)  # "at HH:MM": beside the weekdays, or under them on a narrow card
        time_row = QHBoxLayout(time_part)
        time_row.setContentsMargins(8, 0, 0, 0)
        time_row.setSpacing(4)
        at = QLabel(self.tr("at"), time_part)
        at.setObjectName("FieldLabel")
        time_row.addWidget(at)
        self.time_edit = CommitLineEdit(
            f"{name_prefix}: {step_field_label('resume_time')}", self.tr("HH:MM, any time"), time_part
        )
        self.time_edit.setMaximumWidth(170)
        self.time_edit.setToolTip(self.tr("Leave empty to resume at any time of day."))
        at.setBuddy(self.time_edit)
        time_row.addWidget(self.time_edit)
        time_row.addStretch(1)
        row_layout.addWidget(time_part, 1)
        self.days_widget = days
        self.days_row = row
        self._row_layout = row_layout
        self._time_row = time_row
        self._pairs: list[tuple[QWidget, QWidget]] = [(duration_label, self.duration_edit), (self.only_on, row)]
        place_fields(grid, self._pairs, "rows", label_column_width(self))
        self.duration_edit.committed.connect(
            lambda text: self.field_chosen.emit("duration", english_duration(text.strip(), current_language()))
        )
        self.only_on.clicked.connect(self._only_on_clicked)
        self.time_edit.committed.connect(lambda text: self.field_chosen.emit("resume_time", text.strip() or None))

    def set_narrow(self, narrow: bool) -> None:
        """Labels above their fields and the time under the weekdays (a narrow card), or beside them."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        place_fields(self._grid, self._pairs, "stacked" if narrow else "rows", label_column_width(self))
        self._row_layout.setDirection(QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)
        for i, box in enumerate(self.day_boxes.values()):
            self._days_grid.removeWidget(box)
            self._days_grid.addWidget(box, *(divmod(i, 4) if narrow else (0, i)))
        self._time_row.setContentsMargins(0 if narrow else 8, 0, 0, 0)

    def set_step(self, step: Any) -> None:
        self.duration_edit.set_text(localized_duration(step.duration, current_language()))
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
