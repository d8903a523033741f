"""The runner with a fake Vibes: states, crashes, resumes, opt-outs mid-run, cancel, waits."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from smsflow_desktop.services.campaigns import load_campaign, message_bodies
from smsflow_desktop.services.engine import ledger
from smsflow_desktop.services.engine.actions import event_type_for
from smsflow_desktop.services.engine.runner import (
    CampaignHasProblems,
    CancelToken,
    RunOptions,
    resume_run,
    start_run,
)
from smsflow_desktop.services.vibes.errors import NetworkError, ServerError
from smsflow_desktop.services.workspace import transaction
from tests.services.engine.helpers import (
    FakeVibes,
    add_member,
    add_person,
    make_workspace,
    refused,
    send_campaign,
    store,
)

T0 = datetime(2026, 4, 6, 16, 0, tzinfo=UTC)  # noon in New York


def clock(at: datetime = T0):
    return lambda: at


def mdn(i: int) -> str:
    return f"+1212456{i:04d}"


@pytest.fixture
def ws(tmp_path: Path):
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        for i in range(1, 13):
            add_person(conn, i, mdn(i))
            add_member(conn, mdn(i))
        add_person(conn, 13, mdn(12))  # shares 12's number
        add_person(conn, 14, mdn(14), blocklisted=1)
        add_member(conn, mdn(14))
    return ws


def fake() -> FakeVibes:
    return FakeVibes(members={"101": {mdn(i) for i in range(1, 15)}})


def states(ws, run_id: int) -> dict[tuple[int, int], tuple[str, str | None]]:
    with ws.session() as conn:
        return {
            (r[0], r[1]): (r[2], r[3])
            for r in conn.execute("SELECT step_index, person_id, state, reason FROM ledger WHERE run_id = ?", (run_id,))
        }


def test_send_run_texts_each_eligible_number_once(ws) -> None:
    store(ws, send_campaign())
    client = fake()
    result = start_run(ws, "Promo", client, clock=clock())
    assert result.status == "completed"
    assert result.counts["sent"] == 12 and result.counts["skipped"] == 2 and result.counts["failed"] == 0
    sent = [e["event_data"]["mdn"] for e in client.events]
    assert sorted(sent) == sorted(mdn(i) for i in range(1, 13))
    assert client.events[0]["event_data"]["message"] == "Hi Ann1! Reply STOP to opt out"
    assert len({e["event_id"] for e in client.events}) == 12 and len(client.etms) == 1
    assert states(ws, result.run_id)[(1, 13)] == ("skipped", "duplicate_phone")
    # the event-triggered message is created once per campaign step, message and list
    start_run(ws, "Promo", client, clock=clock())
    assert len(client.etms) == 1 and len(client.events) == 24


def test_a_run_checks_each_text_against_the_workspace_once_not_once_per_free_request(ws, monkeypatch) -> None:
    from smsflow_desktop.services.compliance.policy import Compliance

    checks: list[str] = []
    check = Compliance.check

    def counted(self, conn, number, *args):  # type: ignore[no-untyped-def]
        checks.append(number)
        return check(self, conn, number, *args)

    monkeypatch.setattr(Compliance, "check", counted)
    store(ws, send_campaign())
    result = start_run(ws, "Promo", fake(), clock=clock(), options=RunOptions(concurrency=1))
    assert result.status == "completed" and result.counts["sent"] == 12
    # one request at a time: the rows still due wait for their turn unchecked (each would be
    # checked again when it is its turn, against the workspace as it stands then)
    assert len(checks) <= 12 + 2, len(checks)


def test_a_vibes_message_created_before_a_crash_is_reused_not_doubled(ws) -> None:
    store(ws, send_campaign())
    client = fake()
    with ws.session() as conn:
        campaign = load_campaign(conn, "Promo")
    # The run that died had created the message in Vibes but not yet recorded its id.
    event_type = event_type_for("Promo", campaign.flow[0].id, campaign.flow[0].message, "101")
    client.create_event_triggered_message(name="left over", event_type=event_type, message_template="x", list_id="101")
    result = start_run(ws, "Promo", client, clock=clock())
    assert result.counts["sent"] == 12
    assert len(client.etms) == 1  # a second message for the same events would text everyone twice


def test_campaign_with_problems_is_refused(ws) -> None:
    store(ws, send_campaign(flow=[{"type": "send_sms", "message": "Nope", "vibes_list_id": "101"}]))
    with pytest.raises(CampaignHasProblems) as err:
        start_run(ws, "Promo", fake(), clock=clock())
    assert err.value.problems[0].code == "step.message_unknown"


def test_crash_leaves_in_doubt_and_resume_does_not_resend(ws) -> None:
    store(ws, send_campaign())
    client = fake()
    # simulate kill -9 after committing 'sending' and before the answer: the process dies
    client.before_send = lambda data: (_ for _ in ()).throw(SystemExit("killed")) if data["mdn"] == mdn(5) else None
    with pytest.raises(SystemExit):
        start_run(ws, "Promo", client, clock=clock(), options=RunOptions(concurrency=1))
    with ws.session() as conn:
        conn.execute("UPDATE ledger SET state = 'sending' WHERE person_id = 5")  # what the dead process left
        conn.execute("UPDATE runs SET status = 'running', owner_pid = 999999999, heartbeat_at = '2000-01-01T00:00:00Z'")
        assert ledger.effective_status(ledger.load_run(conn, 1)) == "interrupted"
    client.before_send = None
    result = resume_run(ws, 1, client, clock=clock())
    assert result.status == "completed" and result.counts["in_doubt"] == 1 and result.counts["sent"] == 11
    sent = [e["event_data"]["mdn"] for e in client.events]
    assert mdn(5) not in sent and len(sent) == len(set(sent))
    again = resume_run(ws, 1, client, clock=clock())  # a finished run only reports
    assert again.counts == result.counts and len(client.events) == len(sent)
    resent = resume_run(ws, 1, client, clock=clock(), options=RunOptions(resend_in_doubt=True))
    assert resent.counts["in_doubt"] == 0 and resent.counts["sent"] == 12
    assert [e["event_data"]["mdn"] for e in client.events].count(mdn(5)) == 1


def test_opt_out_mid_run_is_honoured(ws) -> None:
    store(ws, send_campaign())
    client = fake()

    def opt_out(data: dict) -> None:
        if data["mdn"] == mdn(1):
            with ws.session() as conn:
                conn.execute("UPDATE vibes_memberships SET active = 0 WHERE mdn = ?", (mdn(9),))
                conn.execute("UPDATE people SET unsubscribed = 1 WHERE id = 10")

    client.before_send = opt_out
    result = start_run(ws, "Promo", client, clock=clock(), options=RunOptions(concurrency=1, batch=1))
    st = states(ws, result.run_id)
    assert st[(1, 9)] == ("skipped", "not_in_vibes_list") and st[(1, 10)] == ("skipped", "unsubscribed")
    assert {mdn(9), mdn(10)}.isdisjoint(e["event_data"]["mdn"] for e in client.events)


def test_cancel_leaves_a_consistent_ledger_and_resume_finishes(ws) -> None:
    store(ws, send_campaign())
    client = fake()
    token = CancelToken()
    client.before_send = lambda data: token.cancel() if data["mdn"] == mdn(3) else None
    result = start_run(ws, "Promo", client, clock=clock(), cancel=token, options=RunOptions(concurrency=2, batch=1))
    assert result.status == "cancelled" and result.counts["sending"] == 0
    assert 0 < result.counts["sent"] < 12 and result.counts["pending"] > 0
    done = resume_run(ws, result.run_id, client, clock=clock())
    assert done.status == "completed" and done.counts["sent"] == 12 and len(client.events) == 12


def test_pause_is_a_resumable_status_offered_after_a_restart(ws) -> None:
    from smsflow_desktop.services.engine.in_doubt import unfinished_runs

    store(ws, send_campaign())
    client = fake()
    token = CancelToken()
    client.before_send = lambda data: token.pause() if data["mdn"] == mdn(3) else None
    seen: list[int] = []
    result = start_run(
        ws,
        "Promo",
        client,
        clock=clock(),
        cancel=token,
        progress=lambda p: seen.append(p.run_id),
        options=RunOptions(concurrency=2, batch=1),
    )
    assert result.status == "paused" and result.counts["pending"] > 0
    assert seen and set(seen) == {result.run_id}  # progress names the run from the start
    with ws.session() as conn:
        assert [(r.run_id, r.status) for r in unfinished_runs(conn)] == [(result.run_id, "paused")]
    done = resume_run(ws, result.run_id, client, clock=clock())
    assert done.status == "completed" and len(client.events) == 12


def test_second_runner_is_refused_and_dead_owner_taken_over(ws) -> None:
    store(ws, send_campaign())
    with ws.session() as conn:
        run_id = ledger.create_run(conn, load_campaign(conn, "Promo"), message_bodies(conn), T0, dry_run=False)
        ledger.acquire(conn, run_id)  # a live runner: this very process
    with pytest.raises(ledger.RunBusyError, match="already running"):
        start_run(ws, "Promo", fake(), clock=clock())
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    with ws.session() as conn:
        conn.execute("UPDATE runs SET owner_pid = ? WHERE id = ?", (int(dead.stdout), run_id))
    assert resume_run(ws, run_id, fake(), clock=clock()).status == "completed"


def test_waits_park_people_and_resume_carries_on(ws) -> None:
    flow = [
        {"type": "send_sms", "message": "Hello", "vibes_list_id": "101"},
        {"type": "wait", "duration": "4 hours"},
        {"type": "send_sms", "message": "Hello", "vibes_list_id": "101"},
    ]
    store(ws, send_campaign(flow=flow))
    client = fake()
    result = start_run(ws, "Promo", client, clock=clock())
    assert result.status == "waiting" and result.counts["sent"] == 12 and result.counts["pending"] == 12
    assert resume_run(ws, result.run_id, client, clock=clock()).status == "waiting"
    later = resume_run(ws, result.run_id, client, clock=clock(datetime(2026, 4, 6, 20, 0, tzinfo=UTC)))
    assert later.status == "completed" and later.counts["sent"] == 24
    ids = [e["event_id"] for e in client.events]
    assert len(ids) == len(set(ids)) == 24


def test_quiet_hours_defer_to_next_opening(ws) -> None:
    store(ws, send_campaign(quiet={"enabled": True, "start": "08:00", "end": "21:00"}))
    client = fake()
    night = datetime(2026, 4, 7, 5, 0, tzinfo=UTC)  # 01:00 in New York
    result = start_run(ws, "Promo", client, clock=clock(night))
    assert result.status == "waiting" and result.counts["deferred"] == 12 and not client.events
    with ws.session() as conn:
        due = {r[0] for r in conn.execute("SELECT due_at FROM ledger WHERE state = 'pending'")}
    assert due == {"2026-04-07T12:00:00Z"}  # 08:00 EDT
    morning = resume_run(ws, result.run_id, client, clock=clock(datetime(2026, 4, 7, 12, 0, tzinfo=UTC)))
    assert morning.status == "completed" and morning.counts["sent"] == 12


def test_subscribe_and_unsubscribe_answers_update_the_mirror(ws) -> None:
    with ws.session() as conn, transaction(conn):
        add_person(conn, 20, mdn(20))
        add_person(conn, 21, mdn(21))
        add_person(conn, 22, mdn(22))
    flow = [
        {"type": "subscribe_vibes_list", "vibes_list_id": "101", "acquisition_campaign_id": "201"},
        {"type": "unsubscribe_vibes_list", "vibes_list_id": "101"},
    ]
    store(
        ws,
        send_campaign(
            flow=flow,
            smart_list={
                "logic": "any",
                "filters": [
                    {
                        "type": "person_field",
                        "field": "external_id",
                        "operator": "is",
                        "values": ["E20", "E21", "E22", "E1"],
                    }
                ],
            },
        ),
    )
    client = fake()
    client.members["101"].add(mdn(21))  # Vibes knows more than the mirror: 409
    client.fail[mdn(22)] = refused()
    result = start_run(ws, "Promo", client, clock=clock())
    st = states(ws, result.run_id)
    assert st[(1, 20)] == ("subscribed_pending", None)
    assert st[(1, 21)] == ("skipped", "already_member")
    assert st[(1, 22)] == ("failed", "refused_MDNHASCONFIRMATIONBLOCK")
    assert st[(2, 1)] == ("unsubscribed", None)
    assert result.counts["subscribed_pending"] == 1 and result.counts["unsubscribed"] == 1
    with ws.session() as conn:
        assert conn.execute("SELECT active FROM vibes_memberships WHERE mdn = ?", (mdn(1),)).fetchone()[0] == 0
        assert (
            conn.execute("SELECT status FROM vibes_participants WHERE mdn = ?", (mdn(20),)).fetchone()[0] == "PENDING"
        )
        types = {r[0] for r in conn.execute("SELECT type FROM activity")}
    assert {"Subscribe Requested", "Subscription Rejected", "Unsubscribed", "Skipped"} <= types


def test_unsubscribe_not_a_member_and_shared_numbers(ws) -> None:
    store(ws, send_campaign(flow=[{"type": "unsubscribe_vibes_list", "vibes_list_id": "101"}]))
    client = fake()
    client.members["101"].discard(mdn(2))  # the mirror is behind: Vibes says 404 / unknown
    result = start_run(ws, "Promo", client, clock=clock())
    st = states(ws, result.run_id)
    assert st[(1, 2)] == ("skipped", "not_a_member")
    assert st[(1, 12)][0] == st[(1, 13)][0] == "unsubscribed" and st[(1, 14)][0] == "unsubscribed"
    assert [c for c in client.calls if c[0] == "unsubscribe"].count(("unsubscribe", ("101", "pk" + mdn(12)))) == 1


def test_failures_retry_then_fail_and_may_have_reached_is_in_doubt(ws) -> None:
    store(ws, send_campaign())
    client = fake()
    client.fail[mdn(1)] = NetworkError("connect failed", may_have_reached=False)
    client.fail[mdn(2)] = ServerError("bad gateway", status=502, may_have_reached=True)
    result = start_run(ws, "Promo", client, clock=clock(), options=RunOptions(backoff_s=0))
    st = states(ws, result.run_id)
    assert st[(1, 1)] == ("failed", "network_error") and st[(1, 2)][0] == "in_doubt"
    assert result.status == "completed" and result.counts["sent"] == 10


def test_dry_run_calls_nothing_and_keeps_qualification(ws) -> None:
    store(ws, send_campaign(qualification="once"))
    result = start_run(ws, "Promo", None, clock=clock(), options=RunOptions(dry_run=True))
    assert result.status == "completed" and result.counts["sent"] == 12
    with ws.session() as conn:
        assert conn.execute("SELECT count(*) FROM campaign_entries").fetchone()[0] == 0
    client = fake()
    real = start_run(ws, "Promo", client, clock=clock())
    assert real.counts["sent"] == 12
    again = start_run(ws, "Promo", client, clock=clock())
    assert sum(again.counts.values()) == 0 and len(client.events) == 12  # once: nobody enters again


def test_too_long_text_fails_and_frequency_limit_skips(ws) -> None:
    store(ws, send_campaign(), {"Hello": "{{lead.Bio}}"})
    with ws.session() as conn, transaction(conn):
        conn.execute("UPDATE people SET custom_fields = ? WHERE id = 1", ('{"Bio": "' + "x" * 901 + '"}',))
        conn.execute(
            "INSERT INTO settings VALUES ('frequency_cap.enabled', 'true'), ('frequency_cap.max_per_24h', '1')"
        )
    client = fake()
    first = start_run(ws, "Promo", client, clock=clock())
    assert states(ws, first.run_id)[(1, 1)] == ("failed", "text_too_long")
    second = start_run(ws, "Promo", client, clock=clock())
    assert second.counts["sent"] == 0 and states(ws, second.run_id)[(1, 2)] == ("skipped", "frequency_limit")


def test_progress_is_reported(ws) -> None:
    store(ws, send_campaign())
    seen = []
    start_run(ws, "Promo", fake(), clock=clock(), progress=seen.append)
    # 14 people, 2 of them skipped (a shared number, a blocklisted one): 12 texts to send
    assert seen and seen[-1].done == seen[-1].total == 12 and seen[-1].status == "completed"
    assert seen[-1].counts["skipped"] == 2 and seen[-1].skipped_people == 2


def test_progress_counts_what_there_is_to_do_and_skipped_people_once(ws) -> None:
    # two texts: a person left out is skipped at both steps, yet is one person
    flow = [
        {"type": "send_sms", "message": "Hello", "vibes_list_id": "101"},
        {"type": "send_sms", "message": "Hello", "vibes_list_id": "101"},
    ]
    store(ws, send_campaign(flow=flow))
    seen = []
    result = start_run(ws, "Promo", fake(), clock=clock(), progress=seen.append, options=RunOptions(batch=4))
    assert result.counts["skipped"] == 4 and result.skipped_people == 2
    first = seen[0]
    assert first.total == 24  # 12 people, two texts each; the 4 skipped rows are nothing to do
    assert 0 <= first.done < first.total and first.skipped_people == 2
    assert all(p.skipped_people <= 14 for p in seen)
