"""Security: the Vibes password goes nowhere but the request header; CSV exports cannot run
formulas; the callback receiver listens on loopback, small JSON bodies only; campaign names
never become file paths; SQL takes user values as data (fuzzed through people search)."""

from __future__ import annotations

import base64
import contextlib
import csv
import io
import json
import logging
import re
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smsflow_desktop.cli import main
from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.services.engine import runner as runner_module
from smsflow_desktop.services.engine.csv_safe import FORMULA_STARTS, safe_cell
from smsflow_desktop.services.engine.runner import start_run
from smsflow_desktop.services.people import search_people
from smsflow_desktop.services.vibes.callbacks import CallbackReceiver
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.model.test_campaign_file import CONTRACT_EXAMPLE
from tests.reliability.scenarios import NOW, T0, Bench, db_digest, examples
from tests.services.engine.helpers import FakeVibes, add_member, add_person, make_workspace, send_campaign, store

PASSWORD = "Zebra-7!s3cret-Only-Here"
WRONG = "Wr0ng-Guess-Also-Secret"


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def secret_forms(password: str, username: str) -> list[bytes]:
    """The password as it could leak: plain, in UTF-16, and inside the Basic auth header."""
    header = base64.b64encode(f"{username}:{password}".encode()).decode()
    return [password.encode(), password.encode("utf-16-le"), header.encode(), header.encode("utf-16-le")]


def assert_nowhere(secrets: list[bytes], blobs: dict[str, bytes]) -> None:
    for where, blob in blobs.items():
        for secret in secrets:
            assert secret not in blob, f"the password leaked into {where}"


# -- the password --------------------------------------------------------------------------------------
@pytest.fixture
def secure_bench(tmp_path: Path) -> Iterator[Bench]:
    b = Bench(tmp_path, 12)
    seed = json.loads((tmp_path / "seed.json").read_text())
    (tmp_path / "seed.json").write_text(json.dumps({**seed, "password": PASSWORD}))
    with b.server:
        yield b


