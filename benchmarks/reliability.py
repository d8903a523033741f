"""Reliability at scale: kill -9 a run again and again, inject Vibes faults, fuzz bad input.

    .venv/bin/python benchmarks/reliability.py [--people 2000] [--kills 8] [--fault-people 400]
                                               [--stop-runs 20] [--stop-people 400] [--stop-kills 2]
                                               [--fuzz-scale 4] [--seed 7] [--only SECTION]
                                               [--agent-people 3000] [--agent-kills 10]

Runs scaled-up versions of the scenarios of ``tests/reliability`` and prints what matters:
crashes survived, faults injected, bad inputs tried, and the two figures that must be 0,
duplicate texts and lost sends (a recipient neither sent once, nor honestly in doubt, nor
failed with a reason; or a row that says "sent" for a text Vibes never got), and the STOP
scenario's three: texts after a STOP, opt-in requests to a number known to have said STOP,
and refused sends recorded as sent. ``agents``: three ``smsflow agent`` processes serve one
workspace (three campaigns due at once) while one of them is killed with kill -9 every few
seconds and a new one started; every recipient is texted once or in doubt.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the scenarios live with the tests that check them


def _fuzz_scale_from_argv() -> None:
    """The fuzz tests read their example counts when imported: set the scale first."""
    for i, arg in enumerate(sys.argv):
        if arg == "--fuzz-scale" and i + 1 < len(sys.argv):
            os.environ["SMSFLOW_RELIABILITY_SCALE"] = sys.argv[i + 1]
        elif arg.startswith("--fuzz-scale="):
            os.environ["SMSFLOW_RELIABILITY_SCALE"] = arg.split("=", 1)[1]
    os.environ.setdefault("SMSFLOW_RELIABILITY_SCALE", "4")


_fuzz_scale_from_argv()

from tests.reliability import agent_scenarios, scenarios  # noqa: E402
from tests.reliability import test_bad_input as bad  # noqa: E402
from tests.reliability import test_security as security  # noqa: E402
from tests.reliability.scenarios import Audit, Bench, audit_run  # noqa: E402


@dataclass
class Tally:
    crashes: int = 0
    faults: int = 0
    bad_inputs: int = 0
    duplicates: int = 0
    lost: int = 0
    unexplained: int = 0
    fuzz_failures: int = 0
    stop_violations: int = 0

    def add(self, audit: Audit) -> None:
        self.duplicates += audit.duplicates
        self.lost += len(audit.lost) + len(audit.false_sent) + len(audit.no_reason)
        self.unexplained += len(audit.unexplained)


def crash_section(args: argparse.Namespace, tally: Tally) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        demo = scenarios.remote_demo(Path(tmp), args.people, latency_ms=100, jitter_ms=50, seed=args.seed)
        try:
            log = scenarios.crash_and_resume(
                demo,
                kills=args.kills,
                rng=random.Random(args.seed),
                restart_round=args.kills // 2,
                drop_round=args.kills // 2 + 1,
            )
            assert log.run_id is not None
            audit = audit_run(demo.ws, log.run_id, demo.emulator.events(), demo.recipients)
            done = scenarios.finish_flow(demo, log.run_id)
            emulator_ok = scenarios.emulator_integrity(demo.emulator.state)
        finally:
            demo.emulator.stop()
    tally.crashes += log.kills + log.emulator_restarts
    tally.faults += log.dropped
    tally.add(audit)
    print(
        f"crash: {args.people} people, {demo.recipients} recipients; {log.kills} runner kills (kill -9, "
        f"{log.mid_send_kills} mid-send), {log.emulator_restarts} emulator kill + restart, "
        f"{log.dropped} connections dropped after the work was done; {time.monotonic() - started:.1f} s"
    )
    print(f"  rows left in flight per kill: {log.left_in_flight} (requests in flight at most 8)")
    print(f"  {audit.summary()}; emulator integrity {emulator_ok}; after the wait: {done['status']}")


def _fault_run(tmp: Path, n: int, name: str, setup: Callable[[Bench], dict[str, Any]], tally: Tally) -> None:
    bench = Bench(tmp / name, n)
    started = time.monotonic()
    with bench.server:
        options = setup(bench)
        with bench.client(**options) as client:
            result, stops = bench.run(client, max_resumes=20)
        counters = bench.server.injector.counters.snapshot()
        audit = audit_run(bench.ws, result.run_id, bench.events(), bench.n)
    timeouts = sum(
        1
        for state, reason in bench.ledger(result.run_id).values()
        if state == "in_doubt" and reason and reason.endswith("timeout")
    )
    injected = counters["errors"] + counters["dropped"] + counters["rate_limited"] + timeouts
    tally.faults += injected
    tally.add(audit)
    print(
        f"  {name:<22} {injected:>5} faults ({counters['errors']} 5xx, {counters['dropped']} dropped, "
        f"{counters['rate_limited']} 429, {timeouts} timeouts) over {counters['requests']} requests; "
        f"status {result.status} after {len(stops)} stop(s); sent {audit.sent}, in doubt {audit.in_doubt}, "
        f"failed {audit.failed}; duplicates {audit.duplicates}, clean {audit.clean}; "
        f"{time.monotonic() - started:.1f} s"
    )


def fault_section(args: argparse.Namespace, tally: Tally) -> None:
    n = args.fault_people

    def server_errors(b: Bench) -> dict[str, Any]:
        b.server.faults.error_rate = 0.05
        return {}

    def drops(b: Bench) -> dict[str, Any]:
        b.server.faults.drop_rate = 0.05
        return {}

    def storm_retry_after(b: Bench) -> dict[str, Any]:
        b.server.faults.rate_limit = 40
        b.server.faults.retry_after = "seconds"
        return {"retry_budget": 30}

    def storm_no_retry_after(b: Bench) -> dict[str, Any]:
        b.server.faults.rate_limit = 50
        return {"max_retries": 2, "backoff_base": 0.01, "backoff_cap": 0.05}

    def latency_spikes(b: Bench) -> dict[str, Any]:
        b.server.faults.latency_ms = 150
        b.server.faults.latency_jitter_ms = 150
        return {"timeout": 0.25, "max_retries": 0}

    def everything(b: Bench) -> dict[str, Any]:
        f = b.server.faults
        f.error_rate, f.drop_rate, f.rate_limit, f.retry_after = 0.03, 0.03, 60, "seconds"
        f.latency_ms, f.latency_jitter_ms = 20, 20
        return {"retry_budget": 30}

    print(f"faults: {n} recipients per scenario, the runner against an in-process emulator")
    with tempfile.TemporaryDirectory() as tmp:
        for name, setup in (
            ("5% server errors", server_errors),
            ("5% dropped", drops),
            ("429 + Retry-After", storm_retry_after),
            ("429, no Retry-After", storm_no_retry_after),
            ("latency spikes", latency_spikes),
            ("all at once", everything),
        ):
            _fault_run(Path(tmp), n, name, setup, tally)


def stop_section(args: argparse.Namespace, tally: Tally) -> None:
    """STOP replies at random moments of runs that are killed and resumed: what reached a
    handset after its STOP, and what the runner recorded, over ``--stop-runs`` runs."""
    started = time.monotonic()
    rng = random.Random(args.seed)
    total = scenarios.StopTally(runs=0)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.stop_runs):
            one = scenarios.stop_during_run(Path(tmp) / f"run{i}", args.stop_people, rng, kills=args.stop_kills)
            for name in (
                "runs",
                "recipients",
                "stops",
                "kills",
                "texts_after_stop",
                "subscribes_known",
                "false_sent",
                "crossed",
                "skipped_after_stop",
            ):
                setattr(total, name, getattr(total, name) + getattr(one, name))
    tally.crashes += total.kills
    tally.stop_violations += total.texts_after_stop + total.subscribes_known + total.false_sent
    print(
        f"STOP during a run: {total.runs} runs of {args.stop_people} people ({total.recipients} recipients), "
        f"{total.stops} STOP replies at random moments, {total.kills} kill -9 of the runner; "
        f"{time.monotonic() - started:.1f} s"
    )
    print(
        f"  texts or opt-in requests to a handset after its STOP: {total.texts_after_stop} (must be 0); "
        f"opt-in requests to numbers whose STOP the workspace knew: {total.subscribes_known} (must be 0); "
        f"refused sends recorded as sent: {total.false_sent} (must be 0)"
    )
    print(
        f"  steps skipped because the runner knew of the STOP: {total.skipped_after_stop}; opt-in requests "
        f"that crossed a STOP in flight (refused by Vibes, nothing texted): {total.crossed}"
    )


def agents_section(args: argparse.Namespace, tally: Tally) -> None:
    """Three agents on one workspace (remote mode, a separate emulator), one killed with kill -9
    every few seconds while they send, each replaced; each campaign's run audited."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        demo = agent_scenarios.agents_demo(
            Path(tmp), args.agent_people, campaigns=3, remote=True, client_rate=60, seed=args.seed
        )
        try:
            log = agent_scenarios.kill_agents_while_sending(
                demo, agents=3, lease_s=5, rng=random.Random(args.seed), max_kills=args.agent_kills
            )
            audits, extra_runs = agent_scenarios.audit_runs(demo, demo.events())
        finally:
            demo.stop_all()
    tally.crashes += log.kills
    for audit in audits.values():
        tally.add(audit)
    tally.duplicates += extra_runs  # an occurrence run twice would text its people twice
    sent = sum(a.sent for a in audits.values())
    in_doubt = sum(a.in_doubt for a in audits.values())
    failed = sum(a.failed for a in audits.values())
    print(
        f"agents: {args.agent_people} people, 3 campaigns due at once, {demo.total} recipients; 3 agents "
        f"(--lease-s 5), {log.kills} kill -9 ({log.kills_while_sending} while texts were going out), "
        f"{log.agents_started} agents started in all; {'finished' if log.finished else 'NOT finished'} "
        f"in {log.seconds:.1f} s; {time.monotonic() - started:.1f} s in all"
    )
    print(
        f"  sent {sent}, in doubt {in_doubt}, failed {failed}; runs per campaign beyond one: {extra_runs} "
        f"(must be 0); " + "; ".join(f"{name}: {a.summary()}" for name, a in audits.items())
    )


