"""``search_people(after_id=…)`` pages by key: the pages join up to exactly what one big
query returns, with or without a search term."""

from __future__ import annotations

from pathlib import Path

import pytest

from smsflow_desktop.services.people import search_people
from smsflow_desktop.services.workspace import Workspace, transaction


@pytest.fixture
def conn(tmp_path: Path):
    ws = Workspace.open(tmp_path / "ws", create=True)
    c = ws.connect()
    with transaction(c):
        c.executemany(
            "INSERT INTO people(id, first_name, last_name, email, phone_raw, phone_e164, phone_valid, created_at, "
            "updated_at) VALUES (?, ?, 'Lee', ?, ?, ?, 1, 'x', 'x')",
            [
                (i * 3, "Anna" if i % 4 == 0 else "Bo", f"p{i}@example.com", f"+1206555{i:04d}", f"+1206555{i:04d}")
                for i in range(1, 400)
            ],
        )
    yield c
    c.close()


@pytest.mark.parametrize("query", ["", "anna", "+1206555"])
def test_key_pages_join_up_to_the_whole_answer(conn, query: str) -> None:
    whole = [p["id"] for p in search_people(conn, query, limit=1000)]
    paged: list[int] = []
    after = None
    while True:
        page = search_people(conn, query, limit=37, after_id=after)
        paged += [p["id"] for p in page]
        if len(page) < 37:
            break
        after = page[-1]["id"]
    assert paged == whole and len(whole) == (99 if query == "anna" else 399)
