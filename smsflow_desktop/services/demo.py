"""A realistic demo workspace, the same for the same seed.

:func:`create_demo_workspace` writes people in the US, Canada, Sweden and the UK with
numbers in every everyday spelling (``(212) 555-0123``, ``+46 70 123 45 67``,
``07400 123456``, ``001 212 …``), about 3% of them invalid, 1% missing, 2% shared by two
people, 5% unsubscribed and 1% each blocklisted and marketing-suspended. The people go
through a generated CSV and the real People CSV importer, so the demo exercises the path
users take. Then static lists, four SMS messages, two campaigns (one ready to run, one
with problems to fix), the Vibes mirror (three subscription lists, two acquisition
campaigns, members for about 60% of valid numbers) and the same Vibes state as the
embedded emulator's seed file (``emulator/seed.json``, contract format). In a team
workspace (a PostgreSQL database) the emulator's state in the database is seeded at once,
so the embedded emulator of every computer serves the demo account.

Everything but timestamps and the emulator's random password depends only on the seed.
"""

from __future__ import annotations

import csv
import json
import random
import secrets
import sqlite3
import tempfile
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import phonenumbers

from smsflow_desktop.model.campaign import (
    Campaign,
    Condition,
    MemberOfListFilter,
    MemberOfVibesListFilter,
    PersonFieldFilter,
    SendSmsChoice,
    SendSmsParams,
    SendSmsStep,
    SmartList,
    SmsMessage,
    SubscribeVibesListStep,
    WaitStep,
)
from smsflow_desktop.services import demo_data as data
from smsflow_desktop.services.campaigns import save_campaign, save_message
from smsflow_desktop.services.consent import consent_source
from smsflow_desktop.services.importers.people_csv import import_people_csv
from smsflow_desktop.services.settings import set_setting
from smsflow_desktop.services.workspace import Workspace, iso, now_utc, transaction

DemoProgress = Callable[[str, int, int], None]
COMPANY_KEY = "demo"
#: The demo account's short code (the emulated account refuses texts from any other).
SHORT_CODE = "24365"
_OPT_IN_EPOCH = datetime(2025, 9, 1, tzinfo=UTC)


#: The most people a demo workspace holds (a bound on the time and disk a demo takes).
MAX_PEOPLE = 10_000_000


class DemoError(RuntimeError):
    """The demo cannot be written there (the workspace already holds data)."""


@dataclass(frozen=True)
class DemoSummary:
    workspace: Path | str  # the folder, or the database URL without any password
    people: int
    campaigns: int
    vibes_lists: int


# -- phone numbers --------------------------------------------------------------------------


class _Numbers:
    """Valid, unique numbers for a country, and the ways people write them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def new(self, country: str, place: data.Place) -> str:
        """A valid E.164 mobile number of ``country`` not used before (NANP numbers in the place's area codes)."""
        rng = self.rng
        while True:
            if country in ("US", "CA"):
                text = f"+1{rng.choice(place.area_codes)}{rng.randint(200, 999)}{rng.randint(0, 9999):04d}"
            elif country == "SE":
                text = f"+467{rng.choice('02369')}{rng.randint(0, 9999999):07d}"
            else:
                text = f"+447{rng.choice('45789')}{rng.randint(0, 99999999):08d}"
            if text in self.used:
                continue
            number = phonenumbers.parse(text, None)
            # Of the country itself: +44 7… also covers Jersey, Guernsey and the Isle of Man,
            # which the demo's Vibes account does not serve.
            if phonenumbers.is_valid_number_for_region(number, country):
                self.used.add(text)
                return text

    def spell(self, e164: str, country: str) -> str:
        """How a person in ``country`` might write ``e164`` (always valid when read there)."""
        rng = self.rng
        if e164.startswith("+1"):
            a, e, n = e164[2:5], e164[5:8], e164[8:]
            if country in ("US", "CA"):
                return rng.choice(
                    (
                        f"({a}) {e}-{n}",
                        f"{a}-{e}-{n}",
                        f"{a}.{e}.{n}",
                        f"{a}{e}{n}",
                        f"+1 {a} {e} {n}",
                        f"+1-{a}-{e}-{n}",
                        f"1 ({a}) {e}-{n}",
                        f"+1 ({a}) {e}-{n}",
                    )
                )
            return rng.choice((f"001 {a} {e} {n}", f"+1 {a} {e} {n}"))
        if e164.startswith("+46"):
            n = e164[3:]
            spaced = f"{n[:2]} {n[2:5]} {n[5:7]} {n[7:]}"
            if country == "SE":
                return rng.choice(
                    (
                        f"0{n[:2]}-{n[2:5]} {n[5:7]} {n[7:]}",
                        f"0{n}",
                        f"+46 {spaced}",
                        e164,
                        f"0{spaced}",
                        f"0046 {spaced}",
                    )
                )
            return rng.choice((f"+46 {spaced}", f"011 46 {spaced}" if country in ("US", "CA") else f"0046 {spaced}"))
        n = e164[3:]
        if country == "GB":
            return rng.choice((f"0{n[:4]} {n[4:]}", f"+44 {n[:4]} {n[4:]}", f"0{n}", e164, f"0044 {n[:4]} {n[4:]}"))
        return rng.choice(
            (f"+44 {n[:4]} {n[4:]}", f"011 44 {n[:4]} {n[4:]}" if country in ("US", "CA") else f"0044 {n[:4]} {n[4:]}")
        )

    def invalid(self, country: str) -> str:
        region = country
        while True:
            text = self.rng.choice(data.INVALID_SPELLINGS[country])
            try:
                ok = phonenumbers.is_valid_number(phonenumbers.parse(text, region))
            except phonenumbers.NumberParseException:
                ok = False
            if not ok:
                return text


# -- people -----------------------------------------------------------------------------------


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if c.isascii() and c.isalnum()).lower()


