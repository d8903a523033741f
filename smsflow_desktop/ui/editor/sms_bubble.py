"""A phone-like preview: the message as the recipient's phone shows it, in a chat bubble."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget


class PhonePreview(QFrame):
    """A dark phone frame with a light screen, the sender's name and one incoming bubble."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Phone")
        self.setFixedWidth(300)
        self.setMinimumHeight(440)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 22, 12, 22)
        screen = QFrame(self)
        screen.setObjectName("PhoneScreen")
        outer.addWidget(screen)
        col = QVBoxLayout(screen)
        col.setContentsMargins(14, 14, 14, 14)
        col.setSpacing(10)
        self.sender_label = QLabel(screen)
        self.sender_label.setObjectName("PhoneSender")
        self.sender_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(self.sender_label)
        self.bubble = QLabel(screen)
        self.bubble.setObjectName("Bubble")
        self.bubble.setWordWrap(True)
        self.bubble.setTextFormat(Qt.TextFormat.PlainText)
        self.bubble.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bubble.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bubble, 5)
        row.addStretch(1)
        col.addLayout(row)
        self.note = QLabel(screen)
        self.note.setObjectName("Muted")
        self.note.setWordWrap(True)
        col.addWidget(self.note)
        col.addStretch(1)

    def show_message(self, sender: str, text: str, note: str = "") -> None:
        self.sender_label.setText(sender)
        self.bubble.setText(text if text else " ")
        self.bubble.setVisible(bool(text))
        self.bubble.setAccessibleName(self.tr("Message as the recipient sees it: %1").replace("%1", text))
        self.note.setText(note)
