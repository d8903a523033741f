"""The audience funnel of one step: smart list → eligible → in the Vibes list → recipients.

:func:`funnel_rows` turns an engine ``Preview`` into the rows to draw: each stage with the
people still in, and under it every reason people dropped out at that stage with its
count, in the contract's order (the stages follow from the step type's audience rule in
the registry, ``model.step_types``). :class:`FunnelView` draws those rows with proportional
bars; a click on a reason (or on Recipients), or Enter or Space on it, emits
:attr:`FunnelView.reason_clicked` so the dialog can list those people. Those rows are buttons
a screen reader names with their figure ("Unsubscribed: 127").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOption,
    QWidget,
)

from smsflow_desktop.model.step_types import find_step_type
from smsflow_desktop.ui import theme
from smsflow_desktop.ui.labels import number, reason_label
from smsflow_desktop.ui.qt_util import clear_layout

RECIPIENT = "recipient"
COLORS = {"stage": "chart_stage", "reason": "chart_reason", "recipients": "chart_recipients", "branch": "chart_branch"}


@dataclass(frozen=True)
class FunnelRow:
    """One line of the funnel: a stage (people still in) or a reason (people dropped there)."""

    kind: str  # "stage", "reason", "recipients" or "branch"
    key: str  # reason key, RECIPIENT, a stage name or a branch label
    label: str
    value: int


def stages(step_type: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The reasons of a step type grouped by the stage they close: before "eligible", the
    Vibes list check, after it (nothing for a type that is not registered or acts on no one)."""
    st = find_step_type(step_type)
    return st.audience.stages() if st is not None and st.audience is not None else ((), (), ())


def _stage_label(listed: tuple[str, ...], index: int) -> str:
    if index == 0:
        return QCoreApplication.translate("FunnelView", "In the smart list")
    if index == 1:
        return QCoreApplication.translate("FunnelView", "Eligible")
    if "already_member" in listed:  # the list check leaves out those already on the list
        return QCoreApplication.translate("FunnelView", "Not on the list yet")
    return QCoreApplication.translate("FunnelView", "On the Vibes list")


def funnel_rows(preview: Any, branch_notes: dict[str, str] | None = None) -> list[FunnelRow]:
    """The rows for a ``services.engine.preview.Preview`` (reasons with no one are kept, at 0);
    ``branch_notes`` adds what each branch sends to its label (``Choice 1 · Vårerbjudande``)."""
    notes = branch_notes or {}
    before, listed, after = stages(preview.step_type)
    excluded: dict[str, int] = dict(preview.excluded)
    known = set(before) | set(listed) | set(after)
    first = [r for r in before if r in excluded] + [r for r in excluded if r not in known]
    groups = [first, [r for r in listed if r in excluded], [r for r in after if r in excluded]]
    rows = [FunnelRow("stage", "smart_list", _stage_label(listed, 0), preview.smart_list)]
    left = preview.smart_list

    def drop(group: list[str]) -> None:
        nonlocal left
        for reason in group:
            rows.append(FunnelRow("reason", reason, reason_label(reason), excluded[reason]))
            left -= excluded[reason]

    drop(groups[0])
    rows.append(FunnelRow("stage", "eligible", _stage_label(listed, 1), left))
    drop(groups[1])
    if groups[1] and groups[2]:
        rows.append(FunnelRow("stage", "listed", _stage_label(listed, 2), left))
    drop(groups[2])
    rows.append(
        FunnelRow("recipients", RECIPIENT, QCoreApplication.translate("FunnelView", "Recipients"), preview.recipients)
    )
    for label, n in preview.by_branch.items():
        if len(preview.by_branch) > 1:
            text = branch_label(label) + (f" · {notes[label]}" if notes.get(label) else "")
            rows.append(FunnelRow("branch", label, text, n))
    return rows


def branch_label(label: str) -> str:
    """The engine names branches "Choice N" and "Default"; say them in the user's language."""
    if label.startswith("Choice ") and label[7:].isdigit():
        return QCoreApplication.translate("FunnelView", "Choice %1").replace("%1", label[7:])
    return QCoreApplication.translate("FunnelView", "Default") if label == "Default" else label


