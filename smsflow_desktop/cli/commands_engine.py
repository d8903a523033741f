"""``smsflow preview``, ``smsflow run``, ``smsflow test-send``, ``smsflow runs list/show`` and
``smsflow results export``."""

from __future__ import annotations

import argparse
import signal
import sqlite3
from typing import Any

from smsflow_desktop.cli.base import (
    EXIT_INVALID,
    CliError,
    Result,
    cannot_write,
    command,
    open_workspace,
    output_file,
)
from smsflow_desktop.cli.commands_campaign import format_problems
from smsflow_desktop.model.validation import errors_only
from smsflow_desktop.services.campaigns import CampaignNotFound, load_campaign, validate_in_workspace
from smsflow_desktop.services.engine import ledger
from smsflow_desktop.services.engine.actions import FatalVibesError
from smsflow_desktop.services.engine.preview import preview_step
from smsflow_desktop.services.engine.results import export_activity_csv, list_runs, show_run
from smsflow_desktop.services.engine.runner import (
    CampaignHasProblems,
    CancelToken,
    RunFailed,
    RunOptions,
    RunResult,
    resume_run,
    start_run,
)
from smsflow_desktop.services.engine.steps import StepError
from smsflow_desktop.services.vibes import VibesError, open_client_for_workspace
from smsflow_desktop.services.vibes.connect import short_code_problems
from smsflow_desktop.services.workspace import Workspace, WorkspaceError

EXIT_CANCELLED = 130


def register(sub: Any, groups: dict[str, Any]) -> None:
    prev = command(sub, "preview", _preview, "who a step would reach; nothing is sent")
    prev.add_argument("campaign", metavar="CAMPAIGN")
    prev.add_argument(
        "--step",
        type=int,
        default=None,
        metavar="N",
        help="flow step number from 1, Waits included (default: the first SMS step)",
    )
    prev.add_argument("--sample", type=int, default=0, metavar="K", help="show K recipients and their texts")
    prev.add_argument("--export-csv", default=None, metavar="FILE", help="write everyone's outcome to a CSV file")
    run = command(sub, "run", _run, "run a campaign (or resume a run)")
    run.add_argument("campaign", metavar="CAMPAIGN")
    run.add_argument("--dry-run", action="store_true", help="do everything but call Vibes")
    run.add_argument("--resume", type=int, default=None, metavar="RUN_ID", help="carry on with this run")
    run.add_argument(
        "--resend-in-doubt",
        action="store_true",
        help="send again what was in flight when a run stopped (may text someone twice)",
    )
    test = command(sub, "test-send", _test_send, "send a step's text, as a person would get it, to test numbers")
    test.add_argument("campaign", metavar="CAMPAIGN")
    test.add_argument("--step", type=int, required=True, metavar="N", help="flow step number from 1, Waits included")
    test.add_argument("--person", type=int, required=True, metavar="ID", help="the person (internal id) to render for")
    test.add_argument(
        "--to",
        action="append",
        default=None,
        metavar="E164",
        help="a number to send to (repeat, or separate with commas; default: the workspace's test_numbers)",
    )
    runs = sub.add_parser("runs", help="run history")
    rsub = runs.add_subparsers(dest="runs_command", metavar="ACTION", required=True)
    command(rsub, "list", _runs_list, "list runs, newest first")
    show = command(rsub, "show", _runs_show, "a run's status and counts")
    show.add_argument("run_id", type=int, metavar="RUN_ID")
    results = sub.add_parser("results", help="a run's activity log")
    ressub = results.add_subparsers(dest="results_command", metavar="ACTION", required=True)
    exp = command(ressub, "export", _results_export, "write a run's activity log to a CSV file")
    exp.add_argument("run_id", type=int, metavar="RUN_ID")
    exp.add_argument("-o", "--output", required=True, metavar="FILE.csv")


#: Run ids are SQLite integers; a number beyond them names no run.
_RUN_ID_RANGE = range(-(2**63), 2**63)


def _known_run(run_id: int) -> int:
    """``run_id`` when the database could hold it; else "no run", as for any unknown id."""
    if run_id not in _RUN_ID_RANGE:
        raise CliError(f"no run {run_id} in this workspace")
    return run_id


def _load(conn: Any, name: str) -> Any:
    try:
        return load_campaign(conn, name)
    except CampaignNotFound as exc:
        raise CliError(str(exc)) from None


