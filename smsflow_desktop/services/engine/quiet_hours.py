"""Quiet hours: whose local time allows a text now, and when the window next opens.

**Zones.** A recipient's zones are the person's ``time_zone`` when it names an IANA zone;
else every zone ``phonenumbers.timezone`` gives the E.164 number (``+1 709``: Halifax and
St John's; an Australian mobile: every Australian zone, from the Cocos Islands at UTC+6:30
to Lord Howe Island at UTC+10:30); else the workspace's ``default_time_zone``. Zone names
this system's zoneinfo does not know are left out; a number left with none uses the default.

**The rule.** The window is ``[start, end)`` in local time; a window whose start is after its
end runs over midnight, and ``start == end`` means no restriction. A window may also carry
what the recipient's compliance rules allow on each weekday (``days``, from
:mod:`smsflow_desktop.services.compliance`: Florida's 08:00–20:00, a state's closed Sunday);
then a text may go only when both allow it, judged at the recipient's local time and weekday,
so the strictest of the campaign's window and the rules applies. A text may go only while
the window is open in every one of the recipient's zones, and its next opening is the first
instant at which it is open in all of them: when the window opens in the zone that opens
last, provided it is still open in the others.

**Zones whose windows never meet.** A narrow window over zones far apart (08:00–09:00 across
Australia) has no instant open in all of them. Holding those texts for ever would lose them
without a word, and picking one zone would ignore where the person may be. So when no
instant of the next 48 hours (:data:`HORIZON`) is open in all of a recipient's zones, a text
may go while the window is open in as many of them as it ever is at once within those 48
hours, and the next opening is the first such instant: as few of the zones as can be are
outside their window when it goes. Whenever the zones have a common instant this is exactly
the rule above. Previews, runs and the due time of a deferred text all use this one rule
(:meth:`Window.allows_in_all`, :meth:`Window.next_opening_in_all`), so a text deferred to an
instant goes at that instant. When rules close whole days (a weekend), the next opening is
looked for up to :data:`LONG_HORIZON` ahead.

**Per recipient.** :class:`ZoneResolver` holds the campaign's window; with the workspace's
compliance rules (:class:`RegionWindows`) it gives each recipient's region (state, country)
its own window (:meth:`ZoneResolver.window_for`), and every answer is kept per zone set and
window.

**Speed.** Resolving a number is slow (tens of microseconds), so :class:`ZoneResolver` keeps
what it found per number, per zone set and per local-time check; :meth:`ZoneResolver.decide_prefix`
decides whole groups of numbers at once when every zone their prefix can have agrees and
they all span one zone, or all several.
"""

from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from functools import lru_cache
from typing import Protocol

from phonenumbers.tzdata import TIMEZONE_DATA, TIMEZONE_LONGEST_PREFIX

from smsflow_desktop.model.campaign import QuietHours
from smsflow_desktop.services.phones import UNKNOWN_ZONE, number_zones, split_zones, zones_text

log = logging.getLogger(__name__)

#: How far ahead a common opening of several zones is looked for.
HORIZON = timedelta(hours=48)
#: How far ahead the next opening is looked for when none falls within :data:`HORIZON` (rules
#: that close whole days): a week and a day.
LONG_HORIZON = timedelta(days=8)
_DAY = 24 * 60

#: The zones one recipient's quiet hours are judged in (at least one).
Zones = tuple[zoneinfo.ZoneInfo, ...]
#: Stretches of a local day, as minutes from midnight ``[from, to)`` (``to`` up to 1440).
Minutes = tuple[tuple[int, int], ...]
ALL_DAY: Minutes = ((0, _DAY),)


def intersect(a: Minutes, b: Minutes) -> Minutes:
    """The stretches of a day that both ``a`` and ``b`` allow."""
    out: list[tuple[int, int]] = []
    for a0, a1 in a:
        for b0, b1 in b:
            lo, hi = max(a0, b0), min(a1, b1)
            if lo < hi:
                out.append((lo, hi))
    return tuple(sorted(out))


