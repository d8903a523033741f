"""The registry of flow step types and the two drag-and-drop MIME types of the flow editor.

The Flow Actions palette lists :data:`STEP_TYPES` (id, title, icon, category, the params
model and the step model); a palette drag carries only the type id under
:data:`MIME_STEP_TYPE`. Reordering a step inside the flow drags its index under
:data:`MIME_STEP_MOVE`, tagged with the flow's token so a drag from another window is not
taken for a move. The palette, the flow view and the tests all build and read drag data
with the functions below, never by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData

from smsflow_desktop.model.campaign import (
    SendSmsParams,
    SendSmsStep,
    SubscribeParams,
    SubscribeVibesListStep,
    UnsubscribeParams,
    UnsubscribeVibesListStep,
    WaitStep,
)

MIME_STEP_TYPE = "application/x-smsflow-step-type"
MIME_STEP_MOVE = "application/x-smsflow-step-move"
MIME_STEP_JSON = "application/x-smsflow-step+json"  # the clipboard's copy of a whole step

CATEGORY_SMS = QT_TRANSLATE_NOOP("StepTypes", "SMS")
CATEGORY_FLOW = QT_TRANSLATE_NOOP("StepTypes", "Flow")
CATEGORIES: tuple[str, ...] = (CATEGORY_SMS, CATEGORY_FLOW)


def category_title(category: str) -> str:
    return QCoreApplication.translate("StepTypes", category)


@dataclass(frozen=True)
class StepType:
    """One kind of flow step as the palette shows it."""

    id: str
    title: str  # English source text; show :meth:`display_title`
    icon: str  # icon name under resources/icons
    category: str
    step_model: type[BaseModel]
    params_model: type[BaseModel] | None
    description: str
    supports_choices: bool

    def display_title(self) -> str:
        return QCoreApplication.translate("StepTypes", self.title)

    def display_description(self) -> str:
        return QCoreApplication.translate("StepTypes", self.description)

    def display_category(self) -> str:
        return QCoreApplication.translate("StepTypes", self.category)

    def new_step(self) -> BaseModel:
        """A fresh step of this type with a new id and empty fields."""
        return self.step_model()


STEP_TYPES: dict[str, StepType] = {
    t.id: t
    for t in (
        StepType(
            "send_sms",
            QT_TRANSLATE_NOOP("StepTypes", "Send SMS Message"),
            "step-send-sms",
            CATEGORY_SMS,
            SendSmsStep,
            SendSmsParams,
            QT_TRANSLATE_NOOP("StepTypes", "Text the people of the smart list who are on a Vibes list."),
            True,
        ),
        StepType(
            "subscribe_vibes_list",
            QT_TRANSLATE_NOOP("StepTypes", "Subscribe to Vibes List"),
            "step-subscribe",
            CATEGORY_SMS,
            SubscribeVibesListStep,
            SubscribeParams,
            QT_TRANSLATE_NOOP("StepTypes", "Start the opt-in to a Vibes list through an acquisition campaign."),
            True,
        ),
        StepType(
            "unsubscribe_vibes_list",
            QT_TRANSLATE_NOOP("StepTypes", "Unsubscribe from Vibes List"),
            "step-unsubscribe",
            CATEGORY_SMS,
            UnsubscribeVibesListStep,
            UnsubscribeParams,
            QT_TRANSLATE_NOOP("StepTypes", "End each person's subscription to a Vibes list."),
            True,
        ),
        StepType(
            "wait",
            QT_TRANSLATE_NOOP("StepTypes", "Wait"),
            "step-wait",
            CATEGORY_FLOW,
            WaitStep,
            None,
            QT_TRANSLATE_NOOP("StepTypes", "Pause for a while, optionally resuming on chosen weekdays."),
            False,
        ),
    )
}


def step_type(type_id: str) -> StepType:
    """The registered type; KeyError names the unknown id."""
    try:
        return STEP_TYPES[type_id]
    except KeyError:
        raise KeyError(f"unknown step type {type_id!r}") from None


def new_step(type_id: str) -> BaseModel:
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
    return type_id if type_id in STEP_TYPES else None


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
