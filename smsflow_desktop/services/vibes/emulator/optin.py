"""Double opt-in through acquisition campaigns, and the texts people send back.

Adding a participant texts a confirmation and leaves them ``PENDING`` for 24 hours. A reply
``Y`` confirms (``CONFIRMED``, subscribed to the campaign's lists), ``N`` rejects
(``REJECTED`` and a confirmation block: the API refuses that number for that campaign with
422 ``MDNHASCONFIRMATIONBLOCK`` from then on); each answer (a STOP ending a pending opt-in too)
is a row of ``participant_log``, which the workspace feed reads. The STOP family opts the number out of every
list and blocks API opt-in requests to the number (422 ``MDNHASCONFIRMATIONBLOCK``);
START/UNSTOP brings back what STOP ended and lifts the block. A campaign keyword starts an opt-in as if
the API had added the number (a block does not stop a keyword). Pending participants past
their expiry date become ``EXPIRED`` the next time anything looks at them.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from typing import Any

from smsflow_desktop.services.vibes.emulator.store import EmulatorStore, iso

PENDING_FOR = timedelta(hours=24)
STOP_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"})
START_WORDS = frozenset({"START", "UNSTOP"})
YES_WORDS = frozenset({"Y", "YES"})
NO_WORDS = frozenset({"N", "NO"})
STOP_REASON = "user_opt_out"
#: The confirmation block a STOP puts on a number for every acquisition campaign (inferred:
#: after STOP a short code sends nothing but the opt-out's own answer until the person opts
#: in again with START or a keyword; an API opt-in request would be such a text).
STOP_BLOCK = "*"


def _lift_stop_block(store: EmulatorStore, mdn: str) -> None:
    with store.tx() as c:
        c.execute("DELETE FROM confirmation_blocks WHERE acquisition_id = ? AND mdn = ?", (STOP_BLOCK, mdn))


def expire_pending(store: EmulatorStore) -> None:
    with store.tx() as c:
        c.execute(
            "UPDATE participants SET status = 'EXPIRED', updated_at = ? WHERE status = 'PENDING' AND expire_date <= ?",
            (store.now_iso(), store.now_iso()),
        )


def confirmation_text(campaign: sqlite3.Row) -> str:
    name = campaign["description"] or "our texts"
    return (
        f"{name}: reply Y to confirm your subscription. Msg&data rates may apply. Reply HELP for help, STOP to cancel."
    )


def start_participation(
    store: EmulatorStore, campaign: sqlite3.Row, person: sqlite3.Row, via: str
) -> tuple[int, sqlite3.Row | None]:
    """Begin an opt-in: (201, row) new, (200, row) already pending, (409, None) already subscribed."""
    expire_pending(store)
    acquisition_id = campaign["id"]
    list_ids = store.acquisition_lists(acquisition_id)
    active = set(store.active_list_ids(person["person_key"]))
    if list_ids and set(list_ids) <= active:
        return 409, None
    with store.tx() as c:
        row = c.execute(
            "SELECT * FROM participants WHERE acquisition_id = ? AND person_key = ?",
            (acquisition_id, person["person_key"]),
        ).fetchone()
        if row is not None and row["status"] == "PENDING":
            return 200, row
        now = store.now()
        single = campaign["opt_in"] == "single"
        status = "SUBSCRIBED" if single else "PENDING"
        c.execute(
            "INSERT INTO participants VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(acquisition_id, person_key) "
            "DO UPDATE SET mdn = excluded.mdn, status = excluded.status, participation_date = "
            "excluded.participation_date, expire_date = excluded.expire_date, updated_at = excluded.updated_at",
            (acquisition_id, person["person_key"], person["mdn"], status, iso(now), iso(now + PENDING_FOR), iso(now)),
        )
        if single:
            for list_id in list_ids:
                store.opt_in(person["person_key"], list_id, f"acquisition campaign {acquisition_id} ({via})")
        elif person["mdn"]:
            store.record_message(person["mdn"], "out", "confirmation", confirmation_text(campaign))
        row = c.execute(
            "SELECT * FROM participants WHERE acquisition_id = ? AND person_key = ?",
            (acquisition_id, person["person_key"]),
        ).fetchone()
    store.emit("ack_participant_added", _ack(store, row))
    return 201, row


def _ack(store: EmulatorStore, row: sqlite3.Row) -> dict[str, Any]:
    campaign = store.acquisition_row(row["acquisition_id"])
    return {
        "participant": dict(row),
        "person": dict(store.person(person_key=row["person_key"]) or {}),
        "campaign": dict(campaign) if campaign else {},
        "list_ids": store.acquisition_lists(row["acquisition_id"]),
    }


def _set_status(store: EmulatorStore, row: sqlite3.Row, status: str, description: str) -> sqlite3.Row:
    """The participant's new status, and in ``participant_log`` what brought it (``description``:
    ``acquisition campaign 202 (N reply)``)."""
    with store.tx() as c:
        now = store.now_iso()
        c.execute(
            "UPDATE participants SET status = ?, updated_at = ? WHERE acquisition_id = ? AND person_key = ?",
            (status, now, row["acquisition_id"], row["person_key"]),
        )
        c.execute(
            "INSERT INTO participant_log(acquisition_id, person_key, mdn, status, at, description) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (row["acquisition_id"], row["person_key"], row["mdn"], status, now, description),
        )
        new = c.execute(
            "SELECT * FROM participants WHERE acquisition_id = ? AND person_key = ?",
            (row["acquisition_id"], row["person_key"]),
        ).fetchone()
    store.emit("ack_participant_changed", _ack(store, new))
    return new


def handle_reply(store: EmulatorStore, mdn: str, text: str) -> dict[str, Any]:
    """Apply an inbound text from ``mdn``; return what happened (for the inspection API)."""
    word = " ".join(text.split()).upper()
    store.record_message(mdn, "in", "reply", text)
    expire_pending(store)
    person = store.person(mdn=mdn)
    pending = store.q(
        "SELECT * FROM participants WHERE mdn = ? AND status = 'PENDING' ORDER BY participation_date", (mdn,)
    )
    if word in YES_WORDS or word in NO_WORDS:
        if not pending:
            return {"action": "ignored", "reason": "no pending opt-in for this number"}
        confirmed = word in YES_WORDS
        lists: list[str] = []
        for row in pending:
            why = f"acquisition campaign {row['acquisition_id']} ({word} reply)"
            _set_status(store, row, "CONFIRMED" if confirmed else "REJECTED", why)
            if confirmed:
                for list_id in store.acquisition_lists(row["acquisition_id"]):
                    store.opt_in(row["person_key"], list_id, f"acquisition campaign {row['acquisition_id']} (Y reply)")
                    lists.append(list_id)
            else:
                with store.tx() as c:
                    c.execute(
                        "INSERT OR IGNORE INTO confirmation_blocks VALUES (?, ?, ?)",
                        (row["acquisition_id"], mdn, store.now_iso()),
                    )
        store.record_message(
            mdn,
            "out",
            "confirmed" if confirmed else "rejected",
            "You are subscribed. Reply STOP to cancel." if confirmed else "You will not be subscribed.",
        )
        return {
            "action": "confirmed" if confirmed else "rejected",
            "acquisition_ids": [r["acquisition_id"] for r in pending],
            "lists": lists,
        }
    if word in STOP_WORDS:
        lists = []
        if person is not None:
            for list_id in store.active_list_ids(person["person_key"]):
                if store.opt_out(person["person_key"], list_id, STOP_REASON, f"{word} received"):
                    lists.append(list_id)
        for row in pending:
            _set_status(store, row, "REJECTED", f"acquisition campaign {row['acquisition_id']} ({word} received)")
        with store.tx() as c:  # no opt-in request reaches the number until it opts in itself
            c.execute("INSERT OR IGNORE INTO confirmation_blocks VALUES (?, ?, ?)", (STOP_BLOCK, mdn, store.now_iso()))
        store.record_message(mdn, "out", "stopped", "You are unsubscribed and will receive no more messages.")
        return {"action": "opted_out", "lists": lists}
    if word in START_WORDS:
        _lift_stop_block(store, mdn)
        lists = []
        if person is not None:
            for row in store.q(
                "SELECT list_id FROM subscriptions WHERE person_key = ? AND opt_out_date IS NOT NULL "
                "AND opt_out_reason = ?",
                (person["person_key"], STOP_REASON),
            ):
                if store.opt_in(person["person_key"], row[0], f"{word} received"):
                    lists.append(row[0])
        return {"action": "opted_in", "lists": lists}
    if word == "HELP":
        store.record_message(mdn, "out", "help", "Help: reply STOP to cancel. Msg&data rates may apply.")
        return {"action": "help"}
    for campaign in store.q("SELECT * FROM acquisitions WHERE status = 'active'"):
        if word in {str(k).upper() for k in json.loads(campaign["keywords"])}:
            person = person or store.find_or_create_person(mdn)
            _lift_stop_block(store, mdn)
            status, _row = start_participation(store, campaign, person, "keyword")
            return {"action": "keyword", "acquisition_id": campaign["id"], "http_status": status}
    return {"action": "unmatched"}
