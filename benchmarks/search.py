"""Benchmark: people search at a million people against a LIKE scan, and what keeping the
search index costs an import.

    .venv/bin/python benchmarks/search.py [--people 1000000] [--import-rows 100000] [--keep DIR]

1. Builds ``--people`` people with SQL (names from a few dozen first and last names, so a
   full name is shared by about one person in 1,600; e-mail addresses made of the name and
   the id; Swedish, American and British numbers), one of them (the 777,777th of a million)
   Erik Ström <erik.strom.777777@example.se> with the Swedish number 070-123 45 67; the workspace's
   default region is US. Then times, for a full name (both word orders), part of an e-mail
   address and a number in its Swedish national spelling:

   * ``search_people`` as the People page asks it: the first page (201 people), and every
     match (what the activity log's search reads per window: the ids of the people found);
   * the reference: a LIKE scan of the people table, each word of the query (the number
     already normalised by hand to ``701234567``) ``LIKE '%word%'`` over name, e-mail and
     number, for the first page and for every match.

   And the activity log's search over a run that texted 200,000 of them in id order: how long
   the slowest of the calls the Results tab makes (``activity_query.ids_after``, 1,000 rows
   or a window of 20,000 log ids) takes, and all of them.

2. Imports a ``--import-rows`` People CSV (benchmarks/import_people.py's generator) into a
   fresh workspace with the search index (the importer indexes each batch of new people in
   one statement), and into one without (its triggers dropped, the batch indexing left out),
   alternating, best of three each, and prints the ratio.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_people import generate

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.services.engine import activity_query, ledger
from smsflow_desktop.services.importers import import_people_csv, people_csv
from smsflow_desktop.services.people import people_match, search_people
from smsflow_desktop.services.settings import set_setting
from smsflow_desktop.services.workspace import Workspace, transaction

FIRST = [
    "Erik", "Anna", "Lars", "Karin", "Johan", "Maria", "Per", "Eva", "Anders", "Sara", "James", "Mary",
    "Olivia", "Noah", "Liam", "Emma", "Björn", "Åsa", "Chloé", "María", "Mohammed", "Fatima", "Wei", "Yuki",
    "Oliver", "Amelia", "Jack", "Isla", "Lucas", "Ella", "Hugo", "Alice", "Leo", "Maja", "Elias", "Alva",
    "Oscar", "Ebba", "William", "Wilma",
]  # fmt: skip
LAST = [
    "Ström", "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Smith", "Johnson", "Williams", "Brown", "Jones", "García", "Miller", "Davis", "Öberg",
    "Lindqvist", "O'Brien", "Tremblay", "Nguyen", "Kim", "Müller", "Rossi", "Dubois", "Novak", "Kowalski",
    "Berg", "Lund", "Holm", "Ek", "Sandberg", "Wallin", "Taylor", "Wilson", "Evans", "Thomas", "Roberts",
]  # fmt: skip


def target(people: int) -> int:
    """The id of the one Erik Ström with the number 070-123 45 67 (777,777 of a million)."""
    return people * 7 // 9


def queries(people: int) -> list[tuple[str, str, list[str]]]:
    """(what, query, the reference's words)."""
    email_part = f"strom.{str(target(people))[:-1]}"
    return [
        ("full name", "Erik Ström", ["erik ström"]),
        ("full name, last name first", "Ström Erik", ["ström", "erik"]),
        ("part of an e-mail address", email_part, [email_part]),
        ("common part of e-mail addresses", "example.se", ["example.se"]),
        ("number, Swedish national spelling", "070-123 45 67", ["701234567"]),
    ]


def build(root: Path, people: int) -> Workspace:
    """``people`` people in one INSERT … SELECT (the search index filled by its trigger)."""
    ws = Workspace.open(root, create=True)
    first = ", ".join(f"({i}, '{n}')" for i, n in enumerate(FIRST))
    last = ", ".join(f"({i}, '{n.replace(chr(39), chr(39) * 2)}')" for i, n in enumerate(LAST))
    with ws.session(synchronous="OFF") as conn:
        set_setting(conn, "default_region", "US")
        with transaction(conn):
            conn.execute("CREATE TEMP TABLE firsts(i INTEGER PRIMARY KEY, name TEXT)")
            conn.execute("CREATE TEMP TABLE lasts(i INTEGER PRIMARY KEY, name TEXT)")
            conn.execute(f"INSERT INTO firsts VALUES {first}")
            conn.execute(f"INSERT INTO lasts VALUES {last}")
            conn.execute(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                INSERT INTO people(id, external_id, first_name, last_name, email, phone_raw, phone_e164,
                                   phone_valid, country, created_at, updated_at)
                SELECT i, 'P' || i, f, l,
                       lower(replace(replace(replace(replace(replace(f || '.' || l, 'ö', 'o'), 'Ö', 'o'), 'å', 'a'), 'Å', 'a'),
                                     '''', ''))
                           || '.' || i || '@' || CASE i % 3 WHEN 0 THEN 'example.se' WHEN 1 THEN 'mail.com'
                                                           ELSE 'example.co.uk' END,
                       num, num, 1, c, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
                FROM (SELECT x.i AS i, (SELECT name FROM firsts WHERE firsts.i = x.i % 40) AS f,
                             (SELECT name FROM lasts WHERE lasts.i = (x.i / 40) % 40) AS l,
                             CASE x.i % 3 WHEN 0 THEN 'SE' WHEN 1 THEN 'US' ELSE 'GB' END AS c,
                             CASE x.i % 3 WHEN 0 THEN '+4673' || printf('%07d', x.i)
                                          WHEN 1 THEN '+1212' || printf('%07d', x.i)
                                          ELSE '+447700' || printf('%06d', x.i) END AS num
                      FROM n AS x)
                """,
                (people,),
            )
            conn.execute(
                "UPDATE people SET first_name = 'Erik', last_name = 'Ström', country = 'SE', "
                "email = 'erik.strom.' || id || '@example.se', phone_raw = '070-123 45 67', "
                "phone_e164 = '+46701234567' WHERE id = ?",
                (target(people),),
            )
        conn.execute("ANALYZE")
    return ws


def timed(work: Callable[[], object], repeat: int = 5) -> tuple[float, object]:
    """The best of ``repeat`` runs, in milliseconds, and what the work returned."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - t0)
    return best * 1000, result


def reference(conn: sqlite3.Connection, words: list[str], limit: int | None) -> list[int]:
    text = "(first_name || ' ' || last_name || ' ' || email || ' ' || coalesce(phone_e164, phone_raw))"
    where = " AND ".join(f"{text} LIKE ?" for _ in words)
    tail = f" LIMIT {limit}" if limit else ""
    return [
        r[0] for r in conn.execute(f"SELECT id FROM people WHERE {where} ORDER BY id{tail}", [f"%{w}%" for w in words])
    ]


def search_figures(ws: Workspace, people: int) -> None:
    print(f"{'query':52} {'matches':>8} {'page ms':>9} {'LIKE page':>10} {'all ms':>8} {'LIKE all':>9}")
    with ws.session() as conn:
        for what, query, words in queries(people):
            page_ms, page = timed(lambda q=query: search_people(conn, q, limit=201))
            match = people_match(conn, query)
            assert match is not None
            all_ms, ids = timed(lambda m=match: [r[0] for r in conn.execute(m.ids, m.args)])
            ref_page_ms, ref_page = timed(lambda w=words: reference(conn, w, 201), repeat=2)
            ref_all_ms, ref_ids = timed(lambda w=words: reference(conn, w, None), repeat=2)
            assert [p["id"] for p in page] == ref_page, what  # type: ignore[union-attr]
            assert sorted(ids) == ref_ids, what  # type: ignore[arg-type]
            label = f"{what} “{query}”"
            print(
                f"{label:52} {len(ref_ids):>8,} {page_ms:>9.1f} {ref_page_ms:>10.1f} {all_ms:>8.1f} {ref_all_ms:>9.1f}"
            )


@contextmanager
def _no_batches(_conn: sqlite3.Connection) -> Iterator[Callable[[int], None]]:
    yield lambda _last_id: None


def activity_figures(ws: Workspace, people: int) -> None:
    """The Results tab's search of a run's log, a call at a time as the table asks."""
    with ws.session() as conn:
        if not conn.execute("SELECT count(*) FROM runs").fetchone()[0]:
            with transaction(conn):
                conn.execute(
                    "INSERT INTO runs(campaign_name, status, snapshot, started_at) "
                    "VALUES ('Big', 'completed', ?, '2026-04-01T10:00:00Z')",
                    (ledger.Snapshot(Campaign(name="Big"), {}, "x").to_json(),),
                )
                conn.execute(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                    "INSERT INTO activity(run_id, at, person_id, step_index, type, detail) "
                    "SELECT 1, '2026-04-01T10:00:00Z', i * ?, 1, 'SMS Sent', '' FROM n",
                    (200_000, max(1, people // 200_000)),
                )
        run_id = conn.execute("SELECT max(id) FROM runs").fetchone()[0]
        end = activity_query.last_id(conn, run_id)
        print(f"{'activity log search':52} {'rows':>8} {'calls':>9} {'slowest':>10} {'all ms':>8}")
        for _what, query, _words in queries(people):
            flt = activity_query.ActivityFilter(run_id, search=query)
            after, calls, rows, slowest = 0, 0, 0, 0.0
            t0 = time.perf_counter()
            while after < end:
                t = time.perf_counter()
                ids, after = activity_query.ids_after(conn, flt, after, limit=1000, window=20_000)
                slowest = max(slowest, time.perf_counter() - t)
                calls, rows = calls + 1, rows + len(ids)
            total = time.perf_counter() - t0
            print(f"“{query}”{'':{50 - len(query)}} {rows:>8,} {calls:>9} {slowest * 1000:>10.1f} {total * 1000:>8.0f}")


def import_seconds(csv_path: Path, root: Path, *, indexed: bool) -> float:
    """One import of ``csv_path`` into a fresh workspace; without the index: its triggers
    dropped and the importer's batch indexing left out."""
    shutil.rmtree(root, ignore_errors=True)
    ws = Workspace.open(root, create=True)
    with ws.session() as conn:
        if not indexed:
            for trigger in ("people_search_added", "people_search_removed", "people_search_changed"):
                conn.execute(f"DROP TRIGGER {trigger}")
        batches = people_csv.search_index_batches
        people_csv.search_index_batches = batches if indexed else _no_batches  # type: ignore[assignment]
        try:
            t0 = time.perf_counter()
            import_people_csv(conn, csv_path, workers=1)
            seconds = time.perf_counter() - t0
        finally:
            people_csv.search_index_batches = batches  # type: ignore[assignment]
        indexed_rows = conn.execute("SELECT count(*) FROM people_search").fetchone()[0]
    assert (indexed_rows > 0) == indexed
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, default=None, help="build (or reuse) the big workspace here")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="smsflow-search-"))
    try:
        root = args.keep or tmp / "big"
        if not (root / "smsflow.db").exists():
            t0 = time.perf_counter()
            build(root, args.people)
            print(
                f"built {args.people:,} people (search index filled by its trigger) in {time.perf_counter() - t0:.1f} s"
            )
        ws = Workspace.open(root)
        size = (root / "smsflow.db").stat().st_size
        with ws.session() as conn:
            try:
                index_size = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'people_search%'").fetchone()[
                    0
                ]
                print(f"database {size / 1e6:.0f} MB, of which the search index {index_size / 1e6:.0f} MB")
            except sqlite3.OperationalError:  # this SQLite has no dbstat table
                print(f"database {size / 1e6:.0f} MB")
        with ws.session() as conn:
            people = conn.execute("SELECT max(id) FROM people").fetchone()[0]
        search_figures(ws, people)
        activity_figures(ws, people)

        csv_path = tmp / "people.csv"
        generate(csv_path, args.import_rows)
        with_index, without = [], []
        for _ in range(3):
            without.append(import_seconds(csv_path, tmp / "plain", indexed=False))
            with_index.append(import_seconds(csv_path, tmp / "indexed", indexed=True))
        best_with, best_without = min(with_index), min(without)
        print(
            f"import of {args.import_rows:,} people: {best_with:.2f} s with the search index, "
            f"{best_without:.2f} s without; ratio {best_with / best_without:.2f}"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
