"""Run by test_campaign_navigation.py on a real X display: open the workspace given as the
argument in the main window, open "Spring promo", show the People page, then double-click the
campaign in the navigator with the real X pointer (XTest) and print, as JSON, the page shown
before and after and the navigator's selection."""

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


def double_click(pointer: XPointer, x: int, y: int) -> None:
    pointer.move(x, y)
    time.sleep(0.3)
    for _ in range(2):
        pointer.button(True)
        time.sleep(0.03)
        pointer.button(False)
        time.sleep(0.08)


def page(win: MainWindow) -> str:
    current = win.pages.currentWidget()
    if current is not None and current is win.editor:
        return "editor"
    if current is not None and current is win.workspace_actions.people_view:
        return "people"
    return type(current).__name__


def main() -> int:
    app = QApplication(sys.argv[:1])
    win = MainWindow(Workspace.open(Path(sys.argv[1])))
    win.setGeometry(0, 0, 1200, 800)
    win.show()
    win.activateWindow()
    win.open_campaign("Spring promo")
    win.show_people()
    if not wait_exposed(app, win):
        print(json.dumps({"error": "window never exposed"}))
        return 3
    before = page(win)
    tree = win.navigator.tree
    item = win.navigator.items[("campaign", "Spring promo")]
    tree.scrollToItem(item)
    app.processEvents()
    point = tree.viewport().mapToGlobal(tree.visualItemRect(item).center())
    pointer = XPointer()
    worker = threading.Thread(target=double_click, args=(pointer, point.x(), point.y()), daemon=True)
    QTimer.singleShot(200, worker.start)
    seen: dict[str, object] = {}

    def look() -> None:
        seen.update(after=page(win), selected=list(win.navigator.current() or ()))
        if seen["after"] == "editor" or (not worker.is_alive() and time.monotonic() > stop_after):
            watch.stop()
            app.quit()  # closes the window too: what it showed is read before

    stop_after = time.monotonic() + 3  # the clicks are done by then
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
