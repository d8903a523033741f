"""Spin boxes and date and time fields whose Ctrl+Z and Ctrl+Shift+Z act on the campaign.

A value is committed when the field's ``editingFinished`` is handled (the Schedule tab makes
it one undoable edit then); what the field shows until then is a *pending* edit, as typing in
a :class:`~smsflow_desktop.ui.editor.field_widgets.CommitLineEdit` is. Undo and Redo in these
fields therefore go through :func:`~smsflow_desktop.ui.editor.field_widgets.undo_with_fields`
like the flow's text fields: a pending value is committed and undone as one edit (Redo brings
it back), one the campaign refuses is dropped, and otherwise the campaign's last edit is
undone, with its field, its problem and the "unsaved" mark. Without these classes Qt's own
Ctrl+Z undid the field's text alone, leaving the campaign as it was.

The value counts as committed whenever the code sets it (``setValue``, ``setTime``,
``setDate``, ``setDateTime``: the tab mirroring the document); the arrows, the wheel and
typing change it without committing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QDateTimeEdit, QSpinBox, QTimeEdit, QWidget

from smsflow_desktop.ui.editor.field_widgets import redo_with_fields, undo_with_fields

if TYPE_CHECKING:
    _Base = QAbstractSpinBox
else:
    _Base = object


class _CommitsToCampaign(_Base):
    """The pending-edit protocol of ``field_widgets`` for a spin box (mixed in before the Qt class)."""

    _committed: object = None

    def _setup(self) -> None:
        self._mark_committed()

    def _value(self) -> object:
        raise NotImplementedError

    def _show(self, value: object) -> None:
        raise NotImplementedError

    def _mark_committed(self) -> None:
        self._committed = self._value()

    def committed_text(self) -> str:
        return str(self._committed)

    def has_pending_edit(self) -> bool:
        """Whether the field shows a value it was not set to (stepped or typed, not yet committed)."""
        return self._value() != self._committed

    def commit(self) -> None:
        """Report the value now, as when editing is finished."""
        self.interpretText()
        self.editingFinished.emit()

    def set_text(self, _text: str) -> None:
        """Show the committed value again (what the field showed before the pending edit)."""
        self._show(self._committed)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        group = self.window().findChild(QUndoGroup)
        if group is not None and event.matches(QKeySequence.StandardKey.Undo):
            undo_with_fields(group)
            return
        if group is not None and event.matches(QKeySequence.StandardKey.Redo):
            redo_with_fields(group)
            return
        super().keyPressEvent(event)


class CommitSpinBox(_CommitsToCampaign, QSpinBox):
    """A spin box whose Undo and Redo act on the campaign."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._setup()

    def _value(self) -> object:
        return self.value()

    def _show(self, value: object) -> None:
        QSpinBox.setValue(self, int(value))  # type: ignore[call-overload]

    def setValue(self, value: int) -> None:
        super().setValue(value)
        self._mark_committed()


class CommitTimeEdit(_CommitsToCampaign, QTimeEdit):
    """A time field whose Undo and Redo act on the campaign."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._setup()

    def _value(self) -> object:
        return self.time()

    def _show(self, value: object) -> None:
        QTimeEdit.setTime(self, value)  # type: ignore[arg-type]

    def setTime(self, value: QTime) -> None:
        super().setTime(value)
        self._mark_committed()


class CommitDateEdit(_CommitsToCampaign, QDateEdit):
    """A date field whose Undo and Redo act on the campaign."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._setup()

    def _value(self) -> object:
        return self.date()

    def _show(self, value: object) -> None:
        QDateEdit.setDate(self, value)  # type: ignore[arg-type]

    def setDate(self, value: QDate) -> None:
        super().setDate(value)
        self._mark_committed()


class CommitDateTimeEdit(_CommitsToCampaign, QDateTimeEdit):
    """A date-and-time field whose Undo and Redo act on the campaign."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._setup()

    def _value(self) -> object:
        return self.dateTime()

    def _show(self, value: object) -> None:
        QDateTimeEdit.setDateTime(self, value)  # type: ignore[arg-type]

    def setDateTime(self, value: QDateTime) -> None:
        super().setDateTime(value)
        self._mark_committed()
