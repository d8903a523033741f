"""Campaigns that run themselves, in the app: the Schedule tab (run now, once at, a recurrence
with its next runs, activation), triggers on the Smart List tab (dragged from the library, each
edit undoable), the navigator's badge, the app's own agent with its status line and the
Results tab it keeps up to date, and the agent as a systemd user service."""

from __future__ import annotations

import dataclasses
import os
import stat
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint
from PySide6.QtWidgets import QApplication

from smsflow_desktop.model.campaign import (
    AddedToListTrigger,
    Campaign,
    MemberOfVibesListFilter,
    Recurrence,
    SmartList,
    SubscribesToVibesListTrigger,
)
from smsflow_desktop.model.document import CampaignDocument
from smsflow_desktop.model.schedule import next_runs
from smsflow_desktop.services.automation import Agent, AgentOptions, activate_campaign, automation_status
from smsflow_desktop.services.automation.history import run_origins
from smsflow_desktop.services.campaigns import load_campaign, save_campaign
from smsflow_desktop.services.engine.preview import preview_step
from smsflow_desktop.services.engine.runner import RunOptions, start_run
from smsflow_desktop.services.static_lists import add_people
from smsflow_desktop.services.workspace import Workspace, now_utc
from smsflow_desktop.ui.editor.controller import DocumentController
from smsflow_desktop.ui.editor.schedule_tab import ScheduleTab
from smsflow_desktop.ui.editor.smart_list_tab import (
    KIND_ROLE,
    MIME_SMART_LIST_ITEM,
    SmartListTab,
    read_smart_list_kind,
    smart_list_mime,
)
from smsflow_desktop.ui.window import agent_service
from tests.services.engine.helpers import FakeVibes

from .conftest import ScriptedDialogs, sample_campaign, send_drag

NOW = "2026-04-01T10:00:00Z"  # a Wednesday


@pytest.fixture
def stockholm_here(monkeypatch):
    """This computer's clock reads Stockholm time (so "your time" is known)."""
    monkeypatch.setenv("TZ", "Europe/Stockholm")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def schedule_tab(qtbot, catalog, monkeypatch):
    monkeypatch.setenv("SMSFLOW_NOW", NOW)

    def make(campaign: Campaign | None = None, zone: str = "Europe/Stockholm") -> ScheduleTab:
        refs = dataclasses.replace(catalog.refs, default_time_zone=zone)
        controller = DocumentController(CampaignDocument(campaign or sample_campaign(), refs))
        tab = ScheduleTab(controller)
        qtbot.addWidget(tab)
        tab.resize(1100, 900)
        tab.show()
        return tab

    return make


def weekly() -> Recurrence:
    return Recurrence(every="week", on=["tue", "thu"], at="10:00", time_zone="America/New_York")


# -- the Schedule tab ---------------------------------------------------------------------------
def test_a_weekly_recurrence_shows_its_next_three_runs_there_and_here(schedule_tab, stockholm_here) -> None:
    campaign = sample_campaign()
    campaign.schedule.recurrence = weekly()
    tab = schedule_tab(campaign)
    assert tab.mode_repeat.isChecked() and tab.recurrence_panel.isEnabled()
    assert [d for d, box in tab.day_boxes.items() if box.isChecked()] == ["tue", "thu"]
    assert tab.zone_combo.currentData() == "America/New_York"
    runs = next_runs(campaign.schedule, datetime(2026, 4, 1, 10, tzinfo=UTC), 3)
    assert [r.isoformat() for r in runs] == [
        "2026-04-02T14:00:00+00:00",
        "2026-04-07T14:00:00+00:00",
        "2026-04-09T14:00:00+00:00",
    ]
    shown = tab.next_runs.text()
    assert shown.count("10:00 America/New_York") == 3  # the recurrence's own clock
    assert shown.count("16:00 your time") == 3  # and Stockholm's (CEST), where the user is
    for run in runs:
        assert tab.run_text(run) in shown

    tab.day_boxes["mon"].click()  # one edit: the next runs follow at once
    assert tab.document.campaign.schedule.recurrence.on == ["mon", "tue", "thu"]
    assert tab.controller.stack.count() == 1
    assert tab.controller.stack.text(0) == "Change the weekdays of the recurrence"
    monday = datetime(2026, 4, 6, 14, tzinfo=UTC)
    assert tab.run_text(monday) in tab.next_runs.text()
    tab.controller.stack.undo()
    assert tab.document.campaign.schedule.recurrence.on == ["tue", "thu"]
    assert not tab.day_boxes["mon"].isChecked()
    assert tab.run_text(monday) not in tab.next_runs.text()


