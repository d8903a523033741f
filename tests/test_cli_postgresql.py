"""The command line on a PostgreSQL workspace gives the answers it gives on a SQLite folder.

The same steps run on a workspace folder and on a fresh database of a real server: a demo
workspace (its emulated Vibes account included), a People CSV that adds, updates, opts out and
repeats numbers, previews of every step, a run through the embedded emulator, the run's
counts, the activity export, and the campaign history. Every JSON answer must match, apart
from where the workspace is; the texted numbers must be the same, each texted once.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services.store.pg_workspace import close_pools
from smsflow_desktop.services.workspace import Workspace

pytestmark = pytest.mark.postgresql

NOW = "2026-03-10T15:00:00Z"


def _people_csv(path: Path) -> Path:
    rows = [
        ["external_id", "first_name", "last_name", "email", "phone", "country", "state", "unsubscribed"],
        ["X1", "Ann", "Lee", "ann@example.com", "(212) 456-0001", "US", "NY", ""],
        ["X2", "Bo", "Berg", "bo@example.se", "070-123 45 67", "SE", "", ""],
        ["X3", "Cy", "Diaz", "", "212-456-0001", "US", "NY", ""],  # Ann's number again
        ["X4", "Di", "Eng", "", "not a number", "US", "", ""],
        ["X5", "Ed", "Fox", "", "+1 305 555 0100", "US", "FL", "yes"],
        ["X1", "Ann", "Lee-Ray", "ann@example.com", "(212) 456-0001", "US", "NY", ""],  # updates X1
    ]
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out.strip().splitlines()
    return code, json.loads(out[-1]) if out else None


def _session(capsys: pytest.CaptureFixture[str], where: str, tmp: Path) -> dict[str, Any]:
    ws = ["--workspace", where]
    seen: dict[str, Any] = {}
    code, out = _cli(capsys, "demo", "init", *ws, "--people", "300", "--seed", "3")
    assert code == 0, out
    seen["demo"] = {k: v for k, v in out.items() if k != "workspace"}
    seen["import"] = _cli(capsys, "people", "import", str(_people_csv(tmp / "people.csv")), *ws)
    code, campaigns = _cli(capsys, "campaign", "list", *ws)
    seen["campaigns"] = campaigns
    for name in campaigns["campaigns"]:
        seen[f"validate {name}"] = _cli(capsys, "campaign", "validate", name, *ws)
        for step in (1, 2, 3):
            seen[f"preview {name} {step}"] = _cli(capsys, "preview", name, "--step", str(step), *ws)
    code, run = _cli(capsys, "run", "Spring promo", *ws)
    assert code == 0, run
    seen["run"] = run
    seen["runs show"] = _cli(capsys, "runs", "show", str(run["run_id"]), *ws)
    seen["rerun"] = _cli(capsys, "run", "Spring promo", *ws)
    code, _ = _cli(capsys, "results", "export", str(run["run_id"]), "-o", str(tmp / "results.csv"), *ws)
    assert code == 0
    with (tmp / "results.csv").open(encoding="utf-8") as f:
        seen["results"] = sorted(
            tuple(r[k] for k in sorted(r) if "time" not in k and k != "at")
            for r in csv.DictReader(f)
            if "Delivered" not in str(r)  # receipts: see _without_times
        )
    seen["history"] = _cli(capsys, "campaign", "history", "Spring promo", *ws)
    with Workspace.open(where).session() as conn:
        sent = [r[0] for r in conn.execute("SELECT mdn FROM ledger WHERE state = 'sent' ORDER BY mdn")]
    assert len(sent) == len(set(sent)), "a number was texted twice"
    seen["texted"] = sent
    return seen


def _without_times(value: Any) -> Any:
    if isinstance(value, dict):
        # delivery receipts arrive when the emulated carrier sends them, after the run on either store
        return {
            k: _without_times(v)
            for k, v in value.items()
            if not k.endswith("_at") and k not in ("saved_by", "delivered")
        }
    if isinstance(value, list | tuple):
        return [_without_times(v) for v in value]
    return value


def test_the_same_steps_give_the_same_answers_on_both_stores(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMSFLOW_NOW", NOW)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    on_sqlite = _session(capsys, str(tmp_path / "a" / "ws"), tmp_path / "a")
    try:
        on_postgresql = _session(capsys, pg_url, tmp_path / "b")
    finally:
        close_pools()
    assert on_sqlite["texted"], "the run texted nobody: the comparison would prove nothing"
    assert on_sqlite["import"][1]["updated"] >= 1 and on_sqlite["import"][1]["invalid_phone"] == 1
    assert any(v[1]["excluded"] for k, v in on_sqlite.items() if k.startswith("preview") and v[0] == 0)
    for key in on_sqlite:
        assert _without_times(on_postgresql[key]) == _without_times(on_sqlite[key]), key


def test_a_database_without_a_workspace_is_named_and_not_created(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _cli(capsys, "campaign", "list", "--workspace", pg_url)
    assert code == 2
    assert out is None or "no workspace in this database" in json.dumps(out)
    assert main(["init", "--workspace", pg_url]) == 0
    capsys.readouterr()
    code, out = _cli(capsys, "campaign", "list", "--workspace", pg_url)
    close_pools()
    assert code == 0 and out == {"campaigns": []}


def test_an_unreachable_server_is_one_line_without_the_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql://anna:s3cret@/smsflow?host={tmp_path}"  # no server listens on this socket folder
    code = main(["campaign", "list", "--workspace", url])
    err = capsys.readouterr().err
    close_pools()
    assert code == 2
    assert "s3cret" not in err and "Traceback" not in err
    assert "cannot reach the database server" in err and len(err.strip().splitlines()) == 1
