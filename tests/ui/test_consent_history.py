"""The person pane's consent history: newest first, in words (Swedish too), with its source and
proof; an erased person shows as erased, with the history of their number kept. Erase person…
on the People page: asked first (Cancel the default), the erasure keeps the consent history and
the number's opt-out, a refusal is one line, and an erased person cannot be erased again."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from smsflow_desktop.services.engine.preview import preview_step
from smsflow_desktop.services.erasure import erase_person
from smsflow_desktop.services.importers import import_people_csv, import_vibes_extract
from smsflow_desktop.services.workspace import Workspace
from smsflow_desktop.ui.i18n import install_translators
from smsflow_desktop.ui.people import erasure
from smsflow_desktop.ui.people.people_view import PeopleView
from smsflow_desktop.ui.people.person_pane import PersonPane
from tests.services.engine.helpers import make_workspace, send_campaign

NUMBER = "+12125550101"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("SMSFLOW_NOW", "2026-01-15T09:00:00Z")  # the people import's time
    ws = Workspace.open(tmp_path / "ws", create=True)
    people = tmp_path / "crm.csv"
    people.write_text(f"external_id,first_name,phone,blocklisted\nA,Ann,{NUMBER},yes\n", encoding="utf-8")
    extract = tmp_path / "subscription_extract_20260301.txt"
    extract.write_text(
        "mdn\tsubscription_list_id\tsubscription_list_name\topt_in_date\topt_out_date\tsubscription_event\t"
        "opt_out_reason\n"
        f"{NUMBER}\t101\tOffers\t2026-02-01 10:00:00 +0000\t\tOPT_IN\t\n"
        f"{NUMBER}\t101\tOffers\t\t2026-03-01 10:00:00 +0000\tOPT_OUT\tuser_opt_out\n",
        encoding="utf-8",
    )
    with ws.session() as conn:
        import_people_csv(conn, people)
        import_vibes_extract(conn, extract)
    return ws


def rows(pane: PersonPane) -> list[list[str]]:
    table = pane.consent
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_the_pane_lists_consent_newest_first_with_source_and_proof(qtbot, ws: Workspace) -> None:
    conn = ws.connect()
    pane = PersonPane(conn)
    qtbot.addWidget(pane)
    pane.show_person(1)
    shown = rows(pane)
    assert [r[1] for r in shown] == ["Opted out of Offers (101) (STOP)", "Opted in to Offers (101)", "Blocklisted"]
    assert shown[0] == [
        "2026-03-01 10:00",
        "Opted out of Offers (101) (STOP)",
        "Vibes extract",
        "subscription_extract_20260301.txt line 3",
    ]
    assert shown[2][2:] == ["People import", "crm.csv line 2"]
    conn.close()


def test_swedish_and_an_erased_person(qtbot, qapp, ws: Workspace) -> None:
    conn = ws.connect()
    erase_person(conn, 1, now="2026-03-05T12:00:00Z")
    assert install_translators(qapp, "sv") == "sv"
    try:
        pane = PersonPane(conn)
        qtbot.addWidget(pane)
        pane.show_person(1)
        shown = rows(pane)
        assert pane.name.text() == "Raderad person" and "2026-03-05" in pane.flags.text()
        assert [r[1] for r in shown] == [
            "Raderad på begäran",
            "Avregistrerade sig från Offers (101) (STOP)",
            "Registrerade sig på Offers (101)",
            "Blockerad",
        ]
        assert [r[2] for r in shown][:2] == ["Begäran om radering", "Vibes-extrakt"]
        assert NUMBER not in " ".join(" ".join(r) for r in shown)
    finally:
        install_translators(qapp, "en")
        conn.close()


# -- Erase person… ---------------------------------------------------------------------------------------

T0 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
CRM = f"external_id,first_name,last_name,email,phone,Tier\nA,Ann,Lee,ann@x.com,{NUMBER},Gold\nB,Bo,Ek,bo@x.com,+12125550102,\n"


@pytest.fixture
def crm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Workspace, Path]:
    """Ann (1) and Bo (2), both on Vibes list 101 by an extract: each a recipient of Promo."""
    monkeypatch.setenv("SMSFLOW_NOW", "2026-01-15T09:00:00Z")
    ws = make_workspace(tmp_path / "ws")
    people = tmp_path / "crm.csv"
    people.write_text(CRM, encoding="utf-8")
    extract = tmp_path / "current_subscribers_20260301.txt"
    extract.write_text(f"mdn_e164_format\tsubscription_list_id\n{NUMBER}\t101\n+12125550102\t101\n", encoding="utf-8")
    with ws.session() as conn:
        import_people_csv(conn, people)
        import_vibes_extract(conn, extract)
        assert preview_step(conn, send_campaign(), now=T0).recipients == 2
    return ws, people


def answer(qtbot, choose: Callable[[QMessageBox], QAbstractButton | None], seen: list[QMessageBox]) -> None:
    """When the question comes up: remember it, then click ``choose``'s button (None: press Enter)."""

    def act() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box)
        button = choose(box)
        if button is None:
            qtbot.keyClick(box, Qt.Key.Key_Return)
        else:
            button.click()

    QTimer.singleShot(0, act)