def test_the_password_never_reaches_the_database_logs_exports_or_messages(
    secure_bench: Bench, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    b = secure_bench
    env = b.use_remote()
    monkeypatch.setenv("SMSFLOW_VIBES_PASSWORD", env["SMSFLOW_VIBES_PASSWORD"])
    monkeypatch.setenv("SMSFLOW_NOW", NOW)
    caplog.set_level(logging.DEBUG)  # every logger, httpx and the emulator's included
    keep_wal = sqlite3.connect(b.ws.db_path)  # an open connection keeps smsflow.db-wal on disk
    keep_wal.execute("SELECT count(*) FROM sqlite_master").fetchone()
    outputs: dict[str, bytes] = {}
    try:
        b.server.faults.error_rate = 0.3  # a failing server: 5xx, dropped connections
        b.server.faults.drop_rate = 0.2
        for argv in (
            ["vibes", "test", "--json"],
            ["vibes", "sync", "--json"],
            ["run", "Promo", "--json"],
            ["run", "Promo", "--resume", "1", "--json"],
            ["settings", "get", "--json"],
            ["runs", "show", "1", "--json"],
        ):
            code, out, err = cli(*argv, "--workspace", str(b.ws.root))
            outputs[f"output of {argv}"] = (out + err).encode()
        monkeypatch.setenv("SMSFLOW_VIBES_PASSWORD", WRONG)  # refused: 401 on every call
        b.server.faults.error_rate = b.server.faults.drop_rate = 0.0
        for argv in (["vibes", "test", "--json"], ["run", "Promo", "--json"]):
            code, out, err = cli(*argv, "--workspace", str(b.ws.root))
            assert code == 1 and "401" in out + err
            outputs[f"output of {argv} with a wrong password"] = (out + err).encode()
        exports = {
            "campaign file": tmp_path / "c.smsflow.json",
            "results": tmp_path / "r.csv",
            "audience": tmp_path / "a.csv",
        }
        assert (
            cli("campaign", "export", "Promo", "-o", str(exports["campaign file"]), "--workspace", str(b.ws.root))[0]
            == 0
        )
        assert cli("results", "export", "1", "-o", str(exports["results"]), "--workspace", str(b.ws.root))[0] == 0
        assert cli("preview", "Promo", "--export-csv", str(exports["audience"]), "--workspace", str(b.ws.root))[0] == 0
        wal = b.ws.root / "smsflow.db-wal"
        assert wal.exists() and wal.stat().st_size > 0
        files = {p.name: p.read_bytes() for p in b.ws.root.iterdir() if p.is_file()}  # db, -wal, -shm
        files.update({name: path.read_bytes() for name, path in exports.items()})
        with b.ws.session() as conn:
            errors = " ".join(str(r[0]) for r in conn.execute("SELECT error FROM runs"))
            details = " ".join(r[0] for r in conn.execute("SELECT detail FROM activity"))
    finally:
        keep_wal.close()
    assert "HTTP 5" in details + errors or "mid-request" in details + errors  # failures recorded, with causes
    assert {"httpx", "httpcore.http11"} <= {r.name for r in caplog.records}  # the logs were captured in full
    blobs = {
        **files,
        **outputs,
        "logs": caplog.text.encode(),
        "run errors": errors.encode(),
        "activity": details.encode(),
    }
    assert_nowhere(secret_forms(PASSWORD, b.server.username) + secret_forms(WRONG, b.server.username), blobs)


def test_a_crashing_run_leaves_no_password_in_its_report(
    secure_bench: Bench, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """An unexpected failure mid-run: the logged traceback and the run's recorded error."""
    b = secure_bench
    caplog.set_level(logging.DEBUG)
    real = runner_module.perform
    calls = []

    def crash_on_the_third(client: Any, item: Any, **kwargs: Any) -> Any:
        calls.append(item)
        if len(calls) == 3:
            raise RuntimeError(f"unexpected trouble in {client!r} with {item!r}")
        return real(client, item, **kwargs)

    monkeypatch.setattr(runner_module, "perform", crash_on_the_third)
    with b.client() as client, pytest.raises(RuntimeError):
        start_run(b.ws, "Promo", client, clock=lambda: T0)
    with b.ws.session() as conn:
        error = conn.execute("SELECT error FROM runs").fetchone()[0]
    assert "unexpected trouble" in error and "Traceback" in caplog.text
    assert_nowhere(
        secret_forms(PASSWORD, b.server.username),
        {"log": caplog.text.encode(), "run error": error.encode(), "db": b.ws.db_path.read_bytes()},
    )


def test_a_password_that_is_not_text_is_refused_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = Workspace.open(tmp_path / "ws", create=True)
    for key, value in (
        ("vibes.mode", "remote"),
        ("vibes.username", "bob"),
        ("vibes.company_key", "ck"),
        ("vibes.base_url", "http://127.0.0.1:9"),
    ):
        assert cli("settings", "set", key, value, "--workspace", str(ws.root))[0] == 0
    monkeypatch.setenv("SMSFLOW_VIBES_PASSWORD", "pa\udcffss")  # bytes that are not UTF-8, as Python keeps them
    code, _out, err = cli("vibes", "test", "--workspace", str(ws.root))
    assert code == 2 and err.count("\n") == 1 and "SMSFLOW_VIBES_PASSWORD is not valid UTF-8" in err, err


# -- CSV formula injection ------------------------------------------------------------------------------
NASTY = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=",
    "+",
    "-",
    "@",
]


def _cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return [cell for row in csv.reader(f) for cell in row]


def test_csv_exports_neutralise_formulas(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        for i, text in enumerate(NASTY, start=1):
            number = f"+1212456{i:04d}"
            add_person(
                conn,
                i,
                number,
                external_id=NASTY[-i],
                first_name=text,
                last_name=NASTY[i - 2],
                email=text,
                custom={"note": text},
            )
            add_member(conn, number)
    store(ws, send_campaign(), {"Hello": "=cmd|' /C calc'!A0 {{lead.First Name}} {{lead.note}}"})
    result = start_run(ws, "Promo", FakeVibes(), clock=lambda: T0)
    assert result.counts["sent"] == len(NASTY)
    results, audience = tmp_path / "results.csv", tmp_path / "audience.csv"
    assert cli("results", "export", str(result.run_id), "-o", str(results), "--workspace", str(ws.root))[0] == 0
    assert cli("preview", "Promo", "--export-csv", str(audience), "--sample", "3", "--workspace", str(ws.root))[0] == 0
    for path in (results, audience):
        cells = _cells(path)
        dangerous = [c for c in cells if c.startswith(FORMULA_STARTS)]
        assert not dangerous, (path.name, dangerous)
        for text in NASTY:  # kept, readable, behind an apostrophe
            assert safe_cell(text) in cells and safe_cell(text).startswith("'"), (path.name, text)


@settings(max_examples=examples(100))
@given(st.text(max_size=30) | st.sampled_from(NASTY).flatmap(lambda t: st.text(max_size=5).map(lambda s: t + s)))
def test_safe_cell_never_starts_a_formula(text: str) -> None:
    cell = safe_cell(text)
    assert not cell.startswith(FORMULA_STARTS)
    # Split on any separator a spreadsheet may use: no part starts a formula either.
    for part in re.split(r"[,;\t\r\n]", cell)[1:]:
        assert not part.lstrip(' "').startswith(FORMULA_STARTS), (text, cell)
    assert cell.replace("'", "") == text.replace("'", ""), "only apostrophes are added"


# -- the callback receiver ---------------------------------------------------------------------------
def _other_address() -> str | None:
    """A non-loopback address of this machine, if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent; this picks the outgoing interface
            address = s.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[CallbackReceiver]:
    ws = Workspace.open(tmp_path / "ws", create=True)
    with CallbackReceiver(ws, secret="test-callback-secret-0123456789") as r:  # the defaults otherwise
        yield r


def test_the_callback_receiver_listens_on_loopback_only(receiver: CallbackReceiver) -> None:
    assert receiver.host == "127.0.0.1" and receiver._server is not None
    assert receiver._server.socket.getsockname()[0] == "127.0.0.1"
    other = _other_address()
    if other is None:
        pytest.skip("this machine has no other address to try")
    with socket.socket() as s, pytest.raises(OSError):
        s.settimeout(2)
        s.connect((other, receiver.port))


def test_the_callback_receiver_refuses_big_and_non_json_bodies(receiver: CallbackReceiver) -> None:
    before = db_digest(receiver.ws.db_path)
    big = json.dumps({"event_id": "big", "event_type": "subscription_added", "pad": "x" * (64 * 1024)})
    assert httpx.post(receiver.url, content=big, headers={"Content-Type": "application/json"}).status_code == 413

    def stream() -> Iterator[bytes]:  # no Content-Length: the receiver stops reading past the limit
        for _ in range(2):
            yield b"x" * 65536

    answer = httpx.post(receiver.url, content=stream(), headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
    for content_type in (
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/jsonp",
        "multipart/form-data",
        "application/xml",
        "",
    ):
        answer = httpx.post(receiver.url, content=b'{"event_id": "x"}', headers={"Content-Type": content_type})
        assert answer.status_code == 415, content_type
    assert db_digest(receiver.ws.db_path) == before
    assert receiver.counts["refused"] == 8 and receiver.counts["applied"] == 0


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
KINDS = st.sampled_from(
    [
        "subscription_added",
        "subscription_removed",
        "ack_participant_changed",
        "event_processed",
        "'; DROP TABLE vibes_memberships; --",
        "x",
    ]
)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.fixed_dictionaries(
        {"event_type": KINDS},
        optional={
            "event_id": st.text(max_size=10),
            "subscription": JSONISH,
            "participant": JSONISH,
            "event_processed": JSONISH,
        },
    )
    | JSONISH
    | st.binary(max_size=50)
)
def test_the_callback_receiver_never_fails_on_odd_bodies(receiver: CallbackReceiver, body: Any) -> None:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    answer = httpx.post(receiver.url, content=content, headers={"Content-Type": "application/json"})
    assert answer.status_code in (200, 400), answer.text
    with receiver.ws.session() as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'vibes_memberships'").fetchone()[0] == 1


# -- names never become paths ----------------------------------------------------------------------------
PATH_NAMES = [
    "../../etc/x",
    "/tmp/absolute-x",
    "..\\..\\windows\\x",
    "C:\\Users\\x",
    "~/.bashrc",
    "./.",
    "..",
    "con",
    "x/../../y",
    "\u2215etc\u2215x",
    "%2e%2e%2fx",
]


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_campaign_and_message_names_never_become_file_paths(tmp_path: Path) -> None:
    nest = tmp_path / "a" / "b" / "c"
    nest.mkdir(parents=True)
    ws_dir = nest / "ws"
    assert cli("init", "--workspace", str(ws_dir))[0] == 0
    files = tmp_path / "files"
    files.mkdir()
    before = _tree(tmp_path)
    for i, name in enumerate(PATH_NAMES):
        doc = json.loads(json.dumps(CONTRACT_EXAMPLE))
        doc["campaign"]["name"] = name
        doc["campaign"]["flow"][0]["message"] = doc["messages"][0]["name"] = name + " message"
        src = files / f"{i}.smsflow.json"
        src.write_text(json.dumps(doc), encoding="utf-8")
        code, out, err = cli("campaign", "import", str(src), "--workspace", str(ws_dir), "--json")
        assert code == 0 and json.loads(out)["campaign"] == name, err
        assert cli("run", name, "--dry-run", "--workspace", str(ws_dir))[0] in (0, 1)
        assert cli("preview", name, "--workspace", str(ws_dir))[0] in (0, 2)
    after = _tree(tmp_path)
    made = {p for p in after - before if not p.startswith("a/b/c/ws/smsflow.db") and not p.startswith("files/")}
    assert made <= {"a/b/c/ws/emulator"}, made  # nothing was written outside the workspace
    assert not Path("/tmp/absolute-x").exists() and not (tmp_path / "a" / "etc").exists()
    code, out, _ = cli("campaign", "list", "--workspace", str(ws_dir), "--json")
    assert set(json.loads(out)["campaigns"]) == set(PATH_NAMES)
    # export writes exactly where it is told, whatever the campaign is called
    target = files / "out.smsflow.json"
    before = _tree(tmp_path)
    assert cli("campaign", "export", "../../etc/x", "-o", str(target), "--workspace", str(ws_dir))[0] == 0
    assert _tree(tmp_path) - before == {"files/out.smsflow.json"}
    assert json.loads(target.read_text(encoding="utf-8"))["campaign"]["name"] == "../../etc/x"


@given(st.text(max_size=40) | st.sampled_from(PATH_NAMES))
def test_the_suggested_export_file_name_is_a_plain_name(name: str) -> None:
    from smsflow_desktop.ui.editor.campaign_files import suggested_file_name

    if not name.strip():
        return
    file_name = suggested_file_name(Campaign(name=name[:200]))
    assert "/" not in file_name and "\\" not in file_name and "\x00" not in file_name
    assert Path(file_name).name == file_name and not file_name.startswith(("..", "~"))
    assert file_name.endswith(".smsflow.json")


# -- SQL takes user values as data ---------------------------------------------------------------------------
NAMES = ["O'Brien", "100%", "a_b", "'; DROP TABLE people; --", "back\\slash", "Åsa", "%_", "_", "Ann", "ann-marie"]


def search_workspace(root: Path) -> Workspace:
    ws = make_workspace(root)
    with ws.session() as conn, transaction(conn):
        for i, name in enumerate(NAMES, start=1):
            add_person(conn, i, f"+1212456{i:04d}", first_name=name, last_name=NAMES[-i], email=f"{name}@x.example")
    return ws


@pytest.fixture(scope="module")
def people_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return search_workspace(tmp_path_factory.mktemp("search") / "ws")


def expected_search(term: str) -> set[int]:
    """Who ``search_people`` finds in the search workspace, by its rule: every word of three
    characters or more inside the name ("first last"), e-mail or number, and any shorter
    word beside one inside them too; only short words: the start of the first name, last
    name or e-mail (or, with two words or more, of the first and the last name)."""
    fold = str.lower  # the terms checked hold ASCII and å only: the index and LIKE fold them alike
    words = term.split(" ")
    people = {
        i: (f"{NAMES[i - 1]} {NAMES[-i]}".strip(" "), f"{NAMES[i - 1]}@x.example", f"+1212456{i:04d}")
        for i in range(1, len(NAMES) + 1)
    }
    if all(len(w) < 3 for w in words):
        low = fold(term)
        return {
            i
            for i in people
            if fold(NAMES[i - 1]).startswith(low)
            or fold(NAMES[-i]).startswith(low)
            or fold(people[i][1]).startswith(low)
            or (
                len(words) > 1
                and fold(NAMES[i - 1]).startswith(fold(words[0]))
                and fold(NAMES[-i]).startswith(fold(" ".join(words[1:])))
            )
        }
    return {i for i, texts in people.items() if all(any(fold(w) in fold(t) for t in texts) for w in words)}


@settings(max_examples=examples(80), deadline=None)
@given(
    st.sampled_from(NAMES + ["%", "_", "\\", "'", "\\%", "[a]", "*"]).flatmap(
        lambda n: st.integers(0, len(n)).map(lambda k: n[:k] if k else n)
    )
    | st.text(max_size=6)
)
def test_people_search_takes_wildcards_and_quotes_as_text(people_ws: Workspace, query: str) -> None:
    before = db_digest(people_ws.db_path)
    with people_ws.session() as conn:
        found = {p["id"] for p in search_people(conn, query, limit=100)}
    term = " ".join(query.replace("\x00", "").split())  # NUL is dropped
    if term and not any(ch.isdigit() for ch in term) and all(ch.isascii() or ch in "åÅ" for ch in term):
        assert found == expected_search(term), (query, found, expected_search(term))
    assert db_digest(people_ws.db_path) == before
