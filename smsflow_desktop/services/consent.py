"""Consent on record: the append-only consent log, where each of its entries comes from, and reading it.

Every opt-in and opt-out the workspace learns of is one row of ``consent_log`` (schema
migration "consent log"): the number, the Vibes list (or acquisition campaign), the person for
a person-level flag, what happened (:data:`EVENTS`), when it happened (``at``) and when the
workspace learned of it (``learned_at``), the source (:data:`SOURCES`) and its proof: the reply
text, ``people.csv line 12``, the callback's event id, the run and step.

**Nothing is missed.** The rows are written by database triggers on the tables every writer
goes through (``vibes_memberships``, ``vibes_participants`` and the flags of ``people``), in the
writer's own transaction, so no path (an importer, a callback, the embedded emulator, a run,
a future feature, a hand edit) can change consent without a row. A trigger does not know the
proof, so the writer states it first with :func:`consent_source`, inside its transaction: the
source and proof go into the small ``consent_context`` table, which the triggers read, and
which is emptied again before the transaction ends (a context is never left behind for another
writer: SQLite lets one writer at a time in, and the context lives and dies in its
transaction). Proofs for single rows of a bulk write (a file's lines) are keyed by the row
(:func:`membership_key`, :func:`person_key`, :func:`participant_key`); a row without one takes
the writer's general proof. A change no writer explained is recorded with the source
``manual`` (a direct edit of the workspace). The few entries that touch none of those tables
(an erasure, an erased number coming back) are written by :func:`record_consent`.

**Bulk membership writes.** A trigger runs as a statement of its own for every row, which costs a
bulk writer (an extract of many thousand members) most of its time.
:meth:`ConsentContext.write_memberships` writes a batch's entries in one statement instead: it puts
the batch's memberships, their proofs and what each membership was before in ``consent_batch``,
which the membership triggers read to leave exactly those memberships to it; after the batch it
writes an entry for each membership that changed as a trigger would have (the same rule for what
is a change, the same values), in the batch's order, and empties the table again, also when the
batch fails part way. Any other membership written meanwhile still has its entry from the triggers.

**Nothing deletes it.** Triggers refuse every ``DELETE`` and every ``UPDATE`` of the log with
one exception: an erasure (``services.erasure``) replaces the plain number of the erased
number's entries by the number's salted hash (``mdn`` NULL, ``number_hash`` set, nothing else
changed). The entries stay, so the proof that the number opted out (and when, and how) is kept,
and the log can still be searched by that number (:func:`number_hash` of the number asked
about) but no longer read for it. Hashing every entry from the start would hide nothing (the
number stays in the people and Vibes tables until an erasure) and a trigger cannot hash, so
only an erasure hashes. The hash is HMAC-SHA256 with the workspace's own random salt (made
when the log is created, stored in ``settings``; not a secret): it keeps numbers out of sight
and apart between workspaces, but with the salt a determined reader could try every number of
a country, so it is pseudonymisation, not anonymity.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import secrets
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from smsflow_desktop.services.engine.csv_safe import write_csv

#: Where the workspace learned of an entry.
SOURCES = (
    "existing",  # present before the consent log was made
    "import",  # a People CSV's flag columns
    "extract",  # a Vibes extract file
    "callback",  # a Vibes callback
    "emulator",  # the embedded emulator's own news (a seeded subscription, an API opt-in)
    "emulator_reply",  # a text sent to the embedded emulator (STOP, Y, a keyword)
    "run",  # a campaign run's Subscribe / Unsubscribe step, or Vibes' answer to it
    "demo",  # the demo workspace's made-up history
    "erasure",  # an erasure request
    "manual",  # a change no writer explained (a direct edit of the workspace)
)
#: What happened. Opt-ins and opt-outs are per Vibes list; confirmations per acquisition
#: campaign; the flags and an erasure per person.
EVENTS = (
    "opt_in",
    "opt_out",
    "confirmation_requested",
    "confirmed",
    "declined",
    "confirmation_expired",
    "blocklisted",
    "unblocklisted",
    "unsubscribed",
    "resubscribed",
    "marketing_suspended",
    "marketing_resumed",
    "erased",
)
SALT_KEY = "consent.number_salt"
DEFAULT_LIMIT = 200
EXPORT_HEADER = (
    "at",
    "learned_at",
    "number",
    "number_hash",
    "vibes_list",
    "acquisition_campaign",
    "person_id",
    "event",
    "description",
    "source",
    "proof",
    "reason",
)
T = TypeVar("T")
_COLUMNS = "id, at, learned_at, mdn, number_hash, list_id, acquisition_id, person_id, event, source, proof, reason"


# -- where an entry comes from ----------------------------------------------------------------------------


def membership_key(list_id: str, mdn: str) -> str:
    """The context key of one ``vibes_memberships`` row (as the triggers build it)."""
    return f"m:{list_id} {mdn}"


def participant_key(acquisition_id: str, mdn: str) -> str:
    """The context key of one ``vibes_participants`` row."""
    return f"a:{acquisition_id} {mdn}"


def person_key(*, external_id: str | None = None, phone_raw: str | None = None) -> str:
    """The context key of one person: by external id when there is one, else by the number as
    written (the triggers try the external id first)."""
    if external_id:
        return f"x:{external_id}"
    return f"r:{phone_raw or ''}"


class ConsentContext:
    """What the triggers record as the source and proof of the rows written while it is open."""

    def __init__(self, conn: sqlite3.Connection, source: str) -> None:
        self.conn = conn
        self.source = source

    def set(self, proof: str, *, source: str | None = None, opt_in_event: str | None = None) -> None:
        """The proof (and maybe the source, and what an opt-in is called) of what follows."""
        if source is not None:
            self.source = source
        self.conn.execute(
            "UPDATE consent_context SET proof = ?, source = ?, opt_in_event = ? WHERE key = ''",
            (proof, self.source, opt_in_event),
        )

    def row_proofs(self, proofs: dict[str, str]) -> None:
        """Proofs of single rows (key -> proof) for the next write, replacing earlier ones."""
        self.conn.execute("DELETE FROM consent_context WHERE key != ''")
        if proofs:
            self.conn.executemany(
                "INSERT INTO consent_context(key, source, proof) VALUES (?, ?, ?)",
                [(key, self.source, proof) for key, proof in proofs.items()],
            )

    def write_memberships(
        self,
        sql: str,
        rows: Sequence[Mapping[str, Any]],
        membership: Callable[[Mapping[str, Any]], tuple[str, str]],
        proof: Callable[[Mapping[str, Any]], str],
    ) -> int:
        """``executemany(sql, rows)``, where each row's statement writes (inserts or upserts, never
        replaces or deletes) only the membership ``membership(row)`` (list id, number), with the
        consent entries of the changes written per batch (see the module notes), each with the
        proof ``proof(row)``; a membership twice in ``rows`` is written in parts. Returns the rows
        changed (as ``executemany`` counts them)."""
        items = [(membership(row), proof(row)) for row in rows]
        keys = [membership_key(list_id, mdn) for (list_id, mdn), _ in items]
        changed = 0
        for start, end in unique_runs(range(len(items)), keys.__getitem__):
            self.conn.executemany(
                "INSERT INTO consent_batch(list_id, mdn, pos, source, proof) VALUES (?, ?, ?, ?, ?)",
                [(*items[i][0], i, self.source, items[i][1]) for i in range(start, end)],
            )
            failed = True
            try:
                self.conn.execute(_BATCH_BEFORE)
                changed += self.conn.executemany(sql, rows[start:end]).rowcount
                failed = False
            finally:
                # entries for what a failed batch wrote before it failed too, unless the failure
                # took the transaction with it
                with contextlib.suppress(sqlite3.Error) if failed else contextlib.nullcontext():
                    try:
                        self.conn.execute(_BATCH_ENTRIES)
                    finally:
                        self.conn.execute("DELETE FROM consent_batch")
        return changed


#: What each membership of the batch was before it (``existed`` 0: there was none).
#: (CROSS JOIN: on SQLite the batch drives, the memberships are looked up, whatever their number;
#: the join's condition is in WHERE, as PostgreSQL takes no ON after a CROSS JOIN.)
_BATCH_BEFORE = (
    "UPDATE consent_batch SET existed = 1, old_active = m.active, old_opt_in_date = m.opt_in_date, "
    "old_opt_out_date = m.opt_out_date, old_opt_out_reason = m.opt_out_reason "
    "FROM (SELECT b.list_id AS b_list, b.mdn AS b_mdn, v.* FROM consent_batch b CROSS JOIN vibes_memberships v "
    "WHERE v.list_id = b.list_id AND v.mdn = b.mdn) AS m "
    "WHERE consent_batch.list_id = m.b_list AND consent_batch.mdn = m.b_mdn"
)
#: The entries the membership triggers would have written for the batch (schema: "consent log" and
#: "consent entries of a batch"): one for each new membership and for each whose change is a consent
#: change (the update trigger's rule, with the membership before the batch as OLD), with the same
#: values (a row's proof shadows the writer's context there, so its ``learned_at`` is the time written
#: and an opt-in is called ``opt_in``), in the batch's order.
_BATCH_ENTRIES = """
INSERT INTO consent_log(at, learned_at, mdn, list_id, event, source, proof, reason)
    SELECT coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', d.at), d.at), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
           d.mdn, d.list_id, CASE WHEN d.active = 1 THEN 'opt_in' ELSE 'opt_out' END, d.source, d.proof,
           CASE WHEN d.active = 1 THEN '' ELSE coalesce(d.opt_out_reason, '') END
    FROM (SELECT b.pos, m.mdn, m.list_id, m.active, m.opt_out_reason, b.source, b.proof,
                 CASE WHEN m.active = 1 THEN coalesce(m.opt_in_date, m.updated_at)
                      ELSE coalesce(m.opt_out_date, m.updated_at) END AS at
          FROM consent_batch b CROSS JOIN vibes_memberships m
          WHERE m.list_id = b.list_id AND m.mdn = b.mdn
            AND (b.existed = 0
                 OR m.active IS NOT b.old_active
                 OR (m.active = 1 AND m.opt_in_date IS NOT NULL AND m.opt_in_date IS NOT b.old_opt_in_date)
                 OR (m.active = 0 AND (m.opt_out_date IS NOT b.old_opt_out_date
                                       OR m.opt_out_reason IS NOT b.old_opt_out_reason)))) AS d
    ORDER BY d.pos