def _flag(rng: random.Random, share: float) -> str:
    return rng.choice(data.TRUE_SPELLINGS) if rng.random() < share else rng.choice(data.FALSE_SPELLINGS)


def _people_rows(rng: random.Random, count: int) -> Iterator[list[str]]:
    """The demo's CSV rows, one at a time (a big demo never sits in memory)."""
    numbers = _Numbers(rng)
    countries = [c for c, w in data.COUNTRY_WEIGHTS.items() for _ in range(w)]
    # recent valid numbers, from which 2% of people take a family member's number
    valid: deque[tuple[int, str, str, data.Place]] = deque(maxlen=2000)
    for i in range(1, count + 1):
        roll = rng.random()
        if roll < 0.02 and valid:
            _, e164, country, place = rng.choice(valid)  # a second person on a family number
        else:
            country = rng.choice(countries)
            place = rng.choice(data.PLACES[country])
            e164 = ""
        first = rng.choice(data.FIRST_NAMES[country])
        last = rng.choice(data.LAST_NAMES[country])
        if roll < 0.02 and e164:
            phone = numbers.spell(e164, country)
        elif roll < 0.05:
            phone = numbers.invalid(country)
        elif roll < 0.06:
            phone = ""
        else:
            home = country if rng.random() < 0.97 else rng.choice([c for c in data.COUNTRY_WEIGHTS if c != country])
            e164 = numbers.new(home, place if home == country else rng.choice(data.PLACES[home]))
            phone = numbers.spell(e164, country)
            valid.append((i, e164, country, place))
        email = (
            ""
            if rng.random() < 0.05
            else f"{_ascii(first)}.{_ascii(last.split(',')[0])}{i}@{data.EMAIL_DOMAINS[country]}"
        )
        yield [
            f"D{i:05d}",
            first,
            last,
            email,
            phone,
            rng.choice(data.COUNTRY_SPELLINGS[country]),
            place.state if rng.random() < 0.9 else "",
            place.city,
            rng.choice(place.postal_codes),
            place.time_zone if rng.random() < 0.4 else "",
            _flag(rng, 0.05),
            _flag(rng, 0.01),
            _flag(rng, 0.01),
            rng.choice(data.LOYALTY_TIERS),
            rng.choice(data.SIGNUP_SOURCES),
        ]


# -- the workspace ------------------------------------------------------------------------------


