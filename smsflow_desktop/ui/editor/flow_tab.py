"""The Flow tab: the Flow Actions palette beside the flow of step cards; an action added from
the palette (Enter or double-click) takes the focus to the new step. On a small window the
palette gives up room to the flow (which it wants :data:`FLOW_ROOM` wide), and takes it back, up
to the width it had, when the window grows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QWidget

from smsflow_desktop.ui.editor.controller import DocumentController
from smsflow_desktop.ui.editor.flow_view import FlowView
from smsflow_desktop.ui.editor.palette import FlowPalette
from smsflow_desktop.ui.workspace_data import Catalog

#: The room the flow is given before the palette narrows (down to its minimum) on a small window.
FLOW_ROOM = 600


class FlowTab(QWidget):
    """Palette on the left, flow on the right; double-click in the palette appends a step."""

    def __init__(self, controller: DocumentController, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("FlowSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.flow_palette = FlowPalette(self.splitter)
        self.flow_view = FlowView(controller, catalog, self.splitter)
        self.splitter.addWidget(self.flow_palette)
        self.splitter.addWidget(self.flow_view)
        self.splitter.setStretchFactor(1, 1)
        self.palette_width = self.flow_palette.preferred_width  # what it is given when there is room
        self.splitter.setSizes([self.palette_width, 800])
        self.splitter.splitterMoved.connect(self._palette_moved)
        layout.addWidget(self.splitter)
        self.flow_palette.add_requested.connect(self._append)

    def _append(self, type_id: str) -> None:
        self.flow_view.focus_step(self.controller.add_step(type_id))

    def _palette_moved(self, _pos: int, _index: int) -> None:
        self.palette_width = self.splitter.sizes()[0]  # the user's choice, kept when there is room

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_palette()

    def fit_palette(self) -> None:
        """Give the palette its width, or what the flow leaves of a narrow tab."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        width = max(self.flow_palette.minimumWidth(), min(self.palette_width, total - FLOW_ROOM))
        if self.splitter.sizes()[0] != width:
            self.splitter.blockSignals(True)
            self.splitter.setSizes([width, total - width])
            self.splitter.blockSignals(False)

    def set_catalog(self, catalog: Catalog) -> None:
        self.flow_view.set_catalog(catalog)

    def close_document(self) -> None:
        self.flow_view.disconnect_document()
