"""The app as marketers get it: the desktop entry and metainfo validate, the wheel installs
with both console scripts, and the one-folder build passes its own self-test."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def test_desktop_entry_validates() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    done = subprocess.run([tool, str(PACKAGING / "io.smsflow.desktop.desktop")], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_metainfo_validates() -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (apt-get install appstream)")
    done = subprocess.run(
        [tool, "validate", "--no-net", str(PACKAGING / "io.smsflow.desktop.metainfo.xml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_version_and_self_test_from_the_source_tree() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "smsflow_desktop", "--self-test"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed" in done.stdout


@pytest.mark.slow
def test_the_wheel_installs_with_both_console_scripts(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(wheels.glob("smsflow_desktop-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    # The dependencies come from this environment, so the test needs no network.
    site = next((venv / "lib").glob("python3.*/site-packages"))
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--no-deps", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    cli = subprocess.run(
        [str(venv / "bin" / "smsflow"), "init", "--workspace", str(tmp_path / "ws"), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert cli.returncode == 0 and '"workspace"' in cli.stdout, cli.stderr
    gui = subprocess.run(
        [str(venv / "bin" / "smsflow-desktop"), "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert gui.returncode == 0 and "self-test passed" in gui.stdout, gui.stdout + gui.stderr


@pytest.mark.slow
def test_the_one_folder_build_passes_its_self_test() -> None:
    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    build = subprocess.run(["bash", str(PACKAGING / "build.sh")], capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    exe = ROOT / "dist" / "smsflow-desktop" / "smsflow-desktop"
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("smsflow-desktop ")
    test = subprocess.run([str(exe), "--self-test"], capture_output=True, text=True, timeout=120)
    assert test.returncode == 0, test.stdout + test.stderr
    size = sum(p.lstat().st_size for p in exe.parent.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 200 * 1024 * 1024, f"the folder is {size / 2**20:.0f} MB"
