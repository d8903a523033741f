"""Campaign validation: every problem with its step, field, stable code, severity and message.

The editor draws these (red underline, badge, tooltip), the command line prints them and
``run`` refuses a campaign that has any error. A warning (such as ``no_opt_out_hint``: a text
that can be someone's first from its Vibes list does not say how to opt out) is shown and
reported but never makes a campaign invalid or stops a run. ``validate_campaign`` needs to know what the
workspace holds (:class:`WorkspaceRefs`); without it, reference checks are skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from smsflow_desktop.model.campaign import (
    MAX_CHOICES,
    MAX_FILTERS,
    MAX_FLOW_CHOICES,
    MAX_STEPS,
    MAX_VALUES,
    OPERATORS,
    PERSON_FIELDS,
    VALUELESS_OPERATORS,
    Campaign,
    Condition,
    MemberOfListFilter,
    MemberOfVibesListFilter,
    PersonFieldFilter,
    SmartList,
    SubscribedToVibesListFilter,
    name_problem,
    parse_instant,
)
from smsflow_desktop.model.duration import DurationError, parse_duration
from smsflow_desktop.model.logic import LogicError, Node, Not, Ref, parse_logic
from smsflow_desktop.model.opt_out import FirstText, first_text_branches, has_opt_out, opt_out_hint
from smsflow_desktop.model.schedule import next_runs, zone_or_none
from smsflow_desktop.model.step_types import StepType, choices_of, find_step_type

MAX_MESSAGE_CHARS = 900
#: Values a smart list's filters hold in all, a filter counted each time the logic names it
#: (each becomes a SQL parameter; SQLite allows 32,766 in one statement, and a step's choices
#: need room too).
MAX_SMART_LIST_VALUES = 4000
#: Values one step's choice conditions hold in all (the engine repeats them per Vibes list).
MAX_STEP_CHOICE_VALUES = 200
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing to fix. ``step`` counts flow steps from 1 (None: not about a step).
    ``hint``: text to add that would fix it (the opt-out sentence), when there is one."""

    code: str
    message: str
    step: int | None = None
    field: str | None = None
    severity: Severity = "error"
    hint: str | None = None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "step": self.step,
            "field": self.field,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }
        if self.hint is not None:
            out["hint"] = self.hint
        return out


@dataclass
class WorkspaceRefs:
    """What a campaign may refer to: message bodies by name, Vibes lists, acquisition
    campaigns with the lists they feed, static lists, custom person fields."""

    messages: Mapping[str, str] = field(default_factory=dict)
    vibes_lists: Mapping[str, str] = field(default_factory=dict)  # id -> name
    acquisition_campaigns: Mapping[str, frozenset[str]] = field(default_factory=dict)
    static_lists: frozenset[str] = frozenset()
    custom_fields: frozenset[str] = frozenset()
    campaigns: frozenset[str] | None = None  # campaign names (None: not known, not checked)
    default_time_zone: str = "UTC"  # the zone of a recurrence that names none
    language: str = ""  # the workspace's language (``ui.language``): the opt-out hint's when a text shows none


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
    if cond.operator == "in_past_days" and not all(v.strip().isdigit() for v in cond.values if v.strip()):
        out.append(
            Problem("condition.days_invalid", "'in past days' needs a whole number of days.", step, f"{where}.values")
        )
    return out


