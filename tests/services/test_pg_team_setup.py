"""The team set-up of docs/team-workspace.md, on a real server: one group role owns the
workspace, each marketer logs in as themselves and works as the team in that database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from smsflow_desktop.services.campaign_versions import current_user
from tests.pg_server import PgServer

# The SQL of the guide's step 2, for two marketers and someone outside the team.
SETUP = [
    "CREATE ROLE {team} NOLOGIN",
    "CREATE DATABASE {db} OWNER {team} ENCODING 'UTF8'",
    "REVOKE ALL ON DATABASE {db} FROM PUBLIC",
    "CREATE ROLE {anna} LOGIN IN ROLE {team}",
    "ALTER ROLE {anna} IN DATABASE {db} SET role = '{team}'",
    "CREATE ROLE {bob} LOGIN IN ROLE {team}",
    "ALTER ROLE {bob} IN DATABASE {db} SET role = '{team}'",
    "CREATE ROLE {eve} LOGIN",
]
TEARDOWN = [
    "DROP DATABASE IF EXISTS {db} WITH (FORCE)",
    "DROP ROLE IF EXISTS {anna}",
    "DROP ROLE IF EXISTS {bob}",
    "DROP ROLE IF EXISTS {eve}",
    "DROP ROLE IF EXISTS {team}",
]


class _PgConn:
    """A psycopg connection that says it is a PostgreSQL workspace's (as the store's does)."""

    dialect = "postgresql"

    def __init__(self, conn: psycopg.Connection) -> None:
        self._conn = conn

    def execute(self, query: str, params: Any = None) -> Any:
        return self._conn.execute(query, params)


@pytest.fixture
def team(pg_server: PgServer) -> Iterator[dict[str, str]]:
    # The guide's names, made this file's own: roles belong to the whole server.
    names = {k: f"{k}_team_setup" for k in ("smsflow_team", "smsflow", "anna", "bob", "eve")}
    names["team"], names["db"] = names.pop("smsflow_team"), names.pop("smsflow")
    with pg_server.admin() as admin:
        for statement in SETUP:
            admin.execute(statement.format(**names))  # type: ignore[arg-type]
    try:
        yield names | {"url": pg_server.url(names["db"])}
    finally:
        with pg_server.admin() as admin:
            for statement in TEARDOWN:
                admin.execute(statement.format(**names))  # type: ignore[arg-type]


def _as(team: dict[str, str], who: str) -> psycopg.Connection:
    return psycopg.connect(team["url"].replace("postgresql://postgres@", f"postgresql://{team[who]}@"), autocommit=True)


def test_tables_one_marketer_makes_belong_to_the_team_and_the_next_may_change_them(team: dict[str, str]) -> None:
    with _as(team, "anna") as anna:
        anna.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        anna.execute("CREATE TABLE people (id bigint PRIMARY KEY, name text)")
        owner = anna.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'people'").fetchone()
    assert owner == (team["team"],)
    with _as(team, "bob") as bob:
        bob.execute("ALTER TABLE people ADD COLUMN email text")  # the next version's init
        bob.execute("INSERT INTO people VALUES (1, 'Ann', 'ann@example.com')")
        assert bob.execute("SELECT count(*) FROM people").fetchone() == (1,)


def test_someone_outside_the_team_cannot_connect(team: dict[str, str]) -> None:
    with pytest.raises(psycopg.OperationalError, match="CONNECT"):
        _as(team, "eve").close()


def test_a_saved_version_names_the_marketer_not_the_team(team: dict[str, str]) -> None:
    with _as(team, "anna") as anna:
        assert anna.execute("SELECT current_user").fetchone() == (team["team"],)
        assert current_user(_PgConn(anna)) == team["anna"]


def _url(team: dict[str, str], who: str) -> str:
    return team["url"].replace("postgresql://postgres@", f"postgresql://{team[who]}@")


def test_two_marketers_share_the_workspace_and_its_history_names_each(team: dict[str, str]) -> None:
    from smsflow_desktop.model.campaign import SmsMessage
    from smsflow_desktop.services.campaigns import save_message
    from smsflow_desktop.services.store.pg_workspace import close_pools
    from smsflow_desktop.services.workspace import Workspace

    try:
        anna = Workspace.open(_url(team, "anna"), create=True)  # anna runs init
        with anna.session() as conn:
            save_message(conn, SmsMessage(name="Hello", body="Hi! Reply STOP to opt out"))
            save_message(conn, SmsMessage(name="Hello", body="Hi there! Reply STOP to opt out"), base_version=1)
        bob = Workspace.open(_url(team, "bob"))  # bob opens it: nothing to define or migrate again
        with bob.session() as conn:
            save_message(conn, SmsMessage(name="Hello", body="Hey! Reply STOP to opt out"), base_version=2)
            rows = conn.execute("SELECT version, saved_by FROM message_versions ORDER BY version").fetchall()
    finally:
        close_pools()
    assert [tuple(r) for r in rows] == [(1, team["anna"]), (2, team["anna"]), (3, team["bob"])]


def test_a_role_that_may_only_read_and_write_rows_opens_the_workspace(
    team: dict[str, str], pg_server: PgServer
) -> None:
    """Opening writes no schema once the workspace is current: a role given only the rights to
    read and write rows (no ownership) opens it and works."""
    from smsflow_desktop.services.campaigns import list_campaigns
    from smsflow_desktop.services.store.pg_workspace import close_pools
    from smsflow_desktop.services.workspace import Workspace

    try:
        Workspace.open(_url(team, "anna"), create=True)
        with psycopg.connect(pg_server.url(team["db"]), autocommit=True) as admin:
            for statement in (
                "GRANT CONNECT ON DATABASE {db} TO {eve}",
                "GRANT USAGE ON SCHEMA public TO {eve}",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {eve}",
                "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {eve}",
            ):
                admin.execute(statement.format(**team))  # type: ignore[arg-type]
        eve = Workspace.open(_url(team, "eve"))
        with eve.session() as conn:
            assert list_campaigns(conn) == []
    finally:
        close_pools()
