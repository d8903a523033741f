"""Several ``smsflow agent`` processes on one workspace, killed with kill -9, sharing a rate limit.

Shared by ``tests/services/automation/test_agent_leases.py`` and ``benchmarks/reliability.py``
(``--only agents``) and ``benchmarks/agent.py`` (``--only agents``).

:func:`agents_demo`: a demo workspace whose Spring promo is split into ``campaigns`` batch
campaigns (one static list of people each, every one due at ``NOW``), activated; its Vibes is
the embedded emulator of each agent (emulated mode: the agents' emulators share the state in
the workspace) or a separate ``smsflow vibes-emulator`` process (remote mode, optionally
with a rate limit). :class:`AgentProcess`: one ``smsflow agent --lease-s N`` child process.
:func:`audit_runs` checks every run against the texts the emulator accepted: nobody texted
twice, every recipient sent once or honestly in doubt or failed with a reason.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from smsflow_desktop.model.campaign import MemberOfListFilter
from smsflow_desktop.services.automation import activate_campaign
from smsflow_desktop.services.campaigns import load_campaign, save_campaign
from smsflow_desktop.services.demo import create_demo_workspace
from smsflow_desktop.services.engine.preview import preview_step
from smsflow_desktop.services.settings import set_setting
from smsflow_desktop.services.static_lists import add_people, create_list
from smsflow_desktop.services.workspace import Workspace
from tests.reliability.scenarios import CAMPAIGN, NOW, SMSFLOW, Audit, EmulatorProcess, audit_run

NOW_AT = datetime.fromisoformat(NOW.replace("Z", "+00:00")).astimezone(UTC)


# -- the emulator and the agents as child processes -----------------------------------------------
class LimitedEmulator(EmulatorProcess):
    """``smsflow vibes-emulator`` with a rate limit (requests per second over all API calls)."""

    def __init__(self, state: Path, seed: Path, *, rate_limit: float | None = None, latency_ms: float = 0) -> None:
        super().__init__(state, seed, latency_ms=latency_ms)
        self.rate_limit = rate_limit

    def start(self, timeout: float = 20.0) -> str:
        cmd = [
            *SMSFLOW,
            "vibes-emulator",
            "--state",
            str(self.state),
            "--seed",
            str(self.seed),
            "--latency-ms",
            str(self.latency_ms),
            "--delivery-delay",
            "0.05",
        ]
        if self.rate_limit:
            cmd += ["--rate-limit", str(self.rate_limit)]
        with self.log.open("ab") as err:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err)
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], timeout)
        line = proc.stdout.readline().decode() if ready else ""
        if not line.startswith("listening on "):
            proc.kill()
            proc.wait()
            raise RuntimeError(f"the emulator did not start: {self.log.read_text(errors='replace')[-2000:]}")
        self.proc, self.url = proc, line.split()[-1]
        self.port = int(self.url.rsplit(":", 1)[1])
        return self.url

    def stats(self) -> dict[str, int]:
        return dict(self.control("GET", "stats"))


class AgentProcess:
    """``smsflow agent --workspace DIR --lease-s N`` as a child process; its output in a file."""

    def __init__(
        self,
        root: Path | str,
        env: dict[str, str],
        lease_s: float,
        out: Path,
        *,
        emulated: bool,
        timeout: float = 60,
        wait: bool = True,
    ) -> None:
        self.out = out
        self.emulated = emulated
        self.emulator_url = ""
        with out.open("wb") as stdout, out.with_suffix(".err").open("ab") as stderr:
            self.proc = subprocess.Popen(
                [*SMSFLOW, "agent", "--workspace", str(root), "--lease-s", str(lease_s)],
                stdout=stdout,
                stderr=stderr,
                env=env,
            )
        if wait:
            self.wait_started(timeout)

    def wait_started(self, timeout: float = 60) -> None:
        """Until the agent says it runs (and, emulated, where its emulator listens)."""
        emulated = self.emulated
        deadline = time.monotonic() + timeout
        while "agent running" not in self.output():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"the agent did not start: {self.errors()[-2000:]}")
            time.sleep(0.05)
        while self.proc.poll() is None and time.monotonic() < deadline:
            lines = self.output().splitlines()
            if len(lines) >= 2 or not emulated:
                break
            time.sleep(0.05)
        for line in self.output().splitlines():
            if line.startswith("vibes emulator "):
                self.emulator_url = line.split()[-1]

    @property
    def pid(self) -> int:
        return self.proc.pid

    def output(self) -> str:
        return self.out.read_text(errors="replace") if self.out.exists() else ""

    def errors(self) -> str:
        err = self.out.with_suffix(".err")
        return err.read_text(errors="replace") if err.exists() else ""

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, requests in flight are cut off."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM, as a service manager stops it; its exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return int(self.proc.returncode)


# -- the workspace ------------------------------------------------------------------------------
@dataclass
class AgentsDemo:
    root: Path | str  # a folder, or a PostgreSQL database's URL
    ws: Workspace
    env: dict[str, str]
    campaigns: list[str]
    recipients: dict[str, int]  # campaign -> recipients of its Send SMS step
    emulator: LimitedEmulator | None = None  # remote mode: the separate emulator process
    agents: list[AgentProcess] = field(default_factory=list)
    started: int = 0
    folder: Path | None = None  # where the agents' output goes

    @property
    def total(self) -> int:
        return sum(self.recipients.values())

    def start_agent(self, lease_s: float) -> AgentProcess:
        self.started += 1
        out = (self.folder or Path(self.root).parent) / f"agent{self.started}.out"
        agent = AgentProcess(self.root, self.env, lease_s, out, emulated=self.emulator is None)
        self.agents.append(agent)
        return agent

    def start_agents(self, count: int, lease_s: float) -> list[AgentProcess]:
        """``count`` agents started at once (each begins before any is waited for), as agents
        that already serve the workspace when its campaigns fall due."""
        started = []
        for _ in range(count):
            self.started += 1
            out = (self.folder or Path(self.root).parent) / f"agent{self.started}.out"
            started.append(AgentProcess(self.root, self.env, lease_s, out, emulated=self.emulator is None, wait=False))
        self.agents += started
        for agent in started:
            agent.wait_started()
        return started

    def live(self) -> list[AgentProcess]:
        return [a for a in self.agents if a.alive()]

    def stop_all(self) -> None:
        for agent in self.agents:
            agent.stop()
        if self.emulator is not None:
            self.emulator.stop()

    def runs(self) -> list[tuple[int, str, str]]:
        with self.ws.session() as conn:
            return [tuple(r) for r in conn.execute("SELECT id, campaign_name, status FROM runs ORDER BY id")]

    def sends_done(self) -> bool:
        """Every campaign has its run, and no Send SMS row is still to do or in flight."""
        with self.ws.session() as conn:
            runs = conn.execute("SELECT count(DISTINCT campaign_name) FROM runs").fetchone()[0]
            left = conn.execute(
                "SELECT count(*) FROM ledger WHERE action = 'send_sms' AND state IN ('pending', 'sending')"
            ).fetchone()[0]
            owned = conn.execute("SELECT count(*) FROM runs WHERE status = 'running'").fetchone()[0]
        return runs == len(self.campaigns) and left == 0 and owned == 0

    def sent(self) -> int:
        with self.ws.session() as conn:
            return int(
                conn.execute("SELECT count(*) FROM ledger WHERE action = 'send_sms' AND state = 'sent'").fetchone()[0]
            )

    def events(self) -> list[dict[str, Any]]:
        """Every event the emulator accepted (asked of a running agent's embedded emulator, or of
        the separate emulator)."""
        if self.emulator is not None:
            return list(self.emulator.events())
        for agent in self.live():
            if agent.emulator_url:
                return list(httpx.get(f"{agent.emulator_url}/_emulator/events", timeout=30).json())
        raise RuntimeError("no running agent hosts the emulator")

    def wait_sends(self, timeout: float, *, also: Any = None) -> bool:
        """Until :meth:`sends_done` (True) or ``timeout`` (False); ``also()`` is called meanwhile."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if also is not None:
                also()
            if self.sends_done():
                return True
            time.sleep(0.1)
        return self.sends_done()


