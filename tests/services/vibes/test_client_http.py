"""The client against the emulator over real HTTP on 127.0.0.1: answers and every error path."""

from __future__ import annotations

import os
import time
import uuid

import httpx
import pytest

from smsflow_desktop.services.vibes import (
    AuthenticationError,
    ConflictError,
    NetworkError,
    NotConfiguredError,
    NotFoundError,
    RateLimitedError,
    RateLimits,
    ServerError,
    UnprocessableError,
    VibesClient,
)
from smsflow_desktop.services.vibes.emulator import EmulatorServer
from tests.services.vibes.conftest import LANDLINE, VibesTarget, make_client, wait_for

#: A valid number that is nobody's, in the emulator and (it is a fictional 555-01xx number) in Vibes.
NOBODY = "+12025550123"


def vibes_password(vibes: VibesTarget) -> str:
    return vibes.emulator.password if vibes.emulator is not None else os.environ["SMSFLOW_VIBES_PASSWORD"]


def test_reads_lists_campaigns_and_subscribers(vibes: VibesTarget) -> None:
    client = vibes.client
    lists = client.list_subscription_lists()
    assert vibes.list_id in [x.id for x in lists] and all(x.name for x in lists)
    assert client.get_subscription_list(vibes.list_id).id == vibes.list_id
    campaigns = client.list_acquisition_campaigns()
    assert vibes.acquisition_id in [c.acquisition_id for c in campaigns]
    assert client.get_acquisition_campaign(vibes.acquisition_id).acquisition_id == vibes.acquisition_id
    feeding = client.list_acquisition_campaigns_for_list(vibes.list_id)
    assert all(c.acquisition_id for c in feeding)
    member = client.get_subscriber(vibes.list_id, vibes.member_mdn)
    assert member is not None and member.mdn == vibes.member_mdn and member.person_key
    assert client.get_subscriber(vibes.list_id, NOBODY) is None


def test_emulated_lists_campaigns_and_subscribers(client: VibesClient) -> None:
    assert [(x.id, x.name) for x in client.list_subscription_lists()] == [("101", "Promotions"), ("102", "Alerts")]
    assert client.get_subscription_list("102").name == "Alerts"
    campaigns = client.list_acquisition_campaigns()
    assert [(c.acquisition_id, c.description, c.status, c.keywords) for c in campaigns] == [
        ("201", "Spring signup", "active", ["SPRING"]),
        ("202", "Alerts signup", "active", []),
    ]
    assert [c.acquisition_id for c in client.list_acquisition_campaigns_for_list("101")] == ["201"]
    member = client.get_subscriber("101", "+12135550101")
    assert member is not None and member.external_person_id == "P1"
    assert client.get_subscriber("102", "+12135550102") is None


def test_person_lookups(vibes: VibesTarget) -> None:
    client = vibes.client
    person = client.find_person_by_mdn(vibes.member_mdn)
    assert person is not None and person.mdn == vibes.member_mdn
    assert client.get_person(person.person_key).person_key == person.person_key
    if person.external_person_id:
        found = client.get_person_by_external_id(person.external_person_id)
        assert found is not None and found.person_key == person.person_key
    assert client.get_person_by_external_id("smsflow-no-such-person-4f1c") is None
    assert client.find_person_by_mdn(NOBODY) is None
    assert vibes.list_id in [s.subscription_list_id for s in client.person_subscriptions(person.person_key)]


def test_persons_and_subscriptions(client: VibesClient) -> None:
    person = client.find_person_by_mdn("+12135550101")
    assert person is not None
    assert client.get_person_by_external_id("P1").person_key == person.person_key  # type: ignore[union-attr]
    assert [s.subscription_list_id for s in client.person_subscriptions(person.person_key)] == ["101", "102"]
    assert client.unsubscribe("102", person_key=person.person_key) is True
    assert client.unsubscribe("102", person_key=person.person_key) is False  # already not a member
    assert client.unsubscribe("101", external_person_id="P1") is True
    assert client.person_subscriptions(person.person_key) == []
    history = client.person_subscriptions(person.person_key, active_only=False)
    assert {(s.subscription_list_id, s.opt_out_reason) for s in history} == {
        ("101", "api_opt_out"),
        ("102", "api_opt_out"),
    }
    created = client.create_or_update_person(mdn="+12135550155", external_person_id="P55", custom_fields={"a": "1"})
    again = client.create_or_update_person(mdn="+12135550155", custom_fields={"b": "2"})
    assert again.person_key == created.person_key and again.custom_fields == {"a": "1", "b": "2"}


