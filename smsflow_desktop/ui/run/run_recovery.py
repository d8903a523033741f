"""Runs left unfinished (the program stopped, or a later step is due) and sends in doubt.

:class:`RecoveryDialog` lists the runs ``services.engine.in_doubt.unfinished_runs`` finds
and, for the chosen one, the sends in doubt: requests that were on their way to Vibes when
the program stopped, which Vibes may or may not have sent. The user resumes the run
(sends in doubt stay unsent), resumes it resending them (someone may get a text twice), or
drops them (they count as failed, "dropped by user"). The dialog asks; the window acts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
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

from smsflow_desktop.services.engine.actions import find_engine_action
from smsflow_desktop.ui.labels import number, status_label
from smsflow_desktop.ui.step_types import translated


def action_title(action: str) -> str:
    """A ledger action (``send_sms``, ``subscribe``...) as its engine action's title, translated."""
    engine = find_engine_action(action)
    return translated(engine.title) if engine is not None else action


def _when(text: str | None) -> str:
    return (text or "").replace("T", " ").replace("Z", "")


class RecoveryDialog(QDialog):
    """Unfinished runs and their sends in doubt; asks to resume, resend or drop."""

    resume_requested = Signal(int, bool)  # run id, resend what is in doubt
    drop_requested = Signal(int)  # run id

    def __init__(
        self, runs: list[Any], load_in_doubt: Callable[[int], list[Any]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unfinished runs"))
        self.resize(820, 560)
        self.load_in_doubt = load_in_doubt
        self.runs_data = list(runs)
        col = QVBoxLayout(self)
        col.setContentsMargins(22, 18, 22, 16)
        col.setSpacing(10)
        title = QLabel(self.tr("Some runs did not finish"), self)
        title.setObjectName("WelcomeTitle")
        intro = QLabel(
            self.tr(
                "The program stopped while these runs were going, or a later step of theirs is "
                "due. Resume a run to carry on where it stopped: nobody who was already texted is "
                "texted again."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("Muted")
        col.addWidget(title)
        col.addWidget(intro)
        self.runs = QTableWidget(0, 6, self)
        self.runs.setHorizontalHeaderLabels(
            [
                self.tr("Run"),
                self.tr("Campaign"),
                self.tr("Status"),
                self.tr("Started"),
                self.tr("Left to do"),
                self.tr("In doubt"),
            ]
        )
        self._table(self.runs)
        col.addWidget(self.runs, 2)
        self.doubt_title = QLabel(self)
        self.doubt_title.setObjectName("SectionTitle")
        self.doubt_text = QLabel(
            self.tr(
                "In doubt: the program stopped while these requests were on their way to "
                "Vibes. Vibes may or may not have sent them."
            ),
            self,
        )
        self.doubt_text.setWordWrap(True)
        self.doubt_text.setObjectName("HintLabel")
        self.doubt = QTableWidget(0, 4, self)
        self.doubt.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Mobile number"), self.tr("Step"), self.tr("Since")]
        )
        self._table(self.doubt)
        for w in (self.doubt_title, self.doubt_text, self.doubt):
            col.addWidget(w)
        row = QHBoxLayout()
        self.drop_button = QPushButton(self.tr("Drop in-doubt sends"), self)
        self.drop_button.setToolTip(self.tr("Never send them; they count as failed, dropped by you"))
        self.resend_button = QPushButton(self.tr("Resume and resend them"), self)
        self.resend_button.setToolTip(self.tr("Someone may get the same text twice"))
        later = QPushButton(self.tr("Not now"), self)
        self.resume_button = QPushButton(self.tr("Resume"), self)
        self.resume_button.setObjectName("PrimaryButton")
        self.resume_button.setToolTip(self.tr("Carry on; sends in doubt are not repeated"))
        row.addWidget(self.drop_button)
        row.addWidget(self.resend_button)
        row.addStretch(1)
        row.addWidget(later)
        row.addWidget(self.resume_button)
        col.addLayout(row)
        later.clicked.connect(self.reject)
        self.resume_button.clicked.connect(lambda: self._resume(False))
        self.resend_button.clicked.connect(lambda: self._resume(True))
        self.drop_button.clicked.connect(self._drop)
        self.runs.itemSelectionChanged.connect(self._chosen)
        self.set_runs(self.runs_data)

    def _table(self, table: QTableWidget) -> None:
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)

    def set_runs(self, runs: list[Any]) -> None:
        """Show ``in_doubt.UnfinishedRun`` rows (the first one chosen)."""
        self.runs_data = list(runs)
        self.runs.setRowCount(len(runs))
        for r, run in enumerate(runs):
            status = status_label(run.status) + (" · " + self.tr("dry run") if run.dry_run else "")
            values = [
                str(run.run_id),
                run.campaign,
                status,
                _when(run.started_at),
                number(run.pending),
                number(run.in_doubt),
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, run.run_id)
                self.runs.setItem(r, c, item)
        if runs:
            self.runs.selectRow(0)
        self._chosen()

    def run_id(self) -> int | None:
        items = self.runs.selectedItems()
        return int(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def _chosen(self) -> None:
        run_id = self.run_id()
        run = next((r for r in self.runs_data if r.run_id == run_id), None)
        has_doubt = run is not None and run.in_doubt > 0
        for w in (self.doubt_title, self.doubt_text, self.doubt, self.drop_button, self.resend_button):
            w.setVisible(has_doubt)
        self.resume_button.setEnabled(run is not None and (run.pending > 0 or run.in_doubt > 0))
        self.doubt.setRowCount(0)
        if run is None or not has_doubt or run_id is None:
            return
        sends = self.load_in_doubt(run_id)
        self.doubt_title.setText(
            self.tr("%1 sends of run %2 are in doubt").replace("%1", number(run.in_doubt)).replace("%2", str(run_id))
        )
        self.doubt.setRowCount(len(sends))
        for r, send in enumerate(sends):
            step = f"{send.step_index} · {action_title(send.action)}"
            if send.message:
                step += f" ({send.message})"
            for c, value in enumerate([send.name or "—", send.mdn, step, _when(send.since)]):
                self.doubt.setItem(r, c, QTableWidgetItem(value))

    def _resume(self, resend: bool) -> None:
        run_id = self.run_id()
        if run_id is not None:
            self.resume_requested.emit(run_id, resend)
            self.accept()

    def _drop(self) -> None:
        run_id = self.run_id()
        if run_id is not None:
            self.drop_requested.emit(run_id)
