"""The Vibes platform: the API client, its errors and models, and the workspace connection.

``open_client_for_workspace`` gives a :class:`VibesClient` for a workspace (the embedded
emulator in ``emulated`` mode, the real API in ``remote`` mode). The emulator itself lives
in :mod:`.emulator`; the callback receiver in :mod:`.callbacks`; list sync in :mod:`.sync`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smsflow_desktop.services.lazy_exports import lazy_exports

if TYPE_CHECKING:
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

#: Where each name lives; imported on first use (:mod:`smsflow_desktop.services.lazy_exports`).
_HOMES: dict[str, str] = {
    "AcquisitionCampaign": "smsflow_desktop.services.vibes.models",
    "AuthenticationError": "smsflow_desktop.services.vibes.errors",
    "BadRequestError": "smsflow_desktop.services.vibes.errors",
    "Callback": "smsflow_desktop.services.vibes.models",
    "ConflictError": "smsflow_desktop.services.vibes.errors",
    "NetworkError": "smsflow_desktop.services.vibes.errors",
    "NotConfiguredError": "smsflow_desktop.services.vibes.errors",
    "NotFoundError": "smsflow_desktop.services.vibes.errors",
    "Participation": "smsflow_desktop.services.vibes.models",
    "Person": "smsflow_desktop.services.vibes.models",
    "PersonSubscription": "smsflow_desktop.services.vibes.models",
    "RateLimitedError": "smsflow_desktop.services.vibes.errors",
    "RateLimits": "smsflow_desktop.services.vibes.ratelimit",
    "ServerError": "smsflow_desktop.services.vibes.errors",
    "Subscriber": "smsflow_desktop.services.vibes.models",
    "SubscriptionList": "smsflow_desktop.services.vibes.models",
    "UnprocessableError": "smsflow_desktop.services.vibes.errors",
    "VibesClient": "smsflow_desktop.services.vibes.client",
    "VibesError": "smsflow_desktop.services.vibes.errors",
    "open_client_for_workspace": "smsflow_desktop.services.vibes.connect",
}

__getattr__ = lazy_exports(__name__, _HOMES)

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
