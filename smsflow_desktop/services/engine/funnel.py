"""The people behind a preview's numbers: one reason's people, sample texts, a CSV export.

These read the same relation as the counts (:func:`audience.classify_sql`, with the same
compliance rules), so the list under a funnel bar always holds exactly as many people as the
bar says. Each person listed says which compliance rule applied to them: the limit a
``frequency_limit`` number reached, or the state's or country's window a recipient's quiet
hours keep to (``rule``, in English as exports say it, and ``compliance``, the same as a
:class:`~smsflow_desktop.services.compliance.policy.RuleApplied` for the app to say).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.services.compliance.policy import Compliance, LimitReached, RuleApplied
from smsflow_desktop.services.engine.audience import classify_sql
from smsflow_desktop.services.engine.csv_safe import write_csv
from smsflow_desktop.services.engine.steps import StepPlan
from smsflow_desktop.services.sms_text import analyze, render

RECIPIENT = "recipient"
_COLUMNS = (
    "p.external_id, p.first_name, p.last_name, p.email, p.phone_raw, p.phone_e164, p.country, "
    "p.state, p.city, p.postal_code, p.time_zone, p.blocklisted, p.unsubscribed, "
    "p.marketing_suspended, p.custom_fields, p.created_at, p.updated_at"
)


@dataclass(frozen=True)
class SampleText:
    """One recipient and the text they would get."""

    person_id: int
    name: str
    mdn: str
    branch: str
    message: str | None
    text: str | None
    characters: int
    segments: int
    encoding: str

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def stream(
    conn: sqlite3.Connection,
    campaign: Campaign,
    plan: StepPlan,
    now: datetime,
    *,
    qualification: bool = True,
    compliance: Compliance | None = None,
) -> Iterator[tuple[str | None, sqlite3.Row]]:
    """Everyone in the smart list by person id, with their final reason (None: recipient).

    Walking by id, the first recipient-to-be of each number is the one with the lowest id,
    so ``duplicate_phone`` needs no second pass and a short list stops early; that person's
    region decides whether the number reached a frequency limit (``frequency_limit``). Rows
    carry ``region`` and, for a step with limits, the texts counted (``n0``, …).
    ``compliance``: the rules to apply (default: the workspace's).
    """
    rules = compliance if compliance is not None else Compliance.load(conn)
    counted = rules.counts_sql(now, campaign.name) if "frequency_limit" in plan.reasons else None
    c = classify_sql(
        campaign,
        plan,
        now,
        qualification=qualification,
        columns=_COLUMNS,
        order=True,
        region=True,
        counts=counted,
        count_columns=rules.count_columns(),
    )
    n_counts = len(rules.count_windows) if counted is not None else 0
    seen: set[str] = set()
    for row in conn.execute(c.text, c.params):
        reason = row["reason"]
        if reason is None and plan.dedupes:
            phone = row["phone_e164"]
            if phone in seen:
                reason = "duplicate_phone"
            else:
                seen.add(phone)
        if reason is None and counted is not None:
            sent = [row[f"n{i}"] for i in range(n_counts)]
            if rules.limit_reached(row["region"], sent) is not None:
                reason = "frequency_limit"
        yield reason, row


def rule_behind(rules: Compliance, reason: str | None, row: sqlite3.Row) -> RuleApplied | None:
    """The compliance rule behind a person's outcome: the limit a ``frequency_limit`` number
    reached, or for a recipient the rules whose windows their quiet hours keep to; None when
    none applies."""
    region = row["region"]
    if reason == "frequency_limit":
        sent = [row[f"n{i}"] for i in range(len(rules.count_windows))]
        reached = rules.limit_reached(region, sent)
        return RuleApplied(limit=LimitReached(*reached)) if reached is not None else None
    if reason is None:
        windows = rules.window_rules(region)
        return RuleApplied(windows=windows) if windows else None
    return None


def rule_applied(rules: Compliance, reason: str | None, row: sqlite3.Row) -> str:
    """:func:`rule_behind` in English ("3 texts in the last 24 hours (workspace limit)"); empty
    when no rule applies."""
    if reason is None:
        return rules.window_rule(row["region"])  # the same, cached by region
    behind = rule_behind(rules, reason, row)
    return behind.text if behind is not None else ""


def _rows(
    conn: sqlite3.Connection,
    campaign: Campaign,
    plan: StepPlan,
    now: datetime,
    reason: str | None,
    *,
    limit: int | None,
    offset: int,
    qualification: bool,
    compliance: Compliance | None = None,
) -> Iterator[sqlite3.Row]:
    wanted = None if reason == RECIPIENT else reason
    skipped = taken = 0
    for final, row in stream(conn, campaign, plan, now, qualification=qualification, compliance=compliance):
        if final != wanted:
            continue
        if skipped < offset:
            skipped += 1
            continue
        if limit is not None and taken >= limit:
            return
        taken += 1
        yield row


def _person(row: sqlite3.Row, rule: RuleApplied | None) -> dict[str, object]:
    out = {k: row[k] for k in row.keys() if k != "region" and not (k[:1] == "n" and k[1:].isdigit())}  # noqa: SIM118
    out["rule"] = rule.text if rule is not None else ""
    out["compliance"] = rule
    return out


def people_under(
    conn: sqlite3.Connection,
    campaign: Campaign,
    plan: StepPlan,
    now: datetime,
    reason: str | None = None,
    *,
    limit: int = 100,
    offset: int = 0,
    qualification: bool = True,
) -> list[dict[str, object]]:
    """The people under one reason (None or ``recipient``: the recipients), by person id, each
    with the compliance rule that applied to them: ``compliance`` (see :func:`rule_behind`) and
    ``rule``, the same in English."""
    rules = Compliance.load(conn)
    final = None if reason == RECIPIENT else reason
    return [
        _person(r, rule_behind(rules, final, r))
        for r in _rows(
            conn,
            campaign,
            plan,
            now,
            reason,
            limit=limit,
            offset=offset,
            qualification=qualification,
            compliance=rules,
        )
    ]


def sample_texts(
    conn: sqlite3.Connection,
    campaign: Campaign,
    plan: StepPlan,
    now: datetime,
    bodies: Mapping[str, str],
    k: int,
    *,
    qualification: bool = True,
) -> list[SampleText]:
    """The first ``k`` recipients and the text each would get (for Send SMS steps)."""
    out: list[SampleText] = []
    for row in _rows(conn, campaign, plan, now, None, limit=k, offset=0, qualification=qualification):
        branch = plan.branches[row["branch"]]
        message = branch.message if branch else None
        body = bodies.get(message) if message else None
        text = render(body, dict(row)) if body is not None else None
        info = analyze(text) if text is not None else None
        name = f"{row['first_name']} {row['last_name']}".strip()
        out.append(
            SampleText(
                row["id"],
                name,
                row["phone_e164"] or "",
                branch.label if branch else "",
                message,
                text,
                info.characters if info else 0,
                info.segments if info else 0,
                info.encoding if info else "",
            )
        )
    return out


EXPORT_HEADER = (
    "person_id",
    "external_id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "status",
    "reason",
    "branch",
    "message",
    "vibes_list_id",
    "rule",
)


def export_audience_csv(
    conn: sqlite3.Connection,
    campaign: Campaign,
    plan: StepPlan,
    now: datetime,
    path: Path,
    *,
    qualification: bool = True,
) -> int:
    """Everyone in the smart list with their outcome for this step; returns the row count."""

    rules = Compliance.load(conn)

    def rows() -> Iterator[tuple[object, ...]]:
        for reason, row in stream(conn, campaign, plan, now, qualification=qualification, compliance=rules):
            branch = plan.branches[row["branch"]]
            yield (
                row["id"],
                row["external_id"] or "",
                row["first_name"],
                row["last_name"],
                row["email"],
                row["phone_e164"] or row["phone_raw"],
                "excluded" if reason else RECIPIENT,
                reason or "",
                branch.label if branch else "Do nothing",
                (branch.message or "") if branch else "",
                branch.vibes_list_id if branch else "",
                rule_applied(rules, reason, row),
            )

    return write_csv(path, EXPORT_HEADER, rows())
