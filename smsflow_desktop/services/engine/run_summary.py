"""One run at a glance: its counts from the ledger, skips by reason, deliveries, activity types.

:func:`run_summary` is what the Results tab draws: the ledger's counts over the run's whole
life (:func:`ledger.run_counts`, the same numbers ``smsflow runs show`` prints), the people
skipped (at one step or more, as the run panel counts them: :func:`ledger.skipped_people`)
and how many of them each reason left out, the handset deliveries Vibes reported, the sends
in doubt and the kinds of activity the run logged (for the log's type filter). It reads the
whole run once; on a run of a million rows it takes a moment, so callers run it off the GUI
thread.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from smsflow_desktop.services.engine import ledger

#: Activity types that mean a handset delivery receipt (the runner's and the callback receiver's names).
DELIVERED_TYPES = ("SMS Delivered",)
#: Statuses a run can be carried on from (what is left is then sent, or waits for its time).
RESUMABLE = frozenset({"interrupted", "waiting", "paused", "cancelled", "failed"})


@dataclass
class RunSummary:
    """What one run did, for the Results tab."""

    run_id: int
    campaign: str
    status: str
    dry_run: bool
    started_at: str
    finished_at: str | None
    error: str | None
    counts: dict[str, int]
    skipped_by_reason: dict[str, int] = field(default_factory=dict)  # people each reason left out
    delivered: int = 0
    activity_types: list[str] = field(default_factory=list)
    activity_total: int = 0
    skipped_people: int = 0  # people skipped at one step or more (``counts["skipped"]`` counts rows)

    @property
    def in_doubt(self) -> int:
        """Sends in doubt, 'sending' rows of a stopped run included (a resume marks them)."""
        live = self.status == "running"
        return self.counts.get("in_doubt", 0) + (0 if live else self.counts.get("sending", 0))

    @property
    def left(self) -> int:
        """Rows not done yet."""
        return self.counts.get("pending", 0) + self.counts.get("sending", 0)

    @property
    def resumable(self) -> bool:
        return self.status in RESUMABLE and (self.left > 0 or self.in_doubt > 0)

    def bars(self) -> list[tuple[str, int]]:
        """The figures the chart draws, in order (key, value)."""
        c = self.counts
        return [
            ("sent", c.get("sent", 0)),
            ("delivered", self.delivered),
            ("failed", c.get("failed", 0)),
            ("skipped_people", self.skipped_people),
            ("subscribed_pending", c.get("subscribed_pending", 0)),
            ("unsubscribed", c.get("unsubscribed", 0)),
            ("in_doubt", self.in_doubt),
            ("pending", c.get("pending", 0)),
        ]


def run_summary(conn: sqlite3.Connection, run_id: int) -> RunSummary:
    """The summary of ``run_id`` (:class:`ledger.RunNotFound` if there is none)."""
    row = ledger.load_run(conn, run_id)
    counts = ledger.run_counts(conn, run_id)
    skipped = {
        str(reason or "unknown"): int(n)
        for reason, n in conn.execute(
            "SELECT reason, count(DISTINCT person_id) FROM ledger WHERE run_id = ? AND state = 'skipped' "
            "GROUP BY reason ORDER BY count(DISTINCT person_id) DESC, reason",
            (run_id,),
        )
    }
    types: dict[str, int] = {}
    for kind, n in conn.execute("SELECT type, count(*) FROM activity WHERE run_id = ? GROUP BY type", (run_id,)):
        types[str(kind)] = int(n)
    delivered = sum(types.get(t, 0) for t in DELIVERED_TYPES)
    return RunSummary(
        run_id,
        str(row["campaign_name"]),
        ledger.effective_status(row),
        bool(row["dry_run"]),
        str(row["started_at"]),
        row["finished_at"],
        row["error"],
        counts,
        skipped,
        delivered,
        sorted(types, key=str.casefold),
        sum(types.values()),
        ledger.skipped_people(conn, run_id),
    )
