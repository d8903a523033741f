"""The page shown when no campaign is open: what is in the workspace and where to start."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSize, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from smsflow_desktop.ui.resources import icon
from smsflow_desktop.ui.workspace_data import NavigatorData


class WelcomePage(QWidget):
    """Start here: open a campaign from the navigator, create one, or import a file."""

    new_campaign_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 48, 48, 48)
        outer.addStretch(1)
        card = QFrame(self)
        card.setObjectName("Section")
        card.setMinimumWidth(360)
        card.setMaximumWidth(640)
        col = QVBoxLayout(card)
        col.setContentsMargins(32, 28, 32, 28)
        col.setSpacing(12)
        logo = QLabel(card)
        logo.setPixmap(icon("app").pixmap(QSize(56, 56), self.devicePixelRatioF()))
        title = QLabel(self.tr("Design, preview and run SMS campaigns"), card)
        title.setObjectName("WelcomeTitle")
        title.setWordWrap(True)
        text = QLabel(
            self.tr(
                "Open a campaign from <b>Marketing Activities</b> on the left, or start a new one. "
                "A campaign says <b>who</b> (Smart List), <b>what</b> (Flow: texts, Vibes subscriptions, waits) "
                "and <b>when</b> (Schedule)."
            ),
            card,
        )
        text.setWordWrap(True)
        text.setObjectName("Muted")
        self.summary = QLabel(card)
        self.summary.setWordWrap(True)
        buttons = QHBoxLayout()
        new_button = QPushButton(icon("new-campaign"), self.tr("New Campaign…"), card)
        new_button.setObjectName("PrimaryButton")
        import_button = QPushButton(icon("import"), self.tr("Import Campaign File…"), card)
        new_button.clicked.connect(self.new_campaign_requested)
        import_button.clicked.connect(self.import_requested)
        buttons.addWidget(new_button)
        buttons.addWidget(import_button)
        buttons.addStretch(1)
        for w in (logo, title, text, self.summary):
            col.addWidget(w)
        col.addLayout(buttons)
        row = QHBoxLayout()  # stretches, not an alignment flag: wrapped labels then get their height
        row.addStretch(1)
        row.addWidget(card, 10)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def set_summary(self, data: NavigatorData) -> None:
        loc = QLocale()
        self.summary.setText(
            self.tr("This workspace: %1 campaigns, %2 SMS messages, %3 people, %4 Vibes lists.")
            .replace("%1", loc.toString(len(data.campaigns)))
            .replace("%2", loc.toString(len(data.messages)))
            .replace("%3", loc.toString(data.people.total))
            .replace("%4", loc.toString(len(data.vibes_lists)))
        )
