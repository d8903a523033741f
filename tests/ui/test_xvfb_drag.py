"""Real-mouse drags on an X server of its own (Xvfb): a step from the palette to the flow, and a
filter from the Smart List tab's library between two filters."""

from __future__ import annotations

import ctypes.util
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.xvfb


def _free_display() -> int:
    for number in range(90, 200):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise RuntimeError("no free X display number")


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed")
    if ctypes.util.find_library("Xtst") is None:
        pytest.skip("libXtst (the XTest extension client) is not installed")
    number = _free_display()
    proc = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.skip("Xvfb did not start")
            time.sleep(0.05)
        yield f":{number}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _drag_app(display: str, tmp_path: Path, *args: str) -> dict:
    """Run xvfb_drag_app.py on ``display``; what it printed last, as JSON."""
    env = dict(os.environ)
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / ".config"),
        XDG_RUNTIME_DIR=str(tmp_path),
    )
    script = Path(__file__).with_name("xvfb_drag_app.py")
    result = subprocess.run([sys.executable, str(script), *args], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_real_mouse_drag_from_palette_to_flow(xvfb_display: str, tmp_path: Path) -> None:
    outcome = _drag_app(xvfb_display, tmp_path)
    assert outcome["steps"] == ["send_sms", "wait", "send_sms"]
    assert outcome["undo"] == "Add step “Wait”"


def test_real_mouse_drag_of_a_filter_from_its_library_between_two_filters(xvfb_display: str, tmp_path: Path) -> None:
    outcome = _drag_app(xvfb_display, tmp_path, "smart-list")
    assert outcome["filters"] == ["person_field", "member_of_list", "member_of_vibes_list"]
    assert outcome["undo"] == "Add filter “Member of List”"
