"""Translated display names for what the model names by key: person fields, operators,
step fields, filter types, weekdays.

The model speaks in keys (``first_name``, ``is_not``, ``vibes_list_id``); everything a
person reads goes through these functions, so English and Swedish stay in one place.
Unknown keys (custom person fields) are shown as they are.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

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
}

FILTER_TYPE_LABELS: dict[str, str] = {
    "person_field": QT_TRANSLATE_NOOP("Labels", "Person Field"),
    "member_of_list": QT_TRANSLATE_NOOP("Labels", "Member of List"),
    "member_of_vibes_list": QT_TRANSLATE_NOOP("Labels", "Member of Vibes List"),
    "subscribed_to_vibes_list": QT_TRANSLATE_NOOP("Labels", "Subscribed to Vibes List"),
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
