"""The demo campaign run end to end over HTTP against the embedded Vibes emulator."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services.vibes.emulator.server import EmulatorServer


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


@pytest.mark.slow
def test_demo_campaign_against_the_emulator(tmp_path: Path, capsys, monkeypatch) -> None:
    ws = str(tmp_path / "demo")
    monkeypatch.setenv("SMSFLOW_NOW", "2026-04-06T16:00:00Z")
    assert _cli(capsys, "demo", "init", "--workspace", ws, "--people", "200")[0] == 0
    code, preview = _cli(capsys, "preview", "Spring promo", "--workspace", ws)
    assert code == 0 and preview["smart_list"] == sum(preview["excluded"].values()) + preview["recipients"]
    code, run = _cli(capsys, "run", "Spring promo", "--workspace", ws)
    assert code == 0 and run["status"] == "waiting"  # the flow waits 3 days before subscribing
    assert run["counts"]["sent"] == preview["recipients"] and run["counts"]["in_doubt"] == 0
    monkeypatch.setenv("SMSFLOW_NOW", "2026-04-09T16:00:00Z")
    code, done = _cli(capsys, "run", "Spring promo", "--workspace", ws, "--resume", str(run["run_id"]))
    assert code == 0 and done["status"] == "completed"
    assert done["counts"]["sent"] == run["counts"]["sent"]
    assert done["counts"]["subscribed_pending"] + done["counts"]["skipped"] + done["counts"]["failed"] > 0
    with EmulatorServer(Path(ws) / "emulator") as server:
        events = httpx.get(f"{server.base_url}/_emulator/events").json()
    events = events.get("events", events) if isinstance(events, dict) else events
    sent = [e["mdn"] for e in events]
    assert len(sent) == len(set(sent)) == preview["recipients"]  # one text per number, nobody twice
    code, again = _cli(capsys, "run", "Spring promo", "--workspace", ws, "--resume", str(run["run_id"]))
    assert code == 0 and again["counts"] == done["counts"]
    out = tmp_path / "results.csv"
    code, exported = _cli(capsys, "results", "export", str(run["run_id"]), "-o", str(out), "--workspace", ws)
    assert code == 0 and exported["rows"] > 0 and out.read_text(encoding="utf-8").startswith("at,type,")
