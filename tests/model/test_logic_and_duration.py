"""Smart-list logic expressions and Wait durations, as marketers type them."""

from __future__ import annotations

from datetime import timedelta
from itertools import product

import pytest

from smsflow_desktop.model.duration import DurationError, parse_duration
from smsflow_desktop.model.logic import LogicError, evaluate, parse_logic, referenced


@pytest.mark.parametrize(
    ("text", "truth", "expected"),
    [
        ("1 and (2 or 3)", (True, False, True), True),
        ("1 and (2 or 3)", (True, False, False), False),
        ("1 AND 2 OR 3", (False, False, True), True),  # and binds tighter than or
        ("not 1 and 2", (False, True, False), True),
        ("all", (True, True, False), False),
        ("any", (False, False, True), True),
    ],
)
def test_expressions_evaluate(text: str, truth: tuple[bool, ...], expected: bool) -> None:
    node = parse_logic(text, 3)
    assert evaluate(node, lambda n: truth[n - 1]) is expected


def test_expression_matches_python_semantics_exhaustively() -> None:
    node = parse_logic("(1 or not 2) and (3 or 1)", 3)
    for a, b, c in product((False, True), repeat=3):
        values = (a, b, c)
        assert evaluate(node, lambda n, v=values: v[n - 1]) == ((a or not b) and (c or a))
    assert referenced(node) == {1, 2, 3}


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("1 and 4", "filter 4 does not exist", 6),
        ("1 and (2 or 3", "expected ')'", 13),
        ("1 or", "expected a filter number", 4),
        ("1 xor 2", "unknown word", 2),
        ("", "empty", 0),
        ("1 & 2", "unexpected '&'", 2),
    ],
)
def test_bad_expressions_say_where(text: str, message: str, position: int) -> None:
    with pytest.raises(LogicError) as info:
        parse_logic(text, 3)
    assert message in str(info.value)
    assert info.value.position == position


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 hours", timedelta(hours=4)),
        ("1 hour", timedelta(hours=1)),
        ("30 minutes", timedelta(minutes=30)),
        ("2 days", timedelta(days=2)),
        ("1 week", timedelta(weeks=1)),
        ("1 day and 6 hours", timedelta(days=1, hours=6)),
        ("1 Day, 30 Minutes", timedelta(days=1, minutes=30)),
    ],
)
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [("4 hrs", "4 hours"), ("1 hr", "1 hour"), ("15 mins", "15 minutes"), ("2 wks", "2 weeks"), ("soon", "4 hours")],
)
def test_bad_durations_hint(text: str, hint: str) -> None:
    with pytest.raises(DurationError) as info:
        parse_duration(text)
    assert info.value.hint == hint
    assert hint in str(info.value)


def test_unknown_unit_and_limits() -> None:
    with pytest.raises(DurationError, match="unknown unit 'fortnights'"):
        parse_duration("2 fortnights")
    with pytest.raises(DurationError, match="at most 365 days"):
        parse_duration("400 days")
    with pytest.raises(DurationError, match="longer than zero"):
        parse_duration("0 hours")
