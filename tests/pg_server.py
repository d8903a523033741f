"""A real PostgreSQL server for the tests, started once per test session in a temporary folder.

Loaded from ``tests/conftest.py`` (``pytest_plugins``). Fixtures:

- ``pg_server`` (session): a :class:`PgServer` listening only on a Unix socket in its own
  temporary folder (no TCP port), with durability turned off for speed. The server programs
  are looked up on ``PATH``, then in Debian's ``/usr/lib/postgresql/<major>/bin`` (highest
  major first). When none are found the fixture fails, naming the package to install: the
  tests that need the server must not be skipped without a word.
- ``pg_url`` (function): the URL of a fresh, empty database for one test,
  ``postgresql://postgres@/t_<n>?host=<socket folder>``; dropped after the test, open
  connections and all.
- ``pg_template_name`` (session): the database that ``pg_url`` copies; ``None`` (PostgreSQL's
  empty ``template1``) unless a conftest overrides it with a ready-made template.

Every test that uses the server gets the ``postgresql`` marker, so ``-m "not postgresql"``
leaves them out. As root, the server runs as the ``postgres`` system user (PostgreSQL refuses
to run as root); its folder then belongs to that user. When the test run is killed before its
teardown (``kill -9``, ``timeout``), a small watcher process stops the server and deletes its
folder, so no server is left running.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import re
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from psycopg import sql

INSTALL_HINT = "apt-get install postgresql"
MIN_MAJOR = 15
SERVER_OPTIONS = (
    "-c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
)
START_TIMEOUT_S = 60


def find_bin_dir() -> Path | None:
    """The folder with ``initdb`` and ``pg_ctl``: the one on ``PATH``, else Debian's newest."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    candidates = []
    for bin_dir in Path("/usr/lib/postgresql").glob("*/bin"):
        major = bin_dir.parent.name
        if re.fullmatch(r"\d+(\.\d+)?", major) and (bin_dir / "initdb").is_file() and (bin_dir / "pg_ctl").is_file():
            candidates.append((tuple(int(part) for part in major.split(".")), bin_dir))
    if not candidates:
        return None
    return max(candidates)[1]


def server_major(bin_dir: Path) -> int:
    """The major version of the server programs in ``bin_dir`` (``pg_ctl --version``)."""
    out = subprocess.run([str(bin_dir / "pg_ctl"), "--version"], capture_output=True, text=True, check=True).stdout
    found = re.search(r"(\d+)(?:\.\d+)?", out)
    if found is None:
        raise RuntimeError(f"cannot read the version of {bin_dir / 'pg_ctl'}: {out.strip()!r}")
    return int(found.group(1))


