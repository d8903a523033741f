"""Wait durations in plain words: ``4 hours``, ``30 minutes``, ``1 day 6 hours``, ``2 weeks``.

``parse_duration`` returns a :class:`datetime.timedelta` or raises :class:`DurationError`
whose ``hint`` suggests the spelling we understand ("4 hrs" → "4 hours") and whose ``code``
says what is wrong. Campaign files keep durations in English; the editor also reads them
in the language it shows (``language="sv"``: ``2 dagar``, ``1 timme och 30 minuter``),
stores what was typed in English (:func:`english_duration`) and shows a stored duration in
its own language (:func:`localized_duration`).
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
#: The unit words of each language besides English: word → unit.
_WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "minut": "minute",
        "minuter": "minute",
        "minuten": "minute",
        "minuterna": "minute",
        "timme": "hour",
        "timmar": "hour",
        "timmen": "hour",
        "timmarna": "hour",
        "dag": "day",
        "dagar": "day",
        "dagen": "day",
        "dagarna": "day",
        "dygn": "day",
        "vecka": "week",
        "veckor": "week",
        "veckan": "week",
        "veckorna": "week",
    }
}
#: Abbreviations of each language, refused with the whole word as the hint.
_LANGUAGE_ALIASES: dict[str, dict[str, str]] = {
    "sv": {"t": "hour", "tim": "hour", "tm": "hour", "dgr": "day", "v": "week", "vk": "week"}
}
#: How each language writes a number of a unit: (singular, plural).
_SPELLING: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "minute": ("minute", "minutes"),
        "hour": ("hour", "hours"),
        "day": ("day", "days"),
        "week": ("week", "weeks"),
    },
    "sv": {
        "minute": ("minut", "minuter"),
        "hour": ("timme", "timmar"),
        "day": ("dag", "dagar"),
        "week": ("vecka", "veckor"),
    },
}
#: The words that may join the parts of a duration, per language ("1 day and 6 hours").
_JOINERS = {"en": ("and",), "sv": ("och",)}
MAX_DURATION = timedelta(days=365)
_PART = re.compile(r"(\d+)\s*([^\W\d_]+)")


class DurationError(ValueError):
    """A duration that does not parse; ``hint`` is the closest spelling we accept, if any.

    ``code`` is ``empty``, ``unreadable``, ``unknown_unit``, ``abbreviated``, ``zero`` or
    ``too_long``; ``word`` the unit word that was not understood (``unknown_unit``)."""

    def __init__(self, message: str, hint: str | None = None, code: str = "unreadable", word: str = "") -> None:
        super().__init__(message + (f' (did you mean "{hint}"?)' if hint else ""))
        self.hint = hint
        self.code = code
        self.word = word


def spell(parts: list[tuple[int, str]], language: str = "en") -> str:
    """``[(1, "day"), (6, "hour")]`` as ``1 day 6 hours`` (or ``1 dag 6 timmar``)."""
    spelling = _SPELLING.get(language, _SPELLING["en"])
    return " ".join(f"{n} {spelling[unit][0 if n == 1 else 1]}" for n, unit in parts)


def _parts(text: str, language: str) -> list[tuple[int, str]]:
    """The (number, unit) parts of ``text``; DurationError (hint in ``language``) when it does not parse."""
    joiners = "|".join(sorted({"and", *_JOINERS.get(language, ())}))
    cleaned = re.sub(rf"\s+({joiners}|,)\s+|\s*,\s*", " ", text.strip().lower())
    example = spell([(4, "hour")], language)
    if not cleaned:
        raise DurationError("the duration is empty", spell([(1, "day")], language), "empty")
    words = _WORDS.get(language, {})
    aliases = {**_ALIASES, **_LANGUAGE_ALIASES.get(language, {})}
    parts: list[tuple[int, str]] = []
    bad = False
    pos = 0
    for m in _PART.finditer(cleaned):
        if cleaned[pos : m.start()].strip():
            raise DurationError(f"cannot read {text!r} as a duration", example)
        pos = m.end()
        number, word = int(m.group(1)), m.group(2)
        unit = word[:-1] if word.endswith("s") and word[:-1] in UNITS else word
        if unit in UNITS:
            parts.append((number, unit))
        elif word in words:
            parts.append((number, words[word]))
        elif word in aliases:
            bad = True
            parts.append((number, aliases[word]))
        else:
            raise DurationError(
                f"unknown unit {word!r} in {text!r}; use minutes, hours, days or weeks", None, "unknown_unit", word
            )
    if pos != len(cleaned) or not parts:
        raise DurationError(f"cannot read {text!r} as a duration", example)
    if bad:
        raise DurationError(f"{text!r} abbreviates its unit", spell(parts, language), "abbreviated")
    total = sum(number * UNITS[unit] for number, unit in parts)
    if total <= 0:
        raise DurationError("a wait must last longer than zero", code="zero")
    if total > MAX_DURATION.total_seconds():
        raise DurationError("a wait may last at most 365 days", code="too_long")
    return parts


def parse_duration(text: str, language: str = "en") -> timedelta:
    """Parse a wait duration such as ``4 hours`` or ``1 day and 6 hours``.

    With ``language="sv"`` Swedish unit words (``2 dagar``) are read as well as English ones,
    and hints are in Swedish; campaign files are read with the default, English."""
    parts = _parts(text, language)
    return timedelta(seconds=sum(number * UNITS[unit] for number, unit in parts))


def english_duration(text: str, language: str = "en") -> str:
    """What to store for a duration typed in ``language``: the text itself when it is English
    already (or does not parse at all, so the problem stays visible), else its English spelling."""
    try:
        _parts(text, "en")
        return text
    except DurationError:
        pass
    try:
        return spell(_parts(text, language), "en")
    except DurationError:
        return text


def localized_duration(text: str, language: str) -> str:
    """A stored (English) duration as ``language`` writes it: ``2 days`` → ``2 dagar``. English,
    or text that does not parse, is shown as it is."""
    if language == "en" or language not in _SPELLING:
        return text
    try:
        return spell(_parts(text, "en"), language)
    except DurationError:
        return text
