"""The way back to the open campaign: from the People page, activating the campaign in the
navigator (a double-click, Enter, or a real mouse on an X server) shows its editor again, as
it was left; Preview, Run and Check bring it into view before acting on it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from smsflow_desktop.services.workspace import Workspace

from .engine_fixtures import close_window, open_window, wait_idle
from .test_xvfb_drag import xvfb_display  # noqa: F401  (a fixture)


@pytest.fixture
def window(qtbot, workspace: Workspace):
    win = open_window(qtbot, workspace)
    yield win
    close_window(win)


def test_the_navigator_brings_back_the_campaign_open_behind_the_people_page(window) -> None:
    win = window
    assert win.open_campaign("Spring promo")
    editor, controller = win.editor, win.context.controller
    controller.add_step("wait")  # an edit not saved yet
    win.show_people()
    assert win.pages.currentWidget() is win.workspace_actions.people_view
    win.navigator.tree.itemActivated.emit(win.navigator.items[("campaign", "Spring promo")], 0)
    assert win.pages.currentWidget() is editor  # the same editor: nothing reloaded, nothing lost
    assert win.context.controller is controller and controller.is_dirty and controller.stack.canUndo()
    assert win.navigator.current() == ("campaign", "Spring promo")
    assert not win.dialogs.asked and not win.dialogs.told


@pytest.mark.parametrize("action", ["preview", "validate"])
def test_preview_and_check_show_the_campaign_they_act_on(window, qtbot, action: str) -> None:
    win = window
    win.open_campaign("Spring promo")
    win.show_people()
    getattr(win.actions_, action).trigger()
    assert win.pages.currentWidget() is win.editor
    wait_idle(qtbot, win)
    if action == "preview":
        assert win.engine.preview_dialog is not None and win.engine.preview_dialog.isVisible()
        win.engine.preview_dialog.close()


def test_run_shows_the_campaign_it_runs(window, qtbot) -> None:
    win = window
    win.open_campaign("Spring promo")
    win.show_people()
    win.actions_.run.trigger()
    assert win.pages.currentWidget() is win.editor
    qtbot.waitUntil(lambda: "run:Spring promo" in win.dialogs.asked, timeout=20000)
    wait_idle(qtbot, win)


@pytest.mark.xvfb
def test_real_mouse_double_click_in_the_navigator_shows_the_open_campaign(
    xvfb_display: str,
    workspace: Workspace,
    tmp_path: Path,
) -> None:
    env = dict(os.environ)
    env.update(
        DISPLAY=xvfb_display,
        QT_QPA_PLATFORM="xcb",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / ".config"),
        XDG_RUNTIME_DIR=str(tmp_path),
    )
    script = Path(__file__).with_name("xvfb_navigator_app.py")
    result = subprocess.run(
        [sys.executable, str(script), str(workspace.root)], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"before": "people", "after": "editor", "selected": ["campaign", "Spring promo"]}
