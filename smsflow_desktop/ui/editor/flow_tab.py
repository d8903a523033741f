"""The Flow tab: the Flow Actions palette beside the flow of step cards; an action added from
the palette (Enter or double-click) takes the focus to the new step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QWidget

from smsflow_desktop.ui.editor.controller import DocumentController
from smsflow_desktop.ui.editor.flow_view import FlowView
from smsflow_desktop.ui.editor.palette import FlowPalette
from smsflow_desktop.ui.workspace_data import Catalog


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
        self.palette = FlowPalette(self.splitter)
        self.flow_view = FlowView(controller, catalog, self.splitter)
        self.splitter.addWidget(self.palette)
        self.splitter.addWidget(self.flow_view)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([self.palette.minimumWidth(), 800])
        layout.addWidget(self.splitter)
        self.palette.add_requested.connect(self._append)

    def _append(self, type_id: str) -> None:
        self.flow_view.focus_step(self.controller.add_step(type_id))

    def set_catalog(self, catalog: Catalog) -> None:
        self.flow_view.set_catalog(catalog)

    def close_document(self) -> None:
        self.flow_view.disconnect_document()
