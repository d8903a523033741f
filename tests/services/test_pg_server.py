"""The test PostgreSQL server: a real server, a fresh database per test, found or clearly missing.

Tests that use the server are marked ``postgresql`` by the plugin itself."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from tests import pg_server as plugin
from tests.pg_server import PgServer

SHARED: dict[str, str] = {}


def test_the_server_is_a_real_postgresql_on_a_unix_socket_only(pg_server: PgServer) -> None:
    with pg_server.admin() as conn:
        version = conn.execute("SELECT version()").fetchone()
        listen = conn.execute("SHOW listen_addresses").fetchone()
        encoding = conn.execute("SHOW server_encoding").fetchone()
        major = conn.info.server_version // 10000
    assert version is not None and version[0].startswith("PostgreSQL ")
    assert major == pg_server.major >= plugin.MIN_MAJOR
    assert listen == ("",)
    assert encoding == ("UTF8",)
    assert any(pg_server.socket_dir.glob(".s.PGSQL.*"))


def test_the_url_names_the_database_the_socket_and_the_superuser(pg_url: str, pg_server: PgServer) -> None:
    parts = conninfo_to_dict(pg_url)
    assert pg_url.startswith("postgresql://")
    assert parts["user"] == "postgres"
    assert Path(str(parts["host"])) == pg_server.socket_dir
    with psycopg.connect(pg_url) as conn:
        row = conn.execute("SELECT current_database(), current_user").fetchone()
    assert row == (parts["dbname"], "postgres")


def test_a_table_made_in_one_test_database(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        conn.execute("CREATE TABLE only_here (id integer PRIMARY KEY)")
        conn.execute("INSERT INTO only_here VALUES (1)")
        conn.commit()
        SHARED["first"] = str(conn.execute("SELECT current_database()").fetchone()[0])  # type: ignore[index]


def test_is_not_in_the_next_tests_database_which_is_empty(pg_url: str, pg_server: PgServer) -> None:
    with psycopg.connect(pg_url) as conn:
        name = conn.execute("SELECT current_database()").fetchone()[0]  # type: ignore[index]
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
    assert tables == (0,)
    if "first" not in SHARED:  # run on its own (-k): the other half of the check did not run
        return
    assert name != SHARED["first"]
    # The previous test's database was dropped when it ended.
    with pg_server.admin() as admin:
        left = admin.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (SHARED["first"],)).fetchone()
    assert left == (0,)


def test_a_database_is_dropped_even_with_a_connection_left_open(pg_server: PgServer) -> None:
    name = pg_server.create_database()
    conn = psycopg.connect(pg_server.url(name))
    try:
        pg_server.drop_database(name)
        with pg_server.admin() as admin:
            left = admin.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (name,)).fetchone()
        assert left == (0,)
    finally:
        conn.close()


def test_a_template_database_is_copied(pg_server: PgServer) -> None:
    template = pg_server.create_database()
    with psycopg.connect(pg_server.url(template)) as conn:
        conn.execute("CREATE TABLE ready (x text)")
    copy = pg_server.create_database(template=template)
    try:
        with psycopg.connect(pg_server.url(copy)) as conn:
            assert conn.execute("SELECT to_regclass('ready') IS NOT NULL").fetchone() == (True,)
    finally:
        pg_server.drop_database(copy)
        pg_server.drop_database(template)


def test_not_postgresql_leaves_out_exactly_the_tests_that_use_the_server() -> None:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "not postgresql",
            __file__,
        ],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    kept = {line.rpartition("::")[2] for line in done.stdout.splitlines() if "::" in line}
    assert "test_a_table_made_in_one_test_database" not in kept
    assert "test_the_server_is_a_real_postgresql_on_a_unix_socket_only" not in kept
    assert "test_no_postgresql_programs_fail_naming_the_package" in kept


def test_a_test_run_that_is_killed_leaves_no_server_running() -> None:
    root = Path(__file__).resolve().parents[2]
    code = "from tests.pg_server import start_server; print(start_server().base_dir, flush=True); input()"
    run = subprocess.Popen(
        [sys.executable, "-c", code], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert run.stdout is not None
        base = Path(run.stdout.readline().strip())
        pid_file = base / "data" / "postmaster.pid"
        assert pid_file.exists(), "the server did not start"
        server_pid = int(pid_file.read_text().split()[0])
    finally:
        run.kill()
        run.wait()
    deadline = time.monotonic() + 30
    while (base.exists() or Path(f"/proc/{server_pid}").exists()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not Path(f"/proc/{server_pid}").exists(), "the server outlived the killed test run"
    assert not base.exists()


def test_no_postgresql_programs_fail_naming_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plugin, "find_bin_dir", lambda: None)
    with pytest.raises(pytest.fail.Exception) as failed:
        plugin.start_server()
    assert "apt-get install postgresql" in str(failed.value)


def test_the_newest_debian_major_is_preferred_when_none_is_on_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_glob = Path.glob
    for major in ("9.6", "15", "17", "notaversion"):
        bin_dir = tmp_path / major / "bin"
        bin_dir.mkdir(parents=True)
        for program in ("initdb", "pg_ctl"):
            (bin_dir / program).write_text("")
    (tmp_path / "18" / "bin").mkdir(parents=True)  # half-installed: no programs

    def glob(self: Path, pattern: str):  # type: ignore[no-untyped-def]
        if self == Path("/usr/lib/postgresql"):
            return real_glob(tmp_path, pattern)
        return real_glob(self, pattern)

    monkeypatch.setattr(plugin.shutil, "which", lambda name: None)
    monkeypatch.setattr(Path, "glob", glob)
    assert plugin.find_bin_dir() == tmp_path / "17" / "bin"
