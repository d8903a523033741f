"""What each flow step that acts on people does to whom: its rule (reasons, in order) and its branches.

A step's *branches* are its choices in order, then the step's own fields as the Default;
a choice whose ``then`` is null is Do Nothing (``None`` here). Every person takes the first
branch whose condition holds. The reasons of each step type are its audience rule in the
registry (:mod:`smsflow_desktop.model.step_types`, the contract's rules); two come before
them for every step type: ``already_qualified`` (the campaign's qualification rule keeps the
person out of this run) and ``do_nothing`` (a choice routes the person to Do Nothing), so
``smart_list = sum(excluded) + recipients`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from smsflow_desktop.model.campaign import Campaign, Condition
from smsflow_desktop.model.step_types import AudienceRule, FlowStep, StepType, choices_of, step_type
from smsflow_desktop.model.validation import step_size_problems
from smsflow_desktop.services.engine.actions import find_engine_action


def suppressed_sql(number: str) -> str:
    """SQL that is true when the E.164 number in column ``number`` must never be texted: a
    person with that number is blocklisted or unsubscribed, or the number said STOP to Vibes
    (``number_opt_outs``, kept by the mirror's triggers) and has not opted in since."""
    return (
        f"(EXISTS (SELECT 1 FROM people s WHERE s.phone_e164 = {number} AND (s.blocklisted = 1 OR s.unsubscribed = 1))"
        f" OR EXISTS (SELECT 1 FROM number_opt_outs o WHERE o.mdn = {number}))"
    )


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
    step: FlowStep
    conditions: tuple[Condition, ...]  # one per choice, in order
    branches: tuple[Branch | None, ...]  # choices then Default; None = Do Nothing

    @property
    def type(self) -> str:
        return self.step.type

    @property
    def step_type(self) -> StepType:
        return step_type(self.step.type)

    @property
    def action(self) -> str:
        action = self.step_type.action
        assert action is not None  # a plan is made for steps that act on people only
        return action

    @property
    def audience(self) -> AudienceRule:
        audience = self.step_type.audience
        assert audience is not None  # as for the action
        return audience

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.audience.reasons

    @property
    def dedupes(self) -> bool:
        """Whether the step acts once per number (``duplicate_phone``)."""
        return self.audience.dedupes

    @property
    def quiet_hours(self) -> bool:
        """Whether the step's requests wait for the campaign's quiet-hours window."""
        return self.audience.quiet_hours

    @property
    def sends_text(self) -> bool:
        return self.step_type.sends_text


def _branch(st: StepType, index: int, params: object, label: str) -> Branch | None:
    if params is None:
        return None
    return Branch(
        index,
        st.value(params, "vibes_list") or "",
        st.value(params, "message"),
        st.value(params, "acquisition_campaign"),
        label,
    )


def plan_step(campaign: Campaign, number: int) -> StepPlan:
    """The plan of flow step ``number`` (from 1, Waits included); :class:`StepError` if unusable."""
    if not 1 <= number <= len(campaign.flow):
        raise StepError(f"step {number} does not exist; the flow has {len(campaign.flow)} step(s)")
    step = campaign.flow[number - 1]
    st = step_type(step.type)
    if st.action is None:
        raise StepError(f"step {number} is a {st.palette.title}; choose an SMS step")
    if find_engine_action(st.action) is None:
        raise StepError(f"step {number}: no engine action {st.action!r} is registered for {st.palette.title}")
    too_large = step_size_problems(number, step)
    if too_large:
        raise StepError(too_large[0].message)
    choices = choices_of(step)
    branches = [_branch(st, i, choice.then, f"Choice {i + 1}") for i, choice in enumerate(choices)]
    branches.append(_branch(st, len(choices), step, "Default"))
    if st.field_names("vibes_list"):
        for b in branches:
            if b is not None and not b.vibes_list_id:
                where = "" if b.label == "Default" else f" ({b.label.lower()})"
                raise StepError(f"step {number}{where} names no Vibes list; choose one to see who it reaches")
    return StepPlan(number, step, tuple(c.when for c in choices), tuple(branches))


def acts_on_people(campaign: Campaign, number: int) -> bool:
    """Whether flow step ``number`` (from 1) does something to people (not a Wait)."""
    return step_type(campaign.flow[number - 1].type).acts_on_people


def first_sms_step(campaign: Campaign) -> int:
    for n in range(1, len(campaign.flow) + 1):
        if acts_on_people(campaign, n):
            return n
    raise StepError("the flow has no SMS step to preview")


def sms_step_numbers(campaign: Campaign) -> list[int]:
    """The numbers (from 1) of the flow's steps that act on people."""
    return [n for n in range(1, len(campaign.flow) + 1) if acts_on_people(campaign, n)]
