"""Running from the window against the embedded Vibes emulator: confirmation, progress,
results equal to the ledger, pause and resume, stop, closing during a run, and resuming
after a crash with the sends in doubt listed, resent or dropped."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QLocale

from smsflow_desktop.services.campaigns import load_campaign, message_bodies
from smsflow_desktop.services.engine import ledger
from smsflow_desktop.services.engine.in_doubt import DROPPED_REASON
from smsflow_desktop.services.settings import set_setting
from smsflow_desktop.services.workspace import now_utc

from .engine_fixtures import close_window, demo_workspace, open_window, wait_idle

NOW = "2026-04-01T15:00:00Z"  # daytime in Sweden and the US: nothing waits for quiet hours


@pytest.fixture(autouse=True)
def english_numbers():
    """Counts are shown in the user's locale; these tests read them as English (1,005)."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def ws(tmp_path, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("SMSFLOW_NOW", NOW)
    return demo_workspace(tmp_path, tmp_path_factory)


@pytest.fixture
def demo_window(qtbot, ws):
    win = open_window(qtbot, ws)
    yield win
    close_window(win)


def run_and_wait(qtbot, win, timeout: int = 30000):
    win.dialogs.run_answer = "run"
    assert win.engine.run() is not None
    qtbot.waitUntil(lambda: win.engine.run_panel is not None and win.engine.run_panel.finished_run, timeout=timeout)
    wait_idle(qtbot, win)
    return win.engine.run_panel


def test_run_from_the_window_shows_progress_and_results_equal_the_ledger(demo_window, qtbot, ws) -> None:
    win = demo_window
    win.open_campaign("Spring promo")
    panel = run_and_wait(qtbot, win)
    estimate = win.dialogs.estimates[-1]
    assert estimate.steps[0].preview.recipients > 0 and estimate.segments >= estimate.steps[0].preview.recipients
    assert panel.updates >= 1 and panel.status.text() == "Run 1: Waiting for a later step"
    with ws.session() as conn:
        counts = ledger.run_counts(conn, 1)
        logged = conn.execute("SELECT count(*) FROM activity WHERE run_id = 1").fetchone()[0]
    assert counts["sent"] == estimate.steps[0].preview.recipients
    assert panel.count_labels["sent"].text() == f"{counts['sent']:,}"
    results = win.editor.results_tab
    win.editor.set_tab("results")
    qtbot.waitUntil(lambda: results.summary is not None and not results.runners, timeout=10000)
    assert results.summary.counts == counts
    assert dict(results.chart.bars)["sent"] == counts["sent"]
    assert results.resume_button.isVisibleTo(results)  # the subscribe step waits 4 hours
    results.activity_model.fetch_all_for_tests()
    assert results.activity_model.rowCount() == logged
    assert results.count_label.text() == f"{logged:,} activities"


def test_pause_then_resume_finishes_without_texting_anyone_twice(demo_window, qtbot, ws) -> None:
    with ws.session() as conn:
        set_setting(conn, "vibes.rate_limit.events", "40")  # slow enough to pause half-way
    win = demo_window
    win.open_campaign("Spring promo")
    win.dialogs.run_answer = "run"
    win.engine.run()
    qtbot.waitUntil(lambda: win.engine.run_panel is not None and win.engine.run_panel.updates >= 2, timeout=20000)
    panel = win.engine.run_panel
    panel.pause_button.click()
    qtbot.waitUntil(lambda: panel.finished_run, timeout=20000)
    wait_idle(qtbot, win)
    assert panel.status.text().startswith("Paused: run 1")
    assert panel.resume_button.isVisibleTo(panel)
    with ws.session() as conn:
        assert ledger.load_run(conn, 1)["status"] == "paused"
        assert ledger.run_counts(conn, 1)["sending"] == 0
    with ws.session() as conn:
        set_setting(conn, "vibes.rate_limit.events", "1000")
    panel.resume_button.click()
    qtbot.waitUntil(lambda: panel.finished_run, timeout=30000)
    wait_idle(qtbot, win)
    assert panel.status.text() == "Run 1: Waiting for a later step"
    with ws.session() as conn:
        counts = ledger.run_counts(conn, 1)
        sent = conn.execute("SELECT mdn FROM ledger WHERE run_id = 1 AND state = 'sent'").fetchall()
    assert counts["sent"] == win.dialogs.estimates[-1].steps[0].preview.recipients
    assert len(sent) == len(set(sent))


