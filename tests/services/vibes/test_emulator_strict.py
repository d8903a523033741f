"""The emulator refuses what a provisioned Vibes account refuses: invalid numbers, numbers of
countries it does not serve, landlines, unknown custom fields, event-triggered messages
without the account's short code, and malformed bodies (always a 4xx with an ``errors``
list, never a 500); the seed that says all this is checked with one clear message."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from smsflow_desktop.services.vibes.emulator import EmulatorServer, SeedError, load_seed
from tests.services.vibes.conftest import SEED, SHORT_CODE

ETM = {
    "name": "promo",
    "event_type": "promo_evt",
    "start_date": "2026-01-01",
    "targeting": {
        "message_template": "Hi",
        "channel": "sms",
        "sms": {"sourcecode": SHORT_CODE, "country_code": "1", "sourcecode_type": "SC"},
        "filters": [{"name": "subscription", "selector": "any", "value": [101]}],
    },
}
SWEDISH = "+46701234567"
LANDLINE = "+12135550190"


@pytest.fixture
def strict(tmp_path: Path) -> Iterator[httpx.Client]:
    """An account that serves the US and Canada only, with one landline listed in its seed."""
    seed = {
        **SEED,
        "countries": ["US", "CA"],
        "landlines": [LANDLINE],
        "subscriptions": [*SEED["subscriptions"], {"mdn": "+15145550100", "list_id": "101"}],
    }
    (tmp_path / "seed.json").write_text(json.dumps(seed), encoding="utf-8")
    with (
        EmulatorServer(tmp_path / "state", seed=tmp_path / "seed.json", delivery_delay_s=0.05) as server,
        httpx.Client(
            base_url=f"{server.base_url}/companies/acme",
            auth=(server.username, server.password),
            headers={"X-API-Version": "2"},
            timeout=10.0,
        ) as http,
    ):
        yield http


def errors_of(response: httpx.Response) -> list[dict]:
    body = response.json()
    assert isinstance(body["errors"], list) and body["errors"]
    assert all({"message", "code"} <= set(e) for e in body["errors"])
    return body["errors"]


@pytest.mark.parametrize("number", ["+10005550100", "+12135", "+447700900123", "+1213555010a"])
def test_invalid_numbers_are_400_everywhere(strict: httpx.Client, number: str) -> None:
    answers = [
        strict.post("/campaigns/acquisition/201/participants", json={"mobile_phone": {"mdn": number}}),
        strict.post("/mobiledb/persons/", json={"mobile_phone": {"mdn": number}}),
        strict.put("/mobiledb/persons/external/X1", json={"mobile_phone": {"mdn": number}}),
        strict.post("/events", json={"event_type": "t", "event_data": {"mdn": number}}),
        strict.get("/mobiledb/persons", params={"mdn": number}),
    ]
    assert [a.status_code for a in answers] == [400] * 5
    assert all(errors_of(a) for a in answers)


def test_numbers_of_countries_the_account_does_not_serve_are_refused(strict: httpx.Client) -> None:
    joined = strict.post("/campaigns/acquisition/201/participants", json={"mobile_phone": {"mdn": SWEDISH}})
    assert joined.status_code == 422 and errors_of(joined)[0]["code"] == "CARRIERNOTPROVISIONED"
    person = strict.post("/mobiledb/persons/", json={"mobile_phone": {"mdn": SWEDISH}})
    assert person.status_code == 422
    canadian = strict.post("/campaigns/acquisition/201/participants", json={"mobile_phone": {"mdn": "+15145550111"}})
    assert canadian.status_code == 201  # Canada is served
    landline = strict.post("/campaigns/acquisition/201/participants", json={"mobile_phone": {"mdn": LANDLINE}})
    assert landline.status_code == 422 and errors_of(landline)[0]["code"] == "CARRIERNOTPROVISIONED"


def test_custom_fields_must_be_known_to_the_account_and_text(strict: httpx.Client) -> None:
    body = {"mobile_phone": {"mdn": "+12135550170"}, "custom_fields": {"src": "web", "tier": "gold", "vip": "y"}}
    unknown = strict.post("/mobiledb/persons/", json=body)
    assert unknown.status_code == 422
    assert sorted(e["message"].split(":")[0] for e in errors_of(unknown)) == ["custom_fields.tier", "custom_fields.vip"]
    not_text = strict.post("/campaigns/acquisition/201/participants", json={**body, "custom_fields": {"src": 5}})
    assert not_text.status_code == 422 and errors_of(not_text)[0]["message"].startswith("custom_fields.src")
    assert strict.post("/mobiledb/persons/", json={**body, "custom_fields": {"src": "web"}}).status_code == 201
    assert strict.get("/mobiledb/persons", params={"mdn": "+12135550170"}).json()["custom_fields"] == {"src": "web"}


def test_event_triggered_messages_need_the_accounts_short_code(strict: httpx.Client) -> None:
    assert strict.post("/mobiledb/event_triggered_messages", json=ETM).status_code == 202
    no_sms = {**ETM, "targeting": {k: v for k, v in ETM["targeting"].items() if k != "sms"}}
    other = {**ETM, "targeting": {**ETM["targeting"], "sms": {**ETM["targeting"]["sms"], "sourcecode": "99999"}}}
    half = {**ETM, "targeting": {**ETM["targeting"], "sms": {"sourcecode": SHORT_CODE}}}
    no_date = {k: v for k, v in ETM.items() if k != "start_date"}
    for body in (no_sms, other, half, no_date):
        answer = strict.post("/mobiledb/event_triggered_messages", json=body)
        assert answer.status_code == 422 and errors_of(answer)
    etm = strict.get("/mobiledb/event_triggered_messages").json()[0]["event_triggered_message_id"]
    moved = strict.put(f"/mobiledb/event_triggered_messages/{etm}", json={"targeting": other["targeting"]})
    assert moved.status_code == 422


def test_an_event_to_an_unserved_number_is_not_routed(tmp_path: Path) -> None:
    """A subscriber from before the account stopped serving a country gets no text."""
    seed = {**SEED, "subscriptions": [{"mdn": SWEDISH, "list_id": "101"}]}
    (tmp_path / "seed.json").write_text(json.dumps(seed), encoding="utf-8")
    with EmulatorServer(tmp_path / "state", seed=tmp_path / "seed.json") as server:
        server.store.set_meta("countries", json.dumps(["US"]))  # type: ignore[union-attr]
        auth = (server.username, server.password)
        base = f"{server.base_url}/companies/acme"
        headers = {"X-API-Version": "2"}
        assert httpx.post(f"{base}/mobiledb/event_triggered_messages", json=ETM, auth=auth, headers=headers).is_success
        sent = httpx.post(
            f"{base}/events",
            json={"event_id": "e1", "event_type": "promo_evt", "event_data": {"mdn": SWEDISH}},
            auth=auth,
            headers=headers,
        )
        assert sent.status_code == 202
        event = httpx.get(f"{server.base_url}/_emulator/events").json()[0]
    assert event["status"] == "routing_failed" and "not served" in event["detail"]


MALFORMED = [b"false", b"[]", b'"x"', b"5", b"null", b"{not json", b'{"a": NaN}', b"[" * 5000 + b"]" * 5000]


@pytest.mark.parametrize("raw", MALFORMED, ids=["false", "list", "string", "number", "null", "bad", "nan", "deep"])
def test_every_malformed_body_is_a_4xx_with_errors(strict: httpx.Client, raw: bytes) -> None:
    callback = {"callback_type": "subscription_added", "destination": {"url": "http://127.0.0.1:1/cb"}}
    cid = strict.post("/config/callbacks/", json=callback).json()["callback_id"]
    etm = strict.post("/mobiledb/event_triggered_messages", json=ETM).json()["event_triggered_message_id"]
    person = strict.get("/mobiledb/persons", params={"mdn": "+12135550101"}).json()["person_key"]
    targets = [
        ("POST", "/campaigns/acquisition/201/participants"),
        ("POST", "/mobiledb/persons/"),
        ("PUT", f"/mobiledb/persons/{person}"),
        ("PUT", "/mobiledb/persons/external/P1"),
        ("POST", "/events"),
        ("POST", "/mobiledb/event_triggered_messages"),
        ("PUT", f"/mobiledb/event_triggered_messages/{etm}"),
        ("POST", "/config/callbacks/"),
        ("PUT", f"/config/callbacks/{cid}"),
        ("POST", "/config/callback_events/test"),
    ]
    for method, path in targets:
        answer = strict.request(method, path, content=raw, headers={"Content-Type": "application/json"})
        assert 400 <= answer.status_code < 500, (method, path, answer.status_code)
        assert errors_of(answer)


def test_a_callback_of_the_wrong_shape_is_refused(strict: httpx.Client) -> None:
    base = {"callback_type": "subscription_added", "destination": {"url": "http://127.0.0.1:1/cb"}}
    for body in (
        {**base, "callback_type": "made_up"},
        {**base, "subscription_added": 5},
        {**base, "destination": {"url": "http://127.0.0.1:1/cb", "content_type": "text/html"}},
        {"callback_type": "event_processed", "destination": base["destination"]},
    ):
        answer = strict.post("/config/callbacks/", json=body)
        assert answer.status_code == 422 and errors_of(answer)


def test_new_numbers_from_many_connections_at_once_are_one_person_each(strict: httpx.Client) -> None:
    """32 connections ask for the same new numbers at the same moments: one person per
    number, one 201 per number, the others 200 (already pending), never a 500."""
    base_url, auth = str(strict.base_url), strict.auth
    numbers = [f"+1213555{n:04d}" for n in range(300, 320)]
    statuses: dict[str, list[int]] = {n: [] for n in numbers}
    lock = threading.Lock()
    start = threading.Barrier(32)

    def join() -> None:
        with httpx.Client(base_url=base_url, auth=auth, headers={"X-API-Version": "2"}, timeout=30) as http:
            start.wait()
            for number in numbers:
                answer = http.post(
                    "/campaigns/acquisition/201/participants",
                    json={"mobile_phone": {"mdn": number}, "custom_fields": {"src": "web"}},
                )
                with lock:
                    statuses[number].append(answer.status_code)

    threads = [threading.Thread(target=join) for _ in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {n: sorted(set(s)) for n, s in statuses.items()} == {n: [200, 201] for n in numbers}
    assert all(s.count(201) == 1 for s in statuses.values())


# -- the seed -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("change", "where", "what"),
    [
        ({"short_code": "12-34"}, "$.short_code", "short or long code"),
        ({"countries": ["US", "XX"]}, "$.countries[1]", "'XX' is not an ISO 3166"),
        ({"countries": []}, "$.countries", "non-empty list"),
        ({"custom_fields": ["ok", "not ok"]}, "$.custom_fields[1]", "field name"),
        ({"landlines": ["+10005550100"]}, "$.landlines[0]", "not a valid E.164 mobile number"),
        ({"undeliverable": "+12135550191"}, "$.undeliverable", "list of E.164 numbers"),
        ({"shortcode": "12345"}, "$.shortcode", "unknown key"),
        ({"countries": ["SE"]}, "$.subscriptions[0].mdn", "+12135550101 is a number of US"),
        ({"subscriptions": [{"mdn": "+12135550101", "list_id": "999"}]}, "$.subscriptions[0].list_id", "no subscr"),
        (
            {"acquisition_campaigns": [{"acquisition_id": "1", "list_ids": ["9"]}]},
            "$.acquisition_campaigns[0].list_ids[0]",
            "no subscription list",
        ),
        (
            {"acquisition_campaigns": [{"acquisition_id": "1", "status": "on"}]},
            "$.acquisition_campaigns[0].status",
            "expected one of",
        ),
    ],
)
def test_seed_errors_name_the_file_the_key_and_the_fault(tmp_path: Path, change: dict, where: str, what: str) -> None:
    path = tmp_path / "seed.json"
    path.write_text(json.dumps({**SEED, **change}), encoding="utf-8")
    with pytest.raises(SeedError) as info:
        load_seed(path)
    message = str(info.value)
    assert message.startswith(f"{path}: {where}: ") and what in message and "\n" not in message


def test_a_seed_with_every_key_loads(tmp_path: Path) -> None:
    path = tmp_path / "seed.json"
    seed = {
        **SEED,
        "_note": "keys starting with _ are notes",
        "short_code": 24365,
        "countries": ["us", "CA"],
        "landlines": ["+12135550190"],
        "undeliverable": ["+12135550191"],
    }
    path.write_text(json.dumps(seed), encoding="utf-8")
    data = load_seed(path)
    assert data["short_code"] == "24365" and data["countries"] == ["CA", "US"]
    with EmulatorServer(tmp_path / "state", seed=path) as server:
        assert server.short_code == "24365"
        assert server.store is not None and server.store.countries == {"US", "CA"}
        assert server.store.custom_fields == set(SEED["custom_fields"])  # type: ignore[arg-type]
