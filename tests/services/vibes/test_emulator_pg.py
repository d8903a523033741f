"""The embedded emulator of a team workspace keeps its state in the workspace's PostgreSQL
database: every process's emulator serves one emulated account, writers take turns across
processes, and the API behaves as on SQLite (the API and behaviour tests below run again here,
with ``emulator`` on PostgreSQL)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services.store.pg_workspace import close_pools
from smsflow_desktop.services.vibes.connect import (
    acquire_workspace_emulator,
    emulator_feed,
    emulator_state,
    open_client_for_workspace,
)
from smsflow_desktop.services.vibes.emulator import EmulatorServer
from smsflow_desktop.services.vibes.emulator.optin import handle_reply
from smsflow_desktop.services.vibes.emulator.outbox import Dispatcher
from smsflow_desktop.services.vibes.emulator.pg_state import SCHEMA_NAME
from smsflow_desktop.services.vibes.emulator.sending import accept_event, create_etm
from smsflow_desktop.services.vibes.emulator.store import EmulatorStore
from smsflow_desktop.services.workspace import Workspace
from tests.services.vibes import test_emulator_api as api_tests
from tests.services.vibes import test_emulator_behaviour as behaviour_tests
from tests.services.vibes.conftest import SEED, seeded_emulator

pytestmark = pytest.mark.postgresql


@pytest.fixture
def emulator(pg_url: str, seed_file: Path) -> Iterator[EmulatorServer]:
    """The seeded emulator of the API tests, its state in a fresh PostgreSQL database."""
    with seeded_emulator(pg_url, seed_file) as server:
        yield server


# -- the API on PostgreSQL: the SQLite tests, again ----------------------------------------------------
test_auth_is_required_and_401_has_errors_body = api_tests.test_auth_is_required_and_401_has_errors_body
test_subscription_lists = api_tests.test_subscription_lists
test_subscribers_search = api_tests.test_subscribers_search
test_acquisition_campaigns = api_tests.test_acquisition_campaigns
test_add_participant_answers = api_tests.test_add_participant_answers
test_persons_create_update_conflict = api_tests.test_persons_create_update_conflict
test_subscriptions_of_a_person = api_tests.test_subscriptions_of_a_person
test_event_triggered_messages = api_tests.test_event_triggered_messages
test_events_are_accepted_with_202 = api_tests.test_events_are_accepted_with_202
test_callbacks_registration = api_tests.test_callbacks_registration
test_double_opt_in_yes = behaviour_tests.test_double_opt_in_yes
test_no_reply_blocks_the_campaign_but_not_others = behaviour_tests.test_no_reply_blocks_the_campaign_but_not_others
test_stop_family_opts_out_of_every_list = behaviour_tests.test_stop_family_opts_out_of_every_list
test_start_opts_back_in_what_stop_ended = behaviour_tests.test_start_opts_back_in_what_stop_ended
test_stop_rejects_a_pending_opt_in = behaviour_tests.test_stop_rejects_a_pending_opt_in
test_routing_delivery_and_event_processed_callbacks = (
    behaviour_tests.test_routing_delivery_and_event_processed_callbacks
)
test_extract_files_in_vibes_format = behaviour_tests.test_extract_files_in_vibes_format
test_landline_is_refused = behaviour_tests.test_landline_is_refused
capture = behaviour_tests.capture


# -- two agents' emulators on one database ------------------------------------------------------------
@pytest.fixture
def two_stores(pg_url: str, seed_file: Path) -> Iterator[tuple[EmulatorStore, EmulatorStore]]:
    """The stores of two processes' emulators on one database, the first seeded."""
    first, second = EmulatorStore(pg_url), EmulatorStore(pg_url)
    try:
        assert first.seed_once(seed_file)
        yield first, second
    finally:
        first.close()
        second.close()


