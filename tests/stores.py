"""Tests that run on both stores: once on a SQLite workspace folder, once on a PostgreSQL
workspace database (a fresh database of a real server each time, see tests/pg_server.py).

Loaded from ``tests/conftest.py`` (``pytest_plugins``). A module opts in with::

    pytestmark = pytest.mark.usefixtures("store_kind")

and makes its workspaces with :func:`open_workspace` (or at :func:`workspace_at`, e.g. for the
command line's ``--workspace``); a test in it that is about SQLite files themselves carries
``@pytest.mark.sqlite_only`` and runs on the folder only. ``on_postgresql()`` tells a test
which store it is on, where the two are read differently (the emulator's texts, say).

Fixtures:

- ``pg_workspace_template`` (session): a database holding an empty, migrated workspace, which
  each test's databases copy (far quicker than migrating each one).
- ``store_kind``: ``"sqlite"`` or ``"postgresql"``; while it is ``"postgresql"``, each
  workspace a test makes is a new database (so a test that makes several, or a property
  test's examples, never share one), dropped after the test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from smsflow_desktop.services.store.pg_workspace import close_pools
from smsflow_desktop.services.workspace import Workspace
from tests.pg_server import PgServer

STORES = ("sqlite", "postgresql")

#: While a test runs on PostgreSQL (set by ``store_kind``): the URL of a new database.
_new_database: Callable[[], str] | None = None


def on_postgresql() -> bool:
    """Whether the running test makes its workspaces in PostgreSQL databases."""
    return _new_database is not None


def workspace_at(root: Path) -> Path | str:
    """Where a test makes a workspace: the folder ``root`` on SQLite, a new database's URL on PostgreSQL."""
    return _new_database() if _new_database is not None else root


def open_workspace(root: Path) -> Workspace:
    """A new, empty workspace in the test's store (the folder ``root`` on SQLite)."""
    return Workspace.open(workspace_at(root), create=True)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: in a module run on both stores, a test about SQLite files themselves"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Each test that uses ``store_kind`` runs once per store (only on SQLite when marked ``sqlite_only``)."""
    if "store_kind" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("sqlite_only") is not None:
        params = [pytest.param("sqlite")]
    else:
        params = [pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgresql)]
    metafunc.parametrize("store_kind", params, indirect=True)


@pytest.fixture(scope="session")
def pg_workspace_template(pg_server: PgServer) -> str:
    """A database holding an empty, migrated workspace, which each test's databases copy."""
    name = pg_server.create_database()
    Workspace.open(pg_server.url(name), create=True)
    close_pools()  # a template must have no open connections
    return name


@pytest.fixture
def store_kind(request: pytest.FixtureRequest) -> Iterator[str]:
    """The store this test's workspaces are made in (see the module docstring)."""
    global _new_database
    if request.param == "sqlite":
        yield "sqlite"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    template: str = request.getfixturevalue("pg_workspace_template")
    made: list[str] = []

    def new_database() -> str:
        made.append(server.create_database(template))
        return server.url(made[-1])

    _new_database = new_database
    try:
        yield "postgresql"
    finally:
        _new_database = None
        close_pools()  # before the databases are dropped
        for name in made:
            server.drop_database(name)
