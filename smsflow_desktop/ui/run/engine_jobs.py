"""The engine's jobs for the runner thread: preview, audience lists, the run's estimate, run,
resume, a test send, and the Results tab's summary, count and export.

Each ``*_job`` returns a :class:`ui.workers.Job` for :class:`ui.workers.TaskRunner`, typed by
what it returns and reports: it runs on a worker thread with its own workspace connection
and calls only the services (imported when the job is built, so opening the window does not
load the engine). A run is :func:`run_job` (a new run of the saved campaign, through
``services.engine.runner.start_run``) or :func:`resume_job`; the window's
``ui.window.engine_actions.EngineActions`` starts them and holds their :class:`RunControl`.
The Vibes jobs are in ``ui.vibes.vibes_jobs``, the People import's in ``ui.people.people_jobs``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.services.workspace import Workspace
from smsflow_desktop.ui.workers import CancelFlag, Cancelled, Job, expected_errors

if TYPE_CHECKING:
    from smsflow_desktop.services.engine.activity_query import ActivityFilter
    from smsflow_desktop.services.engine.preview import Preview
    from smsflow_desktop.services.engine.run_summary import RunSummary
    from smsflow_desktop.services.engine.runner import RunProgress, RunResult
    from smsflow_desktop.services.engine.send_estimate import RunEstimate, SegmentTotals
    from smsflow_desktop.services.engine.test_send import SendTestReport
    from smsflow_desktop.services.vibes.client import VibesClient

T = TypeVar("T")

#: Modules the run, preview and Vibes jobs import; loading them takes a few hundred ms (httpx).
WARM_UP_MODULES = (
    "smsflow_desktop.services.engine.send_estimate",
    "smsflow_desktop.services.engine.runner",
    "smsflow_desktop.services.engine.run_summary",
    "smsflow_desktop.services.engine.in_doubt",
    "smsflow_desktop.services.vibes.connect",
    "smsflow_desktop.services.vibes.sync",
)


def warm_up_job() -> Job[int, None]:
    """Import the engine and Vibes modules on a worker thread, so the first Preview or Run
    does not pause the window while they load; returns how many it loaded."""

    def job(_report: Callable[[None], None]) -> int:
        for name in WARM_UP_MODULES:
            importlib.import_module(name)
        expected_errors()
        return len(WARM_UP_MODULES)

    return job


# -- preview -------------------------------------------------------------------------------------
def preview_job(
    root: Path | str, campaign: Campaign, step: int | None = None, *, sample: int = 5, cancel: CancelFlag | None = None
) -> Job[SegmentTotals | Cancelled, Preview]:
    """Count who ``step`` of the (possibly unsaved) campaign reaches: reports the Preview,
    then returns the step's SegmentTotals (or :class:`Cancelled`)."""
    from smsflow_desktop.services.campaigns import message_bodies
    from smsflow_desktop.services.engine.preview import preview_step
    from smsflow_desktop.services.engine.send_estimate import EstimateCancelled, segment_totals
    from smsflow_desktop.services.engine.steps import plan_step
    from smsflow_desktop.services.workspace import now_utc

    snapshot = campaign.model_copy(deep=True)

    def job(report: Callable[[Preview], None]) -> SegmentTotals | Cancelled:
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
    root: Path | str, campaign: Campaign, step: int, reason: str, *, offset: int = 0, limit: int = 100
) -> Job[list[dict[str, object]], None]:
    """The people behind one funnel figure (``recipient`` for the recipients), by person id."""
    from smsflow_desktop.services.engine.funnel import people_under
    from smsflow_desktop.services.engine.steps import plan_step
    from smsflow_desktop.services.workspace import now_utc

    snapshot = campaign.model_copy(deep=True)

    def job(_report: Callable[[None], None]) -> list[dict[str, object]]:
        with Workspace(root).session(synchronous="NORMAL") as conn:
            return people_under(
                conn, snapshot, plan_step(snapshot, step), now_utc(), reason, limit=limit, offset=offset
            )

    return job


def export_audience_job(root: Path | str, campaign: Campaign, step: int, path: Path) -> Job[int, None]:
    """Write everyone in the smart list with their outcome for ``step`` to ``path``; returns the row count."""
    from smsflow_desktop.services.engine.funnel import export_audience_csv
    from smsflow_desktop.services.engine.steps import plan_step
    from smsflow_desktop.services.workspace import now_utc

    snapshot = campaign.model_copy(deep=True)

    def job(_report: Callable[[None], None]) -> int:
        with Workspace(root).session(synchronous="NORMAL") as conn:
            return export_audience_csv(conn, snapshot, plan_step(snapshot, step), now_utc(), path)

    return job


