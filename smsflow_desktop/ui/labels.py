"""Translated display names for what the model and the engine name by key, and how to say a
number, a duration or a rate.

The model speaks in keys (``first_name``, ``is_not``, ``vibes_list_id``: person fields,
operators, step fields, filter types, weekdays); the engine too (``not_in_vibes_list``,
``interrupted``, ``subscribed_pending``, ``SMS Sent``: exclusion reasons, run statuses,
ledger counts, activity types). Everything a person reads goes through these functions, so
English and Swedish stay in one place. Unknown model keys (custom person fields) are shown
as they are, unknown engine keys readably (``a_key`` as "a key").
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from smsflow_desktop.model.translatable import QT_TRANSLATE_NOOP

_CTX = "Labels"

PERSON_FIELD_LABELS: dict[str, str] = {
    "external_id": QT_TRANSLATE_NOOP("Labels", "External ID"),
    "first_name": QT_TRANSLATE_NOOP("Labels", "First Name"),
    "last_name": QT_TRANSLATE_NOOP("Labels", "Last Name"),
    "email": QT_TRANSLATE_NOOP("Labels", "Email Address"),
    "phone": QT_TRANSLATE_NOOP("Labels", "Mobile Phone Number"),
    "country": QT_TRANSLATE_NOOP("Labels", "Country"),
    "state": QT_TRANSLATE_NOOP("Labels", "State"),
    "city": QT_TRANSLATE_NOOP("Labels", "City"),
    "postal_code": QT_TRANSLATE_NOOP("Labels", "Postal Code"),
    "time_zone": QT_TRANSLATE_NOOP("Labels", "Time Zone"),
    "blocklisted": QT_TRANSLATE_NOOP("Labels", "Blocklisted"),
    "unsubscribed": QT_TRANSLATE_NOOP("Labels", "Unsubscribed"),
    "marketing_suspended": QT_TRANSLATE_NOOP("Labels", "Marketing Suspended"),
    "created_at": QT_TRANSLATE_NOOP("Labels", "Created At"),
    "updated_at": QT_TRANSLATE_NOOP("Labels", "Updated At"),
}

OPERATOR_LABELS: dict[str, str] = {
    "is": QT_TRANSLATE_NOOP("Labels", "is"),
    "is_not": QT_TRANSLATE_NOOP("Labels", "is not"),
    "contains": QT_TRANSLATE_NOOP("Labels", "contains"),
    "starts_with": QT_TRANSLATE_NOOP("Labels", "starts with"),
    "is_empty": QT_TRANSLATE_NOOP("Labels", "is empty"),
    "is_not_empty": QT_TRANSLATE_NOOP("Labels", "is not empty"),
    "in_past_days": QT_TRANSLATE_NOOP("Labels", "in past (days)"),
}

STEP_FIELD_LABELS: dict[str, str] = {
    "message": QT_TRANSLATE_NOOP("Labels", "SMS Message"),
    "vibes_list_id": QT_TRANSLATE_NOOP("Labels", "Vibes List"),
    "acquisition_campaign_id": QT_TRANSLATE_NOOP("Labels", "Vibes Acquisition Campaign"),
    "duration": QT_TRANSLATE_NOOP("Labels", "Duration"),
    "resume_weekdays": QT_TRANSLATE_NOOP("Labels", "Resume on"),
    "resume_time": QT_TRANSLATE_NOOP("Labels", "Resume at"),
    "when": QT_TRANSLATE_NOOP("Labels", "Condition"),
    "then": QT_TRANSLATE_NOOP("Labels", "Action"),
    "field": QT_TRANSLATE_NOOP("Labels", "Field"),
    "operator": QT_TRANSLATE_NOOP("Labels", "Operator"),
    "values": QT_TRANSLATE_NOOP("Labels", "Values"),
    "list": QT_TRANSLATE_NOOP("Labels", "Static List"),
    "campaign": QT_TRANSLATE_NOOP("Labels", "Campaign"),
}

FILTER_TYPE_LABELS: dict[str, str] = {
    "person_field": QT_TRANSLATE_NOOP("Labels", "Person Field"),
    "member_of_list": QT_TRANSLATE_NOOP("Labels", "Member of List"),
    "member_of_vibes_list": QT_TRANSLATE_NOOP("Labels", "Member of Vibes List"),
    "subscribed_to_vibes_list": QT_TRANSLATE_NOOP("Labels", "Subscribed to Vibes List"),
}

TRIGGER_TYPE_LABELS: dict[str, str] = {
    "subscribes_to_vibes_list": QT_TRANSLATE_NOOP("Labels", "Subscribes to Vibes List"),
    "unsubscribes_from_vibes_list": QT_TRANSLATE_NOOP("Labels", "Unsubscribes from Vibes List"),
    "sms_bounces": QT_TRANSLATE_NOOP("Labels", "SMS Bounces"),
    "person_is_created": QT_TRANSLATE_NOOP("Labels", "Person Is Created"),
    "added_to_list": QT_TRANSLATE_NOOP("Labels", "Added to List"),
}

WEEKDAY_LABELS: dict[str, str] = {
    "mon": QT_TRANSLATE_NOOP("Labels", "Mon"),
    "tue": QT_TRANSLATE_NOOP("Labels", "Tue"),
    "wed": QT_TRANSLATE_NOOP("Labels", "Wed"),
    "thu": QT_TRANSLATE_NOOP("Labels", "Thu"),
    "fri": QT_TRANSLATE_NOOP("Labels", "Fri"),
    "sat": QT_TRANSLATE_NOOP("Labels", "Sat"),
    "sun": QT_TRANSLATE_NOOP("Labels", "Sun"),
}


def _label(table: dict[str, str], key: str) -> str:
    source = table.get(key)
    return QCoreApplication.translate(_CTX, source) if source else key


def person_field_label(key: str) -> str:
    return _label(PERSON_FIELD_LABELS, key)


def operator_label(key: str) -> str:
    return _label(OPERATOR_LABELS, key)


def step_field_label(path: str) -> str:
    """``choices[0].then.message`` → "SMS Message" (the last named part)."""
    last = path.rsplit(".", 1)[-1].split("[", 1)[0]
    return _label(STEP_FIELD_LABELS, last)


def filter_type_label(key: str) -> str:
    return _label(FILTER_TYPE_LABELS, key)


def weekday_label(key: str) -> str:
    return _label(WEEKDAY_LABELS, key)


def trigger_type_label(key: str) -> str:
    return _label(TRIGGER_TYPE_LABELS, key)


# -- what the engine names by key -------------------------------------------------------------
REASON_LABELS: dict[str, str] = {
    "blocklisted": QT_TRANSLATE_NOOP("Reasons", "Blocklisted"),
    "marketing_suspended": QT_TRANSLATE_NOOP("Reasons", "Marketing suspended"),
    "unsubscribed": QT_TRANSLATE_NOOP("Reasons", "Unsubscribed"),
    "no_valid_phone": QT_TRANSLATE_NOOP("Reasons", "No valid mobile number"),
    "not_in_vibes_list": QT_TRANSLATE_NOOP("Reasons", "Not on the Vibes list"),
    "phone_suppressed": QT_TRANSLATE_NOOP("Reasons", "Number opted out elsewhere"),
    "duplicate_phone": QT_TRANSLATE_NOOP("Reasons", "Shares a number with someone texted"),
    "already_member": QT_TRANSLATE_NOOP("Reasons", "Already on the list"),
    "frequency_limit": QT_TRANSLATE_NOOP("Reasons", "Reached a frequency limit"),
    "frequency_cap": QT_TRANSLATE_NOOP("Reasons", "Over the frequency cap"),  # runs of earlier releases
    "qualification": QT_TRANSLATE_NOOP("Reasons", "Already ran through this campaign"),
    "already_qualified": QT_TRANSLATE_NOOP("Reasons", "Already ran through this campaign"),
    "do_nothing": QT_TRANSLATE_NOOP("Reasons", "A choice says Do Nothing"),
    "dropped by user": QT_TRANSLATE_NOOP("Reasons", "Dropped by you (in doubt)"),
    "interrupted_in_flight": QT_TRANSLATE_NOOP("Reasons", "In flight when the program stopped"),
    "text_too_long": QT_TRANSLATE_NOOP("Reasons", "Text too long"),
    "message_missing": QT_TRANSLATE_NOOP("Reasons", "SMS message missing"),
}

STATUS_LABELS: dict[str, str] = {
    "running": QT_TRANSLATE_NOOP("RunStatus", "Running"),
    "completed": QT_TRANSLATE_NOOP("RunStatus", "Completed"),
    "waiting": QT_TRANSLATE_NOOP("RunStatus", "Waiting for a later step"),
    "paused": QT_TRANSLATE_NOOP("RunStatus", "Paused"),
    "cancelled": QT_TRANSLATE_NOOP("RunStatus", "Stopped"),
    "failed": QT_TRANSLATE_NOOP("RunStatus", "Failed"),
    "interrupted": QT_TRANSLATE_NOOP("RunStatus", "Interrupted"),
    "refused": QT_TRANSLATE_NOOP("RunStatus", "Not started"),
}

COUNT_LABELS: dict[str, str] = {
    "sent": QT_TRANSLATE_NOOP("RunCounts", "Sent"),
    "delivered": QT_TRANSLATE_NOOP("RunCounts", "Delivered"),
    "failed": QT_TRANSLATE_NOOP("RunCounts", "Failed"),
    "skipped": QT_TRANSLATE_NOOP("RunCounts", "Skipped"),
    "skipped_people": QT_TRANSLATE_NOOP("RunCounts", "Skipped (people)"),  # at one step or more
    "in_doubt": QT_TRANSLATE_NOOP("RunCounts", "In doubt"),
    "subscribed_pending": QT_TRANSLATE_NOOP("RunCounts", "Awaiting confirmation"),
    "subscribed": QT_TRANSLATE_NOOP("RunCounts", "Subscribed"),
    "unsubscribed": QT_TRANSLATE_NOOP("RunCounts", "Unsubscribed"),
    "pending": QT_TRANSLATE_NOOP("RunCounts", "Still to do"),
    "sending": QT_TRANSLATE_NOOP("RunCounts", "Sending"),
    "deferred": QT_TRANSLATE_NOOP("RunCounts", "Deferred by quiet hours"),
}

ACTIVITY_LABELS: dict[str, str] = {
    "Send SMS": QT_TRANSLATE_NOOP("ActivityTypes", "Send SMS"),
    "SMS Sent": QT_TRANSLATE_NOOP("ActivityTypes", "SMS Sent"),
    "SMS Failed": QT_TRANSLATE_NOOP("ActivityTypes", "SMS Failed"),
    "SMS Delivered": QT_TRANSLATE_NOOP("ActivityTypes", "SMS Delivered"),
    "Skipped": QT_TRANSLATE_NOOP("ActivityTypes", "Skipped"),
    "Deferred": QT_TRANSLATE_NOOP("ActivityTypes", "Deferred"),
    "Subscribe Requested": QT_TRANSLATE_NOOP("ActivityTypes", "Subscribe Requested"),
    "Subscription Rejected": QT_TRANSLATE_NOOP("ActivityTypes", "Subscription Rejected"),
    "Subscribed": QT_TRANSLATE_NOOP("ActivityTypes", "Subscribed"),
    "Unsubscribed": QT_TRANSLATE_NOOP("ActivityTypes", "Unsubscribed"),
    "SMS Routed": QT_TRANSLATE_NOOP("ActivityTypes", "SMS Routed"),
    "SMS Routing Failed": QT_TRANSLATE_NOOP("ActivityTypes", "SMS Routing Failed"),
    "Delivered to Carrier": QT_TRANSLATE_NOOP("ActivityTypes", "Delivered to Carrier"),
    "SMS Undeliverable": QT_TRANSLATE_NOOP("ActivityTypes", "SMS Undeliverable"),
}


def _lookup(table: dict[str, str], context: str, key: str) -> str:
    source = table.get(key)
    return QCoreApplication.translate(context, source) if source else key.replace("_", " ")


def reason_label(key: str) -> str:
    return _lookup(REASON_LABELS, "Reasons", key)


def status_label(key: str) -> str:
    return _lookup(STATUS_LABELS, "RunStatus", key)


def count_label(key: str) -> str:
    return _lookup(COUNT_LABELS, "RunCounts", key)


def activity_label(key: str) -> str:
    return _lookup(ACTIVITY_LABELS, "ActivityTypes", key)


def number(value: int | float) -> str:
    """A count in the user's locale (5,000 / 5 000)."""
    return QLocale().toString(int(value))


