"""The campaign runner: works through a run's ledger, resumable, never texting the wrong person.

One coordinating thread owns the database connection and writes every state change; up to
``runner.concurrency`` worker threads only make Vibes requests (:mod:`.actions`). For each
due row the coordinator re-checks eligibility (an opt-out mid-run is honoured), quiet hours
with the workspace's compliance rules (deferred to the next opening, never dropped), the
frequency limits (skipped, reason ``frequency_limit``; runs before this release wrote
``frequency_cap``) and the text length, then commits the row as ``sending`` *before* the
request goes out; answers are committed as they come, together with the mirror updates and
the person's next step. After a crash, rows left ``sending`` become ``in_doubt`` and are not
sent again unless asked. One runner per campaign at a time (:func:`ledger.acquire`), under
a lease it renews while it works (:mod:`.leases`): every write transaction first renews it, so
a runner whose run was taken over after its lease ran out writes and sends nothing more. When
several runs send at once (several agents on one workspace), each takes an equal share of the
Vibes rate limit.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.model.validation import Problem, errors_only
from smsflow_desktop.services.campaigns import load_campaign, message_bodies, validate_in_workspace
from smsflow_desktop.services.compliance.policy import Compliance
from smsflow_desktop.services.compliance.rules import RuleError
from smsflow_desktop.services.engine import leases, ledger
from smsflow_desktop.services.engine.actions import FatalVibesError, Item, Outcome, VibesLike, perform
from smsflow_desktop.services.engine.quiet_hours import Window, ZoneResolver
from smsflow_desktop.services.engine.run_steps import Prepared, StepWriter
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.vibes.connect import short_code_problems
from smsflow_desktop.services.workspace import Workspace, WorkspaceError, describe_sqlite_error, now_utc, transaction

log = logging.getLogger(__name__)

T = TypeVar("T")
#: The people skipped are counted again (one query) at most this often while a run goes on.
SKIPPED_PEOPLE_EVERY_S = 5.0
#: Without ``RunOptions.locked_wait_s``, a write waits this many busy timeouts for a workspace
#: another program holds (a big import) before the run stops: a minute with the default 10 s.
LOCKED_WAIT_BUSY_TIMEOUTS = 6


class CampaignHasProblems(ValueError):
    """The campaign has errors to fix before it can run."""

    def __init__(self, problems: list[Problem]) -> None:
        own = sum(1 for p in problems if not (p.field or "").startswith("vibes."))  # the rest: Vibes settings
        if own:
            message = f"the campaign has {own} problem(s) to fix before it can run"
        else:
            message = "the Vibes settings must be completed before the campaign can run"
        super().__init__(message)
        self.problems = problems


class RunFailed(WorkspaceError):
    """The workspace failed under a run (disk full, held too long by another program, damaged).
    The run exists and what it did so far is recorded; ``counts`` when they could be read."""

    def __init__(self, message: str, run_id: int, counts: dict[str, int] | None) -> None:
        super().__init__(message)
        self.run_id = run_id
        self.counts = counts


class CancelToken:
    """A cooperative cancel (or pause): the runner checks it between items. A paused run
    ends with status ``paused`` instead of ``cancelled``; both are resumed the same way."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self.paused = False

    def cancel(self) -> None:
        self._event.set()

    def pause(self) -> None:
        self.paused = True
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True)
class RunProgress:
    """Where a run is. ``done`` of ``total`` counts the texts and list changes to handle, not
    the rows skipped (a person the step leaves out is nothing to do); ``counts`` are by ledger
    row (one per person and step) and ``skipped_people`` is how many people were skipped at
    one step or more, so it never exceeds the smart list."""

    done: int
    total: int
    counts: dict[str, int]
    rate_per_s: float
    eta_s: float | None
    status: str
    run_id: int = 0
    skipped_people: int = 0


