"""Vibes extract files into the workspace's membership mirror (``vibes_memberships``).

Two formats, told apart by their header (tab-separated, UTF-8, any column order):

* *Current Subscriber Extract*: ``mdn`` (10 digits), ``person_id``, ``external_person_id``,
  ``carrier_code``, ``mdn_e164_format``, ``country_code``, ``subscription_list_id``: every
  subscription active at the snapshot. The number is ``mdn_e164_format`` where the file has
  it, else ``mdn`` read in ``country_code`` (an ISO code such as ``US``, or a calling code
  such as ``1``; empty: the workspace default region).
* Daily *Subscription Extract*: one ``OPT_IN``/``OPT_OUT`` event a row (any case), with
  ``subscription_list_name``, ``opt_in_date`` / ``opt_out_date`` as
  ``2017-04-05 14:30:00 -0600``, ``opt_out_reason`` and the number as E.164 ``mdn``.

How a current extract is applied. The file is a snapshot taken at an instant *T*: the end
of the date in its name (``current_subscribers_demo_20260405.txt`` → 2026-04-06 00:00 UTC,
as Vibes lists the subscriptions active at the end of that day), or, for a name without a
date, the file's modification time. For every list the file names, it is the whole truth
at *T*: its rows become active members, and members of those lists that are missing from
it become inactive with ``opt_out_reason`` ``not_in_extract``. What the mirror learned
*after T* (an engine step or a callback recorded later: ``updated_at`` > *T*) is newer than
the file and is left alone, so importing last week's extract cannot undo today's opt-out
or opt-in. Lists absent from the file are untouched: a list whose last member left does
not appear in an extract at all, so nothing can be concluded about it. Being wrong here
costs little either way: Vibes itself only routes a text to current members.

A daily extract applies each event unless the mirror already holds a later date for that
membership (events are applied by date, not by file order, so files may come in any
order). Both formats are written in one transaction; a file that cannot be read changes
nothing. Each opt-in and opt-out it brings is in the consent log (``services.consent``) with the
source ``extract`` and the file and line as its proof (the file and its snapshot for the
members it ends).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Literal

import phonenumbers

from smsflow_desktop.services.consent import ConsentContext, consent_source
from smsflow_desktop.services.importers.textfile import (
    ImportFileError,
    TextFileInfo,
    header_key,
    open_text,
    read_header,
    reader_for,
    records,
)
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.store import dialect_of
from smsflow_desktop.services.workspace import iso, now_utc, transaction

MAX_ERRORS = 1000
BATCH_ROWS = 2000
CURRENT_COLUMNS = (
    "mdn",
    "person_id",
    "external_person_id",
    "carrier_code",
    "mdn_e164_format",
    "country_code",
    "subscription_list_id",
)
DAILY_COLUMNS = (
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
)
_KNOWN = {header_key(c): c for c in (*CURRENT_COLUMNS, *DAILY_COLUMNS)}
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")

ExtractFormat = Literal["current", "daily"]
Progress = Callable[[int, int, int], None]


@dataclass
class ExtractImportResult:
    """What an extract import did; ``lists`` are the Vibes list ids the file names."""

    format: ExtractFormat
    rows: int = 0
    opt_in: int = 0
    opt_out: int = 0
    skipped_newer: int = 0
    lists: list[str] = field(default_factory=list)
    snapshot_at: str | None = None
    errors: list[dict[str, object]] = field(default_factory=list)
    error_count: int = 0

    def report(self, line: int, reason: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"line": line, "reason": reason})

    def as_dict(self) -> dict[str, object]:
        return {
            "format": self.format,
            "rows": self.rows,
            "opt_in": self.opt_in,
            "opt_out": self.opt_out,
            "lists": len(self.lists),
            "list_ids": self.lists,
            "skipped_newer": self.skipped_newer,
            "snapshot_at": self.snapshot_at,
            "errors": self.errors,
            "error_count": self.error_count,
        }


def detect_format(path: Path, header: list[str], line: int) -> tuple[ExtractFormat, dict[str, int]]:
    """The extract's format and where its known columns are, from the header."""
    cols: dict[str, int] = {}
    for i, name in enumerate(header):
        canonical = _KNOWN.get(header_key(name.strip().strip('"')))
        if canonical and canonical not in cols:
            cols[canonical] = i
    if "subscription_event" in cols:
        fmt: ExtractFormat = "daily"
        need: tuple[str, ...] = ("mdn", "subscription_list_id")
    elif "mdn_e164_format" in cols or ("mdn" in cols and "country_code" in cols):
        fmt = "current"
        need = ("subscription_list_id",)
    else:
        raise ImportFileError(
            path,
            "not a Vibes extract: expected the header of a Current Subscriber Extract "
            "(mdn, mdn_e164_format, country_code, subscription_list_id, ...) or of a "
            "Subscription Extract (mdn, subscription_list_id, subscription_event, ...)",
            line,
        )
    missing = [c for c in need if c not in cols]
    if missing:
        raise ImportFileError(path, f"the extract has no {', '.join(missing)} column", line)
    return fmt, cols


