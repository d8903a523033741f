"""The ``smsflow.campaign/1`` file: one campaign and the SMS messages it uses.

``parse_campaign_document`` turns decoded JSON into a :class:`CampaignFile`, or raises
:class:`CampaignFormatError` naming the JSON path of the first thing that does not fit
(wrong type, unknown step type, newer format version). Reading bytes from disk is the
services' job; this module only knows the shape.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from smsflow_desktop.model.campaign import Campaign, SmsMessage

FORMAT_NAME = "smsflow.campaign"
FORMAT_VERSION = 1
FORMAT = f"{FORMAT_NAME}/{FORMAT_VERSION}"
MAX_DEPTH = 64

_FORMAT_RE = re.compile(r"^smsflow\.campaign/(\d+)$")


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
        """The file's text: stable key order, UTF-8 friendly, ending with a newline."""
        data = self.model_dump(mode="json")
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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


def _describe(error: dict[str, Any]) -> tuple[tuple[Any, ...], str]:
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
    clean = tuple(p for p in loc if not (isinstance(p, str) and p in _UNION_TAGS))
    if kind == "extra_forbidden":
        return clean, "unknown key"
    if kind == "missing":
        return clean, "required key missing"
    return clean, str(error.get("msg", "invalid value")).removeprefix("Value error, ")


_UNION_TAGS = frozenset({
    "send_sms", "subscribe_vibes_list", "unsubscribe_vibes_list", "wait", "person_field",
    "member_of_list", "member_of_vibes_list", "subscribed_to_vibes_list", "EveryDays",
    "literal['once','every_time']", "SendSmsParams", "SubscribeParams", "UnsubscribeParams",
})


def parse_campaign_document(data: Any) -> CampaignFile:
    """Validate decoded JSON as a campaign file; raise :class:`CampaignFormatError`."""
    if not isinstance(data, dict):
        raise CampaignFormatError("$", "a campaign file must be one JSON object")
    if _depth(data, MAX_DEPTH) > MAX_DEPTH:
        raise CampaignFormatError("$", f"nested deeper than {MAX_DEPTH} levels")
    fmt = data.get("format")
    if not isinstance(fmt, str):
        raise CampaignFormatError("format", f"missing or not a string; expected {FORMAT!r}")
    match = _FORMAT_RE.match(fmt)
    if not match:
        raise CampaignFormatError("format", f"{fmt!r} is not a smsflow campaign format; expected {FORMAT!r}")
    version = int(match.group(1))
    if version > FORMAT_VERSION:
        raise CampaignFormatError(
            "format",
            f"version {version} is newer than this app reads (up to {FORMAT_VERSION}); "
            "update smsflow-desktop to open it",
        )
    if version < 1:
        raise CampaignFormatError("format", f"unknown version {version}")
    try:
        return CampaignFile.model_validate(data, strict=False)
    except ValidationError as exc:
        loc, message = _describe(exc.errors()[0])
        raise CampaignFormatError(json_path(loc), message) from None


def parse_campaign_text(text: str) -> CampaignFile:
    """Decode and validate a campaign file's text."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CampaignFormatError(
            "$", f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise CampaignFormatError("$", f"nested deeper than {MAX_DEPTH} levels") from None
    return parse_campaign_document(data)
