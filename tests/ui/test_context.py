"""The workspace context: what it announces when a workspace or a campaign opens, that a
refresh re-checks the open campaign against the workspace, and that a workspace it cannot
read is said, not raised, and leaves what it had."""

from __future__ import annotations

from smsflow_desktop.model.campaign import SmsMessage
from smsflow_desktop.services.campaigns import save_message
from smsflow_desktop.services.workspace import Workspace
from smsflow_desktop.ui.context import WorkspaceContext

from .conftest import sample_campaign


def test_opening_a_workspace_reads_its_catalog_then_says_so(qtbot, workspace: Workspace) -> None:
    context = WorkspaceContext()
    heard: list[tuple[str, object]] = []
    context.catalog_changed.connect(lambda catalog: heard.append(("catalog", catalog)))
    context.workspace_opened.connect(lambda ws: heard.append(("workspace", ws)))
    context.open_workspace(workspace, workspace.connect())
    assert [kind for kind, _ in heard] == ["catalog", "workspace"]
    assert heard[0][1] is context.catalog and heard[1][1] is workspace
    assert context.root == workspace.root
    assert context.catalog.vibes_lists == [("101", "Offers"), ("102", "Text Club")]
    assert context.overview.campaigns == ["Spring promo"]
    context.close_workspace()
    assert context.conn is None and context.workspace is None and context.root is None


def test_a_refresh_checks_the_open_campaign_against_the_workspace_again(qtbot, workspace: Workspace) -> None:
    context = WorkspaceContext()
    context.open_workspace(workspace, workspace.connect())
    campaign = sample_campaign("Autumn")
    campaign.flow[0].message = "Autumn offer"  # type: ignore[union-attr]
    opened: list[object] = []
    context.campaign_opened.connect(opened.append)
    controller = context.open_campaign(campaign, None)
    assert opened == [controller] and context.controller is controller
    assert "step.message_unknown" in {p.code for p in controller.document.errors}
    assert context.conn is not None
    save_message(context.conn, SmsMessage(name="Autumn offer", body="Hi! Reply STOP to opt out"))
    assert context.refresh()
    assert "step.message_unknown" not in {p.code for p in controller.document.errors}
    context.close_campaign()
    assert context.controller is None
    context.close_workspace()


def test_a_workspace_that_cannot_be_read_is_said_and_keeps_what_was_read(qtbot, workspace: Workspace) -> None:
    context = WorkspaceContext()
    conn = workspace.connect()
    context.open_workspace(workspace, conn)
    catalog = context.catalog
    failures: list[str] = []
    changes: list[object] = []
    context.read_failed.connect(failures.append)
    context.catalog_changed.connect(changes.append)
    conn.close()  # what a vanished or locked database looks like to the reader
    assert context.refresh() is False
    assert len(failures) == 1 and failures[0]
    assert changes == [] and context.catalog is catalog
