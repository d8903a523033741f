"""What started each run of a campaign: an occurrence of its schedule, its triggers, or a person.

An occurrence's run is the one its claim in ``automation_occurrences`` names (with the
instant it was scheduled for). A run of trigger firings is a run of a campaign whose snapshot
has triggers and that no occurrence claimed; a run started by hand (``smsflow run``, Run in the
app) is anything else. A dry run is always by hand: neither the agent's occurrences nor its
firings make one.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class RunOrigin:
    """``occurrence`` (with ``scheduled_at``, ISO-8601 UTC), ``trigger`` or ``manual``."""

    kind: str
    scheduled_at: str | None = None


def run_origins(conn: sqlite3.Connection, campaign_name: str) -> dict[int, RunOrigin]:
    """Each run of ``campaign_name`` by id, with what started it."""
    rows = conn.execute(
        "SELECT r.id, r.dry_run, o.scheduled_at, "
        "json_array_length(r.snapshot, '$.campaign.smart_list.triggers') AS triggers "
        "FROM runs r LEFT JOIN automation_occurrences o ON o.run_id = r.id "
        "WHERE r.campaign_name = ?",
        (campaign_name,),
    ).fetchall()
    out: dict[int, RunOrigin] = {}
    for run_id, dry_run, scheduled_at, triggers in rows:
        if scheduled_at is not None:
            out[int(run_id)] = RunOrigin("occurrence", str(scheduled_at))
        elif triggers and not dry_run:
            out[int(run_id)] = RunOrigin("trigger")
        else:
            out[int(run_id)] = RunOrigin("manual")
    return out
