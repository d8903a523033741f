"""The form that adds or changes one compliance rule: its state or country, the sending window
of each weekday (or one for every day), its frequency limits, where it comes from and when
that was checked.

Save checks what was typed and says the first problem on one line above the buttons, with
the field it is about focused; nothing is written then and everything typed stays. A rule
that passes is written with ``services.compliance.rules.save_rule`` on the workspace's
connection (which checks it once more; its refusal is shown the same way).
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.services.compliance.area_codes import SUBDIVISIONS
from smsflow_desktop.services.compliance.rules import (
    DAYS,
    MAX_LIMIT,
    MAX_LIMIT_HOURS,
    Rule,
    RuleError,
    check_scope,
    get_rule,
    save_rule,
)
from smsflow_desktop.ui.qt_util import keep_room
from smsflow_desktop.ui.resources import icon, name_for_screen_readers, pad_spin_boxes
from smsflow_desktop.ui.run.compliance_words import day_name, hhmm, scope_title

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_CODE = re.compile(r"\(([A-Za-z]{2}(?:-[A-Za-z0-9]{1,3})?)\)\s*$")
WINDOW, CLOSED, OPEN = "window", "closed", "open"


class FormProblem(Exception):
    """What is wrong with the form, in the user's language, and the field to focus."""

    def __init__(self, text: str, field: QWidget | None = None) -> None:
        super().__init__(text)
        self.field = field


class DayRow:
    """One weekday's line (or the "Every day" line): what is allowed, from, until."""

    def __init__(self, form: RuleFormDialog, grid: QGridLayout, row: int, day: int) -> None:
        self.day = day
        self.label = QLabel(form)
        self.mode = QComboBox(form)
        self.mode.addItem(QCoreApplication.translate("RuleFormDialog", "Texts allowed"), WINDOW)
        self.mode.addItem(QCoreApplication.translate("RuleFormDialog", "No texts"), CLOSED)
        self.mode.addItem(QCoreApplication.translate("RuleFormDialog", "Not restricted"), OPEN)
        self.label.setBuddy(self.mode)
        self.start = QLineEdit("08:00", form)
        self.end = QLineEdit("20:00", form)
        self.until = QLabel(QCoreApplication.translate("RuleFormDialog", "to"), form)
        self.until.setBuddy(self.end)
        for edit in (self.start, self.end):
            edit.setMaxLength(5)
            edit.setPlaceholderText("HH:MM")
            edit.setMaximumWidth(72)
        grid.addWidget(self.label, row, 0)
        grid.addWidget(self.mode, row, 1)
        grid.addWidget(self.start, row, 2)
        grid.addWidget(self.until, row, 3)
        grid.addWidget(self.end, row, 4)
        self.mode.currentIndexChanged.connect(lambda _i: self.sync())
        self.touched = False  # changed by the user (a hidden day keeps what they set)
        self.mode.activated.connect(lambda _i: self._touch())
        self.start.textEdited.connect(lambda _t: self._touch())
        self.end.textEdited.connect(lambda _t: self._touch())
        self.name(every_day=False)

    def name(self, *, every_day: bool) -> None:
        text = QCoreApplication.translate("RuleFormDialog", "Every day") if every_day else day_name(self.day)
        self.label.setText(text)
        self.mode.setAccessibleName(QCoreApplication.translate("RuleFormDialog", "%1: texts").replace("%1", text))
        self.start.setAccessibleName(QCoreApplication.translate("RuleFormDialog", "%1: from").replace("%1", text))
        self.end.setAccessibleName(QCoreApplication.translate("RuleFormDialog", "%1: until").replace("%1", text))

    def _touch(self) -> None:
        self.touched = True

    def copy(self, other: DayRow) -> None:
        self.mode.setCurrentIndex(other.mode.currentIndex())
        self.start.setText(other.start.text())
        self.end.setText(other.end.text())
        self.sync()

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.label, self.mode, self.start, self.until, self.end)

    def set_visible(self, visible: bool) -> None:
        for w in self.widgets():
            w.setVisible(visible)

    def sync(self) -> None:
        on = self.mode.currentData() == WINDOW
        for w in (self.start, self.end, self.until):
            w.setEnabled(on)  # what was typed stays, to come back to

    def load(self, value: tuple[tuple[int, int], ...] | None) -> None:
        if value is None:
            self.mode.setCurrentIndex(self.mode.findData(OPEN))
        elif not value:
            self.mode.setCurrentIndex(self.mode.findData(CLOSED))
        else:
            self.mode.setCurrentIndex(self.mode.findData(WINDOW))
            self.start.setText(hhmm(value[0][0]))
            self.end.setText(hhmm(value[0][1]))
        self.sync()

    def value(self) -> str | None:
        """``HH:MM-HH:MM``, ``closed`` or None (not restricted); FormProblem when the times are wrong."""
        mode = self.mode.currentData()
        if mode == OPEN:
            return None
        if mode == CLOSED:
            return "closed"
        start = self._minutes(self.start, end=False)
        end = self._minutes(self.end, end=True)
        if start >= end:
            raise FormProblem(
                QCoreApplication.translate(
                    "RuleFormDialog",
                    "%1: the window must start before it ends (choose No texts for a day without texts).",
                ).replace("%1", self.label.text()),
                self.end,
            )
        return f"{hhmm(start)}-{hhmm(end)}"

    def _minutes(self, edit: QLineEdit, *, end: bool) -> int:
        text = edit.text().strip()
        m = _TIME.match(text)
        hours, minutes = (int(m.group(1)), int(m.group(2))) if m else (-1, -1)
        if end and (hours, minutes) == (24, 0):
            return 24 * 60
        if not 0 <= hours <= 23 or not 0 <= minutes <= 59:
            raise FormProblem(
                QCoreApplication.translate(
                    "RuleFormDialog", "%1: write the times as HH:MM on the 24-hour clock, such as 08:00 and 20:00."
                ).replace("%1", self.label.text()),
                edit,
            )
        return hours * 60 + minutes


