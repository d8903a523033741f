"""Who a step reaches: the contract's audience rules as one SQL statement over indexed columns.

:func:`classify_sql` builds a materialised relation ``c(id, phone_e164, time_zone, branch,
reason)`` of the smart list, each person under the first reason that applies (NULL: still
in); a second relation ``f`` adds ``duplicate_phone`` (one per number and step, the lowest
person id keeps it). :func:`count_audience` turns that into the funnel, with quiet-hours
deferrals counted per zone and region rather than per person. The runner snapshots the same
``f`` into its ledger, so a preview and a run never disagree on who is in.

The workspace's compliance rules (:mod:`smsflow_desktop.services.compliance.policy`) come in
after ``duplicate_phone``: ``frequency_limit`` leaves out the numbers that already got as many
texts as a limit allows (counted per number, the one that keeps the number decides by its
region), and each recipient's quiet hours are the strictest of the campaign's window and
their state's or country's rules. The runner judges the limit again when each text falls due
(:mod:`.run_steps`), so its snapshot (``f``) leaves it out.

A preview works out the region key only of people a rule may reach (for the others, most of a
US or Canadian audience, the key cannot change a thing: :meth:`Compliance.rule_free`); it does
so while classifying them, in the ``reason`` column of someone still in (a control character
and the key, which sorts before every reason), so the relation carries no more columns. Texts
sent are counted once per number, only numbers that reached some limit are kept
(:meth:`Compliance.counts_sql`), and zones are read only for the recipients some window can
hold back.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from smsflow_desktop.model.campaign import Campaign, EveryDays
from smsflow_desktop.model.step_types import EXTRA_REASONS
from smsflow_desktop.services.compliance.policy import REGION_SQL, Compliance
from smsflow_desktop.services.engine.quiet_hours import Window, ZoneResolver, zone_info
from smsflow_desktop.services.engine.smart_list_sql import FALSE, TRUE, Sql, condition_sql, smart_list_sql
from smsflow_desktop.services.engine.steps import StepPlan, suppressed_sql
from smsflow_desktop.services.engine.zones import ensure_number_zones
from smsflow_desktop.services.phones import ZONE_DATA_VERSION
from smsflow_desktop.services.store import dialect_of
from smsflow_desktop.services.workspace import iso

log = logging.getLogger(__name__)

_MEMBER = "EXISTS (SELECT 1 FROM vibes_memberships vm WHERE vm.list_id = ? AND vm.mdn = p.phone_e164 AND vm.active = 1)"
_SUPPRESSED = suppressed_sql("p.phone_e164")
#: Starts the ``reason`` of someone still in whose region key a preview carries (real reasons are
#: words, which sort after it).
_PLACE = "char(1)"
_REASON_SQL = {
    "blocklisted": "p.blocklisted = 1",
    "marketing_suspended": "p.marketing_suspended = 1",
    "unsubscribed": "p.unsubscribed = 1",
    "no_valid_phone": "(p.phone_valid = 0 OR p.phone_e164 IS NULL)",
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


def _membership_sql(plan: StepPlan, branch: Sql, joins: list[Sql] | None = None) -> Sql:
    """True when the person's number is a current member of their branch's list. With
    ``joins`` (PostgreSQL), each list's memberships are joined to the people instead (appended
    there, each a ``LEFT JOIN`` of at most one row, the list and number being its key), which
    PostgreSQL runs as one hash join rather than a look-up per person."""
    by_list: dict[str, list[int]] = {}
    for b in plan.branches:
        if b is not None:
            by_list.setdefault(b.vibes_list_id, []).append(b.index)
    tests: dict[str, Sql] = {}
    for list_id in by_list:
        if joins is None:
            tests[list_id] = Sql(_MEMBER, [list_id])
        else:
            alias = f"vm{len(joins)}"
            joins.append(
                Sql(
                    f"LEFT JOIN vibes_memberships {alias} ON {alias}.list_id = ? "
                    f"AND {alias}.mdn = p.phone_e164 AND {alias}.active = 1",
                    [list_id],
                )
            )
            tests[list_id] = Sql(f"({alias}.mdn IS NOT NULL)", [])
    if len(by_list) == 1:
        return next(iter(tests.values()))
    parts: list[str] = []
    params: list[object] = []
    for list_id, indexes in by_list.items():
        parts.append(f"WHEN {branch.text} IN ({', '.join(map(str, indexes))}) THEN {tests[list_id].text}")
        params += [*branch.params, *tests[list_id].params]
    return Sql(f"(CASE {' '.join(parts)} ELSE {FALSE} END)", params)


#: ``phone_suppressed`` on PostgreSQL: the suppressed numbers joined to the people (see
#: :func:`_membership_sql`); the same numbers as :func:`~.steps.suppressed_sql`.
_SUPPRESSED_JOINS = (
    "LEFT JOIN (SELECT DISTINCT s.phone_e164 FROM people s WHERE s.phone_e164 IS NOT NULL "
    "AND (s.blocklisted = 1 OR s.unsubscribed = 1)) sp ON sp.phone_e164 = p.phone_e164 "
    "LEFT JOIN number_opt_outs oo ON oo.mdn = p.phone_e164"
)
_SUPPRESSED_JOINED = "(sp.phone_e164 IS NOT NULL OR oo.mdn IS NOT NULL)"


def classify_sql(
    campaign: Campaign,
    plan: StepPlan,
    now: datetime,
    *,
    qualification: bool = True,
    columns: str = "",
    order: bool = False,
    people: Sql | None = None,
    region: bool = False,
    still_in: str | None = None,
    counts: Sql | None = None,
    count_columns: str = "",
    dialect: str = "sqlite",
) -> Sql:
    """``SELECT id, phone_e164, time_zone, branch, reason[, columns][, region][, counts]`` over
    the smart list (``order``: by person id, which streams without sorting; ``people``: a
    ``SELECT`` of person ids the smart list is limited to, such as those a trigger fired for;
    ``region``: each person's compliance region key; ``still_in``: SQL for the ``reason`` of
    someone no reason keeps out, instead of NULL; ``counts``: the ``sc`` relation of
    :meth:`Compliance.counts_sql`, joined by number, with ``count_columns``). On PostgreSQL
    (``dialect``) list memberships and suppressed numbers are joined rather than looked up per
    person (:func:`_membership_sql`)."""
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
    joins: list[Sql] | None = [] if dialect == "postgresql" else None
    member = _membership_sql(plan, branch, joins)
    for reason in plan.reasons:
        if reason in ("duplicate_phone", "frequency_limit"):
            continue
        if reason == "not_in_vibes_list":
            whens.append(f"WHEN NOT {member.text} THEN 'not_in_vibes_list'")
            params += member.params
        elif reason == "already_member":
            whens.append(f"WHEN {member.text} THEN 'already_member'")
            params += member.params
        elif reason == "phone_suppressed" and joins is not None:
            joins.append(Sql(_SUPPRESSED_JOINS, []))
            whens.append(f"WHEN {_SUPPRESSED_JOINED} THEN '{reason}'")
        else:
            whens.append(f"WHEN {_REASON_SQL[reason]} THEN '{reason}'")
    extra = [columns] if columns else []
    if region:
        extra.append(f"{REGION_SQL} AS region")
    if counts is not None and count_columns:
        extra.append(count_columns)
    joined = joins or []
    text = (
        f"{'WITH ' + counts.text + ' ' if counts is not None else ''}"
        f"SELECT p.id AS id, p.phone_e164 AS phone_e164, p.time_zone AS time_zone, "
        f"{branch.text} AS branch, CASE {' '.join(whens)} ELSE {still_in or 'NULL'} END AS reason "
        f"{''.join(', ' + e for e in extra)} FROM people p"
        f"{' LEFT JOIN sc ON sc.mdn = p.phone_e164' if counts is not None else ''}"
        f"{''.join(' ' + j.text for j in joined)} WHERE {where.text}"
        f"{' ORDER BY p.id' if order else ''}"
    )
    return Sql(
        text,
        [
            *(counts.params if counts is not None else []),
            *branch.params,
            *params,
            *(p for j in joined for p in j.params),
            *where.params,
        ],
    )


def final_sql(
    campaign: Campaign,
    plan: StepPlan,
    now: datetime,
    *,
    qualification: bool = True,
    people: Sql | None = None,
    dialect: str = "sqlite",
) -> Sql:
    """A ``WITH`` prefix defining ``f(id, phone_e164, time_zone, branch, reason)`` with duplicates
    marked (the frequency limit is left to when each text falls due)."""
    c = classify_sql(campaign, plan, now, qualification=qualification, people=people, dialect=dialect)
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
    of them among ``deferred_quiet_hours``. ``deferred_by_rule``: recipients deferred only
    because of a compliance rule's window (by the rules' scopes, ``US-FL``);
    ``frequency_limit_by_rule``: the ``frequency_limit`` people by the limit they reached."""

    smart_list: int = 0
    excluded: dict[str, int] = field(default_factory=dict)
    recipients: int = 0
    deferred_quiet_hours: int = 0
    by_branch: dict[int, int] = field(default_factory=dict)
    multi_zone: int = 0
    multi_zone_deferred: int = 0
    deferred_by_rule: dict[str, int] = field(default_factory=dict)
    frequency_limit_by_rule: dict[str, int] = field(default_factory=dict)

    def add_judged(self, n: int, *, deferred: bool, several: bool, rule: str | None = None) -> None:
        """Count ``n`` recipients judged by quiet hours (``rule``: the scopes of the rules
        that deferred them where the campaign's window alone would not)."""
        if deferred:
            self.deferred_quiet_hours += n
            if rule:
                self.deferred_by_rule[rule] = self.deferred_by_rule.get(rule, 0) + n
        if several:
            self.multi_zone += n
            if deferred:
                self.multi_zone_deferred += n

    def add_limited(self, n: int, label: str) -> None:
        self.excluded["frequency_limit"] = self.excluded.get("frequency_limit", 0) + n
        self.frequency_limit_by_rule[label] = self.frequency_limit_by_rule.get(label, 0) + n


