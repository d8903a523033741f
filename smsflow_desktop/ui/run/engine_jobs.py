"""The hooks from the window to the engine: preview, audience lists, run, resume, results, as jobs.

Each ``*_job`` returns a function for :class:`ui.workers.TaskRunner`: it runs on a worker
thread with its own workspace connection and calls only the services. The services are
imported when a job is built, so the app still opens (and says "not available") where a
service package is missing: :func:`engine_available` and :func:`vibes_available` tell.
Vibes, extract and people-import jobs are in :mod:`ui.vibes.vibes_jobs`.
"""

from __future__ import annotations

import importlib
import importlib.util
import sqlite3
from collections.abc import Callable
from functools import lru_cache
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


@lru_cache(maxsize=1)
def expected_errors() -> tuple[type[BaseException], ...]:
    """Errors that carry a message for the user (anything else is logged as a bug too)."""
    errors: list[type[BaseException]] = [WorkspaceError, sqlite3.Error, OSError, ValueError, LookupError]
    if _has("smsflow_desktop.services.vibes.errors"):
        from smsflow_desktop.services.vibes.errors import VibesError

        errors.append(VibesError)
    if _has("smsflow_desktop.services.secrets"):
        from smsflow_desktop.services.secrets import SecretsError

        errors.append(SecretsError)
    if engine_available():
        from smsflow_desktop.services.engine.actions import FatalVibesError
        from smsflow_desktop.services.engine.ledger import RunBusyError

        errors += [FatalVibesError, RunBusyError]
    return tuple(errors)


#: Modules the run, preview and Vibes jobs import; loading them takes a few hundred ms (httpx).
WARM_UP_MODULES = (
    "smsflow_desktop.services.engine.send_estimate",
    "smsflow_desktop.services.engine.runner",
    "smsflow_desktop.services.engine.run_summary",
    "smsflow_desktop.services.engine.in_doubt",
    "smsflow_desktop.services.vibes.connect",
    "smsflow_desktop.services.vibes.sync",
)


def warm_up_job() -> Job:
    """Import the engine and Vibes modules on a worker thread, so the first Preview or Run
    does not pause the window while they load."""

    def job(_report: Report) -> object:
        for name in WARM_UP_MODULES:
            if _has(name):
                importlib.import_module(name)
        return expected_errors()

    return job


class Cancelled:
    """What a job returns when the user stopped it (nothing was changed)."""


class JobCancelled(Exception):
    """Raised from a progress callback to stop a service that stops that way (imports)."""


class CancelFlag:
    """A cooperative stop for jobs other than runs (set from the GUI thread)."""

    def __init__(self) -> None:
        self.set = False

    def cancel(self) -> None:
        self.set = True

    def __call__(self) -> bool:
        return self.set


def sms_step_numbers(campaign: Campaign) -> list[int]:
    """Flow step numbers (from 1) that a preview can count."""
    return [n for n, s in enumerate(campaign.flow, start=1) if s.type != "wait"]


# -- preview -------------------------------------------------------------------------------------
def preview_job(
    root: Path, campaign: Campaign, step: int | None = None, *, sample: int = 5, cancel: CancelFlag | None = None
) -> Job:
    """Count who ``step`` of the (possibly unsaved) campaign reaches: reports the Preview,
    then returns the step's SegmentTotals (or :class:`Cancelled`)."""
    from smsflow_desktop.services.campaigns import message_bodies
    from smsflow_desktop.services.engine.preview import preview_step
    from smsflow_desktop.services.engine.send_estimate import EstimateCancelled, segment_totals
    from smsflow_desktop.services.engine.steps import plan_step
    from smsflow_desktop.services.workspace import now_utc

    snapshot = campaign.model_copy(deep=True)

    def job(report: Report) -> object:
        now = now_utc()
        with Workspace(root).session(synchronous="NORMAL") as conn:
            preview = preview_step(conn, snapshot, step, now=now, sample=sample)
            report(preview)
            try:
                return segment_totals(
                    conn, snapshot, plan_step(snapshot, preview.step), now, message_bodies(conn), cancelled=cancel
                )
            except EstimateCancelled:
                return Cancelled()

    return job


def people_under_job(
    root: Path, campaign: Campaign, step: int, reason: str, *, offset: int = 0, limit: int = 100
) -> Job:
    """The people behind one funnel figure (``recipient`` for the recipients), by person id."""
    from smsflow_desktop.services.engine.funnel import people_under
    from smsflow_desktop.services.engine.steps import plan_step
    from smsflow_desktop.services.workspace import now_utc

    snapshot = campaign.model_copy(deep=True)

    def job(_report: Report) -> object:
        with Workspace(root).session(synchronous="NORMAL") as conn:
            return people_under(
                conn, snapshot, plan_step(snapshot, step), now_utc(), reason, limit=limit, offset=offset
            )

    return job


