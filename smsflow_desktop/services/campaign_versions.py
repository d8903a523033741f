"""Versions of campaigns and SMS messages: no silent overwrite, and every saved version kept.

A campaign (``campaigns.version``) and an SMS message (``sms_messages.version``) carry the
number of their last saved version, from 1. Whoever opens one remembers that number and
hands it back when saving (``base_version``); when the stored version has moved on since,
the save is refused with :class:`Conflict`, which carries what is stored now (theirs) so the
caller can show it, keep its own as a copy or reload. The check and the write are one
transaction (``BEGIN IMMEDIATE`` on SQLite, held by the caller) and the write itself is
guarded (``... WHERE id = ? AND version = ?``), so two savers can never both pass; the same
statements serve a PostgreSQL store.

Every saved version is kept, whole, in ``campaign_versions`` / ``message_versions`` with who
saved it (:func:`current_user`) and when, keyed by the campaign's or message's id, so a
rename or a delete keeps its history readable. History is never rewritten: restoring an old
version saves it as a new one, and the tables refuse updates and deletes. Nothing prunes it
(a version is a small JSON document). Saving what is already stored writes no new version.
"""

from __future__ import annotations

import getpass
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.services.store import dialect_of

Kind = Literal["campaign", "message"]

#: Notes a version may carry besides ``""`` (saved from the app or a script).
NOTE_EXISTING = "existing"  # present before versions were kept
NOTE_IMPORTED = "imported"  # written by a campaign file import
NOTE_COPY = "copy"  # saved as a copy of another campaign (after a conflict)
NOTE_LIST_RENAMED = "list_renamed"  # a static list it names was renamed
NOTE_RESTORED = "restored"  # "restored:N": version N saved again


@dataclass(frozen=True)
class _Table:
    table: str
    content: str
    history: str
    key: str


_TABLES: dict[Kind, _Table] = {
    "campaign": _Table("campaigns", "document", "campaign_versions", "campaign_id"),
    "message": _Table("sms_messages", "body", "message_versions", "message_id"),
}


@dataclass(frozen=True)
class Version:
    """One saved version of a campaign (``content``: its JSON document) or an SMS message
    (``content``: its text). ``saved_by`` is empty when nobody is known (versions from before
    versions were kept)."""

    kind: Kind
    item_id: int
    version: int
    name: str
    content: str
    saved_by: str
    saved_at: str
    note: str = ""

    def campaign(self) -> Campaign:
        """The campaign of this version (a campaign's version only)."""
        return Campaign.model_validate_json(self.content)

    def as_dict(self) -> dict[str, object]:
        """What ``smsflow campaign history --json`` lists of a version."""
        return {
            "version": self.version,
            "name": self.name,
            "saved_by": self.saved_by,
            "saved_at": self.saved_at,
            "note": self.note,
        }


class Conflict(ValueError):
    """A save refused because the campaign or message changed since it was opened.

    ``theirs`` is what the workspace holds now; ``base_version`` the version the saver had
    opened (0: it meant to create a new one). Nothing was written."""

    def __init__(self, kind: Kind, name: str, base_version: int, theirs: Version) -> None:
        self.kind = kind
        self.name = name
        self.base_version = base_version
        self.theirs = theirs
        what = "campaign" if kind == "campaign" else "SMS message"
        who = theirs.saved_by or "someone"
        if base_version == 0:
            text = f"a{'n' if kind == 'message' else ''} {what} called {theirs.name!r} already exists"
        else:
            text = f"{what} {name!r} was changed by {who} at {theirs.saved_at} since version {base_version} was opened"
        super().__init__(f"{text} (now version {theirs.version}); nothing was saved")


