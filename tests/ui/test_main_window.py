"""The main window: navigator, opening and saving campaigns, prompts before losing edits,
campaign files, validation, Preview / Run / Sync hooks, remembered layout, language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smsflow_desktop.services.campaigns import list_campaigns, load_campaign
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.ui.window.main_window import MainWindow

from .conftest import ScriptedDialogs


def edit_something(win: MainWindow) -> None:
    win.context.controller.set_field(1, "duration", "2 days")


def test_navigator_lists_the_workspace(window) -> None:
    nav = window.navigator
    assert ("campaign", "Spring promo") in nav.items
    assert ("message", "Vårerbjudande") in nav.items
    assert nav.items[("people", "")].text(0) == "People: 5"
    assert nav.items[("static_list", "VIP")].text(0) == "VIP (2)"
    assert nav.items[("vibes_list", "101")].text(0) == "Offers (101)"
    assert nav.items[("acquisition", "202")].toolTip(0) == "Feeds Vibes lists: 102"


def test_open_from_navigator_edit_undo_texts_and_dirty_flag(window) -> None:
    item = window.navigator.items[("campaign", "Spring promo")]
    window.navigator.tree.itemActivated.emit(item, 0)
    assert window.editor is not None and window.editor.current_tab() == "flow"
    assert window.windowTitle().startswith("Spring promo[*]")
    assert not window.actions_.undo.isEnabled()
    edit_something(window)
    assert window.isWindowModified() and window.editor.dirty_mark.isVisibleTo(window)
    assert window.actions_.undo.text() == "Undo Change Duration of step 2"
    window.actions_.undo.trigger()
    assert not window.isWindowModified()
    assert window.actions_.redo.text() == "Redo Change Duration of step 2"


@pytest.mark.parametrize(
    "answer, stays_open, saved", [("cancel", True, False), ("discard", False, False), ("save", False, True)]
)
def test_prompt_before_edits_are_lost(window, workspace, answer: str, stays_open: bool, saved: bool) -> None:
    window.open_campaign("Spring promo")
    edit_something(window)
    window.dialogs.save_answer = answer
    window.new_campaign("Autumn")
    assert window.dialogs.asked == ["save:Spring promo"]
    assert (window.context.controller.document.campaign.name == "Spring promo") == stays_open
    with workspace.session() as conn:
        assert (load_campaign(conn, "Spring promo").flow[1].duration == "2 days") == saved


def test_closing_the_window_asks_too(window) -> None:
    window.open_campaign("Spring promo")
    edit_something(window)
    window.dialogs.save_answer = "cancel"
    assert not window.close()
    assert window.isVisible()


def test_save_and_rename(window, workspace) -> None:
    window.open_campaign("Spring promo")
    window.editor.name_edit.setText("Spring promo 2026")
    window.editor.name_edit.editingFinished.emit()
    assert window.save_campaign()
    with workspace.session() as conn:
        assert list_campaigns(conn) == ["Spring promo 2026"]
    assert ("campaign", "Spring promo 2026") in window.navigator.items


def test_export_import_round_trip(window, workspace, tmp_path: Path) -> None:
    window.open_campaign("Spring promo")
    edit_something(window)  # export what is in the editor, saved or not
    path = window.export_campaign_file(tmp_path / "spring.smsflow.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "smsflow.campaign/2"
    assert data["campaign"]["flow"][1]["duration"] == "2 days"
    assert sorted(m["name"] for m in data["messages"]) == ["Spring offer", "Vårerbjudande"]
    window.dialogs.save_answer = "discard"
    window.dialogs.clash_answer = "rename"
    name = window.import_campaign_file(path)
    assert name == "Spring promo (2)"
    assert window.dialogs.asked == ["clash:Spring promo", "save:Spring promo"]
    assert window.context.controller.saved_name == "Spring promo (2)"
    imported = window.context.controller.document.campaign.model_dump(mode="json")
    imported.pop("name"), data["campaign"].pop("name")
    assert imported == data["campaign"]
    assert window.context.controller.document.errors == []


def test_import_cancelled_on_clash_adds_nothing(window, workspace, tmp_path: Path) -> None:
    window.open_campaign("Spring promo")
    path = window.export_campaign_file(tmp_path / "spring.smsflow.json")
    window.dialogs.clash_answer = "cancel"
    assert window.import_campaign_file(path) is None
    with workspace.session() as conn:
        assert list_campaigns(conn) == ["Spring promo"]


def test_import_with_unknown_references_shows_problems_on_the_steps(window, tmp_path: Path) -> None:
    doc = {
        "format": "smsflow.campaign/1",
        "campaign": {
            "name": "From elsewhere",
            "flow": [{"type": "send_sms", "message": "Missing message", "vibes_list_id": "999"}],
        },
        "messages": [],
    }
    path = tmp_path / "elsewhere.smsflow.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert window.import_campaign_file(path) == "From elsewhere"
    card = window.editor.flow_tab.flow_view.card(0)
    assert card.params.combos["message"].property("problem") is True
    assert card.params.combos["vibes_list_id"].currentText() == "999 (not in this workspace)"
    assert not window.actions_.run.isEnabled()
    assert "problems to fix (2)" in window.statusBar().currentMessage()


@pytest.mark.parametrize(
    "content, expected",
    [
        ("{not json", "not valid JSON"),
        (
            '{"format": "smsflow.campaign/1", "campaign": {"name": "X", "flow": [{"type": "fly"}]}}',
            "campaign.flow[0].type",
        ),
        ('{"format": "smsflow.campaign/9", "campaign": {"name": "X"}}', "newer than this app reads"),
    ],
)
def test_malformed_files_are_one_clear_message(window, tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "bad.smsflow.json"
    path.write_text(content, encoding="utf-8")
    assert window.import_campaign_file(path) is None
    kind, title, text = window.dialogs.told[-1]
    assert (kind, title) == ("error", "Import failed")
    assert str(path) in text and expected in text


def test_run_disabled_while_problems_remain_and_validate_jumps(window, qtbot) -> None:
    window.open_campaign("Spring promo")
    assert window.actions_.run.isEnabled()
    window.context.controller.set_field(0, "message", None)
    assert not window.actions_.run.isEnabled()
    assert window.editor.problem_button.text() == "⚠ 1 problem"
    window.editor.set_tab("smart-list")
    window.actions_.validate.trigger()
    assert window.editor.current_tab() == "flow"
    combo = window.editor.flow_tab.flow_view.card(0).params.combos["message"]
    qtbot.waitUntil(combo.hasFocus)
    window.context.controller.stack.undo()
    assert window.actions_.run.isEnabled()
    assert window.editor.problem_button.text() == "✓ Ready to run"


def test_preview_shows_the_funnel(window, qtbot) -> None:
    window.open_campaign("Spring promo")
    dialog = window.engine.preview()
    assert dialog is not None
    qtbot.waitUntil(lambda: not window.engine.runners, timeout=10000)
    values = dialog.funnel.values
    assert values["smart_list"] == 5 and values["recipient"] == dialog.preview.recipients
    labels = [row.label for row in dialog.funnel.rows]
    assert "In the smart list" in labels and "Recipients" in labels
    dialog.close()


def test_dry_run_from_the_window(window, qtbot, tmp_path: Path) -> None:
    window.open_campaign("Spring promo")
    window.dialogs.run_answer = "dry"
    runner = window.engine.run()
    assert runner is not None
    qtbot.waitUntil(lambda: window.engine.run_panel is not None and window.engine.run_panel.finished_run, timeout=20000)
    assert window.dialogs.asked[-1] == "run:Spring promo"
    assert window.dialogs.estimates[-1].steps[0].preview.recipients == 2
    panel = window.engine.run_panel
    assert panel.status.text().startswith("Run 1:")
    results = window.editor.results_tab
    qtbot.waitUntil(lambda: not results.runners, timeout=10000)
    results.activity_model.fetch_all_for_tests()
    assert results.runs.rowCount() == 1 and results.activity_model.rowCount() > 0
    results.export_csv(str(tmp_path / "run.csv"))
    qtbot.waitUntil(lambda: not results.runners, timeout=10000)
    lines = (tmp_path / "run.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("at,type,person_id") and len(lines) == results.activity_model.rowCount() + 1
    panel.close()


def test_layout_is_remembered_between_sessions(qtbot, workspace) -> None:
    first = MainWindow(workspace)
    first.dialogs = ScriptedDialogs()
    qtbot.addWidget(first)
    first.resize(701, 523)  # the offscreen screen is 800x800
    first.show()
    first.splitter.setSizes([220, first.splitter.width() - 220])
    size, sizes = first.size(), first.splitter.sizes()
    first.close()
    second = MainWindow(workspace)
    qtbot.addWidget(second)
    second.show()
    assert second.size() == size and size.height() == 523
    assert second.splitter.sizes() == sizes and sizes[0] == 220
    second.dialogs = ScriptedDialogs()
    second.close()


def test_language_choice_is_stored(window, workspace) -> None:
    window.set_language("sv")
    with workspace.session() as conn:
        assert get_setting(conn, "ui.language") == "sv"
    assert window.dialogs.told[-1][2] == "The new language applies the next time the app starts."
