"""The emulated Vibes API, operation by operation: status codes and fields per the reference."""

from __future__ import annotations

import httpx
import pytest

from smsflow_desktop.services.vibes.emulator import EmulatorServer

PERSON_FIELDS = {"person_key", "external_person_id", "mobile_phone", "custom_fields", "created_at", "updated_at", "url"}
LIST_FIELDS = {"id", "name", "url", "subscribers_url", "acquisition_campaigns_url"}
ACQ_FIELDS = {
    "acquisition_id",
    "description",
    "campaign_type",
    "status",
    "start_date",
    "end_date",
    "created_date",
    "updated_date",
    "acquisition_campaign",
    "url",
}
SUB_FIELDS = {"person", "subscription_list", "opt_in_date", "opt_out_date", "opt_out_reason", "url"}
PARTICIPANT_FIELDS = {"person", "participation_date", "expire_date", "status"}


def errors_of(response: httpx.Response) -> list[dict]:
    body = response.json()
    assert set(body) == {"errors"} and body["errors"] and {"message", "code"} <= set(body["errors"][0])
    return body["errors"]


def test_auth_is_required_and_401_has_errors_body(emulator: EmulatorServer) -> None:
    url = f"{emulator.base_url}/companies/acme/mobiledb/subscription_lists/"
    for auth in (None, ("api-user", "wrong"), ("someone", emulator.password)):
        r = httpx.get(url, auth=auth, headers={"X-API-Version": "2"})
        assert r.status_code == 401 and errors_of(r)
    r = httpx.get(
        f"{emulator.base_url}/companies/other/mobiledb/subscription_lists/", auth=(emulator.username, emulator.password)
    )
    assert r.status_code == 404 and errors_of(r)


def test_subscription_lists(api: httpx.Client) -> None:
    r = api.get("/mobiledb/subscription_lists/")
    assert r.status_code == 200 and [x["id"] for x in r.json()] == ["101", "102"]
    assert set(r.json()[0]) == LIST_FIELDS
    assert api.get("/mobiledb/subscription_lists").status_code == 200  # with or without the slash
    assert api.get("/mobiledb/subscription_lists/101").json()["name"] == "Promotions"
    assert api.get("/mobiledb/subscription_lists/999").status_code == 404
    acq = api.get("/mobiledb/subscription_lists/102/acquisition_campaigns/")
    assert acq.status_code == 200 and [a["acquisition_id"] for a in acq.json()] == ["202"]
    assert api.get("/mobiledb/subscription_lists/999/acquisition_campaigns/").status_code == 404


def test_subscribers_search(api: httpx.Client) -> None:
    r = api.get("/mobiledb/subscription_lists/101/subscribers", params={"mdn": "+12135550101"})
    assert r.status_code == 200 and set(r.json()) == PERSON_FIELDS
    assert r.json()["mobile_phone"]["mdn"] == "+12135550101"
    assert (
        api.get("/mobiledb/subscription_lists/101/subscribers", params={"external_person_id": "P1"}).status_code == 200
    )
    assert api.get("/mobiledb/subscription_lists/102/subscribers", params={"mdn": "+12135550102"}).status_code == 404
    assert api.get("/mobiledb/subscription_lists/101/subscribers").status_code == 404
    assert api.get("/mobiledb/subscription_lists/999/subscribers", params={"mdn": "+12135550101"}).status_code == 404


def test_unencoded_plus_in_query_is_400(api: httpx.Client) -> None:
    r = api.get("/mobiledb/persons?mdn=+12135550101")  # the '+' arrives as a space
    assert r.status_code == 400 and "%2B" in errors_of(r)[0]["message"]
    assert api.get("/mobiledb/persons?mdn=%2B12135550101").status_code == 200
    assert api.get("/mobiledb/subscription_lists/101/subscribers?mdn=+12135550101").status_code == 400


def test_version_1_refuses_e164_and_takes_10_digits(emulator: EmulatorServer) -> None:
    with httpx.Client(
        base_url=f"{emulator.base_url}/companies/acme", auth=(emulator.username, emulator.password)
    ) as v1:
        r = v1.get("/mobiledb/persons", params={"mdn": "+12135550101"})
        assert r.status_code == 400 and errors_of(r)
        ok = v1.get("/mobiledb/persons", params={"mdn": "2135550101"})
        assert ok.status_code == 200 and ok.json()["mobile_phone"]["mdn"] == "2135550101"
        add = v1.post("/campaigns/acquisition/201/participants", json={"mobile_phone": {"mdn": "+12135550140"}})
        assert add.status_code == 400


def test_acquisition_campaigns(api: httpx.Client) -> None:
    r = api.get("/campaigns/acquisition")
    assert r.status_code == 200 and set(r.json()[0]) == ACQ_FIELDS - {"end_date"}  # none: left out, not null
    first = r.json()[0]
    assert first["acquisition_campaign"]["keywords"] == ["SPRING"] and first["status"] in {
        "scheduled",
        "active",
        "deleted",
        "past",
    }
    assert api.get("/campaigns/acquisition/201").json()["description"] == "Spring signup"
    assert api.get("/campaigns/acquisition/999").status_code == 404


