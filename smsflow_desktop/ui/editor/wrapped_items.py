"""Entries of a narrow list that wrap onto more lines instead of being cut.

Qt's item views paint wrapped text when word wrap is on, but they size every row as one line:
an entry wider than the list ("Avsluta prenumeration på Vibes-lista" in a narrow palette) was
cut. :func:`wrap_entries` gives a list or tree a delegate whose rows are as tall as their
wrapped text, measured in the room the style leaves for the text, and lays the rows out again
when the list's width changes. :func:`widest_word` says how wide the list must stay for no
word of its entries to be cut.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF, QTextLayout, QTextOption
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView


def text_lines(text: str, font: QFont, width: int) -> int:
    """How many lines ``text`` takes wrapped at word boundaries in ``width`` pixels."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = 0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1, width))
        lines += 1
    layout.endLayout()
    return max(1, lines)


def widest_word(texts: Iterable[str], font: QFont) -> int:
    """The width of the longest piece of the texts a line cannot break (a word, or a part of a
    hyphenated one: "SMS-" and "meddelande")."""
    metrics = QFontMetricsF(font)  # a line is drawn whole only if its exact width fits
    widest = 0
    for text in texts:
        for word in text.split():
            parts = word.split("-")
            pieces = [p + "-" for p in parts[:-1]] + parts[-1:]
            widest = max(widest, *(math.ceil(metrics.horizontalAdvance(p)) for p in pieces if p))
    return widest


class WrappedItemDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped in the view's width; an entry with its own size hint
    (a heading) keeps it."""

    def __init__(self, view: QListView | QTreeView) -> None:
        super().__init__(view)
        self.view = view
        self._width = -1
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)  # only a single word wider than the list is cut
        view.setItemDelegate(self)
        view.viewport().installEventFilter(self)

    def text_width(self, option: QStyleOptionViewItem, row: QRect) -> int:
        """The room the style gives the text of an entry painted in ``row``."""
        style = self.view.style()
        probe = QStyleOptionViewItem(option)
        probe.rect = row
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, probe, self.view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, probe, self.view) + 1
        return text.width() - 2 * margin

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        own = index.data(Qt.ItemDataRole.SizeHintRole)
        if isinstance(own, QSize) and own.isValid():
            return own
        one_line = super().sizeHint(option, index)
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        if not item.text:
            return one_line
        width = max(1, self.view.viewport().width() - self._indent(index))
        room = self.text_width(item, QRect(0, 0, width, one_line.height()))
        line_height = QFontMetrics(item.font).lineSpacing()
        lines = text_lines(item.text, item.font, room)
        has_icon = bool(item.features & QStyleOptionViewItem.ViewItemFeature.HasDecoration)
        icon_height = item.decorationSize.height() if has_icon else 0
        chrome = one_line.height() - max(icon_height, line_height)
        return QSize(min(one_line.width(), width), chrome + max(icon_height, lines * line_height))

    def _indent(self, index: QModelIndex | QPersistentModelIndex) -> int:
        """How far in from the view's left edge a tree draws the entry."""
        if not isinstance(self.view, QTreeView):
            return 0
        depth = 1 if self.view.rootIsDecorated() else 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        return depth * self.view.indentation()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            width = self.view.viewport().width()
            if width != self._width:  # the rows take more or fewer lines: lay them out again
                self._width = width
                self.sizeHintChanged.emit(QModelIndex())
        return super().eventFilter(watched, event)


def wrap_entries(view: QListView | QTreeView) -> WrappedItemDelegate:
    """Make ``view``'s entries wrap onto more lines when it is narrow (see the module's docstring)."""
    return WrappedItemDelegate(view)
