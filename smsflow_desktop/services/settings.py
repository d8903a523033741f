"""Workspace settings: a small typed key/value table with defaults and checks.

Every key has a default and a validator, so ``smsflow settings set`` refuses a typo or a
bad value with a message, and readers never see a malformed value. Secrets are never
settings: the Vibes password and the callback secret live in the OS keyring (see
``services.secrets``). ``vibes.base_url`` takes ``https://`` only (``http://`` for a server on
this computer), so the password never crosses a network unencrypted. The workspace's own id
(:func:`workspace_id`, not a secret) is kept in the same table, outside the editable keys.
"""

from __future__ import annotations

import ipaddress
import sqlite3
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import phonenumbers

from smsflow_desktop.services.workspace import transaction

VIBES_HOSTS = {
    "north_america": "https://public-api.vibescm.com",
    "europe": "https://public-api.eu.vibes.com",
}


class SettingError(ValueError):
    """An unknown key or a value the key does not take."""


def _choice(*allowed: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in allowed:
            raise SettingError(f"must be one of {', '.join(allowed)}")
        return value

    return check


LOOPBACK_NAMES = frozenset({"localhost"})


def is_loopback_host(host: str) -> bool:
    """``localhost``, an address in 127.0.0.0/8, or ``::1``: a server on this computer."""
    name = host.strip().strip("[]").lower().rstrip(".")
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def base_url_problem(value: str) -> str | None:
    """Why ``value`` cannot be the Vibes API URL, or None: ``https://`` only, ``http://`` only
    for a server on this computer, a host, and no user name or password in it."""
    text = value.strip()
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return "must be a URL such as https://public-api.vibescm.com"
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not text.lower().startswith(scheme + "://"):
        return "must be a URL starting with https://"
    if not host:
        return "must name a host, such as https://public-api.vibescm.com"
    if parts.username is not None or parts.password is not None:
        return "must not contain a user name or password (the password goes to the system keyring)"
    if scheme == "http" and not is_loopback_host(host):
        return (
            "must start with https:// so the password is never sent unencrypted "
            "(http:// only for a server on this computer: localhost, 127.0.0.1 or ::1)"
        )
    return None


def _url(value: str) -> str:
    problem = base_url_problem(value)
    if problem:
        raise SettingError(problem)
    return value.strip().rstrip("/")


def _text(value: str) -> str:
    return value.strip()


def _region(value: str) -> str:
    code = value.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise SettingError("must be a two-letter country code such as US, CA, SE or GB")
    return code


def _zone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise SettingError("must be an IANA time zone such as UTC, America/New_York or Europe/Stockholm") from None
    return value


def _int_range(low: int, high: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        try:
            number = int(value)
        except ValueError:
            raise SettingError(f"must be a whole number from {low} to {high}") from None
        if not low <= number <= high:
            raise SettingError(f"must be a whole number from {low} to {high}")
        return str(number)

    return check


def _bool(value: str) -> str:
    low = value.strip().lower()
    if low in ("true", "1", "yes", "on"):
        return "true"
    if low in ("false", "0", "no", "off"):
        return "false"
    raise SettingError("must be true or false")


#: At most this many test numbers: a test goes to a few phones of the team, never to a list.
MAX_TEST_NUMBERS = 10


def parse_test_numbers(value: str) -> list[str]:
    """The E.164 numbers of a comma-separated list (spaces, dashes and parentheses inside a
    number are allowed; each must start with ``+`` and its country code), in order, each once;
    :class:`SettingError` names the first that is not a valid phone number."""
    out: list[str] = []
    for part in value.split(","):
        text = part.strip()
        if not text:
            continue
        if not text.startswith("+"):
            raise SettingError(
                f"{text!r} is not an E.164 number: write it with + and the country code, e.g. +12135550100"
            )
        try:
            number = phonenumbers.parse(text, None)
        except phonenumbers.NumberParseException:
            raise SettingError(f"{text!r} is not a phone number") from None
        if not phonenumbers.is_valid_number(number):
            raise SettingError(f"{text!r} is not a valid phone number")
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if e164 not in out:
            out.append(e164)
    if len(out) > MAX_TEST_NUMBERS:
        raise SettingError(f"at most {MAX_TEST_NUMBERS} test numbers (a test goes to your own phones, not to a list)")
    return out


def _test_numbers(value: str) -> str:
    return ", ".join(parse_test_numbers(value))


def _language(value: str) -> str:
    if value not in ("", "en", "sv"):
        raise SettingError("must be empty (the system language), en or sv")
    return value


@dataclass(frozen=True)
class SettingSpec:
    default: str
    check: Callable[[str], str]
    description: str


SETTINGS: dict[str, SettingSpec] = {
    "vibes.mode": SettingSpec(
        "emulated",
        _choice("emulated", "remote"),
        "emulated: the embedded Vibes emulator; remote: the Vibes API at vibes.base_url",
    ),
    "vibes.base_url": SettingSpec(VIBES_HOSTS["north_america"], _url, "the Vibes API host"),
    "vibes.username": SettingSpec("", _text, "the Vibes API user name"),
    "vibes.company_key": SettingSpec("", _text, "the Vibes company key"),
    "vibes.short_code": SettingSpec("", _text, "the short code texts are sent from (Vibes 'sourcecode')"),
    "vibes.rate_limit.events": SettingSpec("300", _int_range(1, 10000), "event requests per second"),
    "vibes.rate_limit.company": SettingSpec("100", _int_range(1, 10000), "other company calls per second"),
    "runner.concurrency": SettingSpec("8", _int_range(1, 64), "requests in flight during a run"),
    "default_region": SettingSpec("US", _region, "country for numbers written without a country code"),
    "default_time_zone": SettingSpec("UTC", _zone, "time zone for quiet hours when a person's is unknown"),
    "frequency_cap.enabled": SettingSpec(
        "true", _bool, "the workspace limit: at most frequency_cap.max_per_24h texts per number per rolling 24 hours"
    ),
    "frequency_cap.max_per_24h": SettingSpec("3", _int_range(1, 100), "texts per number per rolling 24 hours"),
    "brand.name": SettingSpec(
        "", _text, "the brand every message should name (the message editor hints when one does not)"
    ),
    "ui.language": SettingSpec("", _language, "the app's language; empty follows the system"),
    "test_numbers": SettingSpec(
        "", _test_numbers, "comma-separated E.164 numbers that get test sends (smsflow test-send, Send test…)"
    ),
}
SECRET_KEYS = frozenset({"vibes.password", "password", "vibes.secret"})


def check_setting(key: str, value: str) -> str:
    """The normalised value, or :class:`SettingError`."""
    if key in SECRET_KEYS or "password" in key.lower():
        raise SettingError(
            f"{key}: the Vibes password is never stored as a setting; it goes to the system keyring "
            "(smsflow vibes set-password) or SMSFLOW_VIBES_PASSWORD"
        )
    spec = SETTINGS.get(key)
    if spec is None:
        raise SettingError(f"unknown setting {key!r}; known: {', '.join(sorted(SETTINGS))}")
    try:
        return spec.check(value)
    except SettingError as exc:
        raise SettingError(f"{key}: {exc}") from None


def get_setting(conn: sqlite3.Connection, key: str) -> str:
    if key not in SETTINGS:
        check_setting(key, "")  # raises with the right message
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else SETTINGS[key].default


def all_settings(conn: sqlite3.Connection) -> dict[str, str]:
    stored = dict(conn.execute("SELECT key, value FROM settings").fetchall())
    return {key: stored.get(key, spec.default) for key, spec in SETTINGS.items()}


def seed_numbers(conn: sqlite3.Connection) -> list[str]:
    """The workspace's seed numbers for test sends (``test_numbers``), in order."""
    return parse_test_numbers(get_setting(conn, "test_numbers"))


WORKSPACE_ID_KEY = "workspace.id"


def workspace_id(conn: sqlite3.Connection) -> str:
    """The workspace's stable id (random, made on first use, not a secret): what keeps its
    callback secret apart from other workspaces' in the keyring."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (WORKSPACE_ID_KEY,)).fetchone()
    if row and row[0]:
        return str(row[0])
    with transaction(conn):
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
            (WORKSPACE_ID_KEY, uuid.uuid4().hex),
        )
    return str(conn.execute("SELECT value FROM settings WHERE key = ?", (WORKSPACE_ID_KEY,)).fetchone()[0])


def set_setting(conn: sqlite3.Connection, key: str, value: str) -> str:
    normalised = check_setting(key, value)
    with transaction(conn):
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, normalised),
        )
    return normalised
