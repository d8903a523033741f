"""Vibes security: a callback changes the workspace only when it carries the workspace's
callback secret (kept in the keyring or the environment, never in the workspace or a log);
the password travels only over https (or to this computer); and what a Vibes server echoes
back (the Authorization header, the password, the callback URL) never reaches an error
message, a run's error, the activity log or the log."""

from __future__ import annotations

import base64
import contextlib
import io
import json
import logging
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import keyring
import pytest

from smsflow_desktop.cli import main
from smsflow_desktop.services import secrets
from smsflow_desktop.services.engine.runner import start_run
from smsflow_desktop.services.settings import SettingError, check_setting, get_setting
from smsflow_desktop.services.vibes import VibesClient, VibesError
from smsflow_desktop.services.vibes.callbacks import CallbackReceiver, apply_callback
from smsflow_desktop.services.vibes.connect import open_client_for_workspace
from smsflow_desktop.services.vibes.errors import NotConfiguredError
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.keyrings import MemoryKeyring, memory_keyring  # noqa: F401 - a fixture, used through `keyring_store`
from tests.reliability.scenarios import FAST, T0, db_digest
from tests.services.engine.helpers import add_member, add_person, make_workspace, send_campaign, store

PASSWORD = "Zebra-7!s3cret-Only-Here"
ODD_PASSWORD = 'pa"ss\\wörd/+&=?x'  # one that JSON and URLs escape
USER = "api-user"
MDN = "+12135550101"
ENV_SECRET = "env-callback-secret-0123456789abcdef"


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def basic(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


def leaks(text: str, *secrets_: str) -> list[str]:
    """Which secrets (in the forms they travel in) appear in ``text``."""
    found = []
    for secret in secrets_:
        for form in {secret, quote(secret, safe=""), json.dumps(secret)[1:-1]}:
            if form in text:
                found.append(form)
    return found


def files_of(ws: Workspace) -> bytes:
    conn = sqlite3.connect(ws.db_path)
    conn.execute("PRAGMA wal_checkpoint(FULL)")
    conn.close()
    return b"".join(p.read_bytes() for p in ws.root.rglob("*") if p.is_file())


# -- 1. callbacks need the workspace's secret ---------------------------------------------------------
def opted_out(ws: Workspace) -> None:
    """MDN said STOP to list 101 (as Vibes reported it)."""
    with ws.session() as conn:
        apply_callback(
            conn,
            {
                "event_id": "stop-1",
                "event_type": "subscription_removed",
                "subscription": {
                    "person": {"id": "k1", "mobile_phone": {"mdn": MDN}},
                    "subscription_list": {"id": "101"},
                    "opt_in_date": "2026-01-01T00:00:00Z",
                    "opt_out_date": "2026-02-01T00:00:00Z",
                    "opt_out_reason": "user_opt_out",
                },
            },
        )


def opt_in(event_id: str, mdn: str = MDN) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "event_type": "subscription_added",
        "subscription": {
            "person": {"id": "k1", "mobile_phone": {"mdn": mdn}},
            "subscription_list": {"id": "101"},
            "opt_in_date": "2026-03-01T00:00:00Z",
        },
    }


def active(ws: Workspace, mdn: str = MDN) -> int | None:
    with ws.session() as conn:
        row = conn.execute("SELECT active FROM vibes_memberships WHERE list_id = '101' AND mdn = ?", (mdn,)).fetchone()
    return row[0] if row else None


def token_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["token"][0]


@pytest.fixture
def keyring_store(request: pytest.FixtureRequest) -> MemoryKeyring:
    """The in-memory keyring of ``tests.keyrings``, installed for the test."""
    return request.getfixturevalue("memory_keyring")


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.open(tmp_path / "ws", create=True)


@pytest.fixture
def receiver(ws: Workspace, keyring_store: MemoryKeyring) -> Iterator[CallbackReceiver]:
    with CallbackReceiver(ws) as r:
        yield r


