"""The person pane's consent history: newest first, in words (Swedish too), with its source and
proof; an erased person shows as erased, with the history of their number kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from smsflow_desktop.services.erasure import erase_person
from smsflow_desktop.services.importers import import_people_csv, import_vibes_extract
from smsflow_desktop.services.workspace import Workspace
from smsflow_desktop.ui.i18n import install_translators
from smsflow_desktop.ui.people.person_pane import PersonPane

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
