"""Engine figures: preview speed against hand-written SQL, run throughput against the emulator.

    .venv/bin/python benchmarks/engine.py [--people 1000000] [--members 500000] [--recipients 10000] [--repeat 5]
                                          [--quick] [--store sqlite|postgresql] [--keep] [--reuse URL]

1. Preview of a Send SMS step over ``--people`` people (``--members`` of them on the Vibes
   list, a day of texts to some of them in the ledger: one to every fourth, three to every
   fiftieth): the engine (warm: number time zones already looked up; and cold) against one
   hand-written SQL statement computing the same smart list / excluded / recipients counts:
   each person's first reason (the flags, no valid number, not on the list, a number
   suppressed by a blocklisted or unsubscribed person or by a STOP), ``duplicate_phone``, and
   ``frequency_limit`` from the texts each number got in the last 24 hours (every limit of the
   workspace is 3 texts per 24 hours, so it needs no regions). It works out no quiet hours,
   which the engine does as well (deferrals, by zone and by the states' windows). The engine
   applies the workspace's compliance rules (state windows, frequency limits) as a preview
   does; one figure leaves them out, for what they cost. Each figure is the median of
   ``--repeat`` runs, each ratio the median of the runs' ratios.
2. A run over ``--recipients`` people against the emulator limited to 100 requests/s with
   50 ms latency: the share of the limit achieved, 429 answers, the process's peak memory.

``--store postgresql``: the workspaces are PostgreSQL databases (see ``benchmarks/pg.py`` for
the server: ``SMSFLOW_BENCH_PG_URL`` or a throwaway one), built by the server itself and
analysed; the hand-written SQL runs on the same server, the same statement but for
PostgreSQL's spelling of ``IN`` a table; a second hand-written form joins the memberships and
suppressed numbers instead of looking them up per person (PostgreSQL runs a sub-query in a
``CASE`` once per row), and the engine is compared with it too.
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_data import build_workspace

from smsflow_desktop.model.campaign import Campaign, SmsMessage
from smsflow_desktop.services.campaigns import save_campaign, save_message
from smsflow_desktop.services.compliance.policy import Compliance
from smsflow_desktop.services.engine.audience import count_audience
from smsflow_desktop.services.engine.runner import RunOptions, start_run
from smsflow_desktop.services.engine.steps import plan_step
from smsflow_desktop.services.store import dialect_of
from smsflow_desktop.services.workspace import Workspace, iso

NOW = datetime(2026, 4, 7, 2, 30, tzinfo=UTC)  # evening in the US: some zones are closed

HAND_WRITTEN = """
WITH c AS MATERIALIZED (
  SELECT p.id, p.phone_e164,
    CASE WHEN p.blocklisted = 1 THEN 'blocklisted'
         WHEN p.marketing_suspended = 1 THEN 'marketing_suspended'
         WHEN p.unsubscribed = 1 THEN 'unsubscribed'
         WHEN p.phone_valid = 0 OR p.phone_e164 IS NULL THEN 'no_valid_phone'
         WHEN NOT EXISTS (SELECT 1 FROM vibes_memberships m
                          WHERE m.list_id = '101' AND m.mdn = p.phone_e164 AND m.active = 1) THEN 'not_in_vibes_list'
         WHEN EXISTS (SELECT 1 FROM people s WHERE s.phone_e164 = p.phone_e164
                      AND (blocklisted = 1 OR unsubscribed = 1))
           OR EXISTS (SELECT 1 FROM number_opt_outs o WHERE o.mdn = p.phone_e164) THEN 'phone_suppressed'
    END AS reason
  FROM people p WHERE lower(p.country) IN ('us', 'ca')),
limited AS MATERIALIZED (
  SELECT mdn FROM ledger WHERE sent_at > :since AND sent_at <= :now GROUP BY mdn HAVING count(*) >= 3)
