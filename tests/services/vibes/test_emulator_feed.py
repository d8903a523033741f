"""In emulated mode the workspace hears from its embedded emulator with no setting: routing
answers and delivery receipts reach the ledger and the activity log, also those the emulator
owed when it stopped."""

from __future__ import annotations

import json
from pathlib import Path

from smsflow_desktop.services.engine.runner import start_run
from smsflow_desktop.services.vibes import connect
from smsflow_desktop.services.workspace import transaction
from tests.reliability.scenarios import T0, mdn
from tests.services.engine.helpers import add_member, add_person, make_workspace, send_campaign, store
from tests.services.vibes.conftest import SEED


def test_an_emulated_run_shows_every_text_delivered_without_a_callback_receiver(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    n = 12
    with ws.session() as conn, transaction(conn):
        for i in range(1, n + 1):
            add_person(conn, i, mdn(i))
            add_member(conn, mdn(i))
    store(ws, send_campaign())
    seed = {
        **SEED,
        "subscriptions": [{"mdn": mdn(i), "list_id": "101"} for i in range(1, n + 1)],
        "undeliverable": [mdn(n)],
    }
    ws.emulator_dir.mkdir(parents=True, exist_ok=True)
    (ws.emulator_dir / "seed.json").write_text(json.dumps(seed), encoding="utf-8")
    with ws.session() as conn:
        client, release = connect.open_client_for_workspace(ws, conn)
    try:
        result = start_run(ws, "Promo", client, clock=lambda: T0)
    finally:
        client.close()
        release()  # right after the run: receipts still owed are delivered before it stops
    assert result.counts["sent"] == n
    with ws.session() as conn:
        kinds = dict(
            conn.execute(
                "SELECT type, count(*) FROM activity WHERE run_id = ? GROUP BY type", (result.run_id,)
            ).fetchall()
        )
        routing = {r[0] for r in conn.execute("SELECT routing FROM ledger WHERE run_id = ?", (result.run_id,))}
    assert kinds["SMS Routed"] == n
    assert kinds["SMS Delivered"] == n - 1
    assert kinds["SMS Undeliverable"] == 1
    assert routing == {"routed"}
