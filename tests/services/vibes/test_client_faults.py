"""Faults forced exactly with httpx.MockTransport: which answers are retried, and how."""

from __future__ import annotations

import base64
import email.utils
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from smsflow_desktop.services.vibes import (
    ConflictError,
    NetworkError,
    RateLimitedError,
    RateLimits,
    ServerError,
    VibesClient,
)
from smsflow_desktop.services.vibes.transport import parse_retry_after

PASSWORD = "correct horse battery staple"


class Script:
    """A mock Vibes that answers from a list of steps and records every request."""

    def __init__(self, *steps: int | httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]) -> None:
        self.steps = list(steps)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.steps.pop(0) if len(self.steps) > 1 else self.steps[0]
        if isinstance(step, Exception):
            raise step
        if isinstance(step, int):
            body = [] if step == 200 else {"errors": [{"message": "boom", "code": step}]}
            return httpx.Response(step, json=body)
        if isinstance(step, httpx.Response):
            return step
        return step(request)


def client_for(script: Script, sleeps: list[float] | None = None, **kwargs: object) -> VibesClient:
    options: dict[str, object] = {"rate_limits": RateLimits(10_000, 10_000), "backoff_base": 0.5, "backoff_cap": 4.0}
    options.update(kwargs)
    c = VibesClient("https://vibes.test", "ck", "user", PASSWORD, transport=httpx.MockTransport(script), **options)  # type: ignore[arg-type]
    c._t._sleep = sleeps.append if sleeps is not None else (lambda s: None)  # record waits, never sleep
    return c


def test_headers_auth_and_e164_encoding() -> None:
    script = Script(httpx.Response(200, json={"person_key": "k", "mobile_phone": {"mdn": "+12135550101"}}))
    c = client_for(script)
    c.get_subscriber("101", "+12135550101")
    req = script.requests[0]
    assert req.url.raw_path == b"/companies/ck/mobiledb/subscription_lists/101/subscribers?mdn=%2B12135550101"
    assert req.headers["X-API-Version"] == "2"
    assert req.headers["Authorization"] == "Basic " + base64.b64encode(f"user:{PASSWORD}".encode()).decode()
    c.send_event(event_id="e", event_type="t", event_data={"mdn": "+12135550101"})
    sent = script.requests[1]
    assert sent.headers["Content-Type"] == "application/json"
    assert json.loads(sent.content) == {"event_id": "e", "event_type": "t", "event_data": {"mdn": "+12135550101"}}


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_safe_calls_retry_retryable_statuses(status: int) -> None:
    script = Script(status, status, 200)
    c = client_for(script)
    assert c.list_subscription_lists() == []
    assert len(script.requests) == 3 and c.stats.retries == 2


@pytest.mark.parametrize("status", [400, 401, 404, 409, 422, 500])
def test_other_statuses_are_not_retried(status: int) -> None:
    script = Script(status, 200)
    c = client_for(script)
    with pytest.raises(Exception) as info:
        c.get_acquisition_campaign("1")
    assert getattr(info.value, "status", None) == status and len(script.requests) == 1


def test_backoff_is_capped_exponential_with_full_jitter() -> None:
    sleeps: list[float] = []
    script = Script(503)
    c = client_for(script, sleeps, max_retries=6, backoff_base=0.5, backoff_cap=2.0, retry_budget=1000)
    with pytest.raises(ServerError):
        c.list_subscription_lists()
    assert len(sleeps) == 6
    caps = [0.5, 1.0, 2.0, 2.0, 2.0, 2.0]
    assert all(0 <= s <= cap for s, cap in zip(sleeps, caps, strict=False))


def test_retry_after_seconds_and_http_date_are_honoured() -> None:
    sleeps: list[float] = []
    later = email.utils.format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    script = Script(
        httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(429, headers={"Retry-After": later}), 200
    )
    c = client_for(script, sleeps)
    c.list_subscription_lists()
    assert sleeps[0] == 7.0 and 28 <= sleeps[1] <= 30


