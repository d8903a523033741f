"""The Vibes calls behind each ledger row, run on worker threads, and what their answers mean.

:func:`perform` makes the request(s) for one prepared item and returns an :class:`Outcome`;
it never touches the database (the coordinating thread writes every outcome). A failure
that surely did not reach Vibes is retried a bounded number of times; one that may have
reached it is never repeated here: the row ends ``in_doubt``.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from smsflow_desktop.services.vibes.errors import (
    AuthenticationError,
    ConflictError,
    NetworkError,
    NotConfiguredError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    UnprocessableError,
    VibesError,
)
from smsflow_desktop.services.vibes.models import STOP_REASONS

log = logging.getLogger(__name__)
MESSAGE_TEMPLATE = "{{ event_data.message }}"


class VibesLike(Protocol):
    """The part of :class:`~smsflow_desktop.services.vibes.VibesClient` the runner uses."""

    def find_event_triggered_message(self, event_type: str) -> str | None: ...
    def create_event_triggered_message(
        self, *, name: str, event_type: str, message_template: str, list_id: str
    ) -> str: ...
    def send_event(self, *, event_id: str, event_type: str, event_data: dict) -> None: ...
    def add_participant(
        self,
        acquisition_id: str,
        *,
        mdn: str | None = None,
        external_person_id: str | None = None,
        person_id: str | None = None,
        custom_fields: dict | None = None,
    ) -> Any: ...
    def find_person_by_mdn(self, mdn: str) -> Any: ...
    def person_subscriptions(self, person_key: str, *, active_only: bool = True) -> list[Any]: ...
    def unsubscribe(
        self, list_id: str, *, person_key: str | None = None, external_person_id: str | None = None
    ) -> bool: ...


class FatalVibesError(RuntimeError):
    """Nothing more can be sent in this run (credentials refused, Vibes not configured)."""


@dataclass
class Item:
    """One ledger row prepared for its request."""

    step_index: int
    person_id: int
    mdn: str
    action: str  # send_sms | subscribe | unsubscribe
    vibes_list_id: str
    acquisition_id: str | None = None
    event_id: str | None = None
    event_type: str | None = None
    text: str | None = None
    #: The person's ``external_id`` (People CSV): the ``external_person_id`` Vibes knows them
    #: by. Never the internal id: that means nothing outside this workspace.
    external_id: str | None = None


@dataclass
class Outcome:
    """What became of an item: the new ledger state, a reason, details for the mirror."""

    state: str
    reason: str | None = None
    detail: str = ""
    participant_status: str | None = None
    person_key: str | None = None
    membership: bool | None = None  # True: member now; False: not a member now; None: unknown
    fatal: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    stop: StopSeen | None = None  # the number said STOP: the mirror records it


@dataclass(frozen=True)
class StopSeen:
    """A STOP that Vibes knows of and the workspace may not have heard yet."""

    list_id: str
    opted_out_at: str
    reason: str


def event_type_for(campaign: str, step_id: str, message: str, list_id: str, sourcecode: str | None = None) -> str:
    """The Vibes event type of a step's message to a list, sent from ``sourcecode``: another
    short code is another event-triggered message, so a changed short code takes effect."""
    key = f"{campaign}\x1f{step_id}\x1f{message}\x1f{list_id}"
    if sourcecode:
        key += f"\x1f{sourcecode}"
    digest = hashlib.sha1(key.encode()).hexdigest()[:16]
    return f"smsflow_{digest}"


def event_id_for(run_id: int, step_index: int, mdn: str) -> str:
    return f"smsflow-r{run_id}-s{step_index}-{mdn.lstrip('+')}"


def _retryable(exc: VibesError) -> bool:
    return not exc.may_have_reached and isinstance(exc, (RateLimitedError, NetworkError, ServerError))


def perform(client: VibesLike, item: Item, *, attempts: int = 3, backoff: float = 0.5) -> Outcome:
    """Make the item's request(s), retrying failures that surely did not reach Vibes."""
    for attempt in range(1, attempts + 1):
        try:
            return _once(client, item)
        except (AuthenticationError, NotConfiguredError) as exc:
            return Outcome("pending", "not_sent", str(exc), fatal=str(exc))
        except VibesError as exc:
            if exc.may_have_reached and item.action != "unsubscribe":
                return Outcome("in_doubt", f"may_have_reached_vibes:{_reason(exc)}", str(exc))
            if _retryable(exc) and attempt < attempts:
                time.sleep(backoff * (2 ** (attempt - 1)))
                continue
            return Outcome("failed", _reason(exc), str(exc))
    raise AssertionError("unreachable")  # pragma: no cover


