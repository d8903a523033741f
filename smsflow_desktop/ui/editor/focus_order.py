"""Tab order that follows the screen, and the first field of a part of it.

Qt chains widgets for Tab in the order they were made, so a step card moved up, a choice
row built after the step's own fields (though shown above them) or a pasted card would be
reached out of turn. :func:`reading_order` lists the widgets Tab can reach inside a widget
in the order its layouts show them (box layouts in order, grids and forms row by row);
:func:`chain_after` puts such a list into the Tab chain right after an anchor.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGridLayout, QLayout, QWidget


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _layout_items(layout: QLayout) -> list[tuple[QWidget | None, QLayout | None]]:
    """The widgets and sub-layouts of ``layout`` in reading order."""
    keyed: list[tuple[tuple[int, int, int], int]] = []
    for i in range(layout.count()):
        key: tuple[int, int, int] = (0, 0, i)
        if isinstance(layout, QGridLayout):
            position: Any = layout.getItemPosition(i)
            key = (int(position[0]), int(position[1]), i)
        elif isinstance(layout, QFormLayout):
            position = layout.getItemPosition(i)
            key = (int(position[0]), int(position[1].value), i)
        keyed.append((key, i))
    items: list[tuple[QWidget | None, QLayout | None]] = []
    for _key, i in sorted(keyed):
        item = layout.itemAt(i)
        if item is not None:
            items.append((item.widget(), item.layout()))
    return items


def _walk(layout: QLayout | None, out: list[QWidget]) -> None:
    if layout is None:
        return
    for widget, sub in _layout_items(layout):
        if widget is not None:
            if _takes_tab(widget):
                out.append(widget)
            _walk(widget.layout(), out)
        elif sub is not None:
            _walk(sub, out)


def reading_order(widget: QWidget) -> list[QWidget]:
    """The widgets inside ``widget`` that Tab can reach, in the order the screen shows them
    (hidden and disabled ones included: Tab skips them while they are)."""
    out: list[QWidget] = []
    _walk(widget.layout(), out)
    return out


def chain_after(anchor: QWidget, widgets: list[QWidget]) -> None:
    """Make Tab go from ``anchor`` through ``widgets`` in this order."""
    previous = anchor
    for widget in widgets:
        QWidget.setTabOrder(previous, widget)
        previous = widget


def reachable(widget: QWidget, within: QWidget) -> bool:
    """Whether Tab would stop at ``widget`` now (shown inside ``within`` and enabled)."""
    return widget.isEnabled() and widget.isVisibleTo(within)