@dataclass
class _Judge:
    """Decides quiet hours and limits for groups of recipients of one count."""

    resolver: ZoneResolver
    compliance: Compliance
    out: AudienceCounts

    def limited(self, region: str, counts: list[int], n: int) -> bool:
        """Whether a number of ``region`` with these texts sent is left out (counted if so)."""
        reached = self.compliance.limit_reached(region, counts)
        if reached is None:
            return False
        self.out.add_limited(n, "workspace" if reached[0].rule is None else reached[0].rule.scope)
        return True

    def rule_of(self, region: str | None) -> str:
        return ", ".join(r.scope for r in self.compliance.rules_for(region or "") if r.has_windows)

    def judge(self, n: int, zones: tuple[ZoneInfo, ...], region: str | None) -> None:
        window = self.resolver.window_for(region)
        deferred = not self.resolver.is_open_in(zones, window)
        by_rule = deferred and window != self.resolver.window and self.resolver.is_open_in(zones)
        self.out.add_judged(
            n, deferred=deferred, several=len(zones) > 1, rule=self.rule_of(region) if by_rule else None
        )

    def prefix_answer(self, digits: str | None, region: str | None) -> tuple[bool, bool, str | None] | None:
        """``(deferred, spans several zones, rule)`` of every number starting with ``digits`` (the
        four after the ``+``) when the prefix alone decides it, else None (look the number up)."""
        window = self.resolver.window_for(region)
        decided = self.resolver.decide_prefix(digits, window) if digits else None
        if digits is None or decided is None:
            return None
        rule = None
        if not decided[0] and window != self.resolver.window:
            base = self.resolver.decide_prefix(digits)
            if base is None:
                return None  # whether the campaign's window alone holds it back needs the zones
            if base[0]:
                rule = self.rule_of(region)
        return not decided[0], decided[1], rule

    def judge_prefix(self, digits: str | None, region: str | None, n: int = 1) -> bool:
        """Judge ``n`` numbers starting with ``digits`` by that prefix alone when it decides them
        (False: look them up)."""
        answer = self.prefix_answer(digits, region)
        if answer is None:
            return False
        deferred, several, rule = answer
        self.out.add_judged(n, deferred=deferred, several=several, rule=rule)
        return True


