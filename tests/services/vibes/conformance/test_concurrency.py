"""2,000 requests over 32 connections at once, the mix a run and a sync make (opt-in
requests for the same new numbers from several connections, persons, events, reads):
not one error, and every answer the one Vibes gives."""

from __future__ import annotations

import collections
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from smsflow_desktop.services.vibes.emulator import EmulatorServer
from tests.services.vibes.conftest import SEED, SHORT_CODE

CONNECTIONS = 32
REQUESTS = 2000
ETM = {
    "name": "load",
    "event_type": "load_evt",
    "start_date": "2026-01-01",
    "targeting": {
        "message_template": "Hi",
        "sms": {"sourcecode": SHORT_CODE, "country_code": "1", "sourcecode_type": "SC"},
        "filters": [{"name": "subscription", "selector": "any", "value": [101]}],
    },
}


def test_2000_requests_over_32_connections_give_no_error(tmp_path: Path) -> None:
    (tmp_path / "seed.json").write_text(json.dumps(SEED), encoding="utf-8")
    with EmulatorServer(tmp_path / "state", seed=tmp_path / "seed.json", delivery_delay_s=0.05) as server:
        base = f"{server.base_url}/companies/{server.company_key}"
        auth = (server.username, server.password)
        headers = {"X-API-Version": "2"}
        assert httpx.post(f"{base}/mobiledb/event_triggered_messages", json=ETM, auth=auth, headers=headers).is_success

        # Request i of every connection: connections share numbers, so the same new number
        # reaches the emulator from several connections at the same moment.
        def request(http: httpx.Client, i: int) -> tuple[str, httpx.Response]:
            kind = i % 6
            number = f"+1212456{(i - kind) % 40 + 100:04d}"  # six requests about each number
            if kind == 0:
                return "join", http.post(
                    "/campaigns/acquisition/201/participants", json={"mobile_phone": {"mdn": number}}
                )
            if kind == 1:
                body = {"mobile_phone": {"mdn": number}, "custom_fields": {"src": "load"}}
                return "person", http.post("/mobiledb/persons/", json=body)
            if kind == 2:
                body = {"event_type": "load_evt", "event_data": {"mdn": "+12135550101", "message": "hi"}}
                return "event", http.post("/events", json=body)
            if kind == 3:
                return "lookup", http.get("/mobiledb/persons", params={"mdn": number})
            if kind == 4:
                return "member", http.get("/mobiledb/subscription_lists/101/subscribers", params={"mdn": number})
            return "lists", http.get("/mobiledb/subscription_lists/")

        expected: dict[str, set[int]] = {
            "join": {200, 201},  # new, or already pending
            "person": {200, 201},  # new, or updated
            "event": {202},
            "lookup": {200},  # the person the same connection just made or updated
            "member": {404},  # pending opt-ins are not members
            "lists": {200},
        }
        per_connection = REQUESTS // CONNECTIONS
        extra = REQUESTS - per_connection * CONNECTIONS
        seen: collections.Counter[tuple[str, int]] = collections.Counter()
        errors: list[str] = []
        lock = threading.Lock()
        start = threading.Barrier(CONNECTIONS)

        def connection(index: int, count: int, send: Callable[[httpx.Client, int], tuple[str, httpx.Response]]) -> None:
            with httpx.Client(base_url=base, auth=auth, headers=headers, timeout=30) as http:
                start.wait()
                for i in range(count):
                    try:
                        kind, answer = send(http, i)
                    except httpx.HTTPError as exc:
                        with lock:
                            errors.append(f"connection {index}: {exc!r}")
                        continue
                    with lock:
                        seen[(kind, answer.status_code)] += 1
                        if answer.status_code not in expected[kind]:
                            errors.append(f"{kind}: HTTP {answer.status_code} {answer.text[:200]}")

        threads = [
            threading.Thread(target=connection, args=(n, per_connection + (1 if n < extra else 0), request))
            for n in range(CONNECTIONS)
        ]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.monotonic() - started
        print(f"\n{REQUESTS} requests over {CONNECTIONS} connections in {took:.1f} s: {dict(seen)}")
        assert errors == []
        assert sum(seen.values()) == REQUESTS
        # one person per number, however many connections asked for it at once
        rows = server.store.q("SELECT mdn, count(*) FROM persons GROUP BY mdn HAVING count(*) > 1")  # type: ignore[union-attr]
        assert rows == []
