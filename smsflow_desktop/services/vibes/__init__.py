"""The Vibes platform: the API client, its errors and models, and the workspace connection.

``open_client_for_workspace`` gives a :class:`VibesClient` for a workspace (the embedded
emulator in ``emulated`` mode, the real API in ``remote`` mode). The emulator itself lives
in :mod:`.emulator`; the callback receiver in :mod:`.callbacks`; list sync in :mod:`.sync`.
"""

from __future__ import annotations

from smsflow_desktop.services.vibes.client import VibesClient
from smsflow_desktop.services.vibes.connect import open_client_for_workspace
from smsflow_desktop.services.vibes.errors import (
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NetworkError,
    NotConfiguredError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    UnprocessableError,
    VibesError,
)
from smsflow_desktop.services.vibes.models import (
    AcquisitionCampaign,
    Callback,
    Participation,
    Person,
    PersonSubscription,
    Subscriber,
    SubscriptionList,
)
from smsflow_desktop.services.vibes.ratelimit import RateLimits

__all__ = [
    "AcquisitionCampaign",
    "AuthenticationError",
    "BadRequestError",
    "Callback",
    "ConflictError",
    "NetworkError",
    "NotConfiguredError",
    "NotFoundError",
    "Participation",
    "Person",
    "PersonSubscription",
    "RateLimitedError",
    "RateLimits",
    "ServerError",
    "Subscriber",
    "SubscriptionList",
    "UnprocessableError",
    "VibesClient",
    "VibesError",
    "open_client_for_workspace",
]
