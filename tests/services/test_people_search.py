"""People search finds full names in either order, any part of a name or e-mail address and a
number in any spelling (as typed, E.164 with or without ``+``, national with the person's
country), through the trigram index that triggers keep as people are imported, edited and
deleted; short words match the start of a name; a page reads the index in id order."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from smsflow_desktop.services import schema
from smsflow_desktop.services.importers import import_people_csv
from smsflow_desktop.services.people import search_people
from smsflow_desktop.services.settings import set_setting
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.stores import on_postgresql, open_workspace

pytestmark = pytest.mark.usefixtures("store_kind")  # each test on a folder and on a database

CSV = """external_id,first_name,last_name,email,phone,country
1,Erik,Ström,erik@example.se,070-123 45 67,SE
2,Erik,Lund,erik.lund@mail.com,(212) 555-0123,US
3,Anna,Ström,anna@example.se,+46 73 555 12 34,SE
4,Li,Wu,li.wu@example.co.uk,07911 123456,GB
5,Bo,Ek,bo@ek.se,99-888,SE
6,Karin,Öberg,"karin ""k"" o@example.se",,SE
"""


def write_csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    c = open_workspace(tmp_path / "ws").connect()
    set_setting(c, "default_region", "US")  # the Swedish and British numbers need their person's country
    import_people_csv(c, write_csv(tmp_path, CSV))
    yield c
    c.close()


def found(conn: sqlite3.Connection, query: str) -> list[str]:
    return [str(p["external_id"]) for p in search_people(conn, query, limit=100)]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("Erik Ström", ["1"]),
        ("Ström Erik", ["1"]),  # the words in any order
        ("erik  STRÖM", ["1"]),  # any case, any spacing
        ("rik strö", ["1"]),  # parts of both names
        ("Erik", ["1", "2"]),
        ("Ström", ["1", "3"]),
        ("röm", ["1", "3"]),  # inside a name
        ("Erik Lund", ["2"]),
        ("Erik Nobody", []),
        ("example.se", ["1", "3", "6"]),  # part of an e-mail address
        ("ample.co", ["4"]),
        ("@mail", ["2"]),
        ('"k"', ["6"]),  # quotes are plain characters
        ("Erik St", ["1"]),  # a short word beside a long one: anywhere on the rows found
        ("Erik q", []),
        ("li", ["4"]),  # short queries: the start of a name or e-mail
        ("Li Wu", ["4"]),
        ("Wu", ["4"]),
        ("ök", []),
    ],
)
def test_names_and_e_mail_addresses(conn: sqlite3.Connection, query: str, expected: list[str]) -> None:
    assert found(conn, query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "0701234567",  # national, read with the person's country (the default region is US)
        "070-123 45 67",
        "070 123 45 67",
        "+46701234567",
        "+46 70 123 45 67",
        "46701234567",
        "0046701234567",  # with Sweden's international prefix
        "701234567",
        "070-123",  # the start of a national number
        "1234567",  # any part of it
    ],
)
def test_a_swedish_number_in_any_spelling(conn: sqlite3.Connection, query: str) -> None:
    assert found(conn, query) == ["1"]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("(212) 555-0123", ["2"]),
        ("2125550123", ["2"]),
        ("+1 212 555 0123", ["2"]),
        ("07911 123456", ["4"]),  # British, national
        ("+447911123456", ["4"]),
        ("99888", ["5"]),  # a number that is not valid, as given
        ("99-888", ["5"]),
        ("0735551234", ["3"]),
        ("Erik 0701234567", ["1"]),  # a name and a number
        ("+4673", ["3"]),
        ("+4670", ["1"]),
    ],
)
def test_other_numbers(conn: sqlite3.Connection, query: str, expected: list[str]) -> None:
    assert found(conn, query) == expected


def test_the_index_follows_imports_edits_and_deletes(conn: sqlite3.Connection, tmp_path: Path) -> None:
    import_people_csv(
        conn,
        write_csv(tmp_path, "external_id,first_name,last_name,email,phone,country\n1,Erik,Berg,erik@example.se,,SE\n"),
    )
    assert found(conn, "Erik Ström") == [] and found(conn, "Erik Berg") == ["1"]
    assert found(conn, "0701234567") == []  # the update took the number away
    with transaction(conn):
        conn.execute("UPDATE people SET email = 'lund@work.example', phone_e164 = NULL WHERE external_id = '2'")
        conn.execute("UPDATE people SET blocklisted = 1 WHERE external_id = '3'")  # not a searched column
        conn.execute("DELETE FROM people WHERE external_id = '4'")
    assert found(conn, "mail.com") == [] and found(conn, "work.example") == ["2"]
    assert found(conn, "2125550123") == ["2"]  # the number as given, now that it has no E.164 one
    assert found(conn, "Anna Ström") == ["3"]
    assert found(conn, "Li Wu") == [] and found(conn, "example.co.uk") == []
    if not on_postgresql():  # SQLite's full-text index checks itself (raises when damaged)
        conn.execute("INSERT INTO people_search(people_search) VALUES ('integrity-check')")


@pytest.mark.sqlite_only  # an old SQLite file
def test_a_workspace_from_before_the_index_is_searchable_once_opened(tmp_path: Path) -> None:
    before = next(i for i, m in enumerate(schema.MIGRATIONS) if "CREATE VIRTUAL TABLE people_search" in m)
    root = tmp_path / "old"
    root.mkdir()
    old = sqlite3.connect(root / "smsflow.db", isolation_level=None)
    schema.migrate(old, target=before)
    old.execute(
        "INSERT INTO people(first_name, last_name, email, phone_raw, phone_e164, country, created_at, updated_at) "
        "VALUES ('Erik', 'Ström', 'erik@example.se', '070-123 45 67', '+46701234567', 'SE', 'x', 'x')"
    )
    old.close()
    with Workspace.open(root).session() as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert [p["first_name"] for p in search_people(c, "Ström Erik")] == ["Erik"]
        assert [p["first_name"] for p in search_people(c, "0701234567", default_region="US")] == ["Erik"]


@pytest.mark.sqlite_only  # SQLite's query plans
def test_a_page_reads_the_index_in_id_order(conn: sqlite3.Connection) -> None:
    seen: list[str] = []

    class Explaining:
        def execute(self, sql: str, args: object = ()) -> sqlite3.Cursor:
            if sql.startswith("SELECT id,"):
                seen.extend(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, args))
            return conn.execute(sql, args)

    for query in ("Erik Ström", "Erik St", "0701234567"):
        seen.clear()
        search_people(Explaining(), query, after_id=0)  # type: ignore[arg-type]
        assert any("people_search VIRTUAL TABLE" in s for s in seen), seen
        assert not any(s.split()[:2] == ["SCAN", "people"] or "TEMP B-TREE" in s for s in seen), seen


def test_an_import_indexes_its_people_as_the_triggers_would(conn: sqlite3.Connection, tmp_path: Path) -> None:
    import_people_csv(
        conn,
        write_csv(
            tmp_path,
            "external_id,first_name,last_name,email,phone,country\n"
            "7,Greta,Garbo,greta@example.se,08-123 456 78,SE\n"
            "3,Anna,Lind,anna@example.se,+46 73 555 12 34,SE\n"  # an update
            "8,Ingrid,Bergman,ib@example.com,99-77,SE\n"  # not valid: kept as given
            "7,Greta,Gustafsson,greta@example.se,08-123 456 78,SE\n",  # new, then changed in the same file
        ),
    )
    indexed = conn.execute("SELECT rowid, name, email, phone FROM people_search ORDER BY rowid").fetchall()
    with transaction(conn):  # what the triggers write, for comparison
        conn.execute("DELETE FROM people_search")
        conn.execute("UPDATE people SET id = -id")
        conn.execute("UPDATE people SET id = -id")
    assert conn.execute("SELECT rowid, name, email, phone FROM people_search ORDER BY rowid").fetchall() == indexed
    assert conn.execute("SELECT count(*) FROM people_search_batches").fetchone()[0] == 0
    assert found(conn, "Greta Gustafsson") == ["7"] and found(conn, "Garbo") == []
    assert found(conn, "Anna Lind") == ["3"] and found(conn, "99-77") == ["8"]


def test_a_failed_import_leaves_the_index_as_it_was(conn: sqlite3.Connection, tmp_path: Path) -> None:
    before = conn.execute("SELECT rowid, name, email, phone FROM people_search ORDER BY rowid").fetchall()
    path = write_csv(tmp_path, "external_id,first_name,last_name,phone\n9,Zlatan,Nobody,0701111111\n")

    def stop(*_progress: object) -> None:
        raise KeyboardInterrupt  # the batch is written and indexed; the import then stops

    with pytest.raises(KeyboardInterrupt):
        import_people_csv(conn, path, progress=stop)
    assert conn.execute("SELECT rowid, name, email, phone FROM people_search ORDER BY rowid").fetchall() == before
    assert conn.execute("SELECT count(*) FROM people_search_batches").fetchone()[0] == 0
    assert found(conn, "Zlatan") == []
