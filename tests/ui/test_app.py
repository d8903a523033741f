"""The ``smsflow-desktop`` entry point, run as a user runs it (a separate process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from smsflow_desktop import __version__


def run_app(*args: str, home: Path, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        QT_QPA_PLATFORM="offscreen",
    )
    env.pop("SMSFLOW_WORKSPACE", None)
    return subprocess.run(
        [sys.executable, "-m", "smsflow_desktop", *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def test_version(tmp_path: Path) -> None:
    result = run_app("--version", home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"smsflow-desktop {__version__}"


def test_screenshot_of_a_campaign_tab(tmp_path: Path, workspace) -> None:
    out = tmp_path / "shots" / "flow.png"
    result = run_app(
        "--workspace",
        str(workspace.root),
        "--campaign",
        "Spring promo",
        "--tab",
        "smart-list",
        "--screenshot",
        str(out),
        "--size",
        "1200x800",
        home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)


def test_screenshot_of_the_message_editor(tmp_path: Path, workspace) -> None:
    out = tmp_path / "message.png"
    result = run_app(
        "--workspace", str(workspace.root), "--message", "Spring offer", "--screenshot", str(out), home=tmp_path
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert not image.isNull() and image.width() < 1440  # the dialog, not the whole window


def test_a_new_folder_becomes_an_empty_workspace(tmp_path: Path) -> None:
    folder = tmp_path / "fresh"
    result = run_app("--workspace", str(folder), "--screenshot", str(tmp_path / "s.png"), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (folder / "smsflow.db").is_file()


@pytest.mark.slow
def test_first_start_creates_the_demo_workspace(tmp_path: Path) -> None:
    result = run_app("--screenshot", str(tmp_path / "s.png"), home=tmp_path, timeout=180)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / ".local/share/smsflow-desktop/workspace/smsflow.db").is_file()


def test_unknown_campaign_is_reported_not_a_crash(tmp_path: Path, workspace) -> None:
    result = run_app(
        "--workspace", str(workspace.root), "--campaign", "Nope", "--screenshot", str(tmp_path / "s.png"), home=tmp_path
    )
    assert result.returncode == 0
    assert "There is no campaign called “Nope”." in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_workspace_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "notaworkspace"
    folder.mkdir()
    (folder / "smsflow.db").write_text("this is not sqlite", encoding="utf-8")
    result = run_app("--workspace", str(folder), "--screenshot", str(tmp_path / "s.png"), home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("smsflow-desktop: ") and "Traceback" not in result.stderr
