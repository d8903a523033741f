"""Campaigns that run themselves, from the command line, over the embedded Vibes emulator.

``smsflow campaign activate/deactivate``, ``smsflow agent --once`` with ``SMSFLOW_NOW``
stepped forward, ``smsflow agent`` as a child process (a keyword opt-in confirmed while it
runs, kill -9 in the middle of an occurrence), and the static list commands.
"""

from __future__ import annotations

import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services.settings import set_setting
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.services.automation.helpers import campaign
from tests.services.engine.helpers import add_member, add_person, make_workspace, store
from tests.services.vibes.conftest import SEED
from tests.stores import on_postgresql

pytestmark = pytest.mark.usefixtures("store_kind")  # each test on a folder and on a database

SMSFLOW = [sys.executable, "-m", "smsflow_desktop.cli"]
NY = "America/New_York"
START = "2026-05-04T16:00:00Z"  # noon in New York, a Monday
SEND = {"type": "send_sms", "message": "Hello", "vibes_list_id": "101"}


def mdn(i: int) -> str:
    return f"+1212456{i:04d}"


def workspace(root: Path, n: int, *, seed_extra: dict[str, Any] | None = None) -> Workspace:
    """``n`` people in New York on Vibes list 101, in the mirror and in the emulator's seed."""
    ws = make_workspace(root)
    with ws.session() as conn, transaction(conn):
        for i in range(1, n + 1):
            add_person(conn, i, mdn(i), time_zone=NY)
            add_member(conn, mdn(i))
    seed = {**SEED, "subscriptions": [{"mdn": mdn(i), "list_id": "101"} for i in range(1, n + 1)], **(seed_extra or {})}
    ws.emulator_dir.mkdir(parents=True, exist_ok=True)
    (ws.emulator_dir / "seed.json").write_text(json.dumps(seed), encoding="utf-8")
    return ws


def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], now: str, *argv: str) -> tuple[int, Any]:
    monkeypatch.setenv("SMSFLOW_NOW", now)
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def texts(ws: Workspace) -> list[tuple[str, str]]:
    """(number, time) of every campaign text the emulator put on a handset, in order (the
    emulator's state: its own file next to a workspace folder, its schema in a workspace database)."""
    query = "SELECT mdn, at FROM {}messages WHERE direction = 'out' AND kind = 'event' ORDER BY id"
    if on_postgresql():
        with ws.session() as conn:
            return [tuple(r) for r in conn.execute(query.format("vibes_emulator."))]
    with sqlite3.connect(ws.emulator_dir / "vibes-emulator.db") as db:
        return [tuple(r) for r in db.execute(query.format(""))]


# -- activate / deactivate ------------------------------------------------------------------------


def test_activate_and_deactivate_keys_and_refusals(tmp_path: Path, monkeypatch, capsys) -> None:
    ws = workspace(tmp_path / "ws", 1)
    weekly = {
        "start": "2026-03-23T01:30:00Z",
        "recurrence": {"every": "week", "on": ["sun"], "at": "02:30", "time_zone": "Europe/Stockholm"},
    }
    store(ws, campaign("Weekly", schedule=weekly))
    store(ws, campaign("Welcome", smart_list={"triggers": [{"type": "person_is_created"}]}))
    store(ws, campaign("By hand"))
    store(ws, campaign("Both", schedule={"start": START}, smart_list={"triggers": [{"type": "person_is_created"}]}))
    w = str(ws.root)
    code, data = cli(monkeypatch, capsys, "2026-03-23T00:00:00Z", "campaign", "activate", "Weekly", "--workspace", w)
    # 2026-03-29 is the night Stockholm skips 02:00-03:00: that run is at 03:00 local
    assert (code, data["campaign"], data["active"], data["kind"]) == (0, "Weekly", True, "batch")
    assert data["next_runs"] == ["2026-03-29T01:00:00Z", "2026-04-05T00:30:00Z", "2026-04-12T00:30:00Z"]
    code, data = cli(monkeypatch, capsys, START, "campaign", "activate", "Welcome", "--workspace", w)
    assert (code, data["kind"], data["next_runs"], data["active"]) == (0, "trigger", [], True)
    code, data = cli(monkeypatch, capsys, START, "campaign", "activate", "By hand", "--workspace", w)
    assert code == 1 and data["active"] is False and [p["code"] for p in data["problems"]] == ["schedule.missing"]
    code, data = cli(monkeypatch, capsys, START, "campaign", "activate", "Both", "--workspace", w)
    assert code == 1 and "trigger_with_schedule" in [p["code"] for p in data["problems"]]
    code, data = cli(monkeypatch, capsys, START, "campaign", "deactivate", "Welcome", "--workspace", w)
    assert (code, data["active"], data["kind"], data["next_runs"]) == (0, False, "trigger", [])
    assert main(["campaign", "activate", "Nope", "--workspace", w]) == 2
    assert "Nope" in capsys.readouterr().err


