"""A short in-app tour: what to drag where, how to preview, how to run, where the results are.

Shown once, on the first start (remembered in the app's settings, never in a workspace),
dismissable at any step, and offered again from Help → Quick Tour.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from smsflow_desktop.model.translatable import QT_TRANSLATE_NOOP
from smsflow_desktop.ui.resources import icon
from smsflow_desktop.ui.window import window_state

SEEN_KEY = "tour/seen"
STEPS: tuple[tuple[str, str, str], ...] = (
    (
        "campaign",
        QT_TRANSLATE_NOOP("Tour", "A campaign: who, what, when"),
        QT_TRANSLATE_NOOP(
            "Tour",
            "Open a campaign from Marketing Activities on the left. Its tabs say who gets it "
            "(Smart List), what happens (Flow) and when (Schedule).",
        ),
    ),
    (
        "step-send-sms",
        QT_TRANSLATE_NOOP("Tour", "Drag steps into the flow"),
        QT_TRANSLATE_NOOP(
            "Tour",
            "On the Flow tab, drag a step such as Send SMS Message from the palette on the "
            "left onto the flow, between or below the cards. Drag a card by its handle to "
            "reorder; every change can be undone.",
        ),
    ),
    (
        "preview",
        QT_TRANSLATE_NOOP("Tour", "Preview: who will receive this?"),
        QT_TRANSLATE_NOOP(
            "Tour",
            "Press Preview (F8) to see, for each step, how many people it reaches, why the "
            "others are left out (click a reason to see them), and the text each recipient "
            "gets. Nothing is sent.",
        ),
    ),
    (
        "run",
        QT_TRANSLATE_NOOP("Tour", "Run and watch"),
        QT_TRANSLATE_NOOP(
            "Tour",
            "Press Run (F9). You see the recipients, segments and where the texts go before "
            "anything is sent; then a progress bar you can pause and resume. The demo "
            "workspace sends to a built-in Vibes emulator.",
        ),
    ),
    (
        "results",
        QT_TRANSLATE_NOOP("Tour", "Results and people"),
        QT_TRANSLATE_NOOP(
            "Tour",
            "The Results tab shows each run's figures and its activity log. People (in the "
            "navigator) lists everyone, with their Vibes lists and history; import more from "
            "a CSV file there.",
        ),
    ),
)


def tour_seen() -> bool:
    return bool(window_state.settings().value(SEEN_KEY, False, type=bool))


def mark_tour_seen() -> None:
    s = window_state.settings()
    s.setValue(SEEN_KEY, True)
    s.sync()


class TourDialog(QDialog):
    """The tour, one step at a time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Quick tour"))
        self.setMinimumSize(520, 280)
        self.index = 0
        col = QVBoxLayout(self)
        col.setContentsMargins(26, 22, 26, 18)
        col.setSpacing(12)
        head = QHBoxLayout()
        self.picture = QLabel(self)
        self.title = QLabel(self)
        self.title.setObjectName("WelcomeTitle")
        self.title.setWordWrap(True)
        head.addWidget(self.picture)
        head.addWidget(self.title, 1)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.counter = QLabel(self)
        self.counter.setObjectName("Muted")
        col.addLayout(head)
        col.addWidget(self.text)
        col.addStretch(1)
        row = QHBoxLayout()
        self.skip_button = QPushButton(self.tr("Skip the tour"), self)
        self.back_button = QPushButton(self.tr("Back"), self)
        self.next_button = QPushButton(self.tr("Next"), self)
        self.next_button.setObjectName("PrimaryButton")
        self.next_button.setDefault(True)
        row.addWidget(self.skip_button)
        row.addWidget(self.counter, 1)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        col.addLayout(row)
        self.skip_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(lambda: self.show_step(self.index - 1))
        self.next_button.clicked.connect(self._next)
        self.finished.connect(lambda _r: mark_tour_seen())
        self.show_step(0)

    def show_step(self, index: int) -> None:
        self.index = max(0, min(len(STEPS) - 1, index))
        icon_name, title, text = STEPS[self.index]
        self.picture.setPixmap(icon(icon_name).pixmap(QSize(40, 40), self.devicePixelRatioF()))
        self.title.setText(QCoreApplication.translate("Tour", title))
        self.text.setText(QCoreApplication.translate("Tour", text))
        self.counter.setText(self.tr("Step %1 of %2").replace("%1", str(self.index + 1)).replace("%2", str(len(STEPS))))
        self.back_button.setEnabled(self.index > 0)
        last = self.index == len(STEPS) - 1
        self.next_button.setText(self.tr("Done") if last else self.tr("Next"))
        self.skip_button.setVisible(not last)

    def _next(self) -> None:
        if self.index >= len(STEPS) - 1:
            self.accept()
        else:
            self.show_step(self.index + 1)