def _keepers_sql(relation: str, plan: StepPlan, places: bool, dialect: str = "sqlite") -> str:
    """``SELECT id, time_zone, phone_e164, branch, place, d`` over ``relation`` (a :func:`classify_sql`
    relation): the people still in, one per number with ``d`` the others of that number when the
    step drops duplicates; ``place``: their region key's ``reason`` (``places``) or NULL. The
    one kept of a number is its first person (lowest id) with that person's values: SQLite's
    bare columns beside ``min(id)``, PostgreSQL's ``DISTINCT ON``."""
    is_in = "(reason IS NULL OR reason < ' ')" if places else "reason IS NULL"
    if plan.dedupes and dialect == "postgresql":
        return (
            "SELECT DISTINCT ON (phone_e164) id, time_zone, phone_e164, branch, reason AS place, "
            "count(*) OVER (PARTITION BY phone_e164 ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING "
            f"AND UNBOUNDED FOLLOWING) - 1 AS d FROM {relation} WHERE {is_in} ORDER BY phone_e164, id"
        )
    if plan.dedupes:
        return (
            "SELECT min(id) AS id, time_zone, phone_e164, branch, reason AS place, count(*) - 1 AS d "
            f"FROM {relation} WHERE {is_in} GROUP BY phone_e164"
        )
    return f"SELECT id, time_zone, phone_e164, branch, reason AS place, 0 AS d FROM {relation} WHERE {is_in}"


