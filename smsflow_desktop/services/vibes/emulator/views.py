"""JSON shapes of the emulated Vibes API, as its reference documents them.

A value the record does not have (a campaign without an end date, a subscription that has
not ended, a person without an external id) is left out rather than sent as ``null``: the
reference types those fields as strings and calls them present "if relevant".
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from smsflow_desktop.services.vibes.emulator.mdn import render_mdn
from smsflow_desktop.services.vibes.emulator.store import EmulatorStore


def _base(store: EmulatorStore) -> str:
    return f"/companies/{store.company['company_key']}"


def present(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without its ``None`` values (nested objects too)."""
    return {k: present(v) if isinstance(v, dict) else v for k, v in data.items() if v is not None}


def list_view(store: EmulatorStore, row: sqlite3.Row) -> dict[str, Any]:
    url = f"{_base(store)}/mobiledb/subscription_lists/{row['id']}"
    return {
        "id": row["id"],
        "name": row["name"],
        "url": url,
        "subscribers_url": f"{url}/subscribers",
        "acquisition_campaigns_url": f"{url}/acquisition_campaigns/",
    }


def acquisition_view(store: EmulatorStore, row: sqlite3.Row) -> dict[str, Any]:
    return present(
        {
            "acquisition_id": row["id"],
            "description": row["description"],
            "campaign_type": {"code": "acquisition"},
            "status": row["status"],
            "start_date": row["created_date"],
            "end_date": None,
            "created_date": row["created_date"],
            "updated_date": row["updated_date"],
            "acquisition_campaign": {"keywords": json.loads(row["keywords"])},
            "url": f"{_base(store)}/campaigns/acquisition/{row['id']}",
        }
    )


def person_view(store: EmulatorStore, row: sqlite3.Row, version: int) -> dict[str, Any]:
    return present(
        {
            "person_key": row["person_key"],
            "external_person_id": row["external_person_id"],
            "mobile_phone": {"mdn": render_mdn(row["mdn"], version), "carrier_code": row["carrier_code"]},
            "custom_fields": json.loads(row["custom_fields"]),
            "created_at": row["created_at"],
            "updated_at": row["updated_at"],
            "url": f"{_base(store)}/mobiledb/persons/{row['person_key']}",
        }
    )


def subscription_view(store: EmulatorStore, row: sqlite3.Row) -> dict[str, Any]:
    base = _base(store)
    person_url = f"{base}/mobiledb/persons/{row['person_key']}"
    return present(
        {
            "person": {"id": row["person_key"], "url": person_url},
            "subscription_list": {"id": row["list_id"], "url": f"{base}/mobiledb/subscription_lists/{row['list_id']}"},
            "opt_in_date": row["opt_in_date"],
            "opt_out_date": row["opt_out_date"],
            "opt_out_reason": row["opt_out_reason"],
            "url": f"{person_url}/subscriptions/{row['list_id']}",
        }
    )


def participant_view(store: EmulatorStore, row: sqlite3.Row, *, with_key: bool) -> dict[str, Any]:
    person: dict[str, Any] = {
        "person_id": row["person_key"],
        "url": f"{_base(store)}/mobiledb/persons/{row['person_key']}",
    }
    if with_key:
        person["person_key"] = row["person_key"]
    return {
        "person": person,
        "participation_date": row["participation_date"],
        "expire_date": row["expire_date"],
        "status": row["status"],
    }


def callback_view(store: EmulatorStore, row: sqlite3.Row) -> dict[str, Any]:
    body = json.loads(row["body"])
    return {
        **body,
        "callback_id": str(row["id"]),
        "callback_type": row["callback_type"],
        "url": f"{_base(store)}/config/callbacks/{row['id']}",
        "created_date": row["created_at"],
        "updated_date": row["updated_at"],
    }
