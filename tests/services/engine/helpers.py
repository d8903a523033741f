"""Small workspaces for the engine tests, and a fake Vibes client that records every call."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smsflow_desktop.model.campaign import Campaign, SmsMessage
from smsflow_desktop.services.campaigns import save_campaign, save_message
from smsflow_desktop.services.vibes.errors import ConflictError, NotFoundError, UnprocessableError, VibesError
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.stores import open_workspace

STAMP = "2026-01-01T00:00:00Z"


def make_workspace(root: Path) -> Workspace:
    """A workspace with Vibes lists 101 and 102 and acquisition campaign 201, in the test's
    store (the folder ``root``, or a new database under ``store_kind``; see tests/stores.py)."""
    ws = open_workspace(root)
    with ws.session() as conn, transaction(conn):
        conn.execute("INSERT INTO vibes_lists(id, name) VALUES ('101', 'Main'), ('102', 'VIP')")
        conn.execute("INSERT INTO vibes_acquisition_campaigns(id, description) VALUES ('201', 'Join')")
        conn.execute("INSERT INTO vibes_acquisition_lists(acquisition_id, list_id) VALUES ('201', '101')")
    return ws


def add_person(conn: Any, pid: int, phone: str | None, *, valid: bool = True, **fields: Any) -> None:
    custom = fields.pop("custom", {})
    row = {
        "id": pid,
        "external_id": f"E{pid}",
        "first_name": f"Ann{pid}",
        "last_name": "Lee",
        "email": "",
        "phone_raw": phone or "",
        "phone_e164": phone,
        "phone_valid": int(valid and phone is not None),
        "country": "US",
        "state": "",
        "city": "",
        "postal_code": "",
        "time_zone": "",
        "blocklisted": 0,
        "unsubscribed": 0,
        "marketing_suspended": 0,
        "custom_fields": json.dumps(custom),
        "created_at": STAMP,
        "updated_at": STAMP,
    }
    row.update(fields)
    cols = ", ".join(row)
    conn.execute(f"INSERT INTO people({cols}) VALUES ({', '.join('?' for _ in row)})", list(row.values()))


def add_member(conn: Any, mdn: str, list_id: str = "101", active: bool = True) -> None:
    conn.execute(
        "INSERT INTO vibes_memberships(list_id, mdn, active, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(list_id, mdn) DO UPDATE SET active = excluded.active",
        (list_id, mdn, int(active), STAMP),
    )


def add_static(conn: Any, name: str, ids: list[int]) -> None:
    list_id = conn.execute("INSERT INTO static_lists(name) VALUES (?) RETURNING id", (name,)).fetchone()[0]
    conn.executemany("INSERT INTO static_list_members(list_id, person_id) VALUES (?, ?)", [(list_id, i) for i in ids])


def send_campaign(
    name: str = "Promo",
    *,
    flow: list[dict] | None = None,
    smart_list: dict | None = None,
    qualification: Any = "every_time",
    quiet: dict | None = None,
) -> Campaign:
    return Campaign.model_validate(
        {
            "name": name,
            "smart_list": smart_list or {"logic": "all", "filters": []},
            "flow": flow or [{"type": "send_sms", "message": "Hello", "vibes_list_id": "101"}],
            "schedule": {"qualification": qualification},
            "settings": {"quiet_hours": quiet or {"enabled": False}},
        }
    )


def store(ws: Workspace, campaign: Campaign, messages: dict[str, str] | None = None) -> None:
    with ws.session() as conn:
        for name, body in (messages or {"Hello": "Hi {{lead.First Name|there}}! Reply STOP to opt out"}).items():
            save_message(conn, SmsMessage(name=name, body=body))
        save_campaign(conn, campaign)


@dataclass
class Participation:
    status: str
    http_status: int = 201
    person_key: str | None = None


@dataclass
class Person:
    person_key: str
    mdn: str


@dataclass
class Subscription:
    subscription_list_id: str
    opt_in_date: str | None = None
    opt_out_date: str | None = None
    opt_out_reason: str | None = None


@dataclass
class FakeVibes:
    """Follows the VibesClient methods the runner uses; scripted failures per number."""

    members: dict[str, set[str]] = field(default_factory=dict)  # list_id -> mdns
    fail: dict[str, VibesError] = field(default_factory=dict)  # mdn -> error to raise
    subscribe_status: str = "PENDING"
    events: list[dict] = field(default_factory=list)
    calls: list[tuple[str, Any]] = field(default_factory=list)
    etms: list[dict] = field(default_factory=list)
    before_send: Any = None  # called with the event before it is recorded
    stopped: dict[str, tuple[str, str]] = field(default_factory=dict)  # mdn -> (list_id, STOP date)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def find_event_triggered_message(self, event_type: str) -> str | None:
        with self.lock:
            for i, etm in enumerate(self.etms, start=1):
                if etm["event_type"] == event_type:
                    return f"etm{i}"
        return None

    def create_event_triggered_message(self, *, name: str, event_type: str, message_template: str, list_id: str) -> str:
        with self.lock:
            self.etms.append({"name": name, "event_type": event_type, "template": message_template, "list_id": list_id})
            return f"etm{len(self.etms)}"

    def _maybe_fail(self, mdn: str) -> None:
        err = self.fail.get(mdn)
        if err is not None:
            raise err

    def send_event(self, *, event_id: str, event_type: str, event_data: dict) -> None:
        if self.before_send:
            self.before_send(event_data)
        self._maybe_fail(event_data["mdn"])
        with self.lock:
            self.events.append({"event_id": event_id, "event_type": event_type, "event_data": event_data})

    def add_participant(
        self,
        acquisition_id: str,
        *,
        mdn: str | None = None,
        external_person_id: str | None = None,
        person_id: str | None = None,
        custom_fields: dict | None = None,
    ) -> Participation:
        with self.lock:
            self.calls.append(("add_participant", (acquisition_id, mdn, external_person_id)))
        assert mdn is not None
        self._maybe_fail(mdn)
        if any(mdn in m for m in self.members.values()):
            raise ConflictError("already subscribed", status=409)
        return Participation(self.subscribe_status, person_key=f"pk{mdn}")

    def find_person_by_mdn(self, mdn: str) -> Person | None:
        with self.lock:
            self.calls.append(("find_person_by_mdn", mdn))
        if mdn in self.stopped or any(mdn in m for m in self.members.values()):
            return Person(f"pk{mdn}", mdn)
        return None

    def person_subscriptions(self, person_key: str, *, active_only: bool = True) -> list[Subscription]:
        mdn = person_key[2:]
        with self.lock:
            self.calls.append(("person_subscriptions", mdn))
        out = [Subscription(list_id, "2026-01-01T00:00:00Z") for list_id, m in self.members.items() if mdn in m]
        if mdn in self.stopped and not active_only:
            list_id, at = self.stopped[mdn]
            out.append(Subscription(list_id, "2026-01-01T00:00:00Z", at, "user_opt_out"))
        return out

    def unsubscribe(
        self, list_id: str, *, person_key: str | None = None, external_person_id: str | None = None
    ) -> bool:
        with self.lock:
            self.calls.append(("unsubscribe", (list_id, person_key)))
        mdn = (person_key or "")[2:]
        self._maybe_fail(mdn)
        members = self.members.get(list_id, set())
        if mdn in members:
            members.discard(mdn)
            return True
        return False


def refused(code: str = "MDNHASCONFIRMATIONBLOCK") -> UnprocessableError:
    return UnprocessableError("refused", status=422, code=code)


def not_found() -> NotFoundError:
    return NotFoundError("not found", status=404)
