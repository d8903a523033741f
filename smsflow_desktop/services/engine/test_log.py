"""Test sends in the activity log: how they are marked, and how to read them back.

A test send (:mod:`.test_send`) logs each number's outcome with no run and no person, under
``SMS Test Sent``, ``SMS Test Failed`` or ``SMS Test Refused``; its Vibes event id starts with
:data:`TEST_EVENT_PREFIX`, so the callback receiver logs the event's routing and delivery
receipts as ``SMS Test …`` too (:func:`test_receipt_type`), apart from every run's. Nothing
here imports more than the standard library, so the window can read these cheaply.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

#: Event ids of test sends start with this.
TEST_EVENT_PREFIX = "smsflow-test-"
SENT, FAILED, REFUSED = "SMS Test Sent", "SMS Test Failed", "SMS Test Refused"
OUTCOME_TYPES = (SENT, FAILED, REFUSED)


def test_receipt_type(kind: str) -> str:
    """The activity type of a test event's receipt: ``SMS Delivered`` → ``SMS Test Delivered``."""
    return "SMS Test " + kind.removeprefix("SMS ")


test_receipt_type.__test__ = False  # type: ignore[attr-defined]  # a helper that pytest must not collect


def recent_test_sends(
    conn: sqlite3.Connection, campaign: str | None = None, *, limit: int = 50
) -> list[dict[str, Any]]:
    """The latest test sends (of ``campaign``, or all), newest first: ``at``, ``type``, ``mdn``,
    ``step`` and the logged detail."""
    sql = "SELECT at, type, mdn, step_index, detail FROM activity WHERE run_id IS NULL AND type IN (?, ?, ?)"
    params: list[object] = list(OUTCOME_TYPES)
    if campaign is not None:
        sql += " AND json_valid(detail) = 1 AND json_extract(detail, '$.campaign') = ?"
        params.append(campaign)
    sql += " ORDER BY id DESC LIMIT ?"
    params.append(max(0, int(limit)))
    out = []
    for at, kind, mdn, step, detail in conn.execute(sql, params):
        try:
            data = json.loads(detail)
        except ValueError:
            data = {}
        out.append({"at": at, "type": kind, "mdn": mdn, "step": step, "detail": data})
    return out


def summarize_test_sends(conn: sqlite3.Connection, campaign: str) -> tuple[int, str | None]:
    """How many numbers were sent (or refused) a test of ``campaign``, and when the latest was."""
    row = conn.execute(
        "SELECT count(*), max(at) FROM activity WHERE run_id IS NULL AND type IN (?, ?, ?) "
        "AND json_valid(detail) = 1 AND json_extract(detail, '$.campaign') = ?",
        (*OUTCOME_TYPES, campaign),
    ).fetchone()
    return int(row[0]), row[1]
