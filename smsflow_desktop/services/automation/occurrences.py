"""Occurrences of active batch campaigns: which are due, and claiming each exactly once.

An occurrence is a campaign and a scheduled instant. It is claimed by inserting its row into
``automation_occurrences`` (keyed by campaign and instant) in the transaction that creates its
run: a second pass or a second agent finds the row and does nothing, and a crash either
leaves no claim and no run (the occurrence is still due) or both (the agent resumes the run).
Only occurrences from the campaign's activation on count. When several fell due while no
agent ran (a laptop asleep over a weekend), the latest of them runs and the earlier ones are
recorded as ``missed``: a recurring campaign catches up once, it does not text people once
per missed day.

Several agents may serve one workspace: the one whose insert takes the row owns the
occurrence, and its run is created already claimed by that agent for its lease
(:mod:`..engine.leases`), so no other agent resumes the run while it starts it; the row
records who claimed it (``claimed_by``). If that agent dies, its run's lease runs out and
another agent takes the run over as it takes over any run.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.model.schedule import iter_runs
from smsflow_desktop.model.validation import errors_only
from smsflow_desktop.services.campaigns import validate_in_workspace
from smsflow_desktop.services.engine import leases, ledger
from smsflow_desktop.services.workspace import iso, transaction

log = logging.getLogger(__name__)

#: Due occurrences looked at in one go (a daily campaign left alone for years has thousands).
MAX_DUE = 10_000


def _last_claimed(conn: sqlite3.Connection, cid: int) -> datetime | None:
    row = conn.execute("SELECT max(scheduled_at) FROM automation_occurrences WHERE campaign_id = ?", (cid,)).fetchone()
    return datetime.fromisoformat(row[0].replace("Z", "+00:00")) if row and row[0] else None


def _runs_after(conn: sqlite3.Connection, cid: int, activated_at: datetime) -> tuple[datetime, bool]:
    """Where to look for unclaimed occurrences: after the last claimed one, else from the activation on."""
    last = _last_claimed(conn, cid)
    if last is not None and last >= activated_at:
        return last, False
    return activated_at, True


def due_occurrences(
    conn: sqlite3.Connection, cid: int, campaign: Campaign, activated_at: datetime, now: datetime, zone: str
) -> list[datetime]:
    """The campaign's unclaimed occurrences from its activation up to ``now``, oldest first."""
    after, inclusive = _runs_after(conn, cid, activated_at)
    out: list[datetime] = []
    for instant in iter_runs(campaign.schedule, after, default_zone=zone, anchor=activated_at, inclusive=inclusive):
        if instant > now:
            break
        out.append(instant)
        if len(out) >= MAX_DUE:
            out = out[-1:]  # only the latest matters; the others are missed
    return out


def next_occurrence(
    conn: sqlite3.Connection, cid: int, campaign: Campaign, activated_at: datetime, now: datetime, zone: str
) -> datetime | None:
    """The campaign's first unclaimed occurrence after ``now`` (None: it has no more)."""
    after, inclusive = _runs_after(conn, cid, activated_at)
    if after <= now:
        after, inclusive = now, False
    for instant in iter_runs(campaign.schedule, after, default_zone=zone, anchor=activated_at, inclusive=inclusive):
        return instant
    return None


def claim_occurrence(
    conn: sqlite3.Connection,
    cid: int,
    campaign: Campaign,
    messages: dict[str, str],
    due: list[datetime],
    now: datetime,
    *,
    lease_s: float = leases.DEFAULT_LEASE_S,
) -> tuple[str, int | None]:
    """Claim the latest of ``due`` (the earlier ones as missed) and create its run in the same
    transaction. Returns ``("started", run_id)``, ``("refused", None)`` for a campaign whose
    problems keep it from running (the occurrence is claimed, with the problems as its detail),
    or ``("taken", None)`` when another pass or agent claimed it first. Raises
    :class:`ledger.RunBusyError` (nothing claimed) while a live runner holds the campaign."""
    scheduled = due[-1]
    stamp = iso(now)
    problems = errors_only(validate_in_workspace(conn, campaign))
    me = leases.identity().id
    with transaction(conn):
        taken = conn.execute(
            "INSERT INTO automation_occurrences(campaign_id, scheduled_at, status, claimed_at, detail, claimed_by) "
            "VALUES (?, ?, 'claimed', ?, '', ?) ON CONFLICT(campaign_id, scheduled_at) DO NOTHING",
            (cid, iso(scheduled), stamp, me),
        ).rowcount
        if taken == 0:
            return "taken", None
        conn.executemany(
            "INSERT INTO automation_occurrences(campaign_id, scheduled_at, status, claimed_at, detail) "
            "VALUES (?, ?, 'missed', ?, 'no agent ran at the time; a later occurrence ran instead') "
            "ON CONFLICT(campaign_id, scheduled_at) DO NOTHING",
            [(cid, iso(t), stamp) for t in due[:-1]],
        )
        if problems:
            detail = "; ".join(f"{p.message} [{p.code}]" for p in problems[:5])
            conn.execute(
                "UPDATE automation_occurrences SET status = 'refused', detail = ? "
                "WHERE campaign_id = ? AND scheduled_at = ?",
                (detail, cid, iso(scheduled)),
            )
            log.warning("campaign %r did not run at %s: %s", campaign.name, iso(scheduled), detail)
            return "refused", None
        run_id = ledger.snapshot_run(conn, campaign, messages, now, dry_run=False, campaign_id=cid, lease_s=lease_s)
        conn.execute(
            "UPDATE automation_occurrences SET status = 'started', run_id = ? WHERE campaign_id = ? AND scheduled_at = ?",
            (run_id, cid, iso(scheduled)),
        )
    return "started", run_id
