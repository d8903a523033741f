"""Preview a step: who it would reach now, why the others are left out, sample texts.

:func:`preview_step` is what ``smsflow preview`` and the campaign editor's funnel show.
It works while the campaign still has problems elsewhere, as long as the step names its
Vibes list; every problem of the campaign is reported beside the counts. Nothing is sent
and nothing about people changes (looked-up number time zones are kept, see ``zones``). The
workspace's compliance rules apply as they would to a run now: ``frequency_limit`` among the
excluded, state and country windows in ``deferred_quiet_hours``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.model.validation import Problem
from smsflow_desktop.services.campaigns import message_bodies, validate_in_workspace
from smsflow_desktop.services.compliance.policy import Compliance
from smsflow_desktop.services.compliance.rules import RuleError
from smsflow_desktop.services.engine.audience import count_audience
from smsflow_desktop.services.engine.funnel import SampleText, export_audience_csv, sample_texts
from smsflow_desktop.services.engine.smart_list_sql import SmartListSqlError
from smsflow_desktop.services.engine.steps import StepError, first_sms_step, plan_step
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.workspace import now_utc


@dataclass
class Preview:
    """A step's funnel. ``smart_list = sum(excluded.values()) + recipients`` always.

    ``multi_zone``: recipients whose quiet hours were judged over several time zones (their
    number spans several, the window open in all of them is used); ``multi_zone_deferred``:
    those of them among ``deferred_quiet_hours``. ``deferred_by_rule``: of the deferred, those
    only a state's or country's window holds back, by the rules' scopes (``US-FL``);
    ``frequency_limit_by_rule``: the ``frequency_limit`` people by the limit they reached
    (``workspace`` or a rule's scope)."""

    step: int
    step_type: str
    smart_list: int
    excluded: dict[str, int]
    recipients: int
    deferred_quiet_hours: int
    problems: list[Problem] = field(default_factory=list)
    by_branch: dict[str, int] = field(default_factory=dict)
    sample: list[SampleText] = field(default_factory=list)
    exported: int | None = None
    multi_zone: int = 0
    multi_zone_deferred: int = 0
    deferred_by_rule: dict[str, int] = field(default_factory=dict)
    frequency_limit_by_rule: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "step": self.step,
            "step_type": self.step_type,
            "smart_list": self.smart_list,
            "excluded": dict(self.excluded),
            "recipients": self.recipients,
            "deferred_quiet_hours": self.deferred_quiet_hours,
            "multi_zone": self.multi_zone,
            "multi_zone_deferred": self.multi_zone_deferred,
            "deferred_by_rule": dict(self.deferred_by_rule),
            "frequency_limit_by_rule": dict(self.frequency_limit_by_rule),
            "problems": [p.as_dict() for p in self.problems],
            "by_branch": dict(self.by_branch),
        }
        if self.sample:
            data["sample"] = [s.as_dict() for s in self.sample]
        if self.exported is not None:
            data["exported"] = self.exported
        return data


def preview_step(
    conn: sqlite3.Connection,
    campaign: Campaign,
    step: int | None = None,
    *,
    now: datetime | None = None,
    sample: int = 0,
    export_csv: Path | None = None,
) -> Preview:
    """Count who flow step ``step`` (from 1; default the first SMS step) reaches at ``now``.

    Raises :class:`StepError` when that step cannot be previewed (a Wait, no such step, no
    Vibes list named) or the smart list's logic does not parse.
    """
    now = now or now_utc()
    number = step if step is not None else first_sms_step(campaign)
    plan = plan_step(campaign, number)
    default_zone = get_setting(conn, "default_time_zone")
    try:
        rules = Compliance.load(conn)
    except RuleError as exc:
        raise StepError(f"the compliance rules cannot be read: {exc}") from None
    try:
        counts = count_audience(conn, campaign, plan, now, default_zone, compliance=rules)
    except SmartListSqlError as exc:
        raise StepError(f"the smart list cannot be read: {exc}") from None
    result = Preview(
        number,
        plan.type,
        counts.smart_list,
        counts.excluded,
        counts.recipients,
        counts.deferred_quiet_hours,
        validate_in_workspace(conn, campaign),
        multi_zone=counts.multi_zone,
        multi_zone_deferred=counts.multi_zone_deferred,
        deferred_by_rule=counts.deferred_by_rule,
        frequency_limit_by_rule=counts.frequency_limit_by_rule,
    )
    for index, n in sorted(counts.by_branch.items()):
        branch = plan.branches[index]
        if branch is not None:
            result.by_branch[branch.label] = n
    if sample > 0:
        result.sample = sample_texts(conn, campaign, plan, now, message_bodies(conn), sample)
    if export_csv is not None:
        result.exported = export_audience_csv(conn, campaign, plan, now, export_csv)
    return result
