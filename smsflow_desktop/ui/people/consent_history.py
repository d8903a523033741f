"""A person's consent history in words: what happened, where the workspace learned it, the proof.

:func:`fill_consent_table` writes ``services.consent.person_consent_history`` entries (newest
first) into the person pane's table: when, what (``Opted out of Offers (STOP)``), the source
(``Text from the person``, ``People import``…) and the proof as recorded (a file and line, a
reply, a callback id: evidence, so never translated). The words are in the ``Consent``
translation context.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from smsflow_desktop.model.translatable import QT_TRANSLATE_NOOP
from smsflow_desktop.services.consent import ConsentEntry

CONTEXT = "Consent"
EVENT_LABELS = {
    "opt_in": QT_TRANSLATE_NOOP("Consent", "Opted in to %1"),
    "opt_out": QT_TRANSLATE_NOOP("Consent", "Opted out of %1"),
    "confirmation_requested": QT_TRANSLATE_NOOP("Consent", "Asked to confirm an opt-in (acquisition campaign %1)"),
    "confirmed": QT_TRANSLATE_NOOP("Consent", "Confirmed an opt-in (acquisition campaign %1)"),
    "declined": QT_TRANSLATE_NOOP("Consent", "Declined an opt-in (acquisition campaign %1)"),
    "confirmation_expired": QT_TRANSLATE_NOOP("Consent", "Did not confirm an opt-in in time (acquisition campaign %1)"),
    "blocklisted": QT_TRANSLATE_NOOP("Consent", "Blocklisted"),
    "unblocklisted": QT_TRANSLATE_NOOP("Consent", "No longer blocklisted"),
    "unsubscribed": QT_TRANSLATE_NOOP("Consent", "Unsubscribed"),
    "resubscribed": QT_TRANSLATE_NOOP("Consent", "No longer unsubscribed"),
    "marketing_suspended": QT_TRANSLATE_NOOP("Consent", "Marketing suspended"),
    "marketing_resumed": QT_TRANSLATE_NOOP("Consent", "Marketing resumed"),
    "erased": QT_TRANSLATE_NOOP("Consent", "Erased on request"),
}
#: A double opt-in confirmed by a reply, as the Vibes list it joined tells it.
CONFIRMED_TO_LIST = QT_TRANSLATE_NOOP("Consent", "Confirmed the opt-in to %1")
#: A flag of another person with the same number (it keeps the number from texts too).
OTHER_PERSON = QT_TRANSLATE_NOOP("Consent", "%1 (another person with this number)")
SOURCE_LABELS = {
    "existing": QT_TRANSLATE_NOOP("Consent", "Known before the consent log"),
    "import": QT_TRANSLATE_NOOP("Consent", "People import"),
    "extract": QT_TRANSLATE_NOOP("Consent", "Vibes extract"),
    "callback": QT_TRANSLATE_NOOP("Consent", "Vibes callback"),
    "emulator": QT_TRANSLATE_NOOP("Consent", "Vibes emulator"),
    "emulator_reply": QT_TRANSLATE_NOOP("Consent", "Text from the person"),
    "run": QT_TRANSLATE_NOOP("Consent", "Campaign run"),
    "demo": QT_TRANSLATE_NOOP("Consent", "Demo data"),
    "erasure": QT_TRANSLATE_NOOP("Consent", "Erasure request"),
    "manual": QT_TRANSLATE_NOOP("Consent", "Changed directly in the workspace"),
}
REASON_LABELS = {
    "user_opt_out": QT_TRANSLATE_NOOP("Consent", "STOP"),
    "keyword_opt_out": QT_TRANSLATE_NOOP("Consent", "STOP"),
    "button_opt_out": QT_TRANSLATE_NOOP("Consent", "STOP"),
    "api_opt_out": QT_TRANSLATE_NOOP("Consent", "unsubscribed through the Vibes API"),
    "not_in_extract": QT_TRANSLATE_NOOP("Consent", "no longer in the subscriber extract"),
    "erased": QT_TRANSLATE_NOOP("Consent", "a person with this number was erased"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def event_text(entry: ConsentEntry, list_names: Mapping[str, str], person_id: int | None = None) -> str:
    """What happened, in the app's language: ``Opted out of Offers (101) (STOP)``; a flag of
    someone else than ``person_id`` says so."""
    lst = entry.list_id or ""
    list_label = f"{list_names[lst]} ({lst})" if list_names.get(lst) else lst or "?"
    if entry.event == "confirmed" and entry.acquisition_id is None:
        text = _tr(CONFIRMED_TO_LIST).replace("%1", list_label)
    elif entry.event in EVENT_LABELS:
        subject = (entry.acquisition_id or "?") if entry.event.startswith(("confirm", "declined")) else list_label
        text = _tr(EVENT_LABELS[entry.event]).replace("%1", subject)
    else:
        text = entry.event
    if entry.event == "opt_out" and entry.reason:
        reason = entry.reason.lower()
        text += f" ({_tr(REASON_LABELS[reason]) if reason in REASON_LABELS else entry.reason})"
    if person_id is not None and entry.person_id is not None and entry.person_id != person_id:
        text = _tr(OTHER_PERSON).replace("%1", text)
    return text


def source_text(source: str) -> str:
    return _tr(SOURCE_LABELS[source]) if source in SOURCE_LABELS else source


def _when(text: str) -> str:
    return text.replace("T", " ").replace("Z", "")[:16]


def fill_consent_table(
    table: QTableWidget, entries: list[ConsentEntry], list_names: Mapping[str, str], person_id: int
) -> None:
    """One row per entry of ``person_id``'s history (as given: newest first): when, what, source, proof."""
    learned = _tr("Learned %1")
    table.setRowCount(len(entries))
    for r, e in enumerate(entries):
        what = event_text(e, list_names, person_id)
        cells = [_when(e.at), what, source_text(e.source), e.proof]
        tip = "\n".join(x for x in (what, e.proof, learned.replace("%1", _when(e.learned_at))) if x)
        for c, value in enumerate(cells):
            item = QTableWidgetItem(value)
            item.setToolTip(tip)
            table.setItem(r, c, item)


def erased_at(entries: list[ConsentEntry], person_id: int) -> str | None:
    """When the person was erased (their ``erased`` entry), or None."""
    return next((e.at for e in entries if e.event == "erased" and e.person_id == person_id), None)