@dataclass
class PgServer:
    """A running throwaway PostgreSQL server, reached on the Unix socket in ``socket_dir``."""

    bin_dir: Path
    base_dir: Path
    major: int
    user: str = "postgres"
    _run_as: str | None = None
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _watchdog: subprocess.Popen[bytes] | None = None

    @property
    def data_dir(self) -> Path:
        return self.base_dir / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base_dir

    @property
    def log_file(self) -> Path:
        return self.base_dir / "server.log"

    def url(self, dbname: str = "postgres") -> str:
        """A ``postgresql://`` URL of database ``dbname`` on this server."""
        return f"postgresql://{self.user}@/{dbname}?host={quote(str(self.socket_dir), safe='/')}"

    @contextlib.contextmanager
    def admin(self) -> Iterator[psycopg.Connection]:
        """An autocommit connection to the ``postgres`` database as the superuser."""
        with psycopg.connect(self.url(), autocommit=True) as conn:
            yield conn

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (a copy of ``template`` if given); its name."""
        name = f"t_{next(self._names)}"
        # FILE_COPY copies the template's files instead of writing them all to the WAL: faster
        # with fsync off, the more so the bigger the template.
        query = sql.SQL("CREATE DATABASE {} STRATEGY FILE_COPY").format(sql.Identifier(name))
        if template is not None:
            query = sql.SQL("{} TEMPLATE {}").format(query, sql.Identifier(template))
        with self.admin() as conn:
            conn.execute(query)
        return name

    def drop_database(self, name: str) -> None:
        """Drop database ``name``, ending any connection still open to it."""
        with self.admin() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def _as_server_user(self) -> dict[str, object]:
        """``subprocess`` arguments that run a program as the server's user (``postgres`` when we are root)."""
        if self._run_as is None:
            return {}
        entry = pwd.getpwnam(self._run_as)
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}

    def _run(self, *args: str, timeout: float = START_TIMEOUT_S) -> subprocess.CompletedProcess[str]:
        """Run a server program (as ``postgres`` when we are root); output in the result."""
        command = [str(self.bin_dir / args[0]), *args[1:]]
        kwargs = self._as_server_user()
        # Output goes to a file, not a pipe: the server pg_ctl leaves running must not hold our pipe open.
        with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as out:
            done = subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                cwd=self.base_dir,
                check=False,
                **kwargs,  # type: ignore[arg-type]
            )
            out.seek(0)
            return subprocess.CompletedProcess(command, done.returncode, out.read(), "")

    def start(self) -> None:
        """initdb and start; raises RuntimeError with the programs' output when either fails."""
        init = self._run(
            "initdb",
            "-D",
            str(self.data_dir),
            "-A",
            "trust",
            "-U",
            self.user,
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed (exit {init.returncode}):\n{init.stdout[-3000:]}")
        options = f"-k {shlex.quote(str(self.socket_dir))} {SERVER_OPTIONS}"
        started = self._run(
            "pg_ctl",
            "-D",
            str(self.data_dir),
            "-l",
            str(self.log_file),
            "-w",
            "-t",
            str(START_TIMEOUT_S),
            "-o",
            options,
            "start",
            timeout=START_TIMEOUT_S + 15,
        )
        if started.returncode != 0:
            log = self.log_file.read_text(encoding="utf-8", errors="replace") if self.log_file.exists() else ""
            raise RuntimeError(
                f"pg_ctl start failed (exit {started.returncode}):\n{started.stdout[-2000:]}\n"
                f"server log:\n{log[-3000:]}"
            )

    def watch(self, owner_pid: int) -> None:
        """Stop the server and delete its folder when process ``owner_pid`` ends without doing so
        (killed, or stopped by ``timeout``): no server is left running on the machine. Linux only
        (it looks in /proc); elsewhere nothing watches."""
        if not Path(f"/proc/{owner_pid}").is_dir():
            return
        script = 'while [ -d "/proc/$1" ]; do sleep 1; done; "$2" -D "$3" -m immediate -w stop; rm -rf "$4"'
        self._watchdog = subprocess.Popen(
            ["sh", "-c", script, "pg-watchdog", str(owner_pid), str(self.bin_dir / "pg_ctl"), str(self.data_dir)]
            + [str(self.base_dir)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C or a signal to the test run's group does not end it
            **self._as_server_user(),  # type: ignore[arg-type]
        )

    def stop(self) -> None:
        """Stop the server (fast: open sessions are ended), immediately if that does not work."""
        if self._watchdog is not None:
            self._watchdog.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._watchdog.wait(timeout=10)
            self._watchdog = None
        if not (self.data_dir / "postmaster.pid").exists():
            return
        stopped = self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "-t", "30", "stop", timeout=45)
        if stopped.returncode != 0:
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop", timeout=45)


def start_server() -> PgServer:
    """Start a throwaway server in a new temporary folder; fails the test with a clear reason."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.fail(
            "PostgreSQL's server programs (initdb, pg_ctl) were not found on PATH or in "
            f"/usr/lib/postgresql/*/bin; install them with: {INSTALL_HINT}",
            pytrace=False,
        )
    try:
        major = server_major(bin_dir)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        pytest.fail(f"cannot run PostgreSQL's pg_ctl in {bin_dir}: {exc}", pytrace=False)
    if major < MIN_MAJOR:
        pytest.fail(f"PostgreSQL {major} in {bin_dir} is too old: the tests need {MIN_MAJOR} or newer", pytrace=False)
    run_as = None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        run_as = "postgres"
        try:
            pwd.getpwnam(run_as)
        except KeyError:
            pytest.fail(
                "running as root, and PostgreSQL refuses to run as root: the tests start it as the "
                f"'postgres' system user, which does not exist; install it with: {INSTALL_HINT}",
                pytrace=False,
            )
    base_dir = Path(tempfile.mkdtemp(prefix="smsflow-pg-"))
    if run_as is not None:
        entry = pwd.getpwnam(run_as)
        os.chown(base_dir, entry.pw_uid, entry.pw_gid)
    server = PgServer(bin_dir=bin_dir, base_dir=base_dir, major=major, _run_as=run_as)
    try:
        server.start()
        server.watch(os.getpid())
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            server.stop()
        shutil.rmtree(base_dir, ignore_errors=True)
        pytest.fail(f"could not start a PostgreSQL {major} server from {bin_dir}: {exc}", pytrace=False)
    return server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server for the whole test session (see the module docstring)."""
    server = start_server()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.base_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_template_name() -> str | None:
    """The database ``pg_url`` copies; override to hand out a prepared one (None: empty)."""
    return None


@pytest.fixture
def pg_url(pg_server: PgServer, pg_template_name: str | None) -> Iterator[str]:
    """The URL of a fresh database for this test, dropped after it."""
    name = pg_server.create_database(template=pg_template_name)
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop_database(name)


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that use the server carry the ``postgresql`` marker (``-m "not postgresql"``)."""
    for item in items:
        if "pg_server" in getattr(item, "fixturenames", ()) and item.get_closest_marker("postgresql") is None:
            item.add_marker(pytest.mark.postgresql)
