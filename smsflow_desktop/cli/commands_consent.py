"""``smsflow consent export`` and ``smsflow people erase``: the consent log out, a person's data gone.

``consent export`` writes the consent log (``services.consent``) of one number, or of the
entries that happened in a date range, as a CSV file: a header, one entry a line, ISO-8601
UTC times, cells a spreadsheet will not run as formulas, UTF-8. ``people erase`` erases one
person on request (``services.erasure``): it cannot be undone, so it asks for ``--yes``.
"""

from __future__ import annotations

import argparse
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from smsflow_desktop.cli.base import CliError, Result, cannot_write, command, open_workspace, output_file
from smsflow_desktop.services.consent import export_consent_csv
from smsflow_desktop.services.erasure import ErasureError, erase_person, resolve_person
from smsflow_desktop.services.phones import normalise
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.workspace import iso

_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def register(sub: Any, groups: dict[str, Any]) -> None:
    consent = sub.add_parser("consent", help="the consent log: every opt-in and opt-out, with its source and proof")
    csub = consent.add_subparsers(dest="consent_command", metavar="ACTION", required=True)
    exp = command(
        csub,
        "export",
        _export,
        "write the consent log of one number, or of a date range, to a CSV file",
    )
    which = exp.add_mutually_exclusive_group(required=True)
    which.add_argument("--number", metavar="E164", default=None, help="every entry of this number, erased ones too")
    which.add_argument("--since", metavar="DATE", default=None, help="entries from this date (YYYY-MM-DD, UTC) on")
    exp.add_argument("--until", metavar="DATE", default=None, help="… up to and including this date (with --since)")
    exp.add_argument("-o", "--output", required=True, metavar="FILE.csv")


def register_erase(people: Any) -> None:
    """``smsflow people erase`` (``people``: the actions of ``smsflow people``)."""
    erase = command(
        people,
        "erase",
        _erase,
        "erase a person on request: name, e-mail, number and fields go; the number's opt-out stays, as a hash",
    )
    erase.add_argument("person", metavar="PERSON", help="the person's external id or internal id")
    erase.add_argument(
        "--by", choices=("external_id", "id"), default=None, help="read PERSON only as this (default: either)"
    )
    erase.add_argument("--yes", action="store_true", help="confirm: the erasure cannot be undone")


def _instant(option: str, text: str, *, end_of_day: bool = False) -> str:
    """A stored UTC timestamp from a date (its start, or the start of the next day) or an ISO-8601 instant."""
    value = text.strip()
    try:
        if _DATE.match(value):
            day = datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
            return iso(day + timedelta(days=1) if end_of_day else day)
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return iso(moment)
    except (ValueError, OverflowError):
        raise CliError(
            f"{option} {text!r}: not a date such as 2026-04-05 or an instant such as 2026-04-05T14:30:00Z"
        ) from None


def _number(text: str, region: str) -> str:
    value = text.strip()
    if _E164.match(value):
        return value
    found = normalise(value, region)
    if found is None:
        digits = re.sub(r"[\s().\-/]", "", value)
        if _E164.match(digits):
            return digits
        raise CliError(f"--number {text!r}: not a phone number (give it in E.164, such as +12125550123)")
    return found[0]


def _export(args: argparse.Namespace) -> Result:
    if args.until is not None and args.since is None:
        raise CliError("--until goes with --since (give the start of the range too)")
    since = _instant("--since", args.since) if args.since is not None else None
    until = _instant("--until", args.until, end_of_day=True) if args.until is not None else None
    if since is not None and until is not None and until <= since:
        raise CliError(f"--until {args.until!r} is before --since {args.since!r}")
    out = output_file(args.output)
    ws = open_workspace(args)
    with ws.session() as conn:
        number = _number(args.number, get_setting(conn, "default_region")) if args.number is not None else None
        try:
            rows = export_consent_csv(conn, out, number=number, since=since, until=until)
        except OSError as exc:
            raise cannot_write(out, exc) from None
    what = f"of {number}" if number else f"from {since}" + (f" to {until}" if until else "")
    data: dict[str, object] = {"rows": rows, "file": str(out)}
    if number:
        data["number"] = number
    else:
        data.update({"since": since, "until": until})
    return Result(data, f"wrote {rows} consent log entr{'y' if rows == 1 else 'ies'} {what} to {out}")


def _erase(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            person_id = resolve_person(conn, args.person, args.by)
        except ErasureError as exc:
            raise CliError(str(exc)) from None
        if not args.yes:
            raise CliError(
                f"erasing person {person_id} cannot be undone (their name, e-mail, number and fields are replaced; "
                "their number's opt-out is kept as a hash); add --yes to erase them"
            )
        try:
            result = erase_person(conn, person_id)
        except ErasureError as exc:
            raise CliError(str(exc)) from None
    text = f"person {person_id} erased"
    if result.already_erased:
        text = f"person {person_id} was already erased; nothing of them is left to erase"
    elif result.number_kept_as_hash:
        text += "; their number is kept only as a hash and is never texted again"
        if result.shared_number:
            text += " (another person has the same number: it stays for them, never texted)"
        elif result.entries_hashed:
            text += f" ({result.entries_hashed} consent log entries keep their proof under the hash)"
    return Result(result.as_dict(), text)
