"""Activating and deactivating campaigns, and what an active campaign will do next.

An active *trigger* campaign listens: its triggers are copied into ``automation_listens``
(and kept in step with its document by a database trigger), and it takes in only the events
recorded after it was activated (``event_cursor``), never a backlog. An active *batch*
campaign runs at ``schedule.start`` and at each occurrence of ``schedule.recurrence`` from
the moment it was activated on (``activated_at``, which also counts the periods of a
recurrence without a start). Activation refuses a campaign with problems, a batch campaign
with neither start nor recurrence, and one that would never run again. The state lives in
the workspace (``automation_campaigns``), so every program that opens it agrees.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.model.schedule import iso_z, next_runs
from smsflow_desktop.model.validation import Problem, errors_only
from smsflow_desktop.services.campaigns import CampaignNotFound, load_campaign, validate_in_workspace
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.workspace import iso, transaction

#: How many upcoming runs activation reports.
SHOWN_RUNS = 3

LISTENS_SQL = """
INSERT INTO automation_listens(kind, subject, campaign_id)
SELECT DISTINCT json_extract(t.value, '$.type'),
       coalesce(json_extract(t.value, '$.vibes_list_id'), json_extract(t.value, '$.list'),
                json_extract(t.value, '$.campaign'), ''),
       c.id
