"""PostgreSQL for the benchmarks: fresh databases on a server they share.

``SMSFLOW_BENCH_PG_URL`` (``postgresql://USER@HOST:PORT/DB``, a role that may create databases)
names an existing server: the benchmarks create their own ``smsflow_bench_*`` databases there
and drop them at the end. Without it, a throwaway server is started as the tests start theirs
(``tests/pg_server.py``: PostgreSQL 15+'s ``initdb`` and ``pg_ctl`` on PATH or in
/usr/lib/postgresql, a Unix socket in a temporary folder, fsync off) and removed at the end.

    with Databases() as dbs:
        url = dbs.create()          # a new empty database, its URL
        ...
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]

ENV_URL = "SMSFLOW_BENCH_PG_URL"


def with_database(url: str, name: str) -> str:
    """``url`` naming database ``name`` instead."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def database_of(url: str) -> str:
    """The database a URL names."""
    return urlsplit(url).path.lstrip("/")


class Databases:
    """Fresh databases on the server of ``SMSFLOW_BENCH_PG_URL`` or on a throwaway one."""

    def __init__(self) -> None:
        self._names = itertools.count(1)
        self._made: list[str] = []
        self._server: Any = None
        given = os.environ.get(ENV_URL)
        if given:
            self.admin_url = given
            self.where = f"the server of {ENV_URL}"
        else:
            if str(ROOT) not in sys.path:
                sys.path.insert(0, str(ROOT))
            import pytest

            from tests.pg_server import start_server

            try:
                self._server = start_server()
            except pytest.fail.Exception as exc:  # start_server fails as a test fixture would
                raise SystemExit(f"cannot start a PostgreSQL server: {exc}") from None
            self.admin_url = self._server.url()
            self.where = f"a throwaway PostgreSQL {self._server.major} server (fsync off)"

    def create(self) -> str:
        """A new empty database; its URL."""
        import psycopg
        from psycopg import sql

        name = f"smsflow_bench_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self._made.append(name)
        return with_database(self.admin_url, name)

    def keep(self, url: str) -> None:
        """Leave the database of ``url`` in place at the end."""
        name = database_of(url)
        if name in self._made:
            self._made.remove(name)

    def drop(self, url: str) -> None:
        """Drop the database of ``url`` (one :meth:`create` made), ending its connections."""
        import psycopg
        from psycopg import sql

        from smsflow_desktop.services.store.pg_workspace import close_pools

        close_pools()
        name = database_of(url)
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if name in self._made:
            self._made.remove(name)

    def close(self) -> None:
        """Drop what is left of the databases made here; stop a throwaway server."""
        try:
            for name in list(self._made):
                self.drop(with_database(self.admin_url, name))
        finally:
            if self._server is not None:
                self._server.stop()
                shutil.rmtree(self._server.base_dir, ignore_errors=True)
                self._server = None

    def __enter__(self) -> Databases:
        return self

    def __exit__(self, et: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
