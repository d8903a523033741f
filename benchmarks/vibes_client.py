"""Vibes client throughput and overhead, against the local emulator.

1. Sustained rate: the emulator answers after 50 ms and allows 100 requests/s over a sliding
   one-second window (429 beyond). 8 threads share one client configured for 100/s; the
   script prints requests/s completed and how many 429s the emulator sent. For reference, the
   same 8 threads with bare httpx clients (no client-side limiter) in the same run.
2. Per-call overhead: sequential calls with no latency and no limit, the client
   (``get_subscription_list``: limiter, retry loop, JSON into a pydantic model) against a
   bare ``httpx.Client.get`` + ``.json()`` of the same URL, over loopback HTTP (dominated by
   the in-process server) and over ``httpx.MockTransport`` (client code only).

Run: ``.venv/bin/python benchmarks/vibes_client.py [--seconds 5]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from smsflow_desktop.services.vibes import RateLimits, VibesClient
from smsflow_desktop.services.vibes.emulator import EmulatorServer

SEED = {
    "company_key": "bench",
    "username": "bench",
    "password": "bench-pass",
    "subscription_lists": [{"id": str(100 + i), "name": f"List {i}"} for i in range(5)],
    "acquisition_campaigns": [],
    "subscriptions": [],
}


def sustained(server: EmulatorServer, seconds: float, threads: int, use_client: bool) -> tuple[float, int, int]:
    before = server.injector.counters.snapshot()["rate_limited"]
    done = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    client = VibesClient(
        server.base_url,
        server.company_key,
        server.username,
        server.password,
        rate_limits=RateLimits(events=300, company=100),
    )
    url = f"{server.base_url}/companies/{server.company_key}/mobiledb/subscription_lists/101"

    def work() -> None:
        count = 0
        if use_client:
            while time.monotonic() < stop_at:
                client.get_subscription_list("101")
                count += 1
        else:
            with httpx.Client(auth=(server.username, server.password), headers={"X-API-Version": "2"}) as bare:
                while time.monotonic() < stop_at:
                    count += bare.get(url).status_code == 200
        with lock:
            done[0] += count

    started = time.monotonic()
    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.monotonic() - started
    client.close()
    return done[0] / elapsed, server.injector.counters.snapshot()["rate_limited"] - before, client.stats.retries


def overhead(server: EmulatorServer, calls: int) -> tuple[float, float]:
    client = VibesClient(
        server.base_url,
        server.company_key,
        server.username,
        server.password,
        rate_limits=RateLimits(events=1e9, company=1e9),
    )
    bare = httpx.Client(auth=(server.username, server.password), headers={"X-API-Version": "2"})
    url = f"{server.base_url}/companies/{server.company_key}/mobiledb/subscription_lists/101"
    for _ in range(50):  # warm both connections
        client.get_subscription_list("101")
        bare.get(url).json()
    return _interleaved(client, lambda: bare.get(url).json(), bare, calls)


def _interleaved(
    client: VibesClient, bare_call: Callable[[], object], bare: httpx.Client, calls: int
) -> tuple[float, float]:
    """Median seconds per call of the client and of ``bare_call``, in five interleaved rounds
    (so both see the same machine load); closes both clients."""
    rounds_client, rounds_bare = [], []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(calls):
            bare_call()
        rounds_bare.append((time.perf_counter() - t) / calls)
        t = time.perf_counter()
        for _ in range(calls):
            client.get_subscription_list("101")
        rounds_client.append((time.perf_counter() - t) / calls)
    client.close()
    bare.close()
    return statistics.median(rounds_client), statistics.median(rounds_bare)


def overhead_in_memory(calls: int) -> tuple[float, float]:
    """The same comparison over httpx.MockTransport: no sockets, no server, only client code."""
    body = json.dumps({"id": "101", "name": "List 1", "url": "/x"}).encode()

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    transport = httpx.MockTransport(answer)
    client = VibesClient(
        "https://vibes.test",
        "bench",
        "bench",
        "bench-pass",
        transport=transport,
        rate_limits=RateLimits(events=1e9, company=1e9),
    )
    bare = httpx.Client(
        base_url="https://vibes.test", transport=transport, auth=("bench", "bench-pass"), headers={"X-API-Version": "2"}
    )
    return _interleaved(
        client, lambda: bare.get("/companies/bench/mobiledb/subscription_lists/101").json(), bare, calls
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp) / "seed.json"
        seed.write_text(json.dumps(SEED))
        with EmulatorServer(Path(tmp) / "slow", seed=seed, latency_ms=50, rate_limit=100) as server:
            rate, limited, retries = sustained(server, args.seconds, args.threads, use_client=True)
            print(
                f"client, {args.threads} threads, 50 ms latency, server limit 100/s: "
                f"{rate:.1f} req/s sustained, {limited} x 429 from the server, {retries} retries"
            )
            time.sleep(1.1)  # let the server's window empty
            bare_rate, bare_limited, _ = sustained(server, args.seconds, args.threads, use_client=False)
            print(
                f"reference: bare httpx, {args.threads} threads, no client limiter: "
                f"{bare_rate:.1f} successful req/s, {bare_limited} x 429 from the server"
            )
        with EmulatorServer(Path(tmp) / "fast", seed=seed) as server:
            per_client, per_bare = overhead(server, args.calls)
            print(
                f"per call over loopback HTTP, no latency: client {per_client * 1e6:.0f} us, "
                f"bare httpx {per_bare * 1e6:.0f} us, overhead {(per_client - per_bare) * 1e6:.0f} us "
                f"({per_client / per_bare:.2f}x)"
            )
        per_client, per_bare = overhead_in_memory(args.calls * 10)
        print(
            f"per call in memory (MockTransport): client {per_client * 1e6:.0f} us, "
            f"bare httpx {per_bare * 1e6:.0f} us, overhead {(per_client - per_bare) * 1e6:.0f} us "
            f"({per_client / per_bare:.2f}x)"
        )


if __name__ == "__main__":
    main()
