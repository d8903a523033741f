"""Quiet hours: whose local time allows a text now, and when the window next opens.

A recipient's zone is the person's ``time_zone`` when it names an IANA zone; else the zone
``phonenumbers.timezone`` gives the E.164 number (the first, where it gives several); else
the workspace's ``default_time_zone``. Resolving a number is slow (tens of microseconds), so
:class:`ZoneResolver` keeps what it found per number, per explicit zone and per local-time
check; :func:`decide_prefix` decides whole groups of numbers at once when every zone their
country code can have agrees. The window is ``[start, end)`` in local time; a window whose
start is after its end runs over midnight, and ``start == end`` means no restriction.
"""

from __future__ import annotations

import logging
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from functools import lru_cache

from phonenumbers.tzdata import TIMEZONE_DATA, TIMEZONE_LONGEST_PREFIX

from smsflow_desktop.model.campaign import QuietHours
from smsflow_desktop.services.phones import UNKNOWN_ZONE, number_zone

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Window:
    """The sending window in local time; ``enabled=False`` allows any time."""

    enabled: bool
    start: time
    end: time

    @classmethod
    def from_settings(cls, qh: QuietHours) -> Window:
        return cls(qh.enabled, _hhmm(qh.start), _hhmm(qh.end))

    def allows(self, local: datetime) -> bool:
        """Whether a text may go at this local wall-clock time."""
        if not self.enabled or self.start == self.end:
            return True
        t = local.time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end

    def next_opening(self, now: datetime, zone: zoneinfo.ZoneInfo) -> datetime:
        """``now`` when the window is open, else the next instant (UTC) it opens in ``zone``."""
        local = now.astimezone(zone)
        if self.allows(local):
            return now
        day = local.date()
        for offset in range(0, 3):
            candidate = datetime.combine(day + timedelta(days=offset), self.start, tzinfo=zone)
            # a start time that falls in a DST gap is moved forward by the fold rules of zoneinfo
            utc = candidate.astimezone(UTC)
            if utc > now and self.allows(utc.astimezone(zone)):
                return utc
        return now + timedelta(hours=1)  # pragma: no cover - unreachable for sane windows


def _hhmm(text: str) -> time:
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


@lru_cache(maxsize=4096)
def zone_info(name: str) -> zoneinfo.ZoneInfo | None:
    """The zone called ``name``, or None when it is not an IANA zone we know."""
    if not name or name == UNKNOWN_ZONE:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def prefix_candidate_zones(digits: str) -> frozenset[str]:
    """Every zone a number starting with ``digits`` (no '+') could be given by ``number_zone``.

    Longer data prefixes under ``digits``, the longest one above it, the country-level list
    (for numbers that are not geographic) and the unknown zone together cover all cases.
    """
    out: set[str] = {UNKNOWN_ZONE}
    for length in range(min(len(digits), TIMEZONE_LONGEST_PREFIX), 0, -1):
        zones = TIMEZONE_DATA.get(digits[:length])
        if zones:
            out.add(zones[0])
            break
    for key, zones in _by_first_digit().get(digits[:1], ()):
        if key.startswith(digits):
            out.add(zones[0])
    for cc_len in (1, 2, 3):
        zones = TIMEZONE_DATA.get(digits[:cc_len])
        if zones:
            out.update(zones[:1])
    return frozenset(out)


@lru_cache(maxsize=1)
def _by_first_digit() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for key, zones in TIMEZONE_DATA.items():
        index.setdefault(key[:1], []).append((key, zones))
    return index


class ZoneResolver:
    """Resolves recipients' zones and answers "is the window open for them now?" quickly."""

    def __init__(self, window: Window, now: datetime, default_zone: str) -> None:
        self.window = window
        self.now = now
        self.default = zone_info(default_zone) or zoneinfo.ZoneInfo("UTC")
        self._number_zone: dict[str, str] = {}
        self._open_by_zone: dict[str, bool] = {}
        self._warned: set[str] = set()
        self._by_prefix: dict[str, bool | None] = {}

    def at(self, now: datetime) -> ZoneResolver:
        """Move the resolver's clock (answers per zone are kept only for one instant)."""
        if now != self.now:
            self.now = now
            self._open_by_zone.clear()
            self._by_prefix.clear()
        return self

    def zone_for(
        self, person_zone: str | None, e164: str | None, known_number_zone: str | None = None
    ) -> zoneinfo.ZoneInfo:
        """The zone quiet hours use for one recipient."""
        if person_zone:
            zi = zone_info(person_zone)
            if zi is not None:
                return zi
            if person_zone not in self._warned:
                self._warned.add(person_zone)
                log.warning("time zone %r is not an IANA zone; using the number's zone instead", person_zone)
        if e164:
            name = known_number_zone or self.number_zone(e164)
            zi = zone_info(name)
            if zi is not None:
                return zi
        return self.default

    def number_zone(self, e164: str) -> str:
        name = self._number_zone.get(e164)
        if name is None:
            name = number_zone(e164)
            self._number_zone[e164] = name
        return name

    def is_open_in(self, zone: zoneinfo.ZoneInfo) -> bool:
        key = str(zone)
        answer = self._open_by_zone.get(key)
        if answer is None:
            answer = self.window.allows(self.now.astimezone(zone))
            self._open_by_zone[key] = answer
        return answer

    def is_open(self, person_zone: str | None, e164: str | None, known_number_zone: str | None = None) -> bool:
        if not self.window.enabled:
            return True
        return self.is_open_in(self.zone_for(person_zone, e164, known_number_zone))

    def decide_prefix(self, digits: str) -> bool | None:
        """True/False when every number starting with ``digits`` gets that answer, else None."""
        if digits in self._by_prefix:
            return self._by_prefix[digits]
        answers = {self.is_open_in(zone_info(z) or self.default) for z in prefix_candidate_zones(digits)}
        answer = answers.pop() if len(answers) == 1 else None
        self._by_prefix[digits] = answer
        return answer

    def next_opening(self, person_zone: str | None, e164: str | None) -> datetime:
        return self.window.next_opening(self.now, self.zone_for(person_zone, e164))
