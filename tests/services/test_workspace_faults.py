"""Disk and database faults: a locked workspace, a full disk, a damaged file. Clear messages,
nothing half-written, and the workspace still opens afterwards."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.services.campaigns import list_campaigns, save_campaign
from smsflow_desktop.services.workspace import Workspace, WorkspaceError, describe_sqlite_error
from tests.model.test_campaign_file import CONTRACT_EXAMPLE


def test_a_workspace_locked_by_another_program(tmp_path: Path) -> None:
    Workspace.open(tmp_path / "ws", create=True)
    holder = sqlite3.connect(tmp_path / "ws" / "smsflow.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        ws = Workspace(tmp_path / "ws", busy_timeout=0.2)
        with pytest.raises((WorkspaceError, sqlite3.OperationalError)) as info, ws.session() as conn:
            save_campaign(conn, Campaign(name="x"))
        text = (
            str(info.value) if isinstance(info.value, WorkspaceError) else describe_sqlite_error(info.value, ws.db_path)
        )
        assert "busy" in text and "another program" in text
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Workspace.open(tmp_path / "ws").session() as conn:
        assert list_campaigns(conn) == []


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 1 MiB tmpfs (needs root and mount rights; skipped elsewhere)."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small filesystem here")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_full_disk_is_reported_and_loses_nothing(
    tiny_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws_dir = tiny_disk / "ws"
    assert main(["init", "--workspace", str(ws_dir)]) == 0
    capsys.readouterr()
    imported: list[str] = []
    failure = ""
    for i in range(200):
        doc = json.loads(json.dumps(CONTRACT_EXAMPLE))
        doc["campaign"]["name"] = f"Campaign {i}"
        doc["campaign"]["description"] = uuid.uuid4().hex * 400  # incompressible, ~12 KB
        src = tmp_path / f"c{i}.smsflow.json"
        src.write_text(json.dumps(doc), encoding="utf-8")
        code = main(["campaign", "import", str(src), "--workspace", str(ws_dir)])
        _out, err = capsys.readouterr()
        if code != 0:
            failure = err
            break
        imported.append(f"Campaign {i}")
    assert failure, "the small disk never filled up"
    assert imported, "the disk was full before the first import; the test proves nothing"
    assert code == 2 and failure.count("\n") == 1 and "disk is full" in failure and "Traceback" not in failure
    # Everything imported before the failure is still there, and nothing half-written.
    ws = Workspace(ws_dir)
    with ws.session() as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert list_campaigns(conn) == sorted(imported, key=str.lower)
