"""The People page: every person in the workspace, searchable, with one person's details beside.

The table is :class:`ui.people.people_model.PeopleModel` (lazy, paged by id through
``services.people.search_people``, fast at a million people); the search box finds every
word typed anywhere in a name, e-mail address or number, and a number in any spelling. The
counts above come from ``services.people.workspace_counts``. Import People CSV… opens the
import wizard. Erase person… in the person pane asks first (``ui.people.erasure``), erases
through the service ``smsflow people erase`` uses, and shows the person again, erased.
"""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.services.people import workspace_counts
from smsflow_desktop.ui.labels import number
from smsflow_desktop.ui.people.erasure import ask_erase, erase_in_workspace
from smsflow_desktop.ui.people.people_model import PeopleModel
from smsflow_desktop.ui.people.person_pane import PersonPane
from smsflow_desktop.ui.qt_util import to_int
from smsflow_desktop.ui.resources import icon

log = logging.getLogger(__name__)


class PeopleView(QWidget):
    """Search and browse people; the chosen one's details on the right."""

    import_requested = Signal()
    #: People were changed here (an erasure): what else shows them may read them again.
    people_changed = Signal()

    def __init__(self, conn: sqlite3.Connection | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conn = conn
        col = QVBoxLayout(self)
        col.setContentsMargins(20, 14, 20, 14)
        col.setSpacing(10)
        head = QHBoxLayout()
        title = QLabel(self.tr("People"), self)
        title.setObjectName("WelcomeTitle")
        head.addWidget(title)
        head.addSpacing(12)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search by name, e-mail or mobile number"))
        self.search.setAccessibleName(self.tr("Search people"))
        self.search.setToolTip(
            self.tr(
                "Any part of a name, e-mail address or number, words in any order; a number in any "
                "spelling, such as 070-123 45 67 or +46 70 123 45 67"
            )
        )
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        head.addWidget(self.search, 1)
        self.import_button = QPushButton(icon("import"), self.tr("Import People CSV…"), self)
        self.import_button.clicked.connect(self.import_requested)
        head.addWidget(self.import_button)
        col.addLayout(head)
        self.counts = QLabel(self)
        self.counts.setObjectName("Muted")
        self.counts.setWordWrap(True)
        col.addWidget(self.counts)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)
        self.model = PeopleModel(conn, self)
        self.table = QTableView(split)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("People in the workspace"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Wide enough for each heading in the language shown ("Country", "Flags" whole, not "Countr").
        room = 2 * header.style().pixelMetric(header.style().PixelMetric.PM_HeaderMargin, None, header) + 12
        titles = [str(self.model.headerData(c, Qt.Orientation.Horizontal)) for c in range(self.model.columnCount())]
        header.setMinimumSectionSize(header.fontMetrics().horizontalAdvance(titles[-1]) + room)  # the last stretches
        for c, width in enumerate((150, 190, 130, 70, 100, 120)):
            header.resizeSection(c, max(width, header.fontMetrics().horizontalAdvance(titles[c]) + room))
        header.setStretchLastSection(True)
        self.pane = PersonPane(conn, split)
        self.pane.erase_requested.connect(self.erase)
        split.addWidget(self.table)
        split.addWidget(self.pane)
        split.setSizes([840, 440])
        col.addWidget(split, 1)
        self.found = QLabel(self)
        self.found.setObjectName("Muted")
        col.addWidget(self.found)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.table.selectionModel().selectionChanged.connect(self._chosen)
        self.model.rowsInserted.connect(lambda *_: self._update_found())
        self.model.modelReset.connect(self._update_found)
        self.refresh()

    def refresh(self, keep: int | None = None) -> None:
        """Re-read the counts and the table (after an import); ``keep``: the person to show
        again (selected when the search still finds them)."""
        if self.conn is not None:
            try:
                c = workspace_counts(self.conn)
            except sqlite3.Error as exc:
                log.warning("cannot count people: %s", exc)
                c = None
            if c is not None:
                self.counts.setText(
                    self.tr(
                        "%1 people · %2 with a valid mobile number · %3 without one · %4 blocklisted · "
                        "%5 unsubscribed · %6 marketing suspended"
                    )
                    .replace("%1", number(c["people"]))
                    .replace("%2", number(c["valid_phone"]))
                    .replace("%3", number(c["people"] - c["valid_phone"]))
                    .replace("%4", number(c["blocklisted"]))
                    .replace("%5", number(c["unsubscribed"]))
                    .replace("%6", number(c["marketing_suspended"]))
                )
        self.apply_search(keep)

    def apply_search(self, keep: int | None = None) -> None:
        self._timer.stop()
        loaded = self.model.rowCount()
        self.model.set_query(self.search.text())
        if self.model.canFetchMore():
            self.model.fetchMore()
        if keep is not None:
            while keep not in self.model.ids and self.model.rowCount() < loaded and self.model.canFetchMore():
                self.model.fetchMore()  # as far down as the table was, where the person was
            if keep in self.model.ids:
                self.table.selectRow(self.model.ids.index(keep))
                self.table.scrollTo(self.model.index(self.model.ids.index(keep), 0))
            else:  # the search no longer finds them (an erased person has no name left to find)
                self.table.clearSelection()
                self.pane.show_person(keep)
            return
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.pane.show_person(None)

    def _update_found(self) -> None:
        n = self.model.rowCount()
        more = self.model.canFetchMore()
        if not self.model.query:
            self.found.setText(self.tr("Scroll for more people.") if more else "")
        elif n == 0:
            self.found.setText(
                self.tr(
                    "Nobody matches “%1” (each word is looked for in names, e-mail addresses and numbers)."
                ).replace("%1", self.model.query)
            )
        else:
            self.found.setText(
                (self.tr("%1 found so far; scroll for more.") if more else self.tr("%1 found.")).replace(
                    "%1", number(n)
                )
            )

    def erase(self, person_id: int) -> None:
        """Erase ``person_id`` once the user confirmed; a refusal is said in the person pane."""
        if self.conn is None or not ask_erase(self, self.pane.name.text()):
            return
        problem = erase_in_workspace(self.conn, person_id)
        if problem is not None:
            self.pane.show_problem(problem)
            return
        self.refresh(keep=person_id)
        self.people_changed.emit()

    def _chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        person_id = self.model.data(rows[0], Qt.ItemDataRole.UserRole) if rows else None
        self.pane.show_person(to_int(person_id) if person_id is not None else None)
