"""Compliance rules in words, in the app's language: "Florida (US-FL)", "Mon–Sat 08:00–22:00;
Sun no texts", "3 texts per 24 hours, all campaigns", a source with its URLs as links, and what
applied to someone: "3 texts in the last 24 hours (workspace limit)".

The rules themselves (``services.compliance.rules``) are data in the CLI's short forms
(``mon-sat``, ``3/24h``), and what applied to a person is data too
(``services.compliance.policy.RuleApplied``, whose English the activity log and exports keep);
these functions say them as the app shows them, with day names from the current locale and
counts in plural forms.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLocale

from smsflow_desktop.services.compliance.policy import LimitDetail, LimitReached, RuleApplied
from smsflow_desktop.services.compliance.rules import Limit, Minutes, Rule, scope_name

_URL = re.compile(r"https?://[^\s<>\"]+")
_URL_TAIL = ".,;:!?)]'"

DayValue = Minutes | None  # None: the rule does not restrict the day; (): no texts that day


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("ComplianceRules", text, None, n)


def scope_title(scope: str, name: str = "") -> str:
    """``Florida (US-FL)``; a country without a name by its name in the locale: ``Sweden (SE)``."""
    title = name or scope_name(scope)
    if title == scope and "-" not in scope:
        territory = QLocale.codeToTerritory(scope)
        if territory != QLocale.Country.AnyTerritory:
            title = QLocale.territoryToString(territory)
    return f"{title} ({scope})" if title != scope else scope


def rule_title(rule: Rule) -> str:
    return scope_title(rule.scope, rule.name)


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def day_name(day: int, *, short: bool = False) -> str:
    """The weekday ``day`` (Monday 0) in the current locale, capitalised: ``Monday``, ``Mån``."""
    kind = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
    name = QLocale().dayName(day + 1, kind).rstrip(".")
    return name[:1].upper() + name[1:]


def _days_text(days: Sequence[int], *, short: bool) -> str:
    first = day_name(days[0], short=short)
    if len(days) == 1:
        return first
    last = day_name(days[-1], short=short)
    if QLocale().language() == QLocale.Language.Swedish:  # Måndag–lördag
        last = last[:1].lower() + last[1:]
    return f"{first}–{last}"


def _value_text(value: DayValue) -> str:
    if value is None:
        return _tr("not restricted by this rule")
    if not value:
        return _tr("no texts")
    return ", ".join(f"{hhmm(start)}–{hhmm(end)}" for start, end in value)


def _groups(days: Sequence[DayValue]) -> list[tuple[list[int], DayValue]]:
    """Runs of consecutive weekdays with the same window."""
    groups: list[tuple[list[int], DayValue]] = []
    for i, value in enumerate(days):
        if groups and groups[-1][1] == value:
            groups[-1][0].append(i)
        else:
            groups.append(([i], value))
    return groups


def windows_short(days: Sequence[DayValue]) -> str:
    """One line for the rules table: ``Every day 08:00–20:00``, ``Mon–Sat 08:00–22:00; Sun no texts``."""
    if all(d is None for d in days):
        return _tr("No window")
    if all(d == days[0] for d in days):
        return _tr("Every day %1").replace("%1", _value_text(days[0]))
    parts = [
        f"{_days_text(group, short=True)} {_value_text(value)}" for group, value in _groups(days) if value is not None
    ]
    return "; ".join(parts)


def windows_lines(days: Sequence[DayValue]) -> list[str]:
    """The window of each weekday, a line per run of days: ``Monday–Saturday: 08:00–22:00``."""
    if all(d is None for d in days):
        return [_tr("No sending window: this rule does not restrict the time of day.")]
    if all(d == days[0] for d in days):
        return [_tr("Every day: %1").replace("%1", _value_text(days[0]))]
    return [f"{_days_text(group, short=False)}: {_value_text(value)}" for group, value in _groups(days)]


def limit_text(limit: Limit) -> str:
    """``3 texts per 24 hours, all campaigns`` (``each campaign on its own``)."""
    texts = _tr("%Ln texts", limit.max)
    if limit.hours % 24 == 0 and limit.hours > 24:
        span = _tr("%Ln days", limit.hours // 24)
    else:
        span = _tr("%Ln hours", limit.hours)
    counted = _tr("all campaigns") if limit.per == "overall" else _tr("each campaign on its own")
    return _tr("%1 per %2, %3").replace("%1", texts).replace("%2", span).replace("%3", counted)


def limits_text(limits: Sequence[Limit]) -> str:
    return "; ".join(limit_text(limit) for limit in limits) if limits else _tr("No limit")


def workspace_limit_text(enabled: bool, most: int) -> str:
    """The workspace-wide limit (the ``frequency_cap`` settings, Workspace settings' "Frequency
    cap"), as the rules editor says it."""
    if not enabled:
        return _tr(
            "Frequency cap of the whole workspace: off. Only the rules below limit how often a number "
            "is texted; turn it on in Workspace settings."
        )
    return _tr(
        "Frequency cap of the whole workspace, for every number everywhere: %1. It applies on top of "
        "the rules below; change it in Workspace settings."
    ).replace("%1", limit_text(Limit(most, 24)))


def _counted(sent: int, hours: int, per_campaign: bool, whose: str) -> str:
    texts = _tr("%Ln texts", sent)
    if per_campaign:
        texts = _tr("%1 from this campaign").replace("%1", texts)
    return f"{texts} {_tr('in the last %Ln hours', hours)} ({whose})"


def limit_reached_text(reached: LimitReached) -> str:
    """Why a number is left out: ``3 texts in the last 24 hours (workspace limit)``, or with a
    state's limit ``(Florida (US-FL): 3 texts per 24 hours, all campaigns)``."""
    limit, rule = reached.applied.limit, reached.applied.rule
    whose = _tr("workspace limit") if rule is None else f"{rule_title(rule)}: {limit_text(limit)}"
    return _counted(reached.sent, limit.hours, limit.per == "campaign", whose)


def limit_detail_text(detail: LimitDetail) -> str:
    """A ``frequency_limit`` skip as the activity log recorded it, in the app's language."""
    whose = (
        _tr("workspace limit")
        if detail.rule_title is None or detail.rule_limit is None
        else f"{detail.rule_title}: {limit_text(detail.rule_limit)}"
    )
    return _counted(detail.sent, detail.hours, detail.per_campaign, whose)


def deferral_text(rules: Sequence[Rule], until: str) -> str:
    """A deferral as the activity log recorded it: ``Quiet hours (Florida (US-FL): Every day
    08:00–20:00): until 2026-04-07 12:00:00`` (the time as the log's When column writes it)."""
    when = until.replace("T", " ").replace("Z", "")
    if not rules:
        return _tr("Quiet hours: until %1").replace("%1", when)
    return _tr("Quiet hours (%1): until %2").replace("%1", window_rules_text(rules)).replace("%2", when)


def window_rules_text(rules: Sequence[Rule]) -> str:
    """The rules whose windows someone's texts keep to: ``Florida (US-FL): Every day 08:00–20:00``."""
    return " · ".join(f"{rule_title(rule)}: {windows_short(rule.days)}" for rule in rules)


def rule_applied_text(applied: RuleApplied | None) -> str:
    """What a preview says applied to a person (empty: no rule)."""
    if applied is None:
        return ""
    if applied.limit is not None:
        return limit_reached_text(applied.limit)
    return window_rules_text(applied.windows)


def source_html(text: str) -> str:
    """``text`` as HTML with every URL in it a link."""
    out: list[str] = []
    at = 0
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(_URL_TAIL)
        out.append(html.escape(text[at : m.start()]))
        out.append(f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>')
        at = m.start() + len(url)
    out.append(html.escape(text[at:]))
    return "".join(out)
