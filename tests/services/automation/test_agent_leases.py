"""Several agents on one workspace: leases, take-over after kill -9, one shared rate limit.

The first tests use the engine in this process (an owner elsewhere is written into the
workspace as another program would); the ``slow`` ones run real ``smsflow agent`` processes
against the embedded emulator or a separate emulator process, kill them with kill -9 and
compare what the emulator accepted with the ledger.
"""

from __future__ import annotations

import contextlib
import io
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services.campaigns import load_campaign, message_bodies
from smsflow_desktop.services.engine import leases, ledger
from smsflow_desktop.services.engine.runner import RunOptions, resume_run, start_run
from smsflow_desktop.services.schema import SCHEMA_VERSION
from smsflow_desktop.services.store.pg_workspace import close_pools
from smsflow_desktop.services.vibes.ratelimit import EndpointLimiter, RateLimits, WindowCap
from smsflow_desktop.services.workspace import Workspace, iso, transaction
from tests.reliability.agent_scenarios import (
    AgentsDemo,
    agents_demo,
    audit_runs,
    kill_agents_while_sending,
)
from tests.reliability.scenarios import scale
from tests.services.automation.helpers import T0, Clock, agent
from tests.services.engine.helpers import FakeVibes, add_member, add_person, make_workspace, send_campaign, store

FAST = RunOptions(concurrency=1, backoff_s=0.0)


def mdn(i: int) -> str:
    return f"+1212456{i:04d}"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        for i in range(1, 11):
            add_person(conn, i, mdn(i))
            add_member(conn, mdn(i))
    store(ws, send_campaign())
    return ws


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def held_elsewhere(ws: Workspace, owner: str, pid: int, lease_until: datetime, sending: list[int]) -> int:
    """A run of Promo that another program holds (``owner``, lease until ``lease_until``), with
    the requests of ``sending`` people in flight."""
    with ws.session() as conn:
        run_id = ledger.create_run(conn, load_campaign(conn, "Promo"), message_bodies(conn), T0, dry_run=False)
        with transaction(conn):
            conn.execute(
                "UPDATE runs SET owner = ?, owner_pid = ?, heartbeat_at = ?, lease_until = ? WHERE id = ?",
                (owner, pid, iso(datetime.now(UTC)), iso(lease_until), run_id),
            )
            conn.execute("UPDATE ledger SET due_at = ? WHERE run_id = ?", (iso(T0), run_id))
            marks = ",".join("?" * len(sending))
            conn.execute(
                f"UPDATE ledger SET state = 'sending' WHERE run_id = ? AND person_id IN ({marks})", [run_id, *sending]
            )
    return run_id


def states(ws: Workspace, run_id: int) -> dict[int, str]:
    with ws.session() as conn:
        return dict(conn.execute("SELECT person_id, state FROM ledger WHERE run_id = ?", (run_id,)).fetchall())


def texted(fake: FakeVibes) -> list[str]:
    return [e["event_data"]["mdn"] for e in fake.events]


# -- leases --------------------------------------------------------------------------------------
def test_the_workspace_records_agents_and_leases(ws: Workspace) -> None:
    with ws.session() as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        columns = {r[1] for r in conn.execute("PRAGMA table_info(runs)")}
        assert {"owner", "owner_pid", "lease_until", "heartbeat_at"} <= columns
        agents = {r[1] for r in conn.execute("PRAGMA table_info(agents)")}
        assert {"id", "host", "pid", "started_at", "heartbeat_at", "lease_s"} <= agents


