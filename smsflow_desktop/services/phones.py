"""Phone numbers: validity, E.164 form and time zones, from one ``phonenumbers`` pass.

``phonenumbers.is_valid_number`` and ``timezone.time_zones_for_number`` both work out the
number's type, the costly part. :func:`number_facts` works it out once and answers both,
exactly as those two functions would (valid ⇔ the type is known; the zones are the
geographic ones or, for non-geographic types, the country-level ones). The importer uses it
so each number's zones are known from the start and previews need no second pass.

A number may have several zones (``+1 709``: Halifax and St John's; an Australian mobile:
every Australian zone). The workspace keeps them as one text, the zone names joined by a
space (:func:`zones_text`, read back with :func:`split_zones`).
"""

from __future__ import annotations

from collections.abc import Sequence

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType
from phonenumbers import timezone as pn_timezone
from phonenumbers.phonenumberutil import is_number_type_geographical

UNKNOWN_ZONE = "Etc/Unknown"
#: Tag stored with each number's looked-up zones: phonenumbers' version, so an upgrade of its
#: data is picked up, and the form of the value (releases that kept only the first zone wrote
#: the bare version; their rows are looked up again).
ZONE_DATA_VERSION = f"{phonenumbers.__version__} all-zones"


def number_facts(number: phonenumbers.PhoneNumber) -> tuple[bool, tuple[str, ...]]:
    """``(is_valid_number(number), time_zones_for_number(number))`` in one pass."""
    ntype = phonenumbers.number_type(number)
    if ntype == PhoneNumberType.UNKNOWN:
        return False, (UNKNOWN_ZONE,)
    if is_number_type_geographical(ntype, number.country_code or 0):
        zones = pn_timezone.time_zones_for_geographical_number(number)
    else:
        zones = pn_timezone._country_level_time_zones_for_number(number)
    return True, tuple(zones) if zones else (UNKNOWN_ZONE,)


def zones_text(zones: Sequence[str]) -> str:
    """The stored form of a number's zones (names joined by a space; IANA names hold none)."""
    return " ".join(zones) if zones else UNKNOWN_ZONE


def split_zones(text: str) -> tuple[str, ...]:
    """The zones of a stored text (:func:`zones_text`)."""
    return tuple(text.split())


def normalise(raw: str, region: str) -> tuple[str, str] | None:
    """``(E.164, zones text)`` of a valid number read with ``region``, else None."""
    try:
        number = phonenumbers.parse(raw, region)
    except NumberParseException:
        return None
    valid, zones = number_facts(number)
    if not valid:
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164), zones_text(zones)


def number_zones(e164: str) -> str:
    """Every zone ``phonenumbers`` gives an E.164 number, as stored (``Etc/Unknown``: none)."""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return UNKNOWN_ZONE
    return zones_text(number_facts(number)[1])
