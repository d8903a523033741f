"""Whether a PostgreSQL database holds a workspace, asked over one direct connection.

The workspace's connections come from a pool (:mod:`.pg_workspace`), which keeps trying a
server that does not answer until its timeout and then says only that it got no connection.
Before a workspace is opened, :func:`has_workspace` connects once, directly, so a server that
cannot be reached, a refused password or a missing database is said at once and by its cause
(in :func:`.pg_workspace.describe_pg_error`'s words, the database named without a password).
"""

from __future__ import annotations

CONNECT_TIMEOUT_S = 10


def has_workspace(url: str, *, connect_timeout: int = CONNECT_TIMEOUT_S) -> bool:
    """Whether the database at ``url`` holds a workspace (its ``schema_version`` table);
    WorkspaceError naming the cause when it cannot be asked."""
    import psycopg

    from smsflow_desktop.services.store.pg_workspace import connect_kwargs, describe_pg_error, redact
    from smsflow_desktop.services.workspace import WorkspaceError

    try:
        with psycopg.connect(url, connect_timeout=connect_timeout, **connect_kwargs(url)) as conn:
            row = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    except psycopg.Error as exc:
        raise WorkspaceError(describe_pg_error(exc, redact(url))) from None
    return bool(row and row[0])
