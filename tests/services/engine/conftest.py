"""The engine tests run on both stores: each test once on a SQLite workspace folder and once
on a PostgreSQL workspace database (fresh databases on a real server, see tests/stores.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _on_both_stores(store_kind: str) -> str:
    """``make_workspace`` builds each workspace in this store."""
    return store_kind