SELECT reason, count(*) FROM c WHERE reason IS NOT NULL GROUP BY reason
UNION ALL
SELECT 'duplicate_phone', count(*) - count(DISTINCT phone_e164) FROM c WHERE reason IS NULL
UNION ALL
SELECT 'frequency_limit', count(DISTINCT phone_e164) FROM c WHERE reason IS NULL AND phone_e164 IN limited
UNION ALL
SELECT NULL, count(DISTINCT phone_e164) FROM c WHERE reason IS NULL AND phone_e164 NOT IN limited
"""
HAND_PARAMS = {"since": iso(NOW - timedelta(hours=24)), "now": iso(NOW)}


#: The same counts hand-written for PostgreSQL, which runs a correlated sub-query in a CASE once
#: per person: the memberships and suppressed numbers joined instead.
HAND_WRITTEN_JOINS = """
WITH c AS MATERIALIZED (
  SELECT p.id, p.phone_e164,
    CASE WHEN p.blocklisted = 1 THEN 'blocklisted'
         WHEN p.marketing_suspended = 1 THEN 'marketing_suspended'
         WHEN p.unsubscribed = 1 THEN 'unsubscribed'
         WHEN p.phone_valid = 0 OR p.phone_e164 IS NULL THEN 'no_valid_phone'
         WHEN m.mdn IS NULL THEN 'not_in_vibes_list'
         WHEN s.phone_e164 IS NOT NULL OR o.mdn IS NOT NULL THEN 'phone_suppressed'
    END AS reason
  FROM people p
  LEFT JOIN vibes_memberships m ON m.list_id = '101' AND m.mdn = p.phone_e164 AND m.active = 1
  LEFT JOIN (SELECT DISTINCT phone_e164 FROM people WHERE blocklisted = 1 OR unsubscribed = 1) s
         ON s.phone_e164 = p.phone_e164
  LEFT JOIN number_opt_outs o ON o.mdn = p.phone_e164
  WHERE lower(p.country) IN ('us', 'ca')),
limited AS MATERIALIZED (
  SELECT mdn FROM ledger WHERE sent_at > ? AND sent_at <= ? GROUP BY mdn HAVING count(*) >= 3)
