"""Event-triggered messages and events: how the emulator "sends" one text to one person.

An event-triggered message (ETM) ties an ``event_type`` to a template, the short code it
sends from (``targeting.sms``, required as in Vibes' reference; when the account has a short
code, it must be that one) and, through a ``subscription`` filter, to lists. An accepted
event (202) is routed to the first active ETM of its type; routing fails when there is none,
when the person is unknown or not a current member of the ETM's lists, or when the account
cannot text the number (a country it does not serve, a landline). A routed text gets its
carrier and handset receipts after ``delivery_delay_s`` (a failed carrier receipt for an
undeliverable number). Every stage is an ``event_processed`` callback.
"""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from smsflow_desktop.services.vibes.emulator.mdn import MdnError, parse_mdn
from smsflow_desktop.services.vibes.emulator.outbox import Dispatcher
from smsflow_desktop.services.vibes.emulator.store import EmulatorStore
from smsflow_desktop.services.vibes.emulator.views import present

_TAG = re.compile(r"\{\{\s*([\w.]+)\s*(?:\|\s*default\s*:\s*(?:\"([^\"]*)\"|'([^']*)'))?\s*\}\}")


class RequestProblem(Exception):
    """A request the API refuses: HTTP status, message and code for the ``errors`` body."""

    def __init__(
        self, status: int, message: str, code: str | int | None = None, *, errors: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code if code is not None else status
        self.errors = errors  # several ``{"message", "code"}`` items, when there is more than one thing wrong


def render_template(template: str, data: dict[str, Any]) -> str:
    """The Liquid subset Vibes templates use here: ``{{ key }}``, ``{{ event_data.key | default: "x" }}``."""

    def sub(match: re.Match[str]) -> str:
        key = match.group(1).removeprefix("event_data.")
        value = data.get(key)
        if value in (None, ""):
            return match.group(2) or match.group(3) or ""
        return str(value)

    return _TAG.sub(sub, template)


def etm_list_ids(body: dict[str, Any]) -> list[str]:
    targeting = body.get("targeting") or {}
    out: list[str] = []
    for item in targeting.get("filters") or []:
        if isinstance(item, dict) and item.get("name") == "subscription" and item.get("selector", "any") == "any":
            out.extend(str(v) for v in item.get("value") or [])
    return out


def _date(body: dict[str, Any], key: str, *, required: bool) -> None:
    value = body.get(key)
    if value is None and not required:
        return
    try:
        date.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise RequestProblem(422, f"{key} must be a date (yyyy-mm-dd)") from None


SOURCECODE_TYPES = ("SC", "ANC")


def validate_etm(body: Any, short_code: str | None) -> dict[str, Any]:
    """An SMS event-triggered message as Vibes' reference requires it (``name``,
    ``event_type``, ``start_date``, ``targeting.message_template``, ``targeting.sms`` with
    ``sourcecode``, ``country_code`` and ``sourcecode_type``); with the account's
    ``short_code``, ``sourcecode`` must be it. 422 names the first thing wrong."""
    if not isinstance(body, dict):
        raise RequestProblem(400, "The request body must be a JSON object")
    for key in ("name", "event_type"):
        if not isinstance(body.get(key), str) or not body[key]:
            raise RequestProblem(422, f"{key} is required")
    _date(body, "start_date", required=True)
    _date(body, "end_date", required=False)
    targeting = body.get("targeting")
    if not isinstance(targeting, dict) or not isinstance(targeting.get("message_template"), str):
        raise RequestProblem(422, "targeting.message_template is required")
    if targeting.get("channel", "sms") != "sms":
        raise RequestProblem(422, "targeting.channel must be sms")
    sms = targeting.get("sms")
    if not isinstance(sms, dict):
        raise RequestProblem(422, "targeting.sms is required (sourcecode, country_code, sourcecode_type)")
    for key in ("sourcecode", "country_code", "sourcecode_type"):
        value = sms.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and key == "country_code":
            continue
        if not isinstance(value, str) or not value:
            raise RequestProblem(422, f"targeting.sms.{key} is required")
    if not str(sms["country_code"]).isdigit():
        raise RequestProblem(422, "targeting.sms.country_code must be a country calling code such as 1")
    if sms["sourcecode_type"] not in SOURCECODE_TYPES:
        raise RequestProblem(422, "targeting.sms.sourcecode_type must be SC or ANC")
    if short_code is not None and sms["sourcecode"] != short_code:
        raise RequestProblem(
            422, f"The sourcecode {sms['sourcecode']} is not provisioned for this company.", "INVALIDSOURCECODE"
        )
    filters = targeting.get("filters", [])
    if not isinstance(filters, list) or not all(isinstance(f, dict) for f in filters):
        raise RequestProblem(422, "targeting.filters must be a list of objects")
    for item in filters:
        if not isinstance(item.get("value", []), list):
            raise RequestProblem(422, "targeting.filters[].value must be a list")
    return body


def etm_view(store: EmulatorStore, row: sqlite3.Row) -> dict[str, Any]:
    body = json.loads(row["body"])
    ck = store.company["company_key"]
    return present(
        {
            "event_triggered_message_id": row["id"],
            "name": row["name"],
            "status": row["status"],
            "event_type": row["event_type"],
            "start_date": body.get("start_date"),
            "end_date": body.get("end_date"),
            "created_by": store.company["username"],
            "created_by_application": "public-api",
            "targeting": {
                **(body.get("targeting") or {}),
                "message_format": "text",
                "url": f"/companies/{ck}/mobiledb/event_triggered_messages/{row['id']}",
                "created_at": row["created_at"],
                "updated_at": row["updated_at"],
            },
        }
    )


def create_etm(store: EmulatorStore, body: Any) -> sqlite3.Row:
    body = validate_etm(body, store.short_code)
    now = store.now_iso()
    with store.tx() as c:
        return c.execute(
            "INSERT INTO etms(name, event_type, status, body, created_at, updated_at) "
            "VALUES (?, ?, 'active', ?, ?, ?) RETURNING *",
            (body["name"], body["event_type"], json.dumps(body), now, now),
        ).fetchone()


def _resolve(store: EmulatorStore, data: dict[str, Any], version: int) -> tuple[str | None, sqlite3.Row | None]:
    if data.get("mdn") is not None:
        try:
            mdn = parse_mdn(data["mdn"], version)
        except MdnError as exc:
            raise RequestProblem(400, str(exc)) from None
        return mdn, store.person(mdn=mdn)
    key = data.get("person_key") or data.get("person_id")
    if key is not None:
        person = store.person(person_key=str(key))
    elif data.get("external_person_id") is not None:
        person = store.person(external_person_id=str(data["external_person_id"]))
    elif data.get("vibes_device_id") is not None:
        return None, None
    else:
        raise RequestProblem(422, "event_data needs one of mdn, person_id/person_key, external_person_id")
    return (person["mdn"] if person else None), person


def accept_event(
    store: EmulatorStore,
    dispatcher: Dispatcher,
    body: Any,
    version: int,
    *,
    unserved: Callable[[str], str | None],
    undeliverable: set[str],
    delivery_delay_s: float,
) -> dict[str, Any]:
    """Record an event, route it, schedule its receipts; return the 202 body. ``unserved``
    says why the account cannot text a number (None: it can)."""
    if not isinstance(body, dict):
        raise RequestProblem(400, "The request body must be a JSON object")
    event_type, data = body.get("event_type"), body.get("event_data")
    if not isinstance(event_type, str) or not event_type:
        raise RequestProblem(422, "event_type is required")
    if not isinstance(data, dict):
        raise RequestProblem(422, "event_data is required and must be an object")
    raw_id = body.get("event_id")
    if raw_id is not None and (not isinstance(raw_id, str) or len(raw_id) > 255):
        raise RequestProblem(422, "event_id must be a string of at most 255 characters")
    event_id = raw_id or str(uuid.uuid4())
    mdn, person = _resolve(store, data, version)
    with store.tx() as c:
        seq = c.execute(
            "INSERT INTO events(event_id, event_type, event_data, mdn, person_key, status, received_at) "
            "VALUES (?, ?, ?, ?, ?, 'accepted', ?) RETURNING seq",
            (event_id, event_type, json.dumps(data), mdn, person["person_key"] if person else None, store.now_iso()),
        ).fetchone()[0]
    etm = store.q1("SELECT * FROM etms WHERE event_type = ? AND status = 'active' ORDER BY id LIMIT 1", (event_type,))
    reason = None
    if etm is None:
        reason = f"no active event-triggered message for event type {event_type!r}"
    elif person is None or mdn is None:
        reason = "the person is unknown or has no mobile number"
    else:
        lists = etm_list_ids(json.loads(etm["body"]))
        if lists and not set(lists) & set(store.active_list_ids(person["person_key"])):
            reason = f"not subscribed to the message's list ({', '.join(lists)})"
        else:
            reason = unserved(mdn)
    message = None
    if reason is None and etm is not None and mdn is not None:
        template = (json.loads(etm["body"]).get("targeting") or {}).get("message_template", "")
        message = render_template(template, data)
        store.record_message(mdn, "out", "event", message)
    with store.tx() as c:
        c.execute(
            "UPDATE events SET status = ?, detail = ?, etm_id = ?, message = ? WHERE seq = ?",
            ("routing_failed" if reason else "routed", reason or "", str(etm["id"]) if etm else None, message, seq),
        )
    event = dict(store.q1("SELECT * FROM events WHERE seq = ?", (seq,)))  # type: ignore[arg-type]
    dispatcher.schedule(0, lambda: dispatcher.event_processed(event, "routing", reason is None, reason))
    if reason is None:
        dispatcher.schedule(delivery_delay_s, lambda: _receipt_job(store, dispatcher, event, undeliverable))
    return {"event_id": event_id}


def _receipt_job(store: EmulatorStore, dispatcher: Dispatcher, event: dict[str, Any], undeliverable: set[str]) -> None:
    deliver_receipt(store, dispatcher, event, undeliverable)


def deliver_receipt(
    store: EmulatorStore, dispatcher: Dispatcher, event: dict[str, Any], undeliverable: set[str]
) -> bool:
    """The carrier's (and handset's) receipt for a routed text, once: False if it already had one."""
    failed = event["mdn"] in undeliverable
    with store.tx() as c:
        changed = c.execute(
            "UPDATE events SET status = ?, detail = ? WHERE seq = ? AND status = 'routed'",
            (
                "undeliverable" if failed else "delivered",
                "the carrier could not deliver to this number" if failed else "",
                event["seq"],
            ),
        ).rowcount
    if not changed:
        return False
    dispatcher.event_processed(event, "carrier_dlr", not failed, "undeliverable number" if failed else None)
    if not failed:
        dispatcher.event_processed(event, "handset_dlr", True, None)
    return True


def settle_receipts(store: EmulatorStore, dispatcher: Dispatcher, undeliverable: set[str]) -> int:
    """Receipts for every routed text still without one: at start, for texts whose receipt an
    earlier process did not live to send; when an embedded emulator stops, for those it would
    have sent a moment later (the carriers do not stop with it)."""
    rows = store.q("SELECT * FROM events WHERE status = 'routed' ORDER BY seq")
    return sum(deliver_receipt(store, dispatcher, dict(row), undeliverable) for row in rows)


def event_view(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "event_id": row["event_id"],
        "event_type": row["event_type"],
        "event_data": json.loads(row["event_data"]),
        "mdn": row["mdn"],
        "person_key": row["person_key"],
        "event_triggered_message_id": row["etm_id"],
        "status": row["status"],
        "detail": row["detail"],
        "message": row["message"],
        "received_at": row["received_at"],
    }
