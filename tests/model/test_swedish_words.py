"""Wait durations and filter logic typed in Swedish: read in the language the app shows,
stored in English (the campaign file's), shown back in Swedish."""

from __future__ import annotations

from datetime import timedelta

import pytest

from smsflow_desktop.model.duration import DurationError, english_duration, localized_duration, parse_duration
from smsflow_desktop.model.logic import LogicError, english_logic, evaluate, localized_logic, parse_logic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 dagar", timedelta(days=2)),
        ("1 dag", timedelta(days=1)),
        ("30 minuter", timedelta(minutes=30)),
        ("1 minut", timedelta(minutes=1)),
        ("1 timme", timedelta(hours=1)),
        ("4 Timmar", timedelta(hours=4)),
        ("1 vecka", timedelta(weeks=1)),
        ("3 veckor", timedelta(weeks=3)),
        ("1 dag och 6 timmar", timedelta(days=1, hours=6)),
        ("1 dygn", timedelta(days=1)),
        ("2 days", timedelta(days=2)),  # English still reads in Swedish
    ],
)
def test_swedish_durations_read(text: str, expected: timedelta) -> None:
    assert parse_duration(text, "sv") == expected


def test_campaign_files_keep_english_units() -> None:
    with pytest.raises(DurationError) as info:
        parse_duration("2 dagar")
    assert info.value.code == "unknown_unit"


@pytest.mark.parametrize(
    ("text", "hint"),
    [("4 tim", "4 timmar"), ("2 hrs", "2 timmar"), ("1 v", "1 vecka"), ("snart", "4 timmar"), ("", "1 dag")],
)
def test_swedish_hints_are_swedish(text: str, hint: str) -> None:
    with pytest.raises(DurationError) as info:
        parse_duration(text, "sv")
    assert info.value.hint == hint


def test_unknown_swedish_unit_has_a_code() -> None:
    with pytest.raises(DurationError) as info:
        parse_duration("2 månader", "sv")
    assert (info.value.code, info.value.word) == ("unknown_unit", "månader")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2 dagar", "2 days"),
        ("1 dag och 6 timmar", "1 day 6 hours"),
        ("1 timme", "1 hour"),
        ("1 day and 6 hours", "1 day and 6 hours"),  # English is stored as typed
        ("2 dagr", "2 dagr"),  # what does not parse is kept, so its problem shows
    ],
)
def test_swedish_durations_are_stored_in_english(typed: str, stored: str) -> None:
    assert english_duration(typed, "sv") == stored
    if stored != "2 dagr":
        parse_duration(stored)  # the campaign file reads it


@pytest.mark.parametrize(
    ("stored", "shown"),
    [("2 days", "2 dagar"), ("1 hour", "1 timme"), ("1 day and 30 minutes", "1 dag 30 minuter"), ("4 hrs", "4 hrs")],
)
def test_stored_durations_show_in_swedish(stored: str, shown: str) -> None:
    assert localized_duration(stored, "sv") == shown
    assert localized_duration(stored, "en") == stored


@pytest.mark.parametrize(
    ("text", "truth", "expected"),
    [
        ("1 och (2 eller 3)", (True, False, True), True),
        ("1 och (2 eller 3)", (True, False, False), False),
        ("inte 1 och 2", (False, True, False), True),
        ("1 OCH 2 or 3", (False, False, True), True),  # the two languages mix
    ],
)
def test_swedish_logic_words(text: str, truth: tuple[bool, ...], expected: bool) -> None:
    node = parse_logic(text, 3, "sv")
    assert evaluate(node, lambda n: truth[n - 1]) is expected


def test_swedish_logic_words_are_not_read_in_files() -> None:
    with pytest.raises(LogicError, match="unknown word 'och'") as info:
        parse_logic("1 och 2", 2)
    assert info.value.position == 2


def test_logic_is_stored_in_english_and_shown_in_swedish() -> None:
    typed = "1 och (2 eller inte 3)"
    stored = english_logic(typed, "sv")
    assert stored == "1 and (2 or not 3)"
    assert parse_logic(stored, 3) == parse_logic(typed, 3, "sv")
    assert localized_logic(stored, "sv") == typed
    assert localized_logic("all", "sv") == "all"
    assert english_logic(typed, "en") == typed
