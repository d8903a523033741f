"""The ``smsflow`` command line under hostile input: output paths that are links or special
files, Vibes answers of the wrong shape, a workspace held by another program mid-run,
numbers and clocks out of range, file names that are not UTF-8, usage errors with ``--json``,
a database file of 0 bytes, spreadsheet formulas behind a separator and a demo of absurd size.
Each ends with one clear line (and with ``--json`` exactly one JSON object), the documented
exit code, no traceback, and nothing lost or replaced."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sqlite3
import stat
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services.engine import ledger
from smsflow_desktop.services.engine.csv_safe import FORMULA_STARTS, safe_cell
from smsflow_desktop.services.engine.run_steps import StepWriter
from smsflow_desktop.services.engine.runner import RunOptions, start_run
from smsflow_desktop.services.vibes import VibesClient, VibesError
from smsflow_desktop.services.workspace import Workspace, WorkspaceError, transaction
from tests.reliability.scenarios import SMSFLOW, T0
from tests.services.engine.helpers import add_member, add_person, make_workspace, send_campaign, store

PEOPLE = 40


def cli(*argv: str) -> tuple[int, str, str]:
    """``smsflow ARGV`` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def one_line(err: str, *words: str) -> None:
    assert err.count("\n") == 1 and err.startswith("smsflow: ") and "Traceback" not in err, err
    for word in words:
        assert word in err, err


def one_object(out: str) -> dict[str, Any]:
    """stdout holds exactly one JSON object (on one line)."""
    assert out.count("\n") == 1, out
    data = json.loads(out)
    assert isinstance(data, dict), out
    return data


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """A workspace of PEOPLE members of Vibes list 101 and a campaign ``Promo`` that texts them."""
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        for i in range(1, PEOPLE + 1):
            number = f"+1212456{i:04d}"
            add_person(conn, i, number, first_name="x;=1+1" if i == 1 else f"Ann{i}")
            add_member(conn, number)
    store(ws, send_campaign())
    return ws


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> float:
    """Workspaces wait 0.2 s for a lock instead of 10 s (so a minute of retries is 1.2 s)."""
    monkeypatch.setattr(Workspace.__init__, "__kwdefaults__", {"busy_timeout": 0.2})
    return 0.2


def dry_run(ws: Workspace) -> int:
    return start_run(ws, "Promo", None, options=RunOptions(dry_run=True), clock=lambda: T0).run_id


# -- output files that are links or special files ----------------------------------------------------
def _symlink(path: Path) -> Callable[[], None]:
    target = path.with_name("precious.txt")
    target.write_text("keep me\n", encoding="utf-8")
    path.symlink_to(target)
    return lambda: None


def _fifo(path: Path) -> Callable[[], None]:
    os.mkfifo(path)
    return lambda: None


def _device(path: Path) -> Callable[[], None]:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here")
    return lambda: None


KINDS = {"symlink": (_symlink, "a symbolic link"), "fifo": (_fifo, "a named pipe"), "device": (_device, "device")}


def _output_commands(ws: Workspace, run_id: int, out: Path) -> dict[str, list[str]]:
    where = ["--workspace", str(ws.root)]
    return {
        "results export": ["results", "export", str(run_id), "-o", str(out), *where],
        "preview --export-csv": ["preview", "Promo", "--export-csv", str(out), *where],
        "campaign export": ["campaign", "export", "Promo", "-o", str(out), *where],
    }


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("command", ["results export", "preview --export-csv", "campaign export"])
def test_an_output_path_that_is_a_link_or_special_file_is_refused(
    ws: Workspace, tmp_path: Path, kind: str, command: str
) -> None:
    run_id = dry_run(ws)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "export.csv"
    make, what = KINDS[kind]
    make(out)
    before = os.lstat(out)
    code, stdout, err = cli(*_output_commands(ws, run_id, out)[command], "--json")
    assert code == 2, (stdout, err)
    one_line(err, str(out), what, "give the path of a regular file")
    assert one_object(stdout)["exit_code"] == 2
    after = os.lstat(out)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)  # not replaced
    assert {p.name for p in folder.iterdir()} <= {"export.csv", "precious.txt"}  # no temporary file left
    if kind == "symlink":
        assert (folder / "precious.txt").read_text(encoding="utf-8") == "keep me\n"


def test_outputs_to_regular_files_still_replace_them_atomically(ws: Workspace, tmp_path: Path) -> None:
    run_id = dry_run(ws)
    for command, argv in _output_commands(ws, run_id, tmp_path / "x.out").items():
        out = tmp_path / "x.out"
        out.write_text("old\n", encoding="utf-8")
        code, _, err = cli(*argv)
        assert code == 0, (command, err)
        assert out.read_text(encoding="utf-8") != "old\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["ws", "x.out"], command


