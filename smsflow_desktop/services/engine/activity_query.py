"""Reading the activity log a window at a time, for tables that must stay fast at a million rows.

A run's log is read by id: :func:`ids_after` returns the next matching ids after a given
id, looking at no more than ``window`` ids of the run (the ``activity_run`` index holds
``(run_id, id)``), so one call costs the same however rare the filter is;
:func:`rows_for_ids` reads the cells for the ids a table shows. Nothing reads a whole
log except :func:`count_activity`, which callers run off the GUI thread. A filter narrows
by type and by a search term: the people it finds (``services.people.people_match``: every
word anywhere in the name, e-mail or number, a number in any spelling), or text anywhere in
the number, the type or the detail.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from smsflow_desktop.services.people import people_match

COLUMNS = ("id", "at", "type", "person_id", "name", "mdn", "step_index", "detail")
_CELLS = (
    "SELECT a.id, a.at, a.type, a.person_id, trim(coalesce(p.first_name, '') || ' ' || "
    "coalesce(p.last_name, '')), a.mdn, a.step_index, a.detail FROM activity a "
    "LEFT JOIN people p ON p.id = a.person_id"
)


@dataclass(frozen=True)
class ActivityFilter:
    """Which rows of a run's log to show ("" = any type / no search)."""

    run_id: int
    type: str = ""
    search: str = ""


def _escape(text: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", text)


def _conditions(
    conn: sqlite3.Connection, flt: ActivityFilter, window: tuple[int, int] | None = None
) -> tuple[str, list[object]]:
    """The filter's conditions on ``activity a``. With ``window`` (ids after the first, up to the
    second), the people the search finds are looked up only between the smallest and the largest
    person id of those rows: a common word ("gmail") then costs what the window holds, not the
    whole workspace, on every call."""
    sql = ""
    args: list[object] = []
    if flt.type:
        sql += " AND a.type = ?"
        args.append(flt.type)
    term = " ".join(flt.search.split())
    if term:
        anywhere = f"%{_escape(term)}%"
        sql += " AND (a.mdn LIKE ? ESCAPE '\\' OR a.detail LIKE ? ESCAPE '\\' OR a.type LIKE ? ESCAPE '\\'"
        args += [anywhere, anywhere, anywhere]
        people = people_match(conn, term)
        if people is not None:
            span = ""
            if window is not None:
                rows = "FROM activity WHERE run_id = ? AND id > ? AND id <= ?"
                span = f" AND {people.order} BETWEEN (SELECT min(person_id) {rows}) AND (SELECT max(person_id) {rows})"
            sql += f" OR a.person_id IN ({people.ids}{span})"
            args += people.args
            if window is not None:
                args += [flt.run_id, *window, flt.run_id, *window]
        sql += ")"
    return sql, args


def last_id(conn: sqlite3.Connection, run_id: int) -> int:
    """The largest activity id of the run (0 when it logged nothing)."""
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM activity WHERE run_id = ?", (run_id,)).fetchone()[0])


def ids_after(
    conn: sqlite3.Connection, flt: ActivityFilter, after_id: int, *, limit: int, window: int
) -> tuple[list[int], int]:
    """Up to ``limit`` matching ids above ``after_id``, looking at ids up to ``after_id + window``.

    Returns the ids and the id the next call should start after (the last id returned when
    ``limit`` was reached, else the end of the window)."""
    upto = after_id + max(1, window)
    extra, args = _conditions(conn, flt, (after_id, upto))
    ids = [
        r[0]
        for r in conn.execute(
            f"SELECT a.id FROM activity a WHERE a.run_id = ? AND a.id > ? AND a.id <= ?{extra} ORDER BY a.id LIMIT ?",
            [flt.run_id, after_id, upto, *args, max(1, limit)],
        )
    ]
    return ids, (ids[-1] if len(ids) >= limit else upto)


def rows_for_ids(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[object, ...]]:
    """The cells (see :data:`COLUMNS`) of the given activity rows, by id."""
    out: dict[int, tuple[object, ...]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"{_CELLS} WHERE a.id IN ({marks})", chunk):
            out[int(row[0])] = tuple(row)
    return out


def count_activity(conn: sqlite3.Connection, flt: ActivityFilter) -> int:
    """How many rows match (reads the whole run's log: off the GUI thread for big runs)."""
    extra, args = _conditions(conn, flt)
    return int(
        conn.execute(f"SELECT count(*) FROM activity a WHERE a.run_id = ?{extra}", [flt.run_id, *args]).fetchone()[0]
    )


@dataclass(frozen=True)
class PersonActivity:
    """One line of a person's history."""

    at: str
    type: str
    campaign: str
    run_id: int | None
    step_index: int | None
    mdn: str
    detail: str


def person_activity(conn: sqlite3.Connection, person_id: int, *, limit: int = 200) -> list[PersonActivity]:
    """The person's latest activity across every run, newest first."""
    rows = conn.execute(
        "SELECT a.at, a.type, coalesce(r.campaign_name, ''), a.run_id, a.step_index, coalesce(a.mdn, ''), a.detail "
        "FROM activity a LEFT JOIN runs r ON r.id = a.run_id WHERE a.person_id = ? ORDER BY a.id DESC LIMIT ?",
        (person_id, max(0, int(limit))),
    ).fetchall()
    return [PersonActivity(*tuple(r)) for r in rows]