@dataclass
class RunOptions:
    dry_run: bool = False
    resend_in_doubt: bool = False
    concurrency: int | None = None  # None: the runner.concurrency setting
    attempts: int = 3  # per request, for failures that surely did not reach Vibes
    backoff_s: float = 0.5
    batch: int = 256
    idle_wait_s: float = 0.0  # wait this long for the next due row instead of ending 'waiting'
    locked_wait_s: float | None = None  # how long a write waits for a busy workspace (None: see above)
    progress_interval_s: float = 0.2
    lease_s: float = leases.DEFAULT_LEASE_S  # how long the run stays claimed without a renewal


@dataclass
class RunResult:
    run_id: int
    status: str
    counts: dict[str, int]
    error: str | None = None
    problems: list[Problem] = field(default_factory=list)
    #: People skipped at one step or more (``counts["skipped"]`` counts rows, one per person and step).
    skipped_people: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {"run_id": self.run_id, "status": self.status, "counts": dict(self.counts), "error": self.error}


ProgressFn = Callable[[RunProgress], None]


def start_run(
    ws: Workspace,
    campaign_name: str,
    client: VibesLike | None,
    *,
    options: RunOptions | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    clock: Callable[[], datetime] = now_utc,
) -> RunResult:
    """Snapshot a new run of the named campaign and work through it."""
    options = options or RunOptions()
    with ws.session() as conn:
        campaign = load_campaign(conn, campaign_name)
        problems = errors_only(validate_in_workspace(conn, campaign))
        problems += short_code_problems(conn, dry_run=options.dry_run)  # remote Vibes texts from a short code
        if problems:
            raise CampaignHasProblems(problems)
        row = conn.execute("SELECT id FROM campaigns WHERE name = ?", (campaign_name,)).fetchone()
        run_id = ledger.create_run(
            conn,
            campaign,
            message_bodies(conn),
            clock(),
            dry_run=options.dry_run,
            campaign_id=row[0] if row else None,
            lease_s=options.lease_s,
        )
    return Runner(ws, client, options=options, progress=progress, cancel=cancel, clock=clock).run(run_id)


def resume_run(
    ws: Workspace,
    run_id: int,
    client: VibesLike | None,
    *,
    options: RunOptions | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    clock: Callable[[], datetime] = now_utc,
) -> RunResult:
    """Carry on with a run (a finished one only reports its counts)."""
    return Runner(ws, client, options=options, progress=progress, cancel=cancel, clock=clock).run(run_id)