def test_the_state_lives_in_the_database_schema(pg_url: str, seed_file: Path, tmp_path: Path) -> None:
    with EmulatorServer(pg_url, seed=seed_file) as server:
        assert server.store is not None and server.store.path is None
    with psycopg.connect(pg_url) as conn:
        tables = {
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (SCHEMA_NAME,)
            )
        }
        assert {"meta", "persons", "subscriptions", "subscription_log", "events", "etms", "callbacks"} <= tables
        # nothing of the emulator in the workspace's own schema
        assert conn.execute("SELECT to_regclass('public.persons')").fetchone()[0] is None
        # a restart finds the state (the seed is applied once)
        assert conn.execute(f"SELECT count(*) FROM {SCHEMA_NAME}.subscriptions").fetchone()[0] == 3
    with EmulatorServer(pg_url, seed=seed_file) as again:
        assert again.store is not None and not again.store.seed_once(seed_file)
        assert again.username == SEED["username"]


def test_two_emulators_see_each_others_subscriptions_and_stops(
    two_stores: tuple[EmulatorStore, EmulatorStore], seed_file: Path
) -> None:
    first, second = two_stores
    assert not second.seed_once(seed_file)  # already seeded by the first
    assert second.company["username"] == SEED["username"]
    person = first.find_or_create_person("+12135550140")
    assert first.opt_in(person["person_key"], "102", "acquisition campaign 202 (api)")
    # the other agent's emulator knows the new subscriber and does not subscribe them twice
    assert second.person(mdn="+12135550140")["person_key"] == person["person_key"]
    assert second.active_list_ids(person["person_key"]) == ["102"]
    assert not second.opt_in(person["person_key"], "102", "again")
    # a STOP texted to one emulator ends the subscriptions the other one serves
    assert handle_reply(second, "+12135550101", "STOP") == {"action": "opted_out", "lists": ["101", "102"]}
    member = first.person(mdn="+12135550101")
    assert first.active_list_ids(member["person_key"]) == []
    assert first.q1("SELECT 1 FROM confirmation_blocks WHERE mdn = ?", ("+12135550101",)) is not None
    log = first.q(
        "SELECT event, description FROM subscription_log WHERE person_key = ? ORDER BY id", (member["person_key"],)
    )
    assert [tuple(r) for r in log][-2:] == [("OPT_OUT", "STOP received"), ("OPT_OUT", "STOP received")]


def _at_once(workers: list[Callable[[], Any]]) -> list[Any]:
    """Run the callables in threads started together; their results (re-raising the first error)."""
    start = threading.Barrier(len(workers))
    results: list[Any] = [None] * len(workers)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = workers[i]()
        except Exception as exc:  # noqa: BLE001 - re-raised in the test thread below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(workers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    if errors:
        raise errors[0]
    return results


def test_concurrent_sends_from_two_emulators_never_share_a_sequence_number(
    two_stores: tuple[EmulatorStore, EmulatorStore],
) -> None:
    first, second = two_stores
    create_etm(
        first,
        {
            "name": "promo",
            "event_type": "promo",
            "start_date": "2026-01-01",
            "targeting": {
                "message_template": "Hi!",
                "sms": {"sourcecode": "12345", "country_code": "1", "sourcecode_type": "SC"},
            },
        },
    )
    numbers = [f"+121355502{i:02d}" for i in range(40)]
    dispatchers = [Dispatcher(store) for store in (first, second)]

    def sends(store: EmulatorStore, dispatcher: Dispatcher, mine: list[str]) -> list[str]:
        ids = []
        for mdn in mine:
            # a new person each time: person numbers are handed out under the lock too
            store.find_or_create_person(mdn)
            ids.append(
                accept_event(
                    store,
                    dispatcher,
                    {"event_type": "promo", "event_data": {"mdn": mdn}},
                    2,
                    unserved=lambda _mdn: None,
                    undeliverable=set(),
                    delivery_delay_s=3600,
                )["event_id"]
            )
        return ids

    try:
        sent = _at_once(
            [
                lambda: sends(first, dispatchers[0], numbers[0::2]),
                lambda: sends(second, dispatchers[1], numbers[1::2]),
            ]
        )
    finally:
        for d in dispatchers:
            d.stop()
    events = first.q("SELECT seq, event_id, mdn FROM events ORDER BY seq")
    assert len(events) == len(numbers) == len({r["seq"] for r in events})
    assert {r["event_id"] for r in events} == set(sent[0]) | set(sent[1])
    persons = first.q("SELECT seq, mdn FROM persons WHERE mdn LIKE '+121355502%'")
    assert sorted(r["mdn"] for r in persons) == numbers
    assert len({r["seq"] for r in first.q("SELECT seq FROM persons")}) == len(numbers) + 2