def test_each_recurrence_field_is_one_undoable_edit(schedule_tab) -> None:
    campaign = sample_campaign()
    campaign.schedule.recurrence = weekly()
    tab = schedule_tab(campaign)
    stack = tab.controller.stack
    tab.interval.setValue(2)
    tab.interval.editingFinished.emit()
    tab.at_edit.setTime(tab.at_edit.time().addSecs(90 * 60))
    tab.at_edit.editingFinished.emit()
    tab.zone_combo.setCurrentIndex(tab.zone_combo.findData("Europe/London"))
    tab.zone_combo.activated.emit(tab.zone_combo.currentIndex())
    tab.until_on.click()
    rec = tab.document.campaign.schedule.recurrence
    assert (rec.interval, rec.at, rec.time_zone) == (2, "11:30", "Europe/London")
    assert rec.until is not None
    assert stack.count() == 4
    for _ in range(4):
        stack.undo()
    assert tab.document.campaign.schedule.recurrence == weekly()
    assert tab.interval.value() == 1 and tab.zone_combo.currentData() == "America/New_York"


def test_run_once_at_is_picked_in_the_campaigns_time_zone(schedule_tab) -> None:
    tab = schedule_tab(zone="Europe/Stockholm")
    assert tab.mode_now.isChecked() and not tab.once_edit.isEnabled()
    assert not tab.next_runs.isVisibleTo(tab)
    tab.mode_once.click()
    assert tab.document.campaign.schedule.start == "2026-04-01T11:00:00Z"  # the next full hour
    assert tab.once_zone.text() == "Europe/Stockholm"
    tab.once_edit.setDateTime(tab.once_edit.dateTime().fromString("2026-05-04 09:30", "yyyy-MM-dd HH:mm"))
    tab.once_edit.editingFinished.emit()
    assert tab.document.campaign.schedule.start == "2026-05-04T07:30:00Z"  # 09:30 CEST
    assert tab.next_title.text() == "Runs at" and "09:30 Europe/Stockholm" in tab.next_runs.text()
    assert tab.controller.stack.count() == 2
    tab.mode_now.click()  # Run now: no start, no recurrence, one edit
    schedule = tab.document.campaign.schedule
    assert (schedule.start, schedule.recurrence) == (None, None)
    tab.controller.stack.undo()
    assert tab.document.campaign.schedule.start == "2026-05-04T07:30:00Z" and tab.mode_once.isChecked()


def test_repeat_then_monthly_gets_a_start_and_an_older_planned_start_becomes_the_start(schedule_tab) -> None:
    campaign = sample_campaign()
    campaign.schedule.run_at = "2026-04-20T08:00:00Z"  # the older name of a planned start
    tab = schedule_tab(campaign)
    assert tab.mode_once.isChecked()
    tab.mode_repeat.click()
    schedule = tab.document.campaign.schedule
    assert schedule.run_at is None and schedule.start is None
    assert schedule.recurrence == Recurrence(every="week", on=["wed"], at="10:00")
    assert tab.next_title.text() == "Next runs" and tab.next_runs.text().count("•") == 3
    tab.every.setCurrentIndex(tab.every.findData("month"))
    tab.every.activated.emit(tab.every.currentIndex())
    schedule = tab.document.campaign.schedule
    assert schedule.recurrence.every == "month" and schedule.recurrence.on is None
    assert schedule.start == "2026-04-01T08:00:00Z"  # today, 10:00 in Stockholm: runs on the 1st
    assert not [p for p in tab.document.problems if p.code.startswith("schedule")]
    assert "day of the month" in tab.start_note.text() and not tab.days_widget.isVisibleTo(tab)
    tab.controller.stack.undo()
    assert tab.document.campaign.schedule.start is None and tab.every.currentData() == "week"


def test_a_trigger_campaign_shows_its_triggers_and_the_schedule_it_may_not_have(qtbot, schedule_tab) -> None:
    campaign = sample_campaign()
    campaign.smart_list.triggers = [SubscribesToVibesListTrigger(vibes_list_id="102")]
    campaign.schedule.recurrence = weekly()
    tab = schedule_tab(campaign)
    assert not tab.batch.isVisibleTo(tab) and tab.trigger_info.isVisibleTo(tab)
    assert "Subscribes to Vibes List: Text Club (102)" in tab.trigger_text.text()
    assert tab.both_problem.isVisibleTo(tab) and "cannot also have a start or a recurrence" in tab.both_problem.text()
    with qtbot.waitSignal(tab.triggers_requested):
        tab.edit_triggers.click()
    tab.clear_timing.click()
    assert tab.document.campaign.schedule.recurrence is None
    assert not tab.both_problem.isVisibleTo(tab)
    assert tab.controller.stack.count() == 1