def test_acquisitions_404_when_there_are_none(tmp_path) -> None:
    with EmulatorServer(tmp_path / "empty") as server:
        r = httpx.get(
            f"{server.base_url}/companies/{server.company_key}/campaigns/acquisition",
            auth=(server.username, server.password),
        )
        assert r.status_code == 404


def test_add_participant_answers(api: httpx.Client, control: httpx.Client) -> None:
    path = "/campaigns/acquisition/201/participants"
    r = api.post(path, json={"mobile_phone": {"mdn": "+12135550150"}, "custom_fields": {"src": "web"}})
    assert r.status_code == 201 and set(r.json()) == PARTICIPANT_FIELDS and r.json()["status"] == "PENDING"
    assert {"person_id", "person_key", "url"} <= set(r.json()["person"])
    assert api.post(path, json={"mobile_phone": {"mdn": "+12135550150"}}).status_code == 200
    pending = api.get(path, params={"mdn": "+12135550150"})
    assert pending.status_code == 200 and [p["status"] for p in pending.json()] == ["PENDING"]
    assert api.get(path, params={"mdn": "+12135550102"}).json() == []
    assert api.get(path + "?mdn=+12135550150").status_code == 400
    assert api.post(path, json={"mobile_phone": {"mdn": "12345"}}).status_code == 400
    assert api.post(path, json={}).status_code == 400
    assert api.post(path, json={"mobile_phone": {"mdn": "+12135550102"}}).status_code == 409  # already subscribed
    r422 = api.post(path, json={"external_person_id": "nobody"})
    assert r422.status_code == 422 and errors_of(r422)
    control.post("/reply", json={"mdn": "+12135550150", "text": "Y"})
    assert api.get(path, params={"mdn": "+12135550150"}).json() == []


def test_persons_create_update_conflict(api: httpx.Client) -> None:
    created = api.post("/mobiledb/persons/", json={"external_person_id": "E9", "mobile_phone": {"mdn": "+12135550180"}})
    assert created.status_code == 201 and set(created.json()) == PERSON_FIELDS
    key = created.json()["person_key"]
    same = api.post("/mobiledb/persons/", json={"mobile_phone": {"mdn": "+12135550180"}, "custom_fields": {"x": "1"}})
    assert same.status_code == 200 and same.json()["person_key"] == key and same.json()["custom_fields"] == {"x": "1"}
    clash = api.post("/mobiledb/persons/", json={"external_person_id": "P1", "mobile_phone": {"mdn": "+12135550180"}})
    assert clash.status_code == 409 and errors_of(clash)
    assert api.post("/mobiledb/persons/", json={"mobile_phone": {"mdn": "nope"}}).status_code == 400
    assert api.get(f"/mobiledb/persons/{key}").status_code == 200
    assert api.get("/mobiledb/persons/missing").status_code == 404
    assert api.get("/mobiledb/persons/external/E9").json()["person_key"] == key
    assert api.get("/mobiledb/persons/external/none").status_code == 404
    assert api.put(f"/mobiledb/persons/{key}", json={"mobile_phone": {"mdn": "+12135550181"}}).status_code == 409
    assert api.put(f"/mobiledb/persons/{key}", json={"custom_fields": {"y": "2"}}).status_code == 200
    assert api.put("/mobiledb/persons/external/E10", json={"mobile_phone": {"mdn": "+12135550182"}}).status_code == 201
    assert api.get("/mobiledb/persons", params={"mdn": "+12135559999"}).status_code == 404
    assert api.get("/mobiledb/persons").status_code == 404


def test_subscriptions_of_a_person(api: httpx.Client) -> None:
    key = api.get("/mobiledb/persons", params={"mdn": "+12135550101"}).json()["person_key"]
    subs = api.get(f"/mobiledb/persons/{key}/subscriptions")
    # an active subscription has no opt-out date or reason: left out, not null
    assert subs.status_code == 200 and set(subs.json()[0]) == SUB_FIELDS - {"opt_out_date", "opt_out_reason"}
    assert [s["subscription_list"]["id"] for s in subs.json()] == ["101", "102"]
    assert api.get(f"/mobiledb/persons/{key}/subscriptions/101").status_code == 200
    assert api.get("/mobiledb/persons/external/P1/subscriptions").status_code == 200
    assert api.get("/mobiledb/persons/missing/subscriptions").status_code == 404
    assert api.delete(f"/mobiledb/persons/{key}/subscriptions/101").status_code == 204
    assert api.delete(f"/mobiledb/persons/{key}/subscriptions/101").status_code == 404
    assert api.get(f"/mobiledb/persons/{key}/subscriptions/101").status_code == 404
    assert api.delete("/mobiledb/persons/external/P1/subscriptions/102").status_code == 204
    everything = api.get(f"/mobiledb/persons/{key}/subscriptions", params={"active_only": "false"}).json()
    assert {s["opt_out_reason"] for s in everything} == {"api_opt_out"}
    assert api.get(f"/mobiledb/persons/{key}/subscriptions").json() == []


