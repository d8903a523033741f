"""Receives Vibes callbacks into the workspace: a small HTTP endpoint on loopback.

Vibes POSTs ``subscription_added`` / ``subscription_removed`` (mirrored into
``vibes_memberships``: opt-ins and opt-outs, a STOP included), ``ack_participant_changed``
(the state of a pending opt-in, into ``vibes_participants``) and ``event_processed``
(routing and delivery receipts, into ``activity`` against the run that sent the event).
Vibes may deliver a callback more than once and out of order: each one's ``event_id`` is
recorded in ``callbacks_seen`` in the same transaction as its effect, so a repeat changes
nothing, and an older opt-in never undoes a newer opt-out (or the reverse). The opt-ins,
opt-outs and confirmations a callback brings are in the consent log with the source
``callback`` and its event id as the proof. Bodies must be
JSON (415 otherwise) and small (413 past ``max_body`` bytes). It binds 127.0.0.1 unless told
otherwise; put a tunnel or reverse proxy in front of it to receive from the real Vibes.

Only Vibes may change the mirror: every callback must carry the workspace's callback secret
(``services.secrets``: the keyring, or ``SMSFLOW_CALLBACK_SECRET``), as the ``token`` in the
registered URL or in an ``Authorization`` header, compared in constant time; without it the
answer is 401 and nothing changes. The URL with the token is shown to the user, never logged.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import sqlite3
import threading
from typing import Any
from urllib.parse import quote

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from smsflow_desktop.services import secrets
from smsflow_desktop.services.consent import consent_source
from smsflow_desktop.services.engine.test_log import TEST_EVENT_PREFIX, test_receipt_type
from smsflow_desktop.services.settings import workspace_id
from smsflow_desktop.services.vibes.errors import keep_out_of_messages, redact
from smsflow_desktop.services.workspace import Workspace, WorkspaceError, iso, now_utc, transaction

log = logging.getLogger(__name__)

DEFAULT_PATH = "/vibes/callbacks"
TOKEN_PARAM = "token"
JSON_TYPES = ("application/json", "text/json")
#: Activity types of delivery receipts, in the runner's vocabulary ("SMS Sent", "SMS Failed"…).
ACTIVITY_TYPES = {
    ("routing", True): "SMS Routed",
    ("routing", False): "SMS Routing Failed",
    ("carrier_dlr", True): "Delivered to Carrier",
    ("carrier_dlr", False): "SMS Undeliverable",
    ("handset_dlr", True): "SMS Delivered",
    ("handset_dlr", False): "SMS Undeliverable",
}


def _get(data: Any, *path: str) -> Any:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _s(value: Any) -> str | None:
    """An id, number, status or date as text; None for anything else (a list, an object),
    so a malformed callback is ignored instead of failing."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return str(value)


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _subscription(conn: sqlite3.Connection, kind: str, payload: dict[str, Any], now: str) -> str:
    sub = _obj(payload.get("subscription"))
    list_id = _s(_get(sub, "subscription_list", "id"))
    person = _obj(sub.get("person"))
    mdn = _s(_get(person, "mobile_phone", "mdn"))
    key = _s(person.get("person_key") or person.get("id"))
    if not mdn and key:
        row = conn.execute("SELECT mdn FROM vibes_memberships WHERE person_key = ? LIMIT 1", (key,)).fetchone()
        mdn = row[0] if row else None
    if not list_id or not mdn:
        log.info("%s callback without a list or number; nothing to mirror", kind)
        return "ignored"
    ext = _s(person.get("external_person_id"))
    if kind == "subscription_added":
        opt_in = _s(sub.get("opt_in_date")) or now
        conn.execute(
            "INSERT INTO vibes_memberships(list_id, mdn, person_key, external_person_id, active, opt_in_date, "
            "updated_at) VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT(list_id, mdn) DO UPDATE SET active = 1, "
            "person_key = COALESCE(excluded.person_key, vibes_memberships.person_key), "
            "external_person_id = COALESCE(excluded.external_person_id, vibes_memberships.external_person_id), "
            "opt_in_date = excluded.opt_in_date, opt_out_date = NULL, opt_out_reason = NULL, "
            "updated_at = excluded.updated_at "
            "WHERE vibes_memberships.opt_out_date IS NULL OR excluded.opt_in_date >= vibes_memberships.opt_out_date",
            (list_id, mdn, key, ext, opt_in, now),
        )
    else:
        opt_out = _s(sub.get("opt_out_date")) or now
        conn.execute(
            "INSERT INTO vibes_memberships(list_id, mdn, person_key, external_person_id, active, opt_in_date, "
            "opt_out_date, opt_out_reason, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?) "
            "ON CONFLICT(list_id, mdn) DO UPDATE SET active = 0, "
            "person_key = COALESCE(excluded.person_key, vibes_memberships.person_key), "
            "external_person_id = COALESCE(excluded.external_person_id, vibes_memberships.external_person_id), "
            "opt_out_date = excluded.opt_out_date, opt_out_reason = excluded.opt_out_reason, "
            "updated_at = excluded.updated_at "
            "WHERE vibes_memberships.opt_in_date IS NULL OR excluded.opt_out_date >= vibes_memberships.opt_in_date",
            (
                list_id,
                mdn,
                key,
                ext,
                _s(sub.get("opt_in_date")),
                opt_out,
                _s(sub.get("opt_out_reason")) or "user_opt_out",
                now,
            ),
        )
    return "applied"


