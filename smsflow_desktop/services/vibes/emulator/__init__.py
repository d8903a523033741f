"""A faithful local stand-in for the Vibes Platform API, for demos, tests and dry runs.

:class:`EmulatorServer` serves the operations smsflow-desktop uses with Vibes' paths,
fields and status codes, keeps its state in SQLite under a state folder, plays the people
on the other end (double opt-in replies, STOP), delivers callbacks, writes Vibes extract
files and injects faults (rate limits, latency, server errors, dropped connections).
"""

from __future__ import annotations

from smsflow_desktop.services.vibes.emulator.extracts import (
    current_subscribers,
    daily_subscriptions,
    write_extracts,
)
from smsflow_desktop.services.vibes.emulator.faults import Faults
from smsflow_desktop.services.vibes.emulator.server import EmulatorServer
from smsflow_desktop.services.vibes.emulator.store import EmulatorStore, SeedError, load_seed

__all__ = [
    "EmulatorServer",
    "EmulatorStore",
    "Faults",
    "SeedError",
    "current_subscribers",
    "daily_subscriptions",
    "load_seed",
    "write_extracts",
]