def test_a_run_another_computer_holds_waits_for_its_lease_then_is_taken_over_with_sends_in_doubt(
    ws: Workspace,
) -> None:
    # A program on another computer: its pid means nothing here (this one is even alive).
    other = "other-host.example/4242/feedbeef"
    run_id = held_elsewhere(ws, other, 1, datetime.now(UTC) + timedelta(seconds=60), sending=[2, 3])
    fake = FakeVibes()
    first = agent(ws, fake, Clock(T0)).run_pass()
    assert (first.runs_resumed, first.sent, fake.events) == (0, 0, [])  # its lease holds
    with ws.session() as conn, pytest.raises(ledger.RunBusyError, match=r"already running .*on other-host\.example"):
        ledger.acquire(conn, run_id)
    with ws.session() as conn:
        assert ledger.effective_status(ledger.load_run(conn, run_id)) == "running"

    with ws.session() as conn:  # the other program stopped renewing: its lease ran out
        conn.execute(
            "UPDATE runs SET lease_until = ? WHERE id = ?", (iso(datetime.now(UTC) - timedelta(seconds=1)), run_id)
        )
        assert ledger.effective_status(ledger.load_run(conn, run_id)) == "interrupted"
    done = agent(ws, fake, Clock(T0)).run_pass()
    assert (done.runs_resumed, done.sent) == (1, 8)
    assert sorted(texted(fake)) == sorted(mdn(i) for i in range(1, 11) if i not in (2, 3))
    after = states(ws, run_id)
    assert after[2] == after[3] == "in_doubt"  # never sent again by the new owner
    with ws.session() as conn:
        row = ledger.load_run(conn, run_id)
        assert row["owner"] is None and row["lease_until"] is None and row["status"] == "completed"


def test_on_this_computer_a_dead_owner_is_taken_over_at_once(ws: Workspace) -> None:
    pid = dead_pid()
    here = f"{leases.identity().host}/{pid}/0ddba11"
    run_id = held_elsewhere(ws, here, pid, datetime.now(UTC) + timedelta(seconds=600), sending=[5])
    fake = FakeVibes()
    done = agent(ws, fake, Clock(T0)).run_pass()
    assert (done.runs_resumed, done.sent) == (1, 9)
    assert states(ws, run_id)[5] == "in_doubt" and mdn(5) not in texted(fake)


def test_a_runner_whose_run_was_taken_over_writes_and_sends_nothing_more(ws: Workspace) -> None:
    """A runner that stalled past its lease (another program took the run over meanwhile)
    finds out at its next write: the rows it had not marked ``sending`` stay for the new
    owner, its answers are not written, and it does not release the run."""
    other = "other-host.example/77/c0ffee"
    fake = FakeVibes()
    seen: dict[str, object] = {}

    def take_over(data: dict) -> None:
        if len(fake.events) == 2 and not seen:  # the third text is on its way
            conn = ws.connect()
            try:
                with transaction(conn):
                    seen["before"] = dict(conn.execute("SELECT person_id, state FROM ledger").fetchall())
                    conn.execute(
                        "UPDATE runs SET owner = ?, owner_pid = 77, lease_until = ?",
                        (other, iso(datetime.now(UTC) + timedelta(seconds=60))),
                    )
            finally:
                conn.close()

    fake.before_send = take_over
    with pytest.raises(ledger.LeaseLost, match="taken over"):
        start_run(ws, "Promo", fake, clock=lambda: T0, options=FAST)
    assert len(fake.events) == 3  # the two before, and the one in flight at the take-over
    assert states(ws, 1) == seen["before"]  # nothing was written after it
    assert list(seen["before"].values()).count("sending") == 1  # type: ignore[union-attr]
    with ws.session() as conn:
        row = ledger.load_run(conn, 1)
        assert (row["owner"], row["status"]) == (other, "running")  # still the other program's

    # That program dies too; once its lease ran out, the run is finished without texting twice.
    with ws.session() as conn:
        conn.execute("UPDATE runs SET lease_until = ?", (iso(datetime.now(UTC) - timedelta(seconds=1)),))
    fake.before_send = None
    result = resume_run(ws, 1, fake, clock=lambda: T0, options=FAST)
    assert result.status == "completed" and (result.counts["sent"], result.counts["in_doubt"]) == (9, 1)
    assert len(texted(fake)) == 10 == len(set(texted(fake)))


def test_a_new_run_is_claimed_by_its_creator_and_renewed_while_it_works(ws: Workspace) -> None:
    fake = FakeVibes()
    leased: list[tuple[str | None, str | None]] = []

    def look(data: dict) -> None:
        conn = ws.connect()
        try:
            leased.append(tuple(conn.execute("SELECT owner, lease_until FROM runs").fetchone()))
        finally:
            conn.close()

    fake.before_send = look
    options = RunOptions(concurrency=1, backoff_s=0.0, lease_s=7)
    result = start_run(ws, "Promo", fake, clock=lambda: T0, options=options)
    assert result.status == "completed"
    me = leases.identity()
    assert {owner for owner, _ in leased} == {me.id} and me.id.startswith(f"{socket.gethostname()}/")
    for _, until in leased:
        left = (datetime.fromisoformat(until.replace("Z", "+00:00")) - datetime.now(UTC)).total_seconds()
        assert 0 < left <= 7
    with ws.session() as conn:
        row = ledger.load_run(conn, result.run_id)
        assert row["owner"] is None and row["lease_until"] is None
        agents = conn.execute("SELECT host, pid, lease_s FROM agents").fetchall()
    assert [tuple(a) for a in agents] == [(me.host, me.pid, 7.0)]


