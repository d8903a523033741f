"""Test-wide setup: offscreen Qt, no real home folder, a fixed clock where asked."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("SMSFLOW_WORKSPACE", None)
os.environ.pop("SMSFLOW_NOW", None)
os.environ.pop("SMSFLOW_VIBES_PASSWORD", None)

import pytest

pytest_plugins = [
    "tests.pg_server",  # pg_server, pg_url: a real PostgreSQL for the team-workspace store
    "tests.stores",  # store_kind: a test once on a workspace folder, once on a workspace database
]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does writes to the real home folder or reads the real keyring."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
