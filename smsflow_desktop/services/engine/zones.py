"""Each number's time zones, looked up once with phonenumbers and kept in ``phone_time_zones``.

Resolving a number's zones costs tens of microseconds a number; a preview over half a
million recipients would spend seconds on it every time. The table remembers each answer:
``zone`` holds every zone phonenumbers gives the number, joined by a space
(:func:`services.phones.zones_text`; ``America/Halifax America/St_Johns`` for ``+1 709``), and
``data_version`` the tag of the phonenumbers version and form that gave it, so an upgrade of
its data, or a row kept when only the first zone was stored, is looked up again. Writing the
table is a cache fill: when the workspace cannot be written, the answers are still used,
just not kept.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable

from smsflow_desktop.services.phones import ZONE_DATA_VERSION, number_zones
from smsflow_desktop.services.workspace import transaction

log = logging.getLogger(__name__)
_CHUNK = 500


def ensure_number_zones(conn: sqlite3.Connection, numbers: Iterable[str]) -> dict[str, str]:
    """The zones text of each E.164 number, from the table or phonenumbers (then stored)."""
    wanted = sorted({n for n in numbers if n})
    found: dict[str, str] = {}
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i : i + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        found.update(
            conn.execute(
                f"SELECT mdn, zone FROM phone_time_zones WHERE data_version = ? AND mdn IN ({marks})",
                [ZONE_DATA_VERSION, *chunk],
            ).fetchall()
        )
    missing = [n for n in wanted if n not in found]
    if not missing:
        return found
    fresh = {n: number_zones(n) for n in missing}
    found.update(fresh)
    try:
        with transaction(conn):
            conn.executemany(
                "INSERT INTO phone_time_zones(mdn, zone, data_version) VALUES (?, ?, ?) "
                "ON CONFLICT(mdn) DO UPDATE SET zone = excluded.zone, data_version = excluded.data_version",
                [(n, z, ZONE_DATA_VERSION) for n, z in fresh.items()],
            )
    except sqlite3.Error as exc:
        log.warning("could not keep %d looked-up time zones: %s", len(fresh), exc)
    return found
