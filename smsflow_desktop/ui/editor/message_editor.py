"""The SMS message editor: text, live segment counter, tokens, phone preview, hints.

As the marketer types, the counter tells the encoding (GSM-7 or UCS-2, with the character
that forced UCS-2 highlighted in the text), characters, segments (160/153 or 70/67) and
the 900-character cap. Tokens such as ``{{lead.First Name|there}}`` are inserted with a
default; the phone shows the text rendered for a chosen person. Hints say when the brand
name (the workspace setting ``brand.name``, changed in the workspace settings) or the
opt-out text (STOP or STOPP as a word) is missing, offering the sentence to add in the text's
language ("Reply STOP to opt out", "Svara STOPP för att avsluta"); a message a campaign can
send as someone's first text from a Vibes list is warned of by name, campaign and step. Save
writes to the workspace over the version that was opened: when someone else saved the message
since, the save is refused and the user chooses to keep theirs as a copy under a new name or to
reload the saved text (never a silent overwrite). Tab leaves the text (a tab character would force UCS-2); Escape with
unsaved changes asks whether to discard them (Cancel is the deliberate way out and does not ask).
"""

from __future__ import annotations

import logging
import sqlite3
import unicodedata
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.model.campaign import MAX_NAME_CHARS, SmsMessage
from smsflow_desktop.model.opt_out import has_opt_out, opt_out_hint
from smsflow_desktop.services.campaigns import (
    Conflict,
    FirstTextUse,
    first_text_uses,
    load_message_and_version,
    message_bodies,
    save_message,
)
from smsflow_desktop.services.settings import SettingError, get_setting
from smsflow_desktop.services.sms_text import MAX_CHARS, SegmentInfo, analyze, make_token, render
from smsflow_desktop.ui.editor.problem_text import name_problem_text
from smsflow_desktop.ui.editor.sms_bubble import PhonePreview
from smsflow_desktop.ui.editor.sms_highlighter import SmsHighlighter
from smsflow_desktop.ui.labels import PERSON_FIELD_LABELS
from smsflow_desktop.ui.resources import icon, repolish
from smsflow_desktop.ui.workspace_data import find_people

log = logging.getLogger(__name__)
#: Look-alikes that keep a text in GSM-7 (smart quotes and dashes typed by word processors).
PLAIN_REPLACEMENTS = {
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "–": "-",
    "—": "-",
    "…": "...",
    "\u00a0": " ",
    "\u2009": " ",
    "«": '"',
    "»": '"',
}
TOKEN_FIELDS = ("first_name", "last_name", "city", "state", "country", "postal_code", "email", "phone")


def counter_texts(info: SegmentInfo) -> tuple[str, str, str]:
    """(headline, detail, limit warning) for the counter under the text box."""
    locale = QLocale()
    if info.characters == 0:
        return (
            QCoreApplication.translate("MessageEditor", "Empty message"),
            QCoreApplication.translate("MessageEditor", "Up to 160 characters fit in one text."),
            "",
        )
    chars = locale.toString(info.characters)
    head = (
        (
            QCoreApplication.translate("MessageEditor", "%1 characters · 1 segment")
            if info.segments == 1
            else QCoreApplication.translate("MessageEditor", "%1 characters · %2 segments")
        )
        .replace("%1", chars)
        .replace("%2", str(info.segments))
    )
    if info.encoding == "UCS-2":
        detail = QCoreApplication.translate(
            "MessageEditor", "Sent as UCS-2: 70 characters fit one text, 67 a part when split."
        )
    else:
        detail = QCoreApplication.translate(
            "MessageEditor", "GSM-7: 160 characters fit one text, 153 a part when split."
        )
    left = info.remaining_in_segment
    if left:
        detail += " " + QCoreApplication.translate("MessageEditor", "%1 left in this segment.").replace("%1", str(left))
    warning = ""
    if info.characters > MAX_CHARS:
        warning = (
            QCoreApplication.translate(
                "MessageEditor", "%1 characters over the %2-character limit: the rest would be cut off."
            )
            .replace("%1", str(info.characters - MAX_CHARS))
            .replace("%2", str(MAX_CHARS))
        )
    return head, detail, warning


