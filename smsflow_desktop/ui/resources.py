"""Icons, the stylesheet and translation files, found with importlib.resources.

Everything ships inside the ``smsflow_desktop.resources`` package (icons as SVG, the QSS
stylesheet, compiled ``.qm`` translations), so the app finds them the same way installed,
editable or frozen. Icons are cached; an unknown icon name gives an empty icon and a log
line rather than a crash.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
from functools import cache, lru_cache
from importlib import resources

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QWidget

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


@cache
def icon(name: str) -> QIcon:
    path = resource_path("icons", f"{name}.svg")
    if path is None:
        log.warning("no icon called %r in the resources", name)
        return QIcon()
    return QIcon(path)


def pixmap(name: str, size: int, widget: QWidget | None = None) -> QPixmap:
    """The icon drawn at ``size`` logical pixels, sharp on high-DPI screens."""
    ratio = widget.devicePixelRatioF() if widget is not None else 1.0
    return icon(name).pixmap(QSize(size, size), ratio)


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The application stylesheet (resources/style.qss)."""
    try:
        text = read_resource_text("style.qss")
    except FileNotFoundError:
        log.warning("the stylesheet is missing from the resources")
        return ""
    arrow = resource_path("icons", "arrow-down.svg")
    icons_dir = os.path.dirname(arrow).replace(os.sep, "/") if arrow else ""
    return text.replace("url(ICONS/", f"url({icons_dir}/")


def repolish(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property (``problem``, ``state``) changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
