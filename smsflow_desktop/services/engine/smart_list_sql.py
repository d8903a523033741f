"""Smart-list filters, choice conditions and filter logic compiled to parameterised SQL.

Every fragment reads the ``people`` row aliased ``p`` and yields 0 or 1, never NULL, so
``NOT`` and the logic tree behave as in :func:`smsflow_desktop.model.logic.evaluate`.
Values always travel as parameters; field names are looked up in a fixed table of
columns, and any other name is a custom field read with ``json_extract`` from a JSON path
that is itself a parameter. Comparisons ignore case (ASCII letters, as SQLite's
``lower``), and surrounding spaces are not trimmed from stored values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from smsflow_desktop.model.campaign import (
    Condition,
    MemberOfListFilter,
    MemberOfVibesListFilter,
    SmartList,
    SubscribedToVibesListFilter,
)
from smsflow_desktop.model.logic import And, Node, Not, Ref, parse_logic
from smsflow_desktop.model.validation import smart_list_size_problems
from smsflow_desktop.services.workspace import iso

#: Person fields and the SQL that reads each as text (booleans as 'true'/'false').
COLUMN_SQL: dict[str, str] = {
    "external_id": "COALESCE(p.external_id, '')",
    "first_name": "p.first_name",
    "last_name": "p.last_name",
    "email": "p.email",
    "phone": "COALESCE(p.phone_e164, p.phone_raw)",
    "country": "p.country",
    "state": "p.state",
    "city": "p.city",
    "postal_code": "p.postal_code",
    "time_zone": "p.time_zone",
    "blocklisted": "(CASE WHEN p.blocklisted = 1 THEN 'true' ELSE 'false' END)",
    "unsubscribed": "(CASE WHEN p.unsubscribed = 1 THEN 'true' ELSE 'false' END)",
    "marketing_suspended": "(CASE WHEN p.marketing_suspended = 1 THEN 'true' ELSE 'false' END)",
    "created_at": "p.created_at",
    "updated_at": "p.updated_at",
}
BOOLEAN_FIELDS = frozenset({"blocklisted", "unsubscribed", "marketing_suspended"})
#: Conditions that always hold or never do, written so that both stores take them as truth values.
TRUE = "(1 = 1)"
FALSE = "(1 = 0)"
_TRUE = frozenset({"true", "1", "yes", "y", "on"})


class SmartListSqlError(ValueError):
    """The smart list cannot be compiled (its logic does not parse)."""


@dataclass
class Sql:
    """A SQL fragment and its parameters, in order."""

    text: str
    params: list[object] = field(default_factory=list)


def custom_field_path(name: str) -> str | None:
    """The JSON path of a custom field, or None for a name SQLite's paths cannot quote."""
    if '"' in name or "\\" in name:
        return None
    return f'$."{name}"'


def field_sql(name: str) -> Sql:
    """The expression reading a person field as text ('' when absent)."""
    column = COLUMN_SQL.get(name)
    if column is not None:
        return Sql(column)
    path = custom_field_path(name)
    if path is None:
        return Sql("''")
    return Sql("COALESCE(CAST(json_extract(p.custom_fields, ?) AS TEXT), '')", [path])


def normalise_value(field_name: str, value: str) -> str:
    """A condition value as compared: booleans become 'true'/'false', the rest is lowered."""
    if field_name in BOOLEAN_FIELDS:
        return "true" if value.strip().lower() in _TRUE else "false"
    return ascii_lower(value)


