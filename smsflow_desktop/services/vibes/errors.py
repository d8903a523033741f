"""Errors the Vibes client raises, one class per kind of answer a caller handles differently.

Every error carries the HTTP ``status`` (``None`` when no answer came), the first
``errors[].code`` of the body as text (for a :class:`NetworkError`, what went wrong:
``connect_failed``, ``timeout`` or ``connection_lost``), and ``may_have_reached``: whether
Vibes may have acted on the request although the caller saw a failure (a timeout after the
request was sent, a 502/503/504, a connection dropped mid-request). A send in that state is
"in doubt" and must not be repeated blindly. ``str(error)`` is one sentence for a person; it
never holds the password (the client never formats credentials into a message).

A server may echo what it was sent (the ``Authorization`` header, a callback URL) in an error
body. Whatever a server said passes through :func:`redact` before it becomes part of an error:
the Basic credentials (base64 and decoded), any ``Authorization`` value, the password, URL
tokens and user info, and every secret this process keeps (:func:`keep_out_of_messages`: the
callback secret) become ``[redacted]``. Every :class:`VibesError` redacts its message, code and
``errors`` on creation, so no message built from an answer can carry them.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
import threading
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

import httpx

REDACTED = "[redacted]"
#: ``Authorization: Basic …`` / ``"authorization": "Bearer …"`` / ``authorization=…``, as text.
_AUTH_HEADER = re.compile(
    r"(?i)\b((?:proxy-)?authori[sz]ation[\"']?\s*[:=]\s*[\"']?)((?:[A-Za-z]+[ \t]+)?[^\s\"',;}\]]+)"
)
#: a credential after its scheme name, where it looks like one (base64 / token characters).
_SCHEME_VALUE = re.compile(r"(?i)\b(Basic|Bearer|Digest|Token)(\s+)([A-Za-z0-9+/=._~-]{8,})")
#: ``?token=…`` and the like in a URL.
_URL_TOKEN = re.compile(r"(?i)([?&;](?:token|access_token|secret|password|pwd|api_key|apikey|sig)=)[^&#\s\"'<>]+")
#: ``https://user:password@host``.
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/@\s\"'<>]+@")
#: the callback receiver's path token: ``/vibes/callbacks/<token>``.
_CALLBACK_PATH = re.compile(r"(/vibes/callbacks/)[^/?#\s\"'<>]+")

_kept: set[str] = set()
_kept_lock = threading.Lock()
#: Loggers of code that writes URLs it was given (httpx's request lines, the emulator's
#: callback deliveries): their records are redacted once a secret is kept.
FILTERED_LOGGERS = ("httpx", "werkzeug", "smsflow_desktop.services.vibes.emulator.outbox")


class RedactingFilter(logging.Filter):
    """Rewrites a log record's message through :func:`redact` (never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record is left to logging to report
            return True
        clean = redact(text)
        if clean != text:
            record.msg, record.args = clean, None
        return True


_filter = RedactingFilter()


def keep_out_of_messages(secret: str | None) -> None:
    """Remember a secret of this process (the callback secret) so :func:`redact` removes it,
    from messages and from the records of :data:`FILTERED_LOGGERS`."""
    if secret and len(secret) >= 4:
        with _kept_lock:
            _kept.add(secret)
            for name in FILTERED_LOGGERS:
                logger = logging.getLogger(name)
                if _filter not in logger.filters:
                    logger.addFilter(_filter)


def _forms(secret: str) -> set[str]:
    """A secret as it may come back: as is, percent-encoded, JSON-escaped."""
    forms = {secret, quote(secret, safe=""), json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]}
    return {f for f in forms if f}


def credentials_of(authorization: str | None) -> list[str]:
    """The secrets inside an ``Authorization`` header value: the value, its credential part
    and, for Basic, the decoded ``user:password`` and the password."""
    if not authorization:
        return []
    found = [authorization]
    scheme, _, value = authorization.strip().partition(" ")
    value = value.strip()
    if value:
        found.append(value)
    if scheme.lower() == "basic" and value:
        try:
            decoded = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            decoded = ""
        if decoded:
            found.append(decoded)
            password = decoded.partition(":")[2]
            if password:
                found.append(password)
    return found