def test_activate_and_deactivate_are_asked_of_the_window(qtbot, schedule_tab) -> None:
    campaign = sample_campaign()
    campaign.schedule.recurrence = weekly()
    tab = schedule_tab(campaign)
    assert not tab.activate_button.isEnabled()  # not known to be saved
    from smsflow_desktop.services.automation import AutomationStatus

    tab.set_automation(AutomationStatus("Spring promo", False, "batch"))
    assert tab.activate_button.isEnabled() and not tab.deactivate_button.isVisibleTo(tab)
    with qtbot.waitSignal(tab.activate_requested):
        tab.activate_button.click()
    due = datetime(2026, 4, 2, 14, tzinfo=UTC)
    tab.set_automation(AutomationStatus("Spring promo", True, "batch", [due]))
    assert not tab.activate_button.isVisibleTo(tab) and tab.deactivate_button.isVisibleTo(tab)
    assert tab.state_label.text() == f"Active: next run {tab.run_text(due)}."
    with qtbot.waitSignal(tab.deactivate_requested):
        tab.deactivate_button.click()
    with qtbot.waitSignal(tab.run_now_requested):
        tab.run_now_button.click()


# -- triggers on the Smart List tab -------------------------------------------------------------
@pytest.fixture
def smart_tab(qtbot, catalog):
    def make(smart_list: SmartList | None = None) -> SmartListTab:
        document = CampaignDocument(Campaign(name="S", smart_list=smart_list or SmartList()), catalog.refs)
        tab = SmartListTab(DocumentController(document), catalog, None)
        qtbot.addWidget(tab)
        tab.resize(1100, 700)
        tab.show()
        qtbot.waitExposed(tab)
        return tab

    return make


def library_item(tab: SmartListTab, kind: str):
    for i in range(tab.library.count()):
        if tab.library.item(i).data(KIND_ROLE) == kind:
            return tab.library.item(i)
    raise AssertionError(kind)


def drop_point(tab: SmartListTab) -> QPoint:
    return QPoint(200, tab.canvas.height() - 40)


def test_a_trigger_dragged_from_the_library_lands_above_the_filters(smart_tab) -> None:
    tab = smart_tab(SmartList(filters=[MemberOfVibesListFilter(vibes_list_id="101")]))
    assert tab.trigger_rows == [] and "No triggers" in tab.triggers_note.text()
    mime = tab.library.mimeData([library_item(tab, "trigger:subscribes_to_vibes_list")])
    assert read_smart_list_kind(mime) == "trigger:subscribes_to_vibes_list"
    assert send_drag(tab.canvas, mime, drop_point(tab))
    (trigger,) = tab.document.campaign.smart_list.triggers
    assert trigger == SubscribesToVibesListTrigger(vibes_list_id="")
    assert len(tab.trigger_rows) == 1 and len(tab.rows) == 1
    assert tab.trigger_rows[0].mapTo(tab.canvas, QPoint(0, 0)).y() < tab.rows[0].mapTo(tab.canvas, QPoint(0, 0)).y()
    assert tab.controller.stack.text(0) == "Add trigger “Subscribes to Vibes List”"
    assert tab.trigger_rows[0].combo.property("problem") is True  # no list chosen yet
    tab.controller.stack.undo()
    assert tab.document.campaign.smart_list.triggers == [] and tab.trigger_rows == []


def test_filters_can_be_dragged_too_and_foreign_drags_are_refused(smart_tab) -> None:
    tab = smart_tab()
    assert send_drag(tab.canvas, smart_list_mime("member_of_list"), drop_point(tab))
    assert send_drag(tab.canvas, tab.library.mimeData([library_item(tab, "field:country")]), drop_point(tab))
    assert [f.type for f in tab.document.campaign.smart_list.filters] == ["member_of_list", "person_field"]
    text = QMimeData()
    text.setText("member_of_list")
    assert not send_drag(tab.canvas, text, drop_point(tab))
    unknown = QMimeData()
    unknown.setData(MIME_SMART_LIST_ITEM, b"trigger:sends_a_fax")
    assert not send_drag(tab.canvas, unknown, drop_point(tab))
    assert len(tab.document.campaign.smart_list.filters) == 2 and tab.document.campaign.smart_list.triggers == []