def test_parse_retry_after_forms() -> None:
    now = datetime(2026, 4, 5, 14, 30, tzinfo=UTC)
    assert parse_retry_after("3", now=now) == 3.0
    assert parse_retry_after("Sun, 05 Apr 2026 14:30:10 GMT", now=now) == 10.0
    assert parse_retry_after("Sun, 05 Apr 2026 14:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("soon", now=now) is None and parse_retry_after(None) is None


def test_retry_budget_stops_a_long_wait() -> None:
    script = Script(httpx.Response(429, headers={"Retry-After": "120"}), 200)
    c = client_for(script, retry_budget=60)
    started = time.monotonic()
    with pytest.raises(RateLimitedError) as info:
        c.list_subscription_lists()
    assert info.value.retry_after == 120 and len(script.requests) == 1 and time.monotonic() - started < 1


def test_unsafe_send_event_retries_429_and_connect_errors_only() -> None:
    script = Script(429, httpx.ConnectError("refused"), httpx.Response(202, json={"event_id": "e"}))
    c = client_for(script)
    c.send_event(event_id="e", event_type="t", event_data={"mdn": "+12135550101"})
    assert len(script.requests) == 3


@pytest.mark.parametrize(
    "fault", [503, 504, httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("closed"), httpx.ReadError("reset")]
)
def test_unsafe_send_event_not_repeated_when_it_may_have_reached(fault: object) -> None:
    script = Script(fault, httpx.Response(202))  # type: ignore[arg-type]
    c = client_for(script)
    with pytest.raises((ServerError, NetworkError)) as info:
        c.send_event(event_id="e", event_type="t", event_data={"mdn": "+12135550101"})
    assert info.value.may_have_reached is True and len(script.requests) == 1


def test_add_participant_not_repeated_after_timeout_but_after_connect_error() -> None:
    script = Script(httpx.ReadTimeout("slow"), httpx.Response(201, json={"status": "PENDING"}))
    c = client_for(script)
    with pytest.raises(NetworkError) as info:
        c.add_participant("201", mdn="+12135550101")
    assert info.value.may_have_reached and len(script.requests) == 1
    script2 = Script(httpx.ConnectTimeout("no route"), httpx.Response(201, json={"status": "PENDING"}))
    assert client_for(script2).add_participant("201", mdn="+12135550101").http_status == 201
    assert len(script2.requests) == 2


def test_safe_call_retried_after_read_timeout() -> None:
    script = Script(httpx.ReadTimeout("slow"), 200)
    assert client_for(script).list_subscription_lists() == []
    assert len(script.requests) == 2


def test_unsubscribe_after_in_doubt_attempt_reports_removed() -> None:
    script = Script(httpx.ReadTimeout("slow"), 404)
    assert client_for(script).unsubscribe("101", person_key="k") is True
    assert client_for(Script(404)).unsubscribe("101", person_key="k") is False


def test_error_fields_and_message_never_hold_the_password() -> None:
    script = Script(httpx.Response(409, json={"errors": [{"message": "Already subscribed.", "code": "DUP"}]}))
    with pytest.raises(ConflictError) as info:
        client_for(script).add_participant("201", mdn="+12135550101")
    err = info.value
    assert (err.status, err.code, err.may_have_reached) == (409, "DUP", False)
    assert "Already subscribed" in str(err) and PASSWORD not in str(err) and PASSWORD not in repr(client_for(script))
    net = Script(httpx.ConnectError("refused"))
    with pytest.raises(NetworkError) as info2:
        client_for(net, max_retries=0).list_subscription_lists()
    assert PASSWORD not in str(info2.value) and info2.value.may_have_reached is False


def test_participation_and_callback_parsing() -> None:
    body = {
        "person": {"person_id": "p1", "person_key": "k1", "url": "/x"},
        "participation_date": "2026-04-05T00:00:00Z",
        "expire_date": "2026-04-06T00:00:00Z",
        "status": "PENDING",
        "unknown": 1,
    }
    c = client_for(Script(httpx.Response(201, json=body)))
    part = c.add_participant("201", external_person_id="E1")
    assert (part.person_key, part.http_status, part.expire_date) == ("k1", 201, "2026-04-06T00:00:00Z")
    cb = {
        "callback_id": 7,
        "callback_type": "event_processed",
        "destination": {"url": "http://h/cb", "method": "POST"},
        "event_processed": {"event_type": "promo"},
    }
    c2 = client_for(Script(httpx.Response(201, json=cb), httpx.Response(200, json=[cb]), 404))
    assert c2.register_callback(callback_type="event_processed", url="http://h/cb", event_type="promo") == "7"
    listed = c2.list_callbacks()[0]
    assert (listed.url, listed.event_type) == ("http://h/cb", "promo")
    c2.delete_callback("7")  # 404: already gone, not an error


def test_429s_without_retry_after_are_retried_until_the_budget_then_reported() -> None:
    script = Script(429)
    c = client_for(script, max_retries=0)  # 429s do not count against max_retries
    started = time.monotonic()
    with pytest.raises(RateLimitedError):
        c._t.request("GET", "/companies/ck/mobiledb/subscription_lists/", "listing", budget=1.5)
    assert len(script.requests) >= 2 and time.monotonic() - started < 3
