"""When a Wait step lets a person go on: a duration, then optionally the next allowed
weekday and time of day (in the workspace's default time zone)."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, time, timedelta

from smsflow_desktop.model.campaign import WEEKDAYS, WaitStep
from smsflow_desktop.model.duration import parse_duration


def wait_until(start: datetime, step: WaitStep, zone: zoneinfo.ZoneInfo) -> datetime:
    """The instant (UTC) a person who reached ``step`` at ``start`` moves on."""
    at = start + parse_duration(step.duration)
    days = set(step.resume_weekdays or WEEKDAYS)
    if step.resume_weekdays is None and step.resume_time is None:
        return at
    local = at.astimezone(zone)
    resume = None
    if step.resume_time:
        hour, minute = (int(part) for part in step.resume_time.split(":"))
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
