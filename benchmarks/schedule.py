"""How long ``next_runs`` takes for ten years of a weekly recurrence, against a plain loop.

The plain loop is what one would write first: look at every local date from the start, keep
those on a chosen weekday of a counted week, and turn each into an instant. Both must give
the same instants; the figure to watch is ``next_runs`` (target: under 50 ms).

    .venv/bin/python benchmarks/schedule.py [--years 10] [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

from smsflow_desktop.model.campaign import WEEKDAYS, Schedule
from smsflow_desktop.model.schedule import local_to_utc, next_runs


def plain_loop(schedule: Schedule, after: datetime, count: int) -> list[datetime]:
    """Every local date from the start's, one at a time."""
    rec = schedule.recurrence
    assert rec is not None and rec.time_zone and rec.at and rec.on
    zone = ZoneInfo(rec.time_zone)
    start = schedule.start_instant()
    assert start is not None
    first = start.astimezone(zone).date()
    monday = first - timedelta(days=first.weekday())
    until = date.fromisoformat(rec.until) if rec.until else date.max
    hours, minutes = map(int, rec.at.split(":"))
    at = clock_time(hours, minutes)
    out: list[datetime] = []
    day = first
    while day <= until and len(out) < count:
        week = (day - monday).days // 7
        if WEEKDAYS[day.weekday()] in rec.on and week % rec.interval == 0:
            instant = local_to_utc(day, at, zone)
            if instant >= start and instant > after:
                out.append(instant)
        day += timedelta(days=1)
    return out


def timed(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times = []
    result = None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    start = datetime(2026, 1, 5, 15, 0, tzinfo=UTC)
    until = date(2026 + args.years, 1, 4)
    schedule = Schedule.model_validate(
        {
            "start": start.isoformat().replace("+00:00", "Z"),
            "recurrence": {
                "every": "week",
                "interval": 1,
                "on": ["mon", "thu"],
                "at": "02:30",  # inside the DST gap of the spring-forward Sundays... and not on them
                "time_zone": "America/New_York",
                "until": until.isoformat(),
            },
        }
    )
    after = start - timedelta(seconds=1)
    big = 10_000
    fast_s, fast = timed(lambda: next_runs(schedule, after, big), args.repeat)
    slow_s, slow = timed(lambda: plain_loop(schedule, after, big), args.repeat)
    assert fast == slow, "next_runs and the plain loop disagree"
    later = start + timedelta(days=365 * (args.years - 1))
    tail_s, _ = timed(lambda: next_runs(schedule, later, 3), args.repeat)
    print(f"weekly recurrence (mon, thu, 02:30 America/New_York), {args.years} years: {len(fast)} runs")  # type: ignore[arg-type]
    print(f"  next_runs, all of them:      {fast_s * 1000:8.2f} ms  (target < 50 ms)")
    print(f"  plain loop over every date:  {slow_s * 1000:8.2f} ms")
    print(f"  next 3 runs, {args.years - 1} years on:   {tail_s * 1000:8.3f} ms")


if __name__ == "__main__":
    main()
