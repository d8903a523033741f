"""Add Choice rows of an SMS step: "If <condition> then <this step's settings>".

A :class:`ChoiceRow` shows one row: the condition builder, the action fields (or "Do
Nothing"), buttons to move the row up or down and to delete it. Rows report edits with
their index; the step card turns each into one controller verb. First match wins; the
step's own fields below the rows are the Default. On a narrow card (:meth:`ChoiceRow.set_narrow`)
the row stacks: "If" and the buttons, the condition, "Then", the fields with labels above them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QToolButton, QWidget

from smsflow_desktop.ui.editor.condition_editor import ConditionEditor
from smsflow_desktop.ui.editor.step_fields import ParamsEditor
from smsflow_desktop.ui.resources import icon
from smsflow_desktop.ui.workspace_data import Catalog


class ChoiceRow(QFrame):
    """One If/Then row of a step's choices."""

    condition_changed = Signal(int, str, object)  # (row, "field"/"operator"/"values", value)
    action_changed = Signal(int, str, object)  # (row, "message"/"vibes_list_id"/..., value)
    do_nothing_toggled = Signal(int, bool)
    move_requested = Signal(int, int)  # (row, -1 up / +1 down)
    remove_requested = Signal(int)

    def __init__(
        self, type_id: str, catalog: Catalog, step_number: int, row: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ChoiceRow")
        self.row = row
        self.step_number = step_number
        prefix = self._prefix()
        self.narrow = False
        self._grid = grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 8, 8)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        self.if_label = QLabel(self)
        self.if_label.setObjectName("ChoiceKeyword")
        self.condition = ConditionEditor(catalog.person_fields, prefix, self)
        self.then_label = QLabel(self.tr("Then"), self)
        self.then_label.setObjectName("ChoiceKeyword")
        self.params = ParamsEditor(type_id, catalog, prefix, compact=True, parent=self)
        self.nothing_label = QLabel(self.tr("Do Nothing: people matching this row skip the step."), self)
        self.nothing_label.setObjectName("Muted")
        self.do_nothing = QCheckBox(self.tr("Do Nothing"), self)
        buttons = QWidget(self)
        row_layout = QHBoxLayout(buttons)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.setSpacing(2)
        self.do_nothing.setParent(buttons)
        self.up_button = self._tool_button("arrow-up", buttons)
        self.down_button = self._tool_button("arrow-down", buttons)
        self.remove_button = self._tool_button("delete", buttons)
        row_layout.addWidget(self.do_nothing)
        row_layout.addSpacing(6)
        for b in (self.up_button, self.down_button, self.remove_button):
            row_layout.addWidget(b)
        self.buttons = buttons
        self.nothing_label.setWordWrap(True)
        self._place()
        self.condition.field_chosen.connect(lambda v: self.condition_changed.emit(self.row, "field", v))
        self.condition.operator_chosen.connect(lambda v: self.condition_changed.emit(self.row, "operator", v))
        self.condition.values_committed.connect(lambda v: self.condition_changed.emit(self.row, "values", v))
        self.params.field_chosen.connect(lambda f, v: self.action_changed.emit(self.row, f, v))
        self.do_nothing.clicked.connect(lambda checked: self.do_nothing_toggled.emit(self.row, checked))
        self.up_button.clicked.connect(lambda: self.move_requested.emit(self.row, -1))
        self.down_button.clicked.connect(lambda: self.move_requested.emit(self.row, 1))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.row))
        self._name_controls()

    def _place(self) -> None:
        grid = self._grid
        for w in (self.if_label, self.condition, self.buttons, self.then_label, self.params, self.nothing_label):
            grid.removeWidget(w)
        right = Qt.AlignmentFlag.AlignRight
        if self.narrow:
            grid.addWidget(self.if_label, 0, 0)
            grid.addWidget(self.buttons, 0, 1, right)
            grid.addWidget(self.condition, 1, 0, 1, 2)
            grid.addWidget(self.then_label, 2, 0, 1, 2)
            grid.addWidget(self.params, 3, 0, 1, 2)
            grid.addWidget(self.nothing_label, 3, 0, 1, 2)
            grid.setColumnStretch(1, 1)
        else:
            grid.addWidget(self.if_label, 0, 0)
            grid.addWidget(self.condition, 0, 1)
            grid.addWidget(self.buttons, 0, 2, right)
            grid.addWidget(self.then_label, 1, 0)
            grid.addWidget(self.params, 1, 1, 1, 2)
            grid.addWidget(self.nothing_label, 1, 1, 1, 2)
            grid.setColumnStretch(1, 1)

    def set_narrow(self, narrow: bool) -> None:
        """Stack the row (a narrow card), or keep If and Then each on one line."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        self.condition.set_narrow(narrow)
        self.params.set_narrow(narrow)
        self._place()

    def _tool_button(self, icon_name: str, parent: QWidget) -> QToolButton:
        button = QToolButton(parent)
        button.setIcon(icon(icon_name))
        button.setAutoRaise(True)
        button.setObjectName("RowButton")
        return button

    def _prefix(self) -> str:
        return self.tr("Step %1, choice %2").replace("%1", str(self.step_number)).replace("%2", str(self.row + 1))

    def _name_controls(self) -> None:
        prefix = self._prefix()
        self.setAccessibleName(prefix)
        self.condition.set_name_prefix(prefix)
        self.if_label.setText(self.tr("%1. If").replace("%1", str(self.row + 1)))
        self.up_button.setAccessibleName(self.tr("Move %1 up").replace("%1", prefix))
        self.up_button.setToolTip(self.tr("Move this choice up"))
        self.down_button.setAccessibleName(self.tr("Move %1 down").replace("%1", prefix))
        self.down_button.setToolTip(self.tr("Move this choice down"))
        self.remove_button.setAccessibleName(self.tr("Delete %1").replace("%1", prefix))
        self.remove_button.setToolTip(self.tr("Delete this choice"))
        self.do_nothing.setAccessibleName(self.tr("%1: Do Nothing").replace("%1", prefix))

    def set_position(self, step_number: int, row: int, count: int) -> None:
        self.step_number, self.row = step_number, row
        self._name_controls()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(row < count - 1)

    def set_choice(self, choice: Any) -> None:
        self.condition.set_condition(choice.when)
        nothing = choice.then is None
        self.do_nothing.setChecked(nothing)
        self.params.setVisible(not nothing)
        self.nothing_label.setVisible(nothing)
        if not nothing:
            self.params.set_params(choice.then)

    def set_catalog(self, catalog: Catalog) -> None:
        self.condition.set_fields(catalog.person_fields)
        self.params.set_catalog(catalog)

    def widget_for(self, subpath: str) -> QWidget | None:
        """``when.field`` → the field drop-down; ``then.message`` → the message drop-down."""
        head, _, rest = subpath.partition(".")
        if head == "when":
            return self.condition.widget_for(rest)
        if head == "then":
            return self.params.widget_for(rest) if rest else self.do_nothing
        return None
