"""The first start: no workspace yet, so offer the demo, an empty workspace, or a folder.

The demo workspace holds realistic people, lists, messages and two campaigns, and sends to
its own built-in Vibes emulator, so everything can be tried without texting anyone.
:class:`FirstStartDialog` records the choice in :attr:`FirstStartDialog.choice`:
``"demo"``, ``"empty"``, ``"open"`` or None (closed).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from smsflow_desktop.ui.resources import icon


class FirstStartDialog(QDialog):
    """Three ways to begin."""

    def __init__(self, suggested: str = "demo", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: str | None = None
        self.setWindowTitle(self.tr("Welcome to smsflow-desktop"))
        self.setMinimumWidth(560)
        col = QVBoxLayout(self)
        col.setContentsMargins(26, 22, 26, 20)
        col.setSpacing(12)
        head = QHBoxLayout()
        logo = QLabel(self)
        logo.setPixmap(icon("app").pixmap(QSize(48, 48), self.devicePixelRatioF()))
        title = QLabel(self.tr("How would you like to start?"), self)
        title.setObjectName("WelcomeTitle")
        head.addWidget(logo)
        head.addWidget(title, 1)
        col.addLayout(head)
        self.demo_button = self._option(
            col,
            self.tr("Explore the demo workspace"),
            self.tr(
                "5,000 sample people, Vibes lists, messages and two campaigns. Texts go to a built-in Vibes "
                "emulator, so nobody's phone rings: try Preview and Run freely."
            ),
            "demo",
            "app",
        )
        self.empty_button = self._option(
            col,
            self.tr("Start with an empty workspace"),
            self.tr("Import your people from a CSV file and connect your Vibes account in Vibes settings."),
            "empty",
            "new-campaign",
        )
        self.open_button = self._option(
            col,
            self.tr("Open an existing workspace folder…"),
            self.tr("A folder holding smsflow.db, for example one a colleague shared."),
            "open",
            "open-workspace",
        )
        default = {"demo": self.demo_button, "empty": self.empty_button, "open": self.open_button}.get(suggested)
        if default is not None:
            default.setDefault(True)
            default.setObjectName("PrimaryButton")
            default.setFocus()

    def _option(self, col: QVBoxLayout, title: str, text: str, choice: str, icon_name: str) -> QPushButton:
        card = QFrame(self)
        card.setObjectName("Section")
        row = QHBoxLayout(card)
        row.setContentsMargins(14, 10, 14, 10)
        words = QVBoxLayout()
        head = QLabel(title, card)
        head.setObjectName("SectionTitle")
        body = QLabel(text, card)
        body.setWordWrap(True)
        body.setObjectName("Muted")
        words.addWidget(head)
        words.addWidget(body)
        row.addLayout(words, 1)
        button = QPushButton(icon(icon_name), self.tr("Choose"), card)
        button.setAccessibleName(title)
        button.clicked.connect(lambda: self._choose(choice))
        row.addWidget(button)
        col.addWidget(card)
        return button

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
