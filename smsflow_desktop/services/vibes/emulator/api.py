"""The emulated Vibes API: one WSGI handler per operation, with Vibes' paths and answers.

Handlers receive the werkzeug request, the API version the request asked for (2 with
``X-API-Version: 2``, else 1) and the path values; they return a response or raise
:class:`RequestProblem`, which becomes ``{"errors": [{"message", "code"}]}`` with its status.
Paths are matched without their trailing slash, so ``…/subscription_lists`` and
``…/subscription_lists/`` are the same operation, as on Vibes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from smsflow_desktop.services.vibes.emulator import views
from smsflow_desktop.services.vibes.emulator.mdn import MdnError, parse_mdn
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
    status: int, message: str, code: str | int | None = None, headers: dict[str, str] | None = None
) -> Response:
    return json_response(
        {"errors": [{"message": message, "code": code if code is not None else status}]}, status, headers
    )


def body_json(request: Request) -> Any:
    raw = request.get_data(cache=True)
    if not raw:
        return {}
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise RequestProblem(400, "The request body is not valid JSON") from None


def query_mdn(request: Request, version: int) -> str | None:
    """The ``mdn`` query value as E.164; an unencoded ``+`` arrives as a space and is refused."""
    raw = request.args.get("mdn")
    if raw is None:
        return None
    try:
        return parse_mdn(raw, version)
    except MdnError as exc:
        raise RequestProblem(400, str(exc)) from None


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
        if not isinstance(body, dict):
            raise RequestProblem(400, "The request body must be a JSON object")
        phone: dict[str, Any] = body["mobile_phone"] if isinstance(body.get("mobile_phone"), dict) else {}
        ext, pid = body.get("external_person_id"), body.get("person_id")
        mdn = None
        if phone.get("mdn") is not None:
            try:
                mdn = parse_mdn(phone["mdn"], version)
            except MdnError as exc:
                raise RequestProblem(400, str(exc)) from None
        elif not (ext or pid):
            raise RequestProblem(400, "One of person_id, external_person_id or mobile_phone.mdn is required")
        if campaign["status"] != "active":
            raise RequestProblem(422, f"The acquisition campaign is {campaign['status']}", "UNPROCESSABLE ENTITY")
        if pid:
            person = store.person(person_key=str(pid))
            if person is None:
                raise RequestProblem(422, f"No person with person_id {pid}", "UNPROCESSABLE ENTITY")
        elif mdn:
            by_mdn = store.person(mdn=mdn)
            by_ext = store.person(external_person_id=str(ext)) if ext else None
            if (
                (by_ext and by_mdn and by_ext["person_key"] != by_mdn["person_key"])
                or (by_ext and not by_mdn and by_ext["mdn"] and by_ext["mdn"] != mdn)
                or (by_mdn and ext and by_mdn["external_person_id"] and by_mdn["external_person_id"] != str(ext))
            ):
                raise RequestProblem(
                    422, "The external_person_id is already in use by another person.", "EXTERNALPERSONIDMISMATCH"
                )
            person = by_mdn or by_ext
        else:
            person = store.person(external_person_id=str(ext))
            if person is None:
                raise RequestProblem(422, f"No person with external_person_id {ext}", "UNPROCESSABLE ENTITY")
        number = mdn or (person["mdn"] if person else None)
        if not number:
            raise RequestProblem(422, "The person has no mobile number", "UNPROCESSABLE ENTITY")
        if number in self._landlines():
            raise RequestProblem(
                422, "The supplied phone number does not map to a provisioned carrier.", "CARRIERNOTPROVISIONED"
            )
        if store.q1("SELECT 1 FROM confirmation_blocks WHERE acquisition_id = ? AND mdn = ?", (acquisition_id, number)):
            raise RequestProblem(
                422, "The MDN has previously replied No to this acquisition campaign.", "MDNHASCONFIRMATIONBLOCK"
            )
        if store.q1("SELECT 1 FROM confirmation_blocks WHERE acquisition_id = ? AND mdn = ?", (STOP_BLOCK, number)):
            raise RequestProblem(422, "The MDN opted out (STOP) and has not opted in since.", "MDNHASCONFIRMATIONBLOCK")
        custom = body.get("custom_fields") if isinstance(body.get("custom_fields"), dict) else None
        if person is None:
            person = store.create_person(number, str(ext) if ext else None, custom)
        elif (ext and not person["external_person_id"]) or (mdn and not person["mdn"]) or custom:
            person = store.update_person(
                person["person_key"],
                external_person_id=str(ext) if ext else None,
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
        if not isinstance(body, dict):
            raise RequestProblem(422, "The request body must be a JSON object")
        phone: dict[str, Any] = body["mobile_phone"] if isinstance(body.get("mobile_phone"), dict) else {}
        mdn = None
        if phone.get("mdn") is not None:
            try:
                mdn = parse_mdn(phone["mdn"], version)
            except MdnError as exc:
                raise RequestProblem(422, str(exc)) from None
        ext = body.get("external_person_id")
        if ext is not None and (not isinstance(ext, (str, int)) or len(str(ext)) > 128):
            raise RequestProblem(422, "external_person_id must be a string of at most 128 characters")
        custom = body.get("custom_fields")
        if custom is not None and not isinstance(custom, dict):
            raise RequestProblem(422, "custom_fields must be an object")
        return mdn, (str(ext) if ext is not None else None), custom

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
            landlines=self._landlines(),
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
        body = validate_etm({**json.loads(row["body"]), **body_json(request)})
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
    def _callback_body(self, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise RequestProblem(400, "The request body must be a JSON object")
        kind = body.get("callback_type")
        if not isinstance(kind, str) or not kind:
            raise RequestProblem(422, f"callback_type is required (for example {', '.join(CALLBACK_TYPES)})")
        dest = body.get("destination")
        if not isinstance(dest, dict) or not isinstance(dest.get("url"), str) or not dest["url"]:
            raise RequestProblem(422, "destination.url is required")
        if str(dest.get("method", "POST")).upper() not in ("POST", "PUT"):
            raise RequestProblem(422, "destination.method must be POST or PUT")
        return body

    def callbacks_get(self, request: Request, version: int) -> Response:
        rows = self.store.q("SELECT * FROM callbacks WHERE active = 1 ORDER BY id")
        return json_response([views.callback_view(self.store, r) for r in rows])

    def callbacks_post(self, request: Request, version: int) -> Response:
        body = self._callback_body(body_json(request))
        now = self.store.now_iso()
        with self.store.tx() as c:
            cur = c.execute(
                "INSERT INTO callbacks(callback_type, body, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (body["callback_type"], json.dumps(body), now, now),
            )
            row = c.execute("SELECT * FROM callbacks WHERE id = ?", (cur.lastrowid,)).fetchone()
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
        kind = body.get("callback_type") if isinstance(body, dict) else None
        callbacks = self.dispatcher.matching(kind) if isinstance(kind, str) else []
        if not callbacks:
            raise RequestProblem(404, "An active callback does not exist.")
        payload = {k: v for k, v in body.items() if k != "callback_type"}
        self.dispatcher.send(callbacks, kind, {**payload, "test": True})  # type: ignore[arg-type]
        return json_response(
            {"message": f"Test {kind} callback queued.", "event_id": str(callbacks[0]["callback_id"])}, 201
        )
