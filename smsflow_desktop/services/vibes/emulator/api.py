"""The emulated Vibes API: one WSGI handler per operation, with Vibes' paths and answers.

Handlers receive the werkzeug request, the API version the request asked for (2 with
``X-API-Version: 2``, else 1) and the path values; they return a response or raise
:class:`RequestProblem`, which becomes ``{"errors": [{"message", "code"}, ...]}`` with its
status. Paths are matched without their trailing slash, so ``…/subscription_lists`` and
``…/subscription_lists/`` are the same operation, as on Vibes.

Like a provisioned Vibes account, it refuses what a real one refuses: a body that is not a
JSON object (400), a number ``phonenumbers`` finds invalid (400), a number of a country the
account does not serve or a landline (422), a custom field the account does not know or
that is not text (422, one error per field), an event-triggered message without
``targeting.sms`` or from another short code than the account's (422).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from smsflow_desktop.services.vibes.emulator import views
from smsflow_desktop.services.vibes.emulator.mdn import MdnError, parse_mdn, region_of
from smsflow_desktop.services.vibes.emulator.optin import STOP_BLOCK, expire_pending, start_participation
from smsflow_desktop.services.vibes.emulator.outbox import CALLBACK_TYPES, Dispatcher
from smsflow_desktop.services.vibes.emulator.sending import (
    RequestProblem,
    accept_event,
    create_etm,
    etm_view,
    validate_etm,
)
from smsflow_desktop.services.vibes.emulator.store import EmulatorStore

P = "/companies/<ck>"
ROUTES: list[tuple[str, str, tuple[str, ...]]] = [
    (f"{P}/mobiledb/subscription_lists", "lists", ("GET",)),
    (f"{P}/mobiledb/subscription_lists/<list_id>", "list", ("GET",)),
    (f"{P}/mobiledb/subscription_lists/<list_id>/subscribers", "subscribers", ("GET",)),
    (f"{P}/mobiledb/subscription_lists/<list_id>/acquisition_campaigns", "list_acquisitions", ("GET",)),
    (f"{P}/campaigns/acquisition", "acquisitions", ("GET",)),
    (f"{P}/campaigns/acquisition/<acquisition_id>", "acquisition", ("GET",)),
    (f"{P}/campaigns/acquisition/<acquisition_id>/participants", "participants", ("GET", "POST")),
    (f"{P}/mobiledb/persons", "persons", ("GET", "POST")),
    (f"{P}/mobiledb/persons/external/<external_person_id>", "person", ("GET", "PUT")),
    (f"{P}/mobiledb/persons/external/<external_person_id>/subscriptions", "subscriptions", ("GET",)),
    (f"{P}/mobiledb/persons/external/<external_person_id>/subscriptions/<list_id>", "subscription", ("GET", "DELETE")),
    (f"{P}/mobiledb/persons/<person_key>", "person", ("GET", "PUT")),
    (f"{P}/mobiledb/persons/<person_key>/subscriptions", "subscriptions", ("GET",)),
    (f"{P}/mobiledb/persons/<person_key>/subscriptions/<list_id>", "subscription", ("GET", "DELETE")),
    (f"{P}/events", "events", ("POST",)),
    (f"{P}/mobiledb/event_triggered_messages", "etms", ("GET", "POST")),
    (f"{P}/mobiledb/event_triggered_messages/<int:etm_id>", "etm", ("GET", "PUT", "DELETE")),
    (f"{P}/config/callbacks", "callbacks", ("GET", "POST")),
    (f"{P}/config/callbacks/<int:callback_id>", "callback", ("GET", "PUT", "DELETE")),
    (f"{P}/config/callback_events/test", "callback_test", ("POST",)),
]
URL_MAP = Map(
    [Rule(path, endpoint=name, methods=list(methods)) for path, name, methods in ROUTES], strict_slashes=False
)


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(data), status=status, headers=headers, mimetype="application/json")


def error_response(
    status: int,
    message: str,
    code: str | int | None = None,
    headers: dict[str, str] | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> Response:
    items = errors or [{"message": message, "code": code if code is not None else status}]
    return json_response({"errors": items}, status, headers)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


#: The largest request body the emulator reads (Vibes' bodies are small).
MAX_BODY = 1_000_000


def body_json(request: Request, *, object_required: bool = True) -> Any:
    """The request's JSON body (``{}`` when empty); 400 for a body that is not JSON, or (with
    ``object_required``) not a JSON object."""
    if (request.content_length or 0) > MAX_BODY:
        raise RequestProblem(413, f"The request body is larger than {MAX_BODY} bytes")
    raw = request.get_data(cache=True)
    if not raw:
        return {}
    try:
        body = json.loads(raw, parse_constant=_no_constant)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise RequestProblem(400, "The request body is not valid JSON") from None
    if object_required and not isinstance(body, dict):
        raise RequestProblem(400, "The request body must be a JSON object")
    return body


def query_mdn(request: Request, version: int) -> str | None:
    """The ``mdn`` query value as E.164; an unencoded ``+`` arrives as a space and is refused."""
    raw = request.args.get("mdn")
    if raw is None:
        return None
    try:
        return parse_mdn(raw, version)
    except MdnError as exc:
        raise RequestProblem(400, str(exc)) from None


NOT_PROVISIONED = "The supplied phone number does not map to a provisioned carrier."
#: Callback types Vibes registers (its reference); the emulator sends those of :data:`CALLBACK_TYPES`.
ALL_CALLBACK_TYPES = (
    *CALLBACK_TYPES,
    "company_participant_added",
    "company_participant_changed",
    "person_added",
    "person_updated",
    "device_added",
    "device_removed",
    "device_updated",
    "subscription_list_added",
    "subscription_list_updated",
    "unmatched_message_received",
    "wallet_item_install",
    "wallet_item_remove",
)
CALLBACKS_TO_SEND = ("all", "only_failures", "routing", "carrier_dlr", "handset_dlr")


@dataclass
class ApiConfig:
    landlines: set[str] = field(default_factory=set)
    undeliverable: set[str] = field(default_factory=set)
    delivery_delay_s: float = 0.5


class VibesApi:
    """The operations; :meth:`dispatch` runs one matched request."""

    def __init__(self, store: EmulatorStore, dispatcher: Dispatcher, config: ApiConfig) -> None:
        self.store = store
        self.dispatcher = dispatcher
        self.config = config

    def dispatch(self, request: Request, version: int, endpoint: str, values: dict[str, Any]) -> Response:
        values.pop("ck", None)
        handler: Callable[..., Response] = getattr(self, f"{endpoint}_{request.method.lower()}")
        return handler(request, version, **values)

    # -- helpers ---------------------------------------------------------------------------
    def _person_for(self, values: dict[str, Any]):
        if "person_key" in values:
            return self.store.person(person_key=values["person_key"])
        return self.store.person(external_person_id=values["external_person_id"])

    def _landlines(self) -> set[str]:
        return self.config.landlines | self.store.number_set("landlines")

    def _number(self, raw: Any, version: int) -> str:
        """A number from a request body: E.164, or 400 as Vibes answers a bad number."""
        try:
            return parse_mdn(raw, version)
        except MdnError as exc:
            raise RequestProblem(400, str(exc)) from None

    def unserved(self, mdn: str) -> str | None:
        """Why the account cannot text ``mdn`` (a country it does not serve, a landline), or None."""
        countries = self.store.countries
        if countries is not None and region_of(mdn) not in countries:
            return f"numbers of {region_of(mdn) or 'that country'} are not served by this account"
        if mdn in self._landlines():
            return "the number's carrier is not supported (landline)"
        return None

    def _served(self, mdn: str) -> None:
        if self.unserved(mdn) is not None:
            raise RequestProblem(422, NOT_PROVISIONED, "CARRIERNOTPROVISIONED")

    def _custom_fields(self, value: Any) -> dict[str, str] | None:
        """``custom_fields`` checked against the fields the account knows: 422 with one error
        per unknown field or value that is not text."""
        if value is None:
            return None
        if not isinstance(value, dict):
            raise RequestProblem(422, "custom_fields must be an object")
        known = self.store.custom_fields
        errors = [
            {"message": f"custom_fields.{key}: the custom field is unknown to the platform", "code": "UNKNOWNFIELD"}
            for key in value
            if key not in known
        ] + [
            {"message": f"custom_fields.{key}: the value must be a string", "code": "INVALIDFIELDVALUE"}
            for key, v in value.items()
            if key in known and not isinstance(v, str)
        ]
        if errors:
            raise RequestProblem(422, errors[0]["message"], errors[0]["code"], errors=errors)
        return value

    @staticmethod
    def _phone(body: dict[str, Any]) -> dict[str, Any]:
        phone = body.get("mobile_phone")
        if phone is None:
            return {}
        if not isinstance(phone, dict):
            raise RequestProblem(422, "mobile_phone must be an object with an mdn")
        return phone

    @staticmethod
    def _identifier(body: dict[str, Any], key: str) -> str | None:
        value = body.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)) or len(str(value)) > 128:
            raise RequestProblem(422, f"{key} must be a string of at most 128 characters")
        return str(value)

    # -- subscription lists ------------------------------------------------------------------
    def lists_get(self, request: Request, version: int) -> Response:
        return json_response([views.list_view(self.store, r) for r in self.store.q("SELECT * FROM lists ORDER BY id")])

    def list_get(self, request: Request, version: int, list_id: str) -> Response:
        row = self.store.list_row(list_id)
        if row is None:
            raise RequestProblem(404, f"The subscription_list_id {list_id} cannot be found.")
        return json_response(views.list_view(self.store, row))

    def subscribers_get(self, request: Request, version: int, list_id: str) -> Response:
        if self.store.list_row(list_id) is None:
            raise RequestProblem(404, f"The subscription_list_id {list_id} cannot be found.")
        mdn = query_mdn(request, version)
        if mdn is not None:
            person = self.store.person(mdn=mdn)
        elif request.args.get("person_key"):
            person = self.store.person(person_key=request.args["person_key"])
        elif request.args.get("external_person_id"):
            person = self.store.person(external_person_id=request.args["external_person_id"])
        else:
            person = None
        if person is None or list_id not in self.store.active_list_ids(person["person_key"]):
            raise RequestProblem(404, "The subscriber cannot be located or is not subscribed to this list.")
        return json_response(views.person_view(self.store, person, version))

    def list_acquisitions_get(self, request: Request, version: int, list_id: str) -> Response:
        if self.store.list_row(list_id) is None:
            raise RequestProblem(404, f"The subscription_list_id {list_id} cannot be found.")
        rows = self.store.q(
            "SELECT a.* FROM acquisitions a JOIN acquisition_lists l ON l.acquisition_id = a.id "
            "WHERE l.list_id = ? ORDER BY a.id",
            (list_id,),
        )
        return json_response([views.acquisition_view(self.store, r) for r in rows])

    # -- acquisition campaigns ----------------------------------------------------------------
    def acquisitions_get(self, request: Request, version: int) -> Response:
        rows = self.store.q("SELECT * FROM acquisitions ORDER BY id")
        if not rows:
            raise RequestProblem(404, "No campaigns can be located.")
        return json_response([views.acquisition_view(self.store, r) for r in rows])

    def acquisition_get(self, request: Request, version: int, acquisition_id: str) -> Response:
        row = self.store.acquisition_row(acquisition_id)
        if row is None:
            raise RequestProblem(404, f"The acquisition_id {acquisition_id} cannot be located.")
        return json_response(views.acquisition_view(self.store, row))

    def participants_get(self, request: Request, version: int, acquisition_id: str) -> Response:
        expire_pending(self.store)
        mdn = query_mdn(request, version)
        sql, params = "SELECT * FROM participants WHERE acquisition_id = ? AND status = 'PENDING'", [acquisition_id]
        key = request.args.get("person_id")
        if mdn is not None:
            sql, params = sql + " AND mdn = ?", [*params, mdn]
        elif key:
            sql, params = sql + " AND person_key = ?", [*params, key]
        elif request.args.get("external_person_id"):
            person = self.store.person(external_person_id=request.args["external_person_id"])
            sql, params = sql + " AND person_key = ?", [*params, person["person_key"] if person else ""]
        rows = self.store.q(sql + " ORDER BY participation_date", params)
        return json_response([views.participant_view(self.store, r, with_key=False) for r in rows])

    def participants_post(self, request: Request, version: int, acquisition_id: str) -> Response:
        store = self.store
        campaign = store.acquisition_row(acquisition_id)
        if campaign is None:
            raise RequestProblem(404, f"The acquisition_id {acquisition_id} cannot be located.")
        body = body_json(request)
        phone = self._phone(body)
        ext, pid = self._identifier(body, "external_person_id"), self._identifier(body, "person_id")
        mdn = None
        if phone.get("mdn") is not None:
            mdn = self._number(phone["mdn"], version)
        elif not (ext or pid):
            raise RequestProblem(400, "One of person_id, external_person_id or mobile_phone.mdn is required")
        custom = self._custom_fields(body.get("custom_fields"))
        if campaign["status"] != "active":
            raise RequestProblem(422, f"The acquisition campaign is {campaign['status']}", "UNPROCESSABLE ENTITY")
        # Who, found or made in one transaction: requests for the same new number at once
        # make one person.
        with store.tx():
            if pid:
                person = store.person(person_key=pid)
                if person is None:
                    raise RequestProblem(422, f"No person with person_id {pid}", "UNPROCESSABLE ENTITY")
            elif mdn:
                by_mdn = store.person(mdn=mdn)
                by_ext = store.person(external_person_id=ext) if ext else None
                if (
                    (by_ext and by_mdn and by_ext["person_key"] != by_mdn["person_key"])
                    or (by_ext and not by_mdn and by_ext["mdn"] and by_ext["mdn"] != mdn)
                    or (by_mdn and ext and by_mdn["external_person_id"] and by_mdn["external_person_id"] != ext)
                ):
                    raise RequestProblem(
                        422, "The external_person_id is already in use by another person.", "EXTERNALPERSONIDMISMATCH"
                    )
                person = by_mdn or by_ext
            else:
                person = store.person(external_person_id=ext)
                if person is None:
                    raise RequestProblem(422, f"No person with external_person_id {ext}", "UNPROCESSABLE ENTITY")
            number = mdn or (person["mdn"] if person else None)
            if not number:
                raise RequestProblem(422, "The person has no mobile number", "UNPROCESSABLE ENTITY")
            self._served(number)
            if store.q1(
                "SELECT 1 FROM confirmation_blocks WHERE acquisition_id = ? AND mdn = ?", (acquisition_id, number)
            ):
                raise RequestProblem(
                    422, "The MDN has previously replied No to this acquisition campaign.", "MDNHASCONFIRMATIONBLOCK"
                )
            if store.q1("SELECT 1 FROM confirmation_blocks WHERE acquisition_id = ? AND mdn = ?", (STOP_BLOCK, number)):
                raise RequestProblem(
                    422, "The MDN opted out (STOP) and has not opted in since.", "MDNHASCONFIRMATIONBLOCK"
                )
            if person is None:
                person = store.create_person(number, ext, custom)
            elif (ext and not person["external_person_id"]) or (mdn and not person["mdn"]) or custom:
                person = store.update_person(
                    person["person_key"],
                    external_person_id=ext,
                    mdn=mdn if not person["mdn"] else None,
                    custom_fields=custom,
                )
        status, row = start_participation(store, campaign, person, "api")
        if status == 409 or row is None:
            raise RequestProblem(409, "Already subscribed.")
        return json_response(views.participant_view(store, row, with_key=True), status)

    # -- persons ----------------------------------------------------------------------------------
    def persons_get(self, request: Request, version: int) -> Response:
        mdn = query_mdn(request, version)
        person = self.store.person(mdn=mdn) if mdn else None
        if person is None:
            raise RequestProblem(404, "MDN not found.")
        return json_response(views.person_view(self.store, person, version))

    def _read_person_body(self, request: Request, version: int) -> tuple[str | None, str | None, dict | None]:
        body = body_json(request)
        phone = self._phone(body)
        mdn = None
        if phone.get("mdn") is not None:
            mdn = self._number(phone["mdn"], version)
            self._served(mdn)
        ext = self._identifier(body, "external_person_id")
        return mdn, ext, self._custom_fields(body.get("custom_fields"))

    def persons_post(self, request: Request, version: int) -> Response:
        mdn, ext, custom = self._read_person_body(request, version)
        store = self.store
        with store.tx():
            by_mdn = store.person(mdn=mdn) if mdn else None
            by_ext = store.person(external_person_id=ext) if ext else None
            if by_mdn is not None:
                if (by_ext is not None and by_ext["person_key"] != by_mdn["person_key"]) or (
                    ext and by_mdn["external_person_id"] and by_mdn["external_person_id"] != ext
                ):
                    raise RequestProblem(409, "The MDN is already associated with another person record.")
                row = store.update_person(by_mdn["person_key"], external_person_id=ext, custom_fields=custom)
                return json_response(views.person_view(store, row, version), 200)
            if by_ext is not None:
                if mdn and by_ext["mdn"] and by_ext["mdn"] != mdn:
                    raise RequestProblem(409, "The MDN of an existing person cannot be changed.")
                row = store.update_person(by_ext["person_key"], mdn=mdn, custom_fields=custom)
                return json_response(views.person_view(store, row, version), 200)
            if not mdn and not ext:
                raise RequestProblem(422, "mobile_phone.mdn or external_person_id is required")
            row = store.create_person(mdn, ext, custom)
        return json_response(views.person_view(store, row, version), 201)

    def person_get(self, request: Request, version: int, **values: str) -> Response:
        person = self._person_for(values)
        if person is None:
            raise RequestProblem(404, "The person record cannot be found.")
        return json_response(views.person_view(self.store, person, version))

    def person_put(self, request: Request, version: int, **values: str) -> Response:
        mdn, ext, custom = self._read_person_body(request, version)
        store = self.store
        with store.tx():
            person = self._person_for(values)
            if person is None:
                if "person_key" in values:
                    raise RequestProblem(404, "The person record cannot be found.")
                if mdn and store.person(mdn=mdn):
                    raise RequestProblem(409, "The MDN is already associated with another person record.")
                row = store.create_person(mdn, values["external_person_id"], custom)
                return json_response(views.person_view(store, row, version), 201)
            if mdn and person["mdn"] and mdn != person["mdn"]:
                raise RequestProblem(409, "The MDN of an existing person cannot be changed.")
            if mdn and not person["mdn"] and store.person(mdn=mdn):
                raise RequestProblem(409, "The MDN is already associated with another person record.")
            other = store.person(external_person_id=ext) if ext and "person_key" in values else None
            if other is not None and other["person_key"] != person["person_key"]:
                raise RequestProblem(409, "The external_person_id belongs to another person record.")
            row = store.update_person(
                person["person_key"],
                mdn=mdn if not person["mdn"] else None,
                external_person_id=ext if "person_key" in values else None,
                custom_fields=custom,
            )
        return json_response(views.person_view(store, row, version), 200)

    def subscriptions_get(self, request: Request, version: int, **values: str) -> Response:
        person = self._person_for(values)
        if person is None:
            raise RequestProblem(404, "The person cannot be located.")
        active_only = request.args.get("active_only", "true").lower() not in ("false", "0", "no")
        sql = "SELECT * FROM subscriptions WHERE person_key = ?" + (" AND opt_out_date IS NULL" if active_only else "")
        rows = self.store.q(sql + " ORDER BY list_id", (person["person_key"],))
        return json_response([views.subscription_view(self.store, r) for r in rows])

    def subscription_get(self, request: Request, version: int, list_id: str, **values: str) -> Response:
        person = self._person_for(values)
        row = self.store.subscription(person["person_key"], list_id) if person else None
        if row is None or row["opt_out_date"] is not None:
            raise RequestProblem(404, "The person cannot be located or is not subscribed to this list.")
        return json_response([views.subscription_view(self.store, row)])

    def subscription_delete(self, request: Request, version: int, list_id: str, **values: str) -> Response:
        person = self._person_for(values)
        if person is None or not self.store.opt_out(
            person["person_key"], list_id, "api_opt_out", "unsubscribed via API"
        ):
            raise RequestProblem(404, "Either the person cannot be located or they are already not subscribed.")
        return Response(status=204)

    # -- sending -------------------------------------------------------------------------------------
    def events_post(self, request: Request, version: int) -> Response:
        result = accept_event(
            self.store,
            self.dispatcher,
            body_json(request),
            version,
            unserved=self.unserved,
            undeliverable=self.config.undeliverable | self.store.number_set("undeliverable"),
            delivery_delay_s=self.config.delivery_delay_s,
        )
        return json_response(result, 202)

    def etms_get(self, request: Request, version: int) -> Response:
        sql, params = "SELECT * FROM etms WHERE 1 = 1", list[str]()
        for key in ("status", "event_type"):
            if request.args.get(key):
                sql, params = sql + f" AND {key} = ?", [*params, request.args[key]]
        return json_response([etm_view(self.store, r) for r in self.store.q(sql + " ORDER BY id", params)])

    def etms_post(self, request: Request, version: int) -> Response:
        return json_response(etm_view(self.store, create_etm(self.store, body_json(request))), 202)

    def _etm(self, etm_id: int):
        row = self.store.q1("SELECT * FROM etms WHERE id = ?", (etm_id,))
        if row is None:
            raise RequestProblem(404, f"The event_triggered_message_id {etm_id} cannot be found.")
        return row

    def etm_get(self, request: Request, version: int, etm_id: int) -> Response:
        return json_response(etm_view(self.store, self._etm(etm_id)))

    def etm_put(self, request: Request, version: int, etm_id: int) -> Response:
        row = self._etm(etm_id)
        if row["status"] != "active":
            raise RequestProblem(422, "The status of the event-triggered message does not allow updates.")
        body = validate_etm({**json.loads(row["body"]), **body_json(request)}, self.store.short_code)
        with self.store.tx() as c:
            c.execute(
                "UPDATE etms SET name = ?, event_type = ?, body = ?, updated_at = ? WHERE id = ?",
                (body["name"], body["event_type"], json.dumps(body), self.store.now_iso(), etm_id),
            )
        return json_response(etm_view(self.store, self._etm(etm_id)))

    def etm_delete(self, request: Request, version: int, etm_id: int) -> Response:
        self._etm(etm_id)
        with self.store.tx() as c:
            c.execute(
                "UPDATE etms SET status = 'cancelled', updated_at = ? WHERE id = ?", (self.store.now_iso(), etm_id)
            )
        return json_response(etm_view(self.store, self._etm(etm_id)))

    # -- callbacks -------------------------------------------------------------------------------------
    def _callback_body(self, body: dict[str, Any]) -> dict[str, Any]:
        """A callback registration as Vibes reads it: its type, destination and the filter
        object of its type (other fields are dropped); 422 names what is wrong."""
        kind = body.get("callback_type")
        if not isinstance(kind, str) or kind not in ALL_CALLBACK_TYPES:
            raise RequestProblem(422, f"callback_type must be one of {', '.join(ALL_CALLBACK_TYPES)}")
        dest = body.get("destination")
        if not isinstance(dest, dict) or not isinstance(dest.get("url"), str) or not dest["url"]:
            raise RequestProblem(422, "destination.url is required")
        method = dest.get("method", "POST")
        if not isinstance(method, str) or method.upper() not in ("POST", "PUT"):
            raise RequestProblem(422, "destination.method must be POST or PUT")
        content_type = dest.get("content_type", "application/json")
        if content_type not in ("application/json", "text/json"):
            raise RequestProblem(422, "destination.content_type must be application/json or text/json")
        clean: dict[str, Any] = {
            "callback_type": kind,
            "destination": {"url": dest["url"], "method": method.upper(), "content_type": content_type},
        }
        spec = body.get(kind)
        if spec is None and kind in ("event_processed", "unmatched_message_received"):
            raise RequestProblem(422, f"{kind} is required for a {kind} callback")
        if spec is not None:
            if not isinstance(spec, dict) or not all(isinstance(v, str) for v in spec.values()):
                raise RequestProblem(422, f"{kind} must be an object of strings")
            wanted = spec.get("callbacks_to_send")
            if kind == "event_processed" and wanted is not None and wanted not in CALLBACKS_TO_SEND:
                raise RequestProblem(
                    422, f"event_processed.callbacks_to_send must be one of {', '.join(CALLBACKS_TO_SEND)}"
                )
            clean[kind] = spec
        for key in ("start_date", "end_date"):
            if body.get(key) is not None:
                if not isinstance(body[key], str):
                    raise RequestProblem(422, f"{key} must be a date")
                clean[key] = body[key]
        return clean

    def callbacks_get(self, request: Request, version: int) -> Response:
        rows = self.store.q("SELECT * FROM callbacks WHERE active = 1 ORDER BY id")
        return json_response([views.callback_view(self.store, r) for r in rows])

    def callbacks_post(self, request: Request, version: int) -> Response:
        body = self._callback_body(body_json(request))
        now = self.store.now_iso()
        with self.store.tx() as c:
            row = c.execute(
                "INSERT INTO callbacks(callback_type, body, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING *",
                (body["callback_type"], json.dumps(body), now, now),
            ).fetchone()
        return json_response(views.callback_view(self.store, row), 201)

    def _callback(self, callback_id: int):
        row = self.store.q1("SELECT * FROM callbacks WHERE id = ? AND active = 1", (callback_id,))
        if row is None:
            raise RequestProblem(404, f"The callback_id {callback_id} cannot be found.")
        return row

    def callback_get(self, request: Request, version: int, callback_id: int) -> Response:
        return json_response(views.callback_view(self.store, self._callback(callback_id)))

    def callback_put(self, request: Request, version: int, callback_id: int) -> Response:
        row = self._callback(callback_id)
        body = self._callback_body({**json.loads(row["body"]), **body_json(request)})
        with self.store.tx() as c:
            c.execute(
                "UPDATE callbacks SET callback_type = ?, body = ?, updated_at = ? WHERE id = ?",
                (body["callback_type"], json.dumps(body), self.store.now_iso(), callback_id),
            )
        return json_response(views.callback_view(self.store, self._callback(callback_id)))

    def callback_delete(self, request: Request, version: int, callback_id: int) -> Response:
        row = self._callback(callback_id)
        with self.store.tx() as c:
            c.execute(
                "UPDATE callbacks SET active = 0, updated_at = ? WHERE id = ?", (self.store.now_iso(), callback_id)
            )
        return json_response(views.callback_view(self.store, row))

    def callback_test_post(self, request: Request, version: int) -> Response:
        body = body_json(request)
        kind = body.get("callback_type")
        callbacks = self.dispatcher.matching(kind) if isinstance(kind, str) else []
        if not callbacks:
            raise RequestProblem(404, "An active callback does not exist.")
        payload = {k: v for k, v in body.items() if k != "callback_type"}
        self.dispatcher.send(callbacks, kind, {**payload, "test": True})
        return json_response(
            {"message": f"Test {kind} callback queued.", "event_id": str(callbacks[0]["callback_id"])}, 201
        )
