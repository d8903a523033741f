"""Reliability scenarios shared by the crash and fault suites and ``benchmarks/reliability.py``.

:class:`Bench`: a small workspace and an in-process emulator for the runner under injected
faults. :func:`remote_demo`: a demo-like workspace whose Vibes is a *separate*
``smsflow vibes-emulator`` process (``vibes.mode = remote``, the password in
``SMSFLOW_VIBES_PASSWORD``), with ``smsflow run`` as a child process that is killed with
SIGKILL at random moments and resumed. :func:`audit_run` compares a run's ledger with what
the emulator accepted (``GET /_emulator/events``): nobody texted twice, every recipient
sent once or honestly in doubt or failed with a reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from smsflow_desktop.services.campaigns import load_campaign
from smsflow_desktop.services.demo import create_demo_workspace
from smsflow_desktop.services.engine.preview import preview_step
from smsflow_desktop.services.engine.runner import RunOptions, RunResult, resume_run, start_run
from smsflow_desktop.services.settings import set_setting
from smsflow_desktop.services.vibes import VibesClient
from smsflow_desktop.services.vibes.emulator import EmulatorServer
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.services.engine.helpers import add_member, add_person, make_workspace, send_campaign, store
from tests.services.vibes.conftest import SEED, make_client

SMSFLOW = [sys.executable, "-m", "smsflow_desktop.cli"]
CAMPAIGN = "Spring promo"
NOW = "2026-04-06T16:00:00Z"  # noon in New York, evening in Stockholm: inside quiet hours
LATER = "2026-04-09T16:00:00Z"  # after the campaign's 3-day wait
TERMINAL_SEND = ("sent", "in_doubt", "failed")
#: Tables that only cache what can be worked out again (number -> time zone, kept by previews).
CACHE_TABLES = frozenset({"phone_time_zones"})


def scale() -> float:
    """``SMSFLOW_RELIABILITY_SCALE`` (default 1: a crash run of about 300 recipients, fuzz
    tests with their default number of examples); at most 1 under ``SMSFLOW_CI_BOUNDED``."""
    try:
        value = max(0.1, float(os.environ.get("SMSFLOW_RELIABILITY_SCALE", "1")))
    except ValueError:
        value = 1.0
    return min(value, 1.0) if os.environ.get("SMSFLOW_CI_BOUNDED") else value


def examples(base: int) -> int:
    """How many examples a fuzz test tries: ``base`` times the scale."""
    return max(1, round(base * scale()))


# -- the runner against an in-process emulator ------------------------------------------------------
T0 = datetime(2026, 4, 6, 16, 0, tzinfo=UTC)
FAST = RunOptions(backoff_s=0.01)


def mdn(i: int) -> str:
    return f"+1212456{i:04d}"


class Bench:
    """A workspace of ``n`` people, all members of Vibes list 101, a campaign ``Promo`` that
    texts them, and an emulator (not started) that knows them."""

    def __init__(self, tmp: Path, n: int, *, ws_root: Path | None = None) -> None:
        self.n = n
        self.ws: Workspace = make_workspace(ws_root or tmp / "ws")
        with self.ws.session() as conn, transaction(conn):
            for i in range(1, n + 1):
                add_person(conn, i, mdn(i))
                add_member(conn, mdn(i))
        store(self.ws, send_campaign())
        seed = {**SEED, "subscriptions": [{"mdn": mdn(i), "list_id": "101"} for i in range(1, n + 1)]}
        seed_file = tmp / "seed.json"
        seed_file.write_text(json.dumps(seed), encoding="utf-8")
        self.server = EmulatorServer(tmp / "vibes", seed=seed_file, delivery_delay_s=0.05, random_seed=11)

    def client(self, **options: object) -> VibesClient:
        return make_client(self.server, **options)

    def use_remote(self) -> dict[str, str]:
        """Point the workspace at the (started) emulator as a remote Vibes; return the
        environment a ``smsflow`` child process needs (the password, the clock)."""
        with self.ws.session() as conn:
            for key, value in (
                ("vibes.mode", "remote"),
                ("vibes.base_url", self.server.base_url),
                ("vibes.username", self.server.username),
                ("vibes.company_key", self.server.company_key),
                ("vibes.short_code", self.server.short_code or ""),
            ):
                set_setting(conn, key, value)
        return {**os.environ, "SMSFLOW_VIBES_PASSWORD": self.server.password, "SMSFLOW_NOW": NOW}

    def run(self, client: VibesClient, *, max_resumes: int = 5) -> tuple[RunResult, list[str]]:
        """Run, and resume a run that stopped (e.g. Vibes failed while the run set up its message)."""
        result = start_run(self.ws, "Promo", client, clock=lambda: T0, options=FAST)
        stops: list[str] = []
        while result.status == "failed" and len(stops) < max_resumes:
            stops.append(result.error or "")
            result = resume_run(self.ws, result.run_id, client, clock=lambda: T0, options=FAST)
        return result, stops

    def ledger(self, run_id: int) -> dict[str, tuple[str, str | None]]:
        with self.ws.session() as conn:
            return {
                r[0]: (r[1], r[2])
                for r in conn.execute("SELECT mdn, state, reason FROM ledger WHERE run_id = ?", (run_id,))
            }

    def activity(self, run_id: int, kind: str) -> dict[str, str]:
        with self.ws.session() as conn:
            return {
                r[0]: r[1]
                for r in conn.execute("SELECT mdn, detail FROM activity WHERE run_id = ? AND type = ?", (run_id, kind))
            }

    def events(self) -> list[dict[str, Any]]:
        return [{"mdn": r["mdn"]} for r in self.server.store.q("SELECT mdn FROM events")]  # type: ignore[union-attr]


# -- the emulator in its own process ---------------------------------------------------------------
class EmulatorProcess:
    """``smsflow vibes-emulator`` as a child process that can be killed and started again on
    the same port with the same state."""

    def __init__(
        self, state: Path, seed: Path, *, latency_ms: float = 0, jitter_ms: float = 0, log: Path | None = None
    ) -> None:
        self.state, self.seed = state, seed
        self.latency_ms, self.jitter_ms = latency_ms, jitter_ms
        self.log = log or state.with_name(state.name + ".log")
        self.port = 0
        self.url = ""
        self.proc: subprocess.Popen[bytes] | None = None
        self.restarts = 0

    def start(self, timeout: float = 20.0) -> str:
        for attempt in range(20):
            cmd = [
                *SMSFLOW,
                "vibes-emulator",
                "--state",
                str(self.state),
                "--seed",
                str(self.seed),
                "--port",
                str(self.port),
                "--latency-ms",
                str(self.latency_ms),
                "--latency-jitter-ms",
                str(self.jitter_ms),
                "--delivery-delay",
                "0.05",
            ]
            with self.log.open("ab") as err:
                proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err)
            assert proc.stdout is not None
            ready, _, _ = select.select([proc.stdout], [], [], timeout)
            line = proc.stdout.readline().decode() if ready else ""
            if line.startswith("listening on "):
                self.proc, self.url = proc, line.split()[-1]
                self.port = int(self.url.rsplit(":", 1)[1])
                return self.url
            proc.kill()
            proc.wait()
            if self.port == 0 or attempt == 19:
                raise RuntimeError(f"the emulator did not start: {self.log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.25)  # the old port is not free yet
        raise AssertionError("unreachable")

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, requests in flight are cut off."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            if self.proc.stdout:
                self.proc.stdout.close()
            self.proc = None

    def restart(self, down_s: float = 0.4) -> None:
        self.kill()
        time.sleep(down_s)
        self.start()
        self.restarts += 1

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()
        self.proc = None

    def control(self, method: str, path: str, **kwargs: Any) -> Any:
        response = httpx.request(method, f"{self.url}/_emulator/{path}", timeout=30, **kwargs)
        response.raise_for_status()
        return response.json()

    def faults(self, **changes: Any) -> dict[str, Any]:
        return self.control("POST", "faults", json=changes)

    def requests_seen(self) -> int:
        return int(self.control("GET", "stats")["requests"])

    def events(self) -> list[dict[str, Any]]:
        return self.control("GET", "events")

    def __enter__(self) -> EmulatorProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# -- the workspace ------------------------------------------------------------------------------
@dataclass
class RemoteDemo:
    """A demo workspace pointed at a separate emulator process."""

    root: Path
    ws: Workspace
    emulator: EmulatorProcess
    password: str
    recipients: int

    def env(self, now: str = NOW, **extra: str) -> dict[str, str]:
        env = {**os.environ, "SMSFLOW_VIBES_PASSWORD": self.password, "SMSFLOW_NOW": now}
        env.update(extra)
        return env

    def point_at_emulator(self) -> None:
        with self.ws.session() as conn:
            set_setting(conn, "vibes.base_url", self.emulator.url)


def remote_demo(tmp: Path, people: int, *, latency_ms: float = 0, jitter_ms: float = 0, seed: int = 7) -> RemoteDemo:
    """``smsflow demo init`` in ``tmp/ws``, its Vibes state served by a separate emulator process
    (state in ``tmp/vibes``, outside the workspace), settings switched to ``remote``. The
    emulator is started; stop it with ``demo.emulator.stop()``."""
    root = tmp / "ws"
    create_demo_workspace(root, people=people, seed=seed)
    ws = Workspace.open(root)
    seed_file = ws.emulator_dir / "seed.json"
    password = json.loads(seed_file.read_text(encoding="utf-8"))["password"]
    emulator = EmulatorProcess(tmp / "vibes", seed_file, latency_ms=latency_ms, jitter_ms=jitter_ms)
    emulator.start()
    with ws.session() as conn:
        set_setting(conn, "vibes.mode", "remote")
        set_setting(conn, "vibes.base_url", emulator.url)
        campaign = load_campaign(conn, CAMPAIGN)
        recipients = preview_step(conn, campaign, now=_instant(NOW)).recipients
    return RemoteDemo(root, ws, emulator, password, recipients)


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def run_command(demo: RemoteDemo, run_id: int | None, *extra: str) -> list[str]:
    cmd = [*SMSFLOW, "run", CAMPAIGN, "--workspace", str(demo.root), "--json", *extra]
    return cmd + (["--resume", str(run_id)] if run_id is not None else [])


def latest_run(ws: Workspace) -> int | None:
    with ws.session() as conn:
        row = conn.execute("SELECT max(id) FROM runs").fetchone()
    return row[0]


# -- kill -9, again and again ------------------------------------------------------------------
@dataclass
class CrashLog:
    run_id: int | None = None
    kills: int = 0  # the runner was killed while it was still working
    finished_early: int = 0  # rounds where the runner ended before its kill came
    mid_send_kills: int = 0  # kills after some but not all texts were out
    left_in_flight: list[int] = field(default_factory=list)  # rows 'sending' after each kill
    emulator_restarts: int = 0
    drop_rounds: int = 0
    dropped: int = 0  # connections the emulator dropped after doing the work
    final: dict[str, Any] = field(default_factory=dict)


def _wait_for_traffic(
    emulator: EmulatorProcess,
    since: int,
    timeout: float,
    at_least: int = 1,
    child: subprocess.Popen[bytes] | None = None,
) -> None:
    """Until the emulator saw ``at_least`` more requests (or the runner ended)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (child is None or child.poll() is None):
        try:
            if emulator.requests_seen() >= since + at_least:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)


