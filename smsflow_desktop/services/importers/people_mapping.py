"""A People CSV's columns mapped by hand: which person field each column fills, or none.

The importer maps a header by itself (:func:`people_rows.map_header`); the import wizard
shows that mapping and lets the user change it. A mapping is one target per column index:

* a person field: ``external_id``, ``first_name``, ``last_name``, ``email``, ``state``,
  ``city``, ``postal_code``, ``country``, ``time_zone``;
* ``phone``: the mobile number people are texted at (exactly one column);
* an opt-out flag: ``blocklisted``, ``unsubscribed``, ``marketing_suspended``;
* ``custom``: a custom field named after the column (``custom:Name`` for another name);
* ``ignore``: not imported.

:func:`mapping_of` gives the automatic mapping in this form; :func:`layout_from_mapping`
checks a mapping and turns it into the :class:`PeopleLayout` the importer writes with, and
:func:`plan_with_mapping` puts it in a checked file's plan (``import_people_csv(plan=...)``).
The command line keeps the automatic mapping.

Opt-outs are never lost by a change of mapping: a column the automatic mapping reads as an
opt-out flag stays one (it may be moved to another flag, not ignored or made a custom field),
as the importer never lets such a column go unread.
"""

from __future__ import annotations

import dataclasses

from smsflow_desktop.services.importers.people_csv import PeopleCsvPlan
from smsflow_desktop.services.importers.people_rows import (
    FLAG_COLUMNS,
    TEXT_COLUMNS,
    HeaderError,
    PeopleLayout,
    map_header,
)
from smsflow_desktop.services.importers.textfile import header_key

PHONE = "phone"
IGNORE = "ignore"
CUSTOM = "custom"
#: The person fields a column may fill, in the order the wizard offers them.
PERSON_FIELDS: tuple[str, ...] = (
    "external_id",
    "first_name",
    "last_name",
    "email",
    "country",
    "state",
    "city",
    "postal_code",
    "time_zone",
)
#: Every target but ``custom:Name``, in the order the wizard offers them.
TARGETS: tuple[str, ...] = (PHONE, *PERSON_FIELDS, *FLAG_COLUMNS, CUSTOM, IGNORE)


class MappingError(HeaderError):
    """A mapping the importer cannot use; the message says which columns and why. ``code``
    (``no_phone``, ``two_phones``, ``same_field``, ``opt_out_dropped``, ``unknown_target``),
    ``columns`` (the header names concerned) and ``target`` let the wizard say it in its language."""

    def __init__(self, message: str, code: str, columns: tuple[str, ...] = (), target: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.columns = columns
        self.target = target


def _shown(names: list[str], index: int) -> str:
    return names[index].strip() or f"Column {index + 1}"


def mapping_of(layout: PeopleLayout) -> dict[int, str]:
    """The automatic mapping of a file, one target per column (``custom:Name`` for custom fields)."""
    mapping = {i: IGNORE for i in range(layout.width)}
    for column, index in layout.sources.items():
        mapping[index] = column
    mapping[layout.phone_index] = PHONE
    for name, index in layout.custom:
        mapping[index] = f"{CUSTOM}:{name}"
    return mapping


def layout_from_mapping(names: list[str], mapping: dict[int, str]) -> PeopleLayout:
    """The layout for a header with its columns mapped as ``mapping`` says (a column it leaves
    out keeps its automatic target). :class:`MappingError` when no column or two columns are
    the mobile number, two columns fill one field, a column holding opt-outs would not be read
    as one, or a target is unknown; :class:`HeaderError` for a header the importer refuses."""
    automatic = map_header(names)
    given = {**mapping_of(automatic), **mapping}
    flags_read = {index for column, index in automatic.sources.items() if column in FLAG_COLUMNS}
    sources: dict[str, int] = {}
    phones: list[int] = []
    custom: list[tuple[str, int]] = []
    taken_custom: set[str] = set()
    for index in range(len(names)):
        target = given.get(index, IGNORE)
        if index in flags_read and target not in FLAG_COLUMNS:
            flag = next(c for c, i in automatic.sources.items() if i == index)
            raise MappingError(
                f"column {_shown(names, index)!r} holds opt-outs ({flag}): import it as an opt-out flag, "
                "or people who opted out could be texted",
                "opt_out_dropped",
                (_shown(names, index),),
                flag,
            )
        if target == IGNORE:
            continue
        if target == PHONE:
            phones.append(index)
        elif target == CUSTOM or target.startswith(CUSTOM + ":"):
            name = target[len(CUSTOM) + 1 :].strip() if target != CUSTOM else ""
            name = name or _shown(names, index)
            unique, n = name, 2
            while unique in taken_custom:
                unique, n = f"{name} ({n})", n + 1
            taken_custom.add(unique)
            custom.append((unique, index))
        elif target in PERSON_FIELDS or target in FLAG_COLUMNS:
            if target in sources:
                raise MappingError(
                    f"columns {_shown(names, sources[target])!r} and {_shown(names, index)!r} both go to "
                    f"{target}; choose another field for one of them, or do not import it",
                    "same_field",
                    (_shown(names, sources[target]), _shown(names, index)),
                    target,
                )
            sources[target] = index
        else:
            raise MappingError(
                f"column {_shown(names, index)!r}: {target!r} is not a person field",
                "unknown_target",
                (_shown(names, index),),
                target,
            )
    if not phones:
        raise MappingError("no column is the mobile number: choose the column people are texted at", "no_phone")
    if len(phones) > 1:
        raise MappingError(
            f"columns {_shown(names, phones[0])!r} and {_shown(names, phones[1])!r} are both the mobile number; "
            "keep one (the other can be a custom field)",
            "two_phones",
            (_shown(names, phones[0]), _shown(names, phones[1])),
            PHONE,
        )
    notes = tuple(
        f"the column {_shown(names, i)!r} is read as {c}"
        for c, i in sources.items()
        if c in FLAG_COLUMNS and header_key(names[i]) != c.replace("_", "")
    )
    columns = [c for c in TEXT_COLUMNS if c in sources]
    columns += ["phone_raw", "phone_e164", "phone_valid"]
    columns += [c for c in ("country", "time_zone", *FLAG_COLUMNS) if c in sources]
    if custom:
        columns.append("custom_fields")
    return PeopleLayout(tuple(columns), sources, phones[0], tuple(custom), len(names), notes)


def plan_with_mapping(plan: PeopleCsvPlan, names: list[str], mapping: dict[int, str]) -> PeopleCsvPlan:
    """``plan`` (a checked file with header ``names``) importing its columns as ``mapping`` says."""
    return dataclasses.replace(plan, layout=layout_from_mapping(names, mapping))
