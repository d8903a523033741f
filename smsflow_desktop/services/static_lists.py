"""Static lists a marketer makes: create, rename, delete, and add or remove people.

Campaigns name static lists (a ``member_of_list`` filter, an ``added_to_list`` trigger), so
renaming a list renames it in every campaign that names it, in the same transaction, and
deleting a list that campaigns still name is refused unless forced. Each person added to a
list fires ``added_to_list`` for the campaigns listening (a database trigger records it in
the same transaction); adding someone who is already a member adds nothing and fires nothing.

People are named by ``external_id`` (the People CSV's key), internal ``id``, ``phone``
(every person with that number, read as the People CSV reads numbers) or ``email``. A
change that names anybody who is not in the workspace changes nothing: the caller gets
:class:`UnknownPeople` naming them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import phonenumbers

from smsflow_desktop.model.campaign import AddedToListTrigger, BadName, Campaign, MemberOfListFilter, clean_name
from smsflow_desktop.services.campaign_versions import NOTE_LIST_RENAMED, bump
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.workspace import iso, now_utc, transaction

PersonKey = Literal["external_id", "id", "phone", "email"]
PERSON_KEYS: tuple[str, ...] = ("external_id", "id", "phone", "email")


class ListError(ValueError):
    """A static list change that cannot be made; the message says why."""


class ListNotFound(ListError):
    """No static list of that name."""


class ListInUse(ListError):
    """Campaigns still name the list (``campaigns``)."""

    def __init__(self, message: str, campaigns: list[str]) -> None:
        super().__init__(message)
        self.campaigns = campaigns


class UnknownPeople(ListError):
    """References that match nobody in the workspace (``refs``)."""

    def __init__(self, message: str, refs: list[str]) -> None:
        super().__init__(message)
        self.refs = refs


@dataclass
class MembershipChange:
    """What an add or a remove did: ``changed`` people added (removed), ``unchanged`` already
    members (not members)."""

    list_name: str
    changed: int = 0
    unchanged: int = 0
    people: list[int] = field(default_factory=list)


def list_static_lists(conn: sqlite3.Connection) -> list[dict[str, object]]:
    """Every static list with its member count, by name."""
    return [
        {"name": r[0], "members": r[1]}
        for r in conn.execute(
            "SELECT s.name, (SELECT count(*) FROM static_list_members m WHERE m.list_id = s.id) "
            "FROM static_lists s ORDER BY s.name COLLATE NOCASE"
        )
    ]


def list_id(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM static_lists WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise ListNotFound(f"no static list is called {name!r} in this workspace")
    return int(row[0])


def _clean(name: str) -> str:
    try:
        return clean_name(name, "the list name")
    except BadName as exc:
        raise ListError(str(exc)) from None


def create_list(conn: sqlite3.Connection, name: str) -> str:
    """A new, empty static list; its name trimmed. :class:`ListError` when the name is taken or unusable."""
    name = _clean(name)
    with transaction(conn):
        if conn.execute("SELECT 1 FROM static_lists WHERE name = ?", (name,)).fetchone():
            raise ListError(f"a static list called {name!r} already exists")
        conn.execute("INSERT INTO static_lists(name) VALUES (?)", (name,))
    return name


def _campaigns_naming(conn: sqlite3.Connection, name: str) -> list[tuple[int, Campaign]]:
    out: list[tuple[int, Campaign]] = []
    for cid, document in conn.execute(
        "SELECT id, document FROM campaigns WHERE instr(document, ?) > 0 ORDER BY name COLLATE NOCASE",
        (name,),
    ):
        try:
            campaign = Campaign.model_validate_json(document)
        except ValueError:
            continue
        named = any(isinstance(f, MemberOfListFilter) and f.list == name for f in campaign.smart_list.filters) or any(
            isinstance(t, AddedToListTrigger) and t.list == name for t in campaign.smart_list.triggers
        )
        if named:
            out.append((int(cid), campaign))
    return out


def campaigns_naming(conn: sqlite3.Connection, name: str) -> list[str]:
    """The campaigns whose smart list names the static list (a filter or a trigger)."""
    return [c.name for _, c in _campaigns_naming(conn, name)]


def rename_list(conn: sqlite3.Connection, old: str, new: str) -> list[str]:
    """Rename a list, and the list in every campaign that names it; returns those campaigns."""
    new = _clean(new)
    with transaction(conn):
        lid = list_id(conn, old)
        if new == old:
            return []
        if conn.execute("SELECT 1 FROM static_lists WHERE name = ?", (new,)).fetchone():
            raise ListError(f"a static list called {new!r} already exists")
        conn.execute("UPDATE static_lists SET name = ? WHERE id = ?", (new, lid))
        renamed: list[str] = []
        stamp = iso(now_utc())
        for cid, campaign in _campaigns_naming(conn, old):
            for flt in campaign.smart_list.filters:
                if isinstance(flt, MemberOfListFilter) and flt.list == old:
                    flt.list = new
            for trigger in campaign.smart_list.triggers:
                if isinstance(trigger, AddedToListTrigger) and trigger.list == old:
                    trigger.list = new
            bump(conn, "campaign", cid, campaign.model_dump_json(), stamp, NOTE_LIST_RENAMED)  # a new version
            renamed.append(campaign.name)
    return renamed


def delete_list(conn: sqlite3.Connection, name: str, *, force: bool = False) -> int:
    """Delete a list (its members stay in the workspace); returns how many it had. Refused
    (:class:`ListInUse`) while campaigns name it, unless ``force``."""
    with transaction(conn):
        lid = list_id(conn, name)
        using = campaigns_naming(conn, name)
        if using and not force:
            raise ListInUse(
                f"static list {name!r} is named by campaign(s) {', '.join(repr(c) for c in using)}; "
                "change them first, or delete it anyway with --force",
                using,
            )
        members = conn.execute("SELECT count(*) FROM static_list_members WHERE list_id = ?", (lid,)).fetchone()[0]
        conn.execute("DELETE FROM static_list_members WHERE list_id = ?", (lid,))
        conn.execute("DELETE FROM static_lists WHERE id = ?", (lid,))
    return int(members)


def resolve_people(conn: sqlite3.Connection, refs: Iterable[str], by: PersonKey = "external_id") -> list[int]:
    """The internal ids of the people ``refs`` name (a number: everyone with it), in order,
    without repeats; :class:`UnknownPeople` names those that match nobody."""
    ids: list[int] = []
    unknown: list[str] = []
    region = get_setting(conn, "default_region")
    for ref in refs:
        text = ref.strip()
        found: list[int] = []
        if by == "id":
            if text.isdigit() and len(text) < 19:
                found = [r[0] for r in conn.execute("SELECT id FROM people WHERE id = ?", (int(text),))]
        elif by == "external_id":
            found = [r[0] for r in conn.execute("SELECT id FROM people WHERE external_id = ?", (text,))]
        elif by == "email":
            found = [
                r[0] for r in conn.execute("SELECT id FROM people WHERE email = ? COLLATE NOCASE ORDER BY id", (text,))
            ]
        else:
            number = _e164(text, region)
            if number is not None:
                found = [
                    r[0] for r in conn.execute("SELECT id FROM people WHERE phone_e164 = ? ORDER BY id", (number,))
                ]
        if not found:
            unknown.append(ref)
        ids += found
    if unknown:
        shown = ", ".join(repr(u) for u in unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
        what = {"external_id": "external id", "id": "id", "phone": "number", "email": "e-mail"}[by]
        raise UnknownPeople(f"no person in this workspace has the {what} {shown}; nothing was changed", unknown)
    return list(dict.fromkeys(ids))


def _e164(text: str, region: str) -> str | None:
    try:
        number = phonenumbers.parse(text, region or None)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def add_people(
    conn: sqlite3.Connection, name: str, refs: Iterable[str], by: PersonKey = "external_id"
) -> MembershipChange:
    """Add the people ``refs`` name to the list (each addition fires ``added_to_list``)."""
    return _change_members(
        conn,
        name,
        refs,
        by,
        "INSERT INTO static_list_members(list_id, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
    )


def remove_people(
    conn: sqlite3.Connection, name: str, refs: Iterable[str], by: PersonKey = "external_id"
) -> MembershipChange:
    """Take the people ``refs`` name off the list."""
    return _change_members(conn, name, refs, by, "DELETE FROM static_list_members WHERE list_id = ? AND person_id = ?")


def _change_members(
    conn: sqlite3.Connection, name: str, refs: Iterable[str], by: PersonKey, sql: str
) -> MembershipChange:
    """Run ``sql`` (list id, person id) for each person ``refs`` name, in one transaction, counting
    the people it changed and those it left as they were."""
    change = MembershipChange(name)
    with transaction(conn):
        lid = list_id(conn, name)
        change.people = resolve_people(conn, refs, by)
        for pid in change.people:
            changed = conn.execute(sql, (lid, pid)).rowcount
            change.changed += changed
            change.unchanged += 1 - changed
    return change
