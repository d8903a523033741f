"""The People page (search by name, e-mail or number; flags; a person's lists and history)
and the People CSV import wizard (column mapping, progress, report of bad lines, cancel)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from smsflow_desktop.ui.people import people_import
from smsflow_desktop.ui.people.people_model import PAGE
from smsflow_desktop.ui.workers import CancelFlag, Cancelled

from .engine_fixtures import close_window, demo_workspace, open_window


@pytest.fixture
def demo_window(qtbot, tmp_path, tmp_path_factory):
    win = open_window(qtbot, demo_workspace(tmp_path, tmp_path_factory))
    yield win
    close_window(win)


def shown_names(view) -> list[str]:
    model = view.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_people_page_pages_lazily_and_searches(demo_window, qtbot) -> None:
    win = demo_window
    win.navigator.tree.itemActivated.emit(win.navigator.items[("people", "")], 0)
    view = win.workspace_actions.people_view
    assert win.pages.currentWidget() is view
    assert view.model.rowCount() == PAGE and view.model.canFetchMore()
    assert view.counts.text().startswith("400 people")
    view.model.fetchMore()
    assert view.model.rowCount() == 400 and not view.model.canFetchMore()
    with win.context.workspace.session() as conn:
        first, last, email, phone = conn.execute(
            "SELECT first_name, last_name, email, phone_e164 FROM people WHERE phone_valid = 1 AND email != '' "
            "AND length(first_name) >= 4 ORDER BY id LIMIT 1"
        ).fetchone()
        part = first[1:4].lower()  # any part of a name, e-mail or number finds its people
        matching = sum(
            any(part in str(text or "").lower() for text in row)
            for row in conn.execute(
                "SELECT first_name || ' ' || last_name, email, coalesce(phone_e164, phone_raw) FROM people"
            )
        )
    view.search.setText(part.upper())
    view.apply_search()
    while view.model.canFetchMore():
        view.model.fetchMore()
    assert view.model.rowCount() == matching > 0
    view.search.setText(phone[:-2])  # the start of a number finds it
    view.apply_search()
    assert f"{first} {last}".strip() in shown_names(view)
    view.search.setText(email.upper())
    view.apply_search()
    assert shown_names(view) == [f"{first} {last}".strip()]
    view.search.setText("zzzz-nobody")
    view.apply_search()
    assert view.model.rowCount() == 0 and "zzzz-nobody" in view.found.text()


def test_flags_and_the_person_pane(demo_window, qtbot) -> None:
    win = demo_window
    view = win.workspace_actions.show_people()
    with win.context.workspace.session() as conn:
        pid, first = conn.execute(
            "SELECT id, first_name FROM people WHERE unsubscribed = 1 ORDER BY id LIMIT 1"
        ).fetchone()
        member = conn.execute(
            "SELECT p.id FROM people p JOIN vibes_memberships m ON m.mdn = p.phone_e164 "
            "WHERE m.active = 1 ORDER BY p.id LIMIT 1"
        ).fetchone()[0]
    while view.model.canFetchMore():
        view.model.fetchMore()
    row = list(view.model.ids).index(pid)
    assert "Unsubscribed" in view.model.data(view.model.index(row, 5))
    view.table.selectRow(row)
    assert view.pane.name.text().startswith(first) and "Unsubscribed" in view.pane.flags.text()
    view.table.selectRow(list(view.model.ids).index(member))
    assert view.pane.vibes.rowCount() >= 1
    assert view.pane.vibes.item(0, 1).text().startswith("Subscribed since")


def write_csv(path: Path, rows: int, bad_every: int = 10) -> Path:
    lines = ["External ID;First Name;Last Name;Mobile Phone;Country;Tier"]
    for i in range(rows):
        phone = "12345" if i % bad_every == 3 else f"(206) 555-{i % 10000:04d}"
        lines.append(f"new-{i};Kim;Lee{i};{phone};US;Gold")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_wizard_maps_columns_imports_and_reports_bad_numbers(demo_window, qtbot, tmp_path) -> None:
    win = demo_window
    view = win.workspace_actions.show_people()
    wizard = win.workspace_actions.import_people()
    source = write_csv(tmp_path / "new.csv", 50)
    wizard.file_page.path_edit.setText(str(tmp_path / "missing.csv"))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page and "no such file" in wizard.file_page.error.text()
    wizard.file_page.path_edit.setText(str(source))
    wizard.next()
    table = wizard.mapping_page.table
    mapping = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert mapping["Mobile Phone"] == "Mobile phone number (the texting number)"
    assert mapping["Tier"] == "Custom field “Tier”" and mapping["First Name"] == "First Name"
    assert table.item(1, 2).text() == "Kim, Kim, Kim"
    wizard.next()
    qtbot.waitUntil(lambda: wizard.import_page.finished_import, timeout=20000)
    page = wizard.import_page
    assert "50 new people" in page.report.text() and "5 numbers are not valid" in page.report.text()
    lines = [page.errors.item(r, 0).text() for r in range(page.errors.rowCount())]
    assert lines == ["5", "15", "25", "35", "45"]  # file lines: the header is line 1
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert view.counts.text().startswith("450 people")  # the page refreshed
    assert win.navigator.items[("people", "")].text(0) == "People: 450"
    wizard.accept()


def test_cancelled_import_writes_nothing(demo_window, qtbot, tmp_path, monkeypatch) -> None:
    win = demo_window
    wizard = win.workspace_actions.import_people()
    wizard.file_page.path_edit.setText(str(write_csv(tmp_path / "big.csv", 12000)))
    wizard.next()
    wizard.cancel_flag = None

    class CancelledAtOnce(CancelFlag):  # the user pressed Cancel before the first batch was written
        def __call__(self) -> bool:
            return True

    monkeypatch.setattr(people_import, "CancelFlag", CancelledAtOnce)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.import_page.finished_import, timeout=20000)
    assert isinstance(wizard.import_result, Cancelled)
    assert wizard.import_page.title() == "Import cancelled"
    with win.context.workspace.session() as conn:
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 400
    wizard.accept()


def test_a_running_import_is_cancelled_by_the_wizards_cancel(demo_window, qtbot, tmp_path) -> None:
    win = demo_window
    wizard = win.workspace_actions.import_people()
    wizard.file_page.path_edit.setText(str(write_csv(tmp_path / "big.csv", 30000)))
    wizard.next()
    wizard.next()
    wizard.reject()  # Cancel while it runs: stops it and waits for the thread
    assert wizard.runner.qthread.isFinished()
    qtbot.waitUntil(lambda: wizard.import_page.finished_import, timeout=20000)
    with win.context.workspace.session() as conn:
        count = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    assert count in (400, 30400)  # all or nothing
    if count == 400:
        assert wizard.import_page.title() == "Import cancelled"
    wizard.accept()
