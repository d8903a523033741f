"""A campaign's versions as the app shows them: the conflict dialog, the History dialog, and
the readable diff between two versions in the user's language.

The diff itself is :mod:`smsflow_desktop.services.campaign_diff` (Qt-free, shared with the
command line): here its templates are translated (``CampaignDiff`` context) and its terms said
with the app's labels (step types, fields, operators...). :class:`ConflictDialog` says who
changed the campaign since it was opened, shows their changes and the user's on request, and
answers ``copy`` (keep mine as a copy), ``reload`` (take theirs) or ``cancel``.
:class:`CampaignHistoryDialog` lists every saved version, newest first, with who saved it and
when; one selected version shows what it changed, two show what changed between them, and
Restore This Version saves the selected one again as the newest.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.model.duration import localized_duration
from smsflow_desktop.model.translatable import QT_TRANSLATE_NOOP
from smsflow_desktop.services import campaign_versions as versions
from smsflow_desktop.services.campaign_diff import CONTEXT, PERIODS, PERIODS_PLURAL, Term, diff_campaigns
from smsflow_desktop.services.campaigns import campaign_history
from smsflow_desktop.ui.i18n import current_language
from smsflow_desktop.ui.labels import (
    filter_type_label,
    operator_label,
    person_field_label,
    step_field_label,
    trigger_type_label,
    weekday_label,
    when_text,
)
from smsflow_desktop.ui.resources import icon
from smsflow_desktop.ui.step_types import step_title

log = logging.getLogger(__name__)

NOTE_LABELS = {
    versions.NOTE_EXISTING: QT_TRANSLATE_NOOP("CampaignHistory", "Present before versions were kept"),
    versions.NOTE_IMPORTED: QT_TRANSLATE_NOOP("CampaignHistory", "Imported from a campaign file"),
    versions.NOTE_COPY: QT_TRANSLATE_NOOP("CampaignHistory", "Saved as a copy"),
    versions.NOTE_LIST_RENAMED: QT_TRANSLATE_NOOP("CampaignHistory", "A static list it names was renamed"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("CampaignHistory", text)


def term_label(term: Term) -> str:
    """A key of the diff said with the app's labels, in the user's language."""
    kind, key = term.kind, term.key
    if kind == "step_type":
        return step_title(key)
    if kind == "field":
        return step_field_label(key)
    if kind == "person_field":
        return person_field_label(key)
    if kind == "operator":
        return operator_label(key)
    if kind == "filter_type":
        return filter_type_label(key)
    if kind == "trigger_type":
        return trigger_type_label(key)
    if kind == "weekday":
        return weekday_label(key)
    if kind == "duration":
        return localized_duration(key, current_language())
    if kind in ("period", "periods"):
        table = PERIODS if kind == "period" else PERIODS_PLURAL
        return QCoreApplication.translate(CONTEXT, table[key]) if key in table else key
    return term.english()


def change_texts(old: Campaign, new: Campaign, vibes_lists: Mapping[str, str] | None = None) -> list[str]:
    """What changed from ``old`` to ``new``, one sentence a change, in the user's language."""
    return [
        c.text.render(lambda t: QCoreApplication.translate(CONTEXT, t), term_label)
        for c in diff_campaigns(old, new, vibes_lists=vibes_lists)
    ]


def saved_by_text(who: str) -> str:
    return who or _tr("someone")


def saved_at_text(stamp: str) -> str:
    """A stored UTC timestamp as this computer's clock reads it ("Wed 1 Apr 2026 11:30")."""
    try:
        return when_text(datetime.fromisoformat(stamp.replace("Z", "+00:00")))
    except ValueError:
        return stamp


def note_label(note: str) -> str:
    if note.startswith(versions.NOTE_RESTORED + ":"):
        return _tr("Restored version %1").replace("%1", note.split(":", 1)[1])
    source = NOTE_LABELS.get(note)
    return _tr(source) if source else note


def bullets(lines: list[str], empty: str) -> str:
    return "\n".join(f"• {line}" for line in lines) if lines else empty