"""


@contextlib.contextmanager
def consent_source(
    conn: sqlite3.Connection, source: str, proof: str = "", *, opt_in_event: str | None = None, learned_at: str = ""
) -> Iterator[ConsentContext]:
    """State where the consent changes written inside the block come from (see the module notes).

    Must be used inside the writer's transaction; the context is gone when the block ends
    (an enclosing context, if any, is back)."""
    if source not in SOURCES:
        raise ValueError(f"unknown consent source {source!r}")
    if not conn.in_transaction:
        raise RuntimeError("consent_source() needs the writer's transaction: open it first")
    saved = conn.execute("SELECT key, source, proof, opt_in_event, learned_at FROM consent_context").fetchall()
    conn.execute("DELETE FROM consent_context")
    conn.execute(
        "INSERT INTO consent_context(key, source, proof, opt_in_event, learned_at) VALUES ('', ?, ?, ?, ?)",
        (source, proof, opt_in_event, learned_at or None),
    )
    failed = True
    try:
        yield ConsentContext(conn, source)
        failed = False
    finally:
        # After a failure the transaction is rolled back anyway; never hide the failure.
        with contextlib.suppress(sqlite3.Error) if failed else contextlib.nullcontext():
            conn.execute("DELETE FROM consent_context")
            conn.execute("DELETE FROM consent_batch")  # never left behind (write_memberships empties it)
            if saved:
                conn.executemany(
                    "INSERT INTO consent_context(key, source, proof, opt_in_event, learned_at) VALUES (?, ?, ?, ?, ?)",
                    [tuple(r) for r in saved],
                )


def unique_runs(items: Sequence[T], key: Callable[[T], str | None]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` slices of ``items`` in order, none holding two items of one key, so each
    slice's row proofs name one line per row (``key(item)``; None: the item needs no proof)."""
    start = 0
    seen: set[str] = set()
    for i, item in enumerate(items):
        k = key(item)
        if k is None:
            continue
        if k in seen:
            yield start, i
            start, seen = i, set()
        seen.add(k)
    if start < len(items):
        yield start, len(items)