def crash_and_resume(
    demo: RemoteDemo,
    *,
    kills: int,
    rng: random.Random,
    restart_round: int | None = 1,
    drop_round: int | None = 2,
    drop_rate: float = 0.15,
    max_pause: float = 0.8,
) -> CrashLog:
    """Start the run, SIGKILL it ``kills`` times at random moments while it sends (the first
    kill may land before anything is sent), resume after each kill, and finish it. In round
    ``restart_round`` the emulator is killed and restarted under the runner; in round
    ``drop_round`` it drops ``drop_rate`` of its connections after doing the work."""
    log = CrashLog()
    for round_no in range(kills):
        before = demo.emulator.requests_seen()
        if round_no == drop_round:
            demo.emulator.faults(drop_rate=drop_rate)
            log.drop_rounds += 1
        child = subprocess.Popen(
            run_command(demo, log.run_id), env=demo.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            if round_no > 0:  # a round dropping connections lets a fair number of requests through
                _wait_for_traffic(
                    demo.emulator, before, timeout=20, at_least=40 if round_no == drop_round else 1, child=child
                )
            if round_no == restart_round:
                time.sleep(rng.uniform(0.05, 0.3))
                demo.emulator.restart()
                log.emulator_restarts += 1
                before = demo.emulator.requests_seen()
                _wait_for_traffic(demo.emulator, before, timeout=20, child=child)
            time.sleep(rng.uniform(0.0, max_pause) if round_no else rng.uniform(0.2, 1.5))
        finally:
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
                log.kills += 1
            else:
                log.finished_early += 1
            child.wait()
        if round_no == drop_round:
            demo.emulator.faults(drop_rate=0.0)
            log.dropped += int(demo.emulator.control("GET", "stats")["dropped"])
        log.run_id = latest_run(demo.ws) or log.run_id
        if log.run_id is not None:
            with demo.ws.session() as conn:
                in_flight, sent = conn.execute(
                    "SELECT sum(state = 'sending'), sum(state = 'sent') FROM ledger WHERE run_id = ? "
                    "AND action = 'send_sms'",
                    (log.run_id,),
                ).fetchone()
            log.left_in_flight.append(in_flight or 0)
            if 0 < (sent or 0) < demo.recipients:
                log.mid_send_kills += 1
    done = subprocess.run(run_command(demo, log.run_id), env=demo.env(), capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise AssertionError(f"the final resume failed ({done.returncode}): {done.stderr.strip()}")
    log.final = json.loads(done.stdout)
    log.run_id = log.final["run_id"]
    return log


def finish_flow(demo: RemoteDemo, run_id: int) -> dict[str, Any]:
    """Resume after the campaign's wait so its last step (subscribe) runs too."""
    demo.emulator.faults(latency_ms=0, latency_jitter_ms=0, drop_rate=0.0, error_rate=0.0)
    done = subprocess.run(run_command(demo, run_id), env=demo.env(LATER), capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise AssertionError(f"resuming after the wait failed ({done.returncode}): {done.stderr.strip()}")
    return json.loads(done.stdout)


# -- the audit ------------------------------------------------------------------------------------
@dataclass
class Audit:
    """The ledger of one run's Send SMS steps against the texts Vibes accepted."""

    recipients: int
    sent: int = 0
    in_doubt: int = 0
    failed: int = 0
    skipped: int = 0
    events: int = 0
    duplicates: int = 0  # texts beyond the first to one number (must be 0)
    lost: list[str] = field(default_factory=list)  # recipients with no honest final state
    false_sent: list[str] = field(default_factory=list)  # 'sent' but Vibes never got it
    unexplained: list[str] = field(default_factory=list)  # texted, but the ledger says failed/skipped
    no_reason: list[str] = field(default_factory=list)  # failed or in doubt without a reason
    integrity: str = ""

    @property
    def clean(self) -> bool:
        return (
            self.duplicates == 0
            and not self.lost
            and not self.false_sent
            and not self.unexplained
            and not self.no_reason
            and self.integrity == "ok"
            and self.sent + self.in_doubt + self.failed == self.recipients
        )

    def summary(self) -> str:
        return (
            f"recipients {self.recipients}: sent {self.sent}, in doubt {self.in_doubt}, failed {self.failed}; "
            f"texts accepted {self.events}, duplicates {self.duplicates}, lost {len(self.lost)}, "
            f"false 'sent' {len(self.false_sent)}, unexplained texts {len(self.unexplained)}, "
            f"failures without a reason {len(self.no_reason)}, integrity {self.integrity}"
        )


def audit_run(ws: Workspace, run_id: int, events: list[dict[str, Any]], recipients: int) -> Audit:
    """Check every Send SMS ledger row of ``run_id`` against ``events`` (all from this run)."""
    per_number = Counter(e["mdn"] for e in events)
    audit = Audit(
        recipients=recipients, events=len(events), duplicates=sum(n - 1 for n in per_number.values() if n > 1)
    )
    with ws.session() as conn:
        audit.integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        rows = conn.execute(
            "SELECT person_id, mdn, state, reason FROM ledger WHERE run_id = ? AND action = 'send_sms'", (run_id,)
        ).fetchall()
    accounted: set[str] = set()
    for person_id, mdn, state, reason in rows:
        who = f"person {person_id} ({mdn})"
        if state == "skipped":
            audit.skipped += 1
            continue
        if state not in TERMINAL_SEND:
            audit.lost.append(f"{who}: still {state}")
            continue
        setattr(audit, state, getattr(audit, state) + 1)
        if state == "sent":
            accounted.add(mdn)
            if per_number[mdn] == 0:
                audit.false_sent.append(who)
        elif state == "in_doubt":
            accounted.add(mdn)
        if state != "sent" and not reason:
            audit.no_reason.append(f"{who}: {state}")
    audit.unexplained = sorted(m for m in per_number if m not in accounted)
    return audit


def emulator_integrity(state: Path) -> str:
    with sqlite3.connect(state / "vibes-emulator.db") as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


# -- before/after digests ---------------------------------------------------------------------------
def db_digest(db_path: Path, *, skip: frozenset[str] = CACHE_TABLES) -> str:
    """A digest of every table's rows (order-independent), caches left out."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            if table in skip or table.startswith("sqlite_"):
                continue
            rows = sorted(repr(tuple(r)) for r in conn.execute(f'SELECT * FROM "{table}"'))
            digest.update(f"{table}:{len(rows)}\n".encode())
            for row in rows:
                digest.update(row.encode("utf-8", "surrogatepass") + b"\n")
        digest.update(repr(conn.execute("PRAGMA user_version").fetchone()).encode())
    finally:
        conn.close()
    return digest.hexdigest()


# -- STOP during a run -----------------------------------------------------------------------------
@dataclass
class StopTally:
    """What the STOP scenario counts: three figures must be 0."""

    runs: int = 0
    recipients: int = 0
    stops: int = 0
    kills: int = 0
    texts_after_stop: int = 0  # texts or opt-in requests a handset got after its STOP (must be 0)
    subscribes_known: int = 0  # opt-in requests to numbers whose STOP the workspace knew (must be 0)
    false_sent: int = 0  # sends recorded 'sent' that Vibes refused to route (must be 0)
    crossed: int = 0  # opt-in requests that crossed a STOP in flight (Vibes refused them)
    skipped_after_stop: int = 0  # steps the runner skipped because it knew of the STOP

    @property
    def clean(self) -> bool:
        return self.texts_after_stop == 0 and self.subscribes_known == 0 and self.false_sent == 0


def _stop_some(demo: RemoteDemo, numbers: list[str], rng: random.Random, until: Any, stopped: dict[str, int]) -> None:
    """Text STOP from ``numbers`` one by one at random moments until ``until()`` is true."""
    for number in numbers:
        if until():
            return
        demo.emulator.control("POST", "reply", json={"mdn": number, "text": "STOP"})
        stopped[number] = len(stopped)
        time.sleep(rng.uniform(0.0, 0.05))


def stop_during_run(tmp: Path, people: int, rng: random.Random, *, share: float = 0.1, kills: int = 2) -> StopTally:
    """One demo campaign run in remote mode against an emulator process, with the callback
    receiver (as a team deploys it) feeding the workspace: ``share`` of the recipients text
    STOP at random moments of the send step, while ``smsflow run`` is killed with kill -9
    ``kills`` times and resumed; more STOP before and during the subscribe step after the
    campaign's wait. Then count what reached a handset after its STOP."""
    import threading

    from smsflow_desktop.services.vibes.callbacks import CallbackReceiver

    demo = remote_demo(tmp, people, latency_ms=5)
    tally = StopTally(runs=1, recipients=demo.recipients)
    receiver = CallbackReceiver(demo.ws, secret="stop-scenario-" + "x" * 24).start()
    stopped: dict[str, int] = {}
    try:
        seed = json.loads((demo.ws.emulator_dir / "seed.json").read_text(encoding="utf-8"))
        with VibesClient(demo.emulator.url, seed["company_key"], seed["username"], demo.password) as client:
            for kind in ("subscription_added", "subscription_removed", "event_processed"):
                client.register_callback(callback_type=kind, url=receiver.url)
        with demo.ws.session() as conn:
            numbers = [r[0] for r in conn.execute("SELECT DISTINCT phone_e164 FROM people WHERE phone_valid = 1")]
        rng.shuffle(numbers)
        during_send = numbers[: int(len(numbers) * share)]
        before_subscribe = numbers[len(during_send) : len(during_send) * 2]
        during_subscribe = numbers[len(during_send) * 2 : len(during_send) * 3]

        run_id: int | None = None
        for round_no in range(kills + 1):
            child = subprocess.Popen(
                run_command(demo, run_id), env=demo.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            stopper = threading.Thread(
                target=_stop_some,
                args=(demo, during_send[round_no :: kills + 1], rng, lambda c=child: c.poll() is not None, stopped),
            )
            stopper.start()
            if round_no < kills:
                time.sleep(rng.uniform(0.3, 1.5))
                if child.poll() is None:
                    child.send_signal(signal.SIGKILL)
                    tally.kills += 1
            child.wait(timeout=300)
            stopper.join()
            run_id = latest_run(demo.ws) or run_id
        assert run_id is not None
        done = subprocess.run(run_command(demo, run_id), env=demo.env(), capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        _stop_some(demo, before_subscribe, rng, lambda: False, stopped)
        _settle(demo)
        with demo.ws.session() as conn:
            known = {r[0] for r in conn.execute("SELECT mdn FROM number_opt_outs")}
        child = subprocess.Popen(
            run_command(demo, run_id), env=demo.env(LATER), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _stop_some(demo, during_subscribe, rng, lambda: child.poll() is not None, stopped)
        child.wait(timeout=300)
        done = subprocess.run(
            run_command(demo, run_id), env=demo.env(LATER), capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
        _settle(demo)
        _count_after_stop(demo, run_id, known, stopped, tally)
    finally:
        receiver.stop()
        demo.emulator.stop()
    tally.stops = len(stopped)
    return tally


def _settle(demo: RemoteDemo, quiet_s: float = 0.5, timeout: float = 30.0) -> None:
    """Wait until the emulator's callbacks have all been delivered (nothing new for a while)."""
    deadline = time.monotonic() + timeout
    last, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        with demo.ws.session() as conn:
            seen = conn.execute("SELECT count(*) FROM callbacks_seen").fetchone()[0]
        if seen != last:
            last, since = seen, time.monotonic()
        elif time.monotonic() - since > quiet_s:
            return
        time.sleep(0.1)


def _count_after_stop(
    demo: RemoteDemo, run_id: int, known: set[str], stopped: dict[str, int], tally: StopTally
) -> None:
    messages = demo.emulator.control("GET", "messages")
    stop_at: dict[str, int] = {}
    for i, m in enumerate(messages):
        if m["direction"] == "in" and m["text"].strip().upper() == "STOP":
            stop_at.setdefault(m["mdn"], i)
    tally.texts_after_stop = sum(
        1
        for i, m in enumerate(messages)
        if m["direction"] == "out"
        and m["kind"] in ("event", "confirmation")
        and i > stop_at.get(m["mdn"], len(messages))
    )
    routed = {e["event_id"]: e.get("status") for e in demo.emulator.events()}
    with demo.ws.session() as conn:
        rows = conn.execute(
            "SELECT mdn, action, state, reason, event_id FROM ledger WHERE run_id = ?", (run_id,)
        ).fetchall()
    for mdn_, action, state, reason, event_id in rows:
        if action == "send_sms" and state == "sent" and routed.get(event_id) == "routing_failed":
            tally.false_sent += 1
        if mdn_ not in stopped:
            continue
        if state == "skipped" and reason in ("phone_suppressed", "not_in_vibes_list"):
            tally.skipped_after_stop += 1
        if action == "subscribe" and state not in ("skipped",):
            if mdn_ in known:
                tally.subscribes_known += 1
            elif reason and "MDNHASCONFIRMATIONBLOCK" in reason:
                tally.crossed += 1
