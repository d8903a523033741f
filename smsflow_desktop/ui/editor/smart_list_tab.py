"""The Smart List tab: who qualifies. Numbered filters, ALL / ANY / custom logic, and a
live audience count.

Filters are added from the list on the right (person fields, Member of List, Member of
Vibes List, Subscribed to Vibes List) by double-click or Enter. Every edit is a controller
verb; the tab mirrors the document's ``smart_list`` and asks the :class:`AudienceCounter`
for a new count (off the GUI thread, debounced) whenever it changes.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
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
    MemberOfListFilter,
    MemberOfVibesListFilter,
    PersonFieldFilter,
    SubscribedToVibesListFilter,
)
from smsflow_desktop.model.logic import LogicError, parse_logic
from smsflow_desktop.ui.editor.audience import AudienceCounter
from smsflow_desktop.ui.editor.controller import DocumentController
from smsflow_desktop.ui.editor.filter_rows import FilterRow
from smsflow_desktop.ui.editor.logic_editor import LogicEditor
from smsflow_desktop.ui.editor.problem_text import problem_text
from smsflow_desktop.ui.labels import filter_type_label, person_field_label
from smsflow_desktop.ui.resources import icon
from smsflow_desktop.ui.workspace_data import Catalog

KIND_ROLE = Qt.ItemDataRole.UserRole + 1


def new_filter(kind: str) -> object:
    """A fresh filter for a library entry: ``field:country`` or a filter type."""
    if kind.startswith("field:"):
        return PersonFieldFilter(field=kind[len("field:") :], operator="is", values=[])
    return {
        "member_of_list": lambda: MemberOfListFilter(list=""),
        "member_of_vibes_list": lambda: MemberOfVibesListFilter(vibes_list_id=""),
        "subscribed_to_vibes_list": lambda: SubscribedToVibesListFilter(vibes_list_id=""),
    }[kind]()


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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setObjectName("FlowView")
        canvas = QWidget()
        canvas.setObjectName("FlowCanvas")
        self.column = QVBoxLayout(canvas)
        self.column.setContentsMargins(24, 20, 24, 24)
        self.column.setSpacing(10)
        self.logic = LogicEditor(canvas)
        self.logic.logic_committed.connect(self.controller.set_logic)
        self.column.addWidget(self.logic)
        self.empty = QLabel(
            self.tr(
                "<b>No filters yet.</b> Everyone in the workspace qualifies.<br>"
                "Add a filter from the list on the right: double-click it or press Enter."
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
        layout.addWidget(self._build_side())

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
        side.setFixedWidth(300)
        col = QVBoxLayout(side)
        col.setContentsMargins(12, 12, 12, 12)
        col.setSpacing(10)
        card = QFrame(side)
        card.setObjectName("AudienceCard")
        card_col = QVBoxLayout(card)
        card_col.setContentsMargins(16, 12, 16, 12)
        card_col.setSpacing(2)
        caption = QLabel(self.tr("Audience"), card)
        caption.setObjectName("SectionCaption")
        self.count_label = QLabel("—", card)
        self.count_label.setObjectName("AudienceCount")
        self.count_label.setAccessibleName(self.tr("Audience count"))
        self.count_note = QLabel(self.tr("people qualify"), card)
        self.count_note.setObjectName("Muted")
        self.count_note.setWordWrap(True)
        for w in (caption, self.count_label, self.count_note):
            card_col.addWidget(w)
        col.addWidget(card)
        title = QLabel(self.tr("Filters"), side)
        title.setObjectName("PanelTitle")
        col.addWidget(title)
        self.search = QLineEdit(side)
        self.search.setPlaceholderText(self.tr("Search filters"))
        self.search.setAccessibleName(self.tr("Search filters"))
        self.search.setClearButtonEnabled(True)
        col.addWidget(self.search)
        self.library = QListWidget(side)
        self.library.setAccessibleName(self.tr("Filters: press Enter or double-click to add one"))
        col.addWidget(self.library, 1)
        self._fill_library()
        self.library.itemActivated.connect(self._library_activated)
        self.search.textChanged.connect(self._filter_library)
        return side

    def _fill_library(self) -> None:
        self.library.clear()
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
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _library_activated(self, item: QListWidgetItem) -> None:
        self.controller.add_filter(new_filter(item.data(KIND_ROLE)))

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
            self.rows_box.addWidget(row)
            row.show()
            self.rows.append(row)
        self._refresh_logic()
        self._on_problems(self.document.problems)
        self.empty.setVisible(not self.rows)
        self.request_count()

    def _refresh_logic(self) -> None:
        sl = self.document.campaign.smart_list
        self.logic.set_logic(sl.logic, len(sl.filters))

    def _on_value_set(self, path: str) -> None:
        if not path.startswith("smart_list"):
            return
        if path == "smart_list.logic":
            self._refresh_logic()
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

    def _on_problems(self, _problems: list) -> None:
        per_row: dict[int, list] = {}
        for p in self.document.smart_list_problems():
            field = p.field or ""
            if field.startswith("smart_list.filters["):
                index = int(field[len("smart_list.filters[") :].split("]", 1)[0])
                per_row.setdefault(index, []).append((p, problem_text(p, self.document)))
        for i, row in enumerate(self.rows):
            row.set_problems(per_row.get(i, []))

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        for row in self.rows:
            row.set_catalog(catalog)
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

    # -- audience count ------------------------------------------------------------------------
    def request_count(self) -> None:
        if self.counter is None:
            self.count_label.setText("—")
            self.count_note.setText(self.tr("Open a workspace to count the audience."))
            return
        sl = self.document.campaign.smart_list
        try:
            parse_logic(sl.logic, len(sl.filters))
        except LogicError:
            self.count_label.setText("—")
            self.count_note.setText(self.tr("Fix the filter logic to see who qualifies."))
            return
        self.counter.request(sl)

    def _show_busy(self, busy: bool) -> None:
        if busy:
            self.count_note.setText(self.tr("counting…"))

    def _show_count(self, count: int) -> None:
        self.count_label.setText(QLocale().toString(count))
        self.count_note.setText(self.tr("person qualifies") if count == 1 else self.tr("people qualify"))

    def _show_count_failed(self, message: str) -> None:
        self.count_label.setText("—")
        self.count_note.setText(self.tr("Could not count: %1").replace("%1", message))
