"""Mirror Vibes' subscription lists and acquisition campaigns into the workspace.

Lists are created in Vibes' own interface, so the workspace keeps a copy for the editor's
drop-downs and for validation: ``vibes_lists`` (id, name), ``vibes_acquisition_campaigns``
(id, description, status, keywords) and ``vibes_acquisition_lists`` (which lists each
campaign feeds, read through each list's ``acquisition_campaigns`` endpoint, since a
campaign does not name its lists). Everything is fetched first and written in one
transaction, so a failed sync leaves the previous mirror as it was. Lists and campaigns that
Vibes no longer has are removed; memberships are left alone (extracts and callbacks own them).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from smsflow_desktop.services.vibes.client import VibesClient
from smsflow_desktop.services.vibes.models import AcquisitionCampaign, SubscriptionList
from smsflow_desktop.services.workspace import iso, now_utc, transaction


@dataclass
class SyncResult:
    lists: list[SubscriptionList] = field(default_factory=list)
    campaigns: list[AcquisitionCampaign] = field(default_factory=list)
    links: dict[str, list[str]] = field(default_factory=dict)  # acquisition id -> list ids

    def as_dict(self) -> dict[str, object]:
        return {
            "subscription_lists": len(self.lists),
            "acquisition_campaigns": len(self.campaigns),
            "lists": [{"id": item.id, "name": item.name} for item in self.lists],
            "campaigns": [
                {
                    "acquisition_id": c.acquisition_id,
                    "description": c.description,
                    "status": c.status,
                    "list_ids": self.links.get(c.acquisition_id, []),
                }
                for c in self.campaigns
            ],
        }


def fetch(client: VibesClient) -> SyncResult:
    """Read lists, campaigns and which lists each campaign feeds."""
    result = SyncResult(lists=client.list_subscription_lists())
    campaigns = {c.acquisition_id: c for c in client.list_acquisition_campaigns()}
    for lst in result.lists:
        for campaign in client.list_acquisition_campaigns_for_list(lst.id):
            campaigns.setdefault(campaign.acquisition_id, campaign)
            result.links.setdefault(campaign.acquisition_id, []).append(lst.id)
    result.campaigns = sorted(campaigns.values(), key=lambda c: c.acquisition_id)
    return result


def store(conn: sqlite3.Connection, result: SyncResult) -> None:
    """Replace the workspace mirror with ``result`` in one transaction."""
    now = iso(now_utc())
    with transaction(conn):
        for lst in result.lists:
            conn.execute(
                "INSERT INTO vibes_lists(id, name, synced_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE "
                "SET name = excluded.name, synced_at = excluded.synced_at",
                (lst.id, lst.name, now),
            )
        conn.execute(
            "DELETE FROM vibes_lists WHERE id NOT IN (SELECT value FROM json_each(?))",
            (json.dumps([lst.id for lst in result.lists]),),
        )
        for c in result.campaigns:
            conn.execute(
                "INSERT INTO vibes_acquisition_campaigns(id, description, status, keywords, synced_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET description = excluded.description, "
                "status = excluded.status, keywords = excluded.keywords, synced_at = excluded.synced_at",
                (c.acquisition_id, c.description, c.status or "active", json.dumps(c.keywords), now),
            )
        conn.execute(
            "DELETE FROM vibes_acquisition_campaigns WHERE id NOT IN (SELECT value FROM json_each(?))",
            (json.dumps([c.acquisition_id for c in result.campaigns]),),
        )
        conn.execute("DELETE FROM vibes_acquisition_lists")
        for acquisition_id, list_ids in result.links.items():
            for list_id in list_ids:
                conn.execute(
                    "INSERT OR IGNORE INTO vibes_acquisition_lists(acquisition_id, list_id) VALUES (?, ?)",
                    (acquisition_id, list_id),
                )


def sync_workspace(conn: sqlite3.Connection, client: VibesClient) -> SyncResult:
    """Fetch from Vibes, then write the mirror; VibesError leaves the mirror unchanged."""
    result = fetch(client)
    store(conn, result)
    return result
