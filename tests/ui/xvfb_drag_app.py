"""Run by test_xvfb_drag.py on a real X display: drag "Wait" from the palette to the flow
with the real X pointer (XTest), then print the flow's step types as JSON; with the argument
``smart-list``, drag "Member of List" from the Smart List tab's library between its two
filters and print the filter types.

The pointer is driven from a second thread through libXtst, so the X server delivers real
button and motion events and Qt's own drag-and-drop loop (QDrag, xcb) handles them.
"""

from __future__ import annotations

import ctypes
import json
import sys
import threading
import time

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication

from smsflow_desktop.model.campaign import (
    Campaign,
    MemberOfVibesListFilter,
    PersonFieldFilter,
    SendSmsStep,
    SmartList,
)
from smsflow_desktop.model.document import CampaignDocument
from smsflow_desktop.ui.editor.controller import DocumentController
from smsflow_desktop.ui.editor.flow_tab import FlowTab
from smsflow_desktop.ui.workspace_data import Catalog


class XPointer:
    """The X server's pointer, moved and clicked through the XTest extension."""

    def __init__(self) -> None:
        self.x11 = ctypes.cdll.LoadLibrary("libX11.so.6")
        self.xtst = ctypes.cdll.LoadLibrary("libXtst.so.6")
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XFlush.argtypes = [ctypes.c_void_p]
        self.x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.xtst.XTestFakeMotionEvent.argtypes = [
            ctypes.c_void_p,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_ulong,
        ]
        self.xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        self.display = self.x11.XOpenDisplay(None)
        if not self.display:
            raise RuntimeError("cannot open the X display")

    def move(self, x: int, y: int) -> None:
        self.xtst.XTestFakeMotionEvent(self.display, -1, x, y, 0)
        self.x11.XFlush(self.display)

    def button(self, down: bool) -> None:
        self.xtst.XTestFakeButtonEvent(self.display, 1, 1 if down else 0, 0)
        self.x11.XFlush(self.display)

    def close(self) -> None:
        self.x11.XCloseDisplay(self.display)


def drag(pointer: XPointer, start: QPoint, end: QPoint) -> None:
    pointer.move(start.x(), start.y())
    time.sleep(0.3)
    pointer.button(True)
    time.sleep(0.2)
    steps = 30
    for i in range(1, steps + 1):  # a real hand: many small moves
        x = start.x() + (end.x() - start.x()) * i // steps
        y = start.y() + (end.y() - start.y()) * i // steps
        pointer.move(x, y)
        time.sleep(0.03)
    time.sleep(0.3)
    pointer.button(False)


def wait_exposed(app: QApplication, widget, ready=lambda: True) -> bool:
    deadline = time.monotonic() + 10
    while not widget.isVisible() or not ready() or not widget.windowHandle().isExposed():
        app.processEvents()
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    return True


def drag_with_pointer(app: QApplication, start: QPoint, end: QPoint, done) -> None:
    """Drag from ``start`` to ``end`` (global points) with the X pointer; the app runs until ``done()``."""
    pointer = XPointer()
    worker = threading.Thread(target=drag, args=(pointer, start, end), daemon=True)
    QTimer.singleShot(200, worker.start)
    QTimer.singleShot(15000, app.quit)
    watch = QTimer()
    watch.timeout.connect(lambda: app.quit() if done() else None)
    watch.start(50)
    app.exec()
    worker.join(timeout=5)
    pointer.close()


def smart_list(app: QApplication) -> int:
    from smsflow_desktop.ui.editor.smart_list_tab import KIND_ROLE, SmartListTab

    filters = [PersonFieldFilter(field="country", values=["SE"]), MemberOfVibesListFilter(vibes_list_id="101")]
    document = CampaignDocument(Campaign(name="Drag", smart_list=SmartList(filters=filters)))
    controller = DocumentController(document)
    tab = SmartListTab(controller, Catalog(), None)
    tab.setGeometry(0, 0, 1000, 700)
    tab.show()
    tab.activateWindow()
    if not wait_exposed(app, tab, lambda: len(tab.rows) == 2):
        print(json.dumps({"error": "window never exposed"}))
        return 3
    library = tab.library
    item = next(library.item(i) for i in range(library.count()) if library.item(i).data(KIND_ROLE) == "member_of_list")
    start = library.viewport().mapToGlobal(library.visualItemRect(item).center())
    second = tab.rows[1]  # drop in the gap between filter 1 and filter 2
    end = second.mapToGlobal(QPoint(second.width() // 2, 6))
    drag_with_pointer(app, start, end, lambda: len(document.campaign.smart_list.filters) == 3)
    sl = document.campaign.smart_list
    print(json.dumps({"filters": [f.type for f in sl.filters], "undo": controller.stack.undoText()}))
    return 0


def main() -> int:
    app = QApplication(sys.argv[:1])
    if sys.argv[1:] == ["smart-list"]:
        return smart_list(app)
    document = CampaignDocument(Campaign(name="Drag", flow=[SendSmsStep(), SendSmsStep()]))
    controller = DocumentController(document)
    tab = FlowTab(controller, Catalog())
    tab.setGeometry(0, 0, 1000, 700)
    tab.show()
    tab.activateWindow()
    deadline = time.monotonic() + 10
    while not tab.isVisible() or tab.flow_view.cards[0] is None or not tab.windowHandle().isExposed():
        app.processEvents()
        if time.monotonic() > deadline:
            print(json.dumps({"error": "window never exposed"}))
            return 3
        time.sleep(0.05)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    tree = tab.flow_palette.tree
    item = tab.flow_palette.items["wait"]
    start = tree.viewport().mapToGlobal(tree.visualItemRect(item).center())
    second = tab.flow_view.cards[1]  # drop in the gap between step 1 and step 2
    end = second.mapToGlobal(QPoint(second.width() // 2, 6))
    pointer = XPointer()
    worker = threading.Thread(target=drag, args=(pointer, start, end), daemon=True)
    QTimer.singleShot(200, worker.start)
    QTimer.singleShot(15000, app.quit)
    watch = QTimer()
    watch.timeout.connect(lambda: app.quit() if len(document.campaign.flow) == 3 else None)
    watch.start(50)
    app.exec()
    worker.join(timeout=5)
    pointer.close()
    print(json.dumps({"steps": [s.type for s in document.campaign.flow], "undo": controller.stack.undoText()}))
    tab.close_document()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
