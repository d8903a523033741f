"""``smsflow people import``, ``smsflow demo init`` and ``smsflow vibes import-extract``.

Files are checked before the workspace is touched, so a file that cannot be imported
(no phone column, not UTF-8, binary, empty) ends with exit 2 and one line naming the file
and line, and the workspace stays as it was. Long imports show their progress on stderr
when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import functools
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from smsflow_desktop.cli.base import CliError, Result, command, open_workspace
from smsflow_desktop.cli.commands_consent import register_erase
from smsflow_desktop.services.demo import MAX_PEOPLE, DemoError, create_demo_workspace
from smsflow_desktop.services.importers import (
    ImportFileError,
    import_people_csv,
    import_vibes_extract,
    inspect_people_csv,
    inspect_vibes_extract,
)
from smsflow_desktop.services.settings import SettingError, check_setting
from smsflow_desktop.services.workspace import DB_NAME, describe_sqlite_error, resolve_workspace_dir

SHOWN_ERRORS = 10


def register(sub: Any, groups: dict[str, Any]) -> None:
    people = sub.add_parser("people", help="import or erase people")
    psub = people.add_subparsers(dest="people_command", metavar="ACTION", required=True)
    imp = command(
        psub, "import", _import_people, "import a People CSV (comma, semicolon or tab; UTF-8) into the workspace"
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument(
        "--default-region",
        metavar="CC",
        default=None,
        help="country for numbers of people without one (default: the workspace setting)",
    )
    imp.add_argument("--list", metavar="NAME", default=None, help="add the file's people to this static list")
    register_erase(psub)

    demo = sub.add_parser("demo", help="demo workspaces")
    dsub = demo.add_subparsers(dest="demo_command", metavar="ACTION", required=True)
    init = command(dsub, "init", _demo_init, "create a realistic demo workspace (the same for the same seed)")
    init.add_argument("--people", type=int, default=5000, metavar="N", help="how many people (default 5000)")
    init.add_argument("--seed", type=int, default=7, metavar="S", help="random seed (default 7)")

    ext = command(
        groups["vibes"],
        "import-extract",
        _import_extract,
        "import a Vibes Current Subscriber Extract or daily Subscription Extract (TSV)",
    )
    ext.add_argument("file", metavar="FILE")


class _StderrProgress:
    """A one-line progress display on stderr, only when stderr is a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()
        self.last = 0.0
        self.shown = False

    def rows(self, rows: int, done: int, total: int) -> None:
        if self._due():
            pct = 100 * done / total if total else 100
            self._show(f"{self.label}: {rows:,} rows, {pct:.0f}%")

    def stage(self, stage: str, done: int, total: int) -> None:
        if self._due():
            self._show(f"{self.label}: {stage} {done:,}/{total:,}")

    def _due(self) -> bool:
        if not self.enabled:
            return False
        now = time.monotonic()
        if now - self.last < 0.2:
            return False
        self.last = now
        return True

    def _show(self, text: str) -> None:
        sys.stderr.write("\r" + text.ljust(60))
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


def _error_lines(errors: list[dict[str, object]], total: int) -> list[str]:
    lines = [f"  line {e['line']}: {e['reason']}" for e in errors[:SHOWN_ERRORS]]
    if total > len(lines):
        lines.append(f"  … and {total - len(lines):,} more")
    return lines


def _import_file(args: argparse.Namespace, inspect: Callable[[Path], Any], do_import: Callable[..., Any]) -> Any:
    """Check FILE with ``inspect`` before touching the workspace, then import it in one session.

    ``do_import(conn, path, progress=, plan=)`` gets the plan ``inspect`` returned; the workspace
    is created when missing. A file or database problem ends as a one-line :class:`CliError`.
    """
    path = Path(args.file)
    try:
        plan = inspect(path)
    except ImportFileError as exc:
        raise CliError(str(exc)) from None
    ws = open_workspace(args, create=True)
    show = _StderrProgress(f"importing {path.name}")
    try:
        with ws.session() as conn:
            return do_import(conn, path, progress=show.rows, plan=plan)
    except ImportFileError as exc:
        raise CliError(str(exc)) from None
    except sqlite3.Error as exc:
        raise CliError(describe_sqlite_error(exc, ws.db_path) + "; nothing was imported") from None
    finally:
        show.close()


