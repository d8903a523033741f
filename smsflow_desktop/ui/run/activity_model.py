"""A run's activity log as a lazy table model: fast at a million rows, never all in memory.

:class:`ActivityModel` keeps only the ids of the rows found so far (8 bytes each, in an
``array``) and the cells of the pages the view recently drew (an LRU of
:data:`PAGE`-row pages). Rows arrive through Qt's ``canFetchMore``/``fetchMore``: each call
walks the log by id in bounded windows (:func:`activity_query.ids_after`) for at most
:data:`FETCH_BUDGET_S`, so a rare filter never stalls the GUI; when a call ends without
rows it schedules the next slice itself (the view asks again only after rows arrive).

The log is a record, kept as the engine wrote it (English); a detail whose form the app knows
is shown in the app's language (:func:`detail_text`): a skip's reason, the limit a number
reached, a deferral's state or country rules.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from array import array
from collections import OrderedDict

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal

from smsflow_desktop.model.translatable import QT_TRANSLATE_NOOP
from smsflow_desktop.services.compliance.policy import read_deferral_detail, read_limit_detail
from smsflow_desktop.services.engine import activity_query
from smsflow_desktop.services.engine.activity_query import ActivityFilter
from smsflow_desktop.ui.id_table_model import IdTableModel, Index
from smsflow_desktop.ui.labels import activity_label, reason_label
from smsflow_desktop.ui.run.compliance_words import deferral_text, limit_detail_text

log = logging.getLogger(__name__)
PAGE = 200
FETCH_ROWS = 1000
WINDOW_IDS = 20_000
FETCH_BUDGET_S = 0.015
CACHED_PAGES = 64
_REASON = re.compile(r"^[a-z_]+$")


def detail_text(kind: str, detail: str) -> str:
    """The detail of an activity of type ``kind`` in the app's language where its form is known
    (``frequency_limit: 3 texts in the last 24 hours (workspace limit)``, ``quiet hours
    (Florida (US-FL): all 08:00-20:00): until …``); else as logged."""
    if kind == "Skipped":
        code, said, rest = detail.partition(": ")
        if not said or not _REASON.match(code):
            return reason_label(detail)
        limit = read_limit_detail(rest) if code == "frequency_limit" else None
        return f"{reason_label(code)}: {limit_detail_text(limit) if limit is not None else rest}"
    if kind == "Deferred":
        deferral = read_deferral_detail(detail)
        if deferral is not None:
            return deferral_text(*deferral)
    return detail


class ActivityModel(IdTableModel):
    """Rows of one run's activity log matching an :class:`ActivityFilter`."""

    loading_changed = Signal(bool)  # True while more rows may still be found

    HEADERS = (
        QT_TRANSLATE_NOOP("ActivityModel", "When"),
        QT_TRANSLATE_NOOP("ActivityModel", "Type"),
        QT_TRANSLATE_NOOP("ActivityModel", "Person"),
        QT_TRANSLATE_NOOP("ActivityModel", "Mobile number"),
        QT_TRANSLATE_NOOP("ActivityModel", "Step"),
        QT_TRANSLATE_NOOP("ActivityModel", "Detail"),
    )
    TR_CONTEXT = "ActivityModel"
    _COLUMN_OF = (1, 2, 4, 5, 6, 7)  # index into activity_query.COLUMNS per shown column

    def __init__(self, conn: sqlite3.Connection | None, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.conn = conn
        self.filter: ActivityFilter | None = None
        self.ids = array("q")
        self.after = 0
        self.end = 0
        self.pages: OrderedDict[int, dict[int, tuple[object, ...]]] = OrderedDict()
        self.fetches = 0
        self._continue = QTimer(self)
        self._continue.setSingleShot(True)
        self._continue.setInterval(0)
        self._continue.timeout.connect(self._fetch_slice)

    # -- filter ----------------------------------------------------------------------------
    def set_filter(self, flt: ActivityFilter | None) -> None:
        """Show the rows matching ``flt`` (None: nothing), starting from the oldest."""
        self.beginResetModel()
        self.filter = flt
        self.ids = array("q")
        self.pages.clear()
        self.after = 0
        self.end = 0
        if flt is not None and self.conn is not None:
            try:
                self.end = activity_query.last_id(self.conn, flt.run_id)
            except sqlite3.Error as exc:
                log.warning("cannot read the activity log: %s", exc)
        self.endResetModel()
        self.loading_changed.emit(self.canFetchMore())

    def refresh(self) -> None:
        """Look for rows logged since (a run still going): they are appended as the view asks."""
        if self.filter is None or self.conn is None:
            return
        self.end = activity_query.last_id(self.conn, self.filter.run_id)
        self.loading_changed.emit(self.canFetchMore())

    # -- Qt model --------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self.filter is not None and self.after < self.end

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not parent.isValid():
            self._fetch_slice()

    def _fetch_slice(self) -> None:
        if not self.canFetchMore() or self.conn is None or self.filter is None:
            return
        started = time.perf_counter()
        found: list[int] = []
        try:
            while len(found) < FETCH_ROWS and self.after < self.end:
                ids, self.after = activity_query.ids_after(
                    self.conn, self.filter, self.after, limit=FETCH_ROWS - len(found), window=WINDOW_IDS
                )
                found += ids
                if time.perf_counter() - started > FETCH_BUDGET_S:
                    break
        except sqlite3.Error as exc:
            log.warning("cannot read the activity log: %s", exc)
            self.after = self.end
        self.fetches += 1
        if found:
            first = len(self.ids)
            self.beginInsertRows(QModelIndex(), first, first + len(found) - 1)
            self.ids.extend(found)
            self.endInsertRows()
        if self.canFetchMore() and not found:
            self._continue.start()  # nothing in this slice: look further on the next turn
        else:
            self.loading_changed.emit(self.canFetchMore())

    def fetch_all_for_tests(self) -> None:
        """Fetch until the whole filtered log is in (tests and small logs only)."""
        while self.canFetchMore():
            self._fetch_slice()

    def row_cells(self, row: int) -> tuple[object, ...] | None:
        """The cells of ``row`` (see ``activity_query.COLUMNS``), reading its page when needed."""
        if not 0 <= row < len(self.ids) or self.conn is None:
            return None
        page = row // PAGE
        cells = self.pages.get(page)
        if cells is None:
            ids = list(self.ids[page * PAGE : (page + 1) * PAGE])
            try:
                cells = activity_query.rows_for_ids(self.conn, ids)
            except sqlite3.Error as exc:
                log.warning("cannot read the activity log: %s", exc)
                cells = {}
            self.pages[page] = cells
            if len(self.pages) > CACHED_PAGES:
                self.pages.popitem(last=False)
        else:
            self.pages.move_to_end(page)
        return cells.get(self.ids[row])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        cells = self.row_cells(index.row())
        if cells is None:
            return None
        value = cells[self._COLUMN_OF[index.column()]]
        if value is None:
            return ""
        if index.column() == 0:
            return str(value).replace("T", " ").replace("Z", "")
        if index.column() == 1:
            return activity_label(str(value))
        if index.column() == 5:
            return detail_text(str(cells[2]), str(value))
        return str(value)
