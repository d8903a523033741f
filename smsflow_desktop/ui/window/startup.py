"""Starting the app: application settings, the workspace (the first time, offering the demo
one, an empty one or a folder), the language, what to open, the quick tour, ``--screenshot``.

The first window appears before any slow work: the demo workspace is built on a worker
thread behind a progress dialog while the (empty) window is already on screen. The tour is
offered once, after the first start.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QStyleFactory

from smsflow_desktop.services.settings import SettingError, get_setting
from smsflow_desktop.services.workspace import DB_NAME, Workspace, WorkspaceError
from smsflow_desktop.ui import theme
from smsflow_desktop.ui.file_dialogs import choose_folder
from smsflow_desktop.ui.i18n import install_translators
from smsflow_desktop.ui.resources import icon
from smsflow_desktop.ui.window import window_state
from smsflow_desktop.ui.window.main_window import MainWindow
from smsflow_desktop.ui.window.window_dialogs import HeadlessDialogs
from smsflow_desktop.ui.workers import TaskRunner

log = logging.getLogger(__name__)


def configure_application(app: QApplication, appearance: str | None = None) -> None:
    """Names, icon, style, and the light or dark look: ``appearance`` ("", "light" or "dark"),
    else the one last chosen in the View menu ("" follows the system)."""
    app.setOrganizationName(window_state.ORGANIZATION)
    app.setApplicationName(window_state.APPLICATION)
    app.setApplicationDisplayName("smsflow-desktop")
    app.setWindowIcon(icon("app"))
    # Only before the look is first applied: replacing the style under a stylesheet deletes the
    # style open widgets still point at, and Qt crashes at the next stylesheet change.
    if "Fusion" in QStyleFactory.keys() and not app.styleSheet():  # noqa: SIM118 - a list of names
        app.setStyle("Fusion")
    theme.install(app, window_state.appearance_preference() if appearance is None else appearance)


def open_existing(root: Path | str) -> Workspace | None:
    """The workspace at ``root`` (a folder or a database URL) if there is one (WorkspaceError if
    it cannot be opened)."""
    if isinstance(root, str):
        return Workspace.open(root)
    if not (root / DB_NAME).exists():
        return None
    return Workspace.open(root)


def install_language(app: QApplication, workspace: Workspace | None) -> str:
    setting = window_state.language_preference()
    if workspace is not None:
        try:
            with workspace.session() as conn:
                setting = get_setting(conn, "ui.language") or setting
        except (WorkspaceError, SettingError) as exc:
            log.warning("could not read ui.language: %s", exc)
    return install_translators(app, setting)


def _wait(runner: TaskRunner[Any, Any]) -> None:
    loop = QEventLoop()
    runner.done.connect(loop.quit)
    if not runner.finished:
        loop.exec()
    runner.wait()


def create_workspace(window: MainWindow, root: Path | str, *, demo: bool, people: int, seed: int) -> Workspace | None:
    """Create the workspace at ``root``: the demo one (when asked) or an empty one."""
    if not demo:
        try:
            return Workspace.open(root, create=True)
        except WorkspaceError as exc:
            window.dialogs.error(QCoreApplication.translate("Startup", "Cannot create workspace"), str(exc))
            return None
    dialog = QProgressDialog(QCoreApplication.translate("Startup", "Creating the demo workspace…"), "", 0, 0, window)
    dialog.setWindowTitle(QCoreApplication.translate("Startup", "First start"))
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.show()
    stages = {
        "people": QCoreApplication.translate("Startup", "Adding %1 demo people…").replace("%1", str(people)),
        "lists": QCoreApplication.translate("Startup", "Adding lists, messages and campaigns…"),
        "done": QCoreApplication.translate("Startup", "Done"),
    }

    from smsflow_desktop.services.demo import DemoSummary, create_demo_workspace

    def job(report: Callable[[tuple[str, int, int]], None]) -> DemoSummary:
        return create_demo_workspace(
            root, people=people, seed=seed, progress=lambda stage, done, total: report((stage, done, total))
        )

    def progressed(value: tuple[str, int, int]) -> None:
        stage, done, total = value
        dialog.setLabelText(stages.get(stage, stage))
        dialog.setMaximum(max(1, total))
        dialog.setValue(min(done, total))

    errors: list[str] = []
    runner = TaskRunner(
        job,
        name="demo",
        parent=window,
        expected=(WorkspaceError, OSError, ValueError, RuntimeError),
        on_progress=progressed,
        on_failure=errors.append,
    ).start()
    _wait(runner)
    dialog.close()
    if errors:
        window.dialogs.error(
            QCoreApplication.translate("Startup", "Demo workspace"),
            QCoreApplication.translate("Startup", "The demo workspace could not be created: %1").replace(
                "%1", errors[0]
            ),
        )
        try:
            return Workspace.open(root, create=True)
        except WorkspaceError:
            return None
    return Workspace.open(root)


def first_start(window: MainWindow, root: Path | str, *, suggested: str, people: int, seed: int) -> Workspace | None:
    """No workspace at ``root`` yet: offer the demo, an empty workspace or another folder."""
    choice = window.dialogs.first_start(suggested)
    if choice is None:
        return None
    if choice == "open":
        folder = choose_folder(window, "workspace", QCoreApplication.translate("Startup", "Open workspace folder"))
        if folder is None:
            return first_start(window, root, suggested=suggested, people=people, seed=seed)
        try:
            return Workspace.open(folder, create=True)
        except WorkspaceError as exc:
            window.dialogs.error(QCoreApplication.translate("Startup", "Cannot open workspace"), str(exc))
            return None
    return create_workspace(window, root, demo=choice == "demo", people=people, seed=seed)


def offer_tour(window: MainWindow) -> None:
    """Show the quick tour once (the first time the app starts)."""
    from smsflow_desktop.ui.window.tour import tour_seen

    if not tour_seen():
        window.show_tour()


def open_requested(
    window: MainWindow,
    *,
    campaign: str | None,
    tab: str | None,
    message: str | None,
    reopen_last: bool = False,
    preview: int | None = None,
) -> None:
    """Open what the command line asked for; with nothing asked and ``reopen_last``, the campaign
    that was open when the workspace was last left."""
    if campaign:
        window.open_campaign(campaign)
    elif reopen_last and not message:
        window.reopen_last_campaign()
    if tab and window.editor is not None:
        window.editor.set_tab(tab)
    if message:
        window.open_message(message)
    if preview is not None and window.editor is not None:
        window.engine.preview(preview)


def _settle(window: MainWindow, timeout_ms: int = 5000) -> None:
    """Let lazily built cards, the live count and the Preview's figures finish before taking a picture."""
    if window.editor is not None:
        window.editor.flow_tab.flow_view.ensure_built()
    waited = 0
    while waited < timeout_ms:
        QApplication.processEvents()
        busy = (window.counter is not None and window.counter.busy) or bool(window.engine.runners)
        if not busy and waited >= 400:
            break
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 50
    QApplication.processEvents()


def screenshot(window: MainWindow, path: Path) -> int:
    """Render the window (or an open message editor or Preview) to ``path`` and close; the exit code."""
    window.dialogs = HeadlessDialogs(window)
    _settle(window)
    from smsflow_desktop.ui.editor.message_editor import MessageEditor
    from smsflow_desktop.ui.run.funnel_dialog import PreviewDialog

    editors = [w for w in window.findChildren(MessageEditor) if w.isVisible()]
    previews = [w for w in window.findChildren(PreviewDialog) if w.isVisible()]
    target = editors[0] if editors else previews[0] if previews else window
    image = target.grab()
    path.parent.mkdir(parents=True, exist_ok=True)
    ok = image.save(str(path), "PNG")
    for editor in editors:
        editor.reject()
    window.close()
    if not ok:
        sys.stderr.write(f"smsflow-desktop: cannot write the screenshot to {path}\n")
        return 2
    return 0
