"""Send test…: one step's text, as a chosen person would get it, to the team's own phones.

The dialog shows the text the chosen person would get at the step (their branch, their
values; "Someone with no data" gets the Default with each token's default), the test numbers
(the workspace setting ``test_numbers``, editable here and kept for the workspace when asked)
and, after Send, what became of each number. The send runs on a worker thread
(:class:`ui.workers.TaskRunner`) through ``services.engine.test_send``: the same Vibes path
a run uses, but in no run, its results or the frequency limits; a number that said STOP is
refused. Why a test cannot go (no numbers, an invalid one, a person who gets nothing here,
remote mode without a short code) is said beside the Send button, in the app's language (the
service names each refusal by code: :meth:`TestSendDialog.problem_text`).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.services.engine.test_send import (
    NumberResult,
    RenderedStep,
    SendTestError,
    SendTestReport,
    check_numbers,
    prepare_test,
    render_step,
)
from smsflow_desktop.services.settings import SettingError, get_setting, parse_test_numbers, set_setting
from smsflow_desktop.ui.resources import name_for_screen_readers, repolish
from smsflow_desktop.ui.run.engine_jobs import send_test_job
from smsflow_desktop.ui.step_types import step_title
from smsflow_desktop.ui.workers import TaskRunner
from smsflow_desktop.ui.workspace_data import find_people

log = logging.getLogger(__name__)


class TestSendDialog(QDialog):
    """Send a test of flow step ``step`` (from 1) of ``campaign`` (the editor's, saved or not)."""

    __test__ = False  # not a pytest test class, whatever its name

    def __init__(
        self,
        conn: sqlite3.Connection,
        root: Path | str | None,
        campaign: Campaign,
        step: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.conn = conn
        self.root = root
        self.campaign = campaign.model_copy(deep=True)
        self.step = step
        self.people: list[dict[str, object]] = []
        self.rendered: RenderedStep | None = None
        self.report: SendTestReport | None = None
        self.runners: list[TaskRunner[Any, Any]] = []
        self.setWindowTitle(self.tr("Send a test of step %1").replace("%1", str(step)))
        self.setMinimumWidth(560)
        col = QVBoxLayout(self)
        col.setContentsMargins(22, 18, 22, 16)
        col.setSpacing(10)
        intro = QLabel(
            self.tr(
                "Texts this step's message, as the chosen person would get it, to your test numbers. "
                "A test is not part of any run: it is not counted in results or frequency limits."
            ),
            self,
        )
        intro.setObjectName("Muted")
        intro.setWordWrap(True)
        col.addWidget(intro)

        form = QFormLayout()
        form.setHorizontalSpacing(14)
        self.person_search = QLineEdit(self)
        self.person_search.setPlaceholderText(self.tr("Find a person by name, e-mail or number"))
        self.person_search.setAccessibleName(self.tr("Find a person to render the text for"))
        self.person_search.setClearButtonEnabled(True)
        self.person_combo = QComboBox(self)
        name_for_screen_readers(self.person_combo, self.tr("Render for person"))
        self.person_combo.setMinimumContentsLength(24)
        person_box = QVBoxLayout()
        person_box.setSpacing(6)
        person_box.addWidget(self.person_search)
        person_box.addWidget(self.person_combo)
        person_label = QLabel(self.tr("Text for"), self)
        form.addRow(person_label, person_box)
        col.addLayout(form)

        self.branch_label = QLabel(self)
        self.branch_label.setObjectName("Muted")
        self.branch_label.setWordWrap(True)
        col.addWidget(self.branch_label)
        self.text_label = QLabel(self)
        self.text_label.setObjectName("Bubble")
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setAccessibleName(self.tr("The text as sent"))
        col.addWidget(self.text_label)

        numbers_form = QFormLayout()
        numbers_form.setHorizontalSpacing(14)
        self.numbers_edit = QLineEdit(self._stored_numbers(), self)
        self.numbers_edit.setPlaceholderText(self.tr("e.g. +12135550100, +46701234567"))
        self.numbers_edit.setAccessibleName(self.tr("Test numbers"))
        self.numbers_edit.setToolTip(
            self.tr("Your own phones: numbers with + and the country code, separated by commas.")
        )
        self.keep_numbers = QCheckBox(self.tr("Keep these as the workspace's test numbers"), self)
        self.keep_numbers.setChecked(True)
        numbers_box = QVBoxLayout()
        numbers_box.setSpacing(6)
        numbers_box.addWidget(self.numbers_edit)
        numbers_box.addWidget(self.keep_numbers)
        numbers_label = QLabel(self.tr("Test numbers"), self)
        numbers_form.addRow(numbers_label, numbers_box)
        width = max(person_label.sizeHint().width(), numbers_label.sizeHint().width())
        for label in (person_label, numbers_label):
            label.setMinimumWidth(width)  # the two forms' fields line up
        col.addLayout(numbers_form)

        self.problem = QLabel(self)
        self.problem.setObjectName("OverLimit")
        self.problem.setWordWrap(True)
        self.problem.hide()
        col.addWidget(self.problem)
        self.results = QLabel(self)
        self.results.setWordWrap(True)
        self.results.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results.setAccessibleName(self.tr("What became of each number"))
        self.results.hide()
        col.addWidget(self.results)

        buttons = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("Muted")
        buttons.addWidget(self.status, 1)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.send_button = QPushButton(self.tr("Send test"), self)
        self.send_button.setObjectName("PrimaryButton")
        self.send_button.setDefault(True)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.send_button)
        col.addLayout(buttons)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._load_people)
        self.person_search.textChanged.connect(lambda _t: self._search_timer.start())
        self.person_combo.currentIndexChanged.connect(lambda _i: self.update_text())
        self.numbers_edit.textChanged.connect(lambda _t: self._check())
        self.close_button.clicked.connect(self.reject)
        self.send_button.clicked.connect(lambda: self.send())
        self._load_people()

    # -- reading -----------------------------------------------------------------------------------
    def _stored_numbers(self) -> str:
        try:
            return get_setting(self.conn, "test_numbers")
        except (SettingError, sqlite3.Error) as exc:
            log.warning("cannot read test_numbers: %s", exc)
            return ""

    def _load_people(self) -> None:
        current = self.person_id()
        try:
            self.people = find_people(self.conn, self.person_search.text(), 50)
        except sqlite3.Error as exc:
            log.warning("could not list people for the test: %s", exc)
            self.people = []
        self.person_combo.blockSignals(True)
        self.person_combo.clear()
        self.person_combo.addItem(self.tr("Someone with no data (the Default, token defaults)"), None)
        for person in self.people:
            name = f"{person.get('first_name', '')} {person.get('last_name', '')}".strip()
            label = f"{name or person.get('email') or person.get('id')} · {person.get('phone', '')}"
            self.person_combo.addItem(label, person.get("id"))
        index = self.person_combo.findData(current) if current is not None else -1
        self.person_combo.setCurrentIndex(index if index >= 0 else (1 if self.people else 0))
        self.person_combo.blockSignals(False)
        self.update_text()

    def person_id(self) -> int | None:
        data = self.person_combo.currentData()
        return int(data) if isinstance(data, int) else None

    def choose_person(self, person_id: int | None) -> bool:
        """Render for ``person_id`` (None: someone with no data); False when not listed."""
        index = self.person_combo.findData(person_id) if person_id is not None else 0
        if index < 0:
            return False
        self.person_combo.setCurrentIndex(index)
        return True

    def update_text(self) -> None:
        """Show the text the chosen person would get, or why there is none."""
        self.rendered = None
        try:
            self.rendered = render_step(self.conn, self.campaign, self.step, self.person_id())
        except SendTestError as exc:
            self.text_label.hide()
            self.branch_label.setText("")
            self._check(self.problem_text(exc))
            return
        except sqlite3.Error as exc:
            self.text_label.hide()
            self._check(self.tr("The workspace could not be read: %1").replace("%1", str(exc)))
            return
        r = self.rendered
        branch = self._branch_text(r.branch)
        segments = self.tr("1 segment") if r.segments == 1 else self.tr("%1 segments").replace("%1", str(r.segments))
        self.branch_label.setText(
            self.tr("%1 · message “%2” · Vibes list %3 · %4, %5")
            .replace("%1", branch)
            .replace("%2", r.message)
            .replace("%3", self._list_name(r.vibes_list_id))
            .replace("%4", segments)
            .replace("%5", r.encoding)
        )
        self.text_label.setText(r.text)
        self.text_label.show()
        self._check()

    def _branch_text(self, label: str) -> str:
        """``Default`` or ``Choice 2`` (as the engine names a branch) in the app's language."""
        return self.tr("Default") if label == "Default" else self.tr("Choice %1").replace("%1", label.split()[-1])

    def problem_text(self, exc: SendTestError) -> str:
        """Why the test cannot go, in the app's language (the service's English when its code is
        not one this dialog knows)."""
        p = exc.params
        step = str(p.get("step", self.step))
        if exc.code == "no_test_numbers":
            return self.tr("Enter at least one test number, with + and the country code.")
        if exc.code == "invalid_number":
            if p.get("problem") == "no_country_code":
                return self.tr("%1 is not a number with + and the country code, such as +12135550100.").replace(
                    "%1", str(p.get("number", ""))
                )
            if p.get("problem") == "too_many":
                return self.tr("At most %1 test numbers: a test goes to your own phones, not to a list.").replace(
                    "%1", str(p.get("max", ""))
                )
            return self.tr("%1 is not a valid phone number.").replace("%1", str(p.get("number", "")))
        texts = {
            "person_unknown": self.tr("That person is no longer in this workspace: choose another."),
            "step_unknown": self.tr("Step %1 is no longer in the flow.").replace("%1", step),
            "not_send_sms": self.tr("Step %1 is a %2 step, which sends no text: choose a Send SMS step.")
            .replace("%1", step)
            .replace("%2", step_title(str(p.get("step_type", "")))),
            "step_incomplete": self.tr("Step %1 is not complete: fix what the Flow tab marks on it first.").replace(
                "%1", step
            ),
            "do_nothing": self.tr(
                "%1 takes choice %2 of this step, which is Do Nothing: there is no text to test. Choose another person."
            )
            .replace("%1", str(p.get("person", "")))
            .replace("%2", str(p.get("choice", ""))),
            "message_missing": self.tr("%1 of this step has no SMS message: choose one on the Flow tab.").replace(
                "%1", self._branch_text(str(p.get("branch", "Default")))
            ),
            "message_unknown": self.tr("There is no SMS message called “%1” any more: choose another.").replace(
                "%1", str(p.get("message", ""))
            ),
            "text_too_long": self.tr("For this person the text has %1 characters; at most %2 can be sent.")
            .replace("%1", str(p.get("characters", "")))
            .replace("%2", str(p.get("limit", ""))),
            "missing_short_code": self.tr(
                "Texts go from your company's short code, which is not set: enter it in Vibes Settings."
            ),
            "vibes_refused": self.tr("Vibes refused: %1").replace("%1", str(p.get("answer", exc))),
        }
        return texts.get(exc.code, str(exc))

    def result_line(self, r: NumberResult) -> str:
        """What became of one number, in the app's language."""
        if r.status == "sent":
            line = "✓ " + self.tr("%1: sent to Vibes").replace("%1", r.mdn)
        elif r.status == "refused":
            if r.code == "said_stop":
                why = self.tr("it said STOP (%1); STOP means stop, so it gets no test either").replace(
                    "%1", r.params.get("at", "")
                )
            elif r.code == "owner_opted_out":
                why = (
                    self.tr("it belongs to someone blocklisted here, so it gets no texts, tests included")
                    if r.params.get("flag") == "blocklisted"
                    else self.tr("it belongs to someone unsubscribed here, so it gets no texts, tests included")
                )
            else:
                why = r.detail
            line = "✗ " + self.tr("%1: not sent: %2").replace("%1", r.mdn).replace("%2", why)
        elif r.status == "in_doubt":
            line = "? " + self.tr("%1: may have reached Vibes: %2").replace("%1", r.mdn).replace("%2", r.detail)
        else:
            line = "✗ " + self.tr("%1: failed: %2").replace("%1", r.mdn).replace("%2", r.detail)
        if r.note_code == "not_on_list":
            line += "\n   " + (
                self.tr(
                    "%1 is not a member of Vibes list %2 as far as this workspace knows; Vibes texts only the "
                    "list's members, so the test may not arrive."
                )
                .replace("%1", r.mdn)
                .replace("%2", self._list_name(r.params.get("list", "")))
            )
        elif r.note:
            line += "\n   " + r.note
        return line

    def _list_name(self, list_id: str) -> str:
        try:
            row = self.conn.execute("SELECT name FROM vibes_lists WHERE id = ?", (list_id,)).fetchone()
        except sqlite3.Error:
            row = None
        return f"{row[0]} ({list_id})" if row else list_id

    def numbers(self) -> list[str]:
        """The numbers typed, as E.164 (SendTestError when one is invalid or there are none)."""
        return check_numbers([self.numbers_edit.text()])

    def _check(self, problem: str | None = None) -> bool:
        """Say what stops the test from going (or nothing); enable Send when it can."""
        if problem is None and self.rendered is None:
            return False
        if problem is None:
            try:
                self.numbers()
            except SendTestError as exc:
                problem = self.problem_text(exc)
        busy = any(r.is_running() for r in self.runners)
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        self.send_button.setEnabled(problem is None and not busy)
        return problem is None

    # -- sending -----------------------------------------------------------------------------------
    def send(self) -> TaskRunner[SendTestReport, None] | None:
        """Send the test on a worker thread; the results show when it is done."""
        if not self._check() or self.root is None:
            return None
        numbers = self.numbers()
        try:  # what can be checked here is said here, in the app's language (the send checks again)
            prepare_test(self.conn, self.campaign, self.step, self.person_id(), numbers)
        except SendTestError as exc:
            self._check(self.problem_text(exc))
            self.send_button.setEnabled(True)  # once it is put right (a short code set), Send tries again
            return None
        except sqlite3.Error as exc:
            self._check(self.tr("The workspace could not be read: %1").replace("%1", str(exc)))
            self.send_button.setEnabled(True)
            return None
        if self.keep_numbers.isChecked():
            text = ", ".join(numbers)
            try:
                if text != ", ".join(parse_test_numbers(self._stored_numbers())):
                    set_setting(self.conn, "test_numbers", text)
            except (SettingError, sqlite3.Error) as exc:
                log.warning("test numbers not kept: %s", exc)
        self.send_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.status.setText(self.tr("Sending…"))
        self.results.hide()
        return TaskRunner(
            send_test_job(self.root, self.campaign, self.step, self.person_id(), numbers),
            name="test-send",
            parent=self,
            on_success=self._sent,
            on_failure=self._failed,
        ).start(keep_in=self.runners)

    def _sent(self, report: SendTestReport) -> None:
        self.report = report
        self.close_button.setEnabled(True)
        self.results.setText("\n".join(self.result_line(r) for r in report.results))
        self.results.setObjectName("" if report.all_sent else "HintLabel")
        repolish(self.results)
        self.results.show()
        self.status.setText(
            self.tr("Sent to %1 of %2 numbers.").replace("%1", str(report.sent)).replace("%2", str(len(report.results)))
        )
        self._check()

    def _failed(self, message: str) -> None:
        self.close_button.setEnabled(True)
        self.status.setText("")
        self._check(self.tr("The test was not sent: %1").replace("%1", message))
        self.send_button.setEnabled(True)

    # -- closing ------------------------------------------------------------------------------------
    def reject(self) -> None:
        if any(r.is_running() for r in self.runners):
            return  # the send finishes first; Close is enabled again then
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if any(r.is_running() for r in self.runners):
            event.ignore()
            return
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Wait for a send still under way (the window is closing)."""
        for runner in list(self.runners):
            runner.wait(30000)
