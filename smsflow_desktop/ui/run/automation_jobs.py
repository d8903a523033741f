"""Jobs for campaigns that run themselves: the app's agent, and the audience an activation names.

:func:`agent_job` serves an :class:`~smsflow_desktop.services.automation.Agent` on the runner
thread until :meth:`Agent.stop` is called (from the GUI thread), reporting each pass's
:class:`~smsflow_desktop.services.automation.PassResult`, and releases its Vibes client when
it ends. :func:`agent_for` makes the agent of a workspace, with a Vibes client opened on the
agent's thread the first time a pass needs one. :func:`activation_audience_job` previews the
saved campaign's first SMS step, for the confirmation before a campaign is activated.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from smsflow_desktop.services.workspace import Workspace
from smsflow_desktop.ui.workers import Job

if TYPE_CHECKING:
    from smsflow_desktop.services.automation import Agent, PassResult
    from smsflow_desktop.services.engine.actions import VibesLike
    from smsflow_desktop.services.engine.preview import Preview


def agent_for(root: Path | str) -> Agent:
    """The agent of the workspace at ``root``; its Vibes client (the workspace's settings, or the
    embedded emulator) is opened on the agent's own thread when a pass first needs one."""
    from smsflow_desktop.services.automation import Agent

    ws = Workspace(root)

    def client() -> tuple[VibesLike, Callable[[], None]]:
        from smsflow_desktop.services.vibes.connect import open_client_for_workspace

        with ws.session() as conn:
            return open_client_for_workspace(ws, conn)

    return Agent(ws, client)


def agent_job(agent: Agent) -> Job[PassResult, PassResult]:
    """Pass after pass until ``agent.stop()``; reports each pass, returns what all of them did."""

    def job(report: Callable[[PassResult], None]) -> PassResult:
        try:
            return agent.serve(on_pass=report)
        finally:
            agent.close()

    return job


def activation_audience_job(root: Path | str, campaign_name: str) -> Job[Preview | None, None]:
    """Who the saved campaign's first SMS step would reach now (None: the flow has no such step)."""
    from smsflow_desktop.services.campaigns import load_campaign
    from smsflow_desktop.services.engine.preview import preview_step
    from smsflow_desktop.services.engine.steps import sms_step_numbers
    from smsflow_desktop.services.workspace import now_utc

    def job(_report: Callable[[None], None]) -> Preview | None:
        with Workspace(root).session(synchronous="NORMAL") as conn:
            campaign = load_campaign(conn, campaign_name)
            if not sms_step_numbers(campaign):
                return None
            return preview_step(conn, campaign, None, now=now_utc(), sample=0)

    return job
