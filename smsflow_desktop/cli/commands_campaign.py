"""``smsflow campaign list/import/export/validate``, and a campaign's saved versions:
``history``, ``diff`` between two of them and ``restore`` (an old version saved as the newest)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from smsflow_desktop.cli.base import EXIT_INVALID, CliError, Result, command, open_workspace, output_file
from smsflow_desktop.model.campaign import shown_name
from smsflow_desktop.model.validation import Problem, validate_campaign
from smsflow_desktop.services.campaign_diff import diff_texts
from smsflow_desktop.services.campaign_versions import note_text
from smsflow_desktop.services.campaigns import (
    BadName,
    CampaignFileError,
    CampaignNotFound,
    NameClash,
    VersionNotFound,
    campaign_history,
    campaign_version,
    export_campaign,
    import_campaign,
    list_campaigns,
    load_campaign,
    read_campaign_file,
    restore_campaign_version,
    validate_in_workspace,
    workspace_refs,
    write_campaign_file,
)
from smsflow_desktop.services.workspace import Workspace, WorkspaceError


def register(sub: Any, groups: dict[str, Any]) -> None:
    camp = sub.add_parser("campaign", help="list, import, export and validate campaigns")
    csub = camp.add_subparsers(dest="campaign_command", metavar="ACTION", required=True)
    groups["campaign"] = csub
    command(csub, "list", _list, "list the workspace's campaigns")
    imp = command(csub, "import", _import, "add a campaign file (*.smsflow.json) to the workspace")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument(
        "--on-clash",
        choices=("rename", "replace", "fail"),
        default="rename",
        help="when a campaign or message of the same name exists (default: rename)",
    )
    imp.add_argument("--name", default=None, help="import under this campaign name")
    exp = command(csub, "export", _export, "write a campaign and its messages to a file")
    exp.add_argument("name", metavar="NAME")
    exp.add_argument("-o", "--output", required=True, metavar="FILE")
    val = command(csub, "validate", _validate, "check a campaign (by name) or a campaign file")
    val.add_argument("target", metavar="NAME_OR_FILE")
    hist = command(csub, "history", _history, "list a campaign's saved versions, newest first, with who saved them")
    hist.add_argument("name", metavar="NAME")
    diff = command(csub, "diff", _diff, "say what changed between two saved versions of a campaign")
    diff.add_argument("name", metavar="NAME")
    diff.add_argument("old", type=int, metavar="VERSION")
    diff.add_argument("new", type=int, nargs="?", default=None, metavar="OTHER", help="default: the newest version")
    rest = command(csub, "restore", _restore, "save an earlier version of a campaign again, as its newest version")
    rest.add_argument("name", metavar="NAME")
    rest.add_argument("version", type=int, metavar="VERSION")


def format_problems(problems: list[Problem]) -> str:
    lines = []
    for p in problems:
        where = f"step {p.step}" if p.step else "settings" if (p.field or "").startswith("vibes.") else "campaign"
        if p.field:
            where += f" ({p.field})"
        lines.append(f"  {p.severity}: {where}: {p.message} [{p.code}]")
    return "\n".join(lines)


def _list(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        names = list_campaigns(conn)
    return Result({"campaigns": names}, "\n".join(shown_name(n) for n in names) or "(no campaigns)")


def _import(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    try:
        doc = read_campaign_file(Path(args.file))
    except CampaignFileError as exc:
        raise CliError(str(exc)) from None
    with ws.session() as conn:
        try:
            result = import_campaign(conn, doc, on_clash=args.on_clash, new_name=args.name)
        except NameClash as exc:
            raise CliError(f"{args.file}: {exc}; use --on-clash rename or replace, or --name") from None
        except BadName as exc:
            raise CliError(f"--name: {exc}") from None
    errors = [p for p in result.problems if p.severity == "error"]
    warnings = [p for p in result.problems if p.severity != "error"]
    data = {
        "campaign": result.campaign,
        "messages_added": result.messages_added,
        "messages_renamed": result.messages_renamed,
        "valid": not errors,
        "problems": [p.as_dict() for p in result.problems],
    }
    text = f"imported campaign {result.campaign!r}"
    if result.messages_renamed:
        text += "; renamed messages: " + ", ".join(f"{a!r} -> {b!r}" for a, b in result.messages_renamed.items())
    if errors:
        text += f"\n{len(errors)} problem(s) to fix before it can run:\n" + format_problems(errors)
    if warnings:
        text += f"\n{len(warnings)} warning(s):\n" + format_problems(warnings)
    return Result(data, text)


def _export(args: argparse.Namespace) -> Result:
    out = output_file(args.output)
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            doc = export_campaign(conn, args.name)
        except CampaignNotFound as exc:
            raise CliError(str(exc)) from None
    try:
        write_campaign_file(doc, out)
    except CampaignFileError as exc:
        raise CliError(str(exc)) from None
    return Result(
        {"campaign": args.name, "file": str(out), "messages": [m.name for m in doc.messages]},
        f"exported {args.name!r} to {out}",
    )


def _looks_like_file(target: str) -> bool:
    return target.endswith(".json") or Path(target).is_file()


def _validate(args: argparse.Namespace) -> Result:
    target = args.target
    if _looks_like_file(target):
        try:
            doc = read_campaign_file(Path(target))
        except CampaignFileError as exc:
            raise CliError(str(exc)) from None
        extra = {m.name: m.body for m in doc.messages}
        try:
            ws = Workspace.open(args.workspace)
        except WorkspaceError:
            ws = None
        if ws is None:
            problems = validate_campaign(doc.campaign, None, extra)
        else:
            with ws.session() as conn:
                problems = validate_campaign(doc.campaign, workspace_refs(conn), extra)
        name = doc.campaign.name
    else:
        ws = open_workspace(args)
        with ws.session() as conn:
            try:
                campaign = load_campaign(conn, target)
            except CampaignNotFound as exc:
                raise CliError(str(exc)) from None
            problems = validate_in_workspace(conn, campaign)
        name = campaign.name
    errors = [p for p in problems if p.severity == "error"]
    data = {"campaign": name, "valid": not errors, "problems": [p.as_dict() for p in problems]}
    if not problems:
        return Result(data, f"{name!r} is valid")
    text = f"{name!r}: {len(problems)} problem(s)\n" + format_problems(problems)
    return Result(data, text, EXIT_INVALID if errors else 0)


def _history(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            kept = campaign_history(conn, args.name)
        except CampaignNotFound as exc:
            raise CliError(str(exc)) from None
    lines = [f"{shown_name(args.name)}: {len(kept)} version(s), newest first"]
    for v in kept:
        line = f"  {v.version:>4}  {v.saved_at}  {v.saved_by or '(unknown)'}"
        if v.name != args.name:
            line += f"  as {shown_name(v.name)!r}"
        if v.note:
            line += f"  ({note_text(v.note)})"
        lines.append(line)
    return Result({"campaign": args.name, "versions": [v.as_dict() for v in kept]}, "\n".join(lines))


def _diff(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            old = campaign_version(conn, args.name, args.old)
            new = (
                campaign_version(conn, args.name, args.new)
                if args.new is not None
                else campaign_history(conn, args.name)[0]
            )
        except (CampaignNotFound, VersionNotFound) as exc:
            raise CliError(str(exc)) from None
        lists = dict(conn.execute("SELECT id, name FROM vibes_lists").fetchall())
    try:
        changes = diff_texts(old.campaign(), new.campaign(), vibes_lists=lists)
    except ValueError as exc:
        raise CliError(f"{args.name}: a saved version no longer reads: {str(exc).splitlines()[0]}") from None
    head = f"{shown_name(args.name)}: version {old.version} -> {new.version}"
    text = head + ("\n" + "\n".join(f"  {c}" for c in changes) if changes else "\n  (no changes)")
    return Result({"campaign": args.name, "from": old.version, "to": new.version, "changes": changes}, text)


def _restore(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            version = restore_campaign_version(conn, args.name, args.version)
        except (CampaignNotFound, VersionNotFound) as exc:
            raise CliError(str(exc)) from None
        except ValueError as exc:  # a version that no longer reads as a campaign
            raise CliError(
                f"{args.name}: version {args.version} cannot be restored: {str(exc).splitlines()[0]}"
            ) from None
        problems = validate_in_workspace(conn, load_campaign(conn, args.name))
    errors = [p for p in problems if p.severity == "error"]
    text = f"restored version {args.version} of {shown_name(args.name)!r} as version {version}"
    if errors:
        text += f"\n{len(errors)} problem(s) to fix before it can run:\n" + format_problems(errors)
    data = {
        "campaign": args.name,
        "restored": args.version,
        "version": version,
        "valid": not errors,
        "problems": [p.as_dict() for p in problems],
    }
    return Result(data, text)
