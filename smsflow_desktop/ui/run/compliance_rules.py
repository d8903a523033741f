"""Compliance rules…: the workspace's sending windows and frequency limits per US state or
country, each with where it comes from and when that was checked, and the workspace-wide
limit above them, so every limit is in one place.

The table lists each rule: its state or country, its window per weekday and its limits in
words, its source, the date it was checked and how it compares with the rule the app ships
(As shipped, Changed, Added; a shipped rule the workspace deleted is listed as Deleted, to
put back). Below it the chosen rule is shown whole, with the URLs of its source as links.
Add…, Edit… (:class:`~.compliance_rule_form.RuleFormDialog`), Delete and Reset to shipped
rule write through ``services.compliance.rules`` on the workspace's connection; a refusal is
said on one line above the buttons. The workspace limit (``frequency_cap.*``) is changed in
Workspace settings; opened from there, the editor shows it as set there, saved or not.
"""

from __future__ import annotations

import html
import logging
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.services.compliance.rules import (
    Rule,
    RuleError,
    delete_rule,
    get_rule,
    list_rules,
    reset_rule,
    shipped_rule,
    shipped_rules,
)
from smsflow_desktop.services.settings import SettingError, get_setting
from smsflow_desktop.ui.resources import icon
from smsflow_desktop.ui.run.compliance_rule_form import RuleFormDialog
from smsflow_desktop.ui.run.compliance_words import (
    limits_text,
    rule_title,
    scope_title,
    source_html,
    windows_lines,
    windows_short,
    workspace_limit_text,
)

log = logging.getLogger(__name__)

SHIPPED, CHANGED, ADDED, DELETED, DAMAGED = "shipped", "changed", "added", "deleted", "damaged"
COLUMNS = ("scope", "window", "limits", "source", "checked", "status")


def same_rule(a: Rule, b: Rule) -> bool:
    """Whether two rules say the same (windows compared day by day, limits in any order)."""

    def limits(rule: Rule) -> list[tuple[int, int, str]]:
        return sorted((x.max, x.hours, x.per) for x in rule.limits)

    return (a.days, limits(a), a.source, a.checked, a.name, a.note) == (
        b.days,
        limits(b),
        b.source,
        b.checked,
        b.name,
        b.note,
    )


def status_of(rule: Rule) -> str:
    shipped = shipped_rule(rule.scope)
    if shipped is None:
        return ADDED
    return SHIPPED if same_rule(rule, shipped) else CHANGED


