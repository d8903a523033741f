"""Validation problems and parse errors as translated sentences saying what to fix.

The model reports problems with stable codes (``step.message_missing``...) and English
messages for the command line; the editor shows the same problems in the user's language,
built here from the code and the offending value. Unknown codes fall back to the model's
message, so a new check shows up even before it is translated.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from smsflow_desktop.model.campaign import name_problem
from smsflow_desktop.model.document import CampaignDocument, step_path
from smsflow_desktop.model.duration import DurationError, english_duration, parse_duration
from smsflow_desktop.model.logic import LogicError
from smsflow_desktop.model.opt_out import HINT_EN
from smsflow_desktop.model.step_types import find_step_type
from smsflow_desktop.model.translatable import QT_TRANSLATE_NOOP
from smsflow_desktop.model.validation import MAX_MESSAGE_CHARS, Problem
from smsflow_desktop.ui.i18n import current_language


def _tr(text: str) -> str:
    return QCoreApplication.translate("Problems", text)


def _fill(template: str, *values: object) -> str:
    for i, value in enumerate(values, start=1):
        template = template.replace(f"%{i}", str(value))
    return template


def _value(problem: Problem, document: CampaignDocument | None) -> object:
    if document is None or not problem.field:
        return None
    path = step_path(problem.step - 1, problem.field) if problem.step else problem.field
    try:
        return document.get(path)
    except (AttributeError, IndexError, KeyError, ValueError):
        return None


def problem_text(problem: Problem, document: CampaignDocument | None = None) -> str:
    """What to fix, in the user's language."""
    code = problem.code
    value = _value(problem, document)
    filter_no = ""
    m = re.search(r"filters\[(\d+)\]", problem.field or "")
    if m:
        filter_no = str(int(m.group(1)) + 1)
    if code == "condition.field_missing":
        return QCoreApplication.translate("Problems", "Choose a person field.")
    if code == "condition.field_unknown":
        return _fill(QCoreApplication.translate("Problems", "No person field is called “%1” in this workspace."), value)
    if code == "condition.value_missing":
        return QCoreApplication.translate("Problems", "Enter at least one value.")
    if code == "condition.days_invalid":
        return QCoreApplication.translate("Problems", "“In past (days)” needs a whole number of days.")
    if code in ("smart_list.logic_invalid", "smart_list.logic_unknown_filter") and document is not None:
        from smsflow_desktop.model.logic import parse_logic

        sl = document.campaign.smart_list
        try:
            parse_logic(sl.logic, len(sl.filters))
        except LogicError as exc:
            return _fill(QCoreApplication.translate("Problems", "Filter logic: %1"), logic_error_text(exc))
    if code == "smart_list.list_unknown":
        return _fill(
            QCoreApplication.translate("Problems", "Filter %1: no static list is called “%2”."), filter_no, value
        )
    if code == "smart_list.vibes_list_unknown":
        return _fill(
            QCoreApplication.translate(
                "Problems", "Filter %1: Vibes list %2 is not known to this workspace; sync Vibes lists."
            ),
            filter_no,
            value,
        )
    if code == "step.message_missing":
        return QCoreApplication.translate("Problems", "Choose an SMS message.")
    if code == "step.message_unknown":
        return _fill(
            QCoreApplication.translate("Problems", "No SMS message is called “%1”; choose another or import it."), value
        )
    if code == "message.too_long":
        return _fill(
            QCoreApplication.translate("Problems", "SMS message “%1” is longer than %2 characters; shorten it."),
            value,
            MAX_MESSAGE_CHARS,
        )
    if code == "step.vibes_list_missing":
        return QCoreApplication.translate("Problems", "Choose a Vibes list.")
    if code == "step.vibes_list_unknown":
        return _fill(
            QCoreApplication.translate(
                "Problems", "Vibes list %1 is not known to this workspace; sync Vibes lists or choose another."
            ),
            value,
        )
    if code == "step.acquisition_campaign_missing":
        return QCoreApplication.translate("Problems", "Choose a Vibes acquisition campaign.")
    if code == "step.acquisition_campaign_unknown":
        return _fill(
            QCoreApplication.translate(
                "Problems", "Acquisition campaign %1 is not known to this workspace; sync Vibes or choose another."
            ),
            value,
        )
    if code == "step.acquisition_campaign_wrong_list":
        return _fill(
            QCoreApplication.translate(
                "Problems", "Acquisition campaign %1 does not feed the chosen Vibes list; choose one that does."
            ),
            value,
        )
    if code == "wait.duration_invalid":
        return duration_error_text(str(value) if value is not None else "")
    if code == "wait.weekdays_empty":
        return QCoreApplication.translate("Problems", "Choose at least one weekday to resume on.")
    if code == "no_opt_out_hint":
        return opt_out_text(problem, document)
    if code == "flow.empty":
        return QCoreApplication.translate("Problems", "The flow has no steps; drag a flow action onto it.")
    if code.startswith(("trigger", "schedule.")):
        return _schedule_text(problem, value)
    return problem.message


