"""Benchmark: Vibes extract import (memberships and their consent-log entries) against a bare loop.

Writes a Current Subscriber Extract of ``--rows`` new memberships (default 200,000: distinct
North American numbers on one list), then, ``--repeat`` times, each into a fresh workspace:

* the *bare loop* (the reference): the same file reading and number parsing as the importer
  (its header check and row reader) and a plain ``executemany`` of ``INSERT INTO
  vibes_memberships`` in batches of the importer's size, one transaction, into a workspace
  whose ``vibes_memberships`` triggers were dropped first: no consent-log entries, no
  STOP-list or automation triggers, no upsert, no record of the rows seen;
* our importer (``import_vibes_extract``), which also writes one consent-log entry per new
  membership with the file and line as its proof (checked after each repetition).

Prints each median time, the rows per second and the ratio importer / bare loop.

    .venv/bin/python benchmarks/import_extract.py [--rows N] [--repeat R] [--format current|daily]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from smsflow_desktop.services.importers.textfile import open_text, reader_for, records
from smsflow_desktop.services.importers.vibes_extract import (
    BATCH_ROWS,
    CURRENT_COLUMNS,
    DAILY_COLUMNS,
    ExtractImportResult,
    _CurrentWriter,
    _DailyWriter,
    _Numbers,
    _Writer,
    import_vibes_extract,
    inspect_vibes_extract,
)
from smsflow_desktop.services.workspace import Workspace, transaction

AREAS = ("212", "312", "303", "602", "213", "907", "808", "415", "617", "713")
NAME = "current_subscribers_bench_20260405.txt"


def number(i: int) -> str:
    return f"+1{AREAS[i % 10]}{200 + (i // 10) % 700}{(i // 7000) % 10000:04d}"


def generate(path: Path, rows: int, fmt: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        if fmt == "current":
            f.write("\t".join(CURRENT_COLUMNS) + "\n")
            for i in range(rows):
                mdn = number(i)
                f.write(f"{mdn[2:]}\tP{i}\tX{i}\t101\t{mdn[1:]}\tUS\t101\n")
        else:
            f.write("\t".join(DAILY_COLUMNS) + "\n")
            for i in range(rows):
                f.write(
                    f"P{i}\tX{i}\t{number(i)}\t1\t101\t101\tMain list\t2026-04-05 10:00:00 -0600\t\t"
                    "OPT_IN\t\tsubscribed\tA{i}\n"
                )


def bare(ws_dir: Path, path: Path) -> tuple[float, int]:
    ws = Workspace.open(ws_dir, create=True)
    with ws.session() as conn:
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'vibes_memberships'"
        ).fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        sql = (
            "INSERT INTO vibes_memberships(list_id, mdn, person_key, external_person_id, active, opt_in_date, "
            "updated_at) VALUES (:list, :mdn, :pk, :ext, 1, :in_date, :now)"
        )
        t = time.perf_counter()
        plan = inspect_vibes_extract(path)
        numbers = _Numbers("US")
        result = ExtractImportResult(plan.format)
        now = "2026-04-06T00:00:00Z"
        reader: _Writer = (
            _CurrentWriter(conn, result, now, now) if plan.format == "current" else _DailyWriter(conn, result, now)
        )
        n = 0
        with transaction(conn), open_text(path) as text:
            rows = records(path, reader_for(text, plan.delimiter, quote_tabs=False), start_line=0)
            next(rows)
            batch: list[dict[str, object]] = []
            for line, values in rows:
                item = reader.read(line, values, plan.columns, numbers)
                if item is not None:
                    item.setdefault("in_date", None)
                    batch.append(item)
                if len(batch) >= BATCH_ROWS:
                    n += conn.executemany(sql, batch).rowcount
                    batch = []
            n += conn.executemany(sql, batch).rowcount
        return time.perf_counter() - t, n


def ours(ws_dir: Path, path: Path) -> tuple[float, int]:
    ws = Workspace.open(ws_dir, create=True)
    with ws.session() as conn:
        before = conn.execute("SELECT count(*) FROM consent_log").fetchone()[0]
        t = time.perf_counter()
        result = import_vibes_extract(conn, path)
        elapsed = time.perf_counter() - t
        entries = conn.execute("SELECT count(*) FROM consent_log").fetchone()[0] - before
        proven = conn.execute(
            "SELECT count(*) FROM consent_log WHERE source = 'extract' AND proof LIKE ? || ' line %'", (path.name,)
        ).fetchone()[0]
        members = conn.execute("SELECT count(*) FROM vibes_memberships").fetchone()[0]
        if not entries == proven == result.opt_in == members:
            raise SystemExit(f"consent entries {entries} ({proven} with their line) for {members} memberships")
        return elapsed, result.opt_in


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--format", choices=("current", "daily"), default="current")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / (NAME if args.format == "current" else "subscription_bench_20260405.txt")
        generate(path, args.rows, args.format)
        times: dict[str, list[float]] = {"bare": [], "ours": []}
        for i in range(args.repeat):
            for name, fn in (("bare", bare), ("ours", ours)):
                elapsed, n = fn(root / f"{name}{i}", path)
                if n != args.rows:
                    raise SystemExit(f"{name}: {n} memberships written, expected {args.rows}")
                times[name].append(elapsed)
        b, o = statistics.median(times["bare"]), statistics.median(times["ours"])
        ratios = [x / y for x, y in zip(times["ours"], times["bare"], strict=True)]
        print(f"{args.format} extract, {args.rows} new memberships, median of {args.repeat}:")
        print(f"  bare loop (same parsing, plain INSERT, no triggers): {b:.2f} s  {args.rows / b:,.0f} rows/s")
        print(f"  import_vibes_extract (with consent entries):         {o:.2f} s  {args.rows / o:,.0f} rows/s")
        print(
            f"  ratio importer / bare loop: {statistics.median(ratios):.2f} (each run: "
            f"{', '.join(f'{r:.2f}' for r in ratios)})"
        )


if __name__ == "__main__":
    main()
