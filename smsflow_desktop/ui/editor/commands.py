"""Undo commands of the campaign editor: each calls :class:`CampaignDocument` methods only.

Four kinds cover every edit: set a value at a path, insert an item into a list, remove
one, move one. The controller (``ui.editor.controller``) builds them with a translated text that
names the edit ("Delete step 3"), so the Edit menu can say what Undo will undo. Values
are deep-copied in and out so that no two states share a mutable pydantic object.
Several commands can be grouped into one :class:`MacroCommand` (one undo step); it keeps
its children in Python (Qt-parented child commands lose their Python side in PySide6).
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel
from PySide6.QtGui import QUndoCommand

from smsflow_desktop.model.document import CampaignDocument


def _copy(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_copy(deep=True)
    if isinstance(value, (list, dict)):
        return copy.deepcopy(value)
    return value


class SetValueCommand(QUndoCommand):
    """Set the value at ``path`` (``flow[0].message``, ``smart_list.logic``...)."""

    def __init__(self, document: CampaignDocument, path: str, value: Any, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.path = path
        self.new = _copy(value)
        self.old = _copy(document.get(path))

    def redo(self) -> None:
        self.document.set(self.path, _copy(self.new))

    def undo(self) -> None:
        self.document.set(self.path, _copy(self.old))


class InsertItemCommand(QUndoCommand):
    """Insert ``item`` at ``index`` of the list at ``list_path`` (a step, a choice, a filter)."""

    def __init__(self, document: CampaignDocument, list_path: str, index: int, item: Any, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.list_path = list_path
        self.index = max(0, min(index, len(document.get(list_path))))
        self.item = _copy(item)

    def redo(self) -> None:
        self.document.insert(self.list_path, self.index, _copy(self.item))

    def undo(self) -> None:
        self.document.remove(self.list_path, self.index)


class RemoveItemCommand(QUndoCommand):
    """Remove item ``index`` of the list at ``list_path``; undo puts the same item back."""

    def __init__(self, document: CampaignDocument, list_path: str, index: int, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.list_path = list_path
        self.index = index
        self.item = _copy(document.get(list_path)[index])

    def redo(self) -> None:
        self.document.remove(self.list_path, self.index)

    def undo(self) -> None:
        self.document.insert(self.list_path, self.index, _copy(self.item))


class MoveItemCommand(QUndoCommand):
    """Move item ``src`` of the list at ``list_path`` so that it ends at ``dst``."""

    def __init__(self, document: CampaignDocument, list_path: str, src: int, dst: int, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.list_path = list_path
        self.src = src
        self.dst = dst

    def redo(self) -> None:
        self.document.move(self.list_path, self.src, self.dst)

    def undo(self) -> None:
        self.document.move(self.list_path, self.dst, self.src)


class MacroCommand(QUndoCommand):
    """Several commands as one undo step: redone in order, undone in reverse."""

    def __init__(self, text: str, children: list[QUndoCommand]) -> None:
        super().__init__(text)
        self.children = list(children)

    def redo(self) -> None:
        for child in self.children:
            child.redo()

    def undo(self) -> None:
        for child in reversed(self.children):
            child.undo()