class ComplianceRulesDialog(QDialog):
    """The open workspace's compliance rules, to read, add, change, delete and reset."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        parent: QWidget | None = None,
        workspace_limit: tuple[bool, int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.conn = conn
        self.pending_limit = workspace_limit  # as set in Workspace settings, maybe not saved yet
        self.rules: dict[str, tuple[Rule | None, str]] = {}  # scope -> (rule, status); None: deleted or damaged
        self.form: RuleFormDialog | None = None
        self.setWindowTitle(self.tr("Compliance rules"))
        self.setMinimumHeight(440)  # as narrow as its buttons allow, in any language
        col = QVBoxLayout(self)
        col.setContentsMargins(22, 18, 22, 16)
        col.setSpacing(10)
        intro = QLabel(
            self.tr(
                "Sending windows (in each person's local time) and frequency limits by US state or country. "
                "Every rule says where it comes from and when that was checked: check them for yourself, "
                "they are not legal advice."
            ),
            self,
        )
        intro.setObjectName("Muted")
        intro.setWordWrap(True)
        col.addWidget(intro)
        self.workspace_limit = QLabel(self)
        self.workspace_limit.setWordWrap(True)
        self.workspace_limit.setObjectName("WorkspaceLimit")
        col.addWidget(self.workspace_limit)

        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAllColumnsShowFocus(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels(
            [
                self.tr("State or country"),
                self.tr("Sending window"),
                self.tr("Frequency limits"),
                self.tr("Source"),
                self.tr("Checked"),
                self.tr("Status"),
            ]
        )
        self.table.setAccessibleName(self.tr("Compliance rules"))
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.details = QTextBrowser(self)
        self.details.setOpenExternalLinks(True)
        self.details.setAccessibleName(self.tr("The chosen rule"))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        col.addWidget(split, 1)

        self.error = QLabel(self)
        self.error.setObjectName("OverLimit")
        self.error.setWordWrap(True)
        self.error.hide()
        col.addWidget(self.error)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(icon("add"), self.tr("&Add…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.reset_button = QPushButton(self.tr("&Reset to shipped rule"), self)
        self.delete_button = QPushButton(icon("delete"), self.tr("&Delete"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        for button in (self.add_button, self.edit_button, self.reset_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        col.addLayout(buttons)

        self.table.currentItemChanged.connect(lambda _now, _before: self._show_current())
        self.table.itemActivated.connect(lambda _item, _col: self.edit())
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit())
        self.reset_button.clicked.connect(lambda: self.reset())
        self.delete_button.clicked.connect(lambda: self.delete())
        self.close_button.clicked.connect(self.accept)
        self.resize(980, 640)
        self.refresh()

    # -- reading ---------------------------------------------------------------------------------
    def _read(self) -> dict[str, tuple[Rule | None, str]]:
        rules: dict[str, tuple[Rule | None, str]]
        try:
            rules = {r.scope: (r, status_of(r)) for r in list_rules(self.conn)}
        except RuleError as exc:
            # One rule was damaged outside the app: list the others, and that one to set again.
            self._say(str(exc))
            rules = {}
            for (scope,) in self.conn.execute("SELECT scope FROM compliance_rules ORDER BY scope"):
                try:
                    rule = get_rule(self.conn, scope)
                except RuleError:
                    rules[scope] = (None, DAMAGED)
                    continue
                if rule is not None:
                    rules[scope] = (rule, status_of(rule))
        for shipped in shipped_rules():
            rules.setdefault(shipped.scope, (None, DELETED))
        return dict(sorted(rules.items(), key=lambda kv: self._sort_key(kv[0], kv[1][0])))

    @staticmethod
    def _sort_key(scope: str, rule: Rule | None) -> tuple[str, str]:
        shipped = shipped_rule(scope)
        name = rule.name if rule is not None else shipped.name if shipped is not None else ""
        return (scope_title(scope, name).casefold(), scope)

    def refresh(self, select: str | None = None) -> None:
        """Read the rules and the workspace limit afresh; keep (or move) the selection."""
        current = select or self.current_scope()
        self.error.hide()
        try:
            self.rules = self._read()
            saved = (
                get_setting(self.conn, "frequency_cap.enabled") == "true",
                int(get_setting(self.conn, "frequency_cap.max_per_24h")),
            )
            enabled, most = self.pending_limit or saved
            text = workspace_limit_text(enabled, most)
            if (enabled, most) != saved:
                text += " " + self.tr("(Not saved yet: Save in Workspace settings keeps it.)")
            self.workspace_limit.setText(text)
        except (sqlite3.Error, SettingError, RuleError, ValueError) as exc:
            log.warning("cannot read the compliance rules: %s", exc)
            self._say(self.tr("The rules could not be read: %1").replace("%1", str(exc)))
        self.table.clear()
        chosen: QTreeWidgetItem | None = None
        for scope, (rule, status) in self.rules.items():
            item = self._item(scope, rule, status)
            self.table.addTopLevelItem(item)
            if scope == current:
                chosen = item
        if chosen is None and self.table.topLevelItemCount():
            chosen = self.table.topLevelItem(0)
        if chosen is not None:
            self.table.setCurrentItem(chosen)
        for i in (0, 1, 2, 4, 5):  # wide enough for what they hold, within reason (tooltips say it all)
            self.table.resizeColumnToContents(i)
            self.table.setColumnWidth(i, min(self.table.columnWidth(i), 280))
        self._show_current()

    def _item(self, scope: str, rule: Rule | None, status: str) -> QTreeWidgetItem:
        shown = rule if rule is not None else shipped_rule(scope) if status == DELETED else None
        status_text = {
            SHIPPED: self.tr("As shipped"),
            CHANGED: self.tr("Changed"),
            ADDED: self.tr("Added"),
            DELETED: self.tr("Deleted"),
            DAMAGED: self.tr("Damaged"),
        }[status]
        if shown is None:
            texts = [scope_title(scope), "", "", "", "", status_text]
        else:
            texts = [
                rule_title(shown),
                windows_short(shown.days),
                limits_text(shown.limits),
                shown.source,
                shown.checked,
                status_text,
            ]
        item = QTreeWidgetItem(texts)
        item.setData(0, Qt.ItemDataRole.UserRole, scope)
        for i, text in enumerate(texts):
            item.setToolTip(i, text)
        if status in (DELETED, DAMAGED):
            font = QFont(self.table.font())
            font.setItalic(True)
            for i in range(len(texts)):
                item.setFont(i, font)
                item.setForeground(i, self.palette().placeholderText())
        elif status in (CHANGED, ADDED):
            font = QFont(self.table.font())
            font.setBold(True)
            item.setFont(len(texts) - 1, font)
        return item

    def current_scope(self) -> str | None:
        item = self.table.currentItem()
        return None if item is None else str(item.data(0, Qt.ItemDataRole.UserRole))

    def _current(self) -> tuple[str, Rule | None, str] | None:
        scope = self.current_scope()
        if scope is None or scope not in self.rules:
            return None
        rule, status = self.rules[scope]
        return scope, rule, status

    def _show_current(self) -> None:
        current = self._current()
        live = current is not None and current[1] is not None
        self.edit_button.setEnabled(current is not None and current[2] != DELETED)
        self.delete_button.setEnabled(current is not None and current[2] != DELETED)
        self.reset_button.setEnabled(
            current is not None and current[2] in (CHANGED, DELETED, DAMAGED) and shipped_rule(current[0]) is not None
        )
        self.edit_button.setDefault(live)
        self.details.setHtml(self._details_html(current))

    def _details_html(self, current: tuple[str, Rule | None, str] | None) -> str:
        if current is None:
            return html.escape(self.tr("No rules: add one, or reset a shipped rule."))
        scope, rule, status = current
        shipped = shipped_rule(scope)
        parts: list[str] = []
        if rule is None:
            title = html.escape(scope_title(scope, shipped.name if shipped else ""))
            if status == DAMAGED:
                note = self.tr(
                    "This rule was damaged outside the app and is not applied: edit it, reset it or delete it."
                )
            else:
                note = self.tr("This workspace does not apply the shipped rule: Reset to shipped rule puts it back.")
            parts.append(f"<p><b>{title}</b></p><p>{html.escape(note)}</p>")
            if shipped is not None:
                parts.append(self._rule_html(shipped, self.tr("The shipped rule")))
            return "".join(parts)
        parts.append(f"<p><b>{html.escape(rule_title(rule))}</b></p>")
        parts.append(self._rule_html(rule, ""))
        if status == CHANGED and shipped is not None:
            parts.append(self._rule_html(shipped, self.tr("The shipped rule, which this one differs from")))
        return "".join(parts)

    def _rule_html(self, rule: Rule, heading: str) -> str:
        rows = [
            (self.tr("Sending window"), "<br>".join(html.escape(line) for line in windows_lines(rule.days))),
            (self.tr("Frequency limits"), "<br>".join(html.escape(limits_text(rule.limits)).split("; "))),
            (self.tr("Source"), source_html(rule.source)),
            (self.tr("Checked"), html.escape(rule.checked)),
        ]
        if rule.note:
            rows.append((self.tr("Note"), html.escape(rule.note)))
        body = "".join(
            f'<tr><td style="padding-right:12px" valign="top"><i>{html.escape(label)}</i></td><td>{value}</td></tr>'
            for label, value in rows
        )
        top = f"<p><b>{html.escape(heading)}</b></p>" if heading else ""
        return f'{top}<table cellspacing="2">{body}</table>'

    # -- changing --------------------------------------------------------------------------------
    def add(self) -> RuleFormDialog:
        return self._open_form(None)

    def edit(self) -> RuleFormDialog | None:
        current = self._current()
        if current is None or current[2] == DELETED:
            return None
        return self._open_form(current[1] if current[1] is not None else Rule(current[0]))

    def _open_form(self, rule: Rule | None) -> RuleFormDialog:
        self.form = RuleFormDialog(self.conn, rule, self)
        form = self.form
        form.accepted.connect(lambda: self.refresh(select=form.saved.scope if form.saved else None))
        form.open()
        return form

    def ask(self, title: str, text: str) -> bool:
        """Yes or no from the user (tests answer for them)."""
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def reset(self) -> bool:
        current = self._current()
        if current is None or shipped_rule(current[0]) is None:
            return False
        scope, rule, status = current
        name = scope_title(scope, rule.name if rule is not None else "")
        if status == CHANGED and not self.ask(
            self.tr("Reset to shipped rule"),
            self.tr("Put the shipped rule for %1 back? The changes made to it in this workspace are lost.").replace(
                "%1", name
            ),
        ):
            return False
        try:
            reset_rule(self.conn, scope)
        except (RuleError, sqlite3.Error) as exc:
            self._say(self.tr("The rule could not be reset: %1").replace("%1", str(exc)))
            return False
        self.refresh(select=scope)
        return True

    def delete(self) -> bool:
        current = self._current()
        if current is None or current[2] == DELETED:
            return False
        scope, rule, _status = current
        name = scope_title(scope, rule.name if rule is not None else "")
        after = (
            self.tr("Reset to shipped rule puts it back.")
            if shipped_rule(scope) is not None
            else self.tr("It cannot be put back.")
        )
        question = self.tr("Delete the rule for %1? Texts there are no longer held to its window and limits.")
        if not self.ask(self.tr("Delete rule"), question.replace("%1", name) + " " + after):
            return False
        try:
            delete_rule(self.conn, scope)
        except (RuleError, sqlite3.Error) as exc:
            self._say(self.tr("The rule could not be deleted: %1").replace("%1", str(exc)))
            return False
        self.refresh(select=scope)
        return True

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
