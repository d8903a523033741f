"""What the window does with campaign versions: a save refused because someone else saved
first, a campaign's History, and restoring an old version.

When the open campaign was changed in the workspace since it was opened (another window,
``smsflow campaign import``, a colleague), its save is refused (``SaveConflict``) and
:meth:`VersionActions.resolve` asks the user through the window's dialogs: keep mine as a
copy (saved under a free name, "Spring promo (copy)", and edited on from there; theirs stays
as it is), reload theirs (the edits and their undo history are dropped), or cancel (nothing
changes; the edits stay unsaved). Nothing is ever overwritten without the user seeing it.
:meth:`VersionActions.show_history` opens the History dialog of a campaign; restoring a
version there saves it as the newest version and shows it in the editor when that campaign
is open (asking first when it has unsaved edits).
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Protocol

from PySide6.QtCore import QObject

from smsflow_desktop.services import campaign_versions as versions
from smsflow_desktop.services.campaigns import (
    Conflict,
    copy_name,
    list_campaigns,
    load_campaign_and_version,
    restore_campaign_version,
    save_campaign,
)
from smsflow_desktop.ui.context import WorkspaceContext
from smsflow_desktop.ui.run.results_tab import ResultsTab
from smsflow_desktop.ui.window.campaign_history import (
    CampaignHistoryDialog,
    ConflictInfo,
    change_texts,
    saved_at_text,
    saved_by_text,
)
from smsflow_desktop.ui.window.window_dialogs import WindowSurface

log = logging.getLogger(__name__)


class VersionSurface(WindowSurface, Protocol):
    """What the version actions use of the window besides its dialogs and status bar."""

    results_tab: ResultsTab | None


class VersionActions(QObject):
    """Conflicts on save, History and Restore for the window's open workspace."""

    def __init__(self, context: WorkspaceContext, surface: VersionSurface) -> None:
        super().__init__(context)
        self.context = context
        self.surface = surface
        self.history_dialog: CampaignHistoryDialog | None = None

    def _lists(self) -> dict[str, str]:
        refs = self.context.catalog.refs
        return dict(refs.vibes_lists) if refs is not None else {}

    # -- a save refused -------------------------------------------------------------------------------
    def conflict_info(self, conflict: Conflict) -> ConflictInfo:
        """What the conflict dialog says: who saved since, and both sides' changes since the
        version that was opened."""
        ctx, theirs = self.context, conflict.theirs
        assert ctx.conn is not None and ctx.controller is not None
        mine = ctx.controller.document.campaign
        info = ConflictInfo(
            campaign=conflict.name,
            saved_by=saved_by_text(theirs.saved_by),
            saved_at=saved_at_text(theirs.saved_at),
            renamed_to=theirs.name if theirs.name != conflict.name else "",
        )
        try:
            their_campaign = theirs.campaign()
            base = versions.get_version(ctx.conn, "campaign", theirs.item_id, conflict.base_version)
            if base is not None:
                opened = base.campaign()
                info.theirs = change_texts(opened, their_campaign, self._lists())
                info.mine = change_texts(opened, mine, self._lists())
            else:
                info.theirs = change_texts(mine, their_campaign, self._lists())
        except (ValueError, sqlite3.Error) as exc:
            log.warning("cannot compare the versions of %r: %s", conflict.name, exc)
        return info

    def resolve(self, conflict: Conflict) -> bool:
        """Ask what to do about a refused save; whether the user's campaign is now saved (as a copy)."""
        answer = self.surface.dialogs.ask_conflict(self.conflict_info(conflict))
        if answer == "copy":
            return self.keep_mine_as_copy()
        if answer == "reload":
            self.reload_theirs(conflict.theirs.name)
        return False

    def keep_mine_as_copy(self) -> bool:
        """Save the open campaign as a new campaign under a free name and go on editing that."""
        ctx = self.context
        if ctx.conn is None or ctx.controller is None:
            return False
        controller = ctx.controller
        mine = controller.document.campaign
        title = self.tr("Keep mine as a copy")
        try:
            taken = set(list_campaigns(ctx.conn))
            opened = controller.saved_name
            name = mine.name if mine.name not in taken and mine.name != opened else None
            name = name or copy_name(ctx.conn, mine.name, self.tr("copy"))
            version = save_campaign(
                ctx.conn, mine.model_copy(deep=True, update={"name": name}), base_version=0, note=versions.NOTE_COPY
            )
        except (Conflict, sqlite3.Error) as exc:
            log.error("saving a copy of %r failed: %s", mine.name, exc)
            self.surface.dialogs.error(
                title, self.tr("Your version could not be saved as a copy: %1").replace("%1", str(exc))
            )
            return False
        controller.saved_as(name, version)
        self._results_follow(name)
        self.surface.statusBar().showMessage(
            self.tr("Your version was saved as “%1”; “%2” keeps their changes.")
            .replace("%1", name)
            .replace("%2", opened or ""),
            8000,
        )
        return True

    def reload_theirs(self, name: str) -> bool:
        """Show the workspace's version of the campaign called ``name`` in the editor, dropping the edits."""
        ctx = self.context
        if ctx.conn is None or ctx.controller is None:
            return False
        try:
            campaign, version = load_campaign_and_version(ctx.conn, name)
        except (LookupError, ValueError, sqlite3.Error) as exc:
            log.error("reloading %r failed: %s", name, exc)
            self.surface.dialogs.error(
                self.tr("Reload"), self.tr("“%1” could not be read: %2").replace("%1", name).replace("%2", str(exc))
            )
            return False
        ctx.controller.take_theirs(campaign, version)
        self._results_follow(name)
        self.surface.statusBar().showMessage(
            self.tr("Reloaded “%1” as it is saved now (version %2).").replace("%1", name).replace("%2", str(version)),
            6000,
        )
        return True

    def _results_follow(self, name: str) -> None:
        """The Results tab shows the runs of the campaign the editor now holds."""
        tab = self.surface.results_tab
        if tab is not None and tab.campaign_name != name:
            tab.campaign_name = name
            tab.refresh()

    # -- history ------------------------------------------------------------------------------------
    def show_history(self, name: str | None = None) -> CampaignHistoryDialog | None:
        """Open the History of the campaign ``name`` (default: the open one)."""
        ctx = self.context
        if not name and ctx.controller is not None:
            name = ctx.controller.saved_name
        if ctx.conn is None or not name:
            self.surface.dialogs.info(self.tr("History"), self.tr("Open a saved campaign to see its history."))
            return None
        if self.history_dialog is not None:
            self.history_dialog.close()
            self.history_dialog.deleteLater()
        chosen = name
        self.history_dialog = CampaignHistoryDialog(
            ctx.conn, chosen, lambda version: self.restore(chosen, version), self._lists(), self.surface.window()
        )
        self.history_dialog.open()
        return self.history_dialog

    def restore(self, name: str, version: int) -> bool:
        """Save version ``version`` of ``name`` as its newest; the editor shows it when open."""
        ctx = self.context
        if ctx.conn is None:
            return False
        controller = ctx.controller
        is_open = controller is not None and controller.saved_name == name
        title = self.tr("Restore version")
        if (
            is_open
            and controller is not None
            and controller.is_dirty
            and not self.surface.dialogs.confirm(
                title,
                self.tr("“%1” has unsaved changes in the editor. Restore version %2 and drop them?")
                .replace("%1", name)
                .replace("%2", str(version)),
            )
        ):
            return False
        try:
            newest = restore_campaign_version(ctx.conn, name, version)
            campaign, stored = load_campaign_and_version(ctx.conn, name)
        except (LookupError, ValueError, sqlite3.Error) as exc:
            log.error("restoring version %s of %r failed: %s", version, name, exc)
            self.surface.dialogs.error(
                title,
                self.tr("Version %1 could not be restored: %2").replace("%1", str(version)).replace("%2", str(exc)),
            )
            return False
        if is_open and controller is not None:
            controller.take_theirs(campaign, stored)
        else:
            ctx.refresh()
        self.surface.statusBar().showMessage(
            self.tr("Version %1 of “%2” restored as version %3.")
            .replace("%1", str(version))
            .replace("%2", name)
            .replace("%3", str(newest)),
            6000,
        )
        return True
