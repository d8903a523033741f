"""A preview on a PostgreSQL workspace joins what it reads per person, so its time grows with
the size of the tables, not with a look-up per person (millions of them on a big workspace).

PostgreSQL runs a correlated sub-query in a ``CASE`` (SQLite's cheap per-row index look-up)
as a *SubPlan* evaluated once per row, serially; a join is hashed once. The preview's
statement is read back with ``EXPLAIN`` and must hold no SubPlan over the Vibes memberships,
the suppressed numbers or the numbers' time zones.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest

from smsflow_desktop.services.engine.audience import count_audience
from smsflow_desktop.services.engine.steps import plan_step
from smsflow_desktop.services.store import pg as pg_store
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.services.engine.helpers import add_member, add_person, send_campaign

NOW = datetime(2026, 4, 7, 2, 30, tzinfo=UTC)  # evening in the US: some zones are closed


def mdn(i: int) -> str:
    return f"+1212456{i:04d}"


def _statements(conn: Any, run: Any) -> list[tuple[str, Any]]:
    """The SELECT statements ``run()`` executes on ``conn``, as sent to the server."""
    seen: list[tuple[str, Any]] = []
    execute = type(conn).execute

    def recording(self: Any, sql: str, params: Any = ()) -> Any:
        if self is conn and sql.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((pg_store.translate(sql), pg_store._params(params)))
        return execute(self, sql, params)

    mp = pytest.MonkeyPatch()
    mp.setattr(type(conn), "execute", recording)
    try:
        run()
    finally:
        mp.undo()
    return seen


@pytest.mark.postgresql
@pytest.mark.parametrize("quiet", [True, False])
def test_a_preview_on_postgresql_joins_memberships_suppressions_and_zones(pg_url: str, quiet: bool) -> None:
    ws = Workspace.open(pg_url, create=True)
    with ws.session() as conn, transaction(conn):
        conn.execute("INSERT INTO vibes_lists(id, name) VALUES ('101', 'Main'), ('102', 'VIP')")
        for i in range(1, 21):
            add_person(conn, i, mdn(i), state="TX" if i % 3 else "NY", blocklisted=int(i == 5))
            if i % 4:
                add_member(conn, mdn(i), "101" if i % 2 else "102")
    flow = [
        {
            "type": "send_sms",
            "message": "Hello",
            "vibes_list_id": "101",
            "choices": [
                {
                    "when": {"field": "state", "operator": "is", "values": ["NY"]},
                    "then": {"vibes_list_id": "102", "message": "Hello"},
                }
            ],
        }
    ]
    campaign = send_campaign(flow=flow, quiet={"enabled": quiet})
    plan = plan_step(campaign, 1)
    with ws.session() as conn:
        first = count_audience(conn, campaign, plan, NOW, "UTC")  # looks up the numbers' zones once
        statements = _statements(conn, lambda: count_audience(conn, campaign, plan, NOW, "UTC"))
        plans = [
            "\n".join(r[0] for r in conn.raw.execute("EXPLAIN " + sql, params))
            for sql, params in statements
            if "FROM people p" in sql
        ]
    assert first.smart_list == 20 and plans
    # with quiet hours of the campaign's own, every keeper without a zone needs their number's;
    # without, only those a state's rule may reach do (few): those are looked up one by one
    joined = {"vibes_memberships", "number_opt_outs", "people"} | ({"phone_time_zones"} if quiet else set())
    for text in plans:
        per_row = set(re.findall(r"SubPlan \d+\n\s+->  .*? on (\w+)", text))
        assert not joined & per_row, text
