"""Two windows (or a window and a script) on one workspace: the second save of a campaign gets
the conflict dialog instead of silently overwriting the first; Keep mine as a copy, Reload and
Cancel; the History dialog lists both versions with who saved them, shows the diff between
them and restores one as a new version; the SMS message editor refuses a stale save too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from smsflow_desktop.model.campaign import SmsMessage
from smsflow_desktop.model.campaign_file import CampaignFile
from smsflow_desktop.services import campaign_versions
from smsflow_desktop.services.campaigns import (
    campaign_history,
    import_campaign,
    list_campaigns,
    load_campaign,
    load_campaign_and_version,
    load_message_and_version,
    save_message,
)
from smsflow_desktop.services.store.pg_workspace import close_pools
from smsflow_desktop.services.workspace import Workspace
from smsflow_desktop.ui.editor.message_editor import MessageEditor
from smsflow_desktop.ui.window.main_window import MainWindow

from .conftest import ScriptedDialogs, make_ui_workspace


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def workspace(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    """The windows share a workspace folder, or a team's PostgreSQL database."""
    if request.param == "sqlite":
        yield make_ui_workspace(tmp_path / "ws")
        return
    ws = make_ui_workspace(request.getfixturevalue("pg_url"))
    request.addfinalizer(close_pools)  # after the windows close, before the database is dropped
    yield ws