def _uses(node: Node, counts: dict[int, int]) -> None:
    """How often the logic names each filter (``1 or 1`` names filter 1 twice)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Ref):
            counts[item.number] = counts.get(item.number, 0) + 1
        elif isinstance(item, Not):
            stack.append(item.operand)
        else:
            stack.extend(item.operands)


def smart_list_values(smart_list: SmartList, tree: Node) -> int:
    """The values the smart list's filters hold, each filter counted as often as the logic
    names it (a filter without values counts 1)."""
    counts: dict[int, int] = {}
    _uses(tree, counts)
    total = 0
    for number, uses in counts.items():
        if 1 <= number <= len(smart_list.filters):
            flt = smart_list.filters[number - 1]
            total += uses * max(1, len(flt.values) if isinstance(flt, PersonFieldFilter) else 1)
    return total


def smart_list_size_problems(smart_list: SmartList) -> list[Problem]:
    """What makes a smart list too large to search (too many filters, values or a logic
    too long or too deep), or nothing. The engine refuses to compile such a smart list."""
    out: list[Problem] = []
    if len(smart_list.filters) > MAX_FILTERS:
        out.append(
            Problem(
                "smart_list.too_many_filters",
                f"The smart list has {len(smart_list.filters)} filters; the limit is {MAX_FILTERS}.",
                None,
                "smart_list.filters",
            )
        )
    for i, flt in enumerate(smart_list.filters):
        if isinstance(flt, PersonFieldFilter) and len(flt.values) > MAX_VALUES:
            out.append(
                Problem(
                    "condition.too_many_values",
                    f"Filter {i + 1} lists {len(flt.values)} values; a filter may list at most {MAX_VALUES} "
                    "(put a long list of people in a static list instead).",
                    None,
                    f"smart_list.filters[{i}].values",
                )
            )
    try:
        tree = parse_logic(smart_list.logic, len(smart_list.filters))
    except LogicError as exc:
        if exc.code in ("too_long", "too_deep"):
            out.append(Problem(f"smart_list.logic_{exc.code}", f"Filter logic: {exc}.", None, "smart_list.logic"))
        return out
    total = smart_list_values(smart_list, tree)
    if total > MAX_SMART_LIST_VALUES:
        out.append(
            Problem(
                "smart_list.too_large",
                f"The smart list's filters hold {total} values, counting a filter each time the logic names it; "
                f"the limit is {MAX_SMART_LIST_VALUES}. Use fewer values or name big filters fewer times.",
                None,
                "smart_list",
            )
        )
    return out


def _smart_list_problems(campaign: Campaign, refs: WorkspaceRefs | None) -> list[Problem]:
    out: list[Problem] = []
    sl = campaign.smart_list
    size = smart_list_size_problems(sl)
    try:
        parse_logic(sl.logic, len(sl.filters))
    except LogicError as exc:
        if exc.code not in ("too_long", "too_deep"):
            code = "smart_list.logic_unknown_filter" if exc.code == "unknown_filter" else "smart_list.logic_invalid"
            out.append(Problem(code, f"Filter logic: {exc}.", None, "smart_list.logic"))
    out += size
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
        elif (
            isinstance(flt, (MemberOfVibesListFilter, SubscribedToVibesListFilter))
            and refs is not None
            and flt.vibes_list_id not in refs.vibes_lists
        ):
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


def step_size_problems(n: int, step: object) -> list[Problem]:
    """What makes step ``n``'s choices too large (too many, or too many values), or nothing.
    The engine refuses to plan such a step."""
    choices = getattr(step, "choices", None) or []
    out: list[Problem] = []
    if len(choices) > MAX_CHOICES:
        out.append(
            Problem(
                "step.too_many_choices",
                f"Step {n} has {len(choices)} choices; a step may have at most {MAX_CHOICES}.",
                n,
                "choices",
            )
        )
    total = 0
    for i, choice in enumerate(choices):
        count = len(choice.when.values)
        total += max(1, count)
        if count > MAX_VALUES:
            out.append(
                Problem(
                    "condition.too_many_values",
                    f"Choice {i + 1} lists {count} values; a condition may list at most {MAX_VALUES}.",
                    n,
                    f"choices[{i}].when.values",
                )
            )
    if total > MAX_STEP_CHOICE_VALUES:
        out.append(
            Problem(
                "step.choices_too_large",
                f"Step {n}'s choices test {total} values in all; the limit is {MAX_STEP_CHOICE_VALUES}. "
                "Use fewer values, or a static list in a choice's place.",
                n,
                "choices",
            )
        )
    return out


def _flow_size_problems(campaign: Campaign) -> list[Problem]:
    out: list[Problem] = []
    if len(campaign.flow) > MAX_STEPS:
        out.append(
            Problem(
                "flow.too_many_steps",
                f"The flow has {len(campaign.flow)} steps; a campaign may have at most {MAX_STEPS}.",
                None,
                "flow",
            )
        )
    total = sum(len(getattr(step, "choices", None) or []) for step in campaign.flow)
    if total > MAX_FLOW_CHOICES:
        out.append(
            Problem(
                "flow.too_many_choices",
                f"The flow's steps have {total} choices in all; a campaign may have at most {MAX_FLOW_CHOICES}.",
                None,
                "flow",
            )
        )
    return out


def _settings_problems(campaign: Campaign) -> list[Problem]:
    out: list[Problem] = []
    problem = name_problem(campaign.name)
    if problem is not None:  # a name stored before names were checked; files and editors refuse it
        out.append(Problem("campaign.name_invalid", f"The campaign's name {problem}; rename it.", None, "name"))
    quiet = campaign.settings.quiet_hours
    if quiet.enabled and quiet.start == quiet.end:
        out.append(
            Problem(
                "settings.quiet_hours_empty",
                f"Quiet hours start and end are both {quiet.start}, which leaves no time to send: "
                "choose different times (or turn quiet hours off to send at any hour).",
                None,
                "settings.quiet_hours",
            )
        )
    return out


def _field_problems(
    st: StepType, params: object, n: int, prefix: str, refs: WorkspaceRefs | None, messages: Mapping[str, str]
) -> list[Problem]:
    """The problems of a step's (or a choice's ``then``'s) fields, each checked as its kind says."""
    out: list[Problem] = []
    for f in st.fields:
        fld = prefix + f.name
        value = getattr(params, f.name, None)
        if f.kind == "message":
            out += _message_problems(value, n, fld, refs, messages)
        elif f.kind == "vibes_list":
            out += _list_problems(value, n, fld, refs)
        elif f.kind == "acquisition_campaign":
            out += _acquisition_problems(value, st.value(params, "vibes_list"), n, fld, refs)
        elif f.kind == "duration":
            try:
                parse_duration(value if isinstance(value, str) else "")
            except DurationError as exc:
                out.append(Problem("wait.duration_invalid", str(exc), n, fld))
        elif f.kind == "weekdays" and value is not None and not value:
            out.append(Problem("wait.weekdays_empty", "Choose at least one weekday to resume on.", n, fld))
    return out


