"""The compliance rules as the engine applies them: whose rules, which window, which limit.

**Whose rules.** A recipient's *region key* (:func:`region_key`, and :data:`REGION_SQL` for
the same thing in SQL) is their country, state and, when one of those is missing, the first
digits of their number. :meth:`Compliance.scopes` turns it into the scopes whose rules apply:
the country (the person's ``country``, else the number's, else the workspace's
``default_region``) and the state or province (the person's ``state``, else the number's
area code, :mod:`.area_codes`). Keys are few (one per state in practice), so previews group
recipients by key and decide once per group. Working a key out in SQL costs more than the rest
of a preview's work on a person, so a preview does it only for people a rule may reach:
:meth:`Compliance.rule_free` lists spellings of ``country`` and ``state`` that together name a
place no rule reaches (checked with :meth:`Compliance.scopes` itself, so it never takes in
someone a rule applies to), and everyone else gets a key.

**Which window.** :meth:`Compliance.window` narrows the campaign's quiet-hours window
(:class:`~smsflow_desktop.services.engine.quiet_hours.Window`) by every applying rule's
window of each weekday, so the strictest applies; previews, runs and the due times of
deferred texts all judge it through one :class:`~.quiet_hours.ZoneResolver`. A rule applies
even when the campaign turns its own quiet hours off.

**Which limit.** The workspace limit (``frequency_cap.enabled`` / ``frequency_cap.max_per_24h``,
on by default: 3 texts per number per rolling 24 hours) applies to everyone; a rule's limits
to its region. Texts count when the ledger says they were sent (``sent_at``, in any run; a
``campaign`` limit counts only that campaign's runs) within the window before now. A number
that already has ``max`` texts is left out (``frequency_limit``): excluded by a preview and
skipped, with the rule named, by a run when its text falls due. A preview counts every number's
texts in one grouped statement over the ledger's ``sent_at`` index, and keeps only the numbers
that reached some limit's ``max``: those are few, and the others cannot be left out.

**Saying so.** What applied to someone is data (:class:`LimitReached`, :class:`RuleApplied`:
the limit and the texts counted, the rules whose windows apply), which the app says in the
user's language; their ``text`` is the English the activity log, the CLI and exports keep.
The activity log is a record and stays as written; :func:`read_limit_detail` and
:func:`read_deferral_detail` read its compliance details back into data, so the app can say
those in the user's language too.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

import phonenumbers

from smsflow_desktop.services.compliance.area_codes import (
    SUBDIVISIONS,
    area_code_scope,
    subdivision_code,
)
from smsflow_desktop.services.compliance.rules import (
    DAYS,
    Limit,
    Minutes,
    Rule,
    RuleError,
    list_rules,
    parse_days,
    parse_hours,
)
from smsflow_desktop.services.engine.quiet_hours import Window
from smsflow_desktop.services.engine.smart_list_sql import Sql
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.workspace import iso

WORKSPACE_LIMIT = "workspace limit"
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def region_sql(country: str = "p.country", state: str = "p.state", phone: str = "p.phone_e164") -> str:
    """SQL giving the region key of the person whose columns these are; :func:`region_key`
    gives the same in Python."""
    country, state = f"upper(trim({country}))", f"upper(trim({state}))"
    return (
        f"({country} || '|' || {state} || '|' || CASE WHEN {state} = '' OR {country} = '' "
        f"THEN substr(coalesce({phone}, ''), 1, 5) ELSE '' END)"
    )


REGION_SQL = region_sql()


def region_key(country: str | None, state: str | None, e164: str | None) -> str:
    """The region key :data:`REGION_SQL` gives for these columns (SQLite's ``upper`` and
    ``trim`` change only ASCII letters and spaces, and so does this)."""
    c = (country or "").strip(" ").translate(_ASCII_UPPER)
    s = (state or "").strip(" ").translate(_ASCII_UPPER)
    prefix = (e164 or "")[:5] if not c or not s else ""
    return f"{c}|{s}|{prefix}"


def _quoted(texts: Iterable[str]) -> list[str]:
    return ["'" + t.replace("'", "''") + "'" for t in sorted(texts)]


def _normal(text: str) -> str:
    """A ``country`` or ``state`` as its region key holds it (see :func:`region_key`)."""
    return text.strip(" ").translate(_ASCII_UPPER)


@dataclass(frozen=True)
class RuleFree:
    """Spellings of ``country`` and of ``state`` that together name a place no compliance rule
    reaches, whatever the person's number (:meth:`Compliance.rule_free`), and the region key of
    such a place (None when no spelling is free)."""

    countries: frozenset[str]
    states: frozenset[str]
    key: str | None

    def sql(self, country: str, state: str) -> str:
        """SQL true for a person whose columns are among the spellings (no rule reaches them)."""
        if self.key is None:
            return "0"
        return (
            f"({state} IN ({', '.join(_quoted(self.states))}) AND {country} IN ({', '.join(_quoted(self.countries))}))"
        )


@lru_cache(maxsize=4096)
def _number_country(prefix: str) -> str | None:
    """The country of a number that starts with ``prefix`` (``+46 7``), where its digits tell."""
    for length in (1, 2, 3):
        digits = prefix[1 : 1 + length]
        if len(digits) == length and digits.isdigit():
            region = phonenumbers.region_code_for_country_code(int(digits))
            if region != "ZZ":
                return region
    return None


@dataclass(frozen=True)
class AppliedLimit:
    """A limit and where it comes from (None: the workspace limit)."""

    limit: Limit
    rule: Rule | None = None

    @property
    def label(self) -> str:
        """``workspace limit`` or ``Florida: at most 3 texts per 24 hours``."""
        if self.rule is None:
            return WORKSPACE_LIMIT
        return f"{self.rule.title}: {self.limit.describe()}"

    def detail(self, sent: int) -> str:
        """Why a text is skipped: ``3 texts in the last 24 hours (workspace limit)``."""
        span = f"{self.limit.hours} hours"
        whose = " from this campaign" if self.limit.per == "campaign" else ""
        texts = "text" if sent == 1 else "texts"
        return f"{sent} {texts}{whose} in the last {span} ({self.label})"


@dataclass(frozen=True)
class LimitReached:
    """A number that reached a limit: the limit (and its rule) and the texts it already had."""

    applied: AppliedLimit
    sent: int

    @property
    def text(self) -> str:
        """In English: ``3 texts in the last 24 hours (workspace limit)``."""
        return self.applied.detail(self.sent)


@dataclass(frozen=True)
class RuleApplied:
    """The compliance rule behind one person's outcome: the limit their number reached, or the
    state's or country's rules whose sending windows their texts keep to."""

    limit: LimitReached | None = None
    windows: tuple[Rule, ...] = ()

    @property
    def text(self) -> str:
        """In English: ``Florida (US-FL): all 08:00-20:00`` or the limit's :attr:`LimitReached.text`."""
        if self.limit is not None:
            return self.limit.text
        return "; ".join(f"{r.title} ({r.scope}): {r.windows_text()}" for r in self.windows)


