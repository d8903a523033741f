"""Quiet hours for numbers whose prefix covers several time zones: the window must be open in
every zone phonenumbers gives the number, in the preview, in the run and in the funnel."""

from __future__ import annotations

import json
import zoneinfo
from datetime import UTC, datetime, time
from pathlib import Path

import phonenumbers
import pytest

from smsflow_desktop.cli import main as cli_main
from smsflow_desktop.model.campaign import QuietHours
from smsflow_desktop.services.engine.preview import Preview, preview_step
from smsflow_desktop.services.engine.quiet_hours import Window
from smsflow_desktop.services.engine.runner import resume_run, start_run
from smsflow_desktop.services.importers.people_csv import import_people_csv
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.services.engine.helpers import FakeVibes, add_member, add_person, make_workspace, send_campaign, store

NEWFOUNDLAND = "+17097271234"  # phonenumbers: America/Halifax, America/St_Johns
AU_MOBILE = "+61412345678"  # phonenumbers: Adelaide, Brisbane, Eucla, Lord Howe, Perth, Sydney, Christmas, Cocos
SYDNEY_LANDLINE = "+61298765432"  # Australia/Sydney only
NEW_YORK = "+12124560001"

QUIET = {"enabled": True, "start": "08:00", "end": "21:00"}
# 21:15 in Newfoundland (NDT, UTC-2:30) is 20:45 in Halifax (ADT, UTC-3)
NL_2115 = datetime(2026, 7, 15, 23, 45, tzinfo=UTC)
NL_NEXT_OPENING = datetime(2026, 7, 16, 11, 0, tzinfo=UTC)  # 08:00 Halifax, 08:30 St John's
# Australian winter (no DST): Perth UTC+8, Adelaide +9:30, Sydney +10, Lord Howe +10:30, Cocos +6:30, Christmas +7
PERTH_0631 = datetime(2026, 6, 14, 22, 31, tzinfo=UTC)  # 08:01 Adelaide, 08:31 Sydney
PERTH_0800 = datetime(2026, 6, 15, 0, 0, tzinfo=UTC)  # 10:00 Sydney, but 06:30 on the Cocos Islands
AU_OPENING = datetime(2026, 6, 15, 1, 30, tzinfo=UTC)  # 08:00 Cocos, 09:30 Perth, 11:30 Sydney, 12:00 Lord Howe
AU_LAST_OPEN = datetime(2026, 6, 15, 10, 29, tzinfo=UTC)  # 20:59 Lord Howe, 20:29 Sydney
AU_CLOSED = datetime(2026, 6, 15, 10, 30, tzinfo=UTC)  # 21:00 Lord Howe


def zones_of(e164: str) -> tuple[str, ...]:
    return tuple(phonenumbers.timezone.time_zones_for_number(phonenumbers.parse(e164)))


def workspace(root: Path, numbers: dict[int, str], person_zones: dict[int, str] | None = None) -> Workspace:
    ws = make_workspace(root)
    with ws.session() as conn, transaction(conn):
        for pid, mdn in numbers.items():
            add_person(conn, pid, mdn, time_zone=(person_zones or {}).get(pid, ""))
            add_member(conn, mdn)
    store(ws, send_campaign(quiet=QUIET))
    return ws


def preview_at(ws: Workspace, now: datetime) -> Preview:
    with ws.session() as conn:
        return preview_step(conn, send_campaign(quiet=QUIET), now=now)


def fake(*numbers: str) -> FakeVibes:
    return FakeVibes(members={"101": set(numbers)})


def due_times(ws: Workspace) -> dict[str, str]:
    with ws.session() as conn:
        return dict(conn.execute("SELECT mdn, due_at FROM ledger WHERE state = 'pending'").fetchall())


# -- the run: the window must be open in every zone -----------------------------------------


