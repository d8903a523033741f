"""A PostgreSQL connection with the interface the services use on SQLite.

:class:`PgConnection` wraps a psycopg 3 connection in autocommit mode (as the SQLite
connections are opened with ``isolation_level=None``: the services write ``BEGIN`` …
``COMMIT`` through :func:`~smsflow_desktop.services.transactions.transaction`). It offers
``execute``/``executemany``/``executescript`` with ``?`` parameters, rows that read by index
and by column name like :class:`sqlite3.Row`, ``in_transaction``, and raises sqlite3's
exception classes (``IntegrityError`` for a constraint, ``OperationalError`` for a lock,
a lost connection or a serialization failure), so one ``except`` serves both stores.

:func:`translate` rewrites the few SQLite spellings the services use, once per distinct
statement (cached): ``?`` and ``:name`` placeholders, ``BEGIN IMMEDIATE``, ``INSERT OR IGNORE``, ``IS``/``IS NOT`` between
values, ``COLLATE NOCASE``, ``LIKE`` (case-insensitive on SQLite). The
JSON and date functions keep their SQLite names: :data:`COMPAT_SQL` defines ``json_extract``,
``json_each``, ``json_valid``, ``json_patch``, ``json_array_length``, ``strftime``,
``julianday``, ``instr`` and two-argument ``max``/``min`` on PostgreSQL with SQLite's meaning for the forms used here.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, ClassVar, Literal

import psycopg
from psycopg import errors as pg_errors
from psycopg.adapt import Loader
from psycopg.pq import TransactionStatus

dialect = "postgresql"

#: SQLite's JSON, date and string functions as the services use them, on PostgreSQL.
#: Values stay TEXT as on SQLite (timestamps as ``2026-04-05T14:30:00Z``, documents as JSON text).
COMPAT_SQL = r"""
CREATE OR REPLACE FUNCTION json_extract(doc text, path text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT jsonb_path_query_first(doc::jsonb, path::jsonpath) #>> '{}' $$;
CREATE OR REPLACE FUNCTION json_array_length(doc text, path text DEFAULT '$') RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN jsonb_typeof(v) = 'array' THEN jsonb_array_length(v) ELSE 0 END
          FROM (SELECT jsonb_path_query_first(doc::jsonb, path::jsonpath) AS v) AS x WHERE v IS NOT NULL $$;
CREATE OR REPLACE FUNCTION json_each(doc text, path text DEFAULT '$')
    RETURNS TABLE(key text, value text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (e.ordinality - 1)::text, e.value #>> '{}'
          FROM jsonb_array_elements(
                   CASE WHEN jsonb_typeof(jsonb_path_query_first(doc::jsonb, path::jsonpath)) = 'array'
                        THEN jsonb_path_query_first(doc::jsonb, path::jsonpath) ELSE '[]'::jsonb END
               ) WITH ORDINALITY AS e(value, ordinality) $$;
CREATE OR REPLACE FUNCTION json_valid(doc text) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$ BEGIN PERFORM doc::jsonb; RETURN 1; EXCEPTION WHEN others THEN RETURN 0; END $$;
CREATE OR REPLACE FUNCTION json_patch(target text, patch text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE
            WHEN jsonb_typeof(patch::jsonb) <> 'object' THEN patch::jsonb::text
            WHEN jsonb_typeof(target::jsonb) <> 'object' THEN jsonb_strip_nulls(patch::jsonb)::text
            ELSE (SELECT coalesce(jsonb_object_agg(k, v), '{}'::jsonb)::text FROM (
                    SELECT t.key AS k, t.value AS v FROM jsonb_each(target::jsonb) AS t
                    WHERE NOT (patch::jsonb ? t.key)
                    UNION ALL
                    SELECT p.key, p.value FROM jsonb_each(patch::jsonb) AS p
                    WHERE jsonb_typeof(p.value) <> 'null') AS merged)
          END $$;
CREATE OR REPLACE FUNCTION strftime(fmt text, stamp text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT to_char(
            (CASE WHEN stamp = 'now' THEN statement_timestamp() ELSE stamp::timestamptz END) AT TIME ZONE 'UTC',
            replace(replace(replace(replace(replace(replace(replace(replace(fmt, 'T', '"T"'), 'Z', '"Z"'),
                '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD'), '%H', 'HH24'), '%M', 'MI'), '%S', 'SS')) $$;
CREATE OR REPLACE FUNCTION julianday(stamp text) RETURNS double precision
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT extract(epoch FROM (CASE WHEN stamp = 'now' THEN statement_timestamp() ELSE stamp::timestamptz END))
                 / 86400.0 + 2440587.5 $$;
CREATE OR REPLACE FUNCTION max(a anycompatible, b anycompatible) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT GREATEST(a, b) $$;
CREATE OR REPLACE FUNCTION min(a anycompatible, b anycompatible) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT LEAST(a, b) $$;
CREATE OR REPLACE FUNCTION instr(haystack text, needle text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT strpos(haystack, needle) $$;
"""

_LITERAL = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
_REWRITES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bBEGIN\s+(?:IMMEDIATE|EXCLUSIVE|DEFERRED)\b", re.I), "BEGIN"),
    (re.compile(r"\bIS\s+NOT\s+(?!NULL\b|TRUE\b|FALSE\b|DISTINCT\b|UNKNOWN\b)", re.I), "IS DISTINCT FROM "),
    (
        re.compile(r"\bIS\s+(?!NOT\b|NULL\b|TRUE\b|FALSE\b|DISTINCT\b|UNKNOWN\b|OF\b|JSON\b)", re.I),
        "IS NOT DISTINCT FROM ",
    ),
    (re.compile(r"\b([\w.]+)\s*=\s*\?\s+COLLATE\s+NOCASE\b", re.I), r"lower(\1) = lower(?)"),
    (re.compile(r"\b([\w.]+)\s+COLLATE\s+NOCASE\b", re.I), r"lower(\1)"),
    (re.compile(r"(?<!\w)(NOT\s+)?LIKE\b", re.I), r"\1ILIKE"),
    (re.compile(r"\bchar\(", re.I), "chr("),
]
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")  # SQLite's :name parameters
_INSERT_OR_IGNORE = re.compile(r"\bINSERT\s+OR\s+IGNORE\s+INTO\b", re.I)
_RETURNING = re.compile(r"\bRETURNING\b", re.I)
_PRAGMA_DATA_VERSION = re.compile(r"^\s*PRAGMA\s+data_version\s*;?\s*$", re.I)


@functools.lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """The statement ``sql`` (SQLite spelling, ``?`` placeholders) for psycopg on PostgreSQL."""
    if re.match(r"^\s*PRAGMA\s+(integrity|quick)_check\b", sql, re.I):
        return "SELECT 'ok'"  # the server keeps its own files whole
    if re.match(r"^\s*PRAGMA\b", sql, re.I):
        return "SELECT 0"  # SQLite's tuning and file settings mean nothing here
    parts: list[str] = []
    pos = 0
    for m in _LITERAL.finditer(sql):
        parts.append(_rewrite_code(sql[pos : m.start()]))
        parts.append(m.group(0).replace("%", "%%"))
        pos = m.end()
    parts.append(_rewrite_code(sql[pos:]))
    out = "".join(parts)
    if _INSERT_OR_IGNORE.search(out):
        out = _INSERT_OR_IGNORE.sub("INSERT INTO", out)
        body = out.rstrip().rstrip(";")
        ret = _RETURNING.search(body)
        out = (
            f"{body[: ret.start()]} ON CONFLICT DO NOTHING {body[ret.start() :]}"
            if ret
            else f"{body} ON CONFLICT DO NOTHING"
        )
    return out


def _rewrite_code(code: str) -> str:
    code = code.replace("%", "%%")
    for pattern, repl in _REWRITES:
        code = pattern.sub(repl, code)
    return _NAMED.sub(r"%(\1)s", code).replace("?", "%s")


# -- rows ----------------------------------------------------------------------------------
class Row(tuple):  # type: ignore[type-arg,unused-ignore]
    """A result row read by index or (case-insensitively) by column name, like sqlite3.Row."""

    __slots__ = ()
    _index: ClassVar[dict[str, int]] = {}
    _names: ClassVar[tuple[str, ...]] = ()

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override,unused-ignore]
        if isinstance(key, str):
            try:
                key = self._index[key] if key in self._index else self._index[key.lower()]
            except KeyError:
                raise IndexError("No item with that key") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


@functools.lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)
        index.setdefault(name.lower(), i)
    return type("Row", (Row,), {"__slots__": (), "_index": index, "_names": names})


def _row_factory(cursor: psycopg.Cursor[Any]) -> Any:
    desc = cursor.description
    if desc is None:
        return tuple
    cls = _row_class(tuple(d.name for d in desc))
    return lambda values: cls(values)


# -- values as SQLite gives them ------------------------------------------------------------
class _NumericLoader(Loader):
    """``numeric`` (sums and averages) as int when whole, else float, as SQLite returns them."""

    def load(self, data: Any) -> Any:
        value = Decimal(bytes(data).decode())
        return int(value) if value == value.to_integral_value() else float(value)


class _BoolLoader(Loader):
    """Booleans (comparisons selected as values) as 1/0, as SQLite returns them."""

    def load(self, data: Any) -> Any:
        return 1 if bytes(data) == b"t" else 0


def _adapt(conn: psycopg.Connection[Any]) -> None:
    conn.adapters.register_loader("numeric", _NumericLoader)
    conn.adapters.register_loader("bool", _BoolLoader)


# -- errors --------------------------------------------------------------------------------
def as_sqlite_error(exc: psycopg.Error) -> sqlite3.Error:
    """The sqlite3 exception class the services catch for the same kind of failure."""
    text = _error_text(exc)
    if isinstance(exc, pg_errors.IntegrityError):
        return sqlite3.IntegrityError(text)
    if isinstance(exc, pg_errors.RaiseException):
        return sqlite3.IntegrityError(text)
    if isinstance(exc, pg_errors.LockNotAvailable | pg_errors.SerializationFailure | pg_errors.DeadlockDetected):
        return sqlite3.OperationalError(f"database is locked ({text})")
    if isinstance(exc, pg_errors.DiskFull):
        return sqlite3.OperationalError("database or disk is full")
    if isinstance(exc, pg_errors.InsufficientPrivilege):
        return sqlite3.OperationalError(f"attempt to write a readonly database ({text})")
    if isinstance(exc, pg_errors.QueryCanceled):
        return sqlite3.OperationalError("interrupted")
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return sqlite3.OperationalError(f"the database server is unreachable ({text})")
    if isinstance(exc, psycopg.ProgrammingError | psycopg.DataError):
        return sqlite3.ProgrammingError(text)
    return sqlite3.DatabaseError(text)


def _error_text(exc: psycopg.Error) -> str:
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    return primary or str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


class _Errors:
    """``with _Errors():`` re-raises psycopg errors as sqlite3's."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, et: Any, exc: Any, tb: Any) -> Literal[False]:
        if isinstance(exc, psycopg.Error):
            raise as_sqlite_error(exc) from exc
        return False


_errors = _Errors()


# -- cursor and connection -----------------------------------------------------------------
class PgCursor:
    """The sqlite3 cursor surface over a psycopg cursor."""

    def __init__(self, cur: psycopg.Cursor[Any]) -> None:
        self._cur = cur

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount

    @property
    def description(self) -> Any:
        d = self._cur.description
        return None if d is None else tuple((c.name, None, None, None, None, None, None) for c in d)

    @property
    def lastrowid(self) -> int | None:
        raise sqlite3.NotSupportedError("lastrowid: write INSERT … RETURNING id instead")

    def fetchone(self) -> Any:
        if self._cur.description is None:
            return None
        with _errors:
            return self._cur.fetchone()

    def fetchall(self) -> list[Any]:
        if self._cur.description is None:
            return []
        with _errors:
            return self._cur.fetchall()

    def fetchmany(self, size: int = 1) -> list[Any]:
        if self._cur.description is None:
            return []
        with _errors:
            return self._cur.fetchmany(size)

    def __iter__(self) -> Iterator[Any]:
        if self._cur.description is None:
            return iter(())
        return iter(self.fetchall())

    def close(self) -> None:
        self._cur.close()


class PgConnection:
    """A psycopg connection behind the sqlite3 connection interface the services use."""

    dialect = "postgresql"

    def __init__(self, raw: psycopg.Connection[Any], *, on_close: Any = None) -> None:
        self.raw = raw
        self.row_factory: Any = None  # accepted and ignored: rows always read by name and index
        self._on_close = on_close
        self._listening = False
        self._heard = 0
        _adapt(raw)

    # the sqlite3 surface
    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        if _PRAGMA_DATA_VERSION.match(sql):
            return _Values([(self.data_version(),)])
        cur = self.raw.cursor(row_factory=_row_factory)
        with _errors:
            cur.execute(translate(sql), _params(params))
        return PgCursor(cur)

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> PgCursor:
        cur = self.raw.cursor(row_factory=_row_factory)
        with _errors:
            cur.executemany(translate(sql), [_params(p) for p in seq])
        return PgCursor(cur)

    def executescript(self, script: str) -> None:
        with _errors:
            self.raw.execute(script)

    def cursor(self) -> _ScriptCursor:
        return _ScriptCursor(self)

    def data_version(self) -> int:
        """What ``PRAGMA data_version`` tells on SQLite: a number that changes when another
        connection commits a change. Here: the count of ``smsflow_changes`` notifications this
        connection has heard (the schema's triggers send one per changing statement)."""
        with _errors:
            if not self._listening:
                self.raw.execute("LISTEN smsflow_changes")
                self._listening = True
            own = self.raw.info.backend_pid
            for note in self.raw.notifies(timeout=0):
                if note.pid != own:  # as on SQLite, this connection's own commits do not count
                    self._heard += 1
        return self._heard

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def commit(self) -> None:
        if self.in_transaction:
            self.execute("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self.execute("ROLLBACK")

    def interrupt(self) -> None:
        """Cancel the statement running on this connection (from another thread)."""
        with contextlib.suppress(psycopg.Error):
            self.raw.cancel_safe()

    def close(self) -> None:
        if self._listening and not self.raw.closed:
            with contextlib.suppress(psycopg.Error):
                self.raw.execute("UNLISTEN *")
            self._listening = False
        if self._on_close is not None:
            on_close, self._on_close = self._on_close, None
            on_close(self)
        elif not self.raw.closed:
            self.raw.close()

    def __enter__(self) -> PgConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Values:
    """A cursor over values computed here rather than by the server."""

    rowcount = -1
    description = None

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self._rows = rows

    def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    def fetchall(self) -> list[Any]:
        rows, self._rows = self._rows, []
        return rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class _ScriptCursor:
    """``conn.cursor()`` for code that executes through a cursor object."""

    def __init__(self, conn: PgConnection) -> None:
        self._conn = conn
        self._last: PgCursor | None = None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _ScriptCursor:
        self._last = self._conn.execute(sql, params)
        return self

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> _ScriptCursor:
        self._last = self._conn.executemany(sql, seq)
        return self

    def fetchone(self) -> Any:
        return self._last.fetchone() if self._last else None

    def fetchall(self) -> list[Any]:
        return self._last.fetchall() if self._last else []

    @property
    def rowcount(self) -> int:
        return self._last.rowcount if self._last else -1

    def close(self) -> None:
        pass


def _params(params: Sequence[Any] | dict[str, Any]) -> Sequence[Any] | dict[str, Any]:
    if isinstance(params, dict):
        return params
    return [bytes(p) if isinstance(p, memoryview) else p for p in params]