def agents_demo(
    tmp: Path,
    people: int,
    *,
    campaigns: int = 1,
    remote: bool = False,
    rate_limit: float | None = None,
    client_rate: int | None = None,
    concurrency: int | None = None,
    latency_ms: float = 0,
    seed: int = 7,
    database: str | None = None,
) -> AgentsDemo:
    """A demo workspace whose Spring promo is split into ``campaigns`` active batch campaigns
    due at ``NOW`` (each a share of its people, by a static list). Remote mode points the
    workspace at a separate emulator (started, with ``rate_limit``); ``client_rate`` sets the
    client's own limit (``vibes.rate_limit.*``: the account's limit as the workspace knows it).
    ``database``: a PostgreSQL database URL to make the workspace in, instead of a folder."""
    root: Path | str = database or tmp / "ws"
    create_demo_workspace(root, people=people, seed=seed)
    ws = Workspace.open(root)
    seed_file = ws.emulator_dir / "seed.json"
    password = json.loads(seed_file.read_text(encoding="utf-8"))["password"]
    env = {**os.environ, "SMSFLOW_NOW": NOW, "SMSFLOW_VIBES_PASSWORD": password}
    emulator: LimitedEmulator | None = None
    if remote:
        emulator = LimitedEmulator(tmp / "vibes", seed_file, rate_limit=rate_limit, latency_ms=latency_ms)
        emulator.start()
    names: list[str] = []
    recipients: dict[str, int] = {}
    try:
        with ws.session() as conn:
            if emulator is not None:
                set_setting(conn, "vibes.mode", "remote")
                set_setting(conn, "vibes.base_url", emulator.url)
            if client_rate is not None:
                set_setting(conn, "vibes.rate_limit.events", str(int(client_rate)))
                set_setting(conn, "vibes.rate_limit.company", str(int(client_rate)))
            if concurrency is not None:
                set_setting(conn, "runner.concurrency", str(concurrency))
            base = load_campaign(conn, CAMPAIGN)
            ids = [str(r[0]) for r in conn.execute("SELECT id FROM people ORDER BY id")]
            for k in range(1, campaigns + 1):
                name = CAMPAIGN if campaigns == 1 else f"{CAMPAIGN} {k}"
                campaign = base.model_copy(deep=True)
                campaign.name = name
                campaign.schedule.start = NOW
                if campaigns > 1:
                    part = f"Agents {k}"
                    create_list(conn, part)
                    add_people(conn, part, ids[k - 1 :: campaigns], by="id")
                    campaign.smart_list.filters.append(MemberOfListFilter(list=part))
                save_campaign(conn, campaign)
                activate_campaign(conn, name, NOW_AT)
                recipients[name] = preview_step(conn, load_campaign(conn, name), now=NOW_AT).recipients
                names.append(name)
    except BaseException:
        if emulator is not None:
            emulator.stop()
        raise
    return AgentsDemo(root, ws, env, names, recipients, emulator, folder=tmp)