def _participant(conn: sqlite3.Connection, payload: dict[str, Any], now: str) -> str:
    part = _obj(payload.get("participant"))
    acquisition_id = _s(_get(part, "acquisition_campaign", "api_key"))
    mdn = _s(_get(part, "mobile_phone", "mdn"))
    status = _s(part.get("status"))
    if not (acquisition_id and mdn and status):
        return "ignored"
    conn.execute(
        "INSERT INTO vibes_participants(acquisition_id, mdn, status, participation_date, expire_date, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(acquisition_id, mdn) DO UPDATE SET status = excluded.status, "
        "participation_date = COALESCE(excluded.participation_date, vibes_participants.participation_date), "
        "expire_date = COALESCE(excluded.expire_date, vibes_participants.expire_date), updated_at = excluded.updated_at",
        (acquisition_id, mdn, status, _s(part.get("participation_date")), _s(part.get("expire_date")), now),
    )
    return "applied"


def _event_processed(conn: sqlite3.Connection, payload: dict[str, Any], now: str) -> str:
    info = _obj(payload.get("event_processed"))
    event_id = _s(info.get("event_id"))
    stage = _s(info.get("stage")) or "routing"
    success = str(info.get("status", "")).lower() in ("success", "delivered", "routed")
    kind = ACTIVITY_TYPES.get((stage, success))
    if not event_id or kind is None:
        return "ignored"
    row = conn.execute(
        "SELECT run_id, step_index, person_id, mdn FROM ledger WHERE event_id = ? LIMIT 1", (event_id,)
    ).fetchone()
    if row is None and event_id.startswith(TEST_EVENT_PREFIX):
        kind = test_receipt_type(kind)  # a test send's: apart from runs', never a run's bounce
    detail = json.dumps(
        {"event_id": event_id, "stage": stage, "status": info.get("status"), "reason": info.get("reason")},
        ensure_ascii=False,
    )
    conn.execute(
        "INSERT INTO activity(run_id, at, person_id, mdn, step_index, type, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            row["run_id"] if row else None,
            now,
            row["person_id"] if row else None,
            _s(info.get("mdn")) or (row["mdn"] if row else None),
            row["step_index"] if row else None,
            kind,
            detail,
        ),
    )
    if row is not None and stage == "routing":
        _settle_routing(conn, event_id, success, _s(info.get("reason")) or "", now)
    return "applied"


def _settle_routing(conn: sqlite3.Connection, event_id: str, routed: bool, reason: str, now: str) -> None:
    """What Vibes' routing answer means for the send's ledger row: a refused text was never
    sent (whatever the runner wrote, or will write, from the 202), and a routed text whose
    request was left in doubt did go out, so it must not be sent again."""
    conn.execute(
        "UPDATE ledger SET routing = ? WHERE event_id = ?", ("routed" if routed else f"failed: {reason}", event_id)
    )
    if routed:
        conn.execute(
            "UPDATE ledger SET state = 'sent', reason = NULL, sent_at = coalesce(sent_at, ?), updated_at = ? "
            "WHERE event_id = ? AND state = 'in_doubt' AND action = 'send_sms'",
            (now, now, event_id),
        )
    else:
        conn.execute(
            "UPDATE ledger SET state = 'failed', reason = 'routing_failed', sent_at = NULL, updated_at = ? "
            "WHERE event_id = ? AND state IN ('sent', 'in_doubt') AND action = 'send_sms'",
            (now, event_id),
        )


