"""The runner's database side: which rows are due, what to do with each, and writing answers.

Everything here runs on the coordinating thread, on its one connection. :meth:`StepWriter.prepare`
re-checks each due row against the workspace as it is *now* (flags, number, membership,
suppression), applies quiet hours (the strictest of the campaign's window and the recipient's
state or country rules: deferred, never dropped), the frequency limits (skipped as
``frequency_limit``, the rule named) and the 900-character limit, and makes
the Vibes event-triggered message a send needs (once per campaign step, message and list).
:meth:`StepWriter.commit` writes answers, mirror updates, activity and each person's next
step, and marks the next requests ``sending``, all in one transaction, which first calls the
writer's ``fence`` (the runner renews its lease there: a run another program took over gets
nothing written, and no request marked ``sending``).
"""

from __future__ import annotations

import logging
import sqlite3
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.model.step_types import PERSON_REASONS, StepType, step_type
from smsflow_desktop.services.compliance.policy import Compliance, region_key
from smsflow_desktop.services.consent import consent_source
from smsflow_desktop.services.engine import ledger
from smsflow_desktop.services.engine.actions import (
    MESSAGE_TEMPLATE,
    FatalVibesError,
    Item,
    Outcome,
    VibesLike,
    engine_action,
    event_id_for,
    event_type_for,
)
from smsflow_desktop.services.engine.quiet_hours import Window, ZoneResolver, zone_info
from smsflow_desktop.services.engine.steps import suppressed_sql
from smsflow_desktop.services.engine.waits import wait_until
from smsflow_desktop.services.engine.zones import ensure_number_zones
from smsflow_desktop.services.sms_text import MAX_CHARS, render
from smsflow_desktop.services.vibes.errors import VibesError
from smsflow_desktop.services.workspace import iso, transaction

log = logging.getLogger(__name__)

_DUE = f"""
SELECT l.step_index, l.person_id, l.mdn, l.action, l.message_name, l.vibes_list_id, l.acquisition_id,
       l.event_id, l.reason AS ledger_reason,
       p.id AS id, p.external_id, p.first_name, p.last_name, p.email, p.phone_raw, p.phone_e164, p.phone_valid,
       p.country, p.state, p.city, p.postal_code, p.time_zone, p.blocklisted, p.unsubscribed,
       p.marketing_suspended, p.custom_fields, p.created_at, p.updated_at,
       EXISTS (SELECT 1 FROM vibes_memberships vm WHERE vm.list_id = l.vibes_list_id AND vm.mdn = l.mdn
               AND vm.active = 1) AS member,
       {suppressed_sql("l.mdn")} AS suppressed
FROM ledger l LEFT JOIN people p ON p.id = l.person_id
WHERE l.run_id = ? AND l.state = 'pending' AND l.due_at IS NOT NULL AND l.due_at <= ?
ORDER BY l.due_at, l.step_index, l.person_id LIMIT ?
"""


@dataclass
class Prepared:
    """A due row and what to do with it: start its request, or settle it at once."""

    item: Item
    kind: str  # start | settle | defer
    outcome: Outcome | None = None
    until: datetime | None = None
    rule: str = ""  # for a deferral: the compliance rules whose window holds it back


