"""People in the workspace: counts for the navigator, search, one person and their lists.

:func:`workspace_counts` must answer within a fraction of a second on a million people,
every time a workspace opens. It is a single statement of ``count(*)`` sub-queries, each
of which SQLite answers from an index: the total from the smallest index of ``people``
(a b-tree count, no row decoding), and the rarer states (no valid number, blocklisted,
unsubscribed, suspended) from small partial indexes (migration 4) that hold only those
people. ``valid_phone`` is the total minus the people without a valid number. Counters kept
up to date by triggers would be cheaper to read but would tax every import and engine
write and drift if any writer forgot them; this needs neither.

Search (:func:`people_match`) finds every word of a query anywhere in a person's name,
e-mail address or number, in any case, through ``people_search``, a trigram full-text index
that triggers keep (``services.schema``); a number is found in any spelling. The index
hands out ids in order, so a page of results costs a few milliseconds at a million people
however many match. Queries of only one- and two-character words, which a trigram index
cannot look up, match the start of a name or e-mail address through the NOCASE indexes.
On PostgreSQL ``people_search`` is a plain table with a GIN trigram index
(``services.store.pg_schema``), searched with ``ILIKE`` (:func:`_pg_match`).
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneMetadata

from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.store import dialect_of
from smsflow_desktop.services.store.pg_schema import search_text

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


def _like_anywhere(text: str) -> str:
    return "%" + _like_prefix(text)


#: Characters a number may be typed with; a word of these holding at least three digits is a number.
_NUMBER = re.compile(r"[+\d().\-/]+")
#: The fewest characters the trigram index can look for; shorter words are matched otherwise.
TRIGRAM = 3
_NAME = "(p.first_name || ' ' || p.last_name)"


@dataclass(frozen=True)
class PeopleMatch:
    """How to find the people a search term matches: ``ids`` is a ``SELECT … WHERE …`` of
    their ids (the column ``id``) taking ``args``; ``order`` is the id column to order by and
    to compare with the last id seen (more conditions may follow with ``AND``). ``full_text`` tells whether the trigram index
    answers it (a term with a word of three characters or more) or prefix ranges of the name
    and e-mail indexes do (only shorter words)."""

    ids: str
    args: list[object]
    order: str
    full_text: bool


def people_match(conn: sqlite3.Connection, query: str, *, default_region: str | None = None) -> PeopleMatch | None:
    """The people ``query`` finds (None for an empty query: everyone).

    Every word of the query must occur, in any order and any case, somewhere in the person's
    name ("first last"), e-mail address or number: "Erik Ström", "Ström Erik", "rik str" and
    "example.se" all find Erik Ström <erik@example.se>. A word of three characters or more is
    looked up in the trigram index (``people_search``); a shorter word beside one is checked on
    the rows that index finds. A query of only one- and two-character words matches the start
    of a first name, last name or e-mail address (with two words or more: the first word the
    start of the first name and the rest the start of the last name), through the name and
    e-mail indexes. A number (a word of digits and ``+ ( ) . - /``, or the whole query when it
    is one number typed with spaces) is found in any spelling: as typed, in E.164 with or
    without ``+``, or dialled in a country, nationally ("070-123 45 67") or with that
    country's international prefix ("0046 70…"), for the workspace's default region and every
    country the workspace's people are in. Quotes, ``%``, ``_`` and ``*`` are plain characters;
    NUL characters are dropped."""
    term = " ".join(query.replace("\x00", "").split())  # no stored text holds NUL; FTS5 would stop at it
    if not term:
        return None
    words = term.split(" ")
    if len(words) > 1 and _NUMBER.fullmatch(term.replace(" ", "")) and _digits(term) >= TRIGRAM:
        words = [term.replace(" ", "")]  # one number typed in groups
    long_words = [w for w in words if len(w) >= TRIGRAM]
    if dialect_of(conn) == "postgresql":
        return _pg_match(conn, words, long_words, default_region)
    if not long_words:
        return _prefix_match(words)
    region: list[str | None] = [default_region]  # looked up once, when a number needs it
    parts = []
    for word in long_words:
        if _NUMBER.fullmatch(word) and _digits(word) >= TRIGRAM:
            if region[0] is None:
                region[0] = get_setting(conn, "default_region")
            parts.append(_number_expression(conn, word, region[0] or ""))
        else:
            parts.append(_phrase(word))
    conditions, short_args = _short_word_conditions([w for w in words if len(w) < TRIGRAM])
    args: list[object] = [" AND ".join(parts), *short_args]
    if conditions:
        sql = (
            "SELECT people_search.rowid AS id FROM people_search JOIN people p ON p.id = people_search.rowid "
            f"WHERE people_search MATCH ?{conditions}"
        )
    else:
        sql = "SELECT rowid AS id FROM people_search WHERE people_search MATCH ?"
    return PeopleMatch(sql, args, "people_search.rowid", True)


def _short_word_conditions(words: list[str]) -> tuple[str, list[object]]:
    """Conditions on ``people p``: each (short) word anywhere in the name, e-mail or number, in any case."""
    conditions = ""
    args: list[object] = []
    for word in words:
        anywhere = [_like_anywhere(v) for v in _case_variants(word)]
        conditions += (
            " AND ("
            + " OR ".join(
                f"{column} LIKE ? ESCAPE '\\'"
                for _ in anywhere
                for column in (_NAME, "p.email", "p.phone_e164", "p.phone_raw")
            )
            + ")"
        )
        args += [v for v in anywhere for _ in range(4)]
    return conditions, args


#: What the trigram index of ``people_search`` holds on PostgreSQL (``services.store.pg_schema``).
_PG_TEXT = search_text("people_search")


def _pg_match(
    conn: sqlite3.Connection, words: list[str], long_words: list[str], default_region: str | None
) -> PeopleMatch:
    """:func:`people_match` on PostgreSQL, where ``people_search`` is a table with a GIN trigram
    index on its name, e-mail and number joined by spaces (``services.store.pg_schema``): each
    word of three characters or more (a number: its digits, or one of its spellings in the
    number) anywhere in them, in any case (``ILIKE``, which folds every letter as FTS5's trigram
    tokenizer does); shorter words as on SQLite. Words only of one or two characters: the rows
    where the first word starts a word of the indexed text (which the index finds), then the
    same starts of a name or e-mail as on SQLite."""
    hay = f"{_PG_TEXT} ILIKE ? ESCAPE '\\'"
    join = "people_search JOIN people p ON p.id = people_search.rowid"
    if not long_words:
        condition, prefix_args = _prefix_condition(words, "p")
        start = _like_prefix(words[0])
        sql = f"SELECT p.id AS id FROM {join} WHERE ({hay} OR {hay}) AND {condition}"
        return PeopleMatch(sql, [start, f"% {start}", *prefix_args], "p.id", False)
    region: list[str | None] = [default_region]
    parts: list[str] = []
    args: list[object] = []
    for word in long_words:
        if _NUMBER.fullmatch(word) and _digits(word) >= TRIGRAM:
            if region[0] is None:
                region[0] = get_setting(conn, "default_region")
            digits = re.sub(r"\D", "", word)
            spellings = {f"+{digits}"} if word.startswith("+") else set(number_spellings(conn, digits, region[0] or ""))
            options = [hay] + [f"({hay} AND people_search.phone ILIKE ? ESCAPE '\\')" for _ in spellings]
            parts.append("(" + " OR ".join(options) + ")")
            args.append(_like_anywhere(digits))
            for spelling in sorted(spellings):
                args += [_like_anywhere(spelling)] * 2
        else:
            parts.append(hay)
            args.append(_like_anywhere(word))
    conditions, short_args = _short_word_conditions([w for w in words if len(w) < TRIGRAM])
    sql = f"SELECT people_search.rowid AS id FROM {join} WHERE {' AND '.join(parts)}{conditions}"
    return PeopleMatch(sql, args + short_args, "people_search.rowid", True)


def _prefix_match(words: list[str]) -> PeopleMatch:
    """People whose first name, last name or e-mail starts with the (short) words, in any case."""
    condition, args = _prefix_condition(words, "")
    return PeopleMatch(f"SELECT id FROM people WHERE {condition}", args, "id", False)


def _prefix_condition(words: list[str], table: str) -> tuple[str, list[object]]:
    """The condition of :func:`_prefix_match` on the columns of ``table`` (none: unqualified)."""
    q = f"{table}." if table else ""
    clauses: list[str] = []
    args: list[object] = []
    for spelling in _case_variants(" ".join(words)):
        clauses += [f"{q}{column} LIKE ? ESCAPE '\\'" for column in ("first_name", "last_name", "email")]
        args += [_like_prefix(spelling)] * 3
    if len(words) >= 2:
        for first in _case_variants(words[0]):
            for last in _case_variants(" ".join(words[1:])):
                clauses.append(f"({q}first_name LIKE ? ESCAPE '\\' AND {q}last_name LIKE ? ESCAPE '\\')")
                args += [_like_prefix(first), _like_prefix(last)]
    return f"({' OR '.join(clauses)})", args


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _phrase(text: str) -> str:
    """``text`` as an FTS5 phrase: with the trigram tokenizer, a substring anywhere."""
    return '"' + text.replace('"', '""') + '"'


def _case_variants(word: str) -> list[str]:
    """Spellings of ``word`` LIKE needs to match it in any case: LIKE folds ASCII letters only,
    so each other letter is tried lower and upper case (up to 16 spellings; past that, as typed)."""
    variants = [""]
    for ch in word:
        forms = [ch] if ch.isascii() else list(dict.fromkeys(f for f in (ch, ch.lower(), ch.upper()) if len(f) == 1))
        variants = [v + f for v in variants for f in forms]
        if len(variants) > 16:
            return [word]
    return variants


def _number_expression(conn: sqlite3.Connection, word: str, default_region: str) -> str:
    """The FTS5 expression for a typed (partial) number: its digits anywhere (the E.164
    number, or one kept as given when it is not valid), or the start of the stored number
    it stands for when dialled in one of the workspace's countries."""
    digits = re.sub(r"\D", "", word)
    spellings = {f"+{digits}"} if word.startswith("+") else set(number_spellings(conn, digits, default_region))
    options = [_phrase(digits)] + [f"phone : {_phrase(s)}" for s in sorted(spellings)]
    return "(" + " OR ".join(options) + ")"