def test_a_trigger_is_added_by_enter_its_subject_chosen_and_removed_each_undoable(smart_tab) -> None:
    tab = smart_tab()
    tab.library.itemActivated.emit(library_item(tab, "trigger:added_to_list"))
    tab.library.itemActivated.emit(library_item(tab, "trigger:person_is_created"))
    row = tab.trigger_rows[0]
    assert row.combo is not None and tab.trigger_rows[1].combo is None  # a new person has no subject
    row.combo.set_items([("VIP", "VIP")])
    row.combo.setCurrentIndex(row.combo.findData("VIP"))
    row.combo.activated.emit(row.combo.currentIndex())
    assert tab.document.campaign.smart_list.triggers[0] == AddedToListTrigger(list="VIP")
    assert tab.trigger_rows[0].combo.property("problem") is False
    tab.trigger_rows[1].remove_button.click()
    assert [t.type for t in tab.document.campaign.smart_list.triggers] == ["added_to_list"]
    stack = tab.controller.stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Add trigger “Added to List”",
        "Add trigger “Person Is Created”",
        "Change Static List of trigger 1",
        "Delete trigger 2",
    ]
    stack.undo()
    stack.undo()
    assert tab.document.campaign.smart_list.triggers[0] == AddedToListTrigger(list="")
    assert len(tab.trigger_rows) == 2


def test_a_trigger_and_a_schedule_together_are_shown_as_a_problem_on_the_smart_list(smart_tab) -> None:
    tab = smart_tab(SmartList(triggers=[SubscribesToVibesListTrigger(vibes_list_id="999")]))
    assert "not known to this workspace" in tab.trigger_rows[0].combo.toolTip()
    assert not tab.triggers_problem.isVisibleTo(tab)
    tab.controller.set_schedule_timing("2026-05-01T10:00:00Z", None, "Run once")
    assert tab.triggers_problem.isVisibleTo(tab)
    assert "cannot also have a start or a recurrence" in tab.triggers_problem.text()


# -- the window: activation, the navigator, the agent ---------------------------------------------
@dataclass
class Answers(ScriptedDialogs):
    """A scripted user who also keeps what each question and message said."""

    questions: list[str] = field(default_factory=list)

    def confirm(self, title: str, text: str) -> bool:
        self.questions.append(text)
        return super().confirm(title, text)


def fake_agent_maker(fake: FakeVibes):
    def make(root: Path) -> Agent:
        options = AgentOptions(poll_s=0.05, run_options=RunOptions(concurrency=2, backoff_s=0.0))
        return Agent(Workspace(root), lambda: (fake, lambda: None), options=options)

    return make


@pytest.fixture
def app_window(qtbot, workspace):
    from smsflow_desktop.ui.window.main_window import MainWindow

    fake = FakeVibes()
    wins = []

    def make(ws: Workspace = workspace, agent_maker=None):
        win = MainWindow(ws)
        win.dialogs = Answers()
        win.automation.make_agent = agent_maker or fake_agent_maker(fake)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        wins.append(win)
        return win

    make.fake = fake  # type: ignore[attr-defined]
    yield make
    for win in wins:
        win.dialogs.save_answer = "discard"
        win.close()
        assert not win.automation.agent_running()


def schedule_daily(window) -> None:
    controller = window.context.controller
    controller.set_schedule_timing(None, Recurrence(every="day", at="10:00", time_zone="UTC"), "Repeat")


def test_activate_names_the_audience_and_the_next_run_then_the_agent_runs(qtbot, app_window, workspace) -> None:
    window = app_window()
    assert window.automation_label.text() == "Automation: idle"
    assert not window.automation.agent_running()
    assert window.open_campaign("Spring promo")
    schedule_daily(window)  # unsaved: activating saves it first
    window.editor.schedule_tab.activate_button.click()
    qtbot.waitUntil(lambda: window.automation.status_of("Spring promo").active, timeout=20000)
    question = window.dialogs.questions[-1]
    with workspace.session() as conn:
        preview = preview_step(conn, load_campaign(conn, "Spring promo"))
        due = automation_status(conn, "Spring promo", now_utc()).next_runs[0]
    assert question.startswith("Activate “Spring promo”?")
    assert f"{preview.smart_list} people qualify; the first text would reach {preview.recipients} of them" in question
    assert f"{due:%H:%M} UTC" in question and "Its next runs:" in question
    assert not window.context.controller.is_dirty
    qtbot.waitUntil(window.automation.agent_running, timeout=5000)
    assert window.automation_label.text().startswith("Automation: next run Spring promo at ")
    item = window.navigator.items[("campaign", "Spring promo")]
    assert item.toolTip(0).startswith("Active: next run ")
    assert not window.editor.schedule_tab.deactivate_button.isHidden()

    window.editor.schedule_tab.deactivate_button.click()
    assert not window.automation.status_of("Spring promo").active
    qtbot.waitUntil(lambda: not window.automation.agent_running(), timeout=15000)
    assert window.automation_label.text() == "Automation: idle"
    assert window.navigator.items[("campaign", "Spring promo")].toolTip(0) == "Open this campaign"