# -- agent --once -------------------------------------------------------------------------------------


def test_send_wait_a_day_send_texts_each_recipient_twice_a_day_apart(tmp_path: Path, monkeypatch, capsys) -> None:
    ws = workspace(tmp_path / "ws", 4)
    flow = [SEND, {"type": "wait", "duration": "1 day"}, SEND]
    quiet = {"enabled": True, "start": "08:00", "end": "21:00"}
    start = "2026-05-05T00:30:00Z"  # 20:30 in New York; a day later quiet hours have begun
    store(ws, campaign("Drip", flow=flow, quiet=quiet, schedule={"start": start}))
    w = str(ws.root)
    assert cli(monkeypatch, capsys, "2026-05-04T20:00:00Z", "campaign", "activate", "Drip", "--workspace", w)[0] == 0
    for now, started, sent in (
        ("2026-05-05T00:00:00Z", 0, 0),  # before the start
        (start, 1, 4),  # the first texts
        ("2026-05-05T00:31:00Z", 0, 0),  # the same occurrence again: nothing
    ):
        code, data = cli(monkeypatch, capsys, now, "agent", "--once", "--workspace", w)
        assert code == 0 and (data["runs_started"], data["sent"], data["triggers_fired"]) == (started, sent, 0), now
    # 21:10 the next day: the Wait is over but quiet hours have begun, so the texts wait
    code, data = cli(monkeypatch, capsys, "2026-05-06T01:10:00Z", "agent", "--once", "--workspace", w)
    assert (code, data["sent"]) == (0, 0)
    # 08:00 in New York: the window opens
    code, data = cli(monkeypatch, capsys, "2026-05-06T12:00:00Z", "agent", "--once", "--workspace", w)
    assert (code, data["sent"], data["runs_started"]) == (0, 4, 0)
    assert Counter(m for m, _ in texts(ws)) == {mdn(i): 2 for i in range(1, 5)}
    with ws.session() as conn:
        sent = conn.execute("SELECT step_index, sent_at, count(*) FROM ledger GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
    assert [tuple(r) for r in sent] == [(1, start, 4), (3, "2026-05-06T12:00:00Z", 4)]
    code, runs = cli(monkeypatch, capsys, "2026-05-06T12:00:00Z", "runs", "list", "--workspace", w)
    assert [(r["campaign"], r["status"]) for r in runs["runs"]] == [("Drip", "completed")]


def test_person_is_created_texts_exactly_the_new_eligible_people_of_an_import_once(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    new = [mdn(i) for i in (11, 12, 13, 14)]
    ws = workspace(tmp_path / "ws", 2, seed_extra={})
    seed = json.loads((ws.emulator_dir / "seed.json").read_text())
    seed["subscriptions"] += [{"mdn": m, "list_id": "101"} for m in new]
    (ws.emulator_dir / "seed.json").write_text(json.dumps(seed))
    with ws.session() as conn, transaction(conn):
        for m in new:
            add_member(conn, m)
    store(ws, campaign("Welcome", smart_list={"triggers": [{"type": "person_is_created"}]}, qualification="once"))
    w = str(ws.root)
    assert cli(monkeypatch, capsys, START, "campaign", "activate", "Welcome", "--workspace", w)[0] == 0
    people = tmp_path / "people.csv"
    people.write_text(
        "external_id,first_name,phone,blocklisted\n"
        "E1,Old,+12124560001,\n"  # already in the workspace: updated, not created
        f"N1,Ann,{new[0]},\n"
        f"N2,Bo,{new[1]},yes\n"  # blocklisted: not eligible
        f"N3,Cy,{new[2]},\n"
        f"N4,Di,{new[2]},\n"  # the same number as N3: one text
        "N5,Ed,,\n",  # no number
        encoding="utf-8",
    )
    code, data = cli(monkeypatch, capsys, START, "people", "import", str(people), "--workspace", w)
    assert code == 0 and (data["imported"], data["updated"]) == (5, 1)
    code, data = cli(monkeypatch, capsys, START, "agent", "--once", "--workspace", w)
    assert code == 0 and (data["triggers_fired"], data["runs_started"], data["sent"]) == (5, 1, 2)
    for _ in range(2):
        code, data = cli(monkeypatch, capsys, "2026-05-04T17:00:00Z", "agent", "--once", "--workspace", w)
        assert (data["triggers_fired"], data["runs_started"], data["sent"]) == (0, 0, 0)
    assert sorted(m for m, _ in texts(ws)) == [new[0], new[2]]


def test_an_occurrence_runs_once_however_many_passes_see_it(tmp_path: Path, monkeypatch, capsys) -> None:
    ws = workspace(tmp_path / "ws", 3)
    store(ws, campaign("Daily", schedule={"recurrence": {"every": "day", "at": "12:00", "time_zone": NY}}))
    w = str(ws.root)
    cli(monkeypatch, capsys, "2026-05-04T15:00:00Z", "campaign", "activate", "Daily", "--workspace", w)
    results = [cli(monkeypatch, capsys, START, "agent", "--once", "--workspace", w)[1] for _ in range(3)]
    assert [r["runs_started"] for r in results] == [1, 0, 0]
    assert [r["sent"] for r in results] == [3, 0, 0]
    assert len(texts(ws)) == 3


def test_static_lists_and_an_import_into_a_list_fire_added_to_list(tmp_path: Path, monkeypatch, capsys) -> None:
    ws = workspace(tmp_path / "ws", 3)
    w = str(ws.root)
    assert cli(monkeypatch, capsys, START, "lists", "create", "VIP", "--workspace", w)[1] == {
        "list": "VIP",
        "created": True,
    }
    store(ws, campaign("VIP hello", smart_list={"triggers": [{"type": "added_to_list", "list": "VIP"}]}))
    assert cli(monkeypatch, capsys, START, "campaign", "activate", "VIP hello", "--workspace", w)[0] == 0
    code, data = cli(monkeypatch, capsys, START, "lists", "add", "VIP", "E1", "E2", "--workspace", w)
    assert (code, data) == (0, {"list": "VIP", "added": 2, "already_members": 0})
    code, data = cli(monkeypatch, capsys, START, "lists", "add", "VIP", mdn(2), "--by", "phone", "--workspace", w)
    assert data["added"] == 0 and data["already_members"] == 1
    assert main(["lists", "add", "VIP", "E1", "NOBODY", "--workspace", w]) == 2  # nothing changes
    assert "NOBODY" in capsys.readouterr().err
    code, data = cli(monkeypatch, capsys, START, "lists", "remove", "VIP", "E2", "--workspace", w)
    assert (data["removed"], data["not_members"]) == (1, 0)
    people = tmp_path / "more.csv"
    people.write_text("external_id,phone\nE3,+12124560003\n", encoding="utf-8")
    code, data = cli(monkeypatch, capsys, START, "people", "import", str(people), "--list", "VIP", "--workspace", w)
    assert code == 0 and (data["list"], data["added_to_list"], data["updated"]) == ("VIP", 1, 1)
    assert main(["people", "import", str(people), "--list", "Nope", "--workspace", w]) == 2
    assert "Nope" in capsys.readouterr().err
    code, data = cli(monkeypatch, capsys, START, "agent", "--once", "--workspace", w)
    assert (data["triggers_fired"], data["sent"]) == (3, 3)  # E1, E2 (added, then removed), E3
    code, data = cli(monkeypatch, capsys, START, "lists", "rename", "VIP", "Gold", "--workspace", w)
    assert data["campaigns_updated"] == ["VIP hello"]
    code, data = cli(monkeypatch, capsys, START, "campaign", "validate", "VIP hello", "--workspace", w)
    assert data["valid"] is True
    code, data = cli(monkeypatch, capsys, START, "lists", "delete", "Gold", "--workspace", w)
    assert code == 1 and data["campaigns"] == ["VIP hello"]
    code, data = cli(monkeypatch, capsys, START, "lists", "delete", "Gold", "--force", "--workspace", w)
    assert (code, data["members"]) == (0, 2)
    assert cli(monkeypatch, capsys, START, "lists", "list", "--workspace", w)[1] == {"lists": []}


# -- the agent as a process ------------------------------------------------------------------------


class AgentProcess:
    """``smsflow agent`` as a child process; its first lines are read as they come."""

    def __init__(self, ws: Workspace, now: str, log: Path, *args: str, env: dict[str, str] | None = None) -> None:
        env = {**os.environ, "SMSFLOW_NOW": now, **(env or {})}
        self.log = log
        with log.open("ab") as err:
            self.proc = subprocess.Popen(
                [*SMSFLOW, "agent", "--workspace", str(ws.root), *args],
                stdout=subprocess.PIPE,
                stderr=err,
                env=env,
                bufsize=0,  # unbuffered: select() sees every line that is not read yet
            )
        self.first = self.line()
        self.second = self.line() if self.first == "agent running" else ""
        self.emulator = self.second.split()[-1] if self.second.startswith("vibes emulator ") else ""

    def line(self, timeout: float = 30.0) -> str:
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        return self.proc.stdout.readline().decode().strip() if ready else ""

    def terminate(self) -> tuple[int, float]:
        began = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=15)
        return code, time.monotonic() - began

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()


def _wait_for(check: Any, timeout: float = 30.0) -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_a_keyword_opt_in_confirmed_while_the_agent_runs_fires_subscribes_once(tmp_path: Path) -> None:
    newcomer = mdn(50)
    seed_extra = {
        "acquisition_campaigns": [
            {"acquisition_id": "201", "description": "Spring signup", "list_ids": ["101"], "keywords": ["SPRING"]},
            {"acquisition_id": "202", "description": "Alerts signup", "list_ids": ["102"], "keywords": ["ALERTS"]},
        ]
    }
    ws = workspace(tmp_path / "ws", 2, seed_extra=seed_extra)
    with ws.session() as conn, transaction(conn):
        add_person(conn, 50, newcomer, time_zone=NY)
        add_person(conn, 51, newcomer, time_zone=NY)  # a second person with the same number
    welcome = campaign(
        "Alerts welcome",
        flow=[{"type": "send_sms", "message": "Hello", "vibes_list_id": "102"}],
        smart_list={"triggers": [{"type": "subscribes_to_vibes_list", "vibes_list_id": "102"}]},
    )
    store(ws, welcome)
    assert main(["campaign", "activate", "Alerts welcome", "--workspace", str(ws.root)]) == 0
    agent = AgentProcess(ws, START, tmp_path / "agent.log")
    try:
        assert agent.first == "agent running", agent.log.read_text()
        assert agent.emulator.startswith("http://127.0.0.1:")
        for text in ("ALERTS", "Y"):
            reply = httpx.post(f"{agent.emulator}/_emulator/reply", json={"mdn": newcomer, "text": text}, timeout=10)
            reply.raise_for_status()

        def welcomed() -> list[dict]:
            messages = httpx.get(f"{agent.emulator}/_emulator/messages", timeout=10).json()
            return [m for m in messages if m["mdn"] == newcomer and m["direction"] == "out" and m["kind"] == "event"]

        assert len(_wait_for(welcomed)) == 1
        time.sleep(1.5)  # a few more passes: nothing more
        assert len(welcomed()) == 1
        code, took = agent.terminate()
        assert code == 0 and took < 10
    finally:
        if agent.proc.poll() is None:
            agent.kill()
    with ws.session() as conn:
        rows = conn.execute("SELECT person_id, state, reason FROM ledger ORDER BY person_id").fetchall()
    assert [tuple(r) for r in rows] == [(50, "sent", None), (51, "skipped", "duplicate_phone")]


def test_kill_9_during_a_due_occurrence_then_a_restart_sends_nothing_twice_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    n = 120
    ws = workspace(tmp_path / "ws", n)
    with ws.session() as conn:
        set_setting(conn, "vibes.rate_limit.events", "40")  # about three seconds of sending
    store(ws, campaign("Big", schedule={"start": START}))
    monkeypatch.setenv("SMSFLOW_NOW", "2026-05-04T15:00:00Z")
    assert main(["campaign", "activate", "Big", "--workspace", str(ws.root)]) == 0
    log = tmp_path / "agent.log"
    agent = AgentProcess(ws, START, log)
    try:
        assert agent.first == "agent running", log.read_text()

        def some_sent() -> bool:
            with ws.session() as conn:
                return conn.execute("SELECT count(*) FROM ledger WHERE state = 'sent'").fetchone()[0] >= n // 4

        _wait_for(some_sent)
    finally:
        agent.kill()
    with ws.session() as conn:
        midway = dict(conn.execute("SELECT state, count(*) FROM ledger GROUP BY state").fetchall())
    assert midway.get("sent", 0) < n, "killed before the occurrence finished"
    # a restart, and a second pass for good measure
    for _ in range(2):
        done = subprocess.run(
            [*SMSFLOW, "agent", "--once", "--workspace", str(ws.root), "--json"],
            capture_output=True,
            text=True,
            env={**os.environ, "SMSFLOW_NOW": START},
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["runs_started"] == 0
    with ws.session() as conn:
        states = dict(conn.execute("SELECT state, count(*) FROM ledger GROUP BY state").fetchall())
        runs = conn.execute("SELECT status FROM runs").fetchall()
    assert [r[0] for r in runs] == ["completed"]
    assert set(states) <= {"sent", "in_doubt"} and sum(states.values()) == n
    per_number = Counter(m for m, _ in texts(ws))
    assert max(per_number.values()) == 1, "nobody is texted twice"
    assert len(per_number) >= states.get("sent", 0), "every text recorded as sent reached its handset"
    assert len(per_number) == n or states.get("in_doubt", 0) >= n - len(per_number)


def test_sigterm_mid_occurrence_stops_within_seconds_with_nothing_in_flight(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    n = 120
    ws = workspace(tmp_path / "ws", n)
    with ws.session() as conn:
        set_setting(conn, "vibes.rate_limit.events", "40")
    store(ws, campaign("Big", schedule={"start": START}))
    monkeypatch.setenv("SMSFLOW_NOW", "2026-05-04T15:00:00Z")
    assert main(["campaign", "activate", "Big", "--workspace", str(ws.root)]) == 0
    agent = AgentProcess(ws, START, tmp_path / "agent.log")
    try:
        assert agent.first == "agent running"

        def some_sent() -> bool:
            with ws.session() as conn:
                return conn.execute("SELECT count(*) FROM ledger WHERE state = 'sent'").fetchone()[0] >= 10

        _wait_for(some_sent)
        code, took = agent.terminate()
    finally:
        if agent.proc.poll() is None:
            agent.kill()
    assert code == 0 and took < 10
    with ws.session() as conn:
        states = dict(conn.execute("SELECT state, count(*) FROM ledger GROUP BY state").fetchall())
        status = conn.execute("SELECT status FROM runs").fetchone()[0]
    assert "sending" not in states and "in_doubt" not in states and states.get("pending", 0) > 0
    assert status == "waiting"  # for the next agent
    done = subprocess.run(
        [*SMSFLOW, "agent", "--once", "--workspace", str(ws.root), "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "SMSFLOW_NOW": START},
        timeout=120,
    )
    assert done.returncode == 0 and json.loads(done.stdout)["runs_resumed"] == 1
    per_number = Counter(m for m, _ in texts(ws))
    assert len(per_number) == n and max(per_number.values()) == 1


def test_remote_mode_listens_for_callbacks_and_a_subscription_fires(tmp_path: Path) -> None:
    from tests.reliability.scenarios import EmulatorProcess

    newcomer = mdn(60)
    ws = workspace(tmp_path / "ws", 1)
    seed = json.loads((ws.emulator_dir / "seed.json").read_text())
    seed["acquisition_campaigns"][1]["keywords"] = ["ALERTS"]
    seed_file = tmp_path / "seed.json"
    seed_file.write_text(json.dumps(seed), encoding="utf-8")
    with ws.session() as conn, transaction(conn):
        add_person(conn, 60, newcomer, time_zone=NY)
    welcome = campaign(
        "Alerts welcome",
        flow=[{"type": "send_sms", "message": "Hello", "vibes_list_id": "102"}],
        smart_list={"triggers": [{"type": "subscribes_to_vibes_list", "vibes_list_id": "102"}]},
    )
    store(ws, welcome)
    secret_env = {"SMSFLOW_VIBES_PASSWORD": SEED["password"], "SMSFLOW_CALLBACK_SECRET": "s3cret-" + "x" * 40}
    with EmulatorProcess(tmp_path / "vibes", seed_file) as emulator:
        with ws.session() as conn:
            for key, value in (
                ("vibes.mode", "remote"),
                ("vibes.base_url", emulator.url),
                ("vibes.username", SEED["username"]),
                ("vibes.company_key", SEED["company_key"]),
                ("vibes.short_code", SEED["short_code"]),
            ):
                set_setting(conn, key, value)
        assert main(["campaign", "activate", "Alerts welcome", "--workspace", str(ws.root)]) == 0
        for round_ in range(2):  # a restarted agent registers nothing twice
            agent = AgentProcess(ws, START, tmp_path / "agent.log", "--listen", "127.0.0.1:0", env=secret_env)
            try:
                assert agent.first == "agent running", agent.log.read_text()
                assert agent.second.startswith("receiving Vibes callbacks at http://127.0.0.1:")
                assert "[redacted]" in agent.second and "s3cret" not in agent.second
                if round_ == 0:
                    for text in ("ALERTS", "Y"):
                        emulator.control("POST", "reply", json={"mdn": newcomer, "text": text})

                    def welcomed() -> list[dict]:
                        return [
                            m
                            for m in emulator.control("GET", "messages")
                            if m["mdn"] == newcomer and m["direction"] == "out" and m["kind"] == "event"
                        ]

                    assert len(_wait_for(welcomed)) == 1
                code, took = agent.terminate()
                assert code == 0 and took < 10
            finally:
                if agent.proc.poll() is None:
                    agent.kill()
        from smsflow_desktop.services.vibes import VibesClient

        with VibesClient(emulator.url, SEED["company_key"], SEED["username"], SEED["password"]) as client:
            kinds = Counter(c.callback_type for c in client.list_callbacks())
    assert kinds == {"subscription_added": 1, "subscription_removed": 1, "event_processed": 1}
