"""The main window's actions, menus and toolbar, built in one place.

:func:`build_actions` makes every QAction (with icon, shortcut, tooltip and accessible
text) and connects it to the window's command of the same purpose (:class:`WindowCommands`,
what the menus and toolbar can ask of the window); :func:`build_menus` and
:func:`build_toolbar` arrange them. Undo and Redo come from the window's QUndoGroup, so
their text names what they will undo ("Undo Delete step 3"); from a text field they first
commit what was typed there (``ui.editor.field_widgets.undo_with_fields``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMenuBar, QToolBar, QToolButton, QWidget

from smsflow_desktop.ui.editor.field_widgets import redo_with_fields, undo_with_fields
from smsflow_desktop.ui.resources import icon


class WindowCommands(Protocol):
    """What the menus and the toolbar ask of the main window."""

    def window(self) -> QWidget: ...

    def close(self) -> bool: ...

    def new_campaign(self, name: str | None = None) -> bool: ...

    def new_message(self) -> object: ...

    def choose_workspace(self) -> object: ...

    def save_campaign(self) -> bool: ...

    def import_campaign_file(self, path: Path | None = None) -> str | None: ...

    def export_campaign_file(self, path: Path | None = None) -> Path | None: ...

    def validate(self) -> int: ...

    def show_history(self, name: str | None = None) -> object: ...

    def preview(self) -> None: ...

    def run_campaign(self) -> None: ...

    def sync_vibes(self) -> None: ...

    def show_people(self) -> None: ...

    def import_people(self) -> None: ...

    def open_workspace_settings(self) -> None: ...

    def open_compliance_rules(self) -> None: ...

    def open_vibes_settings(self) -> None: ...

    def import_vibes_extract(self) -> None: ...

    def open_callbacks(self) -> None: ...

    def show_unfinished_runs(self) -> None: ...

    def show_run_panel(self) -> None: ...

    def keep_campaigns_running(self) -> None: ...

    def show_tour(self) -> None: ...

    def set_language(self, code: str) -> None: ...

    def set_appearance(self, choice: str) -> None: ...

    def about(self) -> None: ...


@dataclass
class WindowActions:
    new_campaign: QAction
    new_message: QAction
    open_workspace: QAction
    save: QAction
    import_file: QAction
    export_file: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    validate: QAction
    preview: QAction
    run: QAction
    sync: QAction
    show_navigator: QAction
    languages: QActionGroup
    appearances: QActionGroup
    about: QAction
    people: QAction
    import_people: QAction
    workspace_settings: QAction
    compliance_rules: QAction
    vibes_settings: QAction
    import_extract: QAction
    callbacks: QAction
    unfinished_runs: QAction
    run_progress: QAction
    tour: QAction
    keep_running: QAction
    history: QAction


def _action(
    window: QWidget,
    icon_name: str | None,
    text: str,
    slot: Callable[..., object],
    keys: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(icon(icon_name), text, window) if icon_name else QAction(text, window)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    return action


def build_actions(commands: WindowCommands, undo_group: QUndoGroup, navigator: QWidget) -> WindowActions:
    """Every action of the window, parented to it; Undo and Redo follow ``undo_group``, Show
    Navigator shows and hides ``navigator``."""
    c, w = commands, commands.window()
    undo = undo_group.createUndoAction(w, QCoreApplication.translate("MainWindow", "Undo"))
    undo.setIcon(icon("undo"))
    undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
    redo = undo_group.createRedoAction(w, QCoreApplication.translate("MainWindow", "Redo"))
    redo.setIcon(icon("redo"))
    redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
    for action, slot in ((undo, undo_with_fields), (redo, redo_with_fields)):
        action.triggered.disconnect()  # the group's own undo()/redo(): a field's typing goes first
        action.triggered.connect(lambda _checked=False, slot=slot: slot(undo_group))
    languages = QActionGroup(w)
    languages.setExclusive(True)
    for code, label in (
        ("", QCoreApplication.translate("MainWindow", "System language")),
        ("en", "English"),
        ("sv", "Svenska"),
    ):
        action = QAction(label, languages)
        action.setCheckable(True)
        action.setData(code)
        action.triggered.connect(lambda _checked=False, code=code: c.set_language(code))
    appearances = QActionGroup(w)
    appearances.setExclusive(True)
    for choice, label in (
        ("", QCoreApplication.translate("MainWindow", "Follow the System")),
        ("light", QCoreApplication.translate("MainWindow", "Light")),
        ("dark", QCoreApplication.translate("MainWindow", "Dark")),
    ):
        action = QAction(label, appearances)
        action.setCheckable(True)
        action.setData(choice)
        action.triggered.connect(lambda _checked=False, choice=choice: c.set_appearance(choice))
    show_navigator = QAction(QCoreApplication.translate("MainWindow", "Show Navigator"), w)
    show_navigator.setCheckable(True)
    show_navigator.setChecked(True)
    show_navigator.setShortcut(QKeySequence("Ctrl+Shift+N"))
    show_navigator.toggled.connect(lambda on: navigator.setVisible(on))
    return WindowActions(
        new_campaign=_action(
            w,
            "new-campaign",
            QCoreApplication.translate("MainWindow", "New Campaign…"),
            c.new_campaign,
            QKeySequence.StandardKey.New,
            QCoreApplication.translate("MainWindow", "Create an empty smart campaign"),
        ),
        new_message=_action(
            w,
            "message",
            QCoreApplication.translate("MainWindow", "New SMS Message…"),
            c.new_message,
            "Ctrl+Shift+M",
            QCoreApplication.translate("MainWindow", "Write a new SMS message"),
        ),
        open_workspace=_action(
            w,
            "open-workspace",
            QCoreApplication.translate("MainWindow", "Open Workspace…"),
            c.choose_workspace,
            QKeySequence.StandardKey.Open,
            QCoreApplication.translate(
                "MainWindow", "Open another workspace: a recent one, a folder or a team database"
            ),
        ),
        save=_action(
            w,
            "save",
            QCoreApplication.translate("MainWindow", "Save Campaign"),
            c.save_campaign,
            QKeySequence.StandardKey.Save,
            QCoreApplication.translate("MainWindow", "Save the open campaign to the workspace"),
        ),
        import_file=_action(
            w,
            "import",
            QCoreApplication.translate("MainWindow", "Import Campaign File…"),
            c.import_campaign_file,
            "Ctrl+I",
            QCoreApplication.translate("MainWindow", "Add a campaign from a .smsflow.json file"),
        ),
        export_file=_action(
            w,
            "export",
            QCoreApplication.translate("MainWindow", "Export Campaign File…"),
            c.export_campaign_file,
            "Ctrl+E",
            QCoreApplication.translate("MainWindow", "Save the open campaign as a .smsflow.json file"),
        ),
        quit=_action(w, None, QCoreApplication.translate("MainWindow", "Quit"), c.close, QKeySequence.StandardKey.Quit),
        undo=undo,
        redo=redo,
        validate=_action(
            w,
            "validate",
            QCoreApplication.translate("MainWindow", "Validate"),
            c.validate,
            "F7",
            QCoreApplication.translate("MainWindow", "Check the campaign and show the first problem"),
        ),
        preview=_action(
            w,
            "preview",
            QCoreApplication.translate("MainWindow", "Preview"),
            c.preview,
            "F8",
            QCoreApplication.translate("MainWindow", "See who a step would reach; nothing is sent"),
        ),
        run=_action(
            w,
            "run",
            QCoreApplication.translate("MainWindow", "Run"),
            c.run_campaign,
            "F9",
            QCoreApplication.translate("MainWindow", "Run the campaign (save it first)"),
        ),
        sync=_action(
            w,
            "sync",
            QCoreApplication.translate("MainWindow", "Sync Vibes Lists"),
            c.sync_vibes,
            None,
            QCoreApplication.translate("MainWindow", "Fetch subscription lists and acquisition campaigns from Vibes"),
        ),
        show_navigator=show_navigator,
        languages=languages,
        appearances=appearances,
        about=_action(w, "app", QCoreApplication.translate("MainWindow", "About smsflow-desktop"), c.about),
        people=_action(
            w,
            "people",
            QCoreApplication.translate("MainWindow", "People"),
            c.show_people,
            "Ctrl+Shift+P",
            QCoreApplication.translate(
                "MainWindow", "Search everyone in the workspace and see their lists and history"
            ),
        ),
        import_people=_action(
            w,
            "import",
            QCoreApplication.translate("MainWindow", "Import People CSV…"),
            c.import_people,
            None,
            QCoreApplication.translate("MainWindow", "Add or update people from a CSV file"),
        ),
        workspace_settings=_action(
            w,
            None,
            QCoreApplication.translate("MainWindow", "Workspace Settings…"),
            c.open_workspace_settings,
            None,
            QCoreApplication.translate("MainWindow", "Brand name, default country and time zone, limits"),
        ),
        compliance_rules=_action(
            w,
            None,
            QCoreApplication.translate("MainWindow", "Compliance Rules…"),
            c.open_compliance_rules,
            None,
            QCoreApplication.translate(
                "MainWindow", "Sending windows and frequency limits by US state or country, with their sources"
            ),
        ),
        vibes_settings=_action(
            w,
            "vibes-list",
            QCoreApplication.translate("MainWindow", "Vibes Settings…"),
            c.open_vibes_settings,
            None,
            QCoreApplication.translate("MainWindow", "Which Vibes to send through, the account and password"),
        ),
        import_extract=_action(
            w,
            "import",
            QCoreApplication.translate("MainWindow", "Import Vibes Extract…"),
            c.import_vibes_extract,
            None,
            QCoreApplication.translate("MainWindow", "Read a Vibes subscriber extract into the list mirror"),
        ),
        callbacks=_action(
            w,
            None,
            QCoreApplication.translate("MainWindow", "Callback Receiver…"),
            c.open_callbacks,
            None,
            QCoreApplication.translate("MainWindow", "Receive opt-ins, opt-outs and delivery receipts from Vibes"),
        ),
        unfinished_runs=_action(
            w,
            None,
            QCoreApplication.translate("MainWindow", "Unfinished Runs…"),
            c.show_unfinished_runs,
            None,
            QCoreApplication.translate("MainWindow", "Resume runs that stopped, resend or drop sends in doubt"),
        ),
        run_progress=_action(
            w,
            "run",
            QCoreApplication.translate("MainWindow", "Show Run Progress"),
            c.show_run_panel,
            None,
            QCoreApplication.translate("MainWindow", "Show the progress of the current or last run"),
        ),
        keep_running=_action(
            w,
            "automation",
            QCoreApplication.translate("MainWindow", "Keep Campaigns Running When the App Is Closed…"),
            c.keep_campaigns_running,
            None,
            QCoreApplication.translate(
                "MainWindow", "Install or remove the agent service that runs active campaigns while the app is closed"
            ),
        ),
        tour=_action(
            w,
            None,
            QCoreApplication.translate("MainWindow", "Quick Tour"),
            c.show_tour,
            None,
            QCoreApplication.translate("MainWindow", "What to drag where, how to preview and how to run"),
        ),
        history=_action(
            w,
            None,
            QCoreApplication.translate("MainWindow", "History…"),
            c.show_history,
            None,
            QCoreApplication.translate(
                "MainWindow", "Every saved version of the campaign, who saved it and when; compare or restore one"
            ),
        ),
    )


def build_menus(menubar: QMenuBar, a: WindowActions) -> None:
    file_menu = menubar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    for action in (
        a.new_campaign,
        a.new_message,
        None,
        a.open_workspace,
        a.workspace_settings,
        a.compliance_rules,
        None,
        a.save,
        None,
        a.import_file,
        a.export_file,
        a.import_people,
        None,
        a.quit,
    ):
        file_menu.addSeparator() if action is None else file_menu.addAction(action)
    edit_menu = menubar.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    edit_menu.addAction(a.undo)
    edit_menu.addAction(a.redo)
    campaign_menu = menubar.addMenu(QCoreApplication.translate("MainWindow", "&Campaign"))
    for action in (
        a.validate,
        a.preview,
        a.run,
        None,
        a.run_progress,
        a.unfinished_runs,
        None,
        a.history,
        None,
        a.keep_running,
    ):
        campaign_menu.addSeparator() if action is None else campaign_menu.addAction(action)
    vibes_menu = menubar.addMenu(QCoreApplication.translate("MainWindow", "&Vibes"))
    for action in (a.vibes_settings, None, a.sync, a.import_extract, a.callbacks):
        vibes_menu.addSeparator() if action is None else vibes_menu.addAction(action)
    view_menu = menubar.addMenu(QCoreApplication.translate("MainWindow", "&View"))
    view_menu.addAction(a.people)
    view_menu.addAction(a.show_navigator)
    language_menu = view_menu.addMenu(QCoreApplication.translate("MainWindow", "Language"))
    for action in a.languages.actions():
        language_menu.addAction(action)
    appearance_menu = view_menu.addMenu(QCoreApplication.translate("MainWindow", "Appearance"))
    for action in a.appearances.actions():
        appearance_menu.addAction(action)
    help_menu = menubar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    help_menu.addAction(a.tour)
    help_menu.addAction(a.about)


def build_toolbar(toolbar: QToolBar, a: WindowActions) -> None:
    toolbar.setObjectName("MainToolBar")
    toolbar.setMovable(False)
    toolbar.setIconSize(QSize(20, 20))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action in (
        a.new_campaign,
        a.open_workspace,
        None,
        a.import_file,
        a.export_file,
        None,
        a.undo,
        a.redo,
        None,
        a.validate,
        a.preview,
        a.run,
        None,
        a.people,
    ):
        toolbar.addSeparator() if action is None else toolbar.addAction(action)
    # Every button says what it does, in a word (the menus keep the whole text). Undo/Redo texts
    # name the edit ("Undo Delete step 3"): that stays in their tooltips.
    secondary = (
        (a.open_workspace, QCoreApplication.translate("MainWindow", "Open")),
        (a.import_file, QCoreApplication.translate("MainWindow", "Import")),
        (a.export_file, QCoreApplication.translate("MainWindow", "Export")),
        (a.undo, QCoreApplication.translate("MainWindow", "Undo")),
        (a.redo, QCoreApplication.translate("MainWindow", "Redo")),
    )
    for action, short in secondary:
        action.setIconText(short)
    for action in (a.undo, a.redo):
        _tooltip_follows_text(action)
    _ToolbarFitter(toolbar, [action for action, _short in secondary])


class _ToolbarFitter(QObject):
    """On a window too narrow for every button with its text, the secondary buttons (open,
    import, export, undo, redo) show their icons only, so Validate, Preview and Run stay in
    sight instead of going behind the toolbar's overflow arrow."""

    def __init__(self, toolbar: QToolBar, secondary: list[QAction]) -> None:
        super().__init__(toolbar)
        self.toolbar = toolbar
        self.secondary = secondary
        self.wide: int | None = None  # the width every button with its text needs
        self.compact = False
        toolbar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.toolbar and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False

    def fit(self) -> None:
        if self.wide is None:
            self.wide = self.toolbar.sizeHint().width()
        compact = self.toolbar.width() < self.wide
        if compact != self.compact:
            self.compact = compact
            style = Qt.ToolButtonStyle.ToolButtonIconOnly if compact else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            for action in self.secondary:
                button = self.toolbar.widgetForAction(action)
                if isinstance(button, QToolButton):
                    button.setToolButtonStyle(style)


def _tooltip_follows_text(action: QAction) -> None:
    """Keep the tooltip saying the action's whole text ("Undo Delete step 3") though its icon text is short."""

    def follow() -> None:
        if action.toolTip() != action.text():
            action.setToolTip(action.text())

    action.changed.connect(follow)
    follow()
