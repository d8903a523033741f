"""``smsflow init/settings/campaign``: exit codes, one clear line, JSON keys of the contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from smsflow_desktop.cli import main
from tests.model.test_campaign_file import CONTRACT_EXAMPLE


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, out  # exactly one JSON object
    return code, json.loads(lines[0]), err


@pytest.fixture
def ws(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    root = tmp_path / "ws"
    code, data, _ = run(capsys, "init", "--workspace", str(root))
    assert code == 0 and data == {"workspace": str(root)}
    return root


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_settings_round_trip(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data, _ = run(capsys, "settings", "set", "vibes.mode", "remote", "--workspace", str(ws))
    assert (code, data) == (0, {"key": "vibes.mode", "value": "remote"})
    code, data, _ = run(capsys, "settings", "get", "vibes.mode", "--workspace", str(ws))
    assert data["value"] == "remote"
    code, _, err = run(capsys, "settings", "set", "vibes.mode", "cloud", "--workspace", str(ws))
    assert code == 2 and err.count("\n") == 1 and "emulated, remote" in err


def test_import_export_validate_round_trip(ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "spring.smsflow.json", CONTRACT_EXAMPLE)
    code, data, _ = run(capsys, "campaign", "import", str(src), "--workspace", str(ws))
    assert code == 0 and data["campaign"] == "Spring promo"
    # The workspace knows no Vibes lists or static lists yet: those show up as problems, not a crash.
    assert {p["code"] for p in data["problems"]} >= {"step.vibes_list_unknown", "smart_list.list_unknown"}

    code, data, _ = run(capsys, "campaign", "validate", "Spring promo", "--workspace", str(ws))
    assert code == 1 and data["valid"] is False
    assert all({"step", "field", "code", "message"} <= set(p) for p in data["problems"])

    out = tmp_path / "out.smsflow.json"
    code, data, _ = run(capsys, "campaign", "export", "Spring promo", "-o", str(out), "--workspace", str(ws))
    assert code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["format"] == "smsflow.campaign/2"
    assert {m["name"] for m in exported["messages"]} == {"Spring offer", "Vårerbjudande"}
    assert exported["campaign"]["flow"][0]["choices"][1]["then"] is None

    # Importing again renames the campaign instead of overwriting it.
    code, data, _ = run(capsys, "campaign", "import", str(out), "--workspace", str(ws))
    assert data["campaign"] == "Spring promo (2)"
    code, data, _ = run(capsys, "campaign", "list", "--workspace", str(ws))
    assert data["campaigns"] == ["Spring promo", "Spring promo (2)"]


def test_import_with_a_changed_message_keeps_both(ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "campaign", "import", str(write(tmp_path / "a.json", CONTRACT_EXAMPLE)), "--workspace", str(ws))
    changed = json.loads(json.dumps(CONTRACT_EXAMPLE))
    changed["campaign"]["name"] = "Autumn"
    changed["messages"][0]["body"] = "Autumn text. Reply STOP to opt out"
    _code, data, _ = run(capsys, "campaign", "import", str(write(tmp_path / "b.json", changed)), "--workspace", str(ws))
    assert data["messages_renamed"] == {"Spring offer": "Spring offer (2)"}
    _code, data, _ = run(capsys, "campaign", "export", "Autumn", "-o", str(tmp_path / "c.json"), "--workspace", str(ws))
    exported = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert exported["campaign"]["flow"][0]["message"] == "Spring offer (2)"
    assert exported["messages"][0]["body"].startswith("Autumn text")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"format": "smsflow.campaign/9", "campaign": {}}', "format: version 9 is newer"),
        (
            '{"format": "smsflow.campaign/1", "campaign": {"name": "x", "flow": [{"type": "fax"}]}}',
            "campaign.flow[0].type",
        ),
        ('{"format": "smsflow.campaign/1", "campaign": {"name": 5}}', "campaign.name"),
        ('{"format": "smsflow.campaign/1", "campa', "not valid JSON (line 1"),
    ],
)
def test_bad_files_exit_2_with_one_line(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, words: str
) -> None:
    bad = tmp_path / "bad.smsflow.json"
    bad.write_text(content, encoding="utf-8")
    for command in ("import", "validate"):
        code, _, err = run(capsys, "campaign", command, str(bad), "--workspace", str(ws))
        assert code == 2
        assert err.count("\n") == 1 and str(bad) in err and words in err
    code, data, _ = run(capsys, "campaign", "list", "--workspace", str(ws))
    assert data["campaigns"] == []  # nothing half-imported


def test_unknown_campaign_and_missing_file(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "campaign", "export", "Nope", "-o", "x.json", "--workspace", str(ws))
    assert code == 2 and "no campaign called 'Nope'" in err
    code, _, err = run(capsys, "campaign", "import", "/nonexistent/file.json", "--workspace", str(ws))
    assert code == 2 and "no such file" in err


def test_the_real_command_prints_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe\x00junk")
    result = subprocess.run(
        [sys.executable, "-m", "smsflow_desktop.cli", "campaign", "validate", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
