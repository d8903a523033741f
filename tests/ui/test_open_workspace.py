"""File > Open Workspace…: the workspaces opened last (most recent first, a database's password
never kept), opening a folder from the list, a folder that is gone or a damaged workspace said
in the dialog, the team database's form (its password to the keyring only), and a workspace in
a real PostgreSQL database opened through the dialog."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from smsflow_desktop.services.workspace import Workspace
from smsflow_desktop.ui.window import open_workspace, window_state
from smsflow_desktop.ui.window.open_workspace import (
    DETAIL_ROLE,
    MISSING_ROLE,
    OpenWorkspaceDialog,
    database_url,
    workspace_name,
)
from tests.keyrings import memory_keyring  # noqa: F401  (a fixture)

from .test_appearance import styled  # noqa: F401  (a fixture)


def row_of(dialog: OpenWorkspaceDialog, entry: Path | str) -> int:
    rows = [dialog.recent.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.recent.count())]
    return rows.index(str(entry))


def wait_idle(qtbot, dialog: OpenWorkspaceDialog) -> None:
    qtbot.waitUntil(lambda: dialog.runner is None, timeout=60000)


def settings_text() -> str:
    window_state.settings().sync()
    return Path(window_state.settings().fileName()).read_text(encoding="utf-8")


# -- the recent list ----------------------------------------------------------------------------
def test_every_opened_workspace_is_remembered_most_recent_first(window, workspace, tmp_path: Path) -> None:
    first = workspace.root.resolve()
    assert window_state.recent_workspaces() == [str(first)]  # opened with the window
    other = tmp_path / "Autumn"
    assert window.open_workspace_path(other)  # asked, and created
    assert window_state.recent_workspaces() == [str(other.resolve()), str(first)]
    assert window.open_workspace_path(workspace.root)
    assert window_state.recent_workspaces() == [str(first), str(other.resolve())]
    for i in range(12):
        window_state.remember_workspace(tmp_path / f"ws{i}")
    recent = window_state.recent_workspaces()
    assert len(recent) == 10
    assert recent[0] == str((tmp_path / "ws11").resolve())
    assert str(first) not in recent  # the oldest fell off the end


def test_a_database_url_is_remembered_without_its_password() -> None:
    window_state.remember_workspace("postgresql://anna:s3cret@db.example.com:5432/smsflow?sslmode=require&password=x2")
    assert window_state.recent_workspaces() == ["postgresql://anna@db.example.com:5432/smsflow?sslmode=require"]
    text = settings_text()
    assert "s3cret" not in text and "x2" not in text
    # The campaign last open in it is kept by the URL without password too.
    window_state.remember_campaign("postgresql://anna:s3cret@db.example.com:5432/smsflow", "Spring promo")
    assert window_state.last_campaign("postgresql://anna@db.example.com:5432/smsflow") == "Spring promo"
    assert "s3cret" not in settings_text()
    assert window_state.location_text("postgresql://anna:s3cret@db/x") == "postgresql://anna@db/x"


def test_the_dialog_lists_folders_and_databases_with_their_kind(window, workspace, tmp_path: Path) -> None:
    window_state.remember_workspace("postgresql://anna:s3cret@db.example.com:5432/smsflow")
    dialog = window.choose_workspace()
    assert dialog.isVisible()
    assert dialog.recent.count() == 2
    database = dialog.recent.item(0)
    assert database.text() == "smsflow on db.example.com"
    assert database.data(DETAIL_ROLE) == "Team database · postgresql://anna@db.example.com:5432/smsflow"
    folder = dialog.recent.item(1)
    assert folder.text() == workspace.root.name
    assert folder.data(DETAIL_ROLE) == f"Folder · {workspace.root.resolve()}"
    assert not folder.data(MISSING_ROLE)
    dialog.reject()


# -- opening from the list -----------------------------------------------------------------------
def test_enter_opens_the_selected_folder_and_closes_the_dialog(window, workspace, qtbot, tmp_path: Path) -> None:
    other = Workspace.open(tmp_path / "Autumn", create=True)
    window_state.remember_workspace(other.root)
    dialog = window.choose_workspace()
    dialog.recent.setCurrentRow(row_of(dialog, other.root.resolve()))
    dialog.recent.setFocus()
    qtbot.keyClick(dialog.recent, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.context.root == other.root, timeout=20000)
    assert not dialog.isVisible()
    assert "Autumn" in window.windowTitle()
    assert window.workspace_label.text().endswith(str(other.root))
    assert window_state.recent_workspaces()[0] == str(other.root.resolve())


def test_a_double_click_opens_an_entry(window, workspace, qtbot, tmp_path: Path) -> None:
    other = Workspace.open(tmp_path / "Autumn", create=True)
    window_state.remember_workspace(other.root)
    dialog = window.choose_workspace()
    qtbot.waitExposed(dialog)
    item = dialog.recent.item(row_of(dialog, other.root.resolve()))
    where = dialog.recent.visualItemRect(item).center()
    qtbot.mouseClick(dialog.recent.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double click's first press
    qtbot.mouseDClick(dialog.recent.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: window.context.root == other.root, timeout=20000)
    assert not dialog.isVisible()


def test_a_folder_that_is_gone_is_dimmed_and_opening_it_says_so_in_the_dialog(
    window, workspace, qtbot, tmp_path: Path
) -> None:
    gone = tmp_path / "USB stick" / "workspace"
    window_state.remember_workspace(gone)
    dialog = window.choose_workspace()
    row = row_of(dialog, gone.resolve())
    item = dialog.recent.item(row)
    assert item.data(MISSING_ROLE) and "not found" in item.data(DETAIL_ROLE)
    dialog.recent.setCurrentRow(row)
    dialog.open_button.click()
    wait_idle(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.message.isVisible() and "is gone" in dialog.message.text()
    assert "\n" not in dialog.message.text()
    assert window.context.root == workspace.root  # the open workspace stays
    assert not gone.exists()  # nothing made there
    assert str(gone.resolve()) in window_state.recent_workspaces()  # not silently dropped
    dialog.remove_button.click()
    assert str(gone.resolve()) not in window_state.recent_workspaces()
    assert dialog.recent.count() == 1
    dialog.reject()


def test_a_damaged_workspace_gives_one_line_in_the_dialog(window, workspace, qtbot, tmp_path: Path) -> None:
    damaged = tmp_path / "Damaged"
    damaged.mkdir()
    (damaged / "smsflow.db").write_bytes(b"")
    window_state.remember_workspace(damaged)
    dialog = window.choose_workspace()
    dialog.recent.setCurrentRow(row_of(dialog, damaged.resolve()))
    dialog.open_button.click()
    wait_idle(qtbot, dialog)
    assert dialog.isVisible()
    assert "is empty (0 bytes), perhaps truncated" in dialog.message.text()
    assert window.context.root == workspace.root
    assert window.dialogs.told == []  # said in the dialog, not in a box over it
    assert (damaged / "smsflow.db").stat().st_size == 0
    dialog.reject()


@pytest.mark.parametrize("create", [True, False])
def test_a_chosen_folder_without_a_workspace_asks_first(
    window, workspace, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, create: bool
) -> None:
    empty = tmp_path / "New"
    empty.mkdir()
    monkeypatch.setattr(open_workspace, "choose_folder", lambda *_a: empty)
    window.dialogs.confirm_answer = create
    dialog = window.choose_workspace()
    dialog.folder_button.click()
    wait_idle(qtbot, dialog)
    assert window.dialogs.asked == ["confirm:New workspace"]
    if create:
        qtbot.waitUntil(lambda: window.context.root == empty, timeout=20000)
        assert (empty / "smsflow.db").exists()
        assert not dialog.isVisible()
    else:
        assert not (empty / "smsflow.db").exists()
        assert dialog.isVisible() and window.context.root == workspace.root
        dialog.reject()


# -- the team database's form ---------------------------------------------------------------------
def fill(dialog: OpenWorkspaceDialog, host: str, port: int, database: str, user: str) -> None:
    dialog.database_button.click()
    dialog.host.setText(host)
    dialog.port.setValue(port)
    dialog.database.setText(database)
    dialog.user.setText(user)


def test_the_database_password_goes_to_the_keyring_only(
    window, workspace, memory_keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = window.choose_workspace()
    opened: list[object] = []
    monkeypatch.setattr(dialog, "open_location", lambda location, **_kw: opened.append(location))
    fill(dialog, "db.example.com", 6543, "smsflow", "anna")
    assert dialog.password.isEnabled() and dialog.remember.isChecked()
    dialog.password.setText("pw-s3cret")
    assert "postgresql://anna@db.example.com:6543/smsflow" in dialog.url_label.text()
    dialog.open_button.click()
    url = "postgresql://anna@db.example.com:6543/smsflow"
    assert opened == [url]
    assert memory_keyring.store == {("smsflow-desktop", url): "pw-s3cret"}
    assert dialog.password.text() == ""
    window_state.remember_workspace(url)
    assert "pw-s3cret" not in settings_text()
    dialog.reject()


def test_without_a_keyring_the_password_field_says_where_the_password_comes_from(window, workspace) -> None:
    dialog = window.choose_workspace()
    dialog.database_button.click()
    assert not dialog.password.isEnabled() and not dialog.remember.isEnabled()
    assert "PGPASSWORD" in dialog.password_note.text() and "~/.pgpass" in dialog.password_note.text()
    dialog.reject()


def test_a_missing_field_is_said_and_nothing_is_opened(window, workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = window.choose_workspace()
    opened: list[object] = []
    monkeypatch.setattr(dialog, "open_location", lambda location, **_kw: opened.append(location))
    fill(dialog, "db.example.com", 5432, "", "anna")
    dialog.open_button.click()
    assert opened == []
    assert dialog.message.text() == "Give the database's name."
    assert dialog.database.hasFocus() or not dialog.isActiveWindow()
    dialog.reject()


def test_a_recent_database_fills_the_form(window, workspace) -> None:
    window_state.remember_workspace("postgresql://anna:pw@db.example.com:6543/team%20a?sslmode=require")
    dialog = window.choose_workspace()
    dialog.recent.setCurrentRow(0)
    dialog.database_button.click()
    assert (dialog.host.text(), dialog.port.value(), dialog.database.text(), dialog.user.text()) == (
        "db.example.com",
        6543,
        "team a",
        "anna",
    )
    assert dialog.form_url() == "postgresql://anna@db.example.com:6543/team%20a?sslmode=require"
    dialog.reject()


def test_database_urls_and_names() -> None:
    assert database_url("db.example.com", 5432, "smsflow", "anna") == "postgresql://anna@db.example.com:5432/smsflow"
    assert database_url("::1", 5433, "s", "a.b@x") == "postgresql://a.b%40x@[::1]:5433/s"
    assert database_url("/run/postgresql", 5432, "s", "anna") == "postgresql://anna@/s?host=/run/postgresql&port=5432"
    assert workspace_name("postgresql://anna@db.example.com:5432/smsflow") == "smsflow on db.example.com"
    assert workspace_name("postgresql://anna@/smsflow?host=/run/postgresql") == "smsflow"
    assert workspace_name(Path("/home/anna/Spring")) == "Spring"


# -- a real team database -------------------------------------------------------------------------
@pytest.fixture
def pools_closed_after() -> object:
    from smsflow_desktop.services.store.pg_workspace import close_pools

    yield None
    close_pools()  # before the test's database is dropped


def test_a_team_database_opens_through_the_dialog(window, workspace, qtbot, pg_url: str, pools_closed_after) -> None:
    parts = urlsplit(pg_url)
    socket_dir = parse_qs(parts.query)["host"][0]
    database = parts.path.lstrip("/")
    dialog = window.choose_workspace()
    fill(dialog, socket_dir, 5432, database, "postgres")
    dialog.open_button.click()
    qtbot.waitUntil(
        lambda: window.context.workspace is not None and window.context.workspace.dialect == "postgresql", timeout=60000
    )
    assert window.dialogs.asked == ["confirm:New workspace"]  # an empty database: created when asked
    assert not dialog.isVisible()
    url = window.context.workspace.root
    assert isinstance(url, str) and url.startswith("postgresql://postgres@/" + database)
    assert window_state.recent_workspaces()[0] == url
    assert window.windowTitle() == f"{database} — smsflow-desktop"
    assert window.workspace_label.text().endswith(url)
    # Back to the folder, then to the database again from the list: no question this time.
    assert window.open_workspace_path(workspace.root)
    window.dialogs.asked.clear()
    dialog = window.choose_workspace()
    assert dialog.recent.item(0).data(Qt.ItemDataRole.UserRole) == str(workspace.root.resolve())
    dialog.recent.setCurrentRow(row_of(dialog, url))
    dialog.open_button.click()
    qtbot.waitUntil(lambda: window.context.root == url, timeout=60000)
    assert window.dialogs.asked == []


def test_the_agent_service_of_a_team_database_names_it_without_its_password() -> None:
    from smsflow_desktop.ui.window import agent_service

    url = "postgresql://anna:s3cret@db.example.com:5432/smsflow"
    command = agent_service.agent_command(url)
    assert command[-2:] == ["--workspace", "postgresql://anna@db.example.com:5432/smsflow"]
    text = agent_service.unit_text(url, command)
    assert "s3cret" not in text and "postgresql://anna@db.example.com:5432/smsflow" in text
    assert agent_service.service_id(url) == agent_service.service_id("postgresql://anna@db.example.com:5432/smsflow")


def test_open_is_drawn_greyed_out_while_there_is_nothing_to_open(styled, window, workspace) -> None:
    from PySide6.QtWidgets import QPushButton

    from smsflow_desktop.ui import theme

    from .test_appearance import pixel

    theme.install(styled, "light")
    window_state.forget_workspace(str(workspace.root.resolve()))
    dialog = window.choose_workspace()
    assert dialog.recent.count() == 0 and not dialog.remove_button.isVisible()
    assert not dialog.open_button.isEnabled()
    button = dialog.open_button
    assert pixel(button, button.width() // 2, 4) != theme.LIGHT["accent"]
    plain = QPushButton("Open", dialog)
    plain.setEnabled(False)
    plain.resize(button.size())
    assert pixel(button, button.width() // 2, 4) == pixel(plain, plain.width() // 2, 4)
    dialog.reject()


def test_tab_goes_through_the_dialog_in_reading_order(window, workspace, qtbot, memory_keyring) -> None:
    dialog = window.choose_workspace()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)

    def tabbing(start, count: int) -> list[object]:
        start.setFocus()
        seen = [QApplication.focusWidget()]
        for _ in range(count):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            seen.append(QApplication.focusWidget())
        return seen

    d = dialog
    assert tabbing(d.recent, 5) == [
        d.recent,
        d.remove_button,
        d.folder_button,
        d.database_button,
        d.cancel_button,
        d.open_button,
    ]
    d.database_button.click()
    assert QApplication.focusWidget() is d.host  # the first field still empty
    assert tabbing(d.host, 8) == [
        d.host,
        d.port,
        d.database,
        d.user,
        d.password,
        d.remember,
        d.back_button,
        d.cancel_button,
        d.open_button,
    ]
    for field in (d.host, d.port, d.database, d.user, d.password, d.recent):
        assert field.accessibleName()
    dialog.reject()


def test_the_self_test_leaves_no_throwaway_workspace_in_the_list(qapp, capsys) -> None:
    from smsflow_desktop.ui.self_test import run_self_test

    assert run_self_test() == 0, capsys.readouterr().out
    assert window_state.recent_workspaces() == []


def test_a_server_that_cannot_be_reached_is_said_at_once_in_the_dialog(window, workspace, qtbot) -> None:
    dialog = window.choose_workspace()
    fill(dialog, "127.0.0.1", 1, "smsflow", "anna")  # nothing listens on port 1
    started = time.monotonic()
    dialog.open_button.click()
    wait_idle(qtbot, dialog)
    assert time.monotonic() - started < 15  # not the connection pool's long wait
    text = dialog.message.text()
    assert text.startswith("postgresql://anna@127.0.0.1:1/smsflow: cannot reach the database server"), text
    assert dialog.isVisible() and window.context.root == workspace.root
    assert window_state.recent_workspaces() == [str(workspace.root.resolve())]  # only what was opened
    dialog.reject()


def test_a_missing_database_is_named_in_the_dialog(window, workspace, qtbot, pg_server) -> None:
    dialog = window.choose_workspace()
    fill(dialog, str(pg_server.socket_dir), 5432, "no_such_db", "postgres")
    dialog.open_button.click()
    wait_idle(qtbot, dialog)
    text = dialog.message.text()
    assert text.startswith("postgresql://postgres@/no_such_db?") and "no such database on the server" in text
    assert dialog.isVisible() and window.dialogs.asked == []
    dialog.reject()
