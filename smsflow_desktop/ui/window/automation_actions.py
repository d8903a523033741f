"""Campaigns that run themselves, from the main window: Activate and Deactivate, the app's own
agent, the status bar's word on it, and the agent as a service that outlives the app.

* **Activate** (from the Schedule tab): save if needed, refuse at once with the problems when
  the campaign cannot be activated (``services.automation.activation``), else preview the
  first SMS step on the runner thread and ask, naming the audience and the next run (or the
  triggers listened for); then ``activate_campaign``. **Deactivate** asks, then
  ``deactivate_campaign``. Either way the navigator and the Schedule tab follow.
* **The agent**: while the open workspace has an active campaign (or a run of one that was,
  waiting for a later step) and no agent service is installed for it, one :class:`~smsflow_desktop.services.automation.Agent` serves it on the
  runner thread (``ui.run.automation_jobs``); it is stopped, and its thread waited for, when
  the last campaign is deactivated, the service is installed, another workspace opens or the
  window closes. Each pass it reports updates the status bar; whenever another connection
  commits to the workspace (``PRAGMA data_version``, looked at every two seconds) the window
  is told (``workspace_changed``) so the Results tab shows runs the agent started.
* **The status bar** says "Automation: next run Spring promo at 10:00", "Automation:
  listening for triggers of …", "Automation: idle", or the last pass's problem.
* **Keep Campaigns Running When the App Is Closed…** installs or removes the systemd user
  service of :mod:`ui.window.agent_service`.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from smsflow_desktop.model.campaign import Campaign, trigger_subject
from smsflow_desktop.model.schedule import next_runs, zone_or_none
from smsflow_desktop.services.automation.activation import (
    ActivationRefused,
    AutomationStatus,
    activate_campaign,
    activation_problems,
    automation_status,
    deactivate_campaign,
    list_automation,
)
from smsflow_desktop.services.campaigns import CampaignNotFound, load_campaign
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.workspace import WorkspaceError, now_utc
from smsflow_desktop.ui.context import WorkspaceContext
from smsflow_desktop.ui.editor.problem_text import problem_text
from smsflow_desktop.ui.labels import clock_text, number, soon_text, trigger_type_label, when_text
from smsflow_desktop.ui.resources import repolish
from smsflow_desktop.ui.run.automation_jobs import activation_audience_job, agent_for, agent_job
from smsflow_desktop.ui.window import agent_service
from smsflow_desktop.ui.window.window_dialogs import WindowSurface
from smsflow_desktop.ui.workers import TaskRunner

if TYPE_CHECKING:
    from smsflow_desktop.services.automation import Agent, PassResult
    from smsflow_desktop.services.engine.preview import Preview

log = logging.getLogger(__name__)

POLL_MS = 2000  # how often to look for commits of other connections (the agent's, another program's)
STATUS_MS = 30_000  # how often the status bar's "next run" is worked out again


class AutomationActions(QObject):
    """Activation, the app's agent, its status line and the agent service, for one window."""

    changed = Signal()  # a campaign was activated or deactivated (the window re-reads the workspace)
    workspace_changed = Signal()  # another connection committed (runs may have started or ended)
    agent_running_changed = Signal(bool)

    def __init__(self, context: WorkspaceContext, surface: WindowSurface, status_label: QLabel) -> None:
        super().__init__(surface.window())
        self.context = context
        self.surface = surface
        self.label = status_label
        self.label.setObjectName("AutomationStatus")
        self.runners: list[TaskRunner[Any, Any]] = []
        self.agent: Agent | None = None
        self.agent_runner: TaskRunner[PassResult, PassResult] | None = None
        self.agent_error = ""  # why the app's agent stopped by itself
        self.pass_errors: list[str] = []  # the last pass's problems
        self._data_version: int | None = None
        self.make_agent: Callable[[Path | str], Agent] = agent_for  # the agent of a workspace folder or database
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self._poll)
        self.tick = QTimer(self)
        self.tick.setInterval(STATUS_MS)
        self.tick.timeout.connect(self.update_status)
        context.workspace_opened.connect(self._workspace_opened)

    # -- state ---------------------------------------------------------------------------------
    def _workspace_opened(self, _workspace: object) -> None:
        self.agent_error = ""
        self.pass_errors = []
        self._data_version = None
        self._poll()  # the starting point (on a database: listening from now on)
        self.poll.start()
        self.tick.start()
        self.update_status()
        QTimer.singleShot(0, self.sync)  # once the window shows (a --screenshot window never starts the agent)

    def active(self) -> list[AutomationStatus]:
        """Every active campaign of the open workspace (none when it cannot be read)."""
        conn = self.context.conn
        if conn is None:
            return []
        try:
            return list_automation(conn, now_utc())
        except (sqlite3.Error, WorkspaceError, ValueError) as exc:
            log.warning("cannot read which campaigns are active: %s", exc)
            return []

    def status_of(self, name: str | None) -> AutomationStatus | None:
        """Whether the saved campaign ``name`` runs by itself (None: no such saved campaign)."""
        conn = self.context.conn
        if conn is None or not name:
            return None
        try:
            return automation_status(conn, name, now_utc())
        except (CampaignNotFound, sqlite3.Error, WorkspaceError, ValueError):
            return None

    def runs_under_way(self) -> bool:
        """Whether a run of a campaign that has run by itself waits for a later step (a Wait, quiet
        hours): deactivating a campaign lets its runs under way carry on."""
        conn = self.context.conn
        if conn is None:
            return False
        try:
            row = conn.execute(
                "SELECT 1 FROM runs r JOIN automation_campaigns a ON a.campaign_id = r.campaign_id "
                "WHERE r.status = 'waiting' LIMIT 1"
            ).fetchone()
        except sqlite3.Error:
            return False
        return row is not None

    def service_installed(self) -> bool:
        """Whether the agent service does the open workspace's work (then the app runs no agent)."""
        root = self.context.root
        return root is not None and agent_service.takes_over(root)

    def agent_running(self) -> bool:
        return self.agent_runner is not None and not self.agent_runner.finished

    def sync(self) -> None:
        """Run the app's agent while a campaign is active and no service does the work; stop it otherwise."""
        wanted = (
            self.context.workspace is not None
            and not getattr(self.surface.dialogs, "headless", False)  # --screenshot: show, do nothing
            and (bool(self.active()) or self.runs_under_way())
            and not self.service_installed()
        )
        if wanted and not self.agent_running() and not self.agent_error:
            self.start_agent()
        elif not wanted and self.agent_running():
            self.stop_agent()
        self.update_status()

    # -- the app's agent -------------------------------------------------------------------------
    def start_agent(self) -> None:
        root = self.context.root
        if root is None or self.agent_running():
            return
        agent = self.make_agent(root)
        self.agent = agent
        runner: TaskRunner[PassResult, PassResult] = TaskRunner(
            agent_job(agent),
            name="agent",
            parent=self,
            on_progress=self._on_pass,
            on_success=lambda _total: self._agent_ended(agent, ""),
            on_failure=lambda message: self._agent_ended(agent, message),
        )
        self.agent_runner = runner
        runner.start(keep_in=self.runners)
        log.info("agent started for %s", root)
        self.agent_running_changed.emit(True)

    def stop_agent(self, timeout_s: float = 30.0) -> None:
        """Stop the app's agent (the run under way pauses between sends) and wait for its thread."""
        agent, runner = self.agent, self.agent_runner
        if agent is None or runner is None:
            return
        agent.stop()
        deadline = time.monotonic() + timeout_s
        app = QCoreApplication.instance()
        while runner.is_running() and time.monotonic() < deadline:
            if app is not None:
                app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 50)
            runner.wait(50)
        if not runner.wait(max(0, int((deadline - time.monotonic()) * 1000))):
            log.error("the agent did not stop within %.0f s", timeout_s)
        self.agent, self.agent_runner = None, None
        self.agent_running_changed.emit(False)

    def _agent_ended(self, agent: Agent, message: str) -> None:
        if message:
            log.error("the agent stopped: %s", message)
        if agent is self.agent:
            if not agent.stopping:
                self.agent_error = message or self.tr("it stopped unexpectedly")
            self.agent, self.agent_runner = None, None
            self.agent_running_changed.emit(False)
            self.update_status()

    def _on_pass(self, done: PassResult) -> None:
        self.pass_errors = list(done.errors)
        if done.runs_started or done.runs_resumed or done.sent or done.triggers_fired:
            self.surface.statusBar().showMessage(
                self.tr("Automation: %1 run(s) started, %2 text(s) sent")
                .replace("%1", number(done.runs_started))
                .replace("%2", number(done.sent)),
                8000,
            )
            self.workspace_changed.emit()
        self.update_status()

    def _poll(self) -> None:
        conn = self.context.conn
        if conn is None:
            return
        try:
            version = conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return
        changed = self._data_version is not None and version != self._data_version
        self._data_version = version
        if changed:
            self.workspace_changed.emit()
            self.sync()  # a campaign may have been activated or deactivated elsewhere (smsflow campaign activate)

    # -- the status bar ----------------------------------------------------------------------------
    def status_text(self) -> tuple[str, str, bool]:
        """(text, tooltip, is a problem) of the status bar's automation part."""
        if self.context.workspace is None:
            return "", "", False
        active = self.active()
        service = self.service_installed()
        lines = [self._status_line(s) for s in active]
        tooltip = "\n".join(lines)
        if service:
            tooltip = self.tr("The agent service keeps these campaigns running when the app is closed.") + (
                "\n" + tooltip if tooltip else ""
            )
        if self.agent_error and not service:
            return (
                self.tr("Automation stopped: %1").replace("%1", self.agent_error),
                self.tr("Open the workspace again to restart it."),
                True,
            )
        if self.pass_errors and not service:
            text = self.tr("Automation: %1").replace("%1", self.pass_errors[0])
            return text, "\n".join(self.pass_errors), True
        if not active and self.agent_running():
            return self.tr("Automation: finishing runs under way"), self.tr("No campaign runs by itself."), False
        if not active:
            return self.tr("Automation: idle"), self.tr("No campaign runs by itself."), False
        now = now_utc()
        batch = [(s.next_runs[0], s.campaign) for s in active if s.kind == "batch" and s.next_runs]
        prefix = self.tr("Automation (service)") if service else self.tr("Automation")
        if batch:
            due, name = min(batch)
            text = (
                self.tr("%1: next run %2 at %3")
                .replace("%1", prefix)
                .replace("%2", name)
                .replace("%3", soon_text(due, now))
            )
            return text, tooltip, False
        listening = [s.campaign for s in active if s.kind == "trigger"]
        if listening:
            text = self.tr("%1: listening for triggers of %2").replace("%1", prefix).replace("%2", ", ".join(listening))
            return text, tooltip, False
        return self.tr("%1: no run to come").replace("%1", prefix), tooltip, False

    def _status_line(self, status: AutomationStatus) -> str:
        if status.kind == "trigger":
            return self.tr("%1: listening for its triggers").replace("%1", status.campaign)
        if status.next_runs:
            return (
                self.tr("%1: next run %2")
                .replace("%1", status.campaign)
                .replace("%2", soon_text(status.next_runs[0], now_utc()))
            )
        return self.tr("%1: no run to come").replace("%1", status.campaign)

    def update_status(self) -> None:
        text, tooltip, problem = self.status_text()
        self.label.setText(text)
        self.label.setToolTip(tooltip)
        self.label.setVisible(bool(text))
        state = "error" if problem else "ok"
        if self.label.property("state") != state:
            self.label.setProperty("state", state)
            repolish(self.label)

    # -- activation --------------------------------------------------------------------------------
    def activate(self) -> TaskRunner[Preview | None, None] | None:
        """Save if needed; refuse with the problems, or preview the audience and ask, then activate."""
        ctx = self.context
        if ctx.controller is None or ctx.workspace is None or ctx.conn is None:
            return None
        name = ctx.controller.document.campaign.name
        if ctx.controller.is_dirty or ctx.controller.saved_name is None:
            if not self.surface.dialogs.confirm(
                self.tr("Activate"), self.tr("Save the changes to “%1” and activate it?").replace("%1", name)
            ):
                return None
            if not self.surface.save_campaign():
                return None
        try:
            campaign = load_campaign(ctx.conn, name)
            problems = activation_problems(ctx.conn, campaign, now_utc())
        except (CampaignNotFound, sqlite3.Error, WorkspaceError, ValueError) as exc:
            self.surface.dialogs.error(self.tr("Activate"), str(exc))
            return None
        if problems:
            self._refused(name, problems)
            return None
        self.surface.statusBar().showMessage(self.tr("Working out who “%1” would reach…").replace("%1", name))
        return TaskRunner(
            activation_audience_job(ctx.workspace.root, name),
            name="activation-audience",
            parent=self,
            on_success=lambda preview: self._confirm_activation(campaign, preview),
            on_failure=lambda message: self._confirm_activation(campaign, None, message),
        ).start(keep_in=self.runners)

    def _refused(self, name: str, problems: list[Any]) -> None:
        document = self.context.controller.document if self.context.controller is not None else None
        listed = "\n".join("• " + problem_text(p, document) for p in problems)
        self.surface.dialogs.error(
            self.tr("Cannot activate"),
            self.tr("“%1” cannot run by itself yet:\n%2").replace("%1", name).replace("%2", listed),
        )

    def activation_question(self, campaign: Campaign, preview: Preview | None, problem: str = "") -> str:
        """What the confirmation says: the audience, and the next runs or the triggers."""
        conn = self.context.conn
        parts: list[str] = []
        if campaign.kind == "trigger":
            names = dict(self.context.catalog.vibes_lists)
            said = []
            for t in campaign.smart_list.triggers:
                subject = trigger_subject(t)
                if getattr(t, "vibes_list_id", None) and subject in names:
                    subject = f"{names[subject]} ({subject})"
                said.append("• " + trigger_type_label(t.type) + (f": {subject}" if subject else ""))
            parts.append(self.tr("It listens for:") + "\n" + "\n".join(said))
            parts.append(
                self.tr(
                    "Each person a trigger fires for enters the flow if they pass the filters at that moment. "
                    "Only what happens from now on counts."
                )
            )
        else:
            default_zone = get_setting(conn, "default_time_zone") if conn is not None else "UTC"
            rec = campaign.schedule.recurrence
            zone = zone_or_none(rec.time_zone if rec is not None and rec.time_zone else default_zone)
            now = now_utc()
            runs = next_runs(campaign.schedule, now, 3, default_zone=default_zone, anchor=now, inclusive=True)
            if runs:
                key = getattr(zone, "key", "UTC")
                listed = "\n".join(
                    f"• {when_text(r, zone)} {key} ({self.tr('%1 your time').replace('%1', clock_text(r))})"
                    for r in runs
                )
                head = self.tr("It runs by itself at:") if rec is None else self.tr("Its next runs:")
                parts.append(head + "\n" + listed)
        if preview is not None:
            parts.append(
                self.tr("Audience now: %1 people qualify; the first text would reach %2 of them.")
                .replace("%1", number(preview.smart_list))
                .replace("%2", number(preview.recipients))
            )
        elif problem:
            parts.append(self.tr("The audience could not be worked out: %1").replace("%1", problem))
        else:
            parts.append(self.tr("The flow sends no text."))
        if self.service_installed():
            parts.append(self.tr("The agent service runs it, also while the app is closed."))
        else:
            parts.append(
                self.tr(
                    "It runs while this app is open. To keep it running when the app is closed, use "
                    "Campaign ▸ Keep Campaigns Running When the App Is Closed…"
                )
            )
        return self.tr("Activate “%1”?").replace("%1", campaign.name) + "\n\n" + "\n\n".join(parts)

    def _confirm_activation(self, campaign: Campaign, preview: Preview | None, problem: str = "") -> None:
        self.surface.statusBar().clearMessage()
        conn = self.context.conn
        if conn is None:
            return
        if not self.surface.dialogs.confirm(self.tr("Activate"), self.activation_question(campaign, preview, problem)):
            return
        try:
            status = activate_campaign(conn, campaign.name, now_utc())
        except ActivationRefused as exc:
            self._refused(campaign.name, exc.problems)
            return
        except (CampaignNotFound, sqlite3.Error, WorkspaceError, ValueError) as exc:
            self.surface.dialogs.error(self.tr("Activate"), str(exc))
            return
        self.agent_error = ""
        text = (
            self.tr("“%1” is active: next run %2.")
            .replace("%1", campaign.name)
            .replace("%2", soon_text(status.next_runs[0], now_utc()))
            if status.next_runs
            else self.tr("“%1” is active and listens for its triggers.").replace("%1", campaign.name)
        )
        self.surface.statusBar().showMessage(text, 8000)
        self.changed.emit()
        self.sync()

    def deactivate(self) -> bool:
        ctx = self.context
        name = ctx.controller.saved_name if ctx.controller is not None else None
        if ctx.conn is None or not name:
            return False
        if not self.surface.dialogs.confirm(
            self.tr("Deactivate"),
            self.tr(
                "Stop “%1” from running by itself? Runs under way carry on: people in a Wait still get their next steps."
            ).replace("%1", name),
        ):
            return False
        try:
            deactivate_campaign(ctx.conn, name, now_utc())
        except (CampaignNotFound, sqlite3.Error, WorkspaceError, ValueError) as exc:
            self.surface.dialogs.error(self.tr("Deactivate"), str(exc))
            return False
        self.surface.statusBar().showMessage(self.tr("“%1” no longer runs by itself.").replace("%1", name), 6000)
        self.changed.emit()
        self.sync()
        return True

    # -- the agent service -------------------------------------------------------------------------
    def toggle_service(self) -> agent_service.ServiceOutcome | None:
        """Install the agent service of the open workspace, or remove it when it is installed."""
        root = self.context.root
        if root is None:
            self.surface.dialogs.info(self.tr("Keep campaigns running"), self.tr("Open a workspace first."))
            return None
        title = self.tr("Keep campaigns running")
        installed = agent_service.is_installed(root)
        if installed:
            question = self.tr(
                "The agent service keeps the active campaigns of %1 running when the app is closed.\n\n"
                "Remove it? Active campaigns then run only while the app is open."
            ).replace("%1", agent_service.workspace_arg(root))
        else:
            question = (
                self.tr(
                    "Install the agent as a service of your user account, so the active campaigns of %1 keep "
                    "running when the app is closed and after a restart?\n\nIt is written to %2."
                )
                .replace("%1", agent_service.workspace_arg(root))
                .replace("%2", str(agent_service.unit_path(root)))
            )
        if not self.surface.dialogs.confirm(title, question):
            return None
        try:
            if installed:
                outcome = agent_service.remove(root)
            else:
                self.stop_agent()  # the service takes over; two agents would only wait for each other
                outcome = agent_service.install(root)
        except agent_service.ServiceError as exc:
            self.surface.dialogs.error(title, str(exc))
            self.sync()
            return None
        self._tell_outcome(title, outcome, installed)
        self.sync()
        return outcome

    def _tell_outcome(self, title: str, outcome: agent_service.ServiceOutcome, removed: bool) -> None:
        name, path = outcome.name, str(outcome.path)
        if outcome.state == "started":
            self.surface.dialogs.info(
                title,
                self.tr(
                    "The agent service %1 is running; active campaigns keep running when the app is closed."
                ).replace("%1", name),
            )
        elif outcome.state == "stopped":
            self.surface.dialogs.info(
                title, self.tr("The agent service is removed; active campaigns run while the app is open.")
            )
        elif outcome.state == "no_systemctl" and not removed:
            self.surface.dialogs.error(
                title,
                self.tr(
                    "The service file is written to %1, but systemctl was not found, so nothing started it. "
                    "On a computer with systemd, start it with:\nsystemctl --user daemon-reload && "
                    "systemctl --user enable --now %2\nUntil then the app runs the campaigns while it is open."
                )
                .replace("%1", path)
                .replace("%2", name),
            )
        elif outcome.state == "no_systemctl":
            self.surface.dialogs.info(
                title,
                self.tr("The service file %1 is deleted (systemctl was not found to stop a running service).").replace(
                    "%1", path
                ),
            )
        else:
            self.surface.dialogs.error(
                title,
                (
                    self.tr("systemd refused: %1\nThe service file is deleted.")
                    if removed
                    else self.tr(
                        "systemd refused: %1\nNothing is installed; the app runs the campaigns while it is open."
                    )
                ).replace("%1", outcome.detail),
            )

    # -- shutdown ------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the agent and every job (the workspace closes or the window does)."""
        self.poll.stop()
        self.tick.stop()
        self.stop_agent()
        for runner in list(self.runners):
            runner.wait(30000)
        self.label.setText("")
        self.label.hide()
