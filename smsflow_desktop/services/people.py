"""People in the workspace: counts for the navigator, search, one person and their lists.

:func:`workspace_counts` must answer within a fraction of a second on a million people,
every time a workspace opens. It is a single statement of ``count(*)`` sub-queries, each
of which SQLite answers from an index: the total from the smallest index of ``people``
(a b-tree count, no row decoding), and the rarer states (no valid number, blocklisted,
unsubscribed, suspended) from small partial indexes (migration 4) that hold only those
people. ``valid_phone`` is the total minus the people without a valid number. Counters kept
up to date by triggers would be cheaper to read but would tax every import and engine
write and drift if any writer forgot them; this needs neither.

Search matches the start of a first name, last name or e-mail address (case-insensitive
for ASCII letters, through the NOCASE indexes) or a phone number (E.164 prefix, or the
number as typed read with the workspace's default region), so it stays a few index range
scans at any size (tens of milliseconds for a prefix that matches a fifth of a million).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from phonenumbers import PhoneMetadata

from smsflow_desktop.services.settings import get_setting

PERSON_COLUMNS = (
    "id",
    "external_id",
    "first_name",
    "last_name",
    "email",
    "phone_raw",
    "phone_e164",
    "phone_valid",
    "country",
    "state",
    "city",
    "postal_code",
    "time_zone",
    "blocklisted",
    "unsubscribed",
    "marketing_suspended",
    "custom_fields",
    "created_at",
    "updated_at",
)
_SELECT = f"SELECT {', '.join(PERSON_COLUMNS)} FROM people"

_COUNTS_SQL = """
SELECT
  (SELECT count(*) FROM people)                                             AS people,
  (SELECT count(*) FROM people WHERE phone_valid = 0)                       AS no_valid_phone,
  (SELECT count(*) FROM people WHERE phone_valid = 0 AND phone_raw != '')   AS invalid_phone,
  (SELECT count(*) FROM people WHERE blocklisted = 1)                       AS blocklisted,
  (SELECT count(*) FROM people WHERE unsubscribed = 1)                      AS unsubscribed,
  (SELECT count(*) FROM people WHERE marketing_suspended = 1)               AS marketing_suspended,
  (SELECT count(*) FROM campaigns)                                          AS campaigns,
  (SELECT count(*) FROM sms_messages)                                       AS messages,
  (SELECT count(*) FROM static_lists)                                       AS static_lists,
  (SELECT count(*) FROM vibes_lists)                                        AS vibes_lists
"""


def workspace_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """People and their states, campaigns, messages, static lists and Vibes lists."""
    row = conn.execute(_COUNTS_SQL).fetchone()
    counts = {
        key: int(row[i])
        for i, key in enumerate(
            (
                "people",
                "no_valid_phone",
                "invalid_phone",
                "blocklisted",
                "unsubscribed",
                "marketing_suspended",
                "campaigns",
                "messages",
                "static_lists",
                "vibes_lists",
            )
        )
    }
    no_valid = counts.pop("no_valid_phone")
    return {
        "people": counts["people"],
        "valid_phone": counts["people"] - no_valid,
        "invalid_phone": counts["invalid_phone"],
        "missing_phone": no_valid - counts["invalid_phone"],
        **{
            k: counts[k]
            for k in (
                "blocklisted",
                "unsubscribed",
                "marketing_suspended",
                "campaigns",
                "messages",
                "static_lists",
                "vibes_lists",
            )
        },
    }


def _like_prefix(text: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", text) + "%"


def _after(prefix: str) -> str:
    """The smallest string above every string starting with ``prefix`` (for range scans)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def search_people(
    conn: sqlite3.Connection,
    query: str = "",
    *,
    limit: int = 50,
    offset: int = 0,
    default_region: str | None = None,
    after_id: int | None = None,
) -> list[dict[str, object]]:
    """People whose name, e-mail or number starts with ``query`` (all people when empty), by id.

    ``after_id`` pages by key (only people with a larger id), which stays as fast on the
    last page of a million people as on the first; ``offset`` then counts from there."""
    limit = max(0, int(limit))
    offset = max(0, int(offset))
    term = " ".join(query.split())
    after = f"id > {int(after_id)}" if after_id is not None else ""
    if not term:
        where = f" WHERE {after}" if after else ""
        return _rows(conn.execute(f"{_SELECT}{where} ORDER BY id LIMIT ? OFFSET ?", (limit, offset)))
    clauses: list[str] = []
    args: list[object] = []
    like = _like_prefix(term)
    clauses += ["first_name LIKE ? ESCAPE '\\'", "last_name LIKE ? ESCAPE '\\'", "email LIKE ? ESCAPE '\\'"]
    args += [like, like, like]
    words = term.split(" ")
    if len(words) >= 2:
        first, last = _like_prefix(words[0]), _like_prefix(" ".join(words[1:]))
        clauses.append("(first_name LIKE ? ESCAPE '\\' AND last_name LIKE ? ESCAPE '\\')")
        args += [first, last]
    for prefix in _phone_prefixes(conn, term, default_region):
        clauses.append("(phone_e164 >= ? AND phone_e164 < ?)")
        args += [prefix, _after(prefix)]
    # Ids first (each OR term an index range, sorted as bare ids), then the rows. LIMIT and
    # OFFSET are literals: with them as parameters SQLite prefers walking the whole table.
    match = f"({' OR '.join(clauses)}) AND {after}" if after else " OR ".join(clauses)
    sql = (
        f"{_SELECT} WHERE id IN (SELECT id FROM people WHERE {match} "
        f"ORDER BY id LIMIT {limit} OFFSET {offset}) ORDER BY id"
    )
    return _rows(conn.execute(sql, args))