# -- conflict -----------------------------------------------------------------------------------------


@dataclass
class ConflictInfo:
    """What the conflict dialog says: the campaign as opened, who saved it since and when, its
    name now (another one when they renamed it), and both sides' changes since it was opened."""

    campaign: str
    saved_by: str
    saved_at: str
    renamed_to: str = ""
    theirs: list[str] = field(default_factory=list)
    mine: list[str] = field(default_factory=list)

    def headline(self) -> str:
        if self.renamed_to:
            text = _tr("“%1” was renamed to “%4” and changed by %2 at %3 since you opened it.").replace(
                "%4", self.renamed_to
            )
        else:
            text = _tr("“%1” was changed by %2 at %3 since you opened it.")
        return text.replace("%1", self.campaign).replace("%2", self.saved_by).replace("%3", self.saved_at)


class ConflictDialog(QDialog):
    """Your save was refused because someone else saved first: show their changes, keep
    yours as a copy, or reload theirs. ``choice`` is ``copy``, ``reload`` or ``cancel``."""

    def __init__(self, info: ConflictInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.choice = "cancel"
        self.setWindowTitle(self.tr("Changed by someone else"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        head = QHBoxLayout()
        badge = QLabel(self)
        badge.setPixmap(icon("warning").pixmap(32, 32))
        badge.setAlignment(Qt.AlignmentFlag.AlignTop)
        head.addWidget(badge)
        text = QVBoxLayout()
        self.headline = QLabel(info.headline(), self)
        self.headline.setObjectName("DialogHeadline")
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.explain = QLabel(
            self.tr(
                "Nothing was saved, so nobody's work is lost. Keep your version as a copy beside theirs, "
                "or reload theirs and drop your unsaved changes."
            ),
            self,
        )
        self.explain.setWordWrap(True)
        text.addWidget(self.headline)
        text.addWidget(self.explain)
        head.addLayout(text, 1)
        layout.addLayout(head)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Their changes and yours"))
        self.details.setPlainText(
            self.tr("Changed by %1 since you opened it:").replace("%1", info.saved_by)
            + "\n"
            + bullets(info.theirs, self.tr("(nothing that changes what the campaign does)"))
            + "\n\n"
            + self.tr("Your changes, not saved:")
            + "\n"
            + bullets(info.mine, self.tr("(none)"))
        )
        self.details.setMinimumHeight(200)
        self.details.hide()
        layout.addWidget(self.details, 1)
        self.buttons = QDialogButtonBox(self)
        self.show_button = QPushButton(self.tr("Show Their Changes"), self)
        self.show_button.setCheckable(True)
        self.show_button.toggled.connect(self._show_details)
        self.copy_button = QPushButton(self.tr("Keep Mine as a Copy"), self)
        self.copy_button.setToolTip(self.tr("Save your version under a new name; theirs stays as it is"))
        self.reload_button = QPushButton(self.tr("Reload"), self)
        self.reload_button.setToolTip(self.tr("Show their version; your unsaved changes are dropped"))
        self.buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.copy_button.setDefault(True)
        self.copy_button.clicked.connect(lambda: self._answer("copy"))
        self.reload_button.clicked.connect(lambda: self._answer("reload"))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.show_button.setText(self.tr("Hide Their Changes") if shown else self.tr("Show Their Changes"))
        self.adjustSize()

    def _answer(self, choice: str) -> None:
        self.choice = choice
        self.accept()


# -- history ------------------------------------------------------------------------------------------


class CampaignHistoryDialog(QDialog):
    """Every saved version of a campaign; compare two, or restore one as the newest.

    ``restore`` is called with the version to restore and returns whether it was restored
    (the window saves it and brings the editor along); the list is then read afresh."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        name: str,
        restore: Callable[[int], bool],
        vibes_lists: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.conn = conn
        self.name = name
        self.restore_version = restore
        self.vibes_lists = dict(vibes_lists or {})
        self.kept: list[versions.Version] = []
        self.setWindowTitle(self.tr("History of “%1”").replace("%1", name))
        self.setWindowIcon(icon("campaign"))
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            self.tr(
                "Every saved version, newest first. Select a version to see what it changed, or two "
                "(Ctrl+click) to compare them. Restoring saves the selected version again as the newest; "
                "nothing is ever overwritten."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = QTableWidget(0, 4, splitter)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Version"), self.tr("Saved by"), self.tr("Saved"), self.tr("Note")]
        )
        self.table.setAccessibleName(self.tr("Saved versions"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        right = QWidget(splitter)
        col = QVBoxLayout(right)
        col.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(right)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.changes = QPlainTextEdit(right)
        self.changes.setReadOnly(True)
        self.changes.setAccessibleName(self.tr("Changes"))
        col.addWidget(self.heading)
        col.addWidget(self.changes, 1)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 480])
        layout.addWidget(splitter, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(icon("undo"), self.tr("Restore This Version"), self)
        self.restore_button.setToolTip(self.tr("Save the selected version again as the newest version"))
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore)
        layout.addWidget(self.buttons)
        self.table.itemSelectionChanged.connect(self.show_selection)
        self.reload()

    def reload(self) -> None:
        """Read the versions afresh and select the newest."""
        try:
            self.kept = campaign_history(self.conn, self.name)
        except (LookupError, sqlite3.Error) as exc:
            log.error("reading the history of %r failed: %s", self.name, exc)
            self.kept = []
        self.table.setRowCount(len(self.kept))
        for row, v in enumerate(self.kept):
            cells = [str(v.version), saved_by_text(v.saved_by), saved_at_text(v.saved_at), note_label(v.note)]
            if v.name != self.name:
                cells[3] = (cells[3] + " · " if cells[3] else "") + self.tr("as “%1”").replace("%1", v.name)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        if self.kept:
            self.table.selectRow(0)
        self.show_selection()

    def select_versions(self, *numbers: int) -> None:
        """Select the given versions (as a user would with Ctrl+click)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, v in enumerate(self.kept):
            if v.version in numbers:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def selected(self) -> list[versions.Version]:
        """The selected versions, oldest first."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()}, reverse=True)
        return [self.kept[r] for r in rows if 0 <= r < len(self.kept)]

    def show_selection(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(len(chosen) == 1 and bool(self.kept) and chosen[0] is not self.kept[0])
        if len(chosen) == 1:
            newer = chosen[0]
            older = next((v for v in self.kept if v.version < newer.version), None)
            if older is None:
                self.heading.setText(self.tr("Version %1: the first saved version").replace("%1", str(newer.version)))
                self.changes.setPlainText(self._describe(newer))
                return
            self.heading.setText(
                self.tr("What version %1 changed (since version %2)")
                .replace("%1", str(newer.version))
                .replace("%2", str(older.version))
            )
        elif len(chosen) == 2:
            older, newer = chosen
            self.heading.setText(
                self.tr("From version %1 to version %2")
                .replace("%1", str(older.version))
                .replace("%2", str(newer.version))
            )
        else:
            self.heading.setText(self.tr("Select a version, or two to compare them."))
            self.changes.clear()
            return
        self.changes.setPlainText(self._compare(older, newer))

    def _compare(self, older: versions.Version, newer: versions.Version) -> str:
        try:
            lines = change_texts(older.campaign(), newer.campaign(), self.vibes_lists)
        except ValueError as exc:
            return self.tr("This version cannot be read: %1").replace("%1", str(exc).splitlines()[0])
        return bullets(lines, self.tr("No changes."))

    def _describe(self, first: versions.Version) -> str:
        try:
            campaign = first.campaign()
        except ValueError as exc:
            return self.tr("This version cannot be read: %1").replace("%1", str(exc).splitlines()[0])
        empty = Campaign(name=campaign.name)
        empty.settings = campaign.settings.model_copy(deep=True)  # said only when changed later
        return bullets(change_texts(empty, campaign, self.vibes_lists), self.tr("An empty campaign."))

    def _restore(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1 and self.restore_version(chosen[0].version):
            self.reload()
