"""``smsflow-desktop --self-test``: prove an installed or packaged app is whole.

Opens the main window offscreen on a small demo workspace in a temporary folder and checks
that the icons, the stylesheet, the Swedish translation and the demo data load. Prints one
line a check and returns 0 when all pass, 1 otherwise; it touches no real workspace.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

ICONS = ("app", "step-send-sms", "step-subscribe", "step-unsubscribe", "step-wait", "run", "preview")


def _icons() -> str:
    from smsflow_desktop.ui.resources import icon

    for name in ICONS:
        if icon(name).pixmap(32, 32).isNull():
            raise RuntimeError(f"icon {name!r} does not load")
    return f"{len(ICONS)} icons"


def _stylesheet() -> str:
    from smsflow_desktop.ui.resources import stylesheet

    text = stylesheet()
    if not text.strip():
        raise RuntimeError("the stylesheet is empty")
    return f"stylesheet ({len(text)} characters)"


def _translations() -> str:
    from smsflow_desktop.ui.resources import resource_path

    path = resource_path("translations", "smsflow_sv.qm")
    translator = QTranslator()
    if path is None or not translator.load(path):
        raise RuntimeError("the Swedish translation does not load")
    said = translator.translate("FlowPalette", "Flow Actions")
    if not said or said == "Flow Actions":
        raise RuntimeError("the Swedish translation has no text for 'Flow Actions'")
    return f"Swedish translation ('Flow Actions' → '{said}')"


def _demo_window(folder: Path) -> str:
    from smsflow_desktop.services.demo import create_demo_workspace
    from smsflow_desktop.services.workspace import Workspace
    from smsflow_desktop.ui.window import window_state
    from smsflow_desktop.ui.window.main_window import MainWindow
    from smsflow_desktop.ui.window.window_dialogs import HeadlessDialogs

    summary = create_demo_workspace(folder / "demo", people=300, seed=1)
    if summary.people != 300 or summary.campaigns < 1:
        raise RuntimeError(f"the demo workspace came out wrong: {summary}")
    window = MainWindow(Workspace.open(summary.workspace))
    window.dialogs = HeadlessDialogs(window)
    window.resize(1200, 800)
    window.show()
    QCoreApplication.processEvents()
    picture = window.grab()
    window.close()
    window_state.forget_workspace(summary.workspace)  # a throwaway: not one of the user's recent workspaces
    if picture.isNull() or picture.width() < 400:
        raise RuntimeError("the main window did not render")
    return f"demo workspace ({summary.people} people, {summary.campaigns} campaigns) in the main window"


def run_self_test() -> int:
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "smsflow-desktop"])
    checks: list[tuple[str, Callable[[], str]]] = [
        ("icons", _icons),
        ("stylesheet", _stylesheet),
        ("translations", _translations),
    ]
    failed = 0
    with tempfile.TemporaryDirectory(prefix="smsflow-self-test-") as tmp:
        checks.append(("demo", lambda: _demo_window(Path(tmp))))
        for name, check in checks:
            try:
                sys.stdout.write(f"ok    {check()}\n")
            except Exception as exc:  # noqa: BLE001 - every failure is reported, none hidden
                failed += 1
                sys.stdout.write(f"FAIL  {name}: {exc}\n")
    sys.stdout.write("self-test passed\n" if not failed else f"self-test failed: {failed} check(s)\n")
    sys.stdout.flush()
    del app
    return 1 if failed else 0
