"""Keeping campaigns running when the app is closed: the agent as a systemd user service.

On Linux, :func:`install` writes ``$XDG_CONFIG_HOME/systemd/user/smsflow-agent-<id>.service``
(``~/.config`` when the variable is not set), whose ``ExecStart`` is ``smsflow agent --workspace
DIR`` (the ``smsflow`` script installed next to this Python, else the first on ``PATH``, else
``python -m smsflow_desktop.cli``), then runs ``systemctl --user daemon-reload`` and
``systemctl --user enable --now`` when ``systemctl`` is there. ``<id>`` is a short digest of the
workspace folder, so each workspace has its own service (a team database's is named by its
URL, never with a password: the agent then reads the password where the app does, from
``PGPASSWORD``, ``~/.pgpass`` or the keyring); when systemd refuses it, the file is taken back. :func:`remove`
stops and disables the service and deletes the file. While the service is there
(:func:`takes_over`: its file, and systemctl to run it), the app leaves the work to it and runs
no agent of its own. The functions say what they did as a :class:`ServiceOutcome`; the
window turns it into words. launchd (macOS) and Task Scheduler (Windows) are not offered.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SERVICE_PREFIX = "smsflow-agent-"
SYSTEMCTL_TIMEOUT_S = 60


class ServiceError(RuntimeError):
    """The service cannot be installed or removed here; the message says why."""


@dataclass
class ServiceOutcome:
    """What :func:`install` or :func:`remove` did.

    ``state``: ``started`` (systemd runs it), ``stopped`` (systemd stopped it and the file is
    gone), ``no_systemctl`` (the file was written or removed, systemctl is not there),
    ``systemctl_failed`` (systemctl answered with an error: ``detail``)."""

    state: str
    path: Path
    name: str
    commands: list[list[str]] = field(default_factory=list)
    detail: str = ""


def workspace_arg(root: Path | str) -> str:
    """The workspace as the agent is told it: a folder's absolute path, a database's URL
    without any password."""
    from smsflow_desktop.ui.window.window_state import is_database_location, location_text

    return location_text(root) if is_database_location(root) else str(Path(root).resolve())


def service_id(root: Path | str) -> str:
    """A short, stable id of the workspace (a digest of its absolute path or URL)."""
    return hashlib.sha256(workspace_arg(root).encode("utf-8")).hexdigest()[:12]


def service_name(root: Path | str) -> str:
    return f"{SERVICE_PREFIX}{service_id(root)}.service"


def unit_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where systemd looks for the user's own units."""
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or ""
    config = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return config / "systemd" / "user"


def unit_path(root: Path | str, env: Mapping[str, str] | None = None) -> Path:
    return unit_dir(env) / service_name(root)


def is_installed(root: Path | str, env: Mapping[str, str] | None = None) -> bool:
    """Whether the workspace's service file exists (then the app runs no agent of its own)."""
    return unit_path(root, env).is_file()


def takes_over(
    root: Path | str, env: Mapping[str, str] | None = None, which: Callable[[str], str | None] = shutil.which
) -> bool:
    """Whether the service does the workspace's work: its file is installed and systemd is
    there to run it (a file written where systemctl is missing runs nothing)."""
    return is_installed(root, env) and sys.platform.startswith("linux") and which("systemctl") is not None


def agent_command(root: Path | str, which: Callable[[str], str | None] = shutil.which) -> list[str]:
    """The command line of the agent for the workspace at ``root``."""
    here = Path(sys.executable).with_name("smsflow")
    if here.is_file() and os.access(here, os.X_OK):
        script: str | None = str(here)
    else:
        script = which("smsflow")
    head = [script] if script else [sys.executable, "-m", "smsflow_desktop.cli"]
    return [*head, "agent", "--workspace", workspace_arg(root)]


def _escape(text: str) -> str:
    """``text`` as systemd reads it in a unit file: ``%`` specifiers and ``$`` expansion off."""
    return text.replace("%", "%%")


def _quote(arg: str) -> str:
    """One ``ExecStart`` argument, double-quoted (spaces, quotes and backslashes kept as they are)."""
    return '"' + _escape(arg).replace("\\", "\\\\").replace('"', '\\"').replace("$", "$$") + '"'


