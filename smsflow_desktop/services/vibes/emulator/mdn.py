"""Mobile numbers as the emulated Vibes API reads and writes them.

API version 2 (``X-API-Version: 2``) takes E.164 (``+12135551234``); version 1, what Vibes
assumes without the header, takes 10-digit North American numbers and refuses E.164 with
400. A number of the right form that ``phonenumbers`` finds invalid (``+10005550100``: no
such area code) is refused as well, as Vibes' number check does. Inside the emulator every
number is E.164.
"""

from __future__ import annotations

import re

import phonenumbers

E164 = re.compile(r"^\+[1-9]\d{6,14}$")
NATIONAL_10 = re.compile(r"^\d{10}$")
NANP_11 = re.compile(r"^1\d{10}$")
INVALID_MDN = "Invalid MDN format. If you are using E.164 format, be sure to include %2B in place of +."


class MdnError(ValueError):
    """A number the API version in use does not accept."""


def _valid(e164: str) -> str:
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        raise MdnError(f"The supplied mobile number {e164} is not in proper mobile number format.") from None
    if not phonenumbers.is_valid_number(number):
        raise MdnError(f"The supplied mobile number {e164} is not a valid mobile number.")
    return e164


def region_of(e164: str) -> str:
    """The ISO alpha-2 region of a valid E.164 number ("" when phonenumbers cannot tell)."""
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164, None)) or ""
    except phonenumbers.NumberParseException:
        return ""


def parse_mdn(raw: object, version: int) -> str:
    """The E.164 form of ``raw`` as sent to API ``version``, or :class:`MdnError` (a malformed
    number, or one that ``phonenumbers`` finds invalid)."""
    if not isinstance(raw, str) or not raw:
        raise MdnError("missing MDN")
    text = raw.strip()
    if text != raw or " " in raw:
        raise MdnError(INVALID_MDN)
    if text.startswith("+"):
        if version < 2:
            raise MdnError("Invalid MDN format: API version 1 takes 10-digit numbers; send X-API-Version: 2 for E.164")
        if not E164.match(text):
            raise MdnError(INVALID_MDN)
        return _valid(text)
    if NATIONAL_10.match(text):
        return _valid("+1" + text)
    if NANP_11.match(text):
        return _valid("+" + text)
    raise MdnError(INVALID_MDN)


def render_mdn(e164: str | None, version: int) -> str | None:
    """How an answer to API ``version`` shows a stored number."""
    if e164 is None or version >= 2:
        return e164
    return e164[2:] if e164.startswith("+1") else e164.lstrip("+")


def national_and_region(e164: str) -> tuple[str, str]:
    """(national significant number, ISO region) for extract files."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164.lstrip("+"), ""
    return (phonenumbers.national_significant_number(number), phonenumbers.region_code_for_number(number) or "")
