"""Who a step reaches: the contract's audience rules as one SQL statement over indexed columns.

:func:`classify_sql` builds a materialised relation ``c(id, phone_e164, time_zone, branch,
reason)`` of the smart list, each person under the first reason that applies (NULL: still
in); a second relation ``f`` adds ``duplicate_phone`` (one per number and step, the lowest
person id keeps it). :func:`count_audience` turns that into the funnel, with quiet-hours
deferrals counted per zone rather than per person. The runner snapshots the same ``f`` into
its ledger, so a preview and a run never disagree on who is in.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from smsflow_desktop.model.campaign import Campaign, EveryDays
from smsflow_desktop.model.step_types import EXTRA_REASONS
from smsflow_desktop.services.engine.quiet_hours import Window, ZoneResolver, zone_info
from smsflow_desktop.services.engine.smart_list_sql import Sql, condition_sql, smart_list_sql
from smsflow_desktop.services.engine.steps import StepPlan, suppressed_sql
from smsflow_desktop.services.engine.zones import ensure_number_zones
from smsflow_desktop.services.phones import ZONE_DATA_VERSION
from smsflow_desktop.services.workspace import iso

log = logging.getLogger(__name__)

_MEMBER = "EXISTS (SELECT 1 FROM vibes_memberships vm WHERE vm.list_id = ? AND vm.mdn = p.phone_e164 AND vm.active = 1)"
_SUPPRESSED = suppressed_sql("p.phone_e164")
_REASON_SQL = {
    "blocklisted": "p.blocklisted",
    "marketing_suspended": "p.marketing_suspended",
    "unsubscribed": "p.unsubscribed",
    "no_valid_phone": "(NOT p.phone_valid OR p.phone_e164 IS NULL)",
    "phone_suppressed": _SUPPRESSED,
}


def qualification_sql(campaign: Campaign, now: datetime) -> Sql | None:
    """True for people the qualification rule keeps out of a new run (None: nobody)."""
    rule = campaign.schedule.qualification
    if rule == "every_time":
        return None
    base = "EXISTS (SELECT 1 FROM campaign_entries ce WHERE ce.campaign_name = ? AND ce.person_id = p.id"
    if isinstance(rule, EveryDays):
        return Sql(base + " AND ce.last_entered_at > ?)", [campaign.name, iso(now - timedelta(days=rule.every_days))])
    return Sql(base + ")", [campaign.name])


def _branch_sql(plan: StepPlan, now: datetime) -> Sql:
    if not plan.conditions:
        return Sql("0")
    parts: list[str] = []
    params: list[object] = []
    for i, cond in enumerate(plan.conditions):
        test = condition_sql(cond, now)
        parts.append(f"WHEN {test.text} THEN {i}")
        params += test.params
    return Sql(f"(CASE {' '.join(parts)} ELSE {len(plan.conditions)} END)", params)


def _membership_sql(plan: StepPlan, branch: Sql) -> Sql:
    """True when the person's number is a current member of their branch's list."""
    by_list: dict[str, list[int]] = {}
    for b in plan.branches:
        if b is not None:
            by_list.setdefault(b.vibes_list_id, []).append(b.index)
    if len(by_list) == 1:
        (list_id,) = by_list
        return Sql(_MEMBER, [list_id])
    parts: list[str] = []
    params: list[object] = []
    for list_id, indexes in by_list.items():
        parts.append(f"WHEN {branch.text} IN ({', '.join(map(str, indexes))}) THEN {_MEMBER}")
        params += [*branch.params, list_id]
    return Sql(f"(CASE {' '.join(parts)} ELSE 0 END)", params)


def classify_sql(
    campaign: Campaign,
    plan: StepPlan,
    now: datetime,
    *,
    qualification: bool = True,
    columns: str = "",
    order: bool = False,
    people: Sql | None = None,
) -> Sql:
    """``SELECT id, phone_e164, time_zone, branch, reason[, columns]`` over the smart list
    (``order``: by person id, which streams without sorting; ``people``: a ``SELECT`` of
    person ids the smart list is limited to, such as those a trigger fired for)."""
    where = smart_list_sql(campaign.smart_list, now)
    if people is not None:
        where = Sql(f"({where.text}) AND p.id IN ({people.text})", [*where.params, *people.params])
    branch = _branch_sql(plan, now)
    whens: list[str] = []
    params: list[object] = []
    qual = qualification_sql(campaign, now) if qualification else None
    if qual is not None:
        whens.append(f"WHEN {qual.text} THEN 'already_qualified'")
        params += qual.params
    nothing = [i for i, b in enumerate(plan.branches) if b is None]
    if nothing:
        whens.append(f"WHEN {branch.text} IN ({', '.join(map(str, nothing))}) THEN 'do_nothing'")
        params += branch.params
    member = _membership_sql(plan, branch)
    for reason in plan.reasons:
        if reason == "duplicate_phone":
            continue
        if reason == "not_in_vibes_list":
            whens.append(f"WHEN NOT {member.text} THEN 'not_in_vibes_list'")
            params += member.params
        elif reason == "already_member":
            whens.append(f"WHEN {member.text} THEN 'already_member'")
            params += member.params
        else:
            whens.append(f"WHEN {_REASON_SQL[reason]} THEN '{reason}'")
    text = (
        f"SELECT p.id AS id, p.phone_e164 AS phone_e164, p.time_zone AS time_zone, "
        f"{branch.text} AS branch, CASE {' '.join(whens)} ELSE NULL END AS reason "
        f"{', ' + columns if columns else ''} FROM people p WHERE {where.text}"
        f"{' ORDER BY p.id' if order else ''}"
    )
    return Sql(text, [*branch.params, *params, *where.params])


def final_sql(
    campaign: Campaign, plan: StepPlan, now: datetime, *, qualification: bool = True, people: Sql | None = None
) -> Sql:
    """A ``WITH`` prefix defining ``f(id, phone_e164, time_zone, branch, reason)`` with duplicates marked."""
    c = classify_sql(campaign, plan, now, qualification=qualification, people=people)
    if not plan.dedupes:
        return Sql(f"WITH c AS MATERIALIZED ({c.text}), f AS (SELECT * FROM c)", c.params)
    return Sql(
        f"WITH c AS MATERIALIZED ({c.text}), "
        "k AS (SELECT min(id) AS id FROM c WHERE reason IS NULL GROUP BY phone_e164), "
        "f AS (SELECT c.id, c.phone_e164, c.time_zone, c.branch, CASE WHEN c.reason IS NOT NULL THEN c.reason "
        "WHEN c.id IN (SELECT id FROM k) THEN NULL ELSE 'duplicate_phone' END AS reason FROM c)",
        c.params,
    )


@dataclass
class AudienceCounts:
    """The funnel of one step: smart list, each reason's count, recipients, deferrals.

    ``multi_zone`` counts the recipients whose quiet hours were judged over several time zones
    (no zone of their own, a number whose prefix spans several), ``multi_zone_deferred`` those
    of them among ``deferred_quiet_hours``."""

    smart_list: int = 0
    excluded: dict[str, int] = field(default_factory=dict)
    recipients: int = 0
    deferred_quiet_hours: int = 0
    by_branch: dict[int, int] = field(default_factory=dict)
    multi_zone: int = 0
    multi_zone_deferred: int = 0

    def add_judged(self, n: int, *, deferred: bool, several: bool) -> None:
        """Count ``n`` recipients judged by quiet hours."""
        if deferred:
            self.deferred_quiet_hours += n
        if several:
            self.multi_zone += n
            if deferred:
                self.multi_zone_deferred += n


def count_audience(
    conn: sqlite3.Connection,
    campaign: Campaign,
    plan: StepPlan,
    now: datetime,
    default_zone: str,
    *,
    qualification: bool = True,
) -> AudienceCounts:
    """Count who step ``plan`` reaches at ``now`` (one statement; a second only for numbers
    whose time zone was never looked up)."""
    c = classify_sql(campaign, plan, now, qualification=qualification)
    window = Window.from_settings(campaign.settings.quiet_hours)
    quiet = window.enabled and plan.quiet_hours
    if plan.dedupes:
        keepers = (
            "SELECT min(id) AS id, time_zone, phone_e164, branch, count(*) - 1 AS d "
            "FROM c WHERE reason IS NULL GROUP BY phone_e164"
        )
    else:
        keepers = "SELECT id, time_zone, phone_e164, branch, 0 AS d FROM c WHERE reason IS NULL"
    zone = (
        (
            "CASE WHEN k.time_zone = '' THEN (SELECT z.zone FROM phone_time_zones z "
            "WHERE z.mdn = k.phone_e164 AND z.data_version = ?) END"
        )
        if quiet
        else "NULL"
    )
    tz = "k.time_zone" if quiet else "''"
    sql = (
        f"WITH c AS MATERIALIZED ({c.text}) "
        "SELECT 0, reason, NULL, NULL, count(*), 0 FROM c WHERE reason IS NOT NULL GROUP BY reason "
        f"UNION ALL SELECT 1, {tz}, {zone}, k.branch, count(*), sum(k.d) FROM ({keepers}) k "
        "GROUP BY 2, 3, 4"
    )
    params = [*c.params, *([ZONE_DATA_VERSION] if quiet else [])]
    out = AudienceCounts(excluded={r: 0 for r in plan.reasons})
    resolver = ZoneResolver(window, now, default_zone)
    unresolved = False
    for kind, a, zone_name, branch, n, d in conn.execute(sql, params):
        if kind == 0:
            out.excluded[a] = out.excluded.get(a, 0) + n
            continue
        out.recipients += n
        out.by_branch[branch] = out.by_branch.get(branch, 0) + n
        if plan.dedupes:
            out.excluded["duplicate_phone"] += d
        if not quiet:
            continue
        zones: tuple[ZoneInfo, ...] | None
        if a:
            person_zone = zone_info(a)
            zones = None if person_zone is None else (person_zone,)
        else:
            zones = None if zone_name is None else resolver.zones_in(zone_name)
        if zones is None:
            unresolved = True  # an unknown person zone, or a number never looked up
        else:
            out.add_judged(n, deferred=not resolver.is_open_in(zones), several=len(zones) > 1)
    if unresolved:
        _count_unresolved(conn, c, keepers, resolver, out)
    for extra in EXTRA_REASONS:
        if out.excluded.get(extra) == 0:
            del out.excluded[extra]
    out.smart_list = out.recipients + sum(out.excluded.values())
    return out


def _count_unresolved(
    conn: sqlite3.Connection, c: Sql, keepers: str, resolver: ZoneResolver, out: AudienceCounts
) -> None:
    """Judge the recipients whose zones need phonenumbers (and remember what it says)."""
    rows = conn.execute(
        f"WITH c AS MATERIALIZED ({c.text}) SELECT k.time_zone, k.phone_e164 FROM ({keepers}) k "
        "LEFT JOIN phone_time_zones z ON z.mdn = k.phone_e164 AND z.data_version = ? "
        "WHERE (k.time_zone = '' AND z.mdn IS NULL) OR k.time_zone != ''",
        [*c.params, ZONE_DATA_VERSION],
    ).fetchall()
    pending = [mdn for tz, mdn in rows if not (tz and zone_info(tz) is not None)]
    # Numbers whose prefix can only have zones that agree (and agree on spanning one zone or
    # several) need no lookup at all.
    lookup: list[str] = []
    for mdn in pending:
        decided = resolver.decide_prefix(mdn[1:5]) if mdn else None
        if decided is None:
            lookup.append(mdn)
        else:
            out.add_judged(1, deferred=not decided[0], several=decided[1])
    zones = ensure_number_zones(conn, lookup)
    for mdn in lookup:
        judged = resolver.zones_for(None, mdn, zones.get(mdn))
        out.add_judged(1, deferred=not resolver.is_open_in(judged), several=len(judged) > 1)
