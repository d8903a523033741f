"""Filters still being set up, and the smart list the audience count uses meanwhile.

A filter is incomplete while it lacks what it needs to mean anything: a person-field filter
without a field, or without values for an operator that takes some ("Country is …"); a list
filter without its list. Counting such a filter would say "0 people qualify" (nobody has a
country in an empty set), which reads as a finding, not as a filter not finished yet. So the
live count leaves incomplete filters out: :func:`countable` returns the smart list without
them, its logic rewritten over the filters that remain (a custom expression loses the terms
naming them, and the rest are renumbered). Plain functions, no Qt: every case is tested directly.
"""

from __future__ import annotations

from typing import Any

from smsflow_desktop.model.campaign import VALUELESS_OPERATORS, SmartList
from smsflow_desktop.model.logic import And, Node, Not, Or, Ref, parse_logic


def is_incomplete(flt: Any) -> bool:
    """Whether ``flt`` still lacks its field, values or list."""
    kind = getattr(flt, "type", "")
    if kind == "person_field":
        return not flt.field or (flt.operator not in VALUELESS_OPERATORS and not any(v.strip() for v in flt.values))
    if kind == "member_of_list":
        return not flt.list.strip()
    if kind in ("member_of_vibes_list", "subscribed_to_vibes_list"):
        return not flt.vibes_list_id.strip()
    return False


def incomplete_filters(smart_list: SmartList) -> list[int]:
    """The 0-based indexes of the filters still being set up."""
    return [i for i, flt in enumerate(smart_list.filters) if is_incomplete(flt)]


def _without(node: Node, gone: set[int]) -> Node | None:
    """``node`` with the references to ``gone`` (1-based) left out; None when nothing remains."""
    if isinstance(node, Ref):
        return None if node.number in gone else node
    if isinstance(node, Not):
        inner = _without(node.operand, gone)
        return None if inner is None else Not(inner)
    kept = [n for n in (_without(o, gone) for o in node.operands) if n is not None]
    if not kept:
        return None
    if len(kept) == 1:
        return kept[0]
    return And(tuple(kept)) if isinstance(node, And) else Or(tuple(kept))


def _text(node: Node, numbers: dict[int, int]) -> str:
    """The expression of ``node`` with each filter number ``n`` written as ``numbers[n]``."""
    if isinstance(node, Ref):
        return str(numbers[node.number])
    if isinstance(node, Not):
        inner = _text(node.operand, numbers)
        return f"not {inner}" if isinstance(node.operand, (Ref, Not)) else f"not ({inner})"
    parts = [_text(o, numbers) if isinstance(o, (Ref, Not)) else f"({_text(o, numbers)})" for o in node.operands]
    return (" and " if isinstance(node, And) else " or ").join(parts)


def _referenced(node: Node) -> set[int]:
    if isinstance(node, Ref):
        return {node.number}
    if isinstance(node, Not):
        return _referenced(node.operand)
    return set().union(*(_referenced(o) for o in node.operands)) if node.operands else set()


def countable(smart_list: SmartList) -> tuple[SmartList, list[int]]:
    """The smart list to count while some filters are incomplete, and their 0-based indexes.

    ``all`` and ``any`` keep their word over the filters that remain. A custom expression
    drops the terms naming an incomplete filter (``1 and not 2`` without 2 is ``1``; a
    ``not`` of a dropped term goes with it) and is renumbered over the filters it still
    names; when nothing remains, everyone qualifies (as with no filters). Raises
    :class:`LogicError` for an expression that does not parse.
    """
    gone = incomplete_filters(smart_list)
    if not gone:
        return smart_list, []
    filters = smart_list.filters
    word = smart_list.logic.strip().lower()
    if word in ("all", "any"):
        kept = [f for i, f in enumerate(filters) if i not in gone]
        return smart_list.model_copy(update={"filters": kept}), gone
    node = parse_logic(smart_list.logic, len(filters))
    reduced = _without(node, {i + 1 for i in gone})
    if reduced is None:
        return smart_list.model_copy(update={"filters": [], "logic": "all"}), gone
    used = sorted(_referenced(reduced))
    numbers = {old: new for new, old in enumerate(used, start=1)}
    kept = [filters[old - 1] for old in used]
    return smart_list.model_copy(update={"filters": kept, "logic": _text(reduced, numbers)}), gone