def test_get_person_unknown_raises_not_found(vibes: VibesTarget) -> None:
    with pytest.raises(NotFoundError) as info:
        vibes.client.get_person("smsflow-no-such-key")
    assert info.value.status == 404 and not info.value.may_have_reached
    with pytest.raises(NotFoundError):
        vibes.client.get_subscription_list("987654321")


def test_wrong_password_is_401_with_plain_message(vibes: VibesTarget) -> None:
    c = vibes.client
    with VibesClient(c.base_url, c.company_key, c.username, "not-the-password", max_retries=0) as bad:
        with pytest.raises(AuthenticationError) as info:
            bad.list_subscription_lists()
        assert info.value.status == 401
        with pytest.raises(AuthenticationError) as info:
            bad.test_connection()
    assert "user name" in str(info.value) and "not-the-password" not in str(info.value)


def test_unknown_company_key_is_named(vibes: VibesTarget) -> None:
    c = vibes.client
    with (
        VibesClient(c.base_url, "smsflow-no-such-company", c.username, vibes_password(vibes)) as other,
        pytest.raises((NotFoundError, AuthenticationError), match="company key 'smsflow-no-such-company'"),
    ):
        other.test_connection()


def test_unreachable_host() -> None:
    dead = VibesClient("http://127.0.0.1:9", "acme", "u", "p", backoff_base=0.001, backoff_cap=0.001)
    with pytest.raises(NetworkError, match=r"cannot reach 127\.0\.0\.1") as info:
        dead.test_connection()
    assert info.value.may_have_reached is False and info.value.status is None


def test_an_event_triggered_message_carries_the_short_code(vibes: VibesTarget) -> None:
    event_type = f"smsflow_check_{uuid.uuid4().hex[:12]}"
    client = vibes.client
    assert client.find_event_triggered_message(event_type) is None
    etm_id = client.create_event_triggered_message(
        name="smsflow-desktop client check", event_type=event_type, message_template="Hi", list_id=vibes.list_id
    )
    try:
        assert client.find_event_triggered_message(event_type) == etm_id
        path = f"/companies/{client.company_key}/mobiledb/event_triggered_messages/{etm_id}"
        body = client._t.request("GET", path, "reading the message")[0].json()
        assert body["targeting"]["sms"]["sourcecode"] == client.sourcecode
        assert body["targeting"]["sms"]["sourcecode_type"] == "SC"
    finally:
        client._t.request("DELETE", path, "cancelling the message", allow=(404,))


def test_one_text_to_a_member(vibes: VibesTarget) -> None:
    if not vibes.may_send:
        pytest.skip("texts the test handset: set SMSFLOW_VIBES_LIVE_SEND=1")
    event_type = f"smsflow_check_{uuid.uuid4().hex[:12]}"
    client = vibes.client
    etm_id = client.create_event_triggered_message(
        name="smsflow-desktop client check",
        event_type=event_type,
        message_template="{{ event_data.message }}",
        list_id=vibes.list_id,
    )
    path = f"/companies/{client.company_key}/mobiledb/event_triggered_messages/{etm_id}"
    try:
        client.send_event(
            event_id=f"{event_type}-1",
            event_type=event_type,
            event_data={"mdn": vibes.member_mdn, "message": "smsflow-desktop: your Vibes connection works."},
        )
    finally:
        client._t.request("DELETE", path, "cancelling the message", allow=(404,))
    if vibes.emulator is not None:
        with httpx.Client(base_url=f"{vibes.emulator.base_url}/_emulator") as control:
            routed = wait_for(lambda: control.get("/events", params={"event_id": f"{event_type}-1"}).json())
        assert routed[0]["mdn"] == vibes.member_mdn and routed[0]["status"] in ("routed", "delivered")


