"""Compliance rules: sending windows and frequency limits per US state or country, as data.

A rule is for one *scope*: a country (``SE``) or a state or province (``US-FL``, ISO 3166-2).
It holds the local sending window of each weekday (``{"all": "08:00-20:00"}``,
``{"mon-fri": "09:00-18:00", "sat,sun": "10:00-17:00"}``; ``closed`` for a day with no
texts; days it does not name are not restricted by it), frequency limits (``{"max": 3,
"hours": 24, "scope": "overall"}``: at most 3 texts per number in any 24 hours, counting every
campaign, or ``"campaign"``: counting the campaign's own runs), and where the rule comes from:
``source`` (a URL or a citation) and ``checked`` (the ISO date someone last checked it), with
an optional ``name`` and ``note``.

The rules the app ships are ``resources/compliance_rules.json``. A new workspace gets a copy
(:func:`seed_rules`, once); from then on the workspace's table ``compliance_rules`` is what
the engine applies, and what people change with ``smsflow compliance set`` or the app.
:func:`list_rules`, :func:`get_rule`, :func:`save_rule`, :func:`delete_rule` and
:func:`reset_rule` are the API for both. Every rule is checked when it is read and when it is
saved; a bad one raises :class:`RuleError` with one line naming the scope and the field.
Nothing here is legal advice: the rules say where they come from so people can check them.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import phonenumbers

from smsflow_desktop.services.compliance.area_codes import SUBDIVISIONS
from smsflow_desktop.services.transactions import transaction

FORMAT = "smsflow.compliance/1"
DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CLOSED = "closed"
#: The settings key that records that the workspace got its copy of the shipped rules.
SEEDED_KEY = "compliance.seeded"
MAX_LIMIT = 1000
MAX_LIMIT_HOURS = 24 * 31
_SCOPE = re.compile(r"^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_LIMIT = re.compile(r"^(\d+)\s*/\s*(\d+)\s*([hd])(?:\s+(overall|campaign))?$")
_TEXT_MAX = 2000

Minutes = tuple[tuple[int, int], ...]


class RuleError(ValueError):
    """A rule that does not fit the format, in one line naming the scope and the field."""


@dataclass(frozen=True)
class Limit:
    """At most ``max`` texts per number in any ``hours`` (rolling), counting every campaign
    (``per="overall"``) or only the campaign's own runs (``per="campaign"``)."""

    max: int
    hours: int
    per: Literal["overall", "campaign"] = "overall"

    @property
    def text(self) -> str:
        """The short form ``smsflow compliance set --limit`` takes: ``3/24h`` or ``1/24h campaign``."""
        return f"{self.max}/{self.hours}h" + (" campaign" if self.per == "campaign" else "")

    def describe(self) -> str:
        """``at most 3 texts per 24 hours`` (``… from one campaign``)."""
        span = f"{self.hours // 24} days" if self.hours % 24 == 0 and self.hours > 24 else f"{self.hours} hours"
        texts = "text" if self.max == 1 else "texts"
        return f"at most {self.max} {texts} per {span}" + (" from one campaign" if self.per == "campaign" else "")

    def as_dict(self) -> dict[str, object]:
        return {"max": self.max, "hours": self.hours, "scope": self.per}


@dataclass(frozen=True)
class Rule:
    """One scope's sending windows and limits, with where they come from."""

    scope: str
    windows: tuple[tuple[str, str], ...] = ()  # (days, "HH:MM-HH:MM" or "closed"), as written
    limits: tuple[Limit, ...] = ()
    source: str = ""
    checked: str = ""
    name: str = ""
    note: str = ""
    days: tuple[Minutes | None, ...] = field(default=(None,) * 7, compare=False, repr=False)

    @property
    def title(self) -> str:
        """The rule's name, else the state's or country's, else the scope."""
        return self.name or scope_name(self.scope)

    @property
    def has_windows(self) -> bool:
        return any(d is not None for d in self.days)

    def windows_text(self) -> str:
        """``all 08:00-20:00; sun closed`` (empty: no window)."""
        return "; ".join(f"{d} {w}" for d, w in self.windows)

    def as_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "name": self.name,
            "windows": dict(self.windows),
            "limits": [limit.as_dict() for limit in self.limits],
            "source": self.source,
            "checked": self.checked,
            "note": self.note,
        }


def scope_name(scope: str) -> str:
    """``US-FL`` → ``Florida``; ``SE`` → ``SE``; an unknown subdivision → the scope."""
    m = _SCOPE.match(scope)
    if m and m.group(2):
        return SUBDIVISIONS.get(m.group(1), {}).get(m.group(2), scope)
    return scope


