"""The Vibes password: keyring or SMSFLOW_VIBES_PASSWORD, clear errors, never stored or logged."""

from __future__ import annotations

import logging
from pathlib import Path

import keyring
import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services import secrets
from smsflow_desktop.services.vibes import NotConfiguredError, open_client_for_workspace
from smsflow_desktop.services.workspace import Workspace
from tests.keyrings import MemoryKeyring, memory_keyring  # noqa: F401 - memory_keyring is a fixture

SECRET = "Tr0ub4dor&3-unique"


class BrokenKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked(f"locked while reading {SECRET}")


def test_no_keyring_backend_gives_a_clear_message() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        assert not secrets.keyring_available()
        with pytest.raises(secrets.SecretsError, match="SMSFLOW_VIBES_PASSWORD") as info:
            secrets.get_password("https://public-api.vibescm.com", "bob")
        assert "no system keyring" in str(info.value)
        with pytest.raises(secrets.SecretsError, match="SMSFLOW_VIBES_PASSWORD"):
            secrets.set_password("https://public-api.vibescm.com", "bob", SECRET)
    finally:
        keyring.set_keyring(previous)


def test_environment_variable_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(secrets.ENV_PASSWORD, SECRET)
    assert secrets.get_password("https://public-api.vibescm.com", "bob") == SECRET


def test_keyring_round_trip_keyed_by_host_and_user(memory_keyring: MemoryKeyring) -> None:
    secrets.set_password("https://public-api.vibescm.com/", "bob", SECRET)
    assert memory_keyring.store == {("smsflow-desktop", "https://public-api.vibescm.com|bob"): SECRET}
    assert secrets.get_password("https://public-api.vibescm.com", "bob") == SECRET
    with pytest.raises(secrets.SecretsError, match="no Vibes password is stored"):
        secrets.get_password("https://public-api.eu.vibes.com", "bob")
    assert secrets.delete_password("https://public-api.vibescm.com", "bob") is True
    assert secrets.delete_password("https://public-api.vibescm.com", "bob") is False


def test_a_failing_backend_is_reported_without_details(caplog: pytest.LogCaptureFixture) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        with pytest.raises(secrets.SecretsError, match="KeyringLocked") as info:
            secrets.get_password("https://h", "bob")
    finally:
        keyring.set_keyring(previous)
    assert SECRET not in str(info.value) and SECRET not in caplog.text


def _remote_workspace(tmp_path: Path) -> Workspace:
    ws = Workspace.open(tmp_path / "ws", create=True)
    for key, value in (
        ("vibes.mode", "remote"),
        ("vibes.username", "bob"),
        ("vibes.company_key", "ck"),
        ("vibes.base_url", "http://127.0.0.1:9"),
    ):
        assert main(["settings", "set", key, value, "--workspace", str(ws.root)]) == 0
    return ws


def test_remote_without_password_is_not_configured(tmp_path: Path) -> None:
    ws = _remote_workspace(tmp_path)
    with ws.session() as conn, pytest.raises(NotConfiguredError, match="SMSFLOW_VIBES_PASSWORD"):
        open_client_for_workspace(ws, conn)


def test_set_password_cli_stores_in_keyring_and_nowhere_else(
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    ws = _remote_workspace(tmp_path)
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(SECRET + "\n"))
    assert main(["vibes", "set-password", "--workspace", str(ws.root)]) == 0
    assert memory_keyring.store[("smsflow-desktop", "http://127.0.0.1:9|bob")] == SECRET
    with ws.session() as conn:
        _client, stop = open_client_for_workspace(ws, conn)
    assert main(["vibes", "test", "--workspace", str(ws.root), "--json"]) == 1  # nothing listens on port 9
    stop()
    out = capsys.readouterr()
    assert SECRET not in out.out + out.err and SECRET not in caplog.text
    for path in ws.root.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_set_password_without_keyring_exits_2_with_the_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    ws = _remote_workspace(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(SECRET + "\n"))
    assert main(["vibes", "set-password", "--workspace", str(ws.root)]) == 2
    err = capsys.readouterr().err
    assert "SMSFLOW_VIBES_PASSWORD" in err and SECRET not in err and "Traceback" not in err
