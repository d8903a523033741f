"""How many people a smart list qualifies: one SQL COUNT over the engine's compiled filters.

The editor's live audience count runs this off the GUI thread, on its own connection.
Filters and logic are compiled by ``services.engine.smart_list_sql`` (the same SQL the
engine uses for previews and runs), so the count the marketer sees while editing is the
smart-list figure a preview starts from. This is the audience before the per-step SMS
rules (blocklist, Vibes membership, duplicates) that a preview applies.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from smsflow_desktop.model.campaign import SmartList
from smsflow_desktop.services.engine.smart_list_sql import SmartListSqlError, smart_list_sql
from smsflow_desktop.services.workspace import now_utc

__all__ = ["SmartListSqlError", "count_smart_list", "smart_list_from_json"]


def count_smart_list(conn: sqlite3.Connection, smart_list: SmartList, now: datetime | None = None) -> int:
    """People the smart list qualifies; :class:`SmartListSqlError` when its logic does not parse."""
    where = smart_list_sql(smart_list, now or now_utc())
    row = conn.execute(f"SELECT COUNT(*) FROM people AS p WHERE {where.text}", where.params).fetchone()
    return int(row[0])


def smart_list_from_json(text: str) -> SmartList:
    """Rebuild a smart list sent between threads as JSON."""
    return SmartList.model_validate(json.loads(text))
