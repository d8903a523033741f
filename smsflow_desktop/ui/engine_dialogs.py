"""Preview and Run dialogs: one funnel from smart list to recipients, and a run's progress.

:class:`PreviewDialog` shows who a step reaches as one funnel (smart list, each reason
people drop out, recipients, those deferred by quiet hours) instead of separate
"qualified" and "blocked" lists; another SMS step can be chosen. :class:`RunDialog`
shows a run's progress and counts with a Cancel button (cooperative: the runner stops
between items).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

REASON_LABELS: dict[str, str] = {
    "blocklisted": QT_TRANSLATE_NOOP("Reasons", "Blocklisted"),
    "marketing_suspended": QT_TRANSLATE_NOOP("Reasons", "Marketing suspended"),
    "unsubscribed": QT_TRANSLATE_NOOP("Reasons", "Unsubscribed"),
    "no_valid_phone": QT_TRANSLATE_NOOP("Reasons", "No valid mobile number"),
    "not_in_vibes_list": QT_TRANSLATE_NOOP("Reasons", "Not on the Vibes list"),
    "phone_suppressed": QT_TRANSLATE_NOOP("Reasons", "Number opted out elsewhere"),
    "duplicate_phone": QT_TRANSLATE_NOOP("Reasons", "Shares a number with someone texted"),
    "already_member": QT_TRANSLATE_NOOP("Reasons", "Already on the list"),
    "frequency_cap": QT_TRANSLATE_NOOP("Reasons", "Over the frequency cap"),
    "qualification": QT_TRANSLATE_NOOP("Reasons", "Already ran through this campaign"),
}


def reason_label(key: str) -> str:
    source = REASON_LABELS.get(key)
    return QCoreApplication.translate("Reasons", source) if source else key.replace("_", " ")


def _bar(parent: QWidget, fraction: float, color: str) -> QFrame:
    holder = QFrame(parent)
    holder.setFixedHeight(10)
    holder.setMinimumWidth(220)
    holder.setStyleSheet("background: #e2e8f0; border-radius: 5px;")
    fill = QFrame(holder)
    fill.setStyleSheet(f"background: {color}; border-radius: 3px;")
    fill.setGeometry(0, 0, max(4, int(220 * max(0.0, min(1.0, fraction)))), 10)
    return holder


class PreviewDialog(QDialog):
    """The funnel of one step; ``request_step(n)`` asks for another step's preview."""

    def __init__(self, steps: list[tuple[int, str]], request_step: Callable[[int], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preview — nobody is texted"))
        self.resize(560, 460)
        self.request_step = request_step
        col = QVBoxLayout(self)
        col.setContentsMargins(20, 18, 20, 18)
        col.setSpacing(12)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Step"), self))
        self.step_combo = QComboBox(self)
        self.step_combo.setAccessibleName(self.tr("Step to preview"))
        for number, title in steps:
            self.step_combo.addItem(f"{number}. {title}", number)
        self.step_combo.activated.connect(lambda i: self.request_step(self.step_combo.itemData(i)))
        row.addWidget(self.step_combo, 1)
        col.addLayout(row)
        self.body = QWidget(self)
        self.grid = QGridLayout(self.body)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(8)
        col.addWidget(self.body)
        self.note = QLabel(self)
        self.note.setObjectName("Muted")
        self.note.setWordWrap(True)
        col.addWidget(self.note)
        col.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.show_busy()

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()

    def show_busy(self) -> None:
        self._clear()
        self.grid.addWidget(QLabel(self.tr("Counting…"), self.body), 0, 0)
        self.note.setText("")

    def show_error(self, message: str) -> None:
        self._clear()
        label = QLabel(message, self.body)
        label.setWordWrap(True)
        label.setObjectName("OverLimit")
        self.grid.addWidget(label, 0, 0)

    def _branch_label(self, label: str) -> str:
        """The engine names branches "Choice N" and "Default"; show them in the user's language."""
        m = re.fullmatch(r"Choice (\d+)", label)
        if m:
            return self.tr("Choice %1").replace("%1", m.group(1))
        return self.tr("Default") if label == "Default" else label

    def show_preview(self, preview: Any) -> None:
        """Draw a ``services.engine.preview.Preview``."""
        self._clear()
        index = self.step_combo.findData(preview.step)
        if index >= 0:
            self.step_combo.setCurrentIndex(index)
        loc = QLocale()
        total = max(1, preview.smart_list)
        r = 0

        def line(text: str, value: int, color: str, bold: bool = False) -> None:
            nonlocal r
            label = QLabel(text, self.body)
            number = QLabel(loc.toString(value), self.body)
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if bold:
                label.setObjectName("SectionTitle")
                number.setObjectName("SectionTitle")
            self.grid.addWidget(label, r, 0)
            self.grid.addWidget(number, r, 1)
            self.grid.addWidget(_bar(self.body, value / total, color), r, 2)
            r += 1

        line(self.tr("In the smart list"), preview.smart_list, "#7c3aed", bold=True)
        for reason, n in preview.excluded.items():
            if n:
                line("− " + reason_label(reason), n, "#f87171")
        line(self.tr("Recipients"), preview.recipients, "#059669", bold=True)
        for label, n in preview.by_branch.items():
            line("   " + self._branch_label(label), n, "#60a5fa")
        notes = []
        if preview.deferred_quiet_hours:
            notes.append(self.tr("%1 of the recipients are outside quiet hours now; their texts wait for the "
                                 "window to open.").replace("%1", loc.toString(preview.deferred_quiet_hours)))
        if preview.problems:
            notes.append(self.tr("Problems to fix before the campaign can run: %1.")
                         .replace("%1", str(len(preview.problems))))
        self.note.setText("\n".join(notes))


class RunDialog(QDialog):
    """Progress of a run, with Cancel."""

    def __init__(self, campaign: str, cancel: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Running “%1”").replace("%1", campaign))
        self.resize(460, 220)
        self.cancel_fn = cancel
        col = QVBoxLayout(self)
        col.setContentsMargins(20, 18, 20, 18)
        self.status = QLabel(self.tr("Starting…"), self)
        self.status.setObjectName("SectionTitle")
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("Run progress"))
        self.counts = QLabel(self)
        self.counts.setObjectName("Muted")
        self.counts.setWordWrap(True)
        for w in (self.status, self.bar, self.counts):
            col.addWidget(w)
        col.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self._cancel)
        col.addWidget(self.buttons)
        self.finished_run = False

    def _cancel(self) -> None:
        if self.finished_run:
            self.accept()
            return
        self.status.setText(self.tr("Stopping after the current texts…"))
        self.cancel_fn()

    def show_progress(self, progress: Any) -> None:
        self.bar.setMaximum(max(1, progress.total))
        self.bar.setValue(progress.done)
        self.status.setText(self.tr("%1 of %2 done").replace("%1", str(progress.done)).replace("%2", str(progress.total)))
        self._counts(progress.counts)

    def _counts(self, counts: dict[str, int]) -> None:
        self.counts.setText(" · ".join(f"{k.replace('_', ' ')}: {v}" for k, v in counts.items() if v))

    def show_result(self, result: Any) -> None:
        self.finished_run = True
        self.status.setText(self.tr("Run %1: %2").replace("%1", str(result.run_id)).replace("%2", result.status))
        self._counts(result.counts)
        if result.error:
            self.counts.setText(self.counts.text() + "\n" + result.error)
        self.bar.setMaximum(1)
        self.bar.setValue(1)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.accept)

    def show_error(self, message: str) -> None:
        self.finished_run = True
        self.status.setText(self.tr("The run stopped"))
        self.counts.setText(message)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