# -- parsing and checking ------------------------------------------------------------------------
def parse_days(text: str, where: str) -> tuple[int, ...]:
    """``all``, ``mon``, ``mon-fri``, ``sat,sun``, ``mon-fri,sun`` → weekday numbers (Monday 0)."""
    spec = text.strip().lower()
    if spec in ("all", "daily", "every day"):
        return tuple(range(7))
    out: list[int] = []
    for part in spec.split(","):
        part = part.strip()
        ends = [p.strip()[:3] for p in part.split("-")]
        if not part or len(ends) > 2 or any(e not in DAYS for e in ends):
            raise RuleError(f"{where}: days {text!r} are not 'all', a day (mon … sun), a range (mon-fri) or a list")
        first, last = DAYS.index(ends[0]), DAYS.index(ends[-1])
        span = range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)]
        out += [d for d in span if d not in out]
    return tuple(sorted(out))


def parse_hours(text: str, where: str) -> Minutes:
    """``08:00-20:00`` → ``((480, 1200),)``; ``closed`` → ``()``. The end may be ``24:00``."""
    value = text.strip().lower()
    if value == CLOSED:
        return ()
    parts = [p.strip() for p in value.split("-")]
    if len(parts) != 2:
        raise RuleError(f"{where}: {text!r} is not HH:MM-HH:MM (24-hour) or 'closed'")
    minutes: list[int] = []
    for i, part in enumerate(parts):
        if i == 1 and part == "24:00":
            minutes.append(24 * 60)
            continue
        m = _HHMM.match(part)
        if m is None:
            raise RuleError(f"{where}: {text!r} is not HH:MM-HH:MM (24-hour) or 'closed'")
        minutes.append(int(m.group(1)) * 60 + int(m.group(2)))
    if minutes[0] >= minutes[1]:
        raise RuleError(f"{where}: {text!r} must start before it ends (write 'closed' for no texts that day)")
    return ((minutes[0], minutes[1]),)


def parse_window_option(text: str) -> tuple[str, str]:
    """``"mon-fri 08:00-20:00"``, ``"sun closed"`` or ``"08:00-20:00"`` (every day) →
    ``(days, window)`` as a rule stores them (checked)."""
    parts = text.split()
    if len(parts) == 1:
        days, value = "all", parts[0]
    elif len(parts) == 2:
        days, value = parts
    else:
        raise RuleError(f"window {text!r} is not DAYS HH:MM-HH:MM, such as 'mon-fri 08:00-20:00' or 'sun closed'")
    parse_days(days, f"window {text!r}")
    parse_hours(value, f"window {text!r}")
    return days.lower(), value.lower()


def parse_limit(text: str) -> Limit:
    """``3/24h``, ``3/1d``, ``1/24h campaign`` → a :class:`Limit` (checked)."""
    m = _LIMIT.match(text.strip().lower())
    if m is None:
        raise RuleError(
            f"limit {text!r} is not N/HOURSh, such as 3/24h (add ' campaign' to count one campaign's texts)"
        )
    hours = int(m.group(2)) * (24 if m.group(3) == "d" else 1)
    per = m.group(4) or "overall"
    return _checked_limit({"max": int(m.group(1)), "hours": hours, "scope": per}, f"limit {text!r}")


def _checked_limit(data: object, where: str) -> Limit:
    if not isinstance(data, Mapping):
        raise RuleError(f'{where}: a limit is an object such as {{"max": 3, "hours": 24, "scope": "overall"}}')
    unknown = sorted(set(data) - {"max", "hours", "scope"})
    if unknown:
        raise RuleError(f"{where}: unknown limit field {unknown[0]!r} (known: max, hours, scope)")
    most, hours, per = data.get("max"), data.get("hours"), data.get("scope", "overall")
    if not isinstance(most, int) or isinstance(most, bool) or not 1 <= most <= MAX_LIMIT:
        raise RuleError(f"{where}: max must be a whole number from 1 to {MAX_LIMIT}")
    if not isinstance(hours, int) or isinstance(hours, bool) or not 1 <= hours <= MAX_LIMIT_HOURS:
        raise RuleError(f"{where}: hours must be a whole number from 1 to {MAX_LIMIT_HOURS}")
    if per not in ("overall", "campaign"):
        raise RuleError(f"{where}: scope must be 'overall' (every campaign) or 'campaign' (each campaign on its own)")
    return Limit(most, hours, per)


