"""ALL / ANY / custom filter logic, with the custom expression checked as it is typed.

While typing, the expression is parsed with ``model.logic.parse_logic``; a problem shows
at once under the box, with a caret under the character where it was found. The text is
committed (one undoable edit) when editing finishes; ALL and ANY commit at once. The words
read and show in the app's language (``1 och (2 eller 3)`` in Swedish) and are stored in English.
On a narrow tab (:meth:`LogicEditor.set_narrow`) the caption, the choices and the expression
each take a line of their own.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QFrame, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget

from smsflow_desktop.model.logic import LogicError, english_logic, localized_logic, parse_logic
from smsflow_desktop.ui.editor.field_widgets import CommitLineEdit, mark_problem
from smsflow_desktop.ui.editor.problem_text import logic_error_text
from smsflow_desktop.ui.i18n import current_language


def default_expression(filter_count: int) -> str:
    """A starting point for custom logic: ``1 and 2 and 3``."""
    return " and ".join(str(i) for i in range(1, filter_count + 1)) or "1"


class LogicEditor(QFrame):
    """Radio buttons ALL / ANY / Custom and the custom expression."""

    logic_committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LogicBox")
        self.filter_count = 0
        self.narrow = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 10, 14, 10)
        outer.setSpacing(6)
        self._row = row = QHBoxLayout()
        row.setSpacing(14)
        self.caption = caption = QLabel(self.tr("People qualify when they match"), self)
        caption.setObjectName("FieldLabel")
        self.all_button = QRadioButton(self.tr("ALL filters"), self)
        self.any_button = QRadioButton(self.tr("ANY filter"), self)
        self.custom_button = QRadioButton(self.tr("Custom logic"), self)
        for b, name in (
            (self.all_button, self.tr("Match all filters")),
            (self.any_button, self.tr("Match any filter")),
            (self.custom_button, self.tr("Match custom logic")),
        ):
            b.setAccessibleName(name)
        self.group = QButtonGroup(self)
        for b in (self.all_button, self.any_button, self.custom_button):
            self.group.addButton(b)
        self.expression = CommitLineEdit(self.tr("Custom filter logic"), self.tr("e.g. 1 and (2 or 3)"), self)
        self.expression.setToolTip(self.tr("Combine filter numbers with and, or, not and parentheses."))
        row.addWidget(caption)
        for w in (self.all_button, self.any_button, self.custom_button):
            row.addWidget(w)
        row.addWidget(self.expression, 1)
        outer.addLayout(row)
        self.error = QLabel(self)
        self.error.setObjectName("LogicError")
        self.error.setWordWrap(True)
        self.error.hide()
        outer.addWidget(self.error)
        self.all_button.clicked.connect(lambda: self.logic_committed.emit("all"))
        self.any_button.clicked.connect(lambda: self.logic_committed.emit("any"))
        self.custom_button.clicked.connect(self._custom_clicked)
        self.expression.textEdited.connect(self.check)
        self.expression.committed.connect(self._commit_expression)

    def set_narrow(self, narrow: bool) -> None:
        """The caption, each choice and the expression on a line of their own (a narrow tab), or
        all on one line."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        self.caption.setWordWrap(narrow)
        self._row.setDirection(QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)
        self._row.setSpacing(6 if narrow else 14)

    def set_logic(self, logic: str, filter_count: int) -> None:
        self.filter_count = filter_count
        mode = logic.strip().lower()
        if mode == "all":
            self.all_button.setChecked(True)
        elif mode == "any":
            self.any_button.setChecked(True)
        else:
            self.custom_button.setChecked(True)
        custom = mode not in ("all", "any")
        shown = localized_logic(logic, current_language()) if custom else ""
        self.expression.setEnabled(custom)
        self.expression.set_text(shown)
        self.check(shown)

    def _custom_clicked(self) -> None:
        language = current_language()
        text = english_logic(self.expression.text().strip(), language) or default_expression(self.filter_count)
        self.expression.setEnabled(True)
        self.expression.set_text(localized_logic(text, language))
        self.expression.setFocus()
        self.logic_committed.emit(text)

    def _commit_expression(self, text: str) -> None:
        if self.custom_button.isChecked():
            stored = english_logic(text.strip(), current_language())
            self.logic_committed.emit(stored or default_expression(self.filter_count))

    def check(self, text: str) -> str | None:
        """Parse ``text`` now; show and return the problem (None when it parses)."""
        if not self.custom_button.isChecked() and text.strip().lower() in ("", "all", "any"):
            self._show(None, text)
            return None
        try:
            parse_logic(text, self.filter_count, current_language())
        except LogicError as exc:
            message = logic_error_text(exc)
            self._show((message, exc.position), text)
            return message
        self._show(None, text)
        return None

    def _show(self, problem: tuple[str, int] | None, text: str) -> None:
        if problem is None:
            self.error.hide()
            mark_problem(self.expression, None, self.expression.toolTip())
            return
        message, position = problem
        caret = "&nbsp;" * position + "^"
        shown = html.escape(text).replace(" ", "&nbsp;")
        self.error.setText(
            f"{html.escape(message)}<br><span>{shown}</span><br><span>{caret}</span>"
            + " "
            + html.escape(self.tr("(character %1)").replace("%1", str(position + 1)))
        )
        self.error.show()
        mark_problem(self.expression, message)
