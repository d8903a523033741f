"""The agent's figures: idle CPU, wake-up-to-first-send latency, and a burst of trigger firings.

    .venv/bin/python benchmarks/agent.py [--only idle|wake|burst|agents] [--idle-s 20]
                                         [--people 10000] [--rate-limit 150]
                                         [--agents 4] [--agents-rate 100] [--agents-people 8000]
                                         [--store sqlite|postgresql] [--one-by-one]

* **idle**: ``smsflow agent`` over an emulated workspace with an active recurring campaign
  (next run days away) and an active trigger campaign; its CPU time (all threads, the embedded
  emulator included) over ``--idle-s`` seconds, as a share of one core. Target: under 1%.
* **wake**: three batch campaigns due 3, 6 and 9 s after the agent starts, one recipient
  each; for each, the time from the scheduled instant to the first send committed
  (``sending``) and to the text accepted by the emulator. Target: under 1 s.
* **burst**: ``--people`` people added to a static list in one transaction, so an active
  ``added_to_list`` campaign fires for all of them at once; the agent runs in remote mode
  against ``smsflow vibes-emulator --rate-limit R``. Prints the send rate against R
  (target: at least 90%) and checks that every number got one text.
* **agents**: ``--agents`` agents serve one workspace in remote mode against
  ``smsflow vibes-emulator --rate-limit R`` (``--agents-rate``), each with the workspace's
  limit set to R; as many campaigns as agents fall due at once, so each agent runs one. The
  agents start together, as agents already serving the workspace when its campaigns fall due
  (``--one-by-one``: each once the one before it runs, so the first sends alone for a while).
  Prints what all of them sent together as a share of R (over the whole send, and while all of
  them sent), and how many requests the emulator refused with 429 (target: none). With
  ``--store postgresql`` the workspace is a PostgreSQL database (see ``benchmarks/pg.py`` for
  the server).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_data import build_workspace  # noqa: E402
from smsflow_desktop.model.campaign import Campaign, SmsMessage  # noqa: E402
from smsflow_desktop.services.automation import activate_campaign  # noqa: E402
from smsflow_desktop.services.campaigns import save_campaign, save_message  # noqa: E402
from smsflow_desktop.services.settings import set_setting  # noqa: E402
from smsflow_desktop.services.static_lists import create_list  # noqa: E402
from smsflow_desktop.services.workspace import Workspace, iso, transaction  # noqa: E402
from tests.reliability.scenarios import EmulatorProcess  # noqa: E402
from tests.services.vibes.conftest import SEED  # noqa: E402

SMSFLOW = [sys.executable, "-m", "smsflow_desktop.cli"]
BODY = "Hi {{lead.First Name|there}}! Reply STOP to opt out"
#: The client's own rate limit as a share of the emulator's.
CLIENT_SHARE = 0.97


def _campaign(name: str, **doc: object) -> Campaign:
    return Campaign.model_validate(
        {
            "name": name,
            "flow": [{"type": "send_sms", "message": "Hello", "vibes_list_id": "101"}],
            "schedule": {"qualification": "every_time"},
            "settings": {"quiet_hours": {"enabled": False}},
            **doc,
        }
    )


def _store(ws: Workspace, *campaigns: Campaign) -> None:
    with ws.session() as conn:
        save_message(conn, SmsMessage(name="Hello", body=BODY))
        for c in campaigns:
            save_campaign(conn, c)


def _small_workspace(root: Path, people: int) -> Workspace:
    ws = build_workspace(root, people, people)
    with ws.session() as conn:
        numbers = [r[0] for r in conn.execute("SELECT DISTINCT mdn FROM vibes_memberships")]
    seed = {**SEED, "subscriptions": [{"mdn": m, "list_id": "101"} for m in numbers]}
    ws.emulator_dir.mkdir(parents=True, exist_ok=True)
    (ws.emulator_dir / "seed.json").write_text(json.dumps(seed), encoding="utf-8")
    return ws


class Agent:
    def __init__(self, ws: Workspace, log: Path, env: dict[str, str] | None = None) -> None:
        with log.open("ab") as err:
            self.proc = subprocess.Popen(
                [*SMSFLOW, "agent", "--workspace", str(ws.root)],
                stdout=subprocess.PIPE,
                stderr=err,
                env={**os.environ, **(env or {})},
                bufsize=0,
            )
        self.first = self._line()
        self.second = self._line() if self.first == "agent running" else ""
        if self.first != "agent running":
            raise RuntimeError(f"the agent did not start: {log.read_text(errors='replace')[-2000:]}")

    def _line(self, timeout: float = 60) -> str:
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        return self.proc.stdout.readline().decode().strip() if ready else ""

    def cpu_s(self) -> float:
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def stop(self) -> float:
        began = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return time.monotonic() - began


def idle(tmp: Path, seconds: float) -> None:
    ws = _small_workspace(tmp / "idle", 50)
    now = datetime.now(UTC)
    weekly = {"recurrence": {"every": "week", "on": ["mon"], "at": "10:00", "time_zone": "America/New_York"}}
    weekly["start"] = iso(now + timedelta(days=3))  # type: ignore[assignment]
    _store(
        ws,
        _campaign("Weekly", schedule={"qualification": "every_time", **weekly}),
        _campaign("Welcome", smart_list={"triggers": [{"type": "person_is_created"}]}),
    )
    with ws.session() as conn:
        for name in ("Weekly", "Welcome"):
            activate_campaign(conn, name, now)
    agent = Agent(ws, tmp / "idle.log")
    try:
        time.sleep(2.0)  # settle: the first pass, the emulator's start
        cpu0, wall0 = agent.cpu_s(), time.monotonic()
        time.sleep(seconds)
        cpu1, wall1 = agent.cpu_s(), time.monotonic()
    finally:
        took = agent.stop()
    share = (cpu1 - cpu0) / (wall1 - wall0) * 100
    print(f"idle: {cpu1 - cpu0:.3f} s CPU over {wall1 - wall0:.1f} s = {share:.2f}% of a core (target < 1%)")
    print(f"      stopped {took:.2f} s after SIGTERM")


def wake(tmp: Path) -> None:
    ws = _small_workspace(tmp / "wake", 30)
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
    due = {f"Due {k}": start + timedelta(seconds=3 * k) for k in (1, 2, 3)}
    campaigns = [
        _campaign(
            name,
            smart_list={"filters": [{"type": "person_field", "field": "external_id", "values": [f"P{5 * k}"]}]},
            schedule={"qualification": "every_time", "start": iso(at)},
        )
        for k, (name, at) in enumerate(due.items(), start=1)
    ]
    _store(ws, *campaigns)
    with ws.session() as conn:
        for name in due:
            activate_campaign(conn, name, datetime.now(UTC))
    with ws.session() as conn:
        number = {
            name: conn.execute("SELECT phone_e164 FROM people WHERE external_id = ?", (f"P{5 * k}",)).fetchone()[0]
            for k, name in enumerate(due, start=1)
        }
    agent = Agent(ws, tmp / "wake.log")
    emulator = agent.second.split()[-1]
    seen_sending: dict[str, float] = {}
    seen_accepted: dict[str, float] = {}
    db = sqlite3.connect(ws.db_path, timeout=10)
    try:
        deadline = time.time() + 30
        while time.time() < deadline and min(len(seen_accepted), len(seen_sending)) < len(due):
            for (name,) in db.execute(
                "SELECT r.campaign_name FROM ledger l JOIN runs r ON r.id = l.run_id "
                "WHERE l.state IN ('sending', 'sent')"
            ):
                seen_sending.setdefault(name, time.time())
            texted = {e["mdn"] for e in httpx.get(f"{emulator}/_emulator/events", timeout=5).json()}
            for name, mdn in number.items():
                if mdn in texted:
                    seen_accepted.setdefault(name, time.time())
            time.sleep(0.005)
    finally:
        db.close()
        agent.stop()
    for name, at in due.items():
        scheduled = at.timestamp()
        sending = seen_sending.get(name)
        accepted = seen_accepted.get(name)
        if sending is None or accepted is None:
            print(f"wake: {name}: no send seen within 30 s")
            continue
        print(
            f"wake: {name}: first send committed {(sending - scheduled) * 1000:6.1f} ms, "
            f"accepted by Vibes {(accepted - scheduled) * 1000:6.1f} ms after its scheduled instant "
            "(target < 1000 ms; polled every few ms)"
        )


def burst(tmp: Path, people: int, rate: float, concurrency: int) -> None:
    root = tmp / "burst"
    ws = build_workspace(root, people, people)
    with ws.session() as conn:
        numbers = [r[0] for r in conn.execute("SELECT DISTINCT mdn FROM vibes_memberships")]
    seed = {**SEED, "subscriptions": [{"mdn": m, "list_id": "101"} for m in numbers]}
    seed_file = tmp / "burst-seed.json"
    seed_file.write_text(json.dumps(seed), encoding="utf-8")
    emulator = EmulatorProcess(tmp / "burst-vibes", seed_file)
    emulator_rate = ["--rate-limit", str(rate)]
    # EmulatorProcess has no rate-limit option: start it with one by hand
    emulator.start = _start_with(emulator, emulator_rate)  # type: ignore[method-assign]
    emulator.start()
    try:
        with ws.session() as conn:
            for key, value in (
                ("vibes.mode", "remote"),
                ("vibes.base_url", emulator.url),
                ("vibes.username", SEED["username"]),
                ("vibes.company_key", SEED["company_key"]),
                ("vibes.short_code", SEED["short_code"]),
                # a little under the server's limit: requests bunched by the network would be refused
                ("vibes.rate_limit.events", str(int(rate * CLIENT_SHARE))),
                ("vibes.rate_limit.company", str(int(rate * CLIENT_SHARE))),
                ("runner.concurrency", str(concurrency)),
            ):
                set_setting(conn, key, value)
            create_list(conn, "Burst")
        _store(ws, _campaign("Burst welcome", smart_list={"triggers": [{"type": "added_to_list", "list": "Burst"}]}))
        with ws.session() as conn:
            activate_campaign(conn, "Burst welcome", datetime.now(UTC))
        agent = Agent(ws, tmp / "burst.log", {"SMSFLOW_VIBES_PASSWORD": SEED["password"]})
        try:
            with ws.session() as conn, transaction(conn):
                conn.execute(
                    "INSERT INTO static_list_members(list_id, person_id) "
                    "SELECT (SELECT id FROM static_lists WHERE name = 'Burst'), id FROM people"
                )
            fired = time.monotonic()
            first_sent = last_change = None
            previous = -1
            db = sqlite3.connect(ws.db_path, timeout=10)
            while True:
                row = db.execute(
                    "SELECT count(*), sum(state = 'sent'), sum(state IN ('pending', 'sending')) FROM ledger"
                ).fetchone()
                total, sent, open_ = row[0], row[1] or 0, row[2] or 0
                now = time.monotonic()
                if sent and first_sent is None:
                    first_sent = now
                if sent != previous:
                    previous, last_change = sent, now
                if total and not open_:
                    break
                if now - (last_change or fired) > 60:
                    raise RuntimeError("the burst stopped making progress")
                time.sleep(0.05)
            done = time.monotonic()
            states = dict(db.execute("SELECT state, count(*) FROM ledger GROUP BY state").fetchall())
            db.close()
        finally:
            agent.stop()
        events = emulator.events()
        stats = emulator.control("GET", "stats")
        per_number = Counter(e["mdn"] for e in events)
    finally:
        emulator.stop()
    assert first_sent is not None
    sent = states.get("sent", 0)
    span = done - first_sent
    achieved = sent / span if span > 0 else 0.0
    print(f"burst: {people:,} trigger firings in one transaction; {sum(states.values()):,} entered the flow")
    print(f"       outcomes: {dict(sorted(states.items()))}")
    print(f"       first text {first_sent - fired:.2f} s after the burst; {sent:,} texts in {span:.1f} s")
    print(f"       {achieved:.1f} texts/s = {achieved / rate * 100:.1f}% of the emulator's limit of {rate:g}/s")
    print(
        f"       the emulator answered 429 to {stats.get('rate_limited', 0):,} of {stats.get('requests', 0):,} requests"
    )
    print(
        f"       once: {len(per_number):,} numbers texted, most texts to one number: {max(per_number.values())}, "
        f"emulator events {len(events):,} = sent {sent:,}: {len(events) == sent}"
    )


def agents(tmp: Path, count: int, rate: int, people: int, *, database: str | None, one_by_one: bool) -> None:
    from tests.reliability.agent_scenarios import agents_demo, audit_runs

    (tmp / "agents").mkdir()
    demo = agents_demo(
        tmp / "agents", people, campaigns=count, remote=True, rate_limit=rate, client_rate=rate, database=database
    )
    assert demo.emulator is not None
    samples: list[tuple[float, int, int]] = []  # (time, texts sent, runs sending)
    try:
        if one_by_one:
            for _ in range(count):
                demo.start_agent(lease_s=60)
        else:
            demo.start_agents(count, lease_s=60)
        with demo.ws.session() as db:
            while not demo.sends_done():
                sent, sending = db.execute(
                    "SELECT (SELECT count(*) FROM ledger WHERE action = 'send_sms' AND state = 'sent'), "
                    "(SELECT count(*) FROM runs WHERE status = 'running')"
                ).fetchone()
                samples.append((time.monotonic(), sent, sending))
                time.sleep(0.05)
        stats = demo.emulator.stats()
        audits, extra_runs = audit_runs(demo, demo.events())
    finally:
        demo.stop_all()
    moving = [s for s in samples if s[1]]
    first, last = moving[0], samples[-1]
    overall = (last[1] - first[1]) / (last[0] - first[0])
    together = [s for s in samples if s[2] == count]
    steady = (together[-1][1] - together[0][1]) / (together[-1][0] - together[0][0]) if len(together) > 1 else 0.0
    clean = all(a.clean for a in audits.values()) and extra_runs == 0
    where = "a PostgreSQL database" if database else "a SQLite folder"
    started = "one by one" if one_by_one else "together"
    print(
        f"agents: {count} agents (started {started}) on {where}, {count} campaigns due at once, "
        f"{demo.total:,} recipients, emulator limit {rate}/s"
    )
    print(
        f"        together {overall:.1f} texts/s = {overall / rate * 100:.1f}% of the limit from the first text to "
        f"the last; {steady:.1f}/s = {steady / rate * 100:.1f}% while all {count} sent"
    )
    print(f"        the emulator answered 429 to {stats['rate_limited']:,} of {stats['requests']:,} requests")
    print(f"        every run texted each recipient once: {clean}")


def _start_with(emulator: EmulatorProcess, extra: list[str]):  # type: ignore[no-untyped-def]
    def start(timeout: float = 60.0) -> str:
        cmd = [
            *SMSFLOW,
            "vibes-emulator",
            "--state",
            str(emulator.state),
            "--seed",
            str(emulator.seed),
            "--delivery-delay",
            "0.05",
            *extra,
        ]
        with emulator.log.open("ab") as err:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, bufsize=0)
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], timeout)
        line = proc.stdout.readline().decode() if ready else ""
        if not line.startswith("listening on "):
            proc.kill()
            raise RuntimeError(f"the emulator did not start: {emulator.log.read_text(errors='replace')[-2000:]}")
        emulator.proc, emulator.url = proc, line.split()[-1]  # type: ignore[assignment]
        return emulator.url

    return start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=("idle", "wake", "burst", "agents"))
    ap.add_argument("--idle-s", type=float, default=20.0)
    ap.add_argument("--people", type=int, default=10_000)
    ap.add_argument("--rate-limit", type=float, default=150.0)
    ap.add_argument("--concurrency", type=int, default=8, help="runner.concurrency for the burst (default 8)")
    ap.add_argument("--agents", type=int, default=4, help="agents serving one workspace (default 4)")
    ap.add_argument("--agents-rate", type=int, default=100, help="the emulator's limit for them (default 100/s)")
    ap.add_argument("--agents-people", type=int, default=8000, help="people in their workspace (default 8000)")
    ap.add_argument("--one-by-one", action="store_true", help="start the agents one after the other")
    ap.add_argument(
        "--store", choices=("sqlite", "postgresql"), default="sqlite", help="the agents' workspace (--only agents)"
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="smsflow-agent-bench-") as tmp, contextlib.ExitStack() as stack:
        if args.only in (None, "idle"):
            idle(Path(tmp), args.idle_s)
        if args.only in (None, "wake"):
            wake(Path(tmp))
        if args.only in (None, "burst"):
            burst(Path(tmp), args.people, args.rate_limit, args.concurrency)
        if args.only in (None, "agents"):
            database = None
            if args.store == "postgresql":
                from benchmarks.pg import Databases

                dbs = stack.enter_context(Databases())
                print(f"the agents' workspace: a database on {dbs.where}")
                database = dbs.create()
            agents(
                Path(tmp),
                args.agents,
                args.agents_rate,
                args.agents_people,
                database=database,
                one_by_one=args.one_by_one,
            )


if __name__ == "__main__":
    main()