def test_two_emulators_asked_at_once_subscribe_once(two_stores: tuple[EmulatorStore, EmulatorStore]) -> None:
    first, second = two_stores
    for i in range(10):
        mdn = f"+121355503{i:02d}"
        # the same new number reaches both emulators at once: one person, one opt-in
        people = _at_once([lambda m=mdn: first.find_or_create_person(m), lambda m=mdn: second.find_or_create_person(m)])
        assert people[0]["person_key"] == people[1]["person_key"]
        key = people[0]["person_key"]
        done = _at_once([lambda k=key: first.opt_in(k, "101", "a"), lambda k=key: second.opt_in(k, "101", "b")])
        assert sorted(done) == [False, True]
        log = first.q("SELECT count(*) FROM subscription_log WHERE person_key = ? AND event = 'OPT_IN'", (key,))
        assert log[0][0] == 1


def test_emulators_starting_at_once_seed_the_account_once(pg_url: str, seed_file: Path) -> None:
    stores = [EmulatorStore(pg_url) for _ in range(3)]
    try:
        applied = _at_once([lambda s=s: s.seed_once(seed_file) for s in stores])
        assert sorted(applied) == [False, False, True]
        assert stores[0].q1("SELECT count(*) FROM subscription_log")[0] == len(SEED["subscriptions"])
    finally:
        for s in stores:
            s.close()


def admin_kill(url: str) -> None:
    """End the emulators' server sessions, as a restart of the server would."""
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'smsflow-emulator'"
        )


def test_a_lost_connection_is_opened_again(pg_url: str, seed_file: Path) -> None:
    store = EmulatorStore(pg_url)
    try:
        store.seed_once(seed_file)
        admin_kill(pg_url)
        # the next request gets a new connection, reads and writes alike
        assert store.meta("username") == SEED["username"]
        admin_kill(pg_url)
        store.set_meta("note", "after a restart")
        assert store.meta("note") == "after a restart"
    finally:
        store.close()


# -- a team workspace's embedded emulator -------------------------------------------------------------
def test_a_team_workspace_runs_its_emulator_on_its_database(pg_url: str) -> None:
    ws = Workspace(pg_url)
    assert emulator_state(ws) == pg_url
    ws.emulator_dir.mkdir(parents=True, exist_ok=True)
    (ws.emulator_dir / "seed.json").write_text(json.dumps(SEED), encoding="utf-8")
    server, release = acquire_workspace_emulator(ws, inform=False)
    try:
        again, release_again = acquire_workspace_emulator(Workspace(pg_url), inform=False)
        assert again is server  # one emulator per database in a process
        release_again()
        assert server.store is not None and server.store.url == pg_url
        assert server.username == SEED["username"]  # seeded from the workspace's local seed file
        assert not (ws.emulator_dir / "vibes-emulator.db").exists()
        assert emulator_feed(ws) is None
        with httpx.Client(base_url=server.base_url, timeout=5.0) as http:
            http.post("/_emulator/reply", json={"mdn": "+12135550102", "text": "STOP"})
        # another process's emulator (its own store on the database) sees the STOP
        other = EmulatorStore(pg_url)
        try:
            person = other.person(mdn="+12135550102")
            assert other.active_list_ids(person["person_key"]) == []
        finally:
            other.close()
    finally:
        release()


