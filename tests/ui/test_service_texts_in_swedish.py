"""What the services say is said in the app's language: the compliance rule behind each person
in the Preview's people list, a run's compliance skips and deferrals in the activity log (which
keeps the English it was written in), and why a test send cannot go or what became of a number."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from smsflow_desktop.services.campaigns import load_campaign
from smsflow_desktop.services.engine.activity_query import ActivityFilter
from smsflow_desktop.services.engine.funnel import RECIPIENT, people_under
from smsflow_desktop.services.engine.runner import start_run
from smsflow_desktop.services.engine.steps import plan_step
from smsflow_desktop.services.engine.test_send import NumberResult, SendTestError, prepare_test, render_step
from smsflow_desktop.services.settings import set_setting
from smsflow_desktop.services.workspace import Workspace, transaction
from smsflow_desktop.ui.i18n import install_translators
from smsflow_desktop.ui.run.activity_model import ActivityModel
from smsflow_desktop.ui.run.funnel_dialog import PreviewDialog
from smsflow_desktop.ui.run.test_send_dialog import TestSendDialog
from tests.services.engine.helpers import add_member, add_person, make_workspace, send_campaign, store
from tests.services.engine.test_compliance import EVENING_AT, FL, NOON_AT, NY, QUIET, clock, fake

from .conftest import sample_campaign


@pytest.fixture
def swedish(qapp) -> Iterator[None]:
    assert install_translators(qapp, "sv") == "sv"
    yield
    install_translators(qapp, "en")


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """A Miami number (Florida's window) and a Manhattan one, both on the Vibes list."""
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, FL)
        add_person(conn, 2, NY)
        for number in (FL, NY):
            add_member(conn, number)
    return ws


def people_list(qtbot, ws: Workspace, reason: str, now) -> PreviewDialog:
    """The Preview's people pane listing ``reason``'s people, as the service gives them."""
    with ws.session() as conn:
        campaign = load_campaign(conn, "Promo")
        rows = people_under(conn, campaign, plan_step(campaign, 1), now, reason)
    dialog = PreviewDialog([(1, "Send SMS")], lambda _n: None, request_people=lambda *_a: None)
    qtbot.addWidget(dialog)
    dialog.preview = SimpleNamespace(step=1)
    dialog.people_reason = reason
    dialog.add_people(reason, rows)
    return dialog


def rules_shown(dialog: PreviewDialog) -> dict[str, str]:
    table = dialog.people
    return {table.item(r, 1).text(): table.item(r, 3).text() for r in range(table.rowCount())}


def test_the_preview_says_a_states_window_in_swedish(swedish, qtbot, ws) -> None:
    store(ws, send_campaign(quiet=QUIET))
    dialog = people_list(qtbot, ws, RECIPIENT, EVENING_AT)
    assert rules_shown(dialog) == {FL: "Florida (US-FL): Varje dag 08:00–20:00", NY: ""}
    assert dialog.people.item(0, 3).toolTip() == "Florida (US-FL): Varje dag 08:00–20:00"


def test_the_preview_says_the_limit_a_number_reached_in_swedish_and_english(qapp, swedish, qtbot, ws) -> None:
    with ws.session() as conn:
        set_setting(conn, "frequency_cap.max_per_24h", "1")
    store(ws, send_campaign())
    assert start_run(ws, "Promo", fake(FL, NY), clock=clock(NOON_AT)).counts["sent"] == 2
    later = NOON_AT + timedelta(hours=1)
    dialog = people_list(qtbot, ws, "frequency_limit", later)
    assert set(rules_shown(dialog).values()) == {"1 sms de senaste 24 timmarna (arbetsytans gräns)"}
    install_translators(qapp, "en")
    dialog = people_list(qtbot, ws, "frequency_limit", later)
    assert set(rules_shown(dialog).values()) == {"1 text in the last 24 hours (workspace limit)"}


def test_the_activity_log_says_compliance_details_in_swedish_and_keeps_the_english(swedish, ws) -> None:
    with ws.session() as conn:
        set_setting(conn, "frequency_cap.max_per_24h", "1")
    store(ws, send_campaign(quiet=QUIET))
    client = fake(FL, NY)
    assert start_run(ws, "Promo", client, clock=clock(NOON_AT)).counts["sent"] == 2
    store(ws, send_campaign("Evening", quiet=QUIET))
    with ws.session() as conn, transaction(conn):
        add_person(conn, 3, "+13055550177")  # Miami too, not texted yet: Florida's window holds it back
        add_member(conn, "+13055550177")
    run = start_run(ws, "Evening", fake(FL, NY, "+13055550177"), clock=clock(EVENING_AT))
    conn = ws.connect()
    try:
        model = ActivityModel(conn)
        model.set_filter(ActivityFilter(run.run_id))
        model.fetch_all_for_tests()
        shown = {model.index(r, 5).data() for r in range(model.rowCount())}
        logged = {r[0] for r in conn.execute("SELECT detail FROM activity WHERE run_id = ?", (run.run_id,))}
    finally:
        conn.close()
    assert "Nådde en frekvensgräns: 1 sms de senaste 24 timmarna (arbetsytans gräns)" in shown
    assert (
        "Utanför tillåten sändningstid (Florida (US-FL): Varje dag 08:00–20:00): väntar till 2026-04-07 12:00:00"
        in shown
    )
    assert "quiet hours (Florida (US-FL): all 08:00-20:00): until 2026-04-07T12:00:00Z" in logged  # the record