def current_user(conn: object = None) -> str:
    """Who is saving: on a PostgreSQL workspace the role that logged in (``session_user``), which a
    team gives each marketer (``current_user`` is the team's role when they work as it); on a
    SQLite workspace the operating system's user name ("" when it cannot be told)."""
    if conn is not None and dialect_of(conn) == "postgresql":
        return str(conn.execute("SELECT session_user").fetchone()[0])  # type: ignore[attr-defined]
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def note_text(note: str) -> str:
    """A version's note in English (the command line; the app says it in the user's language)."""
    if note.startswith(NOTE_RESTORED + ":"):
        return f"restored version {note.split(':', 1)[1]}"
    return {
        NOTE_EXISTING: "present before versions were kept",
        NOTE_IMPORTED: "imported from a campaign file",
        NOTE_COPY: "saved as a copy",
        NOTE_LIST_RENAMED: "a static list it names was renamed",
    }.get(note, note)


# -- reading ----------------------------------------------------------------------------------


def _version(kind: Kind, row: sqlite3.Row) -> Version:
    return Version(kind, int(row[0]), int(row[1]), str(row[2]), str(row[3]), str(row[4]), str(row[5]), str(row[6]))


def history(conn: sqlite3.Connection, kind: Kind, item_id: int) -> list[Version]:
    """Every saved version of the campaign or message ``item_id``, newest first."""
    t = _TABLES[kind]
    rows = conn.execute(
        f"SELECT {t.key}, version, name, {t.content}, saved_by, saved_at, note FROM {t.history} "
        f"WHERE {t.key} = ? ORDER BY version DESC",
        (item_id,),
    ).fetchall()
    return [_version(kind, r) for r in rows]


def get_version(conn: sqlite3.Connection, kind: Kind, item_id: int, version: int) -> Version | None:
    t = _TABLES[kind]
    row = conn.execute(
        f"SELECT {t.key}, version, name, {t.content}, saved_by, saved_at, note FROM {t.history} "
        f"WHERE {t.key} = ? AND version = ?",
        (item_id, version),
    ).fetchone()
    return _version(kind, row) if row is not None else None


def current(conn: sqlite3.Connection, kind: Kind, item_id: int) -> Version | None:
    """What the workspace holds now for ``item_id``, with who saved it and when (from its
    history; a row written around this module shows its own ``updated_at`` and nobody)."""
    t = _TABLES[kind]
    row = conn.execute(
        f"SELECT i.id, i.version, i.name, i.{t.content}, coalesce(h.saved_by, ''), "
        f"coalesce(h.saved_at, i.updated_at), coalesce(h.note, '') FROM {t.table} i "
        f"LEFT JOIN {t.history} h ON h.{t.key} = i.id AND h.version = i.version WHERE i.id = ?",
        (item_id,),
    ).fetchone()
    return _version(kind, row) if row is not None else None


def find_id(conn: sqlite3.Connection, kind: Kind, name: str) -> tuple[int, int] | None:
    """(id, version) of the campaign or message called ``name`` now, or None."""
    t = _TABLES[kind]
    row = conn.execute(f"SELECT id, version FROM {t.table} WHERE name = ?", (name,)).fetchone()
    return (int(row[0]), int(row[1])) if row is not None else None


def _renamed_since(conn: sqlite3.Connection, kind: Kind, name: str, version: int) -> int | None:
    """The id of the item that was called ``name`` at ``version`` and still exists (under another name)."""
    t = _TABLES[kind]
    row = conn.execute(
        f"SELECT h.{t.key} FROM {t.history} h JOIN {t.table} i ON i.id = h.{t.key} "
        f"WHERE h.name = ? AND h.version = ? ORDER BY h.saved_at DESC LIMIT 1",
        (name, version),
    ).fetchone()
    return int(row[0]) if row is not None else None


# -- writing (inside the caller's transaction) ----------------------------------------------------


def record(
    conn: sqlite3.Connection, kind: Kind, item_id: int, version: int, name: str, content: str, now: str, note: str = ""
) -> None:
    """Keep ``version`` of ``item_id`` in its history."""
    t = _TABLES[kind]
    conn.execute(
        f"INSERT INTO {t.history}({t.key}, version, name, {t.content}, saved_by, saved_at, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (item_id, version, name, content, current_user(conn), now, note),
    )


