"""``smsflow preview/run/runs/results``: JSON keys and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services.workspace import transaction
from tests.services.engine.helpers import add_member, add_person, make_workspace, send_campaign, store


@pytest.fixture
def ws(tmp_path: Path) -> str:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        for i in range(1, 6):
            add_person(conn, i, f"+1212456{i:04d}", first_name="+SUM(A1)" if i == 1 else "Ann")
            add_member(conn, f"+1212456{i:04d}")
    store(ws, send_campaign())
    store(ws, send_campaign("Broken", flow=[{"type": "send_sms", "message": "Missing", "vibes_list_id": "101"}]))
    return str(ws.root)


def run_cli(capsys, *argv: str) -> tuple[int, dict, str]:
    code = main([*argv, "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def test_preview_keys(ws, capsys) -> None:
    code, data, _ = run_cli(capsys, "preview", "Promo", "--workspace", ws, "--sample", "2")
    assert code == 0
    assert {"smart_list", "excluded", "recipients", "deferred_quiet_hours", "problems"} <= set(data)
    assert data["recipients"] == 5 and len(data["sample"]) == 2


def test_preview_works_with_problems_elsewhere(ws, capsys) -> None:
    code, data, _ = run_cli(capsys, "preview", "Broken", "--workspace", ws)
    assert code == 0 and data["recipients"] == 5 and data["problems"][0]["code"] == "step.message_unknown"


def test_unknown_campaign_is_one_line_exit_2(ws, capsys) -> None:
    code = main(["preview", "Nope", "--workspace", ws])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Nope" in err
    assert main(["run", "Nope", "--workspace", ws]) == 2


def test_run_refuses_a_campaign_with_problems(ws, capsys) -> None:
    code, data, _ = run_cli(capsys, "run", "Broken", "--workspace", ws)
    assert code == 1 and data["problems"] and data["status"] == "refused"


def test_dry_run_then_history_and_export(ws, capsys, tmp_path: Path) -> None:
    code, run, _ = run_cli(capsys, "run", "Promo", "--workspace", ws, "--dry-run")
    assert code == 0 and run["status"] == "completed"
    assert set(run["counts"]) >= {"sent", "failed", "skipped", "in_doubt", "subscribed_pending", "unsubscribed"}
    code, listed, _ = run_cli(capsys, "runs", "list", "--workspace", ws)
    assert listed["runs"][0].keys() >= {"run_id", "campaign", "status", "started_at"}
    code, shown, _ = run_cli(capsys, "runs", "show", str(run["run_id"]), "--workspace", ws)
    assert shown["status"] == "completed" and shown["counts"]["sent"] == 5
    out = tmp_path / "r.csv"
    code, _, _ = run_cli(capsys, "results", "export", str(run["run_id"]), "-o", str(out), "--workspace", ws)
    text = out.read_text(encoding="utf-8")
    assert code == 0 and "'+SUM(A1)" in text and "'+12124560001" in text
    assert main(["runs", "show", "99", "--workspace", ws]) == 2
    code, resumed, _ = run_cli(capsys, "run", "Promo", "--workspace", ws, "--resume", str(run["run_id"]))
    assert code == 0 and resumed["counts"] == run["counts"]


def test_a_campaign_with_problems_is_refused_before_vibes_is_contacted(tmp_path, monkeypatch, capsys) -> None:
    import json

    from smsflow_desktop.cli import commands_engine, main
    from smsflow_desktop.services.demo import create_demo_workspace

    create_demo_workspace(tmp_path / "ws", people=60, seed=3)

    def no_vibes(*args, **kwargs):
        raise AssertionError("Vibes was contacted for a campaign that cannot run")

    monkeypatch.setattr(commands_engine, "open_client_for_workspace", no_vibes)
    code = main(["run", "Draft - needs fixes", "--workspace", str(tmp_path / "ws"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["status"] == "refused" and data["problems"]
