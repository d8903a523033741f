"""Icons, the stylesheet and translation files, found with importlib.resources.

Everything ships inside the ``smsflow_desktop.resources`` package (icons as SVG, the QSS
stylesheet template, compiled ``.qm`` translations), so the app finds them the same way
installed, editable or frozen. Icons are cached; an unknown icon name gives an empty icon and
a log line rather than a crash. An icon is drawn for the colour scheme in use when it is
painted (:func:`set_icon_scheme`, called by ``ui.theme``), so icons already on screen follow a
switch to dark; the stylesheet's own icons come from :func:`icon_dir`. Helpers every room
uses on widgets: :func:`repolish`, :func:`name_for_screen_readers` and :func:`pad_spin_boxes`.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import re
import tempfile
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractSpinBox, QDateTimeEdit, QLabel, QWidget

log = logging.getLogger(__name__)
_PACKAGE = "smsflow_desktop.resources"
_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def resource_path(*parts: str) -> str | None:
    """A file system path to a packaged resource, or None if it is missing."""
    node = resources.files(_PACKAGE).joinpath(*parts)
    if not node.is_file():
        return None
    if isinstance(node, os.PathLike):
        return os.fspath(node)
    return os.fspath(_extracted.enter_context(resources.as_file(node)))  # zipped install


def read_resource_text(*parts: str) -> str:
    return resources.files(_PACKAGE).joinpath(*parts).read_text(encoding="utf-8")


def read_resource_bytes(*parts: str) -> bytes | None:
    node = resources.files(_PACKAGE).joinpath(*parts)
    return node.read_bytes() if node.is_file() else None


_HEX_RE = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")
_icon_scheme = "light"
_icon_colors: dict[str, str] = {}


def set_icon_scheme(scheme: str, colors: dict[str, str]) -> None:
    """Draw icons for ``scheme`` from now on, each ``#rrggbb`` of ``colors`` replaced by its value
    (icons with a white glyph on a filled badge keep their colours)."""
    global _icon_scheme, _icon_colors
    _icon_scheme, _icon_colors = scheme, dict(colors)


def _recolored(svg: str, colors: dict[str, str]) -> str:
    if not colors or re.search(r'"#fff(fff)?"', svg, re.IGNORECASE):
        return svg
    return _HEX_RE.sub(lambda m: colors.get(m.group(0).lower(), m.group(0)), svg)


@lru_cache(maxsize=512)
def _svg(name: str, scheme: str, colors: tuple[tuple[str, str], ...]) -> QByteArray:
    text = read_resource_text("icons", f"{name}.svg")
    return QByteArray(_recolored(text, dict(colors)).encode("utf-8"))


class _SchemeIconEngine(QIconEngine):
    """Draws a packaged SVG icon in the colours of the scheme in use at paint time."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self._cache: dict[tuple[str, int, int, int, int], QPixmap] = {}

    def _renderer(self) -> QSvgRenderer:
        return QSvgRenderer(_svg(self.name, _icon_scheme, tuple(sorted(_icon_colors.items()))))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.45)
        self._renderer().render(painter, rect)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (_icon_scheme, size.width(), size.height(), int(mode.value), int(state.value))
        cached = self._cache.get(key)
        if cached is None:
            image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
            painter.end()
            cached = self._cache[key] = QPixmap.fromImage(image)
        return cached

    def clone(self) -> QIconEngine:
        return _SchemeIconEngine(self.name)

    def key(self) -> str:
        return "smsflow-scheme-svg"


@cache
def icon(name: str) -> QIcon:
    if resource_path("icons", f"{name}.svg") is None:
        log.warning("no icon called %r in the resources", name)
        return QIcon()
    return QIcon(_SchemeIconEngine(name))


def icon_dir(colors: dict[str, str]) -> str:
    """A folder holding every icon drawn with ``colors`` (as :func:`set_icon_scheme` takes them;
    none: the packaged icons), for ``url()`` in the stylesheet."""
    return _icon_dir(tuple(sorted(colors.items())))


@lru_cache(maxsize=4)
def _icon_dir(colors: tuple[tuple[str, str], ...]) -> str:
    arrow = resource_path("icons", "arrow-down.svg")
    packaged = os.path.dirname(arrow).replace(os.sep, "/") if arrow else ""
    if not colors or not packaged:
        return packaged
    folder = Path(_extracted.enter_context(tempfile.TemporaryDirectory(prefix="smsflow-icons-")))
    for svg in Path(packaged).glob("*.svg"):
        (folder / svg.name).write_text(_recolored(svg.read_text(encoding="utf-8"), dict(colors)), encoding="utf-8")
    return folder.as_posix()


def pixmap(name: str, size: int, widget: QWidget | None = None) -> QPixmap:
    """The icon drawn at ``size`` logical pixels, sharp on high-DPI screens."""
    ratio = widget.devicePixelRatioF() if widget is not None else 1.0
    return icon(name).pixmap(QSize(size, size), ratio)


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The stylesheet template (resources/style.qss): ``{token}`` for each colour and
    ``url(ICONS/…)`` for icons; ``ui.theme.stylesheet`` fills both for a scheme."""
    try:
        return read_resource_text("style.qss")
    except FileNotFoundError:
        log.warning("the stylesheet is missing from the resources")
        return ""


def repolish(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property (``problem``, ``state``) changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


SPOKEN_LABEL = "SpokenLabel"


def name_for_screen_readers(widget: QWidget, name: str) -> QLabel:
    """Name ``widget`` for screen readers on every platform: its accessible name, and a label
    beside it (its buddy, drawn nowhere) for a drop-down whose neighbours already say what it
    is on screen ("1. If [Country] [is] [SE]"). On Linux Qt names a drop-down by its current
    text and drops the accessible name set on it ("Country, combo box"); screen readers take
    the name from the label that has it as its buddy ("Step 1, choice 1: person field")."""
    widget.setAccessibleName(name)
    parent = widget.parentWidget()
    found = [
        label
        for label in (
            parent.findChildren(QLabel, SPOKEN_LABEL, Qt.FindChildOption.FindDirectChildrenOnly) if parent else []
        )
        if label.buddy() is widget
    ]
    label = found[0] if found else QLabel(parent)
    if not found:
        label.setObjectName(SPOKEN_LABEL)
        label.setBuddy(widget)
        label.setGeometry(0, 0, 0, 0)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        label.show()
    label.setText(name.replace("&", "&&"))
    return label


#: The left padding style.qss gives a field's text (``padding: 5px 8px``).
FIELD_TEXT_INSET = 8


def pad_spin_boxes(*boxes: QAbstractSpinBox) -> None:
    """Start the text of each spin box, date or time field as far in as a line edit's: Qt sets
    their text against the frame, whatever padding the stylesheet gives. Call it once the
    field's format and calendar button are set: the size hint counts the padding, except for a
    field with a calendar button, which is made that much wider."""
    for box in boxes:
        box.lineEdit().setTextMargins(FIELD_TEXT_INSET, 0, 0, 0)
        if isinstance(box, QDateTimeEdit) and box.calendarPopup():
            box.setMinimumWidth(max(box.minimumWidth(), box.sizeHint().width() + FIELD_TEXT_INSET))
