"""The emulator's own state: an SQLite file under the state folder, so a restart keeps it; for a
team workspace, the schema ``vibes_emulator`` of its PostgreSQL database (:mod:`.pg_state`), so
the emulators of several processes serve one emulated account.

All access goes through one connection guarded by a re-entrant lock (the HTTP server is
threaded; the emulator's volumes are small); the statements are the same on both stores. A
write transaction also keeps out the emulators of other processes (SQLite's write lock, or an
advisory lock on PostgreSQL). The store holds the company (credentials and
key), subscription lists, acquisition campaigns, persons, subscriptions with their opt-in /
opt-out history (the source of the extract files), acquisition participants with the log of
their answers (a ``Y``, an ``N``, a STOP while pending), confirmation blocks, texts in and out, event-triggered messages, events and registered callbacks.
Changes that Vibes reports through callbacks are announced to ``listeners``.

The seed (see :func:`load_seed`) also says what the emulated account serves, as a real
Vibes account is provisioned: ``short_code`` (the only ``targeting.sms.sourcecode`` an
event-triggered message may use), ``countries`` (ISO codes of the numbers it accepts;
default any), ``custom_fields`` (the person fields it knows; default none), ``landlines``
(numbers whose carrier is not provisioned: 422) and ``undeliverable`` (numbers whose texts
the carrier fails to deliver).
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import phonenumbers

from smsflow_desktop.services.store import is_database_url
from smsflow_desktop.services.vibes.emulator.mdn import MdnError, parse_mdn

DB_NAME = "vibes-emulator.db"
PERSON_NAMESPACE = uuid.UUID("6f1c2a4e-3d5b-4c8e-9a7f-1b2c3d4e5f60")
CARRIERS = ("102", "103", "104", "105", "383")
DEFAULT_COMPANY = {"company_key": "emulated", "username": "smsflow", "password": "emulator"}
#: How long a write waits for another writer (another thread, or another process's emulator).
BUSY_TIMEOUT_S = 10.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lists (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS acquisitions (
    id TEXT PRIMARY KEY, description TEXT NOT NULL, status TEXT NOT NULL, keywords TEXT NOT NULL,
    opt_in TEXT NOT NULL, created_date TEXT NOT NULL, updated_date TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS acquisition_lists (
    acquisition_id TEXT NOT NULL, list_id TEXT NOT NULL, PRIMARY KEY (acquisition_id, list_id));
CREATE TABLE IF NOT EXISTS persons (
    seq INTEGER PRIMARY KEY, person_key TEXT NOT NULL UNIQUE, external_person_id TEXT UNIQUE,
    mdn TEXT UNIQUE, carrier_code TEXT, custom_fields TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS subscriptions (
    person_key TEXT NOT NULL, list_id TEXT NOT NULL, opt_in_date TEXT NOT NULL, opt_out_date TEXT,
    opt_out_reason TEXT, PRIMARY KEY (person_key, list_id));
CREATE TABLE IF NOT EXISTS subscription_log (
    id INTEGER PRIMARY KEY, person_key TEXT NOT NULL, list_id TEXT NOT NULL, event TEXT NOT NULL,
    at TEXT NOT NULL, opt_in_date TEXT, opt_out_date TEXT, opt_out_reason TEXT, description TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS subscription_log_at ON subscription_log(at);
CREATE TABLE IF NOT EXISTS participants (
    acquisition_id TEXT NOT NULL, person_key TEXT NOT NULL, mdn TEXT, status TEXT NOT NULL,
    participation_date TEXT NOT NULL, expire_date TEXT NOT NULL, updated_at TEXT NOT NULL,
    PRIMARY KEY (acquisition_id, person_key));
CREATE TABLE IF NOT EXISTS participant_log (
    id INTEGER PRIMARY KEY, acquisition_id TEXT NOT NULL, person_key TEXT NOT NULL, mdn TEXT,
    status TEXT NOT NULL, at TEXT NOT NULL, description TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS confirmation_blocks (
    acquisition_id TEXT NOT NULL, mdn TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (acquisition_id, mdn));
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY, mdn TEXT NOT NULL, direction TEXT NOT NULL, kind TEXT NOT NULL,
    text TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS etms (
    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, event_type TEXT NOT NULL,
    status TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL, event_type TEXT NOT NULL, event_data TEXT NOT NULL,
    mdn TEXT, person_key TEXT, etm_id TEXT, status TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '',
    message TEXT, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS callbacks (
    id INTEGER PRIMARY KEY AUTOINCREMENT, callback_type TEXT NOT NULL, body TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
"""