def plain_text(body: str) -> str:
    """``body`` with typographic look-alikes replaced by their GSM-7 counterparts."""
    return "".join(PLAIN_REPLACEMENTS.get(ch, ch) for ch in body)


def character_name(ch: str) -> str:
    try:
        return unicodedata.name(ch).title()
    except ValueError:
        return f"U+{ord(ch):04X}"


def content_hints(body: str, brand: str, language: str = "", first_uses: list[FirstTextUse] | None = None) -> list[str]:
    """What a careful sender would add: the brand's name, how to opt out (a warning naming the
    campaigns that can send it as someone's first text from a list, ``first_uses``)."""
    hints: list[str] = []
    low = body.casefold()
    if brand.strip() and brand.strip().casefold() not in low:
        hints.append(
            QCoreApplication.translate(
                "MessageEditor", "Name your brand (“%1”) so people know who is texting."
            ).replace("%1", brand.strip())
        )
    if not has_opt_out(body):
        hint = opt_out_hint(body, language)
        if first_uses:
            where = ", ".join(
                QCoreApplication.translate("MessageEditor", "“%1” step %2")
                .replace("%1", use.campaign)
                .replace("%2", str(use.step))
                for use in first_uses[:3]
            )
            if len(first_uses) > 3:
                where += " " + QCoreApplication.translate("MessageEditor", "and %1 more").replace(
                    "%1", str(len(first_uses) - 3)
                )
            use = first_uses[0]
            hints.append(
                "⚠ "
                + QCoreApplication.translate(
                    "MessageEditor",
                    "People can get this as their first text from Vibes list %1 (%2), yet it does not say "
                    "how to opt out: add “%3”.",
                )
                .replace("%1", use.vibes_list_name or use.vibes_list_id)
                .replace("%2", where)
                .replace("%3", hint)
            )
        else:
            hints.append(
                QCoreApplication.translate("MessageEditor", "Tell people how to opt out, e.g. “%1”.").replace(
                    "%1", hint
                )
            )
    return hints