# -- Vibes answers of the wrong shape ----------------------------------------------------------------
LISTS = "/companies/ck/mobiledb/subscription_lists/"
WRONG = {
    "an object for the lists": {LISTS: {"id": "101", "name": "Main"}},
    "a list of lists": {LISTS: [["101", "Main"]]},
    "a number for a name": {LISTS: [{"id": "101", "name": 5}]},
    "null for an id": {LISTS: [{"id": None, "name": "Main"}]},
    "a number for the campaigns": {LISTS: [], "/companies/ck/campaigns/acquisition": 7},
    "keywords as an object": {
        LISTS: [],
        "/companies/ck/campaigns/acquisition": [{"acquisition_id": "201", "keywords": {"a": 1}}],
    },
    "JSON nested too deep": {LISTS: "[" * 100_000 + "]" * 100_000},
}


def _vibes_answering(answers: dict[str, object]) -> Callable[..., tuple[VibesClient, Callable[[], None]]]:
    def handler(request: httpx.Request) -> httpx.Response:
        body = answers.get(request.url.path, [])
        if isinstance(body, str):
            return httpx.Response(200, content=body.encode(), headers={"content-type": "application/json"})
        return httpx.Response(200, json=body)

    def open_client(ws: Workspace, conn: sqlite3.Connection) -> tuple[VibesClient, Callable[[], None]]:
        client = VibesClient("https://vibes.test", "ck", "user", "pw", transport=httpx.MockTransport(handler))
        return client, client.close

    return open_client


