"""The Vibes Platform API client the engine, the GUI and the command line use.

One :class:`VibesClient` is shared by all threads of a run: each thread gets its own
``httpx.Client`` (connection pool), all share the rate limiter. Requests carry HTTP Basic
auth, ``X-API-Version: 2`` (E.164 numbers) and JSON bodies; numbers in query strings go out
as ``%2B1...``. Calls that only read, or that Vibes treats idempotently, are retried on
429/502/503/504 and connection failures; calls that text someone (``send_event``,
``add_participant``, creating an event-triggered message) are repeated only when the request
surely did not reach Vibes (see :mod:`.transport`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ValidationError

from smsflow_desktop.services.vibes.errors import (
    AuthenticationError,
    NetworkError,
    NotConfiguredError,
    NotFoundError,
    UnexpectedAnswerError,
    VibesError,
)
from smsflow_desktop.services.vibes.models import (
    AcquisitionCampaign,
    Callback,
    Participation,
    Person,
    PersonSubscription,
    Subscriber,
    SubscriptionList,
)
from smsflow_desktop.services.vibes.ratelimit import RateLimits
from smsflow_desktop.services.vibes.transport import ClientStats, RetryingTransport


def _q(value: str) -> str:
    """One path segment, percent-encoded (``/`` and ``+`` included)."""
    return quote(str(value), safe="")


def _json(response: httpx.Response, action: str) -> Any:
    try:
        return response.json()
    except (ValueError, RecursionError):
        raise VibesError(
            f"Vibes sent an answer that is not JSON (HTTP {response.status_code}) on {action}",
            status=response.status_code,
        ) from None


M = TypeVar("M", bound=BaseModel)


def _kind(value: Any) -> str:
    """What a JSON value is, in words (never the value: it may be long, or private)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else type(value).__name__


def _not_understood(action: str, detail: str, *, reached: bool) -> UnexpectedAnswerError:
    return UnexpectedAnswerError(
        f"Vibes answered {action} with data this app does not understand: {detail}", may_have_reached=reached
    )


