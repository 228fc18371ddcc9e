"""``doorstation users`` (typer's CliRunner on ``users_app``) and the demo's owner, then signing in with them."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from doorstation.commands.users import users_app
from server.db.engine import make_engine, unit_of_work
from server.wiring import make_session_factory
from server.db.migrate import upgrade_to_head
from server.settings import get_settings
from server.users.models import Membership, Role, User
from server.users.service import seed_demo_admin
from tests.factories import make_conference
from tests.live_server import live_server
from tests.web.conftest import http_sign_in

SESSION_COOKIE = "doorstation_session"

runner = CliRunner()


@pytest.fixture
def database(empty_database_url, monkeypatch):
    """A migrated database with conferences ``pycon`` and ``djangocon``, named by DATABASE_URL for the commands."""
    monkeypatch.setenv("DATABASE_URL", empty_database_url)
    upgrade_to_head(empty_database_url)
    engine = make_engine(empty_database_url)
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        make_conference(session, slug="pycon", name="PyCon Test")
        make_conference(session, slug="djangocon", name="DjangoCon Test")
    yield empty_database_url, factory
    engine.dispose()


def users(*args: str, input: str | None = None, expect: int = 0):
    get_settings.cache_clear()  # a command reads the settings once per process: here, once per command
    result = runner.invoke(users_app, list(args), input=input, env={"COLUMNS": "200"})
    assert result.exit_code == expect, result.output
    return result


def test_a_user_added_on_the_command_line_signs_in_to_their_conference(database):
    url, _ = database
    users("add", "Ada@Example.org", "--name", "Ada Lovelace", "-c", "pycon", "--role", "organizer",
          input="analytical engine\nanalytical engine\n")
    with live_server(url) as base_url, httpx.Client(base_url=base_url) as client:
        assert http_sign_in(client, "ada@example.org", "analytical engine").status_code == 303
        home = client.get("/")
        assert "PyCon Test" in home.text and "DjangoCon" not in home.text

    listing = users("list").output
    assert "ada@example.org" in listing and "Ada Lovelace" in listing and "pycon: organizer" in listing


def test_password_from_standard_input_set_role_and_disable(database):
    url, factory = database
    users("add", "grace@example.org", "--name", "Grace Hopper", "-c", "pycon", "--role", "viewer",
          "--password-stdin", input="compiler-first\n")
    result = users("set-role", "grace@example.org", "-c", "djangocon", "--role", "door_lead")
    assert "grace@example.org is now door lead of djangocon" in result.output
    users("set-role", "grace@example.org", "-c", "pycon", "--remove")
    with factory() as session:
        roles = {m.conference.slug: m.role for m in session.scalars(select(Membership))}
    assert roles == {"djangocon": Role.DOOR_LEAD}

    with live_server(url) as base_url, httpx.Client(base_url=base_url) as client:
        assert http_sign_in(client, "grace@example.org", "compiler-first").status_code == 303
        users("disable", "grace@example.org")
        assert client.get("/").status_code == 303  # signed out at once
        assert http_sign_in(client, "grace@example.org", "compiler-first").status_code == 401
    assert "disabled" in users("list").output


def test_bad_input_is_one_clear_line_and_writes_nothing(database):
    _, factory = database
    assert "at least 10 characters" in users("add", "a@example.org", "--name", "A", "-c", "pycon", "--role",
                                             "owner", "--password-stdin", input="short\n", expect=1).output
    assert "No conference with slug 'nope'" in users("add", "a@example.org", "--name", "A", "-c", "nope", "--role",
                                                     "owner", "--password-stdin", input="long enough pw\n",
                                                     expect=1).output
    assert "not an email address" in users("add", "not-an-email", "--name", "A", "-c", "pycon", "--role", "owner",
                                           "--password-stdin", input="long enough pw\n", expect=1).output
    users("add", "b@example.org", "--role", "chief", "--name", "B", "-c", "pycon", "--password-stdin",
          input="long enough pw\n", expect=2)  # typer lists the roles
    users("add", "a@example.org", "--name", "A", "-c", "pycon", "--role", "owner", "--password-stdin",
          input="long enough pw\n")
    assert "already exists" in users("add", "A@example.org", "--name", "A", "-c", "pycon", "--role", "owner",
                                     "--password-stdin", input="long enough pw\n", expect=1).output
    assert "No user with email 'x@example.org'" in users("disable", "x@example.org", expect=1).output
    assert "either --role ROLE or --remove" in users("set-role", "a@example.org", "-c", "pycon", expect=1).output
    with factory() as session:
        assert [u.email for u in session.scalars(select(User))] == ["a@example.org"]


def test_the_demo_owner_signs_in_and_a_second_run_gives_a_new_password(database):
    url, factory = database
    with unit_of_work(factory) as session:
        from server.conferences.service import get_conference

        email, first_password = seed_demo_admin(session, get_conference(session, "pycon"))
    with unit_of_work(factory) as session:
        email_again, second_password = seed_demo_admin(session, get_conference(session, "pycon"))
    assert email_again == email and second_password != first_password
    with live_server(url) as base_url, httpx.Client(base_url=base_url) as client:
        assert http_sign_in(client, email, first_password).status_code == 401
        response = http_sign_in(client, email, second_password)
        assert response.status_code == 303 and SESSION_COOKIE in response.cookies
        assert "your role: owner" in client.get("/").text