def check_scope(text: object) -> str:
    """The scope in its stored form (``us-fl`` → ``US-FL``), or :class:`RuleError`."""
    if not isinstance(text, str):
        raise RuleError("a rule's scope is text such as US-FL (a US state) or SE (a country)")
    scope = text.strip().upper()
    m = _SCOPE.match(scope)
    if m is None:
        raise RuleError(f"scope {text!r} is not a country code (SE) or a state code (US-FL)")
    country, sub = m.group(1), m.group(2)
    if country not in phonenumbers.SUPPORTED_REGIONS:
        raise RuleError(f"scope {text!r}: {country} is not a country code phonenumbers knows")
    if sub and country in SUBDIVISIONS and sub not in SUBDIVISIONS[country]:
        known = "US states such as US-FL" if country == "US" else "provinces such as CA-ON"
        raise RuleError(f"scope {text!r}: {sub} is not a state or province of {country} ({known})")
    return scope


def _checked_text(value: object, where: str, name: str, *, required: bool) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RuleError(f"{where}: {name} must be text")
    text = " ".join(value.split())
    if required and not text:
        what = "where the rule comes from (a URL or a citation)" if name == "source" else name
        raise RuleError(f"{where}: {name} is missing: give {what}")
    if len(text) > _TEXT_MAX:
        raise RuleError(f"{where}: {name} is longer than {_TEXT_MAX} characters")
    return text


def rule_from_dict(data: object, where: str = "") -> Rule:
    """A checked :class:`Rule` from its JSON form (``where`` prefixes messages, e.g. a file)."""
    if not isinstance(data, Mapping):
        raise RuleError(f"{where or 'rule'}: a rule is a JSON object with scope, windows, limits, source and checked")
    scope = check_scope(data.get("scope"))
    at = f"{where}: {scope}" if where else scope
    unknown = sorted(set(data) - {"scope", "name", "windows", "limits", "source", "checked", "note"})
    if unknown:
        raise RuleError(
            f"{at}: unknown field {unknown[0]!r} (known: scope, name, windows, limits, source, checked, note)"
        )
    windows = data.get("windows") or {}
    if not isinstance(windows, Mapping):
        raise RuleError(f'{at}: windows is an object such as {{"mon-fri": "08:00-20:00", "sun": "closed"}}')
    days: list[Minutes | None] = [None] * 7
    pairs: list[tuple[str, str]] = []
    for spec, value in windows.items():
        if not isinstance(value, str):
            raise RuleError(f"{at}: window for {spec!r} must be text such as '08:00-20:00' or 'closed'")
        numbers = parse_days(str(spec), at)
        minutes = parse_hours(value, f"{at} ({spec})")
        for d in numbers:
            if days[d] is not None:
                raise RuleError(f"{at}: {DAY_NAMES[d]} has more than one window")
            days[d] = minutes
        pairs.append((str(spec).strip().lower(), value.strip().lower()))
    limits_data = data.get("limits") or []
    if not isinstance(limits_data, list):
        raise RuleError(f'{at}: limits is a list such as [{{"max": 3, "hours": 24, "scope": "overall"}}]')
    limits = tuple(_checked_limit(item, f"{at}: limit {i + 1}") for i, item in enumerate(limits_data))
    if not pairs and not limits:
        raise RuleError(f"{at}: the rule has neither a window nor a limit")
    checked = data.get("checked")
    try:
        if not isinstance(checked, str):
            raise ValueError
        checked = date.fromisoformat(checked.strip()).isoformat()
    except ValueError:
        raise RuleError(f"{at}: checked must be the date the rule was last checked, as YYYY-MM-DD") from None
    return Rule(
        scope,
        tuple(pairs),
        limits,
        _checked_text(data.get("source"), at, "source", required=True),
        checked,
        _checked_text(data.get("name"), at, "name", required=False),
        _checked_text(data.get("note"), at, "note", required=False),
        tuple(days),
    )


