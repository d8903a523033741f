"""The registry of flow step types: what a kind of step is, declared once, read by everyone.

A :class:`StepType` holds every fact about one kind of flow step: its models (the step, the
action parameters a choice's ``then`` holds, the If/Then choice), its fields and their
kinds, its audience rule (the contract's reasons in order; the funnel's stages follow from
it), the engine action that carries it out (by name: the engine registers what each action
does in :mod:`smsflow_desktop.services.engine.actions`), whether it sends a text or holds
people for a while, its palette entry (English title, description, icon and category, which
the GUI translates in the :data:`TRANSLATION_CONTEXT` context) and an optional validation
hook. Validation, the engine, the funnel, the palette and the editor read it; none keeps a
table of its own.

The campaign's discriminated union of steps (:func:`step_union`) is built from what is
registered; :func:`register` and :func:`unregister` rebuild every model that holds it (each
such model subscribes with :func:`on_change`). Import the types from
:mod:`smsflow_desktop.model.step_types`, which registers the built-in ones. Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, Field, TypeAdapter

from smsflow_desktop.model.basics import StrictModel

#: The translation context of palette titles, descriptions and categories.
TRANSLATION_CONTEXT = "StepTypes"


#: What a field holds, which decides how it is checked and edited: references to an SMS
#: message, a Vibes list or an acquisition campaign (drop-downs of what the workspace has; the
#: engine's ledger keeps one of each per person and step), free text, or a Wait's duration,
#: weekdays and time of day.
FieldKind = Literal["message", "vibes_list", "acquisition_campaign", "text", "duration", "weekdays", "time_of_day"]
FIELD_KINDS: tuple[str, ...] = FieldKind.__args__  # type: ignore[attr-defined]

#: The person-level flags every texting rule starts with.
PERSON_REASONS: tuple[str, ...] = ("blocklisted", "marketing_suspended", "unsubscribed")
#: Every reason an audience rule may name (the contract's, and how the engine finds each).
AUDIENCE_REASONS: tuple[str, ...] = (
    *PERSON_REASONS,
    "no_valid_phone",
    "not_in_vibes_list",
    "already_member",
    "phone_suppressed",
    "duplicate_phone",
    "frequency_limit",
)
#: The reasons that test the number against the step's Vibes list: they close the funnel's list stage.
MEMBERSHIP_REASONS: tuple[str, ...] = ("not_in_vibes_list", "already_member")
#: Reasons that come before every rule: the qualification rule, and a choice saying Do Nothing.
EXTRA_REASONS: tuple[str, ...] = ("already_qualified", "do_nothing")


class FlowStep(StrictModel):
    """The base of every step model. It adds no field (each step model declares its own, in the
    order the file writes them); every step has a ``type`` (its registered id) and an ``id``."""

    if TYPE_CHECKING:
        type: str
        id: str


@dataclass(frozen=True)
class StepField:
    """One field of a step's action parameters (or of the step itself, for a step without them)."""

    name: str
    kind: FieldKind


@dataclass(frozen=True)
class PaletteEntry:
    """How the Flow Actions palette shows a step type; English text, translated by the GUI."""

    title: str
    description: str
    icon: str  # an icon name under resources/icons
    category: str