# -- a team workspace: its feed, the demo -----------------------------------------------------------------
@pytest.fixture
def team_url(pg_url: str) -> Iterator[str]:
    """``pg_url`` for workspaces, their connection pools closed before the database is dropped."""
    try:
        yield pg_url
    finally:
        close_pools()


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code = main([*argv, "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out or captured.err)


def test_a_team_workspace_hears_from_its_emulator_on_the_database(team_url: str) -> None:
    ws = Workspace.open(team_url, create=True)
    ws.emulator_dir.mkdir(parents=True, exist_ok=True)
    (ws.emulator_dir / "seed.json").write_text(json.dumps(SEED), encoding="utf-8")
    with ws.session() as conn:
        client, release = open_client_for_workspace(ws, conn)
    try:
        feed = emulator_feed(ws)
        assert feed is not None and feed.wait_idle()
        # another agent's emulator on the same database takes a STOP
        with EmulatorServer(team_url) as other, httpx.Client(base_url=other.base_url, timeout=5.0) as http:
            assert http.post("/_emulator/reply", json={"mdn": "+12135550102", "text": "STOP"}).json()["lists"] == [
                "101"
            ]
        # and this process's emulator tells this workspace about it with its own next change
        member = client.find_person_by_mdn("+12135550101")
        client.unsubscribe("102", person_key=member.person_key)  # type: ignore[union-attr]
        assert feed.wait_idle()
        with ws.session() as conn:
            rows = conn.execute("SELECT list_id, mdn, active FROM vibes_memberships ORDER BY mdn, list_id").fetchall()
    finally:
        client.close()
        release()
    # (the seeded subscriptions were there before the workspace listened: sync mirrors those)
    assert [tuple(r) for r in rows] == [("102", "+12135550101", 0), ("101", "+12135550102", 0)]


def test_demo_on_a_team_workspace_seeds_the_emulated_account_in_the_database(
    team_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data = run_cli(capsys, "demo", "init", "--workspace", team_url, "--people", "60")
    assert code == 0, data
    assert data["workspace"] == team_url and data["vibes_lists"] == 3
    ws = Workspace(team_url)
    seed = json.loads((ws.emulator_dir / "seed.json").read_text(encoding="utf-8"))
    # another computer has no seed file: its emulator still serves the demo account from the database
    (ws.emulator_dir / "seed.json").unlink()
    server, release = acquire_workspace_emulator(ws, inform=False)
    try:
        assert (server.company_key, server.username, server.password) == ("demo", "demo", seed["password"])
        assert server.short_code == seed["short_code"]
        count = server.store.q1("SELECT count(*) FROM subscriptions WHERE opt_out_date IS NULL")[0]  # type: ignore[union-attr]
        assert count == len(seed["subscriptions"]) > 0
    finally:
        release()
    code, data = run_cli(capsys, "vibes", "sync", "--workspace", team_url)
    assert code == 0 and data["subscription_lists"] == 3
    code, data = run_cli(capsys, "demo", "init", "--workspace", team_url, "--people", "60")
    assert code == 2 and "already holds 60 people" in data["error"]


def test_demo_refuses_a_database_whose_emulated_account_is_in_use(
    team_url: str, seed_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = EmulatorStore(team_url)
    try:
        store.seed_once(seed_file)
    finally:
        store.close()
    with_password = team_url.replace("postgres@", "postgres:s3cret@")  # the test server trusts any
    code, data = run_cli(capsys, "demo", "init", "--workspace", with_password, "--people", "10")
    assert code == 2 and "s3cret" not in data["error"]
    assert data["error"].endswith(
        "the database already holds an emulated Vibes account; create the demo in a new database"
    )
