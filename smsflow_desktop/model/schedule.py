"""When a batch campaign runs by itself: the instants of ``schedule.start`` and ``schedule.recurrence``.

:func:`next_runs` is a pure function of the schedule, an instant and the workspace's default
time zone; it never reads the clock or the machine's time zone. Occurrences are worked out
in local time in the recurrence's zone (``zoneinfo``) and turned into UTC instants:

* a local time that a DST change skips (02:30 on a spring-forward night) runs at the first
  instant after the gap (the transition itself: 03:00 local);
* a local time that happens twice (01:30 on a fall-back night) runs once, at its first instant;
* ``until`` is a local date, inclusive; no run comes before ``start``;
* days and weeks are counted from the local date of ``start`` (the week from its Monday), or,
  without a start, from ``anchor`` (when the campaign was activated); months fall on
  ``start``'s day of the month, which validation keeps within 1–28.

Each candidate costs a few ``zoneinfo`` conversions; the search jumps straight to the period
that holds the given instant, so asking for the next runs of a campaign that started years ago
costs no more than asking at its start.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from smsflow_desktop.model.campaign import WEEKDAYS, Recurrence, Schedule

DEFAULT_AT = time(9, 0)
#: Local dates beyond this are not looked at (datetime ends at year 9999; instants need room).
LAST_DATE = date(9000, 12, 31)


def zone_or_none(name: str | None) -> ZoneInfo | None:
    """The IANA zone called ``name``; None for an empty or unknown name."""
    if not name or name != name.strip():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def local_to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The instant the local wall clock in ``zone`` first reads ``day`` ``at``; for a local time
    skipped by a DST gap, the first instant after the gap."""
    naive = datetime.combine(day, at)
    local = naive.replace(tzinfo=zone)
    before = local.utcoffset()  # fold=0: the offset in force before a transition at this wall time
    after = local.replace(fold=1).utcoffset()
    assert before is not None and after is not None
    if before >= after:
        # an ordinary time (both the same), or one the clocks pass twice: its first instant
        return (naive - before).replace(tzinfo=UTC)
    # In a gap: the two readings bracket the transition; the first second whose local reading
    # is at or past the wall time asked for is the moment the clocks jumped.
    lo = int((naive - after).replace(tzinfo=UTC).timestamp())
    hi = int((naive - before).replace(tzinfo=UTC).timestamp())
    while lo < hi:
        mid = (lo + hi) // 2
        if datetime.fromtimestamp(mid, zone).replace(tzinfo=None) >= naive:
            hi = mid
        else:
            lo = mid + 1
    return datetime.fromtimestamp(lo, UTC)


@dataclass(frozen=True)
class _Plan:
    """A recurrence with its defaults filled in."""

    every: str
    interval: int
    zone: ZoneInfo
    at: time
    anchor: date  # local date periods are counted from
    weekdays: tuple[int, ...]
    month_day: int
    until: date | None
    start: datetime | None


def _plan(schedule: Schedule, rec: Recurrence, default_zone: str, anchor: datetime) -> _Plan | None:
    zone = zone_or_none(rec.time_zone) if rec.time_zone else zone_or_none(default_zone)
    if zone is None:
        return None
    start = schedule.start_instant()
    base = (start or anchor).astimezone(zone)
    if rec.at:
        hours, minutes = rec.at.split(":")
        at = time(int(hours), int(minutes))
    elif start is not None:
        at = time(base.hour, base.minute)
    else:
        at = DEFAULT_AT
    if rec.on is not None:
        weekdays = tuple(sorted({WEEKDAYS.index(d) for d in rec.on}))
    else:
        weekdays = (base.weekday() if start is not None else 0,)
    until = date.fromisoformat(rec.until) if rec.until else None
    return _Plan(rec.every, rec.interval, zone, at, base.date(), weekdays, base.day, until, start)


def _add_months(day: date, months: int, month_day: int) -> date | None:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    if year > LAST_DATE.year:
        return None
    return date(year, month + 1, min(month_day, 28))


def _candidates(plan: _Plan, lower: date) -> Iterator[date]:
    """Local dates of occurrences, in order, starting with the period that holds ``lower``
    (or the first period, when ``lower`` comes before it)."""
    n = plan.interval
    if plan.every == "day":
        k = max(0, (lower - plan.anchor).days // n - 1)
        day = plan.anchor + timedelta(days=k * n)
        while day <= LAST_DATE:
            yield day
            day += timedelta(days=n)
    elif plan.every == "week":
        if not plan.weekdays:
            return
        monday = plan.anchor - timedelta(days=plan.anchor.weekday())
        k = max(0, (lower - monday).days // 7 // n - 1)
        week = monday + timedelta(weeks=k * n)
        while week <= LAST_DATE:
            for wd in plan.weekdays:
                yield week + timedelta(days=wd)
            week += timedelta(weeks=n)
    else:
        first = date(plan.anchor.year, plan.anchor.month, 1)
        months = (lower.year - first.year) * 12 + lower.month - first.month
        k = max(0, months // n - 1)
        while True:
            month_day = _add_months(first, k * n, plan.month_day)
            if month_day is None:
                return
            yield month_day
            k += 1


def iter_runs(
    schedule: Schedule,
    after: datetime,
    *,
    default_zone: str = "UTC",
    anchor: datetime | None = None,
    inclusive: bool = False,
) -> Iterator[datetime]:
    """Run instants (UTC) after ``after`` (at or after it with ``inclusive``), in order, for as
    long as the schedule has them. ``anchor`` stands in for a missing ``start`` (the moment
    the campaign was activated); without either, ``after`` does."""
    if after.tzinfo is None:
        raise ValueError("after must be an aware datetime")
    after = after.astimezone(UTC)

    def later(instant: datetime) -> bool:
        return instant >= after if inclusive else instant > after

    rec = schedule.recurrence
    start = schedule.start_instant()
    if rec is None:
        if start is not None and later(start):
            yield start
        return
    plan = _plan(schedule, rec, default_zone, (anchor or after).astimezone(UTC))
    if plan is None:
        return
    floor = max(after, start) if start is not None else after
    lower = floor.astimezone(plan.zone).date()
    for day in _candidates(plan, lower):
        if plan.until is not None and day > plan.until:
            return
        if day < plan.anchor:
            continue
        instant = local_to_utc(day, plan.at, plan.zone)
        if start is not None and instant < start:
            continue
        if later(instant):
            yield instant


def next_runs(
    schedule: Schedule,
    after: datetime,
    count: int = 3,
    *,
    default_zone: str = "UTC",
    anchor: datetime | None = None,
    inclusive: bool = False,
) -> list[datetime]:
    """The next ``count`` run instants (UTC) of a batch campaign after ``after`` (fewer when
    the schedule ends first; none for a schedule that says nothing about when to run)."""
    out: list[datetime] = []
    if count <= 0:
        return out
    for instant in iter_runs(schedule, after, default_zone=default_zone, anchor=anchor, inclusive=inclusive):
        out.append(instant)
        if len(out) >= count:
            break
    return out


def iso_z(instant: datetime) -> str:
    """``2026-05-01T14:00:00Z``: an instant as the command line shows it."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
