"""One phonenumbers pass gives exactly what is_valid_number and time_zones_for_number give."""

from __future__ import annotations

from pathlib import Path

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import timezone as pn_timezone

from smsflow_desktop.services.importers.people_csv import import_people_csv
from smsflow_desktop.services.phones import ZONE_DATA_VERSION, normalise, number_facts
from smsflow_desktop.services.workspace import Workspace

digits = st.text(alphabet="0123456789", min_size=5, max_size=13)


@settings(max_examples=400, deadline=None)
@given(
    prefix=st.sampled_from(["", "+1", "+46", "+44", "+49", "+61", "+91", "+52", "0", "00"]),
    body=digits,
    region=st.sampled_from(["US", "CA", "SE", "GB", "DE", "AU", "IN", "MX"]),
)
def test_number_facts_agree_with_phonenumbers(prefix: str, body: str, region: str) -> None:
    try:
        number = phonenumbers.parse(prefix + body, region)
    except phonenumbers.NumberParseException:
        return
    valid, zones = number_facts(number)
    assert valid == phonenumbers.is_valid_number(number)
    if valid:
        assert zones == tuple(pn_timezone.time_zones_for_number(number))


def test_known_numbers() -> None:
    assert normalise("123", "US") is None
    assert normalise("212-736-5000", "US") == ("+12127365000", "America/New_York")
    assert normalise("070-123 45 67", "SE") == ("+46701234567", "Europe/Stockholm")


def test_import_records_each_numbers_zone(tmp_path: Path) -> None:
    csv = tmp_path / "people.csv"
    csv.write_text("external_id,phone,country\n1,212-736-5000,US\n2,+46 70 123 45 67,\n3,nope,US\n", encoding="utf-8")
    ws = Workspace.open(tmp_path / "ws", create=True)
    with ws.session() as conn:
        import_people_csv(conn, csv, default_region="US")
        rows = conn.execute("SELECT mdn, zone, data_version FROM phone_time_zones ORDER BY mdn").fetchall()
    assert [tuple(r) for r in rows] == [
        ("+12127365000", "America/New_York", ZONE_DATA_VERSION),
        ("+46701234567", "Europe/Stockholm", ZONE_DATA_VERSION),
    ]