def test_event_triggered_messages(api: httpx.Client) -> None:
    body = {
        "name": "promo",
        "event_type": "promo_evt",
        "start_date": "2026-01-01",
        "targeting": {
            "message_template": "Hi {{ first_name }}",
            "channel": "sms",
            "sms": {"sourcecode": "12345", "country_code": "1", "sourcecode_type": "SC"},
            "filters": [{"name": "subscription", "selector": "any", "value": [101]}],
        },
    }
    r = api.post("/mobiledb/event_triggered_messages", json=body)
    assert r.status_code == 202 and isinstance(r.json()["event_triggered_message_id"], int)
    etm = r.json()["event_triggered_message_id"]
    assert {"status", "event_type", "targeting", "created_by"} <= set(r.json())
    assert api.get(f"/mobiledb/event_triggered_messages/{etm}").status_code == 200
    assert (
        api.get("/mobiledb/event_triggered_messages", params={"event_type": "promo_evt"}).json()[0]["name"] == "promo"
    )
    assert api.get("/mobiledb/event_triggered_messages/999").status_code == 404
    assert api.put(f"/mobiledb/event_triggered_messages/{etm}", json={"name": "promo 2"}).json()["name"] == "promo 2"
    assert api.delete(f"/mobiledb/event_triggered_messages/{etm}").json()["status"] == "cancelled"
    assert api.put(f"/mobiledb/event_triggered_messages/{etm}", json={"name": "x"}).status_code == 422
    assert api.delete("/mobiledb/event_triggered_messages/999").status_code == 404
    assert api.post("/mobiledb/event_triggered_messages", json={"name": "x"}).status_code == 422


def test_events_are_accepted_with_202(api: httpx.Client, control: httpx.Client) -> None:
    r = api.post("/events", json={"event_id": "abc", "event_type": "t", "event_data": {"mdn": "+12135550101"}})
    assert r.status_code == 202 and r.json() == {"event_id": "abc"}
    generated = api.post("/events", json={"event_type": "t", "event_data": {"external_person_id": "P1"}})
    assert generated.status_code == 202 and generated.json()["event_id"]
    listed = control.get("/events").json()
    assert [(e["event_id"], e["mdn"]) for e in listed] == [
        ("abc", "+12135550101"),
        (generated.json()["event_id"], "+12135550101"),
    ]
    assert {"event_id", "event_type", "event_data", "mdn"} <= set(listed[0])
    assert api.post("/events", json={"event_type": "t", "event_data": {"mdn": "+1213"}}).status_code == 400
    assert api.post("/events", json={"event_data": {"mdn": "+12135550101"}}).status_code == 422
    assert api.post("/events", content=b"{not json", headers={"Content-Type": "application/json"}).status_code == 400


def test_callbacks_registration(api: httpx.Client) -> None:
    body = {
        "callback_type": "subscription_removed",
        "destination": {"url": "http://127.0.0.1:1/cb", "method": "POST", "content_type": "application/json"},
        "subscription_removed": {"list_id": "101"},
    }
    r = api.post("/config/callbacks/", json=body)
    assert r.status_code == 201 and {"callback_id", "callback_type", "destination", "url"} <= set(r.json())
    cid = r.json()["callback_id"]
    assert [c["callback_id"] for c in api.get("/config/callbacks/").json()] == [cid]
    assert api.get(f"/config/callbacks/{cid}").json()["subscription_removed"] == {"list_id": "101"}
    assert api.put(f"/config/callbacks/{cid}", json={"subscription_removed": {"list_id": "102"}}).status_code == 200
    assert api.post("/config/callback_events/test", json={"callback_type": "subscription_removed"}).status_code == 201
    assert api.post("/config/callback_events/test", json={"callback_type": "event_processed"}).status_code == 404
    assert api.delete(f"/config/callbacks/{cid}").status_code == 200
    assert api.get(f"/config/callbacks/{cid}").status_code == 404
    assert api.delete(f"/config/callbacks/{cid}").status_code == 404
    assert api.post("/config/callbacks/", json={"callback_type": "event_processed"}).status_code == 422


@pytest.mark.parametrize("path", ["/mobiledb/nothing", "/campaigns/acquisition/201/participants/x"])
def test_unknown_paths_are_404_json(api: httpx.Client, path: str) -> None:
    r = api.get(path)
    assert r.status_code == 404 and errors_of(r)


def test_wrong_method_is_405(api: httpx.Client) -> None:
    assert api.delete("/mobiledb/subscription_lists/").status_code == 405
