"""``smsflow compliance rules/set/reset/delete``: the workspace's state and country rules.

``rules`` lists them (``--shipped``: the rules the app ships) with the workspace-wide limit
(the ``frequency_cap.*`` settings); ``set SCOPE`` adds or changes one (``--window`` and
``--limit`` replace all of the rule's windows or limits; ``--no-windows`` / ``--no-limits``
remove them); ``reset SCOPE`` (or ``--all``) puts the shipped rule back; ``delete SCOPE``
removes one. Bad input is one line and exit 2; nothing is changed then.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from smsflow_desktop.cli.base import CliError, Result, command, open_workspace
from smsflow_desktop.services.compliance.rules import (
    Rule,
    RuleError,
    check_scope,
    delete_rule,
    edited_rule,
    get_rule,
    list_rules,
    reset_rule,
    save_rule,
    shipped_rules,
)
from smsflow_desktop.services.settings import get_setting


def register(sub: Any, groups: dict[str, Any]) -> None:
    group = sub.add_parser("compliance", help="sending windows and frequency limits per US state or country")
    csub = group.add_subparsers(dest="compliance_command", metavar="ACTION", required=True)
    rules = command(csub, "rules", _rules, "list the workspace's compliance rules and its frequency limit")
    rules.add_argument("--shipped", action="store_true", help="list the rules the app ships instead")
    put = command(csub, "set", _set, "add or change the rule of a US state (US-FL) or a country (SE)")
    put.add_argument("scope", metavar="SCOPE")
    put.add_argument(
        "--window",
        action="append",
        metavar="'DAYS HH:MM-HH:MM'",
        help="local sending window, e.g. 'all 08:00-20:00', 'mon-fri 09:00-18:00', 'sun closed' "
        "(repeat for other days; replaces the rule's windows)",
    )
    put.add_argument("--no-windows", action="store_true", help="remove the rule's windows")
    put.add_argument(
        "--limit",
        action="append",
        metavar="N/HOURSh",
        help="at most N texts per number per rolling HOURS, e.g. 3/24h; '1/24h campaign' counts one "
        "campaign's texts (repeat for more; replaces the rule's limits)",
    )
    put.add_argument("--no-limits", action="store_true", help="remove the rule's limits")
    put.add_argument("--source", metavar="TEXT", help="where the rule comes from: a URL or a citation")
    put.add_argument("--checked", metavar="YYYY-MM-DD", help="when the source was last checked ('today' for today)")
    put.add_argument("--name", metavar="TEXT", help="a name to show (default: the state's or country's)")
    put.add_argument("--note", metavar="TEXT", help="a remark shown with the rule")
    reset = command(csub, "reset", _reset, "put the shipped rule of a scope back (after an edit or a delete)")
    reset.add_argument("scope", nargs="?", metavar="SCOPE")
    reset.add_argument("--all", action="store_true", help="put every shipped rule back (other rules stay)")
    delete = command(csub, "delete", _delete, "remove the rule of a scope from the workspace")
    delete.add_argument("scope", metavar="SCOPE")


def _workspace_limit(conn: Any) -> dict[str, object]:
    return {
        "enabled": get_setting(conn, "frequency_cap.enabled") == "true",
        "max": int(get_setting(conn, "frequency_cap.max_per_24h")),
        "hours": 24,
        "scope": "overall",
    }


def _lines(rule: Rule) -> list[str]:
    limits = ", ".join(limit.describe() for limit in rule.limits) or "no limit"
    lines = [
        f"{rule.scope:<6} {rule.title}: {rule.windows_text() or 'no window'}; {limits}",
        f"       source: {rule.source}",
        f"       checked: {rule.checked}",
    ]
    if rule.note:
        lines.append(f"       note: {rule.note}")
    return lines


def _rules(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            rules = shipped_rules() if args.shipped else list_rules(conn)
        except RuleError as exc:
            raise CliError(str(exc)) from None
        limit = _workspace_limit(conn)
    head = (
        f"workspace limit: at most {limit['max']} texts per number per rolling 24 hours"
        if limit["enabled"]
        else "workspace limit: off (frequency_cap.enabled = false)"
    )
    lines = [head, *(line for rule in rules for line in _lines(rule))]
    if not rules:
        lines.append("no state or country rules" + ("" if args.shipped else " (smsflow compliance reset --all)"))
    data = {"rules": [r.as_dict() for r in rules], "workspace_limit": limit, "shipped": bool(args.shipped)}
    return Result(data, "\n".join(lines))


def _checked_date(text: str | None) -> str | None:
    if text is not None and text.strip().lower() == "today":
        return date.today().isoformat()
    return text


def _set(args: argparse.Namespace) -> Result:
    if args.window and args.no_windows:
        raise CliError("give --window or --no-windows, not both")
    if args.limit and args.no_limits:
        raise CliError("give --limit or --no-limits, not both")
    try:
        scope = check_scope(args.scope)
    except RuleError as exc:
        raise CliError(str(exc)) from None
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            current = get_rule(conn, scope)
        except RuleError:
            current = None  # a damaged rule is replaced by what is given now
        if current is None and (not args.source or not args.checked):
            raise CliError(
                f"{scope}: a new rule needs --source (where it comes from: a URL or a citation) "
                "and --checked (the date it was checked, YYYY-MM-DD)"
            )
        try:
            rule = edited_rule(
                current,
                scope,
                windows=[] if args.no_windows else args.window,
                limits=[] if args.no_limits else args.limit,
                source=args.source,
                checked=_checked_date(args.checked),
                name=args.name,
                note=args.note,
            )
            rule = save_rule(conn, rule)
        except RuleError as exc:
            raise CliError(str(exc) if str(exc).startswith(scope) else f"{scope}: {exc}") from None
    verb = "added" if current is None else "changed"
    return Result({"rule": rule.as_dict(), "created": current is None}, "\n".join([f"{verb}:", *_lines(rule)]))


def _reset(args: argparse.Namespace) -> Result:
    if args.all == (args.scope is not None):
        raise CliError("give a SCOPE (such as US-FL) or --all")
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            scopes = [r.scope for r in shipped_rules()] if args.all else [check_scope(args.scope)]
            rules = [reset_rule(conn, scope) for scope in scopes]
        except RuleError as exc:
            raise CliError(str(exc)) from None
    lines = ["reset to the shipped rule:", *(line for rule in rules for line in _lines(rule))]
    return Result({"rules": [r.as_dict() for r in rules]}, "\n".join(lines))


def _delete(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            scope = check_scope(args.scope)
            deleted = delete_rule(conn, scope)
        except RuleError as exc:
            raise CliError(str(exc)) from None
    if not deleted:
        raise CliError(f"no rule for {scope} in this workspace")
    return Result({"scope": scope, "deleted": True}, f"deleted the rule for {scope}")
