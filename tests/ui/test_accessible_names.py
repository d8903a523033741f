"""What a screen reader meets: every visible drop-down of the flow editor, the smart list and
the schedule is named by a label (on Linux Qt names a drop-down by its current text and drops
the accessible name set on it, so the label that has it as its buddy is what gets said); the
Preview's funnel rows are buttons in the Tab order that Enter and Space press, named with their
figure; the audience count, the message editor's counter and its phone bubble say their value."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from smsflow_desktop.model.campaign import Campaign, SmsMessage
from smsflow_desktop.services.campaigns import save_campaign
from smsflow_desktop.services.engine.funnel import RECIPIENT
from smsflow_desktop.ui.editor.message_editor import MessageEditor
from smsflow_desktop.ui.run.funnel_view import FunnelRowButton

from .accessibility import labels_of, spoken_name, unnamed_drop_downs
from .conftest import sample_campaign
from .engine_fixtures import close_window, demo_workspace, open_window, wait_idle


def test_every_drop_down_of_the_editor_is_named_by_a_label(window, workspace, qtbot) -> None:
    data = sample_campaign("Labelled").model_dump(mode="json")
    data["smart_list"]["filters"] = [
        {"type": "person_field", "field": "country", "operator": "is", "values": ["SE"]},
        {"type": "member_of_vibes_list", "vibes_list_id": "101"},
    ]
    data["smart_list"]["triggers"] = [{"type": "subscribes_to_vibes_list", "vibes_list_id": "101"}]
    with workspace.session() as conn:
        save_campaign(conn, Campaign.model_validate(data))
    assert window.open_campaign("Labelled")
    seen = 0
    for tab in ("flow", "smart-list", "schedule"):
        window.editor.set_tab(tab)
        window.editor.flow_tab.flow_view.ensure_built()
        QApplication.processEvents()
        combos = [c for c in window.editor.findChildren(QComboBox) if c.isVisible()]
        seen += len(combos)
        assert unnamed_drop_downs(window.editor) == [], tab
    assert seen >= 12
    window.editor.set_tab("flow")
    QApplication.processEvents()
    condition = next(c for c in window.editor.findChildren(QComboBox) if c.isVisible() and c.currentText() == "Country")
    assert labels_of(condition) == ["Step 1, choice 1: person field"]


def test_a_moved_choice_row_is_named_by_its_new_number(window, qtbot) -> None:
    window.open_campaign("Spring promo")
    window.editor.set_tab("flow")
    view = window.editor.flow_tab.flow_view
    view.ensure_built()
    window.context.controller.add_choice(0)
    QApplication.processEvents()
    card = view.cards[0]
    second = card.choice_rows[1]
    assert labels_of(second.condition.operator_combo) == ["Step 1, choice 2: operator"]
    second.up_button.click()
    QApplication.processEvents()
    card = view.cards[0]
    names = [labels_of(row.condition.field_combo) for row in card.choice_rows]
    assert names == [["Step 1, choice 1: person field"], ["Step 1, choice 2: person field"]]


@pytest.fixture
def demo_window(qtbot, tmp_path, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("SMSFLOW_NOW", "2026-04-01T05:30:00Z")
    win = open_window(qtbot, demo_workspace(tmp_path, tmp_path_factory))
    yield win
    close_window(win)


def test_funnel_rows_are_buttons_that_enter_and_space_press(demo_window, qtbot) -> None:
    win = demo_window
    win.open_campaign("Spring promo")
    dialog = win.engine.preview(1)
    wait_idle(qtbot, win)
    qtbot.waitUntil(lambda: bool(dialog.funnel.rows))
    rows = {row.key: row for row in dialog.funnel.findChildren(FunnelRowButton)}
    reason = next(k for k, v in dialog.preview.excluded.items() if v > 0)
    assert reason in rows and RECIPIENT in rows
    row = rows[reason]
    assert row.focusPolicy() & Qt.FocusPolicy.TabFocus
    count = f"{dialog.funnel.values[reason]:,}"
    assert spoken_name(row).endswith(f": {count}") and count in spoken_name(row)
    assert QAccessible.queryAccessibleInterface(row).role() == QAccessible.Role.Button
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    row.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(row.hasFocus)
    qtbot.keyClick(row, Qt.Key.Key_Return)
    assert dialog.people_reason == reason and dialog.funnel.selected == reason
    wait_idle(qtbot, win)
    assert dialog.people.rowCount() == min(100, dialog.preview.excluded[reason])
    recipients = rows[RECIPIENT]
    recipients.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(recipients.hasFocus)
    qtbot.keyClick(recipients, Qt.Key.Key_Space)
    assert dialog.people_reason == RECIPIENT
    wait_idle(qtbot, win)
    # Tab goes from the Step drop-down through the rows, then on; the people table is no trap
    dialog.step_combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(dialog.step_combo.hasFocus)
    order = []
    for _ in range(len(rows) + 8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert [w.key for w in order[: len(rows)]] == [r.key for r in dialog.funnel.buttons()]
    assert dialog.people in order and dialog.export_button in order
    stops = [w for w in dialog.findChildren(QWidget) if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert [type(w).__name__ for w in stops if not spoken_name(w).strip()] == []
    dialog.close()


def test_the_audience_count_says_its_figure(window, qtbot) -> None:
    window.open_campaign("Spring promo")
    window.editor.set_tab("smart-list")
    tab = window.editor.smart_list_tab
    tab.request_count()
    qtbot.waitUntil(lambda: tab.count_label.text() not in ("", "—"), timeout=5000)
    figure = tab.count_label.text()
    assert spoken_name(tab.count_label) == f"Audience: {figure} people" or spoken_name(tab.count_label) == (
        f"Audience: {figure} person"
    )
    tab._show_count(2452)
    assert spoken_name(tab.count_label) == f"Audience: {QLocale().toString(2452)} people"
    tab._show_count_failed("the database is locked")
    assert spoken_name(tab.count_label) == "Audience: not counted"
    assert "the database is locked" in QAccessible.queryAccessibleInterface(tab.count_label).text(
        QAccessible.Text.Description
    )


def test_the_message_editor_says_its_counter_and_bubble(qtbot, workspace) -> None:
    conn = workspace.connect()
    try:
        dialog = MessageEditor(conn, SmsMessage(name="A", body="Hi {{lead.First Name|there}}! Reply STOP"))
        qtbot.addWidget(dialog)
        dialog.show()
        counter = spoken_name(dialog.counter)
        assert dialog.counter.text() in counter and "GSM-7" in counter
        dialog.text.setPlainText("x" * 161)
        assert "161 characters · 2 segments" in spoken_name(dialog.counter)
        bubble = dialog.findChild(QWidget, "Bubble")
        assert bubble.isVisible()
        assert spoken_name(bubble) == "Message as the recipient sees it: " + "x" * 161
        dialog.reject()
    finally:
        conn.close()


def test_the_drop_downs_of_results_settings_and_people_import_are_named_by_a_label(
    window, workspace, qtbot, tmp_path
) -> None:
    from smsflow_desktop.cli import main as smsflow
    from smsflow_desktop.ui.people.people_import import PeopleImportWizard
    from smsflow_desktop.ui.workspace_settings import WorkspaceSettingsDialog

    assert smsflow(["run", "Spring promo", "--workspace", str(workspace.root), "--dry-run"]) == 0
    window.open_campaign("Spring promo")
    window.editor.set_tab("results")
    results = window.editor.results_tab
    results.refresh()
    QApplication.processEvents()
    assert results.type_filter.isVisible() and unnamed_drop_downs(results) == []
    assert labels_of(results.type_filter) == ["Show activity of type"]

    with workspace.session() as conn:
        settings = WorkspaceSettingsDialog(conn)
        qtbot.addWidget(settings)
        settings.show()
        assert unnamed_drop_downs(settings) == []
        assert labels_of(settings.region) == ["Default country"] and labels_of(settings.zone) == ["Default time zone"]
        settings.reject()

        source = tmp_path / "people.csv"
        source.write_text("External ID;First Name;Mobile Phone\nn-1;Kim;+12065550101\n", "utf-8")
        wizard = PeopleImportWizard(workspace.root, conn)
        qtbot.addWidget(wizard)
        wizard.show()
        assert unnamed_drop_downs(wizard) == []
        assert labels_of(wizard.file_page.region) == ["Country for numbers without a country code"]
        wizard.file_page.path_edit.setText(str(source))
        wizard.next()
        QApplication.processEvents()
        page = wizard.mapping_page
        assert len(page.combos) == 3 and unnamed_drop_downs(wizard) == []
        assert [labels_of(c) for c in page.combos] == [
            ["Column “External ID” goes to"],
            ["Column “First Name” goes to"],
            ["Column “Mobile Phone” goes to"],
        ]
        wizard.reject()
