"""``smsflow consent export`` and ``smsflow people erase``: the JSON keys, a readable CSV,
one line and exit 2 for bad input (the workspace unchanged), and an erasure that keeps the
number from texts."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services.workspace import Workspace
from tests.stores import workspace_at

pytestmark = pytest.mark.usefixtures("store_kind")  # each test on a folder and on a database

A = "+12125550101"
B = "+12125550102"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, out
    return code, json.loads(lines[0]), err


@pytest.fixture
def ws(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """People A (unsubscribed in the file) and B, and B's STOP from an extract."""
    root = str(workspace_at(tmp_path / "ws"))
    people = tmp_path / "crm.csv"
    people.write_text(
        f"external_id,first_name,email,phone,unsubscribed\nA,Ann,ann@example.com,{A},yes\n7,Bo,bo@example.com,{B},\n",
        encoding="utf-8",
    )
    extract = tmp_path / "subscription_extract_20260301.txt"
    extract.write_text(
        "mdn\tsubscription_list_id\topt_in_date\topt_out_date\tsubscription_event\topt_out_reason\n"
        f"{B}\t101\t2026-02-01 10:00:00 +0000\t\tOPT_IN\t\n"
        f'{B}\t101\t\t2026-03-01 10:00:00 +0000\tOPT_OUT\t=HYPERLINK("http://x")\n',
        encoding="utf-8",
    )
    assert run(capsys, "people", "import", str(people), "--workspace", root)[0] == 0
    assert run(capsys, "vibes", "import-extract", str(extract), "--workspace", root)[0] == 0
    return root


def db(ws: str) -> Any:
    """A connection to the workspace, closed after the block."""
    return Workspace.open(ws).session()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_export_by_number_and_by_date_range(ws: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / "b.csv"
    code, data, _ = run(capsys, "consent", "export", "--workspace", ws, "--number", "(212) 555-0102", "-o", str(out))
    assert (code, data["rows"], data["file"], data["number"]) == (0, 2, str(out), B)
    rows = read_csv(out)
    assert [(r["event"], r["source"], r["proof"]) for r in rows] == [
        ("opt_in", "extract", "subscription_extract_20260301.txt line 2"),
        ("opt_out", "extract", "subscription_extract_20260301.txt line 3"),
    ]
    assert rows[1]["at"] == "2026-03-01T10:00:00Z" and rows[1]["vibes_list"] == "101"
    assert rows[1]["reason"].startswith("'=")  # a spreadsheet shows it, never runs it
    assert out.read_bytes().startswith(b"at,learned_at,number,")

    code, data, _ = run(
        capsys, "consent", "export", "--workspace", ws, "--since", "2026-02-01", "--until", "2026-02-28",
        "-o", str(out),
    )  # fmt: skip
    assert (code, data["rows"]) == (0, 1)
    assert read_csv(out)[0]["event"] == "opt_in"


@pytest.mark.parametrize(
    "args,words",
    [
        (["--number", "12345"], "not a phone number"),
        (["--since", "last week"], "not a date"),
        (["--since", "2026-03-01", "--until", "2026-01-01"], "before --since"),
        (["--number", A, "--until", "2026-01-01"], "--until goes with --since"),
    ],
)
def test_bad_export_arguments_are_one_line_and_exit_2(ws: str, tmp_path: Path, capsys, args, words) -> None:
    out = tmp_path / "x.csv"
    code, data, err = run(capsys, "consent", "export", "--workspace", ws, *args, "-o", str(out))
    assert code == 2 and data["exit_code"] == 2 and words in err and err.count("\n") == 1
    assert not out.exists()


def test_export_needs_a_number_or_a_range(ws: str, tmp_path: Path, capsys) -> None:
    code, _data, err = run(capsys, "consent", "export", "--workspace", ws, "-o", str(tmp_path / "x.csv"))
    assert code == 2 and "--number" in err and "Traceback" not in err


def test_erase_asks_for_yes_then_keeps_the_opt_out(ws: str, tmp_path: Path, capsys) -> None:
    code, _data, err = run(capsys, "people", "erase", "A", "--workspace", ws)
    assert code == 2 and "--yes" in err and err.count("\n") == 1
    with db(ws) as conn:
        assert tuple(conn.execute("SELECT first_name FROM people WHERE external_id = 'A'").fetchone()) == ("Ann",)

    code, data, _ = run(capsys, "people", "erase", "A", "--workspace", ws, "--yes")
    assert code == 0
    assert {k: data[k] for k in ("person_id", "erased", "number_kept_as_hash", "shared_number")} == {
        "person_id": 1,
        "erased": True,
        "number_kept_as_hash": True,
        "shared_number": False,
    }
    with db(ws) as conn:
        person = conn.execute("SELECT first_name, email, phone_e164, external_id FROM people WHERE id = 1").fetchone()
        events = conn.execute("SELECT event, mdn IS NULL, number_hash IS NOT NULL FROM consent_log WHERE person_id = 1")
        assert tuple(person) == ("", "", None, None)
        assert [tuple(r) for r in events.fetchall()] == [("unsubscribed", 1, 1), ("erased", 1, 1)]
    out = tmp_path / "a.csv"
    code, data, _ = run(capsys, "consent", "export", "--workspace", ws, "--number", A, "-o", str(out))
    rows = read_csv(out)
    assert (code, data["rows"]) == (0, 2)
    assert [r["event"] for r in rows] == ["unsubscribed", "erased"]
    assert all(r["number"] == "" and len(r["number_hash"]) == 64 for r in rows)
    assert "Ann" not in out.read_text(encoding="utf-8")


def test_erase_refuses_an_unknown_or_ambiguous_person(ws: str, capsys) -> None:
    code, _data, err = run(capsys, "people", "erase", "nobody", "--workspace", ws, "--yes")
    assert code == 2 and "no person" in err
    # "1" is A's internal id; "7" is B's external id and no one's internal id
    code, _data, err = run(capsys, "people", "erase", "7", "--workspace", ws, "--yes", "--by", "id")
    assert code == 2 and "internal id '7'" in err
    with db(ws) as conn:
        conn.execute("UPDATE people SET external_id = '1' WHERE id = 2")
    code, _data, err = run(capsys, "people", "erase", "1", "--workspace", ws, "--yes")
    assert code == 2 and "--by" in err
    with db(ws) as conn:
        assert conn.execute("SELECT count(*) FROM consent_log WHERE event = 'erased'").fetchone()[0] == 0
