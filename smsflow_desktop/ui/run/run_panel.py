"""A run in progress: a progress bar with counts, rate and time left; Pause, Stop and Resume.

:class:`RunPanel` only draws what the runner reports (``RunProgress`` several times a
second, then a ``RunResult``) and says what the user asked for through its signals. Pause
and Stop both stop the runner cooperatively between items (what is in flight is answered
and written first); Stop asks first (:attr:`RunPanel.confirm_stop`). After a pause the run is
resumable at once with Resume, which carries on from the ledger (``resume_run``). Closing
the panel while a run goes on only hides it.

The bar is about what there is to do (texts and list changes), so people a step leaves out
do not fill it; "Skipped" counts people (skipped at one step or more), never more than the
smart list. The rate and time left show only while the run sends; the window title says
whether the run is running, paused, stopped or finished.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.ui.labels import count_label, duration, number, status_label

SHOWN_COUNTS = ("sent", "failed", "skipped", "deferred", "subscribed_pending", "unsubscribed", "in_doubt")
#: Rows handled (the skipped ones left out: they were nothing to do).
HANDLED = ("sent", "failed", "in_doubt", "subscribed_pending", "subscribed", "unsubscribed")


class RunPanel(QDialog):
    """Progress of one run, with Pause, Stop and Resume."""

    pause_requested = Signal()
    cancel_requested = Signal()
    resume_requested = Signal(int)  # run id

    def __init__(self, campaign: str, destination: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.campaign = campaign
        self.setWindowTitle(self.tr("Running “%1”").replace("%1", campaign))
        self.resize(560, 330)
        self.run_id: int | None = None
        #: Asks whether to stop the run (title, text) -> yes; the window puts its own dialogs here.
        self.confirm_stop: Callable[[str, str], bool] = self._ask_stop
        self.finished_run = False
        self.updates = 0
        col = QVBoxLayout(self)
        col.setContentsMargins(22, 18, 22, 16)
        col.setSpacing(10)
        self.status = QLabel(self.tr("Starting…"), self)
        self.status.setObjectName("WelcomeTitle")
        self.destination = QLabel(destination, self)
        self.destination.setObjectName("Muted")
        self.destination.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("Run progress"))
        self.bar.setTextVisible(True)
        self.bar.setMaximum(0)  # busy until the first report
        self.speed = QLabel(self)
        self.speed.setObjectName("Muted")
        self.speed.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        self.count_labels: dict[str, QLabel] = {}
        for i, key in enumerate(SHOWN_COUNTS):
            name = QLabel(self.tr("Skipped (people)") if key == "skipped" else count_label(key), self)
            name.setObjectName("FieldLabel")
            if key == "skipped":
                name.setToolTip(self.tr("People the run leaves out at one step or more (opted out, no valid number…)"))
            value = QLabel("0", self)
            value.setObjectName("SectionTitle")
            grid.addWidget(name, (i // 4) * 2, i % 4)
            grid.addWidget(value, (i // 4) * 2 + 1, i % 4)
            self.count_labels[key] = value
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("OverLimit")
        self.message.hide()
        for w in (self.status, self.destination, self.bar, self.speed):
            col.addWidget(w)
        col.addLayout(grid)
        col.addWidget(self.message)
        col.addStretch(1)
        row = QHBoxLayout()
        self.pause_button = QPushButton(self.tr("Pause"), self)
        self.pause_button.setToolTip(self.tr("Stop after the texts on their way; Resume carries on from there"))
        self.cancel_button = QPushButton(self.tr("Stop run"), self)
        self.cancel_button.setToolTip(
            self.tr("Stop sending; what was sent stays sent, and the run can be resumed later")
        )
        self.resume_button = QPushButton(self.tr("Resume"), self)
        self.resume_button.setObjectName("PrimaryButton")
        self.close_button = QPushButton(self.tr("Close"), self)
        row.addWidget(self.pause_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        row.addWidget(self.resume_button)
        row.addWidget(self.close_button)
        col.addLayout(row)
        self.pause_button.clicked.connect(self._pause)
        self.cancel_button.clicked.connect(self._cancel)
        self.resume_button.clicked.connect(lambda: self.resume_requested.emit(self.run_id or 0))
        self.close_button.clicked.connect(self.hide)
        for b in (self.pause_button, self.cancel_button, self.resume_button, self.close_button):
            b.setAutoDefault(False)
        self.set_running()

    # -- states --------------------------------------------------------------------------------
    def set_running(self) -> None:
        self.finished_run = False
        self.setWindowTitle(self.tr("Running “%1”").replace("%1", self.campaign))
        self.pause_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        for b, shown in (
            (self.pause_button, True),
            (self.cancel_button, True),
            (self.resume_button, False),
            (self.close_button, False),
        ):
            b.setVisible(shown)
        self.message.hide()

    def _pause(self) -> None:
        self.status.setText(self.tr("Pausing after the texts on their way…"))
        self._stopping()
        self.pause_requested.emit()

    def _cancel(self) -> None:
        title = self.tr("Stop run %1?").replace("%1", str(self.run_id)) if self.run_id else self.tr("Stop the run?")
        text = self.tr(
            "Texts already on their way to Vibes finish; nobody else is texted. What was sent stays "
            "sent, and you can resume the run later from the Results tab."
        )
        if self.finished_run or not self.cancel_button.isEnabled() or not self.confirm_stop(title, text):
            return
        self.status.setText(self.tr("Stopping after the texts on their way…"))
        self._stopping()
        self.cancel_requested.emit()

    def _stopping(self) -> None:
        """Pause or Stop was asked for: no more buttons to press, and no rate or time left."""
        self.pause_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self._set_speed("")

    def _set_speed(self, text: str) -> None:
        """The rate and time left (or what a waiting run waits for); no empty line when there is none."""
        self.speed.setText(text)
        self.speed.setVisible(bool(text))

    def _ask_stop(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        stop = box.addButton(self.tr("Stop run"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep running"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is stop

    # -- reports -------------------------------------------------------------------------------
    def show_progress(self, progress: Any) -> None:
        """Draw a ``runner.RunProgress``."""
        if self.finished_run:
            return  # a late report after the result
        self.updates += 1
        self._bar(progress.done, progress.total)
        if self.pause_button.isEnabled():  # not while pausing or stopping
            self.status.setText(
                self.tr("%1 sent, %2 to go")
                .replace("%1", number(progress.counts.get("sent", 0)))
                .replace("%2", number(max(0, progress.total - progress.done)))
            )
            self._set_speed(
                self.tr("%1 a second · about %2 left")
                .replace("%1", number(round(progress.rate_per_s)))
                .replace("%2", duration(progress.eta_s))
            )
        self._counts(progress.counts, getattr(progress, "skipped_people", None))

    def _bar(self, done: int, total: int) -> None:
        """``done`` of ``total`` things to do (a run with nothing to do is full)."""
        if total <= 0:
            done = total = 1
        self.bar.setMaximum(total)
        self.bar.setValue(min(done, total))
        self.bar.setFormat(f"{min(done, total) * 100 // total} %")

    def _counts(self, counts: dict[str, int], skipped_people: int | None = None) -> None:
        for key, label in self.count_labels.items():
            value = counts.get(key, 0)
            if key == "skipped" and skipped_people is not None:
                value = skipped_people
            label.setText(number(value))

    def show_result(self, result: Any, *, paused: bool = False) -> None:
        """Draw a ``runner.RunResult``; after a pause (status paused) offer Resume."""
        self.finished_run = True
        self.run_id = result.run_id or self.run_id
        self._counts(result.counts, getattr(result, "skipped_people", None))
        for b in (self.pause_button, self.cancel_button):
            b.hide()
        self.close_button.show()
        left = result.counts.get("pending", 0) + result.counts.get("sending", 0)
        paused = paused or result.status == "paused"
        resumable = result.status in ("paused", "cancelled", "waiting", "failed") and left > 0
        self.resume_button.setVisible((resumable and paused) or (result.status == "failed" and left > 0))
        if paused and result.status in ("paused", "cancelled"):
            text = (
                self.tr("Paused: run %1 — %2 left to do").replace("%1", str(result.run_id)).replace("%2", number(left))
            )
        else:
            text = self.tr("Run %1: %2").replace("%1", str(result.run_id)).replace("%2", status_label(result.status))
        self.status.setText(text)
        self.setWindowTitle(self._title(result.status, paused))
        done = sum(result.counts.get(k, 0) for k in HANDLED)
        self._bar(done, done + left)
        self._set_speed("")  # no rate or time left once the run is no longer sending
        if result.status == "waiting":
            self._set_speed(
                self.tr(
                    "The rest waits for a later step (a Wait in the flow); resume the run from "
                    "the Results tab when it is due."
                )
            )
        notes = [result.error] if result.error else []
        for problem in getattr(result, "problems", None) or []:  # a run refused before it started
            if problem.code == "missing_short_code":
                notes.append(
                    self.tr(
                        "Vibes sends texts from your company's short code: enter it in Vibes Settings "
                        "(Short code), then run again."
                    )
                )
            else:
                notes.append(problem.message)
        if result.counts.get("in_doubt"):
            notes.append(
                self.tr(
                    "%1 sends are in doubt: they may or may not have reached Vibes. Resend or drop "
                    "them from the Results tab."
                ).replace("%1", number(result.counts["in_doubt"]))
            )
        self.message.setText("\n".join(n for n in notes if n))
        self.message.setVisible(bool(notes))

    def _title(self, status: str, paused: bool) -> str:
        """The window title once the run is no longer running: what became of it."""
        if paused and status in ("paused", "cancelled"):
            word = self.tr("Paused")
        else:
            word = {
                "completed": self.tr("Finished"),
                "cancelled": self.tr("Stopped"),
                "waiting": self.tr("Waiting for a later step"),
                "failed": self.tr("Failed"),
                "refused": self.tr("Not started"),
            }.get(status, status_label(status))
        return self.tr("“%1”: %2").replace("%1", self.campaign).replace("%2", word)

    def show_error(self, message: str) -> None:
        self.finished_run = True
        self.setWindowTitle(self._title("failed", False))
        self._set_speed("")
        self.status.setText(self.tr("The run stopped"))
        self.message.setText(message)
        self.message.show()
        for b in (self.pause_button, self.cancel_button, self.resume_button):
            b.hide()
        self.close_button.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()  # the run goes on; the window's Run menu shows the panel again