@dataclass(frozen=True)
class AudienceRule:
    """Who a step reaches: the reasons people are left out, each person under the first that
    applies, after :data:`EXTRA_REASONS`. ``duplicate_phone`` (last, when named, but for
    ``frequency_limit``) keeps one person per number; ``frequency_limit`` (last, for a step
    that sends a text) leaves out numbers that reached a frequency limit of the workspace's
    compliance rules; ``quiet_hours``: whether the step waits for the campaign's window and
    those rules' windows."""

    reasons: tuple[str, ...]
    quiet_hours: bool = True

    @property
    def dedupes(self) -> bool:
        """Whether the step acts once per number (the person with the lowest id keeps it)."""
        return "duplicate_phone" in self.reasons

    def stages(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """The reasons grouped by the funnel stage they close: before "eligible" (with
        :data:`EXTRA_REASONS`), the Vibes list check, and after it."""
        groups: list[list[str]] = [list(EXTRA_REASONS), [], []]
        stage = 0
        for reason in self.reasons:
            if reason in MEMBERSHIP_REASONS:
                groups[1].append(reason)
                stage = 2
            else:
                groups[stage].append(reason)
        return tuple(groups[0]), tuple(groups[1]), tuple(groups[2])


@dataclass(frozen=True)
class StepProblem:
    """A problem a step type's validation hook finds in one step; ``field`` is a path in the
    step such as ``tag`` or ``choices[0].then.tag``."""

    code: str
    message: str
    field: str | None = None
    severity: Literal["error", "warning"] = "error"


@dataclass(frozen=True, kw_only=True)
class StepType:
    """Every fact about one kind of flow step.

    ``fields`` are the action parameters (``params_model``'s fields, which a step with choices
    also has itself), or the step's own fields when it has no parameters. A step type with an
    ``audience`` acts on people and needs an engine ``action``; one without (a Wait) only
    moves them along the flow. ``tally`` says how many people a run would act on, for a step
    that sends no text ("%1 people to subscribe"; English, translated like the palette).
    ``validate`` adds problems beyond what the field kinds check.
    """

    id: str
    step_model: type[FlowStep]
    palette: PaletteEntry
    fields: tuple[StepField, ...] = ()
    params_model: type[BaseModel] | None = None
    choice_model: type[BaseModel] | None = None
    audience: AudienceRule | None = None
    action: str | None = None
    sends_text: bool = False
    delays: bool = False
    tally: str | None = None
    validate: Callable[[Any], Iterable[StepProblem]] | None = None

    @property
    def supports_choices(self) -> bool:
        return self.choice_model is not None

    @property
    def acts_on_people(self) -> bool:
        """Whether the step does something to people through the engine (not a Wait)."""
        return self.audience is not None

    def field_names(self, kind: FieldKind) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.kind == kind)

    def value(self, params: Any, kind: FieldKind) -> Any:
        """The value of ``params``' first field of ``kind`` (None when it has none)."""
        names = self.field_names(kind)
        return getattr(params, names[0], None) if names else None

    def new_step(self) -> FlowStep:
        """A fresh step of this type with a new id and empty fields (every field of a step model
        has a default; validating nothing gives them, typed as the step model)."""
        return self.step_model.model_validate({})


def choices_of(step: Any) -> list[Any]:
    """A step's If/Then choices (none for a step type without them)."""
    return list(getattr(step, "choices", None) or [])


def branches_of(step: Any) -> list[Any]:
    """What each branch of a step does: each choice's ``then`` (None: Do Nothing), then the
    step itself (its own fields are the Default)."""
    return [c.then for c in choices_of(step)] + [step]


def references(step: Any, kind: FieldKind) -> Iterator[tuple[Any, str]]:
    """``(params, field name)`` of every field of ``kind`` in a step's branches (its choices'
    ``then`` and the step itself); nothing for a step of a type not registered."""
    st = _types.get(getattr(step, "type", ""))
    names = st.field_names(kind) if st is not None else ()
    for params in branches_of(step) if names else ():
        if params is not None:
            for name in names:
                yield params, name


_types: dict[str, StepType] = {}
_listeners: list[Callable[[], object]] = []
_adapter: TypeAdapter[Any] | None = None


