"""``smsflow compliance rules/set/reset/delete`` and what ``smsflow preview`` and ``run`` make of
the rules: JSON keys, one line and exit 2 for bad input with nothing changed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services.workspace import transaction
from tests.services.engine.helpers import add_member, add_person, make_workspace, send_campaign, store

pytestmark = pytest.mark.usefixtures("store_kind")  # each test on a folder and on a database

FL, NY = "+13055550101", "+12125550102"
EVENING = "2026-04-07T00:30:00Z"  # 20:30 in Miami and New York


@pytest.fixture
def ws(tmp_path: Path) -> str:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, FL)
        add_person(conn, 2, NY)
        add_member(conn, FL)
        add_member(conn, NY)
    store(ws, send_campaign(quiet={"enabled": True, "start": "08:00", "end": "21:00"}))
    return str(ws.root)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict, str]:
    code = main([*argv, "--json"])
    out, err = capsys.readouterr()
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, out
    return code, json.loads(lines[0]), err


def rules_of(capsys, ws: str) -> dict[str, dict]:
    code, data, _ = run(capsys, "compliance", "rules", "--workspace", ws)
    assert code == 0
    return {r["scope"]: r for r in data["rules"]}


def test_rules_lists_the_shipped_defaults_with_source_and_date_and_the_workspace_limit(ws, capsys) -> None:
    code, data, _ = run(capsys, "compliance", "rules", "--workspace", ws)
    assert code == 0 and data["workspace_limit"] == {"enabled": True, "max": 3, "hours": 24, "scope": "overall"}
    rules = {r["scope"]: r for r in data["rules"]}
    assert rules["US-FL"]["windows"] == {"all": "08:00-20:00"}
    assert rules["US-FL"]["limits"] == [{"max": 3, "hours": 24, "scope": "overall"}]
    assert all(r["source"] and date.fromisoformat(r["checked"]) for r in data["rules"])
    assert main(["compliance", "rules", "--workspace", ws]) == 0
    text = capsys.readouterr().out
    assert "US-FL  Florida: all 08:00-20:00; at most 3 texts per 24 hours" in text and "source: " in text


def test_set_adds_and_changes_a_rule_and_preview_applies_it(ws, capsys, monkeypatch) -> None:
    code, data, _ = run(
        capsys,
        "compliance",
        "set",
        "us-ny",
        "--window",
        "mon-sat 09:00-20:00",
        "--window",
        "sun 12:00-20:00",
        "--limit",
        "2/24h",
        "--source",
        "counsel memo 2026-03",
        "--checked",
        "2026-03-30",
        "--workspace",
        ws,
    )
    assert code == 0 and data["created"] is True
    assert data["rule"]["windows"] == {"mon-sat": "09:00-20:00", "sun": "12:00-20:00"}
    monkeypatch.setenv("SMSFLOW_NOW", EVENING)
    code, preview, _ = run(capsys, "preview", "Promo", "--workspace", ws)
    assert code == 0 and preview["deferred_quiet_hours"] == 2
    assert preview["deferred_by_rule"] == {"US-FL": 1, "US-NY": 1}
    code, data, _ = run(capsys, "compliance", "set", "US-NY", "--no-windows", "--workspace", ws)
    assert code == 0 and data["created"] is False and data["rule"]["windows"] == {}
    assert data["rule"]["source"] == "counsel memo 2026-03" and data["rule"]["limits"][0]["max"] == 2
    assert run(capsys, "preview", "Promo", "--workspace", ws)[1]["deferred_by_rule"] == {"US-FL": 1}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["US-TX", "--window", "all 09:00-21:00"], "a new rule needs --source"),
        (["US-FL", "--window", "all 8-20"], "US-FL: window 'all 8-20': '8-20' is not HH:MM-HH:MM"),
        (["US-FL", "--window", "mon-fri 08:00-20:00", "--window", "fri closed"], "Friday has more than one window"),
        (["US-FL", "--limit", "3 a day"], "limit '3 a day' is not N/HOURSh"),
        (["US-FL", "--checked", "yesterday"], "checked must be the date"),
        (["US-ZZ", "--source", "x", "--checked", "2026-01-01", "--limit", "1/24h"], "ZZ is not a state"),
        (["US-FL", "--limit", "1/24h", "--no-limits"], "not both"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(ws, capsys, argv, message) -> None:
    before = rules_of(capsys, ws)
    code, data, err = run(capsys, "compliance", "set", *argv, "--workspace", ws)
    assert code == 2 and message in data["error"]
    assert err.count("\n") == 1 and "Traceback" not in err
    assert rules_of(capsys, ws) == before


def test_reset_and_delete(ws, capsys) -> None:
    shipped = rules_of(capsys, ws)["US-CT"]
    assert run(capsys, "compliance", "set", "US-CT", "--window", "all 09:00-20:00", "--workspace", ws)[0] == 0
    code, data, _ = run(capsys, "compliance", "reset", "US-CT", "--workspace", ws)
    assert code == 0 and data["rules"] == [shipped]
    code, data, _ = run(capsys, "compliance", "delete", "us-wa", "--workspace", ws)
    assert code == 0 and data == {"scope": "US-WA", "deleted": True}
    assert "US-WA" not in rules_of(capsys, ws)
    code, data, _ = run(capsys, "compliance", "delete", "US-WA", "--workspace", ws)
    assert code == 2 and data["error"] == "no rule for US-WA in this workspace"
    code, data, _ = run(capsys, "compliance", "reset", "--all", "--workspace", ws)
    assert code == 0 and "US-WA" in rules_of(capsys, ws)
    code, data, _ = run(capsys, "compliance", "reset", "US-TX", "--workspace", ws)
    assert code == 2 and data["error"].startswith("no shipped rule for US-TX")


def test_preview_and_a_dry_run_leave_out_a_number_at_its_limit(ws, capsys, monkeypatch) -> None:
    with make_workspace_conn(ws) as conn, transaction(conn):
        conn.execute(
            "INSERT INTO runs(id, campaign_name, status, dry_run, snapshot, started_at) "
            "VALUES (7, 'Earlier', 'completed', 0, '{}', '2026-04-06T10:00:00Z')"
        )
        for step, at in ((1, "2026-04-06T10:00:00Z"), (2, "2026-04-06T14:00:00Z"), (3, "2026-04-06T18:00:00Z")):
            conn.execute(
                "INSERT INTO ledger(run_id, step_index, person_id, mdn, action, state, sent_at, updated_at) "
                "VALUES (7, ?, 2, ?, 'send_sms', 'sent', ?, ?)",
                (step, NY, at, at),
            )
    monkeypatch.setenv("SMSFLOW_NOW", "2026-04-06T20:00:00Z")  # 16:00 in New York
    code, preview, _ = run(capsys, "preview", "Promo", "--workspace", ws)
    assert code == 0 and preview["excluded"]["frequency_limit"] == 1 and preview["recipients"] == 1
    assert list(preview["excluded"])[-2:] == ["duplicate_phone", "frequency_limit"]
    assert preview["smart_list"] == sum(preview["excluded"].values()) + preview["recipients"]
    assert main(["preview", "Promo", "--workspace", ws]) == 0
    assert "frequency limits reached: workspace 1" in capsys.readouterr().out
    code, result, _ = run(capsys, "run", "Promo", "--dry-run", "--workspace", ws)
    assert code == 0 and result["counts"]["skipped"] == 1
    # the workspace limit is a setting: off, the number is texted again
    assert main(["settings", "set", "frequency_cap.enabled", "false", "--workspace", ws]) == 0
    capsys.readouterr()
    assert run(capsys, "preview", "Promo", "--workspace", ws)[1]["excluded"]["frequency_limit"] == 0


def make_workspace_conn(ws: str):
    from smsflow_desktop.services.workspace import Workspace

    return Workspace.open(ws).session()
