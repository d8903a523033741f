"""Fixtures for the reliability suites: small filesystems that fill up, and read-only folders.

Both need root and mount rights (root ignores file modes, so a mount is what makes a folder
read-only or full for everyone); the tests that use them are skipped elsewhere. They follow
the ``tiny_disk`` fixture of ``tests/services/test_workspace_faults.py``, with a size to choose.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """``small_disk("1m")`` mounts a tmpfs of that size and returns its folder; all are
    unmounted afterwards. Grow one later with :func:`resize_disk`."""
    mounted: list[Path] = []

    def make(size: str) -> Path:
        point = tmp_path / f"disk{len(mounted)}"
        point.mkdir()
        if not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)):
            pytest.skip("cannot mount a small filesystem here")
        mounted.append(point)
        return point

    try:
        yield make
    finally:
        for point in mounted:
            subprocess.run(["umount", "-l", str(point)], check=False)


def resize_disk(point: Path, size: str) -> None:
    assert _mount("-o", f"remount,size={size}", str(point)), "cannot resize the small filesystem"


@pytest.fixture
def read_only_mount(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """``(source, view)``: ``view`` shows ``source`` through a read-only bind mount."""
    source, view = tmp_path / "rw", tmp_path / "ro"
    source.mkdir()
    view.mkdir()
    if not _mount("--bind", str(source), str(view)):
        pytest.skip("cannot bind-mount a folder here")
    try:
        if not _mount("-o", "remount,bind,ro", str(view)):
            pytest.skip("cannot make a bind mount read-only here")
        yield source, view
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)
