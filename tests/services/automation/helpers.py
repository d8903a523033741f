"""Workspaces, campaigns and a clock for the automation tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from smsflow_desktop.model.campaign import Campaign
from smsflow_desktop.services.automation import Agent, AgentOptions
from smsflow_desktop.services.engine.runner import RunOptions
from smsflow_desktop.services.workspace import Workspace
from tests.services.engine.helpers import FakeVibes, send_campaign

T0 = datetime(2026, 5, 4, 14, 0, tzinfo=UTC)  # a Monday, 10:00 in New York


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> datetime:
        self.now += timedelta(**kwargs)
        return self.now


def campaign(
    name: str = "Promo",
    *,
    flow: list[dict[str, Any]] | None = None,
    smart_list: dict[str, Any] | None = None,
    schedule: dict[str, Any] | None = None,
    qualification: Any = "every_time",
    quiet: dict[str, Any] | None = None,
) -> Campaign:
    c = send_campaign(name, flow=flow, smart_list=smart_list, qualification=qualification, quiet=quiet)
    for key, value in (schedule or {}).items():
        setattr(c.schedule, key, value)
    return c


def agent(ws: Workspace, fake: FakeVibes, clock: Callable[[], datetime]) -> Agent:
    options = AgentOptions(poll_s=0.05, run_options=RunOptions(concurrency=2, backoff_s=0.0))
    return Agent(ws, lambda: (fake, lambda: None), options=options, clock=clock)


def texts(fake: FakeVibes) -> list[str]:
    """The numbers texted, in order."""
    return [e["event_data"]["mdn"] for e in fake.events]
