"""The Flow Actions palette: step types by category, a search box, drag to the flow.

Built from the step type registry (``model.step_types``: every registered type, grouped by its
category, in the order registered); ``ui.step_types`` translates the entries. Dragging an action carries only its type id
(:data:`MIME_STEP_TYPE`); double-clicking it or pressing Enter asks for it to be added at
the end of the flow (``add_requested``), so the palette works without a mouse too. It is
:attr:`FlowPalette.preferred_width` wide when there is room and narrows on a small window, to
:data:`PALETTE_MIN_WIDTH` or as far as every word of the titles still fits: a title then wraps onto
more lines (:mod:`.wrapped_items`), never cut. Each action's tooltip says its name and what it does.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QMimeData, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QLineEdit,
    QStyleOptionViewItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.model.step_types import categories, step_type, step_types
from smsflow_desktop.ui.editor.wrapped_items import widest_word, wrap_entries
from smsflow_desktop.ui.resources import icon
from smsflow_desktop.ui.step_types import (
    MIME_STEP_TYPE,
    category_title,
    step_description,
    step_title,
    step_type_mime,
)

TYPE_ROLE = Qt.ItemDataRole.UserRole + 1
#: The narrowest the palette gets (a small window): the flow beside it needs the room more. It
#: stays wider when a word of a title would not fit (:meth:`FlowPalette.fit_minimum_width`).
PALETTE_MIN_WIDTH = 150


def _heading_hidden(item: QTreeWidgetItem) -> bool:
    """Whether the category heading over an action is hidden (a search found nothing in it)."""
    heading = item.parent()
    return heading is not None and heading.isHidden()


class _ActionTree(QTreeWidget):
    """The tree under the search box; its drags carry the step type id only."""

    def mimeTypes(self) -> list[str]:
        return [MIME_STEP_TYPE]

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:
        for item in items:
            type_id = item.data(0, TYPE_ROLE)
            if type_id:
                return step_type_mime(type_id)
        return QMimeData()

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


class FlowPalette(QFrame):
    """Searchable list of flow actions."""

    add_requested = Signal(str)  # step type id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Palette")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        title = QLabel(self.tr("Flow Actions"), self)
        title.setObjectName("PanelTitle")
        layout.addWidget(title)
        self.search = QLineEdit(self)
        self.search.setObjectName("PaletteSearch")
        self.search.setPlaceholderText(self.tr("Search actions"))
        self.search.setAccessibleName(self.tr("Search flow actions"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(
            QAction(icon("search"), self.tr("Search"), self.search), QLineEdit.ActionPosition.LeadingPosition
        )
        for button in self.search.findChildren(QToolButton):  # the decorative magnifier
            button.setAccessibleName(self.tr("Search"))
        layout.addWidget(self.search)
        self.tree = _ActionTree(self)
        self.tree.setObjectName("PaletteTree")
        self.tree.setAccessibleName(self.tr("Flow actions: drag one onto the flow, or press Enter to add it"))
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(0)
        self.tree.setIconSize(QSize(24, 24))
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.delegate = wrap_entries(self.tree)  # a long title wraps on a narrow palette
        layout.addWidget(self.tree, 1)
        hint = QLabel(self.tr("Drag an action onto the flow, or double-click it to add it at the end."), self)
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.categories: dict[str, QTreeWidgetItem] = {}
        self._populate()
        # Wide enough for the longest title in the shown language: icon, padding, margins, scroll bar.
        longest = max(self.tree.fontMetrics().horizontalAdvance(step_title(st.id)) for st in step_types())
        self.preferred_width = longest + 24 + 8 + 2 * 6 + 2 * 12 + 16
        self.fit_minimum_width()
        self.search.textChanged.connect(self.filter)
        self.tree.itemActivated.connect(self._activated)

    def fit_minimum_width(self) -> None:
        """Narrow to :data:`PALETTE_MIN_WIDTH` at most, but keep room for the longest word of a
        title on a line of its own (beside the icon, inside the padding and the scroll bar)."""
        self.tree.ensurePolished()
        item = self.items[next(iter(self.items))]
        option = QStyleOptionViewItem()
        option.initFrom(self.tree)
        option.decorationSize = self.tree.iconSize()
        self.delegate.initStyleOption(option, self.tree.indexFromItem(item))
        row = 400
        item_chrome = row - self.delegate.text_width(option, QRect(0, 0, row, 40))
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        chrome = (
            margins.left()
            + margins.right()
            + 2 * self.tree.frameWidth()
            + self.tree.verticalScrollBar().sizeHint().width()
            + item_chrome
        )
        titles = [step_title(st.id) for st in step_types()]
        needed = widest_word(titles, self.tree.font()) + chrome
        self.setMinimumWidth(min(max(PALETTE_MIN_WIDTH, needed), self.preferred_width))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange) and self.items:
            self.fit_minimum_width()

    def _populate(self) -> None:
        for category in categories():
            head = QTreeWidgetItem(self.tree)
            head.setText(0, category_title(category))
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setData(0, Qt.ItemDataRole.AccessibleTextRole, head.text(0))
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.categories[category] = head
            for st in step_types():
                if st.palette.category != category:
                    continue
                title, description = step_title(st.id), step_description(st.id)
                item = QTreeWidgetItem(head)
                item.setText(0, title)
                item.setIcon(0, icon(st.palette.icon))
                item.setToolTip(0, f"{title}: {description}")
                item.setData(0, TYPE_ROLE, st.id)
                item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, description)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
                self.items[st.id] = item
            head.setExpanded(True)

    def filter(self, text: str) -> None:
        """Show only actions whose title contains ``text`` (in the shown language or in English)."""
        needle = text.strip().casefold()
        for head in self.categories.values():
            visible = 0
            for i in range(head.childCount()):
                item = head.child(i)
                if item is None:
                    continue
                type_id = item.data(0, TYPE_ROLE)
                hay = f"{step_title(type_id)} {step_type(type_id).palette.title}".casefold()
                match = not needle or needle in hay
                item.setHidden(not match)
                visible += match
            head.setHidden(visible == 0)
        shown = self.visible_type_ids()
        current = self.tree.currentItem()
        if shown and (current is None or current.isHidden() or current not in self.items.values()):
            # Enter adds what the search found, never an action it hid
            self.tree.setCurrentItem(self.items[shown[0]])

    def visible_type_ids(self) -> list[str]:
        return [tid for tid, item in self.items.items() if not item.isHidden() and not _heading_hidden(item)]

    def _activated(self, item: QTreeWidgetItem) -> None:
        type_id = item.data(0, TYPE_ROLE)
        if type_id:
            self.add_requested.emit(type_id)