def test_newfoundland_number_at_2115_is_deferred_until_open_in_both_zones(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws", {1: NEWFOUNDLAND})
    client = fake(NEWFOUNDLAND)
    result = start_run(ws, "Promo", client, clock=lambda: NL_2115)
    assert result.status == "waiting" and result.counts["deferred"] == 1 and not client.events
    assert due_times(ws) == {NEWFOUNDLAND: "2026-07-16T11:00:00Z"}
    done = resume_run(ws, result.run_id, client, clock=lambda: NL_NEXT_OPENING)
    assert done.status == "completed" and [e["event_data"]["mdn"] for e in client.events] == [NEWFOUNDLAND]


def test_australian_mobile_waits_for_the_zone_that_opens_last(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws", {1: AU_MOBILE})
    client = fake(AU_MOBILE)
    result = start_run(ws, "Promo", client, clock=lambda: PERTH_0631)
    assert result.status == "waiting" and result.counts["deferred"] == 1 and not client.events
    # Perth opens at 08:00, but the number may also be on the Cocos Islands (06:30 then)
    assert due_times(ws) == {AU_MOBILE: "2026-06-15T01:30:00Z"}
    early = resume_run(ws, result.run_id, client, clock=lambda: PERTH_0800)
    assert early.status == "waiting" and not client.events
    done = resume_run(ws, result.run_id, client, clock=lambda: AU_OPENING)
    assert done.status == "completed" and len(client.events) == 1


def test_a_person_time_zone_still_decides_alone(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws", {1: AU_MOBILE}, {1: "Australia/Perth"})
    client = fake(AU_MOBILE)
    assert start_run(ws, "Promo", client, clock=lambda: PERTH_0800).status == "completed"
    assert len(client.events) == 1
    assert preview_at(ws, PERTH_0800).deferred_quiet_hours == 0
    assert preview_at(ws, PERTH_0631).deferred_quiet_hours == 1


# -- the preview counts with the same rule as the run -----------------------------------------


@pytest.mark.parametrize(
    "now, deferred",
    [
        (NL_2115, {NEWFOUNDLAND, AU_MOBILE}),  # 21:15 St John's; 06:15 Cocos; 19:45 New York, 09:45 Sydney
        (NL_NEXT_OPENING, {NEW_YORK, SYDNEY_LANDLINE, AU_MOBILE}),  # 08:00 Halifax, 08:30 St John's; 21:00 Sydney
        (PERTH_0631, {AU_MOBILE}),  # 08:31 Sydney; 19:31 Halifax, 20:01 St John's
        (PERTH_0800, {NEWFOUNDLAND, AU_MOBILE}),  # 21:00 Halifax; 06:30 Cocos; 20:00 New York
        (AU_OPENING, {NEW_YORK, NEWFOUNDLAND}),  # 08:00 Cocos ... 12:00 Lord Howe; 21:30 New York
        (AU_LAST_OPEN, {NEW_YORK, NEWFOUNDLAND}),  # 20:59 Lord Howe; 07:59 St John's
        (AU_CLOSED, {NEW_YORK, NEWFOUNDLAND, AU_MOBILE}),  # 21:00 Lord Howe, 20:30 Sydney; 07:30 Halifax
    ],
)
def test_preview_defers_exactly_whom_the_run_defers(tmp_path: Path, now: datetime, deferred: set[str]) -> None:
    numbers = {1: NEWFOUNDLAND, 2: AU_MOBILE, 3: SYDNEY_LANDLINE, 4: NEW_YORK}
    assert deferred == {n for n in numbers.values() if not _open_everywhere(n, now)}
    ws = workspace(tmp_path / "ws", numbers)
    for _ in range(2):  # the second time from the looked-up zones kept in the workspace
        p = preview_at(ws, now)
        assert p.deferred_quiet_hours == len(deferred)
        assert (p.multi_zone, p.multi_zone_deferred) == (2, len(deferred & {NEWFOUNDLAND, AU_MOBILE}))
    client = fake(*numbers.values())
    start_run(ws, "Promo", client, clock=lambda: now)
    assert set(due_times(ws)) == deferred
    assert {e["event_data"]["mdn"] for e in client.events} == set(numbers.values()) - deferred


def _open_everywhere(e164: str, now: datetime) -> bool:
    window = Window.from_settings(QuietHours.model_validate(QUIET))
    return all(window.allows(now.astimezone(zoneinfo.ZoneInfo(z))) for z in zones_of(e164))


def test_first_preview_and_later_ones_count_alike(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws", {1: AU_MOBILE, 2: NEWFOUNDLAND, 3: NEW_YORK})
    night = datetime(2026, 6, 15, 15, 0, tzinfo=UTC)  # 23:00 Perth, 01:00 Sydney, 21:30 Cocos: closed everywhere
    for _ in range(2):  # numbers never looked up, then from the workspace's table
        p = preview_at(ws, night)
        assert (p.recipients, p.deferred_quiet_hours, p.multi_zone, p.multi_zone_deferred) == (3, 1, 2, 1)


def test_zones_kept_by_an_earlier_release_are_looked_up_again(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws", {1: NEWFOUNDLAND})
    with ws.session() as conn, transaction(conn):  # what was kept when only the first zone was used
        conn.execute(
            "INSERT INTO phone_time_zones(mdn, zone, data_version) VALUES (?, 'America/Halifax', ?)",
            (NEWFOUNDLAND, phonenumbers.__version__),
        )
    assert preview_at(ws, NL_2115).deferred_quiet_hours == 1
    client = fake(NEWFOUNDLAND)
    assert start_run(ws, "Promo", client, clock=lambda: NL_2115).status == "waiting" and not client.events


def test_imported_numbers_keep_all_their_zones(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    csv = tmp_path / "people.csv"
    csv.write_text("external_id,phone,country\nA,(709) 727-1234,CA\nB,0412 345 678,AU\n", encoding="utf-8")
    with ws.session() as conn:
        import_people_csv(conn, csv, default_region="US")
        with transaction(conn):
            add_member(conn, NEWFOUNDLAND)
            add_member(conn, AU_MOBILE)
    store(ws, send_campaign(quiet=QUIET))
    p = preview_at(ws, NL_2115)
    assert p.recipients == 2 and p.deferred_quiet_hours == 2 and p.multi_zone == 2


# -- when the zones' windows never meet ------------------------------------------------------

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
LONDON = zoneinfo.ZoneInfo("Europe/London")
LOS_ANGELES = zoneinfo.ZoneInfo("America/Los_Angeles")
NARROW = Window(True, time(8, 0), time(10, 0))


def test_common_window_is_the_intersection_and_opens_when_the_last_zone_opens() -> None:
    window = Window.from_settings(QuietHours.model_validate(QUIET))
    zones = (zoneinfo.ZoneInfo("America/Halifax"), zoneinfo.ZoneInfo("America/St_Johns"))
    assert not window.allows_in_all(NL_2115, zones)
    assert window.next_opening_in_all(NL_2115, zones) == NL_NEXT_OPENING
    assert window.allows_in_all(NL_NEXT_OPENING, zones)


def test_windows_that_never_meet_fall_back_to_most_zones_open() -> None:
    # 08:00-10:00 in Stockholm and London (UTC+2, +1 in July) meet 07:00-08:00 UTC; Los Angeles never does
    zones = (STOCKHOLM, LONDON, LOS_ANGELES)
    la_morning = datetime(2026, 7, 15, 15, 30, tzinfo=UTC)  # 08:30 Los Angeles, 17:30 Stockholm
    assert not NARROW.allows_in_all(la_morning, zones)
    both = NARROW.next_opening_in_all(la_morning, zones)
    assert both == datetime(2026, 7, 16, 7, 0, tzinfo=UTC)
    assert NARROW.allows_in_all(both, zones)  # the deferred text goes then: never deferred for ever
    # two zones whose windows never meet: the first instant open in one of them, and open then
    pair = (STOCKHOLM, LOS_ANGELES)
    at = NARROW.next_opening_in_all(datetime(2026, 7, 15, 9, 0, tzinfo=UTC), pair)  # 11:00 Stockholm
    assert at == datetime(2026, 7, 15, 15, 0, tzinfo=UTC)  # 08:00 Los Angeles
    assert NARROW.allows_in_all(at, pair)
    assert not NARROW.allows_in_all(datetime(2026, 7, 15, 14, 59, tzinfo=UTC), pair)


def test_a_run_over_zones_that_never_meet_goes_when_most_are_open(tmp_path: Path) -> None:
    # 08:00-09:00 in zones from UTC+6:30 (Cocos) to +10:30 (Lord Howe) never meets; at most three zones
    # are open at once: Lord Howe, Brisbane and Sydney from 22:00 UTC
    ws = workspace(tmp_path / "ws", {1: AU_MOBILE})
    store(ws, send_campaign(quiet={"enabled": True, "start": "08:00", "end": "09:00"}))
    client = fake(AU_MOBILE)
    result = start_run(ws, "Promo", client, clock=lambda: datetime(2026, 6, 15, 3, 0, tzinfo=UTC))
    assert result.status == "waiting" and due_times(ws) == {AU_MOBILE: "2026-06-15T22:00:00Z"}
    done = resume_run(ws, result.run_id, client, clock=lambda: datetime(2026, 6, 15, 22, 0, tzinfo=UTC))
    assert done.status == "completed" and len(client.events) == 1


# -- the funnel says how many were judged over several zones ------------------------------------


def test_preview_command_reports_numbers_that_span_several_zones(tmp_path: Path, capsys, monkeypatch) -> None:
    ws = workspace(tmp_path / "ws", {1: NEWFOUNDLAND, 2: AU_MOBILE, 3: SYDNEY_LANDLINE, 4: NEW_YORK})
    monkeypatch.setenv("SMSFLOW_NOW", "2026-07-15T23:45:00Z")
    assert cli_main(["preview", "Promo", "--workspace", str(ws.root), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"smart_list", "excluded", "recipients", "deferred_quiet_hours", "problems"} <= set(data)
    assert (data["recipients"], data["deferred_quiet_hours"]) == (4, 2)
    assert (data["multi_zone"], data["multi_zone_deferred"]) == (2, 2)
    assert cli_main(["preview", "Promo", "--workspace", str(ws.root)]) == 0
    out = capsys.readouterr().out
    assert "deferred by quiet hours (still recipients): 2 (2 of them have numbers that span several time zones" in out
    assert "recipients whose numbers span several time zones: 2" in out


def test_funnel_dialog_says_how_many_were_judged_over_several_zones(qtbot) -> None:
    from smsflow_desktop.ui.run.funnel_dialog import PreviewDialog

    dialog = PreviewDialog([(1, "Send SMS")], lambda n: None)
    qtbot.addWidget(dialog)
    dialog.quiet_hours = ("08:00", "21:00")
    preview = Preview(1, "send_sms", 1200, {}, 1200, 120, multi_zone=300, multi_zone_deferred=35)
    dialog.show_preview(preview)
    text = dialog.quiet_note.text()
    assert "120" in text and "35 of them have numbers that span several time zones" in text
    assert "300" in text and dialog.quiet_note.isVisibleTo(dialog)
    dialog.show_preview(Preview(1, "send_sms", 10, {}, 10, 0, multi_zone=4, multi_zone_deferred=0))
    assert dialog.quiet_note.isVisibleTo(dialog) and "4 recipients" in dialog.quiet_note.text()
    dialog.show_preview(Preview(1, "send_sms", 10, {}, 10, 0))
    assert not dialog.quiet_note.isVisibleTo(dialog)
