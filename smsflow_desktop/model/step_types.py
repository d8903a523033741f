"""The flow step types: Send SMS Message, Subscribe to and Unsubscribe from a Vibes List, Wait.

Each is declared here once, its models beside its :class:`~.step_registry.StepType`: the
fields (and their kinds), the audience rule, the engine action's name, the palette entry
(English; the GUI translates it in the ``StepTypes`` context), choices, quiet hours. The
models are exactly the steps of the ``smsflow.campaign`` file format; a choice whose
``then`` is null is Do Nothing, and the step's own fields are the Default.

Adding a step type: declare its models and ``register(StepType(...))`` here (or in any module
imported before use, as the tests do), register its engine action with
:func:`smsflow_desktop.services.engine.actions.register_action`, and add its palette texts
to the translations. Everything else reads the registry. This module also offers the
registry's functions, so importing it is enough to see every built-in type.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from smsflow_desktop.model.basics import HHMM, Condition, StrictModel, new_id, weekday_names
from smsflow_desktop.model.step_registry import (
    AUDIENCE_REASONS,
    EXTRA_REASONS,
    FIELD_KINDS,
    MEMBERSHIP_REASONS,
    PERSON_REASONS,
    TRANSLATION_CONTEXT,
    AudienceRule,
    FieldKind,
    FlowStep,
    PaletteEntry,
    StepField,
    StepProblem,
    StepType,
    branches_of,
    categories,
    choices_of,
    find_step_type,
    on_change,
    parse_step,
    references,
    register,
    step_type,
    step_types,
    step_union,
    type_ids,
    unregister,
)
from smsflow_desktop.model.translatable import QT_TRANSLATE_NOOP

__all__ = [
    "AUDIENCE_REASONS",
    "CATEGORY_FLOW",
    "CATEGORY_SMS",
    "EXTRA_REASONS",
    "FIELD_KINDS",
    "MEMBERSHIP_REASONS",
    "PERSON_REASONS",
    "QT_TRANSLATE_NOOP",
    "TRANSLATION_CONTEXT",
    "AudienceRule",
    "FieldKind",
    "FlowStep",
    "PaletteEntry",
    "SendSmsChoice",
    "SendSmsParams",
    "SendSmsStep",
    "StepField",
    "StepProblem",
    "StepType",
    "SubscribeChoice",
    "SubscribeParams",
    "SubscribeVibesListStep",
    "UnsubscribeChoice",
    "UnsubscribeParams",
    "UnsubscribeVibesListStep",
    "WaitStep",
    "branches_of",
    "categories",
    "choices_of",
    "find_step_type",
    "on_change",
    "parse_step",
    "references",
    "register",
    "step_type",
    "step_types",
    "step_union",
    "type_ids",
    "unregister",
]

CATEGORY_SMS = QT_TRANSLATE_NOOP("StepTypes", "SMS")
CATEGORY_FLOW = QT_TRANSLATE_NOOP("StepTypes", "Flow")

# --- Send SMS Message ----------------------------------------------------------------------


class SendSmsParams(StrictModel):
    message: str | None = None
    vibes_list_id: str | None = None


class SendSmsChoice(StrictModel):
    when: Condition
    then: SendSmsParams | None = None


class SendSmsStep(SendSmsParams, FlowStep):
    """Send SMS Message: texts the smart list's members who are on the chosen Vibes list."""

    type: Literal["send_sms"] = "send_sms"
    id: str = Field(default_factory=new_id)
    choices: list[SendSmsChoice] = Field(default_factory=list)


register(
    StepType(
        id="send_sms",
        step_model=SendSmsStep,
        params_model=SendSmsParams,
        choice_model=SendSmsChoice,
        fields=(StepField("message", "message"), StepField("vibes_list_id", "vibes_list")),
        palette=PaletteEntry(
            QT_TRANSLATE_NOOP("StepTypes", "Send SMS Message"),
            QT_TRANSLATE_NOOP("StepTypes", "Text the people of the smart list who are on a Vibes list."),
            "step-send-sms",
            CATEGORY_SMS,
        ),
        audience=AudienceRule(
            (
                *PERSON_REASONS,
                "no_valid_phone",
                "not_in_vibes_list",
                "phone_suppressed",
                "duplicate_phone",
                "frequency_limit",
            )
        ),
        action="send_sms",
        sends_text=True,
    )
)

# --- Subscribe to Vibes List -----------------------------------------------------------------


