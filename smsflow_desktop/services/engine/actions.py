"""The Vibes calls behind each ledger row, run on worker threads, and what their answers mean.

Each engine action (the ``action`` a step type names, kept in every ledger row) is an
:class:`EngineAction`, registered once with :func:`register_action`: its request, the ledger
state a dry run records, the activity type of each state it ends in, and whether it may be
repeated. :func:`perform` makes the request(s) for one prepared item and returns an
:class:`Outcome`; it never touches the database (the coordinating thread writes every
outcome). A failure that surely did not reach Vibes is retried a bounded number of times; one
that may have reached it is never repeated here: the row ends ``in_doubt``.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from smsflow_desktop.model.translatable import QT_TRANSLATE_NOOP
from smsflow_desktop.services.importers.vibes_extract import parse_vibes_date
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
    #: The flow step the row belongs to (its own fields; the references of the person's
    #: branch are the message, list and acquisition campaign above).
    step: Any = None


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


@dataclass(frozen=True, kw_only=True)
class EngineAction:
    """What the engine does for one ledger action.

    ``title`` names the action to a person (English, translated by the GUI in the
    ``StepTypes`` context). ``request`` makes one attempt (a :class:`VibesError` is retried or
    settled by :func:`perform`); ``activities`` names the activity logged for each state it ends in
    (``skipped`` is "Skipped" for every action); ``start_activity`` is logged when a request
    starts. An ``idempotent`` request may be repeated, so an answer that may have reached Vibes
    ends ``failed`` rather than ``in_doubt``. ``rechecks``: the audience rule is checked again
    just before the request (an opt-out during the run is honoured). A request that acts on the
    number rather than the person names ``shared_states`` and ``shared_reasons``: an earlier row
    of the same step and number that ended in one of those states (or with one of those
    reasons) answers for every later row of that number.
    """

    name: str
    title: str
    request: Callable[[VibesLike, Item], Outcome]
    dry_state: str
    activities: Mapping[str, str]
    start_activity: str | None = None
    idempotent: bool = False
    rechecks: bool = True
    shared_states: tuple[str, ...] = ()
    shared_reasons: tuple[str, ...] = ()

    def activity(self, state: str) -> str | None:
        """The activity type of a row that ends in ``state`` (None: nothing is logged)."""
        return "Skipped" if state == "skipped" else self.activities.get(state)


_actions: dict[str, EngineAction] = {}


def register_action(action: EngineAction) -> EngineAction:
    """Make ``action`` available to every step type naming it (ValueError when the name is taken)."""
    if action.name in _actions:
        raise ValueError(f"an engine action {action.name!r} is already registered")
    _actions[action.name] = action
    return action


def unregister_action(name: str) -> None:
    del _actions[name]


def engine_action(name: str) -> EngineAction:
    """The registered action; KeyError names the unknown one."""
    try:
        return _actions[name]
    except KeyError:
        raise KeyError(f"no engine action {name!r} is registered") from None


def find_engine_action(name: str) -> EngineAction | None:
    return _actions.get(name)


def _retryable(exc: VibesError) -> bool:
    return not exc.may_have_reached and isinstance(exc, (RateLimitedError, NetworkError, ServerError))


def perform(client: VibesLike, item: Item, *, attempts: int = 3, backoff: float = 0.5) -> Outcome:
    """Make the item's request(s), retrying failures that surely did not reach Vibes."""
    action = engine_action(item.action)
    for attempt in range(1, attempts + 1):
        try:
            return action.request(client, item)
        except (AuthenticationError, NotConfiguredError) as exc:
            return Outcome("pending", "not_sent", str(exc), fatal=str(exc))
        except VibesError as exc:
            if exc.may_have_reached and not action.idempotent:
                return Outcome("in_doubt", f"may_have_reached_vibes:{_reason(exc)}", str(exc))
            if _retryable(exc) and attempt < attempts:
                time.sleep(backoff * (2 ** (attempt - 1)))
                continue
            return Outcome("failed", _reason(exc), str(exc))
    raise AssertionError("unreachable")  # pragma: no cover


def _stamp(text: str | None) -> str | None:
    """A Vibes date as a stored UTC timestamp (comparable as text); None if empty or unreadable."""
    try:
        return parse_vibes_date(text or "")
    except ValueError:
        return None


#: Later than any stored timestamp: an unreadable STOP date counts as recent.
_LATEST = "9999-12-31T23:59:59Z"


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
    latest = max(stops, key=lambda s: _stamp(s.opt_out_date) or _LATEST)
    stopped_at = _stamp(latest.opt_out_date)
    opted_in = [_stamp(s.opt_in_date) for s in subscriptions if not s.opt_out_date]
    if any(when is not None and when >= (stopped_at or _LATEST) for when in opted_in):
        return None
    reason = (latest.opt_out_reason or "").lower()
    return StopSeen(str(latest.subscription_list_id), stopped_at or str(latest.opt_out_date), reason)


def _reason(exc: VibesError) -> str:
    """The cause as a short code: ``http_429``, ``http_422_MDNHASCONFIRMATIONBLOCK``, ``network_timeout``."""
    if exc.status is not None:
        return f"http_{exc.status}" + (f"_{exc.code}" if exc.code and exc.code != str(exc.status) else "")
    return f"network_{exc.code}" if exc.code else "network_error"


def _send_sms(client: VibesLike, item: Item) -> Outcome:
    """The text as an event of the step's event-triggered message."""
    assert item.event_id and item.event_type and item.text is not None
    client.send_event(
        event_id=item.event_id, event_type=item.event_type, event_data={"mdn": item.mdn, "message": item.text}
    )
    return Outcome("sent")


def _subscribe(client: VibesLike, item: Item) -> Outcome:
    """An opt-in through the acquisition campaign, unless Vibes knows the number said STOP."""
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


def _unsubscribe(client: VibesLike, item: Item) -> Outcome:
    """The number's subscription to the list ended (not a member: skipped)."""
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


register_action(
    EngineAction(
        name="send_sms",
        title=QT_TRANSLATE_NOOP("StepTypes", "Send SMS"),
        request=_send_sms,
        dry_state="sent",
        activities={"sent": "SMS Sent", "failed": "SMS Failed", "in_doubt": "SMS Failed"},
        start_activity="Send SMS",
    )
)
register_action(
    EngineAction(
        name="subscribe",
        title=QT_TRANSLATE_NOOP("StepTypes", "Subscribe"),
        request=_subscribe,
        dry_state="subscribed_pending",
        activities={
            "subscribed": "Subscribed",
            "subscribed_pending": "Subscribe Requested",
            "failed": "Subscription Rejected",
            "in_doubt": "Subscribe Requested",
        },
    )
)
# Opting out is always allowed and may be asked twice: Vibes' answer says whether the number
# was a member, so nothing is checked again before it and nothing of it is ever in doubt.
register_action(
    EngineAction(
        name="unsubscribe",
        title=QT_TRANSLATE_NOOP("StepTypes", "Unsubscribe"),
        request=_unsubscribe,
        dry_state="unsubscribed",
        activities={"unsubscribed": "Unsubscribed", "failed": "SMS Failed", "in_doubt": "SMS Failed"},
        idempotent=True,
        rechecks=False,
        shared_states=("unsubscribed",),
        shared_reasons=("not_a_member",),
    )
)
