"""Where a drop lands in the flow and what it does, as plain functions.

The flow view measures its cards (top and bottom of each, in canvas coordinates) and asks
:func:`insertion_index` which gap the pointer is over: gap ``k`` lies before card ``k``;
gap ``n`` is after the last card. :func:`decide_drop` turns drag data and a gap into a
:class:`DropAction` (add a step of a type there, or move a step there), or None when the
drop would change nothing. Kept free of widgets so every position can be tested directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMimeData

from smsflow_desktop.ui.step_types import read_step_move, read_step_type

Span = tuple[int, int]  # (top, bottom) of a card


def insertion_index(spans: Sequence[Span], y: int) -> int:
    """The gap a pointer at height ``y`` is over: before the first card whose middle is below it."""
    for i, (top, bottom) in enumerate(spans):
        if y < (top + bottom) / 2:
            return i
    return len(spans)


def indicator_y(spans: Sequence[Span], index: int, spacing: int) -> int:
    """Where to draw the drop line for gap ``index`` (middle of the gap between cards)."""
    if not spans:
        return spacing
    if index <= 0:
        return max(0, spans[0][0] - spacing // 2)
    if index >= len(spans):
        return spans[-1][1] + spacing // 2
    return (spans[index - 1][1] + spans[index][0]) // 2


def move_destination(src: int, gap: int) -> int | None:
    """The index a step dragged from ``src`` ends at when dropped in ``gap``; None if unchanged."""
    dst = gap - 1 if gap > src else gap
    return None if dst == src else dst


@dataclass(frozen=True)
class DropAction:
    kind: str  # "add" or "move"
    index: int  # where the new step goes / where the moved step ends
    type_id: str | None = None
    source: int | None = None


def accepts(mime: QMimeData, token: str) -> bool:
    """Whether the flow takes this drag at all (a palette step type or one of its own steps)."""
    return read_step_type(mime) is not None or read_step_move(mime, token) is not None


def decide_drop(mime: QMimeData, token: str, gap: int) -> DropAction | None:
    type_id = read_step_type(mime)
    if type_id is not None:
        return DropAction("add", gap, type_id=type_id)
    src = read_step_move(mime, token)
    if src is not None:
        dst = move_destination(src, gap)
        return None if dst is None else DropAction("move", dst, source=src)
    return None