def _list_of(problem: Problem, document: CampaignDocument | None) -> str:
    """The Vibes list of the branch ``problem`` is about ("Main (101)"), or ""."""
    if document is None or not problem.step or not problem.field:
        return ""
    prefix = problem.field.rpartition(".")[0]
    try:
        step = document.campaign.flow[problem.step - 1]
        params = document.get(step_path(problem.step - 1, prefix)) if prefix else step
    except (AttributeError, IndexError, KeyError, ValueError):
        return ""
    st = find_step_type(getattr(step, "type", ""))
    list_id = st.value(params, "vibes_list") if st is not None and params is not None else None
    if not list_id:
        return ""
    name = document.refs.vibes_lists.get(list_id) if document.refs is not None else None
    return f"{name} ({list_id})" if name else str(list_id)


def opt_out_text(problem: Problem, document: CampaignDocument | None = None) -> str:
    """A text that can be someone's first from its list says nothing of how to stop: the
    sentence to add is shown as it must be sent (in the text's language, not the app's)."""
    hint = problem.hint or HINT_EN
    message = _value(problem, document)
    where = _list_of(problem, document)
    if message and where:
        return _fill(
            QCoreApplication.translate(
                "Problems",
                "“%1” can be the first text people get from Vibes list %2 and does not say how to opt out: add “%3”.",
            ),
            message,
            where,
            hint,
        )
    return _fill(
        QCoreApplication.translate(
            "Problems",
            "This can be the first text people get from its Vibes list and does not say how to opt out: add “%1”.",
        ),
        hint,
    )


def _schedule_text(problem: Problem, value: object) -> str:
    """Problems of triggers, of the schedule and of activation."""
    code = problem.code
    m = re.search(r"triggers\[(\d+)\]", problem.field or "")
    trigger_no = str(int(m.group(1)) + 1) if m else ""
    texts = {
        "trigger_with_schedule": QCoreApplication.translate(
            "Problems",
            "A campaign with triggers runs when they fire, so it cannot also have a start or a recurrence: "
            "remove the triggers, or the start and recurrence on the Schedule tab.",
        ),
        "trigger.vibes_list_unknown": _fill(
            QCoreApplication.translate(
                "Problems", "Trigger %1: Vibes list %2 is not known to this workspace; sync Vibes lists."
            ),
            trigger_no,
            value,
        ),
        "trigger.list_unknown": _fill(
            QCoreApplication.translate("Problems", "Trigger %1: no static list is called “%2”."),
            trigger_no,
            value or "",
        ),
        "trigger.campaign_unknown": _fill(
            QCoreApplication.translate("Problems", "Trigger %1: no campaign is called “%2”."), trigger_no, value
        ),
        "schedule.time_zone_unknown": _fill(
            QCoreApplication.translate("Problems", "No time zone is called “%1”; choose one from the list."),
            value if value is not None else "",
        ),
        "schedule.on_not_weekly": QCoreApplication.translate(
            "Problems", "Weekdays only go with a weekly recurrence: remove them or repeat every week."
        ),
        "schedule.month_needs_start": QCoreApplication.translate(
            "Problems",
            "A monthly recurrence runs on the start's day of the month: give it a start (Starting, not before).",
        ),
        "schedule.month_day_invalid": QCoreApplication.translate(
            "Problems",
            "A monthly recurrence runs on the start's day of the month, which must be 1 to 28: choose an earlier day.",
        ),
        "schedule.recurrence_never": QCoreApplication.translate(
            "Problems", "The recurrence never runs: choose at least one weekday, or an end date after its first run."
        ),
        "schedule.start_invalid": QCoreApplication.translate(
            "Problems", "The planned start is not a date and time we can read; choose it again."
        ),
        "schedule.missing": QCoreApplication.translate(
            "Problems", "Choose when it runs by itself (Run once at, or Repeat) on the Schedule tab, or run it by hand."
        ),
        "schedule.no_future_runs": QCoreApplication.translate(
            "Problems", "It would never run again: its time has passed (or its end date has); choose a later one."
        ),
    }
    return texts.get(code, problem.message)


