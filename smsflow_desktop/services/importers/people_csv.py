"""People CSV import: stream a file of any size into ``people``, all or nothing.

The file is checked first (:func:`inspect_people_csv`: UTF-8 with or without BOM, not
binary, not empty, a header with a phone column; the delimiter is comma, semicolon or tab,
read from the header). Then it is streamed in batches: records are converted by
:class:`~smsflow_desktop.services.importers.people_rows.RowConverter` (in worker processes
for big files, since phone parsing dominates) and written in file order with
``executemany``, so new people get internal ids in file order. The whole file is one
transaction: a file that fails half-way (a bad byte, an unclosed quote, a cancel raised from
the progress callback) leaves the workspace as it was. Memory stays bounded: a few batches
are in flight at a time, never the file.

A row whose ``external_id`` matches a person updates the columns the file has (custom
fields are merged; an empty custom value removes that field) and counts as ``updated``.
An opt-out flag of such a person is lifted only by an explicit false/0/no: an empty cell
or a missing column keeps it (``opt_outs_kept`` and ``opt_outs_lifted`` count both cases).

A file that changes while it is read (truncated, still being written, replaced) is refused
before the commit (:class:`FileChangedError`): its size, modification time and inode at the
start are compared with those at the end, and the bytes read with the size at the start.

On a PostgreSQL workspace the new people of a batch (no external id, or one neither stored
nor earlier in the batch) go in with one ``COPY people FROM STDIN`` of the lines the converter
wrote (:attr:`BatchResult.copy`); the rows that update someone follow with the upsert's update
half as an ``UPDATE`` of that person, in file order. Those rows only touch people the COPY did not write, so the outcome is that of writing
row by row, new people still get ids in file order, and everything else (counts, consent
entries and proofs, time zones, erased numbers, the static list, progress, cancel) is the same.
One query a batch reads the stored flags of the people it names, and the file is read in a
thread, so reading goes on while the server writes.

Every flag the file sets or lifts lands in the consent log (``services.consent``) with the
source ``import`` and the proof ``people.csv line 12``; a number of the file that belongs to
an erased person is marked never to be texted again (``services.erasure``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import os
import queue
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

import phonenumbers

from smsflow_desktop.services.consent import ConsentContext, consent_source, person_key, unique_runs
from smsflow_desktop.services.erasure import suppress_erased_numbers
from smsflow_desktop.services.importers.people_rows import (
    FLAG_COLUMNS,
    BatchResult,
    HeaderError,
    PeopleLayout,
    RowConverter,
    copy_columns,
    map_header,
)
from smsflow_desktop.services.importers.textfile import (
    ImportFileError,
    TextFileInfo,
    open_text,
    read_header,
    reader_for,
    records,
)
from smsflow_desktop.services.people import search_index_batches
from smsflow_desktop.services.phones import ZONE_DATA_VERSION
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.store import dialect_of
from smsflow_desktop.services.workspace import iso, now_utc, transaction

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Errors kept in a result; later ones are only counted (``error_count``).
MAX_ERRORS = 1000
BATCH_ROWS = 5000
#: Files at least this big are converted in worker processes.
POOL_MIN_BYTES = 4 * 1024 * 1024
#: Page cache for the import connection while it writes (KiB, as SQLite's negative cache_size).
IMPORT_CACHE_KIB = 64 * 1024
#: On PostgreSQL new people join the search index about this many at a time (its trigram index
#: takes many rows in one statement for less than the same rows in several).
PG_INDEX_ROWS = 50_000

Progress = Callable[[int, int, int], None]


@dataclass(frozen=True)
class PeopleCsvPlan:
    """A checked file: its delimiter and column layout."""

    path: Path
    info: TextFileInfo
    delimiter: str
    header_line: int
    layout: PeopleLayout


@dataclass
class PeopleImportResult:
    """What an import did. ``rows = imported + updated``; every row is kept."""

    rows: int = 0
    imported: int = 0
    updated: int = 0
    invalid_phone: int = 0
    missing_phone: int = 0
    errors: list[dict[str, object]] = field(default_factory=list)
    error_count: int = 0
    notes: list[str] = field(default_factory=list)
    #: Updated rows whose person had an opt-out flag set that stayed set because the cell was
    #: empty or the file has no such column.
    opt_outs_kept: int = 0
    #: Updated rows that lifted a flag the person had, by an explicit false/0/no.
    opt_outs_lifted: int = 0
    #: The static list the file's people were added to (``add_to_list``), and how many of
    #: them joined it (people already on it are not counted).
    list_name: str | None = None
    added_to_list: int = 0

    def as_dict(self) -> dict[str, object]:
        extra: dict[str, object] = {}
        if self.list_name is not None:
            extra = {"list": self.list_name, "added_to_list": self.added_to_list}
        return {
            **extra,
            "rows": self.rows,
            "imported": self.imported,
            "updated": self.updated,
            "invalid_phone": self.invalid_phone,
            "missing_phone": self.missing_phone,
            "opt_outs_kept": self.opt_outs_kept,
            "opt_outs_lifted": self.opt_outs_lifted,
            "errors": self.errors,
            "error_count": self.error_count,
            "notes": self.notes,
        }


class FileChangedError(ImportFileError):
    """The file changed while it was being imported; nothing was written."""

    def __init__(self, path: os.PathLike[str] | str, what: str) -> None:
        super().__init__(path, what)
        self.args = (
            f"{self.path} changed while it was being imported ({what}); "
            "nothing was imported: import it again once it is complete",
        )


def inspect_people_csv(path: Path) -> PeopleCsvPlan:
    """Check a People CSV and read its header; :class:`ImportFileError` when it cannot be imported."""
    path = Path(path)
    header = read_header(path)
    try:
        layout = map_header(header.names)
    except HeaderError as exc:
        raise ImportFileError(path, str(exc), header.line) from None
    return PeopleCsvPlan(path, header.info, header.delimiter, header.line, layout)


ZONE_SQL = (
    "INSERT INTO phone_time_zones(mdn, zone, data_version) VALUES (?, ?, ?) "
    "ON CONFLICT(mdn) DO UPDATE SET zone = excluded.zone, data_version = excluded.data_version"
)
#: The same on PostgreSQL, a batch in one statement: the numbers and their zones as one JSON
#: object (a number twice in a batch has one zone); a zone already stored is left as it is.
ZONE_SQL_PG = (
    "INSERT INTO phone_time_zones(mdn, zone, data_version) SELECT z.key, z.value, ? FROM json_each_text(?::json) z "
    "ON CONFLICT(mdn) DO UPDATE SET zone = excluded.zone, data_version = excluded.data_version "
    "WHERE phone_time_zones.zone <> excluded.zone OR phone_time_zones.data_version <> excluded.data_version"
)


def _update_sets(columns: list[str], plain: str) -> tuple[list[str], list[int]]:
    """What a row updating someone sets, and which of the row's ``columns`` values each binds:
    a flag left empty (NULL) keeps the stored one, custom fields patch the stored ones, every
    other column but the external id and the creation time takes the row's value (``plain``:
    how that is written, ``excluded.{c}`` in an upsert, ``?`` in an update)."""
    sets: list[str] = []
    binds: list[int] = []
    for i, c in enumerate(columns):
        if c in ("external_id", "created_at"):
            continue
        if c == "custom_fields":
            sets.append("custom_fields = json_patch(people.custom_fields, ?)")
        elif c in FLAG_COLUMNS:
            sets.append(f"{c} = coalesce(?, people.{c})")
        else:
            sets.append(f"{c} = {plain.format(c=c)}")
        binds.append(i)
    return sets, binds


def _upsert_sql(layout: PeopleLayout) -> str:
    """The upsert of one row, with plain ``?`` placeholders bound in order: the layout's columns
    and the two times, then (when rows may update people) the flags and the custom fields again
    for the update half, as :meth:`RowConverter.convert` lays them out. A flag left empty
    (NULL) is 0 for a new person and the stored value for an updated one."""
    columns = [*layout.columns, "created_at", "updated_at"]
    values = [
        "json_patch('{}', ?)" if c == "custom_fields" else "coalesce(?, 0)" if c in FLAG_COLUMNS else "?"
        for c in columns
    ]
    sql = f"INSERT INTO people({', '.join(columns)}) VALUES ({', '.join(values)})"
    if not layout.upserts:
        return sql
    sets, _binds = _update_sets(columns, "excluded.{c}")
    return sql + " ON CONFLICT(external_id) DO UPDATE SET " + ", ".join(sets)


def _update_sql(layout: PeopleLayout) -> tuple[str, list[int]]:
    """The update half of :func:`_upsert_sql` as an ``UPDATE`` of the person with the row's
    external id, for rows known to update someone, and which of an upsert row's values it
    binds, in order: the same values, without an insert tried first or the insert triggers run
    for nothing."""
    columns = [*layout.columns, "created_at", "updated_at"]
    sets, binds = _update_sets(columns, "?")
    return f"UPDATE people SET {', '.join(sets)} WHERE external_id = ?", [*binds, columns.index("external_id")]


def _batches(plan: PeopleCsvPlan, text: TextIO) -> Iterator[tuple[list[tuple[int, list[str]]], int]]:
    """Batches of ``(line, values)`` after the header, each with the bytes read so far."""
    buffer = text.buffer
    batch: list[tuple[int, list[str]]] = []
    it = records(plan.path, reader_for(text, plan.delimiter), start_line=0)
    next(it)  # the header
    for rec in it:
        batch.append(rec)
        if len(batch) >= BATCH_ROWS:
            yield batch, buffer.tell()
            batch = []
    if batch:
        yield batch, plan.info.size


Flags = tuple[object, object, object]


def _stored_flags(conn: sqlite3.Connection, params: list[tuple[object, ...]]) -> dict[object, Flags]:
    """The flags of each stored person a batch names by external id, in one query
    (PostgreSQL: the ids as one JSON array, not one parameter each)."""
    ids = list({p[0] for p in params if p[0] is not None})
    if not ids:
        return {}
    return {
        r[0]: (r[1], r[2], r[3])
        for r in conn.execute(
            "SELECT external_id, blocklisted, unsubscribed, marketing_suspended FROM people "
            "WHERE external_id = ANY(ARRAY(SELECT json_array_elements_text(?::json)))",
            (json.dumps(ids, ensure_ascii=False),),
        )
    }


def _opt_out_changes(
    conn: sqlite3.Connection,
    layout: PeopleLayout,
    params: list[tuple[object, ...]],
    stored: dict[object, Flags] | None = None,
) -> tuple[int, int]:
    """``(kept, lifted)`` for a batch about to be written: rows updating a person who has an
    opt-out flag set that an empty cell or a missing column keeps, and rows lifting such a
    flag with an explicit false. Reads the stored flags before the batch is written (or takes
    them, ``stored``: :func:`_stored_flags`) and follows the rows in order, so a person twice
    in the file is counted as the upsert goes."""
    cols = layout.columns
    present = [(FLAG_COLUMNS.index(c), cols.index(c)) for c in FLAG_COLUMNS if c in cols]
    absent = len(present) < len(FLAG_COLUMNS)
    flags: dict[object, tuple[object, ...]]
    if stored is not None:
        flags = {ext: f for ext, f in stored.items() if any(f)}
        if not flags:
            named = [p[0] for p in params if p[0] is not None]
            if len(set(named)) == len(named):
                return 0, 0  # no one flagged, no one twice: nothing kept or lifted
    else:
        ids = list({p[0] for p in params if p[0] is not None and (absent or any(p[at] != 1 for _, at in present))})
        if not ids:
            return 0, 0
        marks = ",".join("?" * len(ids))
        flags = {
            r[0]: (r[1], r[2], r[3])
            for r in conn.execute(
                f"SELECT external_id, blocklisted, unsubscribed, marketing_suspended FROM people "
                f"WHERE external_id IN ({marks}) AND (blocklisted = 1 OR unsubscribed = 1 OR marketing_suspended = 1)",
                ids,
            )
        }
    kept = lifted = 0
    for p in params:
        ext = p[0]
        if ext is None:
            continue
        had = flags.get(ext)
        given: list[object] = [None, None, None]
        for k, at in present:
            given[k] = p[at]
        if had is not None:
            kept += any(had[k] and given[k] is None for k in range(3))
            lifted += any(had[k] and given[k] == 0 for k in range(3))
        after = tuple((had[k] if had else 0) if given[k] is None else given[k] for k in range(3))
        if any(after):
            flags[ext] = after
        elif had is not None:
            del flags[ext]
    return kept, lifted


def _changes(plan: PeopleCsvPlan, raw: BinaryIO, consumed: int | None) -> str | None:
    """How the file differs from when it was checked (``None``: it does not): its size,
    modification time and inode now, by name and by the open handle, and ``consumed``
    (the bytes read, once read to the end) against its size then."""
    start = plan.info
    try:
        by_name = os.stat(plan.path)
        opened = os.fstat(raw.fileno())
    except OSError as exc:
        return f"it can no longer be read: {exc.strerror or exc}"
    if by_name.st_ino != opened.st_ino or (start.inode and opened.st_ino != start.inode):
        return "it was replaced by another file"
    for now in (opened, by_name):
        if now.st_size != start.size:
            return f"it was {start.size:,} bytes when the import started and is {now.st_size:,} bytes now"
    if start.mtime_ns and any(now.st_mtime_ns != start.mtime_ns for now in (opened, by_name)):
        return "it was written to"
    if consumed is not None and consumed != start.size:
        return f"{consumed:,} of its {start.size:,} bytes were read"
    return None


def _known_countries(conn: sqlite3.Connection, batch: list[tuple[int, list[str]]], ext_index: int) -> dict[str, str]:
    ids = list({v[ext_index].strip() for _, v in batch if len(v) > ext_index and v[ext_index].strip()})
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return dict(conn.execute(f"SELECT external_id, country FROM people WHERE external_id IN ({marks})", ids).fetchall())


# -- worker processes ---------------------------------------------------------------------

_worker_converter: RowConverter | None = None


def _init_worker(converter: RowConverter) -> None:
    global _worker_converter
    _worker_converter = converter


def _convert_in_worker(batch: list[tuple[int, list[str]]], known: dict[str, str] | None) -> BatchResult:
    assert _worker_converter is not None
    return _worker_converter.convert(batch, known)


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


# -- the import -----------------------------------------------------------------------------


def import_people_csv(
    conn: sqlite3.Connection,
    path: Path,
    *,
    default_region: str | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    plan: PeopleCsvPlan | None = None,
    add_to_list: str | None = None,
) -> PeopleImportResult:
    """Import a People CSV into the workspace behind ``conn`` in one transaction.

    ``add_to_list`` names a static list every person of the file joins, in the same
    transaction (:class:`ImportFileError` naming the list when there is none of that name).

    ``default_region`` overrides the workspace setting for numbers of people without a
    country. ``progress(rows_done, bytes_done, bytes_total)`` is called after each batch;
    an exception raised from it cancels the import (nothing is written). ``workers``: how
    many processes convert rows (default: up to 2 for files of 4 MB or more; 1 = none).
    """
    plan = plan or inspect_people_csv(Path(path))
    region = (default_region or get_setting(conn, "default_region")).strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(f"default region {region!r} is not a two-letter country code phonenumbers knows")
    copying = dialect_of(conn) == "postgresql"
    converter = RowConverter(plan.layout, region, iso(now_utc()), copy_rows=copying)
    nworkers = default_workers() if workers is None else max(1, workers)
    if plan.info.size < POOL_MIN_BYTES:
        nworkers = 1
    result = PeopleImportResult(notes=list(plan.layout.notes))
    sql = _upsert_sql(plan.layout)
    src = plan.layout.sources
    ext_index = src["external_id"] if "external_id" in src and "country" not in src else None

    old_cache = None if copying else conn.execute("PRAGMA cache_size").fetchone()[0]
    if old_cache is not None:
        conn.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
    pool = _start_pool(nworkers, converter) if nworkers > 1 else None
    upserts = plan.layout.upserts
    try:
        with (
            transaction(conn),
            open_text(plan.path) as text,
            consent_source(conn, "import", plan.path.name, learned_at=converter.now) as consent,
            search_index_batches(conn) as index_batch,
            # on PostgreSQL the file is read while the server writes (the rows go out in one COPY a batch)
            _read_ahead(_batches(plan, text), 2)
            if copying
            else contextlib.nullcontext(_batches(plan, text)) as batches,
        ):
            raw = text.buffer
            before = conn.execute("SELECT count(*) FROM people").fetchone()[0]
            joining = _list_to_join(conn, plan.path, add_to_list)
            lookup = (lambda batch: _known_countries(conn, batch, ext_index)) if ext_index is not None else None
            index_from: int | None = None  # on PostgreSQL: the largest id before the people not yet indexed
            waiting = 0
            try:
                for done, bytes_done in _converted(batches, converter, pool, lookup, 2 * nworkers):
                    stored = _stored_flags(conn, done.params) if copying and upserts else None
                    if upserts:
                        kept, lifted = _opt_out_changes(conn, plan.layout, done.params, stored)
                        result.opt_outs_kept += kept
                        result.opt_outs_lifted += lifted
                    last_id = conn.execute("SELECT coalesce(max(id), 0) FROM people").fetchone()[0]
                    if copying:
                        _copy_rows(conn, sql, plan, done, consent, stored)
                        index_from = last_id if index_from is None else index_from
                        waiting += len(done.params)
                        if waiting >= PG_INDEX_ROWS:  # the new people into the search index, many at once
                            index_batch(index_from)
                            index_from, waiting = None, 0
                    else:
                        _write_rows(conn, sql, plan, done, consent)
                        index_batch(last_id)  # the new people into the search index, in one statement
                    _write_zones(conn, done.zones, copying)
                    suppress_erased_numbers(conn, [n for n, _ in done.zones], learned_at=converter.now)
                    if joining is not None:
                        result.added_to_list += _join_list(conn, joining, last_id, done.params if upserts else [])
                    _merge(result, done)
                    if progress is not None:
                        progress(result.rows, bytes_done, plan.info.size)
            except ImportFileError as exc:
                # a file cut short mid-value reads as broken; say what really happened
                what = _changes(plan, raw, None)
                if what is not None:
                    raise FileChangedError(plan.path, what) from exc
                raise
            if index_from is not None:
                index_batch(index_from)
            # the one commit of the whole import follows: refuse a file that changed under the read
            what = _changes(plan, raw, raw.tell())
            if what is not None:
                raise FileChangedError(plan.path, what)
            after = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    finally:
        if old_cache is not None:
            conn.execute(f"PRAGMA cache_size = {int(old_cache)}")
        if pool is not None:
            pool.terminate()
            pool.join()
    result.imported = after - before
    result.updated = result.rows - result.imported
    result.list_name = add_to_list
    if progress is not None and not result.rows:
        progress(0, plan.info.size, plan.info.size)
    return result


def _flag_rows(
    conn: sqlite3.Connection, layout: PeopleLayout, done: BatchResult, stored: dict[object, Flags] | None = None
) -> dict[int, str]:
    """The rows of a batch that may set or lift an opt-out flag, by index, with the consent
    context key of their person: a row with a flag true, and a row with a flag explicitly false
    for a person who has (or earlier in the batch got) a flag (the stored flags read here or
    given, ``stored``)."""
    cols = layout.columns
    flag_at = [cols.index(c) for c in FLAG_COLUMNS if c in cols]
    if not flag_at:
        return {}
    raw_at = cols.index("phone_raw")
    upserts = layout.upserts

    def key(p: tuple[object, ...]) -> str:
        ext = p[0] if upserts else None
        return person_key(external_id=str(ext) if ext is not None else None, phone_raw=str(p[raw_at]))

    rows: dict[int, str] = {}
    lifting: list[int] = []
    for i, p in enumerate(done.params):
        values = [p[a] for a in flag_at]
        if 1 in values:
            rows[i] = key(p)
        elif upserts and p[0] is not None and 0 in values:
            lifting.append(i)
    if lifting:
        ids = list({done.params[i][0] for i in lifting})
        flagged = {done.params[i][0] for i in rows}
        if stored is not None:
            flagged.update(ext for ext in ids if any(stored.get(ext, ())))
        else:
            flagged.update(
                r[0]
                for r in conn.execute(
                    f"SELECT external_id FROM people WHERE external_id IN ({','.join('?' * len(ids))}) "
                    "AND (blocklisted = 1 OR unsubscribed = 1 OR marketing_suspended = 1)",
                    ids,
                )
            )
        rows.update({i: key(done.params[i]) for i in lifting if done.params[i][0] in flagged})
    return rows


def _write_rows(
    conn: sqlite3.Connection, sql: str, plan: PeopleCsvPlan, done: BatchResult, consent: ConsentContext
) -> None:
    """Write a batch, each row that may change a flag with its file line as the consent proof
    (a batch naming one person twice is written in parts, so each change gets its own line)."""
    rows = _flag_rows(conn, plan.layout, done)
    if not rows:
        conn.executemany(sql, done.params)
        return
    name = plan.path.name
    for start, end in unique_runs(range(len(done.params)), rows.get):
        consent.row_proofs({rows[i]: f"{name} line {done.lines[i]}" for i in range(start, end) if i in rows})
        conn.executemany(sql, done.params[start:end])
    consent.row_proofs({})


def _copy_rows(
    conn: sqlite3.Connection,
    sql: str,
    plan: PeopleCsvPlan,
    done: BatchResult,
    consent: ConsentContext,
    stored: dict[object, Flags] | None,
) -> None:
    """A batch on PostgreSQL: its new people by COPY, then the rows updating someone by the
    upsert, in file order, each row that may change a flag with its file line as the consent
    proof (in parts when one key would need two proofs at once, as :func:`_write_rows` does).
    ``stored``: the flags of the people the batch names who are stored (:func:`_stored_flags`;
    ``None`` when the file has no external ids)."""
    params = done.params
    rows = _flag_rows(conn, plan.layout, done, stored)
    new, updates = _new_people(params, stored) if stored is not None else (list(range(len(params))), [])
    name = plan.path.name
    copy_sql = f"COPY people({', '.join(copy_columns(plan.layout))}) FROM STDIN"
    lines = done.copy
    for part in _proof_runs(new, rows):
        if rows:
            consent.row_proofs({rows[i]: f"{name} line {done.lines[i]}" for i in part if i in rows})
        _copy(conn, copy_sql, "".join([lines[i] for i in part]) if len(part) < len(lines) else "".join(lines))
    update_sql, picks = _update_sql(plan.layout) if updates else ("", [])
    for part in _proof_runs(updates, rows):
        if rows:
            consent.row_proofs({rows[i]: f"{name} line {done.lines[i]}" for i in part if i in rows})
        changed = conn.executemany(update_sql, [tuple(params[i][k] for k in picks) for i in part]).rowcount
        if changed != len(part):  # someone not there after all: the upsert writes it as SQLite would
            conn.executemany(sql, [params[i] for i in part])
    if rows:
        consent.row_proofs({})


def _proof_runs(indexes: list[int], rows: dict[int, str]) -> Iterator[list[int]]:
    """``indexes`` in parts none of which names one consent key twice (one part when no row
    may change a flag)."""
    if not indexes:
        return
    if not rows:
        yield indexes
        return
    for start, end in unique_runs(indexes, rows.get):
        yield indexes[start:end]


def _new_people(params: list[tuple[object, ...]], stored_people: dict[object, Flags]) -> tuple[list[int], list[int]]:
    """The rows of a batch (by index) that add a person (no external id, or the first row of
    one not stored), and those that update one."""
    stored = set(stored_people)
    new: list[int] = []
    updates: list[int] = []
    for i, p in enumerate(params):
        ext = p[0]
        if ext is None:
            new.append(i)
        elif ext in stored:
            updates.append(i)
        else:
            new.append(i)
            stored.add(ext)  # a later row of this person updates it
    return new, updates


def _copy(conn: sqlite3.Connection, copy_sql: str, text: str) -> None:
    """``COPY … FROM STDIN`` of ``text`` on a PostgreSQL connection, failing with sqlite3's errors."""
    import psycopg

    from smsflow_desktop.services.store.pg import as_sqlite_error

    raw = conn.raw  # type: ignore[attr-defined]
    try:
        with raw.cursor() as cur, cur.copy(copy_sql) as copy:
            copy.write(text)
    except psycopg.Error as exc:
        raise as_sqlite_error(exc) from exc


