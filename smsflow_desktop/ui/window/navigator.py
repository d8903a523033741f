"""The navigator on the left: Marketing Activities, Database and Vibes, as a tree.

Marketing Activities holds the campaigns and SMS messages (a click opens a campaign or the
People page; an SMS message, a dialog, opens on a double click or Enter); a campaign that runs
by itself shows a green badge, and its tooltip says when it runs next or what it listens for.
A name the navigator is too narrow for is cut, and its tooltip then starts with the whole name;
Database the people count and static lists with their sizes, Vibes the mirrored
subscription lists and acquisition campaigns with a Sync button. The tree is rebuilt from
a :class:`NavigatorData` snapshot; it never queries the workspace itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFontMetrics, QHelpEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMenu,
    QPushButton,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.services.workspace import now_utc
from smsflow_desktop.ui.labels import soon_text, trigger_type_label
from smsflow_desktop.ui.resources import icon
from smsflow_desktop.ui.workspace_data import ActiveCampaign, NavigatorData

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2


class Navigator(QFrame):
    """Workspace contents; emits what the user opens."""

    campaign_activated = Signal(str)
    message_activated = Signal(str)
    history_requested = Signal(str)  # a campaign's name
    new_campaign_requested = Signal()
    new_message_requested = Signal()
    sync_requested = Signal()
    people_activated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Navigator")
        col = QVBoxLayout(self)
        col.setContentsMargins(8, 10, 8, 10)
        col.setSpacing(8)
        self.title = QLabel(self.tr("Workspace"), self)
        self.title.setObjectName("PanelTitle")
        col.addWidget(self.title)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setIconSize(QSize(18, 18))
        self.tree.setIndentation(14)
        self.tree.setAccessibleName(self.tr("Workspace navigator"))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        col.addWidget(self.tree, 1)
        self.sync_button = QPushButton(icon("sync"), self.tr("Sync Vibes lists"), self)
        self.sync_button.setAccessibleName(self.tr("Sync subscription lists and acquisition campaigns from Vibes"))
        self.sync_button.clicked.connect(self.sync_requested)
        col.addWidget(self.sync_button)
        self.tree.viewport().installEventFilter(self)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.items: dict[tuple[str, str], QTreeWidgetItem] = {}

    def _section(self, text: str, icon_name: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [text])
        item.setIcon(0, icon(icon_name))
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setExpanded(True)
        return item

    def _item(
        self, parent: QTreeWidgetItem, text: str, icon_name: str, kind: str, value: str = "", tooltip: str = ""
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text])
        item.setIcon(0, icon(icon_name))
        item.setData(0, KIND_ROLE, kind)
        item.setData(0, VALUE_ROLE, value)
        if tooltip:
            item.setToolTip(0, tooltip)
        self.items[(kind, value)] = item
        return item

    def set_data(self, data: NavigatorData) -> None:
        """Show a fresh snapshot of the workspace (keeps the selection where it can)."""
        selected = self.current()
        locale = QLocale()
        self.tree.clear()
        self.items = {}
        marketing = self._section(self.tr("Marketing Activities"), "campaign")
        campaigns = self._item(
            marketing, self.tr("Campaigns (%1)").replace("%1", str(len(data.campaigns))), "folder", "folder:campaigns"
        )
        vibes_names = dict(data.vibes_lists)
        for name in data.campaigns:
            active = data.automation.get(name)
            if active is None:
                self._item(campaigns, name, "campaign", "campaign", name, self.tr("Open this campaign"))
            else:
                item = self._item(
                    campaigns, name, "campaign-active", "campaign", name, self.active_text(active, vibes_names)
                )
                item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, item.toolTip(0))
        messages = self._item(
            marketing, self.tr("SMS Messages (%1)").replace("%1", str(len(data.messages))), "folder", "folder:messages"
        )
        for name in data.messages:
            self._item(messages, name, "message", "message", name, self.tr("Edit this SMS message"))
        database = self._section(self.tr("Database"), "database")
        people = self._item(
            database, self.tr("People: %1").replace("%1", locale.toString(data.people.total)), "people", "people"
        )
        people.setToolTip(
            0,
            self.tr("%1 of them have a valid mobile number; open to search them").replace(
                "%1", locale.toString(data.people.textable)
            ),
        )
        lists = self._item(
            database,
            self.tr("Static Lists (%1)").replace("%1", str(len(data.static_lists))),
            "folder",
            "folder:static_lists",
        )
        for name, members in data.static_lists:
            self._item(lists, f"{name} ({locale.toString(members)})", "static-list", "static_list", name)
        vibes = self._section(self.tr("Vibes"), "vibes-list")
        subs = self._item(
            vibes,
            self.tr("Subscription Lists (%1)").replace("%1", str(len(data.vibes_lists))),
            "folder",
            "folder:vibes_lists",
        )
        for list_id, name in data.vibes_lists:
            self._item(subs, f"{name} ({list_id})", "vibes-list", "vibes_list", list_id)
        acqs = self._item(
            vibes,
            self.tr("Acquisition Campaigns (%1)").replace("%1", str(len(data.acquisitions))),
            "folder",
            "folder:acquisitions",
        )
        for acq_id, description, list_ids in data.acquisitions:
            self._item(
                acqs,
                f"{description or acq_id} ({acq_id})",
                "acquisition",
                "acquisition",
                acq_id,
                self.tr("Feeds Vibes lists: %1").replace("%1", ", ".join(list_ids) or "—"),
            )
        for item in (campaigns, messages, subs, acqs):
            item.setExpanded(True)
        lists.setExpanded(len(data.static_lists) <= 12)
        if selected is not None and selected in self.items:
            self.tree.setCurrentItem(self.items[selected])

    def active_text(self, active: ActiveCampaign, lists: dict[str, str]) -> str:
        """ "Active: next run Tue 5 May 10:00" / "Active: listening for …", for a tooltip."""
        if active.kind == "trigger":
            said = []
            for kind, subject in active.triggers:
                if subject in lists and kind.endswith("vibes_list"):
                    subject = f"{lists[subject]} ({subject})"
                said.append(trigger_type_label(kind) + (f" {subject}" if subject else ""))
            return self.tr("Active: listening for %1").replace("%1", "; ".join(said) or "—")
        if active.next_run is None:
            return self.tr("Active: no run to come")
        return self.tr("Active: next run %1").replace("%1", soon_text(active.next_run, now_utc()))

    def current(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        if item is None or item.data(0, KIND_ROLE) is None:
            return None
        return item.data(0, KIND_ROLE), item.data(0, VALUE_ROLE)

    def select(self, kind: str, value: str) -> None:
        item = self.items.get((kind, value))
        if item is not None:
            self.tree.setCurrentItem(item)

    def _activated(self, item: QTreeWidgetItem) -> None:
        kind, value = item.data(0, KIND_ROLE), item.data(0, VALUE_ROLE)
        if kind == "campaign":
            self.campaign_activated.emit(value)
        elif kind == "message":
            self.message_activated.emit(value)
        elif kind == "people":
            self.people_activated.emit()

    def _clicked(self, item: QTreeWidgetItem) -> None:
        """One click opens a campaign or the People page (pages of the window); an SMS message
        opens its editor, a dialog, on a double click or Enter only."""
        if item.data(0, KIND_ROLE) in ("campaign", "people"):
            self._activated(item)

    def is_cut(self, item: QTreeWidgetItem) -> bool:
        """Whether the row is too narrow for the item's name (shown with "…")."""
        rect = self.tree.visualItemRect(item)
        room = rect.width() - self.tree.iconSize().width() - 14  # the icon and the item's padding
        return QFontMetrics(item.font(0)).horizontalAdvance(item.text(0)) > room

    def tooltip_for(self, item: QTreeWidgetItem) -> str:
        """The item's tooltip, led by its whole name when the row cuts it."""
        tip = item.toolTip(0)
        if not self.is_cut(item):
            return tip
        return f"{item.text(0)}\n{tip}" if tip else item.text(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            item = self.tree.itemAt(event.pos())
            text = self.tooltip_for(item) if item is not None else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self.tree.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().eventFilter(watched, event)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        item = self.tree.itemAt(pos)
        if item is not None and item.data(0, KIND_ROLE) == "campaign":
            name = item.data(0, VALUE_ROLE)
            history = QAction(self.tr("History…"), menu)
            history.setToolTip(self.tr("Every saved version of this campaign; compare or restore one"))
            history.triggered.connect(lambda _checked=False, name=name: self.history_requested.emit(name))
            menu.addAction(history)
            menu.addSeparator()
        new_campaign = QAction(icon("new-campaign"), self.tr("New Campaign…"), menu)
        new_campaign.triggered.connect(self.new_campaign_requested)
        new_message = QAction(icon("message"), self.tr("New SMS Message…"), menu)
        new_message.triggered.connect(self.new_message_requested)
        sync = QAction(icon("sync"), self.tr("Sync Vibes lists"), menu)
        sync.triggered.connect(self.sync_requested)
        for action in (new_campaign, new_message, sync):
            menu.addAction(action)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
