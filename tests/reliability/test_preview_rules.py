"""Previews with compliance rules: the funnel is what a person-by-person reading of the rules
says (whatever people's countries, states, numbers and zones, texts already sent, the hour and
the campaign's own quiet hours), while the preview works out regions only for people a rule may
reach and carries only the numbers that reached a limit."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from smsflow_desktop.services.compliance.area_codes import SUBDIVISIONS
from smsflow_desktop.services.compliance.policy import Compliance, region_key
from smsflow_desktop.services.compliance.rules import rule_from_dict, save_rule, shipped_rules
from smsflow_desktop.services.engine.audience import AudienceCounts, classify_sql, count_audience
from smsflow_desktop.services.engine.quiet_hours import Window, ZoneResolver
from smsflow_desktop.services.engine.steps import plan_step
from smsflow_desktop.services.workspace import Workspace, iso, transaction
from tests.services.engine.helpers import add_member, add_person, make_workspace, send_campaign

NUMBERS = {
    "FL": "+1305555",  # Miami: Florida by its area code
    "NY": "+1212555",
    "WA": "+1206555",
    "TX": "+1713555",
    "ON": "+1416555",  # Toronto
    "NL": "+1709555",  # Newfoundland: two zones
    "FR": "+3361234",
    "DE": "+4915123",
}
COUNTRIES = ["US", "us", " US", "CA", "FR", "", "DE", "usa"]
STATES = ["FL", "Florida", " fl ", "Fla.", "\tFlorida", "NY", "new york", "TX", "WA", "Washington", "ON", "", "  "]
ZONES = ["", "", "", "America/Chicago", "Europe/Paris", "Not/AZone"]
#: Instants: evening on the US east coast (Florida's 20:00 passed, the campaign's 21:00 not),
#: noon there, and deep night.
NOWS = [
    datetime(2026, 4, 7, 0, 30, tzinfo=UTC),
    datetime(2026, 4, 6, 16, 0, tzinfo=UTC),
    datetime(2026, 4, 7, 7, 0, tzinfo=UTC),
]
TEXAS = {
    "scope": "US-TX",
    "windows": {"all": "09:00-18:00"},
    "limits": [{"max": 1, "hours": 48, "scope": "campaign"}],
    "source": "a test",
    "checked": "2026-01-01",
}


def workspace(root: Path, seed: int) -> Workspace:
    """People in many spellings of many places, the numbers' Vibes memberships, and texts sent:
    some numbers at the limit of 3 a day, some with one, some texted by this campaign before."""
    rng = random.Random(seed)
    ws = make_workspace(root)
    with ws.session() as conn:
        save_rule(conn, TEXAS)
        with transaction(conn):
            numbers = [f"{prefix}{i:04d}" for prefix in NUMBERS.values() for i in range(6)]
            texted = {number: rng.choice((0, 0, 1, 3, 3)) for number in numbers}
            for pid, number in enumerate(numbers[::6], start=1):  # one in each place at the limit, in the list
                add_person(conn, pid, number, country=rng.choice(COUNTRIES), state=rng.choice(STATES))
                texted[number] = 3
            for pid in range(len(NUMBERS) + 1, 121):
                phone = rng.choice(numbers) if rng.random() > 0.05 else None
                add_person(
                    conn,
                    pid,
                    phone,
                    country=rng.choice(COUNTRIES),
                    state=rng.choice(STATES),
                    time_zone=rng.choice(ZONES),
                    blocklisted=int(rng.random() < 0.04),
                    unsubscribed=int(rng.random() < 0.04),
                )
            for number in numbers:
                if rng.random() < 0.85 or number in numbers[::6]:
                    add_member(conn, number)
            runs = {}
            for name in ("Promo", "Other"):
                runs[name] = conn.execute(
                    "INSERT INTO runs(campaign_name, status, snapshot, started_at) VALUES (?, 'completed', '{}', ?)",
                    (name, "2026-04-05T00:00:00Z"),
                ).lastrowid
            step = 0
            for number in numbers:
                for _ in range(texted[number]):
                    step += 1
                    sent = NOWS[0] - timedelta(hours=rng.choice((2, 10, 20, 30)))
                    conn.execute(
                        "INSERT INTO ledger(run_id, step_index, person_id, mdn, action, state, sent_at, updated_at) "
                        "VALUES (?, ?, 1, ?, 'send_sms', 'sent', ?, ?)",
                        (runs[rng.choice(("Promo", "Other"))], step, number, iso(sent), iso(sent)),
                    )
    return ws


def by_person(conn: sqlite3.Connection, campaign, plan, now: datetime) -> AudienceCounts:  # type: ignore[no-untyped-def]
    """The funnel person by person: each one's first reason, the lowest id keeping a number,
    the limit judged as a run judges it when the text falls due, quiet hours in each person's
    own zones and region."""
    rules = Compliance.load(conn)
    window = Window.from_settings(campaign.settings.quiet_hours)
    resolver = ZoneResolver(window, now, "UTC", rules)
    out = AudienceCounts(excluded={r: 0 for r in plan.reasons})
    c = classify_sql(campaign, plan, now, region=True, order=True)
    seen: set[str] = set()
    for row in conn.execute(c.text, c.params).fetchall():
        out.smart_list += 1
        reason, mdn, region = row["reason"], row["phone_e164"], row["region"]
        if reason is None and mdn in seen:
            reason = "duplicate_phone"
        if reason is None:
            seen.add(mdn)
            reached = rules.reached(conn, mdn, region, now, campaign.name)
            if reached is not None:
                reason = "frequency_limit"
                rule = reached.applied.rule
                label = "workspace" if rule is None else rule.scope
                out.frequency_limit_by_rule[label] = out.frequency_limit_by_rule.get(label, 0) + 1
        if reason is not None:
            out.excluded[reason] = out.excluded.get(reason, 0) + 1
            continue
        out.recipients += 1
        out.by_branch[row["branch"]] = out.by_branch.get(row["branch"], 0) + 1
        own = resolver.window_for(region)
        if own.unrestricted:
            continue
        zones = resolver.zones_for(row["time_zone"], mdn)
        deferred = not resolver.is_open_in(zones, own)
        by_rule = deferred and own != window and resolver.is_open_in(zones)
        rule = ", ".join(r.scope for r in rules.rules_for(region) if r.has_windows) if by_rule else None
        out.add_judged(1, deferred=deferred, several=len(zones) > 1, rule=rule)
    return out


def funnel(counts: AudienceCounts) -> dict[str, object]:
    excluded = {k: v for k, v in counts.excluded.items() if v}
    return {**counts.__dict__, "excluded": excluded}


@pytest.mark.parametrize("seed", range(4))
def test_the_preview_counts_what_a_person_by_person_reading_of_the_rules_says(tmp_path: Path, seed: int) -> None:
    ws = workspace(tmp_path / "ws", seed)
    with ws.session() as conn:
        for quiet in ({"enabled": True, "start": "08:00", "end": "21:00"}, {"enabled": False}):
            campaign = send_campaign(quiet=quiet)
            plan = plan_step(campaign, 1)
            for now in NOWS:
                expected = funnel(by_person(conn, campaign, plan, now))
                cold = funnel(count_audience(conn, campaign, plan, now, "UTC"))  # looks zones up
                warm = funnel(count_audience(conn, campaign, plan, now, "UTC"))  # reads them
                assert cold == warm == expected, (quiet, now)
        assert expected["recipients"] and expected["excluded"].get("frequency_limit")


RULE_SETS = [
    [],
    [TEXAS],
    [{**TEXAS, "scope": "US"}],  # the whole country
    [{**TEXAS, "scope": "CA-ON"}, {**TEXAS, "scope": "DE-BY"}, {**TEXAS, "scope": "SE"}],
]


@pytest.mark.parametrize("extra", RULE_SETS)
def test_the_places_a_preview_takes_as_reached_by_no_rule_are_reached_by_none(extra: list[dict]) -> None:
    rules = Compliance([*shipped_rules(), *(rule_from_dict(r) for r in extra)], workspace_limit=None)
    free = rules.rule_free()
    assert free.key is not None and "CA" in free.countries and "NY" in free.states
    for country in free.countries:
        for state in free.states:
            assert not rules.rules_for(region_key(country, state, "+13055550100")), (country, state)
    # and the spellings of a place with a rule are not among them
    assert "FR" not in free.countries
    if any(r["scope"] == "US" for r in extra):
        assert "US" not in free.countries and "us" not in free.countries
        return  # (then Florida's spellings name no rule's place in the countries left)
    assert not {"FL", "Florida", "fl", "FLORIDA"} & free.states
    assert {code for code in SUBDIVISIONS["US"] if code in free.states} == set(SUBDIVISIONS["US"]) - {
        "FL",
        "OK",
        "MD",
        "WA",
        "CT",
        *(r["scope"][3:] for r in extra if r["scope"].startswith("US-")),
    }


def counting(conn: sqlite3.Connection, name: str) -> list[int]:
    """Count the calls of SQL function ``name`` (trim or upper) on ``conn``."""
    calls = [0]

    def trim(text: object) -> object:
        calls[0] += 1
        return text.strip(" ") if isinstance(text, str) else text

    def upper(text: object) -> object:
        calls[0] += 1
        return text.upper() if isinstance(text, str) else text

    conn.create_function(name, 1, trim if name == "trim" else upper, deterministic=True)
    return calls


def test_a_preview_works_out_regions_only_for_people_a_rule_may_reach(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        for pid in range(1, 201):  # New York and Texas: no rule's places
            number = f"+1212555{pid:04d}"
            add_person(conn, pid, number, state="NY" if pid % 2 else "TX")
            add_member(conn, number)
        add_person(conn, 201, "+13055550201", state="Florida")
        add_member(conn, "+13055550201")
    for quiet in ({"enabled": True, "start": "08:00", "end": "21:00"}, {"enabled": False}):
        campaign = send_campaign(quiet=quiet)
        with ws.session() as conn:
            trims, uppers = counting(conn, "trim"), counting(conn, "upper")
            counts = count_audience(conn, campaign, plan_step(campaign, 1), NOWS[0], "UTC")
        assert counts.recipients == 201 and counts.deferred_by_rule == {"US-FL": 1}
        # the one Floridian's key (a few calls), not one per person
        assert 0 < trims[0] < 20 and 0 < uppers[0] < 20, (trims, uppers)


def test_a_preview_carries_only_the_numbers_that_reached_a_limit(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws", 0)
    with ws.session() as conn:
        rules = Compliance.load(conn)
        sc = rules.counts_sql(NOWS[0], "Promo")
        assert sc is not None
        carried = {r[0]: tuple(r[1:]) for r in conn.execute(f"WITH {sc.text} SELECT * FROM sc", sc.params)}
        texted = {
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT mdn FROM ledger WHERE sent_at > ? AND sent_at <= ?",
                (iso(NOWS[0] - timedelta(hours=48)), iso(NOWS[0])),
            )
        }
    # a campaign limit of 1 in 48 hours (Texas) and 3 a day (the workspace, Florida...)
    assert carried and set(carried) < texted
    assert all(n0 >= 3 or n1 >= 1 for n0, n1 in carried.values()), carried
