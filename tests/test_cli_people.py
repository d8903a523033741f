"""``smsflow people import``, ``smsflow demo init`` and ``smsflow vibes import-extract``:
JSON keys of the contract, exit 2 with one line for bad files, the workspace unchanged."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from smsflow_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, out
    return code, json.loads(lines[0]), err


def people_count(ws: Path) -> int:
    conn = sqlite3.connect(ws / "smsflow.db")
    try:
        return conn.execute("SELECT count(*) FROM people").fetchone()[0]
    finally:
        conn.close()


GOOD = (
    "\ufeffExternal ID;First Name;Last Name;Mobile Phone Number;Country\n"
    'A;Ana;"García, Jr.";(212) 555-0123;US\n'
    "B;Åsa;Öberg;070-123 45 67;Sweden\n"
    "C;Bo;Ek;12345;SE\n"
    "D;Di;Lu;;US\n"
)


def test_people_import_reports_counts_and_reimports_as_updates(tmp_path: Path, capsys) -> None:
    csv_path = tmp_path / "people.csv"
    csv_path.write_text(GOOD, encoding="utf-8")
    ws = tmp_path / "ws"
    code, data, _ = run(capsys, "people", "import", str(csv_path), "--workspace", str(ws))
    assert code == 0
    assert {k: data[k] for k in ("rows", "imported", "updated", "invalid_phone", "missing_phone")} == {
        "rows": 4,
        "imported": 4,
        "updated": 0,
        "invalid_phone": 1,
        "missing_phone": 1,
    }
    assert (
        data["errors"] == [{"line": 4, "reason": data["errors"][0]["reason"]}]
        and "12345" in data["errors"][0]["reason"]
    )
    code, data, _ = run(capsys, "people", "import", str(csv_path), "--workspace", str(ws))
    assert (code, data["imported"], data["updated"]) == (0, 0, 4)


def test_default_region_option(tmp_path: Path, capsys) -> None:
    csv_path = tmp_path / "p.csv"
    csv_path.write_text("phone\n0701234567\n", encoding="utf-8")
    ws = tmp_path / "ws"
    code, data, _ = run(capsys, "people", "import", str(csv_path), "--workspace", str(ws), "--default-region", "se")
    assert (code, data["invalid_phone"]) == (0, 0)
    code, data, err = run(capsys, "people", "import", str(csv_path), "--workspace", str(ws), "--default-region", "XX")
    assert code == 2 and err.count("\n") == 1 and "--default-region" in err


@pytest.mark.parametrize(
    "content,words",
    [
        (b"first_name,email\nAna,a@example.com\n", "no phone column"),
        (b"phone\n2125550123\nRen\xe9\n", "line 3: the text is not UTF-8"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary"),
        (b"", "empty"),
    ],
)
def test_bad_people_files_exit_2_with_one_line_and_change_nothing(
    tmp_path: Path, capsys, content: bytes, words: str
) -> None:
    ws = tmp_path / "ws"
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    assert run(capsys, "people", "import", str(good), "--workspace", str(ws))[0] == 0
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    code, data, err = run(capsys, "people", "import", str(bad), "--workspace", str(ws))
    assert code == 2 and data["exit_code"] == 2
    assert err.count("\n") == 1 and words in err and str(bad) in err and "Traceback" not in err
    assert people_count(ws) == 4


def test_a_bad_file_does_not_create_a_workspace(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name\nAna\n", encoding="utf-8")
    code, _, err = run(capsys, "people", "import", str(bad), "--workspace", str(tmp_path / "new"))
    assert code == 2 and "no phone column" in err
    assert not (tmp_path / "new").exists()


def test_no_traceback_in_a_real_process(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"phone\n\xff\xfe\n")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "smsflow_desktop.cli",
            "people",
            "import",
            str(bad),
            "--workspace",
            str(tmp_path / "ws"),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "not UTF-8" in proc.stderr and "Traceback" not in proc.stderr


def test_demo_init(tmp_path: Path, capsys) -> None:
    ws = tmp_path / "demo"
    code, data, _ = run(capsys, "demo", "init", "--workspace", str(ws), "--people", "200", "--seed", "3")
    assert (code, data) == (0, {"workspace": str(ws), "people": 200, "campaigns": 2, "vibes_lists": 3})
    assert (ws / "emulator" / "seed.json").is_file()
    code, data, err = run(capsys, "demo", "init", "--workspace", str(ws))
    assert code == 2 and "already holds" in err and err.count("\n") == 1


def test_vibes_import_extract(tmp_path: Path, capsys) -> None:
    path = tmp_path / "subscriptions_demo_20260405.txt"
    path.write_text(
        "person_id\texternal_person_id\tmdn\tcompany_id\tcarrier_code\tsubscription_list_id\t"
        "subscription_list_name\topt_in_date\topt_out_date\tsubscription_event\topt_out_reason\t"
        "activity_description\tactivity_id\n"
        "pk1\t1\t+12125550123\tdemo\t\t101\tOffers\t2026-04-05 09:00:00 -0600\t\tOPT_IN\t\t\t1\n"
        "pk2\t2\t+12125550124\tdemo\t\t102\tClub\t2026-04-01 09:00:00 -0600\t"
        "2026-04-05 09:00:00 -0600\tOPT_OUT\tuser_opt_out\t\t2\n",
        encoding="utf-8",
    )
    code, data, _ = run(capsys, "vibes", "import-extract", str(path), "--workspace", str(tmp_path / "ws"))
    assert code == 0
    assert {k: data[k] for k in ("rows", "opt_in", "opt_out", "lists")} == {
        "rows": 2,
        "opt_in": 1,
        "opt_out": 1,
        "lists": 2,
    }
    not_extract = tmp_path / "people.csv"
    not_extract.write_text(GOOD, encoding="utf-8")
    code, _, err = run(capsys, "vibes", "import-extract", str(not_extract), "--workspace", str(tmp_path / "ws"))
    assert code == 2 and "not a Vibes extract" in err and err.count("\n") == 1