def parse_vibes_date(text: str) -> str | None:
    """``2017-04-05 14:30:00 -0600`` (or ISO-8601) as a stored UTC timestamp; None when empty.

    Raises ValueError for text that is not a date."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M:%S"):
        try:
            value = datetime.strptime(text, fmt)
            break
        except ValueError:
            continue
    else:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return iso(value)


def snapshot_time(path: Path) -> datetime:
    """The instant a current extract describes: the end of the date in its name, else its mtime."""
    for match in reversed(list(_NAME_DATE.finditer(path.name))):
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
        return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1)
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)


class _Numbers:
    """E.164 numbers from extract cells (``phonenumbers`` only when the text is not E.164)."""

    def __init__(self, default_region: str) -> None:
        self.default_region = default_region

    def e164(self, text: str, region: str | None = None) -> str | None:
        text = text.strip()
        if _E164.match(text):
            return text
        if not text:
            return None
        digits = re.sub(r"[\s().\-]", "", text)
        if region is None and not digits.startswith("+"):
            region = self.default_region
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            return None
        if not phonenumbers.is_possible_number(number):
            return None
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def region_of(self, country_code: str) -> str:
        code = country_code.strip().upper()
        if code.isdigit():
            return phonenumbers.region_code_for_country_code(int(code)) if code else self.default_region
        return code if code in phonenumbers.SUPPORTED_REGIONS else self.default_region


def _cell(values: list[str], cols: dict[str, int], name: str) -> str:
    i = cols.get(name)
    if i is None or i >= len(values):
        return ""
    value = values[i].strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1].strip()
    return value


@dataclass(frozen=True)
class ExtractPlan:
    """A checked extract file: its format, delimiter and where its columns are."""

    path: Path
    info: TextFileInfo
    format: ExtractFormat
    delimiter: str
    columns: dict[str, int]


def inspect_vibes_extract(path: Path) -> ExtractPlan:
    """Check an extract file and tell its format from the header; :class:`ImportFileError` otherwise."""
    path = Path(path)
    header = read_header(path, quote_tabs=False)
    fmt, cols = detect_format(path, header.names, header.line)
    return ExtractPlan(path, header.info, fmt, header.delimiter, cols)


def import_vibes_extract(
    conn: sqlite3.Connection,
    path: Path,
    *,
    progress: Progress | None = None,
    snapshot_at: datetime | None = None,
    plan: ExtractPlan | None = None,
) -> ExtractImportResult:
    """Import a Current Subscriber Extract or a daily Subscription Extract (see the module notes).

    ``progress(rows_done, bytes_done, bytes_total)`` is called after each batch; an exception
    raised from it cancels the import (nothing is written)."""
    plan = plan or inspect_vibes_extract(Path(path))
    numbers = _Numbers(get_setting(conn, "default_region"))
    now = iso(now_utc())
    result = ExtractImportResult(plan.format)
    if plan.format == "current":
        snap = iso(snapshot_at or snapshot_time(plan.path))
        result.snapshot_at = snap
        writer: _Writer = _CurrentWriter(conn, result, snap, now)
    else:
        writer = _DailyWriter(conn, result, now)
    cols = plan.columns
    size = plan.info.size
    try:
        with (
            transaction(conn),
            open_text(plan.path) as text,
            consent_source(conn, "extract", plan.path.name, learned_at=now) as consent,
        ):
            writer.consent = consent
            writer.file_name = plan.path.name
            writer.begin()
            rows = records(plan.path, reader_for(text, plan.delimiter, quote_tabs=False), start_line=0)
            next(rows)  # the header
            batch: list[dict[str, object]] = []
            for line, values in rows:
                result.rows += 1
                item = writer.read(line, values, cols, numbers)
                if item is not None:
                    batch.append(item)
                if len(batch) >= BATCH_ROWS:
                    writer.write(batch)
                    batch = []
                    if progress is not None:
                        progress(result.rows, text.buffer.tell(), size)
            writer.write(batch)
            writer.finish()
    finally:
        writer.close()
    if progress is not None:
        progress(result.rows, size, size)
    result.lists = sorted(writer.lists)
    return result


class _Writer:
    """Reads one format's rows and writes them; subclasses hold the SQL."""

    def __init__(self, conn: sqlite3.Connection, result: ExtractImportResult, now: str) -> None:
        self.conn = conn
        self.result = result
        self.now = now
        self.lists: dict[str, str] = {}
        self.consent: ConsentContext | None = None
        self.file_name = ""

    def begin(self) -> None:
        pass

    def read(self, line: int, values: list[str], cols: dict[str, int], numbers: _Numbers) -> dict[str, object] | None:
        raise NotImplementedError

    def write(self, batch: list[dict[str, object]]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Make sure every list the file names is known to the workspace (names where given)."""
        self.conn.executemany(
            "INSERT INTO vibes_lists(id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name "
            "WHERE ? != ''",
            [(lid, name or f"Vibes list {lid}", name) for lid, name in sorted(self.lists.items())],
        )

    def close(self) -> None:
        pass

    def _each_with_its_line(self, sql: str, batch: list[dict[str, object]]) -> int:
        """``executemany`` of ``sql`` over ``batch``, each membership with its file line as the
        consent proof, the batch's consent entries written at once (a membership twice in the
        batch is written in parts); the rows changed."""
        if self.consent is None:
            return self.conn.executemany(sql, batch).rowcount
        name = self.file_name
        return self.consent.write_memberships(
            sql, batch, lambda item: (str(item["list"]), str(item["mdn"])), lambda item: f"{name} line {item['line']}"
        )

    def _common(self, line: int, values: list[str], cols: dict[str, int]) -> dict[str, object] | None:
        list_id = _cell(values, cols, "subscription_list_id")
        if not list_id:
            self.result.report(line, "no subscription_list_id; row skipped")
            return None
        name = _cell(values, cols, "subscription_list_name")
        if name or list_id not in self.lists:
            self.lists[list_id] = name or self.lists.get(list_id, "")
        return {
            "line": line,
            "list": list_id,
            "pk": _cell(values, cols, "person_id") or None,
            "ext": _cell(values, cols, "external_person_id") or None,
            "now": self.now,
        }


class _CurrentWriter(_Writer):
    _UPSERT = (
        "INSERT INTO vibes_memberships(list_id, mdn, person_key, external_person_id, active, updated_at) "
        "VALUES (:list, :mdn, :pk, :ext, 1, :snap) "
        "ON CONFLICT(list_id, mdn) DO UPDATE SET "
        "person_key = coalesce(excluded.person_key, vibes_memberships.person_key), "
        "external_person_id = coalesce(excluded.external_person_id, vibes_memberships.external_person_id), "
        "opt_out_date = CASE WHEN vibes_memberships.active = 1 THEN vibes_memberships.opt_out_date END, "
        "opt_out_reason = CASE WHEN vibes_memberships.active = 1 THEN vibes_memberships.opt_out_reason END, "
        "active = 1, updated_at = max(vibes_memberships.updated_at, :snap) "
        "WHERE vibes_memberships.active = 1 OR vibes_memberships.updated_at <= :snap"
    )

    def __init__(self, conn: sqlite3.Connection, result: ExtractImportResult, snap: str, now: str) -> None:
        super().__init__(conn, result, now)
        self.snap = snap
        # the connection's own table of the memberships the file names (PostgreSQL's temporary
        # tables are in pg_temp, and have no rowid to go without)
        pg = dialect_of(conn) == "postgresql"
        self.seen = "pg_temp.extract_seen" if pg else "temp.extract_seen"
        self._without_rowid = "" if pg else " WITHOUT ROWID"

    def begin(self) -> None:
        self.conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS extract_seen "
            f"(list_id TEXT NOT NULL, mdn TEXT NOT NULL, PRIMARY KEY (list_id, mdn)){self._without_rowid}"
        )
        self.conn.execute(f"DELETE FROM {self.seen}")

    def read(self, line: int, values: list[str], cols: dict[str, int], numbers: _Numbers) -> dict[str, object] | None:
        item = self._common(line, values, cols)
        if item is None:
            return None
        given = _cell(values, cols, "mdn_e164_format")
        if given:
            mdn = numbers.e164(given if given.startswith("+") else "+" + given)
        else:
            raw = _cell(values, cols, "mdn")
            mdn = numbers.e164(raw, numbers.region_of(_cell(values, cols, "country_code"))) if raw else None
            given = raw
        if mdn is None:
            self.result.report(
                line,
                f"number {given!r} cannot be read; row skipped" if given else "no mdn / mdn_e164_format; row skipped",
            )
            return None
        item["mdn"] = mdn
        item["snap"] = self.snap
        return item

    def write(self, batch: list[dict[str, object]]) -> None:
        if not batch:
            return
        changed = self._each_with_its_line(self._UPSERT, batch)
        self.result.opt_in += changed
        self.result.skipped_newer += len(batch) - changed
        self.conn.executemany(f"INSERT OR IGNORE INTO {self.seen}(list_id, mdn) VALUES (:list, :mdn)", batch)

    def finish(self) -> None:
        super().finish()
        marks = ",".join("?" * len(self.lists))
        if marks:
            if self.consent is not None:
                self.consent.set(f"{self.file_name}: not in this extract of the list's members at {self.snap}")
            cur = self.conn.execute(
                "UPDATE vibes_memberships SET active = 0, opt_out_reason = 'not_in_extract', opt_out_date = NULL, "
                f"updated_at = ? WHERE list_id IN ({marks}) AND active = 1 AND updated_at <= ? "
                f"AND NOT EXISTS (SELECT 1 FROM {self.seen} s "
                "WHERE s.list_id = vibes_memberships.list_id AND s.mdn = vibes_memberships.mdn)",
                (self.snap, *sorted(self.lists), self.snap),
            )
            self.result.opt_out += cur.rowcount

    def close(self) -> None:
        self.conn.execute(f"DROP TABLE IF EXISTS {self.seen}")


class _DailyWriter(_Writer):
    # (the date's type said: PostgreSQL cannot tell the type of a parameter only tested for NULL)
    _GUARD = (
        "WHERE CAST(:at AS TEXT) IS NULL OR CAST(:at AS TEXT) >= "
        "max(coalesce(vibes_memberships.opt_in_date, ''), coalesce(vibes_memberships.opt_out_date, ''))"
    )
    _OPT_IN = (
        "INSERT INTO vibes_memberships(list_id, mdn, person_key, external_person_id, active, opt_in_date, updated_at) "
        "VALUES (:list, :mdn, :pk, :ext, 1, :in_date, :now) "
        "ON CONFLICT(list_id, mdn) DO UPDATE SET person_key = coalesce(excluded.person_key, vibes_memberships.person_key), "
        "external_person_id = coalesce(excluded.external_person_id, vibes_memberships.external_person_id), active = 1, "
        "opt_in_date = coalesce(excluded.opt_in_date, vibes_memberships.opt_in_date), opt_out_date = NULL, opt_out_reason = NULL, "
        "updated_at = excluded.updated_at " + _GUARD
    )
    _OPT_OUT = (
        "INSERT INTO vibes_memberships(list_id, mdn, person_key, external_person_id, active, opt_in_date, "
        "opt_out_date, opt_out_reason, updated_at) "
        "VALUES (:list, :mdn, :pk, :ext, 0, :in_date, :out_date, :reason, :now) "
        "ON CONFLICT(list_id, mdn) DO UPDATE SET person_key = coalesce(excluded.person_key, vibes_memberships.person_key), "
        "external_person_id = coalesce(excluded.external_person_id, vibes_memberships.external_person_id), active = 0, "
        "opt_in_date = coalesce(excluded.opt_in_date, vibes_memberships.opt_in_date), opt_out_date = excluded.opt_out_date, "
        "opt_out_reason = excluded.opt_out_reason, updated_at = excluded.updated_at " + _GUARD
    )

    def read(self, line: int, values: list[str], cols: dict[str, int], numbers: _Numbers) -> dict[str, object] | None:
        event = _cell(values, cols, "subscription_event").upper().replace("-", "_").replace(" ", "_")
        if event not in ("OPT_IN", "OPT_OUT"):
            self.result.report(
                line,
                f"subscription_event {_cell(values, cols, 'subscription_event')!r} "
                "is not OPT_IN or OPT_OUT; row skipped",
            )
            return None
        item = self._common(line, values, cols)
        if item is None:
            return None
        raw = _cell(values, cols, "mdn")
        mdn = numbers.e164(raw)
        if mdn is None:
            self.result.report(line, f"number {raw!r} cannot be read; row skipped" if raw else "no mdn; row skipped")
            return None
        item["mdn"] = mdn
        for key, column in (("in_date", "opt_in_date"), ("out_date", "opt_out_date")):
            text = _cell(values, cols, column)
            try:
                item[key] = parse_vibes_date(text)
            except ValueError:
                self.result.report(
                    line,
                    f"{column} {text!r} is not a date like 2017-04-05 14:30:00 -0600; "
                    "the event is applied in file order",
                )
                item[key] = None
        item["event"] = event
        item["at"] = item["in_date"] if event == "OPT_IN" else item["out_date"]
        item["reason"] = _cell(values, cols, "opt_out_reason") or None
        return item

    def write(self, batch: list[dict[str, object]]) -> None:
        # Consecutive runs of one event type keep file order between opt-ins and opt-outs.
        start = 0
        while start < len(batch):
            event = batch[start]["event"]
            end = start
            while end < len(batch) and batch[end]["event"] == event:
                end += 1
            run = batch[start:end]
            changed = self._each_with_its_line(self._OPT_IN if event == "OPT_IN" else self._OPT_OUT, run)
            if event == "OPT_IN":
                self.result.opt_in += changed
            else:
                self.result.opt_out += changed
            self.result.skipped_newer += len(run) - changed
            start = end
