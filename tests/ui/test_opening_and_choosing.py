"""Opening and choosing: one click opens a campaign, the app comes back to the campaign that was
open, file choosers start where the user last was (else in their documents folder, never the
folder the app was started from), the New Campaign dialog wears the app's own icons and every
toolbar button says what it does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QToolButton

from smsflow_desktop.services.campaigns import delete_campaign
from smsflow_desktop.ui import file_dialogs
from smsflow_desktop.ui.editor.message_editor import MessageEditor
from smsflow_desktop.ui.resources import icon
from smsflow_desktop.ui.window import startup
from smsflow_desktop.ui.window.window_dialogs import NameDialog

from .conftest import ScriptedDialogs
from .test_xvfb_drag import xvfb_display  # noqa: F401  (a fixture)


def click_item(qtbot, nav, kind: str, value: str) -> None:
    item = nav.items[(kind, value)]
    nav.tree.scrollToItem(item)
    qtbot.mouseClick(nav.tree.viewport(), Qt.MouseButton.LeftButton, pos=nav.tree.visualItemRect(item).center())


def test_one_click_opens_a_campaign(window, qtbot) -> None:
    assert window.editor is None
    click_item(qtbot, window.navigator, "campaign", "Spring promo")
    assert window.editor is not None
    assert window.context.controller.saved_name == "Spring promo"
    # An SMS message opens a dialog: one click only selects it.
    click_item(qtbot, window.navigator, "message", "Spring offer")
    QApplication.processEvents()
    assert not [d for d in window.findChildren(MessageEditor) if d.isVisible()]


def new_window(qtbot, workspace):
    from smsflow_desktop.ui.window.main_window import MainWindow

    win = MainWindow(workspace)
    win.dialogs = ScriptedDialogs()
    qtbot.addWidget(win)
    win.show()
    return win


def test_the_app_reopens_the_campaign_that_was_open(qtbot, workspace, tmp_path) -> None:
    first = new_window(qtbot, workspace)
    assert first.open_campaign("Spring promo")
    first.editor.set_tab("schedule")
    first.close()
    again = new_window(qtbot, workspace)
    startup.open_requested(again, campaign=None, tab=None, message=None, reopen_last=True)
    assert again.editor is not None and again.context.controller.saved_name == "Spring promo"
    assert again.editor.current_tab() == "schedule"
    again.close()
    # Gone since: the app opens on the welcome page, without a word.
    with workspace.session() as conn:
        delete_campaign(conn, "Spring promo")
    third = new_window(qtbot, workspace)
    startup.open_requested(third, campaign=None, tab=None, message=None, reopen_last=True)
    assert third.editor is None and third.pages.currentWidget() is third.welcome
    assert third.dialogs.told == []
    third.close()


def test_another_workspace_does_not_reopen_this_ones_campaign(qtbot, workspace, tmp_path) -> None:
    from smsflow_desktop.services.workspace import Workspace

    first = new_window(qtbot, workspace)
    assert first.open_campaign("Spring promo")
    first.close()
    other = new_window(qtbot, Workspace.open(tmp_path / "other", create=True))
    startup.open_requested(other, campaign=None, tab=None, message=None, reopen_last=True)
    assert other.editor is None
    other.close()


@pytest.fixture
def chooser(monkeypatch):
    """QFileDialog's choosers, answered with ``answers`` in turn; ``asked`` holds the folders they opened in."""
    asked: list[Path] = []
    answers: list[str] = []

    def open_name(parent, title, folder, filters="", *args):
        asked.append(Path(folder))
        return (answers.pop(0) if answers else "", "")

    def save_name(parent, title, suggested, filters="", *args):
        asked.append(Path(suggested).parent)
        return (answers.pop(0) if answers else "", "")

    def folder_name(parent, title, folder, *args):
        asked.append(Path(folder))
        return answers.pop(0) if answers else ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_name))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(folder_name))
    return asked, answers