def record_consent(
    conn: sqlite3.Connection,
    *,
    event: str,
    source: str,
    proof: str,
    at: str,
    learned_at: str,
    mdn: str | None = None,
    number_hash: str | None = None,
    list_id: str | None = None,
    person_id: int | None = None,
    reason: str = "",
) -> None:
    """One entry no trigger writes (an erasure, an erased number seen again); in the caller's transaction."""
    if event not in EVENTS or source not in SOURCES:
        raise ValueError(f"unknown consent event {event!r} or source {source!r}")
    conn.execute(
        "INSERT INTO consent_log(at, learned_at, mdn, number_hash, list_id, person_id, event, source, proof, reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (at, learned_at, mdn, number_hash, list_id, person_id, event, source, proof, reason),
    )


# -- the number's hash ------------------------------------------------------------------------------------


def number_salt(conn: sqlite3.Connection) -> bytes:
    """The workspace's salt for number hashes (made on first use if the migration's is missing)."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (SALT_KEY,)).fetchone()
    if row is None or not row[0]:
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
            (SALT_KEY, secrets.token_hex(32)),
        )
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (SALT_KEY,)).fetchone()
    return bytes.fromhex(str(row[0]))


class NumberHasher:
    """Salted hashes of E.164 numbers for one workspace (reads the salt once)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._salt = number_salt(conn)

    def __call__(self, mdn: str) -> str:
        return hmac.new(self._salt, mdn.encode("utf-8"), hashlib.sha256).hexdigest()


