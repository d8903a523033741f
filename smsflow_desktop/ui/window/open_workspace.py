"""File ▸ Open Workspace…: a workspace opened before, a folder, or a team database.

:class:`OpenWorkspaceDialog` lists the recent workspaces (``window_state.recent_workspaces``,
most recent first): each with its kind, "Folder" or "Team database", and its path or URL
(never a password). A folder that is gone, or holds no workspace any more, stays on the list,
dimmed, until the user removes it. "Choose folder…" picks a folder; "Team database…" asks for
the host, port, database and user of a PostgreSQL workspace and builds its
``postgresql://USER@HOST:PORT/DB`` URL. A password typed there goes to the system keyring
only (service ``smsflow-desktop``, the URL without password as the account), never into the
URL, the recent list or any file; with no keyring the dialog says to use ``PGPASSWORD`` or
``~/.pgpass``.

Opening runs on a worker thread (a database server may take its time to answer): first
:func:`probe` looks at what is there, a folder or database without a workspace asks whether to
create one, then ``Workspace.open``. Whatever goes wrong is said in one line in the dialog,
which stays open. The window opens the workspace through :meth:`WorkspaceOpener.use_workspace`,
and remembers every workspace it opens in the recent list.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal, Protocol
from urllib.parse import quote, unquote, urlsplit

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QIcon, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.services import secrets
from smsflow_desktop.services.workspace import DB_NAME, Workspace
from smsflow_desktop.ui import theme
from smsflow_desktop.ui.file_dialogs import choose_folder
from smsflow_desktop.ui.resources import icon, pad_spin_boxes, repolish
from smsflow_desktop.ui.window import window_state
from smsflow_desktop.ui.window.window_dialogs import Dialogs
from smsflow_desktop.ui.workers import TaskRunner

log = logging.getLogger(__name__)

Probe = Literal["workspace", "empty", "missing"]
DEFAULT_PORT = 5432
CONTEXT = "OpenWorkspaceDialog"
ENTRY_ROLE = Qt.ItemDataRole.UserRole  # the recent entry: a folder's path or a database URL
MISSING_ROLE = Qt.ItemDataRole.UserRole + 1  # a folder with no workspace any more
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2  # "Folder · /path", the entry's second line


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class WorkspaceOpener(Protocol):
    """What the dialog needs of the window: its dialogs, and making a workspace the open one."""

    dialogs: Dialogs

    def use_workspace(self, workspace: Workspace) -> bool:
        """Open ``workspace`` in the window (after asking about unsaved edits); whether it was."""
        ...


# -- what is where -------------------------------------------------------------------------------
def probe(location: Path | str) -> Probe:
    """What is at ``location``: a workspace, a folder or database without one ("empty"), or a
    folder that is not there ("missing"). A database that cannot be reached raises WorkspaceError."""
    if window_state.is_database_location(location):
        from smsflow_desktop.services.workspace import database_has_workspace

        return "workspace" if database_has_workspace(str(location)) else "empty"
    folder = Path(location)
    if (folder / DB_NAME).exists():
        return "workspace"
    return "empty" if folder.is_dir() else "missing"


def create_question(location: Path | str) -> tuple[str, str]:
    """The title and text asking whether to create a workspace where there is none."""
    where = window_state.location_text(location)
    if window_state.is_database_location(location):
        return (
            _tr("New workspace"),
            _tr("%1 holds no workspace yet. Create a workspace in this database?").replace("%1", where),
        )
    return (
        QCoreApplication.translate("MainWindow", "New workspace"),
        QCoreApplication.translate("MainWindow", "%1 holds no workspace. Create an empty one there?").replace(
            "%1", where
        ),
    )


def _database_parts(url: str) -> tuple[str, str, int | None, str, str]:
    """``(database, host, port, user, other query)`` of a database URL (host: a name, an address
    or a socket folder from ``?host=``)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "", "", None, "", ""
    host = parts.hostname or ""
    query = []
    for item in parts.query.split("&") if parts.query else []:
        key, _, value = item.partition("=")
        if key == "host" and not host:
            host = unquote(value)
        elif key == "port" and port is None and value.isdigit():
            port = int(value)
        elif key not in ("host", "port"):
            query.append(item)
    return unquote(parts.path.lstrip("/")), host, port, unquote(parts.username or ""), "&".join(query)


