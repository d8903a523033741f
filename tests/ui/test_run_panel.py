"""The run panel: a bar about what there is to do, skipped people never more than the smart
list, a paused run's figures that cannot be misread, no rate once a run stops sending, a title
that says what became of the run, and a Stop that asks first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from smsflow_desktop.services.engine.runner import RunProgress, RunResult
from smsflow_desktop.ui.run.run_panel import RunPanel


def counts(**given: int) -> dict[str, int]:
    keys = ("sent", "failed", "skipped", "in_doubt", "subscribed_pending", "unsubscribed", "subscribed")
    return {**{k: 0 for k in (*keys, "pending", "sending", "deferred", "delivered")}, **given}


@pytest.fixture(autouse=True)
def english_numbers():
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def panel(qtbot):
    p = RunPanel("Spring promo", "Vibes emulator")
    qtbot.addWidget(p)
    p.show()
    return p


def test_the_bar_leaves_out_skipped_people_and_skipped_counts_people(panel) -> None:
    # 2,012 people, two texts: 3,420 skipped rows are 1,710 people left out at both steps
    progress = RunProgress(680, 2616, counts(sent=680, skipped=3420, pending=1936), 40.0, 48.4, "running", 1, 1710)
    panel.show_progress(progress)
    assert panel.bar.text() == "25 %"
    assert panel.status.text() == "680 sent, 1,936 to go"
    assert panel.count_labels["skipped"].text() == "1,710"
    assert panel.speed.text() == "40 a second · about 48 s left"


def test_a_paused_run_reads_unambiguously_and_shows_no_rate(panel) -> None:
    panel.run_id = 1
    panel.show_progress(RunProgress(10, 812, counts(sent=10, pending=802), 40.0, 20.0, "running", 1, 0))
    panel.pause_button.click()
    assert panel.speed.text() == ""
    panel.show_progress(RunProgress(12, 812, counts(sent=12, pending=800), 40.0, 20.0, "running", 1, 0))
    assert panel.speed.text() == ""  # still stopping: no rate for a run that is not sending on
    panel.show_result(RunResult(1, "paused", counts(sent=10, pending=802), skipped_people=0), paused=True)
    assert panel.status.text() == "Paused: run 1 — 802 left to do"
    assert panel.speed.text() == ""
    assert "Paused" in panel.windowTitle() and "Running" not in panel.windowTitle()
    assert panel.resume_button.isVisibleTo(panel)
    assert panel.bar.text() == "1 %"


@pytest.mark.parametrize(
    "status, word",
    [
        ("completed", "Finished"),
        ("cancelled", "Stopped"),
        ("waiting", "Waiting for a later step"),
        ("failed", "Failed"),
    ],
)
def test_the_title_says_what_became_of_the_run(panel, status: str, word: str) -> None:
    assert panel.windowTitle() == "Running “Spring promo”"
    panel.show_progress(RunProgress(5, 10, counts(sent=5, pending=5), 3.0, 2.0, "running", 4, 0))
    panel.show_result(RunResult(4, status, counts(sent=10, skipped=6), skipped_people=3))
    assert panel.windowTitle() == f"“Spring promo”: {word}"
    assert "a second" not in panel.speed.text() and "left" not in panel.speed.text()
    assert panel.count_labels["skipped"].text() == "3"
    panel.set_running()  # resumed
    assert panel.windowTitle() == "Running “Spring promo”"


def test_a_finished_run_with_nothing_to_do_is_full(panel) -> None:
    panel.show_result(RunResult(2, "completed", counts(skipped=5), skipped_people=5))
    assert panel.bar.text() == "100 %"


def test_stop_asks_first_and_says_what_happens(panel, qtbot) -> None:
    panel.run_id = 3
    panel.show_progress(RunProgress(5, 10, counts(sent=5, pending=5), 3.0, 2.0, "running", 3, 0))
    asked: list[tuple[str, str]] = []
    answer = [False]

    def confirm(title: str, text: str) -> bool:
        asked.append((title, text))
        return answer[0]

    panel.confirm_stop = confirm
    stops: list[bool] = []
    panel.cancel_requested.connect(lambda: stops.append(True))
    panel.cancel_button.click()
    assert stops == [] and panel.cancel_button.isEnabled() and panel.pause_button.isEnabled()
    assert asked[0][0] == "Stop run 3?"
    assert "on their way" in asked[0][1] and "nobody else is texted" in asked[0][1] and "resume" in asked[0][1]
    answer[0] = True
    panel.cancel_button.click()
    assert stops == [True]
    assert panel.status.text() == "Stopping after the texts on their way…"
    assert not panel.cancel_button.isEnabled() and panel.speed.text() == ""
