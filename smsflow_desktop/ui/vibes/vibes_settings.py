"""Vibes settings: which Vibes to talk to, the account, the password (to the keyring only).

The host is a preset (North America, Europe, the built-in emulator) or a custom URL; the
user name, company key and short code are workspace settings. The password goes straight
to the system keyring through ``services.secrets`` and never into the workspace, a log or
a message; with no keyring on the machine the field is off and the dialog says to set
``SMSFLOW_VIBES_PASSWORD`` instead. A custom URL must be ``https://`` (``http://`` only for a
server on this computer); the dialog says so as it is typed, and neither saves nor tests one
that is not. Test connection checks what is in the dialog (saved or not) on a worker thread
and answers in a plain sentence.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.model.translatable import QT_TRANSLATE_NOOP
from smsflow_desktop.services import secrets
from smsflow_desktop.services.settings import VIBES_HOSTS, SettingError, check_setting, get_setting
from smsflow_desktop.ui.vibes.vibes_jobs import ConnectionCheck, test_connection_job
from smsflow_desktop.ui.workers import TaskRunner
from smsflow_desktop.ui.workspace_settings import write_settings

log = logging.getLogger(__name__)
PRESETS: tuple[tuple[str, str], ...] = (
    ("north_america", QT_TRANSLATE_NOOP("VibesSettingsDialog", "North America")),
    ("europe", QT_TRANSLATE_NOOP("VibesSettingsDialog", "Europe")),
    ("emulated", QT_TRANSLATE_NOOP("VibesSettingsDialog", "Built-in emulator (nothing is sent)")),
    ("custom", QT_TRANSLATE_NOOP("VibesSettingsDialog", "Custom URL")),
)


class VibesSettingsDialog(QDialog):
    """Edit the workspace's Vibes connection."""

    def __init__(self, conn: sqlite3.Connection, root: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conn = conn
        self.root = root
        self.runner: TaskRunner[ConnectionCheck, None] | None = None
        self.saved = False
        self.setWindowTitle(self.tr("Vibes settings"))
        self.setMinimumWidth(600)
        col = QVBoxLayout(self)
        col.setContentsMargins(22, 18, 22, 16)
        col.setSpacing(10)
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        self.preset = QComboBox(self)
        self.preset.setAccessibleName(self.tr("Vibes host"))
        for key, label in PRESETS:
            suffix = f" ({VIBES_HOSTS[key].split('//')[1]})" if key in VIBES_HOSTS else ""
            self.preset.addItem(QCoreApplication.translate("VibesSettingsDialog", label) + suffix, key)
        self.custom_url = ""
        self.url = QLineEdit(self)
        self.url.setAccessibleName(self.tr("Vibes API URL"))
        self.url.setPlaceholderText("https://public-api.vibescm.com")
        self.username = QLineEdit(get_setting(conn, "vibes.username"), self)
        self.company_key = QLineEdit(get_setting(conn, "vibes.company_key"), self)
        self.short_code = QLineEdit(get_setting(conn, "vibes.short_code"), self)
        self.short_code.setPlaceholderText(self.tr("e.g. 12345"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Vibes password"))
        self.password_note = QLabel(self)
        self.password_note.setWordWrap(True)
        self.password_note.setObjectName("Muted")
        form.addRow(self.tr("Host"), self.preset)
        form.addRow(self.tr("API URL"), self.url)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Company key"), self.company_key)
        form.addRow(self.tr("Short code"), self.short_code)
        form.addRow(self.tr("Password"), self.password)
        intro = QLabel(self.tr("Which Vibes this workspace sends through, and the account it uses."), self)
        intro.setObjectName("Muted")
        col.addWidget(intro)
        col.addLayout(form)
        col.addWidget(self.password_note)
        test_row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.answer = QLabel(self)
        self.answer.setWordWrap(True)
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.answer, 1)
        col.addLayout(test_row)
        self.error = QLabel(self)
        self.error.setObjectName("OverLimit")
        self.error.setWordWrap(True)
        col.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"), self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("PrimaryButton")
        self.save_button.setDefault(True)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        col.addLayout(buttons)
        cancel.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        self.test_button.clicked.connect(self.test_connection)
        self.preset.currentIndexChanged.connect(lambda _i: self._preset_changed())
        self.url.textChanged.connect(lambda _t: self._check_url())
        self._load_host()

    # -- fields ----------------------------------------------------------------------------------
    def _load_host(self) -> None:
        mode = get_setting(self.conn, "vibes.mode")
        base = get_setting(self.conn, "vibes.base_url")
        key = "emulated" if mode == "emulated" else next((k for k, url in VIBES_HOSTS.items() if url == base), "custom")
        self.custom_url = base if key == "custom" else ""
        self.url.setText(base)
        self.preset.setCurrentIndex(self.preset.findData(key))
        self._preset_changed()

    def mode(self) -> str:
        return "emulated" if self.preset.currentData() == "emulated" else "remote"

    def base_url(self) -> str:
        key = self.preset.currentData()
        return VIBES_HOSTS.get(key, self.url.text().strip().rstrip("/"))

    def _preset_changed(self) -> None:
        key = self.preset.currentData()
        if self.url.isEnabled() and self.url.text().strip():
            self.custom_url = self.url.text().strip()
        self.url.setText(VIBES_HOSTS.get(key, "") if key != "custom" else self.custom_url)
        self.url.setPlaceholderText(
            self.tr("Built into this workspace") if key == "emulated" else "https://public-api.vibescm.com"
        )
        self.url.setEnabled(key == "custom")
        remote = key != "emulated"
        for w in (self.username, self.company_key, self.short_code):
            w.setEnabled(remote)
        self._password_state(remote)
        self.answer.setText("")
        self._check_url()

    def _check_url(self) -> None:
        """Say at once why a custom URL cannot be used (the same words as when saving)."""
        text = ""
        if self.preset.currentData() == "custom" and self.url.text().strip():
            try:
                check_setting("vibes.base_url", self.url.text())
            except SettingError as exc:
                text = str(exc)
        self.error.setText(text)

    def _password_state(self, remote: bool) -> None:
        if not remote:
            self.password.setEnabled(False)
            self.password.setPlaceholderText("")
            self.password_note.setText(self.tr("The built-in emulator needs no password."))
        elif os.environ.get(secrets.ENV_PASSWORD):
            self.password.setEnabled(False)
            self.password_note.setText(
                self.tr("The password comes from the environment variable %1.").replace("%1", secrets.ENV_PASSWORD)
            )
        elif not secrets.keyring_available():
            self.password.setEnabled(False)
            self.password.setPlaceholderText(self.tr("No system keyring"))
            self.password_note.setText(
                self.tr(
                    "This machine has no system keyring to keep the password in. Set the "
                    "environment variable %1 to the Vibes password before starting the "
                    "app (or before running smsflow commands)."
                ).replace("%1", secrets.ENV_PASSWORD)
            )
        else:
            self.password.setEnabled(True)
            self.password.setPlaceholderText(self.tr("Leave empty to keep the stored password"))
            self.password_note.setText(self.tr("Kept in the system keyring, never in the workspace."))

    # -- test ----------------------------------------------------------------------------------
    def test_connection(self) -> TaskRunner[ConnectionCheck, None] | None:
        if self.runner is not None and not self.runner.finished:
            return None
        self.answer.setObjectName("Muted")
        self.answer.setText(self.tr("Connecting…"))
        self.test_button.setEnabled(False)
        job = test_connection_job(
            self.root,
            mode=self.mode(),
            base_url=self.base_url(),
            username=self.username.text(),
            company_key=self.company_key.text(),
            password=self.password.text() if self.password.isEnabled() else "",
        )
        self.runner = TaskRunner(
            job, name="vibes-test", parent=self, on_success=self._tested, on_failure=self._test_failed
        ).start()
        return self.runner

    def _tested(self, check: ConnectionCheck) -> None:
        self.test_button.setEnabled(True)
        lists = check.subscription_lists
        if check.emulated:
            text = self.tr("Connected to the built-in emulator: %1 subscription lists.")
        else:
            text = self.tr("Connected to %2: the account works and sees %1 subscription lists.")
        self.answer.setText("✓ " + text.replace("%1", str(lists)).replace("%2", check.host))
        self._style_answer("SafeNote")

    def _test_failed(self, message: str) -> None:
        self.test_button.setEnabled(True)
        self.answer.setText(self.tr("Could not connect: %1").replace("%1", message))
        self._style_answer("OverLimit")

    def _style_answer(self, name: str) -> None:
        self.answer.setObjectName(name)
        self.answer.style().unpolish(self.answer)
        self.answer.style().polish(self.answer)

    # -- save ----------------------------------------------------------------------------------
    def save(self) -> bool:
        """Write the settings and store a typed password in the keyring; False with a message if not."""
        self.error.setText("")
        values = {
            "vibes.mode": self.mode(),
            "vibes.username": self.username.text(),
            "vibes.company_key": self.company_key.text(),
            "vibes.short_code": self.short_code.text(),
        }
        if self.mode() == "remote":
            values["vibes.base_url"] = self.base_url()
        if not write_settings(self.conn, values, self.error):
            return False
        typed = self.password.text() if self.password.isEnabled() else ""
        if typed and self.mode() == "remote":
            try:
                secrets.set_password(self.base_url(), self.username.text().strip(), typed)
            except secrets.SecretsError as exc:
                self.error.setText(str(exc))
                return False
        self.password.clear()
        self.saved = True
        self.accept()
        return True

    def done(self, result: int) -> None:
        if self.runner is not None:
            self.runner.wait(15000)
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.runner is not None:
            self.runner.wait(15000)
        super().closeEvent(event)
