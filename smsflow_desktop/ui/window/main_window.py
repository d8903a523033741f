"""The main window: navigator on the left, the campaign editor in the middle, menus,
toolbar and status bar.

The open workspace (its GUI-thread connection and catalog) and the open campaign's
controller live in the window's :class:`ui.context.WorkspaceContext`; the window keeps the
widgets: the audience counter's thread, the open campaign's editor and Results tab, and the
pages. Its helpers (``engine_actions``, ``vibes_actions``, ``workspace_actions``,
``automation_actions``: activation, the app's agent and its status line; ``version_actions``:
a save refused because someone else saved first, a campaign's History) take the
context and the window as a :class:`ui.window.window_dialogs.WindowSurface`. Opening another
campaign, another workspace or quitting asks before unsaved edits are lost. Geometry,
splitter and tab are remembered with QSettings.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QUndoGroup
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSplitter, QStackedWidget, QWidget

from smsflow_desktop import __version__
from smsflow_desktop.model.campaign import BadName, Campaign, clean_name
from smsflow_desktop.services.campaigns import (
    CampaignNotFound,
    Conflict,
    list_campaigns,
    load_campaign_and_version,
    load_message_and_version,
    save_campaign,
)
from smsflow_desktop.services.settings import SettingError, get_setting, set_setting
from smsflow_desktop.services.workspace import Workspace, WorkspaceError
from smsflow_desktop.ui import theme
from smsflow_desktop.ui.context import WorkspaceContext
from smsflow_desktop.ui.editor import campaign_files
from smsflow_desktop.ui.editor.audience import AudienceCounter
from smsflow_desktop.ui.editor.campaign_editor import CampaignEditor
from smsflow_desktop.ui.editor.controller import DocumentController, SaveConflict, SaveError
from smsflow_desktop.ui.editor.message_editor import MessageEditor
from smsflow_desktop.ui.resources import icon
from smsflow_desktop.ui.run.results_tab import ResultsTab
from smsflow_desktop.ui.window import window_state
from smsflow_desktop.ui.window.automation_actions import AutomationActions
from smsflow_desktop.ui.window.engine_actions import EngineActions
from smsflow_desktop.ui.window.keyboard import WindowKeys
from smsflow_desktop.ui.window.navigator import Navigator
from smsflow_desktop.ui.window.open_workspace import OpenWorkspaceDialog, create_question, probe, workspace_name
from smsflow_desktop.ui.window.version_actions import VersionActions
from smsflow_desktop.ui.window.vibes_actions import VibesActions
from smsflow_desktop.ui.window.welcome import WelcomePage
from smsflow_desktop.ui.window.window_actions import build_actions, build_menus, build_toolbar
from smsflow_desktop.ui.window.window_dialogs import Dialogs, WindowDialogs
from smsflow_desktop.ui.window.workspace_actions import WorkspaceActions
from smsflow_desktop.ui.workspace_data import Catalog

if TYPE_CHECKING:
    from smsflow_desktop.ui.run.test_send_dialog import TestSendDialog

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """The application window."""

    def __init__(self, workspace: Workspace | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowIcon(icon("app"))
        self.dialogs: Dialogs = WindowDialogs(self)
        self.context = WorkspaceContext(self)
        self.counter: AudienceCounter | None = None
        self.editor: CampaignEditor | None = None
        self.results_tab: ResultsTab | None = None
        self.test_dialog: TestSendDialog | None = None  # the latest "Send test…" dialog
        self.open_dialog: OpenWorkspaceDialog | None = None  # File > Open Workspace…
        self._last_catalog_stamp: tuple[object, ...] | None = None  # see _on_workspace_changed
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

        self.actions_ = build_actions(self, self.undo_group, self.navigator)
        build_menus(self.menuBar(), self.actions_)
        self.toolbar = self.addToolBar(self.tr("Main"))
        build_toolbar(self.toolbar, self.actions_)
        self.keys = WindowKeys(self)  # F6 / Ctrl+1..3 between the areas, Help > Keyboard Shortcuts
        self.engine = EngineActions(self.context, self)
        self.vibes = VibesActions(self.context, self)
        self.workspace_actions = WorkspaceActions(self.context, self, self.pages, self.navigator)
        self.automation_label = QLabel(self)
        self.automation_label.hide()
        self.statusBar().addPermanentWidget(self.automation_label)
        self.workspace_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.workspace_label)
        self.automation = AutomationActions(self.context, self, self.automation_label)
        self.versions = VersionActions(self.context, self)  # conflicts on save, History, Restore
        self.automation.changed.connect(self._on_automation_changed)
        self.automation.workspace_changed.connect(self._on_workspace_changed)

        self.context.workspace_opened.connect(self._on_workspace_opened)
        self.context.catalog_changed.connect(self._on_catalog_changed)
        self.context.campaign_opened.connect(self._on_campaign_opened)
        self.context.read_failed.connect(self._on_read_failed)
        self.engine.run_started.connect(self.update_run_actions)
        self.engine.run_ended.connect(lambda _result: self._refresh_results())
        self.engine.in_doubt_dropped.connect(lambda _run_id: self._refresh_results(update_actions=False))
        self.engine.run_refused.connect(self._show_first_problem)

        self.navigator.campaign_activated.connect(self.open_campaign)
        self.navigator.message_activated.connect(self.open_message)
        self.navigator.history_requested.connect(self.show_history)
        self.navigator.new_campaign_requested.connect(self.new_campaign)
        self.navigator.new_message_requested.connect(self.new_message)
        self.navigator.sync_requested.connect(self.sync_vibes)
        self.navigator.people_activated.connect(self.show_people)
        self.welcome.new_campaign_requested.connect(self.new_campaign)
        self.welcome.import_requested.connect(self.import_campaign_file)
        window_state.restore_window(self, self.splitter)
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
        self.context.open_workspace(workspace, conn)
        return True

    def _on_workspace_opened(self, workspace: Workspace) -> None:
        self.counter = AudienceCounter(workspace.root, self)
        self._update_title()
        self._update_actions()
        window_state.remember_workspace(workspace.root)
        where = window_state.location_text(workspace.root)
        self.workspace_label.setText(self.tr("Workspace: %1").replace("%1", where))

    def _drop_workspace(self) -> None:
        self.automation.shutdown()
        self.vibes.shutdown()
        self.workspace_actions.shutdown()
        self.workspace_actions.drop_people()
        if self.counter is not None:
            self.counter.shutdown()
            self.counter = None
        self.context.close_workspace()

    def _on_catalog_changed(self, catalog: Catalog) -> None:
        self._last_catalog_stamp = self._catalog_stamp()
        self.navigator.set_data(self.context.overview)
        self.welcome.set_summary(self.context.overview)
        if self.editor is not None:
            self.editor.set_catalog(catalog)
            self._show_automation_state()

    def _on_read_failed(self, message: str) -> None:
        self.dialogs.error(self.tr("Workspace"), self.tr("The workspace could not be read: %1").replace("%1", message))

    def choose_workspace(self) -> OpenWorkspaceDialog:
        """File > Open Workspace…: a recent workspace, a folder or a team database; returns the dialog."""
        if self.open_dialog is None:
            self.open_dialog = OpenWorkspaceDialog(self, self)
        self.open_dialog.start()
        return self.open_dialog

    def open_workspace_path(self, location: Path | str) -> bool:
        """Open the workspace in a folder or database, offering to create one where there is none."""
        create = False
        try:
            if probe(location) != "workspace":
                title, text = create_question(location)
                if not self.dialogs.confirm(title, text):
                    return False
                create = True
            ws = Workspace.open(location, create=create)
        except WorkspaceError as exc:
            self.dialogs.error(self.tr("Cannot open workspace"), str(exc))
            return False
        return self.use_workspace(ws)

    def use_workspace(self, workspace: Workspace) -> bool:
        """Make ``workspace`` the open one and reopen the campaign last open in it."""
        if not self.set_workspace(workspace):
            return False
        self.reopen_last_campaign()
        return True

    def reopen_last_campaign(self) -> bool:
        """Open the campaign that was open when this workspace was last left, if it still exists."""
        root, conn = self.context.root, self.context.conn
        name = window_state.last_campaign(root) if root is not None else None
        if name is None or conn is None or self.context.controller is not None:
            return False
        try:
            known = set(list_campaigns(conn))
        except sqlite3.Error:
            return False
        return name in known and self.open_campaign(name)

    # -- campaigns ---------------------------------------------------------------------------
    def open_campaign(self, name: str) -> bool:
        if self.context.conn is None:
            return False
        if self.context.controller is not None and self.context.controller.saved_name == name:
            return self.show_campaign()  # already open: bring it back (from the People page, say)
        if not self.close_campaign():
            return False
        try:
            campaign, version = load_campaign_and_version(self.context.conn, name)
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
        self.context.open_campaign(campaign, name, version)
        return True

    def show_campaign(self) -> bool:
        """Show the open campaign's editor in place of another page; False when none is open."""
        if self.editor is None or self.context.controller is None:
            return False
        self.pages.setCurrentWidget(self.editor)
        self.navigator.select("campaign", self.context.controller.document.campaign.name)
        return True

    def _on_campaign_opened(self, controller: DocumentController) -> None:
        """Build the editor of the campaign the context has just opened."""
        ctx = self.context
        self.results_tab = ResultsTab(ctx.conn, controller.document.campaign.name, root=ctx.root)
        self.results_tab.resume_requested.connect(self.engine.resume)
        self.results_tab.drop_in_doubt_requested.connect(self.engine.drop_in_doubt)
        self.editor = CampaignEditor(controller, ctx.catalog, self.counter, self.results_tab, self.pages)
        self.pages.addWidget(self.editor)
        self.pages.setCurrentWidget(self.editor)
        self.undo_group.addStack(controller.stack)
        self.undo_group.setActiveStack(controller.stack)
        controller.dirty_changed.connect(self._on_dirty)
        controller.edit_refused.connect(lambda text: self.statusBar().showMessage(text, 6000))
        controller.saved.connect(lambda _n: self.context.refresh())
        controller.saved.connect(lambda _n: self._update_title())  # renamed, or now a copy
        self.editor.problems_changed.connect(lambda _n: self._update_actions())
        self.editor.flow_tab.flow_view.status_message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.editor.flow_tab.flow_view.test_send_requested.connect(self.send_test)
        schedule = self.editor.schedule_tab
        schedule.activate_requested.connect(self.automation.activate)
        schedule.deactivate_requested.connect(self.automation.deactivate)
        schedule.run_now_requested.connect(self.run_campaign)
        self._show_automation_state()
        window_state.restore_editor(self.editor)
        if ctx.root is not None and controller.saved_name:
            window_state.remember_campaign(ctx.root, controller.saved_name)
        self.navigator.select("campaign", controller.document.campaign.name)
        self._update_title()
        self._update_actions()

    def close_campaign(self) -> bool:
        """Close the open campaign; False if the user chose to keep it open."""
        if self.context.controller is None:
            return True
        if self.context.controller.is_dirty:
            answer = self.dialogs.ask_save(self.context.controller.document.campaign.name)
            if answer == "cancel":
                return False
            if answer == "save" and not self.save_campaign():
                return False
        assert self.editor is not None and self.results_tab is not None
        window_state.save_editor(self.editor)
        self.editor.close_editor()
        self.results_tab.shutdown()
        self.undo_group.removeStack(self.context.controller.stack)
        self.pages.removeWidget(self.editor)
        self.editor.deleteLater()
        self.editor, self.results_tab = None, None
        self.context.close_campaign()
        self.pages.setCurrentWidget(self.welcome)
        self._update_title()
        self._update_actions()
        return True

    def save_campaign(self) -> bool:
        if self.context.controller is None or self.context.conn is None:
            return False
        try:
            self.context.controller.save(self.context.conn)
        except SaveConflict as exc:  # someone else saved it since it was opened
            return self.versions.resolve(exc.conflict)
        except SaveError as exc:
            self.dialogs.error(self.tr("Not saved"), str(exc))
            return False
        self.statusBar().showMessage(
            self.tr("Saved “%1”").replace("%1", self.context.controller.document.campaign.name), 4000
        )
        return True

    def new_campaign(self, name: str | None = None) -> bool:
        if self.context.conn is None:
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
        if name in set(list_campaigns(self.context.conn)):
            self.dialogs.error(
                self.tr("New campaign"), self.tr("A campaign called “%1” already exists.").replace("%1", name)
            )
            return False
        if not self.close_campaign():
            return False
        campaign = Campaign(name=name)
        try:
            version = save_campaign(self.context.conn, campaign, base_version=0)
        except Conflict:  # created elsewhere since the name was checked
            self.dialogs.error(
                self.tr("New campaign"), self.tr("A campaign called “%1” already exists.").replace("%1", name)
            )
            return False
        except sqlite3.Error as exc:
            self.dialogs.error(self.tr("New campaign"), str(exc))
            return False
        self.context.refresh()
        self.context.open_campaign(campaign, name, version)
        self._start_building()
        return True

    def _start_building(self) -> None:
        """Put the focus where a new campaign is built, not back in the navigator: the Flow
        Actions on the Flow tab, else the campaign's tabs."""
        if self.editor is None:
            return
        if self.editor.current_tab() == "flow":
            self.keys.focus_palette()
        else:
            self.editor.tabs.tabBar().setFocus(Qt.FocusReason.OtherFocusReason)

    # -- messages ----------------------------------------------------------------------------
    def open_message(self, name: str | None = None) -> MessageEditor:
        """Open the message editor (for ``name``, or a new message); returns the dialog."""
        message, version = None, None
        if name and self.context.conn is not None:
            found = load_message_and_version(self.context.conn, name)
            message, version = found if found is not None else (None, None)
        dialog = MessageEditor(self.context.conn, message, self, version=version)
        dialog.finished.connect(lambda _r, d=dialog: self._message_closed(d))
        dialog.open()
        return dialog

    def new_message(self) -> MessageEditor:
        return self.open_message(None)

    def _message_closed(self, dialog: MessageEditor) -> None:
        if dialog.saved_name:
            self.statusBar().showMessage(self.tr("Saved SMS message “%1”").replace("%1", dialog.saved_name), 4000)
            self.context.refresh()

    # -- files -------------------------------------------------------------------------------
    def export_campaign_file(self, path: Path | None = None) -> Path | None:
        if self.context.controller is None:
            self.dialogs.info(self.tr("Export"), self.tr("Open a campaign to export it."))
            return None
        campaign = self.context.controller.document.campaign
        target = path if isinstance(path, Path) else campaign_files.ask_export_path(self, campaign)
        if target is None:
            return None
        try:
            written = campaign_files.export_to(self.context.conn, campaign, target)
        except campaign_files.CampaignFileError as exc:
            self.dialogs.error(self.tr("Export failed"), str(exc))
            return None
        self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", str(written)), 5000)
        return written

    def import_campaign_file(self, path: Path | None = None) -> str | None:
        """Import a campaign file and open it; returns the campaign's name in the workspace."""
        if self.context.conn is None:
            self.dialogs.error(self.tr("Import"), self.tr("Open a workspace first."))
            return None
        source = path if isinstance(path, Path) else campaign_files.ask_import_path(self)
        if source is None:
            return None
        try:
            result = campaign_files.import_file(self.context.conn, source, self.dialogs.ask_clash)
        except (campaign_files.CampaignFileError, campaign_files.NameClash) as exc:
            self.dialogs.error(self.tr("Import failed"), str(exc))
            return None
        except sqlite3.Error as exc:
            log.error("import of %s failed: %s", source, exc)
            self.dialogs.error(self.tr("Import failed"), str(exc))
            return None
        if result is None:
            return None
        self.context.refresh()
        if self.context.controller is not None and self.context.controller.saved_name == result.campaign:
            self.context.controller.take_theirs(*load_campaign_and_version(self.context.conn, result.campaign))
        elif not self.open_campaign(result.campaign):
            return result.campaign
        problems = len([p for p in result.problems if p.severity == "error"])  # warnings do not stop a run
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
    def send_test(self, index: int) -> TestSendDialog | None:
        """Open "Send test…" for flow step ``index`` (0-based) of the open campaign, as edited."""
        ctx = self.context
        if ctx.conn is None or ctx.controller is None:
            return None
        if self.test_dialog is not None:
            self.test_dialog.shutdown()
            self.test_dialog.deleteLater()
        from smsflow_desktop.ui.run.test_send_dialog import TestSendDialog  # loads the engine on first use

        self.test_dialog = TestSendDialog(ctx.conn, ctx.root, ctx.controller.document.campaign, index + 1, self)
        self.test_dialog.open()
        return self.test_dialog

    def validate(self) -> int:
        """Re-check against the workspace; show the first problem. Returns the error count."""
        if self.context.controller is None or self.editor is None:
            return 0
        self.show_campaign()
        self.context.refresh()
        self.context.controller.document.revalidate(force=True)
        errors = self.context.controller.document.errors
        if errors:
            self.editor.jump_to_first_problem()
            self.statusBar().showMessage(self.tr("Problems to fix: %1").replace("%1", str(len(errors))), 6000)
        else:
            self.statusBar().showMessage(self.tr("No problems: the campaign is ready to run."), 6000)
        return len(errors)

    def preview(self) -> None:
        self.show_campaign()  # what is previewed is in view, not hidden behind the People page
        self.engine.preview()

    def run_campaign(self) -> None:
        self.show_campaign()  # what runs is in view, not hidden behind the People page
        self.engine.run()

    def sync_vibes(self) -> None:
        self.vibes.sync()

    def show_history(self, name: str | None = None) -> object:
        """The History of the campaign ``name`` (default: the open one); returns the dialog."""
        return self.versions.show_history(name if isinstance(name, str) else None)

    def show_unfinished_runs(self) -> None:
        self.engine.check_unfinished(always=True)

    def show_run_panel(self) -> None:
        if self.engine.run_panel is not None:
            self.engine.run_panel.show()
            self.engine.run_panel.raise_()

    def update_run_actions(self) -> None:
        self.actions_.run_progress.setEnabled(self.engine.run_panel is not None)
        self._update_actions()

    def _refresh_results(self, *, update_actions: bool = True) -> None:
        """A run ended or its sends in doubt were dropped: the Results tab reads the runs afresh."""
        if self.results_tab is not None:
            self.results_tab.refresh()
        if update_actions:
            self.update_run_actions()

    def _show_automation_state(self) -> None:
        """The Schedule tab says whether the open campaign runs by itself."""
        if self.editor is not None and self.context.controller is not None:
            self.editor.schedule_tab.set_automation(self.automation.status_of(self.context.controller.saved_name))

    def _on_automation_changed(self) -> None:
        """A campaign was activated or deactivated: the navigator's badges and the Schedule tab follow."""
        self.context.refresh()
        self._show_automation_state()

    def _on_workspace_changed(self) -> None:
        """Another connection (the agent, another program, a teammate on a shared database)
        committed: runs may have started or ended, and campaigns, messages or lists may have
        been added, renamed or removed (then the navigator and the drop-downs are read again;
        the open campaign and its unsaved edits stay as they are)."""
        if self.results_tab is not None:
            self.results_tab.refresh_if_changed()
        stamp = self._catalog_stamp()
        if stamp is not None and stamp != self._last_catalog_stamp:
            self.context.refresh()  # (which notes the new stamp)

    def _catalog_stamp(self) -> tuple[object, ...] | None:
        """A cheap summary of what the navigator and the drop-downs show, to tell whether it changed."""
        conn = self.context.conn
        if conn is None:
            return None
        try:
            row = conn.execute(
                "SELECT (SELECT count(*) FROM campaigns), (SELECT max(updated_at) FROM campaigns), "
                "(SELECT count(*) FROM sms_messages), (SELECT max(updated_at) FROM sms_messages), "
                "(SELECT count(*) FROM static_lists), (SELECT count(*) FROM static_list_members), "
                "(SELECT count(*) FROM vibes_lists), (SELECT count(*) FROM vibes_acquisition_campaigns)"
            ).fetchone()
        except sqlite3.Error:
            return None
        return tuple(row)

    def keep_campaigns_running(self) -> None:
        self.automation.toggle_service()

    def _show_first_problem(self) -> None:
        if self.editor is not None:
            self.editor.jump_to_first_problem()

    # -- workspace pages and Vibes ------------------------------------------------------------------
    def show_people(self) -> None:
        self.workspace_actions.show_people()

    def import_people(self) -> None:
        self.workspace_actions.import_people()

    def open_workspace_settings(self) -> None:
        self.workspace_actions.open_settings()

    def open_compliance_rules(self) -> None:
        self.workspace_actions.open_compliance_rules()

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
        if self.context.conn is not None:
            try:
                set_setting(self.context.conn, "ui.language", code)
            except (SettingError, sqlite3.Error) as exc:
                self.dialogs.error(self.tr("Language"), str(exc))
                return
        window_state.set_language_preference(code)
        self.dialogs.info(self.tr("Language"), self.tr("The new language applies the next time the app starts."))

    def set_appearance(self, choice: str) -> None:
        """Follow the system's colour scheme (""), or always "light" or "dark"; applies at once
        and is remembered on this computer (a personal choice, not the workspace's)."""
        window_state.set_appearance_preference(choice)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.install(app, choice)
        self._update_actions()

    def current_language_setting(self) -> str:
        if self.context.conn is not None:
            try:
                return get_setting(self.context.conn, "ui.language")
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
        if self.context.controller is not None:
            parts.append(self.context.controller.document.campaign.name + "[*]")
        if self.context.workspace is not None:
            parts.append(workspace_name(self.context.workspace.root))
        parts.append("smsflow-desktop")
        self.setWindowTitle(" — ".join(parts))
        self.setWindowModified(bool(self.context.controller and self.context.controller.is_dirty))

    def _update_actions(self) -> None:
        a = self.actions_
        has_ws = self.context.conn is not None
        has_campaign = self.context.controller is not None
        errors = len(self.context.controller.document.errors) if self.context.controller is not None else 0
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
            a.keep_running,
        ):
            action.setEnabled(has_ws)
        a.run_progress.setEnabled(self.engine.run_panel is not None)
        for action in (a.save, a.export_file, a.validate, a.preview, a.history):
            action.setEnabled(has_campaign)
        a.run.setEnabled(has_campaign and errors == 0 and not self.engine.busy())
        a.run.setToolTip(
            self.tr("Run the campaign (save it first)")
            if errors == 0
            else self.tr("Fix the campaign's problems before running it (%1 left)").replace("%1", str(errors))
        )
        for action in a.languages.actions():
            action.setChecked(action.data() == self.current_language_setting())
        for action in a.appearances.actions():
            action.setChecked(action.data() == window_state.appearance_preference())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.engine.confirm_quit():
            event.ignore()
            return
        controller, root = self.context.controller, self.context.root
        if controller is not None and controller.saved_name and root is not None:
            window_state.remember_campaign(root, controller.saved_name)  # renamed since it was opened
        if not self.close_campaign():
            event.ignore()
            return
        self.engine.shutdown()  # a run stops between items; its thread has finished when this returns
        if self.test_dialog is not None:
            self.test_dialog.shutdown()  # a test send under way finishes first
        window_state.save_window(self, self.splitter)
        if self.open_dialog is not None:
            self.open_dialog.shutdown()  # an open under way finishes first
        self._drop_workspace()
        event.accept()
