"""Disk and database faults for the runner and the importer (the workspace-level cases are in
``tests/services/test_workspace_faults.py``): a campaign or a database held by another
process while a run starts, a read-only folder, a disk that fills up during a people import
and during a run, a damaged database file. Each ends with one clear line, nothing
half-written, and a workspace that still opens and carries on."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services.engine.runner import resume_run, start_run
from smsflow_desktop.services.workspace import Workspace, WorkspaceError
from tests.reliability.conftest import resize_disk
from tests.reliability.scenarios import SMSFLOW, T0, Bench, audit_run, db_digest
from tests.services.engine.helpers import FakeVibes


def cli(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``smsflow ARGV`` in a child process, as a user or a script runs it."""
    return subprocess.run([*SMSFLOW, *argv], capture_output=True, text=True, env=env, timeout=120)


def one_clear_line(err: str, *words: str) -> None:
    assert err.count("\n") == 1 and err.startswith("smsflow: ") and "Traceback" not in err, err
    for word in words:
        assert word in err, err


def write_people_csv(path: Path, rows: int, prefix: str, area: str, pad: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write("external_id,first_name,phone,note\n")
        for i in range(rows):
            f.write(f"{prefix}{i},Ann,+1{area}555{i:04d},{uuid.uuid4().hex * pad}\n")
    return path


@pytest.fixture
def bench(tmp_path: Path) -> Iterator[Bench]:
    b = Bench(tmp_path, 30)
    with b.server:
        yield b


# -- held by another process ---------------------------------------------------------------------
def test_a_second_run_of_a_campaign_another_process_runs_is_refused(
    bench: Bench, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    env = bench.use_remote()
    monkeypatch.setenv("SMSFLOW_VIBES_PASSWORD", env["SMSFLOW_VIBES_PASSWORD"])
    bench.server.faults.latency_ms = 300  # the other process keeps running for a second or two
    other = subprocess.Popen(
        [*SMSFLOW, "run", "Promo", "--workspace", str(bench.ws.root), "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while not bench.events() and time.monotonic() < deadline and other.poll() is None:
            time.sleep(0.02)
        for argv in (["run", "Promo"], ["run", "Promo", "--resume", "1"]):
            code = main([*argv, "--workspace", str(bench.ws.root)])
            assert code == 1, argv
            one_clear_line(capsys.readouterr().err, f"already running (run 1, process {other.pid})")
        assert other.poll() is None  # the refusals happened while it ran
    finally:
        out, err = other.communicate(timeout=60)
    assert other.returncode == 0 and '"status": "completed"' in out, err
    with bench.ws.session() as conn:  # no second run was recorded, nobody entered one
        assert [tuple(r) for r in conn.execute("SELECT id, status FROM runs")] == [(1, "completed")]
        assert {r[0] for r in conn.execute("SELECT DISTINCT run_id FROM campaign_entries")} <= {1}
    assert audit_run(bench.ws, 1, bench.events(), bench.n).clean


def test_a_database_locked_mid_run_then_resumed_in_the_same_process(tmp_path: Path) -> None:
    """The run stops, and even its release cannot be written; the same process (the app)
    resumes it at once, without waiting for the stale-owner timeout."""
    b = Bench(tmp_path, 30)
    ws = Workspace(b.ws.root, busy_timeout=0.2)
    holder = sqlite3.connect(ws.db_path, isolation_level=None, check_same_thread=False)
    fake = FakeVibes(members={"101": set()})

    taking = threading.Lock()  # sends run side by side: only one of them takes the lock

    def lock_on_the_fifth(data: dict) -> None:
        with taking:
            if len(fake.events) == 4 and not holder.in_transaction:
                holder.execute("BEGIN EXCLUSIVE")

    fake.before_send = lock_on_the_fifth
    with pytest.raises(WorkspaceError, match=r"busy .* run 1 stopped and what it sent so far is recorded"):
        start_run(ws, "Promo", fake, clock=lambda: T0)
    holder.execute("ROLLBACK")
    holder.close()
    result = resume_run(ws, 1, fake, clock=lambda: T0)
    assert result.status == "completed"
    assert result.counts["sent"] + result.counts["in_doubt"] == b.n
    numbers = [e["event_data"]["mdn"] for e in fake.events]
    assert len(numbers) == len(set(numbers))


def test_a_database_locked_by_another_process_when_a_run_starts(
    bench: Bench, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env = bench.use_remote()
    before = db_digest(bench.ws.db_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            f"c = sqlite3.connect({str(bench.ws.db_path)!r}, isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        # the workspace waits busy_timeout for the lock; keep that short here
        monkeypatch.setattr(Workspace.__init__, "__kwdefaults__", {"busy_timeout": 0.3})
        monkeypatch.setenv("SMSFLOW_VIBES_PASSWORD", env["SMSFLOW_VIBES_PASSWORD"])
        monkeypatch.setenv("SMSFLOW_NOW", env["SMSFLOW_NOW"])
        started = time.monotonic()
        code = main(["run", "Promo", "--workspace", str(bench.ws.root)])
        assert time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()
    assert code == 2
    one_clear_line(capsys.readouterr().err, "busy", "another program")
    assert db_digest(bench.ws.db_path) == before
    monkeypatch.undo()
    done = cli("run", "Promo", "--workspace", str(bench.ws.root), "--json", env=env)
    assert done.returncode == 0 and '"sent": 30' in done.stdout, done.stderr
    assert audit_run(bench.ws, 1, bench.events(), bench.n).clean


def test_a_people_import_into_a_locked_workspace(
    bench: Bench, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    people = write_people_csv(tmp_path / "p.csv", 5, "L", "212")
    before = db_digest(bench.ws.db_path)
    holder = sqlite3.connect(bench.ws.db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        monkeypatch.setattr(Workspace.__init__, "__kwdefaults__", {"busy_timeout": 0.2})
        assert main(["people", "import", str(people), "--workspace", str(bench.ws.root)]) == 2
        one_clear_line(capsys.readouterr().err, "busy", "another program", "nothing was imported")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert db_digest(bench.ws.db_path) == before


# -- read-only ---------------------------------------------------------------------------------
def test_a_read_only_workspace_folder(
    read_only_mount: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, view = read_only_mount
    b = Bench(tmp_path, 5, ws_root=source / "ws")
    before = db_digest(b.ws.db_path)
    people = write_people_csv(tmp_path / "people.csv", 3, "R", "212")
    campaign = tmp_path / "c.smsflow.json"
    assert main(["campaign", "export", "Promo", "-o", str(campaign), "--workspace", str(b.ws.root)]) == 0
    for argv in (
        ["run", "Promo", "--dry-run"],
        ["people", "import", str(people)],
        ["campaign", "import", str(campaign)],
        ["runs", "list"],
    ):
        capsys.readouterr()
        code = main([*argv, "--workspace", str(view / "ws")])
        assert code == 2, argv
        one_clear_line(capsys.readouterr().err, "writable")
    assert not (view / "ws" / "smsflow.db-wal").exists()
    assert db_digest(b.ws.db_path) == before
    assert main(["run", "Promo", "--dry-run", "--workspace", str(b.ws.root)]) == 0
    for argv in (
        ["campaign", "export", "Promo", "-o", str(view / "out.json")],  # writable workspace, read-only target
        ["results", "export", "1", "-o", str(view / "out.csv")],
        ["preview", "Promo", "--export-csv", str(view / "out.csv")],
    ):
        capsys.readouterr()
        assert main([*argv, "--workspace", str(b.ws.root)]) == 2, argv
        one_clear_line(capsys.readouterr().err, "cannot write")
    assert sorted(p.name for p in source.iterdir()) == ["ws"]  # nothing half-written beside it
    with b.ws.session() as conn:  # the same workspace, where it can be written, carries on
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- disk full ------------------------------------------------------------------------------------
def test_disk_full_during_a_people_import(
    small_disk: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws_dir = small_disk("1m") / "ws"
    assert main(["init", "--workspace", str(ws_dir)]) == 0
    assert (
        main(
            ["people", "import", str(write_people_csv(tmp_path / "a.csv", 20, "A", "212")), "--workspace", str(ws_dir)]
        )
        == 0
    )
    capsys.readouterr()
    before = db_digest(ws_dir / "smsflow.db")
    big = write_people_csv(tmp_path / "big.csv", 6000, "B", "312", pad=4)  # ~900 KB of people
    code = main(["people", "import", str(big), "--workspace", str(ws_dir)])
    err = capsys.readouterr().err
    assert code == 2
    one_clear_line(err, "disk is full", "nothing was imported")
    assert db_digest(ws_dir / "smsflow.db") == before  # all or nothing
    with Workspace.open(ws_dir).session() as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert (
        main(
            ["people", "import", str(write_people_csv(tmp_path / "c.csv", 20, "C", "415")), "--workspace", str(ws_dir)]
        )
        == 0
    )  # a smaller file still fits
    with Workspace.open(ws_dir).session() as conn:
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 40


def test_disk_full_during_a_run_then_resume(small_disk: Callable[[str], Path], tmp_path: Path) -> None:
    disk = small_disk("4m")
    b = Bench(tmp_path, 200, ws_root=disk / "ws")
    with b.server:
        env = b.use_remote()
        seen = [0]
        lock = threading.Lock()
        delay = b.server.injector.delay

        def fill_the_disk_at_the_60th_request() -> None:
            with lock:
                seen[0] += 1
                if seen[0] == 60:
                    with open(disk / "ballast", "wb") as f:
                        try:
                            while True:
                                f.write(b"\0" * 65536)
                                f.flush()
                        except OSError:
                            pass
            delay()

        b.server.injector.delay = fill_the_disk_at_the_60th_request  # type: ignore[method-assign]
        b.server.faults.latency_ms = 5
        failed = cli("run", "Promo", "--workspace", str(b.ws.root), "--json", env=env)
        assert failed.returncode == 1, failed.stderr  # a run that ended failed
        one_clear_line(failed.stderr, "disk is full; run 1 stopped and what it sent so far is recorded")
        stopped = json.loads(failed.stdout)
        assert (stopped["run_id"], stopped["status"]) == (1, "failed") and "--resume 1" in stopped["error"], stopped
        assert 0 < len(b.events()) < b.n
        (disk / "ballast").unlink()
        resize_disk(disk, "16m")
        done = cli("run", "Promo", "--resume", "1", "--workspace", str(b.ws.root), "--json", env=env)
        assert done.returncode == 0 and '"status": "completed"' in done.stdout, done.stderr
        audit = audit_run(b.ws, 1, b.events(), b.n)
    assert audit.clean, audit.summary()  # nobody twice, nobody lost; answers the disk refused are in doubt


# -- a damaged database ----------------------------------------------------------------------------
def _damage(db: Path, how: str) -> None:
    data = bytearray(db.read_bytes())
    if how == "header":
        data[0:100] = b"\x13" * 100
    elif how == "truncated":
        data = data[: len(data) // 3]
    else:  # garbage over every page after the schema
        page = int.from_bytes(data[16:18], "big") or 65536
        for start in range(2 * page, len(data), page):
            data[start + 8 : start + page] = bytes(((start + i) * 7) & 0xFF for i in range(page - 8))
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["header", "truncated", "pages"])
def test_a_damaged_database_file(how: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    b = Bench(tmp_path, 40)
    people = write_people_csv(tmp_path / "p.csv", 5, "D", "212")
    _damage(b.ws.db_path, how)
    damaged = hashlib.sha256(b.ws.db_path.read_bytes()).hexdigest()
    failures = 0
    for argv in (
        ["runs", "list"],
        ["campaign", "list"],
        ["preview", "Promo"],
        ["run", "Promo", "--dry-run"],
        ["people", "import", str(people)],
    ):
        code = main([*argv, "--workspace", str(b.ws.root)])
        err = capsys.readouterr().err
        assert code in (0, 1, 2) and "Traceback" not in err, (argv, err)
        if code == 2:
            failures += 1
            one_clear_line(err, "smsflow.db")
            assert "damaged" in err or "not a valid" in err, err
    assert failures >= (5 if how == "header" else 1)
    if how == "header":  # nothing could be read, so nothing was written
        assert hashlib.sha256(b.ws.db_path.read_bytes()).hexdigest() == damaged
