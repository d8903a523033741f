"""Where a workspace's data lives: a SQLite file (the default) or a PostgreSQL database.

Services talk to either through one connection interface, the one :mod:`sqlite3` offers
(``execute`` with ``?`` parameters, rows readable by index and by column name, sqlite3's
exception classes); :mod:`.pg` gives a PostgreSQL connection that interface and rewrites
the few SQLite spellings the services use. Code that must differ asks :func:`dialect_of`.
"""

from __future__ import annotations

from typing import Any, Literal

Dialect = Literal["sqlite", "postgresql"]

URL_PREFIXES = ("postgresql://", "postgres://")


def is_database_url(text: object) -> bool:
    """Whether a ``--workspace`` value names a PostgreSQL database rather than a folder."""
    return isinstance(text, str) and text.startswith(URL_PREFIXES)


def dialect_of(conn: Any) -> Dialect:
    """``postgresql`` for a connection from :mod:`.pg`, else ``sqlite``."""
    return getattr(conn, "dialect", "sqlite")
