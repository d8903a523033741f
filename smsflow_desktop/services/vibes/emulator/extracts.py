"""Vibes extract files, written from the emulator's state.

The *Current Subscriber Extract* (``current_subscribers_<company_key>_<YYYYMMDD>.txt``)
lists every subscription active at the end of the day, with the 10-digit ``mdn``, its
``mdn_e164_format`` and ``country_code``. The daily *Subscription Extract*
(``subscriptions_<company_key>_<YYYYMMDD>.txt``) lists every opt-in and opt-out of the day
with dates as ``2017-04-05 14:30:00 +0000``. Both are tab-separated UTF-8 with a header row.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from smsflow_desktop.services.vibes.emulator.mdn import national_and_region
from smsflow_desktop.services.vibes.emulator.store import EmulatorStore, iso, parse_iso

CURRENT_COLUMNS = (
    "mdn",
    "person_id",
    "external_person_id",
    "carrier_code",
    "mdn_e164_format",
    "country_code",
    "subscription_list_id",
)
DAILY_COLUMNS = (
    "person_id",
    "external_person_id",
    "mdn",
    "company_id",
    "carrier_code",
    "subscription_list_id",
    "subscription_list_name",
    "opt_in_date",
    "opt_out_date",
    "subscription_event",
    "opt_out_reason",
    "activity_description",
    "activity_id",
)


def _vibes_date(text: str | None) -> str:
    return parse_iso(text).strftime("%Y-%m-%d %H:%M:%S %z") if text else ""


def _day_bounds(day: date) -> tuple[str, str]:
    start = datetime.combine(day, time(0), tzinfo=UTC)
    return iso(start), iso(start + timedelta(days=1))


def _tsv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    def clean(value: object) -> str:
        return "" if value is None else str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")

    lines = ["\t".join(columns)] + ["\t".join(clean(row.get(c)) for c in columns) for row in rows]
    return "\n".join(lines) + "\n"


def current_subscribers(store: EmulatorStore, day: date | None = None) -> str:
    """The Current Subscriber Extract for the end of ``day`` (default: now) as TSV text."""
    cutoff = _day_bounds(day)[1] if day else iso(store.now() + timedelta(seconds=1))
    rows = []
    for r in store.q(
        "SELECT p.person_key, p.external_person_id, p.mdn, p.carrier_code, s.list_id "
        "FROM subscriptions s JOIN persons p ON p.person_key = s.person_key "
        "WHERE s.opt_in_date < ? AND (s.opt_out_date IS NULL OR s.opt_out_date >= ?) "
        "AND p.mdn IS NOT NULL ORDER BY s.list_id, p.seq",
        (cutoff, cutoff),
    ):
        national, region = national_and_region(r["mdn"])
        rows.append(
            {
                "mdn": national,
                "person_id": r["person_key"],
                "external_person_id": r["external_person_id"],
                "carrier_code": r["carrier_code"],
                "mdn_e164_format": r["mdn"],
                "country_code": region,
                "subscription_list_id": r["list_id"],
            }
        )
    return _tsv(CURRENT_COLUMNS, rows)


def daily_subscriptions(store: EmulatorStore, day: date) -> str:
    """The Subscription Extract of every opt-in and opt-out during ``day`` (UTC) as TSV text."""
    start, end = _day_bounds(day)
    company = store.company["company_key"]
    rows = []
    for r in store.q(
        "SELECT g.*, p.external_person_id, p.mdn, p.carrier_code, l.name AS list_name "
        "FROM subscription_log g JOIN persons p ON p.person_key = g.person_key "
        "LEFT JOIN lists l ON l.id = g.list_id WHERE g.at >= ? AND g.at < ? ORDER BY g.id",
        (start, end),
    ):
        rows.append(
            {
                "person_id": r["person_key"],
                "external_person_id": r["external_person_id"],
                "mdn": r["mdn"],
                "company_id": company,
                "carrier_code": r["carrier_code"],
                "subscription_list_id": r["list_id"],
                "subscription_list_name": r["list_name"],
                "opt_in_date": _vibes_date(r["opt_in_date"]),
                "opt_out_date": _vibes_date(r["opt_out_date"]),
                "subscription_event": r["event"],
                "opt_out_reason": r["opt_out_reason"],
                "activity_description": r["description"],
                "activity_id": r["id"],
            }
        )
    return _tsv(DAILY_COLUMNS, rows)


def write_extracts(source: EmulatorStore | Path | str, folder: Path, day: date | None = None) -> list[Path]:
    """Write both extract files for ``day`` (default: today by the emulator's clock) into ``folder``;
    ``source`` is a store, a state folder or a team workspace's database URL."""
    store = source if isinstance(source, EmulatorStore) else EmulatorStore(source)
    try:
        day = day or store.now().date()
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        company = store.company["company_key"]
        stamp = day.strftime("%Y%m%d")
        current = folder / f"current_subscribers_{company}_{stamp}.txt"
        daily = folder / f"subscriptions_{company}_{stamp}.txt"
        current.write_text(current_subscribers(store, day), encoding="utf-8", newline="\n")
        daily.write_text(daily_subscriptions(store, day), encoding="utf-8", newline="\n")
        return [current, daily]
    finally:
        if store is not source:
            store.close()