def test_a_campaign_that_cannot_run_by_itself_is_refused_with_its_problems(app_window) -> None:
    window = app_window()
    assert window.open_campaign("Spring promo")
    window.editor.schedule_tab.activate_button.click()  # a batch campaign with neither start nor recurrence
    (kind, title, text) = window.dialogs.told[-1]
    assert (kind, title) == ("error", "Cannot activate")
    assert "“Spring promo” cannot run by itself yet" in text
    assert "Choose when it runs by itself (Run once at, or Repeat)" in text
    assert not window.automation.status_of("Spring promo").active
    assert not window.automation.agent_running()


def test_the_agent_runs_an_occurrence_and_a_trigger_and_the_results_tab_lists_both(
    qtbot, app_window, workspace
) -> None:
    with workspace.session() as conn:
        campaign = load_campaign(conn, "Spring promo")
        campaign.schedule.start = (now_utc() + timedelta(seconds=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
        campaign.schedule.qualification = "every_time"
        campaign.settings.quiet_hours.enabled = False
        save_campaign(conn, campaign)
        activate_campaign(conn, "Spring promo", now_utc())
        welcome = sample_campaign("Welcome VIPs")
        welcome.settings.quiet_hours.enabled = False
        welcome.smart_list.triggers = [AddedToListTrigger(list="VIP")]
        save_campaign(conn, welcome)
        activate_campaign(conn, "Welcome VIPs", now_utc())
    window = app_window()
    qtbot.waitUntil(window.automation.agent_running, timeout=5000)
    assert window.open_campaign("Spring promo")
    results = window.results_tab
    qtbot.waitUntil(lambda: results.runs.rowCount() == 1, timeout=20000)  # no reopening: it just appears
    assert results.runs.item(0, 3).text() == "Schedule"
    assert results.runs.item(0, 3).toolTip().startswith("The run of the schedule due ")
    qtbot.waitUntil(lambda: results.runs.item(0, 1).text() == "Waiting for a later step", timeout=20000)

    assert window.open_campaign("Welcome VIPs")
    results = window.results_tab
    assert results.runs.rowCount() == 0
    with workspace.session() as conn:
        add_people(conn, "VIP", ["ext-2"])  # another program adds Bo to the list: the trigger fires
    qtbot.waitUntil(lambda: results.runs.rowCount() == 1, timeout=20000)
    assert results.runs.item(0, 3).text() == "Trigger"
    with workspace.session() as conn:
        origins = run_origins(conn, "Welcome VIPs")
    assert [o.kind for o in origins.values()] == ["trigger"]


def test_a_run_by_hand_says_so_in_the_results(workspace) -> None:
    with workspace.session() as conn:
        welcome = sample_campaign("Welcome VIPs")
        welcome.smart_list.triggers = [AddedToListTrigger(list="VIP")]
        save_campaign(conn, welcome)
    start_run(workspace, "Spring promo", None, options=RunOptions(dry_run=True))
    start_run(workspace, "Welcome VIPs", None, options=RunOptions(dry_run=True))
    with workspace.session() as conn:
        assert [o.kind for o in run_origins(conn, "Spring promo").values()] == ["manual"]
        assert [o.kind for o in run_origins(conn, "Welcome VIPs").values()] == ["manual"]


def test_the_agent_stops_when_another_workspace_opens_and_when_the_window_closes(
    qtbot, app_window, workspace, tmp_path
) -> None:
    with workspace.session() as conn:
        welcome = sample_campaign("Welcome VIPs")
        welcome.smart_list.triggers = [AddedToListTrigger(list="VIP")]
        save_campaign(conn, welcome)
        activate_campaign(conn, "Welcome VIPs", now_utc())
    window = app_window()
    qtbot.waitUntil(window.automation.agent_running, timeout=5000)
    assert window.automation_label.text() == "Automation: listening for triggers of Welcome VIPs"
    first = window.automation.agent_runner
    assert window.set_workspace(Workspace.open(tmp_path / "other", create=True))
    assert first.finished or not first.is_running()
    assert not window.automation.agent_running()
    assert window.automation_label.text() == "Automation: idle"
    assert window.set_workspace(workspace)
    qtbot.waitUntil(window.automation.agent_running, timeout=5000)
    runner = window.automation.agent_runner
    window.close()
    assert runner.qthread.isFinished() or not runner.qthread.isRunning()


# -- the agent as a systemd user service -----------------------------------------------------------
@pytest.fixture
def systemd(tmp_path, monkeypatch):
    """XDG_CONFIG_HOME in tmp_path and a systemctl on PATH that records its arguments."""
    config = tmp_path / "config"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "systemctl.log"
    script = bin_dir / "systemctl"
    script.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexit "${{FAKE_SYSTEMCTL_EXIT:-0}}"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")

    class Systemd:
        unit_dir = config / "systemd" / "user"

        @staticmethod
        def calls() -> list[str]:
            return log.read_text().splitlines() if log.exists() else []

    return Systemd


def test_the_unit_file_runs_the_agent_for_the_workspace(tmp_path) -> None:
    root = tmp_path / "My campaigns 100%"
    root.mkdir()
    command = agent_service.agent_command(root)
    assert command[-3:] == ["agent", "--workspace", str(root.resolve())]
    assert Path(command[0]).name == "smsflow" or command[:3] == [sys.executable, "-m", "smsflow_desktop.cli"]
    text = agent_service.unit_text(root, ["/opt/smsflow/bin/smsflow", "agent", "--workspace", str(root)])
    lines = text.splitlines()
    assert "[Service]" in lines and "[Install]" in lines and "WantedBy=default.target" in lines
    assert f'ExecStart="/opt/smsflow/bin/smsflow" "agent" "--workspace" "{tmp_path}/My campaigns 100%%"' in lines
    assert "Restart=on-failure" in lines and "KillSignal=SIGTERM" in lines
    assert agent_service.service_name(root) == f"smsflow-agent-{agent_service.service_id(root)}.service"
    assert agent_service.service_id(root) != agent_service.service_id(tmp_path)
    with pytest.raises(agent_service.ServiceError, match="line break"):
        agent_service.unit_text(root, ["smsflow", "agent", "--workspace", "a\nb"])


def test_the_fallback_is_python_dash_m(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python3"))
    command = agent_service.agent_command(tmp_path, which=lambda _name: None)
    assert command == [str(tmp_path / "python3"), "-m", "smsflow_desktop.cli", "agent", "--workspace", str(tmp_path)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="systemd user services are Linux only")
def test_install_and_remove_run_systemctl_for_the_user(tmp_path, systemd, monkeypatch) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    name = agent_service.service_name(root)
    outcome = agent_service.install(root)
    assert outcome.state == "started" and outcome.path == systemd.unit_dir / name
    assert agent_service.is_installed(root)
    assert "smsflow" in outcome.path.read_text() and f'"{root.resolve()}"' in outcome.path.read_text()
    assert systemd.calls() == ["--user daemon-reload", f"--user enable --now {name}"]
    outcome = agent_service.remove(root)
    assert outcome.state == "stopped" and not outcome.path.exists()
    assert systemd.calls()[2:] == [f"--user disable --now {name}", "--user daemon-reload"]

    monkeypatch.setenv("FAKE_SYSTEMCTL_EXIT", "1")
    outcome = agent_service.install(root)
    assert outcome.state == "systemctl_failed" and "daemon-reload" in outcome.detail
    assert not agent_service.is_installed(root)  # systemd did not take it: nothing is left half installed
    outcome.path.write_text("[Service]\n")  # a file systemd never loaded: removing it still deletes it
    outcome = agent_service.remove(root)
    assert outcome.state == "systemctl_failed" and not agent_service.is_installed(root)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="systemd user services are Linux only")
def test_without_systemctl_the_file_is_written_and_that_is_said(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    root = tmp_path / "ws"
    outcome = agent_service.install(root)
    assert outcome.state == "no_systemctl" and outcome.commands == [] and outcome.path.is_file()
    assert not agent_service.takes_over(root)  # nothing runs it: the app keeps its own agent
    assert agent_service.remove(root).state == "no_systemctl" and not outcome.path.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="systemd user services are Linux only")
def test_with_the_service_installed_the_app_runs_no_agent_of_its_own(qtbot, app_window, workspace, systemd) -> None:
    with workspace.session() as conn:
        welcome = sample_campaign("Welcome VIPs")
        welcome.smart_list.triggers = [AddedToListTrigger(list="VIP")]
        save_campaign(conn, welcome)
        activate_campaign(conn, "Welcome VIPs", now_utc())
    window = app_window()
    qtbot.waitUntil(window.automation.agent_running, timeout=5000)
    assert window.actions_.keep_running.text() == "Keep Campaigns Running When the App Is Closed…"
    window.actions_.keep_running.trigger()  # asks, installs, says so
    assert window.dialogs.told[-1][0] == "info" and "is running" in window.dialogs.told[-1][2]
    name = agent_service.service_name(workspace.root)
    assert systemd.calls() == ["--user daemon-reload", f"--user enable --now {name}"]
    assert not window.automation.agent_running()
    assert window.automation_label.text() == "Automation (service): listening for triggers of Welcome VIPs"
    window.automation.sync()
    QApplication.processEvents()
    assert not window.automation.agent_running()  # the service does the work

    window.actions_.keep_running.trigger()  # asks, removes
    assert "removed" in window.dialogs.told[-1][2]
    assert not (systemd.unit_dir / name).exists()
    qtbot.waitUntil(window.automation.agent_running, timeout=5000)


# -- Swedish ----------------------------------------------------------------------------------------
AUTOMATION_MODULES = (
    "editor/schedule_tab.py",
    "editor/smart_list_tab.py",
    "editor/trigger_rows.py",
    "editor/controller.py",
    "editor/problem_text.py",
    "run/results_tab.py",
    "window/automation_actions.py",
    "window/navigator.py",
    "labels.py",
)


def test_every_text_of_the_automation_screens_has_its_swedish(tmp_path) -> None:
    import shutil
    import subprocess
    import xml.etree.ElementTree as ET

    from .test_i18n import TRANSLATIONS

    lupdate = shutil.which("pyside6-lupdate") or str(Path(sys.executable).with_name("pyside6-lupdate"))
    if not Path(lupdate).exists():
        pytest.skip("pyside6-lupdate is not installed")
    ui = Path(__file__).parents[2] / "smsflow_desktop" / "ui"
    out = tmp_path / "found.ts"
    subprocess.run(
        [lupdate, *(str(ui / m) for m in AUTOMATION_MODULES), "-ts", str(out), "-no-obsolete", "-silent"],
        check=True,
        capture_output=True,
        timeout=300,
    )

    def catalogue(path: Path) -> dict[tuple[str, str], str]:
        found = {}
        for ctx in ET.parse(str(path)).getroot().findall("context"):
            for m in ctx.findall("message"):
                found[(ctx.find("name").text, m.find("source").text)] = m.find("translation").text or ""
        return found

    swedish = catalogue(Path(str(TRANSLATIONS / "smsflow_sv.ts")))
    needed = catalogue(out)
    assert len(needed) > 150
    assert [key for key in needed if not swedish.get(key)] == []


def test_the_schedule_and_smart_list_tabs_speak_swedish(qtbot, qapp, app_window, workspace) -> None:
    from smsflow_desktop.ui.i18n import install_translators

    from .test_i18n import messages, visible_texts

    english = {s for _c, s, t, _k in messages() if t and t != s}
    with workspace.session() as conn:
        campaign = load_campaign(conn, "Spring promo")
        campaign.schedule.recurrence = weekly()
        save_campaign(conn, campaign)
        welcome = sample_campaign("Welcome VIPs")
        welcome.smart_list.triggers = [AddedToListTrigger(list="VIP")]
        save_campaign(conn, welcome)
    assert install_translators(qapp, "sv") == "sv"
    try:
        window = app_window()
        shown: list[str] = [window.automation_label.text()]
        for name in ("Spring promo", "Welcome VIPs"):
            assert window.open_campaign(name)
            for tab in ("smart-list", "schedule", "results"):
                window.editor.set_tab(tab)
                shown += visible_texts(window.editor)
        assert sorted({t for t in shown if t in english}) == []
        assert "Utlösare" in shown and "Nästa körningar" in shown and "Automatik: vilar" in shown
    finally:
        install_translators(qapp, "en")


def test_the_navigator_says_what_an_active_campaign_listens_for(qtbot) -> None:
    from smsflow_desktop.ui.window.navigator import Navigator
    from smsflow_desktop.ui.workspace_data import ActiveCampaign, NavigatorData

    navigator = Navigator()
    qtbot.addWidget(navigator)
    data = NavigatorData(
        campaigns=["Promo", "Welcome", "Quiet"],
        vibes_lists=[("102", "Text Club")],
        automation={
            "Welcome": ActiveCampaign(
                "trigger", None, [("subscribes_to_vibes_list", "102"), ("person_is_created", "")]
            ),
            "Promo": ActiveCampaign("batch", now_utc() + timedelta(days=3)),
        },
    )
    navigator.set_data(data)
    welcome = navigator.items[("campaign", "Welcome")]
    assert welcome.toolTip(0) == "Active: listening for Subscribes to Vibes List Text Club (102); Person Is Created"
    assert navigator.items[("campaign", "Promo")].toolTip(0).startswith("Active: next run ")
    assert navigator.items[("campaign", "Quiet")].toolTip(0) == "Open this campaign"
    assert welcome.icon(0).cacheKey() != navigator.items[("campaign", "Quiet")].icon(0).cacheKey()


def test_the_status_bar_tells_the_agents_problems(qtbot, app_window, workspace) -> None:
    from smsflow_desktop.services.automation import PassResult

    with workspace.session() as conn:
        welcome = sample_campaign("Welcome VIPs")
        welcome.smart_list.triggers = [AddedToListTrigger(list="VIP")]
        save_campaign(conn, welcome)
    window = app_window()
    with workspace.session() as conn:  # another program activates it: the app notices and serves it
        activate_campaign(conn, "Welcome VIPs", now_utc())
    qtbot.waitUntil(window.automation.agent_running, timeout=10000)
    problem = "campaign 'Welcome VIPs' did not take in triggers: cannot connect to Vibes: refused"
    window.automation._on_pass(PassResult(errors=[problem]))
    assert window.automation_label.text() == f"Automation: {problem}"
    assert window.automation_label.property("state") == "error"
    window.automation._on_pass(PassResult())
    assert window.automation_label.text() == "Automation: listening for triggers of Welcome VIPs"
    assert window.automation_label.property("state") == "ok"


def test_an_agent_that_stops_by_itself_is_said_and_not_restarted_in_a_loop(qtbot, app_window, workspace) -> None:
    class Broken(Agent):
        def serve(self, on_pass=None):
            raise OSError("the disk is full")

    with workspace.session() as conn:
        welcome = sample_campaign("Welcome VIPs")
        welcome.smart_list.triggers = [AddedToListTrigger(list="VIP")]
        save_campaign(conn, welcome)
        activate_campaign(conn, "Welcome VIPs", now_utc())
    window = app_window(agent_maker=lambda root: Broken(Workspace(root), None))
    qtbot.waitUntil(lambda: window.automation.agent_error != "", timeout=10000)
    assert window.automation_label.text() == "Automation stopped: the disk is full"
    assert window.automation_label.property("state") == "error"
    window.automation.sync()
    assert not window.automation.agent_running()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="systemd user services are Linux only")
def test_where_systemd_cannot_run_it_the_app_keeps_its_own_agent(
    qtbot, app_window, workspace, systemd, monkeypatch
) -> None:
    with workspace.session() as conn:
        welcome = sample_campaign("Welcome VIPs")
        welcome.smart_list.triggers = [AddedToListTrigger(list="VIP")]
        save_campaign(conn, welcome)
        activate_campaign(conn, "Welcome VIPs", now_utc())
    window = app_window()
    qtbot.waitUntil(window.automation.agent_running, timeout=5000)
    monkeypatch.setenv("FAKE_SYSTEMCTL_EXIT", "1")  # e.g. no user session bus
    window.actions_.keep_running.trigger()
    kind, _title, text = window.dialogs.told[-1]
    assert kind == "error" and text.startswith("systemd refused: ") and "Nothing is installed" in text
    assert not (systemd.unit_dir / agent_service.service_name(workspace.root)).exists()
    qtbot.waitUntil(window.automation.agent_running, timeout=5000)
    assert window.automation_label.text() == "Automation: listening for triggers of Welcome VIPs"


def test_a_deactivated_campaigns_runs_under_way_carry_on(qtbot, app_window, workspace) -> None:
    from smsflow_desktop.services.automation import deactivate_campaign

    with workspace.session() as conn:
        campaign = load_campaign(conn, "Spring promo")
        start = now_utc() + timedelta(seconds=5)
        campaign.schedule.start = start.strftime("%Y-%m-%dT%H:%M:%SZ")
        campaign.schedule.qualification = "every_time"
        campaign.settings.quiet_hours.enabled = False
        save_campaign(conn, campaign)
        activate_campaign(conn, "Spring promo", now_utc())
    later = Agent(workspace, lambda: (FakeVibes(), lambda: None), clock=lambda: start + timedelta(seconds=1))
    done = later.run_pass()  # the occurrence runs up to its Wait
    assert done.runs_started == 1
    with workspace.session() as conn:
        deactivate_campaign(conn, "Spring promo", now_utc())
    window = app_window()
    qtbot.waitUntil(window.automation.agent_running, timeout=5000)  # people in the Wait still get their next steps
    assert window.automation_label.text() == "Automation: finishing runs under way"
