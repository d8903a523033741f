"""Keys for getting around the window, and Help > Keyboard Shortcuts.

A keyboard user works in three areas: the navigator, the Flow Actions palette and the flow.
F6 and Shift+F6 go to the next and previous area, Ctrl+1, Ctrl+2 and Ctrl+3 straight to
one (the open campaign's Flow tab is shown first); coming back to the flow puts the focus
in the step last worked on; Ctrl+Tab and Ctrl+Shift+Tab go through the campaign's tabs from
anywhere inside them. The actions sit in the View menu, so the menu shows their keys;
:class:`ShortcutsDialog` lists every key of the window and of the flow editor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedWidget,
    QStatusBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.ui.editor.flow_view import (
    DUPLICATE_KEYS,
    MOVE_DOWN_KEYS,
    MOVE_UP_KEYS,
    NEXT_STEP_KEYS,
    PREVIOUS_STEP_KEYS,
)

if TYPE_CHECKING:
    from smsflow_desktop.ui.editor.campaign_editor import CampaignEditor
    from smsflow_desktop.ui.editor.flow_tab import FlowTab
    from smsflow_desktop.ui.window.navigator import Navigator
    from smsflow_desktop.ui.window.window_actions import WindowActions


class KeyedWindow(Protocol):
    """What the keys need of the main window: its actions, areas and status bar (a QMainWindow)."""

    actions_: WindowActions
    editor: CampaignEditor | None
    pages: QStackedWidget
    navigator: Navigator

    def statusBar(self) -> QStatusBar: ...

    def addAction(self, action: QAction) -> None: ...


AREA_KEYS = {"navigator": "Ctrl+1", "palette": "Ctrl+2", "flow": "Ctrl+3"}
NEXT_AREA_KEYS = "F6"
PREVIOUS_AREA_KEYS = "Shift+F6"
#: The campaign's tabs (QTabWidget's own keys, from anywhere inside them).
NEXT_TAB_KEYS = "Ctrl+Tab"
PREVIOUS_TAB_KEYS = "Ctrl+Shift+Tab"


def _first_focusable(container: QWidget) -> QWidget | None:
    """The first widget inside ``container`` that Tab would stop at."""
    widget = container.nextInFocusChain()
    while widget is not None and widget is not container and container.isAncestorOf(widget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled() and widget.isVisible():
            return widget
        widget = widget.nextInFocusChain()
    return None


def _menu_of(action: QAction) -> QMenu | None:
    return next((o for o in action.associatedObjects() if isinstance(o, QMenu)), None)


class WindowKeys(QObject):
    """The area keys of ``window`` (View menu) and Help > Keyboard Shortcuts."""

    def __init__(self, window: KeyedWindow) -> None:
        super().__init__(cast(QWidget, window))
        self.window = window
        self.go_navigator = self._action(self.tr("Go to Navigator"), AREA_KEYS["navigator"], self.focus_navigator)
        self.go_palette = self._action(self.tr("Go to Flow Actions"), AREA_KEYS["palette"], self.focus_palette)
        self.go_flow = self._action(self.tr("Go to Flow"), AREA_KEYS["flow"], self.focus_flow)
        self.next_area = self._action(self.tr("Next Area"), NEXT_AREA_KEYS, lambda: self.cycle(1))
        self.previous_area = self._action(self.tr("Previous Area"), PREVIOUS_AREA_KEYS, lambda: self.cycle(-1))
        self.shortcuts = QAction(self.tr("Keyboard Shortcuts"), self)
        self.shortcuts.setStatusTip(self.tr("Every key of the window and the flow editor"))
        self.shortcuts.triggered.connect(self.show_shortcuts)
        view_menu = _menu_of(window.actions_.show_navigator)
        if view_menu is not None:
            view_menu.addSeparator()
            for action in (self.go_navigator, self.go_palette, self.go_flow, self.next_area, self.previous_area):
                view_menu.addAction(action)
        help_menu = _menu_of(window.actions_.about)
        if help_menu is not None:
            help_menu.insertAction(window.actions_.about, self.shortcuts)
        else:
            window.addAction(self.shortcuts)

    def _action(self, text: str, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self.window.addAction(action)  # the keys work even with the menu bar hidden
        return action

    # -- the areas --------------------------------------------------------------------------------
    def _flow_tab(self) -> FlowTab | None:
        """The open campaign's Flow tab, shown (None without an open campaign)."""
        editor = self.window.editor
        if editor is None:
            self.window.statusBar().showMessage(self.tr("Open a campaign to work on its flow."), 4000)
            return None
        self.window.pages.setCurrentWidget(editor)
        editor.set_tab("flow")
        return editor.flow_tab

    def focus_navigator(self) -> None:
        self.window.actions_.show_navigator.setChecked(True)
        tree = self.window.navigator.tree
        first = tree.topLevelItem(0)
        if tree.currentItem() is None and first is not None:
            tree.setCurrentItem(first)
        tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_palette(self) -> None:
        tab = self._flow_tab()
        if tab is None:
            return
        palette = tab.flow_palette
        current = palette.tree.currentItem()
        shown = palette.visible_type_ids()
        if shown and (current is None or current.isHidden() or current not in palette.items.values()):
            palette.tree.setCurrentItem(palette.items[shown[0]])
        palette.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_flow(self) -> None:
        tab = self._flow_tab()
        if tab is not None:
            tab.flow_view.focus_current()

    def _areas(self) -> list[tuple[str, QWidget]]:
        """The areas F6 goes through, in screen order."""
        window = self.window
        areas: list[tuple[str, QWidget]] = []
        if window.navigator.isVisible():
            areas.append(("navigator", window.navigator))
        page = window.pages.currentWidget()
        editor = window.editor
        if editor is not None and page is editor and editor.current_tab() == "flow":
            areas += [("palette", editor.flow_tab.flow_palette), ("flow", editor.flow_tab.flow_view)]
        elif page is not None:
            areas.append(("page", page))
        return areas

    def cycle(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) area."""
        areas = self._areas()
        if not areas:
            return
        focus = QApplication.focusWidget()
        here = next(
            (
                i
                for i, (_n, area) in enumerate(areas)
                if focus is not None and (area is focus or area.isAncestorOf(focus))
            ),
            None,
        )
        if here is None:  # between areas (the campaign's name, the tabs): after the navigator
            in_page = focus is not None and self.window.pages.isAncestorOf(focus)
            target = (1 if step > 0 else 0) if in_page and len(areas) > 1 else (0 if step > 0 else len(areas) - 1)
        else:
            target = (here + step) % len(areas)
        name, area = areas[target]
        if name == "navigator":
            self.focus_navigator()
        elif name == "palette":
            self.focus_palette()
        elif name == "flow":
            self.focus_flow()
        else:
            widget = _first_focusable(area)
            (widget or area).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


def _t(text: str) -> str:
    return QCoreApplication.translate("ShortcutsDialog", text)


def _keys(*sequences: str | QKeySequence.StandardKey) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    for seq in sequences:
        if isinstance(seq, QKeySequence.StandardKey):
            out += QKeySequence.keyBindings(seq)[:1]
        else:
            out.append(QKeySequence(seq))
    return out


def shortcut_sections(window: KeyedWindow) -> list[tuple[str, list[tuple[str, list[QKeySequence]]]]]:
    """(section, [(what it does, keys)]) for every key of the window and the flow editor."""
    getting_around = [
        (_t("Go to the navigator"), _keys(AREA_KEYS["navigator"])),
        (_t("Go to the Flow Actions"), _keys(AREA_KEYS["palette"])),
        (_t("Go to the flow"), _keys(AREA_KEYS["flow"])),
        (_t("Next area"), _keys(NEXT_AREA_KEYS)),
        (_t("Previous area"), _keys(PREVIOUS_AREA_KEYS)),
        (_t("Next tab of the campaign"), _keys(NEXT_TAB_KEYS)),
        (_t("Previous tab of the campaign"), _keys(PREVIOUS_TAB_KEYS)),
        (_t("Next field"), _keys("Tab")),
        (_t("Previous field"), _keys("Shift+Tab")),
        (_t("Next step"), _keys(NEXT_STEP_KEYS)),
        (_t("Previous step"), _keys(PREVIOUS_STEP_KEYS)),
        (_t("Open a drop-down"), _keys("Alt+Down")),
    ]
    steps = [
        (_t("Add the chosen flow action at the end (in the Flow Actions)"), _keys("Enter")),
        (_t("Move the step up"), _keys(MOVE_UP_KEYS)),
        (_t("Move the step down"), _keys(MOVE_DOWN_KEYS)),
        (_t("Copy the step"), _keys(QKeySequence.StandardKey.Copy)),
        (_t("Paste a step below"), _keys(QKeySequence.StandardKey.Paste)),
        (_t("Duplicate the step"), _keys(DUPLICATE_KEYS)),
        (_t("Delete the step"), _keys(QKeySequence.StandardKey.Delete)),
    ]
    actions = window.actions_
    editing = [
        (_t("Undo"), list(actions.undo.shortcuts())),
        (_t("Redo"), list(actions.redo.shortcuts())),
        (_t("Cancel the typing in a field"), _keys("Esc")),
    ]
    menus: list[tuple[str, list[QKeySequence]]] = []
    for f in fields(actions):
        action = getattr(actions, f.name)
        if isinstance(action, QAction) and action not in (actions.undo, actions.redo) and action.shortcuts():
            menus.append((action.text().replace("&", "").rstrip("…"), list(action.shortcuts())))
    return [
        (_t("Getting around"), getting_around),
        (_t("Flow steps"), steps),
        (_t("Editing"), editing),
        (_t("Menus"), menus),
    ]


class ShortcutsDialog(QDialog):
    """Help > Keyboard Shortcuts: what each key does, by section."""

    def __init__(self, window: KeyedWindow) -> None:
        super().__init__(cast(QWidget, window))
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.resize(620, 640)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The menus show these keys too; in the flow, right-click a step for its actions."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self._rows: list[tuple[str, str]] = []
        for section, rows in shortcut_sections(window):
            head = QTreeWidgetItem(self.tree, [section])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setFirstColumnSpanned(True)
            for text, keys in rows:
                keys = list({k.toString(): k for k in keys}.values())  # a platform's Redo may be Ctrl+Y too
                shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
                item = QTreeWidgetItem(head, [text, shown])
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{text}: {shown}")
                self._rows.append((text, ", ".join(k.toString() for k in keys)))
            head.setExpanded(True)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.tree.setFocus()

    def rows(self) -> list[tuple[str, str]]:
        """(what it does, keys in portable text) of every row, in order."""
        return list(self._rows)