def name_problem_text(text: str) -> str | None:
    """Why ``text`` (trimmed) cannot name a campaign or an SMS message, as a sentence; None
    when it can, or is still empty."""
    name = text.strip()
    problem = name_problem(name) if name else None
    if problem is None:
        return None
    return _fill(QCoreApplication.translate("Problems", "The name %1."), problem)


def duration_error_text(text: str, language: str | None = None) -> str:
    """Why a wait duration does not parse, with the spelling we would accept, in ``language``
    (the app's by default): a Swedish user may type ``2 dagar``, and is answered in Swedish."""
    language = language or current_language()
    try:
        parse_duration(text, language)
    except DurationError as exc:
        if exc.code == "zero":
            return QCoreApplication.translate("Problems", "A wait must last longer than zero.")
        if exc.code == "too_long":
            return QCoreApplication.translate("Problems", "A wait may last at most 365 days.")
        if exc.code == "unknown_unit":
            return QCoreApplication.translate("Problems", "Use minutes, hours, days or weeks, e.g. “4 hours”.")
        if exc.code == "empty":
            base = QCoreApplication.translate("Problems", "Enter how long to wait, e.g. “4 hours”.")
        else:
            base = _fill(QCoreApplication.translate("Problems", "“%1” is not a duration we can read."), text)
        if exc.hint:
            return base + " " + _fill(QCoreApplication.translate("Problems", "Did you mean “%1”?"), exc.hint)
        return base
    try:
        parse_duration(text)
    except DurationError:
        # Read in the app's language but not in the campaign file's (a file written by hand).
        return _fill(
            QCoreApplication.translate("Problems", "Campaign files keep durations in English: write “%1”."),
            english_duration(text, language),
        )
    return ""


_LOGIC_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"unknown word '(.+)'"),
        QT_TRANSLATE_NOOP("Problems", "“%1” is not understood; use filter numbers, and, or, not and parentheses."),
    ),
    (
        re.compile(r"expected a filter number or '\(' but found the end"),
        QT_TRANSLATE_NOOP("Problems", "A filter number or “(” is missing at the end."),
    ),
    (
        re.compile(r"expected a filter number or '\(' but found '(.+)'"),
        QT_TRANSLATE_NOOP("Problems", "Expected a filter number or “(” but found “%1”."),
    ),
    (re.compile(r"expected '\)' but found the end"), QT_TRANSLATE_NOOP("Problems", "A closing “)” is missing.")),
    (re.compile(r"expected '(.+)' but found '(.+)'"), QT_TRANSLATE_NOOP("Problems", "Expected “%1” but found “%2”.")),
    (re.compile(r"unexpected '(.+)'"), QT_TRANSLATE_NOOP("Problems", "“%1” is not expected here.")),
    (re.compile(r"the expression is empty"), QT_TRANSLATE_NOOP("Problems", "The expression is empty.")),
    (re.compile(r"filter numbers start at 1"), QT_TRANSLATE_NOOP("Problems", "Filter numbers start at 1.")),
    (
        re.compile(r"filter (\d+) does not exist \(the smart list has (\d+)\)"),
        QT_TRANSLATE_NOOP("Problems", "Filter %1 does not exist (the smart list has %2)."),
    ),
]


def logic_error_text(exc: LogicError) -> str:
    message = str(exc)
    for pattern, template in _LOGIC_PATTERNS:
        m = pattern.search(message)
        if m:
            return _fill(_tr(template), *m.groups())
    return message
