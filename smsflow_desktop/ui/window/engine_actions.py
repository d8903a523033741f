"""Preview, Run (with pause, stop and resume), recovery of unfinished runs, from the main window.

These are the window's hooks into ``services.engine``; every query and the run itself happen
on the runner thread (:class:`ui.workers.TaskRunner`, with the jobs of
``ui.run.engine_jobs``), so the window stays responsive. Runners are kept until they finish;
closing the window during a run asks, then stops the run cooperatively and waits for its
thread.

Where a run starts: :meth:`EngineActions.run` (the Run action: save, estimate, ask), then
:meth:`EngineActions.start_run` or :meth:`EngineActions.resume`, which put
``engine_jobs.run_job`` / ``engine_jobs.resume_job`` on a TaskRunner (:meth:`_launch_run`);
on that thread the job calls ``services.engine.runner.start_run`` / ``resume_run``, which
drive the engine's ``Runner``. Each run has its :class:`ui.run.run_panel.RunPanel`, kept by
run id in :attr:`EngineActions.run_panels` for as long as the workspace is open.

:class:`EngineActions` reads the open workspace and campaign from the
:class:`ui.context.WorkspaceContext` and talks to the user through the window's
:class:`ui.window.window_dialogs.WindowSurface`; what the window should update it says with
signals (``run_started``, ``run_ended``, ``run_refused``, ``in_doubt_dropped``).
"""

from __future__ import annotations

import gc
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal

from smsflow_desktop.services.engine.steps import sms_step_numbers
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.ui.context import WorkspaceContext
from smsflow_desktop.ui.run.engine_jobs import (
    RunControl,
    estimate_job,
    export_audience_job,
    people_under_job,
    preview_job,
    resume_job,
    run_job,
    warm_up_job,
)
from smsflow_desktop.ui.run.funnel_dialog import PreviewDialog
from smsflow_desktop.ui.run.run_confirm import destination_text
from smsflow_desktop.ui.run.run_panel import RunPanel
from smsflow_desktop.ui.run.run_recovery import RecoveryDialog
from smsflow_desktop.ui.step_types import step_title
from smsflow_desktop.ui.window.window_dialogs import WindowSurface
from smsflow_desktop.ui.workers import CancelFlag, Job, TaskRunner, expected_errors

if TYPE_CHECKING:
    from smsflow_desktop.services.engine.runner import RunProgress, RunResult
    from smsflow_desktop.services.engine.send_estimate import RunEstimate

log = logging.getLogger(__name__)


def branch_notes(campaign: Any, step: int) -> dict[str, str]:
    """What each branch of flow step ``step`` does, by the engine's branch label."""
    if not 1 <= step <= len(campaign.flow):
        return {}
    s = campaign.flow[step - 1]
    choices = getattr(s, "choices", [])

    def what(params: Any) -> str:
        if params is None:
            return QCoreApplication.translate("EngineActions", "Do nothing")
        return str(getattr(params, "message", None) or getattr(params, "vibes_list_id", "") or "")

    notes = {f"Choice {i}": what(c.then) for i, c in enumerate(choices, start=1)}
    notes["Default"] = what(s)
    return notes