def test_two_agents_with_one_due_occurrence_make_exactly_one_run(ws: Workspace) -> None:
    """Two agents (threads, each its own connections) see the same occurrence at once."""
    from tests.services.automation.helpers import campaign

    store(ws, campaign("Once", schedule={"start": iso(T0)}))
    with ws.session() as conn:
        from smsflow_desktop.services.automation import activate_campaign

        activate_campaign(conn, "Once", T0 - timedelta(hours=1))
    fake = FakeVibes()
    agents = [agent(ws, fake, Clock(T0)) for _ in range(2)]
    results: list[object] = []
    go = threading.Barrier(2)

    def serve(a: object) -> None:
        go.wait()
        results.append(a.run_pass())  # type: ignore[attr-defined]

    threads = [threading.Thread(target=serve, args=(a,)) for a in agents]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(r.runs_started for r in results) == [0, 1]  # type: ignore[attr-defined]
    with ws.session() as conn:
        assert conn.execute("SELECT count(*) FROM runs WHERE campaign_name = 'Once'").fetchone()[0] == 1
        claimed = conn.execute("SELECT claimed_by FROM automation_occurrences").fetchall()
    assert [r[0] for r in claimed] == [leases.identity().id]
    assert sorted(texted(fake)) == sorted(mdn(i) for i in range(1, 11))


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("value", ["4", "3601", "soon", "nan", "-60"])
def test_agent_refuses_a_lease_out_of_range(tmp_path: Path, value: str) -> None:
    code, out, err = cli("agent", "--workspace", str(tmp_path / "ws"), "--once", f"--lease-s={value}")
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err, err
    assert "--lease-s" in err and "5 to 3600" in err
    assert not (tmp_path / "ws").exists()  # refused before anything was made


@pytest.mark.parametrize("value", ["5", "3600", "60.5"])
def test_agent_takes_a_lease_in_range(tmp_path: Path, value: str) -> None:
    code, _out, err = cli("init", "--workspace", str(tmp_path / "ws"))
    assert code == 0, err
    code, _out, err = cli("agent", "--workspace", str(tmp_path / "ws"), "--once", "--lease-s", value, "--json")
    assert code == 0, err


