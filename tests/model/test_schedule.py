"""Run instants of batch campaigns: exact, DST-correct, the same on every machine.

The expected instants are written out by hand for the DST nights of America/New_York and
Europe/Stockholm; a slow reference (every local date checked, each instant found by scanning
the clock minute by minute) checks random schedules in zones with unusual DST rules.
"""

from __future__ import annotations

import os
import random
import time as time_module
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from smsflow_desktop.model.campaign import WEEKDAYS, Schedule
from smsflow_desktop.model.schedule import iso_z, local_to_utc, next_runs


def schedule(**kw: object) -> Schedule:
    return Schedule.model_validate(kw)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def runs(s: Schedule, after: str, n: int = 5, **kw: object) -> list[str]:
    return [iso_z(x) for x in next_runs(s, at(after), n, **kw)]  # type: ignore[arg-type]


# -- DST -----------------------------------------------------------------------------------


def test_new_york_spring_gap_runs_at_the_first_instant_after_it() -> None:
    # 2026-03-08: 02:00 EST becomes 03:00 EDT, so 02:30 does not happen that night.
    s = schedule(
        start="2026-03-06T00:00:00Z", recurrence={"every": "day", "at": "02:30", "time_zone": "America/New_York"}
    )
    assert runs(s, "2026-03-06T00:00:00Z", 4) == [
        "2026-03-06T07:30:00Z",  # 02:30 EST
        "2026-03-07T07:30:00Z",
        "2026-03-08T07:00:00Z",  # the gap: 03:00 EDT, the moment the clocks jump
        "2026-03-09T06:30:00Z",  # 02:30 EDT
    ]


def test_new_york_fall_repeat_runs_once_at_its_first_instant() -> None:
    # 2026-11-01: 02:00 EDT becomes 01:00 EST, so 01:30 happens twice.
    s = schedule(
        start="2026-10-30T00:00:00Z", recurrence={"every": "day", "at": "01:30", "time_zone": "America/New_York"}
    )
    assert runs(s, "2026-10-30T00:00:00Z", 4) == [
        "2026-10-30T05:30:00Z",
        "2026-10-31T05:30:00Z",
        "2026-11-01T05:30:00Z",  # 01:30 EDT, not 01:30 EST an hour later
        "2026-11-02T06:30:00Z",
    ]
    # asked between the two 01:30s, the repeat does not count as another run
    assert runs(s, "2026-11-01T05:45:00Z", 1) == ["2026-11-02T06:30:00Z"]


def test_stockholm_gap_and_repeat_in_a_weekly_recurrence() -> None:
    # 2026-03-29: 02:00 CET becomes 03:00 CEST; 2026-10-25: 03:00 CEST becomes 02:00 CET.
    s = schedule(
        start="2026-03-01T00:00:00Z",
        recurrence={"every": "week", "on": ["sun"], "at": "02:30", "time_zone": "Europe/Stockholm"},
    )
    assert runs(s, "2026-03-21T00:00:00Z", 3) == [
        "2026-03-22T01:30:00Z",  # 02:30 CET
        "2026-03-29T01:00:00Z",  # the gap: 03:00 CEST
        "2026-04-05T00:30:00Z",  # 02:30 CEST
    ]
    assert runs(s, "2026-10-17T00:00:00Z", 3) == [
        "2026-10-18T00:30:00Z",
        "2026-10-25T00:30:00Z",  # the first 02:30 (CEST)
        "2026-11-01T01:30:00Z",
    ]


def test_stockholm_daily_across_the_repeated_hour_once() -> None:
    s = schedule(
        start="2026-10-24T00:00:00Z", recurrence={"every": "day", "at": "02:00", "time_zone": "Europe/Stockholm"}
    )
    assert runs(s, "2026-10-23T00:00:00Z", 3) == [
        "2026-10-24T00:00:00Z",
        "2026-10-25T00:00:00Z",  # 02:00 CEST (02:00 CET comes an hour later and is not a run)
        "2026-10-26T01:00:00Z",
    ]


def test_local_to_utc_gap_at_the_transition_instant() -> None:
    ny = ZoneInfo("America/New_York")
    assert local_to_utc(date(2026, 3, 8), datetime.strptime("02:00", "%H:%M").time(), ny) == at("2026-03-08T07:00Z")
    assert local_to_utc(date(2026, 3, 8), datetime.strptime("02:59", "%H:%M").time(), ny) == at("2026-03-08T07:00Z")
    assert local_to_utc(date(2026, 3, 8), datetime.strptime("03:00", "%H:%M").time(), ny) == at("2026-03-08T07:00Z")
    assert local_to_utc(date(2026, 3, 8), datetime.strptime("01:59", "%H:%M").time(), ny) == at("2026-03-08T06:59Z")