@pytest.mark.parametrize("case", sorted(WRONG))
def test_vibes_answers_of_the_wrong_shape_are_one_line(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    monkeypatch.setattr("smsflow_desktop.cli.commands_vibes.open_client_for_workspace", _vibes_answering(WRONG[case]))
    with ws.session() as conn:
        before = [tuple(r) for r in conn.execute("SELECT id, name FROM vibes_lists ORDER BY id")]
    code, out, err = cli("vibes", "sync", "--workspace", str(ws.root), "--json")
    assert code == 1, (out, err)
    if case == "JSON nested too deep":
        one_line(err, "vibes sync failed, the mirror is unchanged", "not JSON")
    else:
        one_line(err, "vibes sync failed, the mirror is unchanged", "with data this app does not understand")
    assert one_object(out)["exit_code"] == 1
    with ws.session() as conn:
        assert [tuple(r) for r in conn.execute("SELECT id, name FROM vibes_lists ORDER BY id")] == before
    code, out, err = cli("vibes", "test", "--workspace", str(ws.root), "--json")
    data = one_object(out)
    assert "Traceback" not in err
    if WRONG[case].get(LISTS) != []:  # ``vibes test`` reads only the lists
        assert code == 1 and data["ok"] is False, data
        assert "does not understand" in data["problem"] or "not JSON" in data["problem"], data


def test_a_wrong_answer_to_a_request_that_acted_is_in_doubt() -> None:
    """Vibes took the participant and answered something unreadable: that may have texted them."""
    client = VibesClient(
        "https://vibes.test",
        "ck",
        "user",
        "pw",
        transport=httpx.MockTransport(lambda request: httpx.Response(201, json=[{"status": "PENDING"}])),
    )
    with pytest.raises(VibesError, match="does not understand: expected an object, got a list") as caught:
        client.add_participant("201", mdn="+12124560001")
    assert caught.value.may_have_reached


# -- a workspace another program holds while a run writes -------------------------------------------
@contextlib.contextmanager
def lock_at_commit(ws: Workspace, nth: int, *, hold_s: float | None) -> Iterator[threading.Event]:
    """Another connection takes the workspace's write lock just before the run's ``nth`` commit,
    for ``hold_s`` seconds (None: until the block ends, as a long import would)."""
    holder = sqlite3.connect(ws.db_path, isolation_level=None, check_same_thread=False)
    original = StepWriter.commit
    calls = [0]
    taken = threading.Event()

    def commit(self: StepWriter, *args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == nth and not taken.is_set():
            holder.execute("BEGIN IMMEDIATE")
            taken.set()
            if hold_s is not None:
                threading.Timer(hold_s, lambda: holder.execute("ROLLBACK")).start()
        return original(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(StepWriter, "commit", commit)
        try:
            yield taken
        finally:
            if holder.in_transaction:
                holder.execute("ROLLBACK")
            holder.close()


def test_a_run_waits_out_a_workspace_held_briefly_by_another_program(ws: Workspace, short_busy_timeout: float) -> None:
    with lock_at_commit(ws, 2, hold_s=3 * short_busy_timeout) as taken:
        code, out, err = cli("run", "Promo", "--dry-run", "--workspace", str(ws.root), "--json")
    assert taken.is_set()
    assert code == 0, (out, err)
    data = one_object(out)
    assert data["status"] == "completed" and data["counts"]["sent"] == PEOPLE, data


def test_a_run_the_workspace_stays_held_under_fails_with_its_json_then_resumes(
    ws: Workspace, short_busy_timeout: float
) -> None:
    with lock_at_commit(ws, 2, hold_s=None) as taken:
        code, out, err = cli("run", "Promo", "--dry-run", "--workspace", str(ws.root), "--json")
    assert taken.is_set()
    assert code == 1, (out, err)  # a run that ended failed, not bad input
    data = one_object(out)
    assert data["run_id"] == 1 and data["status"] == "failed", data
    assert set(data["counts"]) >= {"sent", "failed", "skipped", "in_doubt"}, data
    for words in ("busy", "run 1 stopped and what it sent so far is recorded", "--resume 1"):
        assert words in data["error"], data
    assert "nothing was saved" not in data["error"]
    one_line(err, "--resume 1")
    code, out, err = cli("run", "Promo", "--resume", "1", "--workspace", str(ws.root), "--json")
    assert code == 0, (out, err)
    data = one_object(out)
    # what was being written when the lock won is in doubt (never done twice), the rest is done
    assert data["status"] == "completed", data
    assert data["counts"]["sent"] + data["counts"]["in_doubt"] == PEOPLE, data


def test_a_run_the_disk_refuses_to_start_says_it_is_recorded(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run row was written; what failed was taking it over. Nothing says "nothing was saved"."""

    def full(conn: sqlite3.Connection, run_id: int, **_lease: object) -> bool:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ledger, "acquire", full)
    code, out, err = cli("run", "Promo", "--dry-run", "--workspace", str(ws.root), "--json")
    assert code == 1, (out, err)
    data = one_object(out)
    assert data["run_id"] == 1 and data["status"] == "failed", data
    assert "disk is full" in data["error"] and "run 1 is recorded" in data["error"] and "--resume 1" in data["error"]
    assert "nothing was saved" not in err
    one_line(err, "disk is full", "run 1 is recorded")
    monkeypatch.undo()
    code, out, _ = cli("runs", "show", "1", "--workspace", str(ws.root), "--json")
    assert code == 0 and one_object(out)["run_id"] == 1


# -- out of range ----------------------------------------------------------------------------------
@pytest.mark.parametrize("run_id", [str(2**63), str(10**30), str(-(2**63) - 1)])
def test_run_ids_beyond_sqlite_integers_are_unknown_runs(ws: Workspace, tmp_path: Path, run_id: str) -> None:
    where = ["--workspace", str(ws.root), "--json"]
    for argv in (
        ["runs", "show", run_id],
        ["results", "export", run_id, "-o", str(tmp_path / "r.csv")],
        ["run", "Promo", "--resume", run_id],
    ):
        code, out, err = cli(*argv, *where)
        assert code == 2, (argv, out, err)
        one_line(err, f"no run {run_id} in this workspace")
        assert one_object(out)["exit_code"] == 2
    assert not (tmp_path / "r.csv").exists()


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--port", "-1", "port must be 0–65535"),
        ("--port", "65536", "port must be 0–65535"),
        ("--port", "99999", "port must be 0–65535"),
        ("--latency-ms", "-5", "--latency-ms must be between 0 and"),
        ("--latency-ms", "nan", "--latency-ms must be between 0 and"),
        ("--latency-jitter-ms", "inf", "--latency-jitter-ms must be between 0 and"),
        ("--delivery-delay", "-1", "--delivery-delay must be between 0 and"),
        ("--rate-limit", "nan", "--rate-limit must be a positive number"),
        ("--rate-limit", "inf", "--rate-limit must be a positive number"),
    ],
)
def test_emulator_arguments_out_of_range_are_refused(tmp_path: Path, option: str, value: str, words: str) -> None:
    argv = [*SMSFLOW, "vibes-emulator", "--state", str(tmp_path / "state"), f"{option}={value}"]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the emulator started anyway: {exc.stdout!r}")
    assert done.returncode == 2 and done.stdout == "", done.stdout
    one_line(done.stderr, words)
    assert not (tmp_path / "state").exists()


@pytest.mark.parametrize("now", ["9999-12-31T23:00:00Z", "0001-01-01T00:00:00Z", "0001-01-01T03:00:00+05:00"])
@pytest.mark.parametrize("command", [["preview", "Promo"], ["run", "Promo", "--dry-run"]])
def test_a_clock_at_the_ends_of_time_is_refused(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, now: str, command: list[str]
) -> None:
    monkeypatch.setenv("SMSFLOW_NOW", now)
    code, out, err = cli(*command, "--workspace", str(ws.root), "--json")
    assert code == 2, (out, err)
    one_line(err, "SMSFLOW_NOW", "out of range")
    assert one_object(out)["exit_code"] == 2
    with ws.session() as conn:
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 0


def test_a_workspace_path_that_is_not_utf8_still_gives_one_json_object(tmp_path: Path) -> None:
    root = os.fsencode(tmp_path) + b"/ws-\xff\xfe"
    for argv in ([b"init"], [b"runs", b"list"], [b"runs", b"show", b"7"]):
        done = subprocess.run(
            [*map(os.fsencode, SMSFLOW), *argv, b"--workspace", root, b"--json"], capture_output=True, timeout=120
        )
        assert b"Traceback" not in done.stderr, done.stderr
        text = done.stdout.decode("utf-8")  # valid UTF-8
        data = one_object(text)
        assert done.returncode in (0, 2), done.stderr
        if argv == [b"init"]:
            assert done.returncode == 0 and data["workspace"].endswith("ws-\\xff\\xfe"), data
    assert Path(os.fsdecode(root), "smsflow.db").is_file()


# -- usage errors with --json --------------------------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [
        ["--json"],
        ["runs", "show", "--json"],
        ["--json", "runs", "show"],
        ["run", "Promo", "--resume", "abc", "--json"],
        ["preview", "Promo", "--step", "x", "--json"],
        ["init", "--json", "--no-such-flag"],
        ["campaign", "import", "f.json", "--on-clash", "maybe", "--json"],
        ["no-such-command", "--json"],
    ],
)
def test_usage_errors_with_json_print_one_object(argv: list[str]) -> None:
    code, out, err = cli(*argv)
    assert code == 2
    data = one_object(out)
    assert data["exit_code"] == 2 and data["error"] and data["usage"].startswith("usage: smsflow"), data
    assert "\n" not in data["usage"]
    one_line(err)


@pytest.mark.parametrize("name", ["-A", "-:", "--Spring"])
def test_a_campaign_name_that_starts_with_a_dash_is_refused_but_one_stored_earlier_is_found(
    ws: Workspace, tmp_path: Path, name: str
) -> None:
    store(ws, send_campaign("Dash"))
    code, out, err = cli("campaign", "export", "Dash", "-o", str(tmp_path / "c.json"), "--workspace", str(ws.root))
    assert code == 0, err
    doc = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    doc["campaign"]["name"] = name
    (tmp_path / "c.json").write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = cli("campaign", "import", str(tmp_path / "c.json"), "--workspace", str(ws.root))
    assert code == 2 and "starts with '-'" in err, err
    one_line(err)
    # A campaign stored before names were checked is still a name on the command line, not an option.
    with ws.session() as conn:
        conn.execute(
            "UPDATE campaigns SET name = ?, document = json_set(document, '$.name', ?) WHERE name = 'Dash'",
            (name, name),
        )
    code, out, err = cli("campaign", "validate", name, "--workspace", str(ws.root), "--json")
    assert code == 1 and one_object(out)["campaign"] == name, (out, err)
    code, out, err = cli("preview", name, "--workspace", str(ws.root), "--json")
    assert code == 0 and one_object(out)["recipients"] == PEOPLE, (out, err)


def test_usage_errors_without_json_keep_argparse_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["runs", "show"])
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("usage: smsflow runs show")


# -- a database file of 0 bytes ------------------------------------------------------------------
def test_an_empty_database_file_is_refused_not_taken_for_a_new_workspace(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    db = root / "smsflow.db"
    db.touch()
    for argv in (["runs", "list"], ["campaign", "list"], ["init"], ["demo", "init", "--people", "5"]):
        code, out, err = cli(*argv, "--workspace", str(root), "--json")
        assert code == 2, (argv, out, err)
        one_line(err, f"{db} is empty (0 bytes), perhaps truncated", "restore it from a backup", "smsflow init")
        assert one_object(out)["exit_code"] == 2
        assert db.stat().st_size == 0, argv  # left as it was, for whoever restores it
    with pytest.raises(WorkspaceError, match=r"is empty \(0 bytes\), perhaps truncated"):
        Workspace.open(root)  # the error the app's open-workspace paths show in a dialog
    db.unlink()
    code, out, err = cli("init", "--workspace", str(root), "--json")
    assert code == 0 and one_object(out)["workspace"] == str(root), err
    assert db.stat().st_size > 0


def test_the_app_shows_the_empty_database_message(qtbot: Any, ws: Workspace, tmp_path: Path) -> None:
    from smsflow_desktop.ui.window import startup
    from smsflow_desktop.ui.window.main_window import MainWindow
    from tests.ui.conftest import ScriptedDialogs

    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "smsflow.db").touch()
    with pytest.raises(WorkspaceError, match=r"is empty \(0 bytes\)"):
        startup.open_existing(empty)  # at start: the app prints it and exits 2
    window = MainWindow(ws)
    window.dialogs = ScriptedDialogs()
    qtbot.addWidget(window)
    assert window.open_workspace_path(empty) is False  # File > Open workspace
    [(kind, _, text)] = window.dialogs.told
    assert kind == "error" and "is empty (0 bytes), perhaps truncated" in text, text
    assert (empty / "smsflow.db").stat().st_size == 0
    window.close()


# -- formulas behind a separator -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("x;=1+1", "x;'=1+1"),
        ("x,=1+1", "x,'=1+1"),
        ("x\t@SUM(A1)", "x\t'@SUM(A1)"),
        ("x\r+1", "x\r'+1"),
        ("x\n-1+1", "x\n'-1+1"),
        ("x; =1+1", "x; '=1+1"),
        ('x;"=1+1', "x;\"'=1+1"),
        ("Ann,\t=HYPERLINK(1)", "Ann,'\t'=HYPERLINK(1)"),
        ("x;=1+1;=2+2", "x;'=1+1;'=2+2"),
        ("=1;=2", "'=1;'=2"),
    ],
)
def test_a_formula_after_a_separator_is_neutralised(text: str, cell: str) -> None:
    assert safe_cell(text) == cell


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("+12125550123", "'+12125550123"),  # E.164 as before: readable, and its + kept
        ("-5", "'-5"),
        ("x;y", "x;y"),
        ("Smith-Jones", "Smith-Jones"),
        ("a, b", "a, b"),
        ("2026-04-06T16:00:00Z", "2026-04-06T16:00:00Z"),
        ("call 555-0123; ask for Ann", "call 555-0123; ask for Ann"),
    ],
)
def test_text_without_a_formula_is_kept(text: str, cell: str) -> None:
    assert safe_cell(text) == cell


def test_exported_cells_with_a_separator_are_quoted_and_neutralised(ws: Workspace, tmp_path: Path) -> None:
    run_id = dry_run(ws)
    out = tmp_path / "results.csv"
    assert cli("results", "export", str(run_id), "-o", str(out), "--workspace", str(ws.root))[0] == 0
    raw = out.read_text(encoding="utf-8")
    assert '"x;\'=1+1"' in raw  # quoted, and the formula after the separator neutralised
    with out.open(encoding="utf-8", newline="") as f:
        cells = [cell for row in csv.reader(f) for cell in row]
    assert "x;'=1+1" in cells
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]


# -- the demo's size -------------------------------------------------------------------------------
def test_a_demo_the_disk_fills_under_says_what_is_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo is written in steps: people first. A full disk after them leaves them there."""

    def full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("smsflow_desktop.services.demo._static_lists", full)
    root = tmp_path / "ws"
    code, out, err = cli("demo", "init", "--people", "20", "--workspace", str(root), "--json")
    assert code == 2, (out, err)
    one_line(err, "disk is full", "may be incomplete", f"delete {root}")
    assert "nothing was saved" not in err
    with Workspace.open(root).session() as conn:
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] > 0  # so it must not say "nothing"


@pytest.mark.parametrize("people", ["99999999999999", "10000001", "-1"])
def test_a_demo_of_absurd_size_is_refused(tmp_path: Path, people: str) -> None:
    argv = [*SMSFLOW, "demo", "init", "--people", people, "--workspace", str(tmp_path / "ws"), "--json"]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail(f"demo init --people {people} set to work instead of refusing")
    assert done.returncode == 2, (done.stdout, done.stderr)
    one_line(done.stderr, "--people", "between 0 and 10,000,000")
    assert one_object(done.stdout)["exit_code"] == 2
    assert not (tmp_path / "ws").exists()
