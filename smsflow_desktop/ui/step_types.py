"""The flow's step types as the GUI shows them, and the two drag-and-drop MIME types of the flow editor.

The step types are the registry in :mod:`smsflow_desktop.model.step_types`; here their palette
entries (English there) are said in the user's language, in the ``StepTypes`` translation
context. The Flow Actions palette lists every registered type; a palette drag carries only
the type id under :data:`MIME_STEP_TYPE`. Reordering a step inside the flow drags its index
under :data:`MIME_STEP_MOVE`, tagged with the flow's token so a drag from another window is not
taken for a move. The palette, the flow view and the tests all build and read drag data with
the functions below, never by hand.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QMimeData

from smsflow_desktop.model.step_types import TRANSLATION_CONTEXT, FlowStep, find_step_type, step_type

MIME_STEP_TYPE = "application/x-smsflow-step-type"
MIME_STEP_MOVE = "application/x-smsflow-step-move"
MIME_STEP_JSON = "application/x-smsflow-step+json"  # the clipboard's copy of a whole step


def translated(text: str) -> str:
    """A palette text (title, description or category) in the user's language."""
    return QCoreApplication.translate(TRANSLATION_CONTEXT, text)


def category_title(category: str) -> str:
    return translated(category)


def step_title(type_id: str) -> str:
    """The step type's title in the user's language (its id when no such type is registered)."""
    st = find_step_type(type_id)
    return translated(st.palette.title) if st is not None else type_id


def step_description(type_id: str) -> str:
    st = find_step_type(type_id)
    return translated(st.palette.description) if st is not None else ""


def sends_text(type_id: str) -> bool:
    """Whether steps of this type text people (their runs count texts and segments)."""
    st = find_step_type(type_id)
    return st is not None and st.sends_text


def new_step(type_id: str) -> FlowStep:
    """A fresh step of the registered type ``type_id`` (KeyError names an unknown one)."""
    return step_type(type_id).new_step()


# -- drag data ------------------------------------------------------------------------------


def step_type_mime(type_id: str) -> QMimeData:
    """What a palette drag carries: the step type id, nothing else."""
    step_type(type_id)
    data = QMimeData()
    data.setData(MIME_STEP_TYPE, type_id.encode("utf-8"))
    return data


def read_step_type(mime: QMimeData) -> str | None:
    """The step type id of palette drag data, or None if it is not one we know."""
    if not mime.hasFormat(MIME_STEP_TYPE):
        return None
    type_id = bytes(mime.data(MIME_STEP_TYPE).data()).decode("utf-8", "replace")
    return type_id if find_step_type(type_id) is not None else None


def step_move_mime(token: str, index: int) -> QMimeData:
    """What a reorder drag carries: the flow's token and the dragged step's index."""
    data = QMimeData()
    data.setData(MIME_STEP_MOVE, f"{token}:{index}".encode("ascii"))
    return data


def read_step_move(mime: QMimeData, token: str) -> int | None:
    """The dragged step's index when the drag started in the flow with ``token``."""
    if not mime.hasFormat(MIME_STEP_MOVE):
        return None
    text = bytes(mime.data(MIME_STEP_MOVE).data()).decode("ascii", "replace")
    source, _, index = text.rpartition(":")
    if source != token or not index.isdigit():
        return None
    return int(index)
