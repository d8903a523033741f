"""Large, deterministic workspaces for the engine benchmarks, built with SQL in seconds.

People get valid North American numbers spread over area codes in several time zones; a
few share a number, a few are blocklisted, unsubscribed, suspended or have no valid number;
every other number is a current member of Vibes list ``101``. With ``texted_before``, the
ledger holds a day of sending before that instant: one text to every fourth member of the
list, three (as many as the default limits allow in 24 hours) to every fiftieth.

``root`` is a folder (SQLite) or a ``postgresql://`` URL of an empty database: there the same
people, members and texts are written by the server itself (``generate_series``), the people
indexed for search in one statement as the importer does (:func:`search_index_batches`), and
the tables vacuumed and analysed.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from smsflow_desktop.services.workspace import Workspace, iso, transaction

# area codes in New York, Chicago, Denver, Phoenix, Los Angeles, Anchorage and Honolulu
AREA_CODES = ("212", "312", "303", "602", "213", "907", "808", "415", "617", "713")


def build_workspace(
    root: Path | str, people: int, members: int, *, list_id: str = "101", texted_before: datetime | None = None
) -> Workspace:
    """A workspace with ``people`` people, ``members`` of them on Vibes list ``list_id`` (and,
    with ``texted_before``, the texts of the day before it: see the module notes)."""
    if isinstance(root, str):
        return _build_pg(root, people, members, list_id=list_id, texted_before=texted_before)
    ws = Workspace.open(root, create=True)
    codes = ", ".join(f"('{c}', {i})" for i, c in enumerate(AREA_CODES))
    step = max(1, people // max(1, members))
    with ws.session() as conn:
        with transaction(conn):
            conn.execute("CREATE TEMP TABLE codes(code TEXT, i INTEGER)")
            conn.execute(f"INSERT INTO codes VALUES {codes}")
            conn.execute(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                INSERT INTO people(id, external_id, first_name, last_name, email, phone_raw, phone_e164,
                                   phone_valid, country, state, time_zone, blocklisted, unsubscribed,
                                   marketing_suspended, custom_fields, created_at, updated_at)
                SELECT i, 'P' || i, 'First' || (i % 997), 'Last' || (i % 1009), 'p' || i || '@example.com',
                       num, CASE WHEN i % 50 = 7 THEN NULL ELSE num END,
                       CASE WHEN i % 50 = 7 THEN 0 ELSE 1 END,
                       CASE WHEN i % 20 = 3 THEN 'CA' ELSE 'US' END,
                       CASE WHEN i % 7 = 0 THEN 'TX' ELSE 'NY' END,
                       CASE WHEN i % 10 = 1 THEN 'America/Chicago' ELSE '' END,
                       CASE WHEN i % 100 = 11 THEN 1 ELSE 0 END,
                       CASE WHEN i % 200 = 13 THEN 1 ELSE 0 END,
                       CASE WHEN i % 150 = 17 THEN 1 ELSE 0 END,
                       '{"tier": "' || CASE WHEN i % 3 = 0 THEN 'gold' ELSE 'basic' END || '"}',
                       '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
                FROM (SELECT i,
                             '+1' || (SELECT code FROM codes WHERE codes.i = (k % 10)) ||
                             (200 + (k / 10) % 700) || printf('%04d', (k / 7000) % 10000) AS num
                      FROM (SELECT i, CASE WHEN i % 40 = 0 THEN i - 1 ELSE i END AS k FROM n))
                """,
                (people,),
            )
            conn.execute("INSERT OR IGNORE INTO vibes_lists(id, name) VALUES (?, 'Main list')", (list_id,))
            conn.execute(
                "INSERT OR IGNORE INTO vibes_memberships(list_id, mdn, active, updated_at) "
                "SELECT ?, phone_e164, 1, '2026-01-01T00:00:00Z' FROM people "
                "WHERE phone_e164 IS NOT NULL AND id % ? = 0 LIMIT ?",
                (list_id, step, members),
            )
            if texted_before is not None:
                _texted(conn, list_id, texted_before)
        conn.execute("ANALYZE")
    return ws