# -- runs ----------------------------------------------------------------------------------------
def estimate_job(root: Path | str, campaign_name: str) -> Job[RunEstimate, None]:
    """Every SMS step's recipients and segments for the saved campaign (the Run confirmation)."""
    from smsflow_desktop.services.campaigns import load_campaign
    from smsflow_desktop.services.engine.send_estimate import estimate_run

    def job(_report: Callable[[None], None]) -> RunEstimate:
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


def _with_client(ws: Workspace, dry_run: bool, work: Callable[[VibesClient | None], T]) -> T:
    """``work(client)`` with a client for the workspace's Vibes (None for a dry run), closed after."""
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


def run_job(
    root: Path | str, campaign_name: str, control: RunControl, *, dry_run: bool = False
) -> Job[RunResult, RunProgress]:
    """Run the saved campaign ``campaign_name``; reports RunProgress, returns the RunResult."""
    from smsflow_desktop.services.engine.runner import CampaignHasProblems, RunOptions, RunResult, start_run

    def job(report: Callable[[RunProgress], None]) -> RunResult:
        ws = Workspace(root)

        def work(client: VibesClient | None) -> RunResult:
            try:
                return start_run(
                    ws,
                    campaign_name,
                    client,
                    options=RunOptions(dry_run=dry_run),
                    progress=report,
                    cancel=control.token,
                )
            except CampaignHasProblems as exc:
                return RunResult(0, "refused", {}, str(exc), exc.problems)

        return _with_client(ws, dry_run, work)

    return job


def resume_job(
    root: Path | str, run_id: int, control: RunControl, *, resend_in_doubt: bool = False
) -> Job[RunResult, RunProgress]:
    """Carry on with run ``run_id`` (optionally resending what was in doubt); returns the RunResult."""
    from smsflow_desktop.services.engine import ledger
    from smsflow_desktop.services.engine.runner import RunOptions, resume_run

    def job(report: Callable[[RunProgress], None]) -> RunResult:
        ws = Workspace(root)
        with ws.session() as conn:
            dry_run = bool(ledger.load_run(conn, run_id)["dry_run"])
        options = RunOptions(resend_in_doubt=resend_in_doubt)
        return _with_client(
            ws,
            dry_run,
            lambda client: resume_run(ws, run_id, client, options=options, progress=report, cancel=control.token),
        )

    return job


def send_test_job(
    root: Path | str, campaign: Campaign, step: int, person_id: int | None, numbers: list[str]
) -> Job[SendTestReport, None]:
    """Send flow step ``step`` of ``campaign`` (saved or not), rendered for ``person_id``, to
    ``numbers`` through the workspace's Vibes; returns the SendTestReport (a refusal raises
    SendTestError, a ValueError, which the runner reports as the message)."""
    from smsflow_desktop.services.engine.test_send import prepare_test, send_prepared

    snapshot = campaign.model_copy(deep=True)

    def job(_report: Callable[[None], None]) -> SendTestReport:
        ws = Workspace(root)
        with ws.session() as conn:
            prepared = prepare_test(conn, snapshot, step, person_id, numbers)
        return _with_client(ws, False, lambda client: _send(ws, client, prepared))

    def _send(ws: Workspace, client: VibesClient | None, prepared: Any) -> SendTestReport:
        assert client is not None
        with ws.session() as conn:
            return send_prepared(conn, client, prepared)

    return job


# -- results -------------------------------------------------------------------------------------
def summary_job(root: Path | str, run_id: int) -> Job[RunSummary, None]:
    """The run's RunSummary (counts, skips by reason, deliveries, activity types)."""
    from smsflow_desktop.services.engine.run_summary import run_summary

    def job(_report: Callable[[None], None]) -> RunSummary:
        with Workspace(root).session(synchronous="NORMAL") as conn:
            return run_summary(conn, run_id)

    return job


def count_activity_job(root: Path | str, flt: ActivityFilter) -> Job[int, None]:
    """How many activity rows match ``flt``."""
    from smsflow_desktop.services.engine.activity_query import count_activity

    def job(_report: Callable[[None], None]) -> int:
        with Workspace(root).session(synchronous="NORMAL") as conn:
            return count_activity(conn, flt)

    return job


def export_activity_job(root: Path | str, run_id: int, path: Path) -> Job[int, None]:
    """The run's activity log as CSV (formula-safe cells); returns the row count."""
    from smsflow_desktop.services.engine.results import export_activity_csv

    def job(_report: Callable[[None], None]) -> int:
        with Workspace(root).session(synchronous="NORMAL") as conn:
            return export_activity_csv(conn, run_id, path)

    return job
