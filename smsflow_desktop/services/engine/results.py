"""Run history and the activity log: list runs, show one, export its activity as CSV."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from smsflow_desktop.services.engine import ledger
from smsflow_desktop.services.engine.csv_safe import write_csv

ACTIVITY_HEADER = ("at", "type", "person_id", "external_id", "first_name", "last_name", "phone", "step", "detail")


def list_runs(conn: sqlite3.Connection, campaign: str | None = None) -> list[dict[str, object]]:
    """Every run, newest first, with its effective status (``interrupted`` for a dead runner's)."""
    sql = "SELECT * FROM runs" + (" WHERE campaign_name = ?" if campaign else "") + " ORDER BY id DESC"
    rows = conn.execute(sql, (campaign,) if campaign else ()).fetchall()
    return [
        {
            "run_id": r["id"],
            "campaign": r["campaign_name"],
            "status": ledger.effective_status(r),
            "started_at": r["started_at"],
            "finished_at": r["finished_at"],
            "dry_run": bool(r["dry_run"]),
        }
        for r in rows
    ]


def show_run(conn: sqlite3.Connection, run_id: int) -> dict[str, object]:
    row = ledger.load_run(conn, run_id)
    return {
        "run_id": run_id,
        "campaign": row["campaign_name"],
        "status": ledger.effective_status(row),
        "counts": ledger.run_counts(conn, run_id),
        "started_at": row["started_at"],
        "finished_at": row["finished_at"],
        "dry_run": bool(row["dry_run"]),
        "error": row["error"],
    }


def export_activity_csv(conn: sqlite3.Connection, run_id: int, path: Path) -> int:
    """The run's activity log, oldest first; cells a spreadsheet would run are neutralised."""
    ledger.load_run(conn, run_id)
    rows = conn.execute(
        "SELECT a.at, a.type, a.person_id, p.external_id, p.first_name, p.last_name, a.mdn, a.step_index, a.detail "
        "FROM activity a LEFT JOIN people p ON p.id = a.person_id WHERE a.run_id = ? ORDER BY a.id",
        (run_id,),
    )
    return write_csv(path, ACTIVITY_HEADER, ((*r[:6], r[6] or "", r[7], r[8]) for r in rows))
