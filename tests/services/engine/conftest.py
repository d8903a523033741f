"""The engine tests run on both stores: each test once on a SQLite workspace folder and once
on a PostgreSQL workspace database (fresh databases on a real server, see tests/pg_server.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from smsflow_desktop.services.store.pg_workspace import close_pools
from smsflow_desktop.services.workspace import Workspace
from tests.pg_server import PgServer
from tests.services.engine import helpers


@pytest.fixture(scope="session")
def pg_workspace_template(pg_server: PgServer) -> str:
    """A database holding an empty, migrated workspace, which each test's databases copy
    (far quicker than migrating each one)."""
    name = pg_server.create_database()
    Workspace.open(pg_server.url(name), create=True)
    close_pools()  # a template must have no open connections
    return name


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)], autouse=True)
def store_kind(request: pytest.FixtureRequest) -> Iterator[str]:
    """``make_workspace`` builds each workspace in this store (on PostgreSQL, a new database
    each time, so a test that makes several, or a property test's examples, never share one)."""
    if request.param == "sqlite":
        yield "sqlite"
        return
    server = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("pg_workspace_template")
    made: list[str] = []

    def new_database() -> str:
        made.append(server.create_database(template))
        return server.url(made[-1])

    helpers.new_database = new_database
    try:
        yield "postgresql"
    finally:
        helpers.new_database = None
        close_pools()  # before the databases are dropped
        for name in made:
            server.drop_database(name)
