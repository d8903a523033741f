"""Inspection and control endpoints under ``/_emulator/`` (not part of Vibes, no auth).

``GET events`` (every accepted event with ``event_id``, ``event_type``, ``event_data`` and
the ``mdn`` it was routed to), ``POST reply`` (an inbound text: ``{"mdn", "text"}``),
``GET messages`` (texts in and out), ``GET participants``, ``GET callbacks/deliveries``,
``GET extracts/current_subscribers[?date=]`` and ``GET extracts/subscriptions?date=``
(TSV), ``GET``/``POST faults`` and ``GET stats``.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any, Protocol

from werkzeug.wrappers import Request, Response

from smsflow_desktop.services.vibes.emulator.api import error_response, json_response
from smsflow_desktop.services.vibes.emulator.extracts import current_subscribers, daily_subscriptions
from smsflow_desktop.services.vibes.emulator.faults import FaultInjector, Faults
from smsflow_desktop.services.vibes.emulator.mdn import MdnError, parse_mdn
from smsflow_desktop.services.vibes.emulator.optin import expire_pending, handle_reply
from smsflow_desktop.services.vibes.emulator.outbox import Dispatcher
from smsflow_desktop.services.vibes.emulator.sending import event_view
from smsflow_desktop.services.vibes.emulator.store import EmulatorStore

FAULT_FIELDS = {f.name for f in dataclasses.fields(Faults)}


class Inspected(Protocol):
    """What the endpoints read and change of the running server (``server.EmulatorServer``)."""

    store: EmulatorStore | None
    dispatcher: Dispatcher | None
    faults: Faults
    injector: FaultInjector


def _day(request: Request) -> date | None:
    text = request.args.get("date")
    return date.fromisoformat(text) if text else None


def handle(server: Inspected, request: Request, path: str) -> Response:
    store, dispatcher = server.store, server.dispatcher
    if store is None or dispatcher is None:
        return error_response(503, "the emulator is not running")
    route = (request.method, path.removeprefix("/_emulator").strip("/"))
    try:
        if route == ("GET", "events"):
            sql, params = "SELECT * FROM events WHERE 1 = 1", list[str]()
            for key in ("event_type", "mdn", "event_id"):
                if request.args.get(key):
                    sql, params = sql + f" AND {key} = ?", [*params, request.args[key]]
            return json_response([event_view(r) for r in store.q(sql + " ORDER BY seq", params)])
        if route == ("POST", "reply"):
            body = json.loads(request.get_data() or b"{}")
            if not isinstance(body, dict) or not isinstance(body.get("text"), str):
                return error_response(400, 'expected {"mdn": "+1...", "text": "Y"}')
            return json_response(handle_reply(store, parse_mdn(body.get("mdn"), 2), body["text"]))
        if route == ("GET", "messages"):
            sql, params = "SELECT mdn, direction, kind, text, at FROM messages", []
            if request.args.get("mdn"):
                sql, params = sql + " WHERE mdn = ?", [request.args["mdn"]]
            return json_response([dict(r) for r in store.q(sql + " ORDER BY id", params)])
        if route == ("GET", "participants"):
            expire_pending(store)
            return json_response([dict(r) for r in store.q("SELECT * FROM participants ORDER BY participation_date")])
        if route == ("GET", "callbacks/deliveries"):
            return json_response(list(dispatcher.deliveries))
        if route == ("GET", "extracts/current_subscribers"):
            return Response(current_subscribers(store, _day(request)), mimetype="text/tab-separated-values")
        if route == ("GET", "extracts/subscriptions"):
            return Response(
                daily_subscriptions(store, _day(request) or store.now().date()), mimetype="text/tab-separated-values"
            )
        if route == ("GET", "faults"):
            return json_response(dataclasses.asdict(server.faults))
        if route == ("POST", "faults"):
            changes: dict[str, Any] = json.loads(request.get_data() or b"{}")
            if not isinstance(changes, dict):
                return error_response(400, "expected a JSON object of fault settings")
            unknown = set(changes) - FAULT_FIELDS
            if unknown:
                return error_response(400, f"unknown fault settings: {', '.join(sorted(unknown))}")
            for key, value in changes.items():
                setattr(server.faults, key, tuple(value) if key == "error_statuses" else value)
            return json_response(dataclasses.asdict(server.faults))
        if route == ("GET", "stats"):
            return json_response({**server.injector.counters.snapshot(), "pending_jobs": dispatcher.pending()})
    except (ValueError, MdnError, RecursionError) as exc:  # bad JSON, bad date, bad number
        return error_response(400, str(exc))
    return error_response(404, f"no inspection endpoint {request.method} {path}")
