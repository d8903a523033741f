"""People queries: the workspace counts, search by name, e-mail or number, memberships."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from smsflow_desktop.services.importers import import_people_csv
from smsflow_desktop.services.people import get_person, person_memberships, search_people, workspace_counts
from tests.stores import open_workspace

pytestmark = pytest.mark.usefixtures("store_kind")  # each test on a folder and on a database

CSV = """external_id,first_name,last_name,email,phone,country,blocklisted,unsubscribed,marketing_suspended
1,Ana,"García, Jr.",ana@example.com,(212) 555-0123,US,,,
2,Åsa,Öberg,asa@example.se,070-123 45 67,SE,,yes,
3,Bo,Andersson,bo@example.se,12345,SE,1,,
4,Anders,Svensson,,,SE,,,true
5,Ann_a,Smith,ann%@example.com,(212) 555-0123,US,,,
"""


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "p.csv"
    path.write_text(CSV, encoding="utf-8")
    c = open_workspace(tmp_path / "ws").connect()
    import_people_csv(c, path)
    yield c
    c.close()


def test_workspace_counts(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO vibes_lists(id, name) VALUES ('101', 'Offers')")
    assert workspace_counts(conn) == {
        "people": 5,
        "valid_phone": 3,
        "invalid_phone": 1,
        "missing_phone": 1,
        "blocklisted": 1,
        "unsubscribed": 1,
        "marketing_suspended": 1,
        "campaigns": 0,
        "messages": 0,
        "static_lists": 0,
        "vibes_lists": 1,
    }


@pytest.mark.sqlite_only  # SQLite's query plans
def test_counts_read_indexes_not_the_table(conn: sqlite3.Connection) -> None:
    from smsflow_desktop.services.people import _COUNTS_SQL

    steps = [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + _COUNTS_SQL)]
    on_people = [s for s in steps if " people " in s]
    assert len(on_people) == 6 and all("USING COVERING INDEX" in s for s in on_people), steps
    plan = " ".join(steps)
    for index in ("people_no_valid_phone", "people_blocklisted", "people_unsubscribed", "people_marketing_suspended"):
        assert index in plan


def ids(rows: list[dict[str, object]]) -> list[str]:
    return [str(r["external_id"]) for r in rows]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("an", ["1", "3", "4", "5"]),  # Ana, Andersson, Anders, Ann_a (case-insensitive prefix)
        ("garc", ["1"]),  # last name
        ("ÅSA", ["2"]),
        ("anders", ["3", "4"]),  # Andersson (last) and Anders (first)
        ("Anders Sv", ["4"]),  # first and last name
        ("bo@", ["3"]),  # e-mail
        ("ann%", ["5"]),  # % and _ are plain characters
        ("ann_", ["5"]),
        ("212 555", ["1", "5"]),  # number as typed, read in the default region
        ("+4670", ["2"]),  # E.164 prefix
        ("070-123", ["2"]),
        ("zzz", []),
    ],
)
def test_search(conn: sqlite3.Connection, query: str, expected: list[str]) -> None:
    assert ids(search_people(conn, query, default_region="SE" if query.startswith("070") else None)) == expected


def test_search_pages_and_lists_everyone_without_a_query(conn: sqlite3.Connection) -> None:
    assert ids(search_people(conn, "", limit=2)) == ["1", "2"]
    assert ids(search_people(conn, "", limit=2, offset=4)) == ["5"]
    assert ids(search_people(conn, "an", limit=2, offset=1)) == ["3", "4"]


def test_person_and_memberships(conn: sqlite3.Connection) -> None:
    person = get_person(conn, 1)
    assert person is not None and person["last_name"] == "García, Jr." and get_person(conn, 99) is None
    conn.execute("INSERT INTO static_lists(id, name) VALUES (1, 'VIP'), (2, 'Newsletter')")
    conn.execute("INSERT INTO static_list_members VALUES (1, 1), (2, 1), (2, 2)")
    conn.execute("INSERT INTO vibes_lists(id, name) VALUES ('101', 'Offers')")
    conn.execute(
        "INSERT INTO vibes_memberships(list_id, mdn, active, opt_in_date, updated_at) VALUES "
        "('101', '+12125550123', 1, '2026-01-01T00:00:00Z', 'x'), "
        "('102', '+12125550123', 0, NULL, 'x')"
    )
    got = person_memberships(conn, 1)
    assert got.static_lists == ["Newsletter", "VIP"]
    assert [(m.list_id, m.list_name, m.active) for m in got.vibes] == [("101", "Offers", True), ("102", "", False)]
    assert person_memberships(conn, 4).vibes == []  # no number, no Vibes memberships


@pytest.mark.sqlite_only  # SQLite's query plans
def test_search_reads_index_ranges_not_the_table(conn: sqlite3.Connection) -> None:
    seen: list[str] = []

    class Explaining:
        def execute(self, sql: str, args: object = ()) -> sqlite3.Cursor:
            if sql.startswith("SELECT id,"):
                seen.extend(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, args))
            return conn.execute(sql, args)

    search_people(Explaining(), "an sv", default_region="US")  # type: ignore[arg-type]  # short words: prefixes
    assert "MULTI-INDEX OR" in seen and not any(s.startswith("SCAN people") for s in seen), seen
