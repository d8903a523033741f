"""The People import wizard and the People page as a marketer reads them: a column mapping
that can be changed, counts that agree with their nouns ("1 new person"), the workspace's
country for numbers without a country code, headings shown whole, and a number shown once
as texted and once as entered, without doubled brackets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QWizard

from smsflow_desktop.services.settings import set_setting
from smsflow_desktop.services.workspace import transaction
from smsflow_desktop.ui.i18n import install_translators
from smsflow_desktop.ui.people.people_import import PeopleImportWizard
from smsflow_desktop.ui.people.people_view import PeopleView
from smsflow_desktop.ui.people.person_pane import PersonPane


@pytest.fixture
def english(qapp):
    install_translators(qapp, "en")
    yield
    install_translators(qapp, "en")


@pytest.fixture
def swedish(qapp):
    assert install_translators(qapp, "sv") == "sv"
    yield
    install_translators(qapp, "en")


def people_csv(path: Path, rows: list[str]) -> Path:
    path.write_text("External ID;First Name;Mobile Phone;Region;Tier;Opted Out\n" + "\n".join(rows) + "\n", "utf-8")
    return path


def open_wizard(qtbot, workspace, conn) -> PeopleImportWizard:
    wizard = PeopleImportWizard(workspace.root, conn)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def import_and_wait(qtbot, wizard: PeopleImportWizard) -> None:
    wizard.next()
    qtbot.waitUntil(lambda: wizard.import_page.finished_import, timeout=20000)


def test_the_column_mapping_can_be_changed_and_is_what_gets_imported(english, qtbot, workspace, tmp_path) -> None:
    source = people_csv(tmp_path / "new.csv", ["n-1;Kim;(206) 555-0101;WA;Gold;no", "n-2;Bo;(206) 555-0102;OR;Silver;"])
    with workspace.session() as conn:
        wizard = open_wizard(qtbot, workspace, conn)
        wizard.file_page.path_edit.setText(str(source))
        wizard.next()
        page = wizard.mapping_page
        assert [page.table.item(r, 0).text() for r in range(page.table.rowCount())] == [
            "External ID",
            "First Name",
            "Mobile Phone",
            "Region",
            "Tier",
            "Opted Out",
        ]
        region, tier, opted_out = page.combos[3], page.combos[4], page.combos[5]
        assert region.currentText() == "Custom field “Region”" and opted_out.currentText() == "Unsubscribed"
        commit = wizard.button(QWizard.WizardButton.CommitButton)
        # a mapping that would drop opt-outs is refused, saying why, and Import stays off
        opted_out.setCurrentIndex(opted_out.findData("ignore"))
        assert not commit.isEnabled()
        assert page.problem.isVisibleTo(page)
        assert page.problem.text() == (
            "“Opted Out” holds opt-outs (Unsubscribed): import it as an opt-out flag, or people who opted out "
            "could be texted."
        )
        opted_out.setCurrentIndex(opted_out.findData("unsubscribed"))
        region.setCurrentIndex(region.findData("state"))
        tier.setCurrentIndex(tier.findData("ignore"))
        assert commit.isEnabled() and not page.problem.isVisibleTo(page)
        assert page.table.item(4, 1).text() == "Do not import"  # what a screen reader reads in the cell
        import_and_wait(qtbot, wizard)
        rows = conn.execute("SELECT state, custom_fields FROM people WHERE external_id IN ('n-1', 'n-2')").fetchall()
    assert [r[0] for r in rows] == ["WA", "OR"]
    assert all("Tier" not in json.loads(r[1] or "{}") and "Region" not in json.loads(r[1] or "{}") for r in rows)


def test_two_columns_for_one_field_are_refused_by_name(english, qtbot, workspace, tmp_path) -> None:
    source = people_csv(tmp_path / "new.csv", ["n-1;Kim;(206) 555-0101;WA;Gold;no"])
    with workspace.session() as conn:
        wizard = open_wizard(qtbot, workspace, conn)
        wizard.file_page.path_edit.setText(str(source))
        wizard.next()
        page = wizard.mapping_page
        page.combos[3].setCurrentIndex(page.combos[3].findData("first_name"))
        assert page.problem.text() == (
            "“First Name” and “Region” both go to First Name: choose another field for one of them, or Do not import."
        )
        page.combos[2].setCurrentIndex(page.combos[2].findData("ignore"))
        page.combos[3].setCurrentIndex(page.combos[3].findData("state"))
        assert page.problem.text() == "No column is the mobile number: choose the column people are texted at."
        assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "1 new person, 0 updated. 1 number is not valid: that person is kept but not texted."),
        ("sv", "1 ny person, 0 uppdaterade. 1 nummer är ogiltigt: den personen sparas men får inga sms."),
    ],
)
def test_one_person_is_a_person(qapp, qtbot, workspace, tmp_path, language: str, expected: str) -> None:
    install_translators(qapp, language)
    try:
        source = people_csv(tmp_path / "one.csv", ["n-1;Kim;12345;WA;Gold;no"])
        with workspace.session() as conn:
            set_setting(conn, "default_region", "US")
            wizard = open_wizard(qtbot, workspace, conn)
            wizard.file_page.path_edit.setText(str(source))
            wizard.next()
            import_and_wait(qtbot, wizard)
        assert wizard.import_page.report.text() == expected
    finally:
        install_translators(qapp, "en")


def test_counts_over_one_keep_the_plural(english, qtbot, workspace, tmp_path) -> None:
    rows = [f"n-{i};Kim;(206) 555-01{i:02d};WA;Gold;no" for i in range(12)] + ["n-90;Bo;;WA;;", "n-91;Cy;;WA;;"]
    source = people_csv(tmp_path / "more.csv", rows)
    with workspace.session() as conn:
        wizard = open_wizard(qtbot, workspace, conn)
        wizard.file_page.path_edit.setText(str(source))
        wizard.next()
        import_and_wait(qtbot, wizard)
    assert wizard.import_page.report.text() == "14 new people, 0 updated. 2 people have no number."


def test_the_country_for_numbers_without_a_code_is_the_workspaces(qapp, qtbot, workspace) -> None:
    with workspace.session() as conn:
        install_translators(qapp, "en")
        assert open_wizard(qtbot, workspace, conn).file_page.region.currentData() == QLocale().name()[-2:]
        install_translators(qapp, "sv")  # a workspace that never chose: the country of the app's language
        try:
            assert open_wizard(qtbot, workspace, conn).file_page.region.currentData() == "SE"
            set_setting(conn, "default_region", "GB")  # the workspace's own choice wins
            wizard = open_wizard(qtbot, workspace, conn)
            assert wizard.file_page.region.currentData() == "GB" and wizard.region == "GB"
        finally:
            install_translators(qapp, "en")
        set_setting(conn, "default_region", "SE")
        assert open_wizard(qtbot, workspace, conn).file_page.region.currentData() == "SE"


@pytest.mark.parametrize("language", ["en", "sv"])
def test_people_table_headings_are_shown_whole(qapp, qtbot, workspace, language: str) -> None:
    install_translators(qapp, language)
    font = qapp.font()
    bigger = qapp.font()
    bigger.setPointSizeF(font.pointSizeF() * 1.4)  # a desktop with larger text
    qapp.setFont(bigger)
    try:
        with workspace.session() as conn:
            view = PeopleView(conn)
            qtbot.addWidget(view)
            view.resize(1000, 600)
            view.show()
            header = view.table.horizontalHeader()
            for c in range(view.model.columnCount()):
                title = view.model.headerData(c, Qt.Orientation.Horizontal)
                assert header.sectionSize(c) >= header.fontMetrics().horizontalAdvance(title) + 12, title
    finally:
        qapp.setFont(font)
        install_translators(qapp, "en")


def test_a_number_shows_as_texted_and_as_entered_without_doubled_brackets(english, qtbot, workspace) -> None:
    with workspace.session() as conn:
        with transaction(conn):
            conn.execute(
                "UPDATE people SET phone_raw = '(206) 574-9548', phone_e164 = '+12065749548', phone_valid = 1 "
                "WHERE id = 3"
            )
        pane = PersonPane(conn)
        qtbot.addWidget(pane)
        pane.show_person(3)
        shown = [
            pane.details.itemAtPosition(r, 1).widget().text()
            for r in range(pane.details.rowCount())
            if pane.details.itemAtPosition(r, 1) is not None
        ]
    phone = next(t for t in shown if "+12065749548" in t)
    assert phone == "+12065749548 · as entered: (206) 574-9548"
    assert "((" not in phone and "))" not in phone


def test_the_english_plural_catalogue_ships_compiled(tmp_path) -> None:
    import shutil
    import subprocess
    from importlib import resources

    folder = resources.files("smsflow_desktop.resources") / "translations"
    lrelease = shutil.which("pyside6-lrelease") or str(Path(__file__).parents[2] / ".venv/bin/pyside6-lrelease")
    if not Path(lrelease).exists():
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "en.qm"
    subprocess.run([lrelease, "-silent", str(folder / "smsflow_en.ts"), "-qm", str(out)], check=True)
    assert out.read_bytes() == (folder / "smsflow_en.qm").read_bytes(), "run pyside6-lrelease on smsflow_en.ts"
