"""The questions and messages the main window puts to the user, behind one small object.

Every prompt (save changes?, name clash, changed by someone else?, run for real?, a name for a
new campaign) and every message box goes through an object with the :class:`Dialogs` methods
(:class:`WindowDialogs`, or :class:`HeadlessDialogs` for ``--screenshot``), so the window's
logic reads as a conversation and tests can answer for the user by swapping in their own.
:class:`WindowSurface` is what the window's helpers may use of the window: those dialogs,
its status bar, saving the open campaign, and the window itself as the parent of dialogs.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.ui.editor.campaign_files import ask_clash
from smsflow_desktop.ui.editor.problem_text import name_problem_text
from smsflow_desktop.ui.resources import icon
from smsflow_desktop.ui.run.run_confirm import RunConfirmDialog
from smsflow_desktop.ui.window.campaign_history import ConflictDialog, ConflictInfo
from smsflow_desktop.ui.window.first_start import FirstStartDialog

log = logging.getLogger(__name__)


class Dialogs(Protocol):
    """The questions and messages of the window (answered by the user, a script or a log)."""

    def ask_save(self, campaign: str) -> str: ...

    def ask_clash(self, name: str) -> str: ...

    def ask_conflict(self, info: ConflictInfo) -> str: ...

    def ask_name(self, title: str, label: str, default: str = "") -> str | None: ...

    def confirm_run(self, campaign: str, remote: bool, *, estimate: object = None, host: str = "") -> str | None: ...

    def first_start(self, suggested: str) -> str | None: ...

    def info(self, title: str, text: str) -> None: ...

    def error(self, title: str, text: str) -> None: ...

    def confirm(self, title: str, text: str) -> bool: ...


class WindowSurface(Protocol):
    """What the window's helpers may use of the main window."""

    dialogs: Dialogs

    def window(self) -> QWidget:
        """The window, to parent dialogs to."""
        ...

    def statusBar(self) -> QStatusBar: ...

    def save_campaign(self) -> bool:
        """Save the open campaign (saying why not when it cannot); whether it was saved."""
        ...


class NameDialog(QDialog):
    """Asks for the name of something new; what the name may not hold is said under the field
    as it is typed, and Create stays off until the name can be used."""

    def __init__(self, parent: QWidget | None, title: str, label: str, default: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        caption = QLabel(label, self)
        self.edit = QLineEdit(default, self)
        self.edit.setAccessibleName(label)
        caption.setBuddy(self.edit)
        self.problem = QLabel(self)
        self.problem.setObjectName("NameProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        # The app's own icons: the platform's stock ones (a green tick, a red cross) clash with them.
        create = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        create.setText(QCoreApplication.translate("WindowDialogs", "Create"))
        create.setIcon(icon("new-campaign"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setIcon(icon("delete"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for w in (caption, self.edit, self.problem, self.buttons):
            layout.addWidget(w)
        self.edit.textChanged.connect(self.check)
        self.check(default)

    def check(self, text: str) -> None:
        problem = name_problem_text(text)
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()) and problem is None)

    def accept(self) -> None:
        if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            super().accept()

    def name(self) -> str:
        return self.edit.text().strip()


class WindowDialogs:
    """Modal dialogs parented to the main window."""

    headless = False

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def ask_save(self, campaign: str) -> str:
        """ "save", "discard" or "cancel" for unsaved changes to ``campaign``."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("WindowDialogs", "Unsaved changes"),
            QCoreApplication.translate("WindowDialogs", "Save the changes to “%1”?").replace("%1", campaign),
            parent=self.parent,
        )
        box.setInformativeText(
            QCoreApplication.translate("WindowDialogs", "If you don't save, your changes since the last save are lost.")
        )
        box.setStandardButtons(
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def ask_clash(self, name: str) -> str:
        return ask_clash(self.parent, name)

    def ask_conflict(self, info: ConflictInfo) -> str:
        """ "copy", "reload" or "cancel" for a save refused because someone else saved first."""
        dialog = ConflictDialog(info, self.parent)
        dialog.exec()
        return dialog.choice

    def ask_name(self, title: str, label: str, default: str = "") -> str | None:
        """A campaign or message name, trimmed (None: cancelled); see :class:`NameDialog`."""
        dialog = NameDialog(self.parent, title, label, default)
        return dialog.name() if dialog.exec() == QDialog.DialogCode.Accepted and dialog.name() else None

    def confirm_run(self, campaign: str, remote: bool, *, estimate: object = None, host: str = "") -> str | None:
        """ "run", "dry" (everything but calling Vibes) or None, with the run's figures shown."""
        dialog = RunConfirmDialog(campaign, remote, host, estimate, self.parent)
        dialog.exec()
        return dialog.choice

    def first_start(self, suggested: str) -> str | None:
        """ "demo", "empty" or "open" for a first start with no workspace (None: quit)."""
        dialog = FirstStartDialog(suggested, self.parent)
        dialog.exec()
        return dialog.choice

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self.parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        )
        return answer == QMessageBox.StandardButton.Yes


class HeadlessDialogs(WindowDialogs):
    """Answers without asking (``--screenshot``): messages go to the log, questions are declined."""

    headless = True

    def ask_save(self, campaign: str) -> str:
        return "discard"

    def ask_clash(self, name: str) -> str:
        return "cancel"

    def ask_conflict(self, info: ConflictInfo) -> str:
        log.error("%s", info.headline())
        return "cancel"

    def ask_name(self, title: str, label: str, default: str = "") -> str | None:
        return None

    def confirm_run(self, campaign: str, remote: bool, *, estimate: object = None, host: str = "") -> str | None:
        return None

    def first_start(self, suggested: str) -> str | None:
        return suggested

    def info(self, title: str, text: str) -> None:
        log.info("%s: %s", title, text)

    def error(self, title: str, text: str) -> None:
        log.error("%s: %s", title, text)

    def confirm(self, title: str, text: str) -> bool:
        return False
