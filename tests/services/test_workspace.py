"""The workspace store: creation, WAL, migrations from an older schema, clear failures."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from smsflow_desktop.services import schema
from smsflow_desktop.services.settings import SettingError, get_setting, set_setting
from smsflow_desktop.services.workspace import Workspace, WorkspaceError, now_utc


def test_create_is_idempotent_and_configures_sqlite(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws", create=True)
    Workspace.open(tmp_path / "ws", create=True)
    with ws.session() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION


def test_opening_a_missing_workspace_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="smsflow init"):
        Workspace.open(tmp_path / "nothing")


def test_a_workspace_from_the_first_schema_is_migrated_and_keeps_its_data(tmp_path: Path) -> None:
    root = tmp_path / "old"
    root.mkdir()
    conn = sqlite3.connect(root / "smsflow.db", isolation_level=None)
    schema.migrate(conn, target=1)
    conn.execute("INSERT INTO people(first_name, phone_raw, created_at, updated_at) VALUES ('Ada', '1', 'x', 'x')")
    conn.execute("INSERT INTO settings VALUES ('default_region', 'SE')")
    conn.close()
    ws = Workspace.open(root)
    with ws.session() as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert conn.execute("SELECT first_name FROM people").fetchone()[0] == "Ada"
        assert get_setting(conn, "default_region") == "SE"
        conn.execute("SELECT count(*) FROM ledger").fetchone()  # tables of later versions exist


def test_a_newer_schema_is_refused_with_advice(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws", create=True)
    with ws.session() as conn:
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    with pytest.raises(WorkspaceError, match="Update smsflow-desktop"):
        Workspace.open(tmp_path / "ws")


def test_a_corrupt_database_gets_a_clear_message(tmp_path: Path) -> None:
    root = tmp_path / "bad"
    root.mkdir()
    (root / "smsflow.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(WorkspaceError, match="not a valid smsflow workspace"):
        Workspace.open(root)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_folder_gets_a_clear_message(tmp_path: Path) -> None:
    root = tmp_path / "ro"
    root.mkdir()
    root.chmod(0o500)
    try:
        with pytest.raises(WorkspaceError):
            Workspace.open(root / "ws", create=True)
    finally:
        root.chmod(0o700)


def test_settings_are_checked(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws", create=True)
    with ws.session() as conn:
        assert get_setting(conn, "vibes.mode") == "emulated"
        assert set_setting(conn, "default_region", "se") == "SE"
        assert set_setting(conn, "default_time_zone", "Europe/Stockholm") == "Europe/Stockholm"
        with pytest.raises(SettingError, match="IANA"):
            set_setting(conn, "default_time_zone", "Mars/Olympus")
        with pytest.raises(SettingError, match="unknown setting"):
            set_setting(conn, "vibes.modus", "remote")
        with pytest.raises(SettingError, match="keyring"):
            set_setting(conn, "vibes.password", "hunter2")
        assert conn.execute("SELECT count(*) FROM settings WHERE value = 'hunter2'").fetchone()[0] == 0


def test_clock_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMSFLOW_NOW", "2026-03-01T12:00:00-05:00")
    assert now_utc().isoformat() == "2026-03-01T17:00:00+00:00"
    monkeypatch.setenv("SMSFLOW_NOW", "yesterday")
    with pytest.raises(WorkspaceError, match="ISO-8601"):
        now_utc()


def test_custom_fields_in_use_are_known_to_validation(tmp_path: Path) -> None:
    from smsflow_desktop.services.campaigns import workspace_refs

    root = tmp_path / "old"
    root.mkdir()
    conn = sqlite3.connect(root / "smsflow.db", isolation_level=None)
    schema.migrate(conn, target=4)  # people from before the custom-field register
    conn.execute(
        "INSERT INTO people(first_name, custom_fields, created_at, updated_at) "
        "VALUES ('Ada', '{\"tier\": \"gold\"}', 'x', 'x')"
    )
    conn.close()
    with Workspace.open(root).session() as conn:
        assert workspace_refs(conn).custom_fields == {"tier"}
        conn.execute(
            "INSERT INTO people(first_name, custom_fields, created_at, updated_at) "
            "VALUES ('Bo', '{\"shoe size\": \"42\"}', 'x', 'x')"
        )
        conn.execute(
            'UPDATE people SET custom_fields = \'{"tier": "gold", "store": "Kista"}\' WHERE first_name = \'Ada\''
        )
        assert workspace_refs(conn).custom_fields == {"tier", "shoe size", "store"}
