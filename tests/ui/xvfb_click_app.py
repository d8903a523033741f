"""Run by test_opening_and_choosing.py on a real X display: open the workspace given as the
argument in the main window (no campaign open), click "Spring promo" in the navigator once with
the real X pointer (XTest) and print, as JSON, the page shown before and after and the campaign
then open."""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from smsflow_desktop.services.workspace import Workspace
from smsflow_desktop.ui.window.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).parent))

from xvfb_drag_app import XPointer, wait_exposed


def click(pointer: XPointer, x: int, y: int) -> None:
    pointer.move(x, y)
    time.sleep(0.3)
    pointer.button(True)
    time.sleep(0.05)
    pointer.button(False)


def main() -> int:
    app = QApplication(sys.argv[:1])
    win = MainWindow(Workspace.open(Path(sys.argv[1])))
    win.setGeometry(0, 0, 1200, 800)
    win.show()
    win.activateWindow()
    if not wait_exposed(app, win):
        print(json.dumps({"error": "window never exposed"}))
        return 3
    before = "editor" if win.editor is not None else type(win.pages.currentWidget()).__name__
    tree = win.navigator.tree
    item = win.navigator.items[("campaign", "Spring promo")]
    tree.scrollToItem(item)
    app.processEvents()
    point = tree.viewport().mapToGlobal(tree.visualItemRect(item).center())
    pointer = XPointer()
    worker = threading.Thread(target=click, args=(pointer, point.x(), point.y()), daemon=True)
    QTimer.singleShot(200, worker.start)
    stop_after = time.monotonic() + 3  # the click is done by then
    seen: dict[str, object] = {}

    def look() -> None:
        controller = win.context.controller
        seen.update(
            after="editor" if win.pages.currentWidget() is win.editor and win.editor is not None else "welcome",
            open=controller.saved_name if controller is not None else None,
        )
        if seen["after"] == "editor" or (not worker.is_alive() and time.monotonic() > stop_after):
            watch.stop()
            app.quit()

    watch = QTimer()
    watch.timeout.connect(look)
    watch.start(50)
    app.exec()
    worker.join(timeout=5)
    pointer.close()
    print(json.dumps({"before": before, **seen}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
