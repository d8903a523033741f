"""People CSV import on a PostgreSQL workspace (new people by COPY, updates by the upsert)
gives what it gives on SQLite: the same people, counts, consent entries and proofs, time zones,
search rows, static list members; a cancel or a broken file writes nothing."""

from __future__ import annotations

import csv
import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from smsflow_desktop.services.erasure import erase_person
from smsflow_desktop.services.importers import ImportFileError, import_people_csv
from smsflow_desktop.services.importers import people_csv as people_csv_module
from smsflow_desktop.services.importers.people_rows import RowConverter, copy_line, map_header
from smsflow_desktop.services.store.pg_workspace import close_pools
from smsflow_desktop.services.workspace import Workspace, transaction

HEADER = [
    "External ID",
    "First Name",
    "Last Name",
    "Email",
    "Mobile Phone",
    "Country",
    "Time Zone",
    "Unsubscribed",
    "Blocklisted",
    "Loyalty Tier",
    "Notes",
    "Färg",
]
# line 2 onward; with BATCH_ROWS = 4 the file is read in batches of four rows
FIRST = [
    ["A1", "Ana", "García, Jr.", "ana@example.com", "(212) 555-0101", "US", "", "yes", "", "Gold", "", "röd"],
    ["", "Bo", "Öberg", "", "070-123 45 67", "Sweden", "Europe/Stockholm", "true", "", "", "tab\there", ""],
    ["", "Cy", "", "", "070-123 45 67", "SE", "", "1", "no", "Silver", "back\\slash", ""],  # same number, no id
    ["A1", "Ana", "", "", "(212) 555-0101", "US", "", "", "false", "", 'say "hi"\nsecond line', ""],  # repeat
    ["D4", "Di", "", "di@example.com", "12345", "US", "", "no", "maybe", "", "", "grön"],  # invalid, odd flag
    ["E5", "", "", "", "", "Atlantis", "Mars/Base", "", "", "Bronze", "", ""],  # missing phone, bad country, zone
    ["F6", "Fa", "Lee", "", "+44 7400 123456", "", "europe/london", "no", "yes", "", "😀 ✓", "blå"],
    ["A1", "Ana", "G", "", "(212) 555-0101", "US", "", "no", "", "", "", ""],  # the third row of A1
    ["G7", "Gi", "", "", "(212) 555-0102", "US", "", "", "", "", "", ""],
    ["G7", "Gi", "", "", "(212) 555-0103", "US", "", "yes", "", "", "", ""],  # repeat right after
    ["H8", "Hu", "", "", "2125550104", "usa", "", "", "", "", "", ""],
]
SECOND = [
    ["A1", "Ana", "García", "", "(212) 555-0101", "US", "", "", "", "", "", ""],  # flags kept (empty)
    ["G7", "Gi", "", "", "(212) 555-0103", "US", "", "no", "", "Gold", "", ""],  # lifted
    ["F6", "Fa", "Lee", "", "+44 7400 123456", "GB", "", "", "", "", "", ""],  # blocklisted kept
    ["N9", "Ny", "", "", "(212) 555-0109", "US", "", "yes", "", "", "", ""],  # new
    ["", "Ox", "", "", "(212) 555-0110", "US", "", "", "yes", "", "", ""],  # new, no id
    ["D4", "Di", "", "", "12345", "US", "", "", "", "", "", ""],
]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(people_csv_module, "BATCH_ROWS", 4)


