"""The open workspace as one object: its folder, the GUI thread's connection, what the editor's
drop-downs and the navigator show of it, and the open campaign's controller.

:class:`WorkspaceContext` is what the window's helpers are given instead of the window. It
says what changed: ``workspace_opened`` (a workspace became the open one),
``catalog_changed`` (its lists, messages and campaigns were read afresh) and
``campaign_opened`` (a campaign's document and controller exist; the window builds its
editor). Reading the workspace can fail (a locked or damaged database): that is logged and
said as ``read_failed`` with the reason, for the window to show. The context holds no
widgets and asks the user nothing.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.model.document import CampaignDocument
from smsflow_desktop.services.workspace import Workspace
from smsflow_desktop.ui.editor.controller import DocumentController
from smsflow_desktop.ui.workspace_data import Catalog, NavigatorData, load_catalog, load_navigator_data

log = logging.getLogger(__name__)


class WorkspaceContext(QObject):
    """The open workspace, its connection, its catalog and the open campaign's controller."""

    workspace_opened = Signal(object)  # the Workspace
    catalog_changed = Signal(object)  # the Catalog (the navigator's summary is in ``overview``)
    campaign_opened = Signal(object)  # the DocumentController
    read_failed = Signal(str)  # why the workspace could not be read

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.conn: sqlite3.Connection | None = None
        self.catalog = Catalog()
        self.overview = NavigatorData()
        self.controller: DocumentController | None = None

    @property
    def root(self) -> Path | str | None:
        """The open workspace's folder or database URL (None when none is open)."""
        return self.workspace.root if self.workspace is not None else None

    # -- workspace ---------------------------------------------------------------------------
    def open_workspace(self, workspace: Workspace, conn: sqlite3.Connection) -> None:
        """Make ``workspace`` the open one, with ``conn`` (opened on it for the GUI thread).

        The workspace open before must have been closed (:meth:`close_workspace`)."""
        self.workspace, self.conn = workspace, conn
        self.refresh()
        self.workspace_opened.emit(workspace)

    def close_workspace(self) -> None:
        """Close the connection and forget the workspace (its campaign was closed first)."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        self.workspace = None

    def refresh(self) -> bool:
        """Read the catalog and the navigator's summary afresh (after a save, import, sync or
        message edit); the open campaign is checked against the new catalog. False when the
        workspace could not be read (said as ``read_failed``)."""
        if self.conn is None:
            return False
        try:
            catalog = load_catalog(self.conn)
            overview = load_navigator_data(self.conn)
        except sqlite3.Error as exc:
            log.error("reading the workspace failed: %s", exc)
            self.read_failed.emit(str(exc))
            return False
        self.catalog, self.overview = catalog, overview
        if self.controller is not None:
            self.controller.document.set_refs(catalog.refs)
        self.catalog_changed.emit(catalog)
        return True

    # -- campaign ----------------------------------------------------------------------------
    def open_campaign(
        self, campaign: Campaign, saved_name: str | None, version: int | None = None
    ) -> DocumentController:
        """Make ``campaign`` the open one (``saved_name``: its name in the workspace, None when
        not saved yet; ``version``: the version of it that was read): its document, checked
        against the catalog, and its controller."""
        document = CampaignDocument(campaign, self.catalog.refs if self.conn is not None else None)
        self.controller = DocumentController(document, saved_name=saved_name, base_version=version, parent=self)
        self.campaign_opened.emit(self.controller)
        return self.controller

    def close_campaign(self) -> None:
        """Forget the open campaign (the window has closed its editor)."""
        if self.controller is not None:
            self.controller.deleteLater()
            self.controller = None
