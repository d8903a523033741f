"""People CSV rows to database values: header mapping, flags, country, time zone, phone.

:func:`map_header` reads a header row into a :class:`PeopleLayout` (which column holds what,
which become custom fields). :class:`RowConverter` turns one record into the values of the
people upsert, with what it found wrong. It is plain Python with no database, so the
importer can run it in worker processes; it only keeps picklable state.

Opt-out flags (``blocklisted``, ``unsubscribed``, ``marketing_suspended``) are never lost to
a header spelled unexpectedly: besides their own names, the few synonyms in
:data:`FLAG_SYNONYMS` map to them (compared with case, spaces and punctuation ignored), and any
other header that reads like such a flag (:data:`FLAG_WORDS`) is refused rather than kept as a
custom field, as is a file with two columns for one flag. An empty flag cell is ``None``: a
new person is not flagged, a person being updated keeps the stored flag; only an explicit
false/0/no lifts it.

Phone rule (the contract's): a number is valid when ``phonenumbers`` parses it with the
person's country, else the workspace default region, and ``is_valid_number`` holds
(worked out by :func:`services.phones.normalise`, which also gives the number's time zone). Valid
numbers are stored as E.164; invalid ones keep their text in ``phone_raw`` with
``phone_e164`` NULL and ``phone_valid`` 0, and are reported.

For a PostgreSQL workspace the converter also writes each row as a line of ``COPY … FROM
STDIN`` text (:func:`copy_columns`), the way a new person is stored: an empty flag is 0 and the
custom fields are the JSON text ``json_patch('{}', …)`` gives there (jsonb's: keys shortest
first, then by their bytes, ``", "`` and ``": "`` between, empty values left out).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from json.encoder import encode_basestring  # the C string encoder behind json.dumps(ensure_ascii=False)

import phonenumbers

from smsflow_desktop.services.importers.countries import country_code
from smsflow_desktop.services.importers.textfile import header_key, header_text
from smsflow_desktop.services.phones import normalise

#: Folded header name -> person column. Mobile aliases outrank plain phone ones.
STANDARD_COLUMNS: dict[str, str] = {
    "externalid": "external_id",
    "firstname": "first_name",
    "lastname": "last_name",
    "email": "email",
    "emailaddress": "email",
    "country": "country",
    "state": "state",
    "city": "city",
    "postalcode": "postal_code",
    "zip": "postal_code",
    "zipcode": "postal_code",
    "postcode": "postal_code",
    "timezone": "time_zone",
}
#: Header (letters and digits only, lower case) -> the flag column it fills: each flag's own
#: name and a few common synonyms. ``Opted-Out``, ``opt_out`` and ``SMS Opt Out`` are all
#: ``unsubscribed``; ``Blacklisted`` is ``blocklisted``.
FLAG_SYNONYMS: dict[str, str] = {
    "blocklisted": "blocklisted",
    "blocklist": "blocklisted",
    "blacklisted": "blocklisted",
    "blacklist": "blocklisted",
    "unsubscribed": "unsubscribed",
    "unsubscribe": "unsubscribed",
    "optedout": "unsubscribed",
    "optout": "unsubscribed",
    "smsoptout": "unsubscribed",
    "smsoptedout": "unsubscribed",
    "smsunsubscribed": "unsubscribed",
    "marketingsuspended": "marketing_suspended",
}
#: Words (in the same folded form, with how a person writes them) that make a header read
#: like an opt-out, blocklist or suspension flag; such a header not in :data:`FLAG_SYNONYMS` is refused.
FLAG_WORDS: dict[str, str] = {
    "unsubscribe": "unsubscribe",
    "optout": "opt out",
    "optedout": "opted out",
    "blocklist": "blocklist",
    "blacklist": "blacklist",
    "suspend": "suspend",
    "donottext": "do not text",
    "donotcontact": "do not contact",
}
MOBILE_HEADERS = frozenset({"mobilephone", "mobilephonenumber", "mobilenumber", "mobile"})
PHONE_HEADERS = frozenset({"phone", "phonenumber"})
FLAG_COLUMNS = ("blocklisted", "unsubscribed", "marketing_suspended")
TEXT_COLUMNS = ("external_id", "first_name", "last_name", "email", "state", "city", "postal_code")
_REGIONS = phonenumbers.SUPPORTED_REGIONS
_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no"})
_UNSEEN = object()
#: Errors a converter keeps per batch; the rest are only counted.
MAX_BATCH_ERRORS = 1000


class HeaderError(ValueError):
    """A header the importer cannot use (no phone column, an unknown or doubled opt-out column)."""


def flag_key(name: str) -> str:
    """A header folded for matching flags: :func:`header_text`, lower case, letters and digits only."""
    return "".join(ch for ch in header_text(name).lower() if ch.isalnum())


def flag_column(name: str) -> str | None:
    """The flag column a header fills, ``None`` when it is no flag; :class:`HeaderError` for a
    header that reads like an opt-out flag the importer does not know."""
    key = flag_key(name)
    flag = FLAG_SYNONYMS.get(key)
    if flag is not None:
        return flag
    word = next((shown for w, shown in FLAG_WORDS.items() if w in key), None)
    if word is None:
        return None
    raise HeaderError(
        f"column {name.strip()!r} reads like an opt-out flag but is not one the importer knows; "
        f"rename it to unsubscribed, blocklisted or marketing_suspended if it is one "
        f"(true/false), or to a name without {word!r} if it is not"
    )


@dataclass(frozen=True)
class PeopleLayout:
    """Where each person column is in the file, in the order the upsert takes them."""

    columns: tuple[str, ...]  # database columns written, phone ones included
    sources: dict[str, int]  # person column -> index in a record
    phone_index: int
    custom: tuple[tuple[str, int], ...]  # custom field name -> index
    width: int  # columns in the header
    notes: tuple[str, ...] = field(default=())  # e.g. "mobile column used, 'Phone' kept as a custom field"

    @property
    def upserts(self) -> bool:
        """Whether rows may update people (the file has ``external_id``): each row then also
        carries its flags and custom fields again, for the update half of the upsert."""
        return "external_id" in self.sources


def map_header(names: list[str]) -> PeopleLayout:
    """Read a header row; :class:`HeaderError` when no column holds a phone number, when two
    columns are the same flag, or when a column reads like a flag the importer does not know."""
    sources: dict[str, int] = {}
    mobile: int | None = None
    plain: int | None = None
    custom: list[tuple[str, int]] = []
    taken_custom: set[str] = set()
    leftovers: list[int] = []
    notes: list[str] = []
    for i, name in enumerate(names):
        key = header_key(name)
        if key in MOBILE_HEADERS and mobile is None:
            mobile = i
        elif key in PHONE_HEADERS and plain is None:
            plain = i
        elif (flag := flag_column(name)) is not None:
            if flag in sources:
                raise HeaderError(
                    f"columns {names[sources[flag]].strip()!r} and {name.strip()!r} are both read as {flag}; "
                    "keep one of them (nothing was imported)"
                )
            sources[flag] = i
            if key != flag.replace("_", ""):
                notes.append(f"the column {name.strip()!r} is read as {flag}")
        elif key in STANDARD_COLUMNS and STANDARD_COLUMNS[key] not in sources:
            sources[STANDARD_COLUMNS[key]] = i
        else:
            leftovers.append(i)
    phone = mobile if mobile is not None else plain
    if phone is None:
        raise HeaderError("no phone column (expected one called phone, mobile_phone or mobile phone number)")
    if mobile is not None and plain is not None:
        leftovers.append(plain)
        leftovers.sort()
        notes.append(
            f"the mobile column {names[mobile].strip()!r} is the texting number; "
            f"{names[plain].strip()!r} is kept as a custom field"
        )
    for i in leftovers:
        name = names[i].strip() or f"Column {i + 1}"
        unique, n = name, 2
        while unique in taken_custom:
            unique, n = f"{name} ({n})", n + 1
        taken_custom.add(unique)
        custom.append((unique, i))
    columns = [c for c in TEXT_COLUMNS if c in sources]
    columns += ["phone_raw", "phone_e164", "phone_valid"]
    columns += [c for c in ("country", "time_zone", *FLAG_COLUMNS) if c in sources]
    if custom:
        columns.append("custom_fields")
    return PeopleLayout(tuple(columns), sources, phone, tuple(custom), len(names), tuple(notes))


@dataclass
class BatchResult:
    """Converted rows of one batch, in order, with what was wrong in them."""

    params: list[tuple[object, ...]]
    errors: list[tuple[int, str]]
    zones: list[tuple[str, str]] = field(default_factory=list)  # (E.164, its time zone)
    lines: list[int] = field(default_factory=list)  # the file line of each row of ``params``
    #: Each row as a line of COPY text for a new person (only from a converter made with ``copy_rows``).
    copy: list[str] = field(default_factory=list)
    error_count: int = 0
    invalid_phone: int = 0
    missing_phone: int = 0


def copy_columns(layout: PeopleLayout) -> tuple[str, ...]:
    """The ``people`` columns of a COPY line (:attr:`BatchResult.copy`), in order."""
    return (*layout.columns, "created_at", "updated_at")


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_line(values: list[object]) -> str:
    """One row in PostgreSQL's COPY text format: tab between values, ``\\N`` for NULL, a
    backslash, tab, newline or carriage return in a value escaped, a newline at the end."""
    text = "\t".join([v if v.__class__ is str else "\\N" if v is None else str(v) for v in values])
    if "\\" in text or "\n" in text or "\r" in text or text.count("\t") >= len(values):
        # a value to escape (or a NULL's \N, which this cannot tell from one): value by value
        text = "\t".join(
            [v.translate(_COPY_ESCAPES) if isinstance(v, str) else "\\N" if v is None else str(v) for v in values]
        )
    return text + "\n"


def _jsonb_key_order(item: tuple[str, int]) -> tuple[int, bytes]:
    """jsonb's order of an object's keys: the shorter (in UTF-8 bytes) first, then byte by byte."""
    key = item[0].encode()
    return len(key), key


class RowConverter:
    """Turns records into upsert values for one file (picklable: sent once to each worker)."""

    def __init__(self, layout: PeopleLayout, default_region: str, now: str, *, copy_rows: bool = False) -> None:
        self.layout = layout
        self.default_region = default_region
        self.now = now
        self.copy_rows = copy_rows  # also give each row as COPY text (``BatchResult.copy``)
        self._zones: dict[str, str] | None = None
        self._countries: dict[str, str | None] = {}

    def __getstate__(self) -> dict[str, object]:
        return {
            "layout": self.layout,
            "default_region": self.default_region,
            "now": self.now,
            "copy_rows": self.copy_rows,
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._zones = None
        self._countries = {}

    def convert(self, batch: list[tuple[int, list[str]]], known_countries: dict[str, str] | None = None) -> BatchResult:
        """Convert ``(line, values)`` records; ``known_countries`` maps external ids of people
        already in the workspace to their country, for files without a country column."""
        lay = self.layout
        src = lay.sources
        width = lay.width
        text_idx = [src[c] for c in TEXT_COLUMNS if c in src]
        ext_idx = src.get("external_id")
        country_idx = src.get("country")
        tz_idx = src.get("time_zone")
        flag_idx = [(c, src[c]) for c in FLAG_COLUMNS if c in src]
        custom = lay.custom
        phone_idx = lay.phone_index
        default_region = self.default_region
        now = self.now
        out = BatchResult([], [])
        errors = out.errors
        zones = out.zones
        countries = self._countries
        encode = encode_basestring
        custom_keys = [(encode(name) + ":", i) for name, i in custom]
        upserts = lay.upserts
        copy_out = out.copy if self.copy_rows else None
        if copy_out is not None:
            jsonb_keys = [(encode(name) + ": ", i) for name, i in sorted(custom, key=_jsonb_key_order)]
            flag_end = len(text_idx) + 3 + (country_idx is not None) + (tz_idx is not None) + len(flag_idx)
            flag_start = flag_end - len(flag_idx)

        def report(line: int, reason: str) -> None:
            out.error_count += 1
            if len(errors) < MAX_BATCH_ERRORS:
                errors.append((line, reason))

        for line, values in batch:
            n = len(values)
            if n < width:
                values = values + [""] * (width - n)
            elif n > width and any(v.strip() for v in values[width:]):
                report(line, f"{n} values but the header has {width} columns; the extra values are ignored")
            row: list[object] = [values[i].strip() for i in text_idx]
            if ext_idx is not None and not row[0]:
                row[0] = None  # no external id: a new person, never matched
            region = default_region
            country: object = ""
            if country_idx is not None:
                given = values[country_idx].strip()
                if given:
                    code = countries.get(given, _UNSEEN)
                    if code is _UNSEEN:
                        code = countries[given] = country_code(given)
                    if code is None:
                        report(line, f"country {given!r} is not a country code or English country name; left empty")
                    else:
                        country = code
                        if code in _REGIONS:
                            region = code
            elif known_countries:
                stored = known_countries.get(values[ext_idx].strip(), "")  # type: ignore[index]
                if stored in _REGIONS:
                    region = stored
            raw = values[phone_idx].strip()
            if not raw:
                out.missing_phone += 1
                row += ["", None, 0]
            else:
                found = normalise(raw, region)
                if found is None:
                    out.invalid_phone += 1
                    report(
                        line,
                        f"phone {raw!r} is not a valid number (read with region {region}); "
                        "kept, but it will not be texted",
                    )
                    row += [raw, None, 0]
                else:
                    row += [raw, found[0], 1]
                    zones.append(found)
            if country_idx is not None:
                row.append(country)
            if tz_idx is not None:
                row.append(self._zone(values[tz_idx].strip(), line, report))
            flags: list[object] = []
            for name, i in flag_idx:
                low = values[i].strip().lower()
                if not low:
                    flags.append(None)  # empty: not flagged when new, the stored flag kept when updated
                elif low in _TRUE:
                    flags.append(1)
                elif low in _FALSE:
                    flags.append(0)
                else:
                    report(line, f"{name} {values[i].strip()!r} is not true/false, 1/0 or yes/no; taken as true")
                    flags.append(1)
            row += flags
            patch = None
            if custom:
                # a JSON object written directly (keys encoded once); an empty value is null
                patch = (
                    "{"
                    + ",".join([key + (encode(v) if (v := values[i].strip()) else "null") for key, i in custom_keys])
                    + "}"
                )
                row.append(patch)
            row.append(now)
            row.append(now)
            if copy_out is not None:
                fields = row.copy()
                for k in range(flag_start, flag_end):
                    if fields[k] is None:
                        fields[k] = 0
                if custom:
                    fields[-3] = (
                        "{" + ", ".join([key + encode(v) for key, i in jsonb_keys if (v := values[i].strip())]) + "}"
                    )
                copy_out.append(copy_line(fields))
            if upserts:
                # the update half of the upsert takes the flags and the custom fields again
                row += flags
                if custom:
                    row.append(patch)
            out.params.append(tuple(row))
            out.lines.append(line)
        return out

    def _zone(self, text: str, line: int, report: Callable[[int, str], None]) -> str:
        if not text:
            return ""
        if self._zones is None:
            self._zones = {z.lower(): z for z in zoneinfo.available_timezones()}
        zone = self._zones.get(text.lower())
        if zone is None:
            report(line, f"time zone {text!r} is not an IANA zone such as America/New_York; left empty")
            return ""
        return zone