def number_spellings(conn: sqlite3.Connection, digits: str, default_region: str) -> list[str]:
    """The starts of E.164 numbers ``digits`` (typed without ``+``) may stand for: read in the
    default region and in every country of the workspace's people, with the country's
    international prefix or trunk prefix taken off, and, where phonenumbers reads a whole
    number there, that number in E.164."""
    out: dict[str, None] = {}
    for region in dict.fromkeys([default_region.upper(), *countries_present(conn)]):
        meta = PhoneMetadata.metadata_for_region(region)
        if meta is None:
            continue
        intl = re.match(meta.international_prefix or "$^", digits)
        if intl and intl.end() < len(digits):
            out[f"+{digits[intl.end() :]}"] = None
        elif meta.national_prefix and digits.startswith(meta.national_prefix):
            out[f"+{meta.country_code}{digits[len(meta.national_prefix) :]}"] = None
        else:
            out[f"+{meta.country_code}{digits}"] = None
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            out[phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)] = None
    return list(out)


def countries_present(conn: sqlite3.Connection) -> list[str]:
    """The distinct countries of the workspace's people, one index seek each (``people_country``)."""
    rows = conn.execute(
        "WITH RECURSIVE c(code) AS (SELECT (SELECT min(country) FROM people WHERE country > '') "
        "UNION ALL SELECT (SELECT min(country) FROM people WHERE country > c.code) FROM c WHERE c.code IS NOT NULL) "
        "SELECT code FROM c WHERE code IS NOT NULL"
    )
    return [str(r[0]).upper() for r in rows]