def _preview(args: argparse.Namespace) -> Result:
    export = output_file(args.export_csv) if args.export_csv else None
    ws = open_workspace(args)
    with ws.session() as conn:
        campaign = _load(conn, args.campaign)
        try:
            preview = preview_step(conn, campaign, args.step, sample=max(0, args.sample), export_csv=export)
        except StepError as exc:
            raise CliError(f"{args.campaign}: {exc}") from None
        except OSError as exc:
            raise cannot_write(args.export_csv, exc) from None
    data = preview.as_dict()
    lines = [
        f"step {preview.step} ({preview.step_type}): {preview.recipients} of {preview.smart_list} "
        f"in the smart list would be reached"
    ]
    lines += [f"  {reason}: {n}" for reason, n in preview.excluded.items()]
    if preview.deferred_quiet_hours:
        several = (
            f" ({preview.multi_zone_deferred} of them have numbers that span several time zones; "
            "the window open in all of them is used)"
            if preview.multi_zone_deferred
            else ""
        )
        lines.append(f"  deferred by quiet hours (still recipients): {preview.deferred_quiet_hours}{several}")
        if preview.deferred_by_rule:
            states = ", ".join(f"{scope} {n}" for scope, n in sorted(preview.deferred_by_rule.items()))
            lines.append(f"    of them held back by state or country rules only: {states}")
    if preview.frequency_limit_by_rule:
        limits = ", ".join(f"{rule} {n}" for rule, n in sorted(preview.frequency_limit_by_rule.items()))
        lines.append(f"  frequency limits reached: {limits}")
    if preview.multi_zone:
        lines.append(f"  recipients whose numbers span several time zones: {preview.multi_zone}")
    for s in preview.sample:
        lines.append(f"  -> {s.name} {s.mdn}: {s.text!r} ({s.segments} segment(s), {s.encoding})")
    if preview.exported is not None:
        lines.append(f"wrote {preview.exported} row(s) to {args.export_csv}")
    if preview.problems:
        lines.append(
            f"{len(preview.problems)} problem(s) elsewhere in the campaign:\n" + format_problems(preview.problems)
        )
    return Result(data, "\n".join(lines))