class Runner:
    """Works through one run. Create one per run; :meth:`run` returns when the run is
    completed, waiting (nothing due until later), cancelled or failed."""

    def __init__(
        self,
        ws: Workspace,
        client: VibesLike | None,
        *,
        options: RunOptions | None = None,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
        clock: Callable[[], datetime] = now_utc,
    ) -> None:
        self.ws = ws
        self.client = client
        self.options = options or RunOptions()
        self.progress = progress
        self.cancel = cancel or CancelToken()
        self._run_id = 0
        self.clock = clock
        self._conn: sqlite3.Connection | None = None
        self._skipped: tuple[int, int, float] | None = None  # (skipped rows, people, when counted)
        self._last_beat = 0.0  # monotonic time of the last lease renewal
        self._last_share = float("-inf")  # ... and of the last look at the runs sending
        self._rate_share = leases.RateShare()  # ... and the share of the rate limit it uses

    # -- the whole run -----------------------------------------------------------------------
    def run(self, run_id: int) -> RunResult:
        conn = self.ws.connect()
        try:
            self._conn = conn
            row = ledger.load_run(conn, run_id)
            if row["status"] == "completed":
                counts = ledger.run_counts(conn, run_id)
                if not (self.options.resend_in_doubt and counts["in_doubt"]):
                    return RunResult(
                        run_id, "completed", counts, row["error"], skipped_people=ledger.skipped_people(conn, run_id)
                    )
            dry_run = bool(row["dry_run"])
            if not dry_run and self.client is None:
                raise FatalVibesError("a run that sends needs a Vibes connection")
            lease_s = self.options.lease_s
            try:
                self._retry_locked(conn, lambda: ledger.acquire(conn, run_id, lease_s=lease_s))
            except sqlite3.Error as exc:
                raise self._stopped(conn, run_id, exc, started=False) from exc
            self._run_id = run_id
            self._last_beat = time.monotonic()
            status, error = "failed", None
            try:
                try:
                    status, error = self._work(conn, run_id, ledger.Snapshot.from_json(row["snapshot"]), dry_run)
                except FatalVibesError as exc:
                    error = str(exc)
                self._retry_locked(conn, lambda: ledger.release(conn, run_id, status, self.clock(), error))
                counts = ledger.run_counts(conn, run_id)
            except ledger.LeaseLost:
                # Another program took the run over: it is theirs now, nothing here is released.
                log.warning("run %s was taken over by another program; this runner stops", run_id)
                ledger.forget(run_id)
                raise
            except sqlite3.Error as exc:
                # The workspace failed under the run (disk full, locked, damaged). What was
                # sent is recorded; rows left 'sending' become in doubt when it is resumed.
                raise self._stopped(conn, run_id, exc, started=True) from exc
            except BaseException as exc:
                error = f"the run stopped unexpectedly: {exc}"
                log.exception("run %s stopped unexpectedly", run_id)
                ledger.release(conn, run_id, "failed", self.clock(), error)
                raise
            self._report(counts, status)
            return RunResult(run_id, status, counts, error, skipped_people=self._skipped_people(counts, final=True))
        finally:
            self._conn = None
            conn.close()

    def _stopped(self, conn: sqlite3.Connection, run_id: int, exc: sqlite3.Error, *, started: bool) -> RunFailed:
        """The error for a run the workspace failed under, marked ``failed`` where that can be written."""
        what = describe_sqlite_error(exc, self.ws.db_path).split("; ")[0]  # the cause, not the advice
        if started:
            error = f"{what}; run {run_id} stopped and what it sent so far is recorded"
        else:
            error = f"{what}; run {run_id} is recorded but did not start"
        error += f": resume it (--resume {run_id}) once that is fixed"
        log.info("run %s stopped: %s", run_id, exc)
        if started:
            with contextlib.suppress(sqlite3.Error):  # the same failure may refuse this too
                ledger.release(conn, run_id, "failed", self.clock(), error)
        counts = None
        with contextlib.suppress(sqlite3.Error):
            counts = ledger.run_counts(conn, run_id)
        return RunFailed(error, run_id, counts)

    def _retry_locked(self, conn: sqlite3.Connection, write: Callable[[], T]) -> T:
        """``write()``, tried again after growing pauses while another program holds the
        workspace ("database is locked" once the busy timeout has passed), for up to
        ``locked_wait_s`` in all; any other failure, or the last one, is raised. ``write``
        must be one transaction (rolled back when it fails), so trying again is safe."""
        budget = self.options.locked_wait_s
        if budget is None:
            budget = LOCKED_WAIT_BUSY_TIMEOUTS * self.ws.busy_timeout
        deadline = time.monotonic() + budget
        pause = 0.1
        while True:
            try:
                return write()
            except sqlite3.OperationalError as exc:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                text = str(exc).lower()
                locked = "locked" in text or "busy" in text
                if not locked or self.cancel.cancelled or time.monotonic() + pause + self.ws.busy_timeout > deadline:
                    raise
            log.info("run %s: the workspace is busy; trying again in %.1f s", self._run_id, pause)
            time.sleep(pause)
            pause = min(pause * 2, 5.0)

    def _commit(
        self,
        conn: sqlite3.Connection,
        writer: StepWriter,
        finished: list[tuple[Item, Outcome]],
        prepared: list[Prepared],
        now: datetime,
        counts: dict[str, int],
    ) -> list[Item]:
        """:meth:`StepWriter.commit`, waiting out a busy workspace (the counts as before each try)."""
        before = dict(counts)

        def attempt() -> list[Item]:
            counts.clear()
            counts.update(before)
            return writer.commit(finished, prepared, now, counts)

        return self._retry_locked(conn, attempt)

    def _work(
        self, conn: sqlite3.Connection, run_id: int, snap: ledger.Snapshot, dry_run: bool
    ) -> tuple[str, str | None]:
        campaign: Campaign = snap.campaign
        now = self.clock()
        default_zone = get_setting(conn, "default_time_zone")
        try:
            compliance = Compliance.load(conn)
        except RuleError as exc:
            return "failed", f"the compliance rules cannot be read: {exc}"
        writer = StepWriter(
            conn,
            run_id,
            campaign,
            snap.messages,
            dry_run=dry_run,
            default_zone=default_zone,
            client=self.client,
            compliance=compliance,
            fence=lambda: self._renew(conn, run_id),
        )
        writer.recover(now, resend=self.options.resend_in_doubt)
        if not dry_run:
            self._join(conn, run_id)
        concurrency = self.options.concurrency or int(get_setting(conn, "runner.concurrency"))
        resolver = ZoneResolver(Window.from_settings(campaign.settings.quiet_hours), now, default_zone, compliance)
        counts = ledger.run_counts(conn, run_id)
        start_done = _done(counts)
        started = time.monotonic()
        last_report = 0.0
        in_flight: dict[Future[Outcome], Item] = {}
        busy: set[str] = set()
        finished: list[tuple[Item, Outcome]] = []
        fatal: str | None = None
        lost = False  # the run was taken over: nothing more is written for it
        client = self.client
        pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="smsflow-send") if not dry_run else None
        try:
            while True:
                now = self.clock()
                resolver.at(now)
                stop = self.cancel.cancelled or fatal is not None
                free = 0 if stop else (concurrency - len(in_flight) if pool else self.options.batch)
                candidates = writer.due(now, limit=max(free * 4, self.options.batch) if free else 0)
                prepared = writer.prepare(candidates, now, resolver, free, busy)
                started_items = self._commit(conn, writer, finished, prepared, now, counts)
                for item, outcome in finished:
                    busy.discard(item.mdn)  # answered and written: the number is free again
                    if outcome.fatal and fatal is None:
                        fatal = outcome.fatal
                finished = []
                for item in started_items:
                    busy.add(item.mdn)
                    if pool is None or client is None:  # a dry run (a run that sends has a client)
                        finished.append((item, writer.dry_outcome(item)))
                    else:
                        in_flight[
                            pool.submit(
                                perform,
                                client,
                                item,
                                attempts=self.options.attempts,
                                backoff=self.options.backoff_s,
                            )
                        ] = item
                self._keep(conn, run_id, dry_run)
                wall = time.monotonic()
                if wall - last_report >= self.options.progress_interval_s:
                    self._report(counts, "running", started=started, start_done=start_done)
                    last_report = wall
                if finished:
                    continue
                if not in_flight:
                    if stop:
                        break
                    if started_items or candidates:
                        continue
                    next_due = writer.next_due()
                    if next_due is None:
                        return "completed", None
                    if not self._idle_until(next_due, dry_run):
                        return "waiting", None
                    continue
                done, _ = wait(list(in_flight), timeout=self.options.progress_interval_s, return_when=FIRST_COMPLETED)
                for fut in done:
                    finished.append((in_flight.pop(fut), fut.result()))
        except ledger.LeaseLost:
            lost = True
            raise
        finally:
            if pool is not None:
                pool.shutdown(wait=True)
            if finished and not lost:
                self._commit(conn, writer, finished, [], self.clock(), counts)
        if fatal is not None:
            raise FatalVibesError(fatal)
        return ("paused" if self.cancel.paused else "cancelled"), None

    # -- the lease and the share of the rate limit ------------------------------------------------
    def _renew(self, conn: sqlite3.Connection, run_id: int) -> None:
        """Renew the lease on the run (:class:`ledger.LeaseLost` when it was taken over)."""
        ledger.heartbeat(conn, run_id, self.options.lease_s)
        self._last_beat = time.monotonic()

    def _keep(self, conn: sqlite3.Connection, run_id: int, dry_run: bool) -> None:
        """Renew the lease (and this program's record) when it is time, and look again at the
        share of the rate limit this run may use."""
        if time.monotonic() - self._last_beat >= leases.beat_every(self.options.lease_s):

            def beat() -> None:
                with transaction(conn):
                    self._renew(conn, run_id)
                    leases.beat(conn)

            self._retry_locked(conn, beat)
        if not dry_run and time.monotonic() - self._last_share >= leases.SHARE_EVERY_S:
            self._share(conn)

    def _share(self, conn: sqlite3.Connection) -> int:
        """Use an equal share of the Vibes rate limit among the runs sending now (grown into when
        it is larger: :class:`leases.RateShare`); return how many do."""
        now = self._last_share = time.monotonic()
        try:
            senders = max(1, leases.sending_runs(conn, ledger.wall_clock()))
        except sqlite3.Error as exc:  # the next look may succeed; the share stays as it was
            log.info("run %s: cannot count the runs sending: %s", self._run_id, exc)
            return 1
        share = self._rate_share.follow(senders, now)
        set_share = getattr(self.client, "set_rate_share", None)
        if callable(set_share):
            set_share(share)
        return senders

    def _join(self, conn: sqlite3.Connection, run_id: int) -> None:
        """Before the first request: when other runs send too, wait until they have seen this
        one and slowed down to their new share (keeping the lease meanwhile)."""
        senders = self._share(conn)
        if senders <= 1:
            return
        wait_s = leases.join_wait(senders)
        log.info("run %s: other runs are sending; starting in %.1f s at a share of the rate limit", run_id, wait_s)
        end = time.monotonic() + wait_s
        while time.monotonic() < end and not self.cancel.cancelled:
            time.sleep(min(0.1, max(0.0, end - time.monotonic())))
            self._keep(conn, run_id, False)

    def _idle_until(self, due: datetime, dry_run: bool = False) -> bool:
        """Sleep until ``due`` when that is within ``idle_wait_s`` of the wall clock."""
        delay = (due - self.clock()).total_seconds()
        if self.options.idle_wait_s <= 0 or delay > self.options.idle_wait_s:
            return False
        end = time.monotonic() + max(delay, 0)
        while time.monotonic() < end and not self.cancel.cancelled:
            time.sleep(min(0.1, end - time.monotonic()) if end > time.monotonic() else 0)
            if self._conn is not None:
                self._keep(self._conn, self._run_id, dry_run)
        # A clock that stands still (SMSFLOW_NOW) would never get there.
        return self.clock() >= due

    def _report(
        self, counts: dict[str, int], status: str, *, started: float | None = None, start_done: int = 0
    ) -> None:
        if self.progress is None:
            return
        done = _done(counts)
        total = done + counts["pending"] + counts["sending"]
        elapsed = (time.monotonic() - started) if started else 0.0
        rate = (done - start_done) / elapsed if elapsed > 0 else 0.0
        eta = (total - done) / rate if rate > 0 else None
        try:
            people = self._skipped_people(counts, final=status != "running")
            self.progress(RunProgress(done, total, dict(counts), rate, eta, status, self._run_id, people))
        except Exception:  # a broken progress display must not stop a run
            log.exception("the progress callback failed")

    def _skipped_people(self, counts: dict[str, int], *, final: bool) -> int:
        """People skipped at one step or more: counted again when rows were skipped since, at most
        every :data:`SKIPPED_PEOPLE_EVERY_S` while the run goes on (always at its end)."""
        rows = counts.get("skipped", 0)
        if not rows or self._conn is None:
            return 0
        cached = self._skipped
        wall = time.monotonic()
        if cached is not None and (cached[0] == rows or (not final and wall - cached[2] < SKIPPED_PEOPLE_EVERY_S)):
            return min(cached[1], rows)
        try:
            people = ledger.skipped_people(self._conn, self._run_id)
        except sqlite3.Error as exc:  # a figure on the screen is not worth stopping a run for
            log.info("cannot count the people skipped in run %s: %s", self._run_id, exc)
            return cached[1] if cached is not None else rows
        self._skipped = (rows, people, wall)
        return people


def _done(counts: dict[str, int]) -> int:
    """Rows handled, the skipped ones left out (they were nothing to do)."""
    return sum(counts[k] for k in ledger.TERMINAL if k != "skipped")