# -- the audit ------------------------------------------------------------------------------------
def audit_runs(demo: AgentsDemo, events: list[dict[str, Any]]) -> tuple[dict[str, Audit], int]:
    """Each campaign's run against the events of its own (by event id); and the runs of a
    campaign beyond its first (must be 0: its occurrence ran once, however many agents saw it)."""
    audits: dict[str, Audit] = {}
    for run_id, name, _status in demo.runs():
        prefix = f"smsflow-r{run_id}-"
        mine = [e for e in events if str(e.get("event_id", "")).startswith(prefix)]
        audits[name] = audit_run(demo.ws, run_id, mine, demo.recipients[name])
    runs_per_campaign = Counter(name for _id, name, _status in demo.runs())
    extra_runs = sum(n - 1 for n in runs_per_campaign.values())
    return audits, extra_runs


# -- kill -9 every few seconds -----------------------------------------------------------------------
@dataclass
class ChaosLog:
    agents_started: int = 0
    kills: int = 0
    kills_while_sending: int = 0
    in_doubt_left: int = 0
    seconds: float = 0.0
    finished: bool = False


def kill_agents_while_sending(
    demo: AgentsDemo,
    *,
    agents: int,
    lease_s: float,
    rng: random.Random,
    every: tuple[float, float] = (1.5, 3.0),
    max_kills: int = 6,
    timeout: float = 240.0,
) -> ChaosLog:
    """``agents`` agents serve the workspace; every few seconds one of them (at random) is
    killed with kill -9 and a new one started, ``max_kills`` times at most, while texts are
    still to go; then the survivors finish. Returns what happened."""
    log = ChaosLog()
    began = time.monotonic()
    for _ in range(agents):
        demo.start_agent(lease_s)
    next_kill = time.monotonic() + rng.uniform(*every)
    deadline = began + timeout

    def chaos() -> None:
        nonlocal next_kill
        if log.kills >= max_kills or time.monotonic() < next_kill:
            return
        live = demo.live()
        if live:
            sending_before = demo.sent()
            victim = rng.choice(live)
            victim.kill()
            log.kills += 1
            if 0 < sending_before < demo.total:
                log.kills_while_sending += 1
            demo.start_agent(lease_s)
        next_kill = time.monotonic() + rng.uniform(*every)

    log.finished = demo.wait_sends(max(0.0, deadline - time.monotonic()), also=chaos)
    log.agents_started = demo.started
    log.seconds = time.monotonic() - began
    with demo.ws.session() as conn:
        log.in_doubt_left = int(
            conn.execute("SELECT count(*) FROM ledger WHERE action = 'send_sms' AND state = 'in_doubt'").fetchone()[0]
        )
    return log
