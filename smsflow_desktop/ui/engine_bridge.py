"""The hooks from the window to the engine and to Vibes: preview, run, sync, as jobs.

Each ``*_job`` returns a function for :class:`ui.workers.TaskRunner`: it runs on a worker
thread with its own workspace connection and calls only the services. The services are
imported when a job is built, so the app still opens (and says "not available") where a
service package is missing: :func:`engine_available` and :func:`vibes_available` tell.
"""

from __future__ import annotations

import importlib.util
import sqlite3
from collections.abc import Callable
from pathlib import Path

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.services.workspace import Workspace, WorkspaceError

Report = Callable[[object], None]
Job = Callable[[Report], object]


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def engine_available() -> bool:
    return _has("smsflow_desktop.services.engine.preview") and _has("smsflow_desktop.services.engine.runner")


def vibes_available() -> bool:
    return _has("smsflow_desktop.services.vibes.sync") and _has("smsflow_desktop.services.vibes.connect")


def expected_errors() -> tuple[type[BaseException], ...]:
    """Errors that carry a message for the user (anything else is logged as a bug too)."""
    errors: list[type[BaseException]] = [WorkspaceError, sqlite3.Error, OSError, ValueError, LookupError]
    if _has("smsflow_desktop.services.vibes.errors"):
        from smsflow_desktop.services.vibes.errors import VibesError

        errors.append(VibesError)
    if engine_available():
        from smsflow_desktop.services.engine.actions import FatalVibesError
        from smsflow_desktop.services.engine.ledger import RunBusyError

        errors += [FatalVibesError, RunBusyError]
    return tuple(errors)


def sms_step_numbers(campaign: Campaign) -> list[int]:
    """Flow step numbers (from 1) that a preview can count."""
    return [n for n, s in enumerate(campaign.flow, start=1) if s.type != "wait"]


def preview_job(root: Path, campaign: Campaign, step: int | None = None) -> Job:
    """Count who ``step`` of the (possibly unsaved) campaign reaches; returns the Preview."""
    from smsflow_desktop.services.engine.preview import preview_step

    snapshot = campaign.model_copy(deep=True)

    def job(_report: Report) -> object:
        with Workspace(root).session(synchronous="NORMAL") as conn:
            return preview_step(conn, snapshot, step, sample=3)

    return job


class RunControl:
    """What the GUI holds on a running job: the cancel token."""

    def __init__(self) -> None:
        from smsflow_desktop.services.engine.runner import CancelToken

        self.token = CancelToken()

    def cancel(self) -> None:
        self.token.cancel()


def run_job(root: Path, campaign_name: str, control: RunControl, *, dry_run: bool = False) -> Job:
    """Run the saved campaign ``campaign_name``; reports RunProgress, returns the RunResult."""
    from smsflow_desktop.services.engine.runner import CampaignHasProblems, RunOptions, RunResult, start_run

    def job(report: Report) -> object:
        ws = Workspace(root)
        client, stop = None, None
        try:
            if not dry_run:
                from smsflow_desktop.services.vibes.connect import open_client_for_workspace

                with ws.session() as conn:
                    client, stop = open_client_for_workspace(ws, conn)
            try:
                return start_run(ws, campaign_name, client, options=RunOptions(dry_run=dry_run),
                                 progress=report, cancel=control.token)
            except CampaignHasProblems as exc:
                return RunResult(0, "refused", {}, str(exc), exc.problems)
        finally:
            if stop is not None:
                stop()

    return job


def sync_job(root: Path) -> Job:
    """Pull subscription lists and acquisition campaigns from the workspace's Vibes."""
    from smsflow_desktop.services.vibes.connect import open_client_for_workspace
    from smsflow_desktop.services.vibes.sync import sync_workspace

    def job(_report: Report) -> object:
        ws = Workspace(root)
        with ws.session() as conn:
            client, stop = open_client_for_workspace(ws, conn)
            try:
                return sync_workspace(conn, client).as_dict()
            finally:
                stop()

    return job