class FunnelBar(QWidget):
    """A rounded bar whose filled part is ``fraction`` of the width, in the colour token ``color``."""

    def __init__(self, fraction: float, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction = max(0.0, min(1.0, fraction))
        self.color = color
        self.setMinimumWidth(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(240, 12)

    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        track = QRectF(0, (self.height() - 10) / 2, self.width(), 10)
        p.setBrush(theme.color("chart_track"))
        p.drawRoundedRect(track, 5, 5)
        if self.fraction > 0:
            fill = QRectF(track.x(), track.y(), max(6.0, track.width() * self.fraction), track.height())
            p.setBrush(theme.color(self.color))
            p.drawRoundedRect(fill, 5, 5)
        p.end()


class FunnelRowButton(QAbstractButton):
    """A row whose people can be listed: a button in the Tab order that a click, Enter or Space
    presses; drawn by the stylesheet (``#FunnelRow``) around the label, figure and bar inside it."""

    chosen = Signal(str)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("FunnelRow")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.clicked.connect(lambda: self.chosen.emit(self.key))

    def paintEvent(self, _event: object) -> None:
        option = QStyleOption()
        option.initFrom(self)
        painter = QPainter(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            event.accept()
            return
        super().keyPressEvent(event)


class FunnelView(QFrame):
    """The funnel rows with bars; reasons and Recipients are clickable."""

    reason_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Section")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(16, 14, 16, 14)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(2, 1)
        self.rows: list[FunnelRow] = []
        self.values: dict[str, int] = {}  # shown figure by key, for tests and screen readers
        self.selected: str | None = None
        self._frames: dict[str, QWidget] = {}

    def clear(self) -> None:
        clear_layout(self.grid)
        self.rows, self.values, self._frames = [], {}, {}

    def set_rows(self, rows: list[FunnelRow]) -> None:
        self.clear()
        self.rows = rows
        total = max(1, rows[0].value if rows else 1)
        for r, row in enumerate(rows):
            self.values[row.key] = row.value
            clickable = row.kind in ("reason", "recipients") and row.value > 0
            frame: QWidget = FunnelRowButton(row.key, self) if clickable else QFrame(self)
            frame.setObjectName("FunnelRow")
            frame.setProperty("kind", row.kind)
            if isinstance(frame, FunnelRowButton):
                frame.chosen.connect(self._clicked)
                frame.setToolTip(self.tr("Show these people"))
                frame.setAccessibleDescription(self.tr("Show these people"))
            inner = QGridLayout(frame)
            inner.setContentsMargins(8, 5, 8, 5)
            inner.setHorizontalSpacing(14)
            indent = {"stage": "", "recipients": "", "reason": "−  ", "branch": "     "}[row.kind]
            label = QLabel(indent + row.label, frame)
            figure = QLabel(number(row.value), frame)
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            figure.setMinimumWidth(70)
            if row.kind in ("stage", "recipients"):
                label.setObjectName("SectionTitle")
                figure.setObjectName("SectionTitle")
            elif row.value == 0:
                label.setObjectName("Muted")
                figure.setObjectName("Muted")
            color = COLORS["stage" if row.kind == "stage" else row.kind if row.kind in COLORS else "reason"]
            label.setMinimumWidth(250)
            inner.addWidget(label, 0, 0)
            inner.addWidget(figure, 0, 1)
            inner.addWidget(FunnelBar(row.value / total, color, frame), 0, 2)
            inner.setColumnStretch(2, 1)
            frame.setAccessibleName(f"{row.label}: {number(row.value)}")
            self.grid.addWidget(frame, r, 0, 1, 3)
            self._frames[row.key] = frame

    def buttons(self) -> list[FunnelRowButton]:
        """The rows whose people can be listed, top to bottom."""
        return [w for w in self._frames.values() if isinstance(w, FunnelRowButton)]

    def _clicked(self, key: str) -> None:
        self.select(key)
        self.reason_clicked.emit(key)

    def select(self, key: str | None) -> None:
        """Mark the row whose people are listed."""
        self.selected = key
        for k, frame in self._frames.items():
            frame.setProperty("selected", k == key)
            frame.style().unpolish(frame)
            frame.style().polish(frame)
