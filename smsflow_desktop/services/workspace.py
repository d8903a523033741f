"""A workspace is a folder: ``smsflow.db`` (SQLite) and ``emulator/`` (embedded Vibes state);
or, for a team, a PostgreSQL database named by a ``postgresql://USER@HOST:PORT/DB`` URL
(:class:`PgWorkspace`, see :mod:`smsflow_desktop.services.store`).

:class:`Workspace` finds, creates and opens one, hands out connections configured the same
way every time (WAL, foreign keys, ``synchronous=FULL``, a busy timeout) and turns SQLite's
failures (locked, read-only, corrupt, disk full, newer schema) into :class:`WorkspaceError`
messages a person can act on. Each thread opens its own connection.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from smsflow_desktop.services.compliance.rules import seed_rules
from smsflow_desktop.services.schema import SchemaTooNewError, migrate
from smsflow_desktop.services.store import is_database_url
from smsflow_desktop.services.transactions import transaction as transaction  # used across services

DB_NAME = "smsflow.db"
EMULATOR_DIR = "emulator"
ENV_WORKSPACE = "SMSFLOW_WORKSPACE"
ENV_NOW = "SMSFLOW_NOW"
#: Instants ``SMSFLOW_NOW`` may name: far enough from year 1 and 9999 for waits, quiet hours
#: and recurrences to be worked out around them.
NOW_RANGE = (datetime(1970, 1, 1, tzinfo=UTC), datetime(9000, 1, 1, tzinfo=UTC))


class WorkspaceError(RuntimeError):
    """A workspace that cannot be opened or written, with a message naming the cause."""


def default_workspace_dir() -> Path | str:
    """``SMSFLOW_WORKSPACE`` (a folder or a database URL), else the platform's user data folder."""
    env = os.environ.get(ENV_WORKSPACE)
    if env:
        return env if is_database_url(env) else Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("smsflow-desktop", appauthor=False)) / "workspace"


def resolve_workspace_dir(path: str | os.PathLike[str] | None) -> Path | str:
    """The workspace folder, or the database URL as given."""
    if is_database_url(path):
        return str(path)
    return Path(path).expanduser() if path else default_workspace_dir()


def now_utc() -> datetime:
    """The clock: ``SMSFLOW_NOW`` (ISO-8601) when set, else the wall clock; always UTC-aware."""
    text = os.environ.get(ENV_NOW)
    if text:
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise WorkspaceError(f"{ENV_NOW}={text!r} is not an ISO-8601 instant") from None
        try:
            if value.tzinfo is None:
                value = value.replace(tzinfo=UTC)
            value = value.astimezone(UTC)
        except OverflowError:
            value = datetime.min.replace(tzinfo=UTC)  # out of range either way
        if not NOW_RANGE[0] <= value < NOW_RANGE[1]:
            raise WorkspaceError(
                f"{ENV_NOW}={text!r} is out of range: give an instant between "
                f"{NOW_RANGE[0]:%Y-%m-%d} and {NOW_RANGE[1] - timedelta(days=1):%Y-%m-%d}"
            )
        return value
    return datetime.now(UTC)