class SeedError(ValueError):
    """A seed file that cannot be used, naming the file and the JSON path."""


def iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _utcnow() -> datetime:
    return datetime.now(UTC)


class EmulatorStore:
    """The emulator's state and the operations the API and inbound texts perform.

    ``state`` is the state folder (SQLite file ``vibes-emulator.db`` in it) or a workspace's
    ``postgresql://`` URL (the schema ``vibes_emulator`` of that database)."""

    def __init__(self, state: Path | str, *, clock: Callable[[], datetime] | None = None) -> None:
        self.clock: Callable[[], datetime] = clock or _utcnow
        self.lock = threading.RLock()
        self.listeners: list[Callable[[str, dict[str, Any]], None]] = []
        self._depth = 0
        self.url: str | None = str(state) if is_database_url(state) else None
        self.dialect = "sqlite" if self.url is None else "postgresql"
        if self.url is not None:
            self.state_dir: Path | None = None
            self.path: Path | None = None
            self.conn: Any = self._connect_pg()
            return
        self.state_dir = Path(state)
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.state_dir / DB_NAME
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.executescript(SCHEMA)

    def _connect_pg(self) -> Any:
        from smsflow_desktop.services.vibes.emulator import pg_state

        assert self.url is not None
        return pg_state.connect(self.url, SCHEMA, lock_timeout_s=BUSY_TIMEOUT_S)

    def _lost(self) -> bool:
        return self.url is not None and not self._depth and (self.conn.raw.closed or self.conn.raw.broken)

    def _execute_outside_tx(self, sql: str, params: tuple | list = ()) -> Any:
        """Execute a statement; on PostgreSQL, outside a transaction, once more on a new
        connection when the server dropped the old one (a restart of the server must not leave
        a long-running emulator failing its requests)."""
        if self._lost():
            self._reconnect()
        try:
            return self.conn.execute(sql, params)
        except sqlite3.OperationalError:
            if not self._lost():
                raise
        self._reconnect()
        return self.conn.execute(sql, params)

    def _reconnect(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()
        self.conn = self._connect_pg()

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    # -- plumbing -------------------------------------------------------------------------
    def now(self) -> datetime:
        value = self.clock()
        return value if value.tzinfo else value.replace(tzinfo=UTC)

    def now_iso(self) -> str:
        return iso(self.now())

    @contextlib.contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (nested calls join the outer one); other processes' emulators
        on the same state wait for it."""
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            self._execute_outside_tx("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                if self.url is not None:
                    from smsflow_desktop.services.vibes.emulator.pg_state import LOCK_KEY

                    self.conn.execute("SELECT pg_advisory_xact_lock(?)", (LOCK_KEY,))
                yield self.conn
            except BaseException:
                with contextlib.suppress(sqlite3.Error):  # the first error is the one to report
                    self.conn.rollback()
                raise
            else:
                self.conn.execute("COMMIT")
            finally:
                self._depth = 0

    def q(self, sql: str, params: tuple | list = ()) -> list[sqlite3.Row]:
        with self.lock:
            return self._execute_outside_tx(sql, params).fetchall()

    def q1(self, sql: str, params: tuple | list = ()) -> sqlite3.Row | None:
        with self.lock:
            return self._execute_outside_tx(sql, params).fetchone()

    def emit(self, kind: str, data: dict[str, Any]) -> None:
        for listener in list(self.listeners):
            listener(kind, data)

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.q1("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.tx() as c:
            c.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    @property
    def company(self) -> dict[str, str]:
        return {k: self.meta(k) or DEFAULT_COMPANY[k] for k in DEFAULT_COMPANY}

    # -- seeding ----------------------------------------------------------------------------
    def seed_once(self, seed_path: Path | None) -> bool:
        """Apply the seed on first start (no company yet); return whether it was applied. Of
        emulators starting at once on one state, one seeds it."""
        if self.meta("seeded_at") is not None:
            return False
        seed: dict[str, Any] = load_seed(seed_path) if seed_path is not None else dict(DEFAULT_COMPANY)
        now = self.now_iso()
        with self.tx() as c:
            if self.meta("seeded_at") is not None:
                return False
            for key in DEFAULT_COMPANY:
                self.set_meta(key, str(seed.get(key) or DEFAULT_COMPANY[key]))
            if seed.get("short_code"):
                self.set_meta("short_code", seed["short_code"])
            for key in ("landlines", "undeliverable", "countries", "custom_fields"):
                if key in seed:
                    self.set_meta(key, json.dumps(sorted(seed[key])))
            for item in seed.get("subscription_lists", []):
                c.execute(
                    "INSERT INTO lists(id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name",
                    (item["id"], item["name"]),
                )
            for item in seed.get("acquisition_campaigns", []):
                c.execute(
                    "INSERT INTO acquisitions VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                    "description = excluded.description, status = excluded.status, keywords = excluded.keywords, "
                    "opt_in = excluded.opt_in, created_date = excluded.created_date, "
                    "updated_date = excluded.updated_date",
                    (
                        item["acquisition_id"],
                        item.get("description", ""),
                        item.get("status", "active"),
                        json.dumps(item.get("keywords", [])),
                        item.get("opt_in", "double"),
                        now,
                        now,
                    ),
                )
                for list_id in item.get("list_ids", []):
                    c.execute(
                        "INSERT OR IGNORE INTO acquisition_lists VALUES (?, ?)", (item["acquisition_id"], list_id)
                    )
            for item in seed.get("subscriptions", []):
                person = self.find_or_create_person(item["mdn"], item.get("external_person_id"))
                self.opt_in(person["person_key"], item["list_id"], "seeded subscription")
            self.set_meta("seeded_at", now)
        return True

    def number_set(self, key: str) -> set[str]:
        return set(json.loads(self.meta(key) or "[]"))

    @property
    def short_code(self) -> str | None:
        """The account's short code, when the seed gave one (then every event-triggered
        message must send from it)."""
        return self.meta("short_code")

    @property
    def countries(self) -> frozenset[str] | None:
        """ISO codes of the countries whose numbers the account serves; None: any."""
        text = self.meta("countries")
        return frozenset(json.loads(text)) if text is not None else None

    @property
    def custom_fields(self) -> frozenset[str]:
        """The custom person fields the account knows."""
        return frozenset(json.loads(self.meta("custom_fields") or "[]"))

    # -- lists and campaigns ----------------------------------------------------------------
    def list_row(self, list_id: str) -> sqlite3.Row | None:
        return self.q1("SELECT * FROM lists WHERE id = ?", (list_id,))

    def acquisition_row(self, acquisition_id: str) -> sqlite3.Row | None:
        return self.q1("SELECT * FROM acquisitions WHERE id = ?", (acquisition_id,))

    def acquisition_lists(self, acquisition_id: str) -> list[str]:
        return [
            r[0]
            for r in self.q(
                "SELECT list_id FROM acquisition_lists WHERE acquisition_id = ? ORDER BY list_id", (acquisition_id,)
            )
        ]

    # -- persons ------------------------------------------------------------------------------
    def person(
        self, *, person_key: str | None = None, mdn: str | None = None, external_person_id: str | None = None
    ) -> sqlite3.Row | None:
        if person_key is not None:
            return self.q1("SELECT * FROM persons WHERE person_key = ?", (person_key,))
        if mdn is not None:
            return self.q1("SELECT * FROM persons WHERE mdn = ?", (mdn,))
        if external_person_id is not None:
            return self.q1("SELECT * FROM persons WHERE external_person_id = ?", (external_person_id,))
        return None

    def create_person(
        self, mdn: str | None, external_person_id: str | None, custom_fields: dict[str, Any] | None = None
    ) -> sqlite3.Row:
        now = self.now_iso()
        company = self.company["company_key"]
        with self.tx() as c:
            seq = c.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM persons").fetchone()[0]
            key = str(uuid.uuid5(PERSON_NAMESPACE, f"{company}:{seq}"))
            carrier = CARRIERS[sum(map(ord, mdn)) % len(CARRIERS)] if mdn else None
            c.execute(
                "INSERT INTO persons VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (seq, key, external_person_id, mdn, carrier, json.dumps(custom_fields or {}), now, now),
            )
        return self.person(person_key=key)  # type: ignore[return-value]

    def update_person(
        self,
        person_key: str,
        *,
        external_person_id: str | None = None,
        mdn: str | None = None,
        custom_fields: dict[str, Any] | None = None,
    ) -> sqlite3.Row:
        with self.tx() as c:
            row = self.person(person_key=person_key)
            assert row is not None
            fields = json.loads(row["custom_fields"])
            fields.update(custom_fields or {})
            c.execute(
                "UPDATE persons SET external_person_id = COALESCE(?, external_person_id), "
                "mdn = COALESCE(?, mdn), custom_fields = ?, updated_at = ? WHERE person_key = ?",
                (external_person_id, mdn, json.dumps(fields), self.now_iso(), person_key),
            )
        return self.person(person_key=person_key)  # type: ignore[return-value]

    def find_or_create_person(self, mdn: str, external_person_id: str | None = None) -> sqlite3.Row:
        """The person holding ``mdn`` (E.164), created when there is none (one transaction:
        two requests for a new number at once find or make the same person)."""
        with self.tx():
            row = self.person(mdn=mdn)
            if row is None:
                return self.create_person(mdn, external_person_id)
            if external_person_id and not row["external_person_id"]:
                return self.update_person(row["person_key"], external_person_id=external_person_id)
            return row

    # -- subscriptions ------------------------------------------------------------------------
    def subscription(self, person_key: str, list_id: str) -> sqlite3.Row | None:
        return self.q1("SELECT * FROM subscriptions WHERE person_key = ? AND list_id = ?", (person_key, list_id))

    def active_list_ids(self, person_key: str) -> list[str]:
        return [
            r[0]
            for r in self.q(
                "SELECT list_id FROM subscriptions WHERE person_key = ? AND opt_out_date IS NULL ORDER BY list_id",
                (person_key,),
            )
        ]

    def opt_in(self, person_key: str, list_id: str, description: str) -> bool:
        """Subscribe (or re-subscribe); False when already an active member."""
        with self.tx() as c:
            current = self.subscription(person_key, list_id)
            if current is not None and current["opt_out_date"] is None:
                return False
            now = self.now_iso()
            c.execute(
                "INSERT INTO subscriptions VALUES (?, ?, ?, NULL, NULL) ON CONFLICT(person_key, list_id) DO "
                "UPDATE SET opt_in_date = excluded.opt_in_date, opt_out_date = NULL, opt_out_reason = NULL",
                (person_key, list_id, now),
            )
            c.execute(
                "INSERT INTO subscription_log(person_key, list_id, event, at, opt_in_date, description) "
                "VALUES (?, ?, 'OPT_IN', ?, ?, ?)",
                (person_key, list_id, now, now, description),
            )
        self.emit("subscription_added", self._subscription_event(person_key, list_id))
        return True

    def opt_out(self, person_key: str, list_id: str, reason: str, description: str) -> bool:
        """End an active subscription; False when there was none."""
        with self.tx() as c:
            current = self.subscription(person_key, list_id)
            if current is None or current["opt_out_date"] is not None:
                return False
            now = self.now_iso()
            c.execute(
                "UPDATE subscriptions SET opt_out_date = ?, opt_out_reason = ? WHERE person_key = ? AND list_id = ?",
                (now, reason, person_key, list_id),
            )
            c.execute(
                "INSERT INTO subscription_log(person_key, list_id, event, at, opt_in_date, opt_out_date, "
                "opt_out_reason, description) VALUES (?, ?, 'OPT_OUT', ?, ?, ?, ?, ?)",
                (person_key, list_id, now, current["opt_in_date"], now, reason, description),
            )
        self.emit("subscription_removed", self._subscription_event(person_key, list_id))
        return True

    def _subscription_event(self, person_key: str, list_id: str) -> dict[str, Any]:
        person = self.person(person_key=person_key)
        sub = self.subscription(person_key, list_id)
        lst = self.list_row(list_id)
        return {
            "person": dict(person) if person else {"person_key": person_key},
            "list_id": list_id,
            "list_name": lst["name"] if lst else "",
            "subscription": dict(sub) if sub else {},
        }

    # -- texts ---------------------------------------------------------------------------------
    def record_message(self, mdn: str, direction: str, kind: str, text: str) -> None:
        with self.tx() as c:
            c.execute(
                "INSERT INTO messages(mdn, direction, kind, text, at) VALUES (?, ?, ?, ?, ?)",
                (mdn, direction, kind, text, self.now_iso()),
            )


#: Every key a seed may have (a key starting with ``_`` is a note and ignored).
SEED_KEYS = (
    "company_key",
    "username",
    "password",
    "short_code",
    "countries",
    "custom_fields",
    "landlines",
    "undeliverable",
    "subscription_lists",
    "acquisition_campaigns",
    "subscriptions",
)
ACQUISITION_STATUSES = ("scheduled", "active", "deleted", "past")
SHORT_CODE = re.compile(r"^(?:\d{3,15}|[A-Za-z0-9][A-Za-z0-9 ]{0,10})$")
CUSTOM_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


def load_seed(path: Path) -> dict[str, Any]:
    """Read and check a seed file (contract format); :class:`SeedError` names the file, the
    JSON path and what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise SeedError(f"{path}: cannot read the seed file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise SeedError(f"{path}: the seed file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise SeedError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise SeedError(f"{path}: the JSON is nested too deeply") from None
    if not isinstance(data, dict):
        raise SeedError(f"{path}: $: expected a JSON object")

    def need(cond: bool, where: str, what: str) -> None:
        if not cond:
            raise SeedError(f"{path}: {where}: {what}")

    unknown = sorted(k for k in data if k not in SEED_KEYS and not str(k).startswith("_"))
    need(not unknown, f"$.{unknown[0]}" if unknown else "$", f"unknown key (known: {', '.join(SEED_KEYS)})")
    for key in ("company_key", "username", "password"):
        need(isinstance(data.get(key, ""), str), f"$.{key}", "expected a string")
    if data.get("short_code") is not None:
        code = data["short_code"]
        if isinstance(code, int) and not isinstance(code, bool):
            data["short_code"] = code = str(code)
        need(
            isinstance(code, str) and bool(SHORT_CODE.match(code)),
            "$.short_code",
            "expected a short or long code (3 to 15 digits) or an alphanumeric sender id (up to 11 characters)",
        )
    else:
        data.pop("short_code", None)
    if "countries" in data:
        countries = data["countries"]
        need(isinstance(countries, list) and bool(countries), "$.countries", "expected a non-empty list of ISO codes")
        known = phonenumbers.SUPPORTED_REGIONS
        for i, code in enumerate(countries):
            need(
                isinstance(code, str) and code.strip().upper() in known,
                f"$.countries[{i}]",
                f"{code!r} is not an ISO 3166 alpha-2 country code (such as US, CA, SE or GB)",
            )
        data["countries"] = sorted({c.strip().upper() for c in countries})
    if "custom_fields" in data:
        fields = data["custom_fields"]
        need(isinstance(fields, list), "$.custom_fields", "expected a list of field names")
        for i, name in enumerate(fields):
            need(
                isinstance(name, str) and bool(CUSTOM_FIELD.match(name)),
                f"$.custom_fields[{i}]",
                "expected a field name (letters, digits and _, at most 64 characters, not starting with a digit)",
            )
    for key, fields in (
        ("subscription_lists", ("id", "name")),
        ("acquisition_campaigns", ("acquisition_id",)),
        ("subscriptions", ("mdn", "list_id")),
    ):
        items = data.get(key, [])
        need(isinstance(items, list), f"$.{key}", "expected a list")
        for i, item in enumerate(items):
            need(isinstance(item, dict), f"$.{key}[{i}]", "expected an object")
            for field in fields:
                value = item.get(field)
                if isinstance(value, int) and not isinstance(value, bool):
                    item[field] = value = str(value)
                need(isinstance(value, str) and value != "", f"$.{key}[{i}].{field}", "expected a non-empty string")
    list_ids = {item["id"] for item in data.get("subscription_lists", [])}
    for i, item in enumerate(data.get("acquisition_campaigns", [])):
        where = f"$.acquisition_campaigns[{i}]"
        ids = item.get("list_ids", [])
        need(isinstance(ids, list), f"{where}.list_ids", "expected a list")
        item["list_ids"] = [str(x) for x in ids]
        for j, list_id in enumerate(item["list_ids"]):
            need(list_id in list_ids, f"{where}.list_ids[{j}]", f"no subscription list {list_id!r} in the seed")
        keywords = item.get("keywords", [])
        need(
            isinstance(keywords, list) and all(isinstance(k, str) for k in keywords),
            f"{where}.keywords",
            "expected a list of strings",
        )
        need(isinstance(item.get("description", ""), str), f"{where}.description", "expected a string")
        need(
            item.get("status", "active") in ACQUISITION_STATUSES,
            f"{where}.status",
            f"expected one of {', '.join(ACQUISITION_STATUSES)}",
        )
        need(item.get("opt_in", "double") in ("single", "double"), f"{where}.opt_in", "expected single or double")
    countries_set = set(data.get("countries") or [])

    def number(raw: Any, where: str) -> str:
        try:
            e164 = parse_mdn(raw, 2)
        except MdnError:
            raise SeedError(f"{path}: {where}: {raw!r} is not a valid E.164 mobile number") from None
        region = phonenumbers.region_code_for_number(phonenumbers.parse(e164, None))
        need(
            not countries_set or region in countries_set,
            where,
            f"{e164} is a number of {region or 'no country'}, which $.countries does not list",
        )
        return e164

    for key in ("landlines", "undeliverable"):
        numbers = data.get(key, [])
        need(isinstance(numbers, list), f"$.{key}", "expected a list of E.164 numbers")
        data[key] = [number(n, f"$.{key}[{i}]") for i, n in enumerate(numbers)]
    for i, item in enumerate(data.get("subscriptions", [])):
        item["mdn"] = number(item["mdn"], f"$.subscriptions[{i}].mdn")
        need(
            item["list_id"] in list_ids,
            f"$.subscriptions[{i}].list_id",
            f"no subscription list {item['list_id']!r} in the seed",
        )
        ext = item.get("external_person_id")
        need(
            ext is None or (isinstance(ext, str) and 0 < len(ext) <= 128),
            f"$.subscriptions[{i}].external_person_id",
            "expected a string of 1 to 128 characters",
        )
    return data