def _write_zones(conn: sqlite3.Connection, zones: list[tuple[str, str]], postgresql: bool) -> None:
    """Keep the time zones of a batch's valid numbers (``phone_time_zones``)."""
    if not postgresql:
        conn.executemany(ZONE_SQL, [(n, z, ZONE_DATA_VERSION) for n, z in zones])
    elif zones:
        conn.execute(ZONE_SQL_PG, (ZONE_DATA_VERSION, json.dumps(dict(zones), ensure_ascii=False)))


def _list_to_join(conn: sqlite3.Connection, path: Path, name: str | None) -> int | None:
    if name is None:
        return None
    row = conn.execute("SELECT id FROM static_lists WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise ImportFileError(path, f"no static list is called {name!r}; nothing was imported")
    return int(row[0])


def _join_list(conn: sqlite3.Connection, list_id: int, last_id: int, params: list[tuple[object, ...]]) -> int:
    """Add a batch's people to the static list: those it created (ids above ``last_id``) and
    those it updated (by the ``external_id`` each row starts with when rows may update)."""
    added = conn.execute(
        "INSERT INTO static_list_members(list_id, person_id) SELECT ?, id FROM people WHERE id > ? "
        "ON CONFLICT DO NOTHING",
        (list_id, last_id),
    ).rowcount
    ext_ids = list({p[0] for p in params if p[0] is not None})
    for start in range(0, len(ext_ids), 500):
        chunk = ext_ids[start : start + 500]
        added += conn.execute(
            "INSERT INTO static_list_members(list_id, person_id) SELECT ?, id FROM people "
            f"WHERE external_id IN ({','.join('?' * len(chunk))}) AND id <= ? ON CONFLICT DO NOTHING",
            (list_id, *chunk, last_id),
        ).rowcount
    return added


@contextlib.contextmanager
def _read_ahead(items: Iterator[T], depth: int) -> Iterator[Iterator[T]]:
    """``items`` taken from a thread, up to ``depth`` ahead of the reader; an exception of
    ``items`` is raised where it happened, after the items before it. The thread is stopped
    and joined when the block ends, however it ends."""
    ready: queue.Queue[tuple[object, BaseException | None]] = queue.Queue(maxsize=max(1, depth))
    stop = threading.Event()
    end = object()

    def put(entry: tuple[object, BaseException | None]) -> bool:
        while not stop.is_set():
            try:
                ready.put(entry, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        try:
            for item in items:
                if not put((item, None)):
                    return
            put((end, None))
        except BaseException as exc:  # noqa: BLE001 - handed to the reader, raised there
            put((end, exc))

    def taken() -> Iterator[T]:
        while True:
            item, exc = ready.get()
            if exc is not None:
                raise exc
            if item is end:
                return
            yield item  # type: ignore[misc]

    thread = threading.Thread(target=run, name="people-csv-reader", daemon=True)
    thread.start()
    try:
        yield taken()
    finally:
        stop.set()
        thread.join()


def _converted(
    batches: Iterator[tuple[list[tuple[int, list[str]]], int]],
    converter: RowConverter,
    pool: Pool | None,
    lookup: Callable[[list[tuple[int, list[str]]]], dict[str, str]] | None,
    ahead: int,
) -> Iterator[tuple[BatchResult, int]]:
    """Converted batches in file order; with a pool, a few batches are converted ahead."""
    if pool is None:
        for batch, at in batches:
            yield converter.convert(batch, lookup(batch) if lookup else None), at
        return
    pending: deque[tuple[AsyncResult[BatchResult], int]] = deque()
    for batch, at in batches:
        pending.append((pool.apply_async(_convert_in_worker, (batch, lookup(batch) if lookup else None)), at))
        if len(pending) > ahead:
            job, pos = pending.popleft()
            yield job.get(), pos
    while pending:
        job, pos = pending.popleft()
        yield job.get(), pos


def _start_pool(n: int, converter: RowConverter) -> Pool | None:
    """Worker processes (spawned: safe from a GUI thread) that each hold the converter."""
    ctx = multiprocessing.get_context("spawn")
    try:
        return ctx.Pool(n, initializer=_init_worker, initargs=(converter,))
    except OSError as exc:
        log.warning("cannot start %d import workers (%s); converting in this process", n, exc)
        return None


def _merge(result: PeopleImportResult, done: BatchResult) -> None:
    result.rows += len(done.params)
    result.invalid_phone += done.invalid_phone
    result.missing_phone += done.missing_phone
    result.error_count += done.error_count
    room = MAX_ERRORS - len(result.errors)
    for line, reason in done.errors[: max(0, room)]:
        result.errors.append({"line": line, "reason": reason})