def ensure_event_type(
    conn: sqlite3.Connection, client: VibesLike, campaign: Campaign, step_index: int, message: str, list_id: str
) -> str:
    """The Vibes event type that sends ``message`` of flow step ``step_index`` (from 1) from
    ``list_id``, creating its event-triggered message in Vibes the first time (and recording
    it); runs and test sends share it. :class:`FatalVibesError` when Vibes refuses to make it."""
    step_id = campaign.flow[step_index - 1].id
    name = campaign.name
    # The short code is part of the event type: after it changes, texts go from the new one.
    sourcecode = getattr(client, "sourcecode", None)
    event_type = event_type_for(name, step_id, message, list_id, sourcecode)
    sql = (
        "SELECT event_type FROM vibes_event_messages WHERE campaign_name = ? AND step_id = ? "
        "AND message_name = ? AND vibes_list_id = ?"
    )
    params: tuple[str, ...] = (name, step_id, message, list_id)
    if sourcecode:
        sql, params = sql + " AND event_type = ?", (*params, event_type)
    row = conn.execute(sql, params).fetchone()
    if row is not None:
        return str(row[0])
    try:
        # An earlier run may have created it and died before recording the id.
        etm_id = client.find_event_triggered_message(event_type) or client.create_event_triggered_message(
            name=f"{name} - step {step_index} - {message}"[:200],
            event_type=event_type,
            message_template=MESSAGE_TEMPLATE,
            list_id=list_id,
        )
    except VibesError as exc:
        raise FatalVibesError(f"cannot set up the Vibes message for step {step_index}: {exc}") from None
    with transaction(conn):
        conn.execute(
            "INSERT INTO vibes_event_messages(campaign_name, step_id, message_name, vibes_list_id, "
            "etm_id, event_type) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(campaign_name, step_id, "
            "message_name, vibes_list_id) DO UPDATE SET etm_id = excluded.etm_id, "
            "event_type = excluded.event_type",
            (name, step_id, message, list_id, etm_id, event_type),
        )
    return event_type


