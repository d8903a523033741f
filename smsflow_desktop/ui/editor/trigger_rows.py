"""One smart-list trigger as a row: what fires it and what it listens to.

A trigger (``smart_list.triggers``) puts a person into the flow the moment it fires for them
while the campaign is active. Its row shows the trigger's type and one drop-down for its
subject: the Vibes list of an opt-in or opt-out, the static list of ``added_to_list``, the
campaign whose bounces count (or any campaign); ``person_is_created`` has none. Like
:class:`~smsflow_desktop.ui.editor.filter_rows.FilterRow`, a row reports edits as
``field_changed(row, field, value)`` and draws validation problems on its drop-down, and on a
narrow tab (:meth:`TriggerRow.set_narrow`) puts the drop-down under its title.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QToolButton, QWidget

from smsflow_desktop.model.campaign import (
    AddedToListTrigger,
    PersonIsCreatedTrigger,
    SmsBouncesTrigger,
    SubscribesToVibesListTrigger,
    UnsubscribesFromVibesListTrigger,
)
from smsflow_desktop.model.validation import Problem
from smsflow_desktop.ui.editor.field_widgets import RefCombo, mark_problem
from smsflow_desktop.ui.editor.reflow import place_title_row
from smsflow_desktop.ui.labels import trigger_type_label
from smsflow_desktop.ui.resources import icon, pixmap, repolish
from smsflow_desktop.ui.workspace_data import Catalog

#: The field that names a trigger type's subject ("" for none).
SUBJECT_FIELDS: dict[str, str] = {
    "subscribes_to_vibes_list": "vibes_list_id",
    "unsubscribes_from_vibes_list": "vibes_list_id",
    "sms_bounces": "campaign",
    "person_is_created": "",
    "added_to_list": "list",
}


def new_trigger(kind: str) -> Any:
    """A fresh trigger of type ``kind``, its subject still to choose."""
    return {
        "subscribes_to_vibes_list": lambda: SubscribesToVibesListTrigger(vibes_list_id=""),
        "unsubscribes_from_vibes_list": lambda: UnsubscribesFromVibesListTrigger(vibes_list_id=""),
        "sms_bounces": lambda: SmsBouncesTrigger(),
        "person_is_created": lambda: PersonIsCreatedTrigger(),
        "added_to_list": lambda: AddedToListTrigger(list=""),
    }[kind]()


class TriggerRow(QFrame):
    """A trigger with its subject and a delete button."""

    field_changed = Signal(int, str, object)
    remove_requested = Signal(int)

    def __init__(self, trigger: Any, catalog: Catalog, row: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TriggerRow")
        self.row = row
        self.type_id: str = trigger.type
        self.field = SUBJECT_FIELDS.get(self.type_id, "")
        self.narrow = False
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(12, 8, 8, 8)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(6)
        self.badge = badge = QLabel(self)
        badge.setPixmap(pixmap("trigger", 18, self))
        badge.setFixedWidth(22)
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(trigger_type_label(self.type_id), self)
        self.title.setObjectName("FilterTitle")
        metrics = self.title.fontMetrics()  # every row's subject starts at the same place
        self.title_width = max(metrics.horizontalAdvance(trigger_type_label(t)) for t in SUBJECT_FIELDS) + 16
        self.title.setMinimumWidth(self.title_width)
        self.combo: RefCombo | None = None
        self.note: QLabel | None = None
        self.subject: QWidget
        if self.field:
            placeholder = {
                "vibes_list_id": self.tr("Choose a Vibes list…"),
                "list": self.tr("Choose a static list…"),
                "campaign": self.tr("Any campaign"),
            }[self.field]
            self.combo = RefCombo(self._prefix(), placeholder, self)
            self.combo.value_chosen.connect(self._chosen)
            self.subject = self.combo
            self.title.setBuddy(self.combo)  # what screen readers call the drop-down
        else:
            self.note = QLabel(self.tr("Anyone added to the workspace, by an import or in the app"), self)
            self.note.setObjectName("Muted")
            self.subject = self.note
        self.remove_button = QToolButton(self)
        self.remove_button.setIcon(icon("delete"))
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.row))
        self._place()
        self.set_catalog(catalog)
        self.set_trigger(trigger)
        self.set_row(row)

    def _place(self) -> None:
        place_title_row(
            self._grid,
            narrow=self.narrow,
            lead=self.badge,
            title=self.title,
            inputs=self.subject,
            remove=self.remove_button,
        )

    def set_narrow(self, narrow: bool) -> None:
        """The drop-down (or the note) under the title (a narrow tab), or beside it."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        self.title.setWordWrap(narrow)  # a long title takes two lines rather than widening the row
        self.title.setMinimumWidth(0 if narrow else self.title_width)
        if self.note is not None:
            self.note.setWordWrap(narrow)
        self._place()

    def _prefix(self) -> str:
        return self.tr("Trigger %1").replace("%1", str(self.row + 1)) + ": " + trigger_type_label(self.type_id)

    def _chosen(self, value: Any) -> None:
        if self.field == "campaign":
            self.field_changed.emit(self.row, self.field, value or None)
        else:
            self.field_changed.emit(self.row, self.field, value or "")

    def set_row(self, row: int) -> None:
        self.row = row
        self.setAccessibleName(self._prefix())
        if self.combo is not None:
            self.combo.setAccessibleName(self._prefix())
        self.remove_button.setAccessibleName(self.tr("Delete trigger %1").replace("%1", str(row + 1)))
        self.remove_button.setToolTip(self.tr("Delete this trigger"))

    def set_catalog(self, catalog: Catalog) -> None:
        if self.combo is None:
            return
        if self.field == "vibes_list_id":
            self.combo.set_items((i, f"{n} ({i})") for i, n in catalog.vibes_lists)
        elif self.field == "list":
            self.combo.set_items((n, n) for n in catalog.static_lists)
        else:
            names = sorted(catalog.refs.campaigns or (), key=str.casefold)
            self.combo.set_items((n, n) for n in names)

    def set_trigger(self, trigger: Any) -> None:
        if self.combo is not None:
            self.combo.set_value(getattr(trigger, self.field, None) or None)

    def widget_for(self, field: str) -> QWidget | None:
        return self.combo if field == self.field else None

    def set_problems(self, problems: list[tuple[Problem, str]]) -> None:
        """Problems of this trigger with their translated text."""
        if self.combo is not None:
            mark_problem(self.combo, "\n".join(text for _p, text in problems) or None)
        state = "problem" if problems else "ok"
        if self.property("state") != state:
            self.setProperty("state", state)
            repolish(self)
