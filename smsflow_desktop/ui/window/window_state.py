"""What the app remembers between sessions (QSettings): window geometry and state, splitter
positions, the editor's last tab, and the language and appearance chosen when no workspace was
open.

Stored under the organisation "smsflow", application "smsflow-desktop" (on Linux in
``$XDG_CONFIG_HOME/smsflow/smsflow-desktop.conf``), never in the workspace. The campaign last
open in each workspace is kept there too, by the workspace folder, so the app reopens it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from smsflow_desktop.ui.editor.campaign_editor import CampaignEditor

ORGANIZATION = "smsflow"
APPLICATION = "smsflow-desktop"


def settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None


def restore_window(window: QMainWindow, splitter: QSplitter) -> None:
    """Geometry, toolbar/dock state and the navigator's splitter as they were last time."""
    s = settings()
    geometry = _bytes(s.value("window/geometry"))
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(1360, 860)
    state = _bytes(s.value("window/state"))
    if state is not None:
        window.restoreState(state)
    sizes = _bytes(s.value("window/splitter"))
    if sizes is not None:
        splitter.restoreState(sizes)


def save_window(window: QMainWindow, splitter: QSplitter) -> None:
    s = settings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    s.setValue("window/splitter", splitter.saveState())
    s.sync()


def restore_editor(editor: CampaignEditor) -> None:
    s = settings()
    state = _bytes(s.value("editor/flow_splitter"))
    if state is not None:
        editor.flow_tab.splitter.restoreState(state)
    tab = s.value("editor/tab")
    if isinstance(tab, str):
        editor.set_tab(tab)


def save_editor(editor: CampaignEditor) -> None:
    s = settings()
    s.setValue("editor/flow_splitter", editor.flow_tab.splitter.saveState())
    s.setValue("editor/tab", editor.current_tab())


def language_preference() -> str:
    value = settings().value("ui/language", "")
    return value if isinstance(value, str) else ""


def set_language_preference(code: str) -> None:
    s = settings()
    s.setValue("ui/language", code)
    s.sync()


def appearance_preference() -> str:
    """ "" (follow the system), "light" or "dark"."""
    value = settings().value("ui/appearance", "")
    return value if value in ("light", "dark") else ""


def set_appearance_preference(choice: str) -> None:
    s = settings()
    s.setValue("ui/appearance", choice)
    s.sync()


def _workspace_key(root: Path) -> str:
    """A settings key for a workspace folder (a path holds slashes, which QSettings reads as groups)."""
    return hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:20]


def remember_campaign(root: Path, name: str) -> None:
    """``name`` was the campaign last open in the workspace at ``root``: the app reopens it."""
    s = settings()
    s.setValue(f"workspaces/{_workspace_key(root)}/campaign", name)
    s.sync()


def last_campaign(root: Path) -> str | None:
    value = settings().value(f"workspaces/{_workspace_key(root)}/campaign")
    return value if isinstance(value, str) and value else None
