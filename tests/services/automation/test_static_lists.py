"""Static lists marketers make: names, members, imports into a list, renames campaigns follow."""

from __future__ import annotations

from pathlib import Path

import pytest

from smsflow_desktop.services.campaigns import load_campaign
from smsflow_desktop.services.importers import ImportFileError, import_people_csv
from smsflow_desktop.services.static_lists import (
    ListError,
    ListInUse,
    UnknownPeople,
    add_people,
    create_list,
    delete_list,
    list_static_lists,
    remove_people,
    rename_list,
)
from smsflow_desktop.services.workspace import Workspace, transaction
from tests.services.automation.helpers import campaign
from tests.services.engine.helpers import add_person, make_workspace, store

pytestmark = pytest.mark.usefixtures("store_kind")  # each test on a folder and on a database


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = make_workspace(tmp_path / "ws")
    with ws.session() as conn, transaction(conn):
        add_person(conn, 1, "+12124560001", email="ann@example.com")
        add_person(conn, 2, "+12124560002")
        add_person(conn, 3, "+12124560002")  # shares 2's number
    return ws


def members(ws: Workspace, name: str) -> list[int]:
    with ws.session() as conn:
        return [
            r[0]
            for r in conn.execute(
                "SELECT person_id FROM static_list_members m JOIN static_lists s ON s.id = m.list_id "
                "WHERE s.name = ? ORDER BY person_id",
                (name,),
            )
        ]


def test_names_are_checked_and_unique(ws: Workspace) -> None:
    with ws.session() as conn:
        assert create_list(conn, "  VIP  ") == "VIP"
        for bad in ("VIP", "", "a\nb", "x" * 201):
            with pytest.raises(ListError):
                create_list(conn, bad)
        assert list_static_lists(conn) == [{"name": "VIP", "members": 0}]


def test_people_by_external_id_id_number_or_email_and_nothing_changes_for_an_unknown_one(ws: Workspace) -> None:
    with ws.session() as conn:
        create_list(conn, "VIP")
        assert add_people(conn, "VIP", ["E1"]).changed == 1
        change = add_people(conn, "VIP", ["(212) 456-0002"], "phone")  # everyone with the number
        assert (change.changed, change.people) == (2, [2, 3])
        assert add_people(conn, "VIP", ["ANN@example.com"], "email").unchanged == 1
        assert add_people(conn, "VIP", ["3"], "id").unchanged == 1
        with pytest.raises(UnknownPeople) as err:
            remove_people(conn, "VIP", ["E1", "E404"])
        assert err.value.refs == ["E404"]
    assert members(ws, "VIP") == [1, 2, 3]
    with ws.session() as conn:
        assert remove_people(conn, "VIP", ["E1", "E1"]).changed == 1
    assert members(ws, "VIP") == [2, 3]


def test_an_import_into_a_list_adds_new_and_updated_people_in_the_same_transaction(
    ws: Workspace, tmp_path: Path
) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "external_id,first_name,phone\nE1,Ann,+12124560001\nN1,Bo,+12124560011\n,Cy,+12124560012\n", encoding="utf-8"
    )
    with ws.session() as conn:
        create_list(conn, "Spring")
        result = import_people_csv(conn, people, add_to_list="Spring")
        again = import_people_csv(conn, people, add_to_list="Spring")
        with pytest.raises(ImportFileError):
            import_people_csv(conn, people, add_to_list="Nope")
        count = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    assert (result.imported, result.updated, result.added_to_list) == (2, 1, 3)
    assert result.as_dict()["list"] == "Spring"
    assert again.added_to_list == 1  # only the new person without an external id
    assert count == 6  # the refused import added nobody
    assert len(members(ws, "Spring")) == 4


def test_a_rename_follows_into_campaigns_and_a_delete_in_use_is_refused(ws: Workspace) -> None:
    store(
        ws,
        campaign(
            "VIP hello",
            smart_list={
                "filters": [{"type": "member_of_list", "list": "VIP"}],
                "triggers": [{"type": "added_to_list", "list": "VIP"}],
            },
        ),
    )
    store(ws, campaign("Other"))
    with ws.session() as conn:
        create_list(conn, "VIP")
        add_people(conn, "VIP", ["E1"])
        assert rename_list(conn, "VIP", "Gold") == ["VIP hello"]
        moved = load_campaign(conn, "VIP hello")
        with pytest.raises(ListInUse) as err:
            delete_list(conn, "Gold")
        assert err.value.campaigns == ["VIP hello"]
        assert delete_list(conn, "Gold", force=True) == 1
        assert list_static_lists(conn) == []
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 3
    assert moved.smart_list.filters[0].list == "Gold"  # type: ignore[union-attr]
    assert moved.smart_list.triggers[0].list == "Gold"  # type: ignore[union-attr]
