"""The Flow tab's canvas: numbered step cards, top to bottom, that mirror the document.

:class:`FlowView` listens to the document (steps inserted, removed, moved, changed,
problems) and keeps one :class:`StepCard` per step. It takes drops from the palette (a step
type) and from its own cards (a reorder), drawing a line in the gap where the step will
land, and turns each drop into one controller verb. Keyboard: Delete, Ctrl+C / Ctrl+V /
Ctrl+D, Alt+Shift+Up / Alt+Shift+Down act on the current step (the one holding the focus;
Alt+Down stays the key that opens a drop-down); Ctrl+Up / Ctrl+Down go to the previous or
next step, and a step added, pasted or duplicated takes the focus. Tab goes through the
fields in the order the screen shows them, whatever order the cards were made in.
Cards are created in batches on the event loop after the first screenful, so a long flow
opens at once and stays responsive while the rest are built.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import uuid
from collections.abc import Callable

from pydantic import ValidationError
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.model.document import step_index_of
from smsflow_desktop.model.step_types import parse_step
from smsflow_desktop.model.validation import Problem
from smsflow_desktop.ui.editor.controller import DocumentController
from smsflow_desktop.ui.editor.drop_handling import accepts, decide_drop, indicator_y, insertion_index
from smsflow_desktop.ui.editor.focus_order import chain_after, reachable, reading_order
from smsflow_desktop.ui.editor.reflow import Reflow
from smsflow_desktop.ui.editor.step_card import StepCard
from smsflow_desktop.ui.qt_util import application, keep_room
from smsflow_desktop.ui.resources import pixmap
from smsflow_desktop.ui.step_types import MIME_STEP_JSON, step_move_mime, step_title
from smsflow_desktop.ui.workspace_data import Catalog

log = logging.getLogger(__name__)
CARD_SPACING = 12
MAX_CARD_WIDTH = 1040
#: Cards narrower than this reflow (labels above fields, choice rows stacked): no sideways scrolling.
NARROW_CARD_WIDTH = 660
FIRST_BATCH = 12  # cards built before the first paint
BATCH = 6  # cards built per event-loop turn afterwards (keeps each turn short)
_CHOICES_PATH = re.compile(r"^flow\[(\d+)\]\.choices$")
#: Keys of the step actions (also listed by Help > Keyboard Shortcuts).
MOVE_UP_KEYS = "Alt+Shift+Up"
MOVE_DOWN_KEYS = "Alt+Shift+Down"
PREVIOUS_STEP_KEYS = "Ctrl+Up"
NEXT_STEP_KEYS = "Ctrl+Down"
DUPLICATE_KEYS = "Ctrl+D"


class FlowView(QScrollArea):
    """The flow of the open campaign as a column of cards."""

    status_message = Signal(str)
    current_changed = Signal(int)
    test_send_requested = Signal(int)  # a card's "Send test…" (step index, 0-based)

    def __init__(self, controller: DocumentController, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FlowView")
        self.setAccessibleName(self.tr("Flow steps"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.controller = controller
        self.document = controller.document
        self.catalog = catalog
        self.token = uuid.uuid4().hex
        self.cards: list[StepCard] = []
        self.current_index: int | None = None
        self.confirm_delete: Callable[[int], bool] = self._ask_delete
        self.reflow = Reflow(NARROW_CARD_WIDTH)  # the cards reflow for a narrow flow
        self._fit_timer = QTimer(self)  # a card was added: does it still fit side by side?
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(lambda: self._fit_cards(added=True))
        self._pending: list[int] = []  # indices still to build (lazy creation)

        self.canvas = QWidget()
        self.canvas.setObjectName("FlowCanvas")
        self.column = QVBoxLayout(self.canvas)
        self.column.setContentsMargins(24, 20, 24, 24)
        self.column.setSpacing(CARD_SPACING)
        self.empty_state = self._build_empty_state()
        self.column.addWidget(self.empty_state)
        self.column.addStretch(1)
        self.setWidget(self.canvas)
        self.indicator = QFrame(self.canvas)
        self.indicator.setObjectName("DropIndicator")
        self.indicator.hide()
        self._build_timer = QTimer(self)
        self._build_timer.setInterval(0)
        self._build_timer.timeout.connect(self._build_batch)
        self._add_shortcuts()

        doc = self.document
        doc.item_inserted.connect(self._on_inserted)
        doc.item_removed.connect(self._on_removed)
        doc.item_moved.connect(self._on_moved)
        doc.value_set.connect(self._on_value_set)
        doc.reset.connect(self.rebuild)
        doc.problems_changed.connect(self._on_problems)
        application().focusChanged.connect(self._on_focus_changed)
        self.rebuild()

    def disconnect_document(self) -> None:
        """Stop mirroring (the editor is closing)."""
        doc = self.document
        doc.item_inserted.disconnect(self._on_inserted)
        doc.item_removed.disconnect(self._on_removed)
        doc.item_moved.disconnect(self._on_moved)
        doc.value_set.disconnect(self._on_value_set)
        doc.reset.disconnect(self.rebuild)
        doc.problems_changed.disconnect(self._on_problems)
        self._build_timer.stop()
        with contextlib.suppress(RuntimeError, TypeError):
            application().focusChanged.disconnect(self._on_focus_changed)

    # -- building --------------------------------------------------------------------------
    def _build_empty_state(self) -> QWidget:
        box = QFrame(self.canvas)
        box.setObjectName("EmptyFlow")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(32, 36, 32, 36)
        layout.setSpacing(10)
        art = QLabel(box)
        art.setPixmap(pixmap("drop-here", 56, self))
        art.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("Build your flow"), box)
        title.setObjectName("EmptyTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            self.tr(
                "Drag a flow action such as <b>Send SMS Message</b> from the Flow Actions list "
                "on the left and drop it here. Steps run from top to bottom.<br>"
                "Tip: double-click an action (or select it and press Enter) to add it at the end."
            ),
            box,
        )
        text.setObjectName("EmptyText")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for w in (art, title, text):
            layout.addWidget(w)
        box.setAccessibleName(self.tr("Empty flow: drop a flow action here"))
        return box

    def rebuild(self) -> None:
        """Drop every card and mirror the document afresh (open, import, reset)."""
        self._build_timer.stop()
        for card in self.cards:
            if card is not None:
                card.hide()
                card.setParent(None)
                card.deleteLater()
        n = self.document.step_count
        self.cards = [None] * n  # type: ignore[list-item]
        self._pending = list(range(n))
        self.canvas.setUpdatesEnabled(False)
        self._build_batch(FIRST_BATCH)
        self.canvas.setUpdatesEnabled(True)
        self._update_empty()
        if self._pending:
            self._build_timer.start()

    def _build_batch(self, size: int = BATCH) -> None:
        built = 0
        while self._pending and built < size:
            index = self._pending.pop(0)
            if self.cards[index] is None:
                self.cards[index] = self._make_card(index)
                self.column.insertWidget(self._layout_position(index), self.cards[index])
                self.cards[index].show()
                built += 1
        if not self._pending:
            self._build_timer.stop()
            self._on_problems(self.document.problems)
            self.update_tab_order()

    def ensure_built(self) -> None:
        """Build every remaining card now (before measuring or a drop)."""
        if self._pending:
            self._build_batch(len(self._pending))

    def _layout_position(self, index: int) -> int:
        # Layout holds: built cards in order, then the empty state, then the stretch.
        return sum(1 for c in self.cards[:index] if c is not None)

    def _make_card(self, index: int) -> StepCard:
        card = StepCard(self.controller, self.catalog, index, self.canvas)
        card.delete_requested.connect(self.request_delete)
        card.drag_requested.connect(self.start_reorder_drag)
        card.selected.connect(self.select)
        card.test_send_requested.connect(self.test_send_requested)
        card.set_narrow(self.narrow)
        card.set_problems(self.document.step_problems(index), force=True)
        self._fit_timer.start()
        return card

    def _update_empty(self) -> None:
        self.empty_state.setVisible(self.document.step_count == 0)

    def _renumber(self, start: int = 0) -> None:
        for i in range(start, len(self.cards)):
            if self.cards[i] is not None:
                self.cards[i].set_index(i)

    # -- mirroring the document ----------------------------------------------------------------
    def _on_inserted(self, list_path: str, index: int) -> None:
        if list_path == "flow":
            self.ensure_built()
            card = self._make_card(index)
            self.cards.insert(index, card)
            self.column.insertWidget(index, card)
            card.show()
            self._renumber(index + 1)
            self._update_empty()
            self.select(index)
            self.update_tab_order()
            QTimer.singleShot(0, lambda c=card: self._reveal(c))
        else:
            self._refresh_for(list_path)
            if _CHOICES_PATH.match(list_path):
                self._fit_timer.start()  # a narrow card with a new choice row may need more room

    def _on_removed(self, list_path: str, index: int) -> None:
        if list_path == "flow":
            self.ensure_built()
            card = self.cards.pop(index)
            card.hide()
            self.column.removeWidget(card)
            card.setParent(None)
            card.deleteLater()
            self._renumber(index)
            self._update_empty()
            if self.cards:
                self.select(min(index, len(self.cards) - 1))
            else:
                self.current_index = None
            self.update_tab_order()
        else:
            self._refresh_for(list_path)

    def _on_moved(self, list_path: str, src: int, dst: int) -> None:
        if list_path == "flow":
            self.ensure_built()
            card = self.cards.pop(src)
            self.cards.insert(dst, card)
            self.column.removeWidget(card)
            self.column.insertWidget(dst, card)
            self._renumber(min(src, dst))
            self.select(dst)
            self.update_tab_order()
            QTimer.singleShot(0, lambda c=card: self._reveal(c))
        else:
            self._refresh_for(list_path)

    def _refresh_for(self, path: str) -> None:
        index = step_index_of(path)
        if index is not None and index < len(self.cards) and self.cards[index] is not None:
            rows = self.cards[index].choice_rows
            self.cards[index].refresh()
            if self.cards[index].choice_rows is not rows:  # rows rebuilt: new widgets to put in order
                self.update_tab_order()

    def _on_value_set(self, path: str) -> None:
        index = step_index_of(path)
        if index is None or index >= len(self.cards) or self.cards[index] is None:
            return
        if path == f"flow[{index}]":  # the whole step was replaced
            old = self.cards[index]
            card = self._make_card(index)
            self.cards[index] = card
            self.column.replaceWidget(old, card)
            card.show()
            old.setParent(None)
            old.deleteLater()
            self.update_tab_order()
        else:
            self._refresh_for(path)

    def _on_problems(self, problems: list[Problem]) -> None:
        by_step: dict[int, list[Problem]] = {}
        for p in problems:
            if p.step is not None:
                by_step.setdefault(p.step - 1, []).append(p)
        for i, card in enumerate(self.cards):
            if card is not None:
                card.set_problems(by_step.get(i, []))

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        for card in self.cards:
            if card is not None:
                card.set_catalog(catalog)

    # -- selection and focus ------------------------------------------------------------------
    def select(self, index: int) -> None:
        if not 0 <= index < len(self.cards):
            return
        if self.current_index is not None and self.current_index < len(self.cards):
            old = self.cards[self.current_index]
            if old is not None:
                old.set_selected(False)
        self.current_index = index
        if self.cards[index] is not None:
            self.cards[index].set_selected(True)
        self.current_changed.emit(index)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        w = new
        while w is not None and not isinstance(w, StepCard):
            w = w.parentWidget()
        if isinstance(w, StepCard) and w.parentWidget() is self.canvas and w.index != self.current_index:
            self.select(w.index)

    def _reveal(self, card: StepCard) -> None:
        if card.parentWidget() is self.canvas:
            self.ensureWidgetVisible(card, 0, 24)

    def card(self, index: int) -> StepCard:
        self.ensure_built()
        return self.cards[index]

    def focus_problem(self, problem: Problem) -> None:
        """Scroll to the step of ``problem`` and put the cursor in the field to fix."""
        if problem.step is None:
            return
        card = self.card(problem.step - 1)
        self.select(card.index)
        self._reveal(card)
        widget = card.widget_for(problem.field or "") or card
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureWidgetVisible(widget, 0, 40)

    def update_tab_order(self) -> None:
        """Chain the fields of every card for Tab in the order the screen shows them."""
        if not self._pending:
            chain_after(self, reading_order(self.canvas))

    def first_field(self, index: int) -> QWidget | None:
        """The first field of step ``index`` Tab stops at (below the card's header), if any."""
        card = self.card(index)
        for widget in reading_order(card):
            if not card.header.isAncestorOf(widget) and reachable(widget, card):
                return widget
        return None

    def focus_step(self, index: int) -> None:
        """Select step ``index``, scroll to it and put the focus in its first field."""
        if not 0 <= index < self.document.step_count:
            return
        card = self.card(index)
        self.select(index)
        target = self.first_field(index) or card
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        QTimer.singleShot(0, lambda c=card: self._reveal(c))

    def focus_current(self) -> None:
        """Put the focus back in the flow: in the current step, else the first, else the empty flow."""
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            return
        if self.document.step_count:
            self.focus_step(self.current_index if self.current_index is not None else 0)
        else:
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_neighbour(self, delta: int) -> None:
        """Go to the previous (-1) or next (+1) step; the first and last steps stay put."""
        n = self.document.step_count
        if not n:
            return
        if self.current_index is None:
            target = 0 if delta > 0 else n - 1
        else:
            target = max(0, min(n - 1, self.current_index + delta))
        self.focus_step(target)

    # -- keyboard ------------------------------------------------------------------------------
    def _add_shortcuts(self) -> None:
        specs = [
            ("delete", self.tr("Delete Step"), QKeySequence(QKeySequence.StandardKey.Delete), self._delete_current),
            ("copy", self.tr("Copy Step"), QKeySequence(QKeySequence.StandardKey.Copy), self.copy_current),
            ("paste", self.tr("Paste Step"), QKeySequence(QKeySequence.StandardKey.Paste), self.paste),
            ("duplicate", self.tr("Duplicate Step"), QKeySequence(DUPLICATE_KEYS), self.duplicate_current),
            ("up", self.tr("Move Step Up"), QKeySequence(MOVE_UP_KEYS), lambda: self.move_current(-1)),
            ("down", self.tr("Move Step Down"), QKeySequence(MOVE_DOWN_KEYS), lambda: self.move_current(1)),
            ("previous", self.tr("Go to Previous Step"), QKeySequence(PREVIOUS_STEP_KEYS), self.previous_step),
            ("next", self.tr("Go to Next Step"), QKeySequence(NEXT_STEP_KEYS), self.next_step),
        ]
        self.actions_by_name: dict[str, QAction] = {}
        for name, text, keys, slot in specs:
            action = QAction(text, self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions_by_name[name] = action
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _ask_delete(self, index: int) -> bool:
        title = step_title(self.document.campaign.flow[index].type)
        answer = QMessageBox.question(
            self,
            self.tr("Delete step"),
            self.tr("Delete step %1, “%2”? You can undo this with Ctrl+Z.")
            .replace("%1", str(index + 1))
            .replace("%2", title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def request_delete(self, index: int) -> None:
        """Delete step ``index`` after confirmation."""
        if 0 <= index < self.document.step_count and self.confirm_delete(index):
            self.controller.remove_step(index)

    def _delete_current(self) -> None:
        if self.current_index is not None:
            self.request_delete(self.current_index)

    def move_current(self, delta: int) -> None:
        if self.current_index is None:
            return
        src = self.current_index
        if self.controller.move_step(src, src + delta):
            card = self.cards[src + delta]
            focus = QApplication.focusWidget()
            if not card.hasFocus() and not (focus is not None and card.isAncestorOf(focus)):
                card.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def previous_step(self) -> None:
        self.focus_neighbour(-1)

    def next_step(self) -> None:
        self.focus_neighbour(1)

    def duplicate_current(self) -> None:
        if self.current_index is not None:
            self.focus_step(self.controller.duplicate_step(self.current_index))

    def copy_current(self) -> None:
        if self.current_index is None:
            return
        step = self.document.campaign.flow[self.current_index]
        text = json.dumps(step.model_dump(mode="json"), ensure_ascii=False)
        mime = QMimeData()
        mime.setData(MIME_STEP_JSON, text.encode("utf-8"))
        mime.setText(text)
        QApplication.clipboard().setMimeData(mime)
        self.status_message.emit(self.tr("Step %1 copied").replace("%1", str(self.current_index + 1)))

    def paste(self) -> None:
        mime = QApplication.clipboard().mimeData()
        if mime is None:
            return
        raw = bytes(mime.data(MIME_STEP_JSON).data()).decode("utf-8") if mime.hasFormat(MIME_STEP_JSON) else mime.text()
        try:
            step = parse_step(json.loads(raw))
        except (ValidationError, ValueError):
            self.status_message.emit(self.tr("The clipboard holds no flow step to paste."))
            return
        at = self.document.step_count if self.current_index is None else self.current_index + 1
        self.focus_step(self.controller.insert_step(step, at))

    # -- drag and drop --------------------------------------------------------------------------
    def card_spans(self) -> list[tuple[int, int]]:
        return [(c.geometry().top(), c.geometry().bottom()) for c in self.cards if c is not None]

    def gap_at(self, viewport_pos: QPoint) -> int:
        """The gap (0..n) under a point of the viewport."""
        self.ensure_built()
        y = self.canvas.mapFrom(self.viewport(), viewport_pos).y()
        return insertion_index(self.card_spans(), y)

    def _show_indicator(self, gap: int) -> None:
        spans = self.card_spans()
        margins = self.column.contentsMargins()
        y = indicator_y(spans, gap, CARD_SPACING) if spans else margins.top() // 2
        self.indicator.setGeometry(
            margins.left() - 6, y - 2, self.canvas.width() - margins.left() - margins.right() + 12, 4
        )
        self.indicator.show()
        self.indicator.raise_()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if accepts(event.mimeData(), self.token):
            event.acceptProposedAction()
            self._show_indicator(self.gap_at(event.position().toPoint()))
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not accepts(event.mimeData(), self.token):
            event.ignore()
            return
        pos = event.position().toPoint()
        self._autoscroll(pos)
        self._show_indicator(self.gap_at(pos))
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.indicator.hide()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self.indicator.hide()
        if not accepts(event.mimeData(), self.token):
            event.ignore()
            return
        event.acceptProposedAction()
        action = decide_drop(event.mimeData(), self.token, self.gap_at(event.position().toPoint()))
        if action is None:  # a step dropped where it already is
            return
        if action.kind == "add":
            self.focus_step(self.controller.add_step(action.type_id, action.index))  # type: ignore[arg-type]
        else:
            self.controller.move_step(action.source, action.index)  # type: ignore[arg-type]

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Keep cards readable on wide screens: the column stops growing at MAX_CARD_WIDTH.
        extra = max(0, self.viewport().width() - MAX_CARD_WIDTH - 48)
        self.column.setContentsMargins(24, 20, 24 + extra, 24)
        super().resizeEvent(event)
        self._fit_cards()

    @property
    def narrow(self) -> bool:
        """Whether the cards are laid out for a narrow flow."""
        return self.reflow.narrow

    def _fit_cards(self, added: bool = False) -> None:
        """Reflow the cards when the flow is too narrow for their fields side by side: below
        NARROW_CARD_WIDTH, or below what the widest card needs side by side (a long title and
        all its buttons). Narrow cards keep the flow as wide as they need."""
        margins = self.column.contentsMargins()
        room = self.viewport().width() - margins.left() - margins.right()
        switched = self.reflow.fit(room, [card for card in self.cards if card is not None])
        if self.narrow and (switched or added):
            keep_room(self)

    def _autoscroll(self, pos: QPoint) -> None:
        bar = self.verticalScrollBar()
        margin = 40
        if pos.y() < margin:
            bar.setValue(bar.value() - 20)
        elif pos.y() > self.viewport().height() - margin:
            bar.setValue(bar.value() + 20)

    def start_reorder_drag(self, index: int) -> None:
        """Drag step ``index`` to another gap (runs the drag's own event loop)."""
        card = self.cards[index]
        drag = QDrag(self)
        drag.setMimeData(step_move_mime(self.token, index))
        image = card.grab()
        width = min(image.width(), 360)
        drag.setPixmap(image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))
        drag.setHotSpot(QPoint(20, 16))
        drag.exec(Qt.DropAction.MoveAction)
