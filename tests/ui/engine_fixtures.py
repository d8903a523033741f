"""Shared pieces for the GUI tests of preview, runs, results and people: a small demo
workspace (the real demo generator, with its embedded Vibes emulator), a window on it whose
dialogs answer like a scripted user, and waiting helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from smsflow_desktop.services.demo import create_demo_workspace
from smsflow_desktop.services.workspace import Workspace

from .conftest import ScriptedDialogs

DEMO_PEOPLE = 400
_template: dict[str, Path] = {}


def demo_workspace(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A fresh copy of a small demo workspace (built once per test session)."""
    if "root" not in _template:
        root = tmp_path_factory.mktemp("demo-template") / "ws"
        create_demo_workspace(root, people=DEMO_PEOPLE, seed=11)
        _template["root"] = root
    target = tmp_path / "demo"
    shutil.copytree(_template["root"], target)
    return Workspace.open(target)


def open_window(qtbot, ws: Workspace):
    from smsflow_desktop.ui.window.main_window import MainWindow

    win = MainWindow(ws)
    win.dialogs = ScriptedDialogs()
    qtbot.addWidget(win)
    win.resize(1280, 820)
    win.show()
    qtbot.waitExposed(win)
    return win


def close_window(win) -> None:
    win.dialogs.save_answer = "discard"
    win.dialogs.confirm_answer = True
    win.close()
    for runner in win.engine.runners + win.vibes.runners:
        assert runner.qthread.isFinished() or not runner.qthread.isRunning()


def wait_idle(qtbot, win, timeout: int = 20000) -> None:
    """Until every worker thread of the window has finished."""
    qtbot.waitUntil(lambda: not win.engine.runners, timeout=timeout)
