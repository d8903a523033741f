"""The Smart List tab: who qualifies. Triggers, numbered filters, ALL / ANY / custom logic,
and a live audience count.

Triggers (Subscribes to / Unsubscribes from Vibes List, SMS Bounces, Person Is Created,
Added to List) and filters (person fields, Member of List, Member of Vibes List, Subscribed
to Vibes List) come from the library on the right: drag one onto the tab, or double-click it
or press Enter. A filter dragged in goes where the drop line shows, between the filters (as a
flow step does in the flow), or last while the logic is a custom expression, whose numbers
must keep naming the same filters. Triggers are listed above the filters; a campaign with a
trigger runs for each person it fires for while the campaign is active. Every edit is a
controller verb; the tab mirrors the document's ``smart_list`` and asks the
:class:`AudienceCounter` for a new count (off the GUI thread, debounced) whenever the filters
change. Filters still being set up are left out of that count, and the audience card says so
(:mod:`.incomplete_filters`). On a small window the side panel gives up room to the filters (down
to :data:`SIDE_MIN_WIDTH`, its entries wrapping onto more lines), and the triggers, the logic and
the filters reflow as the flow's cards do (:mod:`.reflow`) instead of scrolling sideways.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pydantic import BaseModel
from PySide6.QtCore import QEvent, QLocale, QMimeData, QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.model.campaign import (
    TRIGGER_TYPES,
    MemberOfListFilter,
    MemberOfVibesListFilter,
    PersonFieldFilter,
    SubscribedToVibesListFilter,
)
from smsflow_desktop.model.logic import LogicError, parse_logic
from smsflow_desktop.ui.editor.audience import AudienceCounter
from smsflow_desktop.ui.editor.controller import DocumentController
from smsflow_desktop.ui.editor.drop_handling import indicator_y, insertion_index
from smsflow_desktop.ui.editor.filter_rows import FilterRow
from smsflow_desktop.ui.editor.focus_order import chain_after, reading_order
from smsflow_desktop.ui.editor.incomplete_filters import countable
from smsflow_desktop.ui.editor.logic_editor import LogicEditor
from smsflow_desktop.ui.editor.problem_text import problem_text
from smsflow_desktop.ui.editor.reflow import Reflow
from smsflow_desktop.ui.editor.trigger_rows import TriggerRow, new_trigger
from smsflow_desktop.ui.editor.wrapped_items import wrap_entries
from smsflow_desktop.ui.labels import filter_type_label, person_field_label, trigger_type_label
from smsflow_desktop.ui.qt_util import keep_room
from smsflow_desktop.ui.resources import icon, repolish
from smsflow_desktop.ui.workspace_data import Catalog

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
#: What a drag from the library carries: the entry's kind (``trigger:added_to_list``,
#: ``member_of_list``, ``field:country``), nothing else.
MIME_SMART_LIST_ITEM = "application/x-smsflow-smart-list-item"
TRIGGER_PREFIX = "trigger:"
#: The side panel (audience, the library) when there is room, and the narrowest it gets.
SIDE_WIDTH = 300
SIDE_MIN_WIDTH = 240
#: The room the filters are given before the side panel narrows on a small window.
LIST_ROOM = 520
#: Filters with less room than this reflow (inputs under their titles), as do the triggers and the logic.
NARROW_ROW_WIDTH = 560


def smart_list_mime(kind: str) -> QMimeData:
    """The drag data of a library entry."""
    data = QMimeData()
    data.setData(MIME_SMART_LIST_ITEM, kind.encode("utf-8"))
    return data


def read_smart_list_kind(mime: QMimeData) -> str | None:
    """The library entry a drag carries, or None when it is not one we know."""
    if not mime.hasFormat(MIME_SMART_LIST_ITEM):
        return None
    kind = bytes(mime.data(MIME_SMART_LIST_ITEM).data()).decode("utf-8", "replace")
    if kind.startswith(TRIGGER_PREFIX):
        return kind if kind[len(TRIGGER_PREFIX) :] in TRIGGER_TYPES else None
    if kind.startswith("field:") and len(kind) > len("field:"):
        return kind
    return kind if kind in ("member_of_list", "member_of_vibes_list", "subscribed_to_vibes_list") else None


def new_filter(kind: str) -> BaseModel:
    """A fresh filter for a library entry: ``field:country`` or a filter type."""
    if kind.startswith("field:"):
        return PersonFieldFilter(field=kind[len("field:") :], operator="is", values=[])
    return {
        "member_of_list": lambda: MemberOfListFilter(list=""),
        "member_of_vibes_list": lambda: MemberOfVibesListFilter(vibes_list_id=""),
        "subscribed_to_vibes_list": lambda: SubscribedToVibesListFilter(vibes_list_id=""),
    }[kind]()


class _Library(QListWidget):
    """The library of triggers and filters; its drags carry the entry's kind only."""

    def mimeTypes(self) -> list[str]:
        return [MIME_SMART_LIST_ITEM]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        for item in items:
            kind = item.data(KIND_ROLE)
            if kind:
                return smart_list_mime(kind)
        return QMimeData()

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