def unit_text(root: Path | str, command: Sequence[str]) -> str:
    """The service file: the agent for the workspace at ``root``, restarted if it fails, stopped
    with SIGTERM (the agent pauses its run and exits within seconds), started with the session."""
    for part in (workspace_arg(root), *command):
        if any(ch in part for ch in "\n\r\0"):
            raise ServiceError(f"{part!r} holds a line break; systemd cannot run it")
    return (
        "[Unit]\n"
        f"Description=smsflow agent for the workspace {_escape(workspace_arg(root))}\n"
        "After=network-online.target\n"
        "Wants=network-online.target\n"
        "\n"
        "[Service]\n"
        "Type=simple\n"
        f"ExecStart={' '.join(_quote(part) for part in command)}\n"
        "Restart=on-failure\n"
        "RestartSec=15\n"
        "KillSignal=SIGTERM\n"
        "TimeoutStopSec=30\n"
        "\n"
        "[Install]\n"
        "WantedBy=default.target\n"
    )


def _check_platform() -> None:
    if not sys.platform.startswith("linux"):
        raise ServiceError(
            "keeping campaigns running as a service needs Linux with systemd; elsewhere, start "
            "'smsflow agent --workspace DIR' yourself (launchd, Task Scheduler)"
        )


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=SYSTEMCTL_TIMEOUT_S, check=False)


def _systemctl(
    systemctl: str, steps: list[list[str]], outcome: ServiceOutcome, run: Callable[[list[str]], object]
) -> bool:
    """Run ``systemctl --user STEP`` for each step, recording them; False (and the error in
    ``outcome``) at the first that fails."""
    for step in steps:
        command = [systemctl, "--user", *step]
        outcome.commands.append(command)
        try:
            result = run(command)
        except (OSError, subprocess.SubprocessError) as exc:
            outcome.state, outcome.detail = "systemctl_failed", str(exc)
            return False
        code = getattr(result, "returncode", 0)
        if code != 0:
            said = (getattr(result, "stderr", "") or getattr(result, "stdout", "") or "").strip()
            outcome.state = "systemctl_failed"
            outcome.detail = said.splitlines()[-1] if said else f"{' '.join(command)} exited with {code}"
            return False
    return True


def install(
    root: Path | str,
    *,
    env: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
    run: Callable[[list[str]], object] = _run,
) -> ServiceOutcome:
    """Write the workspace's service file and start it with systemd (when systemctl is there).
    When systemd refuses it, the file is deleted again: nothing is left half installed."""
    _check_platform()
    path, name = unit_path(root, env), service_name(root)
    text = unit_text(root, agent_command(root, which))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".service.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise ServiceError(f"cannot write {path}: {exc.strerror or exc}") from None
    outcome = ServiceOutcome("started", path, name)
    systemctl = which("systemctl")
    if systemctl is None:
        outcome.state = "no_systemctl"
        return outcome
    if not _systemctl(systemctl, [["daemon-reload"], ["enable", "--now", name]], outcome, run):
        path.unlink(missing_ok=True)
        _systemctl(systemctl, [["daemon-reload"]], ServiceOutcome("stopped", path, name), run)
    return outcome


def remove(
    root: Path | str,
    *,
    env: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
    run: Callable[[list[str]], object] = _run,
) -> ServiceOutcome:
    """Stop and disable the workspace's service (when systemctl is there) and delete its file.

    The file goes even when systemctl refuses (a unit systemd never loaded cannot be disabled):
    the outcome then says ``systemctl_failed`` with systemd's words."""
    path, name = unit_path(root, env), service_name(root)
    outcome = ServiceOutcome("stopped", path, name)
    systemctl = which("systemctl") if sys.platform.startswith("linux") else None
    stopped = systemctl is not None and _systemctl(systemctl, [["disable", "--now", name]], outcome, run)
    if systemctl is None:
        outcome.state = "no_systemctl"
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise ServiceError(f"cannot delete {path}: {exc.strerror or exc}") from None
    if systemctl is not None:
        reloaded = ServiceOutcome("stopped", path, name)
        _systemctl(systemctl, [["daemon-reload"]], reloaded, run)
        outcome.commands += reloaded.commands
        if stopped and reloaded.state != "stopped":
            outcome.state, outcome.detail = reloaded.state, reloaded.detail
    return outcome
