"""When a column of rows reflows for a narrow room instead of scrolling sideways.

The flow's step cards and the smart list's triggers, filters and logic box each lay out wide
(labels beside fields, everything on one line) or narrow (labels above fields, a row stacked),
switched by their ``set_narrow``. :class:`Reflow` decides which, for all rows of a column at
once: narrow below a comfortable width, or below what the widest row needs laid out wide,
which is remembered so the rows do not flip back and forth as they change size.
:func:`~smsflow_desktop.ui.qt_util.keep_room` keeps the scroll area holding the rows at least as
wide as they need laid out narrow, so a small window never scrolls them sideways.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QGridLayout, QWidget


class Reflowing(Protocol):
    """A row that lays out wide or narrow."""

    def minimumSizeHint(self) -> QSize: ...

    def set_narrow(self, narrow: bool) -> None: ...


class Reflow:
    """The narrow-or-wide state of one column of rows."""

    def __init__(self, narrow_below: int) -> None:
        self.narrow_below = narrow_below  # narrower than this, the rows reflow whatever they need
        self.narrow = False
        self.wide_needs = 0  # the widest row's width laid out wide, when last seen wide

    def fit(self, room: int, rows: Iterable[Reflowing]) -> bool:
        """Lay ``rows`` out for ``room`` pixels; True when they switched."""
        rows = list(rows)
        if not self.narrow and rows:
            self.wide_needs = max(self.wide_needs, max(row.minimumSizeHint().width() for row in rows))
        narrow = room < max(self.narrow_below, self.wide_needs)
        if narrow == self.narrow:
            return False
        self.narrow = narrow
        for row in rows:
            row.set_narrow(narrow)
        return True


def place_title_row(
    grid: QGridLayout,
    *,
    narrow: bool,
    lead: QWidget,
    title: QWidget,
    inputs: QWidget,
    remove: QWidget,
    marks: tuple[QWidget, ...] = (),
) -> None:
    """Lay out a smart-list row: ``lead`` (its number or badge), ``title``, ``marks`` beside the
    title, ``inputs`` beside them (wide) or under the title (narrow), and ``remove`` last."""
    for w in (lead, title, *marks, inputs, remove):
        grid.removeWidget(w)
    inputs_col = 2 + len(marks)
    grid.addWidget(lead, 0, 0)
    grid.addWidget(title, 0, 1)
    for col, mark in enumerate(marks, start=2):
        grid.addWidget(mark, 0, col, Qt.AlignmentFlag.AlignVCenter)  # beside a title of two lines too
    grid.addWidget(remove, 0, inputs_col + 1)
    if narrow:
        grid.addWidget(inputs, 1, 1, 1, inputs_col + 1)  # as far as the remove button
    else:
        grid.addWidget(inputs, 0, inputs_col)
    grid.setColumnStretch(1, 1 if narrow else 0)  # the title, not a gap, takes the room
    grid.setColumnStretch(inputs_col, 0 if narrow else 1)
