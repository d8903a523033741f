"""People CSV imports never lose an opt-out.

* A flag column is found however its header is written (Unicode NFKC, a stray BOM, a
  zero-width space or a soft hyphen, a few common synonyms); a file with two columns for
  one flag, or with a column that reads like an opt-out flag the importer does not know,
  is refused with one line (exit 2) and nothing is imported.
* An updated person's opt-out is lifted only by an explicit false/0/no, never by an empty
  cell or a missing column; the result counts both (``opt_outs_kept``, ``opt_outs_lifted``).
* A file truncated, grown or replaced while it is read is refused before the commit.
* Parameters are bound as sqlite3 requires from Python 3.12 on (no deprecation warnings).
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from smsflow_desktop.cli import commands_people, main
from smsflow_desktop.services.importers import ImportFileError, import_people_csv
from smsflow_desktop.services.importers import people_csv as people_csv_module
from smsflow_desktop.services.workspace import Workspace

FLAGS = ("blocklisted", "unsubscribed", "marketing_suspended")


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.open(tmp_path / "ws", create=True)


@pytest.fixture
def conn(ws: Workspace) -> Iterator[sqlite3.Connection]:
    c = ws.connect()
    yield c
    c.close()


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object], str]:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, out
    return code, json.loads(lines[0]), err


def flags_of(conn: sqlite3.Connection) -> dict[str, tuple[int, int, int]]:
    rows = conn.execute("SELECT external_id, blocklisted, unsubscribed, marketing_suspended FROM people ORDER BY id")
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def count(ws: Workspace) -> int:
    with ws.session() as c:
        return c.execute("SELECT count(*) FROM people").fetchone()[0]


def refused(code: int, data: dict[str, object], err: str, *words: str) -> None:
    assert code == 2 and data["exit_code"] == 2
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for w in words:
        assert w in err, (w, err)


# -- 1: headers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "\ufeffunsubscribed",  # a second BOM (the first one is the file's)
        "unsub\u200bscribed",  # a zero-width space
        "Un\u00adsubscribed",  # a soft hyphen
        "ｕｎｓｕｂｓｃｒｉｂｅｄ",  # full-width letters
        "Unsubscribed\u200e",  # a direction mark
    ],
)
def test_an_invisibly_different_header_is_still_the_flag(conn, tmp_path: Path, header: str) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(b"\xef\xbb\xbf" + f"external_id,phone,{header}\nA,(212) 555-0123,yes\n".encode())
    import_people_csv(conn, path)
    row = conn.execute("SELECT unsubscribed, custom_fields FROM people").fetchone()
    assert (row[0], json.loads(row[1])) == (1, {})


@pytest.mark.parametrize(
    "header,flag",
    [
        ("opted_out", "unsubscribed"),
        ("Opt-Out", "unsubscribed"),
        ("opt out", "unsubscribed"),
        ("SMS Opt Out", "unsubscribed"),
        ("Blacklisted", "blocklisted"),
        ("blocklist", "blocklisted"),
        ("Marketing-Suspended", "marketing_suspended"),
    ],
)
def test_flag_synonyms_fill_the_flag_and_say_so(conn, tmp_path: Path, header: str, flag: str) -> None:
    path = write_csv(tmp_path / "p.csv", ["phone", header], [["(212) 555-0123", "true"]])
    result = import_people_csv(conn, path)
    row = conn.execute(f"SELECT {flag}, custom_fields FROM people").fetchone()
    assert (row[0], json.loads(row[1])) == (1, {})
    assert any(header in n and flag in n for n in result.notes), result.notes


@pytest.mark.parametrize(
    "first,second",
    [
        ("unsubscribed", "Unsubscribed"),
        ("Unsubscribed", "unsub\u200bscribed"),
        ("unsubscribed", "opted_out"),
        ("Blocklisted", "blacklisted"),
        ("marketing_suspended", "Marketing Suspended"),
    ],
)
def test_two_columns_for_one_flag_are_refused(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str], first: str, second: str
) -> None:
    good = write_csv(tmp_path / "good.csv", ["external_id", "phone"], [["G", "(212) 555-0100"]])
    assert cli(capsys, "people", "import", str(good), "--workspace", str(ws.root))[0] == 0
    path = write_csv(tmp_path / "two.csv", ["external_id", "phone", first, second], [["A", "(212) 555-0123", "", "1"]])
    code, data, err = cli(capsys, "people", "import", str(path), "--workspace", str(ws.root))
    refused(code, data, err, str(path), repr(first), repr(second))
    assert count(ws) == 1


@pytest.mark.parametrize(
    "header,word",
    [
        ("Do Not Text", "do not text"),
        ("do_not_contact", "do not contact"),
        ("opt_out_flag", "opt out"),
        ("Suspended", "suspend"),
        ("SMS Unsubscribe Date", "unsubscribe"),
        ("Blacklist Reason", "blacklist"),
    ],
)
def test_a_header_that_reads_like_an_unknown_flag_is_refused(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, word: str
) -> None:
    path = write_csv(tmp_path / "p.csv", ["phone", header], [["(212) 555-0123", "true"]])
    code, data, err = cli(capsys, "people", "import", str(path), "--workspace", str(ws.root))
    refused(code, data, err, str(path), repr(header), "rename it to unsubscribed", f"without {word!r}")
    assert count(ws) == 0


def test_the_contract_header_rules_still_hold(conn, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        ["External ID", "Mobile Phone Number", "Marketing Suspended", "Blocklisted", "UNSUBSCRIBED", "Shoe Size"],
        [["A", "(212) 555-0123", "yes", "0", "no", "42"]],
    )
    result = import_people_csv(conn, path)
    assert result.notes == []
    row = conn.execute("SELECT external_id, phone_e164, custom_fields FROM people").fetchone()
    assert tuple(row[:2]) == ("A", "+12125550123") and json.loads(row[2]) == {"Shoe Size": "42"}
    assert flags_of(conn) == {"A": (0, 0, 1)}


# -- 2: an empty cell never lifts an opt-out ---------------------------------------------------


def test_reimport_with_empty_cells_or_no_flag_columns_keeps_opt_outs(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write_csv(
        tmp_path / "1.csv",
        ["external_id", "phone", *FLAGS],
        [
            ["B", "(212) 555-0101", "yes", "", ""],
            ["U", "(212) 555-0102", "", "true", ""],
            ["M", "(212) 555-0103", "", "", "1"],
            ["N", "(212) 555-0104", "", "", ""],
        ],
    )
    code, data, _ = cli(capsys, "people", "import", str(first), "--workspace", str(ws.root))
    assert (code, data["imported"], data["opt_outs_kept"], data["opt_outs_lifted"]) == (0, 4, 0, 0)

    empty = write_csv(
        tmp_path / "2.csv",
        ["external_id", "phone", *FLAGS],
        [[e, f"(212) 555-010{i}", "", "", ""] for i, e in enumerate("BUMN", start=1)]
        + [["X", "(212) 555-0105", "", "", ""]],
    )
    code, data, _ = cli(capsys, "people", "import", str(empty), "--workspace", str(ws.root))
    assert (code, data["imported"], data["updated"]) == (0, 1, 4)
    assert (data["opt_outs_kept"], data["opt_outs_lifted"]) == (3, 0)
    assert data["rows"] == 5 and data["invalid_phone"] == 0 and data["missing_phone"] == 0 and data["errors"] == []
    with ws.session() as c:
        assert flags_of(c) == {"B": (1, 0, 0), "U": (0, 1, 0), "M": (0, 0, 1), "N": (0, 0, 0), "X": (0, 0, 0)}

    no_flags = write_csv(
        tmp_path / "3.csv", ["external_id", "phone"], [["B", "(212) 555-0101"], ["U", "(212) 555-0102"]]
    )
    assert main(["people", "import", str(no_flags), "--workspace", str(ws.root)]) == 0
    assert "opt-outs: 2 kept" in capsys.readouterr().out

    lift = write_csv(
        tmp_path / "4.csv",
        ["external_id", "phone", "blocklisted", "unsubscribed"],
        [["B", "(212) 555-0101", "false", ""], ["U", "(212) 555-0102", "", "NO"], ["M", "(212) 555-0103", "0", "0"]],
    )
    code, data, _ = cli(capsys, "people", "import", str(lift), "--workspace", str(ws.root))
    assert (code, data["opt_outs_kept"], data["opt_outs_lifted"]) == (0, 1, 2)  # M: suspended kept, not lifted
    with ws.session() as c:
        assert flags_of(c) == {"B": (0, 0, 0), "U": (0, 0, 0), "M": (0, 0, 1), "N": (0, 0, 0), "X": (0, 0, 0)}


def test_a_person_twice_in_one_file_keeps_the_flag_the_first_row_set(conn, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        ["external_id", "phone", "unsubscribed"],
        [["A", "(212) 555-0123", "yes"], ["A", "(212) 555-0123", ""], ["A", "(212) 555-0123", ""]],
    )
    result = import_people_csv(conn, path)
    assert (result.imported, result.updated, result.opt_outs_kept, result.opt_outs_lifted) == (1, 2, 2, 0)
    assert flags_of(conn) == {"A": (0, 1, 0)}


def test_opt_out_counts_are_the_same_with_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(people_csv_module, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(people_csv_module, "BATCH_ROWS", 40)
    first = write_csv(
        tmp_path / "1.csv",
        ["external_id", "phone", "unsubscribed"],
        [[f"P{i}", f"(212) 555-{i:04d}", "yes" if i % 3 == 0 else ""] for i in range(300)],
    )
    again = write_csv(
        tmp_path / "2.csv",
        ["external_id", "phone", "unsubscribed"],
        [[f"P{i}", f"(212) 555-{i:04d}", "no" if i % 5 == 0 else ""] for i in range(300)],
    )
    outcomes = []
    for workers in (1, 2):
        ws = Workspace.open(tmp_path / f"ws{workers}", create=True)
        with ws.session() as c:
            import_people_csv(c, first, workers=workers)
            result = import_people_csv(c, again, workers=workers)
            outcomes.append((result.opt_outs_kept, result.opt_outs_lifted, flags_of(c)))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][:2] == (80, 20)  # of the 100 opted out, 20 lifted (multiples of 15), 80 kept
    assert sum(f[1] for f in outcomes[0][2].values()) == 80


# -- 3: a file that changes while it is read ----------------------------------------------------


def big_csv(path: Path, rows: int = 4000) -> Path:
    return write_csv(
        path,
        ["external_id", "first_name", "phone"],
        [[f"P{i}", "Åsa Öberg", f"(212) 555-{i % 10000:04d}"] for i in range(rows)],
    )


def on_first_progress(action: Callable[[], None]) -> Callable[[int, int, int], None]:
    done: list[bool] = []

    def progress(rows: int, _done: int, _total: int) -> None:
        if not done:
            done.append(True)
            action()

    return progress


def truncate_to(path: Path, size: int) -> Callable[[], None]:
    return lambda: os.truncate(path, size)


def append_to(path: Path) -> Callable[[], None]:
    def act() -> None:
        with open(path, "a", encoding="utf-8") as f:
            f.write("Q1,Late,(212) 555-9999\n")

    return act


def replace(path: Path) -> Callable[[], None]:
    def act() -> None:
        other = path.with_name("other.csv")
        other.write_bytes(path.read_bytes())
        os.replace(other, path)

    return act


@pytest.mark.parametrize("change", ["truncated", "truncated mid-character", "appended to", "replaced"])
def test_a_file_that_changes_during_the_import_is_refused_and_nothing_is_written(
    conn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    monkeypatch.setattr(people_csv_module, "BATCH_ROWS", 50)
    path = big_csv(tmp_path / "people.csv")
    size = path.stat().st_size
    data = path.read_bytes()
    cut = data.index("Å".encode(), size // 2) + 1  # inside the two bytes of an Å, half-way down
    action = {
        "truncated": truncate_to(path, data.index(b"\n", size // 2) + 1),
        "truncated mid-character": truncate_to(path, cut),
        "appended to": append_to(path),
        "replaced": replace(path),
    }[change]
    with pytest.raises(ImportFileError) as info:
        import_people_csv(conn, path, progress=on_first_progress(action))
    message = str(info.value)
    assert message.startswith(f"{path} changed while it was being imported (")
    assert message.endswith("; nothing was imported: import it again once it is complete")
    assert "\n" not in message
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 0
    assert not conn.in_transaction


def test_a_file_truncated_under_worker_processes_is_refused(
    conn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people_csv_module, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(people_csv_module, "BATCH_ROWS", 50)
    path = big_csv(tmp_path / "people.csv")
    with pytest.raises(ImportFileError, match="changed while it was being imported"):
        import_people_csv(
            conn, path, workers=2, progress=on_first_progress(truncate_to(path, path.stat().st_size // 3))
        )
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 0


def test_the_cli_exits_2_with_one_line_when_the_file_shrinks_mid_import(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    good = write_csv(tmp_path / "good.csv", ["external_id", "phone"], [["G", "(212) 555-0100"]])
    assert cli(capsys, "people", "import", str(good), "--workspace", str(ws.root))[0] == 0
    monkeypatch.setattr(people_csv_module, "BATCH_ROWS", 50)
    path = big_csv(tmp_path / "people.csv")
    shrink = on_first_progress(truncate_to(path, path.stat().st_size // 2))
    monkeypatch.setattr(commands_people._StderrProgress, "rows", lambda self, *a: shrink(*a))
    code, data, err = cli(capsys, "people", "import", str(path), "--workspace", str(ws.root))
    refused(code, data, err, f"{path} changed while it was being imported", "nothing was imported")
    assert count(ws) == 1


def test_an_unchanged_file_imports_in_full(conn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(people_csv_module, "BATCH_ROWS", 50)
    path = big_csv(tmp_path / "people.csv")
    assert import_people_csv(conn, path).rows == 4000


# -- 4: parameters bound the way sqlite3 wants them ----------------------------------------------

_NAMED = re.compile(r"\?[0-9]|[:@$][A-Za-z_]")


class StrictBinding(sqlite3.Connection):
    """Refuses what Python 3.12+ deprecates (and 3.14 refuses): a sequence of parameters for a
    statement with numbered or named placeholders."""

    def _check(self, sql: str, params: object) -> None:
        if _NAMED.search(sql) and not isinstance(params, dict):
            raise sqlite3.ProgrammingError(f"numbered or named placeholders bound to a sequence: {sql[:80]}")

    def execute(self, sql: str, params: object = (), /) -> sqlite3.Cursor:  # type: ignore[override]
        self._check(sql, params)
        return super().execute(sql, params)  # type: ignore[arg-type]

    def executemany(self, sql: str, seq: object, /) -> sqlite3.Cursor:  # type: ignore[override]
        rows = list(seq)  # type: ignore[call-overload]
        if rows:
            self._check(sql, rows[0])
        return super().executemany(sql, rows)


UPSERT_FILES = [
    (
        ["external_id", "phone", "country", "time_zone", *FLAGS, "Shoe Size"],
        ["A", "0701234567", "SE", "", "", "1", "", "42"],
    ),
    (["phone", "unsubscribed", "Tier"], ["(212) 555-0123", "yes", "Gold"]),
    (["External ID", "mobile phone", "Phone"], ["B", "(212) 555-0124", "(212) 555-0199"]),
]


@pytest.mark.parametrize("header,row", UPSERT_FILES)
def test_every_statement_binds_its_parameters_as_sqlite3_requires(
    ws: Workspace, tmp_path: Path, header: list[str], row: list[str]
) -> None:
    path = write_csv(tmp_path / "p.csv", header, [row])
    conn = sqlite3.connect(ws.db_path, isolation_level=None, factory=StrictBinding)
    conn.row_factory = sqlite3.Row
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            for _ in range(2):  # new people, then the same people updated
                assert import_people_csv(conn, path, default_region="US").rows == 1
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == (2 if header[0] == "phone" else 1)
    finally:
        conn.close()
