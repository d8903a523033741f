"""Campaigns and SMS messages in the workspace, and campaign files on disk.

Load, save, list and delete campaigns and messages; build the :class:`WorkspaceRefs` that
validation checks references against; import and export ``*.smsflow.json`` files. An
import never half-writes: the campaign and its messages land in one transaction, and a
name clash is resolved by the caller's choice (``rename``, ``replace`` or ``fail``).

Campaigns and messages are versioned (:mod:`~smsflow_desktop.services.campaign_versions`):
a save says which version it started from and is refused with :class:`Conflict` when the
workspace has moved on since; every saved version is kept with who saved it and when.

A campaign or message that gets a new name (created, renamed, imported) must have a name
that :func:`~smsflow_desktop.model.campaign.name_problem` accepts, without surrounding
spaces (callers trim what people type); otherwise :class:`BadName`. Names stored before
this rule keep working until they are changed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from smsflow_desktop.model.campaign import MAX_NAME_CHARS, BadName, Campaign, SmsMessage, clean_name, name_problem
from smsflow_desktop.model.campaign_file import (
    CampaignFile,
    CampaignFormatError,
    parse_campaign_text,
)
from smsflow_desktop.model.opt_out import first_text_branches
from smsflow_desktop.model.step_types import references
from smsflow_desktop.model.validation import Problem, WorkspaceRefs, validate_campaign
from smsflow_desktop.services import campaign_versions as versions
from smsflow_desktop.services.campaign_versions import Conflict as Conflict  # re-exported for callers
from smsflow_desktop.services.campaign_versions import Version
from smsflow_desktop.services.output_files import OutputFileError, write_text_file
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.workspace import iso, now_utc, transaction

MAX_CAMPAIGN_FILE_BYTES = 5 * 1024 * 1024
ClashPolicy = Literal["rename", "replace", "fail"]


class CampaignNotFound(LookupError):
    """No campaign of that name in the workspace."""


class CampaignFileError(ValueError):
    """A campaign file that cannot be read or does not fit the format; names the file and path."""


class NameClash(ValueError):
    """A campaign or message of that name exists and the policy is ``fail``."""


class VersionNotFound(LookupError):
    """The campaign has no saved version of that number."""


def check_new_name(name: str, what: str) -> None:
    """Refuse (:class:`BadName`) a name a campaign or message may not take: empty, too long,
    with control characters, line breaks or text-direction marks, or with surrounding spaces."""
    problem = name_problem(name)
    if problem is None and name != name.strip():
        problem = "starts or ends with a space"
    if problem is not None:
        raise BadName(f"{what} {name!r} {problem}" if name.strip() else f"{what} {problem}")


# -- campaigns ----------------------------------------------------------------------------


def list_campaigns(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM campaigns ORDER BY name COLLATE NOCASE")]


def load_campaign(conn: sqlite3.Connection, name: str) -> Campaign:
    return load_campaign_and_version(conn, name)[0]


def load_campaign_and_version(conn: sqlite3.Connection, name: str) -> tuple[Campaign, int]:
    """The campaign and the number of the version it is, read together: the version to hand
    back as ``base_version`` when saving it."""
    row = conn.execute("SELECT document, version FROM campaigns WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise CampaignNotFound(f"no campaign called {name!r} in this workspace")
    return Campaign.model_validate_json(row[0]), int(row[1])


def save_campaign(
    conn: sqlite3.Connection,
    campaign: Campaign,
    *,
    previous_name: str | None = None,
    base_version: int | None = None,
    note: str = "",
) -> int:
    """Insert or update a campaign (``previous_name`` when it was renamed); returns the version
    now stored (unchanged when the workspace already held exactly this campaign).

    ``base_version`` is the version the caller opened (0: a new campaign, which must not exist
    yet). When the stored campaign has another version, or was renamed since, nothing is written
    and :class:`Conflict` carries what the workspace holds. None saves without that check (a
    caller that knows no base, such as the demo generator)."""
    now = iso(now_utc())
    document = campaign.model_dump_json()
    with transaction(conn):
        return versions.write(
            conn,
            "campaign",
            previous_name or campaign.name,
            campaign.name,
            document,
            now,
            base_version=base_version,
            check_name=lambda name: check_new_name(name, "campaign name"),
            note=note,
        )


def campaign_history(conn: sqlite3.Connection, name: str) -> list[Version]:
    """Every saved version of the campaign called ``name`` (under any earlier name too), newest first."""
    found = versions.find_id(conn, "campaign", name)
    if found is None:
        raise CampaignNotFound(f"no campaign called {name!r} in this workspace")
    return versions.history(conn, "campaign", found[0])


def campaign_version(conn: sqlite3.Connection, name: str, version: int) -> Version:
    """Version ``version`` of the campaign called ``name``; :class:`VersionNotFound` when it has none such."""
    found = versions.find_id(conn, "campaign", name)
    if found is None:
        raise CampaignNotFound(f"no campaign called {name!r} in this workspace")
    kept = versions.get_version(conn, "campaign", found[0], version)
    if kept is None:
        raise VersionNotFound(f"campaign {name!r} has no version {version} (it is at version {found[1]})")
    return kept


def restore_campaign_version(conn: sqlite3.Connection, name: str, version: int) -> int:
    """Save version ``version`` of the campaign called ``name`` again, as its newest version
    (history is never rewritten); the campaign keeps its current name. Returns the new version
    (the current one when that version is what it holds already)."""
    now = iso(now_utc())
    with transaction(conn):
        kept = campaign_version(conn, name, version)
        campaign = kept.campaign()
        campaign.name = name
        current = versions.find_id(conn, "campaign", name)
        assert current is not None
        return versions.write(
            conn,
            "campaign",
            name,
            name,
            campaign.model_dump_json(),
            now,
            base_version=current[1],
            check_name=lambda n: check_new_name(n, "campaign name"),
            note=f"{versions.NOTE_RESTORED}:{version}",
        )


def copy_name(conn: sqlite3.Connection, name: str, word: str = "copy") -> str:
    """A free campaign name for a copy of ``name``: ``name (copy)``, then ``name (copy 2)``...
    (``word`` in the user's language), shortened to fit the name limit."""
    taken = set(list_campaigns(conn))
    n = 1
    while True:
        suffix = f" ({word})" if n == 1 else f" ({word} {n})"
        candidate = name[: MAX_NAME_CHARS - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        n += 1


def _exists(conn: sqlite3.Connection, table: str, name: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE name = ?", (name,)).fetchone() is not None


def delete_campaign(conn: sqlite3.Connection, name: str) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM campaigns WHERE name = ?", (name,))


# -- messages -----------------------------------------------------------------------------


def list_messages(conn: sqlite3.Connection) -> list[SmsMessage]:
    return [
        SmsMessage(name=r[0], body=r[1])
        for r in conn.execute("SELECT name, body FROM sms_messages ORDER BY name COLLATE NOCASE")
    ]


def message_bodies(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT name, body FROM sms_messages").fetchall())


def load_message_and_version(conn: sqlite3.Connection, name: str) -> tuple[SmsMessage, int] | None:
    """The SMS message called ``name`` and its version, read together (None: there is none)."""
    row = conn.execute("SELECT body, version FROM sms_messages WHERE name = ?", (name,)).fetchone()
    return (SmsMessage(name=name, body=row[0]), int(row[1])) if row is not None else None


def save_message(
    conn: sqlite3.Connection,
    message: SmsMessage,
    *,
    previous_name: str | None = None,
    base_version: int | None = None,
    note: str = "",
) -> int:
    """Insert or update an SMS message (``previous_name`` when renamed); returns its version.
    ``base_version`` as for :func:`save_campaign` (:class:`Conflict` when it moved on)."""
    now = iso(now_utc())
    with transaction(conn):
        return _upsert_message(conn, message, previous_name or message.name, now, base_version=base_version, note=note)


def _upsert_message(
    conn: sqlite3.Connection,
    message: SmsMessage,
    key: str,
    now: str,
    *,
    base_version: int | None = None,
    note: str = "",
) -> int:
    return versions.write(
        conn,
        "message",
        key,
        message.name,
        message.body,
        now,
        base_version=base_version,
        check_name=lambda name: check_new_name(name, "SMS message name"),
        note=note,
    )


# -- references and validation --------------------------------------------------------------


def workspace_refs(conn: sqlite3.Connection) -> WorkspaceRefs:
    """Everything a campaign may name, read from the workspace."""
    acq: dict[str, set[str]] = {r[0]: set() for r in conn.execute("SELECT id FROM vibes_acquisition_campaigns")}
    for acq_id, list_id in conn.execute("SELECT acquisition_id, list_id FROM vibes_acquisition_lists"):
        acq.setdefault(acq_id, set()).add(list_id)
    return WorkspaceRefs(
        messages=message_bodies(conn),
        vibes_lists=dict(conn.execute("SELECT id, name FROM vibes_lists").fetchall()),
        acquisition_campaigns={k: frozenset(v) for k, v in acq.items()},
        static_lists=frozenset(r[0] for r in conn.execute("SELECT name FROM static_lists")),
        custom_fields=frozenset(r[0] for r in conn.execute("SELECT name FROM custom_fields")),
        campaigns=frozenset(list_campaigns(conn)),
        default_time_zone=get_setting(conn, "default_time_zone"),
        language=get_setting(conn, "ui.language"),
    )


@dataclass(frozen=True)
class FirstTextUse:
    """A step of a campaign that can send a message as someone's first text from a Vibes list."""

    campaign: str
    step: int
    vibes_list_id: str
    vibes_list_name: str


def first_text_uses(conn: sqlite3.Connection, message: str) -> list[FirstTextUse]:
    """Where ``message`` can be someone's first text from a Vibes list (the rule of
    :mod:`smsflow_desktop.model.opt_out`), campaign by campaign; a campaign that no longer
    reads is left out."""
    lists = dict(conn.execute("SELECT id, name FROM vibes_lists").fetchall())
    out: list[FirstTextUse] = []
    for name, document in conn.execute("SELECT name, document FROM campaigns ORDER BY name COLLATE NOCASE"):
        try:
            campaign = Campaign.model_validate_json(document)
        except ValueError:
            continue
        for first in first_text_branches(campaign):
            if first.message == message:
                out.append(FirstTextUse(name, first.step, first.vibes_list_id, lists.get(first.vibes_list_id, "")))
    return out


def validate_in_workspace(
    conn: sqlite3.Connection, campaign: Campaign, extra_messages: dict[str, str] | None = None
) -> list[Problem]:
    return validate_campaign(campaign, workspace_refs(conn), extra_messages)


# -- files --------------------------------------------------------------------------------


def read_campaign_file(path: Path) -> CampaignFile:
    """Read and parse a campaign file; :class:`CampaignFileError` names the file and JSON path."""
    try:
        size = path.stat().st_size
        if size > MAX_CAMPAIGN_FILE_BYTES:
            raise CampaignFileError(
                f"{path}: {size} bytes is too large for a campaign file "
                f"(limit {MAX_CAMPAIGN_FILE_BYTES // (1024 * 1024)} MB)"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CampaignFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CampaignFileError(f"{path}: is a folder, not a campaign file") from None
    except OSError as exc:
        raise CampaignFileError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CampaignFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    try:
        return parse_campaign_text(text)
    except CampaignFormatError as exc:
        raise CampaignFileError(f"{path}: {exc}") from None


def export_campaign(conn: sqlite3.Connection, name: str) -> CampaignFile:
    """The campaign and the messages it uses (no people, no credentials)."""
    campaign = load_campaign(conn, name)
    bodies = message_bodies(conn)
    messages = [SmsMessage(name=n, body=bodies[n]) for n in sorted(campaign.message_names()) if n in bodies]
    return CampaignFile(campaign=campaign, messages=messages)


def write_campaign_file(doc: CampaignFile, path: Path) -> None:
    """Write atomically: a temporary file beside the target, then rename; a target that is a
    symbolic link or a special file is refused."""
    try:
        write_text_file(path, doc.to_json())
    except OutputFileError as exc:
        raise CampaignFileError(str(exc)) from None
    except OSError as exc:
        raise CampaignFileError(f"{path}: cannot write ({exc.strerror})") from None


@dataclass
class ImportResult:
    campaign: str
    messages_added: list[str]
    messages_renamed: dict[str, str]
    problems: list[Problem]


def _free_name(taken: set[str], base: str) -> str:
    """``base (2)``, ``base (3)``... the first not taken, shortened to fit the name limit."""
    n = 2
    while True:
        suffix = f" ({n})"
        candidate = base[: MAX_NAME_CHARS - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        n += 1


def import_campaign(
    conn: sqlite3.Connection, doc: CampaignFile, *, on_clash: ClashPolicy = "rename", new_name: str | None = None
) -> ImportResult:
    """Add a file's campaign and messages to the workspace in one transaction.

    A message whose name exists with the same body is reused; with another body it is
    renamed (and the campaign's references follow) unless ``on_clash`` is ``replace``.
    ``new_name`` is trimmed; :class:`BadName` when it, or a name in ``doc``, cannot be used.
    """
    campaign = doc.campaign.model_copy(deep=True)
    if new_name:
        campaign.name = clean_name(new_name, "campaign name")
    check_new_name(campaign.name, "campaign name")
    for msg in doc.messages:
        check_new_name(msg.name, "SMS message name")
    existing_campaigns = set(list_campaigns(conn))
    if campaign.name in existing_campaigns:
        if on_clash == "fail":
            raise NameClash(f"a campaign called {campaign.name!r} already exists")
        if on_clash == "rename":
            campaign.name = _free_name(existing_campaigns, campaign.name)
    bodies = message_bodies(conn)
    renamed: dict[str, str] = {}
    added: list[str] = []
    to_write: list[tuple[SmsMessage, str]] = []
    taken = set(bodies)
    for msg in doc.messages:
        if msg.name in bodies and bodies[msg.name] == msg.body:
            continue
        if msg.name in bodies and on_clash != "replace":
            if on_clash == "fail":
                raise NameClash(f"an SMS message called {msg.name!r} already exists with another text")
            fresh = _free_name(taken, msg.name)
            taken.add(fresh)
            renamed[msg.name] = fresh
            to_write.append((SmsMessage(name=fresh, body=msg.body), fresh))
        else:
            to_write.append((msg, msg.name))
        added.append(renamed.get(msg.name, msg.name))
    if renamed:
        _rename_message_refs(campaign, renamed)
    now = iso(now_utc())
    with transaction(conn):
        for msg, key in to_write:
            _upsert_message(conn, msg, key, now, note=versions.NOTE_IMPORTED)
        # ``replace`` writes over a campaign of the same name, as asked: its earlier versions stay in its history.
        versions.write(
            conn,
            "campaign",
            campaign.name,
            campaign.name,
            campaign.model_dump_json(),
            now,
            base_version=None,
            check_name=lambda name: check_new_name(name, "campaign name"),
            note=versions.NOTE_IMPORTED,
        )
    problems = validate_in_workspace(conn, campaign)
    return ImportResult(campaign.name, added, renamed, problems)


def _rename_message_refs(campaign: Campaign, renamed: dict[str, str]) -> None:
    for step in campaign.flow:
        for params, field in references(step, "message"):
            name = getattr(params, field)
            if name in renamed:
                setattr(params, field, renamed[name])