def count_audience(
    conn: sqlite3.Connection,
    campaign: Campaign,
    plan: StepPlan,
    now: datetime,
    default_zone: str,
    *,
    qualification: bool = True,
    compliance: Compliance | None = None,
) -> AudienceCounts:
    """Count who step ``plan`` reaches at ``now`` (one statement; a second only for numbers
    whose time zone was never looked up). ``compliance``: the rules and limits to apply
    (default: the workspace's)."""
    rules = compliance if compliance is not None else Compliance.load(conn)
    free = rules.rule_free() if rules.needs_region else None
    # someone still in whom a rule may reach carries their region key in ``reason`` (see the notes)
    still_in = (
        None
        if free is None
        else f"CASE WHEN {free.sql('p.country', 'p.state')} THEN NULL ELSE {_PLACE} || {REGION_SQL} END"
    )
    # the limits and rules of someone no rule reaches: the workspace's alone
    plain = free.key if free is not None and free.key is not None else ""
    dialect = dialect_of(conn)
    c = classify_sql(campaign, plan, now, qualification=qualification, still_in=still_in, dialect=dialect)
    window = Window.from_settings(campaign.settings.quiet_hours)
    quiet = plan.quiet_hours and (not window.unrestricted or rules.has_windows)
    counted = rules.counts_sql(now, campaign.name) if "frequency_limit" in plan.reasons else None
    n_counts = len(rules.count_windows) if counted is not None else 0
    keepers = _keepers_sql("c", plan, still_in is not None, dialect)
    # with no window of its own, only people a rule may reach need their zones
    own_window = not window.unrestricted
    lookup = "(SELECT z.zone FROM phone_time_zones z WHERE z.mdn = k.phone_e164 AND z.data_version = ?)"
    zones_joined = ""
    if quiet and own_window and dialect == "postgresql":
        # every keeper without a zone of their own needs their number's: one hash join of the
        # keepers with the zones looked up rather than a look-up per keeper
        lookup, zones_joined = "z.zone", " LEFT JOIN phone_time_zones z ON z.mdn = k.phone_e164 AND z.data_version = ?"
    # A keeper whose number's zones were never looked up is grouped by the number's prefix too
    # (the four digits after the +): where the prefix alone decides quiet hours (most numbers),
    # the group is judged at once, without classifying the smart list a second time.
    if not quiet:
        tz, zone, prefix = "''", "NULL", "NULL"
    else:
        # the keepers whose number's zones are wanted: no zone of their own (and a rule may reach them)
        wanted = "k.time_zone = ''" if own_window else "k.time_zone = '' AND k.place IS NOT NULL"
        tz = "k.time_zone" if own_window else "CASE WHEN k.place IS NULL THEN '' ELSE k.time_zone END"
        zone = f"CASE WHEN {wanted} THEN {lookup} END"
        prefix = f"CASE WHEN {wanted} THEN substr(k.phone_e164, 2, 4) END"
    out_reason = "reason IS NOT NULL" if still_in is None else "reason >= ' '"
    nulls = ", CAST(NULL AS INTEGER)" * n_counts
    zone_params = [ZONE_DATA_VERSION] if quiet else []
    ctes = [f"c AS MATERIALIZED ({c.text})"]
    params = [*c.params]
    selects = [
        f"SELECT 0, reason, NULL, NULL, count(*), 0, NULL, NULL{nulls} FROM c WHERE {out_reason} GROUP BY reason",
        f"SELECT 1, {tz}, {zone}, k.branch, count(*), sum(k.d), k.place, {prefix}{nulls} "
        f"FROM ({keepers}) k{zones_joined} GROUP BY 2, 3, 4, 7, 8",
    ]
    params += zone_params
    if counted is not None:
        # The numbers that reached some limit's max are few: their keepers are found again among
        # the smart list's people with those numbers, each with its group and its texts (kind 2),
        # in the same statement (the same snapshot), to be taken out of their group if their
        # region's limit says so. (Read from ``c`` itself: classifying them again would pass the
        # smart list's values twice, past SQLite's limit of variables for the largest campaigns.)
        c2 = "c2 AS (SELECT * FROM c WHERE phone_e164 IN (SELECT mdn FROM sc))"
        ctes = [counted.text, *ctes, c2]
        params = [*counted.params, *c.params, *zone_params]
        selects.append(
            f"SELECT 2, {tz}, {zone}, k.branch, 1, 0, k.place, {prefix}"
            f"{''.join(f', sc.n{i}' for i in range(n_counts))} "
            f"FROM ({_keepers_sql('c2', plan, still_in is not None, dialect)}) k JOIN sc ON sc.mdn = k.phone_e164"
            f"{zones_joined}"
        )
        params += zone_params
    sql = f"WITH {', '.join(ctes)} {' UNION ALL '.join(selects)}"
    out = AudienceCounts(excluded={r: 0 for r in plan.reasons})
    resolver = ZoneResolver(window, now, default_zone, rules)
    judge = _Judge(resolver, rules, out)
    groups: dict[tuple[str, str | None, int, str | None, str | None], list[int]] = {}
    for kind, a, zone_name, branch, n, d, place, prefix_digits, *sent in conn.execute(sql, params):
        if kind == 0:
            out.excluded[a] = out.excluded.get(a, 0) + n
        elif kind == 1:
            groups[(a, zone_name, branch, place, prefix_digits)] = [n, d]
        else:  # a keeper whose number reached some limit's max: left out when their own limit says so
            group = groups.get((a, zone_name, branch, place, prefix_digits))
            region = place[1:] if place else None
            if group and group[0] > 0 and judge.limited(region or plain, [s or 0 for s in sent], 1):
                group[0] -= 1
    unresolved = False
    for (a, zone_name, branch, place, prefix_digits), (n, d) in groups.items():
        region = place[1:] if place else None  # None: no rule reaches them
        if plan.dedupes:
            out.excluded["duplicate_phone"] += d
        if n == 0:
            continue
        out.recipients += n
        out.by_branch[branch] = out.by_branch.get(branch, 0) + n
        if not quiet or resolver.window_for(region).unrestricted:
            continue  # nothing holds their texts back (the campaign's quiet hours are off, no rule)
        zones: tuple[ZoneInfo, ...] | None
        if a:
            person_zone = zone_info(a)
            zones = None if person_zone is None else (person_zone,)
        elif zone_name is None:
            if judge.judge_prefix(prefix_digits, region, n):
                continue  # numbers never looked up, decided by their prefix
            zones = None
        else:
            zones = resolver.zones_in(zone_name)
        if zones is None:
            unresolved = True  # an unknown person zone, or a number never looked up
        else:
            judge.judge(n, zones, region)
    if unresolved:
        needed = TRUE if own_window else "k.place IS NOT NULL"
        if counted is not None:
            sent_as = ", ".join(f"sc.n{i} AS n{i}" for i in range(n_counts))
            keepers = f"SELECT k0.*, {sent_as} FROM ({keepers}) k0 LEFT JOIN sc ON sc.mdn = k0.phone_e164"
        _count_unresolved(conn, c, keepers, counted, n_counts, needed, plain, judge)
    for extra in EXTRA_REASONS:
        if out.excluded.get(extra) == 0:
            del out.excluded[extra]
    out.smart_list = out.recipients + sum(out.excluded.values())
    return out


