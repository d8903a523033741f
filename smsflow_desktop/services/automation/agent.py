"""The agent: one loop that does whatever is due in a workspace, in time order, once.

A *pass* looks at the workspace as it is now and works through what is due, oldest first:

* unfinished runs: ``waiting`` runs whose next step fell due (a Wait ended, or quiet hours
  opened for a deferred send, or an agent stopped while it worked on them), and runs whose
  program died under them
  (``running`` without a live owner, or ``failed`` because the workspace failed under them);
  they are resumed as ``smsflow run --resume`` would, so sends left in flight stay in doubt;
* occurrences of active batch campaigns (:mod:`.occurrences`), each claimed with its run;
* trigger firings of active trigger campaigns (:mod:`.firings`), one run per campaign.

Every run is driven by the engine's own :class:`~smsflow_desktop.services.engine.runner.Runner`,
so the ledger's guarantees hold: a send is committed ``sending`` before its request goes out,
and after a crash it is in doubt, never sent twice. A pass finishes the sends it starts.

:meth:`Agent.serve` repeats passes until told to stop. Between passes it sleeps until the next
due instant (the next occurrence, the next pending step of a waiting run), waking early when
another program or thread commits to the workspace (SQLite's ``PRAGMA data_version``, looked
at every ``poll_s``: one cheap statement, no busy loop) or when :meth:`Agent.wake` is called.
:meth:`Agent.stop` pauses the run under way between sends; what was in flight is answered and
written before :meth:`serve` returns, and the run is left ``waiting`` for the next agent. A run
a person paused (``paused``) stays paused until they resume it: no agent sends for it.

Several agents may serve one workspace, on one computer or several. Each is recorded in the
``agents`` table and works under a lease of ``lease_s`` seconds (:mod:`..engine.leases`): the
runs it works on, and the occurrences and trigger firings it claims with them, stay its own
while it renews the lease; when it is killed, another agent takes its runs over once the lease
ran out (at once on the same computer, where its process is seen to be gone), with the sends
it left in flight in doubt. An agent wakes when another's lease runs out, so it finishes that
work within the lease. Runs that send at the same time share the Vibes rate limit.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.model.validation import errors_only
from smsflow_desktop.services.automation import firings, occurrences
from smsflow_desktop.services.automation.activation import parse_stamp
from smsflow_desktop.services.campaigns import message_bodies, validate_in_workspace
from smsflow_desktop.services.engine import leases, ledger
from smsflow_desktop.services.engine.actions import FatalVibesError, VibesLike
from smsflow_desktop.services.engine.runner import CancelToken, RunFailed, Runner, RunOptions
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.workspace import Workspace, WorkspaceError, iso, now_utc, transaction

log = logging.getLogger(__name__)

#: A source of a Vibes client: called when a pass first needs one; returns the client and
#: the function that releases it.
ClientSource = Callable[[], tuple[VibesLike, Callable[[], None]]]

_UNFINISHED = """
SELECT r.id, r.campaign_name, r.status, r.owner_pid, r.owner, r.lease_until, r.heartbeat_at, r.error, r.dry_run,
       (SELECT min(l.due_at) FROM ledger l WHERE l.run_id = r.id AND l.state = 'pending') AS next_due
