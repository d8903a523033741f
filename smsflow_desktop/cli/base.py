"""Shared pieces of the command line: results, errors, exit codes, common options."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smsflow_desktop.services.output_files import OutputFileError, check_output_file
from smsflow_desktop.services.workspace import Workspace

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_BAD_INPUT = 2


class CliError(Exception):
    """Bad input or usage: one line on stderr and (by default) exit 2."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Result:
    """What a command produced: ``data`` for ``--json``, ``text`` for people, an exit code."""

    data: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    code: int = EXIT_OK
    warning: str = ""  # one line for stderr too, whatever the output format (why a run failed)


Handler = Callable[[argparse.Namespace], Result]


def add_common(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """``--workspace`` and ``--json``, which every command takes."""
    parser.add_argument(
        "--workspace",
        metavar="DIR",
        default=None,
        help="workspace folder (default: $SMSFLOW_WORKSPACE, then the user data folder)",
    )
    parser.add_argument("--json", action="store_true", help="print exactly one JSON object")
    return parser


def command(sub: Any, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    add_common(parser)
    parser.set_defaults(handler=handler)
    return parser


def open_workspace(args: argparse.Namespace, *, create: bool = False) -> Workspace:
    return Workspace.open(args.workspace, create=create)


def output_file(text: str) -> Path:
    """The path of a file the command will write: a regular file or a new one, never a
    symbolic link, a named pipe or a device (exit 2 with one line naming it)."""
    path = Path(text)
    try:
        check_output_file(path)
    except OutputFileError as exc:
        raise CliError(str(exc)) from None
    return path


def cannot_write(path: object, exc: OSError) -> CliError:
    """The one line for an output file that could not be written."""
    if isinstance(exc, OutputFileError):
        return CliError(str(exc))
    return CliError(f"{path}: cannot write ({exc.strerror or exc})")
