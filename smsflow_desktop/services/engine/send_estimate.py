"""What a step or a whole run would send: texts, segments, and the quiet-hours effect.

:func:`segment_totals` renders the text each recipient of a Send SMS step would get (the
same recipients, in the same order, as the preview's :func:`funnel.stream`) and sums the
segments :func:`sms_text.analyze` counts for each text; Vibes bills per segment, so this is
the figure a marketer checks before sending. Equal texts are analysed once.
:func:`estimate_run` gives every SMS step's preview and segments for the Run confirmation.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.services.campaigns import message_bodies
from smsflow_desktop.services.engine.funnel import stream
from smsflow_desktop.services.engine.preview import Preview, preview_step
from smsflow_desktop.services.engine.steps import StepPlan, plan_step, sms_step_numbers
from smsflow_desktop.services.sms_text import SegmentInfo, analyze, render
from smsflow_desktop.services.workspace import now_utc


class EstimateCancelled(Exception):
    """The caller asked to stop counting."""


@dataclass
class SegmentTotals:
    """Texts and segments a Send SMS step would send to its recipients."""

    texts: int = 0
    segments: int = 0
    ucs2_texts: int = 0
    multi_part_texts: int = 0
    longest: int = 0  # characters of the longest text
    without_message: int = 0  # recipients whose branch names a message the workspace lacks

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def segment_totals(
    conn: sqlite3.Connection,
    campaign: Campaign,
    plan: StepPlan,
    now: datetime,
    bodies: dict[str, str],
    *,
    qualification: bool = True,
    cancelled: Callable[[], bool] | None = None,
) -> SegmentTotals:
    """Sum the segments of every recipient's rendered text (Send SMS steps; zero otherwise)."""
    out = SegmentTotals()
    if not plan.sends_text:
        return out
    seen: dict[str, SegmentInfo] = {}
    for n, (reason, row) in enumerate(stream(conn, campaign, plan, now, qualification=qualification)):
        if cancelled is not None and n % 2000 == 0 and cancelled():
            raise EstimateCancelled()
        if reason is not None:
            continue
        branch = plan.branches[row["branch"]]
        body = bodies.get(branch.message) if branch is not None and branch.message else None
        if body is None:
            out.without_message += 1
            continue
        text = render(body, dict(row))
        info = seen.get(text)
        if info is None:
            info = seen[text] = analyze(text)
            if len(seen) > 50_000:  # personalised texts rarely repeat; keep memory bounded
                seen.clear()
        out.texts += 1
        out.segments += info.segments
        out.ucs2_texts += info.encoding == "UCS-2"
        out.multi_part_texts += info.segments > 1
        out.longest = max(out.longest, info.characters)
    return out


@dataclass
class StepEstimate:
    """One SMS step of a run-to-be."""

    number: int
    step_type: str
    preview: Preview
    segments: SegmentTotals


@dataclass
class RunEstimate:
    """Every SMS step of a campaign as it would start now."""

    campaign: str
    steps: list[StepEstimate] = field(default_factory=list)
    quiet_hours: tuple[str, str] | None = None  # (start, end) when enabled

    @property
    def recipients(self) -> int:
        return sum(s.preview.recipients for s in self.steps)

    @property
    def segments(self) -> int:
        return sum(s.segments.segments for s in self.steps)

    @property
    def deferred(self) -> int:
        return sum(s.preview.deferred_quiet_hours for s in self.steps)


def estimate_run(
    conn: sqlite3.Connection,
    campaign: Campaign,
    now: datetime | None = None,
    *,
    cancelled: Callable[[], bool] | None = None,
) -> RunEstimate:
    """Preview and segment totals of each SMS step, all at ``now`` (as a new run snapshots them)."""
    now = now or now_utc()
    bodies = message_bodies(conn)
    quiet = campaign.settings.quiet_hours
    out = RunEstimate(campaign.name, quiet_hours=(quiet.start, quiet.end) if quiet.enabled else None)
    for number in sms_step_numbers(campaign):
        preview = preview_step(conn, campaign, number, now=now)
        plan = plan_step(campaign, number)
        totals = segment_totals(conn, campaign, plan, now, bodies, cancelled=cancelled)
        out.steps.append(StepEstimate(number, plan.type, preview, totals))
    return out