def _looks_like_credentials(scheme: str, value: str) -> bool:
    if scheme.lower() != "basic":
        return len(value) >= 16
    try:
        return ":" in base64.b64decode(value + "=" * (-len(value) % 4), validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return False


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with credentials replaced by ``[redacted]``: the given ``secrets`` (and the
    forms they travel in), every secret kept by :func:`keep_out_of_messages`, Authorization
    header values, Basic/Bearer credentials, URL tokens and user info."""
    if not text:
        return text
    with _kept_lock:
        known = set(_kept)
    for secret in secrets:
        if secret and len(secret) >= 3:
            known.add(secret)
    for form in sorted({f for secret in known for f in _forms(secret)}, key=len, reverse=True):
        if form in text:
            text = text.replace(form, REDACTED)
    text = _AUTH_HEADER.sub(lambda m: m.group(1) + REDACTED, text)
    text = _SCHEME_VALUE.sub(
        lambda m: m.group(1) + m.group(2) + REDACTED if _looks_like_credentials(m.group(1), m.group(3)) else m.group(0),
        text,
    )
    text = _URL_TOKEN.sub(lambda m: m.group(1) + REDACTED, text)
    text = _URL_USERINFO.sub(lambda m: m.group(1) + REDACTED + "@", text)
    return _CALLBACK_PATH.sub(lambda m: m.group(1) + REDACTED, text)


def _redact_value(value: Any, secrets: Iterable[str | None]) -> Any:
    if isinstance(value, str):
        return redact(value, secrets)
    if isinstance(value, dict):
        return {k: _redact_value(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact_value(v, secrets) for v in value]
    return value


def request_secrets(request: httpx.Request | None) -> list[str]:
    """The credentials a request carried (to remove from what came back)."""
    if request is None:
        return []
    return credentials_of(request.headers.get("Authorization")) + credentials_of(
        request.headers.get("Proxy-Authorization")
    )


class VibesError(Exception):
    """Any failure talking to Vibes."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        may_have_reached: bool = False,
        errors: list[dict[str, Any]] | None = None,
        secrets: Iterable[str | None] = (),
    ) -> None:
        secrets = list(secrets)
        super().__init__(redact(message, secrets))
        self.status = status
        self.code = redact(code, secrets) if code else code
        self.may_have_reached = may_have_reached
        self.errors = _redact_value(errors or [], secrets)


class NotConfiguredError(VibesError):
    """The workspace lacks a setting (user name, company key) or the password."""


class AuthenticationError(VibesError):
    """401/403: the user name, password or company key was refused."""


class NotFoundError(VibesError):
    """404: the list, campaign, person or callback does not exist."""


class ConflictError(VibesError):
    """409: already subscribed, or the number belongs to another person."""


class UnprocessableError(VibesError):
    """422: Vibes understood the request and refused it; ``code`` says why."""


class RateLimitedError(VibesError):
    """429: too many requests; ``retry_after`` (seconds) when Vibes said how long to wait."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(VibesError):
    """5xx: Vibes failed; a 502/503/504 may hide a request that was processed."""


class NetworkError(VibesError):
    """No answer: the host could not be reached, or the connection failed mid-request."""


class BadRequestError(VibesError):
    """400 and other refused requests (malformed number, bad body)."""


class UnexpectedAnswerError(VibesError):
    """A 2xx answer whose JSON does not have the shape this program reads (a list where an
    object belongs, a number for a name)."""


_BY_STATUS: dict[int, type[VibesError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: AuthenticationError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableError,
    429: RateLimitedError,
}

_WHAT: dict[int, str] = {
    400: "refused the request as malformed",
    401: "refused the user name or password",
    403: "refused access (check the company key and the user's rights)",
    404: "found no such resource",
    409: "reported a conflict",
    422: "could not process the request",
    429: "asked to slow down (rate limit)",
}


def parse_errors(response: httpx.Response) -> list[dict[str, Any]]:
    """The ``errors`` array of a Vibes error body, or an empty list."""
    try:
        body = response.json()
    except (ValueError, RecursionError):
        return []
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list):
        return []
    return [e for e in errors if isinstance(e, dict)]


def _request_of(response: httpx.Response) -> httpx.Request | None:
    try:
        return response.request
    except RuntimeError:  # a response built by hand, never sent
        return None


def error_from_response(response: httpx.Response, action: str, *, retry_after: float | None = None) -> VibesError:
    """The error for a non-2xx answer to ``action`` (e.g. "GET subscription list 101"), with
    the request's credentials and every kept secret removed from what the server said."""
    secrets = request_secrets(_request_of(response))
    status = response.status_code
    errors = parse_errors(response)
    code = str(errors[0]["code"]) if errors and errors[0].get("code") is not None else None
    detail = "; ".join(str(e.get("message")) for e in errors if e.get("message"))
    what = _WHAT.get(status, "failed" if status >= 500 else "refused the request")
    message = f"Vibes {what} (HTTP {status}) on {action}"
    if code and code != str(status):
        message += f" [{code}]"
    if detail:
        message += f": {detail}"
    reached = status >= 500
    if status == 429:
        return RateLimitedError(
            message, retry_after=retry_after, status=status, code=code, errors=errors, secrets=secrets
        )
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else VibesError)
    return cls(message, status=status, code=code, may_have_reached=reached, errors=errors, secrets=secrets)