def test_a_forged_opt_in_without_the_secret_changes_nothing(
    ws: Workspace, receiver: CallbackReceiver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    opted_out(ws)
    before = db_digest(ws.db_path)
    secret = token_of(receiver.url)
    bare = receiver.url.split("?")[0]
    forged = opt_in("forged")
    tries: list[Callable[[], httpx.Response]] = [
        lambda: httpx.post(bare, json=forged),
        lambda: httpx.post(bare + "?token=", json=forged),
        lambda: httpx.post(bare + "?token=wrong-guess", json=forged),
        lambda: httpx.post(bare + "?token=" + secret[:-1], json=forged),  # all but the last character
        lambda: httpx.post(bare + "?token=" + secret + "x", json=forged),
        lambda: httpx.post(bare + "/wrong-guess", json=forged),
        lambda: httpx.post(bare, json=forged, headers={"Authorization": "Bearer wrong-guess"}),
        lambda: httpx.post(bare, json=forged, headers={"Authorization": "Basic " + basic("vibes", "wrong")}),
        lambda: httpx.post(bare, json=forged, headers={"Authorization": "Basic !!not-base64!!"}),
        lambda: httpx.post(bare, json=forged, headers={"Authorization": "Bearer"}),
        lambda: httpx.put(bare + "?token=nope", json=forged),
        lambda: httpx.get(bare),  # no secret: 401 before anything else is said
    ]
    for i, attempt in enumerate(tries):
        answer = attempt()
        assert answer.status_code == 401, (i, answer.status_code, answer.text)
        assert secret not in answer.text
    assert active(ws) == 0  # still opted out
    assert db_digest(ws.db_path) == before  # not even recorded as seen
    assert receiver.counts == {"applied": 0, "duplicate": 0, "ignored": 0, "refused": len(tries)}
    refusals = [r for r in caplog.records if r.levelno == logging.INFO and "callback refused" in r.getMessage()]
    assert len(refusals) == len(tries)
    assert not leaks(caplog.text, secret)


def test_the_secret_lets_callbacks_in_by_url_path_bearer_or_basic(ws: Workspace, receiver: CallbackReceiver) -> None:
    opted_out(ws)
    secret = token_of(receiver.url)
    bare = receiver.url.split("?")[0]
    assert httpx.post(receiver.url, json=opt_in("by-query")).json() == {"status": "applied"}
    assert active(ws) == 1
    ways = [
        lambda body: httpx.post(f"{bare}/{secret}", json=body),
        lambda body: httpx.post(bare, json=body, headers={"Authorization": f"Bearer {secret}"}),
        lambda body: httpx.post(bare, json=body, headers={"Authorization": "Basic " + basic("vibes", secret)}),
        lambda body: httpx.post(bare + "?token=wrong&token=" + secret, json=body),
    ]
    for i, way in enumerate(ways):
        answer = way(opt_in(f"other-{i}", f"+1213555020{i}"))
        assert answer.status_code == 200 and answer.json() == {"status": "applied"}, (i, answer.text)
    assert receiver.counts["applied"] == 1 + len(ways) and receiver.counts["refused"] == 0


def test_the_secret_is_made_once_per_workspace_and_kept_in_the_keyring_only(
    tmp_path: Path, keyring_store: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    one = Workspace.open(tmp_path / "one", create=True)
    two = Workspace.open(tmp_path / "two", create=True)
    with CallbackReceiver(one) as first:
        url = first.url
        secret = token_of(url)
        assert len(secret) >= 43  # token_urlsafe(32)
        assert httpx.post(url, json=opt_in("a")).status_code == 200  # logged at debug by the server
        assert httpx.post(url.split("?")[0] + "/" + secret, json=opt_in("b")).status_code == 200
        assert secret not in repr(first) and secret not in first.redacted_url
        assert first.redacted_url.split("?")[0] == url.split("?")[0]
    with CallbackReceiver(one) as again, CallbackReceiver(two) as other:
        assert token_of(again.url) == secret  # the same workspace keeps its secret
        assert token_of(other.url) != secret  # another workspace has its own
    with one.session() as conn:
        ws_id = conn.execute("SELECT value FROM settings WHERE key = 'workspace.id'").fetchone()[0]
    assert keyring_store.store[(secrets.SERVICE, f"callback-secret|{ws_id}")] == secret
    assert len({v for (s, a), v in keyring_store.store.items() if a.startswith("callback-secret|")}) == 2
    assert secret.encode() not in files_of(one)
    assert not leaks(caplog.text, secret)


def test_without_keyring_or_environment_the_receiver_says_what_to_do(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(secrets.ENV_CALLBACK_SECRET, raising=False)
    with pytest.raises(secrets.SecretsError) as caught:
        CallbackReceiver(ws)
    message = str(caught.value)
    assert "\n" not in message and "no system keyring" in message and secrets.ENV_CALLBACK_SECRET in message
    code, _, err = cli("vibes", "callback-secret", "--workspace", str(ws.root))
    assert code == 2 and err.count("\n") == 1 and secrets.ENV_CALLBACK_SECRET in err


def test_the_environment_gives_the_secret_for_scripts(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(secrets.ENV_CALLBACK_SECRET, ENV_SECRET)
    opted_out(ws)
    with CallbackReceiver(ws) as receiver:  # no keyring on this machine: the environment is enough
        assert token_of(receiver.url) == ENV_SECRET
        assert httpx.post(receiver.url.split("?")[0], json=opt_in("x")).status_code == 401
        assert httpx.post(receiver.url, json=opt_in("y")).json() == {"status": "applied"}
    assert ENV_SECRET.encode() not in files_of(ws)
    code, out, err = cli("vibes", "callback-secret", "--rotate", "--workspace", str(ws.root))
    assert code == 2 and "change it there" in err and ENV_SECRET not in out + err
    monkeypatch.setenv(secrets.ENV_CALLBACK_SECRET, "short")
    with pytest.raises(secrets.SecretsError, match="too short"):
        CallbackReceiver(ws)


def test_rotating_the_secret_refuses_the_old_one(ws: Workspace, keyring_store: MemoryKeyring) -> None:
    opted_out(ws)
    with CallbackReceiver(ws) as before:
        old_url = before.url
    code, out, err = cli("vibes", "callback-secret", "--rotate", "--json", "--workspace", str(ws.root))
    assert code == 0 and json.loads(out) == {"source": "keyring", "rotated": True}, err
    assert token_of(old_url) not in out + err
    with CallbackReceiver(ws) as after:
        assert token_of(after.url) != token_of(old_url)
        old = old_url.replace(f":{urlsplit(old_url).port}/", f":{after.port}/")
        assert httpx.post(old, json=opt_in("old")).status_code == 401
        assert httpx.post(after.url, json=opt_in("new")).json() == {"status": "applied"}


# -- 2. the password only over https (or to this computer) --------------------------------------------
REFUSED_URLS = [
    "http://example.com",
    "http://10.0.0.5:8080",
    "http://public-api.vibescm.com/",
    "http://localhost.example.com",
    "http://127.0.0.1.example.com",
    "http://127.0.0.1@example.com",
    "https://user:secret@public-api.vibescm.com",
    "ftp://example.com",
    "https://",
]
ACCEPTED_URLS = [
    "https://public-api.eu.vibes.com",
    "https://example.com:8443/api",
    "http://localhost:8080",
    "http://127.0.0.1:9",
    "http://127.8.9.10",
    "http://[::1]:8080",
]


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_settings_refuse_a_url_that_would_expose_the_password(ws: Workspace, url: str) -> None:
    code, out, err = cli("settings", "set", "vibes.base_url", url, "--workspace", str(ws.root))
    assert (
        code == 2
        and out == ""
        and err.count("\n") == 1
        and err.startswith("smsflow: vibes.base_url: ")
        and "Traceback" not in err
    )
    with ws.session() as conn:
        assert get_setting(conn, "vibes.base_url") == "https://public-api.vibescm.com"  # unchanged


def test_settings_say_why_http_is_refused(ws: Workspace) -> None:
    code, _, err = cli("settings", "set", "vibes.base_url", "http://example.com", "--workspace", str(ws.root))
    assert code == 2
    assert err.strip() == (
        "smsflow: vibes.base_url: must start with https:// so the password is never sent unencrypted "
        "(http:// only for a server on this computer: localhost, 127.0.0.1 or ::1)"
    )


@pytest.mark.parametrize("url", ACCEPTED_URLS)
def test_settings_take_https_and_loopback_http(ws: Workspace, url: str) -> None:
    code, out, err = cli("settings", "set", "vibes.base_url", url, "--json", "--workspace", str(ws.root))
    assert code == 0, err
    assert json.loads(out)["value"] == url.rstrip("/")


def _old_workspace_with(ws: Workspace, url: str) -> str:
    """A workspace that stored ``url`` before it was refused; returns the refusal message."""
    with ws.session() as conn, transaction(conn):
        for key, value in (("vibes.mode", "remote"), ("vibes.username", USER), ("vibes.company_key", "acme")):
            conn.execute("INSERT INTO settings(key, value) VALUES (?, ?)", (key, value))
        conn.execute("INSERT INTO settings(key, value) VALUES ('vibes.base_url', ?)", (url,))
    with pytest.raises(SettingError) as caught:
        check_setting("vibes.base_url", url)
    return str(caught.value)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[httpx.Request]:
    """Every request that would leave this process is recorded and refused."""
    sent: list[httpx.Request] = []

    def refuse(self: Any, request: httpx.Request) -> httpx.Response:
        sent.append(request)
        raise httpx.ConnectError("no network in this test", request=request)

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", refuse)
    return sent


def test_an_http_url_stored_before_is_refused_before_the_password_is_sent(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, no_network: list[httpx.Request]
) -> None:
    message = _old_workspace_with(ws, "http://vibes.example.com")
    monkeypatch.setenv(secrets.ENV_PASSWORD, PASSWORD)
    with ws.session() as conn, pytest.raises(NotConfiguredError) as caught:
        open_client_for_workspace(ws, conn)
    assert str(caught.value) == message
    code, _, err = cli("vibes", "test", "--workspace", str(ws.root))
    assert code == 2 and err.strip() == f"smsflow: {message}"
    code, _, err = cli("vibes", "sync", "--workspace", str(ws.root))
    assert code == 2 and err.strip() == f"smsflow: {message}"
    with pytest.raises(NotConfiguredError, match="must start with https://"):
        VibesClient("http://vibes.example.com", "acme", USER, PASSWORD)
    assert no_network == []


def test_the_vibes_settings_dialog_says_it_where_the_url_is_typed(
    qtbot: Any, ws: Workspace, monkeypatch: pytest.MonkeyPatch, no_network: list[httpx.Request]
) -> None:
    from smsflow_desktop.ui.vibes import vibes_jobs
    from smsflow_desktop.ui.vibes.vibes_settings import VibesSettingsDialog

    message = _old_workspace_with(ws, "http://vibes.example.com")
    with ws.session() as conn:
        dialog = VibesSettingsDialog(conn, ws.root)
        qtbot.addWidget(dialog)
        assert dialog.preset.currentData() == "custom"
        assert dialog.error.text() == message  # an old workspace's URL: said on opening
        dialog.url.setText("https://vibes.example.com")
        assert dialog.error.text() == ""
        dialog.url.setText("http://example.com")
        assert dialog.error.text() == message
        dialog.username.setText(USER)
        dialog.company_key.setText("acme")
        assert not dialog.save()
        assert dialog.error.text() == message
        assert get_setting(conn, "vibes.base_url") == "http://vibes.example.com"  # nothing written
        dialog.reject()
    job = vibes_jobs.test_connection_job(
        ws.root, mode="remote", base_url="http://example.com", username=USER, company_key="acme", password=PASSWORD
    )
    with pytest.raises(NotConfiguredError) as caught:
        job(lambda _value: None)
    assert str(caught.value) == message
    assert no_network == []


# -- 3. what a server echoes is redacted ----------------------------------------------------------------
def echoing(status_for: Callable[[httpx.Request], int]) -> httpx.MockTransport:
    """A Vibes that answers with everything it was sent: headers, URL and body, in the body's
    error messages and codes and in its own headers."""

    def handle(request: httpx.Request) -> httpx.Response:
        status = status_for(request)
        if status < 300:
            if request.method == "GET":
                return httpx.Response(200, json=[])
            return httpx.Response(201, json={"event_triggered_message_id": "etm-1"})
        auth = request.headers.get("Authorization", "")
        sent = request.content.decode("utf-8", "replace")
        body = {
            "errors": [
                {
                    "code": f"BAD_AUTH {auth}",
                    "message": f"you sent Authorization: {auth} to {request.url} with body {sent}",
                },
                {"code": "ECHO", "message": f"user:password = {base64.b64decode(auth.split()[1]).decode()}"},
                {"code": "HEADERS", "message": json.dumps(dict(request.headers))},
            ],
            "request": {"headers": dict(request.headers), "url": str(request.url)},
        }
        return httpx.Response(status, json=body, headers={"X-Echo": auth})

    return httpx.MockTransport(handle)


def client_for(transport: httpx.MockTransport, password: str = PASSWORD) -> VibesClient:
    return VibesClient(
        "https://vibes.test", "acme", USER, password, transport=transport, max_retries=0, backoff_base=0.001
    )


def run_workspace(tmp_path: Path, people: int = 3) -> Workspace:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        for i in range(1, people + 1):
            number = f"+1212456{i:04d}"
            add_person(conn, i, number)
            add_member(conn, number)
    store(ws, send_campaign())
    return ws


def forms(user: str, password: str) -> list[str]:
    header = basic(user, password)
    return [password, header, f"Basic {header}", f"{user}:{password}"]


@pytest.mark.parametrize("password", [PASSWORD, ODD_PASSWORD])
def test_a_server_that_echoes_credentials_leaves_no_trace_in_the_run(
    tmp_path: Path, password: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    ws = run_workspace(tmp_path)
    setup_fails = echoing(lambda r: 500)
    with client_for(setup_fails, password) as client:
        failed = start_run(ws, "Promo", client, clock=lambda: T0, options=FAST)
    assert failed.status == "failed"
    sends_refused = echoing(lambda r: 422 if r.url.path.endswith("/events") else 200)
    with client_for(sends_refused, password) as client:
        result = start_run(ws, "Promo", client, clock=lambda: T0, options=FAST)
    assert result.counts["failed"] == 3
    with ws.session() as conn:
        error = conn.execute("SELECT error FROM runs WHERE id = ?", (failed.run_id,)).fetchone()[0]
        details = [r[0] for r in conn.execute("SELECT detail FROM activity WHERE run_id = ?", (result.run_id,))]
        reasons = [r[0] for r in conn.execute("SELECT reason FROM ledger WHERE run_id = ?", (result.run_id,))]
    assert "HTTP 500" in error and len(details) >= 3 and all("HTTP 422" in d for d in details if "HTTP" in d)
    assert any("[redacted]" in d for d in details) and "[redacted]" in error  # what was said is kept, minus secrets
    for where, text in {
        "run error": error,
        "activity": " ".join(details),
        "ledger": " ".join(str(r) for r in reasons),
        "log": caplog.text,
        "workspace files": files_of(ws).decode("utf-8", "replace"),
    }.items():
        assert not leaks(text, *forms(USER, password)), where


def test_every_error_from_an_answer_is_redacted(keyring_store: MemoryKeyring, ws: Workspace) -> None:
    with CallbackReceiver(ws) as receiver:
        url = receiver.url
    secret = token_of(url)
    for status in (400, 401, 403, 404, 409, 422, 429, 500, 503):
        with client_for(echoing(lambda r, s=status: s)) as client, pytest.raises(VibesError) as caught:
            client.register_callback(callback_type="subscription_added", url=url)  # the URL with its token
        exc = caught.value
        text = " ".join([str(exc), str(exc.code), json.dumps(exc.errors)])
        assert exc.status == status and f"HTTP {status}" in str(exc)
        assert not leaks(text, secret, *forms(USER, PASSWORD)), (status, text)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # the offscreen platform
def test_the_callback_dialog_shows_the_url_and_says_when_there_is_no_secret(
    qtbot: Any, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.ui.engine_fixtures import close_window, demo_workspace, open_window

    caplog.set_level(logging.DEBUG)
    win = open_window(qtbot, demo_workspace(tmp_path, tmp_path_factory))
    try:
        dialog = win.vibes.open_callbacks()
        dialog.switch.setChecked(True)  # no keyring on this machine, no SMSFLOW_CALLBACK_SECRET
        assert win.vibes.receiver is None and not dialog.switch.isChecked()
        assert dialog.error.isVisibleTo(dialog) and secrets.ENV_CALLBACK_SECRET in dialog.error.text()
        backend = MemoryKeyring()
        previous = keyring.get_keyring()
        keyring.set_keyring(backend)
        try:
            dialog.switch.setChecked(True)
            url = dialog.url.text()
            secret = token_of(url)
            assert win.vibes.receiver is not None and url == win.vibes.receiver.url
            assert httpx.post(url.split("?")[0], json=opt_in("x"), timeout=5).status_code == 401
            assert secret not in win.statusBar().currentMessage()  # a status line is not the place
            dialog.switch.setChecked(False)
        finally:
            keyring.set_keyring(previous)
        dialog.reject()
    finally:
        close_window(win)
    assert not leaks(caplog.text, secret)
