"""People CSV columns mapped by hand (the import wizard's mapping page): fields changed,
columns left out, custom fields named, and the mappings that cannot be imported refused
with a message naming the columns, opt-out columns never dropped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smsflow_desktop.services.importers import import_people_csv
from smsflow_desktop.services.importers.people_csv import inspect_people_csv
from smsflow_desktop.services.importers.people_mapping import (
    MappingError,
    layout_from_mapping,
    mapping_of,
    plan_with_mapping,
)
from smsflow_desktop.services.importers.people_rows import map_header
from smsflow_desktop.services.workspace import Workspace

HEADER = ["External ID", "Given", "Mobile Phone", "Phone", "Region", "Tier", "Opted Out"]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.open(tmp_path / "ws", create=True)


def people_file(path: Path) -> Path:
    path.write_text(
        ";".join(HEADER) + "\n" + "e1;Kim;(206) 555-0101;(206) 555-0199;WA;Gold;no\n"
        "e2;Bo;(206) 555-0102;;OR;Silver;yes\n",
        encoding="utf-8",
    )
    return path


def test_the_automatic_mapping_reads_back_as_itself() -> None:
    auto = map_header(HEADER)
    mapping = mapping_of(auto)
    assert mapping == {
        0: "external_id",
        1: "custom:Given",
        2: "phone",
        3: "custom:Phone",
        4: "custom:Region",
        5: "custom:Tier",
        6: "unsubscribed",
    }
    again = layout_from_mapping(HEADER, mapping)
    assert (again.columns, again.sources, again.phone_index, again.custom) == (
        auto.columns,
        auto.sources,
        auto.phone_index,
        auto.custom,
    )


def test_a_changed_mapping_is_what_gets_imported(ws: Workspace, tmp_path: Path) -> None:
    path = people_file(tmp_path / "people.csv")
    plan = inspect_people_csv(path)
    mapping = {1: "first_name", 3: "ignore", 4: "state", 5: "custom:Loyalty tier"}
    with ws.session() as conn:
        result = import_people_csv(conn, path, plan=plan_with_mapping(plan, HEADER, mapping))
        rows = conn.execute(
            "SELECT external_id, first_name, state, phone_e164, unsubscribed, custom_fields FROM people ORDER BY id"
        ).fetchall()
    assert result.imported == 2 and result.errors == []
    assert [tuple(r[:5]) for r in rows] == [
        ("e1", "Kim", "WA", "+12065550101", 0),
        ("e2", "Bo", "OR", "+12065550102", 1),
    ]
    assert json.loads(rows[0][5]) == {"Loyalty tier": "Gold"}  # the ignored phone column is nowhere


def test_the_other_phone_column_can_be_the_texting_number(ws: Workspace, tmp_path: Path) -> None:
    path = people_file(tmp_path / "people.csv")
    plan = plan_with_mapping(inspect_people_csv(path), HEADER, {2: "custom", 3: "phone"})
    with ws.session() as conn:
        result = import_people_csv(conn, path, plan=plan)
        rows = conn.execute("SELECT phone_e164, custom_fields FROM people ORDER BY id").fetchall()
    assert result.missing_phone == 1
    assert rows[0][0] == "+12065550199" and json.loads(rows[0][1])["Mobile Phone"] == "(206) 555-0101"


@pytest.mark.parametrize(
    "mapping, message",
    [
        ({2: "ignore"}, "no column is the mobile number"),
        ({3: "phone"}, "columns 'Mobile Phone' and 'Phone' are both the mobile number"),
        ({1: "first_name", 4: "first_name"}, "columns 'Given' and 'Region' both go to first_name"),
        ({6: "ignore"}, "column 'Opted Out' holds opt-outs (unsubscribed)"),
        ({6: "custom"}, "column 'Opted Out' holds opt-outs (unsubscribed)"),
        ({5: "shoe_size"}, "column 'Tier': 'shoe_size' is not a person field"),
    ],
)
def test_mappings_that_cannot_be_imported_are_refused_with_the_columns_named(mapping: dict, message: str) -> None:
    with pytest.raises(MappingError) as err:
        layout_from_mapping(HEADER, mapping)
    assert message in str(err.value)


def test_an_opt_out_column_may_become_another_flag_and_any_column_a_flag() -> None:
    layout = layout_from_mapping(HEADER, {6: "blocklisted", 5: "marketing_suspended"})
    assert layout.sources["blocklisted"] == 6 and layout.sources["marketing_suspended"] == 5
    assert "unsubscribed" not in layout.sources
    assert "the column 'Tier' is read as marketing_suspended" in layout.notes
