"""Small input widgets shared by the step cards, choice rows and smart-list filters.

* :class:`RefCombo` picks a reference (an SMS message, a Vibes list...) and reports only
  what the user chose (``value_chosen``), never programmatic changes. A value the workspace
  does not know (an imported campaign naming a missing list) stays visible as
  "… (not in this workspace)" so the problem can be seen and fixed.
* :class:`CommitLineEdit` reports its text once, when editing is finished. Ctrl+Z and
  Ctrl+Shift+Z in it act on the campaign, not on the field alone: :func:`undo_with_fields`
  commits what was typed and undoes it as one edit, so the field, its problem and the
  "unsaved" mark all go back at once (and Redo brings the typing back). The Schedule tab's
  spin boxes and date fields do the same (``commit_spin_boxes``, a :class:`PendingEdit` too).
* :func:`mark_problem` draws a field as wrong (red border through the ``problem`` property
  of the stylesheet) with a tooltip and an accessible description saying what to fix.
* :func:`name_for_screen_readers` names a drop-down that has no visible label of its own.
Combo boxes ignore the mouse wheel unless focused, so scrolling a long flow never changes
a field by accident.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel, QUndoGroup, QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QSizePolicy, QWidget

from smsflow_desktop.ui.resources import SPOKEN_LABEL, name_for_screen_readers, repolish

__all__ = ["SPOKEN_LABEL", "name_for_screen_readers"]  # shared with the other rooms through ui.resources


def mark_problem(widget: QWidget, message: str | None, hint: str = "") -> None:
    """Show (or clear) a problem on a field: red border, tooltip, accessible description."""
    has_problem = bool(message)
    if bool(widget.property("problem")) != has_problem:
        widget.setProperty("problem", has_problem)
        repolish(widget)
    widget.setToolTip(message or hint)
    widget.setAccessibleDescription(message or "")


_SHARED_MODELS: dict[tuple[Any, ...], QStandardItemModel] = {}
_SHARED_LIMIT = 256


def _build_model(rows: Iterable[tuple[Any, str]]) -> QStandardItemModel:
    model = QStandardItemModel()
    for value, label in rows:
        item = QStandardItem(label)
        item.setData(value, Qt.ItemDataRole.UserRole)
        model.appendRow(item)
    return model


def shared_model(placeholder: str, items: tuple[tuple[Any, str], ...]) -> QStandardItemModel:
    """One item model for every drop-down offering the same choices (a 200-step flow has
    hundreds of SMS-message drop-downs; filling each one separately is what makes it slow)."""
    key = (placeholder, items)
    model = _SHARED_MODELS.get(key)
    if model is None:
        model = _build_model([(None, placeholder), *items])
        _SHARED_MODELS[key] = model
        if len(_SHARED_MODELS) > _SHARED_LIMIT:  # drop the oldest; drop-downs keep their own reference
            _SHARED_MODELS.pop(next(iter(_SHARED_MODELS)))
    return model


class RefCombo(QComboBox):
    """A drop-down of (value, label) pairs with a "Choose…" placeholder for None."""

    value_chosen = Signal(object)

    def __init__(self, accessible_name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumContentsLength(8)
        self._placeholder = placeholder
        self.missing_label: Callable[[Any], str] | None = None  # how to show a value not offered
        self._items: tuple[tuple[Any, str], ...] = ()
        self._value: Any = None
        self._model: QStandardItemModel | None = None
        self._has_missing = False  # the model has an extra row showing a value that is not offered
        self.activated.connect(self._on_activated)

    def set_items(self, items: Iterable[tuple[Any, str]]) -> None:
        """Replace the choices (keeps the current value, marking it if it is gone)."""
        self._items = tuple(items)
        self._rebuild()

    def _rebuild(self) -> None:
        known = self._value is None or any(value == self._value for value, _ in self._items)
        self._has_missing = not known
        if known:
            model = shared_model(self._placeholder, self._items)
        else:
            label = self.missing_label(self._value) if self.missing_label is not None else ""
            label = label or self.tr("%1 (not in this workspace)").replace("%1", str(self._value))
            model = _build_model([(None, self._placeholder), *self._items, (self._value, label)])
        self.blockSignals(True)
        if model is not self._model:
            self._model = model
            self.setModel(model)
        index = self.findData(self._value) if self._value is not None else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)

    def set_value(self, value: Any) -> None:
        if value == self._value and self._model is not None:
            return
        self._value = value
        index = self.findData(value) if value is not None and self._model is not None else 0
        if self._model is None or index < 0 or self._has_missing:
            self._rebuild()
        else:
            self.blockSignals(True)
            self.setCurrentIndex(index)
            self.blockSignals(False)

    def value(self) -> Any:
        return self._value

    def _on_activated(self, index: int) -> None:
        value = self.itemData(index)
        if value != self._value:
            self._value = value
            self.value_chosen.emit(value)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class CommitLineEdit(QLineEdit):
    """A line edit that emits ``committed(text)`` once editing is finished and the text changed."""

    committed = Signal(str)

    def __init__(self, accessible_name: str, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(placeholder)
        self.setAcceptDrops(False)
        self._committed_text = ""
        self.editingFinished.connect(self._commit)

    def set_text(self, text: str) -> None:
        """Show ``text`` as the committed value (no signal); one too long for the box shows its
        start (a campaign name on a narrow window), unless the user is typing in it."""
        self._committed_text = text
        if self.text() != text:
            self.setText(text)
            if not self.hasFocus():
                self.setCursorPosition(0)

    def committed_text(self) -> str:
        return self._committed_text

    def has_pending_edit(self) -> bool:
        """Whether the field shows typing not yet committed."""
        return self.text() != self._committed_text

    def commit(self) -> None:
        """Report the typing now (as when editing is finished), if there is any."""
        self._commit()

    def _commit(self) -> None:
        text = self.text()
        if text != self._committed_text:
            self._committed_text = text
            self.committed.emit(text)

    def event(self, event: QEvent) -> bool:
        # Escape gives back the committed text instead of leaving a half edit behind.
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and self.isModified()
        ):
            self.setText(self._committed_text)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Undo and Redo belong to the campaign (the window's undo group), not to the field alone.
        group = self.window().findChild(QUndoGroup)
        if event.matches(QKeySequence.StandardKey.Undo):
            if group is not None:
                undo_with_fields(group)
                return
            if self.has_pending_edit():  # no campaign undo here: the typing goes as one
                self.setText(self._committed_text)
                return
        elif event.matches(QKeySequence.StandardKey.Redo) and group is not None:
            redo_with_fields(group)
            return
        super().keyPressEvent(event)


@runtime_checkable
class PendingEdit(Protocol):
    """A field that may show a value not yet committed to the campaign: a :class:`CommitLineEdit`,
    or a spin box or date field of ``commit_spin_boxes``."""

    def has_pending_edit(self) -> bool: ...

    def commit(self) -> None: ...

    def committed_text(self) -> str: ...

    def set_text(self, text: str) -> None: ...


def _focused_edit() -> PendingEdit | None:
    widget = QApplication.focusWidget()
    return widget if isinstance(widget, PendingEdit) else None


def undo_with_fields(group: QUndoGroup) -> None:
    """Undo as from the Edit menu, wherever the focus is. Typing in a field not yet committed
    is committed and undone as one edit (Redo brings it back); if the campaign refuses it or it
    changes nothing, the field just shows its committed text again. Else the last edit of the
    campaign is undone."""
    edit = _focused_edit()
    if edit is not None and edit.has_pending_edit():
        stack = group.activeStack()
        before_text = edit.committed_text()
        before = stack.index() if stack is not None else None
        edit.commit()
        if stack is None or stack.index() == before:
            edit.set_text(before_text)
            return
    group.undo()


def redo_with_fields(group: QUndoGroup) -> None:
    """Redo as from the Edit menu: typing not yet committed is the newest edit, so it is
    committed and nothing older is redone over it."""
    edit = _focused_edit()
    if edit is not None and edit.has_pending_edit():
        edit.commit()
        return
    group.redo()