def apply_callback(conn: sqlite3.Connection, payload: dict[str, Any], raw: bytes = b"") -> str:
    """Apply one callback once: ``applied``, ``duplicate`` or ``ignored`` (unknown or incomplete)."""
    key = _s(payload.get("event_id")) or "sha256:" + hashlib.sha256(raw or json.dumps(payload).encode()).hexdigest()
    now = iso(now_utc())
    kind = payload.get("event_type") or payload.get("callback_type")
    with transaction(conn):
        if (
            conn.execute("INSERT OR IGNORE INTO callbacks_seen(key, received_at) VALUES (?, ?)", (key, now)).rowcount
            == 0
        ):
            return "duplicate"
        with consent_source(conn, "callback", f"Vibes callback {key} ({kind})", learned_at=now):
            return apply_payload(conn, payload, now)


def apply_payload(conn: sqlite3.Connection, payload: dict[str, Any], now: str) -> str:
    """Apply a callback's effect inside the caller's transaction, with no de-duplication
    (for sources that deliver each change exactly once, such as the embedded emulator's logs)."""
    kind = payload.get("event_type") or payload.get("callback_type")
    if kind in ("subscription_added", "subscription_removed"):
        return _subscription(conn, kind, payload, now)
    if kind in ("ack_participant_added", "ack_participant_changed"):
        return _participant(conn, payload, now)
    if kind == "event_processed":
        return _event_processed(conn, payload, now)
    log.info("callback of type %r ignored", kind)
    return "ignored"


def _redacted(text: str) -> str:
    """A request line or URL as it may be logged: its token replaced by ``[redacted]``."""
    return redact(text)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log.debug("callback %s %s -> %s", self.command, _redacted(self.path), code)

    def log(self, type: str, message: str, *args: Any) -> None:
        try:
            text = message % args if args else message
        except (TypeError, ValueError):
            text = " ".join([message, *map(str, args)])
        log.debug("werkzeug %s: %s", type, _redacted(text))


def _answer(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json", headers=headers)


def receiver_secret(ws: Workspace) -> str:
    """The workspace's callback secret (``SMSFLOW_CALLBACK_SECRET``, else the keyring's, made
    on first use); :class:`secrets.SecretsError` says what to do when neither is available."""
    with ws.session() as conn:
        wid = workspace_id(conn)
    return secrets.callback_secret(wid)


def rotate_receiver_secret(ws: Workspace) -> str:
    """A new callback secret for the workspace; the old one is refused from then on (a running
    receiver keeps the one it started with: restart it and register its URL with Vibes again)."""
    with ws.session() as conn:
        wid = workspace_id(conn)
    secret = secrets.rotate_callback_secret(wid)
    keep_out_of_messages(secret)
    return secret


def _same(given: str, secret: bytes) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "replace"), secret)