class LimitRow(QWidget):
    """At most N texts per H hours (or days), counting all campaigns or each on its own."""

    def __init__(self, form: RuleFormDialog) -> None:
        super().__init__(form)
        lines = QVBoxLayout(self)  # "3 texts per 24 hours" above which texts count, so the form stays narrow
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(6)
        below = QHBoxLayout()
        below.setSpacing(6)
        lines.addLayout(row)
        lines.addLayout(below)
        self.most = QSpinBox(self)
        self.most.setRange(0, MAX_LIMIT)  # 0 is refused with a message, not turned into 1 unseen
        self.most.setValue(3)
        self.texts = QLabel(self.tr("texts per"), self)
        self.span = QSpinBox(self)
        self.span.setRange(0, MAX_LIMIT_HOURS)
        self.span.setValue(24)
        pad_spin_boxes(self.most, self.span)
        self.unit = QComboBox(self)
        self.unit.addItem(self.tr("hours"), 1)
        self.unit.addItem(self.tr("days"), 24)
        self.per = QComboBox(self)
        self.per.addItem(self.tr("all campaigns"), "overall")
        self.per.addItem(self.tr("each campaign on its own"), "campaign")
        self.remove = QPushButton(icon("delete"), self.tr("Remove"), self)
        for w in (self.most, self.texts, self.span, self.unit):
            row.addWidget(w)
        row.addStretch(1)
        below.addWidget(self.per)
        below.addWidget(self.remove)
        below.addStretch(1)
        self.number(1)

    def number(self, n: int) -> None:
        self.n = n
        self.most.setAccessibleName(self.tr("Limit %1: at most this many texts").replace("%1", str(n)))
        self.span.setAccessibleName(self.tr("Limit %1: per this many hours or days").replace("%1", str(n)))
        name_for_screen_readers(self.unit, self.tr("Limit %1: hours or days").replace("%1", str(n)))
        name_for_screen_readers(self.per, self.tr("Limit %1: which texts count").replace("%1", str(n)))
        self.remove.setAccessibleName(self.tr("Remove limit %1").replace("%1", str(n)))

    def load(self, most: int, hours: int, per: str) -> None:
        self.most.setValue(most)
        days = hours % 24 == 0 and hours > 24
        self.unit.setCurrentIndex(1 if days else 0)
        self.span.setValue(hours // 24 if days else hours)
        self.per.setCurrentIndex(max(0, self.per.findData(per)))

    def value(self) -> dict[str, object]:
        n = str(self.n)
        if not 1 <= self.most.value() <= MAX_LIMIT:
            raise FormProblem(
                self.tr("Limit %1: the number of texts must be from 1 to %2.")
                .replace("%1", n)
                .replace("%2", str(MAX_LIMIT)),
                self.most,
            )
        hours = self.span.value() * int(self.unit.currentData())
        if not 1 <= hours <= MAX_LIMIT_HOURS:
            raise FormProblem(
                self.tr("Limit %1: the period must be from 1 hour to 31 days.").replace("%1", n), self.span
            )
        return {"max": self.most.value(), "hours": hours, "scope": self.per.currentData()}


class RuleFormDialog(QDialog):
    """Add a rule (``rule`` None) or change ``rule``; :meth:`save` writes it to ``conn``."""

    def __init__(self, conn: sqlite3.Connection, rule: Rule | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conn = conn
        self.rule = rule
        self.saved: Rule | None = None
        self.setWindowTitle(
            self.tr("Add a compliance rule")
            if rule is None
            else self.tr("Compliance rule: %1").replace("%1", scope_title(rule.scope, rule.name))
        )
        self.setMinimumWidth(560)
        col = QVBoxLayout(self)
        col.setContentsMargins(22, 18, 22, 16)
        col.setSpacing(10)
        scroll = QScrollArea(self)
        self.scroll_area = scroll
        scroll.setAccessibleName(self.tr("The rule"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        scroll.setWidget(body)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(0, 0, 8, 0)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.setHorizontalSpacing(14)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.scope = QComboBox(body)
        self.scope.setEditable(True)
        self.scope.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.scope.setMinimumContentsLength(22)
        for code, name in sorted(SUBDIVISIONS.get("US", {}).items(), key=lambda kv: kv[1]):
            self.scope.addItem(f"{name} (US-{code})", f"US-{code}")
        for code, name in sorted(SUBDIVISIONS.get("CA", {}).items(), key=lambda kv: kv[1]):
            self.scope.addItem(f"{name} (CA-{code})", f"CA-{code}")
        scope_edit = self.scope.lineEdit()
        assert scope_edit is not None  # the combo box is editable
        scope_edit.setPlaceholderText(self.tr("A US state or a country: Florida, US-FL, SE"))
        self.name = QLineEdit(body)
        self.name.setMaxLength(200)
        self.every_day = QCheckBox(self.tr("The same window every day"), body)
        days_box = QWidget(body)
        grid = QGridLayout(days_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.addWidget(self.every_day, 0, 0, 1, 5)
        self.days = [DayRow(self, grid, i + 1, i) for i in range(7)]
        grid.setColumnStretch(5, 1)
        days_hint = QLabel(
            self.tr("In each person's local time. Not restricted: this rule says nothing about that day."), body
        )
        days_hint.setObjectName("Muted")
        days_hint.setWordWrap(True)
        grid.addWidget(days_hint, 8, 0, 1, 6)
        limits_box = QWidget(body)
        self.limits_layout = QVBoxLayout(limits_box)
        self.limits_layout.setContentsMargins(0, 0, 0, 0)
        self.limits_layout.setSpacing(14)  # a limit is two lines: the gap between limits is wider than within one
        self.limit_rows: list[LimitRow] = []
        self.no_limits = QLabel(self.tr("No limit: this rule does not limit how often a number is texted."), body)
        self.no_limits.setObjectName("Muted")
        self.no_limits.setWordWrap(True)
        self.limits_layout.addWidget(self.no_limits)
        self.add_limit_button = QPushButton(icon("add"), self.tr("Add a limit"), body)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_limit_button)
        add_row.addStretch(1)
        self.limits_layout.addLayout(add_row)
        self.source = QPlainTextEdit(body)
        self.source.setTabChangesFocus(True)
        self.source.setPlaceholderText(self.tr("Where the rule comes from: a URL or a citation"))
        self.source.setFixedHeight(self.source.fontMetrics().lineSpacing() * 4 + 12)
        self.checked = QDateEdit(body)
        self.checked.setCalendarPopup(True)
        self.checked.setDisplayFormat("yyyy-MM-dd")
        self.checked.setDate(QDate.currentDate())
        pad_spin_boxes(self.checked)
        self.today = QPushButton(self.tr("Today"), body)
        self.today.setAccessibleName(self.tr("Set the checked date to today"))
        checked_row = QHBoxLayout()
        checked_row.addWidget(self.checked)
        checked_row.addWidget(self.today)
        checked_row.addStretch(1)
        self.note = QLineEdit(body)
        self.note.setMaxLength(2000)

        self.scope_label = self._row(form, self.tr("&State or country"), self.scope)
        self._row(form, self.tr("&Name shown"), self.name)
        self._row(form, self.tr("Sending &window"), days_box, self.every_day, top=True)
        self._row(form, self.tr("Frequency &limits"), limits_box, self.add_limit_button, top=True)
        self._row(form, self.tr("S&ource"), self.source, top=True)
        self._row(form, self.tr("&Checked on"), checked_row, self.checked)
        self._row(form, self.tr("No&te"), self.note)
        col.addWidget(scroll, 1)

        self.error = QLabel(self)
        self.error.setObjectName("OverLimit")
        self.error.setWordWrap(True)
        self.error.hide()
        col.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("PrimaryButton")
        self.save_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        col.addLayout(buttons)

        self.every_day.toggled.connect(lambda _on: self._layout_days())
        self.every_day.clicked.connect(lambda on: None if on else self._spread_days())
        self.add_limit_button.clicked.connect(lambda: self.add_limit(focus=True))
        self.today.clicked.connect(lambda: self.checked.setDate(QDate.currentDate()))
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.save())
        self._load(rule)
        keep_room(scroll)  # as wide as its fields need: no limit scrolls sideways out of view
        self.resize(680, min(760, body.sizeHint().height() + 120))

    def _row(
        self, form: QFormLayout, text: str, field: Any, buddy: QWidget | None = None, *, top: bool = False
    ) -> QLabel:
        label = QLabel(text, form.parentWidget())
        label.setBuddy(buddy if buddy is not None else field)
        if top:  # beside a field of several lines, the label reads with its first
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            label.setContentsMargins(0, 6, 0, 0)
        form.addRow(label, field)
        target = buddy if buddy is not None else field
        if isinstance(target, QWidget) and not target.accessibleName():
            target.setAccessibleName(text.replace("&", ""))
        return label

    # -- loading ---------------------------------------------------------------------------------
    def _load(self, rule: Rule | None) -> None:
        if rule is None:
            self.scope.setCurrentIndex(-1)
            self.scope.setEditText("")
            self.every_day.setChecked(True)
            self.name.setPlaceholderText(self.tr("The state's or country's name"))
            self._layout_days()
            return
        index = self.scope.findData(rule.scope)
        if index >= 0:
            self.scope.setCurrentIndex(index)
        else:
            self.scope.setEditText(scope_title(rule.scope))
        self.scope.setEnabled(False)  # another state or country is another rule
        self.name.setText(rule.name)
        self.name.setPlaceholderText(scope_title(rule.scope).rsplit(" (", 1)[0])
        same = all(d == rule.days[0] for d in rule.days) and rule.days[0] is not None
        for row, value in zip(self.days, rule.days, strict=True):
            row.load(value)
        self.every_day.setChecked(same)
        for limit in rule.limits:
            self.add_limit(focus=False).load(limit.max, limit.hours, limit.per)
        self.source.setPlainText(rule.source)
        self.checked.setDate(QDate.fromString(rule.checked, "yyyy-MM-dd"))
        self.note.setText(rule.note)
        self._layout_days()

    def _layout_days(self) -> None:
        same = self.every_day.isChecked()
        self.days[0].name(every_day=same)
        for row in self.days[1:]:
            row.set_visible(not same)

    def _spread_days(self) -> None:
        """From one window for every day to one per day: each day not set by hand starts as it."""
        for row in self.days[1:]:
            if not row.touched:
                row.copy(self.days[0])

    def add_limit(self, *, focus: bool = False) -> LimitRow:
        row = LimitRow(self)
        self.limits_layout.insertWidget(len(self.limit_rows) + 1, row)
        self.limit_rows.append(row)
        row.remove.clicked.connect(lambda: self.remove_limit(row))
        self._number_limits()
        keep_room(self.scroll_area)
        if focus:
            row.most.setFocus()
        return row

    def remove_limit(self, row: LimitRow) -> None:
        at = self.limit_rows.index(row)
        self.limit_rows.remove(row)
        self.limits_layout.removeWidget(row)
        row.deleteLater()
        self._number_limits()
        following = self.limit_rows[at] if at < len(self.limit_rows) else None
        (following.most if following is not None else self.add_limit_button).setFocus()

    def _number_limits(self) -> None:
        for i, row in enumerate(self.limit_rows):
            row.number(i + 1)
        self.no_limits.setVisible(not self.limit_rows)

    # -- saving ----------------------------------------------------------------------------------
    def scope_code(self) -> str:
        """The scope chosen or typed (``Florida (US-FL)``, ``us-fl`` or ``SE``), checked."""
        if self.rule is not None:
            return self.rule.scope
        text = self.scope.currentText().strip()
        index = self.scope.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.scope.itemData(index))
        m = _CODE.search(text)
        code = m.group(1) if m else text
        if not code:
            raise FormProblem(self.tr("Choose a US state or type a country's code (such as SE)."), self.scope)
        try:
            return check_scope(code)
        except RuleError:
            raise FormProblem(
                self.tr("“%1” is not a US state, a Canadian province or a country code (such as US-FL or SE).").replace(
                    "%1", text
                ),
                self.scope,
            ) from None

    def windows(self) -> dict[str, str]:
        rows = self.days[:1] if self.every_day.isChecked() else self.days
        values = [row.value() for row in rows]
        if self.every_day.isChecked():
            return {} if values[0] is None else {"all": values[0]}
        by_value: dict[str, list[int]] = {}
        for day, value in enumerate(values):
            if value is not None:
                by_value.setdefault(value, []).append(day)
        return {_days_spec(days): value for value, days in by_value.items()}

    def data(self) -> dict[str, Any]:
        """The rule as typed, for ``save_rule``; FormProblem for the first thing wrong with it."""
        scope = self.scope_code()
        if self.rule is None:
            existing = self._existing(scope)
            if existing is not None:
                raise FormProblem(
                    self.tr("There is already a rule for %1: change that one instead.").replace(
                        "%1", scope_title(scope, existing.name)
                    ),
                    self.scope,
                )
        windows = self.windows()
        limits = [row.value() for row in self.limit_rows]
        if not windows and not limits:
            raise FormProblem(
                self.tr("Give the rule a sending window or a limit (a rule with neither does nothing)."),
                self.days[0].mode,
            )
        source = " ".join(self.source.toPlainText().split())
        if not source:
            raise FormProblem(self.tr("Say where the rule comes from: a URL or a citation."), self.source)
        return {
            "scope": scope,
            "name": self.name.text().strip(),
            "windows": windows,
            "limits": limits,
            "source": source,
            "checked": self.checked.date().toString("yyyy-MM-dd"),
            "note": self.note.text().strip(),
        }

    def _existing(self, scope: str) -> Rule | None:
        try:
            return get_rule(self.conn, scope)
        except RuleError:
            return Rule(scope)  # a damaged one is there all the same
        except sqlite3.Error:
            return None  # saving will say what is wrong with the workspace

    def save(self) -> bool:
        """Check and write the rule; on a problem say it, focus its field and keep everything typed."""
        try:
            self.saved = save_rule(self.conn, self.data())
        except FormProblem as problem:
            self._say(str(problem), problem.field)
            return False
        except RuleError as exc:
            self._say(str(exc), None)
            return False
        except sqlite3.Error as exc:
            self._say(self.tr("The rule could not be saved: %1").replace("%1", str(exc)), None)
            return False
        self.accept()
        return True

    def _say(self, text: str, field: QWidget | None) -> None:
        self.error.setText(text)
        self.error.show()
        if field is not None:
            field.setFocus()


def _days_spec(days: list[int]) -> str:
    """Weekday numbers → ``all``, ``mon-fri``, ``sat``, ``mon-wed,fri``."""
    if len(days) == 7:
        return "all"
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(DAYS[r[0]] if len(r) == 1 else f"{DAYS[r[0]]}-{DAYS[r[-1]]}" for r in runs)
