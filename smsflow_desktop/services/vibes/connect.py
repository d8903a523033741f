"""A Vibes client for a workspace: the embedded emulator, or the real API from the settings.

With ``vibes.mode = emulated`` the workspace's emulator (state in ``<workspace>/emulator``,
seeded from ``emulator/seed.json`` on its first start) runs in this process on a free
loopback port; several callers in one process share it, and it stops when the last of
them calls its stop function. A team workspace's emulator keeps its state in the workspace's
PostgreSQL database (so every process's emulator serves the same account); its seed file is
``seed.json`` in the workspace's local folder on this computer (:attr:`Workspace.emulator_dir`). With ``remote`` the client uses ``vibes.base_url``,
``vibes.username``, ``vibes.company_key`` and the password from :mod:`services.secrets`;
a ``vibes.base_url`` that would carry the password unencrypted (``http://`` to another
computer, stored before that was refused) raises :class:`NotConfiguredError` first.

Texts go from ``vibes.short_code`` (Vibes' ``sourcecode``), whose country calling code is
that of the workspace's ``default_region`` (``US`` and ``CA``: 1; a company texts from a
short code of its own country). In remote mode the client refuses to create an
event-triggered message without a short code (:func:`short_code_problems` tells a run so
before it starts); in emulated mode a workspace without one texts from the emulator's.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import phonenumbers

from smsflow_desktop.model.validation import Problem
from smsflow_desktop.services import secrets
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.store import is_database_url
from smsflow_desktop.services.vibes.client import VibesClient
from smsflow_desktop.services.vibes.emulator import EmulatorServer
from smsflow_desktop.services.vibes.errors import NotConfiguredError
from smsflow_desktop.services.vibes.feed import WorkspaceFeed
from smsflow_desktop.services.vibes.ratelimit import RateLimits
from smsflow_desktop.services.vibes.transport import check_base_url
from smsflow_desktop.services.workspace import Workspace

SEED_NAME = "seed.json"
#: What an emulated workspace texts from when neither it nor its emulator has a short code.
EMULATED_SHORT_CODE = "55555"

_lock = threading.Lock()
_running: dict[Path | str, list] = {}  # emulator dir or database URL -> [EmulatorServer, users, WorkspaceFeed | None]


def rate_limits_from_settings(conn: sqlite3.Connection) -> RateLimits:
    return RateLimits(
        events=float(get_setting(conn, "vibes.rate_limit.events")),
        company=float(get_setting(conn, "vibes.rate_limit.company")),
    )


def sourcecode_country(conn: sqlite3.Connection) -> str:
    """The country calling code of the short code: that of the workspace's ``default_region``."""
    code = phonenumbers.country_code_for_region(get_setting(conn, "default_region"))
    return str(code or 1)


def short_code_problems(conn: sqlite3.Connection, *, dry_run: bool) -> list[Problem]:
    """Why a run that sends cannot start with these settings: in remote mode, no
    ``vibes.short_code`` (problem code ``missing_short_code``). Empty for a dry run."""
    if dry_run or get_setting(conn, "vibes.mode") != "remote" or get_setting(conn, "vibes.short_code").strip():
        return []
    return [
        Problem(
            "missing_short_code",
            "vibes.short_code is not set: Vibes texts go from the company's short code; set it with "
            "smsflow settings set vibes.short_code CODE (or in the app's Vibes settings)",
            field="vibes.short_code",
        )
    ]


def emulator_state(ws: Workspace) -> Path | str:
    """Where the workspace's embedded emulator keeps its state: the database URL of a team
    workspace, else its emulator folder."""
    return ws.root if is_database_url(ws.root) else ws.emulator_dir


def _key(state: Path | str) -> Path | str:
    return state if is_database_url(state) else Path(state).resolve()


def acquire_workspace_emulator(ws: Workspace, *, inform: bool = True) -> tuple[EmulatorServer, Callable[[], None]]:
    """:func:`acquire_emulator` for the workspace's own emulator (with ``inform``, keeping the
    workspace informed)."""
    return acquire_emulator(emulator_state(ws), ws if inform else None, seed_dir=ws.emulator_dir)


def acquire_emulator(
    state_dir: Path | str, workspace: Workspace | None = None, *, seed_dir: Path | None = None
) -> tuple[EmulatorServer, Callable[[], None]]:
    """Start (or share) the embedded emulator for ``state_dir`` (a folder, or a team
    workspace's database URL); the callable releases it. Its seed on first start is
    ``seed.json`` in ``seed_dir`` (default: the state folder). With ``workspace``, the emulator
    tells it of opt-ins, opt-outs, routing and receipts as they happen (:mod:`.feed`), as
    callbacks would."""
    key = _key(state_dir)
    with _lock:
        entry = _running.get(key)
        if entry is None:
            folder = Path(seed_dir) if seed_dir is not None else key
            seed = folder / SEED_NAME if isinstance(folder, Path) else None
            server = EmulatorServer(key, seed=seed if seed is not None and seed.is_file() else None).start()
            entry = _running[key] = [server, 0, None]
        if workspace is not None and entry[2] is None:
            entry[2] = WorkspaceFeed(workspace, entry[0])
        entry[1] += 1
    released = threading.Event()

    def release() -> None:
        if released.is_set():
            return
        released.set()
        with _lock:
            entry[1] -= 1
            if entry[1] > 0:
                return
            _running.pop(key, None)
        if entry[2] is not None:
            entry[0].settle_receipts()  # the texts it routed are delivered, also after it stops
            entry[2].close()
        entry[0].stop()

    return entry[0], release


def emulator_feed(ws: Workspace) -> WorkspaceFeed | None:
    """The feed that keeps ``ws`` informed by its running embedded emulator, if one runs."""
    with _lock:
        entry = _running.get(_key(emulator_state(ws)))
    return entry[2] if entry else None


def open_client_for_workspace(ws: Workspace, conn: sqlite3.Connection) -> tuple[VibesClient, Callable[[], None]]:
    """A client for the workspace's Vibes, and a function that releases what was started."""
    limits = rate_limits_from_settings(conn)
    if get_setting(conn, "vibes.mode") == "emulated":
        server, release = acquire_workspace_emulator(ws)
        client = VibesClient(
            server.base_url,
            server.company_key,
            server.username,
            server.password,
            rate_limits=limits,
            sourcecode=get_setting(conn, "vibes.short_code").strip() or server.short_code or EMULATED_SHORT_CODE,
            sourcecode_country=sourcecode_country(conn),
        )

        def stop() -> None:
            client.close()
            release()

        return client, stop
    base_url = get_setting(conn, "vibes.base_url")
    check_base_url(base_url)  # an old workspace may hold an http:// URL: refused before the password is read
    username = get_setting(conn, "vibes.username")
    company_key = get_setting(conn, "vibes.company_key")
    missing = [k for k, v in (("vibes.username", username), ("vibes.company_key", company_key)) if not v]
    if missing:
        raise NotConfiguredError(
            f"Vibes is not configured: set {' and '.join(missing)} (smsflow settings set KEY VALUE)"
        )
    try:
        password = secrets.get_password(base_url, username)
    except secrets.SecretsError as exc:
        raise NotConfiguredError(str(exc)) from None
    client = VibesClient(
        base_url,
        company_key,
        username,
        password,
        rate_limits=limits,
        sourcecode=get_setting(conn, "vibes.short_code").strip() or None,
        sourcecode_country=sourcecode_country(conn),
        require_sourcecode=True,
    )
    return client, client.close
