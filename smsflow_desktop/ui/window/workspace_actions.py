"""The window's workspace-wide pages and dialogs: People, the People CSV import, workspace
settings with the compliance rules editor, and the quick tour.

The People page lives in the window's page stack beside the campaign editor; it is built
the first time it is shown and dropped when the workspace changes. The import wizard
refreshes the navigator and the People page when it has imported.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStackedWidget, QWidget

from smsflow_desktop.ui.context import WorkspaceContext
from smsflow_desktop.ui.people.people_import import PeopleImportWizard
from smsflow_desktop.ui.people.people_view import PeopleView
from smsflow_desktop.ui.run.compliance_rules import ComplianceRulesDialog
from smsflow_desktop.ui.window.navigator import Navigator
from smsflow_desktop.ui.window.tour import TourDialog
from smsflow_desktop.ui.window.window_dialogs import WindowSurface
from smsflow_desktop.ui.workspace_settings import WorkspaceSettingsDialog


class WorkspaceActions(QObject):
    """People page, People import, workspace settings and the tour for one window."""

    def __init__(
        self, context: WorkspaceContext, surface: WindowSurface, pages: QStackedWidget, navigator: Navigator
    ) -> None:
        super().__init__(surface.window())
        self.context = context
        self.surface = surface
        self.pages = pages
        self.navigator = navigator
        self.people_view: PeopleView | None = None
        self.wizard: PeopleImportWizard | None = None
        self.settings_dialog: WorkspaceSettingsDialog | None = None
        self.rules_dialog: ComplianceRulesDialog | None = None
        self.tour: TourDialog | None = None

    def show_people(self) -> PeopleView | None:
        conn = self.context.conn
        if conn is None:
            self.surface.dialogs.error(self.tr("People"), self.tr("Open a workspace first."))
            return None
        if self.people_view is None:
            self.people_view = PeopleView(conn, self.pages)
            self.people_view.import_requested.connect(self.import_people)
            self.people_view.people_changed.connect(self.context.refresh)
            self.pages.addWidget(self.people_view)
        self.pages.setCurrentWidget(self.people_view)
        self.navigator.select("people", "")
        return self.people_view

    def drop_people(self) -> None:
        """Forget the People page (the workspace is closing)."""
        if self.people_view is not None:
            self.pages.removeWidget(self.people_view)
            self.people_view.deleteLater()
            self.people_view = None

    def import_people(self) -> PeopleImportWizard | None:
        ctx = self.context
        if ctx.workspace is None:
            self.surface.dialogs.error(self.tr("Import people"), self.tr("Open a workspace first."))
            return None
        self.wizard = PeopleImportWizard(ctx.workspace.root, ctx.conn, self.surface.window())
        self.wizard.imported.connect(lambda _r: self._imported())
        self.wizard.open()
        return self.wizard

    def _imported(self) -> None:
        self.context.refresh()
        if self.people_view is not None:
            self.people_view.refresh()

    def open_settings(self) -> WorkspaceSettingsDialog | None:
        conn = self.context.conn
        if conn is None:
            self.surface.dialogs.error(self.tr("Workspace settings"), self.tr("Open a workspace first."))
            return None
        dialog = self.settings_dialog = WorkspaceSettingsDialog(conn, self.surface.window())
        dialog.accepted.connect(
            lambda: self.surface.statusBar().showMessage(self.tr("Workspace settings saved."), 4000)
        )
        dialog.rules_requested.connect(lambda on, most: self.open_compliance_rules(dialog, (on, most)))
        dialog.open()
        return dialog

    def open_compliance_rules(
        self, parent: QWidget | None = None, workspace_limit: tuple[bool, int] | None = None
    ) -> ComplianceRulesDialog | None:
        """The compliance rules editor, over ``parent`` (the window when None); ``workspace_limit``:
        the limit as the open Workspace settings have it (else as saved)."""
        conn = self.context.conn
        if conn is None:
            self.surface.dialogs.error(self.tr("Compliance rules"), self.tr("Open a workspace first."))
            return None
        self.rules_dialog = ComplianceRulesDialog(conn, parent or self.surface.window(), workspace_limit)
        self.rules_dialog.open()
        return self.rules_dialog

    def show_tour(self) -> TourDialog:
        if self.tour is not None:
            self.tour.close()
            self.tour.deleteLater()
        self.tour = TourDialog(self.surface.window())
        self.tour.show()
        return self.tour

    def shutdown(self) -> None:
        if self.wizard is not None and self.wizard.running():
            self.wizard.cancel_import()
