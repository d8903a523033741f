"""One person: their details and flags, static lists, Vibes memberships, consent and activity history.

:class:`PersonPane` reads one person with ``services.people.get_person`` and
``person_memberships``, their consent history with ``services.consent.person_consent_history``
and their latest activity with ``services.engine.activity_query.person_activity`` (each a
small indexed query). An erased person shows as such, with their consent history. Erase
person… asks the People page to erase the person shown (``erase_requested``); it is off for an
erased person.
"""

from __future__ import annotations

import json
import logging
import sqlite3

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.services.consent import person_consent_history
from smsflow_desktop.services.engine.activity_query import person_activity
from smsflow_desktop.services.people import get_person, person_memberships
from smsflow_desktop.ui.labels import activity_label, person_field_label
from smsflow_desktop.ui.people.consent_history import erased_at, fill_consent_table
from smsflow_desktop.ui.people.people_model import flag_text, person_flags
from smsflow_desktop.ui.qt_util import clear_layout
from smsflow_desktop.ui.resources import icon

log = logging.getLogger(__name__)
DETAIL_FIELDS = ("email", "phone", "country", "state", "city", "postal_code", "time_zone", "external_id")


def _when(text: object) -> str:
    return str(text or "").replace("T", " ").replace("Z", "")


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setWordWrap(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class PersonPane(QScrollArea):
    """Everything about the chosen person."""

    #: The internal id of the person shown, whom the user asked to erase.
    erase_requested = Signal(int)

    def __init__(self, conn: sqlite3.Connection | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conn = conn
        self.person_id: int | None = None
        self.setAccessibleName(self.tr("The chosen person"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QFrame(self)
        body.setObjectName("Section")
        col = QVBoxLayout(body)
        col.setContentsMargins(16, 14, 16, 14)
        col.setSpacing(8)
        self.name = QLabel(self.tr("Choose a person"), body)
        self.name.setObjectName("WelcomeTitle")
        self.name.setWordWrap(True)
        self.erase_button = QPushButton(icon("delete"), self.tr("Erase person…"), body)
        self.erase_button.setEnabled(False)
        self.erase_button.clicked.connect(self._erase_clicked)
        self.problem = QLabel(body)
        self.problem.setObjectName("CardProblems")
        self.problem.setWordWrap(True)
        self.problem.hide()
        head = QHBoxLayout()
        head.addWidget(self.name, 1)
        head.addWidget(self.erase_button, 0, Qt.AlignmentFlag.AlignTop)
        self.flags = QLabel(body)
        self.flags.setObjectName("FlagNote")
        self.flags.setWordWrap(True)
        self.details = QGridLayout()
        self.details.setHorizontalSpacing(14)
        self.details.setVerticalSpacing(4)
        self.lists = QLabel(body)
        self.lists.setWordWrap(True)
        vibes_title = QLabel(self.tr("Vibes subscription lists"), body)
        vibes_title.setObjectName("SectionCaption")
        self.vibes = _table(body, [self.tr("List"), self.tr("Status")])
        self.vibes.setAccessibleName(self.tr("Vibes subscription lists"))
        self.vibes.setMinimumHeight(110)
        consent_title = QLabel(self.tr("Consent history"), body)
        consent_title.setObjectName("SectionCaption")
        self.consent = _table(body, [self.tr("When"), self.tr("What"), self.tr("Source"), self.tr("Proof")])
        self.consent.setAccessibleName(self.tr("Consent history"))
        self.consent.setMinimumHeight(230)
        self.consent.setWordWrap(True)  # what happened and its proof wrap rather than hide past the edge
        self.consent.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for c in (1, 3):
            self.consent.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
        history_title = QLabel(self.tr("Activity history"), body)
        history_title.setObjectName("SectionCaption")
        self.history = _table(body, [self.tr("When"), self.tr("Campaign"), self.tr("What")])
        self.history.setAccessibleName(self.tr("Activity history"))
        self.history.setMinimumHeight(200)
        col.addLayout(head)
        col.addWidget(self.problem)
        col.addWidget(self.flags)
        col.addLayout(self.details)
        col.addWidget(self.lists)
        col.addWidget(vibes_title)
        col.addWidget(self.vibes)
        col.addWidget(consent_title)
        col.addWidget(self.consent)
        col.addWidget(history_title)
        col.addWidget(self.history, 1)
        self.setWidget(body)
        self.flags.hide()

    def show_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        clear_layout(self.details)
        self.vibes.setRowCount(0)
        self.consent.setRowCount(0)
        self.history.setRowCount(0)
        self.lists.setText("")
        self.flags.hide()
        self.problem.hide()
        self.erase_button.setEnabled(False)
        self.erase_button.setToolTip("")
        if person_id is None or self.conn is None:
            self.name.setText(self.tr("Choose a person"))
            return
        try:
            person = get_person(self.conn, person_id)
            memberships = person_memberships(self.conn, person_id)
            history = person_activity(self.conn, person_id, limit=200)
            consent = person_consent_history(self.conn, person_id)
            list_names = dict(self.conn.execute("SELECT id, name FROM vibes_lists").fetchall())
        except sqlite3.Error as exc:
            log.warning("cannot read person %s: %s", person_id, exc)
            self.name.setText(self.tr("This person could not be read: %1").replace("%1", str(exc)))
            return
        if person is None:
            self.name.setText(self.tr("This person is no longer in the workspace."))
            return
        name = f"{person.get('first_name') or ''} {person.get('last_name') or ''}".strip()
        self.name.setText(name or str(person.get("email") or person_id))
        flags = person_flags(person)
        erased = erased_at(consent, person_id)
        if erased is not None:
            self.name.setText(self.tr("Erased person"))
            self.flags.setText(
                self.tr(
                    "Erased on %1 at their request. Their number is kept only as a hash, so it is never texted again."
                ).replace("%1", _when(erased)[:10])
            )
            self.flags.show()
            self.erase_button.setToolTip(self.tr("This person is already erased."))
        else:
            self.erase_button.setEnabled(True)
            self.erase_button.setToolTip(
                self.tr("Remove this person's name, e-mail address, number and fields at their request")
            )
            if flags:
                self.flags.setText(self.tr("Not texted: %1").replace("%1", flag_text(flags)))
                self.flags.show()
        values = dict(person)
        values["phone"] = person.get("phone_e164") or person.get("phone_raw") or ""
        if person.get("phone_raw") and person.get("phone_e164") and person["phone_raw"] != person["phone_e164"]:
            # the number as texted, then as it was written ("(206) 574-9548" brings its own brackets)
            values["phone"] = (
                self.tr("%1 · as entered: %2")
                .replace("%1", str(person["phone_e164"]))
                .replace("%2", str(person["phone_raw"]))
            )
        rows = [(person_field_label(k), str(values.get(k) or "—")) for k in DETAIL_FIELDS]
        try:
            custom = json.loads(str(person.get("custom_fields") or "{}"))
        except ValueError:
            custom = {}
        rows += [(str(k), str(v)) for k, v in sorted(custom.items())] if isinstance(custom, dict) else []
        for r, (label, value) in enumerate(rows):
            key = QLabel(label, self)
            key.setObjectName("FieldLabel")
            text = QLabel(value, self)
            text.setWordWrap(True)
            self.details.addWidget(key, r, 0)
            self.details.addWidget(text, r, 1)
        self.details.setColumnStretch(1, 1)
        self.lists.setText(self.tr("Static lists: %1").replace("%1", ", ".join(memberships.static_lists) or "—"))
        self.vibes.setRowCount(len(memberships.vibes))
        for r, m in enumerate(memberships.vibes):
            if m.active:
                status = self.tr("Subscribed since %1").replace("%1", _when(m.opt_in_date)[:10] or "—")
            else:
                status = self.tr("Opted out %1").replace("%1", _when(m.opt_out_date)[:10] or "—")
                if m.opt_out_reason:
                    status += f" ({m.opt_out_reason})"
            for c, value in enumerate([f"{m.list_name or m.list_id} ({m.list_id})", status]):
                self.vibes.setItem(r, c, QTableWidgetItem(value))
        fill_consent_table(self.consent, consent, list_names, person_id)
        self.history.setRowCount(len(history))
        for r, a in enumerate(history):
            campaign = f"{a.campaign} · {self.tr('run %1').replace('%1', str(a.run_id))}" if a.run_id else a.campaign
            what = activity_label(a.type) + (f": {a.detail}" if a.detail else "")
            for c, value in enumerate([_when(a.at)[:16], campaign, what]):
                item = QTableWidgetItem(value)
                item.setToolTip(what)
                self.history.setItem(r, c, item)

    def show_problem(self, text: str) -> None:
        """Say in one line, under the name, what went wrong with the person shown."""
        self.problem.setText(text)
        self.problem.show()

    def _erase_clicked(self) -> None:
        if self.person_id is not None:
            self.erase_requested.emit(self.person_id)
