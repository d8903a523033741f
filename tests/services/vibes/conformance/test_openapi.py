"""The emulator against Vibes' published OpenAPI subset (``vibes-openapi.json`` here), with
schemathesis: for every operation, requests generated from the reference (valid ones, with
the seeded account's real ids and with generated ids, and invalid ones), each answer checked.

Every 5xx fails, every answer that violates the operation's response schema fails, every
status code the reference does not list for the operation fails, unless ``oddities.json``
lists it with the reason Vibes answers so. Bounded (``SMSFLOW_CI_BOUNDED``: fewer examples)
and deterministic (a fixed Hypothesis seed), so it runs in CI in well under two minutes.
"""

from __future__ import annotations

import base64
import collections
import fnmatch
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

schemathesis = pytest.importorskip("schemathesis")

import requests  # noqa: E402  (schemathesis' transport)
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis import checks as st_checks  # noqa: E402
from schemathesis.config import SchemathesisConfig  # noqa: E402

from smsflow_desktop.services.vibes.emulator import EmulatorServer  # noqa: E402
from tests.services.vibes.conftest import SEED, SHORT_CODE  # noqa: E402

HERE = Path(__file__).parent
SPEC = HERE / "vibes-openapi.json"
ODDITIES = json.loads((HERE / "oddities.json").read_text(encoding="utf-8"))
EXAMPLES = 12 if os.environ.get("SMSFLOW_CI_BOUNDED") else 30  # per operation and pass
HARD_CHECKS = (
    st_checks.not_a_server_error,
    st_checks.response_schema_conformance,
    st_checks.content_type_conformance,
)


def listed(operation: str, status: int) -> bool:
    """Whether ``oddities.json`` explains ``status`` on ``operation`` ("METHOD /path")."""
    return any(
        fnmatch.fnmatchcase(operation, entry["operation"]) and status in entry["status"]
        for entry in ODDITIES["status_codes"]
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmulatorServer]:
    tmp = tmp_path_factory.mktemp("conformance")
    (tmp / "seed.json").write_text(json.dumps(SEED), encoding="utf-8")
    with EmulatorServer(tmp / "state", seed=tmp / "seed.json", delivery_delay_s=0.05) as emulator:
        # Generated callback URLs go nowhere: every delivery is answered here.
        emulator.dispatcher._http = httpx.Client(  # type: ignore[union-attr]
            transport=httpx.MockTransport(lambda request: httpx.Response(200))
        )
        yield emulator


def _known_ids(server: EmulatorServer, headers: dict[str, str]) -> dict[str, Any]:
    """Path values the seeded account has, so valid requests also reach its records."""
    base = f"{server.base_url}/companies/{server.company_key}"
    with httpx.Client(base_url=base, headers=headers) as http:
        person = http.get("/mobiledb/persons", params={"mdn": "+12135550101"}).json()["person_key"]
        callback = http.post(
            "/config/callbacks/",
            json={"callback_type": "subscription_added", "destination": {"url": "http://127.0.0.1:1/cb"}},
        ).json()["callback_id"]
        etm = http.post(
            "/mobiledb/event_triggered_messages",
            json={
                "name": "conformance",
                "event_type": "conformance",
                "start_date": "2026-01-01",
                "targeting": {
                    "message_template": "Hi",
                    "sms": {"sourcecode": SHORT_CODE, "country_code": "1", "sourcecode_type": "SC"},
                },
            },
        ).json()["event_triggered_message_id"]
    return {
        "company_key": server.company_key,
        "person_key": person,
        "external_person_id": "P1",
        "subscription_list_id": "101",
        "acquisition_id": "201",
        "callback_id": callback,
        "event_triggered_message_id": etm,
    }


def test_the_emulator_answers_as_the_reference_says(server: EmulatorServer) -> None:
    credentials = base64.b64encode(f"{server.username}:{server.password}".encode()).decode()
    headers = {"X-API-Version": "2", "Authorization": f"Basic {credentials}"}
    known = _known_ids(server, headers)
    schema = schemathesis.openapi.from_path(SPEC, config=SchemathesisConfig.from_dict({}))
    session = requests.Session()
    failures: dict[tuple[str, str, int], str] = {}
    statuses: collections.Counter[int] = collections.Counter()
    started = time.monotonic()
    operations = 0

    def run(operation: Any, mode: GenerationMode, path_parameters: dict[str, Any]) -> None:
        label = operation.label

        @settings(
            max_examples=EXAMPLES,
            database=None,
            derandomize=True,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
        def exchange(case: Any) -> None:
            case.headers = {**(case.headers or {}), **headers}
            response = case.call(base_url=server.base_url, session=session, timeout=10)
            statuses[response.status_code] += 1
            for check in HARD_CHECKS:
                try:
                    case.validate_response(response, checks=[check])
                except BaseException as exc:  # noqa: BLE001 - schemathesis raises a FailureGroup
                    failures.setdefault((check.__name__, label, response.status_code), str(exc)[:600])
            try:
                case.validate_response(response, checks=[st_checks.status_code_conformance])
            except BaseException as exc:  # noqa: BLE001
                if not listed(label, response.status_code):
                    failures.setdefault(("status_code_conformance", label, response.status_code), str(exc)[:600])

        exchange()

    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        names = {p.name for p in operation.path_parameters}
        run(operation, GenerationMode.POSITIVE, {k: v for k, v in known.items() if k in names})
        run(operation, GenerationMode.POSITIVE, {"company_key": server.company_key})
        run(operation, GenerationMode.NEGATIVE, {"company_key": server.company_key})
    took = time.monotonic() - started
    total = sum(statuses.values())
    print(f"\nconformance: {operations} operations, {total} requests in {took:.1f} s; statuses {dict(statuses)}")
    assert operations == 32 and total >= operations * 2
    assert not [s for s in statuses if s >= 500]
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())


def test_the_oddities_name_real_operations() -> None:
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    labels = {f"{method.upper()} {path}" for path, ops in spec["paths"].items() for method in ops}
    for entry in ODDITIES["status_codes"]:
        assert entry["why"] and entry["status"]
        assert any(fnmatch.fnmatchcase(label, entry["operation"]) for label in labels), entry["operation"]
