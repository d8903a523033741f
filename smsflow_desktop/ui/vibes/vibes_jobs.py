"""The Vibes jobs for the runner thread: list sync, the connection test and Vibes extract import.

Like ``ui.run.engine_jobs``, each ``*_job`` returns a :class:`ui.workers.Job` for
:class:`ui.workers.TaskRunner` that opens its own workspace connection and calls only the
services. The extract import reports ``(rows, bytes_done, bytes_total)`` and stops when the
user cancels (the service then rolls the whole file back): the job returns
:class:`ui.workers.Cancelled`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from smsflow_desktop.services.workspace import Workspace
from smsflow_desktop.ui.workers import CancelFlag, Cancelled, Job, JobCancelled, RowProgress, row_progress

if TYPE_CHECKING:
    from smsflow_desktop.services.importers.vibes_extract import ExtractImportResult


def sync_job(root: Path | str) -> Job[dict[str, object], None]:
    """Pull subscription lists and acquisition campaigns from the workspace's Vibes."""
    from smsflow_desktop.services.vibes.connect import open_client_for_workspace
    from smsflow_desktop.services.vibes.sync import sync_workspace

    def job(_report: Callable[[None], None]) -> dict[str, object]:
        ws = Workspace(root)
        with ws.session() as conn:
            client, stop = open_client_for_workspace(ws, conn)
            try:
                return sync_workspace(conn, client).as_dict()
            finally:
                stop()

    return job


@dataclass(frozen=True)
class ConnectionCheck:
    """What a successful connection test found."""

    host: str
    emulated: bool
    subscription_lists: int


def test_connection_job(
    root: Path | str, *, mode: str, base_url: str, username: str, company_key: str, password: str = ""
) -> Job[ConnectionCheck, None]:
    """Check the given (not necessarily saved) Vibes settings; returns a ConnectionCheck.

    In ``remote`` mode an empty ``password`` means the stored one (keyring or environment)."""
    from smsflow_desktop.services import secrets
    from smsflow_desktop.services.vibes.client import VibesClient
    from smsflow_desktop.services.vibes.connect import acquire_workspace_emulator
    from smsflow_desktop.services.vibes.errors import NotConfiguredError
    from smsflow_desktop.services.vibes.transport import check_base_url

    def job(_report: Callable[[None], None]) -> ConnectionCheck:
        if mode == "emulated":
            server, release = acquire_workspace_emulator(Workspace(root), inform=False)
            try:
                with VibesClient(server.base_url, server.company_key, server.username, server.password) as client:
                    client.test_connection()
                    return ConnectionCheck(client.host, True, len(client.list_subscription_lists()))
            finally:
                release()
        missing = [name for name, value in (("user name", username), ("company key", company_key)) if not value.strip()]
        if missing:
            raise NotConfiguredError(f"fill in the {' and the '.join(missing)} first")
        check_base_url(base_url)  # before the password is read or sent
        secret = password or secrets.get_password(base_url, username)
        with VibesClient(base_url, company_key.strip(), username.strip(), secret, max_retries=1) as client:
            client.test_connection()
            return ConnectionCheck(client.host, False, len(client.list_subscription_lists()))

    return job


def import_extract_job(
    root: Path | str, path: Path, *, cancel: CancelFlag
) -> Job[ExtractImportResult | Cancelled, RowProgress]:
    """Import a Vibes subscriber extract; returns the ExtractImportResult (or Cancelled)."""
    from smsflow_desktop.services.importers.vibes_extract import import_vibes_extract

    def job(report: Callable[[RowProgress], None]) -> ExtractImportResult | Cancelled:
        with Workspace(root).session() as conn:
            try:
                return import_vibes_extract(conn, path, progress=row_progress(report, cancel))
            except JobCancelled:
                return Cancelled()

    return job