FROM campaigns c, json_each(c.document, '$.smart_list.triggers') AS t
WHERE c.id = ? AND json_extract(t.value, '$.type') IS NOT NULL
"""


class ActivationRefused(ValueError):
    """The campaign cannot be activated; ``problems`` say why."""

    def __init__(self, campaign: str, kind: str, problems: list[Problem]) -> None:
        super().__init__(f"campaign {campaign!r} cannot be activated: {len(problems)} problem(s) to fix first")
        self.campaign = campaign
        self.kind = kind
        self.problems = problems


@dataclass
class AutomationStatus:
    """Whether a campaign runs by itself, what kind it is and, for a batch campaign, when next."""

    campaign: str
    active: bool
    kind: str
    next_runs: list[datetime] = field(default_factory=list)
    activated_at: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "campaign": self.campaign,
            "active": self.active,
            "kind": self.kind,
            "next_runs": [iso_z(t) for t in self.next_runs],
            "activated_at": self.activated_at,
        }


def campaign_id(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM campaigns WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise CampaignNotFound(f"no campaign called {name!r} in this workspace")
    return int(row[0])


def upcoming_runs(
    conn: sqlite3.Connection,
    cid: int,
    campaign: Campaign,
    activated_at: datetime,
    now: datetime,
    count: int = SHOWN_RUNS,
) -> list[datetime]:
    """The next ``count`` runs of an active batch campaign from ``now`` on (an occurrence due
    now included, one already claimed not)."""
    if campaign.kind != "batch":
        return []
    zone = get_setting(conn, "default_time_zone")
    claimed = {
        r[0]
        for r in conn.execute(
            "SELECT scheduled_at FROM automation_occurrences WHERE campaign_id = ? AND scheduled_at >= ?",
            (cid, iso(now)),
        )
    }
    out: list[datetime] = []
    after = max(now, activated_at)
    for instant in next_runs(
        campaign.schedule, after, count + len(claimed), default_zone=zone, anchor=activated_at, inclusive=True
    ):
        if iso(instant) not in claimed:
            out.append(instant)
        if len(out) >= count:
            break
    return out


def _never_runs(campaign: Campaign) -> Problem:
    if campaign.schedule.recurrence is None:
        start = campaign.schedule.start_instant()
        return Problem(
            "schedule.no_future_runs",
            f"The campaign's start ({iso_z(start) if start else '?'}) has passed and it has no recurrence, "
            "so it would never run: choose a later start or add a recurrence.",
            None,
            "schedule.start",
        )
    return Problem(
        "schedule.no_future_runs",
        "The campaign's recurrence has no run from now on (its 'until' date has passed): choose a later date.",
        None,
        "schedule.recurrence.until",
    )


def activation_problems(conn: sqlite3.Connection, campaign: Campaign, now: datetime) -> list[Problem]:
    """Why ``campaign`` cannot be activated at ``now`` (nothing when it can)."""
    problems = errors_only(validate_in_workspace(conn, campaign))
    if problems or campaign.kind == "trigger":
        return problems
    if not campaign.schedule.has_timing:
        return [
            Problem(
                "schedule.missing",
                "A batch campaign runs by itself at its schedule's start or on its recurrence: "
                "give it a start or a recurrence (or run it by hand).",
                None,
                "schedule",
            )
        ]
    zone = get_setting(conn, "default_time_zone")
    if not next_runs(campaign.schedule, now, 1, default_zone=zone, anchor=now, inclusive=True):
        return [_never_runs(campaign)]
    return []


def activate_campaign(conn: sqlite3.Connection, name: str, now: datetime) -> AutomationStatus:
    """Make the campaign run by itself; :class:`ActivationRefused` with its problems when it
    cannot. Activating an active campaign changes nothing (its cursor and periods stay)."""
    campaign = load_campaign(conn, name)
    problems = activation_problems(conn, campaign, now)
    if problems:
        raise ActivationRefused(name, campaign.kind, problems)
    stamp = iso(now)
    with transaction(conn):
        cid = campaign_id(conn, name)
        # Events recorded from here on are this campaign's to take in; none from before.
        cursor = conn.execute(
            "SELECT max(coalesce((SELECT max(id) FROM automation_events), 0), "
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'automation_events'), 0))"
        ).fetchone()[0]
        conn.execute(
            "INSERT INTO automation_campaigns(campaign_id, active, activated_at, event_cursor, updated_at) "
            "VALUES (?, 1, ?, ?, ?) ON CONFLICT(campaign_id) DO UPDATE SET "
            "event_cursor = CASE WHEN automation_campaigns.active = 1 THEN automation_campaigns.event_cursor "
            "ELSE excluded.event_cursor END, "
            "activated_at = CASE WHEN automation_campaigns.active = 1 THEN automation_campaigns.activated_at "
            "ELSE excluded.activated_at END, "
            "active = 1, updated_at = excluded.updated_at",
            (cid, stamp, cursor, stamp),
        )
        conn.execute("DELETE FROM automation_listens WHERE campaign_id = ?", (cid,))
        conn.execute(LISTENS_SQL, (cid,))
    return automation_status(conn, name, now)


def deactivate_campaign(conn: sqlite3.Connection, name: str, now: datetime) -> AutomationStatus:
    """Stop the campaign from running by itself (runs under way carry on: people in a Wait
    still get their next steps)."""
    campaign = load_campaign(conn, name)
    with transaction(conn):
        cid = campaign_id(conn, name)
        conn.execute(
            "UPDATE automation_campaigns SET active = 0, updated_at = ? WHERE campaign_id = ?", (iso(now), cid)
        )
        conn.execute("DELETE FROM automation_listens WHERE campaign_id = ?", (cid,))
    return AutomationStatus(campaign.name, False, campaign.kind)


def automation_status(conn: sqlite3.Connection, name: str, now: datetime) -> AutomationStatus:
    """Whether the campaign is active, its kind and (active batch campaigns) its next runs."""
    campaign = load_campaign(conn, name)
    cid = campaign_id(conn, name)
    row = conn.execute("SELECT active, activated_at FROM automation_campaigns WHERE campaign_id = ?", (cid,)).fetchone()
    if row is None or not row["active"]:
        return AutomationStatus(campaign.name, False, campaign.kind)
    activated = parse_stamp(row["activated_at"])
    return AutomationStatus(
        campaign.name,
        True,
        campaign.kind,
        upcoming_runs(conn, cid, campaign, activated, now),
        row["activated_at"],
    )


def list_automation(conn: sqlite3.Connection, now: datetime) -> list[AutomationStatus]:
    """Every active campaign's status, by name (for a navigator or a status line)."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT c.name FROM automation_campaigns a JOIN campaigns c ON c.id = a.campaign_id "
            "WHERE a.active = 1 ORDER BY c.name COLLATE NOCASE"
        )
    ]
    return [automation_status(conn, n, now) for n in names]


def parse_stamp(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