def _texted(conn: sqlite3.Connection, list_id: str, before: datetime) -> None:
    """One earlier run's texts: one to every fourth member, three to every fiftieth, all sent
    within the 24 hours before ``before``."""
    at = iso(before - timedelta(hours=20))
    run = conn.execute(
        "INSERT INTO runs(campaign_name, status, snapshot, started_at, finished_at) "
        "VALUES ('Yesterday', 'completed', '{}', ?, ?) RETURNING id",
        (at, at),
    ).fetchone()[0]
    conn.execute(
        "WITH m AS (SELECT m.mdn, min(p.id) AS person_id, row_number() OVER (ORDER BY m.mdn) AS n "
        "FROM vibes_memberships m JOIN people p ON p.phone_e164 = m.mdn "
        "WHERE m.list_id = ? AND m.active = 1 GROUP BY m.mdn), "
        "steps(i) AS (VALUES (1), (2), (3)) "
        "INSERT INTO ledger(run_id, step_index, person_id, mdn, action, state, sent_at, updated_at) "
        "SELECT ?, steps.i, m.person_id, m.mdn, 'send_sms', 'sent', ?, ? FROM m JOIN steps "
        "ON steps.i = 1 OR m.n % 50 = 0 WHERE m.n % 4 = 0 OR m.n % 50 = 0",
        (list_id, run, at, at),
    )


# -- PostgreSQL ----------------------------------------------------------------------------------
_PG_PEOPLE = """
INSERT INTO people(id, external_id, first_name, last_name, email, phone_raw, phone_e164,
                   phone_valid, country, state, time_zone, blocklisted, unsubscribed,
                   marketing_suspended, custom_fields, created_at, updated_at)
SELECT i, 'P' || i, 'First' || (i % 997), 'Last' || (i % 1009), 'p' || i || '@example.com',
       num, CASE WHEN i % 50 = 7 THEN NULL ELSE num END,
       CASE WHEN i % 50 = 7 THEN 0 ELSE 1 END,
       CASE WHEN i % 20 = 3 THEN 'CA' ELSE 'US' END,
       CASE WHEN i % 7 = 0 THEN 'TX' ELSE 'NY' END,
       CASE WHEN i % 10 = 1 THEN 'America/Chicago' ELSE '' END,
       CASE WHEN i % 100 = 11 THEN 1 ELSE 0 END,
       CASE WHEN i % 200 = 13 THEN 1 ELSE 0 END,
       CASE WHEN i % 150 = 17 THEN 1 ELSE 0 END,
       '{"tier": "' || CASE WHEN i % 3 = 0 THEN 'gold' ELSE 'basic' END || '"}',
       '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
FROM (SELECT i, '+1' || (ARRAY[CODES])[k % 10 + 1] || (200 + (k / 10) % 700)
                || lpad(((k / 7000) % 10000)::text, 4, '0') AS num
      FROM (SELECT i, CASE WHEN i % 40 = 0 THEN i - 1 ELSE i END AS k
            FROM generate_series(FIRST::bigint, LAST::bigint) AS i) AS n) AS q
"""
#: People written per statement (and indexed for search after each).
_PG_CHUNK = 1_000_000


def _build_pg(url: str, people: int, members: int, *, list_id: str, texted_before: datetime | None) -> Workspace:
    """:func:`build_workspace` on PostgreSQL: the same rows, written by the server."""
    from smsflow_desktop.services.people import search_index_batches

    ws = Workspace.open(url, create=True)
    step = max(1, people // max(1, members))
    conn = ws.connect()
    try:
        raw = conn.raw  # type: ignore[attr-defined]
        # the ids are explicit: their sequence is moved past them first, so that the schema's
        # trigger that makes a sequence follow explicit ids has nothing to do for each row
        raw.execute("SELECT setval(pg_get_serial_sequence('people', 'id'), %s)", (max(1, people),))
        with transaction(conn), search_index_batches(conn) as index_after:
            for first in range(1, people + 1, _PG_CHUNK):
                last = min(people, first + _PG_CHUNK - 1)
                codes = ", ".join(f"'{c}'" for c in AREA_CODES)
                sql = _PG_PEOPLE.replace("CODES", codes).replace("FIRST", str(first)).replace("LAST", str(last))
                raw.execute(sql)  # no parameters: the server writes every value
                index_after(first - 1)
            conn.execute("INSERT OR IGNORE INTO vibes_lists(id, name) VALUES (?, 'Main list')", (list_id,))
            conn.execute(
                "INSERT OR IGNORE INTO vibes_memberships(list_id, mdn, active, updated_at) "
                "SELECT ?, phone_e164, 1, '2026-01-01T00:00:00Z' FROM people "
                "WHERE phone_e164 IS NOT NULL AND id % ? = 0 ORDER BY id LIMIT ?",
                (list_id, step, members),
            )
            if texted_before is not None:
                _texted(conn, list_id, texted_before)
        raw.execute("VACUUM ANALYZE")
    finally:
        conn.close()
    return ws