def export_audience_job(root: Path, campaign: Campaign, step: int, path: Path) -> Job:
    """Write everyone in the smart list with their outcome for ``step`` to ``path``; returns the row count."""
    from smsflow_desktop.services.engine.funnel import export_audience_csv
    from smsflow_desktop.services.engine.steps import plan_step
    from smsflow_desktop.services.workspace import now_utc

    snapshot = campaign.model_copy(deep=True)

    def job(_report: Report) -> object:
        with Workspace(root).session(synchronous="NORMAL") as conn:
            return export_audience_csv(conn, snapshot, plan_step(snapshot, step), now_utc(), path)

    return job


# -- runs ----------------------------------------------------------------------------------------
def estimate_job(root: Path, campaign_name: str) -> Job:
    """Every SMS step's recipients and segments for the saved campaign (the Run confirmation)."""
    from smsflow_desktop.services.campaigns import load_campaign
    from smsflow_desktop.services.engine.send_estimate import estimate_run

    def job(_report: Report) -> object:
        with Workspace(root).session(synchronous="NORMAL") as conn:
            return estimate_run(conn, load_campaign(conn, campaign_name))

    return job


class RunControl:
    """What the GUI holds on a running job: the cancel token, and why it was used."""

    def __init__(self) -> None:
        from smsflow_desktop.services.engine.runner import CancelToken

        self.token = CancelToken()
        self.reason = ""  # "pause", "cancel" or "quit" once asked to stop

    def cancel(self, reason: str = "cancel") -> None:
        self.reason = self.reason or reason
        if self.reason == "pause":
            self.token.pause()
        else:
            self.token.cancel()


def _with_client(ws: Workspace, dry_run: bool, work: Callable[[object | None], object]) -> object:
    client, stop = None, None
    try:
        if not dry_run:
            from smsflow_desktop.services.vibes.connect import open_client_for_workspace

            with ws.session() as conn:
                client, stop = open_client_for_workspace(ws, conn)
        return work(client)
    finally:
        if stop is not None:
            stop()


def run_job(root: Path, campaign_name: str, control: RunControl, *, dry_run: bool = False) -> Job:
    """Run the saved campaign ``campaign_name``; reports RunProgress, returns the RunResult."""
    from smsflow_desktop.services.engine.runner import CampaignHasProblems, RunOptions, RunResult, start_run

    def job(report: Report) -> object:
        ws = Workspace(root)

        def work(client: object | None) -> object:
            try:
                return start_run(
                    ws,
                    campaign_name,
                    client,
                    options=RunOptions(dry_run=dry_run),  # type: ignore[arg-type]
                    progress=report,
                    cancel=control.token,
                )
            except CampaignHasProblems as exc:
                return RunResult(0, "refused", {}, str(exc), exc.problems)

        return _with_client(ws, dry_run, work)

    return job


def resume_job(root: Path, run_id: int, control: RunControl, *, resend_in_doubt: bool = False) -> Job:
    """Carry on with run ``run_id`` (optionally resending what was in doubt); returns the RunResult."""
    from smsflow_desktop.services.engine import ledger
    from smsflow_desktop.services.engine.runner import RunOptions, resume_run

    def job(report: Report) -> object:
        ws = Workspace(root)
        with ws.session() as conn:
            dry_run = bool(ledger.load_run(conn, run_id)["dry_run"])
        options = RunOptions(resend_in_doubt=resend_in_doubt)
        return _with_client(
            ws,
            dry_run,
            lambda client: resume_run(ws, run_id, client, options=options, progress=report, cancel=control.token),
        )  # type: ignore[arg-type]

    return job


# -- results -------------------------------------------------------------------------------------
def summary_job(root: Path, run_id: int) -> Job:
    """The run's RunSummary (counts, skips by reason, deliveries, activity types)."""
    from smsflow_desktop.services.engine.run_summary import run_summary

    def job(_report: Report) -> object:
        with Workspace(root).session(synchronous="NORMAL") as conn:
            return run_summary(conn, run_id)

    return job


def count_activity_job(root: Path, flt: object) -> Job:
    """How many activity rows match ``flt`` (an ``activity_query.ActivityFilter``)."""
    from smsflow_desktop.services.engine.activity_query import count_activity

    def job(_report: Report) -> object:
        with Workspace(root).session(synchronous="NORMAL") as conn:
            return count_activity(conn, flt)  # type: ignore[arg-type]

    return job


def export_activity_job(root: Path, run_id: int, path: Path) -> Job:
    """The run's activity log as CSV (formula-safe cells); returns the row count."""
    from smsflow_desktop.services.engine.results import export_activity_csv

    def job(_report: Report) -> object:
        with Workspace(root).session(synchronous="NORMAL") as conn:
            return export_activity_csv(conn, run_id, path)

    return job
