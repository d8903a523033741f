"""Membership writes in bulk (a Vibes extract) write their consent entries a batch at a time: the
same entries, in the same order, as the triggers write row by row; an entry for every membership
a failed batch wrote before it failed; and every other writer's changes still logged by the
triggers."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from smsflow_desktop.services.consent import consent_source, membership_key, unique_runs
from smsflow_desktop.services.importers import import_vibes_extract
from smsflow_desktop.services.workspace import Workspace, transaction

#: The daily extract's upserts (an event applies unless the mirror holds a later date).
_GUARD = "WHERE :at IS NULL OR :at >= max(coalesce(opt_in_date, ''), coalesce(opt_out_date, ''))"
OPT_IN = (
    "INSERT INTO vibes_memberships(list_id, mdn, active, opt_in_date, updated_at) "
    "VALUES (:list, :mdn, 1, :at, :now) ON CONFLICT(list_id, mdn) DO UPDATE SET active = 1, "
    "opt_in_date = coalesce(excluded.opt_in_date, opt_in_date), opt_out_date = NULL, opt_out_reason = NULL, "
    "updated_at = excluded.updated_at " + _GUARD
)
OPT_OUT = (
    "INSERT INTO vibes_memberships(list_id, mdn, active, opt_out_date, opt_out_reason, updated_at) "
    "VALUES (:list, :mdn, 0, :at, :reason, :now) ON CONFLICT(list_id, mdn) DO UPDATE SET active = 0, "
    "opt_out_date = excluded.opt_out_date, opt_out_reason = excluded.opt_out_reason, "
    "updated_at = excluded.updated_at " + _GUARD
)
ENTRY = "at, mdn, list_id, acquisition_id, person_id, event, source, proof, reason"


def entries(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return [tuple(r) for r in conn.execute(f"SELECT {ENTRY} FROM consent_log ORDER BY id")]


def memberships(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return [tuple(r) for r in conn.execute("SELECT * FROM vibes_memberships ORDER BY list_id, mdn")]


def history(seed: int) -> list[tuple[str, list[dict[str, object]]]]:
    """Batches of opt-ins and opt-outs over a few numbers: new members, members coming back,
    leaving, a number twice in one batch, events older than what is held, no date at all."""
    rng = random.Random(seed)
    numbers = [f"+1212555{i:04d}" for i in range(12)]
    out: list[tuple[str, list[dict[str, object]]]] = []
    for b in range(8):
        event = OPT_IN if b % 3 != 2 else OPT_OUT
        rows = []
        for j in range(rng.randint(1, 15)):
            day = rng.randint(1, 28)
            rows.append(
                {
                    "list": rng.choice(("101", "102")),
                    "mdn": rng.choice(numbers),
                    "at": None if rng.random() < 0.15 else f"2026-03-{day:02d}T{rng.randint(0, 23):02d}:00:00Z",
                    "reason": rng.choice((None, "user_opt_out", "carrier")),
                    "now": f"2026-04-0{b + 1}T00:00:00Z",
                    "line": b * 100 + j + 2,
                }
            )
        out.append((event, rows))
    return out


def by_triggers(conn: sqlite3.Connection, sql: str, rows: list[dict[str, object]]) -> int:
    """The rows written as before: each run of distinct memberships with its row proofs, the
    triggers writing the entries; the rows changed."""
    changed = 0
    with consent_source(conn, "extract", "file.txt") as consent:
        keys = [membership_key(str(r["list"]), str(r["mdn"])) for r in rows]
        for start, end in unique_runs(range(len(rows)), keys.__getitem__):
            consent.row_proofs({keys[i]: f"file.txt line {rows[i]['line']}" for i in range(start, end)})
            changed += conn.executemany(sql, rows[start:end]).rowcount
        consent.row_proofs({})
    return changed


def in_batches(conn: sqlite3.Connection, sql: str, rows: list[dict[str, object]]) -> int:
    with consent_source(conn, "extract", "file.txt") as consent:
        return consent.write_memberships(
            sql, rows, lambda r: (str(r["list"]), str(r["mdn"])), lambda r: f"file.txt line {r['line']}"
        )


@pytest.mark.parametrize("seed", range(6))
def test_a_batch_writes_the_entries_the_triggers_write_row_by_row(tmp_path: Path, seed: int) -> None:
    old = Workspace.open(tmp_path / "old", create=True).connect()
    new = Workspace.open(tmp_path / "new", create=True).connect()
    for conn in (old, new):
        with transaction(conn):  # some members before: one active, one that left
            conn.execute(
                "INSERT INTO vibes_memberships(list_id, mdn, active, opt_in_date, opt_out_date, updated_at) "
                "VALUES ('101', '+12125550001', 1, '2026-02-01T00:00:00Z', NULL, '2026-02-01T00:00:00Z'), "
                "('102', '+12125550002', 0, NULL, '2026-02-02T00:00:00Z', '2026-02-02T00:00:00Z')"
            )
    for sql, rows in history(seed):
        with transaction(old):
            expected = by_triggers(old, sql, rows)
        with transaction(new):
            assert in_batches(new, sql, rows) == expected
    assert memberships(new) == memberships(old)
    assert entries(new) == entries(old) and len(entries(new)) > 2
    assert new.execute("SELECT count(*) FROM consent_log WHERE learned_at IS NULL").fetchone()[0] == 0
    assert new.execute("SELECT count(*) FROM consent_batch").fetchone()[0] == 0


def test_an_extract_import_writes_one_entry_per_new_member_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "current_subscribers_20260405.txt"
    numbers = [f"+1212555{i:04d}" for i in range(2500)]  # more than one batch
    path.write_text(
        "mdn_e164_format\tsubscription_list_id\n" + "".join(f"{n[1:]}\t101\n" for n in numbers), encoding="utf-8"
    )
    with Workspace.open(tmp_path / "ws", create=True).session() as conn:
        result = import_vibes_extract(conn, path)
        rows = conn.execute("SELECT mdn, list_id, event, source, proof, at FROM consent_log ORDER BY id").fetchall()
        assert conn.execute("SELECT count(*) FROM consent_batch").fetchone()[0] == 0
    assert result.opt_in == len(numbers)
    assert [tuple(r) for r in rows] == [
        (n, "101", "opt_in", "extract", f"{path.name} line {i + 2}", "2026-04-06T00:00:00Z")
        for i, n in enumerate(numbers)
    ]


def test_a_batch_that_fails_part_way_has_an_entry_for_each_membership_it_wrote(tmp_path: Path) -> None:
    conn = Workspace.open(tmp_path / "ws", create=True).connect()
    rows = [
        {"list": "101", "mdn": "+12125550001", "at": None, "now": "2026-04-01T00:00:00Z", "line": 2},
        {"list": "101", "mdn": "+12125550002", "at": None, "now": "2026-04-01T00:00:00Z", "line": 3},
        {"list": "101", "mdn": "+12125550003", "at": None, "now": None, "line": 4},  # updated_at NOT NULL
        {"list": "101", "mdn": "+12125550004", "at": None, "now": "2026-04-01T00:00:00Z", "line": 5},
    ]
    with transaction(conn):
        with pytest.raises(sqlite3.IntegrityError):
            in_batches(conn, OPT_IN, rows)
        # the writer goes on in its transaction: what the batch wrote is on record
        assert [r[0] for r in conn.execute("SELECT mdn FROM vibes_memberships ORDER BY mdn")] == [
            "+12125550001",
            "+12125550002",
        ]
        assert conn.execute("SELECT count(*) FROM consent_batch").fetchone()[0] == 0
        conn.execute("UPDATE vibes_memberships SET active = 0 WHERE mdn = '+12125550002'")
    assert [(r[1], r[5], r[7]) for r in entries(conn)] == [
        ("+12125550001", "opt_in", "file.txt line 2"),
        ("+12125550002", "opt_in", "file.txt line 3"),
        ("+12125550002", "opt_out", ""),  # a later change by hand: the triggers are on again
    ]
    assert conn.execute("SELECT source FROM consent_log ORDER BY id DESC LIMIT 1").fetchone()[0] == "manual"


def test_the_triggers_leave_only_the_batchs_own_memberships_to_it(tmp_path: Path) -> None:
    conn = Workspace.open(tmp_path / "ws", create=True).connect()
    with transaction(conn):
        conn.execute(
            "INSERT INTO consent_batch(list_id, mdn, pos, source, proof) "
            "VALUES ('101', '+12125550001', 0, 'extract', 'file.txt line 2')"
        )
        for mdn in ("+12125550001", "+12125550002"):
            conn.execute(
                "INSERT INTO vibes_memberships(list_id, mdn, active, updated_at) VALUES ('101', ?, 1, 'x')", (mdn,)
            )
        conn.execute("UPDATE vibes_memberships SET active = 0 WHERE list_id = '101'")
        conn.execute("DELETE FROM consent_batch")
    # the number outside the batch has both its entries from the triggers; the one in it none
    # (its writer writes them)
    assert [(r[1], r[5]) for r in entries(conn)] == [("+12125550002", "opt_in"), ("+12125550002", "opt_out")]


def test_a_cancelled_extract_import_leaves_no_batch_behind(tmp_path: Path) -> None:
    path = tmp_path / "current_subscribers_20260405.txt"
    path.write_text(
        "mdn_e164_format\tsubscription_list_id\n" + "".join(f"1212555{i:04d}\t101\n" for i in range(4500)),
        encoding="utf-8",
    )

    def cancel(rows: int, done: int, total: int) -> None:
        if rows > 2000:
            raise KeyboardInterrupt

    with Workspace.open(tmp_path / "ws", create=True).session() as conn:
        with pytest.raises(KeyboardInterrupt):
            import_vibes_extract(conn, path, progress=cancel)
        assert conn.execute("SELECT count(*) FROM vibes_memberships").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM consent_log").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM consent_batch").fetchone()[0] == 0
        with transaction(conn):
            conn.execute("INSERT INTO vibes_memberships(list_id, mdn, updated_at) VALUES ('101', '+12125550000', 'x')")
        assert [r[0] for r in conn.execute("SELECT source FROM consent_log")] == ["manual"]


def test_a_batch_looks_its_memberships_up_and_never_reads_them_all(tmp_path: Path) -> None:
    # (a scan per batch would make a large list's import take time in the square of its size)
    from smsflow_desktop.services.consent import _BATCH_BEFORE, _BATCH_ENTRIES

    conn = Workspace.open(tmp_path / "ws", create=True).connect()
    with transaction(conn):
        conn.executemany(
            "INSERT INTO vibes_memberships(list_id, mdn, updated_at) VALUES ('101', ?, 'x')",
            [(f"+1212555{i:04d}",) for i in range(2000)],
        )
        conn.execute("ANALYZE")
    for sql in (_BATCH_BEFORE, _BATCH_ENTRIES):
        plan = " / ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "SCAN b" in plan and "SCAN v" not in plan and "SCAN m" not in plan, plan