def _count_unresolved(
    conn: sqlite3.Connection,
    c: Sql,
    keepers: str,
    counted: Sql | None,
    n_counts: int,
    needed: str,
    plain: str,
    judge: _Judge,
) -> None:
    """Judge the recipients whose zones need phonenumbers (and remember what it says);
    ``needed``: SQL true for the keepers a window may hold back."""
    with_sc = f", {counted.text}" if counted is not None else ""
    counts_cols = "".join(f", k.n{i}" for i in range(n_counts))
    rows = conn.execute(
        f"WITH c AS MATERIALIZED ({c.text}){with_sc} SELECT k.time_zone, k.phone_e164, k.place{counts_cols} "
        f"FROM ({keepers}) k LEFT JOIN phone_time_zones z ON z.mdn = k.phone_e164 AND z.data_version = ? "
        f"WHERE ((k.time_zone = '' AND z.mdn IS NULL) OR k.time_zone != '') AND {needed}",
        [*c.params, *(counted.params if counted is not None else []), ZONE_DATA_VERSION],
    ).fetchall()
    pending: list[tuple[str, str, str | None]] = []
    for tz, mdn, place, *sent in rows:
        if tz and zone_info(tz) is not None:
            continue
        region = place[1:] if place else None
        if counted is not None and judge.compliance.limit_reached(region or plain, [s or 0 for s in sent]) is not None:
            continue  # left out by a limit (counted with its group)
        if judge.resolver.window_for(region).unrestricted:
            continue  # not held back by any window
        pending.append((tz, mdn, region))
    # Numbers whose prefix can only have zones that agree (and agree on spanning one zone or
    # several) need no lookup at all: counted with their prefix's group already, for people with
    # no zone of their own; judged here for people whose own zone is unknown.
    lookup: list[tuple[str, str | None]] = []
    for tz, mdn, region in pending:
        if not tz:
            decided = judge.prefix_answer(mdn[1:5], region) is not None
        else:
            decided = judge.judge_prefix(mdn[1:5], region)
        if not decided:
            lookup.append((mdn, region))
    zones = ensure_number_zones(conn, [mdn for mdn, _ in lookup])
    for mdn, region in lookup:
        judged = judge.resolver.zones_for(None, mdn, zones.get(mdn))
        judge.judge(1, judged, region)