def people_view(qtbot, conn: sqlite3.Connection, person_id: int) -> PeopleView:
    view = PeopleView(conn)
    qtbot.addWidget(view)
    view.table.selectRow(list(view.model.ids).index(person_id))
    assert view.pane.person_id == person_id and view.pane.erase_button.isEnabled()
    return view


def person(conn: sqlite3.Connection, person_id: int) -> tuple:
    return tuple(
        conn.execute(
            "SELECT first_name, last_name, email, phone_e164, external_id, custom_fields FROM people WHERE id = ?",
            (person_id,),
        ).fetchone()
    )


def test_erase_asks_first_and_enter_cancels(qtbot, crm) -> None:
    ws, _ = crm
    conn = ws.connect()
    try:
        view = people_view(qtbot, conn, 1)
        before = (person(conn, 1), rows(view.pane))
        seen: list[QMessageBox] = []
        answer(qtbot, lambda _box: None, seen)
        view.pane.erase_button.click()
        assert len(seen) == 1
        box = seen[0]
        assert box.text() == "Erase Ann Lee from the workspace?"
        said = box.informativeText()
        for words in ("name, e-mail address", "consent history", "opt-out are kept", "cannot be undone"):
            assert words in said
        assert box.defaultButton().text() == "Cancel" and box.escapeButton() is box.defaultButton()
        assert (person(conn, 1), rows(view.pane)) == before
        assert view.pane.name.text() == "Ann Lee" and view.pane.erase_button.isEnabled()
        assert conn.execute("SELECT count(*) FROM consent_log WHERE event = 'erased'").fetchone()[0] == 0
    finally:
        conn.close()


def test_erase_keeps_the_consent_history_and_the_numbers_opt_out(qtbot, crm, monkeypatch: pytest.MonkeyPatch) -> None:
    ws, people = crm
    monkeypatch.setenv("SMSFLOW_NOW", "2026-03-05T12:00:00Z")  # the erasure's time
    conn = ws.connect()
    try:
        view = people_view(qtbot, conn, 1)
        history = [r[1:] for r in rows(view.pane)]
        seen: list[QMessageBox] = []
        answer(qtbot, lambda box: next(b for b in box.buttons() if b.text() == "Erase"), seen)
        view.pane.erase_button.click()
        assert len(seen) == 1
        assert person(conn, 1) == ("", "", "", None, None, "{}")
        assert person(conn, 2)[:2] == ("Bo", "Ek")
        # the pane shows them erased, their consent history kept (the erasure newest), and no Erase any more
        pane = view.pane
        assert pane.person_id == 1 and pane.name.text() == "Erased person" and not pane.problem.isVisibleTo(pane)
        shown = rows(pane)
        assert shown[0][1:3] == ["Erased on request", "Erasure request"]
        assert [r[1:] for r in shown[1:]] == history
        assert not pane.erase_button.isEnabled() and pane.erase_button.toolTip() == "This person is already erased."
        assert "Ann" not in " ".join(str(view.model.data(view.model.index(r, 0))) for r in range(view.model.rowCount()))
        # Vibes still has her number in its next extract, and the CRM sends Ann again: it is never texted
        with ws.session() as other:
            extract = people.with_name("current_subscribers_20260301.txt")
            import_vibes_extract(other, extract.rename(extract.with_name("current_subscribers_20260306.txt")))
            import_people_csv(other, people)
            preview = preview_step(other, send_campaign(), now=T0)
        assert preview.recipients == 1 and preview.excluded["phone_suppressed"] == 1
    finally:
        conn.close()


def test_a_refused_erasure_is_one_line_and_changes_nothing(qtbot, crm, monkeypatch: pytest.MonkeyPatch) -> None:
    ws, _ = crm
    conn = ws.connect()

    def refuse(_conn: sqlite3.Connection, _person_id: int) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(erasure, "erase_person", refuse)
    try:
        view = people_view(qtbot, conn, 1)
        answer(qtbot, lambda box: next(b for b in box.buttons() if b.text() == "Erase"), [])
        view.pane.erase_button.click()
        problem = view.pane.problem
        assert problem.isVisibleTo(view.pane) and "\n" not in problem.text()
        assert problem.text().startswith("Nothing was erased") and "readonly" in problem.text()
        assert person(conn, 1)[:3] == ("Ann", "Lee", "ann@x.com") and view.pane.erase_button.isEnabled()
    finally:
        conn.close()


def test_an_erased_person_cannot_be_erased_again_and_it_is_said_in_swedish(qtbot, qapp, crm) -> None:
    ws, _ = crm
    conn = ws.connect()
    assert install_translators(qapp, "sv") == "sv"
    try:
        pane = PersonPane(conn)
        qtbot.addWidget(pane)
        pane.show_person(2)
        assert pane.erase_button.text() == "Radera person…" and pane.erase_button.isEnabled()
        box, erase = erasure.erasure_box(pane, "Bo Ek")
        assert box.text() == "Radera Bo Ek från arbetsytan?" and erase.text() == "Radera"
        assert box.defaultButton().text() == "Avbryt"
        erase_person(conn, 2)
        pane.show_person(2)
        assert pane.name.text() == "Raderad person" and not pane.erase_button.isEnabled()
        assert pane.erase_button.toolTip() == "Den här personen är redan raderad."
    finally:
        install_translators(qapp, "en")
        conn.close()
