"""A step of the flow as a card: number, icon, title, fields, choices, problems.

The card mirrors one step of the document: :meth:`refresh` reads the step, field edits
become controller verbs, and :meth:`set_problems` draws validation (red field border and
tooltip, a badge with the count, the card's left edge red instead of green). Warnings (a
first text without opt-out words) are drawn apart in amber: a note under the fields, the
field's tooltip and an amber edge and badge, never counted as problems. The header is the
drag handle for reordering (the flow view runs the drag); the X asks the flow view to
delete the step, which confirms first; a step that sends a text offers "Send test…"
(``test_send_requested``), which the window answers with the test-send dialog. On a narrow
flow the card reflows (:meth:`StepCard.set_narrow`): labels above fields, choice rows stacked,
the header's buttons as icons (their names in tooltips), so it never needs scrolling sideways.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.model.step_types import choices_of, step_type
from smsflow_desktop.model.validation import Problem
from smsflow_desktop.ui.editor.choice_rows import ChoiceRow
from smsflow_desktop.ui.editor.controller import DocumentController
from smsflow_desktop.ui.editor.field_widgets import mark_problem
from smsflow_desktop.ui.editor.problem_text import problem_text
from smsflow_desktop.ui.editor.step_fields import ParamsEditor, WaitEditor, uses_wait_editor
from smsflow_desktop.ui.resources import icon, pixmap, repolish
from smsflow_desktop.ui.step_types import step_title
from smsflow_desktop.ui.workspace_data import Catalog


class StepCard(QFrame):
    """One flow step. ``index`` is 0-based; the card shows ``index + 1``."""

    delete_requested = Signal(int)
    drag_requested = Signal(int)
    selected = Signal(int)
    test_send_requested = Signal(int)

    def __init__(
        self, controller: DocumentController, catalog: Catalog, index: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("StepCard")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.controller = controller
        self.document = controller.document
        self.catalog = catalog
        self.index = index
        step = self.document.campaign.flow[index]
        self.type_id: str = step.type
        self.step_type = step_type(self.type_id)
        self._press: QPoint | None = None
        self._problems: list[Problem] = []
        self.choice_rows: list[ChoiceRow] = []
        self.narrow = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 10, 12, 12)
        outer.setSpacing(8)
        self.header = self._build_header()
        outer.addWidget(self.header)
        body = QWidget(self)
        body.setObjectName("CardBody")
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(38, 0, 0, 0)
        self.body_layout.setSpacing(8)
        outer.addWidget(body)

        self.choices_box = QWidget(body)
        self.choices_layout = QVBoxLayout(self.choices_box)
        self.choices_layout.setContentsMargins(0, 0, 0, 0)
        self.choices_layout.setSpacing(6)
        self.choices_caption = QLabel(self.tr("Choices — the first matching row wins"), self.choices_box)
        self.choices_caption.setObjectName("SectionCaption")
        self.choices_layout.addWidget(self.choices_caption)
        self.body_layout.addWidget(self.choices_box)
        self.default_caption = QLabel(self.tr("Default — everyone else"), body)
        self.default_caption.setObjectName("SectionCaption")
        self.body_layout.addWidget(self.default_caption)

        self.params: ParamsEditor | None = None
        self.wait: WaitEditor | None = None
        prefix = self._prefix()
        if uses_wait_editor(self.step_type):
            self.wait = WaitEditor(prefix, body)
            self.wait.field_chosen.connect(self._field_chosen)
            self.body_layout.addWidget(self.wait)
        else:
            self.params = ParamsEditor(self.type_id, catalog, prefix, parent=body)
            self.params.field_chosen.connect(self._field_chosen)
            self.body_layout.addWidget(self.params)
        self.problem_list = QLabel(body)
        self.problem_list.setObjectName("CardProblems")
        self.problem_list.setWordWrap(True)
        self.problem_list.hide()
        self.body_layout.addWidget(self.problem_list)
        self.warning_list = QLabel(body)
        self.warning_list.setObjectName("CardWarnings")
        self.warning_list.setWordWrap(True)
        self.warning_list.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning_list.hide()
        self.body_layout.addWidget(self.warning_list)
        self._update_names()
        self.refresh()

    # -- building ------------------------------------------------------------------------
    def _build_header(self) -> QWidget:
        header = QWidget(self)
        header.setObjectName("CardHeader")
        header.setCursor(Qt.CursorShape.OpenHandCursor)
        row = QHBoxLayout(header)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.grip = QLabel(header)
        self.grip.setPixmap(pixmap("grip", 16, self))
        self.number_label = QLabel(header)
        self.number_label.setObjectName("StepNumber")
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.icon_label = QLabel(header)
        self.icon_label.setPixmap(pixmap(self.step_type.palette.icon, 26, self))
        self.title_label = QLabel(step_title(self.type_id), header)
        self.title_label.setObjectName("StepTitle")
        self.badge = QPushButton(header)
        self.badge.setObjectName("ProblemBadge")
        self.badge.setCursor(Qt.CursorShape.PointingHandCursor)
        self.badge.clicked.connect(self.focus_first_problem)
        self.badge.hide()
        self.ok_mark = QLabel(header)
        self.ok_mark.setPixmap(pixmap("ok", 16, self))
        self.add_choice_button = QToolButton(header)
        self.add_choice_button.setObjectName("AddChoiceButton")
        self.add_choice_button.setText(self.tr("Add Choice"))
        self.add_choice_button.setIcon(icon("choice"))
        self.add_choice_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_choice_button.setAutoRaise(True)
        self.add_choice_button.clicked.connect(lambda: self.controller.add_choice(self.index))
        self.add_choice_button.setVisible(self.step_type.supports_choices)
        self.test_button = QToolButton(header)
        self.test_button.setObjectName("TestSendButton")
        self.test_button.setText(self.tr("Send test…"))
        self.test_button.setIcon(icon("message"))
        self.test_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.test_button.setAutoRaise(True)
        self.test_button.clicked.connect(lambda: self.test_send_requested.emit(self.index))
        self.test_button.setVisible(self.step_type.sends_text)
        self.delete_button = QToolButton(header)
        self.delete_button.setObjectName("DeleteStepButton")
        self.delete_button.setIcon(icon("delete"))
        self.delete_button.setAutoRaise(True)
        self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self.index))
        for label in (self.grip, self.number_label, self.icon_label, self.title_label):
            row.addWidget(label)
        row.addStretch(1)
        for w in (self.badge, self.ok_mark, self.test_button, self.add_choice_button, self.delete_button):
            row.addWidget(w)
        return header

    def _prefix(self) -> str:
        return self.tr("Step %1").replace("%1", str(self.index + 1))

    def _update_names(self) -> None:
        n = str(self.index + 1)
        self.number_label.setText(n)
        title = step_title(self.type_id)
        self.setAccessibleName(self.tr("Step %1: %2").replace("%1", n).replace("%2", title))
        self.delete_button.setAccessibleName(self.tr("Delete step %1").replace("%1", n))
        self.delete_button.setToolTip(self.tr("Delete this step"))
        self.add_choice_button.setAccessibleName(self.tr("Add a choice to step %1").replace("%1", n))
        self.add_choice_button.setToolTip(self.tr("Add an If/Then row: people matching it get other settings"))
        self.test_button.setAccessibleName(self.tr("Send a test of step %1").replace("%1", n))
        self.test_button.setToolTip(
            self.tr("Send this step's text, as a chosen person would get it, to your test numbers")
        )
        self.header.setToolTip(
            self.tr(
                "Drag to move this step; Alt+Shift+Up and Alt+Shift+Down move it too. "
                "Ctrl+Up and Ctrl+Down go to the previous or next step."
            )
        )
        self.grip.setAccessibleName(self.tr("Drag handle of step %1").replace("%1", n))

    def set_index(self, index: int) -> None:
        if index == self.index:
            return
        self.index = index
        self._update_names()
        for i, row in enumerate(self.choice_rows):
            row.set_position(index + 1, i, len(self.choice_rows))

    # -- mirroring the model ----------------------------------------------------------------
    def step(self) -> Any:
        return self.document.campaign.flow[self.index]

    def refresh(self) -> None:
        """Show the step's current values (after any change inside it)."""
        step = self.step()
        if self.wait is not None:
            self.wait.set_step(step)
            self.choices_box.hide()
            self.default_caption.hide()
            return
        assert self.params is not None
        self.params.set_params(step)
        choices = choices_of(step)
        if len(choices) != len(self.choice_rows):
            self.rebuild_choices()
        for row, choice in zip(self.choice_rows, choices, strict=False):
            row.set_choice(choice)
        has = bool(choices)
        self.choices_box.setVisible(has)
        self.default_caption.setVisible(has)

    def rebuild_choices(self) -> None:
        for row in self.choice_rows:
            row.hide()
            row.setParent(None)
            row.deleteLater()
        self.choice_rows = []
        choices = choices_of(self.step())
        for i, choice in enumerate(choices):
            row = ChoiceRow(self.type_id, self.catalog, self.index + 1, i, self.choices_box)
            row.set_position(self.index + 1, i, len(choices))
            row.set_narrow(self.narrow)
            row.set_choice(choice)
            row.condition_changed.connect(self._condition_changed)
            row.action_changed.connect(self._action_changed)
            row.do_nothing_toggled.connect(lambda r, on: self.controller.set_choice_do_nothing(self.index, r, on))
            row.move_requested.connect(lambda r, d: self.controller.move_choice(self.index, r, r + d))
            row.remove_requested.connect(lambda r: self.controller.remove_choice(self.index, r))
            self.choices_layout.addWidget(row)
            row.show()
            self.choice_rows.append(row)
        has = bool(choices)
        self.choices_box.setVisible(has)
        self.default_caption.setVisible(has)
        self.set_problems(self._problems, force=True)

    def set_narrow(self, narrow: bool) -> None:
        """Reflow for a narrow flow: labels above fields, choice rows stacked, the header's
        buttons as icons only (their tooltips and accessible names say what they do)."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        style = Qt.ToolButtonStyle.ToolButtonIconOnly if narrow else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        for button in self.header.findChildren(QToolButton):  # Add Choice, Send test…, delete (an icon already)
            button.setToolButtonStyle(style)
        self.title_label.setWordWrap(narrow)  # a long title takes two lines rather than widening the card
        self.title_label.setMinimumWidth(48 if narrow else 0)  # nor does a long word in it
        row = self.header.layout()
        assert isinstance(row, QHBoxLayout)
        row.setStretchFactor(self.title_label, 1 if narrow else 0)  # the title, not a gap, takes the room
        row.setSpacing(4 if narrow else 8)
        self.grip.setVisible(not narrow)  # the whole header still drags the step
        for i in range(row.count()):
            item = row.itemAt(i)
            if item is not None and item.spacerItem() is not None:
                row.setStretch(i, 0 if narrow else 1)
        self.body_layout.setContentsMargins(0 if narrow else 38, 0, 0, 0)
        if self.params is not None:
            self.params.set_narrow(narrow)
        if self.wait is not None:
            self.wait.set_narrow(narrow)
        for choice_row in self.choice_rows:
            choice_row.set_narrow(narrow)

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        if self.params is not None:
            self.params.set_catalog(catalog)
        for row in self.choice_rows:
            row.set_catalog(catalog)
        self.refresh()

    # -- edits -----------------------------------------------------------------------------
    def _field_chosen(self, field: str, value: object) -> None:
        self.controller.set_field(self.index, field, value)

    def _condition_changed(self, row: int, field: str, value: object) -> None:
        self.controller.set_choice_field(self.index, row, f"when.{field}", value)

    def _action_changed(self, row: int, field: str, value: object) -> None:
        self.controller.set_choice_field(self.index, row, f"then.{field}", value)

    # -- problems ----------------------------------------------------------------------------
    def widget_for(self, field: str) -> QWidget | None:
        """The input that shows ``field`` of this step (``message``, ``choices[0].when.values``...)."""
        if field.startswith("choices["):
            head, _, rest = field.partition("].")
            row = int(head[len("choices[") :])
            return self.choice_rows[row].widget_for(rest) if row < len(self.choice_rows) else None
        if self.wait is not None:
            return self.wait.widget_for(field)
        return self.params.widget_for(field) if self.params is not None else None

    def _all_field_widgets(self) -> list[QWidget]:
        widgets: list[QWidget] = []
        if self.params is not None:
            widgets += self.params.inputs()
        if self.wait is not None:
            widgets += [self.wait.duration_edit, self.wait.days_widget, self.wait.time_edit]
        for row in self.choice_rows:
            widgets += [row.condition.field_combo, row.condition.operator_combo, row.condition.values_edit]
            widgets += row.params.inputs()
        return widgets

    def set_problems(self, problems: list[Problem], force: bool = False) -> None:
        if problems == self._problems and not force:
            return
        self._problems = list(problems)
        errors = [p for p in problems if p.severity == "error"]
        warnings = [p for p in problems if p.severity != "error"]
        by_widget: dict[int, list[str]] = {}
        warned: dict[int, list[str]] = {}
        for p in problems:
            w = self.widget_for(p.field or "")
            if w is not None:
                (by_widget if p.severity == "error" else warned).setdefault(id(w), []).append(
                    problem_text(p, self.document)
                )
        for w in self._all_field_widgets():
            messages = by_widget.get(id(w))
            mark_problem(w, "\n".join(messages) if messages else None, "\n".join(warned.get(id(w), [])))
        texts = [problem_text(p, self.document) for p in errors]
        self.problem_list.setText("\n".join("• " + text for text in dict.fromkeys(texts)))
        self.problem_list.setVisible(bool(errors))
        warning_texts = [problem_text(p, self.document) for p in warnings]
        self.warning_list.setText("\n".join("⚠ " + text for text in dict.fromkeys(warning_texts)))
        self.warning_list.setVisible(bool(warnings))
        self.badge.setVisible(bool(problems))
        self.ok_mark.setVisible(not problems)
        if errors:
            count = len(errors)
            self.badge.setText(self.tr("1 problem") if count == 1 else self.tr("%1 problems").replace("%1", str(count)))
            self.badge.setToolTip("\n".join(texts))
        elif warnings:
            count = len(warnings)
            self.badge.setText(self.tr("1 warning") if count == 1 else self.tr("%1 warnings").replace("%1", str(count)))
            self.badge.setToolTip("\n".join(warning_texts))
        if problems:
            self.badge.setAccessibleName(
                self.tr("Step %1: %2; show the first")
                .replace("%1", str(self.index + 1))
                .replace("%2", self.badge.text())
            )
        kind = "warning" if warnings and not errors else "problem"
        if self.badge.property("kind") != kind:
            self.badge.setProperty("kind", kind)
            repolish(self.badge)
        self.ok_mark.setToolTip(self.tr("This step is complete"))
        state = "problem" if errors else "warning" if warnings else "ok"
        if self.property("state") != state:
            self.setProperty("state", state)
            repolish(self)

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def focus_first_problem(self) -> None:
        for p in sorted(self._problems, key=lambda p: p.severity != "error"):
            w = self.widget_for(p.field or "")
            if w is not None and w.isVisible():
                w.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_selected(self, on: bool) -> None:
        if bool(self.property("selected")) != on:
            self.setProperty("selected", on)
            repolish(self)

    # -- reorder drag (started from the header) ------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.selected.emit(self.index)
        if event.button() == Qt.MouseButton.LeftButton and self.header.geometry().contains(event.position().toPoint()):
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if (
            self._press is not None
            and event.buttons() & Qt.MouseButton.LeftButton
            and (event.position().toPoint() - self._press).manhattanLength() >= QApplication.startDragDistance()
        ):
            self._press = None
            self.drag_requested.emit(self.index)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)