def test_file_choosers_start_where_the_user_last_was(window, chooser, tmp_path) -> None:
    asked, answers = chooser
    documents = file_dialogs.documents_folder()
    assert documents != Path.cwd()
    assert window.import_campaign_file() is None  # cancelled
    assert asked[-1] == documents
    campaigns = tmp_path / "campaign files"
    campaigns.mkdir()
    answers.append(str(campaigns / "missing.smsflow.json"))
    window.import_campaign_file()  # the file does not read: an error, but the folder is remembered
    assert window.import_campaign_file() is None
    assert asked[-1] == campaigns
    # Export starts in the same folder (campaign files), with the campaign's name.
    assert window.open_campaign("Spring promo")
    assert window.export_campaign_file() is None
    assert asked[-1] == campaigns
    # Another kind of file keeps its own folder.
    assert file_dialogs.start_folder("people_csv") == documents
    assert file_dialogs.start_folder("campaign_file") == campaigns


def test_a_remembered_folder_that_is_gone_falls_back_to_documents(chooser, tmp_path) -> None:
    _asked, answers = chooser
    gone = tmp_path / "gone"
    gone.mkdir()
    answers.append(str(gone))
    assert file_dialogs.choose_folder(None, "workspace", "Open workspace folder") == gone
    assert file_dialogs.start_folder("workspace") == gone
    gone.rmdir()
    assert file_dialogs.start_folder("workspace") == file_dialogs.documents_folder()


def test_the_new_campaign_dialog_wears_the_apps_icons(qtbot) -> None:
    dialog = NameDialog(None, "New campaign", "Name of the new smart campaign:")
    qtbot.addWidget(dialog)
    create = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert create.text() == "Create"
    assert create.icon().cacheKey() == icon("new-campaign").cacheKey()
    assert cancel.icon().cacheKey() == icon("delete").cacheKey()


def toolbar_buttons(win) -> list[tuple[object, QToolButton]]:
    out = []
    for action in win.toolbar.actions():
        if action.isSeparator():
            continue
        button = win.toolbar.widgetForAction(action)
        assert isinstance(button, QToolButton)
        out.append((action, button))
    return out


def test_every_toolbar_button_says_what_it_does(window, qtbot) -> None:
    window.resize(1600, 900)
    QApplication.processEvents()
    for action, button in toolbar_buttons(window):
        assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon, action.text()
        assert button.text(), action.toolTip()
    a = window.actions_
    assert [a.open_workspace.iconText(), a.import_file.iconText(), a.export_file.iconText()] == [
        "Open",
        "Import",
        "Export",
    ]
    # Undo says the edit it undoes in its tooltip; the button keeps its one word.
    assert window.open_campaign("Spring promo")
    window.context.controller.set_field(1, "duration", "2 days")
    assert a.undo.iconText() == "Undo" and a.undo.toolTip() == a.undo.text() != "Undo"


def test_on_a_small_window_validate_preview_and_run_stay_in_sight(window, qtbot) -> None:
    window.resize(300, 200)
    QApplication.processEvents()
    QApplication.processEvents()
    shown = {action: button for action, button in toolbar_buttons(window)}
    a = window.actions_
    for action in (a.new_campaign, a.validate, a.preview, a.run):
        button = shown[action]
        assert button.isVisible(), action.text()
        right = button.mapTo(window.toolbar, QPoint(button.width(), 0)).x()
        assert right <= window.toolbar.width()
    assert shown[a.import_file].toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    assert a.import_file.toolTip()


@pytest.mark.xvfb
def test_real_mouse_one_click_opens_a_campaign(xvfb_display: str, workspace, tmp_path: Path) -> None:
    env = dict(os.environ)
    env.update(
        DISPLAY=xvfb_display,
        QT_QPA_PLATFORM="xcb",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / ".config"),
        XDG_RUNTIME_DIR=str(tmp_path),
    )
    script = Path(__file__).with_name("xvfb_click_app.py")
    result = subprocess.run(
        [sys.executable, str(script), str(workspace.root)], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"before": "WelcomePage", "after": "editor", "open": "Spring promo"}


def test_every_file_chooser_goes_through_file_dialogs() -> None:
    """So each opens where that kind of file was last chosen, never in the folder the app started in."""
    ui = Path(file_dialogs.__file__).parent
    direct = [
        str(path.relative_to(ui))
        for path in ui.rglob("*.py")
        if path.name != "file_dialogs.py" and "QFileDialog" in path.read_text(encoding="utf-8")
    ]
    assert direct == []