def workspace_name(location: Path | str) -> str:
    """A workspace's short name, for the window's title: a folder's name; a database's name and
    host ("smsflow on db.example.com")."""
    if not window_state.is_database_location(location):
        return Path(location).name or str(location)
    database, host, _port, _user, _query = _database_parts(str(location))
    if not database:
        return window_state.location_text(location)
    if not host or host.startswith("/"):
        return database
    return _tr("%1 on %2").replace("%1", database).replace("%2", host)


def database_url(host: str, port: int, database: str, user: str, query: str = "") -> str:
    """``postgresql://USER@HOST:PORT/DB``; a host that is a folder (a Unix socket's) goes in the
    query, as libpq reads it. Never a password."""
    host, database, user = host.strip(), database.strip(), user.strip()
    who = f"{quote(user, safe='')}@" if user else ""
    extra = [query] if query else []
    if host.startswith("/"):
        params = [f"host={quote(host, safe='/')}", f"port={port}", *extra]
        return f"postgresql://{who}/{quote(database, safe='')}?{'&'.join(params)}"
    name = f"[{host}]" if ":" in host else quote(host, safe=".-_~")
    tail = f"?{'&'.join(extra)}" if extra else ""
    return f"postgresql://{who}{name}:{port}/{quote(database, safe='')}{tail}"


def _open_job(location: Path | str, create: bool | None) -> Callable[[Callable[[None], None]], Any]:
    """The worker's job: with ``create`` None, the probe first (a workspace is opened only where
    there is one); else open, creating one when ``create``. Returns ``(probe, workspace)``."""

    def job(_report: Callable[[None], None]) -> tuple[str, Workspace | None]:
        if create is None:
            found = probe(location)
            if found != "workspace":
                return found, None
        return "workspace", Workspace.open(location, create=bool(create))

    return job


def one_line(message: str, location: Path | str) -> str:
    """An error as one line that names the workspace."""
    first = (message.strip().splitlines() or [""])[0].strip()
    where = window_state.location_text(location)
    if not first:
        return _tr("%1: the workspace cannot be opened").replace("%1", where)
    return first if first.startswith(where) or str(location) in first else f"{where}: {first}"


# -- the dialog -----------------------------------------------------------------------------------
class RecentDelegate(QStyledItemDelegate):
    """A recent workspace on two lines: its name, then its kind and path in a quieter colour; a
    folder that holds no workspace any more is drawn dimmed, icon and all."""

    ICON = 28
    PAD = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        line = option.fontMetrics.height()
        return QSize(360, max(self.ICON, 2 * line + 2) + 2 * self.PAD)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name, item_icon = opt.text, QIcon(opt.icon)
        opt.text, opt.icon = "", QIcon()
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)  # background, focus
        missing = bool(index.data(MISSING_ROLE))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        rect: QRect = opt.rect.adjusted(self.PAD + 4, self.PAD, -self.PAD - 4, -self.PAD)
        mode = QIcon.Mode.Disabled if missing else QIcon.Mode.Normal
        top = rect.top() + (rect.height() - self.ICON) // 2
        item_icon.paint(painter, QRect(rect.left(), top, self.ICON, self.ICON), Qt.AlignmentFlag.AlignCenter, mode)
        text = rect.adjusted(self.ICON + 10, 0, 0, 0)
        metrics = opt.fontMetrics
        line = metrics.height()
        first = QRect(text.left(), rect.top() + (rect.height() - 2 * line - 2) // 2, text.width(), line)
        second = first.translated(0, line + 2)
        strong = "selection_text" if selected else "text"
        painter.save()
        font = QFont(opt.font)
        font.setWeight(QFont.Weight.DemiBold)
        font.setItalic(missing)
        painter.setFont(font)
        painter.setPen(theme.color("placeholder" if missing and not selected else strong))
        painter.drawText(
            first,
            Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, first.width()),
        )
        painter.setFont(opt.font)
        painter.setPen(theme.color(strong if selected else "placeholder" if missing else "text_subtle"))
        detail = str(index.data(DETAIL_ROLE) or "")
        painter.drawText(
            second,
            Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(detail, Qt.TextElideMode.ElideMiddle, second.width()),
        )
        painter.restore()