@pytest.fixture
def users(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Who saves: the user name on a folder workspace; the database role on PostgreSQL, here
    told apart the same way (one role per marketer is the team set-up's own test)."""
    who = ["anna"]
    monkeypatch.setattr(campaign_versions.getpass, "getuser", lambda: who[-1])
    real = campaign_versions.current_user
    monkeypatch.setattr(campaign_versions, "current_user", lambda conn=None: who[-1] if conn is not None else real())
    return who


@pytest.fixture
def two_windows(qtbot, workspace: Workspace) -> Iterator[tuple[MainWindow, MainWindow]]:
    made = []
    for _ in range(2):
        win = MainWindow(workspace)
        win.dialogs = ScriptedDialogs()
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        assert win.open_campaign("Spring promo")
        made.append(win)
    yield made[0], made[1]
    for win in made:
        win.dialogs.save_answer = "discard"
        win.close()


def message_of_step_1(win: MainWindow) -> str:
    return win.context.controller.document.campaign.flow[0].message


def edit_and_save(win: MainWindow, message: str) -> bool:
    assert win.context.controller.set_field(0, "message", message)
    return win.save_campaign()


def test_the_second_save_gets_the_conflict_dialog_and_cancel_keeps_both_sides(
    two_windows, workspace: Workspace, users: list[str]
) -> None:
    anna, bo = two_windows
    users.append("bo")
    assert edit_and_save(bo, "Vårerbjudande")
    assert bo.dialogs.conflicts == []
    users.append("anna")
    assert not edit_and_save(anna, "Anna's offer")  # refused: Cancel is the scripted answer
    (info,) = anna.dialogs.conflicts
    assert info.campaign == "Spring promo" and info.saved_by == "bo" and info.renamed_to == ""
    assert info.headline().startswith("“Spring promo” was changed by bo at ")
    assert info.theirs == ["Step 1 Send SMS Message: SMS Message changed from “Spring offer” to “Vårerbjudande”"]
    assert info.mine == ["Step 1 Send SMS Message: SMS Message changed from “Spring offer” to “Anna's offer”"]
    # Nothing was overwritten; Anna's edit is still in her editor, unsaved.
    with workspace.session() as conn:
        assert load_campaign(conn, "Spring promo").flow[0].message == "Vårerbjudande"
    assert anna.context.controller.is_dirty and message_of_step_1(anna) == "Anna's offer"


def test_keep_mine_as_a_copy(two_windows, workspace: Workspace, users: list[str]) -> None:
    anna, bo = two_windows
    assert edit_and_save(bo, "Vårerbjudande")
    anna.dialogs.conflict_answer = "copy"
    assert edit_and_save(anna, "Anna's offer")
    with workspace.session() as conn:
        assert load_campaign(conn, "Spring promo").flow[0].message == "Vårerbjudande"
        copy, version = load_campaign_and_version(conn, "Spring promo (copy)")
        assert (copy.flow[0].message, version) == ("Anna's offer", 1)
        assert campaign_history(conn, "Spring promo (copy)")[0].note == "copy"
    controller = anna.context.controller
    assert (controller.saved_name, controller.base_version, controller.is_dirty) == ("Spring promo (copy)", 1, False)
    assert anna.windowTitle().startswith("Spring promo (copy)")
    assert anna.results_tab.campaign_name == "Spring promo (copy)"
    assert ("campaign", "Spring promo (copy)") in anna.navigator.items
    # Anna goes on editing her copy; Bo's campaign is left alone.
    assert edit_and_save(anna, "Spring offer")
    with workspace.session() as conn:
        assert load_campaign(conn, "Spring promo").flow[0].message == "Vårerbjudande"


def test_reload_takes_theirs_and_drops_the_edits(two_windows, workspace: Workspace) -> None:
    anna, bo = two_windows
    assert edit_and_save(bo, "Vårerbjudande")
    anna.dialogs.conflict_answer = "reload"
    assert not edit_and_save(anna, "Anna's offer")
    controller = anna.context.controller
    assert message_of_step_1(anna) == "Vårerbjudande"
    assert (controller.base_version, controller.is_dirty, controller.stack.count()) == (2, False, 0)
    assert edit_and_save(anna, "Anna's offer")  # now on top of Bo's version
    with workspace.session() as conn:
        assert load_campaign_and_version(conn, "Spring promo")[1] == 3


def test_a_script_saving_meanwhile_is_a_conflict_too(window, workspace: Workspace, users: list[str]) -> None:
    window.open_campaign("Spring promo")
    users.append("ci")
    with workspace.session() as conn:  # smsflow campaign import --on-clash replace, say
        campaign = load_campaign(conn, "Spring promo")
        campaign.description = "from the file"
        import_campaign(conn, CampaignFile(campaign=campaign, messages=[]), on_clash="replace")
    users.append("anna")
    assert not edit_and_save(window, "Vårerbjudande")
    (info,) = window.dialogs.conflicts
    assert info.saved_by == "ci" and info.theirs == ["Description changed from (none) to “from the file”"]


def test_history_lists_both_versions_shows_the_diff_and_restores(
    two_windows, workspace: Workspace, users: list[str], qtbot
) -> None:
    anna, bo = two_windows
    users.append("bo")
    assert edit_and_save(bo, "Vårerbjudande")
    users.append("anna")
    anna.dialogs.conflict_answer = "reload"
    edit_and_save(anna, "Anna's offer")
    assert edit_and_save(anna, "Anna's offer")

    dialog = anna.show_history()
    qtbot.addWidget(dialog)
    rows = [
        [dialog.table.item(r, c).text() for c in (0, 1)] for r in range(dialog.table.rowCount())
    ]  # newest first, with who saved each
    assert rows[:2] == [["3", "anna"], ["2", "bo"]] and rows[2][0] == "1"  # 1: the workspace fixture's save
    assert dialog.heading.text() == "What version 3 changed (since version 2)"
    assert "SMS Message changed from “Vårerbjudande” to “Anna's offer”" in dialog.changes.toPlainText()
    dialog.select_versions(1, 3)
    assert dialog.heading.text() == "From version 1 to version 3"
    assert dialog.changes.toPlainText() == (
        "• Step 1 Send SMS Message: SMS Message changed from “Spring offer” to “Anna's offer”"
    )
    assert not dialog.restore_button.isEnabled()  # two selected
    dialog.select_versions(1)
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    # A new version 4 holds version 1; the open editor shows it; history is untouched below.
    assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == ["4", "3", "2", "1"]
    assert dialog.table.item(0, 3).text() == "Restored version 1"
    assert message_of_step_1(anna) == "Spring offer" and not anna.context.controller.is_dirty
    assert anna.context.controller.base_version == 4
    # Bo's window, still on version 2, is refused rather than overwriting the restore.
    assert not edit_and_save(bo, "Bo again")
    assert bo.dialogs.conflicts[-1].theirs == [
        "Step 1 Send SMS Message: SMS Message changed from “Vårerbjudande” to “Spring offer”"
    ]


def test_history_from_the_navigator_for_a_campaign_that_is_not_open(window, workspace: Workspace, qtbot) -> None:
    window.navigator.history_requested.emit("Spring promo")
    dialog = window.versions.history_dialog
    assert dialog is not None and dialog.windowTitle() == "History of “Spring promo”"
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.heading.text() == "Version 1: the first saved version"
    assert "Step 1 Send SMS Message added" in dialog.changes.toPlainText()
    assert not dialog.restore_button.isEnabled()  # the newest is what the campaign holds
    assert window.actions_.history.isEnabled() is False  # the menu item is for the open campaign


def test_the_message_editor_refuses_a_stale_save(qtbot, workspace: Workspace, users: list[str]) -> None:
    with workspace.session() as conn:
        found = load_message_and_version(conn, "Spring offer")
    assert found is not None
    conn = workspace.connect()
    try:
        editor = MessageEditor(conn, found[0], None, version=found[1])
        qtbot.addWidget(editor)
        users.append("bo")
        with workspace.session() as other:
            save_message(
                other, SmsMessage(name="Spring offer", body="Bo's text. Reply STOP to opt out"), base_version=1
            )
        users.append("anna")
        answers: list[object] = []
        editor.ask_conflict = lambda conflict: (answers.append(conflict), "copy")[1]
        editor.text.setPlainText("Anna's text. Reply STOP to opt out")
        editor.save()
        (conflict,) = answers
        assert conflict.theirs.saved_by == "bo" and conflict.theirs.content.startswith("Bo's text")
        assert editor.saved_name == "Spring offer (copy)"
        with workspace.session() as check:
            assert load_message_and_version(check, "Spring offer")[0].body.startswith("Bo's text")
            assert load_message_and_version(check, "Spring offer (copy)")[0].body.startswith("Anna's text")
            assert "Spring promo" in list_campaigns(check)
    finally:
        conn.close()


def test_the_conflict_and_its_changes_in_swedish(two_windows, qapp, qtbot) -> None:
    from smsflow_desktop.ui.i18n import install_translators
    from smsflow_desktop.ui.window.campaign_history import ConflictDialog

    anna, bo = two_windows
    assert install_translators(qapp, "sv") == "sv"
    try:
        assert edit_and_save(bo, "Vårerbjudande")
        assert bo.context.controller.set_field(1, "duration", "2 days") and bo.save_campaign()
        assert not edit_and_save(anna, "Anna's offer")
        (info,) = anna.dialogs.conflicts
        assert info.headline().startswith("”Spring promo” ändrades av ")
        assert info.theirs == [
            "Steg 1 Skicka SMS-meddelande: SMS-meddelande ändrades från ”Spring offer” till ”Vårerbjudande”",
            "Steg 2 Vänta: Varaktighet ändrades från 4 timmar till 2 dagar",
        ]
        dialog = ConflictDialog(info)
        qtbot.addWidget(dialog)
        buttons = [dialog.copy_button.text(), dialog.reload_button.text(), dialog.show_button.text()]
        assert buttons == ["Behåll min som kopia", "Läs in igen", "Visa deras ändringar"]
    finally:
        install_translators(qapp, "en")
