"""People CSV import: spellings, BOM and delimiters, upserts, flags, countries, custom
fields, line-numbered problems, bad files, all-or-nothing, worker processes."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smsflow_desktop.services.importers import ImportFileError, import_people_csv
from smsflow_desktop.services.importers import people_csv as people_csv_module
from smsflow_desktop.services.importers.people_rows import RowConverter, map_header
from smsflow_desktop.services.settings import set_setting
from smsflow_desktop.services.workspace import Workspace

# line 1 is the header; each entry: (external id, the number as written, country, expected E.164 or None)
SPELLINGS = [
    ("u1", "(212) 555-0123", "US", "+12125550123"),
    ("u2", "212.555.0124", "United States", "+12125550124"),
    ("u3", "+1 212 555 0125", "usa", "+12125550125"),
    ("u4", "1 (212) 555-0126", "", "+12125550126"),  # no country: the default region (US)
    ("u5", "212-555-0127", "us", "+12125550127"),
    ("c1", "(416) 555-0123", "Canada", "+14165550123"),
    ("s1", "0701234567", "Sweden", "+46701234567"),
    ("s2", "+46 70 123 45 68", "SE", "+46701234568"),
    ("s3", "070-123 45 69", "se", "+46701234569"),
    ("s4", "001 212 555 0128", "SE", "+12125550128"),  # 00 is Sweden's international prefix
    ("g1", "07400 123456", "United Kingdom", "+447400123456"),
    ("g2", "+44 7400 123457", "GB", "+447400123457"),
    ("g3", "0044 7400 123458", "UK", "+447400123458"),
    ("x1", "555-1234", "US", None),  # too short: invalid, kept
    ("x2", "0701234567", "US", None),  # a Swedish number read as American
    ("m1", "", "US", None),  # missing
]


def tricky_csv(path: Path) -> Path:
    """BOM, semicolons, quoted values with the delimiter and a comma, odd header spellings."""
    lines = ["External ID;First Name;Last_Name;Mobile Phone Number;Country;Unsubscribed;Shoe Size"]
    for ext, phone, country, _ in SPELLINGS:
        lines.append(f'{ext};Ana;"García, Jr.";"{phone}";{country};no;42')
    lines.append('q1;"Åsa; the second";"Öberg";070-765 43 21;Sverige;;')  # Sverige: not an English name
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    ws = Workspace.open(tmp_path / "ws", create=True)
    c = ws.connect()
    yield c
    c.close()


def people(conn: sqlite3.Connection) -> dict[str, sqlite3.Row]:
    return {r["external_id"]: r for r in conn.execute("SELECT * FROM people ORDER BY id")}


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_tricky_file_imports_with_exact_counts_and_reimports_as_updates(conn, tmp_path: Path) -> None:
    path = tricky_csv(tmp_path / "people.csv")
    result = import_people_csv(conn, path)
    assert (result.rows, result.imported, result.updated) == (17, 17, 0)
    assert (result.invalid_phone, result.missing_phone) == (3, 1)  # x1, x2, q1 (read as US: no country)
    rows = people(conn)
    for ext, phone, _, e164 in SPELLINGS:
        assert rows[ext]["phone_raw"] == phone
        assert rows[ext]["phone_e164"] == e164, ext
        assert rows[ext]["phone_valid"] == (e164 is not None)
    assert rows["u1"]["last_name"] == "García, Jr."
    assert rows["q1"]["first_name"] == "Åsa; the second"
    assert [r["external_id"] for r in rows.values()] == [s[0] for s in SPELLINGS] + ["q1"]  # ids in file order
    assert list(rows) == sorted(rows, key=lambda k: rows[k]["id"])

    again = import_people_csv(conn, path)
    assert (again.rows, again.imported, again.updated) == (17, 0, 17)
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 17


def test_invalid_and_missing_numbers_are_kept_and_reported_with_their_lines(conn, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        'phone,first_name,notes\n(212) 555-0123,A,x\n12345,B,"two\nlines"\n,C,\nnot a number,D,\n', encoding="utf-8"
    )
    result = import_people_csv(conn, path)
    assert (result.rows, result.invalid_phone, result.missing_phone) == (4, 2, 1)
    assert [(e["line"], e["reason"].split(" is ")[0]) for e in result.errors] == [
        (3, "phone '12345'"),
        (6, "phone 'not a number'"),
    ]
    stored = conn.execute("SELECT first_name, phone_raw, phone_valid, phone_e164 FROM people ORDER BY id").fetchall()
    assert [tuple(r) for r in stored] == [
        ("A", "(212) 555-0123", 1, "+12125550123"),
        ("B", "12345", 0, None),
        ("C", "", 0, None),
        ("D", "not a number", 0, None),
    ]


def test_flags_accept_every_spelling_and_report_others_as_true(conn, tmp_path: Path) -> None:
    values = ["true", "FALSE", "1", "0", "Yes", "no", "", "maybe"]
    path = write_csv(
        tmp_path / "f.csv",
        ["phone", "blocklisted", "unsubscribed", "marketing_suspended"],
        [[f"212555{i:04d}", v, v, v] for i, v in enumerate(values)],
    )
    result = import_people_csv(conn, path)
    flags = [
        tuple(r) for r in conn.execute("SELECT blocklisted, unsubscribed, marketing_suspended FROM people ORDER BY id")
    ]
    assert [f[0] for f in flags] == [1, 0, 1, 0, 1, 0, 0, 1]
    assert all(len(set(f)) == 1 for f in flags)
    assert [e["line"] for e in result.errors] == [9, 9, 9]
    assert "taken as true" in result.errors[0]["reason"]


def test_country_names_become_codes_and_set_the_region(conn, tmp_path: Path) -> None:
    names = [
        "Sweden",
        "sweden",
        "SE",
        "se",
        "the Netherlands",
        "Côte d'Ivoire",
        "Cote d'Ivoire",
        "United States of America",
        "UK",
        "Great Britain",
        "Narnia",
        "",
    ]
    path = write_csv(tmp_path / "c.csv", ["phone", "country"], [["", n] for n in names])
    result = import_people_csv(conn, path)
    codes = [r[0] for r in conn.execute("SELECT country FROM people ORDER BY id")]
    assert codes == ["SE", "SE", "SE", "SE", "NL", "CI", "CI", "US", "GB", "GB", "", ""]
    assert [e["line"] for e in result.errors] == [12]
    assert "Narnia" in result.errors[0]["reason"]


def test_default_region_setting_and_override(conn, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", ["phone"], [["0701234567"]])
    set_setting(conn, "default_region", "SE")
    assert import_people_csv(conn, path).invalid_phone == 0
    assert import_people_csv(conn, path, default_region="US").invalid_phone == 1


def test_custom_fields_are_kept_and_merged_on_update(conn, tmp_path: Path) -> None:
    first = write_csv(
        tmp_path / "1.csv",
        ["External ID", "Phone", "Shoe Size", "Loyalty Tier", "City"],
        [["A", "(212) 555-0123", "42", "Gold", "Boston"]],
    )
    import_people_csv(conn, first)
    second = write_csv(
        tmp_path / "2.csv", ["external_id", "phone", "Loyalty Tier", "Pet"], [["A", "(212) 555-0199", "", "Cat"]]
    )
    result = import_people_csv(conn, second)
    assert (result.imported, result.updated) == (0, 1)
    row = people(conn)["A"]
    assert json.loads(row["custom_fields"]) == {"Shoe Size": "42", "Pet": "Cat"}  # empty removes, others merge
    assert row["city"] == "Boston"  # a column the update file does not have is left alone
    assert row["phone_e164"] == "+12125550199"


def test_mobile_column_wins_over_plain_phone(conn, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", ["Phone", "mobile_phone"], [["(212) 555-0100", "(212) 555-0123"]])
    result = import_people_csv(conn, path)
    row = conn.execute("SELECT phone_e164, custom_fields FROM people").fetchone()
    assert row[0] == "+12125550123"
    assert json.loads(row[1]) == {"Phone": "(212) 555-0100"}
    assert result.notes


def test_update_without_country_column_reads_numbers_in_the_stored_country(conn, tmp_path: Path) -> None:
    import_people_csv(
        conn, write_csv(tmp_path / "a.csv", ["external_id", "phone", "country"], [["S", "0701234567", "SE"]])
    )
    result = import_people_csv(conn, write_csv(tmp_path / "b.csv", ["external_id", "phone"], [["S", "0701234568"]]))
    assert result.invalid_phone == 0
    assert people(conn)["S"]["phone_e164"] == "+46701234568"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_each_delimiter_is_detected(conn, tmp_path: Path, delimiter: str) -> None:
    path = write_csv(
        tmp_path / "d.csv", ["first_name", "last_name", "phone"], [["Ana", "García, Jr.", "(212) 555-0123"]], delimiter
    )
    assert import_people_csv(conn, path).invalid_phone == 0
    assert conn.execute("SELECT last_name FROM people").fetchone()[0] == "García, Jr."


def test_extra_values_are_reported(conn, tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("phone,first_name\n(212) 555-0123,A,surprise\n", encoding="utf-8")
    result = import_people_csv(conn, path)
    assert result.rows == 1 and result.errors[0]["line"] == 2 and "3 values" in result.errors[0]["reason"]


BAD_FILES = {
    "no phone column": (b"first_name,email\nA,a@example.com\n", "no phone column", 1),
    "latin-1": (b"phone,first_name\n2125550123,Ren\xe9\n", "not UTF-8", 2),
    "utf-16": ("phone\n2125550123\n".encode("utf-16"), "UTF-16", None),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", 3),
    "empty": (b"", "empty", None),
    "only a BOM and blank lines": (b"\xef\xbb\xbf\r\n\r\n", "empty", None),
    "unclosed quote": (b'phone,first_name\n2125550123,"Ana\n2125550124,Bo\n', "not closed", 2),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_files_raise_a_clear_error_and_change_nothing(conn, tmp_path: Path, name: str) -> None:
    content, words, line = BAD_FILES[name]
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as info:
        import_people_csv(conn, path)
    assert words in str(info.value) and str(path) in str(info.value)
    assert info.value.line == line
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 0


def test_a_failure_half_way_leaves_nothing_behind(conn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(people_csv_module, "BATCH_ROWS", 10)
    path = write_csv(tmp_path / "big.csv", ["phone"], [[f"212555{i:04d}"] for i in range(50)])
    seen: list[tuple[int, int, int]] = []

    def cancel(rows: int, done: int, total: int) -> None:
        seen.append((rows, done, total))
        if rows >= 30:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_people_csv(conn, path, progress=cancel)
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 0
    assert [s[0] for s in seen] == [10, 20, 30]
    assert all(t == path.stat().st_size and d <= t for _, d, t in seen)
    assert not conn.in_transaction


def test_worker_processes_give_the_same_result_in_file_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(people_csv_module, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(people_csv_module, "BATCH_ROWS", 50)
    pools: list[object] = []
    start_pool = people_csv_module._start_pool

    def spy(n: int, converter: RowConverter) -> object:
        pools.append(start_pool(n, converter))
        return pools[-1]

    monkeypatch.setattr(people_csv_module, "_start_pool", spy)
    rows = [
        [f"P{i}", f"(212) 555-{i % 10000:04d}" if i % 7 else "12345", "US" if i % 3 else "Sweden"]
        for i in range(1, 601)
    ]
    path = write_csv(tmp_path / "p.csv", ["external_id", "phone", "country"], rows)
    results = []
    for workers in (1, 2):
        ws = Workspace.open(tmp_path / f"ws{workers}", create=True)
        with ws.session() as c:
            result = import_people_csv(c, path, workers=workers)
            stored = [
                tuple(r) for r in c.execute("SELECT id, external_id, phone_e164, country FROM people ORDER BY id")
            ]
        results.append((result.as_dict(), stored))
    assert len(pools) == 1 and pools[0] is not None  # the second import ran in worker processes
    assert results[0] == results[1]
    assert [r[1] for r in results[1][1]] == [r[0] for r in rows]


_phone_text = st.text(
    alphabet=st.sampled_from("0123456789+-() .#*xXext/\\,;\"'\t٣١٢٠０１２+\u00a0\u200bé😀"), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(raw=_phone_text, country=st.sampled_from(["", "US", "SE", "GB", "Sweden", "AQ", "zz", "Côte d'Ivoire"]))
def test_any_phone_text_is_valid_invalid_or_missing_never_a_crash(raw: str, country: str) -> None:
    layout = map_header(["phone", "country"])
    out = RowConverter(layout, "US", "2026-01-01T00:00:00Z").convert([(2, [raw, country])])
    assert len(out.params) == 1
    e164, valid = out.params[0][1], out.params[0][2]
    assert (e164 is not None) == bool(valid)
    assert out.invalid_phone + out.missing_phone + valid == 1
    if e164 is not None:
        assert e164.startswith("+") and e164[1:].isdigit()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raws=st.lists(_phone_text, min_size=1, max_size=8))
def test_phone_texts_survive_a_csv_round_trip(tmp_path: Path, raws: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory(dir=tmp_path) as tmp:
        path = write_csv(Path(tmp) / "h.csv", ["phone"], [[r] for r in raws])
        ws = Workspace.open(Path(tmp) / "ws", create=True)
        with ws.session() as c:
            result = import_people_csv(c, path)
            valid = c.execute("SELECT count(*) FROM people WHERE phone_valid = 1").fetchone()[0]
    # a one-column row holding only blanks is a blank line, not a person
    assert result.rows == len([r for r in raws if r.strip()])
    assert result.invalid_phone + result.missing_phone + valid == result.rows
