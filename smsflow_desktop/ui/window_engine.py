"""Preview, Run and Vibes Sync from the main window, each on a worker thread.

These are the window's hooks into ``services.engine`` and ``services.vibes`` (see
``ui.engine_bridge``). Where a service is missing from the build, the action says so in a
dialog instead of failing. Runners are kept until they finish; closing the window cancels
a run cooperatively and waits for the threads.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.ui import engine_bridge
from smsflow_desktop.ui.engine_dialogs import PreviewDialog, RunDialog
from smsflow_desktop.ui.step_types import STEP_TYPES
from smsflow_desktop.ui.workers import TaskRunner

if TYPE_CHECKING:
    from smsflow_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class EngineActions(QObject):
    """Preview / Run / Sync for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.runners: list[TaskRunner] = []
        self.run_control: engine_bridge.RunControl | None = None
        self.preview_dialog: PreviewDialog | None = None
        self.run_dialog: RunDialog | None = None

    def _start(self, runner: TaskRunner) -> TaskRunner:
        self.runners.append(runner)
        runner.done.connect(lambda r=runner: self._forget(r))
        runner.start()
        return runner

    def _forget(self, runner: TaskRunner) -> None:
        runner.wait(5000)
        if runner in self.runners:
            self.runners.remove(runner)

    # -- preview ------------------------------------------------------------------------------
    def preview(self, step: int | None = None) -> PreviewDialog | None:
        w = self.window
        if w.controller is None or w.workspace is None:
            return None
        if not engine_bridge.engine_available():
            w.dialogs.info(self.tr("Preview"), self.tr("Preview is not available yet in this build."))
            return None
        campaign = w.controller.document.campaign
        numbers = engine_bridge.sms_step_numbers(campaign)
        if not numbers:
            w.dialogs.info(self.tr("Preview"), self.tr("Add a Send SMS Message, Subscribe or Unsubscribe step to see "
                                                 "who it would reach."))
            return None
        steps = [(n, STEP_TYPES[campaign.flow[n - 1].type].display_title()) for n in numbers]
        if self.preview_dialog is None:
            self.preview_dialog = PreviewDialog(steps, self._preview_step, w)
        self.preview_dialog.show()
        self._preview_step(step if step in numbers else numbers[0])
        return self.preview_dialog

    def _preview_step(self, step: int) -> None:
        w, dialog = self.window, self.preview_dialog
        if w.controller is None or w.workspace is None or dialog is None:
            return
        dialog.show_busy()
        job = engine_bridge.preview_job(w.workspace.root, w.controller.document.campaign, step)
        runner = TaskRunner(job, expected=engine_bridge.expected_errors(), name="preview", parent=self)
        runner.succeeded.connect(dialog.show_preview)
        runner.failed.connect(dialog.show_error)
        self._start(runner)

    # -- run -----------------------------------------------------------------------------------
    def run(self) -> TaskRunner | None:
        w = self.window
        if w.controller is None or w.workspace is None or w.conn is None:
            return None
        if not engine_bridge.engine_available():
            w.dialogs.info(self.tr("Run"), self.tr("Running campaigns is not available yet in this build."))
            return None
        if w.controller.document.errors:
            if w.editor is not None:
                w.editor.jump_to_first_problem()
            return None
        if self.run_control is not None:
            w.dialogs.info(self.tr("Run"), self.tr("A run is already in progress."))
            return None
        name = w.controller.document.campaign.name
        if w.controller.is_dirty:
            if not w.dialogs.confirm(self.tr("Run"), self.tr("Save the changes to “%1” and run it?").replace("%1", name)):
                return None
            if not w.save_campaign():
                return None
        remote = get_setting(w.conn, "vibes.mode") == "remote"
        choice = w.dialogs.confirm_run(name, remote)
        if choice is None:
            return None
        self.run_control = engine_bridge.RunControl()
        self.run_dialog = RunDialog(name, self.run_control.cancel, w)
        job = engine_bridge.run_job(w.workspace.root, name, self.run_control, dry_run=choice == "dry")
        runner = TaskRunner(job, expected=engine_bridge.expected_errors(), name="run", parent=self)
        runner.progressed.connect(self.run_dialog.show_progress)
        runner.succeeded.connect(self._run_finished)
        runner.failed.connect(self._run_failed)
        self.run_dialog.show()
        return self._start(runner)

    def _run_finished(self, result: object) -> None:
        self.run_control = None
        if self.run_dialog is not None:
            self.run_dialog.show_result(result)
        if self.window.editor is not None:
            self.window.editor.results_tab.refresh()

    def _run_failed(self, message: str) -> None:
        self.run_control = None
        if self.run_dialog is not None:
            self.run_dialog.show_error(message)

    # -- sync ----------------------------------------------------------------------------------
    def sync(self) -> TaskRunner | None:
        w = self.window
        if w.workspace is None:
            return None
        if not engine_bridge.vibes_available():
            w.dialogs.info(self.tr("Sync Vibes lists"), self.tr("Syncing with Vibes is not available in this build."))
            return None
        w.statusBar().showMessage(self.tr("Syncing Vibes lists…"))
        runner = TaskRunner(engine_bridge.sync_job(w.workspace.root), expected=engine_bridge.expected_errors(),
                            name="vibes-sync", parent=self)
        runner.succeeded.connect(self._synced)
        runner.failed.connect(lambda message: self._sync_failed(message))
        return self._start(runner)

    def _synced(self, counts: object) -> None:
        w = self.window
        data = counts if isinstance(counts, dict) else {}
        w.refresh_workspace()
        w.statusBar().showMessage(self.tr("Synced %1 subscription lists and %2 acquisition campaigns from Vibes.")
                                  .replace("%1", str(data.get("subscription_lists", "?")))
                                  .replace("%2", str(data.get("acquisition_campaigns", "?"))), 8000)

    def _sync_failed(self, message: str) -> None:
        w = self.window
        w.statusBar().clearMessage()
        w.dialogs.error(self.tr("Sync Vibes lists"), self.tr("The sync did not complete: %1").replace("%1", message))

    def shutdown(self) -> None:
        """Cancel a run and wait for every worker thread (the window is closing)."""
        if self.run_control is not None:
            self.run_control.cancel()
        for runner in list(self.runners):
            runner.wait(10000)
