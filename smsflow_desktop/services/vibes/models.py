"""Pydantic views of the Vibes answers the client reads.

Vibes adds fields over time and nests some values (a person's number sits in
``mobile_phone.mdn``, a campaign's keywords in ``acquisition_campaign.keywords``), so every
model ignores unknown fields and lifts the nested values the program uses to flat
attributes. Identifiers are always strings, whatever JSON type Vibes sent.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator


def _to_str(value: Any) -> Any:
    if isinstance(value, bool):
        return value  # refused as an identifier
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return value


Id = Annotated[str, BeforeValidator(_to_str)]
OptId = Annotated[str | None, BeforeValidator(_to_str)]


def _nested(data: Any, outer: str, inner: str) -> Any:
    value = data.get(outer) if isinstance(data, dict) else None
    return value.get(inner) if isinstance(value, dict) else None


#: Opt-out reasons that mean the person texted STOP (or its like) themselves. Such a number
#: gets no text and no opt-in request until it opts in again; the other reasons (an API or
#: bulk opt-out, a carrier disconnect, an archived list) are the sender's doing.
STOP_REASONS = frozenset({"user_opt_out", "keyword_opt_out", "button_opt_out"})


class VibesModel(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True, frozen=True)


class SubscriptionList(VibesModel):
    id: Id
    name: str = ""
    url: str | None = None
    subscribers_url: str | None = None
    acquisition_campaigns_url: str | None = None


class AcquisitionCampaign(VibesModel):
    acquisition_id: Id
    description: str = ""
    status: str = ""
    start_date: str | None = None
    end_date: str | None = None
    keywords: list[str] = Field(default_factory=list)
    url: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _lift(cls, data: Any) -> Any:
        if isinstance(data, dict) and "keywords" not in data:
            keywords = _nested(data, "acquisition_campaign", "keywords")
            if isinstance(keywords, list):
                data = {**data, "keywords": [str(k) for k in keywords]}
        return data


class Person(VibesModel):
    person_key: Id
    external_person_id: OptId = None
    mdn: str | None = None
    carrier_code: OptId = None
    custom_fields: dict[str, Any] = Field(default_factory=dict)
    created_at: str | None = None
    updated_at: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _lift(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            data.setdefault("mdn", _nested(data, "mobile_phone", "mdn"))
            data.setdefault("carrier_code", _nested(data, "mobile_phone", "carrier_code"))
            if data.get("person_key") is None and data.get("person_id") is not None:
                data["person_key"] = data["person_id"]
            if data.get("custom_fields") is None:
                data["custom_fields"] = {}
        return data


class Subscriber(Person):
    """A person found as a current member of a subscription list."""


class Participation(VibesModel):
    status: str
    http_status: int
    person_key: OptId = None
    person_id: OptId = None
    participation_date: str | None = None
    expire_date: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _lift(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            data.setdefault("person_key", _nested(data, "person", "person_key"))
            data.setdefault("person_id", _nested(data, "person", "person_id"))
        return data


class PersonSubscription(VibesModel):
    subscription_list_id: Id
    person_id: OptId = None
    opt_in_date: str | None = None
    opt_out_date: str | None = None
    opt_out_reason: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _lift(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            data.setdefault("subscription_list_id", _nested(data, "subscription_list", "id"))
            data.setdefault("person_id", _nested(data, "person", "id"))
        return data

    @property
    def active(self) -> bool:
        return self.opt_out_date is None


class Callback(VibesModel):
    callback_id: Id
    callback_type: str
    url: str | None = None
    method: str | None = None
    list_id: OptId = None
    campaign_id: OptId = None
    event_type: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _lift(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            data["url"] = _nested(data, "destination", "url")
            data.setdefault("method", _nested(data, "destination", "method"))
            kind = data.get("callback_type")
            if isinstance(kind, str):
                data.setdefault("list_id", _nested(data, kind, "list_id"))
                data.setdefault("campaign_id", _nested(data, kind, "campaign_id"))
                data.setdefault("event_type", _nested(data, kind, "event_type"))
        return data


class EventTriggeredMessage(VibesModel):
    event_triggered_message_id: Id
    status: str = ""
    event_type: str = ""
    message_template: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _lift(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            data.setdefault("message_template", _nested(data, "targeting", "message_template"))
        return data
