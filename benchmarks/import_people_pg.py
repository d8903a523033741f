"""Benchmark: People CSV import into a PostgreSQL workspace against a bare parse + COPY loop.

Generates the same CSV as ``benchmarks/import_people.py`` (``--rows`` people, default
1,000,000), then measures, each in its own process and its own fresh database:

* the *bare loop*, the reference: ``csv.reader`` + ``phonenumbers.parse`` / ``is_valid_number`` /
  ``format_number`` (as in the SQLite benchmark) + one ``COPY people(…) FROM STDIN`` with
  psycopg's ``write_row``, in one transaction, into the ``people`` table of a fresh workspace,
  so with every index and trigger the workspace has, firing as they are: the triggers on new
  people run once, over all the rows of the COPY, so the search index (``people_search``,
  trigram GIN) takes every person in one statement at its end. It writes the same
  columns our importer writes for this file (flags read as true/1/yes, the custom field as
  JSON), so the triggers do the same work per person (custom field names, consent entries of
  the flags); it leaves out what only the importer does: the time zone of each number, the
  consent source and proofs, which external ids are already stored, errors and counts per line.
* the same bare loop with the search index filled by ``search_index_batches`` (the importer's
  own way, batch by batch) in one statement at the end: the same work by another path.
* our importer (``import_people_csv``) into a fresh workspace.

Prints the rates, the importer's ratio to each bare loop (target: at least 1.0 against the
first; the importer converts rows in worker processes, the bare loops in one), the peak RSS of
each, the CPU seconds they spent here (worker processes included) and, when the server runs on
this machine, the CPU seconds its backend spent: the server is one process per connection, so
a writer can go no faster than its backend, and on a busy machine the total CPU decides.

The server: ``SMSFLOW_BENCH_PG_URL`` (``postgresql://USER@HOST:PORT/DB``, a role that may create
databases; the benchmark creates and drops its own ``smsflow_bench_*`` databases there), else a
throwaway server started as the tests start theirs (``tests/pg_server.py``: PostgreSQL 15+'s
``initdb`` and ``pg_ctl`` on PATH or in /usr/lib/postgresql, fsync off) and removed at the end.

    .venv/bin/python benchmarks/import_people_pg.py [--rows N] [--repeat R] [--workers W] [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_people import _peak, generate
from pg import Databases

COLUMNS = (
    "external_id, first_name, last_name, email, phone_raw, phone_e164, phone_valid, country, city, state, "
    "postal_code, blocklisted, unsubscribed, custom_fields, created_at, updated_at"
)


# -- children --------------------------------------------------------------------------------


def child_bare(csv_path: Path, url: str, batched: bool) -> dict[str, object]:
    import phonenumbers

    from smsflow_desktop.services.people import search_index_batches
    from smsflow_desktop.services.workspace import Workspace, iso, now_utc, transaction

    conn = Workspace.open(url, create=True).connect()
    backend = _Backend(conn)
    now = iso(now_utc())
    e164 = phonenumbers.PhoneNumberFormat.E164
    true = {"true", "1", "yes"}
    rows = 0
    cpu0 = _client_cpu()
    t0 = time.perf_counter()
    with (
        transaction(conn),
        search_index_batches(conn) if batched else contextlib.nullcontext(None) as index_batch,
        open(csv_path, encoding="utf-8", newline="") as f,
    ):
        with conn.raw.cursor() as cur, cur.copy(f"COPY people({COLUMNS}) FROM STDIN") as copy:
            reader = csv.reader(f)
            next(reader)
            for r in reader:
                try:
                    n = phonenumbers.parse(r[4], r[5])
                    valid = phonenumbers.is_valid_number(n)
                    formatted = phonenumbers.format_number(n, e164) if valid else None
                except phonenumbers.NumberParseException:
                    valid, formatted = False, None
                custom = json.dumps({"loyalty_tier": r[11]}) if r[11] else "{}"
                copy.write_row(
                    (
                        r[0],
                        r[1],
                        r[2],
                        r[3],
                        r[4],
                        formatted,
                        int(valid),
                        r[5],
                        r[6],
                        r[7],
                        r[8],
                        int(r[9].lower() in true),
                        int(r[10].lower() in true),
                        custom,
                        now,
                        now,
                    )
                )
                rows += 1
        if index_batch is not None:
            index_batch(0)
    seconds = time.perf_counter() - t0
    server = backend.cpu()
    conn.close()
    return {"seconds": seconds, "rows": rows, "server_cpu": server, "client_cpu": _client_cpu() - cpu0, **_peak()}


def _client_cpu() -> float:
    """CPU seconds of this process and its finished children."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


