"""Erase person…: the People page's erasure on request, through the service the command line uses.

:func:`erasure_box` is the question asked first: what goes (name, e-mail, number, fields, static
lists), what stays (the consent history and the number's opt-out, as a hash), that it cannot be
undone, with Cancel as the default button. :func:`erase_in_workspace` calls
``services.erasure.erase_person`` (``smsflow people erase``'s) and returns the one line to show
when the workspace refuses, or None. The words are in the ``PersonErasure`` translation context.
"""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from smsflow_desktop.services.erasure import ErasureError, erase_person

log = logging.getLogger(__name__)
CONTEXT = "PersonErasure"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def erasure_box(parent: QWidget | None, who: str) -> tuple[QMessageBox, QAbstractButton]:
    """The question before erasing ``who`` (a name, or what else the person pane calls them),
    and its Erase button; Cancel is the default and the Escape button."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _tr("Erase person"),
        _tr("Erase %1 from the workspace?").replace("%1", who),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setInformativeText(
        _tr(
            "Their name, e-mail address, mobile number and every other field are removed, and they leave "
            "every static list.\n\nTheir consent history and their number's opt-out are kept: the number is "
            "stored only as a hash and is never texted again.\n\nThis cannot be undone. Vibes keeps its own "
            "copy of the person: ask Vibes to erase them there too."
        )
    )
    erase = box.addButton(_tr("Erase"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box, erase


def ask_erase(parent: QWidget | None, who: str) -> bool:
    """Ask before erasing ``who``; True only when the user chose Erase."""
    box, erase = erasure_box(parent, who)
    box.exec()
    return box.clickedButton() is erase


def erase_in_workspace(conn: sqlite3.Connection, person_id: int) -> str | None:
    """Erase the person (one transaction: all of it or nothing); None when done, else the one
    line saying why nothing was erased."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        erase_person(conn, person_id)
    except ErasureError as exc:
        log.warning("erasure of person %s refused: %s", person_id, exc)
        return _tr("This person is no longer in the workspace; nothing was erased.")
    except sqlite3.Error as exc:
        log.warning("erasure of person %s failed: %s", person_id, exc)
        return _tr("Nothing was erased: the workspace could not be written (%1).").replace("%1", str(exc))
    finally:
        QGuiApplication.restoreOverrideCursor()
    return None
