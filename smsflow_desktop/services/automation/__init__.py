"""Campaigns that run themselves: activation, durable trigger events, occurrences and the agent.

* :mod:`.activation` switches a campaign on and off (``automation_campaigns``) and says when
  an active batch campaign runs next. Import never activates.
* Trigger events are written by database triggers (schema migration 7) in the transaction of
  the change that caused them, so no writer can forget one; :mod:`.firings` turns the events an
  active trigger campaign has not taken in yet into one run holding the people they fired for.
* :mod:`.occurrences` finds the due occurrences of active batch campaigns and claims each in
  the transaction that creates its run, so an occurrence runs once however many passes or
  agents see it due.
* :mod:`.agent` is the loop that does all that is due, in time order, and resumes unfinished
  runs; ``smsflow agent`` and (later) the app host it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smsflow_desktop.services.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from smsflow_desktop.services.automation.activation import (
        ActivationRefused,
        AutomationStatus,
        activate_campaign,
        automation_status,
        deactivate_campaign,
    )
    from smsflow_desktop.services.automation.agent import Agent, AgentOptions, PassResult

#: Where each name lives; imported on first use (:mod:`smsflow_desktop.services.lazy_exports`).
_HOMES: dict[str, str] = {
    "ActivationRefused": "smsflow_desktop.services.automation.activation",
    "Agent": "smsflow_desktop.services.automation.agent",
    "AgentOptions": "smsflow_desktop.services.automation.agent",
    "AutomationStatus": "smsflow_desktop.services.automation.activation",
    "PassResult": "smsflow_desktop.services.automation.agent",
    "activate_campaign": "smsflow_desktop.services.automation.activation",
    "automation_status": "smsflow_desktop.services.automation.activation",
    "deactivate_campaign": "smsflow_desktop.services.automation.activation",
}

__getattr__ = lazy_exports(__name__, _HOMES)

__all__ = [
    "ActivationRefused",
    "Agent",
    "AgentOptions",
    "AutomationStatus",
    "PassResult",
    "activate_campaign",
    "automation_status",
    "deactivate_campaign",
]
