"""Kill -9 a run again and again, resume it each time, and count what reached the emulator.

    .venv/bin/python benchmarks/crash_resume.py [--people 5000] [--crashes 20]

Each round starts ``smsflow run`` (or ``--resume``) in a child process against the
embedded emulator and kills it with SIGKILL after a random moment. At the end: texts the
emulator accepted per number (duplicates must be 0), texts + in doubt + failed against the
recipients, and the in-doubt rows each crash left against the requests in flight (8).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_data import build_workspace

from smsflow_desktop.model.campaign import Campaign, SmsMessage
from smsflow_desktop.services.campaigns import save_campaign, save_message

SMSFLOW = [str(Path(sys.executable).parent / "smsflow")]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=5000)
    ap.add_argument("--crashes", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        ws = build_workspace(root, args.people, args.people)
        ws.emulator_dir.mkdir(exist_ok=True)
        with ws.session() as conn:
            mdns = [r[0] for r in conn.execute("SELECT mdn FROM vibes_memberships")]
            save_message(conn, SmsMessage(name="Bench", body="Hi {{lead.First Name|there}}! STOP to opt out"))
            save_campaign(
                conn,
                Campaign.model_validate(
                    {
                        "name": "Crash",
                        "schedule": {"qualification": "every_time"},
                        "flow": [{"type": "send_sms", "message": "Bench", "vibes_list_id": "101"}],
                        "settings": {"quiet_hours": {"enabled": False}},
                    }
                ),
            )
        (ws.emulator_dir / "seed.json").write_text(
            json.dumps(
                {
                    "company_key": "ck",
                    "username": "u",
                    "password": "p",
                    "subscription_lists": [{"id": "101", "name": "Main list"}],
                    "acquisition_campaigns": [],
                    "subscriptions": [{"mdn": m, "list_id": "101"} for m in mdns],
                }
            )
        )
        base = [*SMSFLOW, "run", "Crash", "--workspace", str(root), "--json"]
        run_id = None
        doubts: list[int] = []
        for _ in range(args.crashes):
            cmd = base + (["--resume", str(run_id)] if run_id else [])
            child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.8, 2.5))
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
            with ws.session() as conn:
                row = conn.execute("SELECT id FROM runs ORDER BY id DESC LIMIT 1").fetchone()
                run_id = row[0] if row else None
                doubts.append(conn.execute("SELECT count(*) FROM ledger WHERE state = 'sending'").fetchone()[0])
        final = subprocess.run(base + (["--resume", str(run_id)] if run_id else []), capture_output=True, text=True)
        result = json.loads(final.stdout)
        import httpx

        from smsflow_desktop.services.vibes.emulator.server import EmulatorServer

        with EmulatorServer(ws.emulator_dir) as server:
            events = httpx.get(f"{server.base_url}/_emulator/events", timeout=60).json()
        events = events.get("events", events) if isinstance(events, dict) else events
        per_number = Counter(e["mdn"] for e in events)
        counts = result["counts"]
        with ws.session() as conn:
            recipients = conn.execute(
                "SELECT count(*) FROM ledger WHERE run_id = ? AND state != 'skipped'", (result["run_id"],)
            ).fetchone()[0]
        print(f"{args.crashes} kill -9 during a run over {args.people} people; final status {result['status']}")
        print(f"  duplicates at the emulator: {sum(n - 1 for n in per_number.values() if n > 1)}")
        print(
            f"  sent {counts['sent']} + in doubt {counts['in_doubt']} + failed {counts['failed']} = "
            f"{counts['sent'] + counts['in_doubt'] + counts['failed']} (recipients {recipients}); "
            f"texts the emulator accepted: {len(events)}"
        )
        print(
            f"  rows left in flight per crash: max {max(doubts)}, mean {sum(doubts) / len(doubts):.1f} "
            f"(requests in flight: 8)"
        )


if __name__ == "__main__":
    main()
