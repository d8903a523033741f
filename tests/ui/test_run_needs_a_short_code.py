"""A run from the window in remote mode without a short code: refused before anything is
sent, and the run's panel says what to set."""

from __future__ import annotations

from smsflow_desktop.services.settings import set_setting

from .engine_fixtures import close_window, demo_workspace, open_window, wait_idle


def test_a_remote_run_without_a_short_code_says_to_set_it(qtbot, tmp_path, tmp_path_factory, monkeypatch) -> None:
    monkeypatch.setenv("SMSFLOW_VIBES_PASSWORD", "not-used")
    ws = demo_workspace(tmp_path, tmp_path_factory)
    with ws.session() as conn:
        set_setting(conn, "vibes.mode", "remote")
        set_setting(conn, "vibes.base_url", "http://127.0.0.1:9")  # never reached: the run is refused first
        set_setting(conn, "vibes.short_code", "")
    win = open_window(qtbot, ws)
    try:
        win.open_campaign("Spring promo")
        win.dialogs.run_answer = "run"
        assert win.engine.run() is not None
        qtbot.waitUntil(lambda: win.engine.run_panel is not None and win.engine.run_panel.finished_run, timeout=30000)
        wait_idle(qtbot, win)
        panel = win.engine.run_panel
        assert "short code" in panel.message.text() and "Vibes Settings" in panel.message.text()
        with ws.session() as conn:
            assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 0
    finally:
        close_window(win)
