"""A small horizontal bar chart of a run's figures, drawn with QPainter.

Each bar is a label, a bar scaled to the largest figure and the figure itself; empty
figures are drawn as a faint track so the chart keeps its shape from run to run. Colours
are tokens of the scheme in use (``ui.theme``).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from smsflow_desktop.ui import theme
from smsflow_desktop.ui.labels import count_label, number

BAR_COLORS = {
    key: f"chart_{key}"
    for key in ("sent", "delivered", "failed", "skipped", "subscribed_pending", "unsubscribed", "in_doubt", "pending")
}
BAR_COLORS["skipped_people"] = "chart_skipped"
ROW = 24


class RunChart(QWidget):
    """Bars for ``[(key, value), ...]`` (keys as in ``RunSummary.bars``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Run figures"))

    def set_bars(self, bars: list[tuple[str, int]]) -> None:
        self.bars = list(bars)
        self.setAccessibleDescription(", ".join(f"{count_label(k)}: {v}" for k, v in self.bars))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, max(1, len(self.bars)) * ROW + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, max(1, len(self.bars)) * ROW + 4)

    def paintEvent(self, _event: object) -> None:
        if not self.bars:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        metrics = QFontMetrics(font)
        labels = [count_label(k) for k, _v in self.bars]
        figures = [number(v) for _k, v in self.bars]
        label_w = max(metrics.horizontalAdvance(t) for t in labels) + 12
        figure_w = max(metrics.horizontalAdvance(t) for t in figures) + 10
        track_w = max(40.0, self.width() - label_w - figure_w - 4)
        top = max(v for _k, v in self.bars) or 1
        for i, ((key, value), label, figure) in enumerate(zip(self.bars, labels, figures, strict=True)):
            y = i * ROW + 2
            p.setPen(theme.color("text_secondary" if value else "text_disabled"))
            p.drawText(
                QRectF(0, y, label_w - 8, ROW - 4), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label
            )
            track = QRectF(label_w, y + (ROW - 4 - 12) / 2, track_w, 12)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(theme.color("chart_track"))
            p.drawRoundedRect(track, 4, 4)
            if value:
                p.setBrush(theme.color(BAR_COLORS.get(key, "chart_other")))
                p.drawRoundedRect(QRectF(track.x(), track.y(), max(4.0, track_w * value / top), 12), 4, 4)
            p.setPen(theme.color("text" if value else "text_disabled"))
            p.drawText(
                QRectF(label_w + track_w + 6, y, figure_w, ROW - 4),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                figure,
            )
        p.end()
