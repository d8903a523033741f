"""Send test… on a Send SMS step: the dialog renders the person's text, takes the test numbers,
sends off the GUI thread and shows each number's result; opt-out warnings on the cards."""

from __future__ import annotations

import json

import pytest

from smsflow_desktop.model.campaign import Campaign, SendSmsStep, SmsMessage, WaitStep
from smsflow_desktop.services.campaigns import save_message
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.workspace import transaction
from tests.services.engine.helpers import FakeVibes

SEED = "+12065550199"


@pytest.fixture
def fake_vibes(monkeypatch) -> FakeVibes:
    """The workspace's Vibes, as the test-send job connects to it, is a recording fake."""
    from smsflow_desktop.services.vibes import connect

    fake = FakeVibes()
    monkeypatch.setattr(connect, "open_client_for_workspace", lambda ws, conn: (fake, lambda: None))
    return fake


def open_dialog(window, qtbot, index: int = 0):
    window.open_campaign("Spring promo")
    card = window.editor.flow_tab.flow_view.card(index)
    assert card.test_button.isVisibleTo(card)
    card.test_button.click()
    dialog = window.test_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    return dialog


def test_only_steps_that_send_a_text_offer_a_test(window) -> None:
    window.open_campaign("Spring promo")
    view = window.editor.flow_tab.flow_view
    assert [view.card(i).test_button.isVisibleTo(view.card(i)) for i in range(3)] == [True, False, False]


def test_the_dialog_renders_the_chosen_persons_branch(window, qtbot) -> None:
    dialog = open_dialog(window, qtbot)
    assert dialog.windowTitle() == "Send a test of step 1"
    assert dialog.choose_person(1)  # Anna, SE: the Swedish choice
    assert dialog.text_label.text() == "Hej Anna! Svara STOP"
    assert "Choice 1" in dialog.branch_label.text() and "Offers (101)" in dialog.branch_label.text()
    assert dialog.choose_person(3)  # Cy, US: the Default
    assert dialog.text_label.text() == "Hi Cy! Reply STOP to opt out"
    assert dialog.choose_person(None)
    assert dialog.text_label.text() == "Hi there! Reply STOP to opt out"
    dialog.person_search.setText("Bo")
    dialog._load_people()
    assert dialog.person_combo.count() == 2 and dialog.person_combo.itemText(1).startswith("Bo Test")


def test_without_test_numbers_send_is_disabled_and_says_why(window, qtbot) -> None:
    dialog = open_dialog(window, qtbot)
    assert dialog.numbers_edit.text() == ""
    assert not dialog.send_button.isEnabled()
    assert "at least one test number" in dialog.problem.text()
    dialog.numbers_edit.setText("+1 555")
    assert not dialog.send_button.isEnabled() and "not a valid phone number" in dialog.problem.text()
    dialog.numbers_edit.setText(SEED)
    assert dialog.send_button.isEnabled() and not dialog.problem.isVisibleTo(dialog)


def test_send_goes_off_the_gui_thread_and_shows_each_number(window, qtbot, workspace, fake_vibes) -> None:
    with workspace.session() as conn, transaction(conn):
        conn.execute(
            "INSERT INTO vibes_memberships(list_id, mdn, active, opt_out_date, opt_out_reason, updated_at) "
            "VALUES ('101', '+12065550198', 0, '2026-03-01T00:00:00Z', 'user_opt_out', '2026-03-01T00:00:00Z')"
        )
    dialog = open_dialog(window, qtbot)
    dialog.choose_person(1)
    dialog.numbers_edit.setText(f"{SEED}, +12065550198")
    runner = dialog.send()
    assert runner is not None and not dialog.send_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    assert [e["event_data"] for e in fake_vibes.events] == [{"mdn": SEED, "message": "Hej Anna! Svara STOP"}]
    text = dialog.results.text()
    assert f"✓ {SEED}: sent to Vibes" in text and "✗ +12065550198: not sent" in text and "STOP" in text
    assert f"{SEED} is not a member of Vibes list Offers (101)" in text  # the seed number is not on the list
    assert dialog.status.text() == "Sent to 1 of 2 numbers."
    assert dialog.send_button.isEnabled() and dialog.close_button.isEnabled()
    with workspace.session() as conn:
        assert get_setting(conn, "test_numbers") == f"{SEED}, +12065550198"  # kept for the workspace
        rows = conn.execute("SELECT run_id, person_id, mdn, type, detail FROM activity ORDER BY mdn DESC").fetchall()
        assert [tuple(r)[:4] for r in rows] == [
            (None, None, SEED, "SMS Test Sent"),
            (None, None, "+12065550198", "SMS Test Refused"),
        ]
        assert json.loads(rows[0][4])["test"] is True
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 0
    window.editor.set_tab("results")
    results = window.results_tab
    results.refresh()
    assert results.tests_note.isVisibleTo(results) and "2 test sends" in results.tests_note.text()
    dialog.reject()


def test_a_refusal_of_the_whole_test_is_shown_in_the_dialog(window, qtbot, workspace, fake_vibes) -> None:
    from smsflow_desktop.services.settings import set_setting

    dialog = open_dialog(window, qtbot)
    dialog.numbers_edit.setText(SEED)
    with workspace.session() as conn:
        set_setting(conn, "vibes.mode", "remote")
    assert dialog.send() is None  # what can be checked here is said at once, as the app says it
    assert "short code, which is not set: enter it in Vibes Settings" in dialog.problem.text()
    assert fake_vibes.events == [] and dialog.report is None and dialog.close_button.isEnabled()
    assert dialog.send_button.isEnabled()  # once the short code is set, Send tries again


def test_a_first_text_without_opt_out_words_is_a_warning_on_its_card_not_a_problem(window, workspace) -> None:
    with workspace.session() as conn:
        save_message(conn, SmsMessage(name="Spring offer", body="Hi {{lead.First Name|there}}! Spring sale."))
    window.context.refresh()
    window.open_campaign("Spring promo")
    card = window.editor.flow_tab.flow_view.card(0)
    assert card.property("state") == "warning" and card.badge.text() == "1 warning"
    assert card.warning_list.isVisibleTo(card) and not card.problem_list.isVisibleTo(card)
    assert "“Spring offer” can be the first text people get from Vibes list Offers (101)" in card.warning_list.text()
    assert "add “Reply STOP to opt out”" in card.warning_list.text()
    assert card.params.widget_for("message").property("problem") in (None, False)  # no red field
    assert window.editor.problem_button.text() == "✓ Ready to run · 1 warning"
    assert window.actions_.run.isEnabled()  # a warning never stops a run


def test_a_later_text_from_the_same_list_has_no_warning(make_editor, workspace) -> None:
    with workspace.session() as conn:
        save_message(conn, SmsMessage(name="Reminder", body="Last day of the sale!"))
    from smsflow_desktop.ui.workspace_data import load_catalog

    with workspace.session() as conn:
        catalog = load_catalog(conn)
    campaign = Campaign(
        name="Two texts",
        flow=[
            SendSmsStep(message="Spring offer", vibes_list_id="101"),
            WaitStep(duration="1 day"),
            SendSmsStep(message="Reminder", vibes_list_id="101"),
            SendSmsStep(message="Reminder", vibes_list_id="102"),
        ],
    )
    editor = make_editor(campaign)
    editor.document.set_refs(catalog.refs)
    states = [editor.view.card(i).property("state") for i in range(4)]
    assert states == ["ok", "ok", "ok", "warning"]