def ascii_lower(text: str) -> str:
    """Lower-case ASCII letters only, exactly as SQLite's ``lower``."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def condition_sql(cond: Condition, now: datetime) -> Sql:
    """One person-field test (a smart-list filter or a choice's ``when``)."""
    col = field_sql(cond.field)
    values = [v for v in cond.values if v.strip()] if cond.operator not in ("is", "is_not") else list(cond.values)
    op = cond.operator
    if op in ("is_empty", "is_not_empty"):
        test = f"(trim({col.text}) = '')"
        return Sql(test if op == "is_empty" else f"(NOT {test})", list(col.params))
    if op == "in_past_days":
        days = next((int(v) for v in values if v.strip().isdigit()), None)
        if days is None:
            return Sql(FALSE)
        cutoff = iso(now - timedelta(days=days))
        return Sql(
            f"({col.text} != '' AND {col.text} >= ? AND {col.text} <= ?)",
            [*col.params, *col.params, cutoff, *col.params, iso(now)],
        )
    norm = [normalise_value(cond.field, v) for v in values]
    if not norm:
        return Sql(FALSE) if op != "is_not" else Sql(TRUE)
    lowered = f"lower({col.text})"
    if op in ("is", "is_not"):
        marks = ", ".join("?" for _ in norm)
        test = f"({lowered} IN ({marks}))"
        return Sql(test if op == "is" else f"(NOT {test})", [*col.params, *norm])
    parts: list[str] = []
    params: list[object] = []
    for value in norm:
        if op == "contains":
            parts.append(f"instr({lowered}, ?) > 0")
            params += [*col.params, value]
        else:  # starts_with
            parts.append(f"substr({lowered}, 1, ?) = ?")
            params += [*col.params, len(value), value]
    return Sql("(" + " OR ".join(parts) + ")", params)


def filter_sql(flt: object, now: datetime) -> Sql:
    """One smart-list filter."""
    if isinstance(flt, MemberOfListFilter):
        return Sql(
            "EXISTS (SELECT 1 FROM static_list_members slm JOIN static_lists sl ON sl.id = slm.list_id "
            "WHERE sl.name = ? AND slm.person_id = p.id)",
            [flt.list],
        )
    if isinstance(flt, MemberOfVibesListFilter):
        return Sql(
            "EXISTS (SELECT 1 FROM vibes_memberships vm WHERE vm.list_id = ? AND vm.mdn = p.phone_e164 "
            "AND vm.active = 1)",
            [flt.vibes_list_id],
        )
    if isinstance(flt, SubscribedToVibesListFilter):
        return Sql(
            "EXISTS (SELECT 1 FROM vibes_memberships vm WHERE vm.list_id = ? AND vm.mdn = p.phone_e164)",
            [flt.vibes_list_id],
        )
    if isinstance(flt, Condition):
        return condition_sql(flt, now)
    raise SmartListSqlError(f"unknown filter {flt!r}")  # pragma: no cover - the model forbids it


def logic_sql(node: Node, parts: Sequence[Sql]) -> Sql:
    """The logic tree over compiled filters (``parts[n - 1]`` is filter n)."""
    if isinstance(node, Ref):
        part = parts[node.number - 1]
        return Sql(part.text, list(part.params))
    if isinstance(node, Not):
        inner = logic_sql(node.operand, parts)
        return Sql(f"(NOT {inner.text})", inner.params)
    if not node.operands:
        return Sql(TRUE if isinstance(node, And) else FALSE)
    joiner = " AND " if isinstance(node, And) else " OR "
    compiled = [logic_sql(n, parts) for n in node.operands]
    return Sql("(" + joiner.join(c.text for c in compiled) + ")", [p for c in compiled for p in c.params])


def smart_list_sql(smart_list: SmartList, now: datetime) -> Sql:
    """The WHERE condition selecting the smart list's people (refused, as validation
    reports it, when the smart list is too large for one SQLite statement)."""
    too_large = smart_list_size_problems(smart_list)
    if too_large:
        raise SmartListSqlError(too_large[0].message)
    try:
        tree = parse_logic(smart_list.logic, len(smart_list.filters))
    except ValueError as exc:
        raise SmartListSqlError(f"filter logic: {exc}") from None
    parts = [filter_sql(f, now) for f in smart_list.filters]
    return logic_sql(tree, parts)
