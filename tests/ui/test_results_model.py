"""The activity log table stays lazy over a big run: a page of ids at a time, cells only for
the pages drawn, filters and search that never read the whole log on the GUI thread."""

from __future__ import annotations

import time

import pytest

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.services.engine import ledger
from smsflow_desktop.services.engine.activity_query import ActivityFilter
from smsflow_desktop.services.workspace import Workspace, transaction
from smsflow_desktop.ui.run.activity_model import CACHED_PAGES, FETCH_ROWS, PAGE, ActivityModel

ROWS = 200_000


@pytest.fixture(scope="module")
def big_log(tmp_path_factory):
    ws = Workspace.open(tmp_path_factory.mktemp("big") / "ws", create=True)
    with ws.session(synchronous="OFF") as conn, transaction(conn):
        conn.execute(
            "INSERT INTO runs(campaign_name, status, snapshot, started_at) VALUES ('Big', 'completed', ?, "
            "'2026-04-01T10:00:00Z')",
            (ledger.Snapshot(Campaign(name="Big"), {}, "x").to_json(),),
        )
        conn.execute(
            "INSERT INTO people(id, first_name, last_name, phone_raw, phone_valid, created_at, updated_at) "
            "VALUES (7, 'Greta', 'Garbo', '', 0, 'x', 'x')"
        )
        conn.executemany(
            "INSERT INTO activity(run_id, at, person_id, mdn, step_index, type, detail) VALUES (1, ?, ?, ?, 1, ?, ?)",
            (
                (
                    f"2026-04-01T10:{i // 6000 % 60:02d}:00Z",
                    7 if i == 150_123 else None,
                    f"+1206{i:07d}",
                    "SMS Failed" if i % 10_000 == 0 else "SMS Sent",
                    f"event {i}",
                )
                for i in range(ROWS)
            ),
        )
    return ws


@pytest.fixture
def model(big_log, qtbot):
    conn = big_log.connect()
    m = ActivityModel(conn)
    yield m
    conn.close()


def test_rows_come_a_page_at_a_time_and_cells_only_for_drawn_pages(model) -> None:
    model.set_filter(ActivityFilter(1))
    assert model.rowCount() == 0 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == FETCH_ROWS
    assert model.data(model.index(0, 1)) == "SMS Failed" and model.data(model.index(1, 1)) == "SMS Sent"
    assert model.data(model.index(1, 3)) == "+12060000001"
    assert len(model.pages) == 1
    for _ in range(40):
        model.fetchMore()
    assert model.rowCount() == 41 * FETCH_ROWS
    for row in range(0, model.rowCount(), PAGE):
        model.data(model.index(row, 5))
    assert len(model.pages) == CACHED_PAGES  # an LRU, not the whole log
    assert model.data(model.index(20_000, 5)) == "event 20000"


def test_every_fetch_is_quick_even_for_a_rare_filter(model) -> None:
    model.set_filter(ActivityFilter(1, "SMS Failed"))
    slowest = 0.0
    while model.canFetchMore():
        started = time.perf_counter()
        model.fetchMore()
        slowest = max(slowest, time.perf_counter() - started)
    assert model.rowCount() == ROWS // 10_000
    assert slowest < 0.05
    assert {model.data(model.index(r, 1)) for r in range(model.rowCount())} == {"SMS Failed"}


def test_search_by_person_number_or_detail(model) -> None:
    model.set_filter(ActivityFilter(1, search="Greta"))
    model.fetch_all_for_tests()
    assert model.rowCount() == 1 and model.data(model.index(0, 2)) == "Greta Garbo"
    model.set_filter(ActivityFilter(1, search="event 199999"))
    model.fetch_all_for_tests()
    assert model.rowCount() == 1 and model.data(model.index(0, 3)) == "+12060199999"


@pytest.mark.parametrize("search", ["Greta Garbo", "garbo greta", "reta Garb", "Greta G"])
def test_search_by_full_name_in_either_order(model, search: str) -> None:
    model.set_filter(ActivityFilter(1, search=search))
    model.fetch_all_for_tests()
    assert model.rowCount() == 1 and model.data(model.index(0, 2)) == "Greta Garbo"


def test_search_by_a_number_in_the_persons_national_spelling(model, big_log) -> None:
    with big_log.session() as conn:
        conn.execute("UPDATE people SET phone_raw = '070-123 45 67', phone_e164 = '+46701234567', country = 'SE'")
    try:
        for spelling in ("0701234567", "070-123 45 67", "+46 70 123 45 67", "46701234567"):
            model.set_filter(ActivityFilter(1, search=spelling))
            model.fetch_all_for_tests()
            assert [model.data(model.index(r, 2)) for r in range(model.rowCount())] == ["Greta Garbo"], spelling
    finally:
        with big_log.session() as conn:
            conn.execute("UPDATE people SET phone_raw = '', phone_e164 = NULL, country = ''")