class _DropCanvas(QWidget):
    """The tab's canvas: takes a trigger or a filter dragged from the library. While a filter
    is dragged over it, a line shows where it will go (``gap_at`` says which gap between the
    filter rows the pointer is over, ``spans`` where the rows are)."""

    dropped = Signal(str, int)  # kind, the gap a filter goes in (-1: at the end)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("FlowCanvas")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAcceptDrops(True)
        self.gap_at: Callable[[QPoint], int] = lambda _pos: -1
        self.spans: Callable[[], tuple[list[tuple[int, int]], int, int]] = lambda: ([], 0, 0)
        self.indicator = QFrame(self)
        self.indicator.setObjectName("DropIndicator")
        self.indicator.hide()

    def _hover(self, on: bool) -> None:
        if bool(self.property("dropping")) != on:
            self.setProperty("dropping", on)
            repolish(self)
        if not on:
            self.indicator.hide()

    def _show_gap(self, kind: str, pos: QPoint) -> None:
        spans, left, width = self.spans()
        if kind.startswith(TRIGGER_PREFIX) or not spans:
            self.indicator.hide()
            return
        gap = self.gap_at(pos)
        y = indicator_y(spans, len(spans) if gap < 0 else gap, 8)
        self.indicator.setGeometry(left - 6, y - 2, width + 12, 4)
        self.indicator.show()
        self.indicator.raise_()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        kind = read_smart_list_kind(event.mimeData())
        if kind is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self._hover(True)
            self._show_gap(kind, event.position().toPoint())
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        kind = read_smart_list_kind(event.mimeData())
        if kind is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self._show_gap(kind, event.position().toPoint())
        else:
            event.ignore()

    def dragLeaveEvent(self, event: object) -> None:
        self._hover(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._hover(False)
        kind = read_smart_list_kind(event.mimeData())
        if kind is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.dropped.emit(kind, -1 if kind.startswith(TRIGGER_PREFIX) else self.gap_at(event.position().toPoint()))


class SmartListTab(QWidget):
    """Filters and logic of the open campaign, with the audience they qualify."""

    def __init__(
        self,
        controller: DocumentController,
        catalog: Catalog,
        counter: AudienceCounter | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.document = controller.document
        self.catalog = catalog
        self.counter = counter
        self.rows: list[FilterRow] = []
        self.trigger_rows: list[TriggerRow] = []
        self.reflow = Reflow(NARROW_ROW_WIDTH)
        self._fit_timer = QTimer(self)  # rows were added: do they still fit on one line?
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(lambda: self.fit_rows(added=True))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setObjectName("FlowView")
        scroll.setAccessibleName(self.tr("Filters and triggers"))
        self.scroll_area = scroll
        canvas = _DropCanvas()
        canvas.dropped.connect(self.add_from_library)
        canvas.gap_at = self.filter_gap_at
        canvas.spans = self._filter_spans
        self.canvas = canvas
        self.column = QVBoxLayout(canvas)
        self.column.setContentsMargins(24, 20, 24, 24)
        self.column.setSpacing(10)
        self.column.addWidget(self._build_triggers(canvas))
        filters_title = QLabel(self.tr("Filters"), canvas)
        filters_title.setObjectName("SectionTitle")
        self.column.addSpacing(6)
        self.column.addWidget(filters_title)
        self.logic = LogicEditor(canvas)
        self.logic.logic_committed.connect(self.controller.set_logic)
        self.column.addWidget(self.logic)
        self.empty = QLabel(
            self.tr(
                "<b>No filters yet.</b> Everyone in the workspace qualifies.<br>"
                "Drag a filter here from the list on the right, or double-click it."
            ),
            canvas,
        )
        self.empty.setObjectName("EmptyText")
        self.empty.setWordWrap(True)
        self.column.addWidget(self.empty)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(8)
        self.column.addLayout(self.rows_box)
        self.column.addStretch(1)
        scroll.setWidget(canvas)
        layout.addWidget(scroll, 1)
        self.side = self._build_side()
        layout.addWidget(self.side)

        doc = self.document
        doc.value_set.connect(self._on_value_set)
        doc.item_inserted.connect(self._on_list_changed)
        doc.item_removed.connect(self._on_list_changed)
        doc.item_moved.connect(self._on_list_changed)
        doc.reset.connect(self.rebuild)
        doc.problems_changed.connect(self._on_problems)
        if counter is not None:
            counter.counted.connect(self._show_count)
            counter.failed.connect(self._show_count_failed)
            counter.busy_changed.connect(self._show_busy)
        self.rebuild()
        scroll.viewport().installEventFilter(self)  # its width decides whether the rows reflow

    def _build_triggers(self, parent: QWidget) -> QWidget:
        box = QFrame(parent)
        box.setObjectName("TriggerBox")
        col = QVBoxLayout(box)
        col.setContentsMargins(14, 10, 14, 12)
        col.setSpacing(8)
        head = QHBoxLayout()
        title = QLabel(self.tr("Triggers"), box)
        title.setObjectName("SectionTitle")
        head.addWidget(title)
        head.addStretch(1)
        col.addLayout(head)
        self.triggers_note = QLabel(box)
        self.triggers_note.setObjectName("Muted")
        self.triggers_note.setWordWrap(True)
        col.addWidget(self.triggers_note)
        self.triggers_box = QVBoxLayout()
        self.triggers_box.setSpacing(6)
        col.addLayout(self.triggers_box)
        self.triggers_problem = QLabel(box)
        self.triggers_problem.setObjectName("CardProblems")
        self.triggers_problem.setWordWrap(True)
        self.triggers_problem.hide()
        col.addWidget(self.triggers_problem)
        return box

    def disconnect_document(self) -> None:
        doc = self.document
        doc.value_set.disconnect(self._on_value_set)
        doc.item_inserted.disconnect(self._on_list_changed)
        doc.item_removed.disconnect(self._on_list_changed)
        doc.item_moved.disconnect(self._on_list_changed)
        doc.reset.disconnect(self.rebuild)
        doc.problems_changed.disconnect(self._on_problems)

    # -- side panel: audience and the filter library -------------------------------------------
    def _build_side(self) -> QWidget:
        side = QFrame(self)
        side.setObjectName("Palette")
        side.setFixedWidth(SIDE_WIDTH)
        col = QVBoxLayout(side)
        col.setContentsMargins(12, 12, 12, 12)
        col.setSpacing(10)
        card = QFrame(side)
        card.setObjectName("AudienceCard")
        self.audience_card = card
        card_col = QVBoxLayout(card)
        card_col.setContentsMargins(16, 12, 16, 12)
        card_col.setSpacing(2)
        caption = QLabel(self.tr("Audience"), card)
        caption.setObjectName("SectionCaption")
        self.count_label = QLabel("—", card)
        self.count_label.setObjectName("AudienceCount")
        self.count_label.setAccessibleName(self.tr("Audience: not counted yet"))
        self.count_note = QLabel(self.tr("people qualify"), card)
        self.count_note.setObjectName("Muted")
        self.count_note.setWordWrap(True)
        self.left_out_note = QLabel(card)  # filters being set up, not counted yet
        self.left_out_note.setObjectName("Muted")
        self.left_out_note.setWordWrap(True)
        self.left_out_note.hide()
        for w in (caption, self.count_label, self.count_note, self.left_out_note):
            card_col.addWidget(w)
        col.addWidget(card)
        title = QLabel(self.tr("Triggers and Filters"), side)
        title.setObjectName("PanelTitle")
        col.addWidget(title)
        self.library_title = title
        self.search = QLineEdit(side)
        self.search.setPlaceholderText(self.tr("Search triggers and filters"))
        self.search.setAccessibleName(self.tr("Search triggers and filters"))
        self.search.setClearButtonEnabled(True)
        col.addWidget(self.search)
        self.library = _Library(side)
        self.library.setAccessibleName(
            self.tr("Triggers and filters: drag one onto the smart list, or press Enter to add it")
        )
        self.library.setDragEnabled(True)
        self.library.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.library.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.library.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        wrap_entries(self.library)  # a long name wraps on a narrow panel
        col.addWidget(self.library, 1)
        hint = QLabel(self.tr("Drag a trigger or filter onto the smart list, or double-click it."), side)
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        col.addWidget(hint)
        self.library_hint = hint
        self._fill_library()
        self.library.itemActivated.connect(self._library_activated)
        self.search.textChanged.connect(self._filter_library)
        return side

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_side()

    def fit_side(self) -> None:
        """The side panel as wide as the filters leave it; the audience card as tall as its
        wrapped lines need, the library giving way; on a short panel the hint under the library
        goes rather than leave it less than three entries."""
        width = max(SIDE_MIN_WIDTH, min(SIDE_WIDTH, self.width() - LIST_ROOM))
        if self.side.width() != width:
            self.side.setFixedWidth(width)
        col = self.side.layout()
        assert col is not None
        margins = col.contentsMargins()
        inner = width - margins.left() - margins.right()
        card = self.audience_card
        card.setMinimumHeight(card.heightForWidth(inner))
        rows = 3 * max((self.library.sizeHintForRow(i) for i in range(min(4, self.library.count()))), default=0) + 8
        others = (
            card.minimumHeight()
            + self.library_title.sizeHint().height()
            + self.search.sizeHint().height()
            + self.library_hint.heightForWidth(inner)
            + 4 * col.spacing()
            + margins.top()
            + margins.bottom()
        )
        self.library_hint.setVisible(self.height() - others >= rows)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_rows()
        return super().eventFilter(watched, event)

    def _reflowing(self) -> list[QWidget]:
        return [self.logic, *self.trigger_rows, *self.rows]

    def fit_rows(self, added: bool = False) -> None:
        """Reflow the triggers, the logic and the filters when the tab is too narrow for each on
        one line (:class:`.reflow.Reflow`)."""
        margins = self.column.contentsMargins()
        room = self.scroll_area.viewport().width() - margins.left() - margins.right()
        switched = self.reflow.fit(room, self._reflowing())  # type: ignore[arg-type]
        if self.narrow and (switched or added):
            keep_room(self.scroll_area)

    @property
    def narrow(self) -> bool:
        """Whether the rows are laid out for a narrow tab."""
        return self.reflow.narrow

    def _library_heading(self, text: str) -> None:
        item = QListWidgetItem(text)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        item.setSizeHint(QSize(0, item.font().pointSize() * 2 + 22))
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.library.addItem(item)

    def _fill_library(self) -> None:
        self.library.clear()
        self._library_heading(self.tr("Triggers"))
        for trigger in TRIGGER_TYPES:
            item = QListWidgetItem(icon("trigger"), trigger_type_label(trigger))
            item.setData(KIND_ROLE, TRIGGER_PREFIX + trigger)
            item.setToolTip(self.tr("Trigger: people enter the flow when this happens to them"))
            self.library.addItem(item)
        self._library_heading(self.tr("Filters"))
        for kind in ("member_of_vibes_list", "subscribed_to_vibes_list", "member_of_list"):
            item = QListWidgetItem(icon("vibes-list" if "vibes" in kind else "static-list"), filter_type_label(kind))
            item.setData(KIND_ROLE, kind)
            self.library.addItem(item)
        for field in self.catalog.person_fields:
            item = QListWidgetItem(icon("people"), person_field_label(field))
            item.setData(KIND_ROLE, f"field:{field}")
            item.setToolTip(self.tr("Person field: %1").replace("%1", person_field_label(field)))
            self.library.addItem(item)

    def _filter_library(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.library.count()):
            item = self.library.item(i)
            if item.data(KIND_ROLE):
                item.setHidden(bool(needle) and needle not in item.text().casefold())
            else:  # a heading stays while an entry under it shows
                shown = False
                for j in range(i + 1, self.library.count()):
                    below = self.library.item(j)
                    if not below.data(KIND_ROLE):
                        break
                    shown = shown or not (bool(needle) and needle not in below.text().casefold())
                item.setHidden(not shown)
        current = self.library.currentItem()
        if current is None or current.isHidden() or not current.data(KIND_ROLE):
            # Enter adds what the search found, not a heading or an entry it hid
            first = next(
                (
                    it
                    for i in range(self.library.count())
                    if (it := self.library.item(i)).data(KIND_ROLE) and not it.isHidden()
                ),
                None,
            )
            if first is not None:
                self.library.setCurrentItem(first)

    def _library_activated(self, item: QListWidgetItem) -> None:
        kind = item.data(KIND_ROLE)
        if kind:
            self.focus_added(kind, self.add_from_library(kind))

    def focus_added(self, kind: str, index: int) -> None:
        """Put the cursor in what is left to fill of the trigger or filter just added (Enter or
        a double-click in the library), as a step added from the Flow Actions takes the focus."""
        target: QWidget | None = None
        if kind.startswith(TRIGGER_PREFIX):
            if 0 <= index < len(self.trigger_rows):
                target = self.trigger_rows[index].combo
        elif 0 <= index < len(self.rows):
            row = self.rows[index]
            target = row.widget_for("values") if row.condition is not None else row.combo
        if target is not None:
            self.scroll_area.ensureWidgetVisible(target)
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_from_library(self, kind: str, gap: int = -1) -> int:
        """Add the library entry ``kind`` (dragged, double-clicked or Enter); a filter goes in
        ``gap`` between the filters (-1: last). Returns its index."""
        if kind.startswith(TRIGGER_PREFIX):
            return self.controller.add_trigger(new_trigger(kind[len(TRIGGER_PREFIX) :]))
        count = len(self.document.campaign.smart_list.filters)
        return self.controller.add_filter(new_filter(kind), gap if 0 <= gap < count else None)

    def _custom_logic(self) -> bool:
        return self.document.campaign.smart_list.logic.strip().lower() not in ("all", "any")

    def _filter_spans(self) -> tuple[list[tuple[int, int]], int, int]:
        """The filter rows' tops and bottoms on the canvas, and the rows' left edge and width."""
        rows = [r for r in self.rows if r.isVisible()]
        if not rows:
            return [], 0, 0
        spans = [(r.geometry().top(), r.geometry().bottom()) for r in rows]
        return spans, rows[0].geometry().left(), rows[0].geometry().width()

    def filter_gap_at(self, pos: QPoint) -> int:
        """The gap between filter rows a filter dropped at ``pos`` (canvas coordinates) goes in:
        ``k`` before filter ``k``, -1 after the last. With a custom logic expression a new filter
        always goes last, so the numbers it names keep naming the same filters."""
        spans, _left, _width = self._filter_spans()
        if not spans or self._custom_logic():
            return -1
        gap = insertion_index(spans, pos.y())
        return -1 if gap >= len(spans) else gap

    # -- mirroring ---------------------------------------------------------------------------
    def rebuild(self) -> None:
        for row in self.rows:
            row.hide()
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        for i, flt in enumerate(self.document.campaign.smart_list.filters):
            row = FilterRow(flt, self.catalog, i, self)
            row.field_changed.connect(self.controller.set_filter_field)
            row.remove_requested.connect(self.controller.remove_filter)
            row.set_narrow(self.narrow)
            self.rows_box.addWidget(row)
            row.show()
            self.rows.append(row)
        self._fit_timer.start()
        self._rebuild_triggers()
        self._refresh_logic()
        self._on_problems(self.document.problems)
        self.empty.setVisible(not self.rows)
        self._chain_tab_order()
        self.request_count()

    def _chain_tab_order(self) -> None:
        """Tab goes through the triggers, the logic and the filters as the screen shows them, then
        the library on the right: rows are made after the library, so Qt would reach them last."""
        order = reading_order(self.canvas) + reading_order(self.side)
        if order:
            chain_after(order[0], order[1:])

    def _rebuild_triggers(self) -> None:
        for row in self.trigger_rows:
            row.hide()
            row.setParent(None)
            row.deleteLater()
        self.trigger_rows = []
        for i, trigger in enumerate(self.document.campaign.smart_list.triggers):
            row = TriggerRow(trigger, self.catalog, i, self)
            row.field_changed.connect(self.controller.set_trigger_field)
            row.remove_requested.connect(self.controller.remove_trigger)
            row.set_narrow(self.narrow)
            self.triggers_box.addWidget(row)
            row.show()
            self.trigger_rows.append(row)
        self._fit_timer.start()
        self.triggers_note.setText(
            self.tr(
                "People who pass the filters enter the flow the moment one of these happens to them, "
                "while the campaign is active. Activate it on the Schedule tab."
            )
            if self.trigger_rows
            else self.tr(
                "No triggers: the campaign runs when you run it or on its schedule. Drag a trigger here "
                "to have people enter the flow the moment it happens to them."
            )
        )

    def _refresh_logic(self) -> None:
        sl = self.document.campaign.smart_list
        self.logic.set_logic(sl.logic, len(sl.filters))

    def _on_value_set(self, path: str) -> None:
        if not path.startswith("smart_list"):
            return
        if path == "smart_list.logic":
            self._refresh_logic()
        elif path.startswith("smart_list.triggers["):
            index = int(path[len("smart_list.triggers[") :].split("]", 1)[0])
            if index < len(self.trigger_rows):
                self.trigger_rows[index].set_trigger(self.document.campaign.smart_list.triggers[index])
            return
        elif path.startswith("smart_list.filters["):
            index = int(path[len("smart_list.filters[") :].split("]", 1)[0])
            if index < len(self.rows):
                self.rows[index].set_filter(self.document.campaign.smart_list.filters[index])
        else:
            self.rebuild()
            return
        self.request_count()

    def _on_list_changed(self, list_path: str, *_args: int) -> None:
        if list_path == "smart_list.filters":
            self.rebuild()
        elif list_path == "smart_list.triggers":
            self._rebuild_triggers()
            self._on_problems(self.document.problems)
            self._chain_tab_order()

    def _on_problems(self, _problems: list) -> None:
        per_row: dict[int, list] = {}
        for p in self.document.smart_list_problems():
            field = p.field or ""
            if field.startswith("smart_list.filters["):
                index = int(field[len("smart_list.filters[") :].split("]", 1)[0])
                per_row.setdefault(index, []).append((p, problem_text(p, self.document)))
        for i, row in enumerate(self.rows):
            row.set_problems(per_row.get(i, []))
        per_trigger: dict[int, list] = {}
        for p in self.document.smart_list_problems():
            field = p.field or ""
            if field.startswith("smart_list.triggers["):
                index = int(field[len("smart_list.triggers[") :].split("]", 1)[0])
                per_trigger.setdefault(index, []).append((p, problem_text(p, self.document)))
        for i, trigger_row in enumerate(self.trigger_rows):
            trigger_row.set_problems(per_trigger.get(i, []))
        both = [p for p in self.document.problems if p.code == "trigger_with_schedule"]
        self.triggers_problem.setText("\n".join(problem_text(p, self.document) for p in both))
        self.triggers_problem.setVisible(bool(both))

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        for row in self.rows:
            row.set_catalog(catalog)
        for trigger_row in self.trigger_rows:
            trigger_row.set_catalog(catalog)
        self._fill_library()

    def focus_problem(self, field: str) -> None:
        if field == "smart_list.logic":
            self.logic.expression.setFocus()
            return
        if field.startswith("smart_list.filters["):
            index = int(field[len("smart_list.filters[") :].split("]", 1)[0])
            if index < len(self.rows):
                w = self.rows[index].widget_for(field.rsplit(".", 1)[-1]) or self.rows[index]
                w.setFocus()
        elif field.startswith("smart_list.triggers["):
            index = int(field[len("smart_list.triggers[") :].split("]", 1)[0])
            if index < len(self.trigger_rows):
                row = self.trigger_rows[index]
                (row.widget_for(field.rsplit(".", 1)[-1]) or row).setFocus()

    # -- audience count ------------------------------------------------------------------------
    def request_count(self) -> None:
        if self.counter is None:
            self._show_no_count(self.tr("Open a workspace to count the audience."))
            return
        sl = self.document.campaign.smart_list
        try:
            parse_logic(sl.logic, len(sl.filters))
            counted, left_out = countable(sl)
        except LogicError:
            self._show_no_count(self.tr("Fix the filter logic to see who qualifies."))
            self.left_out_note.hide()
            self.fit_side()
            return
        self._show_left_out(left_out)
        self.counter.request(counted)

    def _show_left_out(self, left_out: list[int]) -> None:
        """Say which filters the count leaves out while they are being set up."""
        numbers = ", ".join(str(i + 1) for i in left_out)
        if len(left_out) == 1:
            text = self.tr("Filter %1 is incomplete: it is left out of this count until it is finished.")
        else:
            text = self.tr("Filters %1 are incomplete: they are left out of this count until they are finished.")
        self.left_out_note.setText(text.replace("%1", numbers))
        self.left_out_note.setVisible(bool(left_out))
        self.fit_side()

    def _show_busy(self, busy: bool) -> None:
        if busy:
            self.count_note.setText(self.tr("counting…"))
            self.fit_side()

    def _show_count(self, count: int) -> None:
        shown = QLocale().toString(count)
        self.count_label.setText(shown)
        self.count_note.setText(self.tr("person qualifies") if count == 1 else self.tr("people qualify"))
        # the figure itself is what a screen reader says, not only what it is
        name = self.tr("Audience: %1 person") if count == 1 else self.tr("Audience: %1 people")
        self.count_label.setAccessibleName(name.replace("%1", shown))
        self.count_label.setAccessibleDescription(self.count_note.text())
        self.fit_side()

    def _show_count_failed(self, message: str) -> None:
        self._show_no_count(self.tr("Could not count: %1").replace("%1", message))

    def _show_no_count(self, why: str) -> None:
        self.count_label.setText("—")
        self.count_note.setText(why)
        self.count_label.setAccessibleName(self.tr("Audience: not counted"))
        self.count_label.setAccessibleDescription(why)
        self.fit_side()