def number_hash(conn: sqlite3.Connection, mdn: str) -> str:
    return NumberHasher(conn)(mdn)


# -- reading the log --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentEntry:
    """One row of the consent log."""

    id: int
    at: str
    learned_at: str
    mdn: str | None
    number_hash: str | None
    list_id: str | None
    acquisition_id: str | None
    person_id: int | None
    event: str
    source: str
    proof: str
    reason: str


_STOP_REASONS = frozenset({"user_opt_out", "keyword_opt_out", "button_opt_out"})
_DESCRIPTIONS = {
    "opt_in": "Opted in to {list}",
    "opt_out": "Opted out of {list}",
    "confirmation_requested": "Asked to confirm an opt-in (acquisition campaign {acquisition})",
    "confirmed": "Confirmed an opt-in (acquisition campaign {acquisition})",
    "declined": "Declined an opt-in (acquisition campaign {acquisition})",
    "confirmation_expired": "Did not confirm an opt-in in time (acquisition campaign {acquisition})",
    "blocklisted": "Blocklisted",
    "unblocklisted": "No longer blocklisted",
    "unsubscribed": "Unsubscribed",
    "resubscribed": "No longer unsubscribed",
    "marketing_suspended": "Marketing suspended",
    "marketing_resumed": "Marketing resumed",
    "erased": "Erased on request (the number is kept only as a hash, never texted)",
}


