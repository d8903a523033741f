"""The run ledger: one row per person and SMS step, the single source of truth of a run.

States: ``pending`` (not done yet; ``due_at`` NULL until the person reaches the step),
``sending`` (committed *before* the request goes out), then ``sent``, ``failed``,
``skipped`` (with a reason), ``in_doubt`` (a request that may or may not have reached Vibes
when the program stopped), ``subscribed_pending``, ``subscribed`` or ``unsubscribed``.
:func:`create_run` snapshots the campaign, its message bodies and every step's audience in
one transaction; :func:`run_counts` sums the states over the run's whole life. A run is
worked on by one owner at a time, under a lease (:mod:`.leases`): :func:`acquire` claims it,
:func:`heartbeat` renews the claim (and fences every write of the owner), :func:`release` lets
it go.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.services.engine import leases
from smsflow_desktop.services.engine.audience import final_sql
from smsflow_desktop.services.engine.smart_list_sql import Sql
from smsflow_desktop.services.engine.steps import StepPlan, plan_step, sms_step_numbers
from smsflow_desktop.services.store import dialect_of
from smsflow_desktop.services.workspace import iso, transaction

TERMINAL = frozenset({"sent", "failed", "skipped", "in_doubt", "subscribed_pending", "subscribed", "unsubscribed"})
COUNT_KEYS = (
    "sent",
    "failed",
    "skipped",
    "in_doubt",
    "subscribed_pending",
    "unsubscribed",
    "subscribed",
    "pending",
    "sending",
    "deferred",
    "delivered",
)
FINISHED = frozenset({"completed", "cancelled", "failed"})
STALE_AFTER = timedelta(seconds=60)

# Runs a runner of *this* process works on now. A run whose recorded owner is this process
# but that is not in here was left behind (its release could not be written, e.g. on a full
# disk): it is free to resume at once, not after STALE_AFTER.
_held: set[int] = set()
_held_lock = threading.Lock()


class RunBusyError(RuntimeError):
    """Another live runner holds the campaign."""


class LeaseLost(RunBusyError):
    """This runner's lease on its run ran out and another took the run over: it writes and
    sends nothing more for it."""


class RunNotFound(LookupError):
    """No run with that id."""


@dataclass(frozen=True)
class Snapshot:
    """What a run works from, whatever happens to the campaign afterwards."""

    campaign: Campaign
    messages: dict[str, str]
    started_at: str

    def to_json(self) -> str:
        return json.dumps(
            {
                "campaign": self.campaign.model_dump(mode="json"),
                "messages": self.messages,
                "started_at": self.started_at,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Snapshot:
        data = json.loads(text)
        return cls(Campaign.model_validate(data["campaign"]), dict(data["messages"]), data["started_at"])


def wall_clock() -> datetime:
    """The real time, for heartbeats and leases (``SMSFLOW_NOW`` stands still; they must not)."""
    return datetime.now(UTC)


def log_activity(
    conn: sqlite3.Connection,
    run_id: int,
    at: str,
    person_id: int | None,
    mdn: str | None,
    step_index: int | None,
    kind: str,
    detail: str = "",
) -> None:
    conn.execute(
        "INSERT INTO activity(run_id, at, person_id, mdn, step_index, type, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (run_id, at, person_id, mdn, step_index, kind, detail),
    )


def _branch_case(plan: StepPlan, attr: str) -> tuple[str, list[object]]:
    parts: list[str] = []
    params: list[object] = []
    for b in plan.branches:
        if b is not None:
            parts.append(f"WHEN {b.index} THEN ?")
            params.append(getattr(b, attr))
    return f"(CASE f.branch {' '.join(parts)} END)", params


def create_run(
    conn: sqlite3.Connection,
    campaign: Campaign,
    messages: dict[str, str],
    now: datetime,
    *,
    dry_run: bool,
    campaign_id: int | None = None,
    lease_s: float | None = None,
) -> int:
    """Snapshot a new run (status ``running``; with ``lease_s``, claimed by this program for
    that long, else no owner yet); return its id."""
    with transaction(conn):
        return snapshot_run(conn, campaign, messages, now, dry_run=dry_run, campaign_id=campaign_id, lease_s=lease_s)


def snapshot_run(
    conn: sqlite3.Connection,
    campaign: Campaign,
    messages: dict[str, str],
    now: datetime,
    *,
    dry_run: bool,
    campaign_id: int | None = None,
    people: Sql | None = None,
    lease_s: float | None = None,
) -> int:
    """:func:`create_run` inside the caller's transaction, so the run can be created together
    with what caused it (a claimed occurrence, the trigger events it takes in). ``people``
    limits the smart list to a ``SELECT`` of person ids. With ``lease_s`` the run is created
    claimed by this program (another takes it over only when that lease runs out unrenewed).
    Raises :class:`RunBusyError` while a live runner holds the campaign."""
    stamp = iso(now)
    snapshot = Snapshot(campaign, {n: messages[n] for n in campaign.message_names() if n in messages}, stamp)
    plans = [plan_step(campaign, n) for n in sms_step_numbers(campaign)]
    wall = wall_clock()
    refuse_if_busy(conn, campaign.name, wall)  # a refused run leaves nothing behind
    owner: tuple[str | None, int | None, str | None, str | None] = (None, None, None, None)
    if lease_s is not None:
        leases.register(conn, lease_s)
        me = leases.identity()
        owner = (me.id, me.pid, iso(wall), leases.until(wall, lease_s))
    run_id = conn.execute(
        "INSERT INTO runs(campaign_id, campaign_name, status, dry_run, snapshot, started_at, owner, owner_pid, "
        "heartbeat_at, lease_until) VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (campaign_id, campaign.name, int(dry_run), snapshot.to_json(), stamp, *owner),
    ).fetchone()[0]
    assert run_id is not None
    for plan in plans:
        f = final_sql(campaign, plan, now, people=people, dialect=dialect_of(conn))
        message, mp = _branch_case(plan, "message")
        list_id, lp = _branch_case(plan, "vibes_list_id")
        acq, ap = _branch_case(plan, "acquisition_id")
        conn.execute(
            f"{f.text} INSERT INTO ledger(run_id, step_index, person_id, mdn, action, message_name, "
            "vibes_list_id, acquisition_id, state, reason, updated_at) "
            f"SELECT ?, ?, f.id, f.phone_e164, ?, {message}, {list_id}, {acq}, "
            "CASE WHEN f.reason IS NULL THEN 'pending' ELSE 'skipped' END, f.reason, ? "
            "FROM f WHERE f.reason IS NOT 'already_qualified'",
            [*f.params, run_id, plan.number, plan.action, *mp, *lp, *ap, stamp],
        )
        conn.execute(
            "INSERT INTO activity(run_id, at, person_id, mdn, step_index, type, detail) "
            "SELECT run_id, ?, person_id, mdn, step_index, 'Skipped', reason FROM ledger "
            "WHERE run_id = ? AND step_index = ? AND state = 'skipped'",
            (stamp, run_id, plan.number),
        )
    if not dry_run and plans:
        conn.execute(
            "INSERT INTO campaign_entries(campaign_name, person_id, last_entered_at, run_id) "
            "SELECT ?, person_id, ?, ? FROM ledger WHERE run_id = ? AND step_index = ? "
            "ON CONFLICT(campaign_name, person_id) DO UPDATE SET last_entered_at = excluded.last_entered_at, "
            "run_id = excluded.run_id",
            (campaign.name, stamp, run_id, run_id, plans[0].number),
        )
    return run_id


def load_run(conn: sqlite3.Connection, run_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
    if row is None:
        raise RunNotFound(f"no run {run_id} in this workspace")
    return row


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _field(row: sqlite3.Row, name: str) -> object:
    names = row.keys()  # (``in`` on a row looks at its values)
    return row[name] if name in names else None


def owner_is_live(row: sqlite3.Row, wall: datetime) -> bool:
    """Whether the run's recorded owner still holds it: its lease has not run out, and when
    the owner is on this computer, its process is alive. A run this process owns is live
    while one of its runners works on it. Runs claimed before leases existed (an owner pid
    and no owner id) are live while their process is alive and beat its heart recently."""
    pid, owner = row["owner_pid"], _field(row, "owner")
    if pid is None and owner is None:
        return False
    me = leases.identity()
    if pid is not None and int(pid) == me.pid and owner in (None, me.id):
        with _held_lock:
            return int(row["id"]) in _held
    if owner is None:
        beat = row["heartbeat_at"]
        fresh = bool(beat) and datetime.fromisoformat(beat.replace("Z", "+00:00")) > wall - STALE_AFTER
        return fresh and pid_alive(int(pid))
    lease = leases.parse(_field(row, "lease_until"))  # type: ignore[arg-type]
    if lease is None or lease <= wall:
        return False  # the lease ran out unrenewed: the owner stalled or is gone
    # on this computer, an owner whose process is gone holds nothing
    return leases.host_of(str(owner)) != me.host or pid is None or pid_alive(int(pid))


def acquire(conn: sqlite3.Connection, run_id: int, *, lease_s: float = leases.DEFAULT_LEASE_S) -> bool:
    """Become the run's owner for ``lease_s`` seconds (renewed by :func:`heartbeat`). Refuses
    (:class:`RunBusyError`) while a live owner holds any run of the same campaign; takes over
    from an owner whose lease ran out or whose process on this computer is gone. Returns
    whether another owner's run was taken over (so requests it left in flight are now in doubt).

    The claim is one conditional ``UPDATE`` of the owner and lease as they were read and judged
    free, checked by its row count, in the workspace's write transaction: two programs never
    both own a run."""
    wall = wall_clock()
    me = leases.identity()
    with transaction(conn):
        run = load_run(conn, run_id)
        refuse_if_busy(conn, run["campaign_name"], wall)
        taken_over = run["owner_pid"] is not None or run["owner"] is not None
        leases.register(conn, lease_s)
        claimed = conn.execute(
            "UPDATE runs SET owner = ?, owner_pid = ?, heartbeat_at = ?, lease_until = ?, status = 'running', "
            "finished_at = NULL, error = NULL "
            "WHERE id = ? AND owner IS ? AND owner_pid IS ? AND lease_until IS ?",
            (
                me.id,
                me.pid,
                iso(wall),
                leases.until(wall, lease_s),
                run_id,
                run["owner"],
                run["owner_pid"],
                run["lease_until"],
            ),
        ).rowcount
        if claimed != 1:  # pragma: no cover - the write transaction keeps the row as read
            raise RunBusyError(f"run {run_id} was claimed by another program at the same moment")
    with _held_lock:
        _held.add(run_id)
    return taken_over


def refuse_if_busy(conn: sqlite3.Connection, campaign_name: str, wall: datetime) -> None:
    """Raise :class:`RunBusyError` while a live runner holds any run of the campaign."""
    for other in conn.execute(
        "SELECT * FROM runs WHERE campaign_name = ? AND (owner_pid IS NOT NULL OR owner IS NOT NULL)", (campaign_name,)
    ).fetchall():
        if owner_is_live(other, wall):
            host = leases.host_of(str(other["owner"])) if other["owner"] else leases.identity().host
            where = "" if host == leases.identity().host else f" on {host}"
            raise RunBusyError(
                f"campaign {campaign_name!r} is already running (run {other['id']}, process "
                f"{other['owner_pid']}{where}); wait for it to finish or cancel it there"
            )


def heartbeat(conn: sqlite3.Connection, run_id: int, lease_s: float = leases.DEFAULT_LEASE_S) -> None:
    """Renew this program's lease on the run; :class:`LeaseLost` when it no longer owns it (its
    lease ran out and another program took the run over). Called inside each of the owner's
    write transactions too, so nothing is written, and no request marked ``sending``, for a
    run another owns."""
    me, wall = leases.identity(), wall_clock()
    renewed = conn.execute(
        "UPDATE runs SET heartbeat_at = ?, lease_until = ? WHERE id = ? AND owner = ? AND owner_pid = ?",
        (iso(wall), leases.until(wall, lease_s), run_id, me.id, me.pid),
    ).rowcount
    if renewed != 1:
        forget(run_id)
        raise LeaseLost(
            f"run {run_id} was taken over by another program (this one did not renew its lease in time); "
            "it carries on there"
        )


def forget(run_id: int) -> None:
    """This process no longer works on the run."""
    with _held_lock:
        _held.discard(run_id)


def release(conn: sqlite3.Connection, run_id: int, status: str, now: datetime, error: str | None = None) -> None:
    """Let the run go with ``status``, if this program still owns it (a run another took over
    is theirs to finish)."""
    forget(run_id)
    me = leases.identity()
    with transaction(conn):
        conn.execute(
            "UPDATE runs SET owner = NULL, owner_pid = NULL, heartbeat_at = NULL, lease_until = NULL, status = ?, "
            "error = ?, finished_at = ? WHERE id = ? AND (owner = ? OR (owner IS NULL AND owner_pid IS ?))",
            (status, error, iso(now) if status in FINISHED else None, run_id, me.id, me.pid),
        )


def requeue_in_doubt(conn: sqlite3.Connection, run_id: int, now: datetime) -> int:
    """Send in-doubt rows again (same event id, so a platform that drops repeats can)."""
    stamp = iso(now)
    with transaction(conn):
        return conn.execute(
            "UPDATE ledger SET state = 'pending', reason = 'resend_in_doubt', due_at = ?, "
            "updated_at = ? WHERE run_id = ? AND state = 'in_doubt'",
            (stamp, stamp, run_id),
        ).rowcount


def run_counts(conn: sqlite3.Connection, run_id: int) -> dict[str, int]:
    """Counts by state over the run's whole life, plus ``deferred`` and ``delivered``."""
    counts = {k: 0 for k in COUNT_KEYS}
    for state, n in conn.execute("SELECT state, count(*) FROM ledger WHERE run_id = ? GROUP BY state", (run_id,)):
        counts[state] = counts.get(state, 0) + n
    counts["deferred"] = conn.execute(
        "SELECT count(*) FROM (SELECT DISTINCT step_index, person_id FROM activity WHERE run_id = ? "
        "AND type = 'Deferred') AS deferrals",
        (run_id,),
    ).fetchone()[0]
    counts["delivered"] = conn.execute(
        "SELECT count(*) FROM activity WHERE run_id = ? AND type = 'SMS Delivered'", (run_id,)
    ).fetchone()[0]
    return counts


def skipped_people(conn: sqlite3.Connection, run_id: int) -> int:
    """People skipped at one step or more of the run (``run_counts`` counts skipped rows, one per
    person and step, so a two-text flow counts a person left out twice there)."""
    return int(
        conn.execute(
            "SELECT count(DISTINCT person_id) FROM ledger WHERE run_id = ? AND state = 'skipped'", (run_id,)
        ).fetchone()[0]
    )


def effective_status(row: sqlite3.Row) -> str:
    """The stored status, or ``interrupted`` for a ``running`` run whose owner is gone."""
    if row["status"] == "running" and not owner_is_live(row, wall_clock()):
        return "interrupted"
    return str(row["status"])
