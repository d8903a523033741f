"""Random small workspaces against an independent pure-Python reading of the contract's rules:
the preview's counts match, and a run texts exactly the model's recipients, nobody else."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smsflow_desktop.model.logic import evaluate, parse_logic
from smsflow_desktop.services.engine.preview import preview_step
from smsflow_desktop.services.engine.runner import start_run
from smsflow_desktop.services.workspace import transaction
from tests.services.engine.helpers import FakeVibes, add_member, add_person, make_workspace, send_campaign, store

NOW = datetime(2026, 4, 6, 16, 0, tzinfo=UTC)
POOL = [f"+1212456{i:04d}" for i in range(1, 6)]

person = st.fixed_dictionaries(
    {
        "phone": st.sampled_from([*POOL, None]),
        "valid": st.booleans(),
        "blocklisted": st.integers(0, 1),
        "unsubscribed": st.integers(0, 1),
        "marketing_suspended": st.integers(0, 1),
        "state": st.sampled_from(["TX", "ny", ""]),
    }
)
FILTERS = [
    {"type": "person_field", "field": "state", "operator": "is", "values": ["tx"]},
    {"type": "person_field", "field": "state", "operator": "is_not", "values": ["NY"]},
    {"type": "member_of_vibes_list", "vibes_list_id": "101"},
    {"type": "person_field", "field": "state", "operator": "is_empty", "values": []},
]
world = st.fixed_dictionaries(
    {
        "people": st.lists(person, max_size=10),
        "members": st.dictionaries(st.sampled_from(POOL), st.sampled_from(["101", "102", "both", "inactive"])),
        "filters": st.lists(st.sampled_from(FILTERS), max_size=3),
        "logic": st.sampled_from(["all", "any", "not 1", "1 or not 2"]),
        "choice": st.sampled_from([None, "nothing", "102"]),
    }
)


def _matches(f: dict, p: dict, active: dict[str, set[str]]) -> bool:
    state = p["state"].lower()
    if f["type"] == "member_of_vibes_list":
        return p["phone"] in active["101"]
    if f["operator"] == "is":
        return state in [v.lower() for v in f["values"]]
    if f["operator"] == "is_not":
        return state not in [v.lower() for v in f["values"]]
    return state.strip() == ""


def model(w: dict) -> tuple[dict[str, int], list[int], set[str]]:
    """(excluded, recipient ids, recipient numbers) straight from the contract's words."""
    active = {"101": set(), "102": set()}
    for mdn, where in w["members"].items():
        for lst in ["101", "102"] if where == "both" else [] if where == "inactive" else [where]:
            active[lst].add(mdn)
    people = [dict(p, id=i + 1) for i, p in enumerate(w["people"])]
    for p in people:
        p["has_phone"] = p["phone"] is not None and p["valid"]
    filters = w["filters"]
    logic = w["logic"] if (w["logic"] in ("all", "any") or len(filters) >= 2) else "all"
    tree = parse_logic(logic, len(filters))
    smart = [p for p in people if evaluate(tree, lambda n, p=p: _matches(filters[n - 1], p, active))]
    suppressed = {p["phone"] for p in people if p["phone"] and (p["blocklisted"] or p["unsubscribed"])}
    excluded: dict[str, int] = {}
    keep: list[dict] = []
    for p in smart:
        list_id = "101"
        if w["choice"] and p["state"].lower() == "ny":
            if w["choice"] == "nothing":
                excluded["do_nothing"] = excluded.get("do_nothing", 0) + 1
                continue
            list_id = "102"
        reason = next(
            (
                r
                for r, bad in (
                    ("blocklisted", p["blocklisted"]),
                    ("marketing_suspended", p["marketing_suspended"]),
                    ("unsubscribed", p["unsubscribed"]),
                    ("no_valid_phone", not p["has_phone"]),
                    ("not_in_vibes_list", p["phone"] not in active[list_id]),
                    ("phone_suppressed", p["phone"] in suppressed),
                )
                if bad
            ),
            None,
        )
        if reason:
            excluded[reason] = excluded.get(reason, 0) + 1
        else:
            keep.append(p)
    seen: set[str] = set()
    ids: list[int] = []
    for p in sorted(keep, key=lambda p: p["id"]):
        if p["phone"] in seen:
            excluded["duplicate_phone"] = excluded.get("duplicate_phone", 0) + 1
        else:
            seen.add(p["phone"])
            ids.append(p["id"])
    return excluded, ids, seen


def _campaign(w: dict):
    filters = w["filters"]
    logic = w["logic"] if (w["logic"] in ("all", "any") or len(filters) >= 2) else "all"
    step: dict = {"type": "send_sms", "message": "Hello", "vibes_list_id": "101"}
    if w["choice"]:
        then = None if w["choice"] == "nothing" else {"message": "Hello", "vibes_list_id": "102"}
        step["choices"] = [{"when": {"field": "state", "operator": "is", "values": ["NY"]}, "then": then}]
    return send_campaign(flow=[step], smart_list={"logic": logic, "filters": filters})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(world)
def test_preview_and_run_follow_the_contract(w: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = make_workspace(Path(tmp) / "ws")
        with ws.session() as conn, transaction(conn):
            for i, p in enumerate(w["people"], start=1):
                add_person(
                    conn,
                    i,
                    p["phone"],
                    valid=p["valid"],
                    blocklisted=p["blocklisted"],
                    unsubscribed=p["unsubscribed"],
                    marketing_suspended=p["marketing_suspended"],
                    state=p["state"],
                )
            for mdn, where in w["members"].items():
                for lst in ["101", "102"] if where == "both" else ["101"] if where == "inactive" else [where]:
                    add_member(conn, mdn, lst, active=where != "inactive")
        campaign = _campaign(w)
        store(ws, campaign)
        excluded, ids, numbers = model(w)
        with ws.session() as conn:
            p = preview_step(conn, campaign, now=NOW)
        assert {k: v for k, v in p.excluded.items() if v} == excluded
        assert p.recipients == len(ids) and p.smart_list == sum(p.excluded.values()) + p.recipients
        client = FakeVibes()
        result = start_run(ws, campaign.name, client, clock=lambda: NOW)
        texted = [e["event_data"]["mdn"] for e in client.events]
        assert sorted(texted) == sorted(numbers)  # nobody ineligible, nobody twice
        assert result.counts["sent"] == len(ids) and result.counts["skipped"] == sum(excluded.values())
