"""The retrying request loop under :class:`VibesClient`: per-thread httpx clients, rate
limiting, retries with capped exponential backoff and full jitter, and the "may this request
have reached Vibes?" bookkeeping that decides whether a failed call may be repeated.

Safe (idempotent) calls are retried on 429, 502/503/504 and connection failures. Unsafe
calls (an event that texts someone, a participant that gets a confirmation text) are
retried only when the request surely did not reach Vibes: a 429, or a failure to connect.
A ``Retry-After`` header (seconds or an HTTP date) replaces the computed backoff. A 429
without one slows the client's own rate limiter to the rate Vibes was seen to accept
(:meth:`.EndpointLimiter.throttled`) and the call tries again at that pace. 429s are
retried for as long as the retry budget (seconds from the first attempt) allows, however
many there are; other failures at most ``max_retries`` times. A call gives up once its next
wait would pass the budget.

It refuses a base URL that would send the password unencrypted (``http://`` to another
computer), and what a failure says passes through ``errors.redact`` with the request's
credentials, so an answer that echoes them never reaches a message or a log.
"""

from __future__ import annotations

import email.utils
import functools
import logging
import random
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from smsflow_desktop.services.settings import SettingError, check_setting
from smsflow_desktop.services.vibes.errors import (
    NetworkError,
    NotConfiguredError,
    VibesError,
    error_from_response,
    request_secrets,
)
from smsflow_desktop.services.vibes.ratelimit import EndpointLimiter, RateLimits

log = logging.getLogger(__name__)

RETRY_STATUSES_SAFE = frozenset({429, 502, 503, 504})
RETRY_STATUSES_UNSAFE = frozenset({429})


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delay-seconds or HTTP-date), else None."""
    if not value:
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass
class ClientStats:
    """Counters over the life of a client (thread-safe), for progress displays and benchmarks."""

    requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    server_errors: int = 0
    network_errors: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, name: str, amount: int = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + amount)

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return {
                "requests": self.requests,
                "retries": self.retries,
                "rate_limited": self.rate_limited,
                "server_errors": self.server_errors,
                "network_errors": self.network_errors,
            }


@functools.lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for every per-thread client (building one costs ~20 ms)."""
    return httpx.create_ssl_context()


def _network_error(exc: httpx.TransportError, action: str, host: str) -> NetworkError:
    """Classify a transport failure: did the request possibly reach the server?"""
    not_sent = isinstance(
        exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol, httpx.ProxyError)
    )
    if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout)):
        what, kind = f"cannot reach {host}", "connect_failed"
    elif isinstance(exc, httpx.TimeoutException):
        what, kind = f"{host} did not answer in time", "timeout"
    elif not_sent:
        what, kind = f"cannot send to {host}", "connect_failed"
    else:
        what, kind = f"the connection to {host} failed mid-request", "connection_lost"
    reason = str(exc).strip() or type(exc).__name__
    message = f"{what} on {action} ({reason})"
    if not not_sent:
        message += "; Vibes may have received the request"
    try:
        secrets = request_secrets(exc.request)
    except RuntimeError:  # no request attached
        secrets = []
    return NetworkError(message, may_have_reached=not not_sent, code=kind, secrets=secrets)


def check_base_url(base_url: str) -> None:
    """Raise :class:`NotConfiguredError` (the settings' own message) for a URL the password
    must not be sent to: ``http://`` to another computer, user info, no host."""
    try:
        check_setting("vibes.base_url", base_url)
    except SettingError as exc:
        raise NotConfiguredError(str(exc)) from None


