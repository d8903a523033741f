"""Activating campaigns: what is refused, what an active campaign says about its next runs."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from smsflow_desktop.model.campaign import SmsMessage
from smsflow_desktop.model.campaign_file import CampaignFile
from smsflow_desktop.model.schedule import iso_z
from smsflow_desktop.services.automation import (
    ActivationRefused,
    activate_campaign,
    automation_status,
    deactivate_campaign,
)
from smsflow_desktop.services.campaigns import CampaignNotFound, import_campaign
from smsflow_desktop.services.workspace import Workspace
from tests.services.automation.helpers import T0, campaign
from tests.services.engine.helpers import make_workspace, store

pytestmark = pytest.mark.usefixtures("store_kind")  # each test on a folder and on a database

WEEKLY = {
    "start": "2026-05-04T14:00:00Z",
    "recurrence": {"every": "week", "on": ["mon", "thu"], "at": "10:00", "time_zone": "America/New_York"},
}


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def test_an_active_batch_campaign_says_when_it_runs_and_stays_active(ws: Workspace) -> None:
    store(ws, campaign("Weekly", schedule=WEEKLY))
    with ws.session() as conn:
        status = activate_campaign(conn, "Weekly", T0 - timedelta(hours=1))
    assert status.as_dict() == {
        "campaign": "Weekly",
        "active": True,
        "kind": "batch",
        "next_runs": ["2026-05-04T14:00:00Z", "2026-05-07T14:00:00Z", "2026-05-11T14:00:00Z"],
        "activated_at": "2026-05-04T13:00:00Z",
    }
    with ws.session() as conn:  # another connection, as another program would see it
        again = automation_status(conn, "Weekly", T0 + timedelta(minutes=1))
    assert again.active and iso_z(again.next_runs[0]) == "2026-05-07T14:00:00Z"
    with ws.session() as conn:
        # activating again changes nothing
        assert activate_campaign(conn, "Weekly", T0).activated_at == "2026-05-04T13:00:00Z"
        off = deactivate_campaign(conn, "Weekly", T0)
        assert off.as_dict()["active"] is False and off.next_runs == []
        assert not automation_status(conn, "Weekly", T0).active


def test_a_trigger_campaign_activates_without_runs_to_show(ws: Workspace) -> None:
    store(ws, campaign("Welcome", smart_list={"triggers": [{"type": "person_is_created"}]}))
    with ws.session() as conn:
        status = activate_campaign(conn, "Welcome", T0)
    assert (status.active, status.kind, status.next_runs) == (True, "trigger", [])


@pytest.mark.parametrize(
    ("schedule", "code"),
    [
        ({}, "schedule.missing"),
        ({"start": "2026-05-01T10:00:00Z"}, "schedule.no_future_runs"),
        (
            {"start": "2026-04-01T10:00:00Z", "recurrence": {"every": "day", "until": "2026-04-30"}},
            "schedule.no_future_runs",
        ),
    ],
)
def test_a_batch_campaign_that_would_never_run_is_refused(ws: Workspace, schedule: dict, code: str) -> None:
    store(ws, campaign("Once", schedule=schedule))
    with ws.session() as conn, pytest.raises(ActivationRefused) as err:
        activate_campaign(conn, "Once", T0)
    assert [p.code for p in err.value.problems] == [code]
    assert err.value.kind == "batch"
    with ws.session() as conn:
        assert not automation_status(conn, "Once", T0).active


def test_a_campaign_with_problems_is_refused(ws: Workspace) -> None:
    broken = campaign(
        "Broken",
        flow=[{"type": "send_sms", "message": "Missing", "vibes_list_id": "101"}],
        smart_list={"triggers": [{"type": "subscribes_to_vibes_list", "vibes_list_id": "999"}]},
    )
    store(ws, broken)
    with ws.session() as conn, pytest.raises(ActivationRefused) as err:
        activate_campaign(conn, "Broken", T0)
    assert {p.code for p in err.value.problems} == {"step.message_unknown", "trigger.vibes_list_unknown"}
    with ws.session() as conn, pytest.raises(CampaignNotFound):
        activate_campaign(conn, "Nope", T0)


def test_import_never_activates(ws: Workspace) -> None:
    doc = CampaignFile(
        campaign=campaign("Imported", schedule=WEEKLY), messages=[SmsMessage(name="Hello", body="Hi! Reply STOP")]
    )
    with ws.session() as conn:
        import_campaign(conn, doc)
        assert not automation_status(conn, "Imported", T0).active
        assert conn.execute("SELECT count(*) FROM automation_campaigns").fetchone()[0] == 0
