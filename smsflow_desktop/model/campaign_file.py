"""The ``smsflow.campaign/2`` file: one campaign and the SMS messages it uses.

The app writes ``/2`` and reads ``/1`` and ``/2``. A ``/1`` file reads as it always did:
the keys ``/2`` added (``schedule.start``, ``schedule.recurrence``, ``smart_list.triggers``)
are unknown in it.

``parse_campaign_document`` turns decoded JSON into a :class:`CampaignFile`, or raises
:class:`CampaignFormatError` naming the JSON path of the first thing that does not fit
(wrong type, unknown step type, newer format version, more steps or choices than
:data:`~smsflow_desktop.model.campaign.MAX_STEPS` and its siblings allow, a name that
:func:`~smsflow_desktop.model.campaign.name_problem` refuses). Names and the message names
steps refer to are trimmed of surrounding whitespace alike, so the file stays consistent.
Reading bytes from disk is the services' job; this module only knows the shape.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from smsflow_desktop.model.campaign import (
    MAX_CHOICES,
    MAX_FLOW_CHOICES,
    MAX_STEPS,
    MAX_TRIGGERS,
    Campaign,
    SmsMessage,
    name_problem,
)
from smsflow_desktop.model.step_types import on_change, references, step_types

FORMAT_NAME = "smsflow.campaign"
FORMAT_VERSION = 2
FORMAT = f"{FORMAT_NAME}/{FORMAT_VERSION}"
#: Keys each version added, as (JSON path, key): a file of an earlier version may not hold them.
ADDED_IN: dict[int, tuple[tuple[tuple[str, ...], str], ...]] = {
    2: (
        (("campaign", "schedule"), "start"),
        (("campaign", "schedule"), "recurrence"),
        (("campaign", "smart_list"), "triggers"),
    ),
}
MAX_DEPTH = 64

_FORMAT_RE = re.compile(r"^smsflow\.campaign/(\d+)$", re.ASCII)


class CampaignFormatError(ValueError):
    """The document does not fit the campaign file format; ``path`` is a JSON path like
    ``campaign.flow[1].type``."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.detail = message


class CampaignFile(BaseModel):
    """The whole file: format tag, campaign, and the messages the campaign names."""

    model_config = ConfigDict(extra="forbid")

    format: str = FORMAT
    campaign: Campaign
    messages: list[SmsMessage] = Field(default_factory=list)

    def to_json(self) -> str:
        """The file's text in the current format: stable key order, UTF-8 friendly, ending with a newline."""
        data = self.model_dump(mode="json")
        data["format"] = FORMAT
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


on_change(lambda: CampaignFile.model_rebuild(force=True))  # take in the step types registered since


def json_path(loc: tuple[Any, ...]) -> str:
    """``('campaign', 'flow', 1, 'type')`` → ``campaign.flow[1].type``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "$"


def _depth(value: Any, limit: int) -> int:
    stack = [(value, 1)]
    deepest = 0
    while stack:
        item, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, d + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, d + 1) for v in item)
    return deepest


def _bad_text(value: Any) -> tuple[Any, ...] | None:
    """The location of the first key or string that is not valid Unicode (a lone surrogate
    from an escape such as ``\\ud800``), which nothing can store or write; else None."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(value, ())]
    while stack:
        item, loc = stack.pop()
        if isinstance(item, dict):
            for key, sub in item.items():
                if not str(key).isascii() and _not_unicode(str(key)):
                    return loc + (key,)
                stack.append((sub, loc + (key,)))
        elif isinstance(item, list):
            stack.extend((sub, loc + (i,)) for i, sub in enumerate(item))
        elif isinstance(item, str) and not item.isascii() and _not_unicode(item):
            return loc
    return None


def _not_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _describe(error: Mapping[str, Any]) -> tuple[tuple[Any, ...], str]:
    loc = tuple(error.get("loc", ()))
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    # Pydantic appends the matched tag to the location of a discriminated union member;
    # drop it so the path names the JSON the user wrote.
    if kind == "union_tag_invalid":
        tag = ctx.get("tag")
        expected = ctx.get("expected_tags", "")
        return loc + ("type",), f"unknown type {tag!r} (expected one of {expected})"
    if kind == "union_tag_not_found":
        return loc, "missing 'type'"
    tags = _UNION_TAGS | _step_tags()
    clean = tuple(p for p in loc if not (isinstance(p, str) and p in tags))
    if kind == "extra_forbidden":
        return clean, "unknown key"
    if kind == "missing":
        return clean, "required key missing"
    return clean, str(error.get("msg", "invalid value")).removeprefix("Value error, ")


def _step_tags() -> frozenset[str]:
    """The tags pydantic puts in the location of a step (its type) and of a choice's ``then``
    (its params model's name)."""
    out = {st.id for st in step_types()}
    out.update(st.params_model.__name__ for st in step_types() if st.params_model is not None)
    return frozenset(out)


_UNION_TAGS = frozenset(
    {
        "person_field",
        "member_of_list",
        "member_of_vibes_list",
        "subscribed_to_vibes_list",
        "EveryDays",
        "literal['once','every_time']",
        "subscribes_to_vibes_list",
        "unsubscribes_from_vibes_list",
        "sms_bounces",
        "person_is_created",
        "added_to_list",
    }
)