def _step_problems(n: int, step: object, refs: WorkspaceRefs | None, messages: Mapping[str, str]) -> list[Problem]:
    out: list[Problem] = step_size_problems(n, step)
    st = find_step_type(getattr(step, "type", ""))
    if st is None:  # pragma: no cover - a flow holds registered types only
        return out
    out += _field_problems(st, step, n, "", refs, messages)
    for i, choice in enumerate(choices_of(step)):
        out += _condition_problems(choice.when, n, f"choices[{i}].when", refs)
        if choice.then is not None:
            out += _field_problems(st, choice.then, n, f"choices[{i}].then.", refs, messages)
    if st.validate is not None:
        out += [Problem(p.code, p.message, n, p.field, p.severity) for p in st.validate(step)]
    return out


def _trigger_problems(campaign: Campaign, refs: WorkspaceRefs | None) -> list[Problem]:
    out: list[Problem] = []
    triggers = campaign.smart_list.triggers
    if triggers and campaign.schedule.has_timing:
        out.append(
            Problem(
                "trigger_with_schedule",
                "A campaign with triggers runs when they fire, so it cannot have a start or a recurrence: "
                "remove the triggers, or the schedule's start and recurrence.",
                None,
                "schedule",
            )
        )
    if refs is None:
        return out
    for i, trigger in enumerate(triggers):
        where = f"smart_list.triggers[{i}]"
        list_id = getattr(trigger, "vibes_list_id", None)
        if list_id is not None and list_id not in refs.vibes_lists:
            out.append(
                Problem(
                    "trigger.vibes_list_unknown",
                    f"Trigger {i + 1}: Vibes list {list_id} is not known to this workspace; sync Vibes lists.",
                    None,
                    f"{where}.vibes_list_id",
                )
            )
        static = getattr(trigger, "list", None)
        if trigger.type == "added_to_list" and static not in refs.static_lists:
            out.append(
                Problem(
                    "trigger.list_unknown",
                    f"Trigger {i + 1}: no static list is called {static!r}.",
                    None,
                    f"{where}.list",
                )
            )
        named = getattr(trigger, "campaign", None)
        if named is not None and refs.campaigns is not None and named not in refs.campaigns:
            out.append(
                Problem(
                    "trigger.campaign_unknown",
                    f"Trigger {i + 1}: no campaign is called {named!r}.",
                    None,
                    f"{where}.campaign",
                )
            )
    return out