class EngineActions(QObject):
    """Preview / Run / Resume / recovery for one window."""

    run_started = Signal()
    run_ended = Signal(object)  # the RunResult (or None when the run failed)
    run_refused = Signal()  # Run was asked for while the campaign has problems to fix
    in_doubt_dropped = Signal(int)  # run id

    def __init__(self, context: WorkspaceContext, surface: WindowSurface) -> None:
        super().__init__(surface.window())
        self.context = context
        self.surface = surface
        self.runners: list[TaskRunner[Any, Any]] = []  # kept until each is done
        self.run_control: RunControl | None = None
        self.run_runner: TaskRunner[RunResult, RunProgress] | None = None
        self.run_panels: dict[int, RunPanel] = {}  # by run id, for the open workspace
        self.run_panel: RunPanel | None = None  # the current or last run's (Show Run Progress)
        self.preview_dialog: PreviewDialog | None = None
        self.preview_cancel: CancelFlag | None = None
        self.recovery_dialog: RecoveryDialog | None = None
        self.estimate: RunEstimate | None = None
        # Connected before the window's own slot, so the run panels are gone when it updates its actions.
        context.workspace_opened.connect(self._workspace_opened)

    def _workspace_opened(self, _workspace: object) -> None:
        self._drop_run_panels()
        QTimer.singleShot(0, self.check_unfinished)  # runs a crash left behind, once the window shows
        self.warm_up()

    def warm_up(self) -> None:
        """Load the engine and Vibes modules in the background (called when a workspace opens)."""
        TaskRunner(warm_up_job(), name="warm-up", parent=self).start(keep_in=self.runners)

    def busy(self) -> bool:
        """Whether a run is going on in this window."""
        return self.run_control is not None

    # -- preview ------------------------------------------------------------------------------
    def preview(self, step: int | None = None) -> PreviewDialog | None:
        ctx = self.context
        if ctx.controller is None or ctx.workspace is None:
            return None
        campaign = ctx.controller.document.campaign
        numbers = sms_step_numbers(campaign)
        if not numbers:
            self.surface.dialogs.info(
                self.tr("Preview"),
                self.tr("Add a Send SMS Message, Subscribe or Unsubscribe step to see who it would reach."),
            )
            return None
        steps = [(n, step_title(campaign.flow[n - 1].type)) for n in numbers]
        if self.preview_dialog is not None:
            self.preview_dialog.close()
            self.preview_dialog.deleteLater()
        self.preview_dialog = PreviewDialog(
            steps, self._preview_step, self.surface.window(), request_people=self._people, request_export=self._export
        )
        self.preview_dialog.show()
        self._preview_step(step if step in numbers else numbers[0])
        return self.preview_dialog

    def _preview_step(self, step: int) -> None:
        ctx, dialog = self.context, self.preview_dialog
        if ctx.controller is None or ctx.workspace is None or dialog is None:
            return
        if self.preview_cancel is not None:
            self.preview_cancel.cancel()  # the segments of the step shown before are no longer wanted
        self.preview_cancel = CancelFlag()
        campaign = ctx.controller.document.campaign
        quiet = campaign.settings.quiet_hours
        dialog.quiet_hours = (quiet.start, quiet.end) if quiet.enabled else None
        dialog.branch_notes = branch_notes(campaign, step)
        dialog.show_busy()
        TaskRunner(
            preview_job(ctx.workspace.root, campaign, step, cancel=self.preview_cancel),
            name="preview",
            parent=self,
            on_progress=dialog.show_preview,
            on_success=dialog.show_segments,
            on_failure=dialog.show_error,
        ).start(keep_in=self.runners)

    def _people(self, step: int, reason: str, offset: int) -> None:
        ctx, dialog = self.context, self.preview_dialog
        if ctx.controller is None or ctx.workspace is None or dialog is None:
            return

        def found(rows: list[dict[str, object]]) -> None:
            if dialog is self.preview_dialog:
                dialog.add_people(reason, rows, step=step, offset=offset)

        def failed(message: str) -> None:
            if dialog is self.preview_dialog:
                dialog.people_failed(reason, message)

        TaskRunner(
            people_under_job(ctx.workspace.root, ctx.controller.document.campaign, step, reason, offset=offset),
            name="people-under",
            parent=self,
            on_success=found,
            on_failure=failed,
        ).start(keep_in=self.runners)

    def _export(self, step: int, path: Path) -> None:
        ctx, dialog = self.context, self.preview_dialog
        if ctx.controller is None or ctx.workspace is None or dialog is None:
            return

        def written(rows: int) -> None:
            if dialog is self.preview_dialog:
                dialog.export_done(rows, path)

        TaskRunner(
            export_audience_job(ctx.workspace.root, ctx.controller.document.campaign, step, path),
            name="export-audience",
            parent=self,
            on_success=written,
            on_failure=dialog.export_failed,
        ).start(keep_in=self.runners)

    # -- run -----------------------------------------------------------------------------------
    def destination(self) -> tuple[bool, str]:
        """(remote, host) of the open workspace's Vibes."""
        conn = self.context.conn
        if conn is None:
            return False, ""
        return get_setting(conn, "vibes.mode") == "remote", get_setting(conn, "vibes.base_url")

    def run(self) -> TaskRunner[RunEstimate, None] | None:
        """Save if needed, work out what the run would send, ask, then run (all off the GUI thread)."""
        ctx = self.context
        if ctx.controller is None or ctx.workspace is None or ctx.conn is None:
            return None
        if ctx.controller.document.errors:
            self.run_refused.emit()
            return None
        if self.busy():
            self.surface.dialogs.info(self.tr("Run"), self.tr("A run is already in progress."))
            return None
        name = ctx.controller.document.campaign.name
        if ctx.controller.is_dirty:
            if not self.surface.dialogs.confirm(
                self.tr("Run"), self.tr("Save the changes to “%1” and run it?").replace("%1", name)
            ):
                return None
            if not self.surface.save_campaign():
                return None
        self.surface.statusBar().showMessage(self.tr("Working out who “%1” would reach…").replace("%1", name))
        return TaskRunner(
            estimate_job(ctx.workspace.root, name),
            name="run-estimate",
            parent=self,
            on_success=lambda estimate: self._confirm_run(name, estimate),
            on_failure=lambda message: self._confirm_run(name, None, message),
        ).start(keep_in=self.runners)

    def _confirm_run(self, name: str, estimate: RunEstimate | None, problem: str = "") -> None:
        self.surface.statusBar().clearMessage()
        if problem:
            log.warning("run estimate failed: %s", problem)
        if self.context.workspace is None or self.busy():
            return
        self.estimate = estimate
        remote, host = self.destination()
        choice = self.surface.dialogs.confirm_run(name, remote, estimate=estimate, host=host)
        if choice is not None:
            self.start_run(name, dry_run=choice == "dry")

    def start_run(self, name: str, *, dry_run: bool = False) -> TaskRunner[RunResult, RunProgress] | None:
        """Start a new run of the saved campaign ``name``."""
        ctx = self.context
        if ctx.workspace is None or self.busy():
            return None
        self.run_control = RunControl()
        return self._launch_run(name, run_job(ctx.workspace.root, name, self.run_control, dry_run=dry_run), dry_run)

    def resume(self, run_id: int, resend_in_doubt: bool = False) -> TaskRunner[RunResult, RunProgress] | None:
        """Carry on with run ``run_id`` (from the run panel, the Results tab or the recovery dialog)."""
        ctx = self.context
        if ctx.workspace is None or ctx.conn is None:
            return None
        if self.busy():
            self.surface.dialogs.info(self.tr("Run"), self.tr("A run is already in progress."))
            return None
        from smsflow_desktop.services.engine import ledger

        row = ledger.load_run(ctx.conn, run_id)
        self.run_control = RunControl()
        job = resume_job(ctx.workspace.root, run_id, self.run_control, resend_in_doubt=resend_in_doubt)
        return self._launch_run(str(row["campaign_name"]), job, bool(row["dry_run"]), run_id)

    def _launch_run(
        self, name: str, job: Job[RunResult, RunProgress], dry_run: bool, run_id: int | None = None
    ) -> TaskRunner[RunResult, RunProgress]:
        """Show the run's panel (run ``run_id``'s own when resuming) and put ``job`` on the runner thread."""
        # A run allocates and frees objects by the million on its threads; what lives now lives
        # on, so leave it out of the collector's full passes (they pause every thread for tens of ms).
        gc.freeze()
        remote, host = self.destination()
        where = self.tr("Dry run: nothing is sent to Vibes.") if dry_run else destination_text(remote, host)
        panel = self.run_panels.get(run_id) if run_id is not None else None
        if panel is None:
            panel = RunPanel(name, where, self.surface.window())
            panel.pause_requested.connect(lambda: self._stop("pause"))
            panel.cancel_requested.connect(lambda: self._stop("cancel"))
            panel.resume_requested.connect(lambda rid: self.resume(rid))
            panel.confirm_stop = lambda title, text: self.surface.dialogs.confirm(title, text)
        self._show_panel(panel)
        panel.destination.setText(where)
        panel.run_id = run_id
        self._keep_panel(panel)
        panel.set_running()
        runner = TaskRunner(
            job,
            name="run",
            parent=self,
            on_progress=self._run_progressed,
            on_success=self._run_finished,
            on_failure=self._run_failed,
        )
        self.run_runner = runner
        panel.show()
        self.run_started.emit()
        return runner.start(keep_in=self.runners)

    def _show_panel(self, panel: RunPanel) -> None:
        """Make ``panel`` the one Show Run Progress shows; the one before is hidden (or dropped,
        when it never learnt its run's id)."""
        before, self.run_panel = self.run_panel, panel
        if before is None or before is panel:
            return
        if before.run_id in self.run_panels:
            before.hide()
        else:
            before.close()
            before.deleteLater()

    def _keep_panel(self, panel: RunPanel) -> None:
        if panel.run_id:
            self.run_panels[panel.run_id] = panel

    def _drop_run_panels(self) -> None:
        """Close every run panel (another workspace opens: its run ids mean other runs)."""
        panels = {id(p): p for p in [*self.run_panels.values(), self.run_panel] if p is not None}
        for panel in panels.values():
            panel.close()
            panel.deleteLater()
        self.run_panels.clear()
        self.run_panel = None

    def _stop(self, reason: str) -> None:
        if self.run_control is not None:
            self.run_control.cancel(reason)

    def _run_progressed(self, progress: RunProgress) -> None:
        panel = self.run_panel
        if panel is None:
            return
        if progress.run_id and not panel.run_id:
            panel.run_id = progress.run_id
            self._keep_panel(panel)
        panel.show_progress(progress)

    def _run_finished(self, result: RunResult) -> None:
        control, self.run_control = self.run_control, None
        if self.run_panel is not None:
            self.run_panel.show_result(result, paused=control is not None and control.reason == "pause")
            self._keep_panel(self.run_panel)
        self.run_ended.emit(result)

    def _run_failed(self, message: str) -> None:
        self.run_control = None
        if self.run_panel is not None:
            self.run_panel.show_error(message)
        self.run_ended.emit(None)

    # -- recovery ------------------------------------------------------------------------------
    def check_unfinished(self, *, always: bool = False) -> RecoveryDialog | None:
        """Offer runs a crash left unfinished (and their sends in doubt); ``always``: even when none is due."""
        ctx = self.context
        if ctx.conn is None or getattr(self.surface.dialogs, "headless", False) or self.busy():
            return None
        from smsflow_desktop.services.engine.in_doubt import in_doubt_sends, unfinished_runs

        runs = unfinished_runs(ctx.conn)
        if not always and not any(r.due_now for r in runs):
            return None
        if not runs:
            self.surface.dialogs.info(
                self.tr("Unfinished runs"), self.tr("Every run has finished; nothing is in doubt.")
            )
            return None
        conn = ctx.conn
        if self.recovery_dialog is not None:
            self.recovery_dialog.close()
            self.recovery_dialog.deleteLater()
        dialog = RecoveryDialog(runs, lambda run_id: in_doubt_sends(conn, run_id), self.surface.window())
        dialog.resume_requested.connect(self.resume)
        dialog.drop_requested.connect(self._drop_from_dialog)
        self.recovery_dialog = dialog
        dialog.open()
        return dialog

    def drop_in_doubt(self, run_id: int) -> int:
        """Mark the run's sends in doubt failed ('dropped by user'); returns how many."""
        ctx = self.context
        if ctx.conn is None:
            return 0
        from smsflow_desktop.services.engine.in_doubt import drop_in_doubt

        try:
            n = drop_in_doubt(ctx.conn, run_id)
        except expected_errors() as exc:
            self.surface.dialogs.error(self.tr("Drop in-doubt sends"), str(exc))
            return 0
        self.surface.statusBar().showMessage(
            self.tr("%1 sends in doubt dropped; they count as failed.").replace("%1", str(n)), 6000
        )
        self.in_doubt_dropped.emit(run_id)
        return n

    def _drop_from_dialog(self, run_id: int) -> None:
        self.drop_in_doubt(run_id)
        dialog, conn = self.recovery_dialog, self.context.conn
        if dialog is not None and conn is not None:
            from smsflow_desktop.services.engine.in_doubt import unfinished_runs

            dialog.set_runs(unfinished_runs(conn))

    # -- shutdown ------------------------------------------------------------------------------
    def confirm_quit(self) -> bool:
        """Ask before closing during a run; True when the window may close."""
        if not self.busy():
            return True
        return self.surface.dialogs.confirm(
            self.tr("A run is in progress"),
            self.tr("Stop the run and quit? What was sent stays sent; you can resume the run later."),
        )

    def shutdown(self, timeout_s: float = 60.0) -> None:
        """Stop a run cooperatively and wait for every worker thread (the window is closing)."""
        if self.preview_cancel is not None:
            self.preview_cancel.cancel()
        if self.run_control is not None:
            self.run_control.cancel("quit")
            if self.run_panel is not None:
                self.run_panel.status.setText(self.tr("Stopping after the texts on their way…"))
        deadline = time.monotonic() + timeout_s
        app = QCoreApplication.instance()
        for runner in list(self.runners):
            while runner.is_running() and time.monotonic() < deadline:
                if app is not None:
                    app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 50)
                runner.wait(50)
            runner.wait(max(0, int((deadline - time.monotonic()) * 1000)))
