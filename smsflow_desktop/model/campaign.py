"""The campaign document: smart list (who), flow (what), schedule (when), settings.

These pydantic models are exactly the ``campaign`` object of the ``smsflow.campaign/2``
file format (``/1`` is the same without ``schedule.start``, ``schedule.recurrence`` and
``smart_list.triggers``). They hold data and nothing else: no Qt, no I/O. Flow steps are a
discriminated union on ``type`` of the step types registered in :mod:`.step_types`; a step
may carry *choices* (If/Then rows, first match wins, ``then: null`` means Do Nothing, the
step's own fields are the Default).

A campaign with triggers is a *trigger campaign* (people enter when a trigger fires for
them); any other is a *batch campaign*, run by hand or, once activated, at ``schedule.start``
and at each occurrence of ``schedule.recurrence`` (:mod:`.schedule` works the instants out).

Names of campaigns and SMS messages follow :func:`name_problem` wherever a new name enters
(a file, the services that create or rename, the editor); the limits below bound what a
file may hold and what validation accepts.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated, Literal, TypeAlias

from pydantic import Field, field_validator

from smsflow_desktop.model.basics import HHMM as _HHMM
from smsflow_desktop.model.basics import OPERATORS as OPERATORS
from smsflow_desktop.model.basics import VALUELESS_OPERATORS as VALUELESS_OPERATORS
from smsflow_desktop.model.basics import WEEKDAYS as WEEKDAYS
from smsflow_desktop.model.basics import Condition as Condition
from smsflow_desktop.model.basics import Operator as Operator
from smsflow_desktop.model.basics import StrictModel as _Model
from smsflow_desktop.model.basics import weekday_names as _weekday_names
from smsflow_desktop.model.step_types import FlowStep, on_change, references, step_union
from smsflow_desktop.model.step_types import SendSmsChoice as SendSmsChoice
from smsflow_desktop.model.step_types import SendSmsParams as SendSmsParams
from smsflow_desktop.model.step_types import SendSmsStep as SendSmsStep
from smsflow_desktop.model.step_types import SubscribeChoice as SubscribeChoice
from smsflow_desktop.model.step_types import SubscribeParams as SubscribeParams
from smsflow_desktop.model.step_types import SubscribeVibesListStep as SubscribeVibesListStep
from smsflow_desktop.model.step_types import UnsubscribeChoice as UnsubscribeChoice
from smsflow_desktop.model.step_types import UnsubscribeParams as UnsubscribeParams
from smsflow_desktop.model.step_types import UnsubscribeVibesListStep as UnsubscribeVibesListStep
from smsflow_desktop.model.step_types import WaitStep as WaitStep

#: Person columns a filter or a choice condition may name (custom fields come on top).
PERSON_FIELDS: tuple[str, ...] = (
    "external_id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "country",
    "state",
    "city",
    "postal_code",
    "time_zone",
    "blocklisted",
    "unsubscribed",
    "marketing_suspended",
    "created_at",
    "updated_at",
)

#: Flow steps a campaign may have: the Flow tab shows every step as a card, and a flow of
#: this many (with :data:`MAX_FLOW_CHOICES` choice rows) opens in a couple of seconds.
MAX_STEPS = 200
#: If/Then choices one step may have, and choice rows in the whole flow.
MAX_CHOICES = 20
MAX_FLOW_CHOICES = 100
#: Filters a smart list may have.
MAX_FILTERS = 100
#: Triggers a smart list may have.
MAX_TRIGGERS = 20
#: Values one filter or choice condition may list (a longer list belongs in a static list).
MAX_VALUES = 500
MAX_NAME_CHARS = 200

#: Marks that change the direction text is shown in (LRM, RLM, ALM, the embeddings,
#: overrides and isolates): in a name they make a list show something other than what it holds.
_DIRECTION_MARKS = frozenset({0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)})
_CONTROL_NAMES = {0x00: "a NUL character", 0x09: "a tab", 0x0A: "a line break", 0x0D: "a carriage return"}


class BadName(ValueError):
    """A campaign or SMS message name that cannot be used; the message says why."""


def _refused_character(ch: str) -> str | None:
    """How to name ``ch`` when a name may not hold it, else None."""
    code = ord(ch)
    category = unicodedata.category(ch)
    if category == "Cc":
        return _CONTROL_NAMES.get(code, "a control character") + f" (U+{code:04X})"
    if category in ("Zl", "Zp"):
        return f"a line break (U+{code:04X})"
    if code in _DIRECTION_MARKS:
        return f"a text-direction mark (U+{code:04X} {unicodedata.name(ch, '').lower()})".replace(" )", ")")
    return None


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a campaign or an SMS message (to follow "the name ..."), or None.

    Any printable text is fine (letters of every script, emoji, inner spaces); refused are
    control characters (category Cc: NUL, tab, line breaks), line and paragraph separators,
    and text-direction marks, which make a list show one name as two lines or in another
    order, and a leading ``-``, which a command line takes for an option (``--``, ``-h``).
    Surrounding spaces are not judged here: :func:`clean_name` trims them.
    """
    if not name.strip():
        return "is empty"
    if name.strip().startswith("-"):
        return "starts with '-', which a command line would take for an option; start it with another character"
    if len(name) > MAX_NAME_CHARS:
        return f"has {len(name)} characters; the limit is {MAX_NAME_CHARS}"
    for i, ch in enumerate(name):
        what = _refused_character(ch)
        if what is not None:
            return (
                f"contains {what} at character {i + 1}; a name cannot hold control characters, "
                "line breaks or text-direction marks"
            )
    return None


