"""When a Wait step lets a person go on: a duration, then optionally the next allowed
weekday and time of day (in the workspace's default time zone). A step type that delays
people (``StepType.delays``) has these three fields; its kinds say which is which."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, time, timedelta

from smsflow_desktop.model.campaign import WEEKDAYS
from smsflow_desktop.model.duration import parse_duration
from smsflow_desktop.model.step_types import FlowStep, step_type


def wait_until(start: datetime, step: FlowStep, zone: zoneinfo.ZoneInfo) -> datetime:
    """The instant (UTC) a person who reached ``step`` at ``start`` moves on."""
    st = step_type(step.type)
    duration: str = st.value(step, "duration")
    weekdays: list[str] | None = st.value(step, "weekdays")
    resume_time: str | None = st.value(step, "time_of_day")
    at = start + parse_duration(duration)
    days = set(weekdays or WEEKDAYS)
    if weekdays is None and resume_time is None:
        return at
    local = at.astimezone(zone)
    resume = None
    if resume_time:
        hour, minute = (int(part) for part in resume_time.split(":"))
        resume = time(hour, minute)
    for offset in range(0, 8):
        day = local.date() + timedelta(days=offset)
        if WEEKDAYS[day.weekday()] not in days:
            continue
        candidate = (
            datetime.combine(day, resume, tzinfo=zone)
            if resume
            else (local if offset == 0 else datetime.combine(day, time(0, 0), tzinfo=zone))
        )
        if candidate >= local:
            return candidate.astimezone(UTC)
    return at  # pragma: no cover - some weekday within eight days always matches