class SubscribeParams(StrictModel):
    vibes_list_id: str | None = None
    acquisition_campaign_id: str | None = None


class SubscribeChoice(StrictModel):
    when: Condition
    then: SubscribeParams | None = None


class SubscribeVibesListStep(SubscribeParams, FlowStep):
    """Subscribe to Vibes List: starts double opt-in through an acquisition campaign."""

    type: Literal["subscribe_vibes_list"] = "subscribe_vibes_list"
    id: str = Field(default_factory=new_id)
    choices: list[SubscribeChoice] = Field(default_factory=list)


register(
    StepType(
        id="subscribe_vibes_list",
        step_model=SubscribeVibesListStep,
        params_model=SubscribeParams,
        choice_model=SubscribeChoice,
        fields=(StepField("vibes_list_id", "vibes_list"), StepField("acquisition_campaign_id", "acquisition_campaign")),
        palette=PaletteEntry(
            QT_TRANSLATE_NOOP("StepTypes", "Subscribe to Vibes List"),
            QT_TRANSLATE_NOOP("StepTypes", "Start the opt-in to a Vibes list through an acquisition campaign."),
            "step-subscribe",
            CATEGORY_SMS,
        ),
        audience=AudienceRule(
            (*PERSON_REASONS, "no_valid_phone", "already_member", "phone_suppressed", "duplicate_phone")
        ),
        action="subscribe",
        tally=QT_TRANSLATE_NOOP("StepTypes", "%1 people to subscribe"),
    )
)

# --- Unsubscribe from Vibes List -------------------------------------------------------------


class UnsubscribeParams(StrictModel):
    vibes_list_id: str | None = None


class UnsubscribeChoice(StrictModel):
    when: Condition
    then: UnsubscribeParams | None = None


class UnsubscribeVibesListStep(UnsubscribeParams, FlowStep):
    """Unsubscribe from Vibes List: ends each person's subscription to the list."""

    type: Literal["unsubscribe_vibes_list"] = "unsubscribe_vibes_list"
    id: str = Field(default_factory=new_id)
    choices: list[UnsubscribeChoice] = Field(default_factory=list)


register(
    StepType(
        id="unsubscribe_vibes_list",
        step_model=UnsubscribeVibesListStep,
        params_model=UnsubscribeParams,
        choice_model=UnsubscribeChoice,
        fields=(StepField("vibes_list_id", "vibes_list"),),
        palette=PaletteEntry(
            QT_TRANSLATE_NOOP("StepTypes", "Unsubscribe from Vibes List"),
            QT_TRANSLATE_NOOP("StepTypes", "End each person's subscription to a Vibes list."),
            "step-unsubscribe",
            CATEGORY_SMS,
        ),
        # Opting someone out is always allowed (blocklisted people included), at any hour,
        # and people sharing a member number each count.
        audience=AudienceRule(("no_valid_phone", "not_in_vibes_list"), quiet_hours=False),
        action="unsubscribe",
        tally=QT_TRANSLATE_NOOP("StepTypes", "%1 people to unsubscribe"),
    )
)

# --- Wait ------------------------------------------------------------------------------------------


class WaitStep(FlowStep):
    """Wait: parks people for a duration, optionally resuming only on given weekdays at a time."""

    type: Literal["wait"] = "wait"
    id: str = Field(default_factory=new_id)
    duration: str = "1 day"
    resume_weekdays: list[str] | None = None
    resume_time: str | None = None

    @field_validator("resume_weekdays")
    @classmethod
    def _weekdays(cls, v: list[str] | None) -> list[str] | None:
        return weekday_names(v)

    @field_validator("resume_time")
    @classmethod
    def _time(cls, v: str | None) -> str | None:
        if v is not None and not HHMM.match(v):
            raise ValueError(f"resume_time {v!r} is not HH:MM (24-hour)")
        return v


register(
    StepType(
        id="wait",
        step_model=WaitStep,
        fields=(
            StepField("duration", "duration"),
            StepField("resume_weekdays", "weekdays"),
            StepField("resume_time", "time_of_day"),
        ),
        palette=PaletteEntry(
            QT_TRANSLATE_NOOP("StepTypes", "Wait"),
            QT_TRANSLATE_NOOP("StepTypes", "Pause for a while, optionally resuming on chosen weekdays."),
            "step-wait",
            CATEGORY_FLOW,
        ),
        delays=True,
    )
)