def shown_name(name: str) -> str:
    """``name`` on one line: each character a name may not hold written as an escape
    (``\\n``, ``\\u200f``), for listing names stored before names were checked."""
    if name.isprintable():
        return name
    return "".join(ch if _refused_character(ch) is None else ch.encode("unicode_escape").decode("ascii") for ch in name)


def clean_name(text: str, what: str = "name") -> str:
    """``text`` without surrounding whitespace, or :class:`BadName` ("campaign name contains ...")."""
    name = text.strip()
    problem = name_problem(name)
    if problem is not None:
        raise BadName(f"{what} {problem}")
    return name


# --- smart list -------------------------------------------------------------------------


class PersonFieldFilter(Condition):
    type: Literal["person_field"] = "person_field"


class MemberOfListFilter(_Model):
    type: Literal["member_of_list"] = "member_of_list"
    list: str


class MemberOfVibesListFilter(_Model):
    """Currently subscribed to a Vibes list (for targeting)."""

    type: Literal["member_of_vibes_list"] = "member_of_vibes_list"
    vibes_list_id: str


class SubscribedToVibesListFilter(_Model):
    """Ever subscribed to a Vibes list, opted out since or not (for reporting)."""

    type: Literal["subscribed_to_vibes_list"] = "subscribed_to_vibes_list"
    vibes_list_id: str


Filter = Annotated[
    PersonFieldFilter | MemberOfListFilter | MemberOfVibesListFilter | SubscribedToVibesListFilter,
    Field(discriminator="type"),
]
FILTER_TYPES: tuple[str, ...] = (
    "person_field",
    "member_of_list",
    "member_of_vibes_list",
    "subscribed_to_vibes_list",
)


class SubscribesToVibesListTrigger(_Model):
    """Fires when a number opts in to a Vibes list (once per number, list and opt-in)."""

    type: Literal["subscribes_to_vibes_list"] = "subscribes_to_vibes_list"
    vibes_list_id: str


class UnsubscribesFromVibesListTrigger(_Model):
    """Fires when a number's subscription to a Vibes list ends (a STOP included)."""

    type: Literal["unsubscribes_from_vibes_list"] = "unsubscribes_from_vibes_list"
    vibes_list_id: str


class SmsBouncesTrigger(_Model):
    """Fires when Vibes could not route or deliver a text (of ``campaign`` only, when named)."""

    type: Literal["sms_bounces"] = "sms_bounces"
    campaign: str | None = None


class PersonIsCreatedTrigger(_Model):
    """Fires when a person is added to the workspace (an import, the app)."""

    type: Literal["person_is_created"] = "person_is_created"


class AddedToListTrigger(_Model):
    """Fires when a person is added to the static list ``list``."""

    type: Literal["added_to_list"] = "added_to_list"
    list: str


Trigger = Annotated[
    SubscribesToVibesListTrigger
    | UnsubscribesFromVibesListTrigger
    | SmsBouncesTrigger
    | PersonIsCreatedTrigger
    | AddedToListTrigger,
    Field(discriminator="type"),
]
TRIGGER_TYPES: tuple[str, ...] = (
    "subscribes_to_vibes_list",
    "unsubscribes_from_vibes_list",
    "sms_bounces",
    "person_is_created",
    "added_to_list",
)


def trigger_subject(trigger: object) -> str:
    """What a trigger listens to besides its type: the Vibes list id, the static list's name,
    the campaign whose bounces count; ``''`` for none (every bounce, every new person)."""
    for attr in ("vibes_list_id", "list", "campaign"):
        value = getattr(trigger, attr, None)
        if value:
            return str(value)
    return ""


class SmartList(_Model):
    """Who qualifies: filters combined by ``all``, ``any`` or an expression like ``1 and (2 or 3)``;
    with ``triggers``, who enters the moment a trigger fires for them."""

    logic: str = "all"
    filters: list[Filter] = Field(default_factory=list)
    triggers: list[Trigger] = Field(default_factory=list)


# --- flow steps ----------------------------------------------------------------------------
# Each step type, its models and everything else about it are declared in :mod:`.step_types`.

if TYPE_CHECKING:
    Step: TypeAlias = FlowStep
else:
    #: A flow step of any registered type: the discriminated union on ``type``, rebuilt in
    #: ``Campaign`` when a step type is registered or removed (see ``step_types.register``).
    Step = step_union()


