"""What changed between two versions of a campaign, in words a marketer reads.

:func:`diff_campaigns` compares two campaigns and lists :class:`Change`\\ s: "Step 2 Send SMS
Message: SMS message changed from “Spring offer” to “Spring offer v2”", a smart list filter
added, removed or changed, the filter logic, triggers, the schedule and quiet hours, the name
and description. Flow steps are matched by their ids, so a step that moved reads as moved (not
as removed and added again) and its number is the one it has in the newer version (the older
one for a removed step); filters, triggers and a step's choices are matched by content.

Each change is a :class:`Text`: an English template marked for translation (context
``CampaignDiff``, ``%1``... for its values) with its arguments, which are plain values, other
texts, or :class:`Term`\\ s (a key such as a step type, a field or an operator that the app
says in the user's language). :meth:`Text.english` is what the command line prints; the app
fills the same templates translated. Qt-free.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from smsflow_desktop.model.campaign import Campaign, EveryDays, Recurrence
from smsflow_desktop.model.step_types import find_step_type
from smsflow_desktop.model.translatable import QT_TRANSLATE_NOOP

CONTEXT = "CampaignDiff"
Area = Literal["campaign", "smart_list", "flow", "schedule", "settings"]

#: English for the terms the command line prints (the app has its own, translated, labels).
_ENGLISH_TERMS: dict[tuple[str, str], str] = {
    ("field", "message"): "SMS message",
    ("field", "vibes_list_id"): "Vibes list",
    ("field", "acquisition_campaign_id"): "acquisition campaign",
    ("field", "resume_weekdays"): "resume on",
    ("field", "resume_time"): "resume at",
    ("field", "list"): "static list",
}
PERIODS = {
    "day": QT_TRANSLATE_NOOP("CampaignDiff", "day"),
    "week": QT_TRANSLATE_NOOP("CampaignDiff", "week"),
    "month": QT_TRANSLATE_NOOP("CampaignDiff", "month"),
}
PERIODS_PLURAL = {
    "day": QT_TRANSLATE_NOOP("CampaignDiff", "days"),
    "week": QT_TRANSLATE_NOOP("CampaignDiff", "weeks"),
    "month": QT_TRANSLATE_NOOP("CampaignDiff", "months"),
}


@dataclass(frozen=True)
class Term:
    """A key to be said by its label: ``kind`` is ``step_type``, ``field``, ``person_field``,
    ``operator``, ``filter_type``, ``trigger_type``, ``weekday``, ``period`` or ``periods``, or
    ``duration`` (a Wait's duration as stored, in English: ``4 hours``)."""

    kind: str
    key: str

    def english(self) -> str:
        if self.kind == "step_type":
            st = find_step_type(self.key)
            return st.palette.title if st is not None else self.key
        if self.kind == "duration":
            return self.key
        if self.kind == "period":
            return PERIODS.get(self.key, self.key)
        if self.kind == "periods":
            return PERIODS_PLURAL.get(self.key, self.key)
        return _ENGLISH_TERMS.get((self.kind, self.key), self.key.replace("_", " "))


@dataclass(frozen=True)
class Text:
    """A template with ``%1``... filled by ``args``; ``translate``: whether the template is a
    sentence to translate (False for a bare list joined with commas)."""

    template: str
    args: tuple[str | Term | Text, ...] = ()
    translate: bool = True

    def render(self, translate: Callable[[str], str], label: Callable[[Term], str]) -> str:
        """The text with every template passed through ``translate`` and every term through ``label``."""
        out = translate(self.template) if self.translate else self.template
        values = [
            a.render(translate, label) if isinstance(a, Text) else label(a) if isinstance(a, Term) else a
            for a in self.args
        ]
        # Fill from the highest number down, so %1 does not eat the start of %10.
        for i in range(len(values), 0, -1):
            out = out.replace(f"%{i}", values[i - 1])
        return out

    def english(self) -> str:
        return self.render(lambda t: t, Term.english)


@dataclass(frozen=True)
class Change:
    """One change between two versions, and the part of the campaign it is in."""

    area: Area
    text: Text

    def english(self) -> str:
        return self.text.english()


def _t(template: str, *args: str | Term | Text) -> Text:
    return Text(template, tuple(args))


def _join(items: Sequence[str | Term | Text]) -> Text:
    return Text(", ".join(f"%{i}" for i in range(1, len(items) + 1)), tuple(items), translate=False)


NONE = _t(QT_TRANSLATE_NOOP("CampaignDiff", "(none)"))


@dataclass
class _Context:
    vibes_lists: Mapping[str, str] = field(default_factory=dict)

    def vibes_list(self, list_id: str | None) -> str | Text:
        if not list_id:
            return NONE
        name = self.vibes_lists.get(list_id)
        return _t(QT_TRANSLATE_NOOP("CampaignDiff", "%1 (%2)"), name, list_id) if name else list_id

    def value(self, name: str, value: Any) -> str | Term | Text:
        """A step field's value as a marketer reads it."""
        if value is None or value == "" or value == []:
            return NONE
        if name.endswith("vibes_list_id"):
            return self.vibes_list(value)
        if name == "duration":
            return Term("duration", str(value))  # stored in English; the app says it in the user's language
        if name.endswith("message"):
            return _t(QT_TRANSLATE_NOOP("CampaignDiff", "“%1”"), str(value))
        if isinstance(value, list):
            return _join([Term("weekday", str(v)) if name.endswith("weekdays") else str(v) for v in value])
        return str(value)

    def condition(self, cond: Any) -> Text:
        field_term = Term("person_field", cond.field) if cond.field else NONE
        if cond.operator in ("is_empty", "is_not_empty"):
            return _t(QT_TRANSLATE_NOOP("CampaignDiff", "%1 %2"), field_term, Term("operator", cond.operator))
        values = ", ".join(str(v) for v in cond.values) if cond.values else NONE
        return _t(QT_TRANSLATE_NOOP("CampaignDiff", "%1 %2 %3"), field_term, Term("operator", cond.operator), values)

    def filter(self, flt: Any) -> Text:
        kind = getattr(flt, "type", "")
        if kind == "person_field":
            return self.condition(flt)
        if kind == "member_of_list":
            return _t(QT_TRANSLATE_NOOP("CampaignDiff", "%1 “%2”"), Term("filter_type", kind), flt.list)
        if hasattr(flt, "vibes_list_id"):
            return _t(
                QT_TRANSLATE_NOOP("CampaignDiff", "%1 %2"),
                Term("filter_type", kind),
                self.vibes_list(flt.vibes_list_id),
            )
        return _t("%1", Term("filter_type", kind))

    def trigger(self, trigger: Any) -> Text:
        kind = getattr(trigger, "type", "")
        if getattr(trigger, "vibes_list_id", None):
            subject: str | Text = self.vibes_list(trigger.vibes_list_id)
        elif getattr(trigger, "list", None):
            subject = _t(QT_TRANSLATE_NOOP("CampaignDiff", "“%1”"), trigger.list)
        elif getattr(trigger, "campaign", None):
            subject = _t(QT_TRANSLATE_NOOP("CampaignDiff", "of campaign “%1”"), trigger.campaign)
        else:
            return _t("%1", Term("trigger_type", kind))
        return _t(QT_TRANSLATE_NOOP("CampaignDiff", "%1 %2"), Term("trigger_type", kind), subject)

    def params(self, type_id: str, params: Any) -> Text:
        """An action's fields ("SMS message “A”, Vibes list Offers (101)"); Do Nothing for None."""
        if params is None:
            return _t(QT_TRANSLATE_NOOP("CampaignDiff", "Do Nothing"))
        parts: list[str | Term | Text] = [
            _t(QT_TRANSLATE_NOOP("CampaignDiff", "%1 %2"), Term("field", n), self.value(n, getattr(params, n)))
            for n in _field_names(type_id)
            if getattr(params, n, None) not in (None, "", [])
        ]
        return _join(parts) if parts else NONE

    def choice(self, type_id: str, choice: Any) -> Text:
        return _t(
            QT_TRANSLATE_NOOP("CampaignDiff", "if %1, then %2"),
            self.condition(choice.when),
            self.params(type_id, choice.then),
        )


def _field_names(type_id: str) -> list[str]:
    st = find_step_type(type_id)
    return [f.name for f in st.fields] if st is not None else []


def _dump(item: Any) -> str:
    data = item.model_dump(mode="json") if isinstance(item, BaseModel) else item
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _matched(old: Sequence[Any], new: Sequence[Any]) -> list[tuple[int | None, int | None]]:
    """Pairs (old index, new index) of items that differ: (i, None) removed, (None, j) added,
    (i, j) changed; equal items are matched by content and left out."""
    out: list[tuple[int | None, int | None]] = []
    matcher = difflib.SequenceMatcher(a=[_dump(x) for x in old], b=[_dump(x) for x in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        out += [(i1 + k, j1 + k) for k in range(pairs)]
        out += [(i, None) for i in range(i1 + pairs, i2)]
        out += [(None, j) for j in range(j1 + pairs, j2)]
    return out


# -- the parts of a campaign ----------------------------------------------------------------------


def _campaign_fields(old: Campaign, new: Campaign, out: list[Change]) -> None:
    if old.name != new.name:
        out.append(
            Change("campaign", _t(QT_TRANSLATE_NOOP("CampaignDiff", "Renamed from “%1” to “%2”"), old.name, new.name))
        )
    if old.description != new.description:
        out.append(
            Change(
                "campaign",
                _t(
                    QT_TRANSLATE_NOOP("CampaignDiff", "Description changed from %1 to %2"),
                    _quoted(old.description),
                    _quoted(new.description),
                ),
            )
        )


def _quoted(text: str) -> str | Text:
    return _t(QT_TRANSLATE_NOOP("CampaignDiff", "“%1”"), text) if text else NONE


def _smart_list(old: Campaign, new: Campaign, ctx: _Context, out: list[Change]) -> None:
    a, b = old.smart_list, new.smart_list
    for i, j in _matched(a.filters, b.filters):
        if i is not None and j is not None:
            text = _t(
                QT_TRANSLATE_NOOP("CampaignDiff", "Smart list filter %1 changed from %2 to %3"),
                str(j + 1),
                ctx.filter(a.filters[i]),
                ctx.filter(b.filters[j]),
            )
        elif j is not None:
            text = _t(
                QT_TRANSLATE_NOOP("CampaignDiff", "Smart list filter %1 added: %2"),
                str(j + 1),
                ctx.filter(b.filters[j]),
            )
        else:
            assert i is not None
            text = _t(
                QT_TRANSLATE_NOOP("CampaignDiff", "Smart list filter %1 removed: %2"),
                str(i + 1),
                ctx.filter(a.filters[i]),
            )
        out.append(Change("smart_list", text))
    if a.logic != b.logic:
        out.append(
            Change(
                "smart_list",
                _t(QT_TRANSLATE_NOOP("CampaignDiff", "Filter logic changed from “%1” to “%2”"), a.logic, b.logic),
            )
        )
    for i, j in _matched(a.triggers, b.triggers):
        if i is not None:
            out.append(
                Change(
                    "smart_list",
                    _t(QT_TRANSLATE_NOOP("CampaignDiff", "Trigger removed: %1"), ctx.trigger(a.triggers[i])),
                )
            )
        if j is not None:
            out.append(
                Change(
                    "smart_list", _t(QT_TRANSLATE_NOOP("CampaignDiff", "Trigger added: %1"), ctx.trigger(b.triggers[j]))
                )
            )


def _step_label(number: int, type_id: str) -> Text:
    return _t(QT_TRANSLATE_NOOP("CampaignDiff", "Step %1 %2"), str(number), Term("step_type", type_id))


def _flow(old: Campaign, new: Campaign, ctx: _Context, out: list[Change]) -> None:
    old_ids = [s.id for s in old.flow]
    new_ids = [s.id for s in new.flow]
    common = set(old_ids) & set(new_ids)
    old_pos = {sid: i for i, sid in enumerate(old_ids)}
    kept_old = [sid for sid in old_ids if sid in common]
    kept_new = [sid for sid in new_ids if sid in common]
    in_place: set[str] = set()
    matcher = difflib.SequenceMatcher(a=kept_old, b=kept_new, autojunk=False)
    for block in matcher.get_matching_blocks():
        in_place.update(kept_old[block.a : block.a + block.size])
    for i, step in enumerate(old.flow):
        if step.id not in common:
            out.append(
                Change(
                    "flow",
                    _t(
                        QT_TRANSLATE_NOOP("CampaignDiff", "%1 removed (%2)"),
                        _step_label(i + 1, step.type),
                        _step_summary(step, ctx),
                    ),
                )
            )
    for j, step in enumerate(new.flow):
        label = _step_label(j + 1, step.type)
        if step.id not in common:
            out.append(
                Change("flow", _t(QT_TRANSLATE_NOOP("CampaignDiff", "%1 added (%2)"), label, _step_summary(step, ctx)))
            )
            continue
        before = old.flow[old_pos[step.id]]
        if step.id not in in_place:
            out.append(
                Change(
                    "flow",
                    _t(
                        QT_TRANSLATE_NOOP("CampaignDiff", "%1 moved from step %2 to step %3"),
                        Term("step_type", step.type),
                        str(old_pos[step.id] + 1),
                        str(j + 1),
                    ),
                )
            )
        _step_changes(label, before, step, ctx, out)


def _step_summary(step: Any, ctx: _Context) -> Text:
    return ctx.params(step.type, step)


def _step_changes(label: Text, before: Any, after: Any, ctx: _Context, out: list[Change]) -> None:
    if before.type != after.type:
        out.append(Change("flow", _t(QT_TRANSLATE_NOOP("CampaignDiff", "%1 changed"), label)))
        return
    names = _field_names(after.type)
    for name in names:
        old_value, new_value = getattr(before, name, None), getattr(after, name, None)
        if old_value != new_value:
            out.append(
                Change(
                    "flow",
                    _t(
                        QT_TRANSLATE_NOOP("CampaignDiff", "%1: %2 changed from %3 to %4"),
                        label,
                        Term("field", name),
                        ctx.value(name, old_value),
                        ctx.value(name, new_value),
                    ),
                )
            )
    a_choices = list(getattr(before, "choices", []))
    b_choices = list(getattr(after, "choices", []))
    for i, j in _matched(a_choices, b_choices):
        if i is not None and j is not None:
            text = _t(
                QT_TRANSLATE_NOOP("CampaignDiff", "%1: choice %2 now reads: %4 (before: %3)"),
                label,
                str(j + 1),
                ctx.choice(after.type, a_choices[i]),
                ctx.choice(after.type, b_choices[j]),
            )
        elif j is not None:
            text = _t(
                QT_TRANSLATE_NOOP("CampaignDiff", "%1: choice %2 added: %3"),
                label,
                str(j + 1),
                ctx.choice(after.type, b_choices[j]),
            )
        else:
            assert i is not None
            text = _t(
                QT_TRANSLATE_NOOP("CampaignDiff", "%1: choice %2 removed: %3"),
                label,
                str(i + 1),
                ctx.choice(after.type, a_choices[i]),
            )
        out.append(Change("flow", text))
    # A field no step type declares (a step type of a newer release): said without detail.
    rest = {"id", "type", "choices", *names}
    if before.model_dump(exclude=rest) != after.model_dump(exclude=rest):
        out.append(Change("flow", _t(QT_TRANSLATE_NOOP("CampaignDiff", "%1 changed"), label)))


def _qualification(value: Any) -> Text:
    if isinstance(value, EveryDays):
        return _t(QT_TRANSLATE_NOOP("CampaignDiff", "at most once every %1 days"), str(value.every_days))
    if value == "every_time":
        return _t(QT_TRANSLATE_NOOP("CampaignDiff", "every time"))
    return _t(QT_TRANSLATE_NOOP("CampaignDiff", "once"))


def _recurrence(value: Recurrence | None) -> str | Text:
    if value is None:
        return _t(QT_TRANSLATE_NOOP("CampaignDiff", "does not repeat"))
    parts: list[str | Term | Text] = [
        _t(QT_TRANSLATE_NOOP("CampaignDiff", "every %1"), Term("period", value.every))
        if value.interval == 1
        else _t(QT_TRANSLATE_NOOP("CampaignDiff", "every %1 %2"), str(value.interval), Term("periods", value.every))
    ]
    if value.on:
        parts.append(_t(QT_TRANSLATE_NOOP("CampaignDiff", "on %1"), _join([Term("weekday", d) for d in value.on])))
    if value.at:
        parts.append(_t(QT_TRANSLATE_NOOP("CampaignDiff", "at %1"), value.at))
    if value.time_zone:
        parts.append(value.time_zone)
    if value.until:
        parts.append(_t(QT_TRANSLATE_NOOP("CampaignDiff", "until %1"), value.until))
    return _join(parts)


def _schedule(old: Campaign, new: Campaign, out: list[Change]) -> None:
    a, b = old.schedule, new.schedule
    if _dump(a.qualification) != _dump(b.qualification):
        out.append(
            Change(
                "schedule",
                _t(
                    QT_TRANSLATE_NOOP("CampaignDiff", "Qualification changed from %1 to %2"),
                    _qualification(a.qualification),
                    _qualification(b.qualification),
                ),
            )
        )
    a_start, b_start = a.start or a.run_at, b.start or b.run_at
    if a_start != b_start:
        out.append(
            Change(
                "schedule",
                _t(
                    QT_TRANSLATE_NOOP("CampaignDiff", "Start changed from %1 to %2"),
                    a_start or NONE,
                    b_start or NONE,
                ),
            )
        )
    if _dump(a.recurrence) != _dump(b.recurrence):
        out.append(
            Change(
                "schedule",
                _t(
                    QT_TRANSLATE_NOOP("CampaignDiff", "Repeats changed from %1 to %2"),
                    _recurrence(a.recurrence),
                    _recurrence(b.recurrence),
                ),
            )
        )


def _settings(old: Campaign, new: Campaign, out: list[Change]) -> None:
    a, b = old.settings.quiet_hours, new.settings.quiet_hours
    if a == b:
        return
    if a.enabled and not b.enabled:
        text = _t(QT_TRANSLATE_NOOP("CampaignDiff", "Quiet hours turned off"))
    elif b.enabled and not a.enabled:
        text = _t(QT_TRANSLATE_NOOP("CampaignDiff", "Quiet hours turned on: texts go %1–%2"), b.start, b.end)
    elif not b.enabled:
        return  # a window that is not used changed: nothing a run does changes
    else:
        text = _t(
            QT_TRANSLATE_NOOP("CampaignDiff", "Quiet hours changed: texts go %1–%2 instead of %3–%4"),
            b.start,
            b.end,
            a.start,
            a.end,
        )
    out.append(Change("settings", text))


def diff_campaigns(old: Campaign, new: Campaign, *, vibes_lists: Mapping[str, str] | None = None) -> list[Change]:
    """What changed from ``old`` to ``new``: the name and description, the smart list, the
    flow step by step, the schedule and the settings, in that order. ``vibes_lists`` (id →
    name) lets a Vibes list be named as well as numbered. Empty when they are the same."""
    ctx = _Context(vibes_lists or {})
    out: list[Change] = []
    _campaign_fields(old, new, out)
    _smart_list(old, new, ctx, out)
    _flow(old, new, ctx, out)
    _schedule(old, new, out)
    _settings(old, new, out)
    return out


def diff_texts(old: Campaign, new: Campaign, *, vibes_lists: Mapping[str, str] | None = None) -> list[str]:
    """:func:`diff_campaigns` in English, one line a change (for the command line)."""
    return [c.english() for c in diff_campaigns(old, new, vibes_lists=vibes_lists)]
