"""The emulator as a running HTTP server: a threaded werkzeug server on a loopback port.

:class:`EmulatorServer` opens the state folder, or a team workspace's database (seeding it on
first start), starts the
callback dispatcher and serves the emulated API plus the ``/_emulator/`` inspection
endpoints in a background thread. Every ``/companies/...`` request passes the fault
injector (rate limit, latency, 5xx, dropped connection), then HTTP Basic auth (401 with an
``errors`` body), then the company key (404 for another company), then the operation.
``stop()`` also closes kept-alive client connections, so nothing keeps serving old state.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hmac
import logging
import random
import socket
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from smsflow_desktop.services.store import is_database_url
from smsflow_desktop.services.vibes.emulator import inspection
from smsflow_desktop.services.vibes.emulator.api import URL_MAP, ApiConfig, VibesApi, error_response
from smsflow_desktop.services.vibes.emulator.faults import FaultInjector, Faults
from smsflow_desktop.services.vibes.emulator.outbox import Dispatcher
from smsflow_desktop.services.vibes.emulator.sending import RequestProblem, settle_receipts
from smsflow_desktop.services.vibes.emulator.store import EmulatorStore

log = logging.getLogger(__name__)


class _Handler(WSGIRequestHandler):
    """Request handler that logs quietly and lets the server close its connections on stop."""

    def setup(self) -> None:
        super().setup()
        conns = getattr(self.server, "emulator_connections", None)
        if conns is not None:
            with self.server.emulator_lock:  # type: ignore[attr-defined]
                conns.add(self.connection)

    def finish(self) -> None:
        conns = getattr(self.server, "emulator_connections", None)
        if conns is not None:
            with self.server.emulator_lock:  # type: ignore[attr-defined]
                conns.discard(self.connection)
        super().finish()

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log.debug("%s %s -> %s", self.command, self.path, code)

    def log(self, type: str, message: str, *args: Any) -> None:
        log.debug("werkzeug %s: " + message, type, *args)


def _version(request: Request) -> int:
    try:
        return 2 if float(request.headers.get("X-API-Version", "1")) >= 2 else 1
    except ValueError:
        return 1


def _drop(environ: dict[str, Any]) -> None:
    sock = environ.get("werkzeug.socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


class EmulatorServer:
    """A Vibes-compatible server with its own state; use as a context manager or start/stop."""

    def __init__(
        self,
        state_dir: Path | str,
        *,
        seed: Path | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        rate_limit: float | None = None,
        rate_limit_retry_after: str | None = None,
        latency_ms: float = 0,
        latency_jitter_ms: float = 0,
        error_rate: float = 0.0,
        drop_rate: float = 0.0,
        clock: Callable[[], datetime] | None = None,
        delivery_delay_s: float = 0.5,
        landlines: set[str] | frozenset[str] = frozenset(),
        undeliverable: set[str] | frozenset[str] = frozenset(),
        callback_retry_delay_s: float = 0.5,
        callback_max_attempts: int = 5,
        callback_duplicate_rate: float = 0.0,
        random_seed: int | None = None,
    ) -> None:
        #: The state folder, or the ``postgresql://`` URL of a team workspace's database.
        self.state_dir: Path | str = state_dir if is_database_url(state_dir) else Path(state_dir)
        self.seed = Path(seed) if seed else None
        self.host = host
        self.port = port
        self.faults = Faults(
            rate_limit=rate_limit,
            retry_after=rate_limit_retry_after,
            latency_ms=latency_ms,
            latency_jitter_ms=latency_jitter_ms,
            error_rate=error_rate,
            drop_rate=drop_rate,
        )
        self.config = ApiConfig(
            landlines=set(landlines), undeliverable=set(undeliverable), delivery_delay_s=delivery_delay_s
        )
        self._clock = clock
        self._rng = random.Random(random_seed)
        self._callback_options = {
            "retry_delay_s": callback_retry_delay_s,
            "max_attempts": callback_max_attempts,
            "duplicate_rate": callback_duplicate_rate,
        }
        self.injector = FaultInjector(self.faults, self._rng)
        self.store: EmulatorStore | None = None
        self.dispatcher: Dispatcher | None = None
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle -------------------------------------------------------------------------------
    def start(self) -> EmulatorServer:
        if self._server is not None:
            return self
        store = EmulatorStore(self.state_dir, clock=self._clock)
        try:
            store.seed_once(self.seed)
            self.store = store
            self.dispatcher = Dispatcher(store, rng=self._rng, **self._callback_options)  # type: ignore[arg-type]
            self.api = VibesApi(store, self.dispatcher, self.config)
            server = make_server(self.host, self.port, self._wsgi, threaded=True, request_handler=_Handler)
        except BaseException:
            if self.dispatcher is not None:
                self.dispatcher.stop()
            store.close()
            self.store = self.dispatcher = None
            raise
        server.emulator_connections = set()  # type: ignore[attr-defined]
        server.emulator_lock = threading.Lock()  # type: ignore[attr-defined]
        self._server = server
        self.port = server.server_port
        self.dispatcher.start()
        self.settle_receipts()
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="vibes-emulator", daemon=True
        )
        self._thread.start()
        log.info("Vibes emulator listening on %s (state %s)", self.base_url, self._state_name())
        return self

    def _state_name(self) -> str:
        """The state folder, or the database without any password (for the log)."""
        if isinstance(self.state_dir, str):
            from smsflow_desktop.services.store.pg_workspace import redact

            return redact(self.state_dir)
        return str(self.state_dir)

    def settle_receipts(self) -> int:
        """Send now every delivery receipt still owed (see :func:`.sending.settle_receipts`)."""
        if self.store is None or self.dispatcher is None:
            return 0
        undeliverable = self.config.undeliverable | self.store.number_set("undeliverable")
        return settle_receipts(self.store, self.dispatcher, undeliverable)

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        with server.emulator_lock:  # type: ignore[attr-defined]
            for conn in list(server.emulator_connections):  # type: ignore[attr-defined]
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self.dispatcher is not None:
            self.dispatcher.stop()
        if self.store is not None:
            self.store.close()

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what clients need -------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def _company(self, key: str) -> str:
        if self.store is None:
            raise RuntimeError("the emulator is not started")
        return self.store.company[key]

    @property
    def company_key(self) -> str:
        return self._company("company_key")

    @property
    def username(self) -> str:
        return self._company("username")

    @property
    def password(self) -> str:
        return self._company("password")

    @property
    def short_code(self) -> str | None:
        """The emulated account's short code (from the seed), if it has one."""
        if self.store is None:
            raise RuntimeError("the emulator is not started")
        return self.store.short_code

    @property
    def clock(self) -> Callable[[], datetime] | None:
        return self._clock

    @clock.setter
    def clock(self, value: Callable[[], datetime]) -> None:
        self._clock = value
        if self.store is not None:
            self.store.clock = value

    # -- WSGI ------------------------------------------------------------------------------------------
    def _authorized(self, request: Request) -> bool:
        header = request.headers.get("Authorization", "")
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            user, _, password = base64.b64decode(encoded.strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        company = self.store.company  # type: ignore[union-attr]
        return hmac.compare_digest(user.encode(), company["username"].encode()) and hmac.compare_digest(
            password.encode(), company["password"].encode()
        )

    def _respond(self, request: Request) -> tuple[Response, bool]:
        path = request.path.rstrip("/") or "/"
        if path.startswith("/_emulator/") or path == "/_emulator":
            return inspection.handle(self, request, path), False
        if not path.startswith("/companies/"):
            return error_response(404, f"Not found: {path}"), False
        headers = self.injector.rate_limited()
        if headers is not None:
            return error_response(429, "Too many requests; slow down.", 429, headers), False
        self.injector.delay()
        status = self.injector.server_error()
        if status is not None:
            return error_response(status, "The service is temporarily unavailable.", status), False
        if not self._authorized(request):
            return error_response(
                401,
                "Authentication failed: check the user name and password.",
                401,
                {"WWW-Authenticate": 'Basic realm="Vibes"'},
            ), False
        try:
            endpoint, values = URL_MAP.bind("vibes").match(path, method=request.method)
        except MethodNotAllowed:
            return error_response(405, f"{request.method} is not allowed on {path}"), False
        except NotFound:
            return error_response(404, f"Not found: {path}"), False
        if values.get("ck") != self.company_key:
            return error_response(404, f"Company {values.get('ck')!r} not found."), False
        try:
            response = self.api.dispatch(request, _version(request), endpoint, dict(values))
        except RequestProblem as problem:
            response = error_response(problem.status, problem.message, problem.code, errors=problem.errors)
        return response, self.injector.drop()

    def _wsgi(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        try:
            response, drop = self._respond(request)
        except Exception:
            log.exception("emulator failed on %s %s", request.method, request.path)
            response, drop = error_response(500, "Internal server error."), False
        if drop:
            _drop(environ)
        return response(environ, start_response)
