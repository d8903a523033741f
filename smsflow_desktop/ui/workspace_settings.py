"""Workspace settings everyone working in the workspace shares: brand, country, time zone, limits.

``brand.name`` is the brand every message should name (the message editor hints when one
does not); ``default_region`` reads numbers written without a country code;
``default_time_zone`` is the quiet-hours zone of people whose zone is unknown; the
frequency cap and the number of requests in flight shape runs; ``test_numbers`` are the
team's own phones that "Send test…" texts. Values are checked by
``services.settings`` and a refusal is shown beside the buttons.
"""

from __future__ import annotations

import sqlite3
import zoneinfo

import phonenumbers
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.services.settings import SettingError, check_setting, get_setting, set_setting
from smsflow_desktop.ui.resources import pad_spin_boxes


def write_settings(conn: sqlite3.Connection, values: dict[str, str], error: QLabel) -> bool:
    """Check every value, then write them all; on a refusal show it in ``error`` and return False."""
    try:
        for key, value in values.items():
            check_setting(key, value)  # all checked before any is written
        for key, value in values.items():
            set_setting(conn, key, value)
    except (SettingError, sqlite3.Error) as exc:
        error.setText(str(exc))
        return False
    return True


class WorkspaceSettingsDialog(QDialog):
    """Edit the shared settings of the open workspace."""

    #: "Compliance rules…" was clicked: the window opens the rules editor, which shows the
    #: workspace limit as set here (on, how many texts), saved or not.
    rules_requested = Signal(bool, int)

    def __init__(self, conn: sqlite3.Connection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conn = conn
        self.setWindowTitle(self.tr("Workspace settings"))
        self.setMinimumWidth(540)
        col = QVBoxLayout(self)
        col.setContentsMargins(22, 18, 22, 16)
        col.setSpacing(10)
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        self.brand = QLineEdit(get_setting(conn, "brand.name"), self)
        self.brand.setPlaceholderText(self.tr("Your brand, e.g. Acme"))
        self.brand.setToolTip(self.tr("Every message should name it, so people know who is texting."))
        self.region = QComboBox(self)
        for code in sorted(phonenumbers.SUPPORTED_REGIONS):
            self.region.addItem(code, code)
        self.region.setCurrentIndex(max(0, self.region.findData(get_setting(conn, "default_region"))))
        self.zone = QComboBox(self)
        self.zone.setEditable(True)
        self.zone.addItems(sorted(zoneinfo.available_timezones()))
        self.zone.setCurrentText(get_setting(conn, "default_time_zone"))
        self.cap = QCheckBox(self.tr("At most"), self)
        self.cap.setChecked(get_setting(conn, "frequency_cap.enabled") == "true")
        self.cap_count = QSpinBox(self)
        self.cap_count.setRange(1, 100)
        self.cap_count.setValue(int(get_setting(conn, "frequency_cap.max_per_24h")))
        self.cap_count.setSuffix(self.tr(" texts per number in 24 hours"))
        self.cap_count.setAccessibleName(self.tr("Most texts per number in 24 hours"))
        cap_row = QHBoxLayout()
        cap_row.setSpacing(8)
        cap_row.addWidget(self.cap)
        cap_row.addWidget(self.cap_count, 1)
        self.rules_button = QPushButton(self.tr("Compliance rules…"), self)
        self.rules_button.setToolTip(
            self.tr("Sending windows and frequency limits by US state or country, with their sources")
        )
        rules_row = QHBoxLayout()
        rules_row.addWidget(self.rules_button)
        rules_row.addStretch(1)
        self.test_numbers = QLineEdit(get_setting(conn, "test_numbers"), self)
        self.test_numbers.setPlaceholderText(self.tr("e.g. +12135550100, +46701234567"))
        self.test_numbers.setToolTip(
            self.tr(
                "Your own phones, which Send test… texts a step's message: numbers with + and the "
                "country code, separated by commas."
            )
        )
        self.concurrency = QSpinBox(self)
        self.concurrency.setRange(1, 64)
        self.concurrency.setValue(int(get_setting(conn, "runner.concurrency")))
        pad_spin_boxes(self.cap_count, self.concurrency)
        form.addRow(self.tr("Brand name"), self.brand)
        form.addRow(self.tr("Default country"), self.region)
        form.addRow(self.tr("Default time zone"), self.zone)
        form.addRow(self.tr("Frequency cap"), cap_row)
        form.addRow(self.tr("By state or country"), rules_row)
        form.addRow(self.tr("Test numbers"), self.test_numbers)
        form.addRow(self.tr("Requests in flight during a run"), self.concurrency)
        col.addLayout(form)
        hint = QLabel(
            self.tr(
                "The default country reads numbers written without a country code; the default time "
                "zone decides quiet hours for people whose time zone is unknown."
            ),
            self,
        )
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        col.addWidget(hint)
        self.error = QLabel(self)
        self.error.setObjectName("OverLimit")
        self.error.setWordWrap(True)
        col.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"), self)
        save = QPushButton(self.tr("Save"), self)
        save.setObjectName("PrimaryButton")
        save.setDefault(True)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        col.addLayout(buttons)
        cancel.clicked.connect(self.reject)
        save.clicked.connect(self.save)
        self.rules_button.clicked.connect(
            lambda: self.rules_requested.emit(self.cap.isChecked(), self.cap_count.value())
        )
        self.cap.toggled.connect(self.cap_count.setEnabled)
        self.cap_count.setEnabled(self.cap.isChecked())
        # as wide as its rows need ("… sms per nummer på 24 timmar" whole), never below 540
        self.setMinimumWidth(max(540, self.minimumSizeHint().width()))

    def save(self) -> bool:
        values = {
            "brand.name": self.brand.text(),
            "default_region": str(self.region.currentData()),
            "default_time_zone": self.zone.currentText().strip(),
            "frequency_cap.enabled": "true" if self.cap.isChecked() else "false",
            "frequency_cap.max_per_24h": str(self.cap_count.value()),
            "runner.concurrency": str(self.concurrency.value()),
            "test_numbers": self.test_numbers.text(),
        }
        if not write_settings(self.conn, values, self.error):
            return False
        self.accept()
        return True