def _check(st: StepType) -> None:
    """Refuse a declaration whose parts do not fit together, naming what is wrong."""
    where = f"step type {st.id!r}"
    type_field = st.step_model.model_fields.get("type")
    if type_field is None or type_field.default != st.id:
        raise ValueError(f"{where}: its step model's 'type' must default to {st.id!r}")
    if "id" not in st.step_model.model_fields:
        raise ValueError(f"{where}: its step model has no 'id' field")
    for f in st.fields:
        if f.kind not in FIELD_KINDS:
            raise ValueError(f"{where}: field {f.name!r} has an unknown kind {f.kind!r}")
        for model in (st.step_model, st.params_model):
            if model is not None and f.name not in model.model_fields:
                raise ValueError(f"{where}: {model.__name__} has no field {f.name!r}")
    if st.choice_model is not None:
        if st.params_model is None:
            raise ValueError(f"{where}: choices need a params model")
        if not {"when", "then"} <= set(st.choice_model.model_fields) or "choices" not in st.step_model.model_fields:
            raise ValueError(f"{where}: a choice has 'when' and 'then', and the step a 'choices' list")
    if (st.audience is None) != (st.action is None):
        raise ValueError(f"{where}: a step type that acts on people has both an audience rule and an engine action")
    if st.audience is not None:
        unknown = [r for r in st.audience.reasons if r not in AUDIENCE_REASONS]
        if unknown:
            raise ValueError(f"{where}: unknown reason {unknown[0]!r} (known: {', '.join(AUDIENCE_REASONS)})")
        own = [r for r in st.audience.reasons if r != "frequency_limit"]
        if st.audience.dedupes and own[-1] != "duplicate_phone":
            raise ValueError(f"{where}: 'duplicate_phone' comes last in an audience rule (but for 'frequency_limit')")
        if "frequency_limit" in st.audience.reasons:
            if st.audience.reasons[-1] != "frequency_limit":
                raise ValueError(f"{where}: 'frequency_limit' comes last in an audience rule")
            if not st.sends_text:
                raise ValueError(f"{where}: only a step that sends a text applies 'frequency_limit'")
        if any(r in MEMBERSHIP_REASONS for r in st.audience.reasons) and not st.field_names("vibes_list"):
            raise ValueError(f"{where}: a rule that checks a Vibes list needs a field of kind 'vibes_list'")
    if st.sends_text and not st.field_names("message"):
        raise ValueError(f"{where}: a step that sends a text needs a field of kind 'message'")
    if st.delays and not st.field_names("duration"):
        raise ValueError(f"{where}: a step that holds people needs a field of kind 'duration'")


def register(st: StepType) -> StepType:
    """Add a step type (ValueError when its id is taken or its parts do not fit) and rebuild
    the models that hold the union of steps."""
    if st.id in _types:
        raise ValueError(f"a step type {st.id!r} is already registered")
    _check(st)
    _types[st.id] = st
    _changed()
    return st


def unregister(type_id: str) -> StepType:
    """Remove a registered step type (KeyError when unknown) and rebuild as :func:`register` does."""
    st = step_type(type_id)
    del _types[type_id]
    _changed()
    return st


def on_change(listener: Callable[[], object]) -> None:
    """Call ``listener`` after every registration or removal (models holding the union rebuild)."""
    _listeners.append(listener)


def _changed() -> None:
    global _adapter
    _adapter = None
    for listener in _listeners:
        listener()


def step_types() -> tuple[StepType, ...]:
    """Every registered step type, in the order registered (the palette's order)."""
    return tuple(_types.values())


def type_ids() -> tuple[str, ...]:
    return tuple(_types)


def step_type(type_id: str) -> StepType:
    """The registered step type; KeyError names the unknown id and the known ones."""
    try:
        return _types[type_id]
    except KeyError:
        raise KeyError(f"unknown step type {type_id!r} (known: {', '.join(_types)})") from None


def find_step_type(type_id: str) -> StepType | None:
    return _types.get(type_id)


def categories() -> tuple[str, ...]:
    """The palette's categories, in the order their first step type was registered."""
    return tuple(dict.fromkeys(st.palette.category for st in _types.values()))


def step_union() -> Any:
    """The discriminated union (on ``type``) of every registered step model."""
    models = tuple(st.step_model for st in _types.values())
    return Annotated[Union[models], Field(discriminator="type")]  # noqa: UP007 - built at run time


def parse_step(data: Any) -> FlowStep:
    """A step of any registered type from its JSON form (pydantic's ValidationError if it is none)."""
    global _adapter
    if _adapter is None:
        _adapter = TypeAdapter(step_union())
    step: FlowStep = _adapter.validate_python(data)
    return step