@dataclass(frozen=True)
class Window:
    """The sending window in local time; ``enabled=False`` allows any time. ``days``: what
    compliance rules also allow on each weekday (Monday first; ``()`` a closed day), or None."""

    enabled: bool
    start: time
    end: time
    days: tuple[Minutes, ...] | None = None

    @classmethod
    def from_settings(cls, qh: QuietHours) -> Window:
        return cls(qh.enabled, _hhmm(qh.start), _hhmm(qh.end))

    @property
    def campaign_unrestricted(self) -> bool:
        """Whether the campaign's own window allows any time (rules aside)."""
        return not self.enabled or self.start == self.end

    @property
    def unrestricted(self) -> bool:
        return self.campaign_unrestricted and self.days is None

    def restricted_to(self, days: Sequence[Minutes]) -> Window:
        """This window, further limited to what ``days`` allows on each weekday."""
        if len(days) != 7:
            raise ValueError("a week has 7 days")
        merged = (
            tuple(days) if self.days is None else tuple(intersect(a, b) for a, b in zip(self.days, days, strict=True))
        )
        return Window(self.enabled, self.start, self.end, merged)

    def intervals(self, weekday: int) -> Minutes:
        """What the window allows on ``weekday`` (0 = Monday), local minutes."""
        return _intervals(self, weekday)

    def allows(self, local: datetime) -> bool:
        """Whether a text may go at this local wall-clock time."""
        if self.unrestricted:
            return True
        minute = local.hour * 60 + local.minute  # the window's edges are whole minutes
        return any(lo <= minute < hi for lo, hi in self.intervals(local.weekday()))

    def next_opening(self, now: datetime, zone: zoneinfo.ZoneInfo) -> datetime:
        """``now`` when the window is open, else the next instant (UTC) it opens in ``zone``."""
        return self.next_opening_in_all(now, (zone,))

    def open_count(self, at: datetime, zones: Sequence[zoneinfo.ZoneInfo]) -> int:
        """In how many of ``zones`` the window is open at instant ``at``."""
        return sum(1 for zone in zones if self.allows(at.astimezone(zone)))

    def openings(
        self, now: datetime, zones: Sequence[zoneinfo.ZoneInfo], horizon: timedelta = HORIZON
    ) -> list[datetime]:
        """The instants (UTC) after ``now`` and within ``horizon`` at which the window opens
        in one of ``zones``, in order."""
        until = now + horizon
        found: set[datetime] = set()
        for zone in zones:
            day = now.astimezone(zone).date()
            for offset in range(-1, horizon.days + 2):
                date = day + timedelta(days=offset)
                for lo, _hi in self.intervals(date.weekday()):
                    # a start time in a DST gap is moved forward by zoneinfo's fold rules
                    start = time(lo // 60, lo % 60)
                    utc = datetime.combine(date, start, tzinfo=zone).astimezone(UTC)
                    if now < utc <= until:
                        found.add(utc)
        return sorted(found)

    def allows_in_all(self, now: datetime, zones: Sequence[zoneinfo.ZoneInfo]) -> bool:
        """Whether a text to someone who may be in any of ``zones`` may go at ``now`` (the
        module's rule: open in all of them, or, when they never meet, in as many as can be)."""
        if self.unrestricted:
            return True
        count = self.open_count(now, zones)
        if count == len(zones):
            return True
        if count == 0:
            return False
        return all(self.open_count(t, zones) <= count for t in self.openings(now, zones))

    def next_opening_in_all(self, now: datetime, zones: Sequence[zoneinfo.ZoneInfo]) -> datetime:
        """``now`` when :meth:`allows_in_all`, else the first instant (UTC) at which it does
        (beyond :data:`HORIZON` only when rules keep the window shut for longer)."""
        if self.allows_in_all(now, zones):
            return now
        for horizon in (HORIZON, LONG_HORIZON):
            best: tuple[int, datetime] | None = None
            for t in self.openings(now, zones, horizon):
                count = self.open_count(t, zones)
                if count == len(zones):
                    return t
                if count and (best is None or count > best[0]):
                    best = (count, t)
            if best is not None:
                return best[1]
        # rules that never open (every day closed): look again in a day, the rules may change
        return now + timedelta(days=1)


@lru_cache(maxsize=4096)
def _intervals(window: Window, weekday: int) -> Minutes:
    if window.campaign_unrestricted:
        own = ALL_DAY
    else:
        start = window.start.hour * 60 + window.start.minute
        end = window.end.hour * 60 + window.end.minute
        own = ((start, end),) if start < end else tuple(p for p in ((0, end), (start, _DAY)) if p[0] < p[1])
    return own if window.days is None else intersect(own, window.days[weekday])


def _hhmm(text: str) -> time:
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


class RegionWindows(Protocol):
    """The workspace's compliance rules as quiet hours need them: the window for a recipient's
    region key (:func:`smsflow_desktop.services.compliance.policy.region_key`)."""

    @property
    def has_windows(self) -> bool: ...

    def window(self, base: Window, region: str) -> Window: ...


@lru_cache(maxsize=4096)
def zone_info(name: str) -> zoneinfo.ZoneInfo | None:
    """The zone called ``name``, or None when it is not an IANA zone we know."""
    if not name or name == UNKNOWN_ZONE:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


@lru_cache(maxsize=65536)
def prefix_candidate_sets(digits: str) -> frozenset[tuple[str, ...]]:
    """Every zone list ``phonenumbers`` could give a number starting with ``digits`` (no '+').

    The longest data prefix above ``digits``, the longer data prefixes under it, the
    country-level lists (for numbers that are not geographic) and the unknown zone together
    cover all cases.
    """
    out: set[tuple[str, ...]] = {(UNKNOWN_ZONE,)}
    for length in range(min(len(digits), TIMEZONE_LONGEST_PREFIX), 0, -1):
        zones = TIMEZONE_DATA.get(digits[:length])
        if zones:
            out.add(tuple(zones))
            break
    for key, zones in _by_first_digit().get(digits[:1], ()):
        if key.startswith(digits):
            out.add(tuple(zones))
    for cc_len in (1, 2, 3):
        zones = TIMEZONE_DATA.get(digits[:cc_len])
        if zones:
            out.add(tuple(zones))
    return frozenset(out)


@lru_cache(maxsize=1)
def _by_first_digit() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for key, zones in TIMEZONE_DATA.items():
        index.setdefault(key[:1], []).append((key, zones))
    return index


class ZoneResolver:
    """Resolves recipients' zones and answers "is the window open for them now?" quickly."""

    def __init__(self, window: Window, now: datetime, default_zone: str, regions: RegionWindows | None = None) -> None:
        self.window = window
        self.now = now
        self.default = zone_info(default_zone) or zoneinfo.ZoneInfo("UTC")
        self.regions = regions if regions is not None and regions.has_windows else None
        self._number_zones: dict[str, str] = {}
        self._zones: dict[str, Zones] = {}
        self._windows: dict[str, Window] = {}
        self._open: dict[tuple[Zones, Window], bool] = {}
        self._next: dict[tuple[Zones, Window], datetime] = {}
        self._warned: set[str] = set()
        self._by_prefix: dict[tuple[str, Window], tuple[bool, bool] | None] = {}

    @property
    def restricted(self) -> bool:
        """Whether any recipient's texts may have to wait (the campaign's window or a rule)."""
        return not self.window.unrestricted or self.regions is not None

    def window_for(self, region: str | None) -> Window:
        """The window of a recipient in ``region`` (a region key; None: the campaign's own)."""
        if self.regions is None or region is None:
            return self.window
        found = self._windows.get(region)
        if found is None:
            found = self.regions.window(self.window, region)
            self._windows[region] = found
        return found

    def at(self, now: datetime) -> ZoneResolver:
        """Move the resolver's clock (answers per zone are kept only for one instant)."""
        if now != self.now:
            self.now = now
            self._open.clear()
            self._next.clear()
            self._by_prefix.clear()
        return self

    def zones_for(self, person_zone: str | None, e164: str | None, known_number_zones: str | None = None) -> Zones:
        """The zones quiet hours use for one recipient (``known_number_zones``: the number's
        zones as the workspace keeps them, when already read)."""
        if person_zone:
            zi = zone_info(person_zone)
            if zi is not None:
                return (zi,)
            if person_zone not in self._warned:
                self._warned.add(person_zone)
                log.warning("time zone %r is not an IANA zone; using the number's zones instead", person_zone)
        if e164:
            return self.zones_in(known_number_zones or self.number_zones(e164))
        return (self.default,)

    def zones_in(self, text: str) -> Zones:
        """The zones a stored zones text names (the default zone when it names none we know)."""
        zones = self._zones.get(text)
        if zones is None:
            known = tuple(dict.fromkeys(z for z in map(zone_info, split_zones(text)) if z is not None))
            zones = known or (self.default,)
            self._zones[text] = zones
        return zones

    def number_zones(self, e164: str) -> str:
        text = self._number_zones.get(e164)
        if text is None:
            text = number_zones(e164)
            self._number_zones[e164] = text
        return text

    def is_open_in(self, zones: Zones, window: Window | None = None) -> bool:
        """Whether a text to someone in ``zones`` may go now under ``window`` (default: the
        campaign's; see the module's rule)."""
        window = window or self.window
        answer = self._open.get((zones, window))
        if answer is None:
            answer = window.allows_in_all(self.now, zones)
            self._open[(zones, window)] = answer
        return answer

    def is_open(
        self,
        person_zone: str | None,
        e164: str | None,
        known_number_zones: str | None = None,
        window: Window | None = None,
    ) -> bool:
        if (window or self.window).unrestricted:
            return True
        return self.is_open_in(self.zones_for(person_zone, e164, known_number_zones), window)

    def next_opening(self, zones: Zones, window: Window | None = None) -> datetime:
        """The resolver's now when ``window`` is open for ``zones``, else its next opening."""
        window = window or self.window
        when = self._next.get((zones, window))
        if when is None:
            when = window.next_opening_in_all(self.now, zones)
            self._next[(zones, window)] = when
        return when

    def decide_prefix(self, digits: str, window: Window | None = None) -> tuple[bool, bool] | None:
        """``(open now, spans several zones)`` when every number starting with ``digits`` gets
        those answers under ``window``, else None (the number must be looked up)."""
        window = window or self.window
        key = (digits, window)
        if key in self._by_prefix:
            return self._by_prefix[key]
        sets = [self.zones_in(zones_text(s)) for s in prefix_candidate_sets(digits)]
        several = {len(zones) > 1 for zones in sets}
        opens = {self.is_open_in((zone,), window) for zones in sets for zone in zones}
        # open in every zone: open for every set; closed in every zone: no set has a zone open
        answer = (opens.pop(), several.pop()) if len(opens) == 1 and len(several) == 1 else None
        self._by_prefix[key] = answer
        return answer
