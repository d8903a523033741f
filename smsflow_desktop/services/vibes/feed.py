"""The embedded emulator tells its workspace what happened, as Vibes' callbacks would for the real one.

In emulated mode nobody needs to switch on a callback receiver: the emulator's own durable
records are read into the workspace. Its subscription log (opt-ins, and opt-outs such as a
STOP reply) becomes the Vibes mirror's changes, so a run learns of a STOP the moment it is
texted; its events become routing answers (a refused text is never left ``sent``) and
delivery receipts in the activity log. Each source is read from a position kept in the
workspace (``emulator_feed``) in the same transaction as its effects, so every change is
applied exactly once, also after a crash of the process that hosted the emulator: attaching
first catches up on what the workspace missed. The emulator only *signals* that something
changed; one feed thread does the reading, so its request threads never wait for the workspace.
Each subscription change lands in the consent log with the emulator's own description as its
proof: a text the number sent (``STOP received``, a ``Y`` confirming an opt-in, a keyword) as the
source ``emulator_reply``, anything else (a seeded subscription, an opt-in through the API) as
``emulator``. Its participant log adds what changes no subscription: a pending double opt-in
declined (an ``N`` reply, or a STOP while it was pending) is mirrored into ``vibes_participants``
as an ``ack_participant_changed`` callback would be, so the consent log has it as ``declined``
with the reply as its proof. A ``Y`` is not taken from there: the opt-in it brings is already
recorded as the confirmation.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from datetime import datetime, timedelta
from typing import Any

from smsflow_desktop.services.consent import consent_source
from smsflow_desktop.services.vibes.callbacks import apply_payload
from smsflow_desktop.services.vibes.emulator.server import EmulatorServer
from smsflow_desktop.services.vibes.emulator.store import EmulatorStore, parse_iso
from smsflow_desktop.services.workspace import Workspace, iso, now_utc, transaction

log = logging.getLogger(__name__)

BATCH = 2000
#: An event still only routed this long after it arrived will get no receipt (the emulator
#: restarted before sending it): its receipts position moves past it.
RECEIPT_PATIENCE = timedelta(seconds=60)


def _consent_proof(log_id: int, description: str, log_name: str = "subscription log") -> tuple[str, str, str | None]:
    """``(source, proof, what an opt-in is called)`` of one emulator subscription change (or a
    participant's answer, in ``log_name`` "participant log"), from its description: ``STOP
    received`` / ``START received`` (a reply), ``acquisition campaign 202 (Y reply)`` (a confirmed
    double opt-in; ``(N reply)`` declined, ``(STOP received)`` ended by a STOP), ``… (keyword)``,
    ``… (api)``, ``seeded subscription``."""
    proof = f"{description} (emulator {log_name} {log_id})"
    replied = description.endswith((" received", " received)", " reply)", "(keyword)"))
    return ("emulator_reply" if replied else "emulator"), proof, ("confirmed" if "(Y reply)" in description else None)


#: The participant statuses the feed mirrors (see the module notes).
FED_PARTICIPANT_STATUSES = frozenset({"REJECTED"})


class WorkspaceFeed:
    """Keeps one workspace informed by one running emulator; :meth:`close` detaches it."""

    def __init__(self, ws: Workspace, server: EmulatorServer) -> None:
        assert server.store is not None, "start the emulator first"
        self.ws = ws
        self.store: EmulatorStore = server.store
        self._wake = threading.Event()
        self._closed = threading.Event()
        self._idle = threading.Event()
        self._conn: sqlite3.Connection | None = None
        self.store.listeners.append(self._on_change)
        self._thread = threading.Thread(target=self._loop, name="emulator-feed", daemon=True)
        self._wake.set()  # catch up on what happened while nobody listened
        self._thread.start()

    def _on_change(self, kind: str, data: dict[str, Any]) -> None:
        if kind in ("subscription_added", "subscription_removed", "ack_participant_changed", "event_processed"):
            self._idle.clear()
            self._wake.set()

    def close(self) -> None:
        """Read what is left, then stop (the emulator is about to stop)."""
        if self._closed.is_set():
            return
        with contextlib.suppress(ValueError):
            self.store.listeners.remove(self._on_change)
        self._closed.set()
        self._wake.set()
        self._thread.join(timeout=10)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until everything signalled so far is in the workspace (for tests and scripts)."""
        return self._idle.wait(timeout)

    def _loop(self) -> None:
        try:
            self._conn = self.ws.connect()
        except Exception:
            log.exception("the emulator cannot inform workspace %s", self.ws.root)
            return
        try:
            while True:
                self._wake.wait()
                self._wake.clear()
                closing = self._closed.is_set()
                try:
                    while self.catch_up():
                        pass
                except (sqlite3.Error, OSError) as exc:
                    # Busy or full: the positions did not move, so nothing is lost; try again.
                    log.warning("the workspace could not take the emulator's news yet: %s", exc)
                    if not self._closed.wait(0.5):
                        self._wake.set()
                        continue
                if closing:
                    return
                if not self._wake.is_set():
                    self._idle.set()
        finally:
            self._conn.close()

    # -- reading the emulator's records ----------------------------------------------------------
    def catch_up(self) -> bool:
        """Apply one batch of each source; True while more may be waiting."""
        conn = self._conn
        assert conn is not None
        now = now_utc()
        stamp = iso(now)
        more = False
        with transaction(conn):
            positions = dict(conn.execute("SELECT name, position FROM emulator_feed").fetchall())
            if "subscriptions" not in positions:
                # A workspace that starts listening takes the emulator's state as it finds it.
                positions = self._start_positions(conn)
            if "participants" not in positions:
                # Listening since before the participant log was read: what it holds is news.
                conn.execute("INSERT INTO emulator_feed(name, position) VALUES ('participants', 0)")
                positions["participants"] = 0
            more |= self._subscriptions(conn, positions["subscriptions"], stamp)
            more |= self._participants(conn, positions["participants"], stamp)
            more |= self._events(conn, positions["routing"], positions["receipts"], now)
        return more

    def _start_positions(self, conn: sqlite3.Connection) -> dict[str, int]:
        sub = self.store.q1("SELECT coalesce(max(id), 0) FROM subscription_log")
        ev = self.store.q1("SELECT coalesce(max(seq), 0) FROM events")
        part = self.store.q1("SELECT coalesce(max(id), 0) FROM participant_log")
        positions = {"subscriptions": sub[0] if sub else 0, "routing": ev[0] if ev else 0}
        positions["receipts"] = positions["routing"]
        positions["participants"] = part[0] if part else 0
        conn.executemany("INSERT INTO emulator_feed(name, position) VALUES (?, ?)", positions.items())
        return positions

    def _subscriptions(self, conn: sqlite3.Connection, position: int, stamp: str) -> bool:
        rows = self.store.q(
            "SELECT l.id, l.list_id, l.event, l.opt_in_date, l.opt_out_date, l.opt_out_reason, l.person_key, "
            "l.description, "
            "p.mdn, p.external_person_id, s.name AS list_name FROM subscription_log l "
            "LEFT JOIN persons p ON p.person_key = l.person_key LEFT JOIN lists s ON s.id = l.list_id "
            "WHERE l.id > ? ORDER BY l.id LIMIT ?",
            (position, BATCH),
        )
        for row in rows:
            kind = "subscription_added" if row["event"] == "OPT_IN" else "subscription_removed"
            payload = {
                "event_type": kind,
                "subscription": {
                    "person": {
                        "person_key": row["person_key"],
                        "external_person_id": row["external_person_id"],
                        "mobile_phone": {"mdn": row["mdn"]},
                    },
                    "subscription_list": {"id": row["list_id"], "name": row["list_name"]},
                    "opt_in_date": row["opt_in_date"],
                    "opt_out_date": row["opt_out_date"],
                    "opt_out_reason": row["opt_out_reason"],
                },
            }
            source, proof, opt_in_event = _consent_proof(row["id"], row["description"] or "")
            with consent_source(conn, source, proof, opt_in_event=opt_in_event, learned_at=stamp):
                apply_payload(conn, payload, stamp)
        if rows:
            conn.execute("UPDATE emulator_feed SET position = ? WHERE name = 'subscriptions'", (rows[-1]["id"],))
        return len(rows) == BATCH

    def _participants(self, conn: sqlite3.Connection, position: int, stamp: str) -> bool:
        """Declined double opt-ins, dated when the person answered."""
        rows = self.store.q(
            "SELECT id, acquisition_id, mdn, status, at, description FROM participant_log WHERE id > ? "
            "ORDER BY id LIMIT ?",
            (position, BATCH),
        )
        for row in rows:
            if row["status"] not in FED_PARTICIPANT_STATUSES:
                continue
            payload = {
                "event_type": "ack_participant_changed",
                "participant": {
                    "acquisition_campaign": {"api_key": row["acquisition_id"]},
                    "mobile_phone": {"mdn": row["mdn"]},
                    "status": row["status"],
                },
            }
            source, proof, _ = _consent_proof(row["id"], row["description"] or "", "participant log")
            with consent_source(conn, source, proof, learned_at=stamp):
                apply_payload(conn, payload, row["at"])
        if rows:
            conn.execute("UPDATE emulator_feed SET position = ? WHERE name = 'participants'", (rows[-1]["id"],))
        return len(rows) == BATCH

    def _events(self, conn: sqlite3.Connection, routing: int, receipts: int, now: datetime) -> bool:
        """Routing answers, then receipts, each over the unbroken run of events that have them."""
        stamp = iso(now)
        rows = self._events_after(routing)
        routed = routing
        for row in rows:
            if row["status"] == "accepted":
                break  # routing not decided yet: the events after it wait too
            self._stage(conn, row, "routing", row["status"] != "routing_failed", stamp)
            routed = row["seq"]
        more = routed > routing and len(rows) == BATCH
        receipted = receipts
        for row in self._events_after(receipts):
            status = row["status"]
            if status == "delivered":
                self._stage(conn, row, "carrier_dlr", True, stamp)
                self._stage(conn, row, "handset_dlr", True, stamp)
            elif status == "undeliverable":
                self._stage(conn, row, "carrier_dlr", False, stamp)
            elif status != "routing_failed" and (
                status == "accepted" or parse_iso(row["received_at"]) > now - RECEIPT_PATIENCE
            ):
                break  # its receipt may still come
            receipted = row["seq"]
        more |= receipted - receipts == BATCH
        conn.execute("UPDATE emulator_feed SET position = ? WHERE name = 'routing'", (routed,))
        conn.execute("UPDATE emulator_feed SET position = ? WHERE name = 'receipts'", (receipted,))
        return more

    def _events_after(self, position: int) -> list[sqlite3.Row]:
        return self.store.q(
            "SELECT seq, event_id, mdn, status, detail, received_at FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
            (position, BATCH),
        )

    @staticmethod
    def _stage(conn: sqlite3.Connection, row: sqlite3.Row, stage: str, success: bool, stamp: str) -> None:
        payload = {
            "event_type": "event_processed",
            "event_processed": {
                "event_id": row["event_id"],
                "mdn": row["mdn"],
                "stage": stage,
                "status": "success" if success else "failure",
                "reason": row["detail"] or None,
            },
        }
        apply_payload(conn, payload, stamp)
