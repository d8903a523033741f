"""The Vibes callback receiver, on or off, with the URL to register in Vibes.

While on, ``services.vibes.callbacks.CallbackReceiver`` listens (on its own thread) for
opt-ins, opt-outs, pending opt-in changes and delivery receipts and writes them into the
workspace. It listens on this computer only; to receive from the real Vibes, put a tunnel
or reverse proxy in front of it and register that public address. The URL, which holds the
workspace's callback secret as its ``token``, can be copied.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.ui.resources import icon, pad_spin_boxes


class CallbackDialog(QDialog):
    """Switch the receiver on or off; shows its URL and what it received."""

    toggled = Signal(bool, int)  # on, port (0: any free port)

    def __init__(
        self, url: str | None, counts: Callable[[], dict[str, int]], port: int = 0, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.counts = counts
        self.setWindowTitle(self.tr("Vibes callbacks"))
        self.setMinimumWidth(560)
        col = QVBoxLayout(self)
        col.setContentsMargins(22, 18, 22, 16)
        col.setSpacing(10)
        intro = QLabel(
            self.tr(
                "Vibes can tell this workspace when people opt in or out and when texts are "
                "delivered. Switch the receiver on and register its URL in Vibes as a callback."
            ),
            self,
        )
        intro.setWordWrap(True)
        col.addWidget(intro)
        row = QHBoxLayout()
        self.switch = QCheckBox(self.tr("Receive callbacks"), self)
        self.port = QSpinBox(self)
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText(self.tr("any free port"))
        self.port.setValue(port)
        self.port.setAccessibleName(self.tr("Port"))
        pad_spin_boxes(self.port)
        row.addWidget(self.switch)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Port"), self))
        row.addWidget(self.port)
        col.addLayout(row)
        url_row = QHBoxLayout()
        self.url = QLineEdit(self)
        self.url.setReadOnly(True)
        self.url.setAccessibleName(self.tr("Callback URL"))
        self.copy_button = QPushButton(icon("copy"), self.tr("Copy"), self)
        self.copy_button.clicked.connect(self.copy_url)
        url_row.addWidget(self.url, 1)
        url_row.addWidget(self.copy_button)
        col.addLayout(url_row)
        self.note = QLabel(
            self.tr(
                "It listens on this computer only: to receive from Vibes on the internet, put a "
                "tunnel or reverse proxy in front of it and register that address, keeping the "
                "token at its end. The token is this workspace's callback secret: callbacks "
                "without it are refused, so share the URL with Vibes only."
            ),
            self,
        )
        self.note.setWordWrap(True)
        self.note.setObjectName("Muted")
        self.received = QLabel(self)
        self.received.setObjectName("Muted")
        self.error = QLabel(self)
        self.error.setObjectName("OverLimit")
        self.error.setWordWrap(True)
        for w in (self.note, self.received, self.error):
            col.addWidget(w)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        self.copy_button.setAutoDefault(False)
        close.setDefault(True)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        col.addLayout(bottom)
        self.set_state(url)
        self.switch.toggled.connect(lambda on: self.toggled.emit(on, self.port.value()))

    def set_state(self, url: str | None, error: str = "") -> None:
        """Show the receiver as on (``url``) or off (None)."""
        on = url is not None
        self.switch.blockSignals(True)
        self.switch.setChecked(on)
        self.switch.blockSignals(False)
        self.port.setEnabled(not on)
        self.url.setText(url or "")
        self.url.setPlaceholderText(self.tr("Off"))
        self.copy_button.setEnabled(on)
        self.error.setText(error)
        self.error.setVisible(bool(error))
        c = self.counts()
        self.received.setText(
            self.tr("Received since it started: %1 applied, %2 repeats ignored, %3 refused.")
            .replace("%1", str(c.get("applied", 0)))
            .replace("%2", str(c.get("duplicate", 0)))
            .replace("%3", str(c.get("refused", 0)))
            if on
            else ""
        )

    def copy_url(self) -> None:
        if self.url.text():
            QGuiApplication.clipboard().setText(self.url.text())