class StepWriter:
    """Reads due ledger rows and writes what became of them, for one run."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        run_id: int,
        campaign: Campaign,
        messages: dict[str, str],
        *,
        dry_run: bool,
        default_zone: str,
        client: VibesLike | None,
        compliance: Compliance | None = None,
        fence: Callable[[], None] | None = None,
    ) -> None:
        self.conn = conn
        #: Called first in each write transaction; raises to write nothing (the run is not ours).
        self.fence = fence or (lambda: None)
        self.run_id = run_id
        self.campaign = campaign
        self.messages = messages
        self.dry_run = dry_run
        self.client = client
        self.wait_zone = zone_info(default_zone) or zoneinfo.ZoneInfo("UTC")
        self.compliance = compliance if compliance is not None else Compliance.load(conn)
        self._event_types: dict[tuple[int, str, str], str] = {}

    def _type_of(self, step_index: int) -> StepType:
        """The registered type of flow step ``step_index`` (from 1) of the run's campaign."""
        return step_type(self.campaign.flow[step_index - 1].type)

    def _quiet(self, step_index: int) -> bool:
        """Whether the step's requests wait for the quiet-hours window."""
        audience = self._type_of(step_index).audience
        return audience is not None and audience.quiet_hours

    # -- start and resume ------------------------------------------------------------------
    def recover(self, now: datetime, *, resend: bool) -> None:
        """Settle what a stopped runner left behind and schedule people not yet scheduled."""
        stamp = iso(now)
        with transaction(self.conn):
            self.fence()
            left = self.conn.execute(
                "SELECT step_index, person_id, mdn FROM ledger WHERE run_id = ? AND state = 'sending'", (self.run_id,)
            ).fetchall()
            for step_index, person_id, mdn in left:
                if resend:
                    self._set(step_index, person_id, "pending", "resend_in_doubt", now, due=stamp)
                    continue
                self._set(step_index, person_id, "in_doubt", "interrupted_in_flight", now)
                ledger.log_activity(
                    self.conn,
                    self.run_id,
                    stamp,
                    person_id,
                    mdn,
                    step_index,
                    "SMS Failed",
                    "in doubt: the program stopped while this request was in flight",
                )
                self._advance(person_id, step_index, now)
            self._schedule_first_steps()
        if resend:
            ledger.requeue_in_doubt(self.conn, self.run_id, now)

    def _schedule_first_steps(self) -> None:
        started = datetime.fromisoformat(
            self.conn.execute("SELECT started_at FROM runs WHERE id = ?", (self.run_id,))
            .fetchone()[0]
            .replace("Z", "+00:00")
        )
        reach = started
        for number, step in enumerate(self.campaign.flow, start=1):
            if step_type(step.type).delays:
                reach = wait_until(reach, step, self.wait_zone)
                continue
            self.conn.execute(
                "UPDATE ledger SET due_at = ? WHERE run_id = ? AND step_index = ? AND state = 'pending' "
                "AND due_at IS NULL AND NOT EXISTS (SELECT 1 FROM ledger e WHERE e.run_id = ledger.run_id "
                "AND e.person_id = ledger.person_id AND e.step_index < ledger.step_index "
                "AND e.state IN ('pending', 'sending'))",
                (iso(reach), self.run_id, number),
            )

    # -- reading -----------------------------------------------------------------------------
    def due(self, now: datetime, *, limit: int) -> list[sqlite3.Row]:
        if limit <= 0:
            return []
        return self.conn.execute(_DUE, (self.run_id, iso(now), limit)).fetchall()

    def next_due(self) -> datetime | None:
        """When the next pending row falls due (None: nothing pending is scheduled)."""
        row = self.conn.execute(
            "SELECT min(due_at), count(*) FROM ledger WHERE run_id = ? AND state = 'pending'", (self.run_id,)
        ).fetchone()
        if row[1] == 0:
            return None
        if row[0] is None:  # pragma: no cover - every pending row has a scheduled predecessor
            log.error("run %s has pending rows nobody will reach", self.run_id)
            return None
        return datetime.fromisoformat(row[0].replace("Z", "+00:00"))

    # -- deciding ------------------------------------------------------------------------------
    def prepare(
        self, rows: list[sqlite3.Row], now: datetime, resolver: ZoneResolver, free: int, busy: set[str]
    ) -> list[Prepared]:
        """What to do with the due rows, in order, until ``free`` of them start a request; the
        rows after that stay due, for when requests are free again (each row is checked against
        the workspace as it stands then, so none is checked for nothing)."""
        # the window of each row the campaign's quiet hours or a state's or country's rules restrict
        windows: dict[int, Window] = {}
        if resolver.restricted:
            for i, r in enumerate(rows):
                if self._quiet(r["step_index"]):
                    window = resolver.window_for(region_key(r["country"], r["state"], r["mdn"]))
                    if not window.unrestricted:
                        windows[i] = window
        needs_zone = [rows[i]["mdn"] for i in windows if rows[i]["mdn"] and not zone_info(rows[i]["time_zone"] or "")]
        zones = ensure_number_zones(self.conn, needs_zone) if needs_zone else {}
        out: list[Prepared] = []
        starts = 0
        taken: set[str] = set()
        for i, row in enumerate(rows):
            if starts >= free:
                break
            mdn = row["mdn"] or ""
            if mdn in busy or mdn in taken:
                continue  # one request per number at a time; it stays due
            item = Item(
                row["step_index"],
                row["person_id"],
                mdn,
                row["action"],
                row["vibes_list_id"] or "",
                row["acquisition_id"],
                external_id=row["external_id"],
                step=self.campaign.flow[row["step_index"] - 1],
            )
            settled = self._check(row, now)
            if settled is not None:
                out.append(Prepared(item, "settle", settled))
                continue
            held = windows.get(i)
            if held is not None:
                # every zone the number may be in (the person's own zone when known), judged by the
                # campaign's window narrowed by the person's state or country rules
                judged = resolver.at(now).zones_for(row["time_zone"], mdn, zones.get(mdn))
                if not resolver.is_open_in(judged, held):
                    region = region_key(row["country"], row["state"], mdn)
                    rule = self.compliance.window_rule(region) if held != resolver.window else ""
                    out.append(Prepared(item, "defer", until=resolver.next_opening(judged, held), rule=rule))
                    continue
            if self._type_of(item.step_index).sends_text:
                body = self.messages.get(row["message_name"] or "")
                if body is None:
                    out.append(
                        Prepared(
                            item,
                            "settle",
                            Outcome("failed", "message_missing", f"no SMS message {row['message_name']!r} in the run"),
                        )
                    )
                    continue
                item.text = render(body, dict(row))
                if len(item.text) > MAX_CHARS:
                    out.append(
                        Prepared(
                            item,
                            "settle",
                            Outcome(
                                "failed",
                                "text_too_long",
                                f"the text has {len(item.text)} characters; the limit is {MAX_CHARS}",
                            ),
                        )
                    )
                    continue
                item.event_type = self._event_type(item.step_index, row["message_name"], item.vibes_list_id)
                item.event_id = event_id_for(self.run_id, item.step_index, mdn)
            starts += 1
            taken.add(mdn)
            out.append(Prepared(item, "start"))
        return out

    def _check(self, row: sqlite3.Row, now: datetime) -> Outcome | None:
        """Eligibility as the workspace stands now (an opt-out mid-run is honoured): the step
        type's audience rule again, and the frequency limits for a text (the workspace's and
        the person's state's or country's, counting texts sent up to now)."""
        action = engine_action(row["action"])
        st = self._type_of(row["step_index"])
        if action.shared_states or action.shared_reasons:
            states, reasons_in = ", ".join("?" * len(action.shared_states)), ", ".join("?" * len(action.shared_reasons))
            earlier = self.conn.execute(
                "SELECT state, reason FROM ledger WHERE run_id = ? AND step_index = ? AND mdn = ? "
                f"AND (state IN ({states}) OR reason IN ({reasons_in})) LIMIT 1",
                (self.run_id, row["step_index"], row["mdn"], *action.shared_states, *action.shared_reasons),
            ).fetchone()
            if earlier is not None:
                return Outcome(earlier["state"], earlier["reason"], "the number was already handled by this step")
        if not action.rechecks:
            return None
        reasons = st.audience.reasons if st.audience is not None else ()
        if row["id"] is None:
            return Outcome("skipped", "person_deleted", "the person was deleted during the run")
        for flag in PERSON_REASONS:
            if flag in reasons and row[flag]:
                return Outcome("skipped", flag, "changed during the run")
        if "no_valid_phone" in reasons and (not row["phone_valid"] or row["phone_e164"] != row["mdn"]):
            return Outcome("skipped", "no_valid_phone", "the number changed during the run")
        if "not_in_vibes_list" in reasons and not row["member"]:
            return Outcome("skipped", "not_in_vibes_list", "no longer a member of the Vibes list")
        if "already_member" in reasons and row["member"]:
            return Outcome("skipped", "already_member", "became a member during the run")
        if "phone_suppressed" in reasons and row["suppressed"]:
            return Outcome("skipped", "phone_suppressed", "the number's owner opted out during the run")
        if "frequency_limit" in reasons:
            region = region_key(row["country"], row["state"], row["mdn"])
            reached = self.compliance.check(self.conn, row["mdn"], region, now, self.campaign.name)
            if reached is not None:
                return Outcome("skipped", "frequency_limit", reached)
        return None

    def _event_type(self, step_index: int, message: str, list_id: str) -> str:
        key = (step_index, message, list_id)
        cached = self._event_types.get(key)
        if cached is not None:
            return cached
        if self.dry_run:
            step_id = self.campaign.flow[step_index - 1].id
            sourcecode = getattr(self.client, "sourcecode", None)
            event_type = event_type_for(self.campaign.name, step_id, message, list_id, sourcecode)
        else:
            assert self.client is not None
            event_type = ensure_event_type(self.conn, self.client, self.campaign, step_index, message, list_id)
        self._event_types[key] = event_type
        return event_type

    def dry_outcome(self, item: Item) -> Outcome:
        return Outcome(engine_action(item.action).dry_state, None, "dry run: nothing was sent")

    # -- writing ---------------------------------------------------------------------------------
    def commit(
        self, finished: list[tuple[Item, Outcome]], prepared: list[Prepared], now: datetime, counts: dict[str, int]
    ) -> list[Item]:
        """Write answers and decisions in one transaction; return the items to send now."""
        if not finished and not prepared:
            return []
        stamp = iso(now)
        started: list[Item] = []
        with transaction(self.conn):
            self.fence()
            for item, outcome in finished:
                self._settle(item, outcome, now, "sending", counts)
            for p in prepared:
                item = p.item
                if p.kind == "settle":
                    assert p.outcome is not None
                    self._settle(item, p.outcome, now, "pending", counts)
                elif p.kind == "defer":
                    assert p.until is not None
                    self._set(item.step_index, item.person_id, "pending", "deferred_quiet_hours", now, due=iso(p.until))
                    ledger.log_activity(
                        self.conn,
                        self.run_id,
                        stamp,
                        item.person_id,
                        item.mdn,
                        item.step_index,
                        "Deferred",
                        f"quiet hours ({p.rule}): until {iso(p.until)}"
                        if p.rule
                        else f"quiet hours: until {iso(p.until)}",
                    )
                else:
                    self.conn.execute(
                        "UPDATE ledger SET state = 'sending', attempts = attempts + 1, event_id = ?, reason = NULL, "
                        "updated_at = ? WHERE run_id = ? AND step_index = ? AND person_id = ?",
                        (item.event_id, stamp, self.run_id, item.step_index, item.person_id),
                    )
                    kind = engine_action(item.action).start_activity
                    if kind:
                        ledger.log_activity(
                            self.conn,
                            self.run_id,
                            stamp,
                            item.person_id,
                            item.mdn,
                            item.step_index,
                            kind,
                            "dry run" if self.dry_run else (item.event_id or ""),
                        )
                    counts["pending"] -= 1
                    counts["sending"] += 1
                    started.append(item)
        return started

    def _settle(self, item: Item, outcome: Outcome, now: datetime, old: str, counts: dict[str, int]) -> None:
        stamp = iso(now)
        if outcome.state == "sent" and not self.dry_run:
            outcome = self._routing_answer(item) or outcome
        sent_at = stamp if outcome.state == "sent" and not self.dry_run else None
        self._set(item.step_index, item.person_id, outcome.state, outcome.reason, now, sent_at=sent_at)
        counts[old] -= 1
        counts[outcome.state] = counts.get(outcome.state, 0) + 1
        if outcome.fatal:
            return
        kind = engine_action(item.action).activity(outcome.state)
        if kind:
            detail = outcome.reason or ""
            if outcome.detail:
                detail = f"{detail}: {outcome.detail}" if detail else outcome.detail
            ledger.log_activity(self.conn, self.run_id, stamp, item.person_id, item.mdn, item.step_index, kind, detail)
        if not self.dry_run:
            self._mirror(item, outcome, stamp)
        self._advance(item.person_id, item.step_index, now)

    def _routing_answer(self, item: Item) -> Outcome | None:
        """A refusal that Vibes' routing callback delivered before the send's own answer was
        written (the callback receiver or the embedded emulator): the text never went out."""
        row = self.conn.execute(
            "SELECT routing FROM ledger WHERE run_id = ? AND step_index = ? AND person_id = ?",
            (self.run_id, item.step_index, item.person_id),
        ).fetchone()
        routing = row[0] if row else None
        if routing and routing.startswith("failed"):
            return Outcome("failed", "routing_failed", routing.removeprefix("failed: ") or "Vibes did not route it")
        return None

    def _set(
        self,
        step_index: int,
        person_id: int,
        state: str,
        reason: str | None,
        now: datetime,
        *,
        due: str | None = None,
        sent_at: str | None = None,
    ) -> None:
        self.conn.execute(
            "UPDATE ledger SET state = ?, reason = ?, due_at = COALESCE(?, due_at), "
            "sent_at = COALESCE(?, sent_at), updated_at = ? WHERE run_id = ? AND step_index = ? AND person_id = ?",
            (state, reason, due, sent_at, iso(now), self.run_id, step_index, person_id),
        )

    def _mirror(self, item: Item, outcome: Outcome, stamp: str) -> None:
        """Keep the Vibes mirror true to what Vibes just answered; the opt-ins, opt-outs and
        confirmation requests it brings are in the consent log as this run's step."""
        if not (outcome.participant_status or outcome.membership is not None or outcome.stop is not None):
            return
        proof = f"run {self.run_id} ({self.campaign.name}), step {item.step_index} {item.action}: {outcome.state}"
        if outcome.detail:
            proof += f" ({outcome.detail})"
        with consent_source(self.conn, "run", proof, learned_at=stamp):
            self._mirror_vibes(item, outcome, stamp)

    def _mirror_vibes(self, item: Item, outcome: Outcome, stamp: str) -> None:
        if outcome.participant_status and item.acquisition_id:
            self.conn.execute(
                "INSERT INTO vibes_participants(acquisition_id, mdn, status, participation_date, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(acquisition_id, mdn) DO UPDATE SET status = excluded.status, "
                "participation_date = excluded.participation_date, updated_at = excluded.updated_at",
                (item.acquisition_id, item.mdn, outcome.participant_status, stamp, stamp),
            )
        if outcome.membership is True:
            self.conn.execute(
                "INSERT INTO vibes_memberships(list_id, mdn, person_key, external_person_id, active, opt_in_date, "
                "updated_at) VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT(list_id, mdn) DO UPDATE SET active = 1, "
                "person_key = COALESCE(excluded.person_key, vibes_memberships.person_key), "
                "opt_in_date = CASE WHEN vibes_memberships.active = 1 THEN vibes_memberships.opt_in_date "
                "ELSE excluded.opt_in_date END, opt_out_date = NULL, opt_out_reason = NULL, "
                "updated_at = excluded.updated_at",
                (item.vibes_list_id, item.mdn, outcome.person_key, item.external_id or None, stamp, stamp),
            )
        elif outcome.membership is False:
            self.conn.execute(
                "UPDATE vibes_memberships SET active = 0, opt_out_date = ?, opt_out_reason = 'api_opt_out', "
                "updated_at = ? WHERE list_id = ? AND mdn = ? AND active = 1",
                (stamp, stamp, item.vibes_list_id, item.mdn),
            )

        if outcome.stop is not None:
            # Mirror the STOP Vibes told of; the mirror's triggers put the number among
            # those never texted, for every step and run from now on.
            self.conn.execute(
                "INSERT INTO vibes_memberships(list_id, mdn, active, opt_out_date, opt_out_reason, updated_at) "
                "VALUES (?, ?, 0, ?, ?, ?) ON CONFLICT(list_id, mdn) DO UPDATE SET active = 0, "
                "opt_out_date = excluded.opt_out_date, opt_out_reason = excluded.opt_out_reason, "
                "updated_at = excluded.updated_at",
                (outcome.stop.list_id, item.mdn, outcome.stop.opted_out_at, outcome.stop.reason, stamp),
            )

    def _advance(self, person_id: int, step_index: int, now: datetime) -> None:
        """Schedule the person's next pending step (after any Waits between)."""
        if self.conn.execute(
            "SELECT 1 FROM ledger WHERE run_id = ? AND step_index = ? AND person_id = ? "
            "AND state IN ('pending', 'sending')",
            (self.run_id, step_index, person_id),
        ).fetchone():
            return  # not finished with this step (a fatal answer put it back)
        reach = now.astimezone(UTC)
        for number in range(step_index + 1, len(self.campaign.flow) + 1):
            step = self.campaign.flow[number - 1]
            if step_type(step.type).delays:
                reach = wait_until(reach, step, self.wait_zone)
                continue
            row = self.conn.execute(
                "SELECT state, due_at FROM ledger WHERE run_id = ? AND step_index = ? AND person_id = ?",
                (self.run_id, number, person_id),
            ).fetchone()
            if row is None or row["state"] not in ("pending", "sending"):
                continue
            if row["state"] == "pending" and row["due_at"] is None:
                self.conn.execute(
                    "UPDATE ledger SET due_at = ? WHERE run_id = ? AND step_index = ? AND person_id = ?",
                    (iso(reach), self.run_id, number, person_id),
                )
            return