SELECT reason, count(*) FROM c WHERE reason IS NOT NULL GROUP BY reason
UNION ALL
SELECT 'duplicate_phone', count(*) - count(DISTINCT phone_e164) FROM c WHERE reason IS NULL
UNION ALL
SELECT 'frequency_limit', count(DISTINCT phone_e164) FROM c WHERE reason IS NULL AND phone_e164 IN (SELECT mdn FROM limited)
UNION ALL
SELECT NULL, count(DISTINCT phone_e164) FROM c WHERE reason IS NULL AND PG_NOT_LIMITED
"""
#: ``NOT IN limited`` for PostgreSQL, which hashes the numbers of a ``NOT IN`` only when they fit
#: in its ``work_mem`` and otherwise reads all of them again for each person (the numbers of
#: people still in are never NULL, so the two mean the same).
PG_NOT_LIMITED = "NOT EXISTS (SELECT 1 FROM limited l WHERE l.mdn = c.phone_e164)"
HAND_WRITTEN_JOINS = HAND_WRITTEN_JOINS.replace("PG_NOT_LIMITED", PG_NOT_LIMITED)


def hand_written(dialect: str) -> tuple[str, object]:
    """The hand-written statement and its parameters for a connection of ``dialect``."""
    if dialect == "postgresql":
        text = HAND_WRITTEN.replace("phone_e164 NOT IN limited", PG_NOT_LIMITED)
        text = text.replace("IN limited", "IN (SELECT mdn FROM limited)")
        return text.replace(":since", "?").replace(":now", "?"), (HAND_PARAMS["since"], HAND_PARAMS["now"])
    return HAND_WRITTEN, HAND_PARAMS


def campaign(quiet: bool) -> Campaign:
    return Campaign.model_validate(
        {
            "name": "Bench",
            "schedule": {"qualification": "every_time"},
            "smart_list": {
                "logic": "all",
                "filters": [{"type": "person_field", "field": "country", "operator": "is", "values": ["US", "CA"]}],
            },
            "flow": [{"type": "send_sms", "message": "Bench", "vibes_list_id": "101"}],
            "settings": {"quiet_hours": {"enabled": quiet}},
        }
    )


def bench_preview(root: Path | str, people: int, members: int, repeat: int, *, built: bool = False) -> None:
    if built:  # a database an earlier run kept (--reuse)
        ws = Workspace.open(root)
        print(f"the preview's workspace as an earlier run built it: {ws.db_path}")
    else:
        t = time.perf_counter()
        ws = build_workspace(root, people, members, texted_before=NOW)
        print(f"built {people} people ({members} on the list) in {time.perf_counter() - t:.1f} s")
    conn = ws.connect()
    hand_sql, hand_params = hand_written(dialect_of(conn))
    c = campaign(True)
    plan = plan_step(c, 1)
    t = time.perf_counter()
    count_audience(conn, c, plan, NOW, "UTC")
    cold_s = time.perf_counter() - t
    bare = Compliance([], workspace_limit=None)
    work = {
        "hand": lambda: conn.execute(hand_sql, hand_params).fetchall(),
        **(
            {"joins": lambda: conn.execute(HAND_WRITTEN_JOINS, hand_params).fetchall()}
            if dialect_of(conn) == "postgresql"
            else {}
        ),
        "on": lambda: count_audience(conn, c, plan, NOW, "UTC"),
        "off": lambda: count_audience(conn, campaign(False), plan, NOW, "UTC"),
        "bare": lambda: count_audience(conn, c, plan, NOW, "UTC", compliance=bare),
    }
    times: dict[str, list[float]] = {k: [] for k in work}
    result: dict[str, object] = {}
    for _ in range(repeat):  # interleaved, so each ratio compares runs made in the same conditions
        for k, fn in work.items():
            t = time.perf_counter()
            result[k] = fn()
            times[k].append(time.perf_counter() - t)
    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = {k: statistics.median(a / h for a, h in zip(v, times["hand"], strict=True)) for k, v in times.items()}
    rows = {r[0]: r[1] for r in result["hand"]}  # type: ignore[attr-defined]
    warm, off = result["on"], result["off"]
    assert rows[None] == warm.recipients == off.recipients, (rows, warm)  # type: ignore[attr-defined]
    if "joins" in result:
        assert sorted(result["joins"], key=str) == sorted(result["hand"], key=str)  # type: ignore[arg-type]
    assert rows["frequency_limit"] == warm.excluded["frequency_limit"], (rows, warm)  # type: ignore[attr-defined]
    print(
        f"preview: recipients {warm.recipients}, deferred by quiet hours {warm.deferred_quiet_hours}, "  # type: ignore[attr-defined]
        f"left out by the frequency limit {rows['frequency_limit']}; median of {repeat}"
    )
    print(f"  hand-written SQL (same smart list / excluded / recipients counts): {med['hand']:.2f} s")
    if "joins" in med:
        by_joins = statistics.median(a / j for a, j in zip(times["on"], times["joins"], strict=True))
        print(
            f"  hand-written SQL with joins instead of sub-queries:  {med['joins']:.2f} s  "
            f"(engine, quiet hours on, against it: ratio {by_joins:.2f})"
        )
    print(f"  engine, quiet hours on (zones already known):  {med['on']:.2f} s  ratio {ratio['on']:.2f}")
    print(f"  engine, quiet hours off:                        {med['off']:.2f} s  ratio {ratio['off']:.2f}")
    print(f"  engine, quiet hours on, no compliance rules:    {med['bare']:.2f} s  ratio {ratio['bare']:.2f}")
    print(f"  engine, first preview (looks up zones it needs): {cold_s:.2f} s")
    conn.close()


def bench_run(root: Path | str, recipients: int, emulator_root: Path) -> None:
    from smsflow_desktop.services.vibes import RateLimits, VibesClient
    from smsflow_desktop.services.vibes.emulator.server import EmulatorServer

    ws = build_workspace(root, recipients, recipients)
    with ws.session() as conn:
        save_message(conn, SmsMessage(name="Bench", body="Hi {{lead.First Name|there}}, spring offer! STOP to opt out"))
        save_campaign(conn, campaign(False))
        sendable = conn.execute(
            "SELECT count(*) FROM people p WHERE p.phone_valid = 1 AND p.blocklisted = 0 "
            "AND p.unsubscribed = 0 AND p.marketing_suspended = 0"
        ).fetchone()[0]
    seed = emulator_root / "seed.json"
    seed.write_text(
        '{"company_key": "ck", "username": "u", "password": "p", "subscription_lists": '
        '[{"id": "101", "name": "Main list"}], "acquisition_campaigns": [], "subscriptions": []}'
    )
    with EmulatorServer(emulator_root / "emulator", seed=seed, rate_limit=100, latency_ms=50) as server:
        client = VibesClient(
            server.base_url,
            server.company_key,
            server.username,
            server.password,
            rate_limits=RateLimits(events=95, company=5),
            sourcecode="12345",  # Vibes wants the short code each text goes from
        )
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t = time.perf_counter()
        result = start_run(ws, "Bench", client, options=RunOptions(concurrency=8))
        elapsed = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        stats = client.stats
        client.close()
    rate = result.counts["sent"] / elapsed
    print(
        f"run over {recipients} people ({sendable} sendable before list rules): {result.status}, "
        f"sent {result.counts['sent']}, failed {result.counts['failed']}, in doubt {result.counts['in_doubt']}"
    )
    print(f"  {elapsed:.1f} s, {rate:.1f} texts/s = {rate:.0f}% of the emulator's 100 requests/s limit")
    print(f"  429 answers: {stats.rate_limited}, requests: {stats.requests}, retries: {stats.retries}")
    print(
        f"  peak memory of this process: {after / 1024:.0f} MB (grew {max(0, after - before) / 1024:.0f} MB during the run)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--people", type=int, default=1_000_000)
    ap.add_argument("--members", type=int, default=500_000)
    ap.add_argument("--recipients", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5, help="runs of each preview figure (their median)")
    ap.add_argument("--quick", action="store_true", help="100k people, a 1,000-person run")
    ap.add_argument("--skip-preview", action="store_true")
    ap.add_argument("--skip-run", action="store_true")
    ap.add_argument("--store", choices=("sqlite", "postgresql"), default="sqlite", help="where the workspaces live")
    ap.add_argument("--keep", action="store_true", help="postgresql: keep the preview's database (its URL is printed)")
    ap.add_argument(
        "--reuse",
        metavar="URL",
        help="postgresql: preview the database an earlier run kept (built with the same --people and --members)",
    )
    args = ap.parse_args()
    if (args.keep or args.reuse) and args.store != "postgresql":
        ap.error("--keep and --reuse are for --store postgresql")
    if args.quick:
        args.people, args.members, args.recipients = 100_000, 50_000, 1_000
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        place: Callable[[str], Path | str] = lambda name: Path(tmp) / name  # noqa: E731
        if args.store == "postgresql":
            from pg import Databases

            dbs = stack.enter_context(Databases())
            print(f"workspaces in PostgreSQL databases on {dbs.where}")
            place = lambda name: dbs.create()  # noqa: E731
        if not args.skip_preview:
            root = args.reuse or place("preview")
            if args.keep and not args.reuse:
                dbs.keep(str(root))
                print(f"the preview's database is kept: {root}")
            bench_preview(root, args.people, args.members, args.repeat, built=bool(args.reuse))
        if not args.skip_run:
            (Path(tmp) / "run").mkdir()
            bench_run(place("run"), args.recipients, Path(tmp) / "run")


if __name__ == "__main__":
    main()
