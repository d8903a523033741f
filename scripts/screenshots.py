"""Render the pictures in docs/screenshots/ with the app itself, from a fresh demo workspace.

    .venv/bin/python scripts/screenshots.py                  # every picture in SHOTS
    .venv/bin/python scripts/screenshots.py flow-sv-small    # only the pictures named
    .venv/bin/python scripts/screenshots.py --list           # what SHOTS holds

The demo workspace is the one the app creates on a first start (same people, same seed), built
in a throwaway folder (``smsflow-shots`` in the temporary folder). Each picture is one run of ``smsflow-desktop --screenshot`` in a child
process: offscreen, with its own empty settings folder (so nothing remembered on this machine,
such as a window size or a language, leaks into the picture) and the workspace's ``ui.language``
set to the picture's language first.

To add a picture, add a :class:`Shot` to ``SHOTS``. ``args`` and ``env`` carry anything else the
app needs for it (another option, an environment variable).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: Asked of a window, this size gives its smallest: the app never shrinks below its minimum size.
SMALLEST = "400x300"


@dataclass(frozen=True)
class Shot:
    """One picture: ``docs/screenshots/<name>.png``."""

    name: str
    campaign: str | None = None
    tab: str | None = None  # smart-list, flow, schedule or results
    message: str | None = None  # open the SMS message editor on this message
    language: str = "en"  # "en" or "sv"
    size: str = "1440x900"  # WIDTHxHEIGHT, or SMALLEST
    args: tuple[str, ...] = ()  # more options for smsflow-desktop
    env: dict[str, str] = field(default_factory=dict)  # more environment for it


SHOTS: tuple[Shot, ...] = (
    Shot("flow", campaign="Spring promo", tab="flow"),
    Shot("flow-sv", campaign="Draft - needs fixes", tab="flow", language="sv"),
    Shot("flow-sv-small", campaign="Spring promo", tab="flow", language="sv", size=SMALLEST),
    Shot("flow-dark", campaign="Spring promo", tab="flow", args=("--appearance", "dark")),
    Shot("preview-dark", campaign="Spring promo", tab="flow", args=("--appearance", "dark", "--preview", "1")),
)


def build_workspace(root: Path) -> None:
    """The demo workspace of a first start, at ``root``."""
    from smsflow_desktop.services.demo import create_demo_workspace
    from smsflow_desktop.ui.app import DEMO_PEOPLE, DEMO_SEED

    create_demo_workspace(root, people=DEMO_PEOPLE, seed=DEMO_SEED)


def set_language(workspace: Path, language: str) -> None:
    from smsflow_desktop.services.settings import set_setting
    from smsflow_desktop.services.workspace import Workspace

    with Workspace.open(workspace).session() as conn:
        set_setting(conn, "ui.language", language)


def render(shot: Shot, workspace: Path, out_dir: Path, scratch: Path) -> Path:
    """Render ``shot`` into ``out_dir``; returns the file (SystemExit naming the picture if the app failed)."""
    set_language(workspace, shot.language)
    target = out_dir / f"{shot.name}.png"
    command = [sys.executable, "-m", "smsflow_desktop", "--workspace", str(workspace), "--size", shot.size]
    for option, value in (("--campaign", shot.campaign), ("--tab", shot.tab), ("--message", shot.message)):
        if value:
            command += [option, value]
    command += [*shot.args, "--screenshot", str(target)]
    config = scratch / f"config-{shot.name}"
    config.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(config), **shot.env}
    env.pop("SMSFLOW_WORKSPACE", None)
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not target.is_file():
        raise SystemExit(
            f"screenshots: {shot.name}.png was not rendered (exit {done.returncode}): {done.stderr.strip()}"
        )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render docs/screenshots/ with the app, from a demo workspace.")
    parser.add_argument("names", nargs="*", help="pictures to render (default: all of them)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="where the PNGs go")
    parser.add_argument("--list", action="store_true", help="list the pictures and exit")
    args = parser.parse_args(argv)
    if args.list:
        for shot in SHOTS:
            print(f"{shot.name}: {shot.campaign or '-'} {shot.tab or ''} {shot.language} {shot.size}".rstrip())
        return 0
    known = {shot.name: shot for shot in SHOTS}
    unknown = [name for name in args.names if name not in known]
    if unknown:
        print(f"screenshots: no picture called {', '.join(unknown)}; see --list", file=sys.stderr)
        return 2
    chosen = [known[name] for name in args.names] if args.names else list(SHOTS)
    args.out.mkdir(parents=True, exist_ok=True)
    # A fixed folder, so the workspace path in the status bar reads the same in every picture.
    scratch = Path(tempfile.gettempdir()) / "smsflow-shots"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        workspace = scratch / "ws"
        build_workspace(workspace)
        for shot in chosen:
            print(render(shot, workspace, args.out, scratch))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