def _one(model: type[M], data: Any, action: str, *, where: str = "", reached: bool = False) -> M:
    """``data`` read as ``model``; an answer of the wrong shape is an :class:`UnexpectedAnswerError`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        first = errors[0]
        path = ".".join(str(p) for p in (where, *first["loc"]) if p != "")
        if first["type"] in ("model_type", "model_attributes_type", "dict_type"):
            what = "expected an object"
        else:
            what = first["msg"][:1].lower() + first["msg"][1:]
        detail = f"{path + ': ' if path else ''}{what}, got {_kind(first['input'])}"
        if len(errors) > 1:
            detail += f" (and {len(errors) - 1} more)"
        raise _not_understood(action, detail, reached=reached) from None


def _many(model: type[M], data: Any, action: str) -> list[M]:
    """A JSON list read item by item as ``model``."""
    if not isinstance(data, list):
        raise _not_understood(action, f"expected a list, got {_kind(data)}", reached=False)
    return [_one(model, item, action, where=f"item {i}") for i, item in enumerate(data)]


class VibesClient:
    """A thread-safe client for one Vibes company (base URL, company key, credentials)."""

    def __init__(
        self,
        base_url: str,
        company_key: str,
        username: str,
        password: str,
        *,
        timeout: float = 10.0,
        rate_limits: RateLimits = RateLimits(),
        max_retries: int = 5,
        retry_budget: float = 60.0,
        transport: httpx.BaseTransport | None = None,
        backoff_base: float = 0.25,
        backoff_cap: float = 8.0,
        sourcecode: str | None = None,
        sourcecode_country: str = "1",
        require_sourcecode: bool = False,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.company_key = company_key
        self.username = username
        #: The short code (Vibes ``sourcecode``) texts go from, and its country calling code.
        self.sourcecode = (sourcecode or "").strip() or None
        self.sourcecode_country = sourcecode_country
        #: Refuse to create an event-triggered message without a short code (remote mode:
        #: Vibes would refuse it, or text from a code the company did not choose).
        self.require_sourcecode = require_sourcecode
        self._ck = f"/companies/{_q(company_key)}"
        self._t = RetryingTransport(
            self.base_url,
            httpx.BasicAuth(username, password),
            timeout=timeout,
            rate_limits=rate_limits,
            max_retries=max_retries,
            retry_budget=retry_budget,
            backoff_base=backoff_base,
            backoff_cap=backoff_cap,
            transport=transport,
        )

    def __repr__(self) -> str:
        return f"VibesClient({self.base_url!r}, company_key={self.company_key!r}, username={self.username!r})"

    @property
    def stats(self) -> ClientStats:
        return self._t.stats

    @property
    def host(self) -> str:
        return self._t.host

    def set_rate_share(self, share: float) -> None:
        """Use ``share`` of the configured rate limits: several programs send for this account."""
        self._t.limiter.set_share(share)

    def close(self) -> None:
        self._t.close()

    def __enter__(self) -> VibesClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- helpers ----------------------------------------------------------------------------
    def _get(
        self, path: str, action: str, *, params: dict[str, Any] | None = None, allow: tuple[int, ...] = ()
    ) -> httpx.Response:
        return self._t.request("GET", self._ck + path, action, params=params, allow=allow)[0]

    # -- connection -------------------------------------------------------------------------
    def test_connection(self) -> None:
        """Check host, credentials and company key; raise with a plain sentence on failure."""
        try:
            self._t.request(
                "GET", f"{self._ck}/mobiledb/subscription_lists/", "the connection test", max_retries=1, budget=10.0
            )
        except NetworkError as exc:
            raise NetworkError(f"{exc}; check vibes.base_url and the network", may_have_reached=False) from None
        except AuthenticationError as exc:
            if exc.status == 401:
                message = (
                    f"Vibes at {self.host} refused the user name {self.username!r} or the password "
                    "(HTTP 401); check vibes.username and set the password again"
                )
            else:
                message = (
                    f"Vibes at {self.host} refused user {self.username!r} access to company key "
                    f"{self.company_key!r} (HTTP {exc.status}); check vibes.company_key"
                )
            raise AuthenticationError(message, status=exc.status, code=exc.code) from None
        except NotFoundError as exc:
            raise NotFoundError(
                f"Vibes at {self.host} does not know the company key {self.company_key!r} "
                "(HTTP 404); check vibes.company_key",
                status=404,
                code=exc.code,
            ) from None

    # -- subscription lists ------------------------------------------------------------
    def list_subscription_lists(self) -> list[SubscriptionList]:
        action = "listing subscription lists"
        return _many(SubscriptionList, _json(self._get("/mobiledb/subscription_lists/", action), action), action)

    def get_subscription_list(self, list_id: str) -> SubscriptionList:
        action = f"reading subscription list {list_id}"
        return _one(
            SubscriptionList, _json(self._get(f"/mobiledb/subscription_lists/{_q(list_id)}", action), action), action
        )

    def get_subscriber(self, list_id: str, mdn: str) -> Subscriber | None:
        """The person when ``mdn`` is a current member of the list, else None."""
        action = f"looking up {mdn} in subscription list {list_id}"
        response = self._get(
            f"/mobiledb/subscription_lists/{_q(list_id)}/subscribers", action, params={"mdn": mdn}, allow=(404,)
        )
        if response.status_code == 404:
            return None
        return _one(Subscriber, _json(response, action), action)

    # -- acquisition campaigns ------------------------------------------------------------
    def list_acquisition_campaigns(self) -> list[AcquisitionCampaign]:
        action = "listing acquisition campaigns"
        response = self._get("/campaigns/acquisition", action, allow=(404,))
        if response.status_code == 404:  # Vibes: "No campaigns can be located."
            return []
        return _many(AcquisitionCampaign, _json(response, action), action)

    def get_acquisition_campaign(self, acquisition_id: str) -> AcquisitionCampaign:
        action = f"reading acquisition campaign {acquisition_id}"
        return _one(
            AcquisitionCampaign,
            _json(self._get(f"/campaigns/acquisition/{_q(acquisition_id)}", action), action),
            action,
        )

    def list_acquisition_campaigns_for_list(self, list_id: str) -> list[AcquisitionCampaign]:
        action = f"listing the acquisition campaigns of subscription list {list_id}"
        data = _json(self._get(f"/mobiledb/subscription_lists/{_q(list_id)}/acquisition_campaigns/", action), action)
        return _many(AcquisitionCampaign, data, action)

    def add_participant(
        self,
        acquisition_id: str,
        *,
        mdn: str | None = None,
        external_person_id: str | None = None,
        person_id: str | None = None,
        custom_fields: dict | None = None,
    ) -> Participation:
        """Start the (double) opt-in of one person; never repeated once it may have reached Vibes."""
        if not (mdn or external_person_id or person_id):
            raise ValueError("add_participant needs mdn, external_person_id or person_id")
        body: dict[str, Any] = {}
        if person_id:
            body["person_id"] = person_id
        if external_person_id:
            body["external_person_id"] = external_person_id
        if mdn:
            body["mobile_phone"] = {"mdn": mdn}
        if custom_fields:
            body["custom_fields"] = custom_fields
        who = mdn or external_person_id or person_id
        action = f"adding {who} to acquisition campaign {acquisition_id}"
        response, _ = self._t.request(
            "POST", f"{self._ck}/campaigns/acquisition/{_q(acquisition_id)}/participants", action, json=body, safe=False
        )
        data = _json(response, action) if response.content else {}
        if not isinstance(data, dict):
            raise _not_understood(action, f"expected an object, got {_kind(data)}", reached=True)
        return _one(
            Participation,
            {**data, "http_status": response.status_code, "status": data.get("status") or "PENDING"},
            action,
            reached=True,
        )

    # -- persons --------------------------------------------------------------------------
    def find_person_by_mdn(self, mdn: str) -> Person | None:
        action = f"finding the person with number {mdn}"
        response = self._get("/mobiledb/persons", action, params={"mdn": mdn}, allow=(404,))
        return None if response.status_code == 404 else _one(Person, _json(response, action), action)

    def get_person(self, person_key: str) -> Person:
        action = f"reading person {person_key}"
        return _one(Person, _json(self._get(f"/mobiledb/persons/{_q(person_key)}", action), action), action)

    def get_person_by_external_id(self, external_person_id: str) -> Person | None:
        action = f"reading the person with external id {external_person_id}"
        response = self._get(f"/mobiledb/persons/external/{_q(external_person_id)}", action, allow=(404,))
        return None if response.status_code == 404 else _one(Person, _json(response, action), action)

    def create_or_update_person(
        self, *, mdn: str, external_person_id: str | None = None, custom_fields: dict | None = None
    ) -> Person:
        """Create the person, or update the one holding ``mdn`` (Vibes answers 201 or 200)."""
        body: dict[str, Any] = {"mobile_phone": {"mdn": mdn}}
        if external_person_id:
            body["external_person_id"] = external_person_id
        if custom_fields:
            body["custom_fields"] = custom_fields
        action = f"saving the person with number {mdn}"
        response, _ = self._t.request("POST", f"{self._ck}/mobiledb/persons/", action, json=body)
        return _one(Person, _json(response, action), action, reached=True)

    def person_subscriptions(self, person_key: str, *, active_only: bool = True) -> list[PersonSubscription]:
        action = f"reading the subscriptions of person {person_key}"
        response = self._get(
            f"/mobiledb/persons/{_q(person_key)}/subscriptions",
            action,
            params={"active_only": "true" if active_only else "false"},
        )
        return _many(PersonSubscription, _json(response, action), action)

    def unsubscribe(
        self, list_id: str, *, person_key: str | None = None, external_person_id: str | None = None
    ) -> bool:
        """End a subscription: True when removed, False when the person was not a member."""
        if person_key:
            path, who = f"/mobiledb/persons/{_q(person_key)}/subscriptions/{_q(list_id)}", person_key
        elif external_person_id:
            path = f"/mobiledb/persons/external/{_q(external_person_id)}/subscriptions/{_q(list_id)}"
            who = external_person_id
        else:
            raise ValueError("unsubscribe needs person_key or external_person_id")
        action = f"unsubscribing {who} from list {list_id}"
        response, reached_before = self._t.request("DELETE", self._ck + path, action, allow=(404,))
        # a 404 after an attempt that may have gone through means that attempt removed it
        return response.status_code != 404 or reached_before

    # -- sending --------------------------------------------------------------------------
    def create_event_triggered_message(self, *, name: str, event_type: str, message_template: str, list_id: str) -> str:
        """Create the message Vibes sends for each ``event_type`` event to members of ``list_id``,
        from the short code (``targeting.sms``). Without a short code, :class:`NotConfiguredError`
        (code ``missing_short_code``) when one is required, else the request goes without it."""
        if self.sourcecode is None and self.require_sourcecode:
            raise NotConfiguredError(
                "Vibes texts need the short code they are sent from: set vibes.short_code "
                "(smsflow settings set vibes.short_code CODE)",
                code="missing_short_code",
            )
        targeting: dict[str, Any] = {
            "message_template": message_template,
            "channel": "sms",
            "filters": [
                {
                    "name": "subscription",
                    "selector": "any",
                    "value": [int(list_id) if str(list_id).isdigit() else list_id],
                }
            ],
        }
        if self.sourcecode:
            targeting["sms"] = {
                "sourcecode": self.sourcecode,
                "country_code": self.sourcecode_country,
                # SC: a short or long numeric code; ANC: an alphanumeric sender id
                "sourcecode_type": "SC" if self.sourcecode.isdigit() else "ANC",
            }
        body = {
            "name": name,
            "event_type": event_type,
            "start_date": datetime.now(UTC).strftime("%Y-%m-%d"),
            "targeting": targeting,
        }
        action = f"creating the event-triggered message {name!r}"
        response, _ = self._t.request(
            "POST", f"{self._ck}/mobiledb/event_triggered_messages", action, json=body, safe=False
        )
        data = _json(response, action)
        etm_id = data.get("event_triggered_message_id") if isinstance(data, dict) else None
        if etm_id is None:
            raise VibesError(
                f"Vibes did not return an event_triggered_message_id on {action}",
                status=response.status_code,
                may_have_reached=True,
            )
        return str(etm_id)

    def find_event_triggered_message(self, event_type: str) -> str | None:
        """The id of an active event-triggered message for ``event_type``, if Vibes has one
        (so an earlier attempt to create it that may have gone through is found, not doubled)."""
        action = f"looking up the event-triggered message for {event_type!r}"
        response, _ = self._t.request(
            "GET",
            f"{self._ck}/mobiledb/event_triggered_messages",
            action,
            params={"event_type": event_type, "status": "active"},
        )
        data = _json(response, action)
        for item in data if isinstance(data, list) else []:
            if (
                isinstance(item, dict)
                and item.get("event_type") == event_type
                and item.get("event_triggered_message_id") is not None
            ):
                return str(item["event_triggered_message_id"])
        return None

    def send_event(self, *, event_id: str, event_type: str, event_data: dict) -> None:
        """Submit one event (one text to one person); 202 means accepted, not delivered."""
        action = f"sending event {event_id}"
        self._t.request(
            "POST",
            f"{self._ck}/events",
            action,
            endpoint="events",
            safe=False,
            json={"event_id": event_id, "event_type": event_type, "event_data": event_data},
        )

    # -- callbacks ------------------------------------------------------------------------
    def register_callback(
        self,
        *,
        callback_type: str,
        url: str,
        list_id: str | None = None,
        campaign_id: str | None = None,
        event_type: str | None = None,
    ) -> str:
        """Ask Vibes to POST ``callback_type`` notifications to ``url``; return the callback id."""
        body: dict[str, Any] = {
            "callback_type": callback_type,
            "destination": {"url": url, "method": "POST", "content_type": "application/json"},
        }
        if callback_type == "event_processed":
            body["event_processed"] = {"callbacks_to_send": "all", **({"event_type": event_type} if event_type else {})}
        elif list_id and callback_type in ("subscription_added", "subscription_removed"):
            body[callback_type] = {"list_id": list_id}
        elif campaign_id and callback_type in ("ack_participant_added", "ack_participant_changed"):
            body[callback_type] = {"campaign_id": campaign_id}
        action = f"registering a {callback_type} callback"
        response, _ = self._t.request("POST", f"{self._ck}/config/callbacks/", action, json=body, safe=False)
        return _one(Callback, _json(response, action), action, reached=True).callback_id

    def list_callbacks(self) -> list[Callback]:
        action = "listing callbacks"
        return _many(Callback, _json(self._get("/config/callbacks/", action), action), action)

    def delete_callback(self, callback_id: str) -> None:
        """Cancel a callback; one that is already gone (404) counts as cancelled."""
        self._t.request(
            "DELETE",
            f"{self._ck}/config/callbacks/{_q(callback_id)}",
            f"cancelling callback {callback_id}",
            allow=(404,),
        )
