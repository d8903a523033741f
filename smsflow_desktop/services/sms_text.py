"""SMS text tools: GSM-7 or UCS-2, segment counts, and ``{{lead.Field|default}}`` tokens.

``analyze`` tells how a text travels: GSM-7 (160 characters in one part, 153 a part when
split; characters of the extension table such as ``€`` or ``[`` take two) or UCS-2 (70,
or 67 a part; counted in UTF-16 units, so an emoji takes two), and which characters forced
UCS-2. ``render`` replaces tokens with a person's values, or the token's default.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from smsflow_desktop.model.opt_out import has_opt_out, opt_out_hint

# The GSM 03.38 basic character set and its extension table.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")

GSM7_SINGLE, GSM7_MULTI = 160, 153
UCS2_SINGLE, UCS2_MULTI = 70, 67
MAX_CHARS = 900


@dataclass(frozen=True)
class SegmentInfo:
    """How a text is sent: encoding, length in the encoding's units, parts."""

    encoding: str  # "GSM-7" or "UCS-2"
    characters: int  # characters as a person counts them
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int
    per_segment: int
    ucs2_positions: list[int] = field(default_factory=list)  # indices of characters that forced UCS-2

    @property
    def over_limit(self) -> bool:
        return self.characters > MAX_CHARS

    @property
    def remaining_in_segment(self) -> int:
        if self.units == 0:
            return self.per_segment
        used = self.units % self.per_segment
        return 0 if used == 0 else self.per_segment - used


def analyze(text: str) -> SegmentInfo:
    """Encoding, length and segment count of ``text``."""
    ucs2 = [i for i, ch in enumerate(text) if ch not in GSM7_BASIC and ch not in GSM7_EXTENSION]
    if not ucs2:
        units = sum(2 if ch in GSM7_EXTENSION else 1 for ch in text)
        single, multi, encoding = GSM7_SINGLE, GSM7_MULTI, "GSM-7"
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = UCS2_SINGLE, UCS2_MULTI, "UCS-2"
    if units == 0:
        segments, per = 0, single
    elif units <= single:
        segments, per = 1, single
    else:
        segments, per = -(-units // multi), multi
    return SegmentInfo(encoding, len(text), units, segments, per, ucs2)


# -- tokens -------------------------------------------------------------------------------

TOKEN_RE = re.compile(r"\{\{\s*lead\.([^|{}]+?)\s*(?:\|([^{}]*))?\}\}")

_FIELD_ALIASES = {
    "email_address": "email",
    "mobile_phone_number": "phone",
    "mobile_phone": "phone",
    "phone_number": "phone",
    "zip": "postal_code",
    "zip_code": "postal_code",
    "postcode": "postal_code",
    "id": "id",
}


@dataclass(frozen=True)
class Token:
    """One ``{{lead.Field|default}}`` occurrence: where it is, the field and its default."""

    start: int
    end: int
    field: str
    default: str | None

    @property
    def key(self) -> str:
        return field_key(self.field)


def field_key(name: str) -> str:
    """``First Name`` → ``first_name``; known aliases map to the people column."""
    key = re.sub(r"[\s\-]+", "_", name.strip().lower())
    return _FIELD_ALIASES.get(key, key)


def parse_tokens(body: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(1).strip(), m.group(2)) for m in TOKEN_RE.finditer(body)]


def _lookup(person: Mapping[str, object], key: str, display: str) -> str:
    value = person.get(key)
    if key == "phone" and not value:
        value = person.get("phone_e164") or person.get("phone_raw")
    if value in (None, ""):
        custom = person.get("custom_fields")
        if isinstance(custom, str):
            try:
                custom = json.loads(custom)
            except ValueError:
                custom = None
        if isinstance(custom, Mapping):
            value = custom.get(display, custom.get(key))
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value).strip()


def render(body: str, person: Mapping[str, object]) -> str:
    """Replace each token by the person's value, or its default (empty when none)."""

    def sub(m: re.Match[str]) -> str:
        display = m.group(1).strip()
        value = _lookup(person, field_key(display), display)
        return value if value else (m.group(2) or "")

    return TOKEN_RE.sub(sub, body)


def make_token(field_name: str, default: str = "") -> str:
    """The text of a token, as the editor inserts it."""
    clean_default = default.replace("{", "").replace("}", "")
    return "{{{{lead.{}{}}}}}".format(field_name, f"|{clean_default}" if clean_default else "")


# -- content hints --------------------------------------------------------------------------


def content_hints(body: str, brand: str = "", language: str = "") -> list[str]:
    """Advice a marketer should see: missing brand name, missing opt-out text (STOP or STOPP,
    :mod:`smsflow_desktop.model.opt_out`), with the sentence to add in the text's language."""
    hints: list[str] = []
    low = body.lower()
    if brand and brand.lower() not in low:
        hints.append(f"Name your brand ({brand}) so people know who is texting.")
    if not has_opt_out(body):
        hints.append(f'Tell people how to opt out, e.g. "{opt_out_hint(body, language)}".')
    return hints
