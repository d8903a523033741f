"""Wait durations in plain words: ``4 hours``, ``30 minutes``, ``1 day 6 hours``, ``2 weeks``.

``parse_duration`` returns a :class:`datetime.timedelta` or raises :class:`DurationError`
whose ``hint`` suggests the spelling we understand ("4 hrs" → "4 hours").
"""

from __future__ import annotations

import re
from datetime import timedelta

UNITS = {"minute": 60, "hour": 3600, "day": 86400, "week": 7 * 86400}
_ALIASES = {
    "m": "minute",
    "min": "minute",
    "mins": "minute",
    "mn": "minute",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "hs": "hour",
    "d": "day",
    "ds": "day",
    "dy": "day",
    "dys": "day",
    "w": "week",
    "wk": "week",
    "wks": "week",
}
MAX_DURATION = timedelta(days=365)
_PART = re.compile(r"(\d+)\s*([A-Za-z]+)")


class DurationError(ValueError):
    """A duration that does not parse; ``hint`` is the closest spelling we accept, if any."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message + (f' (did you mean "{hint}"?)' if hint else ""))
        self.hint = hint


def _canonical(number: int, unit: str) -> str:
    return f"{number} {unit}{'' if number == 1 else 's'}"


def parse_duration(text: str) -> timedelta:
    """Parse a wait duration such as ``4 hours`` or ``1 day and 6 hours``."""
    cleaned = re.sub(r"\s+(and|,)\s+|\s*,\s*", " ", text.strip().lower())
    if not cleaned:
        raise DurationError("the duration is empty", "1 day")
    total = 0
    hint_parts: list[str] = []
    bad = False
    pos = 0
    for m in _PART.finditer(cleaned):
        if cleaned[pos : m.start()].strip():
            raise DurationError(f"cannot read {text!r} as a duration", "4 hours")
        pos = m.end()
        number, word = int(m.group(1)), m.group(2)
        unit = word[:-1] if word.endswith("s") and word[:-1] in UNITS else word
        if unit in UNITS:
            total += number * UNITS[unit]
            hint_parts.append(_canonical(number, unit))
        elif word in _ALIASES:
            bad = True
            hint_parts.append(_canonical(number, _ALIASES[word]))
        else:
            raise DurationError(f"unknown unit {word!r} in {text!r}; use minutes, hours, days or weeks", None)
    if pos != len(cleaned) or not hint_parts:
        raise DurationError(f"cannot read {text!r} as a duration", "4 hours")
    if bad:
        raise DurationError(f"{text!r} abbreviates its unit", " ".join(hint_parts))
    if total <= 0:
        raise DurationError("a wait must last longer than zero")
    if total > MAX_DURATION.total_seconds():
        raise DurationError("a wait may last at most 365 days")
    return timedelta(seconds=total)