def fuzz_section(args: argparse.Namespace, tally: Tally) -> None:
    """The bad-input and security fuzz tests, at ``--fuzz-scale`` times their example counts."""
    calls = [0]
    real_cli = bad.cli

    def counting_cli(*argv: str) -> tuple[int, str, str]:
        calls[0] += 1
        return real_cli(*argv)

    started = time.monotonic()
    bad.cli = counting_cli
    searches = cells = 0
    try:
        with tempfile.TemporaryDirectory() as tmp:
            ws_dir = bad.bad_input_workspace(Path(tmp) / "bad")
            for test in (
                bad.test_a_truncated_campaign_file,
                bad.test_a_campaign_file_with_a_wrong_value_anywhere,
                bad.test_broken_references,
                bad.test_people_csv_of_binary_junk,
                bad.test_people_csv_without_a_phone_column,
                bad.test_message_tokens_render_preview_and_dry_run,
                bad.test_sql_metacharacters_in_filters_are_only_data,
            ):
                tally.fuzz_failures += _fuzz(test, ws_dir)
            tally.fuzz_failures += _fuzz(bad.test_people_csv_with_any_cells_and_phone_strings)
            people_ws = security.search_workspace(Path(tmp) / "search")
            tally.fuzz_failures += _fuzz(security.test_people_search_takes_wildcards_and_quotes_as_text, people_ws)
            tally.fuzz_failures += _fuzz(security.test_safe_cell_never_starts_a_formula)
            searches, cells = scenarios.examples(80), scenarios.examples(100)
    finally:
        bad.cli = real_cli
    tally.bad_inputs += calls[0] + searches + cells
    print(
        f"bad input: {calls[0]} commands over fuzzed campaign files, CSVs, message tokens and filters, plus up "
        f"to {searches} people searches and {cells} CSV cells; {tally.fuzz_failures} failing fuzz tests; "
        f"{time.monotonic() - started:.1f} s"
    )