class MessageEditor(QDialog):
    """Edit (or create) one SMS message of the workspace."""

    def __init__(
        self,
        conn: sqlite3.Connection | None,
        message: SmsMessage | None,
        parent: QWidget | None = None,
        *,
        version: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.conn = conn
        self.original_name = message.name if message else None
        self.original_body = message.body if message else ""
        self.base_version = version if message else 0  # the saved version being edited (0: a new message)
        self.confirm_discard: Callable[[], bool] = self._ask_discard
        self.ask_conflict: Callable[[Conflict], str] = self._ask_conflict
        self.saved_name: str | None = None
        self.people: list[dict[str, object]] = []
        self.setWindowTitle(self.tr("SMS Message") + (f" — {message.name}" if message else ""))
        self.setWindowIcon(icon("message"))
        self.resize(940, 640)
        root = QHBoxLayout(self)
        root.setContentsMargins(18, 18, 18, 18)
        root.setSpacing(22)
        left = QVBoxLayout()
        left.setSpacing(10)
        root.addLayout(left, 1)

        form = QGridLayout()
        self.name_edit = QLineEdit(message.name if message else "", self)
        self.name_edit.setAccessibleName(self.tr("Message name"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Spring offer"))
        self.name_problem = QLabel(self)
        self.name_problem.setObjectName("NameProblem")
        self.name_problem.setWordWrap(True)
        self.name_problem.hide()
        self.name_edit.textChanged.connect(self._check_name)
        self.brand_edit = QLineEdit(self.workspace_brand(), self)
        self.brand_edit.setReadOnly(True)
        self.brand_edit.setAccessibleName(self.tr("Brand name"))
        self.brand_edit.setPlaceholderText(self.tr("Not set: set it in the workspace settings"))
        self.brand_edit.setToolTip(
            self.tr(
                "The workspace's brand (a workspace setting): every message should name "
                "it so people know who is texting."
            )
        )
        self.brand_button = QPushButton(self.tr("Change…"), self)
        self.brand_button.setToolTip(self.tr("Open the workspace settings"))
        self.brand_button.setEnabled(conn is not None)
        self.brand_button.clicked.connect(self.change_brand)
        for r, (text, w) in enumerate(((self.tr("Name"), self.name_edit), (self.tr("Brand"), self.brand_edit))):
            label = QLabel(text, self)
            label.setObjectName("FieldLabel")
            label.setBuddy(w)
            form.addWidget(label, r, 0)
            form.addWidget(w, r, 1)
        form.addWidget(self.brand_button, 1, 2)
        form.addWidget(self.name_problem, 2, 1, 1, 2)
        left.addLayout(form)

        self.text = QPlainTextEdit(message.body if message else "", self)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(self.tr("Message text"))
        self.text.setPlaceholderText(self.tr("Hi {{lead.First Name|there}}! … Reply STOP to opt out"))
        self.highlighter = SmsHighlighter(self.text.document())
        self.highlighter.rehighlight()  # Qt would do the first pass only on the next event-loop turn
        left.addWidget(self.text, 1)

        tokens = QHBoxLayout()
        self.token_field = QComboBox(self)
        self.token_field.setAccessibleName(self.tr("Token field"))
        for key in TOKEN_FIELDS:
            self.token_field.addItem(
                QCoreApplication.translate("Labels", PERSON_FIELD_LABELS[key]), PERSON_FIELD_LABELS[key]
            )
        self.token_default = QLineEdit(self)
        self.token_default.setAccessibleName(self.tr("Token default"))
        self.token_default.setPlaceholderText(self.tr("Fallback, e.g. there"))
        self.token_default.setToolTip(self.tr("Put in the text when the person's field is empty, e.g. there"))
        self.insert_button = QPushButton(icon("token"), self.tr("Insert token"), self)
        self.insert_button.clicked.connect(self.insert_token)
        token_label = QLabel(self.tr("Token"), self)
        token_label.setBuddy(self.token_field)
        tokens.addWidget(token_label)
        tokens.addWidget(self.token_field)
        tokens.addWidget(self.token_default, 1)
        tokens.addWidget(self.insert_button)
        left.addLayout(tokens)

        counter_row = QHBoxLayout()
        self.counter = QLabel(self)
        self.counter.setObjectName("CounterMain")
        self.counter.setAccessibleName(self.tr("Length and segments"))
        self.encoding_chip = QLabel(self)
        self.encoding_chip.setObjectName("EncodingChip")
        counter_row.addWidget(self.counter)
        counter_row.addStretch(1)
        counter_row.addWidget(self.encoding_chip)
        left.addLayout(counter_row)
        self.detail = QLabel(self)
        self.detail.setObjectName("Muted")
        self.detail.setWordWrap(True)
        left.addWidget(self.detail)
        self.ucs2_note = QLabel(self)
        self.ucs2_note.setObjectName("HintLabel")
        self.ucs2_note.setWordWrap(True)
        self.plain_button = QPushButton(self.tr("Use plain characters"), self)
        self.plain_button.setToolTip(self.tr("Replace curly quotes, dashes and ellipses with their GSM-7 look-alikes"))
        self.plain_button.clicked.connect(self.use_plain_characters)
        note_row = QHBoxLayout()
        note_row.addWidget(self.ucs2_note, 1)
        note_row.addWidget(self.plain_button, 0, Qt.AlignmentFlag.AlignVCenter)
        left.addLayout(note_row)
        self.limit_warning = QLabel(self)
        self.limit_warning.setObjectName("OverLimit")
        self.limit_warning.setWordWrap(True)
        left.addWidget(self.limit_warning)
        self.hints = QLabel(self)
        self.hints.setObjectName("HintLabel")
        self.hints.setWordWrap(True)
        self.add_opt_out_button = QPushButton(self)
        self.add_opt_out_button.setToolTip(self.tr("Add the opt-out sentence at the end of the text"))
        self.add_opt_out_button.clicked.connect(self.add_opt_out)
        left.addWidget(self.hints)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.add_opt_out_button)
        hint_row.addStretch(1)
        left.addLayout(hint_row)
        self.first_uses = self._first_text_uses()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        left.addWidget(self.buttons)

        right = QVBoxLayout()
        right.setSpacing(8)
        who = QHBoxLayout()
        self.person_search = QLineEdit(self)
        self.person_search.setPlaceholderText(self.tr("Find a person"))
        self.person_search.setAccessibleName(self.tr("Find a person to preview for"))
        self.person_combo = QComboBox(self)
        self.person_combo.setAccessibleName(self.tr("Preview for person"))
        self.person_combo.setMinimumContentsLength(16)
        person_label = QLabel(self.tr("Preview for"), self)
        person_label.setBuddy(self.person_combo)
        who.addWidget(person_label)
        who.addWidget(self.person_combo, 1)
        right.addLayout(who)
        right.addWidget(self.person_search)
        self.phone = PhonePreview(self)
        right.addWidget(self.phone, 1, Qt.AlignmentFlag.AlignHCenter)
        root.addLayout(right)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._load_people)
        self.text.textChanged.connect(self.update_analysis)
        self.brand_edit.textChanged.connect(self.update_analysis)
        self.person_combo.currentIndexChanged.connect(lambda _i: self.update_preview())
        self.person_search.textChanged.connect(lambda _t: self._search_timer.start())
        self._load_people()
        self.update_analysis()

    # -- analysis and preview ---------------------------------------------------------------------
    def body(self) -> str:
        return self.text.toPlainText()

    def update_analysis(self) -> None:
        body = self.body()
        info = analyze(body)
        head, detail, warning = counter_texts(info)
        self.counter.setText(head)
        self.counter.setAccessibleName(
            self.tr("Length and segments: %1, %2").replace("%1", head).replace("%2", info.encoding)
        )
        self.counter.setAccessibleDescription(detail)
        self.detail.setText(detail)
        self.encoding_chip.setText(info.encoding)
        if self.encoding_chip.property("encoding") != info.encoding:
            self.encoding_chip.setProperty("encoding", info.encoding)
            repolish(self.encoding_chip)
        if info.ucs2_positions:
            pos = info.ucs2_positions[0]
            ch = body[pos]
            text = (
                self.tr(
                    "%1 (%2, character %3) is not in the GSM-7 alphabet, so the whole message is sent as "
                    "UCS-2: 70 characters a text instead of 160."
                )
                .replace("%1", ch)
                .replace("%2", character_name(ch))
                .replace("%3", str(pos + 1))
            )
            if ch in PLAIN_REPLACEMENTS:
                text += " " + self.tr("Replace it with %1.").replace("%1", PLAIN_REPLACEMENTS[ch])
            else:
                text += " " + self.tr("Replace or remove it (highlighted) to fit 160 characters a text.")
            self.ucs2_note.setText(text)
        self.ucs2_note.setVisible(bool(info.ucs2_positions))
        self.plain_button.setVisible(plain_text(body) != body)
        self.limit_warning.setText(warning)
        self.limit_warning.setVisible(bool(warning))
        language = self.workspace_language()
        hints = content_hints(body, self.brand_edit.text(), language, self.first_uses)
        self.hints.setText("\n".join(h if h.startswith("⚠") else "• " + h for h in hints))
        self.hints.setVisible(bool(hints))
        self.add_opt_out_button.setVisible(not has_opt_out(body))
        self.add_opt_out_button.setText(self.tr("Add “%1”").replace("%1", opt_out_hint(body, language)))
        self.update_preview()

    def _load_people(self) -> None:
        self.people = []
        if self.conn is not None:
            try:
                self.people = find_people(self.conn, self.person_search.text(), 50)
            except sqlite3.Error as exc:
                log.warning("could not list people for the preview: %s", exc)
        self.person_combo.blockSignals(True)
        self.person_combo.clear()
        self.person_combo.addItem(self.tr("Someone with no data (defaults)"), -1)
        for i, person in enumerate(self.people):
            name = f"{person.get('first_name', '')} {person.get('last_name', '')}".strip()
            self.person_combo.addItem(
                f"{name or person.get('email') or person.get('id')} · {person.get('phone', '')}", i
            )
        self.person_combo.setCurrentIndex(1 if self.people else 0)
        self.person_combo.blockSignals(False)
        self.update_preview()

    def current_person(self) -> dict[str, object]:
        index = self.person_combo.currentData()
        return self.people[index] if isinstance(index, int) and 0 <= index < len(self.people) else {}

    def update_preview(self) -> None:
        person = self.current_person()
        rendered = render(self.body(), person)
        info = analyze(rendered)
        note = ""
        if rendered:
            note = (
                (
                    self.tr("As sent: %1 characters, 1 segment")
                    if info.segments == 1
                    else self.tr("As sent: %1 characters, %2 segments")
                )
                .replace("%1", str(info.characters))
                .replace("%2", str(info.segments))
            )
        self.phone.show_message(self.brand_edit.text().strip() or self.tr("Your brand"), rendered, note)

    def use_plain_characters(self) -> None:
        """Swap look-alikes for GSM-7 characters, as one edit the text box can undo."""
        cursor = self.text.textCursor()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(plain_text(self.body()))

    def add_opt_out(self) -> None:
        """Append the opt-out sentence in the text's language, as one edit the text box can undo."""
        body = self.body()
        hint = opt_out_hint(body, self.workspace_language())
        cursor = self.text.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        stripped = body.rstrip()
        glue = "" if not stripped else " " if stripped.endswith((".", "!", "?")) else ". "
        cursor.insertText(glue + hint)
        self.text.setTextCursor(cursor)
        self.text.setFocus()

    def _first_text_uses(self) -> list[FirstTextUse]:
        """Where the saved message can be someone's first text from a Vibes list."""
        if self.conn is None or self.original_name is None:
            return []
        try:
            return first_text_uses(self.conn, self.original_name)
        except sqlite3.Error as exc:
            log.warning("cannot read where the message is used: %s", exc)
            return []

    def workspace_language(self) -> str:
        """The workspace setting ``ui.language`` ("" without a workspace): the opt-out sentence's
        language when the text does not show its own."""
        if self.conn is None:
            return ""
        try:
            return get_setting(self.conn, "ui.language")
        except (SettingError, sqlite3.Error):
            return ""

    def insert_token(self) -> None:
        token = make_token(self.token_field.currentData(), self.token_default.text().strip())
        self.text.textCursor().insertText(token)
        self.text.setFocus()

    # -- brand -------------------------------------------------------------------------------------
    def workspace_brand(self) -> str:
        """The workspace setting ``brand.name`` ("" without a workspace)."""
        if self.conn is None:
            return ""
        try:
            return get_setting(self.conn, "brand.name")
        except (SettingError, sqlite3.Error) as exc:
            log.warning("cannot read brand.name: %s", exc)
            return ""

    def change_brand(self) -> None:
        """Edit the workspace settings, then show the brand they hold."""
        if self.conn is None:
            return
        from smsflow_desktop.ui.workspace_settings import WorkspaceSettingsDialog

        dialog = WorkspaceSettingsDialog(self.conn, self)
        dialog.brand.setFocus()
        if dialog.exec():
            self.brand_edit.setText(self.workspace_brand())

    # -- closing ---------------------------------------------------------------------------------
    def has_changes(self) -> bool:
        """Whether the name or the text differ from what the workspace holds."""
        return self.name_edit.text().strip() != (self.original_name or "") or self.body() != self.original_body

    def _ask_discard(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard changes?"),
            self.tr("This SMS message has changes that are not saved."),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape is easily pressed by accident (to close a list, a hint): ask before it drops edits.
        if event.key() == Qt.Key.Key_Escape and self.has_changes() and not self.confirm_discard():
            event.accept()
            return
        super().keyPressEvent(event)

    # -- saving ----------------------------------------------------------------------------------
    def _check_name(self, text: str) -> str | None:
        """Say under the name field what the name may not hold; returns that sentence."""
        problem = name_problem_text(text)
        self.name_problem.setText(problem or "")
        self.name_problem.setVisible(problem is not None)
        return problem

    def save(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            self.name_edit.setFocus()
            QMessageBox.warning(self, self.tr("Name missing"), self.tr("Give the message a name."))
            return
        if self._check_name(name) is not None:
            self.name_edit.setFocus()
            return
        if self.conn is None:
            self.reject()
            return
        try:
            save_message(
                self.conn,
                SmsMessage(name=name, body=self.body()),
                previous_name=self.original_name,
                base_version=self.base_version,
            )
        except Conflict as exc:
            self._resolve_conflict(exc, name)
            return
        except sqlite3.IntegrityError:
            QMessageBox.warning(
                self, self.tr("Name taken"), self.tr("Another SMS message is already called “%1”.").replace("%1", name)
            )
            return
        except sqlite3.Error as exc:
            log.error("saving message %r failed: %s", name, exc)
            QMessageBox.critical(
                self, self.tr("Not saved"), self.tr("The message could not be saved: %1").replace("%1", str(exc))
            )
            return
        self.saved_name = name
        self.accept()

    # -- someone else saved first ------------------------------------------------------------------
    def _ask_conflict(self, conflict: Conflict) -> str:
        """ "copy", "reload" or "cancel" for a save refused because the message changed meanwhile."""
        theirs = conflict.theirs
        who = theirs.saved_by or self.tr("someone")
        if conflict.base_version == 0:
            text = self.tr("An SMS message called “%1” was created by %2 while you were writing this one.")
        else:
            text = self.tr("“%1” was changed by %2 since you opened it.")
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Changed by someone else"),
            text.replace("%1", conflict.name).replace("%2", who),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setInformativeText(
            self.tr("Nothing was saved. Keep your text as a copy under a new name, or reload the saved text.")
        )
        box.setDetailedText(self.tr("The saved text now:") + "\n\n" + theirs.content)
        copy = box.addButton(self.tr("Keep Mine as a Copy"), QMessageBox.ButtonRole.AcceptRole)
        reload = box.addButton(self.tr("Reload"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(copy)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "copy" if clicked is copy else "reload" if clicked is reload else "cancel"

    def _resolve_conflict(self, conflict: Conflict, name: str) -> None:
        assert self.conn is not None
        answer = self.ask_conflict(conflict)
        if answer == "reload":
            found = load_message_and_version(self.conn, conflict.theirs.name)
            if found is None:
                return
            message, version = found
            self.original_name, self.original_body, self.base_version = message.name, message.body, version
            self.name_edit.setText(message.name)
            self.text.setPlainText(message.body)
            self.setWindowTitle(self.tr("SMS Message") + f" — {message.name}")
            return
        if answer != "copy":
            return
        taken = set(message_bodies(self.conn))
        copy_name, n = name, 1
        while copy_name in taken or copy_name == conflict.name:
            suffix = f" ({self.tr('copy')})" if n == 1 else f" ({self.tr('copy')} {n})"
            copy_name = name[: MAX_NAME_CHARS - len(suffix)] + suffix
            n += 1
        try:
            save_message(self.conn, SmsMessage(name=copy_name, body=self.body()), base_version=0)
        except (Conflict, sqlite3.Error) as exc:
            log.error("saving a copy of message %r failed: %s", name, exc)
            QMessageBox.critical(
                self, self.tr("Not saved"), self.tr("The message could not be saved: %1").replace("%1", str(exc))
            )
            return
        self.saved_name = copy_name
        self.accept()