def _phone_prefixes(conn: sqlite3.Connection, term: str, default_region: str | None) -> list[str]:
    """E.164 prefixes a typed (partial) number may stand for: the digits after a ``+``, and
    the number as dialled in the default region (trunk prefix or international prefix removed)."""
    if not re.fullmatch(r"[+\d\s().\-/]+", term):
        return []
    digits = re.sub(r"\D", "", term)
    if len(digits) < 3:
        return []
    prefixes = [f"+{digits}"]
    if term.lstrip().startswith("+"):
        return prefixes
    meta = PhoneMetadata.metadata_for_region(default_region or get_setting(conn, "default_region"))
    if meta is None:
        return prefixes
    intl = re.match(meta.international_prefix or "$^", digits)
    if intl and intl.end() < len(digits):
        candidate = f"+{digits[intl.end() :]}"
    elif meta.national_prefix and digits.startswith(meta.national_prefix):
        candidate = f"+{meta.country_code}{digits[len(meta.national_prefix) :]}"
    else:
        candidate = f"+{meta.country_code}{digits}"
    if candidate not in prefixes:
        prefixes.append(candidate)
    return prefixes


def get_person(conn: sqlite3.Connection, person_id: int) -> dict[str, object] | None:
    rows = _rows(conn.execute(f"{_SELECT} WHERE id = ?", (person_id,)))
    return rows[0] if rows else None


@dataclass
class VibesMembership:
    """A Vibes list membership of a person's number, from the workspace's mirror."""

    list_id: str
    list_name: str
    active: bool
    opt_in_date: str | None
    opt_out_date: str | None
    opt_out_reason: str | None


@dataclass
class PersonMemberships:
    """The static lists a person is on and the Vibes memberships of their number."""

    static_lists: list[str]
    vibes: list[VibesMembership]


def person_memberships(conn: sqlite3.Connection, person_id: int) -> PersonMemberships:
    static = [
        r[0]
        for r in conn.execute(
            "SELECT s.name FROM static_list_members m JOIN static_lists s ON s.id = m.list_id "
            "WHERE m.person_id = ? ORDER BY s.name COLLATE NOCASE",
            (person_id,),
        )
    ]
    vibes = [
        VibesMembership(r[0], r[1] or "", bool(r[2]), r[3], r[4], r[5])
        for r in conn.execute(
            "SELECT m.list_id, l.name, m.active, m.opt_in_date, m.opt_out_date, m.opt_out_reason "
            "FROM people p JOIN vibes_memberships m ON m.mdn = p.phone_e164 "
            "LEFT JOIN vibes_lists l ON l.id = m.list_id WHERE p.id = ? ORDER BY m.list_id",
            (person_id,),
        )
    ]
    return PersonMemberships(static, vibes)


def _rows(cursor: sqlite3.Cursor) -> list[dict[str, object]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=False)) for row in cursor]
