"""Fixtures: a seeded emulator on 127.0.0.1, a fast-retrying client, a raw HTTP client, and
``vibes``: the Vibes the client tests run against, the emulator and, with
``SMSFLOW_VIBES_LIVE=1`` and credentials in the environment, a real Vibes account.

A real account is described by these variables (README, "Proving the client against your
Vibes account"):

- ``SMSFLOW_VIBES_LIVE=1``: run the client tests against it too (skipped otherwise);
- ``SMSFLOW_VIBES_BASE_URL`` (default North America: https://public-api.vibescm.com);
- ``SMSFLOW_VIBES_USERNAME``, ``SMSFLOW_VIBES_PASSWORD``, ``SMSFLOW_VIBES_COMPANY_KEY``;
- ``SMSFLOW_VIBES_SHORT_CODE``: the short code the account texts from;
- ``SMSFLOW_VIBES_REGION``: its country (default ``US``; the country code of targeting.sms);
- ``SMSFLOW_VIBES_LIST_ID``: a subscription list, and ``SMSFLOW_VIBES_ACQUISITION_ID`` an
  acquisition campaign of the account;
- ``SMSFLOW_VIBES_TEST_MDN``: a handset of yours (E.164) that is a member of that list; the
  tests read it, and text it once only when ``SMSFLOW_VIBES_LIVE_SEND=1``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import phonenumbers
import pytest

from smsflow_desktop.services.vibes import RateLimits, VibesClient
from smsflow_desktop.services.vibes.emulator import EmulatorServer

SHORT_CODE = "12345"
SEED = {
    "company_key": "acme",
    "username": "api-user",
    "password": "pa55-Word!",
    "short_code": SHORT_CODE,
    "custom_fields": ["src", "x", "y", "a", "b", "first_name"],
    "subscription_lists": [{"id": "101", "name": "Promotions"}, {"id": "102", "name": "Alerts"}],
    "acquisition_campaigns": [
        {"acquisition_id": "201", "description": "Spring signup", "list_ids": ["101"], "keywords": ["SPRING"]},
        {"acquisition_id": "202", "description": "Alerts signup", "list_ids": ["102"], "keywords": []},
    ],
    "subscriptions": [
        {"mdn": "+12135550101", "list_id": "101", "external_person_id": "P1"},
        {"mdn": "+12135550101", "list_id": "102", "external_person_id": "P1"},
        {"mdn": "+12135550102", "list_id": "101"},
    ],
}
LANDLINE = "+12135550190"
UNDELIVERABLE = "+12135550191"


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(SEED), encoding="utf-8")
    return path


@pytest.fixture
def emulator(tmp_path: Path, seed_file: Path) -> Iterator[EmulatorServer]:
    with seeded_emulator(tmp_path / "state", seed_file) as server:
        yield server


def seeded_emulator(state: Path | str, seed_file: Path) -> EmulatorServer:
    """The API tests' emulator (not started) with its state in a folder or a database URL."""
    return EmulatorServer(
        state,
        seed=seed_file,
        delivery_delay_s=0.05,
        callback_retry_delay_s=0.05,
        landlines={LANDLINE},
        undeliverable={UNDELIVERABLE},
        random_seed=7,
    )


def make_client(server: EmulatorServer, **kwargs: object) -> VibesClient:
    options: dict[str, object] = {
        "rate_limits": RateLimits(events=10_000, company=10_000),
        "backoff_base": 0.01,
        "backoff_cap": 0.05,
        "timeout": 5.0,
        "sourcecode": server.short_code,
    }
    options.update(kwargs)
    return VibesClient(server.base_url, server.company_key, server.username, server.password, **options)  # type: ignore[arg-type]


@pytest.fixture
def client(emulator: EmulatorServer) -> Iterator[VibesClient]:
    with make_client(emulator) as c:
        yield c


@pytest.fixture
def api(emulator: EmulatorServer) -> Iterator[httpx.Client]:
    """Raw HTTP against the emulator as a version-2 Vibes client would send it."""
    with httpx.Client(
        base_url=f"{emulator.base_url}/companies/acme",
        auth=(emulator.username, emulator.password),
        headers={"X-API-Version": "2"},
        timeout=5.0,
    ) as http:
        yield http


@pytest.fixture
def control(emulator: EmulatorServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{emulator.base_url}/_emulator", timeout=5.0) as http:
        yield http


def wait_for(predicate, timeout: float = 3.0, interval: float = 0.02):
    """Poll until ``predicate()`` is truthy; return its value (fails the test on timeout)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(interval)


# -- the Vibes the client tests run against ---------------------------------------------------------
LIVE_VARIABLES = (
    "SMSFLOW_VIBES_USERNAME",
    "SMSFLOW_VIBES_PASSWORD",
    "SMSFLOW_VIBES_COMPANY_KEY",
    "SMSFLOW_VIBES_SHORT_CODE",
    "SMSFLOW_VIBES_LIST_ID",
    "SMSFLOW_VIBES_ACQUISITION_ID",
    "SMSFLOW_VIBES_TEST_MDN",
)
NORTH_AMERICA = "https://public-api.vibescm.com"


@dataclass
class VibesTarget:
    """One Vibes to test the client against, and what the tests may rely on in it."""

    name: str  # "emulator" or "live"
    client: VibesClient
    list_id: str  # a subscription list
    acquisition_id: str  # an acquisition campaign
    member_mdn: str  # a current member of ``list_id``
    emulator: EmulatorServer | None = None
    may_send: bool = True  # whether a test may text ``member_mdn`` (once)

    @property
    def live(self) -> bool:
        return self.name == "live"


def live_target() -> VibesTarget:
    """The real account from the environment; skips the test when it is not asked for."""
    if os.environ.get("SMSFLOW_VIBES_LIVE") != "1":
        pytest.skip("set SMSFLOW_VIBES_LIVE=1 and the SMSFLOW_VIBES_* credentials to test against a Vibes account")
    missing = [name for name in LIVE_VARIABLES if not os.environ.get(name)]
    if missing:
        pytest.skip(f"SMSFLOW_VIBES_LIVE=1 but {', '.join(missing)} not set")
    region = os.environ.get("SMSFLOW_VIBES_REGION", "US").upper()
    client = VibesClient(
        os.environ.get("SMSFLOW_VIBES_BASE_URL", NORTH_AMERICA),
        os.environ["SMSFLOW_VIBES_COMPANY_KEY"],
        os.environ["SMSFLOW_VIBES_USERNAME"],
        os.environ["SMSFLOW_VIBES_PASSWORD"],
        sourcecode=os.environ["SMSFLOW_VIBES_SHORT_CODE"],
        sourcecode_country=str(phonenumbers.country_code_for_region(region) or 1),
        require_sourcecode=True,
    )
    return VibesTarget(
        "live",
        client,
        os.environ["SMSFLOW_VIBES_LIST_ID"],
        os.environ["SMSFLOW_VIBES_ACQUISITION_ID"],
        os.environ["SMSFLOW_VIBES_TEST_MDN"],
        may_send=os.environ.get("SMSFLOW_VIBES_LIVE_SEND") == "1",
    )


@pytest.fixture(params=["emulator", "live"])
def vibes(request: pytest.FixtureRequest) -> Iterator[VibesTarget]:
    """The client tests' Vibes: the seeded emulator, then (when asked for) a real account."""
    if request.param == "live":
        target = live_target()
    else:
        server = request.getfixturevalue("emulator")
        target = VibesTarget("emulator", make_client(server), "101", "201", "+12135550101", emulator=server)
    with target.client:
        yield target