class Compliance:
    """The workspace's rules and limit, ready to be applied (cheap answers, cached per key)."""

    def __init__(self, rules: Iterable[Rule], *, workspace_limit: Limit | None, default_region: str = "US") -> None:
        self.rules = {r.scope: r for r in rules}
        self.workspace_limit = workspace_limit
        self.default_region = default_region
        self.has_windows = any(r.has_windows for r in self.rules.values())
        applied = [AppliedLimit(workspace_limit)] if workspace_limit else []
        applied += [AppliedLimit(limit, r) for r in self.rules.values() for limit in r.limits]
        #: The distinct counting windows ``(hours, per campaign)``, each counted once per number.
        self.count_windows: tuple[tuple[int, bool], ...] = tuple(
            sorted({(a.limit.hours, a.limit.per == "campaign") for a in applied})
        )
        #: Counts above this tell nothing more (the largest max of each counting window).
        self._caps = [
            max(a.limit.max for a in applied if (a.limit.hours, a.limit.per == "campaign") == w)
            for w in self.count_windows
        ]
        #: Counts below this reach no limit (the smallest max of each counting window).
        self._floors = [
            min(a.limit.max for a in applied if (a.limit.hours, a.limit.per == "campaign") == w)
            for w in self.count_windows
        ]
        self._rule_free: RuleFree | None = None
        self._scopes: dict[str, tuple[str, ...]] = {}
        self._windows: dict[tuple[Window, str], Window] = {}
        self._limits: dict[str, tuple[AppliedLimit, ...]] = {}
        self._window_rules: dict[str, str] = {}

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> Compliance:
        """The workspace's rules (:class:`RuleError` for one damaged outside the app) and limit."""
        on = get_setting(conn, "frequency_cap.enabled") == "true"
        limit = Limit(int(get_setting(conn, "frequency_cap.max_per_24h")), 24) if on else None
        return cls(list_rules(conn), workspace_limit=limit, default_region=get_setting(conn, "default_region"))

    @property
    def has_limits(self) -> bool:
        return bool(self.count_windows)

    @property
    def needs_region(self) -> bool:
        """Whether answers differ by region (some rule has a window or a limit)."""
        return bool(self.rules)

    # -- whose rules ---------------------------------------------------------------------------
    def scopes(self, key: str) -> tuple[str, ...]:
        """The scopes that apply to a region key: the country, then the state if known."""
        found = self._scopes.get(key)
        if found is None:
            found = self._resolve(key)
            self._scopes[key] = found
        return found

    def _resolve(self, key: str) -> tuple[str, ...]:
        country, state, prefix = (key.split("|", 2) + ["", ""])[:3]
        by_area = area_code_scope(prefix) if prefix.startswith("+1") else None
        number_country = (by_area or "").split("-")[0] or (_number_country(prefix) if prefix else None)
        country = country or number_country or self.default_region
        out = [country]
        if state:
            code = subdivision_code(country, state)
            if code is not None:
                out.append(f"{country}-{code}")
        elif by_area and "-" in by_area:
            out.append(by_area)
        return tuple(dict.fromkeys(out))

    def rules_for(self, key: str) -> tuple[Rule, ...]:
        return tuple(self.rules[s] for s in self.scopes(key) if s in self.rules)

    # -- which window --------------------------------------------------------------------------
    def window(self, base: Window, region: str) -> Window:
        """``base`` narrowed by the windows of the rules for ``region`` (the strictest applies)."""
        found = self._windows.get((base, region))
        if found is None:
            found = base
            for rule in self.rules_for(region):
                if rule.has_windows:
                    found = found.restricted_to(tuple(((0, 24 * 60),) if d is None else d for d in rule.days))
            self._windows[(base, region)] = found
        return found

    def rule_free(self) -> RuleFree:
        """Spellings of ``country`` (country codes, upper or lower case) and of ``state`` (the US
        states' and Canadian provinces' codes and names, as written, upper or lower case) that
        together name a place no rule reaches: a country without a rule of its own, and a state
        that names no rule's state in any of those countries. Such a person's region key holds no
        number prefix (both are given), so their number cannot bring a rule in."""
        if self._rule_free is None:
            regions = {*phonenumbers.SUPPORTED_REGIONS, self.default_region}
            countries = {c for r in regions for c in (r, r.lower()) if _normal(c) and _normal(c) not in self.rules}
            named = {_normal(c) for c in countries}
            state_rules = [(country, sub) for country, _, sub in (scope.partition("-") for scope in self.rules) if sub]
            state_rules = [(country, sub) for country, sub in state_rules if country in named]
            spellings = {
                text
                for subdivisions in SUBDIVISIONS.values()
                for code, name in subdivisions.items()
                for text in (code, code.lower(), name, name.upper(), name.lower())
            }
            states = {
                t
                for t in spellings
                if _normal(t) and all(subdivision_code(country, _normal(t)) != sub for country, sub in state_rules)
            }
            key = region_key(min(countries), min(states), None) if countries and states else None
            if key is None or self.rules_for(key):  # (then everyone gets their key: slower, never wrong)
                countries, states, key = set(), set(), None
            self._rule_free = RuleFree(frozenset(countries), frozenset(states), key)
        return self._rule_free

    def window_rules(self, region: str) -> tuple[Rule, ...]:
        """The rules whose windows apply to ``region``."""
        return tuple(r for r in self.rules_for(region) if r.windows)

    def window_rule(self, region: str) -> str:
        """The rules whose windows apply to ``region``: ``Florida (US-FL): all 08:00-20:00``."""
        found = self._window_rules.get(region)
        if found is None:
            found = RuleApplied(windows=self.window_rules(region)).text
            self._window_rules[region] = found
        return found

    # -- which limit ---------------------------------------------------------------------------
    def limits_for(self, region: str) -> tuple[AppliedLimit, ...]:
        found = self._limits.get(region)
        if found is None:
            own = [AppliedLimit(self.workspace_limit)] if self.workspace_limit else []
            own += [AppliedLimit(limit, r) for r in self.rules_for(region) for limit in r.limits]
            found = tuple(own)
            self._limits[region] = found
        return found

    def limit_reached(self, region: str, counts: Sequence[int]) -> tuple[AppliedLimit, int] | None:
        """The first limit for ``region`` that texts already sent reach (``counts``: per
        :attr:`count_windows`), with that count; None when the number may be texted."""
        for applied in self.limits_for(region):
            sent = counts[self.count_windows.index((applied.limit.hours, applied.limit.per == "campaign"))]
            if sent >= applied.limit.max:
                return applied, sent
        return None

    def counts_sql(self, now: datetime, campaign: str) -> Sql | None:
        """``sc(mdn, n0, n1, …)``: for each number texted within the widest counting window as
        many times as some limit allows (a number missing from it reaches no limit), the texts in
        each of :attr:`count_windows` (capped at the largest max that uses it); None when no
        limit applies."""
        if not self.count_windows:
            return None
        parts: list[str] = []
        params: list[object] = []
        for i, ((hours, per_campaign), cap) in enumerate(zip(self.count_windows, self._caps, strict=True)):
            test = "l.sent_at > ?" + (
                " AND l.run_id IN (SELECT r.id FROM runs r WHERE r.campaign_name = ?)" if per_campaign else ""
            )
            parts.append(f"min(sum(CASE WHEN {test} THEN 1 ELSE 0 END), {cap}) AS n{i}")
            params += [iso(now - timedelta(hours=hours)), *([campaign] if per_campaign else [])]
        oldest = iso(now - timedelta(hours=max(h for h, _ in self.count_windows)))
        reached = " OR ".join(f"n{i} >= {floor}" for i, floor in enumerate(self._floors))
        return Sql(
            f"sc AS MATERIALIZED (SELECT * FROM (SELECT l.mdn AS mdn, {', '.join(parts)} FROM ledger l "
            f"WHERE l.sent_at > ? AND l.sent_at <= ? GROUP BY l.mdn) AS g WHERE {reached})",
            [*params, oldest, iso(now)],
        )

    def count_columns(self, alias: str = "sc") -> str:
        """``coalesce(sc.n0, 0) AS n0, …`` for a query joined to :meth:`counts_sql`."""
        return ", ".join(f"coalesce({alias}.n{i}, 0) AS n{i}" for i in range(len(self.count_windows)))

    def check(self, conn: sqlite3.Connection, mdn: str, region: str, now: datetime, campaign: str) -> str | None:
        """Why a text to ``mdn`` must be skipped now (the limit reached and its rule, in English), or None."""
        reached = self.reached(conn, mdn, region, now, campaign)
        return None if reached is None else reached.text

    def reached(
        self, conn: sqlite3.Connection, mdn: str, region: str, now: datetime, campaign: str
    ) -> LimitReached | None:
        """The limit a text to ``mdn`` would go over now (counting texts sent up to ``now``), or None."""
        limits = self.limits_for(region)
        if not limits or not mdn:
            return None
        needed = {(a.limit.hours, a.limit.per == "campaign") for a in limits}
        counts = []
        for hours, per_campaign in self.count_windows:
            if (hours, per_campaign) not in needed:
                counts.append(0)
                continue
            sql = "SELECT count(*) FROM ledger l WHERE l.mdn = ? AND l.sent_at > ? AND l.sent_at <= ?"
            params: list[object] = [mdn, iso(now - timedelta(hours=hours)), iso(now)]
            if per_campaign:
                sql += " AND l.run_id IN (SELECT r.id FROM runs r WHERE r.campaign_name = ?)"
                params.append(campaign)
            counts.append(conn.execute(sql, params).fetchone()[0])
        reached = self.limit_reached(region, counts)
        return None if reached is None else LimitReached(*reached)


