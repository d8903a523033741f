"""``smsflow init`` and ``smsflow settings get/set``."""

from __future__ import annotations

import argparse
from typing import Any

from smsflow_desktop.cli.base import CliError, Result, command, open_workspace
from smsflow_desktop.services.settings import SettingError, all_settings, get_setting, set_setting


def register(sub: Any, groups: dict[str, Any]) -> None:
    command(sub, "init", _init, "create an empty workspace (does nothing if one exists)")
    settings = sub.add_parser("settings", help="read or change workspace settings")
    ssub = settings.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    get = command(ssub, "get", _get, "print a setting (all settings without KEY)")
    get.add_argument("key", nargs="?", metavar="KEY")
    put = command(ssub, "set", _set, "change a setting")
    put.add_argument("key", metavar="KEY")
    put.add_argument("value", metavar="VALUE")


def _init(args: argparse.Namespace) -> Result:
    ws = open_workspace(args, create=True)
    return Result({"workspace": str(ws.root)}, f"workspace ready at {ws.root}")


def _get(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        if args.key is None:
            values = all_settings(conn)
            return Result({"settings": values}, "\n".join(f"{k} = {v}" for k, v in values.items()))
        try:
            value = get_setting(conn, args.key)
        except SettingError as exc:
            raise CliError(str(exc)) from None
    return Result({"key": args.key, "value": value}, value)


def _set(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            value = set_setting(conn, args.key, args.value)
        except SettingError as exc:
            raise CliError(str(exc)) from None
    return Result({"key": args.key, "value": value}, f"{args.key} = {value}")
