"""Fixtures: a seeded emulator on 127.0.0.1, a fast-retrying client, a raw HTTP client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from smsflow_desktop.services.vibes import RateLimits, VibesClient
from smsflow_desktop.services.vibes.emulator import EmulatorServer

SEED = {
    "company_key": "acme",
    "username": "api-user",
    "password": "pa55-Word!",
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
    server = EmulatorServer(
        tmp_path / "state",
        seed=seed_file,
        delivery_delay_s=0.05,
        callback_retry_delay_s=0.05,
        landlines={LANDLINE},
        undeliverable={UNDELIVERABLE},
        random_seed=7,
    )
    with server:
        yield server


def make_client(server: EmulatorServer, **kwargs: object) -> VibesClient:
    options: dict[str, object] = {
        "rate_limits": RateLimits(events=10_000, company=10_000),
        "backoff_base": 0.01,
        "backoff_cap": 0.05,
        "timeout": 5.0,
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