def search_people(
    conn: sqlite3.Connection,
    query: str = "",
    *,
    limit: int = 50,
    offset: int = 0,
    default_region: str | None = None,
    after_id: int | None = None,
) -> list[dict[str, object]]:
    """People the search ``query`` finds (see :func:`people_match`; all people when empty), by id.

    ``after_id`` pages by key (only people with a larger id), which stays as fast on the
    last page of a million people as on the first; ``offset`` then counts from there."""
    limit = max(0, int(limit))
    offset = max(0, int(offset))
    match = people_match(conn, query, default_region=default_region)
    if match is None:
        after = f" WHERE id > {int(after_id)}" if after_id is not None else ""
        return _rows(conn.execute(f"{_SELECT}{after} ORDER BY id LIMIT ? OFFSET ?", (limit, offset)))
    # Ids first (the index walked in id order, stopping at the page), then the rows. LIMIT and
    # OFFSET are literals: with them as parameters SQLite prefers walking the whole table.
    after = f" AND {match.order} > {int(after_id)}" if after_id is not None else ""
    ids = f"{match.ids}{after} ORDER BY {match.order} LIMIT {limit} OFFSET {offset}"
    sql = f"{_SELECT} WHERE id IN ({ids}) ORDER BY id"
    return _rows(conn.execute(sql, match.args))


_INDEXED = (
    "trim(first_name || ' ' || last_name), email, coalesce(phone_e164, replace(replace(replace(replace(replace("
    "replace(phone_raw, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', ''))"
)  # what ``people_search`` holds of a person, as its triggers in ``services.schema`` write it


@contextmanager
def search_index_batches(conn: sqlite3.Connection) -> Iterator[Callable[[int], None]]:
    """For a writer adding many people in one transaction (it must be in one): people it
    inserts are not indexed one by one, which costs FTS5 a write of its pending entries at
    every statement; the writer calls the function this yields with the largest person id
    before each batch, after writing the batch, to index the new people in one statement.
    Changes to people already there and deletions stay indexed by the triggers."""
    if not conn.in_transaction:
        raise RuntimeError("search_index_batches needs the writer's transaction")
    conn.execute("INSERT OR IGNORE INTO people_search_batches(writer) VALUES ('batch')")

    def index_after(last_id: int) -> None:
        conn.execute(
            f"INSERT INTO people_search(rowid, name, email, phone) SELECT id, {_INDEXED} FROM people "
            "WHERE id > ? AND id NOT IN (SELECT rowid FROM people_search WHERE rowid > ?)",
            (int(last_id), int(last_id)),
        )

    failed = True
    try:
        yield index_after
        failed = False
    finally:
        # after a failure the transaction is rolled back anyway (on PostgreSQL it takes no more
        # statements): never hide the failure
        with contextlib.suppress(sqlite3.Error) if failed else contextlib.nullcontext():
            conn.execute("DELETE FROM people_search_batches")


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