def duration(seconds: float | None) -> str:
    """ "45 s", "3 min 20 s", "2 h 05 min"; "—" when unknown."""
    if seconds is None or seconds != seconds or seconds < 0:
        return "—"
    s = round(seconds)
    if s < 60:
        return QCoreApplication.translate("RunCounts", "%1 s").replace("%1", str(s))
    if s < 3600:
        return (
            QCoreApplication.translate("RunCounts", "%1 min %2 s")
            .replace("%1", str(s // 60))
            .replace("%2", f"{s % 60:02d}")
        )
    return (
        QCoreApplication.translate("RunCounts", "%1 h %2 min")
        .replace("%1", str(s // 3600))
        .replace("%2", f"{s % 3600 // 60:02d}")
    )


# -- instants ---------------------------------------------------------------------------------
def _qt_local(instant: datetime, zone: tzinfo | None) -> QDateTime:
    """``instant`` as the wall clock reads it in ``zone`` (None: this computer's zone), for QLocale."""
    local = instant.astimezone(zone) if zone is not None else instant.astimezone()
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def when_text(instant: datetime, zone: tzinfo | None = None) -> str:
    """ "Tue 5 May 2026 10:00": the instant as the clock in ``zone`` (None: here) reads it."""
    return QLocale().toString(_qt_local(instant, zone), "ddd d MMM yyyy HH:mm")


def clock_text(instant: datetime, zone: tzinfo | None = None) -> str:
    """ "10:00": the time of day in ``zone`` (None: here)."""
    return QLocale().toString(_qt_local(instant, zone), "HH:mm")


def soon_text(instant: datetime, now: datetime) -> str:
    """When ``instant`` comes, here: "10:00" today, else "Tue 5 May 10:00" (the year when not this one)."""
    here, today = _qt_local(instant, None), _qt_local(now, None)
    if here.date() == today.date():
        return QLocale().toString(here, "HH:mm")
    if here.date().year() == today.date().year():
        return QLocale().toString(here, "ddd d MMM HH:mm")
    return QLocale().toString(here, "ddd d MMM yyyy HH:mm")
