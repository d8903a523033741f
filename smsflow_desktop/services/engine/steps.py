"""What each SMS flow step does to whom: its rule (reasons, in order) and its branches.

A step's *branches* are its choices in order, then the step's own fields as the Default;
a choice whose ``then`` is null is Do Nothing (``None`` here). Every person takes the first
branch whose condition holds. The reasons per step type follow the contract's audience
rules; two come before them for every step type: ``already_qualified`` (the campaign's
qualification rule keeps the person out of this run) and ``do_nothing`` (a choice routes
the person to Do Nothing), so ``smart_list = sum(excluded) + recipients`` always holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from smsflow_desktop.model.campaign import (
    SMS_STEP_TYPES,
    Campaign,
    Condition,
    SendSmsChoice,
    SendSmsStep,
    SubscribeChoice,
    SubscribeVibesListStep,
    UnsubscribeChoice,
    UnsubscribeVibesListStep,
)
from smsflow_desktop.model.validation import step_size_problems

PERSON_REASONS = ("blocklisted", "marketing_suspended", "unsubscribed")
RULES: dict[str, tuple[str, ...]] = {
    "send_sms": (*PERSON_REASONS, "no_valid_phone", "not_in_vibes_list", "phone_suppressed", "duplicate_phone"),
    "subscribe_vibes_list": (
        *PERSON_REASONS,
        "no_valid_phone",
        "already_member",
        "phone_suppressed",
        "duplicate_phone",
    ),
    "unsubscribe_vibes_list": ("no_valid_phone", "not_in_vibes_list"),
}
EXTRA_REASONS = ("already_qualified", "do_nothing")


def suppressed_sql(number: str) -> str:
    """SQL that is true when the E.164 number in column ``number`` must never be texted: a
    person with that number is blocklisted or unsubscribed, or the number said STOP to Vibes
    (``number_opt_outs``, kept by the mirror's triggers) and has not opted in since."""
    return (
        f"(EXISTS (SELECT 1 FROM people s WHERE s.phone_e164 = {number} AND (s.blocklisted = 1 OR s.unsubscribed = 1))"
        f" OR EXISTS (SELECT 1 FROM number_opt_outs o WHERE o.mdn = {number}))"
    )


ACTIONS = {"send_sms": "send_sms", "subscribe_vibes_list": "subscribe", "unsubscribe_vibes_list": "unsubscribe"}

SmsStep = SendSmsStep | SubscribeVibesListStep | UnsubscribeVibesListStep


class StepError(ValueError):
    """The step cannot be previewed or run as asked (wrong number, a Wait, no Vibes list)."""


@dataclass(frozen=True)
class Branch:
    """What one branch of a step does: the message (send), list, acquisition campaign (subscribe)."""

    index: int
    vibes_list_id: str
    message: str | None = None
    acquisition_id: str | None = None
    label: str = "Default"


@dataclass(frozen=True)
class StepPlan:
    """A step as the engine sees it: its number (from 1), type, conditions and branches."""

    number: int
    step: SmsStep
    conditions: tuple[Condition, ...]  # one per choice, in order
    branches: tuple[Branch | None, ...]  # choices then Default; None = Do Nothing

    @property
    def type(self) -> str:
        return self.step.type

    @property
    def action(self) -> str:
        return ACTIONS[self.step.type]

    @property
    def reasons(self) -> tuple[str, ...]:
        return RULES[self.step.type]

    @property
    def dedupes(self) -> bool:
        return self.step.type != "unsubscribe_vibes_list"


def _branch(index: int, params: object, label: str) -> Branch | None:
    if params is None:
        return None
    return Branch(
        index,
        getattr(params, "vibes_list_id", None) or "",
        getattr(params, "message", None),
        getattr(params, "acquisition_campaign_id", None),
        label,
    )


def plan_step(campaign: Campaign, number: int) -> StepPlan:
    """The plan of flow step ``number`` (from 1, Waits included); :class:`StepError` if unusable."""
    if not 1 <= number <= len(campaign.flow):
        raise StepError(f"step {number} does not exist; the flow has {len(campaign.flow)} step(s)")
    step = campaign.flow[number - 1]
    if step.type not in SMS_STEP_TYPES:
        raise StepError(f"step {number} is a Wait; choose an SMS step")
    assert isinstance(step, (SendSmsStep, SubscribeVibesListStep, UnsubscribeVibesListStep))
    too_large = step_size_problems(number, step)
    if too_large:
        raise StepError(too_large[0].message)
    branches: list[Branch | None] = []
    choices: Sequence[SendSmsChoice | SubscribeChoice | UnsubscribeChoice] = step.choices
    for i, choice in enumerate(choices):
        branches.append(_branch(i, choice.then, f"Choice {i + 1}"))
    branches.append(_branch(len(step.choices), step, "Default"))
    for b in branches:
        if b is not None and not b.vibes_list_id:
            where = "" if b.label == "Default" else f" ({b.label.lower()})"
            raise StepError(f"step {number}{where} names no Vibes list; choose one to see who it reaches")
    return StepPlan(number, step, tuple(c.when for c in step.choices), tuple(branches))


def first_sms_step(campaign: Campaign) -> int:
    for n, step in enumerate(campaign.flow, start=1):
        if step.type in SMS_STEP_TYPES:
            return n
    raise StepError("the flow has no SMS step to preview")


def sms_step_numbers(campaign: Campaign) -> list[int]:
    return [n for n, s in enumerate(campaign.flow, start=1) if s.type in SMS_STEP_TYPES]
