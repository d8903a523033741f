"""The window's workspace-wide pages and dialogs: People, the People CSV import, workspace
settings and the quick tour.

The People page lives in the window's page stack beside the campaign editor; it is built
the first time it is shown and dropped when the workspace changes. The import wizard
refreshes the navigator and the People page when it has imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from smsflow_desktop.ui.people.people_import import PeopleImportWizard
from smsflow_desktop.ui.people.people_view import PeopleView
from smsflow_desktop.ui.window.tour import TourDialog
from smsflow_desktop.ui.workspace_settings import WorkspaceSettingsDialog

if TYPE_CHECKING:
    from smsflow_desktop.ui.window.main_window import MainWindow


class WorkspaceActions(QObject):
    """People page, People import, workspace settings and the tour for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.people_view: PeopleView | None = None
        self.wizard: PeopleImportWizard | None = None
        self.settings_dialog: WorkspaceSettingsDialog | None = None
        self.tour: TourDialog | None = None

    def show_people(self) -> PeopleView | None:
        w = self.window
        if w.conn is None:
            w.dialogs.error(self.tr("People"), self.tr("Open a workspace first."))
            return None
        if self.people_view is None:
            self.people_view = PeopleView(w.conn, w.pages)
            self.people_view.import_requested.connect(self.import_people)
            w.pages.addWidget(self.people_view)
        w.pages.setCurrentWidget(self.people_view)
        w.navigator.select("people", "")
        return self.people_view

    def drop_people(self) -> None:
        """Forget the People page (the workspace is closing)."""
        if self.people_view is not None:
            self.window.pages.removeWidget(self.people_view)
            self.people_view.deleteLater()
            self.people_view = None

    def import_people(self) -> PeopleImportWizard | None:
        w = self.window
        if w.workspace is None:
            w.dialogs.error(self.tr("Import people"), self.tr("Open a workspace first."))
            return None
        self.wizard = PeopleImportWizard(w.workspace.root, w.conn, w)
        self.wizard.imported.connect(lambda _r: self._imported())
        self.wizard.open()
        return self.wizard

    def _imported(self) -> None:
        self.window.refresh_workspace()
        if self.people_view is not None:
            self.people_view.refresh()

    def open_settings(self) -> WorkspaceSettingsDialog | None:
        w = self.window
        if w.conn is None:
            w.dialogs.error(self.tr("Workspace settings"), self.tr("Open a workspace first."))
            return None
        self.settings_dialog = WorkspaceSettingsDialog(w.conn, w)
        self.settings_dialog.accepted.connect(
            lambda: w.statusBar().showMessage(self.tr("Workspace settings saved."), 4000)
        )
        self.settings_dialog.open()
        return self.settings_dialog

    def show_tour(self) -> TourDialog:
        if self.tour is not None:
            self.tour.close()
            self.tour.deleteLater()
        self.tour = TourDialog(self.window)
        self.tour.show()
        return self.tour

    def shutdown(self) -> None:
        if self.wizard is not None and self.wizard.running():
            self.wizard.cancel_import()
