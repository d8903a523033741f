"""Trigger firings: the events an active trigger campaign has not taken in yet, as one run.

How people who fire enter the flow: **one run per campaign per take**, holding everyone whose
events the take covers. The run is created, and the campaign's ``event_cursor`` moved past
those events, in one transaction: a crash before it leaves the events to take again, a crash
after it leaves a run the agent resumes, so each firing enters once. Each take snapshots the
campaign and every step's audience as the runner always does, which is exactly "the people
who fire and pass the filters at that moment" (qualification and every audience rule still
apply, duplicate numbers included), and each run shows in ``runs list`` with its own counts
and activity. A long-lived run that grows was the alternative; it would need the ledger and
its counts to change shape under a run that may be waiting or resumed elsewhere, for no gain
a marketer can see.

An event names a person (``person_is_created``, ``added_to_list``) or a number (the Vibes
triggers, ``sms_bounces``); a number fires for every workspace person with that E.164 number.

Several agents may serve one workspace: moving the cursor is the claim (the write
transaction lets one agent move it past given events), and the run is created already
claimed by the agent that took the events in, for its lease (:mod:`..engine.leases`).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.services.engine import leases, ledger
from smsflow_desktop.services.engine.smart_list_sql import Sql
from smsflow_desktop.services.workspace import transaction

log = logging.getLogger(__name__)

#: Events one run takes in at most (a burst bigger than this becomes several runs).
MAX_EVENTS_PER_RUN = 50_000
#: Keyed events (subscriptions, bounces) are kept this long after every campaign took them
#: in, so the same opt-in learned again from another source still fires only once.
KEEP_KEYED_DAYS = 90

_MATCH = (
    "JOIN automation_listens l ON l.campaign_id = ? AND l.kind = e.kind "
    "AND (l.subject = e.subject OR (l.kind = 'sms_bounces' AND l.subject = ''))"
)


@dataclass(frozen=True)
class Take:
    """What a campaign took in: events after ``cursor`` up to ``upto``, ``fired`` of them its
    own, and the run that holds the people they fired for (None: nobody passed)."""

    fired: int
    run_id: int | None


def pending_count(conn: sqlite3.Connection, cid: int) -> int:
    """How many events the active trigger campaign ``cid`` has yet to take in."""
    row = conn.execute(
        f"SELECT count(*) FROM automation_events e {_MATCH} "
        "WHERE e.id > (SELECT event_cursor FROM automation_campaigns WHERE campaign_id = ? AND active = 1)",
        (cid, cid),
    ).fetchone()
    return int(row[0] or 0)


def people_sql(cid: int, lo: int, hi: int) -> Sql:
    """The ids of the people events ``lo < id <= hi`` fired for in campaign ``cid``."""
    return Sql(
        f"SELECT e.person_id FROM automation_events e {_MATCH} "
        "WHERE e.id > ? AND e.id <= ? AND e.person_id IS NOT NULL "
        f"UNION SELECT q.id FROM automation_events e {_MATCH} JOIN people q ON q.phone_e164 = e.mdn "
        "WHERE e.id > ? AND e.id <= ? AND e.mdn IS NOT NULL",
        [cid, lo, hi, cid, lo, hi],
    )


def take_firings(
    conn: sqlite3.Connection,
    cid: int,
    campaign: Campaign,
    messages: dict[str, str],
    now: datetime,
    *,
    lease_s: float = leases.DEFAULT_LEASE_S,
) -> Take | None:
    """Take in the campaign's pending events as one run (None: the campaign is not active or
    has nothing pending). Raises :class:`ledger.RunBusyError` while a live runner holds the
    campaign; then nothing is taken."""
    with transaction(conn):
        row = conn.execute(
            "SELECT event_cursor FROM automation_campaigns WHERE campaign_id = ? AND active = 1", (cid,)
        ).fetchone()
        if row is None:
            return None
        cursor = int(row[0])
        ids = [
            r[0]
            for r in conn.execute(
                f"SELECT e.id FROM automation_events e {_MATCH} WHERE e.id > ? ORDER BY e.id LIMIT ?",
                (cid, cursor, MAX_EVENTS_PER_RUN),
            )
        ]
        if not ids:
            latest = conn.execute("SELECT coalesce(max(id), 0) FROM automation_events").fetchone()[0]
            if latest > cursor:  # others' events only: move past them
                conn.execute("UPDATE automation_campaigns SET event_cursor = ? WHERE campaign_id = ?", (latest, cid))
            return None
        upto = ids[-1]
        if len(ids) < MAX_EVENTS_PER_RUN:
            upto = max(upto, conn.execute("SELECT coalesce(max(id), 0) FROM automation_events").fetchone()[0])
        moved = conn.execute(
            "UPDATE automation_campaigns SET event_cursor = ? WHERE campaign_id = ? AND event_cursor = ?",
            (upto, cid, cursor),
        ).rowcount
        if moved != 1:  # pragma: no cover - the write transaction keeps the cursor as read
            return None  # another agent took these events in
        run_id: int | None = ledger.snapshot_run(
            conn,
            campaign,
            messages,
            now,
            dry_run=False,
            campaign_id=cid,
            people=people_sql(cid, cursor, upto),
            lease_s=lease_s,
        )
        if conn.execute("SELECT 1 FROM ledger WHERE run_id = ? LIMIT 1", (run_id,)).fetchone() is None:
            conn.execute("DELETE FROM runs WHERE id = ?", (run_id,))  # nobody passed: no empty run
            run_id = None
    return Take(len(ids), run_id)


def forget_taken_events(conn: sqlite3.Connection, keep_since: str) -> int:
    """Delete events every active campaign has taken in: at once for those without a key, after
    :data:`KEEP_KEYED_DAYS` for subscriptions and bounces (their keys keep them once-only)."""
    with transaction(conn):
        floor = conn.execute(
            "SELECT min(event_cursor) FROM automation_campaigns a WHERE a.active = 1 "
            "AND EXISTS (SELECT 1 FROM automation_listens l WHERE l.campaign_id = a.campaign_id)"
        ).fetchone()[0]
        if floor is None:
            floor = conn.execute("SELECT coalesce(max(id), 0) FROM automation_events").fetchone()[0]
        return conn.execute(
            "DELETE FROM automation_events WHERE id <= ? AND (key IS NULL OR at < ?)", (floor, keep_since)
        ).rowcount
