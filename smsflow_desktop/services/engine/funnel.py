"""The people behind a preview's numbers: one reason's people, sample texts, a CSV export.

These read the same relation as the counts (:func:`audience.final_sql`), so the list under
a funnel bar always holds exactly as many people as the bar says.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from smsflow_desktop.model.campaign import Campaign
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
    conn: sqlite3.Connection, campaign: Campaign, plan: StepPlan, now: datetime, *, qualification: bool = True
) -> Iterator[tuple[str | None, sqlite3.Row]]:
    """Everyone in the smart list by person id, with their final reason (None: recipient).

    Walking by id, the first recipient-to-be of each number is the one with the lowest id,
    so ``duplicate_phone`` needs no second pass and a short list stops early.
    """
    c = classify_sql(campaign, plan, now, qualification=qualification, columns=_COLUMNS, order=True)
    seen: set[str] = set()
    for row in conn.execute(c.text, c.params):
        reason = row["reason"]
        if reason is None and plan.dedupes:
            phone = row["phone_e164"]
            if phone in seen:
                reason = "duplicate_phone"
            else:
                seen.add(phone)
        yield reason, row


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
) -> Iterator[sqlite3.Row]:
    wanted = None if reason == RECIPIENT else reason
    skipped = taken = 0
    for final, row in stream(conn, campaign, plan, now, qualification=qualification):
        if final != wanted:
            continue
        if skipped < offset:
            skipped += 1
            continue
        if limit is not None and taken >= limit:
            return
        taken += 1
        yield row


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
    """The people under one reason (None or ``recipient``: the recipients), by person id."""
    return [
        dict(r)
        for r in _rows(conn, campaign, plan, now, reason, limit=limit, offset=offset, qualification=qualification)
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

    def rows() -> Iterator[tuple[object, ...]]:
        for reason, row in stream(conn, campaign, plan, now, qualification=qualification):
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
            )

    return write_csv(path, EXPORT_HEADER, rows())