# -- the shipped rules -------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _shipped() -> tuple[Rule, ...]:
    node = resources.files("smsflow_desktop.resources").joinpath("compliance_rules.json")
    where = "compliance_rules.json"
    try:
        data = json.loads(node.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuleError(f"{where}: cannot be read ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("rules"), list):
        raise RuleError(f"{where}: not a {FORMAT} file with a 'rules' list")
    rules = [rule_from_dict(item, f"{where}: rules[{i}]") for i, item in enumerate(data["rules"])]
    if len({r.scope for r in rules}) != len(rules):
        raise RuleError(f"{where}: a scope appears twice")
    return tuple(rules)


def shipped_rules() -> list[Rule]:
    """The rules the app ships (each with its source and the date it was checked)."""
    return list(_shipped())


def shipped_rule(scope: str) -> Rule | None:
    key = scope.strip().upper()
    return next((r for r in _shipped() if r.scope == key), None)


# -- the workspace's rules ---------------------------------------------------------------------
_COLUMNS = "scope, name, windows, limits, source, checked, note"


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _from_row(row: Iterable[Any]) -> Rule:
    scope, name, windows, limits, source, checked, note = row
    where = "compliance rule in the workspace"
    try:
        data = {
            "scope": scope,
            "name": name,
            "windows": json.loads(windows),
            "limits": json.loads(limits),
            "source": source,
            "checked": checked,
            "note": note,
        }
    except ValueError:
        raise RuleError(f"{where} {scope}: windows or limits are not valid JSON; set the rule again") from None
    return rule_from_dict(data, where)


def list_rules(conn: sqlite3.Connection) -> list[Rule]:
    """The workspace's rules by scope (:class:`RuleError` when one was damaged outside the app)."""
    return [_from_row(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM compliance_rules ORDER BY scope")]


def get_rule(conn: sqlite3.Connection, scope: str) -> Rule | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM compliance_rules WHERE scope = ?", (check_scope(scope),)).fetchone()
    return _from_row(row) if row else None


def _write(conn: sqlite3.Connection, rule: Rule) -> None:
    conn.execute(
        f"INSERT INTO compliance_rules({_COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(scope) DO UPDATE SET name = excluded.name, windows = excluded.windows, "
        "limits = excluded.limits, source = excluded.source, checked = excluded.checked, note = excluded.note, "
        "updated_at = excluded.updated_at",
        (
            rule.scope,
            rule.name,
            json.dumps(dict(rule.windows)),
            json.dumps([limit.as_dict() for limit in rule.limits]),
            rule.source,
            rule.checked,
            rule.note,
            _stamp(),
        ),
    )


def save_rule(conn: sqlite3.Connection, rule: Rule | Mapping[str, Any]) -> Rule:
    """Add or replace the workspace's rule for the rule's scope; returns it as stored."""
    checked = rule_from_dict(rule.as_dict() if isinstance(rule, Rule) else rule)
    with transaction(conn):
        _write(conn, checked)
    return checked


def delete_rule(conn: sqlite3.Connection, scope: str) -> bool:
    """Remove the workspace's rule for ``scope``; False when it had none."""
    with transaction(conn):
        cur = conn.execute("DELETE FROM compliance_rules WHERE scope = ?", (check_scope(scope),))
    return cur.rowcount > 0


def reset_rule(conn: sqlite3.Connection, scope: str) -> Rule:
    """Put the shipped rule for ``scope`` back (after an edit or a delete)."""
    shipped = shipped_rule(check_scope(scope))
    if shipped is None:
        known = ", ".join(r.scope for r in _shipped())
        raise RuleError(f"no shipped rule for {scope.strip().upper()} (shipped: {known}); delete it instead")
    return save_rule(conn, shipped)


def edited_rule(
    current: Rule | None,
    scope: str,
    *,
    windows: list[str] | None = None,
    limits: list[str] | None = None,
    source: str | None = None,
    checked: str | None = None,
    name: str | None = None,
    note: str | None = None,
) -> Rule:
    """``current`` (or a new rule for ``scope``) with the given parts replaced, checked:
    ``windows`` as ``"mon-fri 08:00-20:00"`` texts and ``limits`` as ``"3/24h"`` texts (an
    empty list removes them all)."""
    base = current or Rule(check_scope(scope))
    data = base.as_dict()
    if windows is not None:
        pairs = [parse_window_option(w) for w in windows]
        data["windows"] = dict(pairs)
        if len(data["windows"]) != len(pairs):
            raise RuleError(f"{base.scope}: the same days are given two windows")
    if limits is not None:
        data["limits"] = [parse_limit(text).as_dict() for text in limits]
    for key, value in (("source", source), ("checked", checked), ("name", name), ("note", note)):
        if value is not None:
            data[key] = value
    return rule_from_dict(data)


def seed_rules(conn: sqlite3.Connection) -> int:
    """Give the workspace its copy of the shipped rules, once (a workspace whose rules were
    edited or deleted keeps them so); returns how many rules were added."""
    if conn.execute("SELECT 1 FROM settings WHERE key = ?", (SEEDED_KEY,)).fetchone():
        return 0
    with transaction(conn):
        if conn.execute("SELECT 1 FROM settings WHERE key = ?", (SEEDED_KEY,)).fetchone():
            return 0
        added = 0
        for rule in _shipped():
            if not conn.execute("SELECT 1 FROM compliance_rules WHERE scope = ?", (rule.scope,)).fetchone():
                _write(conn, rule)
                added += 1
        conn.execute("INSERT INTO settings(key, value) VALUES (?, ?)", (SEEDED_KEY, _stamp()))
    return added