class _Backend:
    """CPU seconds of a connection's server process so far (None when the server is elsewhere)."""

    def __init__(self, conn: Any) -> None:
        self._stat = Path(f"/proc/{conn.execute('SELECT pg_backend_pid()').fetchone()[0]}/stat")
        self._start = self._read()

    def _read(self) -> float | None:
        try:
            fields = self._stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def cpu(self) -> float | None:
        now = self._read()
        return None if now is None or self._start is None else now - self._start


def child_ours(csv_path: Path, url: str, workers: int | None = None) -> dict[str, object]:
    from smsflow_desktop.services.importers import import_people_csv
    from smsflow_desktop.services.workspace import Workspace

    conn = Workspace.open(url, create=True).connect()
    try:
        backend = _Backend(conn)
        cpu0 = _client_cpu()
        t0 = time.perf_counter()
        result = import_people_csv(conn, csv_path, workers=workers)
        seconds = time.perf_counter() - t0
        server = backend.cpu()
        people = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    finally:
        conn.close()
    return {
        "seconds": seconds,
        "rows": result.rows,
        "imported": result.imported,
        "people": people,
        "invalid_phone": result.invalid_phone,
        "server_cpu": server,
        "client_cpu": _client_cpu() - cpu0,  # worker processes included (joined by then)
        **_peak(),
    }


def _run_child(*args: str) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"the {args[0]} run failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _lines(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for _ in f)


# -- main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="alternate bare loop and importer this many times; the best run of each counts",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes converting rows in the importer (default: its own choice; 1 = none)",
    )
    parser.add_argument("--keep", metavar="DIR", help="write the CSV in DIR and keep it")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind in ("bare", "bare-batched"):
            out = child_bare(Path(rest[0]), rest[1], batched=kind == "bare-batched")
        else:
            out = child_ours(Path(rest[0]), rest[1], int(rest[2]) if len(rest) > 2 else None)
        print(json.dumps(out))
        return
    tmp = None
    if args.keep:
        root = Path(args.keep)
        root.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="smsflow-bench-")
        root = Path(tmp.name)
    csv_path = root / "people.csv"
    if not csv_path.exists() or _lines(csv_path) != args.rows + 1:
        t0 = time.perf_counter()
        generate(csv_path, args.rows)
        took = time.perf_counter() - t0
        print(f"generated {args.rows:,} rows ({csv_path.stat().st_size / 1e6:.1f} MB) in {took:.1f} s", flush=True)
    databases = Databases()
    runs: dict[str, list[dict[str, Any]]] = {"bare": [], "bare-batched": [], "ours": []}
    try:
        for i in range(max(1, args.repeat)):
            for name, done in runs.items():
                url = databases.create()
                try:
                    extra = [str(args.workers)] if name == "ours" and args.workers else []
                    done.append(_run_child(name, str(csv_path), url, *extra))
                finally:
                    databases.drop(url)
                print(f"  run {i + 1} {name:12}: {done[-1]['rows'] / done[-1]['seconds']:,.0f} rows/s", flush=True)
    finally:
        databases.close()
        if tmp is not None:
            tmp.cleanup()
    best = {name: min(done, key=lambda r: r["seconds"]) for name, done in runs.items()}
    rate = {name: r["rows"] / r["seconds"] for name, r in best.items()}
    for name, label in (("bare", "bare loop"), ("bare-batched", "bare, batch"), ("ours", "importer")):
        r = best[name]
        server = f", server CPU {r['server_cpu']:.1f} s" if r["server_cpu"] is not None else ""
        server = f", CPU {r['client_cpu']:.1f} s here{server}"
        extra = ""
        if name == "ours":
            extra = (
                f", largest worker {max(x['children_maxrss_kib'] for x in runs['ours']) / 1024:.0f} MB; "
                f"{r['people']:,} people, {r['invalid_phone']:,} invalid numbers"
            )
        print(
            f"{label:12}: {r['rows']:,} rows in {r['seconds']:.1f} s = {rate[name]:,.0f} rows/s "
            f"(peak RSS {r['maxrss_kib'] / 1024:.0f} MB{server}{extra})"
        )
    print(f"ratio       : {rate['ours'] / rate['bare']:.2f}x the bare loop (target >= 1.0)")
    print(
        f"              {rate['ours'] / rate['bare-batched']:.2f}x the bare loop with the search index in one statement"
    )


if __name__ == "__main__":
    main()