# --- schedule and settings ---------------------------------------------------------------


class EveryDays(_Model):
    every_days: int = Field(ge=1, le=3650)


Qualification = Literal["once", "every_time"] | EveryDays


def parse_instant(text: str) -> datetime:
    """An ISO-8601 instant with a UTC offset or ``Z``, as a UTC datetime; ValueError otherwise."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO-8601 instant such as 2026-05-01T14:00:00Z") from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{text!r} has no UTC offset; write it as an instant such as 2026-05-01T14:00:00Z")
    if not 1970 <= value.year <= 8999:
        raise ValueError(f"{text!r} is out of range (years 1970 to 8999)")
    return value.astimezone(UTC)


Every = Literal["day", "week", "month"]


class Recurrence(_Model):
    """A batch campaign's repeated runs: every ``interval`` days, weeks (on the weekdays ``on``;
    default the weekday of ``start``, else Monday) or months (on ``start``'s day of the month),
    at the local time ``at`` (default ``start``'s local time, else 09:00) in ``time_zone``
    (default the workspace's ``default_time_zone``), up to the local date ``until`` (inclusive)."""

    every: Every
    interval: int = Field(default=1, ge=1, le=1000)
    on: list[str] | None = None
    at: str | None = None
    time_zone: str | None = None
    until: str | None = None

    @field_validator("on")
    @classmethod
    def _on(cls, v: list[str] | None) -> list[str] | None:
        return _weekday_names(v)

    @field_validator("at")
    @classmethod
    def _at(cls, v: str | None) -> str | None:
        if v is not None and not _HHMM.match(v):
            raise ValueError(f"{v!r} is not a time of day as HH:MM (24-hour)")
        return v

    @field_validator("until")
    @classmethod
    def _until(cls, v: str | None) -> str | None:
        if v is None:
            return v
        try:
            if len(v) != 10:
                raise ValueError
            day = date.fromisoformat(v)
        except ValueError:
            raise ValueError(f"{v!r} is not a date as YYYY-MM-DD") from None
        if day.year > 8999:
            raise ValueError(f"{v!r} is out of range (years up to 8999)")
        return v


class Schedule(_Model):
    """When and how often people qualify, and when a batch campaign runs by itself.

    ``start`` (an ISO-8601 instant) is a batch campaign's run at that instant; with a
    ``recurrence`` it is the earliest run. ``run_at`` is the older name of a planned start,
    honoured as ``start`` when ``start`` is not given."""

    qualification: Qualification = "once"
    run_at: str | None = None
    start: str | None = None
    recurrence: Recurrence | None = None

    @field_validator("start")
    @classmethod
    def _start(cls, v: str | None) -> str | None:
        if v is not None:
            parse_instant(v)
        return v

    def start_instant(self) -> datetime | None:
        """``start`` (else a readable ``run_at``) as a UTC datetime; None when neither is given."""
        for text in (self.start, self.run_at):
            if text:
                try:
                    return parse_instant(text)
                except ValueError:
                    continue
        return None

    @property
    def has_timing(self) -> bool:
        """Whether the schedule says when to run (``start``, ``run_at`` or a recurrence)."""
        return bool(self.start or self.run_at or self.recurrence is not None)


class QuietHours(_Model):
    enabled: bool = True
    start: str = "08:00"
    end: str = "21:00"

    @field_validator("start", "end")
    @classmethod
    def _hhmm(cls, v: str) -> str:
        if not _HHMM.match(v):
            raise ValueError(f"{v!r} is not a time of day as HH:MM (24-hour)")
        return v


class CampaignSettings(_Model):
    quiet_hours: QuietHours = Field(default_factory=QuietHours)


class Campaign(_Model):
    """A smart campaign: name, smart list, flow, schedule and settings."""

    name: str = Field(min_length=1, max_length=200)
    description: str = ""
    smart_list: SmartList = Field(default_factory=SmartList)
    flow: list[Step] = Field(default_factory=list)
    schedule: Schedule = Field(default_factory=Schedule)
    settings: CampaignSettings = Field(default_factory=CampaignSettings)

    @property
    def kind(self) -> Literal["batch", "trigger"]:
        """``trigger`` when the smart list has triggers, else ``batch``."""
        return "trigger" if self.smart_list.triggers else "batch"

    def message_names(self) -> set[str]:
        """Every SMS message name the flow refers to, choices included."""
        names: set[str] = set()
        for step in self.flow:
            for params, field in references(step, "message"):
                name = getattr(params, field)
                if name:
                    names.add(name)
        return names


def _take_in_step_types() -> None:
    """Rebuild ``Campaign.flow`` over the step types registered now."""
    Campaign.model_fields["flow"].annotation = list[step_union()]  # type: ignore[assignment,misc]
    Campaign.model_rebuild(force=True)


on_change(_take_in_step_types)


class SmsMessage(_Model):
    """An SMS message asset: a name and a body with tokens like ``{{lead.First Name|there}}``."""

    name: str = Field(min_length=1, max_length=200)
    body: str = ""
