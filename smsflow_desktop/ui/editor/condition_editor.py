"""The condition builder: person field, operator and values, on one line (on a narrow card
the values go on a line of their own, :meth:`ConditionEditor.set_narrow`).

Used by choice rows ("If Country is SE") and by person-field filters of the smart list.
It shows a :class:`Condition` and reports what the user changed, field by field; the
owner turns each report into one undoable edit. Values are typed comma-separated
("US, SE"); the operators "is empty" and "is not empty" hide the value box.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from smsflow_desktop.model.campaign import OPERATORS, VALUELESS_OPERATORS, Condition
from smsflow_desktop.ui.editor.field_widgets import CommitLineEdit, RefCombo, name_for_screen_readers
from smsflow_desktop.ui.labels import operator_label, person_field_label


def split_values(text: str) -> list[str]:
    """``"US, SE ,"`` → ``["US", "SE"]``."""
    return [part.strip() for part in text.split(",") if part.strip()]


def join_values(values: list[str]) -> str:
    return ", ".join(values)


class ConditionEditor(QWidget):
    """Field, operator and values of one condition."""

    field_chosen = Signal(str)
    operator_chosen = Signal(str)
    values_committed = Signal(list)

    def __init__(self, fields: list[str], name_prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.narrow = False
        self._lines = QVBoxLayout(self)
        self._lines.setContentsMargins(0, 0, 0, 0)
        self._lines.setSpacing(6)
        self._line = layout = QHBoxLayout()
        layout.setSpacing(6)
        self._lines.addLayout(layout)
        self.field_combo = RefCombo(
            self.tr("%1: person field").replace("%1", name_prefix), self.tr("Choose a field…"), self
        )
        self.set_fields(fields)
        self.operator_combo = QComboBox(self)
        self.operator_combo.setAccessibleName(self.tr("%1: operator").replace("%1", name_prefix))
        for op in OPERATORS:
            self.operator_combo.addItem(operator_label(op), op)
        self.operator_combo.setMinimumContentsLength(6)
        self.values_edit = CommitLineEdit(
            self.tr("%1: values").replace("%1", name_prefix), self.tr("Values, comma-separated"), self
        )
        self.values_edit.setToolTip(self.tr("Separate several values with commas; any of them matches."))
        layout.addWidget(self.field_combo, 3)
        layout.addWidget(self.operator_combo, 2)
        layout.addWidget(self.values_edit, 4)
        self.field_combo.value_chosen.connect(lambda v: self.field_chosen.emit(v or ""))
        self.operator_combo.activated.connect(self._operator_activated)
        self.values_edit.committed.connect(lambda text: self.values_committed.emit(split_values(text)))
        self._operator = "is"
        self.set_name_prefix(name_prefix)

    def set_narrow(self, narrow: bool) -> None:
        """The values on a line of their own (a narrow card), or beside the operator."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        (self._line if narrow else self._lines).removeWidget(self.values_edit)
        if narrow:
            self._lines.addWidget(self.values_edit)
        else:
            self._line.addWidget(self.values_edit, 4)

    def set_name_prefix(self, name_prefix: str) -> None:
        """What screen readers say for the inputs ("Step 1, choice 2: person field"), again
        after the row moved."""
        name_for_screen_readers(self.field_combo, self.tr("%1: person field").replace("%1", name_prefix))
        name_for_screen_readers(self.operator_combo, self.tr("%1: operator").replace("%1", name_prefix))
        self.values_edit.setAccessibleName(self.tr("%1: values").replace("%1", name_prefix))

    def set_fields(self, fields: list[str]) -> None:
        self.field_combo.set_items((f, person_field_label(f)) for f in fields)

    def set_condition(self, condition: Condition) -> None:
        self.field_combo.set_value(condition.field or None)
        self._operator = condition.operator
        index = self.operator_combo.findData(condition.operator)
        self.operator_combo.blockSignals(True)
        self.operator_combo.setCurrentIndex(max(index, 0))
        self.operator_combo.blockSignals(False)
        typed = self.values_edit.text()
        if split_values(typed) == list(condition.values):
            self.values_edit.set_text(typed)  # the same values: keep them as typed ("US, " while typing on)
        else:
            self.values_edit.set_text(join_values(condition.values))
        self.values_edit.setVisible(condition.operator not in VALUELESS_OPERATORS)

    def _operator_activated(self, index: int) -> None:
        op = self.operator_combo.itemData(index)
        if op != self._operator:
            self._operator = op
            self.values_edit.setVisible(op not in VALUELESS_OPERATORS)
            self.operator_chosen.emit(op)

    def widget_for(self, field: str) -> QWidget | None:
        """The input showing ``field`` / ``operator`` / ``values`` (for problem marking)."""
        return {"field": self.field_combo, "operator": self.operator_combo, "values": self.values_edit}.get(field)