def _when(text: str | None) -> datetime | None:
    """A Vibes date (ISO-8601, or the extracts' ``2017-04-05 14:30:00 -0600``); None if unreadable."""
    if not text:
        return None
    for parse in (
        lambda t: datetime.fromisoformat(t.replace("Z", "+00:00")),
        lambda t: datetime.strptime(t, "%Y-%m-%d %H:%M:%S %z"),
    ):
        try:
            value = parse(text.strip())
        except ValueError:
            continue
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None


def stop_in_vibes(client: VibesLike, mdn: str) -> StopSeen | None:
    """The number's STOP as Vibes records it, unless an opt-in to some list came after it.
    An unreadable STOP date counts as recent; an unreadable opt-in date lifts nothing."""
    person = client.find_person_by_mdn(mdn)
    key = getattr(person, "person_key", None) if person is not None else None
    if not key:
        return None
    subscriptions = client.person_subscriptions(key, active_only=False)
    stops = [s for s in subscriptions if s.opt_out_date and (s.opt_out_reason or "").lower() in STOP_REASONS]
    if not stops:
        return None
    far = datetime.max.replace(tzinfo=UTC)
    latest = max(stops, key=lambda s: _when(s.opt_out_date) or far)
    stopped_at = _when(latest.opt_out_date) or far
    opted_in = [_when(s.opt_in_date) for s in subscriptions if not s.opt_out_date]
    if any(when is not None and when >= stopped_at for when in opted_in):
        return None
    when = _when(latest.opt_out_date)
    stamp = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if when else str(latest.opt_out_date)
    return StopSeen(str(latest.subscription_list_id), stamp, (latest.opt_out_reason or "").lower())


def _reason(exc: VibesError) -> str:
    """The cause as a short code: ``http_429``, ``http_422_MDNHASCONFIRMATIONBLOCK``, ``network_timeout``."""
    if exc.status is not None:
        return f"http_{exc.status}" + (f"_{exc.code}" if exc.code and exc.code != str(exc.status) else "")
    return f"network_{exc.code}" if exc.code else "network_error"


def _once(client: VibesLike, item: Item) -> Outcome:
    if item.action == "send_sms":
        assert item.event_id and item.event_type and item.text is not None
        client.send_event(
            event_id=item.event_id, event_type=item.event_type, event_data={"mdn": item.mdn, "message": item.text}
        )
        return Outcome("sent")
    if item.action == "subscribe":
        assert item.acquisition_id
        # Without callbacks the workspace may not know yet that the number said STOP; an
        # opt-in request now would text it a confirmation, so ask Vibes first.
        stop = stop_in_vibes(client, item.mdn)
        if stop is not None:
            return Outcome(
                "skipped",
                "phone_suppressed",
                f"the number opted out in Vibes ({stop.reason}, {stop.opted_out_at})",
                stop=stop,
            )
        try:
            # By number, with the person's own external id when they have one (never the internal id).
            answer = client.add_participant(
                item.acquisition_id, mdn=item.mdn, external_person_id=(item.external_id or "").strip() or None
            )
        except ConflictError:
            return Outcome("skipped", "already_member", "already a member of the list", membership=True)
        except UnprocessableError as exc:
            code = exc.code or "refused"
            return Outcome("failed", f"refused_{code}", str(exc), participant_status="REJECTED")
        status = str(getattr(answer, "status", "")).upper()
        key = getattr(answer, "person_key", None)
        if status == "SUBSCRIBED" or status == "CONFIRMED":
            return Outcome("subscribed", None, status, participant_status=status, person_key=key, membership=True)
        return Outcome(
            "subscribed_pending", None, status or "PENDING", participant_status=status or "PENDING", person_key=key
        )
    if item.action == "unsubscribe":
        person = client.find_person_by_mdn(item.mdn)
        if person is None:
            return Outcome("skipped", "not_a_member", "no Vibes person has this number", membership=False)
        key = getattr(person, "person_key", None)
        try:
            removed = client.unsubscribe(item.vibes_list_id, person_key=key)
        except NotFoundError:
            removed = False
        if removed:
            return Outcome("unsubscribed", None, "", person_key=key, membership=False)
        return Outcome("skipped", "not_a_member", "not a member of the list", person_key=key, membership=False)
    raise ValueError(f"unknown action {item.action!r}")