def _import_people(args: argparse.Namespace) -> Result:
    region = None
    if args.default_region is not None:
        try:
            region = check_setting("default_region", args.default_region)
        except SettingError:
            raise CliError(
                f"--default-region: {args.default_region!r} is not a two-letter country code such as US, CA, SE or GB"
            ) from None
    if args.list is not None:
        _static_list_exists(args)
    result = _import_file(
        args, inspect_people_csv, functools.partial(import_people_csv, default_region=region, add_to_list=args.list)
    )
    data = result.as_dict()
    text = [
        f"{result.rows:,} rows: {result.imported:,} imported, {result.updated:,} updated; "
        f"{result.invalid_phone:,} invalid numbers, {result.missing_phone:,} without a number"
    ]
    if result.updated:
        text.append(
            f"  opt-outs: {result.opt_outs_kept:,} kept (cell empty or column missing), "
            f"{result.opt_outs_lifted:,} lifted by an explicit false/0/no"
        )
    if result.list_name is not None:
        text.append(f"  {result.added_to_list:,} added to static list {result.list_name!r}")
    text += [f"  note: {n}" for n in result.notes]
    text += _error_lines(result.errors, result.error_count)
    return Result(data, "\n".join(text))


def _static_list_exists(args: argparse.Namespace) -> None:
    """Refuse ``--list NAME`` before anything is read when the workspace has no such list."""
    ws = open_workspace(args)
    with ws.session() as conn:
        if conn.execute("SELECT 1 FROM static_lists WHERE name = ?", (args.list,)).fetchone() is None:
            raise CliError(f"--list: no static list is called {args.list!r}; create it with 'smsflow lists create'")


def _demo_init(args: argparse.Namespace) -> Result:
    if not 0 <= args.people <= MAX_PEOPLE:
        raise CliError(f"--people {args.people}: must be between 0 and {MAX_PEOPLE:,}")
    root = resolve_workspace_dir(args.workspace)
    show = _StderrProgress("demo")
    try:
        summary = create_demo_workspace(root, people=args.people, seed=args.seed, progress=show.stage)
    except DemoError as exc:
        raise CliError(str(exc)) from None
    except sqlite3.Error as exc:
        # The demo is written in several steps: what came before the failure is in the workspace.
        if isinstance(root, str):
            from smsflow_desktop.services.store.pg_workspace import describe_pg_error, redact

            raise CliError(
                describe_pg_error(exc, redact(root))
                + "; the demo workspace may be incomplete: drop the database, create it and run the demo again"
            ) from None
        raise CliError(
            describe_sqlite_error(exc, root / DB_NAME, one_transaction=False)
            + f"; the demo workspace may be incomplete: delete {root} and create it again"
        ) from None
    finally:
        show.close()
    data = {
        "workspace": str(summary.workspace),
        "people": summary.people,
        "campaigns": summary.campaigns,
        "vibes_lists": summary.vibes_lists,
    }
    return Result(
        data,
        f"demo workspace at {summary.workspace}: {summary.people:,} people, "
        f"{summary.campaigns} campaigns, {summary.vibes_lists} Vibes lists",
    )


def _import_extract(args: argparse.Namespace) -> Result:
    result = _import_file(args, inspect_vibes_extract, import_vibes_extract)
    kind = "Current Subscriber Extract" if result.format == "current" else "Subscription Extract"
    text = [
        f"{kind}: {result.rows:,} rows, {result.opt_in:,} opt-ins, {result.opt_out:,} opt-outs, "
        f"lists {', '.join(result.lists) or '(none)'}"
    ]
    if result.skipped_newer:
        text.append(f"  {result.skipped_newer:,} rows left alone: the workspace knows something newer")
    text += _error_lines(result.errors, result.error_count)
    return Result(result.as_dict(), "\n".join(text))
