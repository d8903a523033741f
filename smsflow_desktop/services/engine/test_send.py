"""Test sends: one step's text, as a chosen person would get it, to the team's own phones.

:func:`render_step` picks the branch the person takes at a Send SMS step (the first choice
whose condition holds, else the Default; with no person, the Default and every token's
default) and renders its message for them. :func:`send_test` sends that text to each seed
number (the workspace setting ``test_numbers``, or numbers given) through the same Vibes path
a run uses: the step's event-triggered message, created on first use and shared with runs,
and one event per number. Quiet hours do not apply (the recipients are the team).

A test is never part of a run: it writes no ledger row, so it is in no run's counts, results
export, delivered counts, qualification history or frequency cap (which counts ledger rows).
Each number's outcome goes to the activity log with no run and no person, as
``SMS Test Sent``, ``SMS Test Failed`` or ``SMS Test Refused``, its detail a JSON object with
``"test": true``, the campaign, step, branch, message, list, the person it was rendered for and
the event id (``smsflow-test-…``, whose receipts are logged as ``SMS Test …`` too). STOP
means stop: a seed number that said STOP, or that belongs to a blocklisted or unsubscribed
person, is refused and not sent.

Refusals of the whole send raise :class:`SendTestError` naming the problem: no seed numbers,
a number that is not valid E.164, a step that sends no text, an unknown person, a person whose
branch is Do Nothing, a message that is missing or too long, remote mode without
``vibes.short_code``. Each says it in English (the CLI's message) and as a ``code`` with its
``params``, which the app says in the user's language; so does a number refused its test
(:attr:`NumberResult.code`). Call :func:`prepare_test` before connecting to Vibes, then
:func:`send_prepared` (or :func:`send_test`, which does both).
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.model.step_types import step_type
from smsflow_desktop.services.campaigns import message_bodies
from smsflow_desktop.services.engine.actions import FatalVibesError, Item, VibesLike, perform
from smsflow_desktop.services.engine.run_steps import ensure_event_type
from smsflow_desktop.services.engine.smart_list_sql import condition_sql
from smsflow_desktop.services.engine.steps import StepError, plan_step
from smsflow_desktop.services.engine.test_log import (
    FAILED,
    REFUSED,
    SENT,
    TEST_EVENT_PREFIX,
    recent_test_sends,
    summarize_test_sends,
)
from smsflow_desktop.services.settings import (
    MAX_TEST_NUMBERS,
    SettingError,
    get_setting,
    parse_test_numbers,
    seed_numbers,
)
from smsflow_desktop.services.sms_text import MAX_CHARS, analyze, render
from smsflow_desktop.services.workspace import iso, now_utc, transaction

__all__ = [
    "TEST_EVENT_PREFIX",
    "NumberResult",
    "PreparedTest",
    "RenderedStep",
    "SendTestError",
    "SendTestReport",
    "check_numbers",
    "prepare_test",
    "recent_test_sends",
    "render_step",
    "send_prepared",
    "send_test",
    "summarize_test_sends",
]


class SendTestError(ValueError):
    """A test send refused as a whole. ``code`` names the problem and ``params`` its details
    (``step``, ``number``, ``characters``…; see each raise); ``bad_input`` tells what was asked
    for (a number, a step, a person) from what the campaign or settings lack."""

    def __init__(
        self, message: str, code: str, *, bad_input: bool = True, params: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.bad_input = bad_input
        self.params: dict[str, object] = dict(params or {})


@dataclass(frozen=True)
class RenderedStep:
    """The text a test of one step sends: the branch the person takes and its rendered message."""

    campaign: str
    step: int  # flow step number, from 1
    branch: str  # "Default" or "Choice N"
    message: str
    vibes_list_id: str
    text: str
    segments: int
    encoding: str
    person_id: int | None
    person_name: str


@dataclass(frozen=True)
class NumberResult:
    """What became of the test for one seed number: ``sent`` (Vibes accepted it), ``failed``,
    ``in_doubt`` (may have reached Vibes) or ``refused`` (not sent: the number said STOP).
    ``code`` names why it was refused (``said_stop``, ``owner_opted_out``) and ``note_code``
    what the note says (``not_on_list``), for the app to say in the user's language; ``params``
    holds their details. ``detail`` and ``note`` say the same in English."""

    mdn: str
    status: str
    detail: str = ""
    event_id: str | None = None
    note: str = ""  # e.g. the number is not on the step's Vibes list, so Vibes may not deliver it
    code: str = ""
    note_code: str = ""
    params: Mapping[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """As the CLI reports it (the codes are the app's)."""
        return {
            "mdn": self.mdn,
            "status": self.status,
            "detail": self.detail,
            "event_id": self.event_id,
            "note": self.note,
        }


@dataclass
class PreparedTest:
    """Everything checked before Vibes is called: the rendered step and the numbers."""

    campaign: Campaign
    rendered: RenderedStep
    numbers: list[str]


@dataclass
class SendTestReport:
    """A test send: what was sent and each number's result."""

    rendered: RenderedStep
    results: list[NumberResult] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return sum(r.status == "sent" for r in self.results)

    @property
    def all_sent(self) -> bool:
        return bool(self.results) and all(r.status == "sent" for r in self.results)

    def as_dict(self) -> dict[str, Any]:
        return {
            **asdict(self.rendered),
            "sent": self.sent,
            "results": [r.as_dict() for r in self.results],
        }


# -- checking and rendering ----------------------------------------------------------------------
def check_numbers(numbers: Iterable[str]) -> list[str]:
    """Each number as E.164, in order, each once; :class:`SendTestError` for an invalid one or none."""
    out: list[str] = []
    for number in numbers:
        try:
            parsed = parse_test_numbers(number)
        except SettingError as exc:
            raise SendTestError(f"test number {exc}", "invalid_number", params=_number_problem(number)) from None
        out += [n for n in parsed if n not in out]
    if not out:
        raise SendTestError(
            "no test numbers: set the workspace's (smsflow settings set test_numbers +12135550100,+46701234567, "
            "or Test numbers in the workspace settings) or give them",
            "no_test_numbers",
        )
    return out


def _number_problem(text: str) -> dict[str, object]:
    """What is wrong with a comma-separated list of test numbers that was refused: the first
    number that is not one (``no_country_code``, ``not_valid``), else too many of them."""
    for part in text.split(","):
        try:
            parse_test_numbers(part)
        except SettingError:
            number = part.strip()
            return {"number": number, "problem": "not_valid" if number.startswith("+") else "no_country_code"}
    return {"problem": "too_many", "max": MAX_TEST_NUMBERS}


def _person(conn: sqlite3.Connection, person_id: int) -> dict[str, Any]:
    row = conn.execute("SELECT * FROM people WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        raise SendTestError(
            f"no person with id {person_id} in this workspace", "person_unknown", params={"person": person_id}
        )
    return dict(row)


def _branch_index(conn: sqlite3.Connection, conditions: tuple[Any, ...], person_id: int, now: datetime) -> int:
    """The branch the person takes: the first choice whose condition holds, else the Default."""
    if not conditions:
        return 0
    parts: list[str] = []
    params: list[object] = []
    for i, cond in enumerate(conditions):
        test = condition_sql(cond, now)
        parts.append(f"WHEN {test.text} THEN {i}")
        params += test.params
    sql = f"SELECT CASE {' '.join(parts)} ELSE {len(conditions)} END FROM people p WHERE p.id = ?"
    return int(conn.execute(sql, [*params, person_id]).fetchone()[0])


def render_step(
    conn: sqlite3.Connection,
    campaign: Campaign,
    step: int,
    person_id: int | None,
    *,
    messages: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> RenderedStep:
    """The text flow step ``step`` (from 1) would send ``person_id`` (None: the Default, with
    every token's default); :class:`SendTestError` when there is none to send."""
    if not 1 <= step <= len(campaign.flow):
        raise SendTestError(
            f"step {step} does not exist; the flow has {len(campaign.flow)} step(s)",
            "step_unknown",
            params={"step": step, "steps": len(campaign.flow)},
        )
    st = step_type(campaign.flow[step - 1].type)
    if not st.sends_text:
        raise SendTestError(
            f"step {step} is a {st.palette.title} step, which sends no text; choose a Send SMS step",
            "not_send_sms",
            params={"step": step, "step_type": st.id},
        )
    person = _person(conn, person_id) if person_id is not None else {}
    name = " ".join(str(person.get(k) or "") for k in ("first_name", "last_name")).strip() or str(person_id or "")
    try:
        plan = plan_step(campaign, step)
    except StepError as exc:
        raise SendTestError(str(exc), "step_incomplete", bad_input=False, params={"step": step}) from None
    index = _branch_index(conn, plan.conditions, person_id, now or now_utc()) if person_id is not None else -1
    branch = plan.branches[index]
    if branch is None:
        raise SendTestError(
            f"{name} takes choice {index + 1} of step {step}, which is Do Nothing: there is no text to test; "
            "choose another person",
            "do_nothing",
            bad_input=False,
            params={"step": step, "person": name, "choice": index + 1},
        )
    if not branch.message:
        raise SendTestError(
            f"step {step} ({branch.label}) has no SMS message; choose one",
            "message_missing",
            bad_input=False,
            params={"step": step, "branch": branch.label},
        )
    bodies = message_bodies(conn) if messages is None else messages
    body = bodies.get(branch.message)
    if body is None:
        raise SendTestError(
            f"no SMS message is called {branch.message!r}",
            "message_unknown",
            bad_input=False,
            params={"message": branch.message},
        )
    text = render(body, person)
    if len(text) > MAX_CHARS:
        raise SendTestError(
            f"the text has {len(text)} characters for this person; the limit is {MAX_CHARS}",
            "text_too_long",
            bad_input=False,
            params={"characters": len(text), "limit": MAX_CHARS},
        )
    info = analyze(text)
    return RenderedStep(
        campaign.name,
        step,
        branch.label,
        branch.message,
        branch.vibes_list_id,
        text,
        info.segments,
        info.encoding,
        person_id,
        name,
    )


def prepare_test(
    conn: sqlite3.Connection,
    campaign: Campaign,
    step: int,
    person_id: int | None,
    numbers: Iterable[str] | None = None,
    *,
    messages: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> PreparedTest:
    """Check everything a test send needs before Vibes is called (``numbers`` None: the
    workspace's seed numbers); :class:`SendTestError` names the first thing missing."""
    if numbers is None:
        try:
            numbers = seed_numbers(conn)
        except SettingError as exc:  # pragma: no cover - the setting is checked when it is set
            raise SendTestError(f"test_numbers: {exc}", "invalid_number", params={"problem": "not_valid"}) from None
    checked = check_numbers(numbers)
    rendered = render_step(conn, campaign, step, person_id, messages=messages, now=now)
    if get_setting(conn, "vibes.mode") == "remote" and not get_setting(conn, "vibes.short_code").strip():
        raise SendTestError(
            "vibes.short_code is not set: Vibes texts go from the company's short code; set it with "
            "smsflow settings set vibes.short_code CODE (or in the app's Vibes settings)",
            "missing_short_code",
            bad_input=False,
        )
    return PreparedTest(campaign, rendered, checked)


# -- sending ----------------------------------------------------------------------------------------
def _never_texted(conn: sqlite3.Connection, mdn: str) -> NumberResult | None:
    """The refusal of a number that must not get even a test (it said STOP; its owner opted
    out), or None."""
    stop = conn.execute("SELECT opted_out_at FROM number_opt_outs WHERE mdn = ?", (mdn,)).fetchone()
    if stop is not None:
        return NumberResult(
            mdn,
            "refused",
            f"{mdn} said STOP ({stop[0]}): STOP means stop, so it gets no test either "
            "(it gets texts again once it opts in to a list)",
            code="said_stop",
            params={"at": str(stop[0])},
        )
    owner = conn.execute(
        "SELECT blocklisted FROM people WHERE phone_e164 = ? AND (blocklisted = 1 OR unsubscribed = 1) LIMIT 1",
        (mdn,),
    ).fetchone()
    if owner is not None:
        flag = "blocklisted" if owner[0] else "unsubscribed"
        return NumberResult(
            mdn,
            "refused",
            f"{mdn} belongs to a person who is {flag} in this workspace, so it gets no texts, tests included",
            code="owner_opted_out",
            params={"flag": flag},
        )
    return None


def _membership_note(conn: sqlite3.Connection, mdn: str, list_id: str) -> str:
    member = conn.execute(
        "SELECT 1 FROM vibes_memberships WHERE list_id = ? AND mdn = ? AND active = 1", (list_id, mdn)
    ).fetchone()
    if member is not None:
        return ""
    return (
        f"{mdn} is not a member of Vibes list {list_id} as far as this workspace knows; "
        "Vibes texts only the list's members, so the test may not arrive"
    )


def _log(conn: sqlite3.Connection, kind: str, rendered: RenderedStep, result: NumberResult, at: str) -> None:
    """One line of the activity log: no run, no person, marked as a test."""
    detail = {
        "test": True,
        "campaign": rendered.campaign,
        "step": rendered.step,
        "branch": rendered.branch,
        "message": rendered.message,
        "vibes_list_id": rendered.vibes_list_id,
        "rendered_for": rendered.person_id,
        "event_id": result.event_id,
        "status": result.status,
        "reason": result.detail,
    }
    conn.execute(
        "INSERT INTO activity(run_id, at, person_id, mdn, step_index, type, detail) VALUES (NULL, ?, NULL, ?, ?, ?, ?)",
        (at, result.mdn, rendered.step, kind, json.dumps(detail, ensure_ascii=False)),
    )


def send_prepared(
    conn: sqlite3.Connection, client: VibesLike, prepared: PreparedTest, *, now: datetime | None = None
) -> SendTestReport:
    """Send the prepared test to each number (numbers that must never be texted are refused)."""
    rendered = prepared.rendered
    report = SendTestReport(rendered)

    def record(result: NumberResult) -> None:
        report.results.append(result)
        with transaction(conn):
            _log(conn, {"sent": SENT, "refused": REFUSED}.get(result.status, FAILED), rendered, result, at)

    at = iso(now or now_utc())
    allowed = []
    for mdn in prepared.numbers:
        refused = _never_texted(conn, mdn)
        if refused is not None:
            record(refused)
        else:
            allowed.append(mdn)
    event_type = None
    if allowed:
        try:
            event_type = ensure_event_type(
                conn, client, prepared.campaign, rendered.step, rendered.message, rendered.vibes_list_id
            )
        except FatalVibesError as exc:
            raise SendTestError(str(exc), "vibes_refused", bad_input=False, params={"answer": str(exc)}) from None
    for mdn in allowed:
        event_id = f"{TEST_EVENT_PREFIX}{secrets.token_hex(6)}-{mdn.lstrip('+')}"
        item = Item(
            rendered.step,
            rendered.person_id or 0,
            mdn,
            "send_sms",
            rendered.vibes_list_id,
            event_id=event_id,
            event_type=event_type,
            text=rendered.text,
        )
        outcome = perform(client, item)
        status = outcome.state if outcome.state in ("sent", "failed", "in_doubt") else "failed"
        detail = outcome.fatal or ": ".join(x for x in (outcome.reason or "", outcome.detail) if x)
        note = _membership_note(conn, mdn, rendered.vibes_list_id) if status == "sent" else ""
        params = {"list": rendered.vibes_list_id} if note else {}
        record(
            NumberResult(mdn, status, detail, event_id, note, note_code="not_on_list" if note else "", params=params)
        )
    order = {mdn: i for i, mdn in enumerate(prepared.numbers)}
    report.results.sort(key=lambda r: order[r.mdn])
    return report


def send_test(
    conn: sqlite3.Connection,
    client: VibesLike,
    campaign: Campaign,
    step_index: int,
    person_id: int | None,
    numbers: Iterable[str] | None = None,
    *,
    now: datetime | None = None,
) -> SendTestReport:
    """Render flow step ``step_index`` (from 1) for ``person_id`` and send it to each of
    ``numbers`` (None: the workspace's seed numbers); a result per number."""
    prepared = prepare_test(conn, campaign, step_index, person_id, numbers, now=now)
    return send_prepared(conn, client, prepared, now=now)
