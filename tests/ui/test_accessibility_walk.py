"""A walk over every main screen of the app as a screen-reader user meets it: on each, every
control Tab stops at has a name, every list, table and tree has a name, and every drop-down is
named by a label rather than by the value it shows (on Linux Qt names a drop-down by its
current text and drops the accessible name set on it). The window is the real one, on a demo
workspace, with a campaign whose smart list has filters of each kind and triggers, whose
schedule has a start and a recurrence, and whose flow has a step of each kind with a choice."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from smsflow_desktop.cli import main as smsflow
from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.services.campaigns import save_campaign
from smsflow_desktop.ui.run.run_confirm import RunConfirmDialog
from smsflow_desktop.ui.window.campaign_history import ConflictDialog, ConflictInfo
from smsflow_desktop.ui.window.first_start import FirstStartDialog
from smsflow_desktop.ui.window.window_dialogs import NameDialog

from .accessibility import spoken_widgets, unnamed_widgets
from .engine_fixtures import close_window, demo_workspace, open_window, wait_idle

NOW = "2026-04-01T15:00:00Z"

WALK = {
    "name": "Walk",
    "description": "Every kind of filter, trigger and step.",
    "smart_list": {
        "logic": "1 and (2 or 3 or 4)",
        "filters": [
            {"type": "person_field", "field": "country", "operator": "is", "values": ["SE", "US"]},
            {"type": "member_of_list", "list": "VIP"},
            {"type": "member_of_vibes_list", "vibes_list_id": "101"},
            {"type": "subscribed_to_vibes_list", "vibes_list_id": "102"},
        ],
        "triggers": [
            {"type": "subscribes_to_vibes_list", "vibes_list_id": "101"},
            {"type": "unsubscribes_from_vibes_list", "vibes_list_id": "102"},
            {"type": "sms_bounces", "campaign": "Spring promo"},
            {"type": "person_is_created"},
            {"type": "added_to_list", "list": "VIP"},
        ],
    },
    "flow": [
        {
            "type": "send_sms",
            "message": "Spring offer",
            "vibes_list_id": "101",
            "choices": [
                {
                    "when": {"field": "country", "operator": "is", "values": ["SE"]},
                    "then": {"message": "Vårerbjudande", "vibes_list_id": "101"},
                }
            ],
        },
        {"type": "wait", "duration": "2 days", "resume_weekdays": ["mon", "tue"], "resume_time": "10:00"},
        {
            "type": "subscribe_vibes_list",
            "vibes_list_id": "102",
            "acquisition_campaign_id": "202",
            "choices": [{"when": {"field": "country", "operator": "is", "values": ["US"]}, "then": None}],
        },
        {
            "type": "unsubscribe_vibes_list",
            "vibes_list_id": "101",
            "choices": [
                {"when": {"field": "first_name", "operator": "is", "values": ["Kim"]}, "then": {"vibes_list_id": "102"}}
            ],
        },
    ],
    "schedule": {
        "qualification": {"every_days": 7},
        "start": "2026-05-04T07:00:00Z",
        "recurrence": {"every": "week", "on": ["mon", "thu"], "at": "09:00", "until": "2026-12-31"},
    },
}


def walk_campaign(name: str, *, triggers: bool) -> Campaign:
    data = {**WALK, "name": name, "smart_list": dict(WALK["smart_list"])}
    if not triggers:
        data["smart_list"]["triggers"] = []
    return Campaign.model_validate(data)


@pytest.fixture
def ws(tmp_path, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("SMSFLOW_NOW", NOW)
    workspace = demo_workspace(tmp_path, tmp_path_factory)
    with workspace.session() as conn:
        save_campaign(conn, walk_campaign("Walk", triggers=True))
        save_campaign(conn, walk_campaign("Walk batch", triggers=False))
    return workspace


@pytest.fixture
def win(qtbot, ws):
    window = open_window(qtbot, ws)
    yield window
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible():
            widget.close()
    close_window(window)


Screen = Iterator[tuple[str, QWidget]]


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def editor_tab(win, tab: str, campaign: str = "Walk") -> QWidget:
    assert win.open_campaign(campaign)
    win.editor.set_tab(tab)
    win.editor.flow_tab.flow_view.ensure_built()
    settle()
    return win.editor


def welcome(win, qtbot, tmp_path: Path) -> Screen:
    assert win.pages.currentWidget() is win.welcome and win.welcome.isVisible()
    yield "welcome page", win.welcome


def navigator(win, qtbot, tmp_path: Path) -> Screen:
    win.open_campaign("Walk")
    settle()
    yield "navigator", win.navigator


def flow(win, qtbot, tmp_path: Path) -> Screen:
    editor = editor_tab(win, "flow")
    view = editor.flow_tab.flow_view
    assert len([c for c in view.cards if c is not None]) == 4
    yield "Flow tab (palette, cards)", editor
    yield "Flow tab of a batch campaign", editor_tab(win, "flow", "Walk batch")


def smart_list(win, qtbot, tmp_path: Path) -> Screen:
    editor = editor_tab(win, "smart-list")
    tab = editor.smart_list_tab
    tab.request_count()
    qtbot.waitUntil(lambda: tab.count_label.text() not in ("", "—"), timeout=10000)
    yield "Smart List tab", editor


def schedule(win, qtbot, tmp_path: Path) -> Screen:
    yield "Schedule tab of a trigger campaign with a start", editor_tab(win, "schedule")
    yield "Schedule tab of a weekly batch campaign", editor_tab(win, "schedule", "Walk batch")


def results(win, ws, qtbot, tmp_path: Path) -> Screen:
    assert smsflow(["run", "Spring promo", "--workspace", str(ws.root), "--dry-run"]) == 0
    editor = editor_tab(win, "results", "Spring promo")
    tab = editor.results_tab
    tab.refresh()
    qtbot.waitUntil(lambda: tab.summary is not None and not tab.runners, timeout=10000)
    settle()
    yield "Results tab", editor


def preview(win, qtbot, tmp_path: Path) -> Screen:
    win.open_campaign("Spring promo")
    dialog = win.engine.preview(1)
    wait_idle(qtbot, win)
    qtbot.waitUntil(lambda: bool(dialog.funnel.rows))
    yield "Preview dialog (funnel)", dialog
    reason = next(k for k, v in dialog.preview.excluded.items() if v > 0)
    dialog.show_people_of(reason)
    wait_idle(qtbot, win)
    qtbot.waitUntil(lambda: dialog.people.rowCount() > 0)
    yield "Preview dialog (people of a reason)", dialog
    dialog.close()


def people(win, qtbot, tmp_path: Path) -> Screen:
    view = win.workspace_actions.show_people()
    settle()
    yield "People view (list)", view
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.pane.person_id is not None)
    pane = view.pane
    person = win.context.conn.execute(
        "SELECT p.id FROM people p JOIN consent_log c ON c.mdn = p.phone_e164 ORDER BY p.id LIMIT 1"
    ).fetchone()
    pane.show_person(person[0] if person else pane.person_id)
    settle()
    assert pane.consent.rowCount() > 0
    yield "People view (person pane with consent history)", view


def people_import(win, qtbot, tmp_path: Path) -> Screen:
    source = tmp_path / "people.csv"
    source.write_text("External ID;First Name;Mobile Phone\nn-1;Kim;+12065550101\nn-2;Lo;not a number\n", "utf-8")
    wizard = win.workspace_actions.import_people()
    settle()
    yield "People import wizard (file page)", wizard
    wizard.file_page.path_edit.setText(str(source))
    wizard.next()
    settle()
    assert wizard.currentPage() is wizard.mapping_page
    yield "People import wizard (mapping page)", wizard
    wizard.next()
    qtbot.waitUntil(lambda: wizard.import_page.finished_import, timeout=20000)
    settle()
    assert wizard.currentPage() is wizard.import_page
    yield "People import wizard (report page)", wizard
    wizard.button(QWizard.WizardButton.FinishButton).click()


def vibes(win, qtbot, tmp_path: Path) -> Screen:
    dialog = win.vibes.open_settings()
    settle()
    yield "Vibes settings", dialog
    dialog.reject()
    callbacks = win.vibes.open_callbacks()
    settle()
    yield "Vibes callbacks", callbacks
    callbacks.reject()


def workspace_settings(win, qtbot, tmp_path: Path) -> Screen:
    dialog = win.workspace_actions.open_settings()
    settle()
    yield "Workspace settings", dialog
    dialog.reject()


def compliance_rules(win, qtbot, tmp_path: Path) -> Screen:
    dialog = win.workspace_actions.open_compliance_rules()
    settle()
    yield "Compliance Rules dialog", dialog
    dialog.refresh(select="US-WA")
    form = dialog.edit()
    settle()
    yield "Compliance rule form (every day)", form
    form.every_day.click()  # a window per weekday
    form.add_limit_button.click()
    settle()
    assert form.days[0].start.isVisible() and form.limit_rows
    yield "Compliance rule form (a window per weekday, a limit)", form
    form.reject()
    dialog.reject()


def open_workspace(win, qtbot, tmp_path: Path) -> Screen:
    dialog = win.choose_workspace()
    settle()
    yield "Open Workspace dialog (recent)", dialog
    dialog.show_database_form()
    settle()
    yield "Open Workspace dialog (team database)", dialog
    dialog.reject()


def send_test(win, qtbot, tmp_path: Path) -> Screen:
    win.open_campaign("Walk")
    dialog = win.send_test(0)
    settle()
    qtbot.waitUntil(lambda: not dialog.runners, timeout=10000)
    settle()
    yield "Send test dialog", dialog
    dialog.reject()


def message_editor(win, qtbot, tmp_path: Path) -> Screen:
    dialog = win.open_message("Spring offer")
    settle()
    yield "Message editor", dialog
    dialog.reject()


def shortcuts(win, qtbot, tmp_path: Path) -> Screen:
    dialog = win.keys.show_shortcuts()
    settle()
    yield "Keyboard Shortcuts dialog", dialog
    dialog.reject()


def new_campaign(win, qtbot, tmp_path: Path) -> Screen:
    dialog = NameDialog(win, "New campaign", "Name of the new smart campaign:")
    dialog.open()
    settle()
    yield "New Campaign dialog", dialog
    dialog.reject()


def run_panel(win, qtbot, tmp_path: Path) -> Screen:
    win.open_campaign("Spring promo")
    win.dialogs.run_answer = "dry"
    assert win.engine.run() is not None
    qtbot.waitUntil(lambda: win.engine.run_panel is not None and win.engine.run_panel.finished_run, timeout=30000)
    wait_idle(qtbot, win)
    settle()
    yield "Run panel", win.engine.run_panel


def run_confirm(win, qtbot, tmp_path: Path) -> Screen:
    win.open_campaign("Spring promo")
    win.dialogs.run_answer = None
    assert win.engine.run() is not None
    wait_idle(qtbot, win)
    estimate = win.dialogs.estimates[-1]
    assert estimate is not None
    dialog = RunConfirmDialog("Spring promo", True, "api.vibes.com", estimate, win)
    dialog.open()
    settle()
    yield "Run confirmation", dialog
    dialog.reject()


def history(win, qtbot, tmp_path: Path) -> Screen:
    win.open_campaign("Walk")
    win.editor.set_tab("flow")
    win.context.controller.add_choice(0)
    assert win.save_campaign()
    dialog = win.show_history("Walk")
    settle()
    yield "History dialog", dialog
    dialog.reject()


def conflict(win, qtbot, tmp_path: Path) -> Screen:
    info = ConflictInfo("Walk", "kim", "2026-04-01 14:00", theirs=["Step 1: message"], mine=["Step 2: duration"])
    dialog = ConflictDialog(info, win)
    dialog.open()
    settle()
    yield "Saved-by-someone-else dialog", dialog
    dialog.reject()


def tour_and_first_start(win, qtbot, tmp_path: Path) -> Screen:
    tour = win.workspace_actions.show_tour()
    settle()
    yield "Quick tour", tour
    tour.reject()
    first = FirstStartDialog("demo", win)
    first.open()
    settle()
    yield "First start dialog", first
    first.reject()


SCREENS: dict[str, Callable[..., Screen]] = {
    "welcome": welcome,
    "navigator": navigator,
    "flow": flow,
    "smart-list": smart_list,
    "schedule": schedule,
    "results": results,
    "preview": preview,
    "people": people,
    "people-import": people_import,
    "vibes": vibes,
    "workspace-settings": workspace_settings,
    "compliance-rules": compliance_rules,
    "open-workspace": open_workspace,
    "send-test": send_test,
    "message-editor": message_editor,
    "shortcuts": shortcuts,
    "new-campaign": new_campaign,
    "run-panel": run_panel,
    "run-confirm": run_confirm,
    "history": history,
    "conflict": conflict,
    "tour-and-first-start": tour_and_first_start,
}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_control_on_the_screen_has_a_name_a_screen_reader_says(screen: str, win, ws, qtbot, tmp_path) -> None:
    opener = SCREENS[screen]
    steps = opener(win, ws, qtbot, tmp_path) if opener is results else opener(win, qtbot, tmp_path)
    walked, unnamed = [], []
    for what, root in steps:
        assert root.isVisible(), f"{what} is not shown"
        assert spoken_widgets(root), f"{what}: nothing to walk"
        unnamed += [f"{what}: {offender}" for offender in unnamed_widgets(root)]
        walked.append(what)
    assert walked
    assert unnamed == [], "nothing for a screen reader to say:\n" + "\n".join(unnamed)
