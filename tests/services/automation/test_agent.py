"""The agent does what is due, once: occurrences, waits, quiet hours, trigger firings, crashed runs."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from smsflow_desktop.services.automation import activate_campaign
from smsflow_desktop.services.engine import ledger
from smsflow_desktop.services.static_lists import add_people, create_list
from smsflow_desktop.services.workspace import Workspace, iso, transaction
from tests.services.automation.helpers import T0, Clock, agent, campaign, texts
from tests.services.engine.helpers import FakeVibes, add_member, add_person, make_workspace, store
from tests.stores import workspace_at

pytestmark = pytest.mark.usefixtures("store_kind")  # each test on a folder and on a database

QUIET = {"enabled": True, "start": "08:00", "end": "21:00"}
NY = "America/New_York"


def mdn(i: int) -> str:
    return f"+1212456{i:04d}"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        for i in range(1, 4):
            add_person(conn, i, mdn(i), time_zone=NY)
            add_member(conn, mdn(i))
    return ws


def activate(ws: Workspace, name: str, when: datetime) -> None:
    with ws.session() as conn:
        activate_campaign(conn, name, when)


def runs(ws: Workspace) -> list[tuple[int, str, str]]:
    with ws.session() as conn:
        return [tuple(r) for r in conn.execute("SELECT id, campaign_name, status FROM runs ORDER BY id")]


def test_an_occurrence_runs_once_however_many_passes_and_agents_see_it(ws: Workspace) -> None:
    store(ws, campaign("Daily", schedule={"recurrence": {"every": "day", "at": "10:00", "time_zone": NY}}))
    clock = Clock(T0 - timedelta(hours=2))
    activate(ws, "Daily", clock())
    fake = FakeVibes()
    first, second = agent(ws, fake, clock), agent(ws, fake, clock)
    assert first.run_pass().runs_started == 0  # 08:00: not due yet
    assert first.next_due() == T0
    clock.now = T0
    done = first.run_pass()
    assert (done.runs_started, done.sent) == (1, 3)
    for a in (first, second, first):
        again = a.run_pass()
        assert (again.runs_started, again.sent) == (0, 0)
    assert sorted(texts(fake)) == [mdn(1), mdn(2), mdn(3)]
    assert first.next_due() == T0 + timedelta(days=1)
    clock.advance(days=1)
    assert second.run_pass().runs_started == 1
    assert len(fake.events) == 6 and [r[2] for r in runs(ws)] == ["completed", "completed"]


def test_after_a_long_sleep_only_the_latest_occurrence_runs(ws: Workspace) -> None:
    store(ws, campaign("Daily", schedule={"recurrence": {"every": "day", "at": "10:00", "time_zone": NY}}))
    clock = Clock(T0 - timedelta(hours=1))
    activate(ws, "Daily", clock())
    fake = FakeVibes()
    clock.advance(days=3)  # three occurrences fell due with no agent running
    assert agent(ws, fake, clock).run_pass().runs_started == 1
    assert len(fake.events) == 3
    with ws.session() as conn:
        rows = conn.execute("SELECT scheduled_at, status FROM automation_occurrences ORDER BY scheduled_at").fetchall()
    assert [tuple(r) for r in rows] == [
        ("2026-05-04T14:00:00Z", "missed"),
        ("2026-05-05T14:00:00Z", "missed"),
        ("2026-05-06T14:00:00Z", "started"),
    ]


def test_send_wait_a_day_send_texts_twice_a_day_apart_within_quiet_hours(ws: Workspace) -> None:
    flow = [
        {"type": "send_sms", "message": "Hello", "vibes_list_id": "101"},
        {"type": "wait", "duration": "1 day"},
        {"type": "send_sms", "message": "Hello", "vibes_list_id": "101"},
    ]
    start = datetime.fromisoformat("2026-05-05T00:30:00+00:00")  # 20:30 in New York
    store(ws, campaign("Drip", flow=flow, quiet=QUIET, schedule={"start": iso(start)}))
    clock = Clock(start - timedelta(hours=3))
    activate(ws, "Drip", clock())
    fake = FakeVibes()
    a = agent(ws, fake, clock)
    clock.now = start
    assert a.run_pass().sent == 3
    clock.advance(hours=23, minutes=59)
    assert a.run_pass().sent == 0  # the Wait has not ended
    assert a.next_due() == start + timedelta(days=1)
    clock.now = start + timedelta(days=1, minutes=40)  # 21:10: the Wait ended but quiet hours began
    assert a.run_pass().sent == 0
    opening = datetime.fromisoformat("2026-05-06T12:00:00+00:00")  # 08:00 in New York
    assert a.next_due() == opening
    clock.now = opening
    done = a.run_pass()
    assert (done.sent, done.runs_resumed, done.runs_started) == (3, 1, 0)
    assert sorted(texts(fake)) == sorted([mdn(1), mdn(2), mdn(3)] * 2)
    with ws.session() as conn:
        sent = conn.execute(
            "SELECT step_index, sent_at FROM ledger WHERE state = 'sent' ORDER BY step_index"
        ).fetchall()
    assert {r[1] for r in sent if r[0] == 1} == {iso(start)}
    assert {r[1] for r in sent if r[0] == 3} == {iso(opening)}
    assert runs(ws)[0][2] == "completed"


def test_a_manual_run_left_waiting_is_resumed_when_its_wait_ends(ws: Workspace) -> None:
    from smsflow_desktop.services.engine.runner import start_run

    flow = [
        {"type": "send_sms", "message": "Hello", "vibes_list_id": "101"},
        {"type": "wait", "duration": "2 hours"},
        {"type": "send_sms", "message": "Hello", "vibes_list_id": "101"},
    ]
    store(ws, campaign("Manual", flow=flow))
    fake = FakeVibes()
    clock = Clock()
    assert start_run(ws, "Manual", fake, clock=clock).status == "waiting"
    a = agent(ws, fake, clock)
    assert a.run_pass().sent == 0
    clock.advance(hours=2)
    assert a.run_pass().sent == 3 and runs(ws)[0][2] == "completed"


def test_person_is_created_texts_new_eligible_people_once_and_no_backlog(ws: Workspace) -> None:
    welcome = campaign(
        "Welcome",
        smart_list={
            "filters": [{"type": "person_field", "field": "country", "values": ["US"]}],
            "triggers": [{"type": "person_is_created"}],
        },
        qualification="once",
    )
    store(ws, welcome)
    with ws.session() as conn, transaction(conn):
        add_person(conn, 10, mdn(10))  # before activation: no backlog
        add_member(conn, mdn(10))
    clock = Clock()
    activate(ws, "Welcome", clock())
    with ws.session() as conn, transaction(conn):
        for i in range(11, 16):
            add_member(conn, mdn(i))
        add_person(conn, 11, mdn(11))
        add_person(conn, 12, mdn(12), blocklisted=1)  # not eligible
        add_person(conn, 13, mdn(13), country="SE")  # not in the smart list
        add_person(conn, 14, mdn(14))
        add_person(conn, 15, mdn(14))  # shares 14's number: one text for the number
    fake = FakeVibes()
    a = agent(ws, fake, clock)
    done = a.run_pass()
    assert (done.triggers_fired, done.runs_started, done.sent) == (5, 1, 2)
    assert sorted(texts(fake)) == [mdn(11), mdn(14)]
    assert a.run_pass().triggers_fired == 0 and len(fake.events) == 2
    with ws.session() as conn:  # taken in by every campaign: forgotten
        assert conn.execute("SELECT count(*) FROM automation_events").fetchone()[0] == 0
    with ws.session() as conn:
        reasons = dict(conn.execute("SELECT person_id, reason FROM ledger WHERE state = 'skipped'").fetchall())
    assert reasons == {12: "blocklisted", 15: "duplicate_phone"}


def test_added_to_list_checks_the_filters_at_the_moment_it_fires(ws: Workspace) -> None:
    store(
        ws,
        campaign(
            "VIP welcome",
            smart_list={
                "filters": [{"type": "person_field", "field": "state", "values": ["NY"]}],
                "triggers": [{"type": "added_to_list", "list": "VIP"}],
            },
        ),
    )
    with ws.session() as conn:
        create_list(conn, "VIP")
        with transaction(conn):
            conn.execute("UPDATE people SET state = 'NY' WHERE id IN (1, 2)")
    clock = Clock()
    activate(ws, "VIP welcome", clock())
    with ws.session() as conn:
        add_people(conn, "VIP", ["E1", "E3"])
    fake = FakeVibes()
    assert agent(ws, fake, clock).run_pass().sent == 1
    assert texts(fake) == [mdn(1)]


def test_a_trigger_campaign_with_nobody_passing_leaves_no_empty_run(ws: Workspace) -> None:
    store(ws, campaign("Welcome", smart_list={"triggers": [{"type": "person_is_created"}]}))
    activate(ws, "Welcome", T0)
    with ws.session() as conn, transaction(conn):
        add_person(conn, 20, None)  # no number: skipped, but in the smart list
        add_person(conn, 21, mdn(21), blocklisted=1)
    fake = FakeVibes()
    done = agent(ws, fake, Clock()).run_pass()
    assert done.triggers_fired == 2 and done.sent == 0 and len(runs(ws)) == 1  # the run shows who was skipped
    store(
        ws,
        campaign(
            "Welcome",
            smart_list={
                "filters": [{"type": "person_field", "field": "country", "values": ["SE"]}],
                "triggers": [{"type": "person_is_created"}],
            },
        ),
    )
    with ws.session() as conn, transaction(conn):
        add_person(conn, 22, mdn(22))
    assert agent(ws, fake, Clock()).run_pass().triggers_fired == 1
    assert len(runs(ws)) == 1  # nobody in the smart list: no run


def test_a_run_whose_program_died_is_resumed_and_its_in_flight_send_stays_in_doubt(ws: Workspace) -> None:
    store(ws, campaign("Promo"))
    with ws.session() as conn:
        from smsflow_desktop.services.campaigns import load_campaign, message_bodies

        run_id = ledger.create_run(conn, load_campaign(conn, "Promo"), message_bodies(conn), T0, dry_run=False)
        with transaction(conn):
            # a program (long gone) owned it and had sent person 1's text when it died
            conn.execute("UPDATE runs SET owner_pid = ?, heartbeat_at = ? WHERE id = ?", (_dead_pid(), iso(T0), run_id))
            conn.execute(
                "UPDATE ledger SET due_at = ?, state = CASE person_id WHEN 1 THEN 'sending' ELSE 'pending' END "
                "WHERE run_id = ?",
                (iso(T0), run_id),
            )
    fake = FakeVibes()
    done = agent(ws, fake, Clock()).run_pass()
    assert (done.runs_resumed, done.sent) == (1, 2)
    assert sorted(texts(fake)) == [mdn(2), mdn(3)]
    with ws.session() as conn:
        assert conn.execute("SELECT state FROM ledger WHERE person_id = 1").fetchone()[0] == "in_doubt"
    assert runs(ws)[0][2] == "completed"


def _dead_pid() -> int:
    pid = os.getpid() + 100_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid += 1


def test_stop_pauses_the_run_and_the_next_agent_finishes_it_without_texting_twice(ws: Workspace) -> None:
    with ws.session() as conn, transaction(conn):
        for i in range(4, 41):
            add_person(conn, i, mdn(i), time_zone=NY)
            add_member(conn, mdn(i))
    store(ws, campaign("Big", schedule={"start": iso(T0)}))
    activate(ws, "Big", T0 - timedelta(minutes=5))
    stopping: list = []

    def stop_soon(event: dict) -> None:
        if len(fake.events) == 10 and not stopping:
            stopping.append(True)
            first.stop()

    fake = FakeVibes(before_send=stop_soon)
    first = agent(ws, fake, Clock())
    done = first.run_pass()
    assert done.runs_started == 1 and 10 <= done.sent < 40
    assert runs(ws)[0][2] == "waiting"  # for the next agent, unlike a run a person paused
    rest = agent(ws, fake, Clock()).run_pass()
    assert rest.runs_resumed == 1 and done.sent + rest.sent == 40
    assert sorted(texts(fake)) == sorted(mdn(i) for i in range(1, 41))


def test_a_run_a_person_paused_is_not_resumed_by_the_agent(ws: Workspace) -> None:
    with ws.session() as conn, transaction(conn):
        for i in range(4, 21):
            add_person(conn, i, mdn(i), time_zone=NY)
            add_member(conn, mdn(i))
    store(ws, campaign("Big", schedule={"start": iso(T0)}))
    activate(ws, "Big", T0 - timedelta(minutes=5))

    def stop_soon(event: dict) -> None:
        if len(fake.events) == 5:
            first.stop()

    fake = FakeVibes(before_send=stop_soon)
    first = agent(ws, fake, Clock())
    sent = first.run_pass().sent
    with ws.session() as conn:  # Pause in the app
        conn.execute("UPDATE runs SET status = 'paused'")
    again = agent(ws, fake, Clock()).run_pass()
    assert again.runs_resumed == 0 and again.sent == 0 and len(fake.events) == sent
    assert runs(ws)[0][2] == "paused"


def test_trigger_firings_of_a_campaign_edited_into_problems_wait_for_the_fix(ws: Workspace) -> None:
    store(ws, campaign("Welcome", smart_list={"triggers": [{"type": "person_is_created"}]}))
    activate(ws, "Welcome", T0)
    broken = campaign(
        "Welcome",
        flow=[{"type": "send_sms", "message": "Missing", "vibes_list_id": "101"}],
        smart_list={"triggers": [{"type": "person_is_created"}]},
    )
    store(ws, broken)
    with ws.session() as conn, transaction(conn):
        add_person(conn, 30, mdn(30))
        add_member(conn, mdn(30))
    fake = FakeVibes()
    a = agent(ws, fake, Clock())
    done = a.run_pass()
    assert done.triggers_fired == 0 and "problem" in done.errors[0] and fake.events == []
    assert a.next_due() is None  # nothing to do until someone fixes it
    store(ws, campaign("Welcome", smart_list={"triggers": [{"type": "person_is_created"}]}))
    done = a.run_pass()
    assert (done.triggers_fired, done.sent) == (1, 1) and texts(fake) == [mdn(30)]


def test_an_agent_pass_with_nothing_due_stops_the_emulator_it_started(tmp_path: Path) -> None:
    """``smsflow agent --once`` in emulated mode starts the embedded emulator; with nothing due the
    pass never sends, and the emulator (and its port) must still be let go when the pass ends."""
    from smsflow_desktop.cli import main
    from smsflow_desktop.services.vibes import connect

    where = str(workspace_at(tmp_path / "ws"))
    assert main(["init", "--workspace", where]) == 0
    assert main(["agent", "--workspace", where, "--once", "--json"]) == 0
    assert connect._key(connect.emulator_state(Workspace(where))) not in connect._running
