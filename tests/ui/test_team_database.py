"""The app on a team's PostgreSQL database: what a teammate saves shows up in an open window
without reopening it (the database announces changes; the window reads the campaign list and
the drop-downs again), and the open campaign's unsaved edits are left alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from smsflow_desktop.model.campaign import SmsMessage
from smsflow_desktop.services.campaigns import save_campaign, save_message
from smsflow_desktop.services.store.pg_workspace import close_pools
from smsflow_desktop.services.workspace import Workspace
from smsflow_desktop.ui.window.main_window import MainWindow

from .conftest import ScriptedDialogs, make_ui_workspace, sample_campaign

pytestmark = pytest.mark.postgresql


@pytest.fixture
def team_workspace(pg_url: str) -> Iterator[Workspace]:
    yield make_ui_workspace(pg_url)
    close_pools()


def test_a_teammates_new_campaign_and_message_show_up_in_an_open_window(qtbot, team_workspace: Workspace) -> None:
    win = MainWindow(team_workspace)
    win.dialogs = ScriptedDialogs()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_campaign("Spring promo")
    assert win.context.controller.set_field(0, "message", "Vårerbjudande")  # an edit not saved yet
    assert ("campaign", "Autumn promo") not in win.navigator.items
    teammate = Workspace(team_workspace.root)  # another marketer's app, on another computer
    with teammate.session() as conn:
        save_message(conn, SmsMessage(name="Autumn offer", body="Autumn! Reply STOP to opt out"))
        save_campaign(conn, sample_campaign("Autumn promo"))
    qtbot.waitUntil(lambda: ("campaign", "Autumn promo") in win.navigator.items, timeout=10000)
    assert "Autumn offer" in win.context.catalog.message_names
    assert win.context.controller.document.campaign.flow[0].message == "Vårerbjudande"  # still there, unsaved
    assert win.context.controller.is_dirty
    win.grab().save("/tmp/team-window.png")
    win.dialogs.save_answer = "discard"
    win.close()