def _schedule_problems(campaign: Campaign, default_zone: str) -> list[Problem]:
    out: list[Problem] = []
    schedule = campaign.schedule
    if schedule.run_at and not schedule.start:
        try:
            parse_instant(schedule.run_at)
        except ValueError as exc:
            out.append(Problem("schedule.start_invalid", f"The planned start: {exc}.", None, "schedule.run_at"))
    rec = schedule.recurrence
    if rec is None:
        return out
    where = "schedule.recurrence"
    zone_ok = True
    if rec.time_zone is not None and zone_or_none(rec.time_zone) is None:
        zone_ok = False
        out.append(
            Problem(
                "schedule.time_zone_unknown",
                f"No time zone is called {rec.time_zone!r}; use an IANA name such as America/New_York.",
                None,
                f"{where}.time_zone",
            )
        )
    if rec.on is not None and rec.every != "week":
        out.append(
            Problem(
                "schedule.on_not_weekly",
                f"Weekdays ('on') only go with a weekly recurrence; this one repeats every {rec.every}: "
                "remove them or repeat every week.",
                None,
                f"{where}.on",
            )
        )
    start = schedule.start_instant()
    if rec.every == "month":
        if start is None:
            out.append(
                Problem(
                    "schedule.month_needs_start",
                    "A monthly recurrence runs on the start's day of the month: give the schedule a start.",
                    None,
                    "schedule.start",
                )
            )
        elif zone_ok:
            zone = zone_or_none(rec.time_zone or default_zone)
            day = start.astimezone(zone).day if zone is not None else start.day
            if day > 28:
                out.append(
                    Problem(
                        "schedule.month_day_invalid",
                        f"A monthly recurrence runs on the start's day of the month, which must be 1 to 28 "
                        f"(every month has it); the start falls on day {day}.",
                        None,
                        "schedule.start",
                    )
                )
    never = rec.every == "week" and rec.on is not None and not rec.on
    if not never and start is not None and zone_ok and not any(p.code == "schedule.month_day_invalid" for p in out):
        never = not next_runs(schedule, start, 1, default_zone=default_zone, inclusive=True)
    if never:
        out.append(
            Problem(
                "schedule.recurrence_never",
                "The recurrence never runs: "
                + (
                    "choose at least one weekday."
                    if rec.every == "week" and rec.on is not None and not rec.on
                    else "its 'until' date comes before its first occurrence."
                ),
                None,
                where,
            )
        )
    return out


def opt_out_problem(first: FirstText, body: str, refs: WorkspaceRefs | None) -> Problem:
    """The warning for a text that can be someone's first from its list and does not say how to stop."""
    hint = opt_out_hint(body, refs.language if refs else "")
    name = refs.vibes_lists.get(first.vibes_list_id) if refs else None
    where = f"{name} ({first.vibes_list_id})" if name else first.vibes_list_id
    return Problem(
        "no_opt_out_hint",
        f"SMS message {first.message!r} can be the first text people get from Vibes list {where} in this "
        f'campaign and does not say how to opt out: add e.g. "{hint}".',
        first.step,
        first.field,
        "warning",
        hint,
    )


def _opt_out_problems(campaign: Campaign, refs: WorkspaceRefs | None, messages: Mapping[str, str]) -> list[Problem]:
    """A warning (``no_opt_out_hint``) for each branch that can be someone's first text from
    its Vibes list and names neither STOP nor STOPP (:mod:`smsflow_desktop.model.opt_out`).
    Messages that are missing or unknown have problems of their own."""
    out: list[Problem] = []
    for first in first_text_branches(campaign):
        body = messages.get(first.message)
        if body is not None and not has_opt_out(body):
            out.append(opt_out_problem(first, body, refs))
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
    out = _settings_problems(campaign)
    out += _schedule_problems(campaign, refs.default_time_zone if refs else "UTC")
    out += _smart_list_problems(campaign, refs)
    out += _trigger_problems(campaign, refs)
    out += _flow_size_problems(campaign)
    if not campaign.flow:
        out.append(Problem("flow.empty", "The flow has no steps; drag a flow action onto it.", None, "flow"))
    opt_out: dict[int, list[Problem]] = {}
    for problem in _opt_out_problems(campaign, refs, bodies):
        opt_out.setdefault(problem.step or 0, []).append(problem)
    for n, step in enumerate(campaign.flow, start=1):
        out += _step_problems(n, step, refs, bodies)
        out += opt_out.get(n, [])
    return out


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