def _run(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    options = RunOptions(dry_run=args.dry_run, resend_in_doubt=args.resend_in_doubt)
    cancel = CancelToken()
    with ws.session() as conn:
        campaign = _load(conn, args.campaign)
        if args.resume is not None:
            try:
                row = ledger.load_run(conn, _known_run(args.resume))
            except ledger.RunNotFound as exc:
                raise CliError(str(exc)) from None
            if row["campaign_name"] != campaign.name:
                raise CliError(f"run {args.resume} belongs to campaign {row['campaign_name']!r}, not {campaign.name!r}")
            if row["status"] == "completed" and not args.resend_in_doubt:
                return _run_result(RunResult(args.resume, "completed", ledger.run_counts(conn, args.resume)))
            dry = bool(row["dry_run"])
            setup = short_code_problems(conn, dry_run=dry)  # a resumed remote run texts from a short code too
            if setup:
                return _run_result(_execute_refused(CampaignHasProblems(setup)))
        else:
            dry = args.dry_run
            # Refuse a campaign with problems before connecting to Vibes (or starting the emulator).
            problems = errors_only(validate_in_workspace(conn, campaign))
            problems += short_code_problems(conn, dry_run=dry)
            if problems:
                return _run_result(_execute_refused(CampaignHasProblems(problems)))
    previous = signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    stop = None
    try:
        client = None
        if not dry:
            with ws.session() as conn:
                try:
                    client, stop = open_client_for_workspace(ws, conn)
                except VibesError as exc:
                    raise CliError(f"cannot connect to Vibes: {exc}", EXIT_INVALID) from None
        result = _execute(ws, args, client, options, cancel)
    finally:
        signal.signal(signal.SIGINT, previous)
        if stop is not None:
            stop()
    return _run_result(result)


def _execute(
    ws: Workspace, args: argparse.Namespace, client: Any, options: RunOptions, cancel: CancelToken
) -> RunResult:
    try:
        if args.resume is not None:
            return resume_run(ws, args.resume, client, options=options, cancel=cancel)
        return start_run(ws, args.campaign, client, options=options, cancel=cancel)
    except CampaignHasProblems as exc:
        return _execute_refused(exc)
    except RunFailed as exc:
        # The run exists and ended failed: its JSON, exit 1 (a run's own failure, not bad input).
        return RunResult(exc.run_id, "failed", exc.counts or _counts_or_zero(ws, exc.run_id), str(exc))
    except ledger.RunBusyError as exc:
        raise CliError(str(exc), EXIT_INVALID) from None
    except FatalVibesError as exc:
        raise CliError(str(exc), EXIT_INVALID) from None


def _counts_or_zero(ws: Workspace, run_id: int) -> dict[str, int]:
    """The run's counts as recorded, or zeros when the workspace cannot be read either."""
    try:
        with ws.session() as conn:
            return ledger.run_counts(conn, run_id)
    except (WorkspaceError, sqlite3.Error):
        return dict.fromkeys(("sent", "failed", "skipped", "in_doubt", "subscribed_pending", "unsubscribed"), 0)


def _execute_refused(exc: CampaignHasProblems) -> RunResult:
    return RunResult(0, "refused", {}, str(exc), exc.problems)


def _run_result(result: RunResult) -> Result:
    if result.problems:
        refused: dict[str, Any] = {
            "run_id": None,
            "status": "refused",
            "counts": {},
            "valid": False,
            "problems": [p.as_dict() for p in result.problems],
        }
        return Result(refused, f"{result.error}:\n{format_problems(result.problems)}", EXIT_INVALID)
    data = result.as_dict()
    text = f"run {result.run_id}: {result.status}\n" + "\n".join(
        f"  {k}: {v}" for k, v in result.counts.items() if v or k in ("sent", "failed", "skipped", "in_doubt")
    )
    if result.error:
        text += f"\n{result.error}"
    code = {"failed": EXIT_INVALID, "cancelled": EXIT_CANCELLED}.get(result.status, 0)
    return Result(data, text, code, warning=result.error if result.status == "failed" and result.error else "")


def _test_send(args: argparse.Namespace) -> Result:
    from smsflow_desktop.services.engine.test_send import SendTestError, prepare_test, send_prepared

    ws = open_workspace(args)
    with ws.session() as conn:
        campaign = _load(conn, args.campaign)
        try:
            prepared = prepare_test(conn, campaign, args.step, args.person, args.to)
        except SendTestError as exc:
            if exc.bad_input:
                raise CliError(f"{args.campaign}: {exc}") from None
            data = {"campaign": campaign.name, "step": args.step, "sent": 0, "results": [], "error": str(exc)}
            data["problems"] = [{"step": args.step, "field": None, "code": exc.code, "message": str(exc)}]
            return Result(data, f"{args.campaign}: {exc}", EXIT_INVALID, warning=str(exc))
    stop = None
    try:
        with ws.session() as conn:
            try:
                client, stop = open_client_for_workspace(ws, conn)
            except VibesError as exc:
                raise CliError(f"cannot connect to Vibes: {exc}", EXIT_INVALID) from None
            try:
                report = send_prepared(conn, client, prepared)
            except SendTestError as exc:
                raise CliError(f"{args.campaign}: {exc}", EXIT_INVALID) from None
    finally:
        if stop is not None:
            stop()
    r = report.rendered
    lines = [
        f"step {r.step} ({r.branch}, message {r.message!r}) for {r.person_name or 'a person with no data'}: "
        f"{r.text!r} ({r.segments} segment(s), {r.encoding})"
    ]
    for result in report.results:
        line = f"  {result.mdn}: {result.status}"
        if result.detail:
            line += f" ({result.detail})"
        if result.note:
            line += f"; {result.note}"
        lines.append(line)
    lines.append("(a test: not part of any run, its results or the frequency limits)")
    return Result(report.as_dict(), "\n".join(lines), 0 if report.all_sent else EXIT_INVALID)


def _runs_list(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        runs = list_runs(conn)
    text = "\n".join(f"{r['run_id']:>5}  {r['status']:<11} {r['started_at']}  {r['campaign']}" for r in runs)
    return Result({"runs": runs}, text or "(no runs)")


def _runs_show(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            data = show_run(conn, _known_run(args.run_id))
        except ledger.RunNotFound as exc:
            raise CliError(str(exc)) from None
    counts: dict[str, int] = data["counts"]  # type: ignore[assignment]
    text = f"run {data['run_id']} of {data['campaign']!r}: {data['status']}\n" + "\n".join(
        f"  {k}: {v}" for k, v in counts.items()
    )
    return Result(data, text)


def _results_export(args: argparse.Namespace) -> Result:
    out = output_file(args.output)
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            rows = export_activity_csv(conn, _known_run(args.run_id), out)
        except ledger.RunNotFound as exc:
            raise CliError(str(exc)) from None
        except OSError as exc:
            raise cannot_write(out, exc) from None
    return Result({"run_id": args.run_id, "file": str(out), "rows": rows}, f"wrote {rows} activity row(s) to {out}")
