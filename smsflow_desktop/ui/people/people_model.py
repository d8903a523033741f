"""The workspace's people as a lazy table model over ``services.people.search_people``.

Rows come :data:`PAGE` at a time through ``fetchMore``, paged by person id (``after_id``),
so the last page of a million people costs what the first does. Only the ids are kept for
every row loaded; the cells of recently drawn pages sit in a small LRU and an evicted page
is read again by id. A search term narrows to the people ``services.people.people_match``
finds: every word anywhere in the name, e-mail or number, a number in any spelling.
"""

from __future__ import annotations

import logging
import sqlite3
from array import array
from collections import OrderedDict

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt

from smsflow_desktop.model.translatable import QT_TRANSLATE_NOOP
from smsflow_desktop.services.people import search_people
from smsflow_desktop.ui import theme
from smsflow_desktop.ui.id_table_model import IdTableModel, Index

log = logging.getLogger(__name__)
PAGE = 200
CACHED_PAGES = 64
FLAG_LABELS = {
    "blocklisted": QT_TRANSLATE_NOOP("PeopleModel", "Blocklisted"),
    "unsubscribed": QT_TRANSLATE_NOOP("PeopleModel", "Unsubscribed"),
    "marketing_suspended": QT_TRANSLATE_NOOP("PeopleModel", "Suspended"),
    "invalid": QT_TRANSLATE_NOOP("PeopleModel", "Invalid number"),
    "missing": QT_TRANSLATE_NOOP("PeopleModel", "No number"),
}


def person_flags(person: dict[str, object]) -> list[str]:
    """Keys of the flags that keep a person from being texted (see :data:`FLAG_LABELS`)."""
    flags = [k for k in ("blocklisted", "unsubscribed", "marketing_suspended") if person.get(k)]
    if not person.get("phone_valid"):
        flags.append("invalid" if person.get("phone_raw") else "missing")
    return flags


def flag_text(flags: list[str]) -> str:
    return " · ".join(QCoreApplication.translate("PeopleModel", FLAG_LABELS[f]) for f in flags)


class PeopleModel(IdTableModel):
    """People matching a search, by internal id."""

    HEADERS = (
        QT_TRANSLATE_NOOP("PeopleModel", "Name"),
        QT_TRANSLATE_NOOP("PeopleModel", "Email"),
        QT_TRANSLATE_NOOP("PeopleModel", "Mobile number"),
        QT_TRANSLATE_NOOP("PeopleModel", "Country"),
        QT_TRANSLATE_NOOP("PeopleModel", "City"),
        QT_TRANSLATE_NOOP("PeopleModel", "Flags"),
    )
    TR_CONTEXT = "PeopleModel"

    def __init__(self, conn: sqlite3.Connection | None, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.conn = conn
        self.query = ""
        self.ids = array("q")
        self.done = conn is None
        self.pages: OrderedDict[int, list[dict[str, object]]] = OrderedDict()

    def set_query(self, text: str) -> None:
        self.beginResetModel()
        self.query = " ".join(text.split())
        self.ids = array("q")
        self.pages.clear()
        self.done = self.conn is None
        self.endResetModel()

    def _search(self, after_id: int | None, limit: int = PAGE) -> list[dict[str, object]]:
        assert self.conn is not None
        try:
            return search_people(self.conn, self.query, limit=limit, after_id=after_id)
        except sqlite3.Error as exc:
            log.warning("people search failed: %s", exc)
            return []

    # -- Qt model --------------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self.done

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid() or self.done or self.conn is None:
            return
        rows = self._search(self.ids[-1] if self.ids else None, PAGE + 1)  # one more: is there a next page?
        if len(rows) <= PAGE:
            self.done = True
        rows = rows[:PAGE]
        if not rows:
            return
        page = len(self.ids) // PAGE
        first = len(self.ids)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self.ids.extend(int(r["id"]) for r in rows)  # type: ignore[call-overload]
        self.endInsertRows()
        self._remember(page, rows)

    def _remember(self, page: int, rows: list[dict[str, object]]) -> None:
        self.pages[page] = rows
        self.pages.move_to_end(page)
        if len(self.pages) > CACHED_PAGES:
            self.pages.popitem(last=False)

    def person(self, row: int) -> dict[str, object] | None:
        """The person on ``row`` (all their columns), reading the page again when it was dropped."""
        if not 0 <= row < len(self.ids) or self.conn is None:
            return None
        page = row // PAGE
        rows = self.pages.get(page)
        if rows is None:
            rows = self._search(self.ids[page * PAGE] - 1)
            self._remember(page, rows)
        else:
            self.pages.move_to_end(page)
        offset = row - page * PAGE
        if offset < len(rows) and rows[offset]["id"] == self.ids[row]:
            return rows[offset]
        return next((r for r in rows if r["id"] == self.ids[row]), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.UserRole):
            return None
        p = self.person(index.row())
        if p is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return p["id"]
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole:
            return theme.color("danger_text") if column == 5 else None
        if column == 0:
            return f"{p.get('first_name') or ''} {p.get('last_name') or ''}".strip() or "—"
        if column == 1:
            return p.get("email") or ""
        if column == 2:
            return p.get("phone_e164") or p.get("phone_raw") or ""
        if column == 3:
            return p.get("country") or ""
        if column == 4:
            return p.get("city") or ""
        return flag_text(person_flags(p))
