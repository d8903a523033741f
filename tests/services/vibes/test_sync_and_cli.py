"""``smsflow vibes sync / test``, the embedded emulator of a workspace, and ``smsflow vibes-emulator``."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services.vibes import VibesClient, VibesError, open_client_for_workspace
from smsflow_desktop.services.vibes.connect import _running
from smsflow_desktop.services.vibes.emulator import EmulatorServer
from smsflow_desktop.services.vibes.sync import sync_workspace
from smsflow_desktop.services.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path, seed_file: Path) -> Workspace:
    ws = Workspace.open(tmp_path / "ws", create=True)
    ws.emulator_dir.mkdir()
    shutil.copy(seed_file, ws.emulator_dir / "seed.json")
    return ws


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_sync_mirrors_lists_and_campaigns(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run(capsys, "vibes", "sync", "--workspace", str(ws.root))
    assert code == 0 and (data["subscription_lists"], data["acquisition_campaigns"]) == (2, 2)
    with ws.session() as conn:
        assert [tuple(r) for r in conn.execute("SELECT id, name FROM vibes_lists ORDER BY id")] == [
            ("101", "Promotions"),
            ("102", "Alerts"),
        ]
        rows = conn.execute("SELECT id, description, status, keywords FROM vibes_acquisition_campaigns ORDER BY id")
        assert [tuple(r) for r in rows] == [
            ("201", "Spring signup", "active", '["SPRING"]'),
            ("202", "Alerts signup", "active", "[]"),
        ]
        links = conn.execute("SELECT acquisition_id, list_id FROM vibes_acquisition_lists ORDER BY 1").fetchall()
        assert [tuple(r) for r in links] == [("201", "101"), ("202", "102")]
    assert not _running  # the embedded emulator was stopped afterwards
    assert (ws.emulator_dir / "vibes-emulator.db").exists()


def test_sync_removes_what_vibes_no_longer_has_and_keeps_mirror_on_failure(ws: Workspace) -> None:
    with ws.session() as conn:
        conn.execute("INSERT INTO vibes_lists(id, name) VALUES ('999', 'Gone')")
        client, stop = open_client_for_workspace(ws, conn)
        try:
            sync_workspace(conn, client)
        finally:
            stop()
        assert [r[0] for r in conn.execute("SELECT id FROM vibes_lists ORDER BY id")] == ["101", "102"]
        with pytest.raises(VibesError), VibesClient("http://127.0.0.1:9", "acme", "u", "p", max_retries=0) as dead:
            sync_workspace(conn, dead)
        assert conn.execute("SELECT COUNT(*) FROM vibes_lists").fetchone()[0] == 2


def test_embedded_emulator_is_shared_and_released(ws: Workspace) -> None:
    with ws.session() as conn:
        first, stop_first = open_client_for_workspace(ws, conn)
        second, stop_second = open_client_for_workspace(ws, conn)
        assert first.base_url == second.base_url and len(_running) == 1
        stop_first()
        stop_first()  # twice is harmless
        assert len(second.list_subscription_lists()) == 2
        stop_second()
        assert not _running
        with pytest.raises(httpx.ConnectError):
            httpx.get(second.base_url)  # the emulator is gone


def test_vibes_test_plain_answers(
    ws: Workspace, emulator: EmulatorServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, data = run(capsys, "vibes", "test", "--workspace", str(ws.root))
    assert code == 0 and data["ok"] is True and data["subscription_lists"] == 2
    root = str(ws.root)
    for key, value in (
        ("vibes.mode", "remote"),
        ("vibes.base_url", emulator.base_url),
        ("vibes.username", emulator.username),
        ("vibes.company_key", "acme"),
    ):
        main(["settings", "set", key, value, "--workspace", root])
    capsys.readouterr()
    monkeypatch.setenv("SMSFLOW_VIBES_PASSWORD", "wrong-password")
    code, data = run(capsys, "vibes", "test", "--workspace", root)
    assert code == 1 and "refused the user name" in data["problem"] and "wrong-password" not in data["problem"]
    monkeypatch.setenv("SMSFLOW_VIBES_PASSWORD", emulator.password)
    assert run(capsys, "vibes", "test", "--workspace", root)[0] == 0
    main(["settings", "set", "vibes.company_key", "nope", "--workspace", root])
    capsys.readouterr()
    code, data = run(capsys, "vibes", "test", "--workspace", root)
    assert code == 1 and "company key 'nope'" in data["problem"]
    main(["settings", "set", "vibes.base_url", "http://127.0.0.1:9", "--workspace", root])
    capsys.readouterr()
    code, data = run(capsys, "vibes", "test", "--workspace", root)
    assert code == 1 and "cannot reach 127.0.0.1" in data["problem"]


def test_vibes_emulator_command_prints_its_url_and_stops_on_sigterm(tmp_path: Path, seed_file: Path) -> None:
    env = dict(os.environ)  # stdout is a pipe: the first line must be flushed by the command itself
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from smsflow_desktop.cli import main; sys.exit(main())",
            "vibes-emulator",
            "--state",
            str(tmp_path / "st"),
            "--seed",
            str(seed_file),
            "--rate-limit",
            "50",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        assert line.startswith("listening on http://127.0.0.1:")
        url = line.split()[-1]
        r = httpx.get(f"{url}/companies/acme/mobiledb/subscription_lists/", auth=("api-user", "pa55-Word!"))
        assert r.status_code == 200 and len(r.json()) == 2
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "Traceback" not in proc.stderr.read()  # type: ignore[union-attr]


def test_vibes_emulator_bad_seed_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "seed.json"
    bad.write_text('{"subscription_lists": [{"id": "1"}]}', encoding="utf-8")
    assert main(["vibes-emulator", "--state", str(tmp_path / "s"), "--seed", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "$.subscription_lists[0].name" in err and str(bad) in err
    assert main(["vibes-emulator", "--state", str(tmp_path / "s"), "--error-rate", "2"]) == 2
