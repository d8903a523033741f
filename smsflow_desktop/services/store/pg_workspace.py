"""A workspace in a PostgreSQL database: ``postgresql://USER@HOST:PORT/DB``.

Connections come from one psycopg pool per database URL in the process (threads share it);
:meth:`PgWorkspace.connect` lends one wrapped as :class:`~.pg.PgConnection` and ``close``
gives it back. The password is never part of a setting or a file the app writes: libpq reads
``PGPASSWORD`` and ``~/.pgpass``; else the keyring entry ``smsflow-desktop`` /
``postgresql://USER@HOST:PORT/DB`` is used when there is one. Messages name the database
without any password.

A write transaction (``BEGIN IMMEDIATE`` in the services) takes the workspace's write lock, a
transaction-level advisory lock, so writers take turns as they do on SQLite and every
read-then-write the services do stays correct with several agents and windows on one
database; readers never wait. ``busy_timeout`` bounds the wait (``lock_timeout``), after which
the workspace is "busy", as on SQLite.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import sqlite3
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from smsflow_desktop.services.store.pg import COMPAT_SQL, PgConnection, as_sqlite_error

log = logging.getLogger(__name__)

KEYRING_SERVICE = "smsflow-desktop"
#: The advisory lock every write transaction takes (any constant; the same in every process).
WRITE_LOCK_KEY = 0x5305F10E
POOL_MAX = 16
_pools: dict[str, ConnectionPool[Any]] = {}
_pools_lock = threading.Lock()


def redact(url: str) -> str:
    """The URL without a password, for messages and titles."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "postgresql://…"
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit((parts.scheme, f"{user}{host}", parts.path, parts.query, parts.fragment))


def keyring_account(url: str) -> str:
    """The keyring account of a database: its URL without password or query."""
    parts = urlsplit(redact(url))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _keyring_password(url: str) -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, keyring_account(url))
    except Exception:  # no backend, a locked one: libpq's own sources still apply
        log.debug("no keyring password for the database", exc_info=True)
        return None


def connect_kwargs(url: str) -> dict[str, Any]:
    """Options for ``psycopg.connect(url, ...)`` as the pool uses them: autocommit, and the keyring
    password when the URL carries none."""
    kwargs: dict[str, Any] = {"autocommit": True}
    if "password" not in conninfo_to_dict(url):
        password = _keyring_password(url)
        if password:
            kwargs["password"] = password
    return kwargs


def state_dir(url: str) -> Path:
    """This machine's folder for a database workspace's local files (never its data)."""
    import hashlib

    from platformdirs import user_data_dir

    digest = hashlib.sha256(keyring_account(url).encode()).hexdigest()[:16]
    return Path(user_data_dir("smsflow-desktop", appauthor=False)) / "databases" / digest


def describe_pg_error(exc: BaseException, where: str) -> str:
    """One sentence naming the database and what to do."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    low = text.lower()
    if "password authentication failed" in low or "no password supplied" in low:
        return (
            f"{where}: the database refused the password; set PGPASSWORD, add the database to ~/.pgpass "
            f"or store the password in the keyring (smsflow-desktop / {keyring_account(where)})"
        )
    if "does not exist" in low and "database" in low:
        return (
            f"{where}: no such database on the server; create it (createdb) and run 'smsflow init --workspace {where}'"
        )
    if "could not connect" in low or "connection refused" in low or "no such file" in low or "timeout" in low:
        return f"{where}: cannot reach the database server ({text}); check the host, port and that it runs"
    if "locked" in low or "busy" in low:
        return f"{where}: the workspace is busy (another program is writing to it); try again"
    if "readonly" in low or "permission denied" in low:
        denied = re.search(r"permission denied[^)]*", text)
        why = denied.group(0) if denied else text
        return f"{where}: this database role may not change the workspace ({why}); ask its owner for rights"
    return f"{where}: {text}"


def _pool(url: str, lock_timeout_ms: int) -> ConnectionPool[Any]:
    key = f"{url}#{lock_timeout_ms}"
    with _pools_lock:
        pool = _pools.get(key)
        if pool is None or pool.closed:
            kwargs: dict[str, Any] = {"autocommit": True, "application_name": "smsflow"}
            if "password" not in conninfo_to_dict(url):
                password = _keyring_password(url)
                if password:
                    kwargs["password"] = password

            def configure(conn: psycopg.Connection[Any]) -> None:
                conn.execute(f"SET lock_timeout = {lock_timeout_ms}")
                conn.execute("SET TIME ZONE 'UTC'")

            pool = ConnectionPool(
                url,
                kwargs=kwargs,
                min_size=0,
                max_size=POOL_MAX,
                configure=configure,
                check=ConnectionPool.check_connection,
                open=True,
                timeout=30.0,
                name=f"smsflow-{len(_pools)}",
            )
            _pools[key] = pool
        return pool


def close_pools() -> None:
    """Close every pool of this process (at exit, and in tests that drop databases)."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        with contextlib.suppress(Exception):
            pool.close(timeout=2.0)


