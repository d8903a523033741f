"""Vibes settings (the password goes to the keyring and nowhere else; no keyring is said
plainly), the connection test off the GUI thread, the callback receiver, extract import,
workspace settings and the message editor's brand hint from ``brand.name``."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import httpx
import pytest

from smsflow_desktop.services import secrets
from smsflow_desktop.services.settings import all_settings, get_setting
from smsflow_desktop.ui.editor.message_editor import MessageEditor
from tests.keyrings import memory_keyring  # noqa: F401 - a fixture

from .engine_fixtures import close_window, demo_workspace, open_window

PASSWORD = "s3cret-Pa55word!"


@pytest.fixture
def demo_window(qtbot, tmp_path, tmp_path_factory):
    win = open_window(qtbot, demo_workspace(tmp_path, tmp_path_factory))
    yield win
    close_window(win)


def test_saving_puts_the_password_in_the_keyring_only(demo_window, memory_keyring, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    win = demo_window
    dialog = win.vibes.open_settings()
    dialog.preset.setCurrentIndex(dialog.preset.findData("europe"))
    dialog.username.setText("marketing")
    dialog.company_key.setText("ACME123")
    dialog.short_code.setText("72345")
    assert dialog.password.isEnabled()
    dialog.password.setText(PASSWORD)
    assert dialog.save()
    with win.context.workspace.session() as conn:
        settings = all_settings(conn)
        assert settings["vibes.mode"] == "remote" and settings["vibes.base_url"] == "https://public-api.eu.vibes.com"
        assert settings["vibes.username"] == "marketing" and settings["vibes.short_code"] == "72345"
        stored = [tuple(r) for r in conn.execute("SELECT key, value FROM settings")]
    assert memory_keyring.store == {(secrets.SERVICE, "https://public-api.eu.vibes.com|marketing"): PASSWORD}
    assert PASSWORD not in repr(stored)
    conn = sqlite3.connect(win.context.workspace.root / "smsflow.db")
    conn.execute("PRAGMA wal_checkpoint(FULL)")
    conn.close()
    for f in win.context.workspace.root.rglob("*"):
        if f.is_file():
            assert PASSWORD.encode() not in f.read_bytes(), f
    assert PASSWORD not in caplog.text
    assert dialog.password.text() == ""


def test_without_a_keyring_the_dialog_says_what_to_do(demo_window) -> None:
    win = demo_window
    dialog = win.vibes.open_settings()
    dialog.preset.setCurrentIndex(dialog.preset.findData("north_america"))
    assert not dialog.password.isEnabled()
    assert "SMSFLOW_VIBES_PASSWORD" in dialog.password_note.text()
    dialog.username.setText("marketing")
    dialog.company_key.setText("ACME")
    assert dialog.save()
    with win.context.workspace.session() as conn:
        assert get_setting(conn, "vibes.mode") == "remote"


def test_connection_test_runs_off_the_gui_thread_and_answers_plainly(demo_window, qtbot, monkeypatch) -> None:
    win = demo_window
    dialog = win.vibes.open_settings()
    assert dialog.preset.currentData() == "emulated"
    runner = dialog.test_connection()
    assert runner.qthread.isRunning() or runner.finished
    qtbot.waitUntil(lambda: runner.finished, timeout=20000)
    assert dialog.answer.text() == "✓ Connected to the built-in emulator: 3 subscription lists."
    dialog.preset.setCurrentIndex(dialog.preset.findData("custom"))
    dialog.url.setText("http://127.0.0.1:9")  # nothing listens there
    dialog.username.setText("u")
    dialog.company_key.setText("c")
    dialog.password.setEnabled(True)
    dialog.password.setText("pw")
    runner = dialog.test_connection()
    qtbot.waitUntil(lambda: runner.finished, timeout=30000)
    assert dialog.answer.text().startswith("Could not connect:") and "pw" not in dialog.answer.text()
    dialog.reject()


def test_sync_runs_off_the_gui_thread(demo_window, qtbot) -> None:
    win = demo_window
    runner = win.vibes.sync()
    assert runner is not None
    qtbot.waitUntil(lambda: not win.vibes.runners, timeout=20000)
    assert win.statusBar().currentMessage().startswith("Synced 3 subscription lists")


def test_callback_receiver_on_off_and_url(demo_window, qtbot, monkeypatch) -> None:
    monkeypatch.setenv(secrets.ENV_CALLBACK_SECRET, "test-callback-secret-0123456789")
    win = demo_window
    dialog = win.vibes.open_callbacks()
    assert dialog.url.text() == "" and not dialog.copy_button.isEnabled()
    dialog.switch.setChecked(True)
    url = dialog.url.text()
    assert url.startswith("http://127.0.0.1:") and url.endswith(
        "/vibes/callbacks?token=test-callback-secret-0123456789"
    )
    dialog.copy_url()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == url
    with win.context.workspace.session() as conn:
        mdn = conn.execute("SELECT phone_e164 FROM people WHERE phone_valid = 1 LIMIT 1").fetchone()[0]
    body = {
        "event_id": "cb-1",
        "event_type": "subscription_removed",
        "subscription": {
            "subscription_list": {"id": "101"},
            "person": {"mobile_phone": {"mdn": mdn}},
            "opt_out_date": "2026-04-01T10:00:00Z",
        },
    }
    assert httpx.post(url, json=body, timeout=5).json() == {"status": "applied"}
    with win.context.workspace.session() as conn:
        assert (
            conn.execute("SELECT active FROM vibes_memberships WHERE list_id = '101' AND mdn = ?", (mdn,)).fetchone()[0]
            == 0
        )
    dialog.switch.setChecked(False)
    assert win.vibes.receiver is None and dialog.url.text() == ""
    with pytest.raises(httpx.HTTPError):
        httpx.post(url, json=body, timeout=2)


def test_extract_import_with_progress(demo_window, qtbot, tmp_path: Path) -> None:
    win = demo_window
    path = tmp_path / "SubscriberExtract_20260401.txt"
    path.write_text(
        "mdn_e164_format\tsubscription_list_id\topt_in_date\tcarrier_code\n"
        "+12065550111\t101\t2026-03-01 10:00:00\t1\n+12065550112\t102\t2026-03-01 10:00:00\t1\n",
        encoding="utf-8",
    )
    runner = win.vibes.import_extract(path)
    qtbot.waitUntil(lambda: not win.vibes.runners, timeout=20000)
    assert runner is not None
    kind, title, text = win.dialogs.told[-1]
    assert (kind, title) == ("info", "Import Vibes extract") and "2 rows" in text, text


def test_workspace_settings_set_the_brand_the_message_editor_hints_with(demo_window, qtbot) -> None:
    win = demo_window
    dialog = win.workspace_actions.open_settings()
    dialog.brand.setText("Northwind")
    dialog.zone.setCurrentText("Europe/Stockholm")
    assert dialog.save()
    with win.context.workspace.session() as conn:
        assert get_setting(conn, "brand.name") == "Northwind"
        assert get_setting(conn, "default_time_zone") == "Europe/Stockholm"
    editor = MessageEditor(win.context.conn, None, win)
    qtbot.addWidget(editor)
    assert editor.brand_edit.text() == "Northwind" and editor.brand_edit.isReadOnly()
    editor.text.setPlainText("Big sale today. Reply STOP to opt out")
    assert "Name your brand (“Northwind”)" in editor.hints.text()
    editor.reject()


def test_bad_workspace_setting_is_refused_and_nothing_is_written(demo_window) -> None:
    win = demo_window
    with win.context.workspace.session() as conn:
        brand_before = get_setting(conn, "brand.name")
    dialog = win.workspace_actions.open_settings()
    dialog.brand.setText("Acme")
    dialog.zone.setCurrentText("Mars/Olympus")
    assert not dialog.save()
    assert "IANA time zone" in dialog.error.text()
    with win.context.workspace.session() as conn:
        assert get_setting(conn, "brand.name") == brand_before != "Acme"
    dialog.reject()