class RetryingTransport:
    """Sends requests for one client: thread-local httpx clients, limiter, retries."""

    def __init__(
        self,
        base_url: str,
        auth: httpx.Auth,
        *,
        timeout: float,
        rate_limits: RateLimits,
        max_retries: int,
        retry_budget: float,
        backoff_base: float,
        backoff_cap: float,
        transport: httpx.BaseTransport | None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        check_base_url(base_url)
        self.base_url = base_url
        self.host = httpx.URL(base_url).host or base_url
        self._auth = auth
        self._timeout = httpx.Timeout(timeout, connect=min(timeout, 5.0))
        self._transport = transport
        self.limiter = EndpointLimiter(rate_limits)
        self.max_retries = max_retries
        self.retry_budget = retry_budget
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.stats = ClientStats()
        self._sleep = sleep
        self._random = random.Random()
        self._local = threading.local()
        self._clients: list[httpx.Client] = []
        self._clients_lock = threading.Lock()

    # -- per-thread clients -----------------------------------------------------------
    def http(self) -> httpx.Client:
        """This thread's httpx client (created on first use)."""
        client = getattr(self._local, "client", None)
        if client is None or client.is_closed:
            client = httpx.Client(
                base_url=self.base_url,
                auth=self._auth,
                timeout=self._timeout,
                transport=self._transport,
                follow_redirects=False,
                verify=_ssl_context(),
                headers={"X-API-Version": "2", "Accept": "application/json", "User-Agent": "smsflow-desktop"},
            )
            self._local.client = client
            with self._clients_lock:
                self._clients.append(client)
        return client

    def close(self) -> None:
        with self._clients_lock:
            clients, self._clients = self._clients, []
        for client in clients:
            client.close()

    # -- the request loop -----------------------------------------------------------------
    def backoff(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(cap, base * 2**attempt)]."""
        return self._random.uniform(0.0, min(self.backoff_cap, self.backoff_base * (2**attempt)))

    def _send(self, http: httpx.Client, method: str, path: str, params: Any, json: Any) -> httpx.Response:
        """One HTTP request, which the limiter let go; it learns when the answer (or failure) came."""
        left = time.monotonic()
        try:
            return http.request(method, path, params=params, json=json)
        finally:
            self.limiter.done(time.monotonic() - left)

    def request(
        self,
        method: str,
        path: str,
        action: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        endpoint: str = "company",
        safe: bool = True,
        allow: Iterable[int] = (),
        max_retries: int | None = None,
        budget: float | None = None,
    ) -> tuple[httpx.Response, bool]:
        """Send with retries; return the 2xx (or ``allow``-ed) response and whether an earlier
        attempt may have reached Vibes. Raises a :class:`VibesError` subclass otherwise."""
        allowed = frozenset(allow)
        retries = self.max_retries if max_retries is None else max_retries
        retry_statuses = RETRY_STATUSES_SAFE if safe else RETRY_STATUSES_UNSAFE
        deadline = time.monotonic() + (self.retry_budget if budget is None else budget)
        reached_before = False
        attempt = 0  # failures other than 429 so far: they count against ``retries``
        http = self.http()
        while True:
            # when this request took its slot: a 429 to a slot taken before the limiter slowed
            # down says nothing new about the limit
            sent_at = time.monotonic()
            self.limiter.acquire(endpoint)
            self.stats.add("requests")
            retry_after: float | None = None
            limited = False
            try:
                response = self._send(http, method, path, params, json)
            except httpx.TransportError as exc:
                error: VibesError = _network_error(exc, action, self.host)
                self.stats.add("network_errors")
                retryable = safe or not error.may_have_reached
            else:
                status = response.status_code
                limited = status == 429
                if not limited:
                    self.limiter.accepted(endpoint)
                if 200 <= status < 300 or status in allowed:
                    return response, reached_before
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                error = error_from_response(response, action, retry_after=retry_after)
                if limited:
                    self.stats.add("rate_limited")
                elif status >= 500:
                    self.stats.add("server_errors")
                retryable = status in retry_statuses
            error.may_have_reached = error.may_have_reached or reached_before
            if not retryable or (not limited and attempt >= retries):
                raise error
            if retry_after is not None:
                delay = retry_after
            elif limited:
                # No word on how long: go on at the pace Vibes was seen to accept.
                self.limiter.throttled(endpoint, sent_at)
                delay = 0.0
            else:
                delay = self.backoff(attempt)
            if time.monotonic() + delay + self.limiter.pending(endpoint) > deadline:
                log.info("giving up on %s: the next wait (%.1f s) would pass the retry budget", action, delay)
                raise error
            reached_before = reached_before or error.may_have_reached
            if not limited:
                attempt += 1
            self.stats.add("retries")
            log.debug("retrying %s in %.2f s: %s", action, delay, error)
            if delay > 0:
                self._sleep(delay)