def iso(dt: datetime) -> str:
    """A UTC timestamp as stored in the database: ``2026-04-05T14:30:00Z``."""
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def describe_sqlite_error(exc: BaseException, db_path: Path, *, one_transaction: bool = True) -> str:
    """Turn an sqlite3 error into one sentence naming the file and what to do. With
    ``one_transaction`` (the failed work was one transaction) a full disk says that nothing
    was saved; else it leaves what was saved for the caller to say."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return f"{db_path}: the workspace is busy (another program holds it); close it there and try again"
    if "readonly" in text or "read-only" in text or "attempt to write a readonly" in text:
        return f"{db_path}: the workspace is read-only; check the folder's permissions"
    if "disk is full" in text or "database or disk is full" in text:
        return f"{db_path}: the disk is full; free some space" + (", nothing was saved" if one_transaction else "")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"{db_path}: the file is not a valid smsflow workspace database (damaged or another kind of file)"
    if "unable to open" in text:
        return f"{db_path}: cannot open the workspace database; check that the folder exists and is writable"
    return f"{db_path}: {exc}"


class Workspace:
    """An opened workspace folder. Cheap to create; connections come from :meth:`connect`.
    ``Workspace(url)`` with a ``postgresql://`` URL gives a :class:`PgWorkspace`."""

    dialect = "sqlite"

    def __new__(cls, root: Path | str, **kwargs: object) -> Workspace:
        if cls is Workspace and is_database_url(root):
            return object.__new__(PgWorkspace)
        return object.__new__(cls)

    def __init__(self, root: Path | str, *, busy_timeout: float = 10.0) -> None:
        root = Path(root)
        self.root: Path | str = root
        self.busy_timeout = busy_timeout
        self.db_path = root / DB_NAME
        self.emulator_dir = root / EMULATOR_DIR

    # -- opening -----------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, create: bool = False) -> Workspace:
        """Open (and with ``create`` make) the workspace at ``path``, migrating its schema."""
        root = resolve_workspace_dir(path)
        if isinstance(root, str):
            return PgWorkspace.open_database(root, create=create)
        ws = cls(root)
        ws._refuse_empty_database()
        if not ws.db_path.exists():
            if not create:
                raise WorkspaceError(f"{root}: no workspace here; create one with 'smsflow init --workspace {root}'")
            try:
                root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WorkspaceError(f"{root}: cannot create the workspace folder ({exc.strerror})") from None
        try:
            conn = ws.connect(migrate_schema=True)
            conn.close()
        except sqlite3.Error as exc:
            raise WorkspaceError(describe_sqlite_error(exc, ws.db_path)) from None
        return ws

    def _refuse_empty_database(self) -> None:
        """A database file of 0 bytes (with no write-ahead log to recover it from) held a
        workspace that was truncated or never finished: SQLite would take it as a new, empty
        database, and the workspace would seem to have lost everything without a word."""
        try:
            if self.db_path.stat().st_size != 0:
                return
        except OSError:
            return  # missing or unreadable: opening it says which
        with contextlib.suppress(OSError):
            if Path(f"{self.db_path}-wal").stat().st_size > 0:
                return
        raise WorkspaceError(
            f"{self.db_path} is empty (0 bytes), perhaps truncated: restore it from a backup, "
            f"or delete it and run 'smsflow init --workspace {self.root}' for a new empty workspace"
        )

    def connect(self, *, migrate_schema: bool = False, synchronous: str = "FULL") -> sqlite3.Connection:
        """A new connection for the calling thread (autocommit; use :func:`transaction`)."""
        try:
            conn = sqlite3.connect(
                self.db_path, timeout=self.busy_timeout, isolation_level=None, check_same_thread=True
            )
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                conn.close()
                raise WorkspaceError(f"{self.db_path}: cannot switch the database to WAL mode (got {mode})")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA synchronous = {synchronous}")
            if migrate_schema:
                migrate(conn)
                seed_rules(conn)
            return conn
        except SchemaTooNewError as exc:
            raise WorkspaceError(f"{self.db_path}: {exc}") from None
        except sqlite3.Error as exc:
            raise WorkspaceError(describe_sqlite_error(exc, self.db_path)) from None

    @contextlib.contextmanager
    def session(self, **kwargs: object) -> Iterator[sqlite3.Connection]:
        """A connection that is closed afterwards."""
        conn = self.connect(**kwargs)  # type: ignore[arg-type]
        try:
            yield conn
        finally:
            conn.close()


def database_has_workspace(url: str, *, connect_timeout: int = 10) -> bool:
    """Whether the PostgreSQL database at ``url`` holds a workspace (its ``schema_version``
    table), asked over one direct connection, so a server that cannot be reached, a refused
    password or a missing database is said at once and by its cause (the pool would try until
    its timeout and then say only that it got no connection). WorkspaceError when it cannot be
    asked."""
    import psycopg

    from smsflow_desktop.services.store.pg_workspace import connect_kwargs, describe_pg_error, redact

    try:
        with psycopg.connect(url, connect_timeout=connect_timeout, **connect_kwargs(url)) as conn:
            row = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    except psycopg.Error as exc:
        raise WorkspaceError(describe_pg_error(exc, redact(url))) from None
    return bool(row and row[0])


class PgWorkspace(Workspace):
    """A workspace in a PostgreSQL database (``postgresql://USER@HOST:PORT/DB``).

    ``root`` is the URL as given; ``db_path`` is the URL without any password, for messages.
    The embedded Vibes emulator keeps its state in the same database.
    """

    dialect = "postgresql"

    def __init__(self, root: Path | str, *, busy_timeout: float = 10.0) -> None:
        from smsflow_desktop.services.store.pg_workspace import redact, state_dir

        self.root = str(root)
        self.url = self.root
        self.busy_timeout = busy_timeout
        self.db_path = redact(self.url)  # type: ignore[assignment]
        self.emulator_dir = state_dir(self.url) / EMULATOR_DIR

    @classmethod
    def open_database(cls, url: str, *, create: bool = False) -> PgWorkspace:
        ws = cls(url)
        # one direct connection first: an unreachable server, a refused password or a missing
        # database is said at once, by its cause (the pool would only say it got no connection)
        if not database_has_workspace(url) and not create:
            raise WorkspaceError(
                f"{ws.db_path}: no workspace in this database; create one with 'smsflow init --workspace {ws.db_path}'"
            )
        conn = ws.connect(migrate_schema=True)
        conn.close()
        return ws

    def connect(self, *, migrate_schema: bool = False, synchronous: str = "FULL") -> Any:
        """A pooled connection with the sqlite3 interface (give it back with ``close``)."""
        from smsflow_desktop.services.store.pg_workspace import describe_pg_error, pg_connect

        try:
            conn = pg_connect(self.url, busy_timeout=self.busy_timeout, migrate_schema=migrate_schema)
            if migrate_schema:
                try:
                    seed_rules(conn)  # type: ignore[arg-type]  # the sqlite3 interface, on PostgreSQL
                except BaseException:
                    conn.close()
                    raise
            return conn
        except SchemaTooNewError as exc:
            raise WorkspaceError(f"{self.db_path}: {exc}") from None
        except sqlite3.Error as exc:
            raise WorkspaceError(describe_pg_error(exc, str(self.db_path))) from None
