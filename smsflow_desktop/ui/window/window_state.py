"""What the app remembers between sessions (QSettings): window geometry and state, splitter
positions, the editor's last tab, and the language and appearance chosen when no workspace was
open.

Stored under the organisation "smsflow", application "smsflow-desktop" (on Linux in
``$XDG_CONFIG_HOME/smsflow/smsflow-desktop.conf``), never in the workspace. The campaign last
open in each workspace is kept there too, by the workspace folder, so the app reopens it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import unquote_plus, urlsplit, urlunsplit

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


def _workspace_key(root: Path | str) -> str:
    """A settings key for a workspace folder or database (a path holds slashes, which QSettings
    reads as groups)."""
    text = str(root.resolve()) if isinstance(root, Path) else location_text(root)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def remember_campaign(root: Path | str, name: str) -> None:
    """``name`` was the campaign last open in the workspace at ``root``: the app reopens it."""
    s = settings()
    s.setValue(f"workspaces/{_workspace_key(root)}/campaign", name)
    s.sync()


def last_campaign(root: Path | str) -> str | None:
    value = settings().value(f"workspaces/{_workspace_key(root)}/campaign")
    return value if isinstance(value, str) and value else None


# -- recent workspaces ----------------------------------------------------------------------------
RECENT_KEY = "recent/workspaces"
RECENT_MAX = 10
DATABASE_PREFIXES = ("postgresql://", "postgres://")
#: Query parameters of a database URL that carry a secret: never shown, never remembered.
SECRET_PARAMETERS = frozenset({"password", "sslpassword"})


def is_database_location(location: Path | str) -> bool:
    """Whether a workspace location is a database URL (else a folder)."""
    return isinstance(location, str) and location.startswith(DATABASE_PREFIXES)


def url_without_password(url: str) -> str | None:
    """``url`` without a password, in its user part or its query; None when it cannot be read."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return None
    userinfo, at, hostport = parts.netloc.rpartition("@")
    user = userinfo.split(":", 1)[0] if at else ""
    netloc = f"{user}@{hostport}" if user else hostport
    query = "&".join(
        item for item in parts.query.split("&") if unquote_plus(item.split("=", 1)[0]).lower() not in SECRET_PARAMETERS
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def location_text(location: Path | str) -> str:
    """A workspace as shown and remembered: a folder's path, a database URL without any password."""
    if not is_database_location(location):
        return str(location)
    return url_without_password(str(location)) or "postgresql://…"


def _location_entry(location: Path | str) -> str | None:
    if is_database_location(location):
        return url_without_password(str(location))
    try:
        return str(Path(location).expanduser().resolve())
    except (OSError, RuntimeError):
        return str(Path(location).expanduser().absolute())


def recent_workspaces() -> list[str]:
    """The workspaces opened last, most recent first: folders' paths and database URLs (never a
    password)."""
    value = settings().value(RECENT_KEY, "")
    try:
        entries = json.loads(value) if isinstance(value, str) and value else []
    except ValueError:
        return []
    if not isinstance(entries, list):
        return []
    return [e for e in entries if isinstance(e, str) and e][:RECENT_MAX]


def _store_recent(entries: list[str]) -> None:
    s = settings()
    s.setValue(RECENT_KEY, json.dumps(entries[:RECENT_MAX], ensure_ascii=False))
    s.sync()


def remember_workspace(location: Path | str) -> None:
    """``location`` was just opened: first in the recent list (a URL's password is left out)."""
    entry = _location_entry(location)
    if entry is None:
        return
    _store_recent([entry] + [e for e in recent_workspaces() if e != entry])


def forget_workspace(location: Path | str) -> None:
    """Take ``location`` (an entry of the list, or a folder or URL as opened) off the recent
    list; the workspace itself is left alone."""
    gone = {str(location), _location_entry(location)}
    _store_recent([e for e in recent_workspaces() if e not in gone])
