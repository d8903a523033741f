"""The question before a run: what it sends, to how many, and where.

:class:`RunConfirmDialog` states the campaign, each SMS step's recipients and segments,
how many texts quiet hours hold back now, and where the texts go: the workspace's embedded
Vibes emulator (nobody's phone rings) or the real Vibes host from the settings (real people
get texts, said in red). The answer is ``"run"``, ``"dry"`` (everything but calling Vibes)
or None.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.model.step_types import step_types
from smsflow_desktop.ui.labels import number
from smsflow_desktop.ui.step_types import sends_text, step_title, translated


def destination_text(remote: bool, host: str) -> str:
    """Where a run sends, in one sentence."""
    if remote:
        return QCoreApplication.translate(
            "RunConfirmDialog", "Sends for real through Vibes at %1: real people get these texts."
        ).replace("%1", host)
    return QCoreApplication.translate(
        "RunConfirmDialog", "Sends to this workspace's built-in Vibes emulator: nobody's phone gets a text."
    )


def totals_text(estimate: Any) -> str:
    """ "In all: 2,233 texts (2,325 segments), 1,346 people to subscribe."."""
    texts = sum(s.preview.recipients for s in estimate.steps if sends_text(s.step_type))
    # People each other kind of step acts on, said as its type's tally, in the registry's order.
    tallies = []
    for st in step_types():
        people = sum(s.preview.recipients for s in estimate.steps if s.step_type == st.id)
        if st.tally and not st.sends_text and people:
            tallies.append(translated(st.tally).replace("%1", number(people)))
    parts = []
    if texts or not tallies:
        parts.append(
            QCoreApplication.translate("RunConfirmDialog", "%1 texts (%2 segments)")
            .replace("%1", number(texts))
            .replace("%2", number(estimate.segments))
        )
    parts += tallies
    return QCoreApplication.translate("RunConfirmDialog", "In all: %1.").replace("%1", ", ".join(parts))


class RunConfirmDialog(QDialog):
    """Run, dry run or cancel, with the run's figures in front of the user."""

    def __init__(
        self, campaign: str, remote: bool, host: str, estimate: Any = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.choice: str | None = None
        self.setWindowTitle(self.tr("Run campaign"))
        self.resize(640, 420)
        col = QVBoxLayout(self)
        col.setContentsMargins(22, 18, 22, 16)
        col.setSpacing(10)
        title = QLabel(self.tr("Run “%1” now?").replace("%1", campaign), self)
        title.setObjectName("WelcomeTitle")
        title.setWordWrap(True)
        col.addWidget(title)
        self.destination = QLabel(destination_text(remote, host), self)
        self.destination.setObjectName("DangerNote" if remote else "SafeNote")
        self.destination.setWordWrap(True)
        col.addWidget(self.destination)
        self.table = QTableWidget(0, 4, self)
        self.table.setAccessibleName(self.tr("The run's figures step by step"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Step"), self.tr("Recipients"), self.tr("Segments"), self.tr("Held by quiet hours")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        col.addWidget(self.table)
        self.totals = QLabel(self)
        self.totals.setObjectName("SectionTitle")
        self.totals.setWordWrap(True)
        self.quiet = QLabel(self)
        self.quiet.setObjectName("Muted")
        self.quiet.setWordWrap(True)
        col.addWidget(self.totals)
        col.addWidget(self.quiet)
        buttons = QHBoxLayout()
        self.dry_button = QPushButton(self.tr("Dry run"), self)
        self.dry_button.setToolTip(
            self.tr("Do everything but call Vibes: the ledger and results show what would happen")
        )
        cancel = QPushButton(self.tr("Cancel"), self)
        self.run_button = QPushButton(self.tr("Send for real") if remote else self.tr("Run"), self)
        self.run_button.setObjectName("DangerButton" if remote else "PrimaryButton")
        for b in (self.dry_button, cancel, self.run_button):
            b.setAutoDefault(False)
        buttons.addWidget(self.dry_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.run_button)
        col.addLayout(buttons)
        self.dry_button.clicked.connect(lambda: self._answer("dry"))
        self.run_button.clicked.connect(lambda: self._answer("run"))
        cancel.clicked.connect(self.reject)
        (self.dry_button if remote else self.run_button).setDefault(True)
        self.set_estimate(estimate)

    def set_estimate(self, estimate: Any) -> None:
        """Fill in a ``send_estimate.RunEstimate`` (None: figures not available)."""
        self.table.setRowCount(0)
        if estimate is None:
            self.totals.setText(self.tr("The figures could not be worked out; the run checks every person as it goes."))
            self.quiet.setText("")
            return
        self.table.setRowCount(len(estimate.steps))
        for r, step in enumerate(estimate.steps):
            texts = sends_text(step.step_type)
            values = [
                f"{step.number}. {step_title(step.step_type)}",
                number(step.preview.recipients),
                number(step.segments.segments) if texts else "—",
                number(step.preview.deferred_quiet_hours) if step.preview.deferred_quiet_hours else "—",
            ]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.setFixedHeight(
            self.table.horizontalHeader().height()
            + 4
            + sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        )
        self.totals.setText(totals_text(estimate))
        if estimate.quiet_hours is None and not estimate.deferred:
            self.quiet.setText(
                self.tr(
                    "Quiet hours are off: texts go out at once, day or night, except where a state's or "
                    "country's rules set a sending window."
                )
            )
        elif estimate.quiet_hours is None:
            self.quiet.setText(
                self.tr(
                    "Quiet hours are off, but %1 texts wait for their state's or country's sending window."
                ).replace("%1", number(estimate.deferred))
            )
        else:
            start, end = estimate.quiet_hours
            text = (
                self.tr(
                    "Texts go out between %1 and %2 in each recipient's time zone, or within their state's "
                    "or country's narrower window."
                )
                .replace("%1", start)
                .replace("%2", end)
            )
            if estimate.deferred:
                text += " " + self.tr("%1 of them are outside that window now and wait until it opens.").replace(
                    "%1", number(estimate.deferred)
                )
            self.quiet.setText(
                text + " " + self.tr("Steps after a Wait count who is in now; they go out when the wait is over.")
            )

    def _answer(self, choice: str) -> None:
        self.choice = choice
        self.accept()
