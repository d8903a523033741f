"""The emulator playing Vibes and its users: opt-in replies, STOP, expiry, routing, receipts,
callbacks, extract files, restarts and injected faults."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from smsflow_desktop.services.vibes import UnprocessableError, VibesClient
from smsflow_desktop.services.vibes.emulator import EmulatorServer, write_extracts
from smsflow_desktop.services.vibes.emulator.extracts import CURRENT_COLUMNS, DAILY_COLUMNS
from tests.services.vibes.conftest import LANDLINE, UNDELIVERABLE, make_client, wait_for


class Capture:
    """A callback destination that records bodies and fails the first ``fail`` requests."""

    def __init__(self, fail: int = 0) -> None:
        self.fail = fail
        self.bodies: list[dict] = []
        self.attempts = 0
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}/cb"
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def _app(self, environ, start_response):
        request = Request(environ)
        self.attempts += 1
        if self.attempts <= self.fail:
            return Response("busy", status=503)(environ, start_response)
        self.bodies.append(json.loads(request.get_data()))
        return Response("{}", mimetype="application/json")(environ, start_response)

    def of(self, kind: str) -> list[dict]:
        return [b for b in self.bodies if b["event_type"] == kind]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def capture() -> Iterator[Capture]:
    c = Capture()
    yield c
    c.close()


def subscribed(client: VibesClient, list_id: str, mdn: str) -> bool:
    return client.get_subscriber(list_id, mdn) is not None


def test_double_opt_in_yes(client: VibesClient, control: httpx.Client) -> None:
    client.add_participant("201", mdn="+12135550120")
    texts = control.get("/messages", params={"mdn": "+12135550120"}).json()
    assert texts[0]["kind"] == "confirmation" and "reply Y" in texts[0]["text"]
    assert not subscribed(client, "101", "+12135550120")
    result = control.post("/reply", json={"mdn": "+12135550120", "text": " yes "}).json()
    assert result["action"] == "confirmed" and result["lists"] == ["101"]
    assert subscribed(client, "101", "+12135550120")
    assert control.get("/participants").json()[0]["status"] == "CONFIRMED"


def test_no_reply_blocks_the_campaign_but_not_others(client: VibesClient, control: httpx.Client) -> None:
    client.add_participant("201", mdn="+12135550121")
    assert control.post("/reply", json={"mdn": "+12135550121", "text": "N"}).json()["action"] == "rejected"
    assert control.get("/participants").json()[0]["status"] == "REJECTED"
    with pytest.raises(UnprocessableError) as info:
        client.add_participant("201", mdn="+12135550121")
    assert info.value.code == "MDNHASCONFIRMATIONBLOCK"
    assert client.add_participant("202", mdn="+12135550121").http_status == 201
    # a keyword still joins, block or not
    assert control.post("/reply", json={"mdn": "+12135550121", "text": "spring"}).json()["action"] == "keyword"


@pytest.mark.parametrize("word", ["STOP", "stopall", "Unsubscribe", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"])
def test_stop_family_opts_out_of_every_list(client: VibesClient, control: httpx.Client, word: str) -> None:
    result = control.post("/reply", json={"mdn": "+12135550101", "text": word}).json()
    assert result == {"action": "opted_out", "lists": ["101", "102"]}
    person = client.find_person_by_mdn("+12135550101")
    history = client.person_subscriptions(person.person_key, active_only=False)  # type: ignore[union-attr]
    assert {(s.subscription_list_id, s.opt_out_reason) for s in history} == {
        ("101", "user_opt_out"),
        ("102", "user_opt_out"),
    }


def test_start_opts_back_in_what_stop_ended(client: VibesClient, control: httpx.Client) -> None:
    person = client.find_person_by_mdn("+12135550101")
    client.unsubscribe("102", person_key=person.person_key)  # type: ignore[union-attr]  (an API opt-out stays)
    control.post("/reply", json={"mdn": "+12135550101", "text": "STOP"})
    assert control.post("/reply", json={"mdn": "+12135550101", "text": "UNSTOP"}).json()["lists"] == ["101"]
    assert subscribed(client, "101", "+12135550101") and not subscribed(client, "102", "+12135550101")


def test_stop_rejects_a_pending_opt_in(client: VibesClient, control: httpx.Client) -> None:
    client.add_participant("201", mdn="+12135550122")
    control.post("/reply", json={"mdn": "+12135550122", "text": "STOP"})
    assert control.get("/participants").json()[0]["status"] == "REJECTED"
    assert control.post("/reply", json={"mdn": "+12135550122", "text": "Y"}).json()["action"] == "ignored"


def test_pending_opt_in_expires_after_24_hours(tmp_path: Path, seed_file: Path) -> None:
    now = [datetime(2026, 4, 5, 12, 0, tzinfo=UTC)]
    with EmulatorServer(tmp_path / "s", seed=seed_file, clock=lambda: now[0]) as server, make_client(server) as c:
        part = c.add_participant("201", mdn="+12135550123")
        assert part.expire_date == "2026-04-06T12:00:00Z"
        now[0] += timedelta(hours=23, minutes=59)
        assert c.add_participant("201", mdn="+12135550123").http_status == 200  # still pending
        now[0] += timedelta(minutes=2)
        reply = httpx.post(f"{server.base_url}/_emulator/reply", json={"mdn": "+12135550123", "text": "Y"}).json()
        assert reply["action"] == "ignored"
        assert httpx.get(f"{server.base_url}/_emulator/participants").json()[0]["status"] == "EXPIRED"
        assert c.add_participant("201", mdn="+12135550123").http_status == 201  # a fresh opt-in


def test_routing_delivery_and_event_processed_callbacks(
    emulator: EmulatorServer, client: VibesClient, control: httpx.Client, capture: Capture
) -> None:
    client.register_callback(callback_type="event_processed", url=capture.url)
    client.create_event_triggered_message(
        name="promo", event_type="promo", list_id="101", message_template='Hi {{ first_name | default: "there" }}!'
    )
    client.add_participant("201", mdn=UNDELIVERABLE)
    control.post("/reply", json={"mdn": UNDELIVERABLE, "text": "Y"})
    client.send_event(event_id="ok", event_type="promo", event_data={"mdn": "+12135550101", "first_name": "Ann"})
    client.send_event(event_id="not-member", event_type="promo", event_data={"mdn": "+12135550199"})
    client.send_event(event_id="bounce", event_type="promo", event_data={"mdn": UNDELIVERABLE})
    client.send_event(event_id="no-etm", event_type="other", event_data={"mdn": "+12135550101"})
    wait_for(lambda: len(capture.of("event_processed")) >= 7)
    events = {e["event_id"]: e for e in control.get("/events").json()}
    assert events["ok"]["status"] == "delivered" and events["ok"]["message"] == "Hi Ann!"
    assert events["not-member"]["status"] == "routing_failed"
    assert events["bounce"]["status"] == "undeliverable"
    assert events["no-etm"]["status"] == "routing_failed"
    stages = sorted(
        (b["event_processed"]["event_id"], b["event_processed"]["stage"], b["event_processed"]["status"])
        for b in capture.of("event_processed")
    )
    assert stages == sorted(
        [
            ("ok", "routing", "success"),
            ("ok", "carrier_dlr", "success"),
            ("ok", "handset_dlr", "success"),
            ("not-member", "routing", "failure"),
            ("no-etm", "routing", "failure"),
            ("bounce", "routing", "success"),
            ("bounce", "carrier_dlr", "failure"),
        ]
    )


def test_subscription_callbacks_are_retried_and_filtered(
    emulator: EmulatorServer, client: VibesClient, control: httpx.Client
) -> None:
    flaky = Capture(fail=2)
    try:
        client.register_callback(callback_type="subscription_removed", url=flaky.url, list_id="102")
        client.register_callback(callback_type="subscription_added", url=flaky.url)
        client.register_callback(callback_type="ack_participant_changed", url=flaky.url)
        control.post("/reply", json={"mdn": "+12135550101", "text": "STOP"})  # out of 101 and 102
        removed = wait_for(lambda: flaky.of("subscription_removed"))
        assert len(removed) == 1 and removed[0]["subscription"]["subscription_list"]["id"] == "102"
        assert removed[0]["subscription"]["opt_out_reason"] == "user_opt_out"
        assert removed[0]["subscription"]["person"]["mobile_phone"]["mdn"] == "+12135550101"
        client.add_participant("201", mdn="+12135550124")
        control.post("/reply", json={"mdn": "+12135550124", "text": "Y"})
        added = wait_for(lambda: flaky.of("subscription_added"))
        assert added[0]["subscription"]["subscription_list"]["id"] == "101"
        changed = wait_for(lambda: flaky.of("ack_participant_changed"))
        assert changed[0]["participant"]["status"] == "CONFIRMED"
        assert changed[0]["participant"]["acquisition_campaign"]["api_key"] == "201"
        deliveries = control.get("/callbacks/deliveries").json()
        assert [d.get("status") for d in deliveries[:2]] == [503, 503]  # retried after failures
    finally:
        flaky.close()


def test_callbacks_can_arrive_twice(tmp_path: Path, seed_file: Path, capture: Capture) -> None:
    with (
        EmulatorServer(tmp_path / "dup", seed=seed_file, callback_duplicate_rate=1.0) as server,
        make_client(server) as c,
    ):
        c.register_callback(callback_type="subscription_removed", url=capture.url)
        c.unsubscribe("101", external_person_id="P1")
        bodies = wait_for(lambda: capture.of("subscription_removed") if len(capture.bodies) >= 2 else None)
        assert len(bodies) == 2 and bodies[0]["event_id"] == bodies[1]["event_id"]


def test_extract_files_in_vibes_format(
    emulator: EmulatorServer, client: VibesClient, control: httpx.Client, tmp_path: Path
) -> None:
    control.post("/reply", json={"mdn": "+12135550102", "text": "STOP"})
    current = control.get("/extracts/current_subscribers").text.splitlines()
    assert current[0].split("\t") == list(CURRENT_COLUMNS)
    rows = [dict(zip(CURRENT_COLUMNS, line.split("\t"), strict=False)) for line in current[1:]]
    assert {(r["mdn"], r["mdn_e164_format"], r["country_code"], r["subscription_list_id"]) for r in rows} == {
        ("2135550101", "+12135550101", "US", "101"),
        ("2135550101", "+12135550101", "US", "102"),
    }
    assert all(r["person_id"] and r["external_person_id"] == "P1" for r in rows)
    today = emulator.store.now().date().isoformat()
    daily = control.get("/extracts/subscriptions", params={"date": today}).text.splitlines()
    assert daily[0].split("\t") == list(DAILY_COLUMNS)
    events = [dict(zip(DAILY_COLUMNS, line.split("\t"), strict=False)) for line in daily[1:]]
    out = [e for e in events if e["subscription_event"] == "OPT_OUT"]
    assert len(out) == 1 and out[0]["mdn"] == "+12135550102" and out[0]["opt_out_reason"] == "user_opt_out"
    assert len(out[0]["opt_out_date"]) == len("2017-04-05 14:30:00 -0600") and out[0]["company_id"] == "acme"
    assert control.get("/extracts/subscriptions", params={"date": "2001-01-01"}).text.count("\n") == 1
    files = write_extracts(emulator.store, tmp_path / "out")
    stamp = emulator.store.now().date().strftime("%Y%m%d")
    assert [f.name for f in files] == [f"current_subscribers_acme_{stamp}.txt", f"subscriptions_acme_{stamp}.txt"]
    assert files[0].read_text(encoding="utf-8").splitlines() == current


def test_write_extracts_from_a_state_folder(tmp_path: Path, seed_file: Path) -> None:
    with EmulatorServer(tmp_path / "st", seed=seed_file):
        pass
    files = write_extracts(tmp_path / "st", tmp_path / "x", date(2001, 1, 1))
    assert files[0].read_text(encoding="utf-8").count("\n") == 1  # header only: nobody subscribed in 2001


def test_state_survives_a_restart_and_seed_applies_once(tmp_path: Path, seed_file: Path) -> None:
    state = tmp_path / "keep"
    with EmulatorServer(state, seed=seed_file) as first, make_client(first) as c:
        c.add_participant("201", mdn="+12135550125")
        first_port = first.port
    seed_file.write_text(json.dumps({"company_key": "changed", "subscription_lists": []}), encoding="utf-8")
    with EmulatorServer(state, seed=seed_file) as second, make_client(second) as c:
        assert second.company_key == "acme"
        assert c.add_participant("201", mdn="+12135550125").http_status == 200  # still pending
        assert len(c.list_subscription_lists()) == 2
    assert first_port  # a new port each time is fine; the state is what persists


def test_landline_is_refused(client: VibesClient) -> None:
    with pytest.raises(UnprocessableError):
        client.add_participant("202", mdn=LANDLINE)


def test_faults_do_not_touch_inspection_and_can_be_set_over_http(
    emulator: EmulatorServer, control: httpx.Client, api: httpx.Client
) -> None:
    assert control.post("/faults", json={"error_rate": 1.0, "error_statuses": [504]}).json()["error_rate"] == 1.0
    assert api.get("/mobiledb/subscription_lists/").status_code == 504
    assert control.get("/events").status_code == 200
    assert control.post("/faults", json={"nonsense": 1}).status_code == 400
    control.post("/faults", json={"error_rate": 0.0})
    assert control.get("/stats").json()["errors"] == 1


def test_rate_limit_window_and_retry_after_date(emulator: EmulatorServer, api: httpx.Client) -> None:
    emulator.faults.rate_limit = 3
    emulator.faults.retry_after = "date"
    codes = [api.get("/mobiledb/subscription_lists/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    r = api.get("/mobiledb/subscription_lists/")
    assert r.status_code == 429 and r.headers["Retry-After"].endswith("GMT")


def test_latency_is_added(emulator: EmulatorServer, api: httpx.Client) -> None:
    import time

    emulator.faults.latency_ms = 80
    started = time.monotonic()
    api.get("/mobiledb/subscription_lists/")
    assert time.monotonic() - started >= 0.08
