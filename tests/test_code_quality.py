"""The house rules run with the tests: ruff (lint and format) over the code, and mypy over the
whole package (``model``, ``services``, ``ui`` and the command line), configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CODE = ["smsflow_desktop", "tests", "benchmarks", "scripts", "packaging"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize(
    "args",
    [("ruff", "check", *CODE), ("ruff", "format", "--check", *CODE)],
    ids=["ruff-check", "ruff-format"],
)
def test_ruff(args: tuple[str, ...]) -> None:
    done = _run(*args, "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_whole_package() -> None:
    done = _run("mypy", "smsflow_desktop")
    assert done.returncode == 0, done.stdout + done.stderr
