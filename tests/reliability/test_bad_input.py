"""Bad input, fuzzed: campaign files (truncated, wrong types, huge, deeply nested, future
versions, broken references, junk), People CSVs (binary junk, UTF-16 and latin-1, megabyte
lines, no phone column, arbitrary cells and phone strings), message tokens, command-line
text, and smart-list filter values full of SQL metacharacters through ``smsflow preview``.

Every time: exit 2 with one clear line naming the file (or a result the user can act on),
never a traceback, and when a command refuses, nothing in the workspace changed (a digest
of every table before and after).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from smsflow_desktop.cli import main
from smsflow_desktop.model.campaign import MAX_STEPS, Campaign, SmsMessage
from smsflow_desktop.services.campaigns import save_campaign, save_message
from smsflow_desktop.services.engine.smart_list_sql import ascii_lower
from smsflow_desktop.services.importers.textfile import header_key
from smsflow_desktop.services.sms_text import parse_tokens, render
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.model.test_campaign_file import CONTRACT_EXAMPLE
from tests.reliability.scenarios import db_digest, examples
from tests.services.engine.helpers import add_member, add_person, make_workspace, send_campaign, store

FUZZ = settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SQL_BITS = [
    "'; DROP TABLE people; --",
    "%",
    "_",
    "'",
    '"',
    "\\",
    "%_%",
    "' OR '1'='1",
    "--",
    "/*",
    "*/",
    ";",
    "Robert'); DROP TABLE students;--",
    "\x00",
    "$.",
    "[0]",
    "\u00c5",
    "ü",
    " ",
]

# People whose fields are themselves full of metacharacters (id, first, last, state, custom fields).
PEOPLE: list[tuple[int, str, str, str, dict[str, str]]] = [
    (1, "O'Brien", "Smith", "TX", {"note": "100%", "a'b": "x", "tier": "gold"}),
    (2, "'; DROP TABLE people; --", "Lee", "NY", {"note": "a_b"}),
    (3, "Ann", "%", "ny", {"note": "_", 'we"ird': "q"}),
    (4, 'Quote"d', "back\\slash", "", {"$.x": "dollar"}),
    (5, "ÅSA", "Über", "CA", {"note": "%_'\""}),
    (6, "", " ", " ", {}),
    (7, "Robert'); DROP TABLE students;--", "x", "TX", {"tier": "Gold "}),
    (8, "a_b%c", "O''Neil", "tx", {"note": ""}),
]


def cli(*argv: str) -> tuple[int, str, str]:
    """``smsflow ARGV`` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def refused_cleanly(code: int, err: str, *words: str) -> None:
    """Exit 2 and one line on stderr, naming what it was asked to."""
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("smsflow: ") and "Traceback" not in err, err
    for word in words:
        assert word in err, err


def bad_input_workspace(root: Path) -> Path:
    """The people above, all on Vibes list 101, and campaign "Promo" (message "Hello")."""
    ws = make_workspace(root)
    with ws.session() as conn, transaction(conn):
        for pid, first, last, state, custom in PEOPLE:
            number = f"+1212456{pid:04d}"
            add_person(conn, pid, number, first_name=first, last_name=last, state=state, custom=custom)
            add_member(conn, number)
    store(ws, send_campaign())
    return root


@pytest.fixture(scope="module")
def ws_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bad_input_workspace(tmp_path_factory.mktemp("bad") / "ws")


def digest(ws_dir: Path) -> str:
    return db_digest(ws_dir / "smsflow.db")


def write_campaign(tmp: Path, doc: Any) -> Path:
    path = tmp / "c.smsflow.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


