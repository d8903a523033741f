"""Small typed helpers over Qt calls whose results the stubs mark as possibly ``None``.

:func:`clear_layout` empties a layout whose widgets are rebuilt each time it is shown (a
person's details, a funnel's rows, sample texts); :func:`application` is the running
:class:`QApplication`, for its GUI-only signals such as ``focusChanged``; :func:`to_int` reads
a number Qt hands back typed only as ``object`` (a setting, a model's data); :func:`keep_room`
keeps a scroll area as wide as its content needs.
"""

from __future__ import annotations

from typing import SupportsIndex, SupportsInt

from PySide6.QtWidgets import QApplication, QLayout, QScrollArea, QWidget


def clear_layout(layout: QLayout) -> None:
    """Take every item out of ``layout``; the widgets among them are hidden at once (so none
    lingers on screen for the rest of the event) and deleted later."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()


def application() -> QApplication:
    """The running :class:`QApplication`; a widget exists only once there is one."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("no QApplication is running")
    return app


def to_int(value: object) -> int:
    """``int(value)`` for a value typed only as ``object``; TypeError, as from int(), when it is
    neither text nor a number."""
    if isinstance(value, str | bytes | bytearray | SupportsInt | SupportsIndex):
        return int(value)
    raise TypeError(f"int() argument must be a string or a number, not {type(value).__name__!r}")


def keep_room(area: QScrollArea) -> None:
    """Make ``area`` at least as wide as its content needs now (with its vertical scroll bar), so
    the window stops shrinking before the content would scroll sideways (rows laid out narrow,
    a form's fields)."""
    content = area.widget()
    if content is None:
        return
    for child in reversed(content.findChildren(QWidget)):  # what the rows need now, not what they needed wide
        layout = child.layout()
        if layout is not None:
            layout.activate()
    own = content.layout()
    if own is not None:
        own.activate()
    need = content.minimumSizeHint().width() + area.verticalScrollBar().sizeHint().width() + 2 * area.frameWidth()
    if need > area.minimumWidth():
        area.setMinimumWidth(need)
