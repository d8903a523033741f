"""The open campaign as an observable document: the pydantic Campaign plus change signals.

Every edit goes through four methods that address the campaign by a path such as
``flow[2].choices[0].then.message`` or ``smart_list.logic``: :meth:`set` (a value),
:meth:`insert`, :meth:`remove` and :meth:`move` (items of a list such as ``flow`` or
``smart_list.filters``). Each announces itself (``value_set``, ``item_inserted``,
``item_removed``, ``item_moved``) and re-validates the campaign against the workspace's
references, announcing ``problems_changed`` when the problems differ. Undo commands call
these methods and nothing else; views only listen. No Qt in here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.model.observable import Signal
from smsflow_desktop.model.validation import Problem, WorkspaceRefs, errors_only, validate_campaign

PathPart = str | int
_PART = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def parse_path(path: str) -> tuple[PathPart, ...]:
    """``flow[2].choices[0].then`` → ``('flow', 2, 'choices', 0, 'then')``."""
    parts: list[PathPart] = []
    pos = 0
    while pos < len(path):
        m = _PART.match(path, pos)
        if m is None:
            raise ValueError(f"bad document path {path!r} at {pos}")
        parts.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
        pos = m.end()
    return tuple(parts)


def join_path(*parts: PathPart) -> str:
    """The inverse of :func:`parse_path`; also joins path fragments (``'flow[1]', 'message'``)."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part:
            text = str(part)
            out += text if not out or text.startswith("[") else "." + text
    return out


def step_path(index: int, field: str = "") -> str:
    """The path of flow step ``index`` (0-based) or of one of its fields."""
    return join_path(f"flow[{index}]", field)


def step_index_of(path: str) -> int | None:
    """The flow step a path lies in, or None (``flow[3].message`` → 3)."""
    m = re.match(r"flow\[(\d+)\]", path)
    return int(m.group(1)) if m else None


def validation_message(exc: ValidationError) -> str:
    """The first error of a pydantic ValidationError as one plain sentence."""
    first = exc.errors()[0]
    return str(first.get("msg", "invalid value")).removeprefix("Value error, ")


class CampaignDocument:
    """One campaign being edited, its workspace references and its current problems."""

    def __init__(self, campaign: Campaign, refs: WorkspaceRefs | None = None) -> None:
        self.campaign = campaign
        self.refs = refs
        self.problems: list[Problem] = []
        self.value_set = Signal("value_set")  # (path)
        self.item_inserted = Signal("item_inserted")  # (list_path, index)
        self.item_removed = Signal("item_removed")  # (list_path, index)
        self.item_moved = Signal("item_moved")  # (list_path, src, dst)
        self.reset = Signal("reset")  # () the whole campaign was replaced
        self.problems_changed = Signal("problems_changed")  # (problems)
        self.problems = self._validate()

    # -- reading ------------------------------------------------------------------------
    def get(self, path: str) -> Any:
        node: Any = self.campaign
        for part in parse_path(path):
            node = node[part] if isinstance(part, int) else getattr(node, part)
        return node

    def _parent(self, path: str) -> tuple[Any, PathPart]:
        parts = parse_path(path)
        if not parts:
            raise ValueError("the empty path has no parent")
        parent: Any = self.campaign
        for part in parts[:-1]:
            parent = parent[part] if isinstance(part, int) else getattr(parent, part)
        return parent, parts[-1]

    def check(self, path: str, value: Any) -> str | None:
        """Why ``value`` cannot go to ``path`` (one sentence), or None when it can."""
        try:
            parent, last = self._parent(path)
        except (ValueError, AttributeError, IndexError, KeyError) as exc:
            return str(exc)
        if isinstance(last, int) or not isinstance(parent, BaseModel):
            return None
        trial = parent.model_copy()
        try:
            setattr(trial, last, value)
        except ValidationError as exc:
            return validation_message(exc)
        return None

    @property
    def step_count(self) -> int:
        return len(self.campaign.flow)

    # -- editing (called by undo commands only) ------------------------------------------
    def set(self, path: str, value: Any) -> Any:
        """Set the value at ``path``; returns the old value. Raises ValueError if refused."""
        parent, last = self._parent(path)
        old = parent[last] if isinstance(last, int) else getattr(parent, last)
        if isinstance(last, int):
            parent[last] = value
        else:
            try:
                setattr(parent, last, value)
            except ValidationError as exc:
                raise ValueError(validation_message(exc)) from None
        self.value_set.emit(path)
        self.revalidate()
        return old

    def insert(self, list_path: str, index: int, item: Any) -> None:
        items = self.get(list_path)
        index = max(0, min(index, len(items)))
        items.insert(index, item)
        self.item_inserted.emit(list_path, index)
        self.revalidate()

    def remove(self, list_path: str, index: int) -> Any:
        items = self.get(list_path)
        item = items.pop(index)
        self.item_removed.emit(list_path, index)
        self.revalidate()
        return item

    def move(self, list_path: str, src: int, dst: int) -> None:
        """Move item ``src`` so that it ends at index ``dst`` (both in the list as it is)."""
        items = self.get(list_path)
        if src == dst:
            return
        item = items.pop(src)
        items.insert(dst, item)
        self.item_moved.emit(list_path, src, dst)
        self.revalidate()

    def replace_campaign(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self.reset.emit()
        self.revalidate(force=True)

    def set_refs(self, refs: WorkspaceRefs | None) -> None:
        """New workspace references (after a Vibes sync or a message edit): re-validate."""
        self.refs = refs
        self.revalidate()

    # -- problems -----------------------------------------------------------------------
    def _validate(self) -> list[Problem]:
        return validate_campaign(self.campaign, self.refs)

    def revalidate(self, force: bool = False) -> list[Problem]:
        problems = self._validate()
        if force or problems != self.problems:
            self.problems = problems
            self.problems_changed.emit(problems)
        return self.problems

    @property
    def errors(self) -> list[Problem]:
        return errors_only(self.problems)

    def step_problems(self, index: int) -> list[Problem]:
        """Problems of flow step ``index`` (0-based)."""
        return [p for p in self.problems if p.step == index + 1]

    def smart_list_problems(self) -> list[Problem]:
        return [p for p in self.problems if p.step is None and (p.field or "").startswith("smart_list")]

    def iter_steps(self) -> Iterator[tuple[int, Any]]:
        return enumerate(self.campaign.flow)