# -- reading the activity log's compliance details back ----------------------------------------------
_LIMIT_DETAIL = re.compile(
    r"^(?P<sent>\d+) texts?(?P<campaign> from this campaign)? in the last (?P<hours>\d+) hours \((?P<whose>.+)\)$"
)
_RULE_LIMIT = re.compile(
    r"^(?P<title>.+): at most (?P<max>\d+) texts? per (?P<span>\d+) (?P<unit>hours|days)(?P<campaign> from one campaign)?$"
)
_DEFERRAL = re.compile(r"^quiet hours(?: \((?P<rules>.+)\))?: until (?P<until>\S+)$")
_RULE_HEAD = re.compile(r"(?:^|; )(?P<title>[^;]+?) \((?P<scope>[A-Z]{2}(?:-[A-Z0-9]{1,3})?)\): ")


@dataclass(frozen=True)
class LimitDetail:
    """A ``frequency_limit`` skip as the activity log says it (:meth:`AppliedLimit.detail`): the
    texts counted within the last ``hours`` (only the campaign's own, with ``per_campaign``), and
    the rule whose limit it was, by its title and limit (None: the workspace limit)."""

    sent: int
    hours: int
    per_campaign: bool
    rule_title: str | None = None
    rule_limit: Limit | None = None


def read_limit_detail(text: str) -> LimitDetail | None:
    """The data in ``3 texts in the last 24 hours (workspace limit)`` (None: not such a text)."""
    m = _LIMIT_DETAIL.match(text.strip())
    if m is None:
        return None
    sent, hours, per_campaign = int(m.group("sent")), int(m.group("hours")), bool(m.group("campaign"))
    if m.group("whose") == WORKSPACE_LIMIT:
        return LimitDetail(sent, hours, per_campaign)
    rule = _RULE_LIMIT.match(m.group("whose"))
    if rule is None:
        return None
    span = int(rule.group("span")) * (24 if rule.group("unit") == "days" else 1)
    limit = Limit(int(rule.group("max")), span, "campaign" if rule.group("campaign") else "overall")
    if span != hours or (limit.per == "campaign") != per_campaign:
        return None
    return LimitDetail(sent, hours, per_campaign, rule.group("title"), limit)


