"""Phone numbers: validity, E.164 form and time zone, from one ``phonenumbers`` pass.

``phonenumbers.is_valid_number`` and ``timezone.time_zones_for_number`` both work out the
number's type, the costly part. :func:`number_facts` works it out once and answers both,
exactly as those two functions would (valid ⇔ the type is known; the zone is the first of
the geographic or, for non-geographic types, the country-level zones). The importer uses it
so each number's zone is known from the start and previews need no second pass.
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType
from phonenumbers import timezone as pn_timezone
from phonenumbers.phonenumberutil import is_number_type_geographical

#: Tag stored with each looked-up zone, so an upgrade of phonenumbers' data is picked up.
ZONE_DATA_VERSION = phonenumbers.__version__
UNKNOWN_ZONE = "Etc/Unknown"


def number_facts(number: phonenumbers.PhoneNumber) -> tuple[bool, str]:
    """``(is_valid_number(number), first of time_zones_for_number(number))`` in one pass."""
    ntype = phonenumbers.number_type(number)
    if ntype == PhoneNumberType.UNKNOWN:
        return False, UNKNOWN_ZONE
    if is_number_type_geographical(ntype, number.country_code):
        zones = pn_timezone.time_zones_for_geographical_number(number)
    else:
        zones = pn_timezone._country_level_time_zones_for_number(number)
    return True, zones[0] if zones else UNKNOWN_ZONE


def normalise(raw: str, region: str) -> tuple[str, str] | None:
    """``(E.164, zone)`` of a valid number read with ``region``, else None."""
    try:
        number = phonenumbers.parse(raw, region)
    except NumberParseException:
        return None
    valid, zone = number_facts(number)
    if not valid:
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164), zone


def number_zone(e164: str) -> str:
    """The first zone ``phonenumbers`` gives an E.164 number, or ``Etc/Unknown``."""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return UNKNOWN_ZONE
    return number_facts(number)[1]
