"""The ``smsflow`` command line, over the services.

Each group of commands lives in its own module and registers itself on the parser through
``register(subparsers, groups)`` (``groups["vibes"]`` holds the ``smsflow vibes …``
actions). Every command returns a :class:`Result`: a JSON-able dict (printed as exactly one
JSON object with ``--json``) and the human text. Bad input raises
:class:`CliError`, which becomes one line on stderr and exit 2; nothing prints a traceback
for bad input.
"""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
from collections.abc import Sequence

from smsflow_desktop import __version__
from smsflow_desktop.cli.base import EXIT_BAD_INPUT, CliError, Result
from smsflow_desktop.services.workspace import (
    DB_NAME,
    WorkspaceError,
    describe_sqlite_error,
    resolve_workspace_dir,
)

log = logging.getLogger("smsflow")


def build_parser() -> argparse.ArgumentParser:
    from smsflow_desktop.cli import (
        commands_campaign,
        commands_engine,
        commands_people,
        commands_vibes,
        commands_workspace,
    )

    parser = argparse.ArgumentParser(
        prog="smsflow",
        description="Design, preview and run SMS campaigns over the Vibes platform.",
    )
    parser.add_argument("--version", action="version", version=f"smsflow {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    vibes = sub.add_parser("vibes", help="the Vibes connection, mirror and extract files")
    groups = {"vibes": vibes.add_subparsers(dest="vibes_command", metavar="ACTION", required=True)}
    for module in (commands_workspace, commands_campaign, commands_people, commands_vibes, commands_engine):
        module.register(sub, groups)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    as_json = bool(getattr(args, "json", False))
    try:
        _check_text_arguments(args)
        result: Result = args.handler(args)
    except CliError as exc:
        return _fail(exc.code, str(exc), as_json)
    except WorkspaceError as exc:
        return _fail(EXIT_BAD_INPUT, str(exc), as_json)
    except sqlite3.Error as exc:
        # A failure of the workspace database mid-command (disk full, locked, damaged):
        # every write runs in a transaction, so nothing was half-written.
        where = resolve_workspace_dir(getattr(args, "workspace", None)) / DB_NAME
        return _fail(EXIT_BAD_INPUT, describe_sqlite_error(exc, where), as_json)
    except KeyboardInterrupt:
        return _fail(130, "interrupted", as_json)
    if as_json:
        sys.stdout.write(json.dumps(result.data, ensure_ascii=False, default=str) + "\n")
    elif result.text:
        sys.stdout.write(result.text.rstrip("\n") + "\n")
    sys.stdout.flush()
    return result.code


#: Arguments that are file or folder paths, which may hold bytes that are not UTF-8.
_PATH_ARGUMENTS = frozenset({"workspace", "file", "output", "export_csv", "state", "seed"})


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Names and values must be text: an argument with bytes that are not UTF-8 (which
    Python keeps as lone surrogates) could be neither stored nor compared."""
    for name, value in vars(args).items():
        if isinstance(value, str) and name not in _PATH_ARGUMENTS:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise CliError(f"the {name.replace('_', ' ')} argument is not valid UTF-8 text") from None


def _fail(code: int, message: str, as_json: bool) -> int:
    sys.stderr.write(f"smsflow: {message}\n")
    if as_json:
        sys.stdout.write(json.dumps({"error": message, "exit_code": code}, ensure_ascii=False) + "\n")
    return code