# -- recurrence rules --------------------------------------------------------------------------


def test_weekly_on_several_weekdays() -> None:
    s = schedule(
        start="2026-05-04T00:00:00Z",  # a Monday
        recurrence={"every": "week", "on": ["thu", "mon"], "at": "10:00", "time_zone": "America/New_York"},
    )
    assert runs(s, "2026-05-01T00:00:00Z", 4) == [
        "2026-05-04T14:00:00Z",
        "2026-05-07T14:00:00Z",
        "2026-05-11T14:00:00Z",
        "2026-05-14T14:00:00Z",
    ]


def test_every_second_week_counts_from_the_start_week() -> None:
    s = schedule(
        start="2026-05-06T12:00:00Z",  # a Wednesday
        recurrence={"every": "week", "interval": 2, "on": ["mon", "fri"], "at": "09:00", "time_zone": "UTC"},
    )
    # Monday of the start week is before the start; its Friday is not
    assert runs(s, "2026-05-01T00:00:00Z", 4) == [
        "2026-05-08T09:00:00Z",
        "2026-05-18T09:00:00Z",
        "2026-05-22T09:00:00Z",
        "2026-06-01T09:00:00Z",
    ]
    # asked years later, the weeks still count from the start
    later = runs(s, "2030-01-01T00:00:00Z", 2)
    weeks = [(at(x).date() - date(2026, 5, 4)).days // 7 for x in later]
    assert all(w % 2 == 0 for w in weeks)


def test_weekly_default_weekday_is_the_start_s_and_time_the_start_s() -> None:
    s = schedule(start="2026-05-06T15:45:00Z", recurrence={"every": "week", "time_zone": "Europe/Stockholm"})
    assert runs(s, "2026-05-01T00:00:00Z", 2) == ["2026-05-06T15:45:00Z", "2026-05-13T15:45:00Z"]


def test_every_three_days_and_until_is_inclusive() -> None:
    s = schedule(
        start="2026-01-01T08:00:00Z",
        recurrence={"every": "day", "interval": 3, "at": "08:00", "time_zone": "UTC", "until": "2026-01-10"},
    )
    assert runs(s, "2025-12-01T00:00:00Z", 10) == [
        "2026-01-01T08:00:00Z",
        "2026-01-04T08:00:00Z",
        "2026-01-07T08:00:00Z",
        "2026-01-10T08:00:00Z",
    ]


def test_until_is_a_local_date() -> None:
    # 23:30 in New York on 2026-06-01 is already 2026-06-02 in UTC; it still counts.
    s = schedule(
        start="2026-05-30T00:00:00Z",
        recurrence={"every": "day", "at": "23:30", "time_zone": "America/New_York", "until": "2026-06-01"},
    )
    assert runs(s, "2026-05-29T00:00:00Z", 10) == [
        "2026-05-30T03:30:00Z",  # the start is 20:00 on 2026-05-29 in New York
        "2026-05-31T03:30:00Z",
        "2026-06-01T03:30:00Z",
        "2026-06-02T03:30:00Z",
    ]


def test_monthly_on_the_start_day_every_second_month() -> None:
    s = schedule(
        start="2026-01-15T15:00:00Z",
        recurrence={"every": "month", "interval": 2, "time_zone": "America/New_York", "until": "2026-09-30"},
    )
    assert runs(s, "2026-01-01T00:00:00Z", 10) == [
        "2026-01-15T15:00:00Z",  # 10:00 EST
        "2026-03-15T14:00:00Z",  # 10:00 EDT
        "2026-05-15T14:00:00Z",
        "2026-07-15T14:00:00Z",
        "2026-09-15T14:00:00Z",
    ]


def test_start_alone_is_one_run_and_no_run_before_start() -> None:
    s = schedule(start="2026-05-01T10:00:00Z")
    assert runs(s, "2026-04-01T00:00:00Z") == ["2026-05-01T10:00:00Z"]
    assert runs(s, "2026-05-01T10:00:00Z") == []
    assert runs(s, "2026-05-01T10:00:00Z", inclusive=True) == ["2026-05-01T10:00:00Z"]
    daily = schedule(start="2026-05-01T10:00:00Z", recurrence={"every": "day", "at": "09:00", "time_zone": "UTC"})
    assert runs(daily, "2026-04-01T00:00:00Z", 2) == ["2026-05-02T09:00:00Z", "2026-05-03T09:00:00Z"]


def test_without_a_start_the_default_zone_and_the_anchor_apply() -> None:
    s = schedule(recurrence={"every": "week", "on": ["mon"], "at": "10:00"})
    assert runs(s, "2026-05-06T00:00:00Z", 2, default_zone="America/New_York") == [
        "2026-05-11T14:00:00Z",
        "2026-05-18T14:00:00Z",
    ]
    every_other = schedule(recurrence={"every": "week", "interval": 2, "on": ["mon"], "at": "10:00"})
    anchored = runs(every_other, "2026-05-20T00:00:00Z", 2, anchor=at("2026-05-06T00:00:00Z"))
    assert anchored == ["2026-06-01T10:00:00Z", "2026-06-15T10:00:00Z"]  # weeks from the anchor's (May 4)


def test_a_schedule_without_timing_has_no_runs() -> None:
    assert runs(schedule(), "2026-01-01T00:00:00Z") == []
    assert runs(schedule(recurrence={"every": "week", "on": []}), "2026-01-01T00:00:00Z") == []


def test_the_machine_s_time_zone_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    s = schedule(
        start="2026-03-01T00:00:00Z",
        recurrence={"every": "day", "at": "02:30", "time_zone": "America/New_York", "until": "2026-03-12"},
    )
    expected = runs(s, "2026-03-01T00:00:00Z", 20)
    for tz in ("Pacific/Kiritimati", "America/Adak", "Europe/Stockholm"):
        monkeypatch.setenv("TZ", tz)
        time_module.tzset()
        try:
            assert runs(s, "2026-03-01T00:00:00Z", 20) == expected
        finally:
            monkeypatch.delenv("TZ")
            time_module.tzset()
    assert os.environ.get("TZ") is None


# -- a slow reference ---------------------------------------------------------------------------


def _first_instant(day: date, hhmm: str, zone: ZoneInfo) -> datetime:
    """The first UTC minute whose local reading in ``zone`` is at or after ``day`` ``hhmm``."""
    naive = datetime.combine(day, datetime.strptime(hhmm, "%H:%M").time())
    t = (naive - timedelta(hours=16)).replace(tzinfo=UTC)
    while t.astimezone(zone).replace(tzinfo=None) < naive:
        t += timedelta(minutes=15)
    t -= timedelta(minutes=15)
    while t.astimezone(zone).replace(tzinfo=None) < naive:
        t += timedelta(minutes=1)
    return t


def _reference(s: Schedule, after: datetime, horizon_days: int) -> Iterator[datetime]:
    rec = s.recurrence
    assert rec is not None and rec.time_zone and rec.at
    zone = ZoneInfo(rec.time_zone)
    start = s.start_instant()
    assert start is not None
    first = start.astimezone(zone).date()
    monday = first - timedelta(days=first.weekday())
    on = rec.on if rec.on is not None else [WEEKDAYS[first.weekday()]]
    until = date.fromisoformat(rec.until) if rec.until else None
    for i in range(horizon_days):
        day = first + timedelta(days=i)
        if until is not None and day > until:
            return
        if rec.every == "day":
            hit = i % rec.interval == 0
        elif rec.every == "week":
            hit = WEEKDAYS[day.weekday()] in on and ((day - monday).days // 7) % rec.interval == 0
        else:
            months = (day.year - first.year) * 12 + day.month - first.month
            hit = day.day == first.day and months % rec.interval == 0
        if not hit:
            continue
        instant = _first_instant(day, rec.at, zone)
        if instant >= start and instant > after:
            yield instant


@pytest.mark.parametrize(
    "zone", ["America/New_York", "Europe/Stockholm", "Australia/Lord_Howe", "Europe/Dublin", "America/Santiago"]
)
def test_random_schedules_match_the_reference(zone: str) -> None:
    rng = random.Random(zone)
    for _ in range(6):
        every = rng.choice(["day", "week", "month"])
        rec: dict[str, object] = {
            "every": every,
            "interval": rng.randint(1, 3),
            "at": rng.choice(["00:00", "00:30", "01:30", "02:00", "02:15", "02:30", "03:00", "23:59", "12:07"]),
            "time_zone": zone,
        }
        if every == "week":
            rec["on"] = rng.sample(list(WEEKDAYS), rng.randint(1, 3))
        if rng.random() < 0.5:
            rec["until"] = (date(2026, 1, 1) + timedelta(days=rng.randint(30, 400))).isoformat()
        start = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 1439))
        if every == "month":
            start = start.replace(day=rng.randint(1, 27))
        s = schedule(start=iso_z(start), recurrence=rec)
        after = start + timedelta(days=rng.randint(-5, 40))
        horizon = start + timedelta(days=420)  # well inside the 430 local days the reference looks at
        want = [iso_z(x) for x in _reference(s, after, 430) if x < horizon][:25]
        got = [x for x in runs(s, iso_z(after), 25) if at(x) < horizon]
        assert got == want, (rec, iso_z(start), iso_z(after))