# -- the share of the rate limit --------------------------------------------------------------------
def test_a_share_of_the_limit_scales_the_rates_and_caps_each_window() -> None:
    limiter = EndpointLimiter(RateLimits(events=300, company=100))
    assert limiter.rate("events") == pytest.approx(291)
    limiter.set_share(1 / 3)
    assert limiter.rate("events") == pytest.approx(97) and limiter.rate("company") == pytest.approx(97 / 3)
    limiter.set_share(1)
    assert limiter.rate("events") == pytest.approx(291)

    now = [0.0]
    cap = WindowCap(clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    waits = []
    for _ in range(7):
        waits.append(cap.admit(3))
        cap.done(0.0)
    assert waits[:3] == [0, 0, 0] and waits[3] == pytest.approx(1.0) and now[0] == pytest.approx(2.0)


def test_programs_sharing_the_limit_use_together_what_one_alone_would() -> None:
    alone = EndpointLimiter(RateLimits(events=100, company=100))
    shared = [EndpointLimiter(RateLimits(events=100, company=100)) for _ in range(4)]
    for limiter in shared:
        limiter.set_share(1 / 4)
    assert sum(limiter.rate("events") for limiter in shared) == pytest.approx(alone.rate("events"))
    assert sum(limiter.rate("company") for limiter in shared) == pytest.approx(alone.rate("company"))


def test_a_request_held_back_on_its_way_counts_in_the_window_until_it_may_have_arrived() -> None:
    now = [0.0]
    cap = WindowCap(clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    cap.admit(2)
    now[0] = 0.01
    cap.done(0.01)  # answered at once: the round trip every request takes
    cap.admit(2)
    now[0] = 0.5
    cap.done(0.49)  # held back on the way: Vibes may have counted it as late as 0.49
    now[0] = 1.2  # both left more than a window ago, but the second may have arrived at 0.49
    assert cap.admit(2) == 0
    cap.done(0.01)
    assert cap.admit(2) == pytest.approx(0.29)  # only once 0.49 has left the window
    assert now[0] == pytest.approx(1.49)


def test_a_run_takes_a_smaller_share_at_once_and_grows_into_a_larger_one_over_a_window() -> None:
    share = leases.RateShare()
    assert share.follow(1, 10.0) == 1.0
    assert share.follow(4, 10.1) == pytest.approx(1 / 4)  # three others began: at once
    # two of them stopped: what they sent in their last window leaves Vibes' count over the next
    assert share.follow(2, 11.0) == pytest.approx(1 / 4)
    assert share.follow(2, 11.0 + leases.WINDOW_S / 2) == pytest.approx(3 / 8)
    assert share.follow(3, 11.0 + leases.WINDOW_S * 0.75) == pytest.approx(1 / 3)  # one more began meanwhile
    assert share.follow(2, 12.0) == pytest.approx(1 / 3)  # the larger share again grown into from here
    assert share.follow(2, 12.0 + leases.WINDOW_S) == pytest.approx(1 / 2)
    assert share.follow(2, 20.0) == pytest.approx(1 / 2)


class SharingVibes(FakeVibes):
    shares: list[float]

    def set_rate_share(self, share: float) -> None:
        self.shares.append(share)


def test_a_run_that_starts_while_another_sends_waits_then_takes_half(ws: Workspace) -> None:
    other = "other-host.example/5/abc"
    held_elsewhere(ws, other, 5, datetime.now(UTC) + timedelta(seconds=60), sending=[])
    store(ws, send_campaign("Second"))
    fake = SharingVibes()
    fake.shares = []
    firsts: list[float] = []
    fake.before_send = lambda data: firsts.append(time.monotonic()) if not firsts else None
    began = time.monotonic()
    result = start_run(ws, "Second", fake, clock=lambda: T0, options=FAST)
    assert result.status == "completed" and result.counts["sent"] == 10
    assert fake.shares and set(fake.shares) == {0.5}
    assert firsts[0] - began >= leases.join_wait(2)  # the other saw it before its first text


def test_alone_a_run_starts_at_once_with_the_whole_limit(ws: Workspace) -> None:
    fake = SharingVibes()
    fake.shares = []
    began = time.monotonic()
    start_run(ws, "Promo", fake, clock=lambda: T0, options=FAST)
    assert set(fake.shares) == {1.0} and time.monotonic() - began < leases.join_wait(2)


# -- real agents, killed with kill -9 ---------------------------------------------------------------
@pytest.fixture
def cleanup() -> Iterator[list[AgentsDemo]]:
    made: list[AgentsDemo] = []
    try:
        yield made
    finally:
        for demo in made:
            demo.stop_all()


def sending_rows(demo: AgentsDemo) -> list[str]:
    """The event ids of the requests in flight."""
    with demo.ws.session() as conn:
        return [r[0] for r in conn.execute("SELECT event_id FROM ledger WHERE state = 'sending'")]


STORES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


def _database(store: str, request: pytest.FixtureRequest, cleanup: list[AgentsDemo]) -> str | None:
    """A fresh PostgreSQL database's URL for the ``postgresql`` case, else None (a folder). The
    agents stop, and this process's connections close, before the database is dropped."""
    if store != "postgresql":
        return None
    url = request.getfixturevalue("pg_url")

    def stop() -> None:
        for demo in cleanup:
            demo.stop_all()
        close_pools()

    request.addfinalizer(stop)
    return url


@pytest.mark.slow
@pytest.mark.parametrize("store", STORES)
def test_an_agent_killed_while_sending_is_taken_over_within_the_lease(
    tmp_path: Path, cleanup: list[AgentsDemo], store: str, request: pytest.FixtureRequest
) -> None:
    """Embedded emulator: each agent hosts one on the workspace's emulator state."""
    demo = agents_demo(
        tmp_path, max(300, int(800 * scale())), client_rate=60, database=_database(store, request, cleanup)
    )
    cleanup.append(demo)
    first = demo.start_agent(lease_s=5)
    deadline = time.monotonic() + 60
    while demo.sent() < 20 and time.monotonic() < deadline:
        time.sleep(0.02)
    second = demo.start_agent(lease_s=5)  # a second agent is idle: the run is the first's
    with demo.ws.session() as conn:
        (owner,) = conn.execute("SELECT owner_pid FROM runs").fetchone()
    assert owner == first.pid
    first.kill()
    killed = time.monotonic()
    left = sending_rows(demo)
    assert 0 < demo.sent() < demo.total  # killed mid-run
    taken: float | None = None
    while time.monotonic() - killed < 30:
        with demo.ws.session() as conn:
            (pid,) = conn.execute("SELECT owner_pid FROM runs").fetchone()
        if pid == second.pid:
            taken = time.monotonic() - killed
            break
        time.sleep(0.05)
    assert taken is not None and taken < 5 + 1.5, taken  # within the lease (and a pass)
    assert demo.wait_sends(120), "the second agent did not finish the run"
    audits, extra_runs = audit_runs(demo, demo.events())
    audit = audits["Spring promo"]
    assert extra_runs == 0 and audit.clean, audit.summary()
    # What was in flight at the kill is never sent again: in doubt, or sent where the emulator
    # told the workspace it routed that very request.
    with demo.ws.session() as conn:
        marks = ",".join("?" * len(left))
        ended = conn.execute(f"SELECT state, routing FROM ledger WHERE event_id IN ({marks})", left).fetchall()
    assert len(ended) == len(left)
    assert all(r["state"] == "in_doubt" or (r["state"] == "sent" and r["routing"] == "routed") for r in ended)
    assert second.stop() == 0


@pytest.mark.slow
@pytest.mark.parametrize("store", STORES)
def test_three_agents_one_killed_every_few_seconds_text_everyone_once(
    tmp_path: Path, cleanup: list[AgentsDemo], store: str, request: pytest.FixtureRequest
) -> None:
    demo = agents_demo(
        tmp_path,
        max(600, int(1500 * scale())),
        campaigns=3,
        remote=True,
        client_rate=60,
        database=_database(store, request, cleanup),
    )
    cleanup.append(demo)
    log = kill_agents_while_sending(demo, agents=3, lease_s=5, rng=random.Random(20260406), max_kills=4)
    assert log.finished, log
    assert log.kills >= 2 and log.kills_while_sending >= 1, log
    audits, extra_runs = audit_runs(demo, demo.events())
    assert extra_runs == 0
    for name, audit in audits.items():
        assert audit.clean, f"{name}: {audit.summary()}"
    assert sum(a.sent + a.in_doubt for a in audits.values()) == demo.total
    for survivor in demo.live():
        assert survivor.stop() == 0


@pytest.mark.slow
def test_three_agents_share_the_rate_limit(tmp_path: Path, cleanup: list[AgentsDemo]) -> None:
    limit = 30
    demo = agents_demo(tmp_path, 1200, campaigns=3, remote=True, rate_limit=limit, client_rate=limit)
    cleanup.append(demo)
    assert demo.emulator is not None
    for _ in range(3):
        demo.start_agent(lease_s=60)
    first: float | None = None
    deadline = time.monotonic() + 120
    while not demo.sends_done() and time.monotonic() < deadline:
        if first is None and demo.sent():
            first = time.monotonic()
        time.sleep(0.05)
    took = time.monotonic() - (first or 0)
    assert demo.sends_done() and first is not None
    stats = demo.emulator.stats()
    assert stats["rate_limited"] == 0, stats
    with demo.ws.session() as conn:
        owners = conn.execute("SELECT count(DISTINCT claimed_by) FROM automation_occurrences").fetchone()[0]
    assert owners == 3  # each agent ran one campaign, at the same time
    achieved = demo.sent() / took
    assert demo.sent() == demo.total and achieved >= 0.8 * limit, f"{achieved:.1f}/s of {limit}/s"
    audits, extra_runs = audit_runs(demo, demo.events())
    assert extra_runs == 0 and all(a.clean for a in audits.values())