def describe(entry: ConsentEntry, list_names: Mapping[str, str] | None = None) -> str:
    """The entry in plain English (for exports; the app shows its own translated words)."""
    template = _DESCRIPTIONS.get(entry.event, entry.event)
    if entry.event == "confirmed" and entry.acquisition_id is None:
        template = "Confirmed the opt-in to {list}"
    name = (list_names or {}).get(entry.list_id or "")
    shown = f"{name} ({entry.list_id})" if name else entry.list_id or "?"
    text = template.format(list=shown, acquisition=entry.acquisition_id or "?")
    if entry.event == "opt_out" and entry.reason:
        text += " (STOP)" if entry.reason.lower() in _STOP_REASONS else f" ({entry.reason})"
    return text


def _entries(cursor: sqlite3.Cursor) -> list[ConsentEntry]:
    return [ConsentEntry(*row) for row in cursor]


def person_consent_history(
    conn: sqlite3.Connection, person_id: int, *, limit: int = DEFAULT_LIMIT
) -> list[ConsentEntry]:
    """A person's consent history, newest first: their own flags and erasure, and every entry
    of their number (whoever else has it), also after an erasure hashed it."""
    row = conn.execute("SELECT phone_e164 FROM people WHERE id = ?", (person_id,)).fetchone()
    mdn = row[0] if row else None
    hashes = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT number_hash FROM consent_log WHERE person_id = ? AND number_hash IS NOT NULL",
            (person_id,),
        )
    ]
    if mdn:
        hashes.append(number_hash(conn, mdn))
    parts = ["SELECT * FROM consent_log WHERE person_id = ?"]
    args: list[object] = [person_id]
    if mdn:
        parts.append("SELECT * FROM consent_log WHERE mdn = ?")
        args.append(mdn)
    for h in dict.fromkeys(hashes):
        parts.append("SELECT * FROM consent_log WHERE number_hash = ?")
        args.append(h)
    sql = f"SELECT {_COLUMNS} FROM ({' UNION '.join(parts)}) AS entries ORDER BY at DESC, id DESC LIMIT ?"
    return _entries(conn.execute(sql, (*args, max(0, int(limit)))))


def consent_entries(
    conn: sqlite3.Connection,
    *,
    number: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Iterator[ConsentEntry]:
    """Entries in the order they happened (then as recorded): of one E.164 number (its hashed
    entries included), or those that happened in ``[since, until)`` (stored UTC timestamps)."""
    where: list[str] = []
    args: list[object] = []
    if number is not None:
        where.append("(mdn = ? OR number_hash = ?)")
        args += [number, number_hash(conn, number)]
    if since is not None:
        where.append("at >= ?")
        args.append(since)
    if until is not None:
        where.append("at < ?")
        args.append(until)
    sql = (
        f"SELECT {_COLUMNS} FROM consent_log" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY at, id"
    )
    for row in conn.execute(sql, args):
        yield ConsentEntry(*row)


def export_row(entry: ConsentEntry, list_names: Mapping[str, str] | None = None) -> tuple[object, ...]:
    return (
        entry.at,
        entry.learned_at,
        entry.mdn or "",
        entry.number_hash or "",
        entry.list_id or "",
        entry.acquisition_id or "",
        entry.person_id if entry.person_id is not None else "",
        entry.event,
        describe(entry, list_names),
        entry.source,
        entry.proof,
        entry.reason,
    )


def export_consent_csv(
    conn: sqlite3.Connection,
    path: Path,
    *,
    number: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> int:
    """Write the entries :func:`consent_entries` selects as a UTF-8 CSV (header, one entry a
    line, cells safe from spreadsheet formulas); return how many."""
    names = dict(conn.execute("SELECT id, name FROM vibes_lists").fetchall())
    entries = consent_entries(conn, number=number, since=since, until=until)
    return write_csv(path, EXPORT_HEADER, (export_row(e, names) for e in entries))
