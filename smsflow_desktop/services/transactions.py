"""One write transaction on a workspace connection: committed on success, rolled back on any error.

Its own module so that the modules :mod:`smsflow_desktop.services.workspace` itself imports
(the compliance rules it seeds on opening) can write in transactions too;
``services.workspace.transaction`` is the same function.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, *, immediate: bool = True) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed on success, rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
