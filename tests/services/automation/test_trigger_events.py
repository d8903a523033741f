"""Trigger events are recorded the moment the workspace learns of them, in the same
transaction, once, whichever writer it was, and only while an active campaign listens."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from smsflow_desktop.services.automation import activate_campaign, deactivate_campaign
from smsflow_desktop.services.campaigns import save_campaign
from smsflow_desktop.services.importers import import_people_csv, import_vibes_extract
from smsflow_desktop.services.static_lists import add_people, create_list
from smsflow_desktop.services.vibes.callbacks import apply_callback
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.services.automation.helpers import T0, campaign
from tests.services.engine.helpers import add_person, make_workspace, store

pytestmark = pytest.mark.usefixtures("store_kind")  # each test on a folder and on a database

DAILY_HEADER = [
    "person_id",
    "mdn",
    "subscription_list_id",
    "opt_in_date",
    "opt_out_date",
    "subscription_event",
    "opt_out_reason",
]
MDN = "+12125550123"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def listen(ws: Workspace, name: str, *triggers: dict) -> None:
    store(ws, campaign(name, smart_list={"triggers": list(triggers)}))
    with ws.session() as conn:
        activate_campaign(conn, name, T0)


def events(ws: Workspace) -> list[tuple[str, str, object, object]]:
    with ws.session() as conn:
        return [
            (r[0], r[1], r[2], r[3])
            for r in conn.execute("SELECT kind, subject, person_id, mdn FROM automation_events ORDER BY id")
        ]


def subscription(kind: str, event_id: str, list_id: str, *, opt_in: str | None = None, opt_out: str | None = None):
    return {
        "event_id": event_id,
        "event_type": kind,
        "subscription": {
            "person": {"person_key": "pk1", "mobile_phone": {"mdn": MDN}},
            "subscription_list": {"id": list_id},
            "opt_in_date": opt_in,
            "opt_out_date": opt_out,
            "opt_out_reason": "user_opt_out" if opt_out else None,
        },
    }


def daily(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join("\t".join(r) for r in [DAILY_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_nothing_is_recorded_while_nobody_listens(ws: Workspace) -> None:
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, MDN)
    assert events(ws) == []
    listen(ws, "Welcome", {"type": "person_is_created"})
    with ws.session() as conn, transaction(conn):
        add_person(conn, 2, "+12125550124")
    assert events(ws) == [("person_is_created", "", 2, None)]
    with ws.session() as conn:
        deactivate_campaign(conn, "Welcome", T0)
        with transaction(conn):
            add_person(conn, 3, "+12125550125")
    assert len(events(ws)) == 1


def test_an_event_belongs_to_the_transaction_of_its_change(ws: Workspace, tmp_path: Path) -> None:
    listen(ws, "Welcome", {"type": "person_is_created"})
    with ws.session() as conn, pytest.raises(sqlite3.IntegrityError), transaction(conn):
        add_person(conn, 5, MDN)
        add_person(conn, 5, MDN)  # the same id again: the whole transaction goes
    assert events(ws) == []
    people = tmp_path / "people.csv"
    people.write_text("external_id,first_name,phone\nA1,Ann,+12125550131\nA2,Bo,+12125550132\n", encoding="utf-8")
    with ws.session() as conn:
        import_people_csv(conn, people)
        import_people_csv(conn, people)  # the same people again: updated, not created
    assert [e[0] for e in events(ws)] == ["person_is_created", "person_is_created"]


def test_a_subscription_fires_once_per_number_list_and_opt_in(ws: Workspace, tmp_path: Path) -> None:
    listen(ws, "Joined", {"type": "subscribes_to_vibes_list", "vibes_list_id": "102"})
    with ws.session() as conn:
        assert apply_callback(conn, subscription("subscription_added", "cb1", "102", opt_in="2026-05-04T14:00:00Z"))
        # Vibes sends the same news again under another id, and a daily extract tells it too
        apply_callback(conn, subscription("subscription_added", "cb2", "102", opt_in="2026-05-04T14:00:00.000Z"))
        import_vibes_extract(
            conn,
            daily(tmp_path / "d1.tsv", [["pk1", MDN, "102", "2026-05-04 10:00:00 -0400", "", "OPT_IN", ""]]),
        )
        apply_callback(conn, subscription("subscription_added", "cb3", "101", opt_in="2026-05-04T14:00:00Z"))
    assert events(ws) == [("subscribes_to_vibes_list", "102", None, MDN)]
    with ws.session() as conn:
        apply_callback(
            conn,
            subscription(
                "subscription_removed", "cb4", "102", opt_in="2026-05-04T14:00:00Z", opt_out="2026-05-05T00:00Z"
            ),
        )
        apply_callback(conn, subscription("subscription_added", "cb5", "102", opt_in="2026-05-06T09:00:00Z"))
    assert events(ws)[1:] == [("subscribes_to_vibes_list", "102", None, MDN)]  # a new opt-in fires again


def test_a_subscription_learned_first_from_a_current_extract_fires_once(ws: Workspace, tmp_path: Path) -> None:
    listen(ws, "Joined", {"type": "subscribes_to_vibes_list", "vibes_list_id": "102"})
    current = tmp_path / "current_2026-05-04.tsv"
    current.write_text("mdn_e164_format\tsubscription_list_id\n" + f"{MDN}\t102\n", encoding="utf-8")
    with ws.session() as conn:
        import_vibes_extract(conn, current)
        # the callback with the opt-in date arrives later: the same opt-in
        apply_callback(conn, subscription("subscription_added", "cb1", "102", opt_in="2026-05-03T14:00:00Z"))
    assert len(events(ws)) == 1


def test_unsubscribes_fire_when_a_subscription_ends(ws: Workspace) -> None:
    listen(ws, "Left", {"type": "unsubscribes_from_vibes_list", "vibes_list_id": "101"})
    with ws.session() as conn:
        apply_callback(conn, subscription("subscription_added", "cb1", "101", opt_in="2026-05-01T00:00:00Z"))
        apply_callback(
            conn,
            subscription("subscription_removed", "cb2", "101", opt_in="2026-05-01T00:00Z", opt_out="2026-05-04T00:00Z"),
        )
        apply_callback(
            conn,
            subscription("subscription_removed", "cb3", "101", opt_in="2026-05-01T00:00Z", opt_out="2026-05-04T00:00Z"),
        )
    assert events(ws) == [("unsubscribes_from_vibes_list", "101", None, MDN)]


def _receipt(event_id: str, stage: str, status: str, cb: str) -> dict:
    return {
        "event_id": cb,
        "event_type": "event_processed",
        "event_processed": {"event_id": event_id, "mdn": MDN, "stage": stage, "status": status},
    }


def test_a_bounce_fires_once_per_text_and_can_name_a_campaign(ws: Workspace) -> None:
    store(ws, campaign("Promo"))
    listen(ws, "Bounced", {"type": "sms_bounces", "campaign": "Promo"})
    with ws.session() as conn, transaction(conn):
        for name in ("Promo", "Other"):
            conn.execute(
                "INSERT INTO runs(campaign_name, status, snapshot, started_at) VALUES (?, 'completed', '{}', 'x')",
                (name,),
            )
        for run_id, event_id in ((1, "ev-promo"), (2, "ev-other")):
            conn.execute(
                "INSERT INTO ledger(run_id, step_index, person_id, mdn, action, state, event_id, updated_at) "
                "VALUES (?, 1, 1, ?, 'send_sms', 'sent', ?, 'x')",
                (run_id, MDN, event_id),
            )
    with ws.session() as conn:
        apply_callback(conn, _receipt("ev-promo", "carrier_dlr", "failure", "r1"))
        apply_callback(conn, _receipt("ev-promo", "handset_dlr", "failure", "r2"))
        apply_callback(conn, _receipt("ev-other", "carrier_dlr", "failure", "r3"))
        apply_callback(conn, _receipt("ev-promo", "routing", "success", "r4"))
    assert events(ws) == [("sms_bounces", "Promo", None, MDN)]


def test_added_to_list_fires_on_each_addition_only(ws: Workspace) -> None:
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, MDN)
        add_person(conn, 2, "+12125550124")
    with ws.session() as conn:
        create_list(conn, "VIP")
        create_list(conn, "Other")
    listen(ws, "Welcome VIP", {"type": "added_to_list", "list": "VIP"})
    with ws.session() as conn:
        add_people(conn, "VIP", ["E1"])
        add_people(conn, "VIP", ["E1", "E2"])  # E1 is a member already
        add_people(conn, "Other", ["E1"])
    assert events(ws) == [("added_to_list", "VIP", 1, None), ("added_to_list", "VIP", 2, None)]


def test_editing_an_active_campaign_changes_what_it_listens_for(ws: Workspace) -> None:
    listen(ws, "Welcome", {"type": "person_is_created"})
    edited = campaign(
        "Welcome", smart_list={"triggers": [{"type": "subscribes_to_vibes_list", "vibes_list_id": "101"}]}
    )
    with ws.session() as conn:
        save_campaign(conn, edited)
        with transaction(conn):
            add_person(conn, 1, MDN)
        apply_callback(conn, subscription("subscription_added", "cb1", "101", opt_in="2026-05-04T14:00:00Z"))
        listens = conn.execute("SELECT kind, subject FROM automation_listens").fetchall()
    assert [tuple(r) for r in listens] == [("subscribes_to_vibes_list", "101")]
    assert events(ws) == [("subscribes_to_vibes_list", "101", None, MDN)]
