"""The first start (offer the demo, an empty workspace or a folder), the quick tour (shown
once, dismissable, back from Help), and the new views in Swedish with no English left."""

from __future__ import annotations

from pathlib import Path

import pytest

from smsflow_desktop.ui.i18n import install_translators
from smsflow_desktop.ui.window import startup
from smsflow_desktop.ui.window.main_window import MainWindow
from smsflow_desktop.ui.window.tour import STEPS, tour_seen

from .conftest import ScriptedDialogs
from .engine_fixtures import close_window, demo_workspace, open_window, wait_idle
from .test_i18n import messages, visible_texts


@pytest.fixture
def empty_window(qtbot):
    win = MainWindow()
    win.dialogs = ScriptedDialogs()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


@pytest.mark.parametrize("answer, people", [("demo", 40), ("empty", 0)])
def test_first_start_offers_the_demo_or_an_empty_workspace(
    empty_window, qtbot, tmp_path: Path, answer: str, people: int
) -> None:
    win = empty_window
    win.dialogs.first_start_answer = answer
    ws = startup.first_start(win, tmp_path / "ws", suggested="demo", people=40, seed=1)
    assert win.dialogs.asked == ["first_start:demo"]
    assert ws is not None and win.set_workspace(ws)
    assert win.navigator.items[("people", "")].text(0) == f"People: {people}"
    assert ((ws.emulator_dir / "seed.json").is_file()) == (answer == "demo")


def test_declining_the_first_start_opens_nothing(empty_window, tmp_path: Path) -> None:
    empty_window.dialogs.first_start_answer = None
    assert startup.first_start(empty_window, tmp_path / "ws", suggested="demo", people=40, seed=1) is None
    assert not (tmp_path / "ws").exists()


def test_tour_is_shown_once_and_reopens_from_help(empty_window, qtbot) -> None:
    win = empty_window
    assert not tour_seen()
    startup.offer_tour(win)
    tour = win.workspace_actions.tour
    assert tour is not None and tour.isVisible() and tour.counter.text() == f"Step 1 of {len(STEPS)}"
    for _ in range(len(STEPS) - 1):
        tour.next_button.click()
    assert tour.next_button.text() == "Done" and not tour.skip_button.isVisibleTo(tour)
    tour.next_button.click()
    assert not tour.isVisible() and tour_seen()
    startup.offer_tour(win)
    assert win.workspace_actions.tour is tour  # not offered again
    win.actions_.tour.trigger()
    again = win.workspace_actions.tour
    assert again is not tour and again.isVisible()
    again.skip_button.click()
    assert not again.isVisible()


@pytest.fixture
def swedish(qapp):
    assert install_translators(qapp, "sv") == "sv"
    yield
    install_translators(qapp, "en")


def test_new_views_show_no_english_in_swedish(swedish, qtbot, tmp_path, tmp_path_factory, monkeypatch) -> None:
    monkeypatch.setenv("SMSFLOW_NOW", "2026-04-01T15:00:00Z")
    english = {s for _c, s, t, _k in messages() if t and t != s}
    win = open_window(qtbot, demo_workspace(tmp_path, tmp_path_factory))
    win.open_campaign("Spring promo")
    shown: list[str] = []
    dialog = win.engine.preview(1)
    wait_idle(qtbot, win)
    dialog.show_people_of("unsubscribed")
    wait_idle(qtbot, win)
    shown += visible_texts(dialog) + [row.label for row in dialog.funnel.rows]
    win.dialogs.run_answer = "dry"
    win.engine.run()
    qtbot.waitUntil(lambda: win.engine.run_panel is not None and win.engine.run_panel.finished_run, timeout=20000)
    wait_idle(qtbot, win)
    shown += visible_texts(win.engine.run_panel)
    win.editor.set_tab("results")
    qtbot.waitUntil(
        lambda: win.editor.results_tab.summary is not None and not win.editor.results_tab.runners, timeout=10000
    )
    shown += visible_texts(win.editor.results_tab)
    people = win.workspace_actions.show_people()
    shown += visible_texts(people)
    for opener in (
        win.vibes.open_settings,
        win.vibes.open_callbacks,
        win.workspace_actions.open_settings,
        win.workspace_actions.show_tour,
    ):
        d = opener()
        shown += visible_texts(d)
        d.close()
    left = sorted({t for t in shown if t in english})
    assert left == []
    assert "Mottagare" in shown
    close_window(win)
