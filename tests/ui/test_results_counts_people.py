"""The Results tab counts skipped people as the run panel does: a person a two-text flow leaves
out is skipped at both steps, yet is one person, in the chart and in the skips by reason."""

from __future__ import annotations

from smsflow_desktop.cli import main as smsflow
from smsflow_desktop.model.campaign import Campaign, SendSmsStep
from smsflow_desktop.services.campaigns import save_campaign
from smsflow_desktop.services.engine import ledger
from smsflow_desktop.services.workspace import Workspace
from smsflow_desktop.ui.labels import count_label
from smsflow_desktop.ui.run.results_tab import ResultsTab


def test_the_results_tab_counts_each_skipped_person_once(qtbot, workspace: Workspace) -> None:
    twice = Campaign(
        name="Twice",
        flow=[
            SendSmsStep(message="Spring offer", vibes_list_id="101"),
            SendSmsStep(message="Spring offer", vibes_list_id="101"),
        ],
    )
    with workspace.session() as conn:
        save_campaign(conn, twice)
    assert smsflow(["run", "Twice", "--workspace", str(workspace.root), "--dry-run"]) == 0
    conn = workspace.connect()
    try:
        rows = ledger.run_counts(conn, 1)["skipped"]
        people = ledger.skipped_people(conn, 1)
        tab = ResultsTab(conn, "Twice")
        qtbot.addWidget(tab)
        bars = dict(tab.chart.bars)
    finally:
        conn.close()
    assert people == 3 and rows == 2 * people  # Bo and Ed are not on the list, Di has no number: at both steps
    assert bars["skipped_people"] == people and "skipped" not in bars
    assert count_label("skipped_people") == "Skipped (people)"
    assert tab.summary is not None and tab.summary.skipped_by_reason == {"not_in_vibes_list": 2, "no_valid_phone": 1}
    assert tab.skipped_label.text() == "People skipped, by reason: Not on the Vibes list 2 · No valid mobile number 1"