def _fuzz(test: Any, *fixtures: Any) -> int:
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            test(*fixtures)
    except Exception as exc:  # noqa: BLE001 - report and carry on with the next one
        print(f"  FAILED {test.__name__}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
        return 1
    return 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=2000, help="people in the crash run's demo workspace")
    ap.add_argument("--kills", type=int, default=8, help="kill -9 of the runner")
    ap.add_argument("--fault-people", type=int, default=400, help="recipients per fault scenario")
    ap.add_argument(
        "--fuzz-scale", type=float, default=4.0, help="fuzz tests run this many times their default number of examples"
    )
    ap.add_argument("--stop-runs", type=int, default=20, help="runs of the STOP scenario")
    ap.add_argument("--stop-people", type=int, default=400, help="people in each STOP scenario run")
    ap.add_argument("--stop-kills", type=int, default=2, help="kill -9 of the runner per STOP scenario run")
    ap.add_argument("--agent-people", type=int, default=3000, help="people in the agents scenario's workspace")
    ap.add_argument("--agent-kills", type=int, default=10, help="kill -9 of an agent in the agents scenario")
    ap.add_argument("--only", choices=("crash", "faults", "stop", "fuzz", "agents"), help="run one section only")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    tally = Tally()
    started = time.monotonic()
    sections = {
        "crash": crash_section,
        "faults": fault_section,
        "stop": stop_section,
        "agents": agents_section,
        "fuzz": fuzz_section,
    }
    for name, section in sections.items():
        if args.only in (None, name):
            section(args, tally)
    print(f"crashes survived: {tally.crashes}")
    print(f"faults injected: {tally.faults}")
    print(f"bad inputs tried: {tally.bad_inputs} ({tally.fuzz_failures} fuzz failures)")
    print(f"duplicates: {tally.duplicates} (must be 0)")
    print(f"lost sends: {tally.lost} (must be 0); texts the ledger cannot explain: {tally.unexplained}")
    print(f"texts, opt-in requests or 'sent' records after a STOP: {tally.stop_violations} (must be 0)")
    print(f"total {time.monotonic() - started:.0f} s")
    if tally.duplicates or tally.lost or tally.unexplained or tally.fuzz_failures or tally.stop_violations:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
