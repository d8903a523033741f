"""The engine tests run on both stores: each test once on a SQLite workspace folder and once
on a PostgreSQL workspace database (a fresh database on a real server, see tests/pg_server.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from smsflow_desktop.services.store.pg_workspace import close_pools
from tests.services.engine import helpers


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)], autouse=True)
def store_kind(request: pytest.FixtureRequest) -> Iterator[str]:
    """``make_workspace`` builds the workspace in this store."""
    if request.param == "postgresql":
        helpers.DATABASE_URL = request.getfixturevalue("pg_url")
        try:
            yield "postgresql"
        finally:
            helpers.DATABASE_URL = None
            close_pools()  # before the database is dropped
    else:
        yield "sqlite"
