"""One smart-list filter as a numbered row: person field condition, static list or Vibes list.

The number is what the filter logic refers to ("1 and (2 or 3)"). A row mirrors its
filter (:meth:`FilterRow.set_filter`), reports edits as ``field_changed(row, field,
value)`` and draws validation problems on the offending input.

Values typed in a person-field filter count a moment after the typing pauses
(:data:`VALUES_PAUSE_MS`), as well as on Enter and when the field loses focus, so the
audience follows what is typed. A filter still being set up (no values, no list yet) says
"incomplete" beside its title: the audience count leaves it out until it is finished. On a
narrow tab (:meth:`FilterRow.set_narrow`) the row stacks: number, title and delete button on a
line, the inputs under them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QToolButton, QWidget

from smsflow_desktop.model.validation import Problem
from smsflow_desktop.ui.editor.condition_editor import ConditionEditor
from smsflow_desktop.ui.editor.field_widgets import RefCombo, mark_problem
from smsflow_desktop.ui.editor.incomplete_filters import is_incomplete
from smsflow_desktop.ui.editor.reflow import place_title_row
from smsflow_desktop.ui.labels import filter_type_label
from smsflow_desktop.ui.resources import icon, repolish
from smsflow_desktop.ui.workspace_data import Catalog

#: Typed values are taken this long after the last key press.
VALUES_PAUSE_MS = 400
#: The title column of a row laid out on one line, so the inputs of the rows line up.
TITLE_WIDTH = 150


class FilterRow(QFrame):
    """A numbered filter with its inputs and a delete button."""

    field_changed = Signal(int, str, object)
    remove_requested = Signal(int)

    def __init__(self, flt: Any, catalog: Catalog, row: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FilterRow")
        self.row = row
        self.type_id: str = flt.type
        self.narrow = False
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(12, 10, 8, 10)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(8)
        self.number = QLabel(self)
        self.number.setObjectName("FilterNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(filter_type_label(self.type_id), self)
        self.title.setObjectName("FilterTitle")
        self.title.setMinimumWidth(TITLE_WIDTH)
        self.incomplete = QLabel(self.tr("incomplete"), self)
        self.incomplete.setObjectName("CardWarnings")
        self.incomplete.setToolTip(self.tr("Not counted in the audience until it is finished"))
        self.incomplete.hide()
        self.condition: ConditionEditor | None = None
        self.combo: RefCombo | None = None
        self.inputs: QWidget
        prefix = self._prefix()
        if self.type_id == "person_field":
            self.condition = ConditionEditor(catalog.person_fields, prefix, self)
            self.condition.field_chosen.connect(lambda v: self.field_changed.emit(self.row, "field", v))
            self.condition.operator_chosen.connect(lambda v: self.field_changed.emit(self.row, "operator", v))
            self.condition.values_committed.connect(lambda v: self.field_changed.emit(self.row, "values", v))
            self.values_pause = QTimer(self)
            self.values_pause.setSingleShot(True)
            self.values_pause.setInterval(VALUES_PAUSE_MS)
            # Committed as on Enter: the field's own commit reports it only when the text changed.
            self.values_pause.timeout.connect(self.condition.values_edit.editingFinished)
            self.condition.values_edit.textEdited.connect(lambda _text: self.values_pause.start())
            self.condition.values_edit.editingFinished.connect(self.values_pause.stop)
            self.inputs = self.condition
        else:
            self.field = "list" if self.type_id == "member_of_list" else "vibes_list_id"
            placeholder = self.tr("Choose a static list…") if self.field == "list" else self.tr("Choose a Vibes list…")
            self.combo = RefCombo(f"{prefix}: {filter_type_label(self.type_id)}", placeholder, self)
            self.combo.value_chosen.connect(lambda v: self.field_changed.emit(self.row, self.field, v or ""))
            self.inputs = self.combo
            self.title.setBuddy(self.combo)  # what screen readers call the drop-down
        self.remove_button = QToolButton(self)
        self.remove_button.setIcon(icon("delete"))
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.row))
        self._place()
        self.set_catalog(catalog)
        self.set_filter(flt)
        self.set_row(row)

    def _place(self) -> None:
        place_title_row(
            self._grid,
            narrow=self.narrow,
            lead=self.number,
            title=self.title,
            marks=(self.incomplete,),
            inputs=self.inputs,
            remove=self.remove_button,
        )

    def set_narrow(self, narrow: bool) -> None:
        """Stack the row (a narrow tab): the inputs under the title; or keep it on one line."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        self.title.setWordWrap(narrow)  # a long title takes two lines rather than widening the row
        self.title.setMinimumWidth(0 if narrow else TITLE_WIDTH)
        if self.condition is not None:
            self.condition.set_narrow(narrow)
        self._place()

    def _prefix(self) -> str:
        return self.tr("Filter %1").replace("%1", str(self.row + 1))

    def set_row(self, row: int) -> None:
        self.row = row
        self.number.setText(str(row + 1))
        self.setAccessibleName(self._prefix() + ": " + filter_type_label(self.type_id))
        if self.condition is not None:
            self.condition.set_name_prefix(self._prefix())
        elif self.combo is not None:
            self.combo.setAccessibleName(f"{self._prefix()}: {filter_type_label(self.type_id)}")
        self.remove_button.setAccessibleName(self.tr("Delete filter %1").replace("%1", str(row + 1)))
        self.remove_button.setToolTip(self.tr("Delete this filter"))

    def set_catalog(self, catalog: Catalog) -> None:
        if self.condition is not None:
            self.condition.set_fields(catalog.person_fields)
        elif self.combo is not None:
            if self.field == "list":
                self.combo.set_items((n, n) for n in catalog.static_lists)
            else:
                self.combo.set_items((i, f"{n} ({i})") for i, n in catalog.vibes_lists)

    def set_filter(self, flt: Any) -> None:
        if self.condition is not None:
            self.condition.set_condition(flt)
        elif self.combo is not None:
            self.combo.set_value(getattr(flt, self.field) or None)
        self.incomplete.setVisible(is_incomplete(flt))

    def widget_for(self, field: str) -> QWidget | None:
        if self.condition is not None:
            return self.condition.widget_for(field)
        return self.combo

    def set_problems(self, problems: list[tuple[Problem, str]]) -> None:
        """Problems of this filter with their translated text."""
        targets = (
            [self.condition.field_combo, self.condition.operator_combo, self.condition.values_edit]
            if self.condition is not None
            else [self.combo]
        )
        by_widget: dict[int, list[str]] = {}
        for problem, text in problems:
            w = self.widget_for((problem.field or "").rsplit(".", 1)[-1])
            if w is not None:
                by_widget.setdefault(id(w), []).append(text)
        for w in targets:
            if w is not None:
                found = by_widget.get(id(w))
                mark_problem(w, "\n".join(found) if found else None)
        state = "problem" if problems else "ok"
        if self.property("state") != state:
            self.setProperty("state", state)
            repolish(self)