def parse_campaign_document(data: Any) -> CampaignFile:
    """Validate decoded JSON as a campaign file; raise :class:`CampaignFormatError`."""
    if not isinstance(data, dict):
        raise CampaignFormatError("$", "a campaign file must be one JSON object")
    if _depth(data, MAX_DEPTH) > MAX_DEPTH:
        raise CampaignFormatError("$", f"nested deeper than {MAX_DEPTH} levels")
    bad = _bad_text(data)
    if bad is not None:
        raise CampaignFormatError(json_path(bad), "text that is not valid Unicode (a lone surrogate escape)")
    fmt = data.get("format")
    if not isinstance(fmt, str):
        raise CampaignFormatError("format", f"missing or not a string; expected {FORMAT!r}")
    match = _FORMAT_RE.match(fmt)
    if not match:
        raise CampaignFormatError("format", f"{fmt!r} is not a smsflow campaign format; expected {FORMAT!r}")
    digits = match.group(1).lstrip("0") or "0"
    version = int(digits) if len(digits) <= 9 else FORMAT_VERSION + 1  # int() refuses thousands of digits
    if version > FORMAT_VERSION:
        shown = digits if len(digits) <= 12 else digits[:12] + "…"
        raise CampaignFormatError(
            "format",
            f"version {shown} is newer than this app reads (up to {FORMAT_VERSION}); update smsflow-desktop to open it",
        )
    if version < 1:
        raise CampaignFormatError("format", f"unknown version {version}")
    _check_keys_of_version(data, version)
    _check_sizes(data)
    try:
        doc = CampaignFile.model_validate(data, strict=False)
    except ValidationError as exc:
        loc, message = _describe(exc.errors()[0])
        raise CampaignFormatError(json_path(loc), message) from None
    _clean_names(doc)
    doc.format = FORMAT  # read into the current model: written back, it is a file of this version
    return doc


def _check_keys_of_version(data: dict[str, Any], version: int) -> None:
    """Refuse a key that a later format version added (a ``/1`` file with triggers)."""
    for added, keys in ADDED_IN.items():
        if version >= added:
            continue
        for parents, key in keys:
            node: Any = data
            for part in parents:
                node = node.get(part) if isinstance(node, dict) else None
            if isinstance(node, dict) and node.get(key) not in (None, []):
                raise CampaignFormatError(
                    json_path((*parents, key)),
                    f"unknown key in {FORMAT_NAME}/{version} (it came with {FORMAT_NAME}/{added}; "
                    f'set "format" to "{FORMAT_NAME}/{added}")',
                )


def _check_sizes(data: dict[str, Any]) -> None:
    """Refuse a flow with more steps or choices than a campaign may have (before the
    steps are read one by one); wrong types are left for the model to name."""
    campaign = data.get("campaign")
    smart_list = campaign.get("smart_list") if isinstance(campaign, dict) else None
    triggers = smart_list.get("triggers") if isinstance(smart_list, dict) else None
    if isinstance(triggers, list) and len(triggers) > MAX_TRIGGERS:
        raise CampaignFormatError(
            "campaign.smart_list.triggers",
            f"{len(triggers)} triggers; a smart list may have at most {MAX_TRIGGERS}",
        )
    flow = campaign.get("flow") if isinstance(campaign, dict) else None
    if not isinstance(flow, list):
        return
    if len(flow) > MAX_STEPS:
        raise CampaignFormatError("campaign.flow", f"{len(flow)} steps; a campaign may have at most {MAX_STEPS} steps")
    total = 0
    for i, step in enumerate(flow):
        choices = step.get("choices") if isinstance(step, dict) else None
        if not isinstance(choices, list):
            continue
        if len(choices) > MAX_CHOICES:
            raise CampaignFormatError(
                f"campaign.flow[{i}].choices", f"{len(choices)} choices; a step may have at most {MAX_CHOICES}"
            )
        total += len(choices)
    if total > MAX_FLOW_CHOICES:
        raise CampaignFormatError(
            "campaign.flow", f"{total} choices in all; a campaign's flow may have at most {MAX_FLOW_CHOICES}"
        )


def _clean_name(name: str, path: str) -> str:
    cleaned = name.strip()
    problem = name_problem(cleaned)
    if problem is not None:
        raise CampaignFormatError(path, f"the name {problem}")
    return cleaned


def _clean_names(doc: CampaignFile) -> None:
    """Trim and check the campaign's and the messages' names; trim the steps' references."""
    campaign = doc.campaign
    cleaned = _clean_name(campaign.name, "campaign.name")
    if cleaned != campaign.name:
        campaign.name = cleaned
    seen: set[str] = set()
    for i, message in enumerate(doc.messages):
        cleaned = _clean_name(message.name, f"messages[{i}].name")
        if cleaned in seen:
            raise CampaignFormatError(f"messages[{i}].name", f"a second SMS message called {cleaned!r}")
        seen.add(cleaned)
        if cleaned != message.name:
            message.name = cleaned
    for step in campaign.flow:
        for params, field in references(step, "message"):
            name = getattr(params, field)
            if name is not None and name != name.strip():
                setattr(params, field, name.strip())


def parse_campaign_text(text: str) -> CampaignFile:
    """Decode and validate a campaign file's text."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CampaignFormatError("$", f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise CampaignFormatError("$", f"nested deeper than {MAX_DEPTH} levels") from None
    except ValueError:  # a number of thousands of digits (Python refuses to convert it)
        raise CampaignFormatError("$", "not valid JSON: a number has too many digits") from None
    return parse_campaign_document(data)