def test_a_skip_at_send_time_says_its_reason_and_limit_in_swedish(swedish) -> None:
    from smsflow_desktop.ui.run.activity_model import detail_text

    logged = "frequency_limit: 1 text from this campaign in the last 24 hours (New York: at most 1 text per 24 hours from one campaign)"
    assert detail_text("Skipped", logged) == (
        "Nådde en frekvensgräns: 1 sms från den här kampanjen de senaste 24 timmarna "
        "(New York: 1 sms per 24 timmar, varje kampanj för sig)"
    )
    assert detail_text("Skipped", "unsubscribed") == "Avregistrerad"
    assert detail_text("Skipped", "unsubscribed: changed during the run") == "Avregistrerad: changed during the run"
    assert detail_text("Deferred", "quiet hours: until 2026-04-07T12:00:00Z") == (
        "Utanför tillåten sändningstid: väntar till 2026-04-07 12:00:00"
    )
    assert detail_text("SMS Sent", "smsflow-1-1-x") == "smsflow-1-1-x"


@pytest.fixture
def test_dialog(qtbot, workspace) -> Iterator[TestSendDialog]:
    conn = workspace.connect()
    dialog = TestSendDialog(conn, workspace.root, sample_campaign(), 1)
    qtbot.addWidget(dialog)
    yield dialog
    conn.close()


def refusal(call) -> SendTestError:
    with pytest.raises(SendTestError) as caught:
        call()
    return caught.value


def test_why_a_test_cannot_go_is_said_in_swedish(swedish, test_dialog, workspace) -> None:
    dialog = test_dialog
    dialog.numbers_edit.setText("2135550101")
    assert dialog.problem.text() == "2135550101 är inte ett nummer med + och landsnummer, som +12135550100."
    dialog.numbers_edit.setText("+1 555")
    assert dialog.problem.text() == "+1 555 är inte ett giltigt telefonnummer."
    with workspace.session() as conn:
        campaign = sample_campaign()
        said = {
            "not_send_sms": refusal(lambda: render_step(conn, campaign, 2, 1)),
            "person_unknown": refusal(lambda: render_step(conn, campaign, 1, 99)),
            "text_too_long": refusal(lambda: render_step(conn, campaign, 1, 1, messages={"Vårerbjudande": "x" * 950})),
        }
        set_setting(conn, "vibes.mode", "remote")
        said["missing_short_code"] = refusal(lambda: prepare_test(conn, campaign, 1, 1, ["+12135550101"]))
    texts = {code: dialog.problem_text(exc) for code, exc in said.items()}
    assert texts == {
        "not_send_sms": "Steg 2 är ett steg av typen Vänta, som inte skickar något sms: "
        "välj ett steg av typen Skicka SMS-meddelande.",
        "person_unknown": "Den personen finns inte längre i arbetsytan: välj en annan.",
        "text_too_long": "För den här personen har sms:et 950 tecken; högst 900 kan skickas.",
        "missing_short_code": "Sms skickas från företagets kortnummer, som inte är angivet: "
        "ange det i Vibes-inställningarna.",
    }


def test_what_became_of_each_number_is_said_in_swedish(swedish, test_dialog) -> None:
    stop = NumberResult(
        "+12135550101", "refused", "+12135550101 said STOP (…)", code="said_stop", params={"at": "2026-03-01"}
    )
    blocked = NumberResult("+12135550102", "refused", "…", code="owner_opted_out", params={"flag": "blocklisted"})
    noted = NumberResult("+12135550103", "sent", note="…", note_code="not_on_list", params={"list": "101"})
    assert test_dialog.result_line(stop) == (
        "✗ +12135550101: inte skickat: det svarade STOP (2026-03-01); STOP betyder stopp, så det får inget test heller"
    )
    assert "det tillhör någon som är blockerad här" in test_dialog.result_line(blocked)
    assert test_dialog.result_line(noted).endswith(
        "+12135550103 är inte med i Vibes-listan Offers (101) såvitt arbetsytan vet; Vibes skickar bara till "
        "listans medlemmar, så testet kanske inte kommer fram."
    )