# -- campaign files ------------------------------------------------------------------------------
VALID_TEXT = json.dumps(CONTRACT_EXAMPLE, ensure_ascii=False, indent=1)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=len(VALID_TEXT.rstrip()) - 1))
def test_a_truncated_campaign_file(ws_dir: Path, cut: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_campaign(Path(tmp), VALID_TEXT[:cut])
        before = digest(ws_dir)
        for action in ("import", "validate"):
            code, _, err = cli("campaign", action, str(path), "--workspace", str(ws_dir))
            refused_cleanly(code, err, str(path))
        assert digest(ws_dir) == before


def _leaves(value: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield loc
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _leaves(sub, (*loc, key))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _leaves(sub, (*loc, i))


PATHS = [p for p in _leaves(CONTRACT_EXAMPLE) if p]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.sampled_from(SQL_BITS),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def _replace(doc: Any, loc: tuple[Any, ...], value: Any) -> Any:
    doc = json.loads(json.dumps(doc))
    target = doc
    for part in loc[:-1]:
        target = target[part]
    target[loc[-1]] = value
    return doc


@FUZZ
@given(loc=st.sampled_from(PATHS), value=JSON_VALUES)
def test_a_campaign_file_with_a_wrong_value_anywhere(ws_dir: Path, loc: tuple[Any, ...], value: Any) -> None:
    """Either a clear refusal naming the file, or a campaign that validates, previews and
    dry-runs without a traceback."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_campaign(Path(tmp), _replace(CONTRACT_EXAMPLE, loc, value))
        before = digest(ws_dir)
        code, out, err = cli(
            "campaign", "import", str(path), "--workspace", str(ws_dir), "--json", "--on-clash", "replace"
        )
        if code == 2:
            refused_cleanly(code, err, str(path))
            assert digest(ws_dir) == before
            return
        assert code == 0 and "Traceback" not in err, err
        name = json.loads(out)["campaign"]
        code, _, err = cli("campaign", "validate", name, "--workspace", str(ws_dir))
        assert code in (0, 1) and "Traceback" not in err
        for argv in (["preview", name], ["run", name, "--dry-run"]):
            before = digest(ws_dir)
            code, _, err = cli(*argv, "--workspace", str(ws_dir))
            assert code in (0, 1, 2) and "Traceback" not in err, (argv, err)
            if code == 2:
                refused_cleanly(code, err)
                assert digest(ws_dir) == before


def _nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    "doc, words",
    [
        ('{"format": "smsflow.campaign/1", "campaign": ' + "[" * 100_000 + "]" * 100_000 + "}", ["nested deeper"]),
        (json.dumps(_replace(CONTRACT_EXAMPLE, ("campaign", "description"), _nested(70))), ["nested deeper"]),
        (VALID_TEXT.replace("campaign/1", "campaign/3"), ["format", "newer"]),
        (VALID_TEXT.replace("campaign/1", "campaign/" + "9" * 5000), ["format", "newer"]),
        (VALID_TEXT.replace("campaign/1", "campaign/\uff12"), ["format", "not a smsflow campaign format"]),
        (VALID_TEXT.replace("campaign/1", "campaign/0"), ["format", "unknown version"]),
        (VALID_TEXT.replace('"once"', "1" + "0" * 5000), ["too many digits"]),
        (VALID_TEXT.replace('"Spring promo"', '"Spring \\ud800 promo"'), ["campaign.name", "not valid Unicode"]),
        (VALID_TEXT.replace('"body": "Hi', '"body": "\\udfff Hi'), ["messages[0].body", "not valid Unicode"]),
        (VALID_TEXT.replace('"send_sms"', '"send_fax"'), ["campaign.flow[0].type", "unknown type"]),
        (VALID_TEXT.replace('"4 hours"', "4"), ["campaign.flow[1].duration"]),
        (VALID_TEXT.replace('"once"', "NaN"), ["campaign.schedule.qualification"]),
        ("[" + VALID_TEXT + "]", ["one JSON object"]),
        ("", ["not valid JSON"]),
    ],
)
def test_campaign_files_that_do_not_fit(ws_dir: Path, tmp_path: Path, doc: str, words: list[str]) -> None:
    path = write_campaign(tmp_path, doc)
    before = digest(ws_dir)
    for action in ("import", "validate"):
        code, _, err = cli("campaign", action, str(path), "--workspace", str(ws_dir))
        refused_cleanly(code, err, str(path), *words)
    assert digest(ws_dir) == before


def test_huge_campaign_files(ws_dir: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.smsflow.json"
    huge.write_text(
        VALID_TEXT.replace('"description": ""', '"description": "' + "x" * 6_000_000 + '"'), encoding="utf-8"
    )
    before = digest(ws_dir)
    code, _, err = cli("campaign", "import", str(huge), "--workspace", str(ws_dir))
    refused_cleanly(code, err, str(huge), "too large")
    assert digest(ws_dir) == before
    many = _replace(CONTRACT_EXAMPLE, ("campaign", "flow"), [{"type": "wait", "duration": "1 hour"}] * 3000)
    many = _replace(many, ("campaign", "name"), "Many waits")
    path = write_campaign(tmp_path, many)
    code, _, err = cli("campaign", "import", str(path), "--workspace", str(ws_dir), "--json")
    refused_cleanly(code, err, str(path), "campaign.flow", "3000 steps", f"at most {MAX_STEPS}")
    assert digest(ws_dir) == before
    many = _replace(many, ("campaign", "flow"), [{"type": "wait", "duration": "1 hour"}] * MAX_STEPS)
    code, out, err = cli(
        "campaign", "import", str(write_campaign(tmp_path, many)), "--workspace", str(ws_dir), "--json"
    )
    assert code == 0 and json.loads(out)["valid"] is False  # imported, with problems to fix
    code, _, err = cli("preview", "Many waits", "--workspace", str(ws_dir), "--step", str(MAX_STEPS))
    refused_cleanly(code, err, "Many waits")  # a Wait cannot be previewed


@pytest.mark.parametrize(
    "junk",
    [
        b"\x00\x01\x02",
        b"\xff\xfe{\x00}\x00",
        '{"format": 1}'.encode("utf-16"),
        '{"format": "é"}'.encode("latin-1"),
        b"\xef\xbb\xbf",
    ],
)
def test_campaign_files_of_junk_bytes(ws_dir: Path, tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "junk.smsflow.json"
    path.write_bytes(junk)
    before = digest(ws_dir)
    code, _, err = cli("campaign", "import", str(path), "--workspace", str(ws_dir))
    refused_cleanly(code, err, str(path))
    assert digest(ws_dir) == before


@settings(FUZZ, max_examples=examples(20))
@given(
    logic=st.text(max_size=30)
    | st.sampled_from(SQL_BITS + ["1 and (2", "1 or 1=1; DROP TABLE people", "not not not", "(((", "99", "1 and 2 or"]),
    message=st.text(max_size=30) | st.sampled_from(SQL_BITS),
    list_id=st.text(max_size=10),
)
def test_broken_references(ws_dir: Path, logic: str, message: str, list_id: str) -> None:
    """Unknown messages and lists, logic that does not parse: imported with problems, refused
    by ``run`` (exit 1), and ``preview`` counts or says in one line what it cannot read."""
    doc = _replace(
        _replace(
            _replace(CONTRACT_EXAMPLE, ("campaign", "smart_list", "logic"), logic),
            ("campaign", "flow", 0, "message"),
            message,
        ),
        ("campaign", "flow", 0, "vibes_list_id"),
        list_id,
    )
    doc = _replace(doc, ("campaign", "name"), "Broken refs")
    with tempfile.TemporaryDirectory() as tmp:
        code, out, err = cli(
            "campaign",
            "import",
            str(write_campaign(Path(tmp), doc)),
            "--workspace",
            str(ws_dir),
            "--json",
            "--on-clash",
            "replace",
        )
    assert code == 0, err
    before = digest(ws_dir)
    code, out, err = cli("run", "Broken refs", "--workspace", str(ws_dir), "--json")
    assert code == 1 and json.loads(out)["status"] == "refused" and json.loads(out)["problems"]
    code, out, err = cli("preview", "Broken refs", "--workspace", str(ws_dir), "--json")
    if code == 2:
        refused_cleanly(code, err, "Broken refs")
    else:
        assert code == 0 and "Traceback" not in err
        data = json.loads(out)
        assert data["smart_list"] == sum(data["excluded"].values()) + data["recipients"]
    assert digest(ws_dir) == before


# -- command-line text ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [
        ["preview", "\udcff"],
        ["run", "Promo\udcfe"],
        ["settings", "set", "vibes.username", "\udcff"],
        ["campaign", "export", "\udcff", "-o", "x.json"],
        ["people", "import", "p.csv", "--default-region", "\udcff"],
        ["preview", "'; DROP TABLE campaigns; --"],
        ["run", "%"],
        ["run", "_romo"],
        ["runs", "show", "424242"],
        ["preview", "Promo", "--step", "0"],
        ["preview", "Promo", "--step", "99999999999999999999"],
        ["settings", "set", "vibes.mode", "remote'; --"],
        ["settings", "get", "' OR 1=1"],
    ],
)
def test_command_line_text(ws_dir: Path, argv: list[str]) -> None:
    """Names and values from the command line: undecodable bytes (kept by Python as lone
    surrogates), SQL metacharacters, wildcards, numbers out of range."""
    before = digest(ws_dir)
    code, _, err = cli(*argv, "--workspace", str(ws_dir))
    refused_cleanly(code, err)
    assert digest(ws_dir) == before


# -- People CSVs -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "content, words",
    [
        ("external_id,phone\nE1,+12125550101\n".encode("utf-16"), ["UTF-16"]),
        ("external_id,phone\nE1,+12125550101\n".encode("utf-16-le"), []),
        ("external_id,first_name,phone\nE1,José,+12125550101\n".encode("latin-1"), ["line 2", "UTF-8"]),
        (b"external_id,phone\nE1," + b"x" * 2_000_000 + b"\n", ["line 2"]),
        (b"phone," + b"y" * 2_000_000 + b"\n+12125550101,1\n", ["line 1"]),
        (b"external_id,first_name\nE1,Ann\n", ["no phone column"]),
        (b"", ["empty"]),
        (b'external_id,phone\nE1,"+12125550101\nE2,+12125550102\n', ["line 2", "not closed"]),
        (b"\x00" * 100, []),
        (bytes(range(256)) * 50, []),
    ],
)
def test_people_csvs_that_cannot_be_imported(ws_dir: Path, tmp_path: Path, content: bytes, words: list[str]) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    before = digest(ws_dir)
    code, _, err = cli("people", "import", str(path), "--workspace", str(ws_dir))
    refused_cleanly(code, err, str(path), *words)
    assert digest(ws_dir) == before


@FUZZ
@given(st.binary(max_size=400))
def test_people_csv_of_binary_junk(ws_dir: Path, junk: bytes) -> None:
    assume(b"phone" not in junk.lower())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "junk.csv"
        path.write_bytes(junk)
        before = digest(ws_dir)
        code, _, err = cli("people", "import", str(path), "--workspace", str(ws_dir))
        refused_cleanly(code, err, str(path))
        assert digest(ws_dir) == before


@FUZZ
@given(st.lists(st.text(max_size=12), min_size=1, max_size=6))
def test_people_csv_without_a_phone_column(ws_dir: Path, header: list[str]) -> None:
    assume(
        not any(
            header_key(h) in ("phone", "mobile_phone", "mobilephonenumber", "mobile_phone_number")
            or "phone" in header_key(h)
            for h in header
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "people.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([header, ["x"] * len(header)])
        before = digest(ws_dir)
        code, _, err = cli("people", "import", str(path), "--workspace", str(ws_dir))
        refused_cleanly(code, err, str(path))
        assert digest(ws_dir) == before


CELL = st.text(max_size=25) | st.sampled_from(SQL_BITS + ["=1+1", "+1 (212) 555-0101", "0046 70 123 45 67"])


@FUZZ
@given(rows=st.lists(st.tuples(CELL, CELL, CELL), min_size=1, max_size=8))
def test_people_csv_with_any_cells_and_phone_strings(rows: list[tuple[str, str, str]]) -> None:
    """Any text in any cell (names, custom fields, phone strings): every row is kept, stored
    exactly as written, and numbers that do not parse are reported, never dropped."""
    rows = [tuple(c.replace("\x00", "") for c in r) for r in rows]
    rows[-1] = (*rows[-1][:2], rows[-1][2].rstrip("\r\n"))  # see test_a_last_value_ending_in_a_line_break
    data = [(f"F{i}", *r) for i, r in enumerate(rows)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        Workspace.open(root, create=True)
        path = Path(tmp) / "people.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([("external_id", "first_name", "phone", "note"), *data])
        code, out, err = cli("people", "import", str(path), "--workspace", str(root), "--json")
        assert code == 0 and "Traceback" not in err, err
        result = json.loads(out)
        assert result["rows"] == len(data) and result["imported"] == len(data)
        with Workspace.open(root).session() as conn:
            stored = {
                r[0]: (r[1], r[2], r[3])
                for r in conn.execute("SELECT external_id, first_name, phone_raw, phone_valid FROM people")
            }
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for ext, first, _phone, _ in data:
        assert stored[ext][0] == first.strip() or stored[ext][0] == first
    given_phones = sum(1 for _, _, p, _ in data if p.strip())
    valid = sum(v for _, _, v in stored.values())
    assert result["missing_phone"] == len(data) - given_phones
    assert result["invalid_phone"] == given_phones - valid


def test_a_last_value_ending_in_a_line_break(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([("external_id", "phone", "note"), ("E1", "+12125550101", "two\nlines\n")])
    Workspace.open(tmp_path / "ws", create=True)
    code, out, err = cli("people", "import", str(path), "--workspace", str(tmp_path / "ws"), "--json")
    assert code == 0 and json.loads(out)["imported"] == 1, err


# -- message tokens ---------------------------------------------------------------------------------
TOKEN_BITS = st.sampled_from(
    [
        "{{",
        "}}",
        "{{lead.",
        "lead.",
        "|",
        "First Name",
        "{{lead.First Name|there}}",
        "{{lead.note}}",
        "{{lead.}}",
        "{{ lead.a'b |x}}",
        "{{lead.{{lead.x}}}}",
        "{",
        "}",
        "€",
        "😀",
        "\n",
        "%",
        "'",
    ]
)


@FUZZ
@given(body=st.lists(TOKEN_BITS | st.text(max_size=5), max_size=12).map("".join))
def test_message_tokens_render_preview_and_dry_run(ws_dir: Path, body: str) -> None:
    person = {"first_name": "O'Brien", "custom_fields": json.dumps({"note": "100%", "a'b": "x"})}
    text = render(body, person)  # never raises; a body without tokens is sent as written
    if not parse_tokens(body):
        assert text == body
    with Workspace.open(ws_dir).session() as conn:
        save_message(conn, SmsMessage(name="Fuzzed", body=body))
        save_campaign(
            conn,
            Campaign.model_validate(
                {
                    "name": "Tokens",
                    "smart_list": {"logic": "all", "filters": []},
                    "flow": [{"type": "send_sms", "message": "Fuzzed", "vibes_list_id": "101"}],
                    "schedule": {"qualification": "every_time"},
                    "settings": {"quiet_hours": {"enabled": False}},
                }
            ),
        )
    code, _out, err = cli("preview", "Tokens", "--workspace", str(ws_dir), "--sample", "3", "--json")
    assert code == 0 and "Traceback" not in err, err
    code, _out, err = cli("run", "Tokens", "--dry-run", "--workspace", str(ws_dir), "--json")
    assert code in (0, 1) and "Traceback" not in err, err  # a text over 900 characters fails its rows


# -- SQL metacharacters in smart-list filters -----------------------------------------------------------
FIELDS = ["first_name", "last_name", "state", "note", "tier", "a'b", 'we"ird', "$.x", "missing field", "a.b"]
OPERATORS = ["is", "is_not", "contains", "starts_with", "is_empty", "is_not_empty"]
VALUE = st.sampled_from(SQL_BITS + [p[1] for p in PEOPLE] + [p[2] for p in PEOPLE] + ["tx", "GOLD", "100"]) | st.text(
    max_size=8
)


def _field_text(person: tuple[int, str, str, str, dict[str, str]], name: str) -> str:
    _, first, last, state, custom = person
    if name in ("first_name", "last_name", "state"):
        return {"first_name": first, "last_name": last, "state": state}[name]
    if '"' in name or "\\" in name:  # a name a JSON path cannot quote reads as empty
        return ""
    return custom.get(name, "")


def expected_matches(field: str, operator: str, values: list[str]) -> int:
    """The contract's reading of one person filter, in plain Python (ASCII case folding, as
    SQLite's ``lower``; ``is_empty`` ignores spaces, as SQLite's ``trim``)."""
    count = 0
    for person in PEOPLE:
        text = ascii_lower(_field_text(person, field))
        if operator in ("is_empty", "is_not_empty"):
            hit = (text.strip(" ") == "") == (operator == "is_empty")
        else:
            vals = [
                ascii_lower(v) for v in (values if operator in ("is", "is_not") else [v for v in values if v.strip()])
            ]
            if operator == "is":
                hit = text in vals
            elif operator == "is_not":
                hit = text not in vals
            elif operator == "contains":
                hit = any(v in text for v in vals)
            else:
                hit = any(text.startswith(v) for v in vals)
        count += hit
    return count


@settings(FUZZ, max_examples=examples(80))
@given(field=st.sampled_from(FIELDS), operator=st.sampled_from(OPERATORS), values=st.lists(VALUE, max_size=3))
def test_sql_metacharacters_in_filters_are_only_data(
    ws_dir: Path, field: str, operator: str, values: list[str]
) -> None:
    campaign = Campaign.model_validate(
        {
            "name": "Metachars",
            "smart_list": {
                "logic": "all",
                "filters": [{"type": "person_field", "field": field, "operator": operator, "values": values}],
            },
            "flow": [
                {
                    "type": "send_sms",
                    "message": "Hello",
                    "vibes_list_id": "101",
                    "choices": [{"when": {"field": field, "operator": operator, "values": values}, "then": None}],
                }
            ],
            "schedule": {"qualification": "every_time"},
            "settings": {"quiet_hours": {"enabled": False}},
        }
    )
    with Workspace.open(ws_dir).session() as conn:
        save_campaign(conn, campaign)
    before = digest(ws_dir)
    code, out, err = cli("preview", "Metachars", "--workspace", str(ws_dir), "--json")
    assert code == 0 and "Traceback" not in err, err
    data = json.loads(out)
    expected = expected_matches(field, operator, values)
    assert data["smart_list"] == expected, (field, operator, values)
    assert data["excluded"].get("do_nothing", 0) == expected and data["recipients"] == 0  # the choice matched all
    assert digest(ws_dir) == before
    with Workspace.open(ws_dir).session() as conn:
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == len(PEOPLE)