class OpenWorkspaceDialog(QDialog):
    """Recent workspaces, a folder, or a team database; see the module docstring."""

    def __init__(self, opener: WorkspaceOpener, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.opener = opener
        self.runner: TaskRunner[Any, None] | None = None  # the open under way
        self.runners: list[TaskRunner[Any, None]] = []  # kept until their threads end
        self.attempt = 0  # answers of an attempt given up on are left unread
        self.extra_query = ""  # a recent database's query (sslmode=…), kept when its form is filled
        self.setObjectName("OpenWorkspaceDialog")
        self.setWindowTitle(self.tr("Open Workspace"))
        self.setMinimumWidth(620)
        col = QVBoxLayout(self)
        col.setContentsMargins(22, 18, 22, 16)
        col.setSpacing(10)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._recent_page())
        self.pages.addWidget(self._database_page())
        col.addWidget(self.pages, 1)
        self.message = QLabel(self)
        self.message.setObjectName("OverLimit")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        col.addWidget(self.message)

        row = QHBoxLayout()
        self.folder_button = QPushButton(icon("folder"), self.tr("Choose folder…"), self)
        self.database_button = QPushButton(icon("database"), self.tr("Team database…"), self)
        self.back_button = QPushButton(self.tr("Recent workspaces"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.open_button = QPushButton(icon("open-workspace"), self.tr("Open"), self)
        self.open_button.setObjectName("PrimaryButton")
        self.open_button.setDefault(True)
        for button in (self.folder_button, self.database_button, self.back_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.open_button)
        col.addLayout(row)

        self.folder_button.clicked.connect(self.choose_folder)
        self.database_button.clicked.connect(self.show_database_form)
        self.back_button.clicked.connect(self.show_recent)
        self.cancel_button.clicked.connect(self.reject)
        self.open_button.clicked.connect(self.open_current)
        self._tab_order()
        self.refresh()
        self.show_recent()

    # -- building ----------------------------------------------------------------------------------
    def _recent_page(self) -> QWidget:
        page = QWidget(self)
        col = QVBoxLayout(page)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(8)
        heading = QLabel(self.tr("Recent workspaces"), page)
        heading.setObjectName("SectionTitle")
        self.recent = QListWidget(page)
        self.recent.setObjectName("RecentWorkspaces")
        self.recent.setAccessibleName(self.tr("Recent workspaces"))
        self.recent.setItemDelegate(RecentDelegate(self.recent))
        self.recent.setMinimumHeight(250)
        self.recent.setUniformItemSizes(True)
        heading.setBuddy(self.recent)
        self.empty_note = QLabel(
            self.tr("No workspace opened yet: choose a folder, or a team database on a PostgreSQL server."), page
        )
        self.empty_note.setObjectName("Muted")
        self.empty_note.setWordWrap(True)
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove from list"), page)
        self.remove_button.setToolTip(self.tr("Take the workspace off this list; the workspace itself is kept"))
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_button)
        remove_row.addStretch(1)
        col.addWidget(heading)
        col.addWidget(self.recent, 1)
        col.addWidget(self.empty_note, 1, Qt.AlignmentFlag.AlignTop)  # in the list's place when it is empty
        col.addLayout(remove_row)
        self.recent.itemDoubleClicked.connect(lambda _item: self.open_recent())
        self.recent.currentItemChanged.connect(lambda _a, _b: self._update_buttons())
        self.remove_button.clicked.connect(self.remove_selected)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.recent)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.remove_selected)
        return page

    def _database_page(self) -> QWidget:
        page = QWidget(self)
        col = QVBoxLayout(page)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(8)
        heading = QLabel(self.tr("Team database"), page)
        heading.setObjectName("SectionTitle")
        intro = QLabel(
            self.tr(
                "A workspace your team shares on a PostgreSQL server. Whoever runs the server can tell you "
                "these details."
            ),
            page,
        )
        intro.setObjectName("Muted")
        intro.setWordWrap(True)
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        self.host = QLineEdit(page)
        self.host.setPlaceholderText(self.tr("e.g. db.example.com"))
        self.port = QSpinBox(page)
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setGroupSeparatorShown(False)
        self.port.setMinimumWidth(96)
        pad_spin_boxes(self.port)
        port_label = QLabel(self.tr("Port"), page)
        port_label.setBuddy(self.port)
        host_row = QHBoxLayout()
        host_row.addWidget(self.host, 1)
        host_row.addSpacing(8)
        host_row.addWidget(port_label)
        host_row.addSpacing(4)
        host_row.addWidget(self.port)
        self.database = QLineEdit(page)
        self.database.setPlaceholderText(self.tr("e.g. smsflow"))
        self.user = QLineEdit(page)
        self.user.setPlaceholderText(self.tr("your user name on the server"))
        self.password = QLineEdit(page)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember in the keyring"), page)
        self.remember.setChecked(True)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password, 1)
        password_row.addWidget(self.remember)
        form.addRow(self.tr("Host"), host_row)
        self.host.setAccessibleName(self.tr("Host"))
        self.port.setAccessibleName(self.tr("Port"))
        for label, widget in ((self.tr("Database"), self.database), (self.tr("User"), self.user)):
            form.addRow(label, widget)
            widget.setAccessibleName(label)
        form.addRow(self.tr("Password"), password_row)
        self.password.setAccessibleName(self.tr("Password"))
        self.password_note = QLabel(page)
        self.password_note.setObjectName("Muted")
        self.password_note.setWordWrap(True)
        self.url_label = QLabel(page)
        self.url_label.setObjectName("Muted")
        self.url_label.setWordWrap(True)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(heading)
        col.addWidget(intro)
        col.addLayout(form)
        col.addWidget(self.password_note)
        col.addWidget(self.url_label)
        col.addStretch(1)
        for edit in (self.host, self.database, self.user):
            edit.textChanged.connect(lambda _t: self._show_url())
        self.port.valueChanged.connect(lambda _v: self._show_url())
        self.remember.toggled.connect(lambda _on: self._password_state())
        self._password_state()
        self._show_url()
        return page

    def _tab_order(self) -> None:
        chain: list[QWidget] = [
            self.recent,
            self.remove_button,
            self.host,
            self.port,
            self.database,
            self.user,
            self.password,
            self.remember,
            self.folder_button,
            self.database_button,
            self.back_button,
            self.cancel_button,
            self.open_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- the recent list ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the recent list again (most recent first), keeping the selected entry selected."""
        current = self.selected_entry()
        self.recent.clear()
        for entry in window_state.recent_workspaces():
            item = self._item(entry)
            self.recent.addItem(item)
            if entry == current:
                self.recent.setCurrentItem(item)
        if self.recent.currentItem() is None and self.recent.count():
            self.recent.setCurrentRow(0)
        self.recent.setVisible(self.recent.count() > 0)
        self.empty_note.setVisible(self.recent.count() == 0)
        self.remove_button.setVisible(self.recent.count() > 0)
        self._update_buttons()

    def _item(self, entry: str) -> QListWidgetItem:
        if window_state.is_database_location(entry):
            kind, icon_name, missing = self.tr("Team database"), "database", False
        else:
            kind, icon_name = self.tr("Folder"), "folder"
            missing = not (Path(entry) / DB_NAME).exists()
        detail = f"{kind} · {entry}"
        if missing:
            detail = f"{kind} · {self.tr('not found')} · {entry}"
        item = QListWidgetItem(icon(icon_name), workspace_name(entry))
        item.setData(ENTRY_ROLE, entry)
        item.setData(MISSING_ROLE, missing)
        item.setData(DETAIL_ROLE, detail)
        tip = entry
        if missing:
            tip += "\n" + self.tr(
                "There is no workspace here any more (moved, deleted, or on a drive that is not connected)."
            )
        item.setToolTip(tip)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{workspace_name(entry)}, {detail}")
        return item

    def selected_entry(self) -> str | None:
        item = self.recent.currentItem()
        value = item.data(ENTRY_ROLE) if item is not None else None
        return value if isinstance(value, str) else None

    def remove_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        row = self.recent.currentRow()
        window_state.forget_workspace(entry)
        self.refresh()
        if self.recent.count():
            self.recent.setCurrentRow(min(row, self.recent.count() - 1))
        self._say("")

    def open_recent(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.open_location(entry if window_state.is_database_location(entry) else Path(entry))

    # -- the pages ----------------------------------------------------------------------------------
    def show_recent(self) -> None:
        self.pages.setCurrentIndex(0)
        self._update_buttons()
        self._say("")
        (self.recent if self.recent.count() else self.folder_button).setFocus()

    def show_database_form(self) -> None:
        entry = self.selected_entry()
        if entry is not None and window_state.is_database_location(entry):
            self.fill_from_url(entry)
        self.pages.setCurrentIndex(1)
        self._password_state()
        self._update_buttons()
        self._say("")
        first_empty = next((w for w in (self.host, self.database, self.user) if not w.text().strip()), None)
        (first_empty or self.password).setFocus()

    def fill_from_url(self, url: str) -> None:
        """Fill the team database's fields from a URL (its password, if any, is not taken)."""
        database, host, port, user, query = _database_parts(url)
        self.host.setText(host)
        self.port.setValue(port or DEFAULT_PORT)
        self.database.setText(database)
        self.user.setText(user)
        self.extra_query = query
        self._show_url()

    def _update_buttons(self) -> None:
        on_recent = self.pages.currentIndex() == 0
        self.folder_button.setVisible(on_recent)
        self.database_button.setVisible(on_recent)
        self.back_button.setVisible(not on_recent)
        idle = self.runner is None  # while a workspace opens, only Cancel is there to press
        for button in (self.folder_button, self.database_button, self.back_button):
            button.setEnabled(idle)
        self.remove_button.setEnabled(idle and self.selected_entry() is not None)
        self.open_button.setEnabled(idle and (not on_recent or self.selected_entry() is not None))

    def _password_state(self) -> None:
        if not secrets.keyring_available():
            self.remember.setChecked(False)
            self.remember.setEnabled(False)
            self.password.setEnabled(False)
            self.password.clear()
            self.password.setPlaceholderText(self.tr("No system keyring"))
            self.password_note.setText(
                self.tr(
                    "This machine has no system keyring to keep the password in. Give it in the environment "
                    "variable PGPASSWORD or in the file ~/.pgpass before starting the app."
                )
            )
            return
        self.remember.setEnabled(True)
        on = self.remember.isChecked()
        self.password.setEnabled(on)
        if not on:
            self.password.clear()
        self.password.setPlaceholderText(self.tr("Optional") if on else "")
        self.password_note.setText(
            self.tr(
                "The password is kept in the system keyring only, never in a file or this list. Leave it "
                "empty when PGPASSWORD, ~/.pgpass or the keyring already has it."
            )
            if on
            else self.tr("The password then comes from PGPASSWORD, ~/.pgpass or the keyring.")
        )

    def form_url(self) -> str | None:
        """The URL the team database's fields name; None (and a line saying why) when one is missing."""
        for edit, problem in (
            (self.host, self.tr("Give the server's host name.")),
            (self.database, self.tr("Give the database's name.")),
            (self.user, self.tr("Give your user name on the server.")),
        ):
            if not edit.text().strip():
                self._say(problem)
                edit.setFocus()
                return None
        return database_url(
            self.host.text(), self.port.value(), self.database.text(), self.user.text(), self.extra_query
        )

    def _show_url(self) -> None:
        if not all(w.text().strip() for w in (self.host, self.database, self.user)):
            self.url_label.setText(self.tr("Workspace: postgresql://USER@HOST:PORT/DATABASE"))
            return
        url = database_url(
            self.host.text(), self.port.value(), self.database.text(), self.user.text(), self.extra_query
        )
        self.url_label.setText(self.tr("Workspace: %1").replace("%1", url))

    # -- opening -----------------------------------------------------------------------------------
    def open_current(self) -> None:
        """The Open button (and Enter): the selected recent workspace, or the team database."""
        if self.runner is not None:
            return
        if self.pages.currentIndex() == 0:
            self.open_recent()
        else:
            self.open_database()

    def choose_folder(self) -> None:
        folder = choose_folder(self, "workspace", self.tr("Open workspace folder"))
        if folder is not None:
            self.open_location(folder)

    def open_database(self) -> None:
        """Open the database the fields name, its typed password first put in the keyring."""
        url = self.form_url()
        if url is None:
            return
        typed = self.password.text() if self.password.isEnabled() and self.remember.isChecked() else ""
        if typed:
            from smsflow_desktop.services.store.pg_workspace import keyring_account

            try:
                secrets.set_database_password(keyring_account(url), typed)
            except secrets.SecretsError as exc:
                self._say(str(exc))
                return
            self.password.clear()
        self.open_location(url)

    def open_location(self, location: Path | str, *, create: bool | None = None) -> None:
        """Open the workspace at ``location`` on the worker thread (with ``create`` None, look first)."""
        if self.runner is not None:
            return
        self.attempt += 1
        attempt = self.attempt
        self._say(self.tr("Opening %1…").replace("%1", window_state.location_text(location)), error=False)
        runner: TaskRunner[Any, None] = TaskRunner(
            _open_job(location, create),
            name="open-workspace",
            parent=self,
            on_success=lambda answer: self._answered(runner, attempt, location, answer),
            on_failure=lambda message: self._failed(runner, attempt, location, message),
        )
        self.runner = runner
        self.pages.setEnabled(False)
        self._update_buttons()
        runner.start(keep_in=self.runners)

    def _finish(self, runner: TaskRunner[Any, None]) -> None:
        if self.runner is runner:
            self.runner = None
            self.pages.setEnabled(True)
            self._update_buttons()

    def _answered(
        self, runner: TaskRunner[Any, None], attempt: int, location: Path | str, answer: tuple[str, Workspace | None]
    ) -> None:
        self._finish(runner)
        if attempt != self.attempt:
            return
        found, workspace = answer
        where = window_state.location_text(location)
        if found == "missing":
            self._say(
                self.tr(
                    "%1 is gone (moved, deleted, or on a drive that is not connected): remove it from the "
                    "list, or find it with Choose folder…"
                ).replace("%1", where)
            )
            return
        if found == "empty":
            title, text = create_question(location)
            if self.opener.dialogs.confirm(title, text):
                self.open_location(location, create=True)
            else:
                self._say("")
            return
        assert workspace is not None
        self._say("")
        if self.opener.use_workspace(workspace):
            self.accept()
        else:
            self.refresh()

    def _failed(self, runner: TaskRunner[Any, None], attempt: int, location: Path | str, message: str) -> None:
        self._finish(runner)
        if attempt == self.attempt:
            self._say(one_line(message, location))

    def _say(self, text: str, *, error: bool = True) -> None:
        self.message.setText(text)
        self.message.setObjectName("OverLimit" if error else "Muted")
        repolish(self.message)
        self.message.setVisible(bool(text))

    # -- showing and closing -----------------------------------------------------------------------
    def start(self) -> None:
        """Show the dialog (window-modal) on the recent list, read afresh."""
        self.refresh()
        self.show_recent()
        self.open()

    def done(self, result: int) -> None:
        self._give_up()
        self.password.clear()
        super().done(result)

    def _give_up(self) -> None:
        """An open still under way is not waited for, nor its answer acted on."""
        self.attempt += 1
        if self.runner is not None:
            self._finish(self.runner)
            self._say("")

    def shutdown(self) -> None:
        """Wait for opens still under way (the window is closing)."""
        self._give_up()
        for runner in list(self.runners):
            runner.wait(60000)