FROM runs r WHERE r.status IN ('running', 'waiting', 'paused', 'failed')
ORDER BY r.id
"""
#: Words of the errors a run ends ``failed`` with when the program or the workspace failed
#: under it (not Vibes refusing it): such a run is resumed.
_CRASH_MARKS = ("stopped unexpectedly", "resume it (--resume")
TIDY_EVERY_S = 60.0


@dataclass
class AgentOptions:
    poll_s: float = 0.5  # how often to look for commits of other programs
    full_pass_s: float = 30.0  # a pass at least this often, whatever happened
    retry_failed_s: float = 60.0  # first pause before resuming a run that failed again
    run_options: RunOptions = field(default_factory=RunOptions)
    lease_s: float = leases.DEFAULT_LEASE_S  # how long its claims hold without a renewal


@dataclass
class PassResult:
    """What one pass did."""

    runs_started: int = 0
    runs_resumed: int = 0
    sent: int = 0
    triggers_fired: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: PassResult) -> None:
        self.runs_started += other.runs_started
        self.runs_resumed += other.runs_resumed
        self.sent += other.sent
        self.triggers_fired += other.triggers_fired
        self.errors += other.errors

    def as_dict(self) -> dict[str, object]:
        return {
            "runs_started": self.runs_started,
            "runs_resumed": self.runs_resumed,
            "sent": self.sent,
            "triggers_fired": self.triggers_fired,
            "errors": list(self.errors),
        }


@dataclass(order=True)
class _Work:
    due: datetime
    order: int  # resumes before occurrences before firings at the same instant
    kind: str = field(compare=False)
    key: int = field(compare=False)  # run id or campaign id
    campaign: Campaign | None = field(default=None, compare=False)
    occurrences: list[datetime] = field(default_factory=list, compare=False)


class Agent:
    """Does what is due in one workspace. Not thread-safe: one thread calls :meth:`run_pass`
    or :meth:`serve`; :meth:`stop` and :meth:`wake` may be called from any thread."""

    def __init__(
        self,
        ws: Workspace,
        client: ClientSource | None,
        *,
        options: AgentOptions | None = None,
        clock: Callable[[], datetime] = now_utc,
    ) -> None:
        self.ws = ws
        self.options = options or AgentOptions()
        self.clock = clock
        self._source = client
        self._client: VibesLike | None = None
        self._release: Callable[[], None] | None = None
        self._client_error: str | None = None
        self._cancel = CancelToken()
        self._stopping = threading.Event()
        self._wake = threading.Event()
        self._retry_at: dict[int, tuple[float, float]] = {}  # run id -> (monotonic time, pause)
        self._tidied = -TIDY_EVERY_S
        self._run_options = replace(self.options.run_options, lease_s=self.options.lease_s)
        self._beaten = float("-inf")  # monotonic time this agent's record was last beaten
        self._registered = False

    # -- control ---------------------------------------------------------------------------------
    def stop(self) -> None:
        """Stop soon: the run under way pauses after its requests in flight are answered."""
        self._stopping.set()
        self._cancel.pause()
        self._wake.set()

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def wake(self) -> None:
        """Look at the workspace now (something was recorded that may be due)."""
        self._wake.set()

    def close(self) -> None:
        """Release the Vibes client (and the embedded emulator it may have started) and delete
        this agent's record."""
        release, self._release, self._client = self._release, None, None
        if release is not None:
            release()
        if self._registered:
            self._registered = False
            with contextlib.suppress(WorkspaceError, sqlite3.Error), self.ws.session() as conn, transaction(conn):
                leases.unregister(conn)

    def _beat(self) -> bool:
        """Record this agent (first) or beat its record, when it is time (twice a lease: the
        record only says who serves the workspace; the leases on runs are renewed by their
        runners); whether it wrote."""
        if self._registered and time.monotonic() - self._beaten < self.options.lease_s / 2:
            return False
        self._beaten = time.monotonic()
        try:
            with self.ws.session() as conn, transaction(conn):
                leases.register(conn, self.options.lease_s, leases.ROLE_AGENT)
        except (WorkspaceError, sqlite3.Error) as exc:
            log.info("cannot record this agent in the workspace (%s); trying again shortly", exc)
            return False
        self._registered = True
        return True

    def client(self) -> VibesLike | None:
        """The Vibes client, opened on first use (None, with the reason kept, when it cannot be)."""
        if self._client is None and self._source is not None and self._client_error is None:
            try:
                self._client, self._release = self._source()
            except Exception as exc:  # noqa: BLE001 - reported, and every send waits for it
                self._client_error = f"cannot connect to Vibes: {exc}"
                log.error("%s", self._client_error)
        return self._client

    # -- one pass --------------------------------------------------------------------------------
    def run_pass(self) -> PassResult:
        """Do everything due now, oldest first; return what was done."""
        result = PassResult()
        now = self.clock()
        self._beat()
        with self.ws.session() as conn:
            work = sorted(self._due_work(conn, now))
        for item in work:
            if self.stopping:
                break
            try:
                self._do(item, result)
            except (WorkspaceError, sqlite3.Error) as exc:
                message = f"{item.kind} of {self._describe(item)}: {exc}"
                log.error("%s", message)
                result.errors.append(message)
            except Exception as exc:  # one campaign's failure must not stop the others
                message = f"{item.kind} of {self._describe(item)} failed: {exc}"
                log.exception("%s", message)
                result.errors.append(message)
        if not self.stopping:
            self._tidy()
        return result

    def _describe(self, item: _Work) -> str:
        if item.campaign is not None:
            return f"campaign {item.campaign.name!r}"
        return f"run {item.key}"

    def _due_work(self, conn: sqlite3.Connection, now: datetime) -> list[_Work]:
        work: list[_Work] = []
        for run in conn.execute(_UNFINISHED).fetchall():
            due = self._run_due(run, now)
            if due is not None and due <= now:
                work.append(_Work(due, 0, "resume", int(run["id"])))
        zone = get_setting(conn, "default_time_zone")
        for cid, kind, campaign, activated in self._active(conn):
            if kind == "batch":
                due_list = occurrences.due_occurrences(conn, cid, campaign, activated, now, zone)
                if due_list:
                    work.append(_Work(due_list[-1], 1, "occurrence", cid, campaign, due_list))
            elif firings.pending_count(conn, cid):
                work.append(_Work(now, 2, "firings", cid, campaign))
        return work

    def _active(self, conn: sqlite3.Connection) -> list[tuple[int, str, Campaign, datetime]]:
        out: list[tuple[int, str, Campaign, datetime]] = []
        for row in conn.execute(
            "SELECT a.campaign_id, a.activated_at, c.document FROM automation_campaigns a "
            "JOIN campaigns c ON c.id = a.campaign_id WHERE a.active = 1 ORDER BY a.campaign_id"
        ):
            try:
                campaign = Campaign.model_validate_json(row["document"])
            except ValueError:
                log.error("campaign %s cannot be read; it does not run", row["campaign_id"])
                continue
            out.append((int(row["campaign_id"]), campaign.kind, campaign, parse_stamp(row["activated_at"])))
        return out

    def _run_due(self, run: sqlite3.Row, now: datetime) -> datetime | None:
        """When an unfinished run should be resumed (None: not by this agent, not now)."""
        status = run["status"]
        if status == "running":
            return None if ledger.owner_is_live(run, ledger.wall_clock()) else now
        if status == "paused":
            return None  # a person paused it; resuming is theirs
        if status == "failed":
            error = run["error"] or ""
            if not any(mark in error for mark in _CRASH_MARKS):
                return None
            retry = self._retry_at.get(int(run["id"]))
            return now if retry is None or time.monotonic() >= retry[0] else None
        if run["next_due"] is None:
            return now  # nothing pending: resuming completes it
        return parse_stamp(run["next_due"])

    def _do(self, item: _Work, result: PassResult) -> None:
        if item.kind == "resume":
            self._drive(item.key, result, resumed=True)
            return
        campaign = item.campaign
        assert campaign is not None
        with self.ws.session() as conn:
            messages = message_bodies(conn)
            if item.kind == "occurrence":
                if self.client() is None:
                    result.errors.append(f"campaign {campaign.name!r} did not run: {self._client_error}")
                    return
                try:
                    status, run_id = occurrences.claim_occurrence(
                        conn, item.key, campaign, messages, item.occurrences, self.clock(), lease_s=self.options.lease_s
                    )
                except ledger.RunBusyError as exc:
                    log.info("occurrence of %r waits: %s", campaign.name, exc)
                    return
                if status == "refused":
                    result.errors.append(f"campaign {campaign.name!r} did not run: it has problems")
                if run_id is None:
                    return
                result.runs_started += 1
                self._drive(run_id, result)
                return
            problems = errors_only(validate_in_workspace(conn, campaign))
            if problems:
                result.errors.append(
                    f"campaign {campaign.name!r} has {len(problems)} problem(s) ({problems[0].message}); "
                    "its trigger firings wait until they are fixed"
                )
                return
            while not self.stopping:
                if self.client() is None:
                    result.errors.append(f"campaign {campaign.name!r} did not take in triggers: {self._client_error}")
                    return
                try:
                    take = firings.take_firings(
                        conn, item.key, campaign, messages, self.clock(), lease_s=self.options.lease_s
                    )
                except ledger.RunBusyError as exc:
                    log.info("trigger firings of %r wait: %s", campaign.name, exc)
                    return
                if take is None:
                    return
                result.triggers_fired += take.fired
                if take.run_id is not None:
                    result.runs_started += 1
                    self._drive(take.run_id, result)
                if take.fired < firings.MAX_EVENTS_PER_RUN:
                    return

    def _drive(self, run_id: int, result: PassResult, *, resumed: bool = False) -> None:
        """Work through a run with the engine's runner, counting what it sent."""
        with self.ws.session() as conn:
            row = ledger.load_run(conn, run_id)
            before = ledger.run_counts(conn, run_id)["sent"]
        client = None if row["dry_run"] else self.client()
        if client is None and not row["dry_run"]:
            result.errors.append(f"run {run_id} waits: {self._client_error or 'no Vibes connection'}")
            return
        runner = Runner(self.ws, client, options=self._run_options, cancel=self._cancel, clock=self.clock)
        status = "failed"
        try:
            outcome = runner.run(run_id)
            status = outcome.status
            if status == "paused" and self._cancel.paused:
                # This agent was told to stop: the run waits for the next agent, unlike a run
                # a person paused.
                with self.ws.session() as conn:
                    conn.execute("UPDATE runs SET status = 'waiting' WHERE id = ? AND status = 'paused'", (run_id,))
            if outcome.error:
                result.errors.append(f"run {run_id} of {row['campaign_name']!r}: {outcome.error}")
        except ledger.RunBusyError as exc:
            log.info("run %s is busy elsewhere: %s", run_id, exc)
            return
        except (RunFailed, FatalVibesError) as exc:
            result.errors.append(f"run {run_id} of {row['campaign_name']!r}: {exc}")
        finally:
            if resumed:
                result.runs_resumed += 1
            with contextlib.suppress(WorkspaceError, sqlite3.Error), self.ws.session() as conn:
                result.sent += ledger.run_counts(conn, run_id)["sent"] - before
        if status == "failed":
            _, pause = self._retry_at.get(run_id, (0.0, self.options.retry_failed_s / 2))
            self._retry_at[run_id] = (time.monotonic() + pause * 2, pause * 2)
        else:
            self._retry_at.pop(run_id, None)

    def _tidy(self) -> None:
        """Forget trigger events every campaign took in (at most once a minute)."""
        if time.monotonic() - self._tidied < TIDY_EVERY_S:
            return
        self._tidied = time.monotonic()
        now = self.clock()
        keep_since = iso(now - timedelta(days=firings.KEEP_KEYED_DAYS))
        with contextlib.suppress(WorkspaceError, sqlite3.Error), self.ws.session() as conn:
            firings.forget_taken_events(conn, keep_since)
            with transaction(conn):
                leases.forget_silent(conn, ledger.wall_clock())

    # -- when next -------------------------------------------------------------------------------
    def next_due(self) -> datetime | None:
        """The next instant something becomes due (None: nothing is scheduled)."""
        now = self.clock()
        candidates: list[datetime] = []
        with self.ws.session() as conn:
            for run in conn.execute(_UNFINISHED).fetchall():
                due = self._run_due(run, now)
                if due is not None:
                    candidates.append(due)
                elif run["status"] == "failed" and int(run["id"]) in self._retry_at:
                    pause = self._retry_at[int(run["id"])][0] - time.monotonic()
                    candidates.append(now + timedelta(seconds=max(0.0, pause)))
            zone = get_setting(conn, "default_time_zone")
            for cid, kind, campaign, activated in self._active(conn):
                if kind == "batch":
                    if occurrences.due_occurrences(conn, cid, campaign, activated, now, zone):
                        candidates.append(now)
                    nxt = occurrences.next_occurrence(conn, cid, campaign, activated, now, zone)
                    if nxt is not None:
                        candidates.append(nxt)
                elif firings.pending_count(conn, cid) and not errors_only(validate_in_workspace(conn, campaign)):
                    candidates.append(now)  # (a campaign with problems waits for an edit, which wakes the agent)
        return min(candidates) if candidates else None

    # -- the loop --------------------------------------------------------------------------------
    def serve(self, on_pass: Callable[[PassResult], None] | None = None) -> PassResult:
        """Pass after pass until :meth:`stop`; returns what all passes did."""
        total = PassResult()
        watch = self.ws.connect()
        try:
            version = watch.execute("PRAGMA data_version").fetchone()[0]
            while not self.stopping:
                self._wake.clear()
                done = self.run_pass()
                total.add(done)
                if on_pass is not None:
                    on_pass(done)
                if self.stopping:
                    break
                version = self._sleep(watch, version)
        finally:
            watch.close()
        return total

    def _sleep(self, watch: sqlite3.Connection, version: int) -> int:
        """Sleep until the next due instant, a commit by another connection, the end of another
        agent's lease (its work may be ours to finish), a wake or a stop."""
        try:
            due = self.next_due()
            lease_at = self._lease_ends()
        except (WorkspaceError, sqlite3.Error) as exc:
            log.warning("cannot read the workspace (%s); looking again shortly", exc)
            due, lease_at = None, None
        started = time.monotonic()
        first = True
        while not self.stopping:
            now = self.clock()
            wait = self.options.poll_s
            if due is not None:
                left = (due - now).total_seconds()
                if left <= 0 and not first:
                    return version
                wait = min(wait, max(left, 0.0)) if left > 0 else wait
            if lease_at is not None:
                wait = min(wait, max(lease_at - time.monotonic(), 0.0))
            first = False
            if self._wake.wait(wait):
                return version
            if due is not None and self.clock() >= due:
                return version
            if lease_at is not None and time.monotonic() >= lease_at:
                return version
            try:
                latest = watch.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error:
                latest = version
            if latest != version:
                return latest
            if self._beat():  # this agent's own heartbeat is no news
                with contextlib.suppress(sqlite3.Error):
                    version = watch.execute("PRAGMA data_version").fetchone()[0]
            if time.monotonic() - started >= self.options.full_pass_s:
                return version
        return version

    def _lease_ends(self) -> float | None:
        """When (monotonic time) the first lease of another program on a run ends, if it is ahead."""
        wall = ledger.wall_clock()
        with self.ws.session() as conn:
            expiry = leases.next_expiry(conn, wall)
        if expiry is None or expiry <= wall:
            return None
        return time.monotonic() + (expiry - wall).total_seconds() + 0.05