class CallbackReceiver:
    """The loopback endpoint; ``url`` is what to register with Vibes once started.

    Every request must carry the workspace's callback secret: ``?token=SECRET`` (what ``url``
    holds), ``/vibes/callbacks/SECRET``, ``Authorization: Bearer SECRET`` or Basic auth with
    SECRET as the password (or the user name). Anything else is answered 401, changes
    nothing and counts as refused. ``secret`` defaults to :func:`receiver_secret`.
    """

    def __init__(
        self,
        ws: Workspace,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        path: str = DEFAULT_PATH,
        max_body: int = 64 * 1024,
        secret: str | None = None,
    ) -> None:
        self.ws = ws
        self.host = host
        self.port = port
        self.path = path
        self.max_body = max_body
        secret = secret if secret is not None else receiver_secret(ws)
        if not secret:
            raise ValueError("the callback secret is empty")
        keep_out_of_messages(secret)
        self._secret = secret
        self._secret_bytes = secret.encode("utf-8", "replace")
        self.counts = {"applied": 0, "duplicate": 0, "ignored": 0, "refused": 0}
        self._lock = threading.Lock()
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        return f"CallbackReceiver({self.redacted_url!r})"

    @property
    def url(self) -> str:
        """The address to register with Vibes, its secret included (show it, never log it)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return self.url_for(f"http://{host}:{self.port}{self.path}")

    @property
    def redacted_url(self) -> str:
        """``url`` with the secret replaced by ``[redacted]``: for logs and status lines."""
        return _redacted(self.url)

    def url_for(self, public_url: str) -> str:
        """``public_url`` (a tunnel or proxy in front of this receiver) with the secret added."""
        base, _, fragment = public_url.partition("#")
        joined = f"{base}{'&' if '?' in base else '?'}{TOKEN_PARAM}={quote(self._secret, safe='')}"
        return joined + (f"#{fragment}" if fragment else "")

    def _count(self, key: str) -> None:
        with self._lock:
            self.counts[key] += 1

    def _refuse(self, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        self._count("refused")
        return _answer(status, {"error": message}, headers)

    def _path_token(self, path: str) -> tuple[bool, str | None]:
        """Whether ``path`` is the receiver's, and the token it carries, if any."""
        own = self.path.rstrip("/")
        if path.rstrip("/") == own:
            return True, None
        rest = path[len(own) + 1 :] if path.startswith(own + "/") else None
        if rest is None:
            return False, None
        rest = rest.rstrip("/")
        return ("/" not in rest and bool(rest)), rest

    def _authorized(self, request: Request, path_token: str | None) -> bool:
        given = list(request.args.getlist(TOKEN_PARAM))
        if path_token:
            given.append(path_token)
        scheme, _, value = request.headers.get("Authorization", "").strip().partition(" ")
        value = value.strip()
        if scheme.lower() == "bearer" and value:
            given.append(value)
        elif scheme.lower() == "basic" and value:
            try:
                user, _, password = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
            except (binascii.Error, ValueError):
                user = password = ""
            given += [x for x in (password, user) if x]
        ok = False
        for candidate in given:  # every one compared, in constant time each
            ok = _same(candidate, self._secret_bytes) or ok
        return ok

    def _handle(self, request: Request) -> Response:
        ours, path_token = self._path_token(request.path)
        if not ours:
            return self._refuse(404, "not found")
        if not self._authorized(request, path_token):
            log.info(
                "callback refused (401): no valid callback secret on %s %s from %s",
                request.method,
                self.path,
                request.remote_addr or "?",
            )
            return self._refuse(
                401,
                "a valid callback secret is required (the token in the registered URL)",
                {"WWW-Authenticate": 'Bearer realm="smsflow callbacks"'},
            )
        if request.method not in ("POST", "PUT"):
            return self._refuse(405, "use POST")
        if request.mimetype not in JSON_TYPES:
            return self._refuse(415, "the body must be JSON (Content-Type: application/json)")
        if request.content_length is not None and request.content_length > self.max_body:
            return self._refuse(413, f"the body is larger than {self.max_body} bytes")
        raw = request.stream.read(self.max_body + 1)
        if len(raw) > self.max_body:
            return self._refuse(413, f"the body is larger than {self.max_body} bytes")
        try:
            payload = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return self._refuse(400, "the body is not valid JSON")
        if not isinstance(payload, dict):
            return self._refuse(400, "the body must be a JSON object")
        try:
            with self.ws.session() as conn:
                result = apply_callback(conn, payload, raw)
        except (sqlite3.Error, WorkspaceError) as exc:
            log.warning("callback not stored, Vibes will retry: %s", exc)
            return self._refuse(503, "the workspace is busy; try again")
        self._count(result)
        return _answer(200, {"status": result})

    def _wsgi(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self._handle(Request(environ))(environ, start_response)

    def start(self) -> CallbackReceiver:
        if self._server is None:
            self._server = make_server(self.host, self.port, self._wsgi, threaded=True, request_handler=_QuietHandler)
            self.port = self._server.server_port
            self._thread = threading.Thread(
                target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="vibes-callbacks", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)

    def __enter__(self) -> CallbackReceiver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
