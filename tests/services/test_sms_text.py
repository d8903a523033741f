"""Segment counting (GSM-7 vs UCS-2) and token rendering."""

from __future__ import annotations

import pytest

from smsflow_desktop.services.sms_text import analyze, content_hints, make_token, parse_tokens, render


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("", "GSM-7", 0, 0),
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),  # extension characters take two septets
        ("€" * 81, "GSM-7", 162, 2),
        ("Hej på dig! Åäö", "GSM-7", 15, 1),  # å, ä, ö are GSM-7
        ("ç" + "a" * 69, "UCS-2", 70, 1),  # lower-case ç is not (only Ç is)
        ("ç" + "a" * 70, "UCS-2", 71, 2),
        ("🎉" + "a" * 68, "UCS-2", 70, 1),  # an emoji takes two UTF-16 units
        ("🎉" + "a" * 69, "UCS-2", 71, 2),
        ("x" * 134 + "🎉", "UCS-2", 136, 3),
    ],
)
def test_segments(text: str, encoding: str, units: int, segments: int) -> None:
    info = analyze(text)
    assert (info.encoding, info.units, info.segments) == (encoding, units, segments)


def test_the_character_that_forced_ucs2_is_named() -> None:
    info = analyze("Spring sale 🌷 now ç")
    assert info.encoding == "UCS-2"
    assert [("Spring sale 🌷 now ç")[i] for i in info.ucs2_positions] == ["🌷", "ç"]


def test_render_tokens_with_values_defaults_and_custom_fields() -> None:
    body = "Hi {{lead.First Name|there}}, {{lead.Favourite Colour|blue}} {{lead.City}}!"
    person = {"first_name": "Åsa", "city": "", "custom_fields": '{"Favourite Colour": "red"}'}
    assert render(body, person) == "Hi Åsa, red !"
    assert render(body, {}) == "Hi there, blue !"
    tokens = parse_tokens(body)
    assert [(t.field, t.default, t.key) for t in tokens] == [
        ("First Name", "there", "first_name"),
        ("Favourite Colour", "blue", "favourite_colour"),
        ("City", None, "city"),
    ]


def test_make_token_and_hints() -> None:
    assert make_token("First Name", "friend") == "{{lead.First Name|friend}}"
    assert render(make_token("First Name", "friend"), {}) == "friend"
    assert content_hints("Big sale today", brand="Acme") == [
        "Name your brand (Acme) so people know who is texting.",
        'Tell people how to opt out, e.g. "Reply STOP to opt out".',
    ]
    assert content_hints("Acme: sale! Reply STOP to opt out", brand="Acme") == []


def test_stopp_counts_and_a_swedish_text_gets_the_swedish_sentence() -> None:
    assert content_hints("Hej! Svara STOPP för att avsluta") == []
    assert content_hints("Hej! Rea i butiken i helgen.") == [
        'Tell people how to opt out, e.g. "Svara STOPP för att avsluta".'
    ]
    assert content_hints("The sale has stopped") == ['Tell people how to opt out, e.g. "Reply STOP to opt out".']
