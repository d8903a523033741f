"""The SMS message editor: counter, encoding, the character that forced UCS-2, tokens,
preview for a person, hints, saving."""

from __future__ import annotations

import pytest

from smsflow_desktop.model.campaign import SmsMessage
from smsflow_desktop.services.campaigns import message_bodies
from smsflow_desktop.ui.editor.message_editor import MessageEditor


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    """Message boxes the editor shows, answered at once instead of blocking."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def fake(_parent, title, text, *args, **kwargs):
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", fake)
    monkeypatch.setattr(QMessageBox, "critical", fake)
    return shown


@pytest.fixture
def editor(qtbot, workspace, warnings):
    conn = workspace.connect()

    def make(message: SmsMessage | None = None) -> MessageEditor:
        dialog = MessageEditor(conn, message)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    yield make
    conn.close()


def test_gsm_counter_and_segments(editor) -> None:
    dialog = editor(SmsMessage(name="A", body="x" * 160))
    assert dialog.counter.text() == "160 characters · 1 segment"
    assert dialog.encoding_chip.text() == "GSM-7"
    assert not dialog.ucs2_note.isVisibleTo(dialog)
    dialog.text.setPlainText("x" * 161)
    assert dialog.counter.text() == "161 characters · 2 segments"
    assert "145 left in this segment" in dialog.detail.text()


def test_the_character_that_forces_ucs2_is_named_and_highlighted(editor) -> None:
    dialog = editor(SmsMessage(name="A", body="Hello “friend” STOP"))
    assert dialog.encoding_chip.text() == "UCS-2"
    assert dialog.ucs2_note.isVisibleTo(dialog)
    assert dialog.ucs2_note.text().startswith("“ (Left Double Quotation Mark, character 7)")
    assert 'Replace it with ".' in dialog.ucs2_note.text()
    block = dialog.text.document().firstBlock()
    formats = block.layout().formats()
    marked = [(f.start, f.length) for f in formats if f.format.fontUnderline()]
    assert (6, 1) in marked and (13, 1) in marked
    dialog.text.setPlainText("x" * 71)
    assert dialog.counter.text() == "71 characters · 1 segment"
    dialog.text.setPlainText("é" * 0 + "ł" + "x" * 70)
    assert dialog.counter.text() == "71 characters · 2 segments"


def test_plain_characters_bring_the_text_back_to_gsm7(editor) -> None:
    dialog = editor(SmsMessage(name="A", body="It’s “on” – now… STOP"))
    assert dialog.plain_button.isVisibleTo(dialog)
    dialog.plain_button.click()
    assert dialog.body() == 'It\'s "on" - now... STOP'
    assert dialog.encoding_chip.text() == "GSM-7" and not dialog.plain_button.isVisibleTo(dialog)
    dialog.text.undo()
    assert dialog.body() == "It’s “on” – now… STOP"


def test_900_character_cap(editor) -> None:
    dialog = editor(SmsMessage(name="A", body="x" * 905))
    assert dialog.limit_warning.isVisibleTo(dialog)
    assert dialog.limit_warning.text().startswith("5 characters over the 900-character limit")


def test_token_inserted_with_default_and_previewed_for_a_person(editor) -> None:
    dialog = editor(SmsMessage(name="A", body="Hi "))
    cursor = dialog.text.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    dialog.text.setTextCursor(cursor)
    dialog.token_field.setCurrentIndex(dialog.token_field.findData("First Name"))
    dialog.token_default.setText("there")
    dialog.insert_button.click()
    assert dialog.body() == "Hi {{lead.First Name|there}}"
    people = [dialog.person_combo.itemText(i) for i in range(dialog.person_combo.count())]
    assert people[1].startswith("Anna Test")
    dialog.person_combo.setCurrentIndex(1)
    assert dialog.phone.bubble.text() == "Hi Anna"
    dialog.person_combo.setCurrentIndex(0)
    assert dialog.phone.bubble.text() == "Hi there"
    dialog.person_search.setText("Cy")
    dialog._load_people()
    assert dialog.person_combo.count() == 2 and dialog.person_combo.itemText(1).startswith("Cy Test")


def test_hints_for_brand_and_opt_out(editor) -> None:
    dialog = editor(SmsMessage(name="A", body="Big sale today"))
    dialog.brand_edit.setText("Northwind")
    hints = dialog.hints.text()
    assert "Name your brand (“Northwind”)" in hints
    assert "Reply STOP to opt out" in hints
    dialog.text.setPlainText("Northwind: big sale today. Reply STOP to opt out")
    assert not dialog.hints.isVisibleTo(dialog)


def test_save_new_and_refuse_a_taken_name(editor, workspace, warnings) -> None:
    dialog = editor(None)
    dialog.name_edit.setText("Autumn")
    dialog.text.setPlainText("Autumn sale. Reply STOP")
    dialog.save()
    assert dialog.saved_name == "Autumn"
    dialog = editor(SmsMessage(name="Autumn", body="Autumn sale. Reply STOP"))
    dialog.name_edit.setText("Spring offer")
    dialog.save()
    assert dialog.saved_name is None  # the name is taken: not saved, the dialog stays
    assert warnings == ["Another SMS message is already called “Spring offer”."]


def test_save_renames(editor, workspace) -> None:
    dialog = editor(SmsMessage(name="Spring offer", body="old"))
    dialog.name_edit.setText("Spring offer v2")
    dialog.text.setPlainText("new text STOP")
    dialog.save()
    with workspace.session() as conn:
        bodies = message_bodies(conn)
    assert "Spring offer" not in bodies and bodies["Spring offer v2"] == "new text STOP"


def test_a_first_text_without_opt_out_words_names_the_campaign_and_adds_the_sentence(editor) -> None:
    dialog = editor(SmsMessage(name="Spring offer", body="Hi {{lead.First Name|there}}! Spring sale."))
    hints = dialog.hints.text()
    assert hints.startswith("⚠ People can get this as their first text from Vibes list Offers (“Spring promo” step 1)")
    assert "add “Reply STOP to opt out”" in hints
    assert dialog.add_opt_out_button.text() == "Add “Reply STOP to opt out”"
    dialog.add_opt_out_button.click()
    assert dialog.body() == "Hi {{lead.First Name|there}}! Spring sale. Reply STOP to opt out"
    assert "opt out" not in dialog.hints.text() and not dialog.add_opt_out_button.isVisibleTo(dialog)
    dialog.text.undo()
    assert dialog.body() == "Hi {{lead.First Name|there}}! Spring sale."


def test_a_swedish_text_gets_the_swedish_sentence_and_stopp_counts(editor) -> None:
    dialog = editor(SmsMessage(name="Vårerbjudande", body="Hej {{lead.First Name|där}}! Rea i helgen"))
    assert "lägg till" not in dialog.hints.text()  # the app speaks English; the sentence is the text's
    assert "“Svara STOPP för att avsluta”" in dialog.hints.text()
    dialog.add_opt_out()
    assert dialog.body() == "Hej {{lead.First Name|där}}! Rea i helgen. Svara STOPP för att avsluta"
    assert not dialog.add_opt_out_button.isVisibleTo(dialog)  # STOPP is an opt-out word
    dialog.text.setPlainText("Hej! Rea. Stopped? Nej.")
    assert dialog.add_opt_out_button.isVisibleTo(dialog)  # "Stopped" is not
