"""Who works on what when several programs serve one workspace: identities, leases, rate shares.

An *owner* is one program on one computer: its host name, process id and a random token,
together its id (``host/pid/token``), recorded in the ``agents`` table with when it started,
when it last beat its heart and the lease it takes (``lease_s``). Every claim on work carries
the owner and a ``lease_until`` instant: a run's ownership (``runs.owner``, ``runs.owner_pid``,
``runs.lease_until``); an occurrence of a batch campaign and a batch of trigger firings are
claimed in the transaction that creates their run, already owned, so the run's lease is
theirs; the ledger's rows belong to whoever holds their run. The owner renews its leases while
it works; another program may take a claim over only when its lease ran out, or at once when
the owner is on the same computer and its process is gone. A take-over is a conditional
``UPDATE`` (compare-and-set on the owner and lease it judged expired) checked by its row
count, inside the workspace's write transaction; every later write of the owner's (a request
marked ``sending``, an answer) first renews its lease the same way, so a program that lost its
claim while it stalled writes nothing more and sends nothing more (what it had in flight is in
doubt for the new owner, never sent again). On PostgreSQL the same statements map onto
``SELECT … FOR UPDATE SKIP LOCKED`` over the same columns.

Several owners share the account's Vibes rate limit: each run that sends (its lease live)
takes an equal share, re-read every :data:`SHARE_EVERY_S` seconds. A run that starts while
others send first waits :func:`join_wait`, so that theirs are smaller before its own begins: until
they have seen it and what they sent in the last window at their larger share has left it. A
run that sees fewer runs sending grows into its larger share over one window
(:class:`RateShare`), as what the runs that stopped sent leaves Vibes' window.

Lease instants are wall-clock time (UTC), never ``SMSFLOW_NOW``, which may stand still.
"""

from __future__ import annotations

import os
import secrets
import socket
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from smsflow_desktop.services.workspace import iso

#: The lease an owner takes unless told otherwise (``smsflow agent --lease-s``).
DEFAULT_LEASE_S = 60.0
MIN_LEASE_S = 5.0
MAX_LEASE_S = 3600.0
#: How often a sending run looks again at how many runs send (its share of the rate limit).
SHARE_EVERY_S = 0.25
#: The window Vibes counts requests over (seconds).
WINDOW_S = 1.0
#: Beyond the next look, how late a sending run may be to look again (its loop busy writing).
LOOK_SLACK_S = 0.25
#: Records of programs not heard of for this long are deleted.
FORGET_AFTER = timedelta(days=1)

ROLE_AGENT = "agent"
ROLE_RUNNER = "runner"

_lock = threading.Lock()
_identity: Identity | None = None


@dataclass(frozen=True)
class Identity:
    """This program: ``id`` is ``host/pid/token``."""

    id: str
    host: str
    pid: int


def identity() -> Identity:
    """This process's identity (a new one in a forked child)."""
    global _identity
    with _lock:
        if _identity is None or _identity.pid != os.getpid():
            host = (socket.gethostname() or "localhost").replace("/", "-")
            pid = os.getpid()
            _identity = Identity(f"{host}/{pid}/{secrets.token_hex(6)}", host, pid)
        return _identity


def host_of(owner: str) -> str:
    """The host name in an owner id (``host/pid/token``)."""
    return owner.rsplit("/", 2)[0]


def beat_every(lease_s: float) -> float:
    """How often an owner renews a lease of ``lease_s`` seconds: three times within it, at
    least every 5 s."""
    return min(5.0, lease_s / 3)


def wall_clock() -> datetime:
    return datetime.now(UTC)


def until(wall: datetime, lease_s: float) -> str:
    return iso(wall + timedelta(seconds=lease_s))


def parse(stamp: str | None) -> datetime | None:
    if not stamp:
        return None
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def register(conn: sqlite3.Connection, lease_s: float, role: str = ROLE_RUNNER) -> None:
    """Record (or beat) this program in ``agents``; an agent's record stays an agent's."""
    me, wall = identity(), iso(wall_clock())
    conn.execute(
        "INSERT INTO agents(id, host, pid, role, started_at, heartbeat_at, lease_s) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, "
        "lease_s = max(agents.lease_s, excluded.lease_s), "
        "role = CASE WHEN agents.role = 'agent' THEN 'agent' ELSE excluded.role END",
        (me.id, me.host, me.pid, role, wall, wall, lease_s),
    )


def beat(conn: sqlite3.Connection) -> None:
    """This program is alive (its record's heartbeat)."""
    conn.execute("UPDATE agents SET heartbeat_at = ? WHERE id = ?", (iso(wall_clock()), identity().id))


def unregister(conn: sqlite3.Connection, role: str | None = None) -> None:
    """Delete this program's record (only if it has ``role``, when given)."""
    if role is None:
        conn.execute("DELETE FROM agents WHERE id = ?", (identity().id,))
    else:
        conn.execute("DELETE FROM agents WHERE id = ? AND role = ?", (identity().id, role))


def forget_silent(conn: sqlite3.Connection, wall: datetime) -> int:
    """Delete the records of programs not heard of for :data:`FORGET_AFTER`."""
    return conn.execute("DELETE FROM agents WHERE heartbeat_at < ?", (iso(wall - FORGET_AFTER),)).rowcount


def sending_runs(conn: sqlite3.Connection, wall: datetime) -> int:
    """Runs that send now: owned, leased into the future, not dry runs."""
    row = conn.execute(
        "SELECT count(*) FROM runs WHERE owner IS NOT NULL AND lease_until > ? AND dry_run = 0", (iso(wall),)
    ).fetchone()
    return int(row[0] or 0)


def join_wait(senders: int) -> float:
    """How long a run that finds ``senders`` runs sending (itself among them) waits before its
    first request: until each of the others has looked again (:data:`SHARE_EVERY_S`, give or
    take :data:`LOOK_SLACK_S`) and slowed from a share of 1/(senders - 1) to 1/senders; after
    that its count over the last window falls to the new share within ``WINDOW_S / senders``."""
    if senders <= 1:
        return 0.0
    return SHARE_EVERY_S + LOOK_SLACK_S + WINDOW_S / senders


class RateShare:
    """The share of the rate limit one run uses, following how many runs send.

    A smaller share (another run began) is taken at once. A larger one (runs stopped) is grown
    into over one window from when it is first seen: each run that stopped sent up to its share
    in its last window, which Vibes still counts and which leaves the count at that pace, so the
    runs left may take its room only as it frees up."""

    def __init__(self) -> None:
        self.used: float | None = None
        self._growing: tuple[float, float, float] | None = None  # (since, from, to)

    def follow(self, senders: int, now: float) -> float:
        """The share to use at ``now`` (monotonic seconds) when ``senders`` runs send."""
        target = 1.0 / max(1, senders)
        if self.used is None or target <= self.used:
            self._growing = None
            self.used = target
            return target
        if self._growing is None or self._growing[2] != target:
            self._growing = (now, self.used, target)
        since, start, _ = self._growing
        self.used = start + (target - start) * min(1.0, max(0.0, now - since) / WINDOW_S)
        if self.used >= target:
            self.used, self._growing = target, None
        return self.used


def next_expiry(conn: sqlite3.Connection, wall: datetime) -> datetime | None:
    """The earliest instant a lease of another program runs out (None: no other holds one)."""
    row = conn.execute(
        "SELECT min(lease_until) FROM runs WHERE owner IS NOT NULL AND owner != ? AND lease_until IS NOT NULL "
        "AND status = 'running'",
        (identity().id,),
    ).fetchone()
    return parse(row[0]) if row else None
