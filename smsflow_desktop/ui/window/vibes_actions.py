"""The window's Vibes menu: settings, list sync, extract import and the callback receiver.

Sync and extract import run on worker threads (``ui.vibes.vibes_jobs``); the extract import
shows a cancellable progress dialog and rolls back when cancelled. The callback receiver
(``services.vibes.callbacks.CallbackReceiver``) serves on its own thread while switched on
and stops when the workspace closes. Its URL holds the workspace's callback secret: the
callback dialog shows it (to copy into Vibes); the status bar shows it with the secret hidden.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog

from smsflow_desktop.ui import file_dialogs
from smsflow_desktop.ui.context import WorkspaceContext
from smsflow_desktop.ui.labels import number
from smsflow_desktop.ui.qt_util import to_int
from smsflow_desktop.ui.vibes.callback_dialog import CallbackDialog
from smsflow_desktop.ui.vibes.vibes_jobs import import_extract_job, sync_job
from smsflow_desktop.ui.vibes.vibes_settings import VibesSettingsDialog
from smsflow_desktop.ui.window import window_state
from smsflow_desktop.ui.window.window_dialogs import WindowSurface
from smsflow_desktop.ui.workers import CancelFlag, Cancelled, RowProgress, TaskRunner

if TYPE_CHECKING:
    from smsflow_desktop.services.importers.vibes_extract import ExtractImportResult

log = logging.getLogger(__name__)
PORT_KEY = "callbacks/port"


class VibesActions(QObject):
    """Vibes settings / sync / extract import / callbacks for one window."""

    def __init__(self, context: WorkspaceContext, surface: WindowSurface) -> None:
        super().__init__(surface.window())
        self.context = context
        self.surface = surface
        self.runners: list[TaskRunner[Any, Any]] = []  # kept until each is done
        self.receiver: Any = None
        self.callback_dialog: CallbackDialog | None = None
        self.settings_dialog: VibesSettingsDialog | None = None
        self.extract_progress: QProgressDialog | None = None

    # -- settings --------------------------------------------------------------------------------
    def open_settings(self) -> VibesSettingsDialog | None:
        ctx = self.context
        if ctx.conn is None or ctx.workspace is None:
            self.surface.dialogs.error(self.tr("Vibes settings"), self.tr("Open a workspace first."))
            return None
        self.settings_dialog = VibesSettingsDialog(ctx.conn, ctx.workspace.root, self.surface.window())
        self.settings_dialog.open()
        return self.settings_dialog

    # -- sync ----------------------------------------------------------------------------------
    def sync(self) -> TaskRunner[dict[str, object], None] | None:
        ctx = self.context
        if ctx.workspace is None:
            return None
        self.surface.statusBar().showMessage(self.tr("Syncing Vibes lists…"))
        return TaskRunner(
            sync_job(ctx.workspace.root),
            name="vibes-sync",
            parent=self,
            on_success=self._synced,
            on_failure=self._sync_failed,
        ).start(keep_in=self.runners)

    def _synced(self, data: dict[str, object]) -> None:
        self.context.refresh()
        self.surface.statusBar().showMessage(
            self.tr("Synced %1 subscription lists and %2 acquisition campaigns from Vibes.")
            .replace("%1", str(data.get("subscription_lists", "?")))
            .replace("%2", str(data.get("acquisition_campaigns", "?"))),
            8000,
        )

    def _sync_failed(self, message: str) -> None:
        self.surface.statusBar().clearMessage()
        self.surface.dialogs.error(
            self.tr("Sync Vibes lists"), self.tr("The sync did not complete: %1").replace("%1", message)
        )

    # -- extract import --------------------------------------------------------------------------
    def import_extract(
        self, path: Path | None = None
    ) -> TaskRunner[ExtractImportResult | Cancelled, RowProgress] | None:
        """Import a Vibes subscriber extract into the membership mirror, with a progress dialog."""
        ctx = self.context
        if ctx.workspace is None:
            return None
        if not isinstance(path, Path):
            chosen = file_dialogs.open_file(
                self.surface.window(),
                "vibes_extract",
                self.tr("Vibes extract file"),
                self.tr("Vibes extracts (*.txt *.tsv *.csv);;All files (*)"),
            )
            if chosen is None:
                return None
            path = chosen
        cancel = CancelFlag()
        progress = QProgressDialog(
            self.tr("Importing %1…").replace("%1", path.name), self.tr("Cancel"), 0, 1000, self.surface.window()
        )
        progress.setWindowTitle(self.tr("Import Vibes extract"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.canceled.connect(cancel.cancel)
        self.extract_progress = progress
        return TaskRunner(
            import_extract_job(ctx.workspace.root, path, cancel=cancel),
            name="extract-import",
            parent=self,
            on_progress=lambda v: progress.setValue(int(1000 * v[1] / max(1, v[2]))),
            on_success=lambda result: self._extract_done(path, result),
            on_failure=lambda message: self._extract_failed(path, message),
        ).start(keep_in=self.runners)

    def _close_progress(self) -> None:
        if self.extract_progress is not None:
            self.extract_progress.close()
            self.extract_progress.deleteLater()
            self.extract_progress = None

    def _extract_done(self, path: Path, result: ExtractImportResult | Cancelled) -> None:
        self._close_progress()
        if isinstance(result, Cancelled):
            self.surface.statusBar().showMessage(self.tr("Extract import cancelled; nothing was changed."), 6000)
            return
        text = (
            self.tr("%1: %2 rows, %3 opted in, %4 opted out, %5 lists.")
            .replace("%1", path.name)
            .replace("%2", number(result.rows))
            .replace("%3", number(result.opt_in))
            .replace("%4", number(result.opt_out))
            .replace("%5", number(len(result.lists)))
        )
        if result.error_count:
            lines = ", ".join(str(e.get("line")) for e in result.errors[:10])
            text += " " + self.tr("%1 lines were skipped (lines %2).").replace(
                "%1", number(result.error_count)
            ).replace("%2", lines + ("…" if result.error_count > 10 else ""))
        self.surface.dialogs.info(self.tr("Import Vibes extract"), text)
        self.context.refresh()

    def _extract_failed(self, path: Path, message: str) -> None:
        self._close_progress()
        self.surface.dialogs.error(
            self.tr("Import Vibes extract"), self.tr("Nothing was imported: %1").replace("%1", message)
        )

    # -- callbacks ---------------------------------------------------------------------------------
    def open_callbacks(self) -> CallbackDialog | None:
        ctx = self.context
        if ctx.workspace is None:
            self.surface.dialogs.error(self.tr("Vibes callbacks"), self.tr("Open a workspace first."))
            return None
        port = to_int(window_state.settings().value(PORT_KEY, 0) or 0)
        dialog = CallbackDialog(self.receiver_url(), self._counts, port, self.surface.window())
        dialog.toggled.connect(self._toggle)
        self.callback_dialog = dialog
        dialog.open()
        return dialog

    def receiver_url(self) -> str | None:
        return self.receiver.url if self.receiver is not None else None

    def _counts(self) -> dict[str, int]:
        return dict(self.receiver.counts) if self.receiver is not None else {}

    def _toggle(self, on: bool, port: int) -> None:
        error = ""
        if on:
            error = self.start_receiver(port)
        else:
            self.stop_receiver()
        if self.callback_dialog is not None:
            self.callback_dialog.set_state(self.receiver_url(), error)

    def start_receiver(self, port: int = 0) -> str:
        """Start listening; returns "" or why it could not start."""
        ctx = self.context
        if ctx.workspace is None or self.receiver is not None:
            return ""
        from smsflow_desktop.services.secrets import SecretsError
        from smsflow_desktop.services.vibes.callbacks import CallbackReceiver

        try:
            self.receiver = CallbackReceiver(ctx.workspace, port=port).start()
        except SecretsError as exc:
            self.receiver = None
            log.warning("callback receiver did not start: %s", exc)
            return self.tr("The receiver needs this workspace's callback secret: %1").replace("%1", str(exc))
        except OSError as exc:
            self.receiver = None
            log.warning("callback receiver did not start: %s", exc)
            return (
                self.tr("Could not listen on port %1: %2")
                .replace("%1", str(port))
                .replace("%2", exc.strerror or str(exc))
            )
        s = window_state.settings()
        s.setValue(PORT_KEY, port)
        self.surface.statusBar().showMessage(
            self.tr("Receiving Vibes callbacks at %1").replace("%1", self.receiver.redacted_url), 6000
        )
        return ""

    def stop_receiver(self) -> None:
        if self.receiver is not None:
            receiver, self.receiver = self.receiver, None
            receiver.stop()

    def shutdown(self) -> None:
        """Stop the receiver and wait for the worker threads (workspace or window closing)."""
        self.stop_receiver()
        for runner in list(self.runners):
            runner.wait(30000)
