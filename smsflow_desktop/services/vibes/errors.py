"""Errors the Vibes client raises, one class per kind of answer a caller handles differently.

Every error carries the HTTP ``status`` (``None`` when no answer came), the first
``errors[].code`` of the body as text (for a :class:`NetworkError`, what went wrong:
``connect_failed``, ``timeout`` or ``connection_lost``), and ``may_have_reached``: whether
Vibes may have acted on the request although the caller saw a failure (a timeout after the
request was sent, a 502/503/504, a connection dropped mid-request). A send in that state is
"in doubt" and must not be repeated blindly. ``str(error)`` is one sentence for a person; it
never holds the password (the client never formats credentials into a message).
"""

from __future__ import annotations

from typing import Any

import httpx


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
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.may_have_reached = may_have_reached
        self.errors = errors or []


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
    except ValueError:
        return []
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list):
        return []
    return [e for e in errors if isinstance(e, dict)]


def error_from_response(response: httpx.Response, action: str, *, retry_after: float | None = None) -> VibesError:
    """The error for a non-2xx answer to ``action`` (e.g. "GET subscription list 101")."""
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
        return RateLimitedError(message, retry_after=retry_after, status=status, code=code, errors=errors)
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else VibesError)
    return cls(message, status=status, code=code, may_have_reached=reached, errors=errors)