class WorkspaceConnection(PgConnection):
    """A pooled connection whose write transactions take the workspace's write lock."""

    def execute(self, sql: str, params: Any = ()) -> Any:
        head = sql.lstrip()[:16].upper()
        if head.startswith("BEGIN IMMEDIATE") or head.startswith("BEGIN EXCLUSIVE"):
            cur = super().execute("BEGIN")
            try:
                super().execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK_KEY,))
            except BaseException:
                with contextlib.suppress(Exception):
                    super().execute("ROLLBACK")
                raise
            return cur
        return super().execute(sql, params)


COMPAT_DIGEST = hashlib.sha256(COMPAT_SQL.encode()).hexdigest()[:16]


def _define_compat_functions(raw: psycopg.Connection[Any]) -> None:
    """Define :data:`~.pg.COMPAT_SQL`'s functions once per version of them (the digest is kept in
    ``smsflow_compat``): opening the workspace again writes nothing, so a marketer's role that may
    use the functions but does not own them opens it as well as the one that made them."""

    def current() -> bool:
        if raw.execute("SELECT to_regclass('smsflow_compat') IS NULL").fetchone()[0]:  # type: ignore[index]
            return False
        row = raw.execute("SELECT digest FROM smsflow_compat").fetchone()
        return row is not None and row[0] == COMPAT_DIGEST

    if current():
        return
    with raw.transaction():
        raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
        if current():  # another program did it meanwhile
            return
        raw.execute(COMPAT_SQL)
        raw.execute("CREATE TABLE IF NOT EXISTS smsflow_compat (digest TEXT NOT NULL)")
        raw.execute("DELETE FROM smsflow_compat")
        raw.execute("INSERT INTO smsflow_compat (digest) VALUES (%s)", (COMPAT_DIGEST,))


def pg_connect(url: str, *, busy_timeout: float, migrate_schema: bool = False) -> WorkspaceConnection:
    """A pooled connection to the workspace database (with ``migrate_schema``: its schema made
    current and the compatibility functions defined first)."""
    pool = _pool(url, max(1, int(busy_timeout * 1000)))
    try:
        raw = pool.getconn()
    except PoolTimeout:
        raise sqlite3.OperationalError(
            "could not connect: the database server did not answer in time or refused the connection"
        ) from None

    def give_back(conn: PgConnection) -> None:
        with contextlib.suppress(Exception):
            pool.putconn(conn.raw)

    conn = WorkspaceConnection(raw, on_close=give_back)
    if migrate_schema:
        from smsflow_desktop.services.store.pg_schema import pg_migrate

        try:
            _define_compat_functions(conn.raw)
            pg_migrate(conn.raw)
        except psycopg.Error as exc:
            conn.close()
            raise as_sqlite_error(exc) from exc
        except BaseException:
            conn.close()
            raise
    return conn