def _windows(text: str) -> tuple[tuple[tuple[str, str], ...], tuple[Minutes | None, ...]] | None:
    """``all 08:00-20:00; sun closed`` (:meth:`Rule.windows_text`) as a rule's windows and days."""
    pairs: list[tuple[str, str]] = []
    days: list[Minutes | None] = [None] * len(DAYS)
    for part in text.split("; "):
        spec, _, value = part.strip().rpartition(" ")
        try:
            minutes = parse_hours(value, "")
            for day in parse_days(spec, ""):
                days[day] = minutes
        except RuleError:
            return None
        pairs.append((spec, value))
    return tuple(pairs), tuple(days)


def read_deferral_detail(text: str) -> tuple[tuple[Rule, ...], str] | None:
    """The rules (their title, scope and windows) and the due instant (ISO) in a deferral as the
    runner logs it: ``quiet hours (Florida (US-FL): all 08:00-20:00): until 2026-04-07T12:00:00Z``
    (no rules: the campaign's own quiet hours). None: not such a text."""
    m = _DEFERRAL.match(text.strip())
    if m is None:
        return None
    said = m.group("rules")
    if not said:
        return (), m.group("until")
    heads = list(_RULE_HEAD.finditer(said))
    if not heads or heads[0].start() != 0:
        return None
    rules: list[Rule] = []
    for head, after in zip(heads, [*heads[1:], None], strict=True):
        windows = _windows(said[head.end() : after.start() if after is not None else len(said)])
        if windows is None:
            return None
        rules.append(Rule(head.group("scope"), windows[0], name=head.group("title"), days=windows[1]))
    return tuple(rules), m.group("until")
