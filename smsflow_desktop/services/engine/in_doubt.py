"""Runs a stopped program left unfinished, and the sends it left in doubt.

A run is *unfinished* when its runner died (stored ``running`` with a dead owner: shown as
``interrupted``), when it is ``waiting`` for a later step, or when it holds sends *in
doubt*: rows still ``sending`` when the program stopped (a request that may or may not
have reached Vibes) or already marked ``in_doubt`` by a resume. The user then resumes it
(in-doubt sends stay unsent), resumes it resending them (``RunOptions.resend_in_doubt``),
or drops them: :func:`drop_in_doubt` marks them ``failed`` with the reason
:data:`DROPPED_REASON` and logs it, so they are never sent and the counts say why.
Nothing here touches a run a live runner holds.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from smsflow_desktop.services.engine import ledger
from smsflow_desktop.services.engine.actions import find_engine_action
from smsflow_desktop.services.workspace import iso, now_utc, transaction

DROPPED_REASON = "dropped by user"
IN_DOUBT_STATES = ("in_doubt", "sending")


def _failed_activity(action: str) -> str:
    """What the activity log calls a failed request of a ledger action (as the runner does)."""
    engine = find_engine_action(action)
    return (engine.activity("failed") if engine is not None else None) or "SMS Failed"


@dataclass(frozen=True)
class UnfinishedRun:
    """A run to offer for resuming, with what is left of it."""

    run_id: int
    campaign: str
    status: str  # effective: interrupted, waiting, or another status with sends in doubt
    started_at: str
    dry_run: bool
    pending: int
    in_doubt: int
    next_due: str | None  # when the next pending send falls due (None: nothing scheduled)

    @property
    def due_now(self) -> bool:
        """Whether resuming would do something at once (not only wait for a later step)."""
        return (
            self.status == "interrupted"
            or self.in_doubt > 0
            or (self.next_due is not None and self.next_due <= iso(now_utc()))
        )


@dataclass(frozen=True)
class InDoubtSend:
    """One request that may or may not have reached Vibes."""

    run_id: int
    step_index: int
    person_id: int
    name: str
    mdn: str
    action: str
    message: str | None
    since: str


def _live(row: sqlite3.Row) -> bool:
    return ledger.owner_is_live(row, ledger.wall_clock())


def count_in_doubt(conn: sqlite3.Connection, run_id: int) -> int:
    """Sends of ``run_id`` in doubt (0 while a live runner holds the run: its 'sending' rows are in flight)."""
    row = ledger.load_run(conn, run_id)
    if _live(row):
        return 0
    return int(
        conn.execute(
            "SELECT count(*) FROM ledger WHERE run_id = ? AND state IN ('in_doubt', 'sending')", (run_id,)
        ).fetchone()[0]
    )


def unfinished_runs(conn: sqlite3.Connection) -> list[UnfinishedRun]:
    """Runs nobody works on that still have work or sends in doubt, oldest first."""
    out: list[UnfinishedRun] = []
    for row in conn.execute("SELECT * FROM runs ORDER BY id").fetchall():
        if _live(row):
            continue
        status = ledger.effective_status(row)
        run_id = int(row["id"])
        states = dict(
            conn.execute(
                "SELECT state, count(*) FROM ledger WHERE run_id = ? AND state IN ('pending', 'sending', 'in_doubt') "
                "GROUP BY state",
                (run_id,),
            ).fetchall()
        )
        in_doubt = int(states.get("in_doubt", 0)) + int(states.get("sending", 0))
        pending = int(states.get("pending", 0))
        if status not in ("interrupted", "waiting", "paused") and not in_doubt:
            continue
        next_due = (
            conn.execute("SELECT min(due_at) FROM ledger WHERE run_id = ? AND state = 'pending'", (run_id,)).fetchone()[
                0
            ]
            if pending
            else None
        )
        out.append(
            UnfinishedRun(
                run_id,
                str(row["campaign_name"]),
                status,
                str(row["started_at"]),
                bool(row["dry_run"]),
                pending,
                in_doubt,
                next_due,
            )
        )
    return out


def in_doubt_sends(conn: sqlite3.Connection, run_id: int, *, limit: int = 500) -> list[InDoubtSend]:
    """The run's sends in doubt (the first ``limit``, by person), with who they were for."""
    if _live(ledger.load_run(conn, run_id)):
        return []
    rows = conn.execute(
        "SELECT l.step_index, l.person_id, l.mdn, l.action, l.message_name, l.updated_at, "
        "p.first_name, p.last_name FROM ledger l LEFT JOIN people p ON p.id = l.person_id "
        "WHERE l.run_id = ? AND l.state IN ('in_doubt', 'sending') ORDER BY l.step_index, l.person_id LIMIT ?",
        (run_id, max(0, int(limit))),
    ).fetchall()
    return [
        InDoubtSend(
            run_id,
            r["step_index"],
            r["person_id"],
            f"{r['first_name'] or ''} {r['last_name'] or ''}".strip(),
            r["mdn"] or "",
            r["action"],
            r["message_name"],
            r["updated_at"],
        )
        for r in rows
    ]


def drop_in_doubt(conn: sqlite3.Connection, run_id: int, now: datetime | None = None) -> int:
    """Mark every send of ``run_id`` in doubt ``failed`` (reason :data:`DROPPED_REASON`) and log
    it; returns how many. :class:`ledger.RunBusyError` while a live runner holds the run."""
    stamp = iso(now or now_utc())
    with transaction(conn):
        run = ledger.load_run(conn, run_id)
        if _live(run):
            raise ledger.RunBusyError(f"run {run_id} is running; stop it before dropping its sends in doubt")
        rows = conn.execute(
            "SELECT step_index, person_id, mdn, action FROM ledger WHERE run_id = ? "
            "AND state IN ('in_doubt', 'sending')",
            (run_id,),
        ).fetchall()
        conn.execute(
            "UPDATE ledger SET state = 'failed', reason = ?, updated_at = ? WHERE run_id = ? "
            "AND state IN ('in_doubt', 'sending')",
            (DROPPED_REASON, stamp, run_id),
        )
        conn.executemany(
            "INSERT INTO activity(run_id, at, person_id, mdn, step_index, type, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    run_id,
                    stamp,
                    r["person_id"],
                    r["mdn"],
                    r["step_index"],
                    _failed_activity(r["action"]),
                    DROPPED_REASON,
                )
                for r in rows
            ],
        )
    return len(rows)
