"""The main window: navigator on the left, the campaign editor in the middle, menus,
toolbar and status bar.

The window owns the open workspace (a GUI-thread connection, the catalog for drop-downs,
the audience counter's thread) and at most one open campaign (its document, controller
and editor). Opening another campaign, another workspace or quitting asks before
unsaved edits are lost. Geometry, splitter and tab are remembered with QSettings.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QUndoGroup
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QSplitter, QStackedWidget, QWidget

from smsflow_desktop import __version__
from smsflow_desktop.model.campaign import BadName, Campaign, SmsMessage, clean_name
from smsflow_desktop.model.document import CampaignDocument
from smsflow_desktop.services.campaigns import (
    CampaignNotFound,
    list_campaigns,
    load_campaign,
    message_bodies,
    save_campaign,
)
from smsflow_desktop.services.settings import SettingError, get_setting, set_setting
from smsflow_desktop.services.workspace import Workspace, WorkspaceError
from smsflow_desktop.ui.editor import campaign_files
from smsflow_desktop.ui.editor.audience import AudienceCounter
from smsflow_desktop.ui.editor.campaign_editor import CampaignEditor
from smsflow_desktop.ui.editor.controller import DocumentController, SaveError
from smsflow_desktop.ui.editor.message_editor import MessageEditor
from smsflow_desktop.ui.resources import icon
from smsflow_desktop.ui.window import window_state
from smsflow_desktop.ui.window.engine_actions import EngineActions
from smsflow_desktop.ui.window.navigator import Navigator
from smsflow_desktop.ui.window.vibes_actions import VibesActions
from smsflow_desktop.ui.window.welcome import WelcomePage
from smsflow_desktop.ui.window.window_actions import build_actions, build_menus, build_toolbar
from smsflow_desktop.ui.window.window_dialogs import WindowDialogs
from smsflow_desktop.ui.window.workspace_actions import WorkspaceActions
from smsflow_desktop.ui.workspace_data import Catalog, load_catalog, load_navigator_data

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """The application window."""

    def __init__(self, workspace: Workspace | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowIcon(icon("app"))
        self.dialogs = WindowDialogs(self)
        self.workspace: Workspace | None = None
        self.conn: sqlite3.Connection | None = None
        self.catalog = Catalog()
        self.counter: AudienceCounter | None = None
        self.controller: DocumentController | None = None
        self.editor: CampaignEditor | None = None
        self.undo_group = QUndoGroup(self)

        self.navigator = Navigator(self)
        self.navigator.setMinimumWidth(200)
        self.pages = QStackedWidget(self)
        self.welcome = WelcomePage(self.pages)
        self.pages.addWidget(self.welcome)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 1000])
        self.setCentralWidget(self.splitter)

        self.actions_ = build_actions(self)
        build_menus(self.menuBar(), self.actions_)
        self.toolbar = self.addToolBar(self.tr("Main"))
        build_toolbar(self.toolbar, self.actions_)
        self.engine = EngineActions(self)
        self.vibes = VibesActions(self)
        self.workspace_actions = WorkspaceActions(self)
        self.workspace_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.workspace_label)

        self.navigator.campaign_activated.connect(self.open_campaign)
        self.navigator.message_activated.connect(self.open_message)
        self.navigator.new_campaign_requested.connect(self.new_campaign)
        self.navigator.new_message_requested.connect(self.new_message)
        self.navigator.sync_requested.connect(self.sync_vibes)
        self.navigator.people_activated.connect(self.show_people)
        self.welcome.new_campaign_requested.connect(self.new_campaign)
        self.welcome.import_requested.connect(self.import_campaign_file)
        window_state.restore_window(self)
        self._update_actions()
        if workspace is not None:
            self.set_workspace(workspace)
        else:
            self._update_title()

    # -- workspace ---------------------------------------------------------------------------
    def set_workspace(self, workspace: Workspace) -> bool:
        """Make ``workspace`` the open one (after asking about unsaved edits)."""
        if self.engine.busy():
            self.dialogs.info(self.tr("Open workspace"), self.tr("Wait for the run to finish, or stop it, first."))
            return False
        if not self.close_campaign():
            return False
        try:
            conn = workspace.connect()
        except WorkspaceError as exc:
            self.dialogs.error(self.tr("Cannot open workspace"), str(exc))
            return False
        self._drop_workspace()
        self.workspace, self.conn = workspace, conn
        self.counter = AudienceCounter(workspace.root, self)
        self.refresh_workspace()
        self._update_title()
        self._update_actions()
        self.workspace_label.setText(self.tr("Workspace: %1").replace("%1", str(workspace.root)))
        QTimer.singleShot(0, self.engine.check_unfinished)  # runs a crash left behind, once the window shows
        self.engine.warm_up()
        return True

    def _drop_workspace(self) -> None:
        self.vibes.shutdown()
        self.workspace_actions.shutdown()
        self.workspace_actions.drop_people()
        if self.counter is not None:
            self.counter.shutdown()
            self.counter = None
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        self.workspace = None

    def refresh_workspace(self) -> None:
        """Re-read the navigator and the catalog (after a save, import, sync, message edit)."""
        if self.conn is None:
            return
        try:
            self.catalog = load_catalog(self.conn)
            data = load_navigator_data(self.conn)
        except sqlite3.Error as exc:
            log.error("reading the workspace failed: %s", exc)
            self.dialogs.error(
                self.tr("Workspace"), self.tr("The workspace could not be read: %1").replace("%1", str(exc))
            )
            return
        self.navigator.set_data(data)
        self.welcome.set_summary(data)
        if self.controller is not None and self.editor is not None:
            self.controller.document.set_refs(self.catalog.refs)
            self.editor.set_catalog(self.catalog)

    def choose_workspace(self) -> None:
        start = str(self.workspace.root) if self.workspace else ""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open workspace folder"), start)
        if folder:
            self.open_workspace_path(Path(folder))

    def open_workspace_path(self, folder: Path) -> bool:
        create = False
        if not (folder / "smsflow.db").exists():
            if not self.dialogs.confirm(
                self.tr("New workspace"),
                self.tr("%1 holds no workspace. Create an empty one there?").replace("%1", str(folder)),
            ):
                return False
            create = True
        try:
            ws = Workspace.open(folder, create=create)
        except WorkspaceError as exc:
            self.dialogs.error(self.tr("Cannot open workspace"), str(exc))
            return False
        return self.set_workspace(ws)

    # -- campaigns ---------------------------------------------------------------------------
    def open_campaign(self, name: str) -> bool:
        if self.conn is None:
            return False
        if self.controller is not None and self.controller.saved_name == name:
            return True
        if not self.close_campaign():
            return False
        try:
            campaign = load_campaign(self.conn, name)
        except CampaignNotFound:
            self.dialogs.error(self.tr("Campaign"), self.tr("There is no campaign called “%1”.").replace("%1", name))
            return False
        except (ValidationError, ValueError) as exc:
            log.error("campaign %r does not load: %s", name, exc)
            self.dialogs.error(
                self.tr("Campaign"),
                self.tr("The campaign “%1” is damaged and cannot be opened: %2")
                .replace("%1", name)
                .replace("%2", str(exc).splitlines()[0]),
            )
            return False
        self._show_campaign(campaign, name)
        return True

    def _show_campaign(self, campaign: Campaign, saved_name: str | None) -> None:
        document = CampaignDocument(campaign, self.catalog.refs if self.conn is not None else None)
        self.controller = DocumentController(document, saved_name=saved_name, parent=self)
        self.editor = CampaignEditor(
            self.controller,
            self.catalog,
            self.conn,
            self.counter,
            self.pages,
            root=self.workspace.root if self.workspace is not None else None,
        )
        self.editor.results_tab.resume_requested.connect(self.engine.resume)
        self.editor.results_tab.drop_in_doubt_requested.connect(self.engine.drop_in_doubt)
        self.pages.addWidget(self.editor)
        self.pages.setCurrentWidget(self.editor)
        self.undo_group.addStack(self.controller.stack)
        self.undo_group.setActiveStack(self.controller.stack)
        self.controller.dirty_changed.connect(self._on_dirty)
        self.controller.edit_refused.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.controller.saved.connect(lambda _n: self.refresh_workspace())
        self.editor.problems_changed.connect(lambda _n: self._update_actions())
        self.editor.flow_tab.flow_view.status_message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        window_state.restore_editor(self.editor)
        self.navigator.select("campaign", campaign.name)
        self._update_title()
        self._update_actions()

    def close_campaign(self) -> bool:
        """Close the open campaign; False if the user chose to keep it open."""
        if self.controller is None:
            return True
        if self.controller.is_dirty:
            answer = self.dialogs.ask_save(self.controller.document.campaign.name)
            if answer == "cancel":
                return False
            if answer == "save" and not self.save_campaign():
                return False
        assert self.editor is not None
        window_state.save_editor(self.editor)
        self.editor.close_editor()
        self.undo_group.removeStack(self.controller.stack)
        self.pages.removeWidget(self.editor)
        self.editor.deleteLater()
        self.controller.deleteLater()
        self.editor, self.controller = None, None
        self.pages.setCurrentWidget(self.welcome)
        self._update_title()
        self._update_actions()
        return True

    def save_campaign(self) -> bool:
        if self.controller is None or self.conn is None:
            return False
        try:
            self.controller.save(self.conn)
        except SaveError as exc:
            self.dialogs.error(self.tr("Not saved"), str(exc))
            return False
        self.statusBar().showMessage(self.tr("Saved “%1”").replace("%1", self.controller.document.campaign.name), 4000)
        return True

    def new_campaign(self, name: str | None = None) -> bool:
        if self.conn is None:
            self.dialogs.error(self.tr("New campaign"), self.tr("Open a workspace first."))
            return False
        if not isinstance(name, str) or not name:
            name = self.dialogs.ask_name(self.tr("New campaign"), self.tr("Name of the new smart campaign:"))
        if not name:
            return False
        try:
            name = clean_name(name, self.tr("The name"))
        except BadName as exc:
            self.dialogs.error(self.tr("New campaign"), str(exc) + ".")
            return False
        if name in set(list_campaigns(self.conn)):
            self.dialogs.error(
                self.tr("New campaign"), self.tr("A campaign called “%1” already exists.").replace("%1", name)
            )
            return False
        if not self.close_campaign():
            return False
        campaign = Campaign(name=name)
        try:
            save_campaign(self.conn, campaign)
        except sqlite3.Error as exc:
            self.dialogs.error(self.tr("New campaign"), str(exc))
            return False
        self.refresh_workspace()
        self._show_campaign(campaign, name)
        return True

    # -- messages ----------------------------------------------------------------------------
    def open_message(self, name: str | None = None) -> MessageEditor:
        """Open the message editor (for ``name``, or a new message); returns the dialog."""
        message = None
        if name and self.conn is not None:
            body = message_bodies(self.conn).get(name)
            message = SmsMessage(name=name, body=body) if body is not None else None
        dialog = MessageEditor(self.conn, message, self)
        dialog.finished.connect(lambda _r, d=dialog: self._message_closed(d))
        dialog.open()
        return dialog

    def new_message(self) -> MessageEditor:
        return self.open_message(None)

    def _message_closed(self, dialog: MessageEditor) -> None:
        if dialog.saved_name:
            self.statusBar().showMessage(self.tr("Saved SMS message “%1”").replace("%1", dialog.saved_name), 4000)
            self.refresh_workspace()

    # -- files -------------------------------------------------------------------------------
    def export_campaign_file(self, path: Path | None = None) -> Path | None:
        if self.controller is None:
            self.dialogs.info(self.tr("Export"), self.tr("Open a campaign to export it."))
            return None
        campaign = self.controller.document.campaign
        target = path if isinstance(path, Path) else campaign_files.ask_export_path(self, campaign)
        if target is None:
            return None
        try:
            written = campaign_files.export_to(self.conn, campaign, target)
        except campaign_files.CampaignFileError as exc:
            self.dialogs.error(self.tr("Export failed"), str(exc))
            return None
        self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", str(written)), 5000)
        return written

    def import_campaign_file(self, path: Path | None = None) -> str | None:
        """Import a campaign file and open it; returns the campaign's name in the workspace."""
        if self.conn is None:
            self.dialogs.error(self.tr("Import"), self.tr("Open a workspace first."))
            return None
        source = path if isinstance(path, Path) else campaign_files.ask_import_path(self)
        if source is None:
            return None
        try:
            result = campaign_files.import_file(self.conn, source, self.dialogs.ask_clash)
        except (campaign_files.CampaignFileError, campaign_files.NameClash) as exc:
            self.dialogs.error(self.tr("Import failed"), str(exc))
            return None
        except sqlite3.Error as exc:
            log.error("import of %s failed: %s", source, exc)
            self.dialogs.error(self.tr("Import failed"), str(exc))
            return None
        if result is None:
            return None
        self.refresh_workspace()
        if self.controller is not None and self.controller.saved_name == result.campaign:
            self.controller.document.replace_campaign(load_campaign(self.conn, result.campaign))
            self.controller.stack.clear()
        elif not self.open_campaign(result.campaign):
            return result.campaign
        problems = len(result.problems)
        message = (
            self.tr("Imported “%1”.").replace("%1", result.campaign)
            if not problems
            else self.tr("Imported “%1”; it has problems to fix (%2), shown on the steps.")
            .replace("%1", result.campaign)
            .replace("%2", str(problems))
        )
        if result.messages_renamed:
            message += " " + self.tr("Messages renamed to avoid clashes: %1.").replace(
                "%1", ", ".join(f"{a} → {b}" for a, b in result.messages_renamed.items())
            )
        self.statusBar().showMessage(message, 8000)
        return result.campaign

    # -- checks and runs -----------------------------------------------------------------------
    def validate(self) -> int:
        """Re-check against the workspace; show the first problem. Returns the error count."""
        if self.controller is None or self.editor is None:
            return 0
        self.refresh_workspace()
        self.controller.document.revalidate(force=True)
        errors = self.controller.document.errors
        if errors:
            self.editor.jump_to_first_problem()
            self.statusBar().showMessage(self.tr("Problems to fix: %1").replace("%1", str(len(errors))), 6000)
        else:
            self.statusBar().showMessage(self.tr("No problems: the campaign is ready to run."), 6000)
        return len(errors)

    def preview(self) -> None:
        self.engine.preview()

    def run_campaign(self) -> None:
        self.engine.run()

    def sync_vibes(self) -> None:
        self.vibes.sync()

    def show_unfinished_runs(self) -> None:
        self.engine.check_unfinished(always=True)

    def show_run_panel(self) -> None:
        if self.engine.run_panel is not None:
            self.engine.run_panel.show()
            self.engine.run_panel.raise_()

    def update_run_actions(self) -> None:
        self.actions_.run_progress.setEnabled(self.engine.run_panel is not None)
        self._update_actions()

    # -- workspace pages and Vibes ------------------------------------------------------------------
    def show_people(self) -> None:
        self.workspace_actions.show_people()

    def import_people(self) -> None:
        self.workspace_actions.import_people()

    def open_workspace_settings(self) -> None:
        self.workspace_actions.open_settings()

    def open_vibes_settings(self) -> None:
        self.vibes.open_settings()

    def import_vibes_extract(self) -> None:
        self.vibes.import_extract()

    def open_callbacks(self) -> None:
        self.vibes.open_callbacks()

    def show_tour(self) -> None:
        self.workspace_actions.show_tour()

    # -- window ------------------------------------------------------------------------------------
    def set_language(self, code: str) -> None:
        if self.conn is not None:
            try:
                set_setting(self.conn, "ui.language", code)
            except (SettingError, sqlite3.Error) as exc:
                self.dialogs.error(self.tr("Language"), str(exc))
                return
        window_state.set_language_preference(code)
        self.dialogs.info(self.tr("Language"), self.tr("The new language applies the next time the app starts."))

    def current_language_setting(self) -> str:
        if self.conn is not None:
            try:
                return get_setting(self.conn, "ui.language")
            except (SettingError, sqlite3.Error):
                pass
        return window_state.language_preference()

    def about(self) -> None:
        self.dialogs.info(
            self.tr("About smsflow-desktop"),
            self.tr("smsflow-desktop %1\nDesign, preview and run SMS campaigns over the Vibes platform.").replace(
                "%1", __version__
            ),
        )

    def _on_dirty(self, dirty: bool) -> None:
        self.setWindowModified(dirty)

    def _update_title(self) -> None:
        parts = []
        if self.controller is not None:
            parts.append(self.controller.document.campaign.name + "[*]")
        if self.workspace is not None:
            parts.append(self.workspace.root.name)
        parts.append("smsflow-desktop")
        self.setWindowTitle(" — ".join(parts))
        self.setWindowModified(bool(self.controller and self.controller.is_dirty))

    def _update_actions(self) -> None:
        a = self.actions_
        has_ws = self.conn is not None
        has_campaign = self.controller is not None
        errors = len(self.controller.document.errors) if self.controller is not None else 0
        for action in (
            a.new_campaign,
            a.new_message,
            a.import_file,
            a.sync,
            a.people,
            a.import_people,
            a.workspace_settings,
            a.vibes_settings,
            a.import_extract,
            a.callbacks,
            a.unfinished_runs,
        ):
            action.setEnabled(has_ws)
        a.run_progress.setEnabled(self.engine.run_panel is not None)
        for action in (a.save, a.export_file, a.validate, a.preview):
            action.setEnabled(has_campaign)
        a.run.setEnabled(has_campaign and errors == 0 and not self.engine.busy())
        a.run.setToolTip(
            self.tr("Run the campaign (save it first)")
            if errors == 0
            else self.tr("Fix the campaign's problems before running it (%1 left)").replace("%1", str(errors))
        )
        for action in a.languages.actions():
            action.setChecked(action.data() == self.current_language_setting())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.engine.confirm_quit():
            event.ignore()
            return
        if not self.close_campaign():
            event.ignore()
            return
        self.engine.shutdown()  # a run stops between items; its thread has finished when this returns
        window_state.save_window(self)
        self._drop_workspace()
        event.accept()