def test_a_client_that_requires_a_short_code_refuses_without_one(emulator: EmulatorServer) -> None:
    with (
        make_client(emulator, sourcecode=None, require_sourcecode=True) as c,
        pytest.raises(NotConfiguredError, match=r"vibes\.short_code") as info,
    ):
        c.create_event_triggered_message(name="x", event_type="x", message_template="Hi", list_id="101")
    assert info.value.code == "missing_short_code" and c.stats.requests == 0


def test_the_emulator_refuses_a_message_from_another_short_code(emulator: EmulatorServer) -> None:
    with make_client(emulator, sourcecode="99999") as c, pytest.raises(UnprocessableError, match="99999 is not provis"):
        c.create_event_triggered_message(name="x", event_type="x", message_template="Hi", list_id="101")
    with (
        make_client(emulator, sourcecode=None) as c,
        pytest.raises(UnprocessableError, match=r"targeting\.sms is requ"),
    ):
        c.create_event_triggered_message(name="x", event_type="x", message_template="Hi", list_id="101")


def test_add_participant_conflict_and_unprocessable(client: VibesClient, control: httpx.Client) -> None:
    first = client.add_participant("201", mdn="+12135550160", external_person_id="P60")
    assert (first.status, first.http_status) == ("PENDING", 201) and first.person_key
    again = client.add_participant("201", mdn="+12135550160")
    assert (again.status, again.http_status) == ("PENDING", 200)
    control.post("/reply", json={"mdn": "+12135550160", "text": "Y"}).raise_for_status()
    with pytest.raises(ConflictError) as conflict:
        client.add_participant("201", mdn="+12135550160")
    assert conflict.value.status == 409
    client.add_participant("202", mdn="+12135550161")
    control.post("/reply", json={"mdn": "+12135550161", "text": "N"}).raise_for_status()
    with pytest.raises(UnprocessableError) as blocked:
        client.add_participant("202", mdn="+12135550161")
    assert blocked.value.code == "MDNHASCONFIRMATIONBLOCK"
    with pytest.raises(UnprocessableError) as landline:
        client.add_participant("201", mdn=LANDLINE)
    assert landline.value.code == "CARRIERNOTPROVISIONED"
    with pytest.raises(UnprocessableError) as mismatch:
        client.add_participant("202", mdn="+12135550162", external_person_id="P1")
    assert mismatch.value.code == "EXTERNALPERSONIDMISMATCH"
    with pytest.raises(NotFoundError):
        client.add_participant("999", mdn="+12135550163")


def test_rate_limited_without_retry_after_backs_off_and_succeeds(emulator: EmulatorServer) -> None:
    emulator.faults.rate_limit = 5
    with make_client(emulator, backoff_base=0.1, backoff_cap=0.5, max_retries=12, retry_budget=10) as c:
        c._t._random.seed(1)  # full jitter, made repeatable
        for _ in range(8):
            c.get_subscription_list("101")
        assert c.stats.rate_limited >= 1 and c.stats.retries >= 1
    assert emulator.injector.counters.rate_limited >= 1


def test_rate_limited_with_retry_after_is_honoured(emulator: EmulatorServer) -> None:
    emulator.faults.rate_limit = 2
    emulator.faults.retry_after = "seconds"
    with make_client(emulator, backoff_base=0.001, backoff_cap=0.001) as c:
        c.get_subscription_list("101")
        c.get_subscription_list("101")
        started = time.monotonic()
        c.get_subscription_list("101")  # third in the window: 429 with Retry-After: 1, then success
        assert time.monotonic() - started >= 0.9
        assert c.stats.rate_limited == 1


def test_rate_limited_error_when_the_wait_passes_the_budget(emulator: EmulatorServer) -> None:
    emulator.faults.rate_limit = 1
    emulator.faults.retry_after = "seconds"
    with make_client(emulator, retry_budget=0.5) as c:
        c.get_subscription_list("101")
        with pytest.raises(RateLimitedError) as info:
            c.get_subscription_list("101")
    assert info.value.status == 429 and info.value.retry_after == 1.0 and not info.value.may_have_reached


