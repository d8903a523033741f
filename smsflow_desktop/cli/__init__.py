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
from typing import Any, NoReturn

from smsflow_desktop import __version__
from smsflow_desktop.cli.base import EXIT_BAD_INPUT, CliError, Result
from smsflow_desktop.services.workspace import (
    DB_NAME,
    WorkspaceError,
    describe_sqlite_error,
    resolve_workspace_dir,
)

log = logging.getLogger("smsflow")


class UsageError(Exception):
    """A command line argparse refused, with the usage of the (sub)command it was for."""

    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message)
        self.usage = usage


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is raised (for ``--json``) instead of printed."""

    json_errors = False

    def _parse_optional(self, arg_string: str) -> Any:
        # A value that starts with a dash but names none of the command's options (a campaign
        # called "-A" or "-:") is a value, not an unknown option that leaves its slot empty.
        found = super()._parse_optional(arg_string)
        first = found[0] if isinstance(found, list) and found else found
        if isinstance(first, tuple) and first[0] is None:
            return None
        return found

    def error(self, message: str) -> NoReturn:
        if _Parser.json_errors:
            where = self.prog.removeprefix("smsflow").strip()
            raise UsageError(f"{where}: {message}" if where else message, " ".join(self.format_usage().split()))
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    from smsflow_desktop.cli import (
        commands_automation,
        commands_campaign,
        commands_compliance,
        commands_consent,
        commands_engine,
        commands_people,
        commands_vibes,
        commands_workspace,
    )

    parser = _Parser(
        prog="smsflow",
        description="Design, preview and run SMS campaigns over the Vibes platform.",
    )
    parser.add_argument("--version", action="version", version=f"smsflow {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    vibes = sub.add_parser("vibes", help="the Vibes connection, mirror and extract files")
    groups = {"vibes": vibes.add_subparsers(dest="vibes_command", metavar="ACTION", required=True)}
    for module in (
        commands_workspace,
        commands_campaign,
        commands_people,
        commands_vibes,
        commands_engine,
        commands_compliance,
        commands_automation,
        commands_consent,
    ):
        module.register(sub, groups)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    _Parser.json_errors = "--json" in argv
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        return _fail(EXIT_BAD_INPUT, str(exc), True, usage=exc.usage)
    finally:
        _Parser.json_errors = False
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
        root = resolve_workspace_dir(getattr(args, "workspace", None))
        if isinstance(root, str):
            from smsflow_desktop.services.store.pg_workspace import describe_pg_error, redact

            return _fail(EXIT_BAD_INPUT, describe_pg_error(exc, redact(root)), as_json)
        return _fail(EXIT_BAD_INPUT, describe_sqlite_error(exc, root / DB_NAME), as_json)
    except KeyboardInterrupt:
        return _fail(130, "interrupted", as_json)
    if result.warning:
        sys.stderr.write(f"smsflow: {printable(result.warning)}\n")
    if as_json:
        sys.stdout.write(_json_line(result.data))
    elif result.text:
        sys.stdout.write(printable(result.text.rstrip("\n")) + "\n")
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


def printable(text: str, *, backslash: str = "\\") -> str:
    """``text`` with what cannot be written as UTF-8 spelled out: a byte of a file name that is
    not UTF-8 (kept by Python as a lone surrogate) as ``\\xNN``, any other lone surrogate as
    ``\\uNNNN``; ``backslash`` is how a backslash is written (doubled inside JSON strings)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(_spell(ch, backslash) for ch in text)
    return text


def _spell(ch: str, backslash: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"{backslash}x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"{backslash}u{code:04x}"
    return ch


def _json_line(data: object) -> str:
    """One JSON object and a newline, valid UTF-8 whatever file names it holds (a lone
    surrogate only ever appears inside a JSON string, where an escaped backslash is safe)."""
    return printable(json.dumps(data, ensure_ascii=False, default=str), backslash="\\\\") + "\n"


def _fail(code: int, message: str, as_json: bool, *, usage: str | None = None) -> int:
    message = " ".join(message.splitlines())
    sys.stderr.write(f"smsflow: {printable(message)}\n")
    if as_json:
        data: dict[str, object] = {"error": message, "exit_code": code}
        if usage is not None:
            data["usage"] = usage
        sys.stdout.write(_json_line(data))
        sys.stdout.flush()
    return code
