"""Erasure on request: a person's data goes, their number's opt-out stays (as a salted hash).

:func:`erase_person` does it in one transaction. The person's row stays (runs and the consent
log refer to it by id) with every field emptied: name, e-mail, number, address, time zone,
custom fields and external id; they leave every static list. Their number is kept only as its
salted hash (``services.consent.number_hash``) in ``erased_numbers``, and is never texted
again: erasure is taken as the strongest opt-out. When nobody else in the workspace has that
number, the number itself goes too: its consent-log entries keep their proof with the number
replaced by its hash, its Vibes mirror rows (memberships, pending opt-ins, the STOP record,
the time-zone cache) are deleted, and runs' ledger rows and activity no longer show it. When
someone else has the number (a shared family phone), it stays for them but is marked never
to be texted (``number_opt_outs``). The erasure itself is a consent-log entry without any name.

A number that comes back later (a People CSV with it) is looked up by its hash when it enters
the workspace (:func:`suppress_erased_numbers`, called by the people import) and marked
never to be texted, so the preview and the runs exclude it as ``phone_suppressed`` without
hashing anything per person at preview time. As for a STOP, only an opt-in that Vibes dates
after the erasure lifts that mark: it is the person's new consent.

SQLite's ``secure_delete`` is on while an erasure writes, so the freed pages hold zeros rather
than the old values. Not covered: the full-text search index may keep the old words in its
segments until SQLite merges them, Vibes event ids in the run history spell the number's
digits, and Vibes itself keeps its own copy of the person (ask Vibes to erase them too).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from smsflow_desktop.services.consent import NumberHasher, consent_source, record_consent
from smsflow_desktop.services.workspace import iso, now_utc, transaction

#: ``number_opt_outs.reason`` of a number kept from texting because its owner was erased.
ERASED_REASON = "erased"


class ErasureError(ValueError):
    """The person to erase cannot be found, or the reference names two people."""


@dataclass
class ErasureResult:
    """What an erasure did."""

    person_id: int
    already_erased: bool = False
    #: The person had a valid number: its hash is kept, and it is never texted again.
    number_kept_as_hash: bool = False
    #: Another person has the same number; it stays in the workspace for them, never texted.
    shared_number: bool = False
    #: Consent-log entries whose number was replaced by its hash.
    entries_hashed: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "person_id": self.person_id,
            "erased": True,
            "already_erased": self.already_erased,
            "number_kept_as_hash": self.number_kept_as_hash,
            "shared_number": self.shared_number,
            "entries_hashed": self.entries_hashed,
        }


def resolve_person(conn: sqlite3.Connection, ref: str, by: str | None = None) -> int:
    """The internal id of the person ``ref`` names: their external id, or their internal id
    (``by`` says which; without it, either, and a reference that is one person's external
    id and another's internal id is refused rather than guessed)."""
    text = ref.strip()
    by_ext: int | None = None
    by_id: int | None = None
    if by in (None, "external_id"):
        row = conn.execute("SELECT id FROM people WHERE external_id = ?", (text,)).fetchone()
        by_ext = int(row[0]) if row else None
    if by in (None, "id") and text.isdigit() and len(text) < 19:
        row = conn.execute("SELECT id FROM people WHERE id = ?", (int(text),)).fetchone()
        by_id = int(row[0]) if row else None
    if by_ext is not None and by_id is not None and by_ext != by_id:
        raise ErasureError(
            f"{text!r} is the external id of person {by_ext} and the internal id of person {by_id}; "
            "say which with --by external_id or --by id"
        )
    found = by_ext if by_ext is not None else by_id
    if found is None:
        what = {"id": "internal id", "external_id": "external id"}.get(by or "", "external id or internal id")
        raise ErasureError(f"no person in this workspace has the {what} {text!r}; nothing was erased")
    return found


def erase_person(conn: sqlite3.Connection, person_id: int, *, now: str | None = None) -> ErasureResult:
    """Erase one person (see the module notes), in one transaction."""
    stamp = now or iso(now_utc())
    result = ErasureResult(person_id)
    secure = int(conn.execute("PRAGMA secure_delete").fetchone()[0])
    conn.execute("PRAGMA secure_delete = ON")
    try:
        with (
            transaction(conn),
            consent_source(conn, "erasure", f"erasure request for person {person_id}", learned_at=stamp),
        ):
            person = conn.execute("SELECT id, phone_e164 FROM people WHERE id = ?", (person_id,)).fetchone()
            if person is None:
                raise ErasureError(f"no person in this workspace has the internal id {person_id}; nothing was erased")
            result.already_erased = (
                conn.execute(
                    "SELECT 1 FROM consent_log WHERE person_id = ? AND event = 'erased' LIMIT 1", (person_id,)
                ).fetchone()
                is not None
            )
            mdn = person["phone_e164"]
            digest = NumberHasher(conn)(mdn) if mdn else None
            if mdn and digest:
                result.number_kept_as_hash = True
                conn.execute(
                    "INSERT INTO erased_numbers(number_hash, erased_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    (digest, stamp),
                )
                result.shared_number = (
                    conn.execute(
                        "SELECT 1 FROM people WHERE phone_e164 = ? AND id != ? LIMIT 1", (mdn, person_id)
                    ).fetchone()
                    is not None
                )
                if result.shared_number:
                    _keep_shared_number_from_texts(conn, mdn, stamp)
                else:
                    result.entries_hashed = _forget_number(conn, mdn, digest)
            conn.execute(
                "UPDATE people SET external_id = NULL, first_name = '', last_name = '', email = '', phone_raw = '', "
                "phone_e164 = NULL, phone_valid = 0, country = '', state = '', city = '', postal_code = '', "
                "time_zone = '', custom_fields = '{}', updated_at = ? WHERE id = ?",
                (stamp, person_id),
            )
            conn.execute("DELETE FROM static_list_members WHERE person_id = ?", (person_id,))
            if not result.already_erased:
                record_consent(
                    conn,
                    event="erased",
                    source="erasure",
                    proof="erasure request",
                    at=stamp,
                    learned_at=stamp,
                    number_hash=digest,
                    person_id=person_id,
                )
    finally:
        conn.execute(f"PRAGMA secure_delete = {secure}")
    with contextlib.suppress(sqlite3.Error):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the old values out of the log file too, when it can
    return result


def _keep_shared_number_from_texts(conn: sqlite3.Connection, mdn: str, stamp: str) -> None:
    inserted = conn.execute(
        "INSERT INTO number_opt_outs(mdn, opted_out_at, reason, list_id, learned_at) VALUES (?, ?, ?, NULL, ?) "
        "ON CONFLICT(mdn) DO NOTHING",
        (mdn, stamp, ERASED_REASON, stamp),
    ).rowcount
    if inserted:
        record_consent(
            conn,
            event="opt_out",
            source="erasure",
            proof="a person with this number was erased; the number is not texted any more",
            at=stamp,
            learned_at=stamp,
            mdn=mdn,
            reason=ERASED_REASON,
        )


def _forget_number(conn: sqlite3.Connection, mdn: str, digest: str) -> int:
    """The number gone from the workspace; return the consent entries now holding its hash."""
    hashed = conn.execute(
        "UPDATE consent_log SET mdn = NULL, number_hash = ? WHERE mdn = ? AND number_hash IS NULL", (digest, mdn)
    ).rowcount
    for table in ("vibes_memberships", "vibes_participants", "number_opt_outs", "phone_time_zones"):
        conn.execute(f"DELETE FROM {table} WHERE mdn = ?", (mdn,))
    conn.execute("UPDATE activity SET mdn = NULL WHERE mdn = ?", (mdn,))
    conn.execute("UPDATE ledger SET mdn = NULL WHERE mdn = ? AND state NOT IN ('pending', 'sending')", (mdn,))
    return int(hashed)


def suppress_erased_numbers(conn: sqlite3.Connection, numbers: Iterable[str], *, learned_at: str) -> int:
    """Mark the numbers among ``numbers`` (E.164, just entering the workspace) that belong to an
    erased person as never to be texted, each with a consent entry; return how many were marked.
    Reads one row and returns when nothing was ever erased."""
    if conn.execute("SELECT 1 FROM erased_numbers LIMIT 1").fetchone() is None:
        return 0
    hasher = NumberHasher(conn)
    by_hash = {hasher(n): n for n in set(numbers) if n}
    hashes = list(by_hash)
    marked = 0
    for start in range(0, len(hashes), 500):
        chunk = hashes[start : start + 500]
        found = conn.execute(
            f"SELECT number_hash, erased_at FROM erased_numbers WHERE number_hash IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
        for digest, erased_at in found:
            mdn = by_hash[digest]
            inserted = conn.execute(
                "INSERT INTO number_opt_outs(mdn, opted_out_at, reason, list_id, learned_at) "
                "SELECT ?, ?, ?, NULL, ? WHERE NOT EXISTS (SELECT 1 FROM vibes_memberships m WHERE m.mdn = ? "
                "AND m.active = 1 AND julianday(m.opt_in_date) >= julianday(?)) ON CONFLICT(mdn) DO NOTHING",
                (mdn, erased_at, ERASED_REASON, learned_at, mdn, erased_at),
            ).rowcount
            if inserted:
                marked += 1
                record_consent(
                    conn,
                    event="opt_out",
                    source="erasure",
                    proof=f"the number of a person erased on {str(erased_at)[:10]}; never texted again",
                    at=learned_at,
                    learned_at=learned_at,
                    mdn=mdn,
                    reason=ERASED_REASON,
                )
    return marked