def test_a_limit_without_retry_after_slows_the_client_and_every_call_succeeds(emulator: EmulatorServer) -> None:
    """5 requests a second, no Retry-After: the client finds the pace and no call gives up."""
    import threading

    emulator.faults.rate_limit = 5
    errors: list[Exception] = []
    with make_client(emulator, rate_limits=RateLimits(events=300, company=100), max_retries=5) as c:
        started = time.monotonic()

        def work() -> None:
            for _ in range(5):
                try:
                    c.get_subscription_list("101")
                except Exception as exc:  # noqa: BLE001 - counted below
                    errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.monotonic() - started
        assert errors == []
        assert c.stats.rate_limited >= 1
        assert c._t.limiter.rate("company") <= 5.0  # slowed to what the emulator accepts
    assert took < 10  # 20 calls at 5 a second, plus the one-second pause after the first 429s


def test_server_errors_are_retried_then_reported(emulator: EmulatorServer) -> None:
    emulator.faults.error_rate = 1.0
    emulator.faults.error_statuses = (503,)
    with make_client(emulator, max_retries=3) as c:
        with pytest.raises(ServerError) as info:
            c.list_subscription_lists()
        assert c.stats.requests == 4 and info.value.status == 503 and info.value.may_have_reached
        emulator.faults.error_rate = 0.0
        assert len(c.list_subscription_lists()) == 2


def test_unsafe_call_not_repeated_after_5xx(emulator: EmulatorServer, client: VibesClient) -> None:
    client.create_event_triggered_message(name="promo", event_type="promo", message_template="Hi", list_id="101")
    emulator.faults.error_rate = 1.0
    emulator.faults.error_statuses = (502,)
    with pytest.raises(ServerError) as info:
        client.send_event(event_id="ev-1", event_type="promo", event_data={"mdn": "+12135550101"})
    assert info.value.may_have_reached is True
    assert client.stats.requests == 2  # the ETM, then exactly one attempt of the event


def test_dropped_connection_safe_call_retried(emulator: EmulatorServer, client: VibesClient) -> None:
    emulator.faults.drop_rate = 1.0
    with pytest.raises(NetworkError) as info:
        client.list_subscription_lists()
    assert info.value.may_have_reached is True
    assert client.stats.requests == 6  # one try and five retries
    emulator.faults.drop_rate = 0.0
    assert len(client.list_subscription_lists()) == 2


def test_dropped_connection_unsafe_event_in_doubt_and_sent_once(
    emulator: EmulatorServer, client: VibesClient, control: httpx.Client
) -> None:
    client.create_event_triggered_message(name="promo", event_type="promo", message_template="Hi", list_id="101")
    emulator.faults.drop_rate = 1.0
    with pytest.raises(NetworkError) as info:
        client.send_event(event_id="ev-drop", event_type="promo", event_data={"mdn": "+12135550101"})
    assert info.value.may_have_reached is True
    emulator.faults.drop_rate = 0.0
    events = control.get("/events", params={"event_id": "ev-drop"}).json()
    assert len(events) == 1  # it did reach the emulator, and was not sent twice


def test_unsafe_add_participant_after_drop_not_repeated(
    emulator: EmulatorServer, client: VibesClient, control: httpx.Client
) -> None:
    emulator.faults.drop_rate = 1.0
    with pytest.raises(NetworkError):
        client.add_participant("201", mdn="+12135550170")
    emulator.faults.drop_rate = 0.0
    messages = control.get("/messages", params={"mdn": "+12135550170"}).json()
    assert [m["kind"] for m in messages] == ["confirmation"]  # one confirmation text, not six


def test_threads_share_limiter_and_use_their_own_connections(emulator: EmulatorServer) -> None:
    import threading

    with make_client(emulator) as c:
        seen: set[int] = set()

        def work() -> None:
            seen.add(id(c._t.http()))
            for _ in range(5):
                c.get_subscription_list("101")

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(seen) == 4 and c.stats.requests == 20
