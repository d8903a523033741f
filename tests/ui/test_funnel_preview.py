"""“Who will receive this?”: the window's funnel shows exactly what ``smsflow preview --json``
says for the same workspace and clock, lists the people behind a figure, counts segments,
shows the first recipients' texts and exports the audience."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from smsflow_desktop.cli import main as cli_main
from smsflow_desktop.model.campaign import PersonFieldFilter
from smsflow_desktop.services.engine.funnel import RECIPIENT
from smsflow_desktop.ui.i18n import install_translators
from smsflow_desktop.ui.labels import reason_label

from .engine_fixtures import close_window, demo_workspace, open_window, wait_idle

NOW = "2026-04-01T05:30:00Z"  # before 08:00 in Sweden, night in America: quiet hours hold texts back


@pytest.fixture
def demo_window(qtbot, tmp_path, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("SMSFLOW_NOW", NOW)
    ws = demo_workspace(tmp_path, tmp_path_factory)
    win = open_window(qtbot, ws)
    yield win
    close_window(win)


def cli_preview(root: Path, campaign: str, step: int, capsys) -> dict:
    capsys.readouterr()
    assert cli_main(["preview", campaign, "--workspace", str(root), "--step", str(step), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("step", [1, 3])
def test_funnel_equals_the_command_line(demo_window, qtbot, capsys, step: int) -> None:
    win = demo_window
    win.open_campaign("Spring promo")
    dialog = win.engine.preview(step)
    wait_idle(qtbot, win)
    expected = cli_preview(win.context.workspace.root, "Spring promo", step, capsys)
    shown = dialog.funnel.values
    assert dialog.preview.step == step
    assert shown["smart_list"] == expected["smart_list"]
    assert shown[RECIPIENT] == expected["recipients"]
    assert {k: shown[k] for k in expected["excluded"]} == expected["excluded"]
    assert dialog.preview.deferred_quiet_hours == expected["deferred_quiet_hours"]
    if step == 1:
        assert expected["deferred_quiet_hours"] > 0
        assert dialog.quiet_note.isVisibleTo(dialog)
        assert f"{expected['deferred_quiet_hours']:,}" in dialog.quiet_note.text()
    dialog.close()


def test_reason_lists_its_people_and_segments_and_samples_show(demo_window, qtbot) -> None:
    win = demo_window
    win.open_campaign("Spring promo")
    dialog = win.engine.preview(1)
    wait_idle(qtbot, win)
    assert dialog.segments_note.text().startswith("Segments to be sent:")
    assert dialog.segments.texts == dialog.preview.recipients and dialog.segments.segments >= dialog.segments.texts
    cards = [w for w in dialog.findChildren(type(dialog.status)) if w.objectName() == "Bubble"]
    assert cards and cards[0].text().startswith(("Hi ", "Hej "))
    reason = next(k for k, v in dialog.preview.excluded.items() if v > 0)
    dialog.show_people_of(reason)
    wait_idle(qtbot, win)
    assert dialog.people.rowCount() == min(100, dialog.preview.excluded[reason])
    dialog.show_people_of(RECIPIENT)
    wait_idle(qtbot, win)
    assert dialog.people.rowCount() == 100 and dialog.more_button.isVisibleTo(dialog)
    dialog.more_button.click()
    wait_idle(qtbot, win)
    assert dialog.people.rowCount() == min(200, dialog.preview.recipients)
    ids = [dialog.people.item(r, 0).data(256) for r in range(dialog.people.rowCount())]
    assert len(set(ids)) == len(ids)
    dialog.close()


def test_export_audience_csv(demo_window, qtbot, tmp_path: Path) -> None:
    win = demo_window
    win.open_campaign("Spring promo")
    dialog = win.engine.preview(1)
    wait_idle(qtbot, win)
    target = tmp_path / "audience.csv"
    dialog.export_csv(target)
    wait_idle(qtbot, win)
    with open(target, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == dialog.preview.smart_list
    assert sum(r["status"] == "recipient" for r in rows) == dialog.preview.recipients
    assert "Wrote" in dialog.export_status.text()
    dialog.close()


def switch_step(dialog, step: int) -> None:
    """Choose ``step`` in the Step drop-down as a user does."""
    index = dialog.step_combo.findData(step)
    dialog.step_combo.setCurrentIndex(index)
    dialog.step_combo.activated.emit(index)


def listed_ids(dialog) -> list[int]:
    return [dialog.people.item(r, 0).data(256) for r in range(dialog.people.rowCount())]


def test_switching_the_step_lists_the_people_of_the_figure_followed(demo_window, qtbot) -> None:
    win = demo_window
    win.open_campaign("Spring promo")
    dialog = win.engine.preview(1)
    wait_idle(qtbot, win)
    assert dialog.people_hint.text().startswith("Click a reason")  # nothing asked for yet: nothing listed
    reason = next(k for k, v in dialog.preview.excluded.items() if v > 0)
    dialog.show_people_of(reason)
    wait_idle(qtbot, win)
    assert dialog.people.rowCount() > 0
    switch_step(dialog, 3)
    assert dialog.people.rowCount() == 0 and dialog.people_hint.text() == "Counting…"
    wait_idle(qtbot, win)
    assert dialog.preview.step == 3
    followed = dialog.people_reason
    assert followed is not None and dialog.funnel.values[followed] > 0 and dialog.funnel.selected == followed
    if dialog.funnel.values.get(reason, 0) > 0:
        assert followed == reason  # the same figure when the step has people under it
    else:  # else the first figure with people
        assert followed == next(r.key for r in dialog.funnel.rows if r.kind in ("reason", "recipients") and r.value)
    assert dialog.people.rowCount() == min(100, dialog.funnel.values[followed])
    assert not dialog.people_hint.isVisibleTo(dialog)  # no "Loading…" left behind
    shown = dialog.funnel.values[followed]
    assert dialog.people_title.text().endswith(f"{shown:,} {'person' if shown == 1 else 'people'}")
    dialog.close()


def test_an_answer_for_the_step_shown_before_is_not_listed(demo_window, qtbot) -> None:
    win = demo_window
    win.open_campaign("Spring promo")
    dialog = win.engine.preview(1)
    wait_idle(qtbot, win)
    dialog.show_people_of(RECIPIENT)  # asked for on step 1 ...
    switch_step(dialog, 3)  # ... and the step changed before the answer came
    wait_idle(qtbot, win)
    ids = listed_ids(dialog)
    assert dialog.preview.step == 3 and len(ids) == len(set(ids)) == min(100, dialog.funnel.values[RECIPIENT])
    wait_idle(qtbot, win)
    dialog.close()


def test_a_smart_list_without_anyone_says_so(demo_window, qtbot) -> None:
    win = demo_window
    win.open_campaign("Spring promo")
    win.context.controller.add_filter(PersonFieldFilter(field="country", operator="is", values=["ZZ"]))  # all: nobody
    dialog = win.engine.preview(1)
    wait_idle(qtbot, win)
    assert dialog.preview.smart_list == 0
    assert dialog.people_hint.isVisibleTo(dialog) and "Nobody is in the smart list" in dialog.people_hint.text()
    dialog.close()


def test_one_person_is_said_so_and_the_people_list_shows_whole_names(demo_window, qtbot, qapp) -> None:
    install_translators(qapp, "en")  # as the app starts: English with its plural forms
    win = demo_window
    win.open_campaign("Spring promo")
    dialog = win.engine.preview(1)
    wait_idle(qtbot, win)
    one = next(k for k, v in dialog.preview.excluded.items() if v == 1)
    dialog.show_people_of(one)
    wait_idle(qtbot, win)
    assert dialog.people_title.text() == f"{reason_label(one)} — 1 person"
    dialog.show_people_of(RECIPIENT)
    wait_idle(qtbot, win)
    QApplication.processEvents()
    table, header = dialog.people, dialog.people.horizontalHeader()
    widest = max(table.fontMetrics().horizontalAdvance(table.item(r, 0).text()) for r in range(table.rowCount()))
    assert header.sectionSize(0) >= widest  # the rule column beside it is what gets cut, said whole in its tooltip
    assert header.sectionSize(3) >= header.minimumSectionSize()
    dialog.close()
