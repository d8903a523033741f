"""Vibes extract import: both formats, the snapshot rule of a current extract, events by
date in a daily extract, and files that are not extracts."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from smsflow_desktop.services.importers import ImportFileError, import_vibes_extract
from smsflow_desktop.services.importers.vibes_extract import parse_vibes_date, snapshot_time
from tests.stores import open_workspace

pytestmark = pytest.mark.usefixtures("store_kind")  # each test on a folder and on a database

CURRENT_HEADER = [
    "mdn",
    "person_id",
    "external_person_id",
    "carrier_code",
    "mdn_e164_format",
    "country_code",
    "subscription_list_id",
]
DAILY_HEADER = [
    "person_id",
    "external_person_id",
    "mdn",
    "company_id",
    "carrier_code",
    "subscription_list_id",
    "subscription_list_name",
    "opt_in_date",
    "opt_out_date",
    "subscription_event",
    "opt_out_reason",
    "activity_description",
    "activity_id",
]


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    c = open_workspace(tmp_path / "ws").connect()
    yield c
    c.close()


def tsv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path.write_text("\n".join("\t".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return path


def members(conn: sqlite3.Connection) -> dict[tuple[str, str], sqlite3.Row]:
    return {(r["list_id"], r["mdn"]): r for r in conn.execute("SELECT * FROM vibes_memberships")}


def add_member(
    conn: sqlite3.Connection, list_id: str, mdn: str, *, active: int = 1, updated_at: str = "2026-04-01T00:00:00Z"
) -> None:
    conn.execute(
        "INSERT INTO vibes_memberships(list_id, mdn, active, updated_at) VALUES (?, ?, ?, ?)",
        (list_id, mdn, active, updated_at),
    )


def test_current_extract_reads_e164_or_mdn_with_country_code(conn, tmp_path: Path) -> None:
    path = tsv(
        tmp_path / "current_subscribers_demo_20260405.txt",
        CURRENT_HEADER,
        [
            ["2125550123", "pk1", "7", "310", "+12125550123", "US", "101"],
            ["4165550123", "pk2", "", "", "", "CA", "101"],  # no E.164: mdn read in the country
            ["2125550124", "", "", "", "", "1", "102"],  # a calling code works as well
            ["701234567", "", "", "", "", "SE", "103"],
        ],
    )
    result = import_vibes_extract(conn, path)
    assert (result.format, result.rows, result.opt_in, result.opt_out) == ("current", 4, 4, 0)
    assert result.lists == ["101", "102", "103"]
    assert result.as_dict()["lists"] == 3
    got = members(conn)
    assert set(got) == {
        ("101", "+12125550123"),
        ("101", "+14165550123"),
        ("102", "+12125550124"),
        ("103", "+46701234567"),
    }
    first = got[("101", "+12125550123")]
    assert (first["active"], first["person_key"], first["external_person_id"]) == (1, "pk1", "7")
    names = dict(conn.execute("SELECT id, name FROM vibes_lists").fetchall())
    assert set(names) == {"101", "102", "103"}  # lists become known, named until a sync names them


def test_current_extract_is_the_whole_truth_for_its_lists_at_its_snapshot(conn, tmp_path: Path) -> None:
    add_member(conn, "101", "+12125550100")  # absent, older: leaves
    add_member(conn, "101", "+12125550101", updated_at="2026-04-07T09:00:00Z")  # learned after the snapshot: stays
    add_member(conn, "101", "+12125550102", active=0, updated_at="2026-04-07T09:00:00Z")  # newer opt-out: stays out
    add_member(conn, "101", "+12125550103", active=0)  # older opt-out: back in
    add_member(conn, "999", "+12125550104")  # a list the file does not name
    path = tsv(
        tmp_path / "current_subscribers_demo_20260405.txt",
        CURRENT_HEADER,
        [
            ["2125550102", "", "", "", "+12125550102", "US", "101"],
            ["2125550103", "", "", "", "+12125550103", "US", "101"],
            ["2125550105", "", "", "", "+12125550105", "US", "101"],
        ],
    )
    result = import_vibes_extract(conn, path)
    assert result.snapshot_at == "2026-04-06T00:00:00Z"
    assert (result.opt_in, result.opt_out, result.skipped_newer) == (2, 1, 1)
    state = {k[1][-3:]: (r["active"], r["opt_out_reason"]) for k, r in members(conn).items()}
    assert state == {
        "100": (0, "not_in_extract"),
        "101": (1, None),
        "102": (0, None),
        "103": (1, None),
        "104": (1, None),
        "105": (1, None),
    }


def test_snapshot_comes_from_the_name_else_the_modification_time(tmp_path: Path) -> None:
    assert snapshot_time(Path("current_subscribers_acme_2026-04-05.txt")) == datetime(2026, 4, 6, tzinfo=UTC)
    plain = tmp_path / "export.tsv"
    plain.write_text("x", encoding="utf-8")
    os.utime(plain, (1_700_000_000, 1_700_000_000))
    assert snapshot_time(plain) == datetime.fromtimestamp(1_700_000_000, tz=UTC)


def test_daily_extract_applies_events_by_date_and_names_lists(conn, tmp_path: Path) -> None:
    path = tsv(
        tmp_path / "subscriptions_demo_20260405.txt",
        DAILY_HEADER,
        [
            [
                "pk1",
                "7",
                "+12125550123",
                "demo",
                "",
                "101",
                "Offers",
                "2026-04-05 09:00:00 -0600",
                "",
                "opt_in",
                "",
                "Keyword SPRING",
                "1",
            ],
            [
                "pk1",
                "7",
                "+12125550123",
                "demo",
                "",
                "101",
                "Offers",
                "2026-04-05 09:00:00 -0600",
                "2026-04-05 14:30:00 -0600",
                "OPT_OUT",
                "user_opt_out",
                "Texted STOP",
                "2",
            ],
            # an older opt-in listed after the opt-out does not undo it
            [
                "pk1",
                "7",
                "+12125550123",
                "demo",
                "",
                "101",
                "Offers",
                "2026-04-04 08:00:00 -0600",
                "",
                "Opt_In",
                "",
                "",
                "3",
            ],
            [
                "pk2",
                "",
                "+46701234567",
                "demo",
                "",
                "103",
                "Sverige",
                "2026-04-05 10:00:00 +0200",
                "",
                "OPT_IN",
                "",
                "",
                "4",
            ],
            ["pk3", "", "+46701234568", "demo", "", "103", "", "", "", "SUBSCRIBE", "", "", "5"],
            ["pk4", "", "+46701234569", "demo", "", "103", "", "yesterday", "", "OPT_IN", "", "", "6"],
        ],
    )
    result = import_vibes_extract(conn, path)
    assert (result.format, result.rows, result.opt_in, result.opt_out, result.skipped_newer) == ("daily", 6, 3, 1, 1)
    assert result.lists == ["101", "103"]
    assert [(e["line"], e["reason"].split(" ")[0]) for e in result.errors] == [
        (6, "subscription_event"),
        (7, "opt_in_date"),
    ]
    got = members(conn)
    out = got[("101", "+12125550123")]
    assert (out["active"], out["opt_in_date"], out["opt_out_date"], out["opt_out_reason"]) == (
        0,
        "2026-04-05T15:00:00Z",
        "2026-04-05T20:30:00Z",
        "user_opt_out",
    )
    assert got[("103", "+46701234567")]["opt_in_date"] == "2026-04-05T08:00:00Z"
    assert got[("103", "+46701234569")]["active"] == 1  # a bad date is reported, the event still applies
    assert dict(conn.execute("SELECT id, name FROM vibes_lists").fetchall()) == {"101": "Offers", "103": "Sverige"}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2017-04-05 14:30:00 -0600", "2017-04-05T20:30:00Z"),
        ("2017-04-05 14:30:00 +0000", "2017-04-05T14:30:00Z"),
        ("2017-04-05T14:30:00Z", "2017-04-05T14:30:00Z"),
        ("2017-04-05 14:30:00", "2017-04-05T14:30:00Z"),
        ("", None),
    ],
)
def test_vibes_dates(text: str, expected: str | None) -> None:
    assert parse_vibes_date(text) == expected


def test_rows_that_cannot_be_used_are_reported_with_lines(conn, tmp_path: Path) -> None:
    path = tsv(
        tmp_path / "c.tsv",
        CURRENT_HEADER,
        [
            ["2125550123", "", "", "", "+12125550123", "US", ""],
            ["", "", "", "", "", "US", "101"],
            ["abc", "", "", "", "", "US", "101"],
            ["2125550124", "", "", "", "+12125550124", "US", "101"],
        ],
    )
    result = import_vibes_extract(conn, path)
    assert (result.rows, result.opt_in) == (4, 1)
    assert [e["line"] for e in result.errors] == [2, 3, 4]


@pytest.mark.parametrize(
    "content,words",
    [
        ("external_id,phone\n1,2125550123\n", "not a Vibes extract"),
        ("person_id\tmdn\tsubscription_event\nx\t+12125550123\tOPT_IN\n", "no subscription_list_id column"),
        ("", "empty"),
    ],
)
def test_files_that_are_not_extracts_are_refused(conn, tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "x.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFileError) as info:
        import_vibes_extract(conn, path)
    assert words in str(info.value)
    assert conn.execute("SELECT count(*) FROM vibes_memberships").fetchone()[0] == 0


def test_a_header_in_any_case_and_order_is_read(conn, tmp_path: Path) -> None:
    path = tsv(
        tmp_path / "c.tsv",
        ["Subscription List ID", "MDN_E164_FORMAT", "Country Code", "MDN"],
        [["101", "+12125550123", "US", "2125550123"]],
    )
    assert import_vibes_extract(conn, path).opt_in == 1