def test_stop_leaves_a_consistent_run_and_the_window_responsive(demo_window, qtbot, ws) -> None:
    with ws.session() as conn:
        set_setting(conn, "vibes.rate_limit.events", "40")
    win = demo_window
    win.open_campaign("Spring promo")
    win.dialogs.run_answer = "run"
    win.engine.run()
    qtbot.waitUntil(lambda: win.engine.run_panel is not None and win.engine.run_panel.updates >= 1, timeout=20000)
    assert not win.actions_.run.isEnabled()  # one run at a time
    win.editor.set_tab("smart-list")  # the GUI thread is free while the run goes on
    win.engine.run_panel.cancel_button.click()
    qtbot.waitUntil(lambda: win.engine.run_panel.finished_run, timeout=20000)
    wait_idle(qtbot, win)
    assert win.engine.run_panel.status.text() == "Run 1: Stopped"
    assert not win.engine.busy() and win.actions_.run.isEnabled()
    with ws.session() as conn:
        counts = ledger.run_counts(conn, 1)
    assert counts["sending"] == 0 and counts["pending"] > 0


def test_each_run_keeps_its_own_panel_and_another_workspace_drops_them(
    demo_window, qtbot, tmp_path, tmp_path_factory
) -> None:
    win = demo_window
    win.open_campaign("Spring promo")
    win.dialogs.run_answer = "dry"
    panels = []
    for _ in range(2):
        assert win.engine.run() is not None
        qtbot.waitUntil(lambda: win.engine.run_panel is not None and win.engine.run_panel.finished_run, timeout=30000)
        wait_idle(qtbot, win)
        panels.append(win.engine.run_panel)
    first, second = panels
    assert first is not second and (first.run_id, second.run_id) == (1, 2)
    assert win.engine.run_panels == {1: first, 2: second}
    assert second.isVisible() and not first.isVisible()
    win.engine.resume(1)  # run 1 waits for its Subscribe step: resumed, it is shown in its own panel
    qtbot.waitUntil(lambda: first.finished_run and first.isVisible(), timeout=30000)
    wait_idle(qtbot, win)
    assert win.engine.run_panel is first and not second.isVisible()
    assert first.status.text() == "Run 1: Waiting for a later step"
    # Run ids belong to a workspace: in another one, these panels (and their Resume) are gone.
    assert win.set_workspace(demo_workspace(tmp_path / "other", tmp_path_factory))
    assert win.engine.run_panel is None and win.engine.run_panels == {}
    assert not win.actions_.run_progress.isEnabled()


def test_closing_during_a_run_asks_then_stops_cleanly(qtbot, ws) -> None:
    with ws.session() as conn:
        set_setting(conn, "vibes.rate_limit.events", "30")
    win = open_window(qtbot, ws)
    win.open_campaign("Spring promo")
    win.dialogs.run_answer = "run"
    win.engine.run()
    qtbot.waitUntil(lambda: win.engine.run_panel is not None and win.engine.run_panel.updates >= 1, timeout=20000)
    runner = win.engine.run_runner
    win.dialogs.confirm_answer = False
    assert not win.close() and win.isVisible()
    assert win.dialogs.asked[-1] == "confirm:A run is in progress"
    win.dialogs.confirm_answer = True
    assert win.close()
    assert runner.qthread.isFinished()
    with ws.session() as conn:
        row = ledger.load_run(conn, 1)
        assert row["status"] == "cancelled" and row["owner_pid"] is None
        assert ledger.run_counts(conn, 1)["sending"] == 0


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def crash(ws, in_flight: int = 3) -> int:
    """A run of Spring promo whose process died with ``in_flight`` texts on their way."""
    with ws.session() as conn:
        run_id = ledger.create_run(
            conn, load_campaign(conn, "Spring promo"), message_bodies(conn), now_utc(), dry_run=False
        )
        conn.execute(
            "UPDATE ledger SET state = 'sending', due_at = ? WHERE run_id = ? AND step_index = 1 "
            "AND person_id IN (SELECT person_id FROM ledger WHERE run_id = ? AND step_index = 1 "
            "AND state = 'pending' ORDER BY person_id LIMIT ?)",
            (NOW, run_id, run_id, in_flight),
        )
        conn.execute(
            "UPDATE runs SET owner_pid = ?, heartbeat_at = '2000-01-01T00:00:00Z' WHERE id = ?", (dead_pid(), run_id)
        )
    return run_id