@pytest.fixture
def copies(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows each COPY of the import wrote (so a test knows the COPY path ran)."""
    seen: list[int] = []
    copy = people_csv_module._copy

    def spy(conn: Any, sql: str, text: str) -> None:
        seen.append(text.count("\n"))
        copy(conn, sql, text)

    monkeypatch.setattr(people_csv_module, "_copy", spy)
    return seen


@pytest.fixture
def lite(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    conn = Workspace.open(tmp_path / "ws", create=True).connect()
    yield conn
    conn.close()


@pytest.fixture
def pg(pg_url: str) -> Iterator[Any]:
    conn = Workspace.open(pg_url, create=True).connect()
    try:
        yield conn
    finally:
        conn.close()
        close_pools()  # before the database is dropped


def snapshot(conn: Any) -> dict[str, Any]:
    """Everything an import writes, without ids and times; people in id order."""
    cols = [
        c
        for c in (r[0] for r in conn.execute("SELECT * FROM people LIMIT 0").description)
        if c not in ("id", "created_at", "updated_at")
    ]
    people = []
    for r in conn.execute(f"SELECT {', '.join(cols)} FROM people ORDER BY id"):
        row = dict(zip(cols, tuple(r), strict=True))
        row["custom_fields"] = json.loads(row["custom_fields"])
        people.append(row)
    who = "coalesce(p.external_id, p.phone_raw)"
    return {
        "people": people,
        "consent": sorted(
            tuple(r)
            for r in conn.execute(
                f"SELECT c.event, c.source, c.proof, c.mdn, c.reason, {who} FROM consent_log c "
                "LEFT JOIN people p ON p.id = c.person_id"
            )
        ),
        "zones": sorted(tuple(r) for r in conn.execute("SELECT mdn, zone, data_version FROM phone_time_zones")),
        "custom_fields": sorted(r[0] for r in conn.execute("SELECT name FROM custom_fields")),
        "search": sorted(
            tuple(r)
            for r in conn.execute(
                f"SELECT {who}, s.name, s.email, s.phone FROM people_search s JOIN people p ON p.id = s.rowid"
            )
        ),
        "members": sorted(
            tuple(r)
            for r in conn.execute(
                f"SELECT l.name, {who} FROM static_list_members m JOIN static_lists l ON l.id = m.list_id "
                "JOIN people p ON p.id = m.person_id"
            )
        ),
        "opt_outs": sorted(tuple(r) for r in conn.execute("SELECT mdn, reason FROM number_opt_outs")),
        "batches": conn.execute("SELECT count(*) FROM people_search_batches").fetchone()[0],
    }


def test_the_same_file_gives_the_same_workspace_on_both_stores(
    lite, pg, tmp_path: Path, small_batches: None, copies: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write_csv(tmp_path / "people.csv", FIRST)
    on_sqlite = import_people_csv(lite, first)
    assert not copies
    monkeypatch.setattr(people_csv_module, "POOL_MIN_BYTES", 0)  # the rows converted in worker processes
    monkeypatch.setattr(people_csv_module, "PG_INDEX_ROWS", 6)  # the search index takes two batches, then the rest
    on_pg = import_people_csv(pg, first, workers=2)
    assert on_pg.as_dict() == on_sqlite.as_dict()
    assert (on_pg.rows, on_pg.imported, on_pg.updated) == (11, 8, 3)
    assert sum(copies) == 8  # every new person went in by COPY, every update by the upsert
    assert snapshot(pg) == snapshot(lite)
    # new people keep ids in file order on both stores
    order = "SELECT coalesce(external_id, first_name) FROM people ORDER BY id"
    assert [r[0] for r in pg.execute(order)] == ["A1", "Bo", "Cy", "D4", "E5", "F6", "G7", "H8"]
    # the proofs name the line of each change, also for two people of one number without an id
    proofs = {(r[0], r[2]) for r in snapshot(pg)["consent"] if r[1] == "import"}
    assert {(e, p) for e, p in proofs if p.endswith(("line 3", "line 4"))} == {
        ("unsubscribed", "people.csv line 3"),
        ("unsubscribed", "people.csv line 4"),
    }
    # custom fields are stored as json_patch('{}', ...) stores them on PostgreSQL, empty values left out
    assert (
        pg.execute("SELECT count(*) FROM people WHERE custom_fields != json_patch('{}', custom_fields)").fetchone()[0]
        == 0
    )
    fa = pg.execute("SELECT custom_fields FROM people WHERE external_id = 'F6'").fetchone()[0]
    assert json.loads(fa) == {"Färg": "blå", "Notes": "😀 ✓"}

    with transaction(lite):
        lite.execute("INSERT INTO static_lists(name) VALUES ('VIP')")
    with transaction(pg):
        pg.execute("INSERT INTO static_lists(name) VALUES ('VIP')")
    copies.clear()
    second = write_csv(tmp_path / "update.csv", SECOND)
    again_sqlite = import_people_csv(lite, second, add_to_list="VIP")
    again_pg = import_people_csv(pg, second, add_to_list="VIP")
    assert again_pg.as_dict() == again_sqlite.as_dict()
    assert (again_pg.imported, again_pg.updated, again_pg.opt_outs_kept, again_pg.opt_outs_lifted) == (2, 4, 2, 1)
    assert again_pg.added_to_list == 6
    assert sum(copies) == 2
    assert snapshot(pg) == snapshot(lite)


def test_a_file_without_external_ids_goes_in_by_copy_alone(lite, pg, tmp_path: Path, copies: list[int]) -> None:
    rows = [[f"(212) 555-{i:04d}" if i % 5 else "555-12", "yes" if i % 7 == 0 else "", f"v{i % 3}"] for i in range(40)]
    path = write_csv(tmp_path / "p.csv", rows, ["phone", "opted out", "size"])
    assert import_people_csv(pg, path).as_dict() == import_people_csv(lite, path).as_dict()
    # one COPY, in two parts: rows 1 and 36 are one number (no external id) that each opt out
    assert copies == [35, 5]
    assert snapshot(pg) == snapshot(lite)
    proofs = [r[2] for r in snapshot(pg)["consent"] if r[5] == "555-12"]
    assert proofs == ["p.csv line 2", "p.csv line 37"]


def test_a_number_of_an_erased_person_is_kept_from_texts_on_both_stores(lite, pg, tmp_path: Path) -> None:
    for conn in (lite, pg):
        import_people_csv(conn, write_csv(tmp_path / "one.csv", [FIRST[0]]))
        erase_person(conn, 1, now="2026-03-01T00:00:00Z")
    path = write_csv(tmp_path / "back.csv", [["Z1", "Zed", "", "", "212-555-0101", "US"] + [""] * 6])
    assert import_people_csv(pg, path).as_dict() == import_people_csv(lite, path).as_dict()
    assert snapshot(pg)["opt_outs"] == snapshot(lite)["opt_outs"] != []
    assert snapshot(pg)["consent"] == snapshot(lite)["consent"]


def test_a_cancelled_import_writes_nothing(pg, tmp_path: Path, small_batches: None, copies: list[int]) -> None:
    import_people_csv(pg, write_csv(tmp_path / "first.csv", FIRST[:3]))
    before = snapshot(pg)
    copies.clear()

    def cancel(rows: int, done: int, total: int) -> None:
        if rows >= 8:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_people_csv(pg, write_csv(tmp_path / "all.csv", FIRST + SECOND), progress=cancel)
    assert sum(copies) > 0  # people were written before the cancel
    assert not pg.in_transaction
    assert snapshot(pg) == before


def test_a_broken_file_gives_the_same_error_and_writes_nothing(lite, pg, tmp_path: Path, small_batches: None) -> None:
    path = tmp_path / "broken.csv"
    good = "".join(f"P{i},(212) 555-{i:04d},yes\n" for i in range(10))
    path.write_text(f'external_id,phone,unsubscribed\n{good}P99,"(212) 555-0199,yes\nP100,2125550100,\n')
    errors = []
    for conn in (lite, pg):
        with pytest.raises(ImportFileError) as info:
            import_people_csv(conn, path)
        errors.append((str(info.value), info.value.line))
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM consent_log").fetchone()[0] == 0
        assert not conn.in_transaction
    assert errors[0] == errors[1]
    assert str(path) in errors[0][0] and errors[0][1] == 12


def test_copy_lines_escape_what_copy_text_reads_specially() -> None:
    assert copy_line(["a\tb", None, 1, "c\\d\ne\rf", ""]) == "a\\tb\t\\N\t1\tc\\\\d\\ne\\rf\t\n"
    layout = map_header(["external_id", "phone", "unsubscribed", "b", "aa"])
    out = RowConverter(layout, "US", "T", copy_rows=True).convert([(2, ["", "2125550101", "", "x", ""])])
    # no external id is NULL, an empty flag is 0, the custom fields in jsonb's order without empty ones
    assert out.copy == ['\\N\t2125550101\t+12125550101\t1\t0\t{"b": "x"}\tT\tT\n']
    assert RowConverter(layout, "US", "T").convert([(2, ["", "2125550101", "", "x", ""])]).copy == []


def test_a_database_error_half_way_is_the_error_reported(pg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_copy(conn: Any, sql: str, text: str) -> None:
        conn.execute("SELECT 1 / 0")  # on PostgreSQL this also ends the transaction's use

    monkeypatch.setattr(people_csv_module, "_copy", failing_copy)
    with pytest.raises(sqlite3.Error, match="division by zero"):
        import_people_csv(pg, write_csv(tmp_path / "p.csv", FIRST))
    assert not pg.in_transaction
    assert pg.execute("SELECT count(*) FROM people").fetchone()[0] == 0


def test_an_import_refused_after_reading_began_leaves_no_reader_behind(pg, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no static list is called 'Nope'"):
        import_people_csv(pg, write_csv(tmp_path / "p.csv", FIRST), add_to_list="Nope")
    assert not [t for t in threading.enumerate() if t.name == "people-csv-reader"]
    assert pg.execute("SELECT count(*) FROM people").fetchone()[0] == 0


def test_a_row_taken_for_an_update_whose_person_is_not_there_is_still_written(
    lite, pg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows that update someone go in by UPDATE; should the person not be there after all, the
    upsert writes the row as SQLite does, rather than the row being lost."""
    first = write_csv(tmp_path / "people.csv", FIRST)
    import_people_csv(lite, first)
    stored = people_csv_module._stored_flags

    def wrong(conn: Any, params: list[tuple[object, ...]]) -> dict[object, Any]:
        found = stored(conn, params)
        return {**found, "D4": (0, 0, 0)} if any(p[0] == "D4" for p in params) else found  # D4 is new

    monkeypatch.setattr(people_csv_module, "_stored_flags", wrong)
    import_people_csv(pg, first)
    people = "SELECT external_id, first_name, phone_e164, blocklisted, unsubscribed, custom_fields FROM people"

    def rows(conn: Any) -> list[str]:
        return sorted(repr((*r[:5], json.dumps(json.loads(r[5]), sort_keys=True))) for r in conn.execute(people))

    assert rows(pg) == rows(lite)
