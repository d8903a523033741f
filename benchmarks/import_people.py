"""Benchmark: People CSV import against a bare loop, and opening the imported workspace.

Generates a CSV of ``--rows`` people (default 1,000,000; US, CA, SE and GB numbers in
everyday spellings, about 3% invalid), then, each in its own process so memory is measured
alone:

* the *bare loop*: ``csv.reader`` + ``phonenumbers.parse`` / ``is_valid_number`` /
  ``format_number`` + ``executemany`` into a fresh workspace, one transaction;
* our importer (``import_people_csv``) into another fresh workspace;
* opening that workspace and reading :func:`workspace_counts` (what the navigator shows).

Prints both rates, their ratio (target: at least 0.8), our peak RSS (target: under 300 MB;
worker processes reported apart) and the open time (target: under 0.5 s).

    .venv/bin/python benchmarks/import_people.py [--rows N] [--repeat R] [--workers W] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = [
    "external_id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "country",
    "city",
    "state",
    "postal_code",
    "blocklisted",
    "unsubscribed",
    "loyalty_tier",
]
FIRST = ["James", "Mary", "Anna", "Erik", "Åsa", "Björn", "Olivia", "Noah", "María", "Chloé", "Liam", "Sofía"]
LAST = ["Smith", "García, Jr.", "Andersson", "Öberg", "Tremblay", "O'Brien", "Johansson", "Brown", "Lee"]
US_AREAS = ["212", "646", "312", "415", "713", "303", "206", "305", "602", "617", "404", "512"]
CA_AREAS = ["416", "647", "604", "778", "514", "438", "403", "613"]


def _phone(rng: random.Random, country: str) -> str:
    if rng.random() < 0.03:
        return rng.choice(["555-1234", "12345", "+46 70 12", "n/a", "0000", "(212) 555-01"])
    line = rng.randint(0, 9999)
    if country in ("US", "CA"):
        area = rng.choice(US_AREAS if country == "US" else CA_AREAS)
        exch = rng.randint(201, 989)
        return rng.choice(
            [
                f"({area}) {exch}-{line:04d}",
                f"{area}-{exch}-{line:04d}",
                f"{area}.{exch}.{line:04d}",
                f"+1 {area} {exch} {line:04d}",
                f"1{area}{exch}{line:04d}",
            ]
        )
    if country == "SE":
        pre = rng.choice(["70", "72", "73", "76", "79"])
        rest = rng.randint(0, 9999999)
        return rng.choice(
            [f"0{pre}-{rest:07d}", f"+46 {pre} {rest // 10000:03d} {rest % 10000:04d}", f"0{pre}{rest:07d}"]
        )
    pre = rng.choice(["7400", "7500", "7700", "7800", "7900"])
    rest = rng.randint(0, 999999)
    return rng.choice([f"0{pre} {rest:06d}", f"+44 {pre} {rest:06d}", f"0{pre}{rest:06d}"])


def generate(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    countries = ["US"] * 6 + ["CA"] + ["SE"] * 2 + ["GB"] * 2
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for i in range(1, rows + 1):
            c = rng.choice(countries)
            first, last = rng.choice(FIRST), rng.choice(LAST)
            w.writerow(
                [
                    f"P{i:07d}",
                    first,
                    last,
                    f"user{i}@example.com",
                    _phone(rng, c),
                    c,
                    "Springfield",
                    "",
                    f"{rng.randint(10000, 99999)}",
                    "true" if rng.random() < 0.01 else "false",
                    "yes" if rng.random() < 0.05 else "",
                    rng.choice(["Gold", "Silver", ""]),
                ]
            )


# -- children --------------------------------------------------------------------------------


def _peak() -> dict[str, int]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"maxrss_kib": own, "children_maxrss_kib": kids}


def child_bare(csv_path: Path, ws_dir: Path) -> dict[str, object]:
    import phonenumbers

    from smsflow_desktop.services.people import search_index_batches
    from smsflow_desktop.services.workspace import Workspace, iso, now_utc

    conn = Workspace.open(ws_dir, create=True).connect()
    now = iso(now_utc())
    sql = (
        "INSERT INTO people(external_id, first_name, last_name, email, phone_raw, phone_e164, phone_valid, "
        "country, city, state, postal_code, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
    )
    e164 = phonenumbers.PhoneNumberFormat.E164
    t0 = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    rows = 0
    # the search index takes each batch of new people in one statement, as the importer does
    with open(csv_path, encoding="utf-8", newline="") as f, search_index_batches(conn) as index_batch:
        reader = csv.reader(f)
        next(reader)
        batch = []
        for r in reader:
            try:
                n = phonenumbers.parse(r[4], r[5])
                valid = phonenumbers.is_valid_number(n)
                formatted = phonenumbers.format_number(n, e164) if valid else None
            except phonenumbers.NumberParseException:
                valid, formatted = False, None
            batch.append((r[0], r[1], r[2], r[3], r[4], formatted, int(valid), r[5], r[6], r[7], r[8], now, now))
            if len(batch) >= 2000:
                conn.executemany(sql, batch)
                index_batch(rows)
                rows += len(batch)
                batch = []
        conn.executemany(sql, batch)
        index_batch(rows)
        rows += len(batch)
    conn.execute("COMMIT")
    return {"seconds": time.perf_counter() - t0, "rows": rows, **_peak()}


def child_ours(csv_path: Path, ws_dir: Path, workers: int | None = None) -> dict[str, object]:
    from smsflow_desktop.services.importers import import_people_csv
    from smsflow_desktop.services.workspace import Workspace

    conn = Workspace.open(ws_dir, create=True).connect()
    t0 = time.perf_counter()
    result = import_people_csv(conn, csv_path, workers=workers)
    return {
        "seconds": time.perf_counter() - t0,
        "rows": result.rows,
        "imported": result.imported,
        "invalid_phone": result.invalid_phone,
        **_peak(),
    }


def child_open(ws_dir: Path) -> dict[str, object]:
    t0 = time.perf_counter()
    from smsflow_desktop.services.people import workspace_counts
    from smsflow_desktop.services.workspace import Workspace

    t1 = time.perf_counter()
    ws = Workspace.open(ws_dir)
    with ws.session() as conn:
        counts = workspace_counts(conn)
    t2 = time.perf_counter()
    return {"seconds": t2 - t1, "import_seconds": t1 - t0, "counts": counts}


def _run_child(*args: str) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="alternate bare loop and importer this many times; the best run of each counts "
        "(the machine is shared, so a single run is noisy)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes converting rows in the importer (default: its own choice; 1 = none)",
    )
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the files")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "bare":
            out = child_bare(Path(rest[0]), Path(rest[1]))
        elif kind == "ours":
            out = child_ours(Path(rest[0]), Path(rest[1]), int(rest[2]) if len(rest) > 2 else None)
        else:
            out = child_open(Path(rest[0]))
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
    t0 = time.perf_counter()
    generate(csv_path, args.rows)
    print(f"generated {args.rows:,} rows ({csv_path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s")
    bares, ours_runs = [], []
    for i in range(max(1, args.repeat)):
        for name, runs in (("bare", bares), ("ours", ours_runs)):
            ws = root / f"ws-{name}"
            shutil.rmtree(ws, ignore_errors=True)
            extra = [str(args.workers)] if name == "ours" and args.workers else []
            runs.append(_run_child(name, str(csv_path), str(ws), *extra))
            print(f"  run {i + 1} {name:4}: {runs[-1]['rows'] / runs[-1]['seconds']:,.0f} rows/s", flush=True)
    opened = [_run_child("open", str(root / "ws-ours")) for _ in range(3)]
    bare = min(bares, key=lambda r: r["seconds"])
    ours = min(ours_runs, key=lambda r: r["seconds"])
    bare_rate = bare["rows"] / bare["seconds"]
    our_rate = ours["rows"] / ours["seconds"]
    print(
        f"bare loop : {bare['rows']:,} rows in {bare['seconds']:.1f} s = {bare_rate:,.0f} rows/s "
        f"(peak RSS {bare['maxrss_kib'] / 1024:.0f} MB)"
    )
    print(
        f"importer  : {ours['rows']:,} rows in {ours['seconds']:.1f} s = {our_rate:,.0f} rows/s "
        f"(peak RSS {max(r['maxrss_kib'] for r in ours_runs) / 1024:.0f} MB, largest worker "
        f"{max(r['children_maxrss_kib'] for r in ours_runs) / 1024:.0f} MB; {ours['invalid_phone']:,} invalid numbers)"
    )
    print(f"ratio     : {our_rate / bare_rate:.2f}x the bare loop (target >= 0.8)")
    times = ", ".join(f"{o['seconds'] * 1000:.0f}" for o in opened)
    print(
        f"open      : Workspace.open + workspace_counts in {times} ms (3 fresh processes; target < 500 ms) "
        f"-> {opened[-1]['counts']}"
    )
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
