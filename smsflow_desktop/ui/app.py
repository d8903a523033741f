"""``smsflow-desktop``: start the app (also ``python -m smsflow_desktop``).

Options: ``--workspace DIR`` (default: ``SMSFLOW_WORKSPACE``, then the user data folder;
when the default folder holds no workspace yet, the demo workspace is created there with a
progress dialog), ``--campaign NAME`` and ``--tab smart-list|flow|schedule|results`` to
open a campaign (without ``--campaign``, the campaign open when the workspace was last left
reopens), ``--message NAME`` to open the SMS message editor, ``--preview STEP`` to open the
Preview of that step, ``--appearance system|light|dark`` for this start only, ``--screenshot
FILE`` to render the window (or the message editor, or the Preview) offscreen to a PNG and
exit, ``--version``, ``--self-test``.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from smsflow_desktop import __version__

log = logging.getLogger("smsflow_desktop.ui")
TABS = ("smart-list", "flow", "schedule", "results")
DEMO_PEOPLE = 5000
DEMO_SEED = 7


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="smsflow-desktop", description="Design, preview and run SMS campaigns over the Vibes platform."
    )
    p.add_argument(
        "--workspace",
        metavar="DIR",
        help="workspace folder, or a team database's postgresql://USER@HOST:PORT/DB URL (default: "
        "$SMSFLOW_WORKSPACE, then the user data folder, where a demo workspace is created the first time)",
    )
    p.add_argument("--campaign", metavar="NAME", help="open this campaign")
    p.add_argument("--tab", choices=TABS, help="show this tab of the campaign")
    p.add_argument("--message", metavar="NAME", help="open the SMS message editor for this message")
    p.add_argument("--preview", metavar="STEP", type=int, help="open the Preview of this step of the campaign")
    p.add_argument(
        "--appearance",
        choices=("system", "light", "dark"),
        help="light or dark for this start (default: as chosen in View > Appearance)",
    )
    p.add_argument("--screenshot", metavar="FILE", help="render the window (or the message editor) to a PNG and exit")
    p.add_argument("--size", metavar="WxH", default="1440x900", help="window size for --screenshot (default 1440x900)")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    p.add_argument(
        "--self-test",
        action="store_true",
        help="open the window offscreen on a throwaway demo workspace, check icons, "
        "translations and demo data, and exit 0 when all is well",
    )
    return p


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x", 1))
    except ValueError:
        raise SystemExit(f"smsflow-desktop: --size {text!r} is not WIDTHxHEIGHT") from None
    return max(400, w), max(300, h)


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    multiprocessing.freeze_support()  # the people importer's worker processes, in a packaged app
    args = build_parser().parse_args(argv)
    if args.version:
        sys.stdout.write(f"smsflow-desktop {__version__}\n")
        return 0
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from smsflow_desktop.ui.self_test import run_self_test

        return run_self_test()
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    from PySide6.QtWidgets import QApplication

    from smsflow_desktop.services.workspace import WorkspaceError, resolve_workspace_dir
    from smsflow_desktop.ui.window import startup

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "smsflow-desktop"])
    appearance = None if args.appearance is None else "" if args.appearance == "system" else args.appearance
    startup.configure_application(app, appearance)  # type: ignore[arg-type]
    root = resolve_workspace_dir(args.workspace)
    try:
        opened = startup.open_existing(root)
    except WorkspaceError as exc:
        sys.stderr.write(f"smsflow-desktop: {exc}\n")
        return 2
    startup.install_language(app, opened)  # type: ignore[arg-type]

    from smsflow_desktop.ui.window.main_window import MainWindow

    window = MainWindow(opened)
    if args.screenshot:
        from smsflow_desktop.ui.window.window_dialogs import HeadlessDialogs

        window.dialogs = HeadlessDialogs(window)
        window.resize(*_size(args.size))
    window.show()
    app.processEvents()
    log.info("first window after %.2f s", time.perf_counter() - started)
    if opened is None:
        demo = args.workspace is None
        ws = startup.first_start(
            window, root, suggested="demo" if demo else "empty", people=DEMO_PEOPLE, seed=DEMO_SEED
        )
        if ws is None:
            return 2 if args.screenshot else app.exec()
        window.set_workspace(ws)
    startup.open_requested(
        window,
        campaign=args.campaign,
        tab=args.tab,
        message=args.message,
        reopen_last=not args.screenshot,
        preview=args.preview,
    )
    if args.screenshot:
        return startup.screenshot(window, Path(args.screenshot))
    startup.offer_tour(window)
    return app.exec()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