def write(
    conn: sqlite3.Connection,
    kind: Kind,
    key: str,
    name: str,
    content: str,
    now: str,
    *,
    base_version: int | None,
    check_name: Callable[[str], None],
    note: str = "",
) -> int:
    """Save ``content`` under ``name`` over the item now called ``key`` (a rename when they
    differ), or as a new item; returns the version written (the stored one when nothing
    changed). ``base_version``: the version the saver opened (0: none, it is new), checked
    against the stored one (:class:`Conflict`); None saves without checking. ``check_name``
    refuses a new name. Call inside a write transaction."""
    t = _TABLES[kind]
    row = conn.execute(f"SELECT id, name, {t.content}, version FROM {t.table} WHERE name = ?", (key,)).fetchone()
    if row is None and base_version:
        moved = _renamed_since(conn, kind, key, base_version)
        if moved is not None:  # renamed by someone else since it was opened
            theirs = current(conn, kind, moved)
            assert theirs is not None
            raise Conflict(kind, key, base_version, theirs)
    if row is not None:
        item_id, stored_name, stored, stored_version = int(row[0]), row[1], row[2], int(row[3])
        if stored == content and stored_name == name:
            return stored_version  # nothing to save: it holds exactly this
        if base_version is not None and base_version != stored_version:
            theirs = current(conn, kind, item_id)
            assert theirs is not None
            raise Conflict(kind, key, base_version, theirs)
        if key != name:
            check_name(name)
        cur = conn.execute(
            f"UPDATE {t.table} SET name = ?, {t.content} = ?, updated_at = ?, version = version + 1 "
            "WHERE id = ? AND version = ?",
            (name, content, now, item_id, stored_version),
        )
        if cur.rowcount != 1:  # a store without BEGIN IMMEDIATE's lock: someone saved in between
            theirs = current(conn, kind, item_id)
            assert theirs is not None
            raise Conflict(kind, key, stored_version, theirs)
        version = stored_version + 1
    else:
        check_name(name)
        item_id = new_id(conn, kind)
        version = 1
        extra = ", created_at" if kind == "campaign" else ""
        conn.execute(
            f"INSERT INTO {t.table}(id, name, {t.content}, updated_at, version{extra}) "
            f"VALUES (?, ?, ?, ?, 1{', ?' if extra else ''})",
            (item_id, name, content, now, *((now,) if extra else ())),
        )
    record(conn, kind, item_id, version, name, content, now, note)
    return version


def new_id(conn: sqlite3.Connection, kind: Kind) -> int:
    """An id no campaign (message) has had: above every id in the table and in its history,
    so a deleted one's history never becomes a new one's."""
    t = _TABLES[kind]
    row = conn.execute(
        f"SELECT max(n) + 1 FROM (SELECT coalesce(max(id), 0) AS n FROM {t.table} "
        f"UNION ALL SELECT coalesce(max({t.key}), 0) AS n FROM {t.history}) AS ids"
    ).fetchone()
    return int(row[0])


def bump(conn: sqlite3.Connection, kind: Kind, item_id: int, content: str, now: str, note: str) -> int:
    """Save new ``content`` for ``item_id`` as its next version without a base to check (a
    change that follows from another, such as renaming a static list it names); returns it."""
    t = _TABLES[kind]
    conn.execute(
        f"UPDATE {t.table} SET {t.content} = ?, updated_at = ?, version = version + 1 WHERE id = ?",
        (content, now, item_id),
    )
    row = conn.execute(f"SELECT name, version FROM {t.table} WHERE id = ?", (item_id,)).fetchone()
    record(conn, kind, item_id, int(row[1]), str(row[0]), content, now, note)
    return int(row[1])
