"""Campaign validation: every problem with its step, field, stable code, severity and message.

The editor draws these (red underline, badge, tooltip), the command line prints them and
``run`` refuses a campaign that has any error. ``validate_campaign`` needs to know what the
workspace holds (:class:`WorkspaceRefs`); without it, reference checks are skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from smsflow_desktop.model.campaign import (
    OPERATORS,
    PERSON_FIELDS,
    VALUELESS_OPERATORS,
    Campaign,
    Condition,
    MemberOfListFilter,
    MemberOfVibesListFilter,
    PersonFieldFilter,
    SendSmsStep,
    SubscribedToVibesListFilter,
    SubscribeVibesListStep,
    UnsubscribeVibesListStep,
    WaitStep,
)
from smsflow_desktop.model.duration import DurationError, parse_duration
from smsflow_desktop.model.logic import LogicError, parse_logic

MAX_MESSAGE_CHARS = 900
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing to fix. ``step`` counts flow steps from 1 (None: not about a step)."""

    code: str
    message: str
    step: int | None = None
    field: str | None = None
    severity: Severity = "error"

    def as_dict(self) -> dict[str, object]:
        return {
            "step": self.step,
            "field": self.field,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass
class WorkspaceRefs:
    """What a campaign may refer to: message bodies by name, Vibes lists, acquisition
    campaigns with the lists they feed, static lists, custom person fields."""

    messages: Mapping[str, str] = field(default_factory=dict)
    vibes_lists: Mapping[str, str] = field(default_factory=dict)  # id -> name
    acquisition_campaigns: Mapping[str, frozenset[str]] = field(default_factory=dict)
    static_lists: frozenset[str] = frozenset()
    custom_fields: frozenset[str] = frozenset()


def _condition_problems(cond: Condition, step: int | None, where: str, refs: WorkspaceRefs | None) -> list[Problem]:
    out: list[Problem] = []
    known = set(PERSON_FIELDS) | (set(refs.custom_fields) if refs else set())
    if not cond.field.strip():
        out.append(Problem("condition.field_missing", "Choose a person field.", step, f"{where}.field"))
    elif refs is not None and cond.field not in known:
        out.append(
            Problem(
                "condition.field_unknown",
                f"No person field is called {cond.field!r} in this workspace.",
                step,
                f"{where}.field",
            )
        )
    if cond.operator not in OPERATORS:  # pragma: no cover - the model forbids it
        out.append(
            Problem("condition.operator_unknown", f"Unknown operator {cond.operator!r}.", step, f"{where}.operator")
        )
    if cond.operator not in VALUELESS_OPERATORS and not [v for v in cond.values if v.strip()]:
        out.append(Problem("condition.value_missing", "Enter at least one value.", step, f"{where}.values"))
    if cond.operator == "in_past_days":
        if not all(v.strip().isdigit() for v in cond.values if v.strip()):
            out.append(
                Problem(
                    "condition.days_invalid", "'in past days' needs a whole number of days.", step, f"{where}.values"
                )
            )
    return out


def _smart_list_problems(campaign: Campaign, refs: WorkspaceRefs | None) -> list[Problem]:
    out: list[Problem] = []
    sl = campaign.smart_list
    try:
        parse_logic(sl.logic, len(sl.filters))
    except LogicError as exc:
        code = "smart_list.logic_unknown_filter" if "does not exist" in str(exc) else "smart_list.logic_invalid"
        out.append(Problem(code, f"Filter logic: {exc}.", None, "smart_list.logic"))
    for i, flt in enumerate(sl.filters):
        where = f"smart_list.filters[{i}]"
        if isinstance(flt, PersonFieldFilter):
            out += _condition_problems(flt, None, where, refs)
        elif isinstance(flt, MemberOfListFilter):
            if refs is not None and flt.list not in refs.static_lists:
                out.append(
                    Problem(
                        "smart_list.list_unknown",
                        f"Filter {i + 1}: no static list is called {flt.list!r}.",
                        None,
                        f"{where}.list",
                    )
                )
        elif isinstance(flt, (MemberOfVibesListFilter, SubscribedToVibesListFilter)):
            if refs is not None and flt.vibes_list_id not in refs.vibes_lists:
                out.append(
                    Problem(
                        "smart_list.vibes_list_unknown",
                        f"Filter {i + 1}: Vibes list {flt.vibes_list_id} is not known to this workspace; sync Vibes lists.",
                        None,
                        f"{where}.vibes_list_id",
                    )
                )
    return out


def _message_problems(
    name: str | None, step: int, fld: str, refs: WorkspaceRefs | None, messages: Mapping[str, str]
) -> list[Problem]:
    if not name:
        return [Problem("step.message_missing", "Choose an SMS message.", step, fld)]
    body = messages.get(name)
    if body is None:
        if refs is None:
            return []
        return [Problem("step.message_unknown", f"No SMS message is called {name!r}.", step, fld)]
    if len(body) > MAX_MESSAGE_CHARS:
        return [
            Problem(
                "message.too_long",
                f"SMS message {name!r} has {len(body)} characters; the limit is {MAX_MESSAGE_CHARS}.",
                step,
                fld,
            )
        ]
    return []


def _list_problems(list_id: str | None, step: int, fld: str, refs: WorkspaceRefs | None) -> list[Problem]:
    if not list_id:
        return [Problem("step.vibes_list_missing", "Choose a Vibes list.", step, fld)]
    if refs is not None and list_id not in refs.vibes_lists:
        return [
            Problem(
                "step.vibes_list_unknown",
                f"Vibes list {list_id} is not known to this workspace; sync Vibes lists or choose another.",
                step,
                fld,
            )
        ]
    return []


def _acquisition_problems(
    acq_id: str | None, list_id: str | None, step: int, fld: str, refs: WorkspaceRefs | None
) -> list[Problem]:
    if not acq_id:
        return [Problem("step.acquisition_campaign_missing", "Choose a Vibes acquisition campaign.", step, fld)]
    if refs is None:
        return []
    feeds = refs.acquisition_campaigns.get(acq_id)
    if feeds is None:
        return [
            Problem(
                "step.acquisition_campaign_unknown",
                f"Acquisition campaign {acq_id} is not known to this workspace; sync Vibes or choose another.",
                step,
                fld,
            )
        ]
    if list_id and list_id not in feeds:
        return [
            Problem(
                "step.acquisition_campaign_wrong_list",
                f"Acquisition campaign {acq_id} does not feed Vibes list {list_id}; choose one that does.",
                step,
                fld,
            )
        ]
    return []


def _step_problems(n: int, step: object, refs: WorkspaceRefs | None, messages: Mapping[str, str]) -> list[Problem]:
    out: list[Problem] = []
    if isinstance(step, SendSmsStep):
        out += _message_problems(step.message, n, "message", refs, messages)
        out += _list_problems(step.vibes_list_id, n, "vibes_list_id", refs)
        for i, ch in enumerate(step.choices):
            out += _condition_problems(ch.when, n, f"choices[{i}].when", refs)
            if ch.then is not None:
                out += _message_problems(ch.then.message, n, f"choices[{i}].then.message", refs, messages)
                out += _list_problems(ch.then.vibes_list_id, n, f"choices[{i}].then.vibes_list_id", refs)
    elif isinstance(step, SubscribeVibesListStep):
        out += _list_problems(step.vibes_list_id, n, "vibes_list_id", refs)
        out += _acquisition_problems(
            step.acquisition_campaign_id, step.vibes_list_id, n, "acquisition_campaign_id", refs
        )
        for i, ch in enumerate(step.choices):
            out += _condition_problems(ch.when, n, f"choices[{i}].when", refs)
            if ch.then is not None:
                out += _list_problems(ch.then.vibes_list_id, n, f"choices[{i}].then.vibes_list_id", refs)
                out += _acquisition_problems(
                    ch.then.acquisition_campaign_id,
                    ch.then.vibes_list_id,
                    n,
                    f"choices[{i}].then.acquisition_campaign_id",
                    refs,
                )
    elif isinstance(step, UnsubscribeVibesListStep):
        out += _list_problems(step.vibes_list_id, n, "vibes_list_id", refs)
        for i, ch in enumerate(step.choices):
            out += _condition_problems(ch.when, n, f"choices[{i}].when", refs)
            if ch.then is not None:
                out += _list_problems(ch.then.vibes_list_id, n, f"choices[{i}].then.vibes_list_id", refs)
    elif isinstance(step, WaitStep):
        try:
            parse_duration(step.duration)
        except DurationError as exc:
            out.append(Problem("wait.duration_invalid", str(exc), n, "duration"))
        if step.resume_weekdays is not None and not step.resume_weekdays:
            out.append(
                Problem("wait.weekdays_empty", "Choose at least one weekday to resume on.", n, "resume_weekdays")
            )
    return out


def validate_campaign(
    campaign: Campaign, refs: WorkspaceRefs | None = None, messages: Mapping[str, str] | None = None
) -> list[Problem]:
    """All problems of a campaign, smart list first, then steps in flow order.

    ``messages`` are bodies by name that travel with the campaign (a file's messages); the
    workspace's (``refs.messages``) are looked up too.
    """
    bodies: dict[str, str] = dict(refs.messages) if refs else {}
    bodies.update(messages or {})
    out = _smart_list_problems(campaign, refs)
    if not campaign.flow:
        out.append(Problem("flow.empty", "The flow has no steps; drag a flow action onto it.", None, "flow"))
    for n, step in enumerate(campaign.flow, start=1):
        out += _step_problems(n, step, refs, bodies)
    return out


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
