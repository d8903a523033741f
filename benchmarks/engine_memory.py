"""Engine memory over a large run: a dry run of a Send SMS step to every person of a
``--people`` workspace (default 1,000,000), in a fresh process, with its peak resident
memory. The reference, measured in the same run, is a fresh process that imports the engine
and opens the same workspace without running anything; the difference is what the run
itself costs. Target: under 200 MB for the run's process.

    .venv/bin/python benchmarks/engine_memory.py [--people 1000000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_data import build_workspace
from engine import campaign

from smsflow_desktop.model.campaign import SmsMessage
from smsflow_desktop.services.campaigns import save_campaign, save_message

CHILD = """
import resource, sys, time
from smsflow_desktop.services.engine.runner import RunOptions, start_run
from smsflow_desktop.services.workspace import Workspace
ws = Workspace.open(sys.argv[1])
t = time.perf_counter()
status, sent = "-", 0
if sys.argv[2] == "run":
    result = start_run(ws, "Bench", None, options=RunOptions(dry_run=True))
    status, sent = result.status, result.counts["sent"]
elapsed = time.perf_counter() - t
print(status, sent, f"{elapsed:.1f}", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def child(root: Path, what: str) -> tuple[str, int, float, int]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), what], capture_output=True, text=True, check=True
    ).stdout.split()
    return out[0], int(out[1]), float(out[2]), int(out[3])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--people", type=int, default=1_000_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="smsflow-engine-mem-") as tmp:
        root = Path(tmp) / "ws"
        t = time.perf_counter()
        ws = build_workspace(root, args.people, args.people)
        with ws.session() as conn:
            save_message(conn, SmsMessage(name="Bench", body="Hi {{lead.First Name|there}}! STOP to opt out"))
            save_campaign(conn, campaign(False))
        print(f"workspace of {args.people:,} people, all on the Vibes list, built in {time.perf_counter() - t:.1f} s")
        _, _, _, base_mb = child(root, "open")
        status, sent, elapsed, run_mb = child(root, "run")
    print(f"reference: import the engine and open the workspace: peak {base_mb} MB")
    print(
        f"dry run  : {status}, {sent:,} texts in {elapsed:.1f} s ({sent / max(elapsed, 1e-9):,.0f}/s): "
        f"peak {run_mb} MB ({run_mb - base_mb} MB more than the reference; target: under 200 MB in all)"
    )


if __name__ == "__main__":
    main()
