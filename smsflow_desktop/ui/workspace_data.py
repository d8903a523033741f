"""What the windows show about a workspace: the catalog the editor's drop-downs offer and
the navigator's tree (campaigns and which of them run by themselves, messages, people
counts, lists, the Vibes mirror).

Reads only, through the services where they exist (``services.campaigns``, and
``services.people.workspace_counts`` when that module is present); the few remaining
queries are single aggregate statements so opening a large workspace stays quick.
"""

from __future__ import annotations

import importlib
import logging
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from smsflow_desktop.model.campaign import PERSON_FIELDS, trigger_subject
from smsflow_desktop.model.validation import WorkspaceRefs
from smsflow_desktop.services.campaigns import list_campaigns, workspace_refs
from smsflow_desktop.ui.qt_util import to_int

log = logging.getLogger(__name__)


@dataclass
class Catalog:
    """Everything a campaign may refer to, ready for drop-downs."""

    refs: WorkspaceRefs = field(default_factory=WorkspaceRefs)
    acquisition_names: dict[str, str] = field(default_factory=dict)  # id -> description

    @property
    def message_names(self) -> list[str]:
        return sorted(self.refs.messages, key=str.casefold)

    @property
    def vibes_lists(self) -> list[tuple[str, str]]:
        """(id, name) sorted by name."""
        return sorted(self.refs.vibes_lists.items(), key=lambda kv: (kv[1].casefold(), kv[0]))

    def acquisitions_for(self, list_id: str | None) -> list[tuple[str, str]]:
        """(id, description) of acquisition campaigns feeding ``list_id`` (all when None)."""
        out = []
        for acq_id, lists in self.refs.acquisition_campaigns.items():
            if list_id is None or list_id in lists:
                out.append((acq_id, self.acquisition_names.get(acq_id, "")))
        return sorted(out, key=lambda kv: (kv[1].casefold(), kv[0]))

    @property
    def static_lists(self) -> list[str]:
        return sorted(self.refs.static_lists, key=str.casefold)

    @property
    def person_fields(self) -> list[str]:
        return list(PERSON_FIELDS) + sorted(self.refs.custom_fields, key=str.casefold)


def load_catalog(conn: sqlite3.Connection) -> Catalog:
    refs = workspace_refs(conn)
    names = dict(conn.execute("SELECT id, description FROM vibes_acquisition_campaigns").fetchall())
    return Catalog(refs=refs, acquisition_names=names)


@dataclass
class PeopleCounts:
    total: int = 0
    textable: int = 0  # with a valid mobile number


@dataclass
class ActiveCampaign:
    """A campaign that runs by itself: its kind, its next run (batch) or what it listens for
    (trigger: each trigger's type and subject)."""

    kind: str
    next_run: datetime | None = None
    triggers: list[tuple[str, str]] = field(default_factory=list)


def load_automation(conn: sqlite3.Connection, now: datetime | None = None) -> dict[str, ActiveCampaign]:
    """Every active campaign by name (one cheap query when none is)."""
    if conn.execute("SELECT 1 FROM automation_campaigns WHERE active = 1 LIMIT 1").fetchone() is None:
        return {}
    from smsflow_desktop.services.automation.activation import automation_status
    from smsflow_desktop.services.campaigns import load_campaign
    from smsflow_desktop.services.workspace import now_utc

    now = now or now_utc()
    names = [
        r[0]
        for r in conn.execute(
            "SELECT c.name FROM automation_campaigns a JOIN campaigns c ON c.id = a.campaign_id WHERE a.active = 1"
        )
    ]
    out: dict[str, ActiveCampaign] = {}
    for name in names:
        try:
            campaign = load_campaign(conn, name)
            status = automation_status(conn, name, now)
        except ValueError as exc:  # a campaign that no longer reads: the agent skips it too
            log.warning("active campaign %r cannot be read: %s", name, exc)
            continue
        out[name] = ActiveCampaign(
            status.kind,
            status.next_runs[0] if status.next_runs else None,
            [(t.type, trigger_subject(t)) for t in campaign.smart_list.triggers],
        )
    return out


@dataclass
class NavigatorData:
    """The navigator's tree, read in one go."""

    campaigns: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    people: PeopleCounts = field(default_factory=PeopleCounts)
    static_lists: list[tuple[str, int]] = field(default_factory=list)  # (name, members)
    vibes_lists: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    acquisitions: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (id, description, list ids)
    automation: dict[str, ActiveCampaign] = field(default_factory=dict)  # active campaigns by name


def people_counts(conn: sqlite3.Connection) -> PeopleCounts:
    """People in the workspace and how many can be texted, in one COUNT query."""
    try:
        people = importlib.import_module("smsflow_desktop.services.people")
    except ModuleNotFoundError as exc:
        if exc.name not in ("smsflow_desktop.services.people",):
            raise
        people = None
    counts_fn = getattr(people, "workspace_counts", None) if people is not None else None
    if counts_fn is not None:
        try:
            result = counts_fn(conn)
            total = _pick(result, "people", "total")
            textable = _pick(result, "textable", "valid_phone", "with_valid_phone")
            if total is not None:
                return PeopleCounts(to_int(total), to_int(textable if textable is not None else total))
        except (sqlite3.Error, TypeError, ValueError) as exc:
            log.warning("services.people.workspace_counts failed, counting directly: %s", exc)
    row = conn.execute("SELECT COUNT(*), COALESCE(SUM(phone_valid), 0) FROM people").fetchone()
    return PeopleCounts(int(row[0]), int(row[1]))


def _pick(result: object, *names: str) -> object | None:
    for name in names:
        if isinstance(result, Mapping) and name in result:
            return result[name]
        if hasattr(result, name):
            return getattr(result, name)
    return None


def load_navigator_data(conn: sqlite3.Connection) -> NavigatorData:
    data = NavigatorData()
    data.campaigns = list_campaigns(conn)
    data.messages = [r[0] for r in conn.execute("SELECT name FROM sms_messages ORDER BY name COLLATE NOCASE")]
    data.people = people_counts(conn)
    data.static_lists = [
        (r[0], int(r[1]))
        for r in conn.execute(
            "SELECT s.name, COUNT(m.person_id) FROM static_lists s "
            "LEFT JOIN static_list_members m ON m.list_id = s.id GROUP BY s.id ORDER BY s.name COLLATE NOCASE"
        )
    ]
    data.vibes_lists = [
        (r[0], r[1]) for r in conn.execute("SELECT id, name FROM vibes_lists ORDER BY name COLLATE NOCASE")
    ]
    lists: dict[str, list[str]] = {}
    for acq_id, list_id in conn.execute("SELECT acquisition_id, list_id FROM vibes_acquisition_lists ORDER BY list_id"):
        lists.setdefault(acq_id, []).append(list_id)
    data.acquisitions = [
        (r[0], r[1], lists.get(r[0], []))
        for r in conn.execute(
            "SELECT id, description FROM vibes_acquisition_campaigns ORDER BY description COLLATE NOCASE"
        )
    ]
    data.automation = load_automation(conn)
    return data


def find_people(conn: sqlite3.Connection, search: str = "", limit: int = 50) -> list[dict[str, object]]:
    """People for the message preview that ``search`` finds (``services.people.search_people``:
    any part of a name, e-mail or number), the first ``limit``."""
    from smsflow_desktop.services.people import search_people

    out = []
    for person in search_people(conn, search, limit=limit):
        person["phone"] = person.get("phone_e164") or person.get("phone_raw") or ""
        out.append(person)
    return out
