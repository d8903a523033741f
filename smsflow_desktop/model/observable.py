"""A tiny observer signal, so the campaign document can announce its changes without Qt.

The document (``model.document``) is plain Python and testable without a display; widgets
connect to its :class:`Signal` attributes and mirror what changed. Callbacks run
synchronously, in connection order, on the thread that emits (always the GUI thread here).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


class Signal:
    """A list of callbacks called with the emitted arguments."""

    __slots__ = ("_name", "_slots")

    def __init__(self, name: str = "") -> None:
        self._slots: list[Callable[..., Any]] = []
        self._name = name

    def connect(self, slot: Callable[..., Any]) -> Callable[..., Any]:
        """Call ``slot`` on every emit; returns it so it can be disconnected later."""
        if slot not in self._slots:
            self._slots.append(slot)
        return slot

    def disconnect(self, slot: Callable[..., Any]) -> None:
        """Stop calling ``slot``; disconnecting an unknown slot does nothing."""
        with contextlib.suppress(ValueError):
            self._slots.remove(slot)

    def emit(self, *args: Any) -> None:
        # Copy: a slot may disconnect itself (or another) while we iterate.
        for slot in list(self._slots):
            slot(*args)

    def __len__(self) -> int:
        return len(self._slots)

    def __repr__(self) -> str:
        return f"<Signal {self._name or '?'} with {len(self._slots)} slot(s)>"