def create_demo_workspace(
    root: Path | str, *, people: int = 5000, seed: int = 7, progress: DemoProgress | None = None
) -> DemoSummary:
    """Create (or fill an empty) workspace at ``root`` (a folder or a database URL) with the demo
    data for ``seed``."""
    if not 0 <= people <= MAX_PEOPLE:
        raise ValueError(f"the number of demo people must be between 0 and {MAX_PEOPLE:,}, not {people:,}")
    ws = Workspace.open(root, create=True)
    rng = random.Random(seed)
    with ws.session() as conn:
        _check_empty(ws, conn)
        report = progress or (lambda stage, done, total: None)
        report("people", 0, people)
        with tempfile.TemporaryDirectory(prefix="smsflow-demo-") as tmp:
            csv_path = Path(tmp) / "demo-people.csv"
            with open(csv_path, "w", encoding="utf-8", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(data.CSV_HEADER)
                writer.writerows(_people_rows(rng, people))
            import_people_csv(
                conn, csv_path, default_region="US", progress=lambda done, _b, _t: report("people", done, people)
            )
        report("lists", 0, 1)
        now = iso(now_utc())
        person_rows = conn.execute("SELECT id, external_id, phone_e164, city FROM people ORDER BY id").fetchall()
        _static_lists(conn, rng, person_rows)
        for name, body in data.MESSAGES.items():
            save_message(conn, SmsMessage(name=name, body=body))
        subscriptions = _vibes_mirror(conn, rng, person_rows, now)
        for campaign in _campaigns():
            save_campaign(conn, campaign)
        for key, value in (
            ("vibes.mode", "emulated"),
            ("vibes.company_key", COMPANY_KEY),
            ("vibes.username", COMPANY_KEY),
            ("vibes.short_code", SHORT_CODE),
            ("brand.name", data.BRAND),
        ):
            set_setting(conn, key, value)
        _write_seed(ws.emulator_dir / "seed.json", subscriptions)
        if ws.dialect == "postgresql":
            _seed_emulator_database(ws)
        total = conn.execute("SELECT count(*) FROM people").fetchone()[0]
        report("done", 1, 1)
    return DemoSummary(_name(ws), total, len(_campaigns()), len(data.VIBES_LISTS))


def _name(ws: Workspace) -> Path | str:
    """The workspace's folder, or its database URL without any password."""
    return str(ws.db_path) if ws.dialect == "postgresql" else ws.root


def _seed_emulator_database(ws: Workspace) -> None:
    """Seed a team workspace's emulated account in its database now (another computer's
    emulator, which has not this computer's seed file, then serves it too)."""
    from smsflow_desktop.services.vibes.emulator.store import EmulatorStore

    store = EmulatorStore(ws.root)
    try:
        store.seed_once(ws.emulator_dir / "seed.json")
    finally:
        store.close()


def _check_empty(ws: Workspace, conn: sqlite3.Connection) -> None:
    people, campaigns = conn.execute(
        "SELECT (SELECT count(*) FROM people), (SELECT count(*) FROM campaigns)"
    ).fetchone()
    team = ws.dialect == "postgresql"
    if people or campaigns:
        raise DemoError(
            f"{_name(ws)}: the workspace already holds {people} people and {campaigns} campaigns; "
            f"create the demo in a new {'database' if team else 'folder'}"
        )
    if team:
        from smsflow_desktop.services.vibes.emulator.pg_state import is_seeded

        if is_seeded(conn):
            raise DemoError(
                f"{_name(ws)}: the database already holds an emulated Vibes account; create the demo in a new database"
            )
    elif ws.emulator_dir.exists() and any(ws.emulator_dir.iterdir()):
        raise DemoError(f"{ws.emulator_dir}: the emulator folder is not empty; create the demo in a new folder")


def _static_lists(conn: sqlite3.Connection, rng: random.Random, people: list[sqlite3.Row]) -> None:
    with transaction(conn):
        ids: dict[str, int] = {}
        for name in data.STATIC_LISTS:
            ids[name] = conn.execute("INSERT INTO static_lists(name) VALUES (?) RETURNING id", (name,)).fetchone()[0]
        members: list[tuple[int, int]] = []
        for p in people:
            if rng.random() < 0.05:
                members.append((ids["VIP"], p["id"]))
            if rng.random() < 0.30:
                members.append((ids["Newsletter"], p["id"]))
            if p["city"] == "Stockholm":
                members.append((ids["Stockholm store"], p["id"]))
        conn.executemany("INSERT INTO static_list_members(list_id, person_id) VALUES (?, ?)", members)


def _vibes_mirror(
    conn: sqlite3.Connection, rng: random.Random, people: list[sqlite3.Row], now: str
) -> list[dict[str, str]]:
    """Lists, acquisition campaigns and memberships for ~60% of valid numbers; returns the seed's subscriptions."""
    owners: dict[str, str] = {}  # number -> the external id of its first owner (what Vibes knows them by)
    for p in people:
        if p["phone_e164"] and p["phone_e164"] not in owners:
            owners[p["phone_e164"]] = p["external_id"]
    rows: list[tuple[object, ...]] = []
    subscriptions: list[dict[str, str]] = []
    for mdn, external_id in owners.items():
        if rng.random() >= 0.6:
            continue
        lists = ["101"]
        if rng.random() < 0.4:
            lists.append("102")
        if mdn.startswith("+46") and rng.random() < 0.8:
            lists.append("103")
        for list_id in lists:
            joined = iso(_OPT_IN_EPOCH + timedelta(days=rng.randint(0, 200), seconds=rng.randint(0, 86399)))
            rows.append((list_id, mdn, external_id, joined, now))
            subscriptions.append({"mdn": mdn, "list_id": list_id, "external_person_id": external_id})
    with transaction(conn), consent_source(conn, "demo", "the demo's made-up Vibes subscriptions", learned_at=now):
        conn.executemany(
            "INSERT INTO vibes_lists(id, name, synced_at) VALUES (?, ?, ?)", [(i, n, now) for i, n in data.VIBES_LISTS]
        )
        for acq_id, description, list_ids, keywords in data.ACQUISITION_CAMPAIGNS:
            conn.execute(
                "INSERT INTO vibes_acquisition_campaigns(id, description, status, keywords, synced_at) "
                "VALUES (?, ?, 'active', ?, ?)",
                (acq_id, description, json.dumps(list(keywords)), now),
            )
            conn.executemany(
                "INSERT INTO vibes_acquisition_lists(acquisition_id, list_id) VALUES (?, ?)",
                [(acq_id, list_id) for list_id in list_ids],
            )
        conn.executemany(
            "INSERT INTO vibes_memberships(list_id, mdn, external_person_id, active, opt_in_date, "
            "updated_at) VALUES (?, ?, ?, 1, ?, ?)",
            rows,
        )
    subscriptions.sort(key=lambda s: (s["list_id"], s["external_person_id"]))
    return subscriptions


def _campaigns() -> list[Campaign]:
    spring = Campaign(
        name="Spring promo",
        description="Spring sale text to Offers subscribers in North America and Sweden, then an invitation "
        "to the text club.",
        smart_list=SmartList(
            logic="all",
            filters=[
                PersonFieldFilter(field="country", operator="is", values=["US", "CA", "SE"]),
                MemberOfVibesListFilter(vibes_list_id="101"),
            ],
        ),
        flow=[
            SendSmsStep(
                id="spring-send",
                message="Spring offer",
                vibes_list_id="101",
                choices=[
                    SendSmsChoice(
                        when=Condition(field="country", operator="is", values=["SE"]),
                        then=SendSmsParams(message="Vårerbjudande", vibes_list_id="101"),
                    ),
                ],
            ),
            WaitStep(id="spring-wait", duration="3 days"),
            SubscribeVibesListStep(id="spring-join", vibes_list_id="102", acquisition_campaign_id="202"),
        ],
    )
    draft = Campaign(
        name="Draft - needs fixes",
        description="A VIP text that is not finished: no message chosen, a wait written as '4 hrs', and an "
        "acquisition campaign that does not feed the list.",
        smart_list=SmartList(filters=[MemberOfListFilter(list="VIP")]),
        flow=[
            SendSmsStep(id="draft-send", message=None, vibes_list_id="101"),
            WaitStep(id="draft-wait", duration="4 hrs"),
            SubscribeVibesListStep(id="draft-join", vibes_list_id="103", acquisition_campaign_id="201"),
        ],
    )
    return [spring, draft]


def _write_seed(path: Path, subscriptions: list[dict[str, str]]) -> None:
    seed = {
        "company_key": COMPANY_KEY,
        "username": COMPANY_KEY,
        "password": secrets.token_urlsafe(18),
        "short_code": SHORT_CODE,
        "countries": sorted(data.COUNTRY_WEIGHTS),
        "subscription_lists": [{"id": i, "name": n} for i, n in data.VIBES_LISTS],
        "acquisition_campaigns": [
            {"acquisition_id": a, "description": d, "list_ids": list(lists), "keywords": list(k)}
            for a, d, lists, k in data.ACQUISITION_CAMPAIGNS
        ],
        "subscriptions": subscriptions,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(seed, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