@pytest.mark.parametrize("choice", ["resume", "resend", "drop"])
def test_after_a_crash_the_run_is_offered_with_its_sends_in_doubt(qtbot, ws, choice: str) -> None:
    run_id = crash(ws)
    win = open_window(qtbot, ws)
    qtbot.waitUntil(lambda: win.engine.recovery_dialog is not None, timeout=5000)
    dialog = win.engine.recovery_dialog
    assert dialog.runs.rowCount() == 1 and dialog.runs.item(0, 2).text() == "Interrupted"
    assert dialog.doubt.rowCount() == 3 and dialog.doubt.isVisibleTo(dialog)
    with ws.session() as conn:
        recipients = conn.execute(
            "SELECT count(*) FROM ledger WHERE run_id = ? AND step_index = 1 AND state IN ('pending', 'sending')",
            (run_id,),
        ).fetchone()[0]
    if choice == "drop":
        dialog.drop_button.click()
        assert dialog.doubt.rowCount() == 0 and not dialog.drop_button.isVisibleTo(dialog)
        dialog.resume_button.click()
    elif choice == "resend":
        dialog.resend_button.click()
    else:
        dialog.resume_button.click()
    qtbot.waitUntil(lambda: win.engine.run_panel is not None and win.engine.run_panel.finished_run, timeout=30000)
    wait_idle(qtbot, win)
    with ws.session() as conn:
        counts = ledger.run_counts(conn, run_id)
        dropped = conn.execute(
            "SELECT count(*) FROM ledger WHERE run_id = ? AND reason = ?", (run_id, DROPPED_REASON)
        ).fetchone()[0]
    expected = {"resume": (recipients - 3, 3, 0), "resend": (recipients, 0, 0), "drop": (recipients - 3, 0, 3)}[choice]
    assert (counts["sent"], counts["in_doubt"], dropped) == expected
    if choice == "resume":
        assert "3 sends are in doubt" in win.engine.run_panel.message.text()
    close_window(win)


def test_results_tab_resends_or_drops_what_is_in_doubt(qtbot, ws) -> None:
    run_id = crash(ws, in_flight=2)
    win = open_window(qtbot, ws)
    qtbot.waitUntil(lambda: win.engine.recovery_dialog is not None, timeout=5000)
    win.engine.recovery_dialog.reject()
    win.open_campaign("Spring promo")
    results = win.editor.results_tab
    qtbot.waitUntil(lambda: results.summary is not None and not results.runners, timeout=10000)
    assert results.summary.status == "interrupted" and results.summary.in_doubt == 2
    assert results.drop_button.isVisibleTo(results) and results.resume_button.isVisibleTo(results)
    results.drop_button.click()
    qtbot.waitUntil(
        lambda: results.summary is not None and results.summary.in_doubt == 0 and not results.runners, timeout=10000
    )
    assert results.summary.counts["failed"] == 2
    assert not results.drop_button.isVisibleTo(results)
    with ws.session() as conn:
        assert ledger.run_counts(conn, run_id)["failed"] == 2
    close_window(win)
