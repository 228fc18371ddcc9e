"""The web console as a user meets it: a real uvicorn over a seeded database, and Debian's chromium.

Fixtures (every console test may use them):

- ``console_server``: a live server (``tests.live_server``) on SQLite and on PostgreSQL, with two
  conferences, ``CONFERENCE_A`` ("pycon") and ``CONFERENCE_B`` ("djangocon"), each with a ticket type
  and a few paid attendees. ``console_server.session_factory`` arranges and checks more.
- ``make_console_user(role, conference=CONFERENCE_A, *, email=None, password=None)`` → ``Credentials``:
  a user holding ``role`` in ``conference`` (``None`` for no role anywhere).
- ``browser``: chromium (``/usr/bin/chromium``, headless), once per test run (tests/browser.py); ``new_page(**options)``
  opens a page in a fresh context (options go to ``browser.new_context``, e.g. ``java_script_enabled=False``);
  ``page`` is one such page.
- ``signed_in_page(role, conference=CONFERENCE_A)`` → a fresh page signed in through the form, on the
  conference list; ``page.credentials`` is the user it signed in as.
- ``signed_in_client(role, conference=CONFERENCE_A)`` → an ``httpx.Client`` signed in through the same
  form (for downloads and status codes); ``form_token(html)`` reads a page's CSRF token for a POST;
  ``http_sign_in(client, email, password)`` signs a client in.

Without chromium the browser tests skip with the reason, unless DOORSTATION_REQUIRE_BROWSER=1 (CI),
which turns the skip into a failure.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy.orm import Session, sessionmaker

from server.conferences.models import Conference
from server.conferences.service import get_conference
from server.db.engine import unit_of_work
from server.users.models import Role
from server.users.service import add_user
from tests.browser import CHROMIUM, REQUIRE_BROWSER  # noqa: F401 (named here before)
from tests.factories import make_attendee, make_conference, make_ticket_type
from tests.live_server import live_server

CONFERENCE_A = "pycon"
CONFERENCE_B = "djangocon"
PASSWORD = "correct horse battery"

_numbers = itertools.count(1)


@dataclass(frozen=True)
class Credentials:
    email: str
    password: str
    name: str


@dataclass(frozen=True)
class ConsoleServer:
    base_url: str
    session_factory: sessionmaker[Session]

    def url(self, path: str) -> str:
        return self.base_url + path

    def conference(self, session: Session, slug: str = CONFERENCE_A) -> Conference:
        return get_conference(session, slug)


def seed_conferences(session: Session) -> None:
    """Two conferences with something in each, so that a page leaking one into the other shows it."""
    for slug, name, people in ((CONFERENCE_A, "PyCon Test", ("Ada Lovelace", "Grace Hopper")),
                               (CONFERENCE_B, "DjangoCon Test", ("Alan Turing", "Edsger Dijkstra"))):
        conference = make_conference(session, slug=slug, name=name, total_capacity=100)
        ticket_type = make_ticket_type(session, conference, name="Standard", slug="standard")
        for person in people:
            first, last = person.split(" ", 1)
            make_attendee(session, conference, first_name=first, last_name=last, ticket_type=ticket_type)


@pytest.fixture
def console_server(database_url, session_factory) -> Iterator[ConsoleServer]:
    with unit_of_work(session_factory) as session:
        seed_conferences(session)
    with live_server(database_url) as base_url:
        yield ConsoleServer(base_url=base_url, session_factory=session_factory)


@pytest.fixture
def make_console_user(console_server) -> Callable[..., Credentials]:
    def make(role: Role | str | None, conference: str | None = CONFERENCE_A, *, email: str | None = None,
             password: str = PASSWORD, name: str | None = None) -> Credentials:
        number = next(_numbers)
        role_name = Role(role).value if role is not None else "nobody"
        email = email or f"{role_name}-{number}@example.org"
        name = name or f"{role_name.replace('_', ' ').title()} {number}"
        with unit_of_work(console_server.session_factory) as session:
            add_user(session, email=email, display_name=name, password=password,
                     conference=get_conference(session, conference) if conference and role else None,
                     role=role)
        return Credentials(email=email, password=password, name=name)

    return make


# The browser (``browser``: tests/browser.py, registered by the root conftest) ----------------------------

@pytest.fixture
def new_page(browser, console_server):
    """Open a page in a fresh browser context (no cookies), relative URLs on the console server."""
    contexts = []

    def open_page(**options):
        options.setdefault("base_url", console_server.base_url)
        options.setdefault("viewport", {"width": 1280, "height": 800})
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def sign_in(page, credentials: Credentials, *, path: str = "/sign-in") -> None:
    """Fill the sign-in form as a person would, and submit it with the button."""
    page.goto(path)
    page.get_by_label("Email").fill(credentials.email)
    page.get_by_label("Password").fill(credentials.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def form_token(html: str) -> str:
    """The CSRF token of the first form on a page (every POST form carries it as ``csrf_token``)."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no form with a CSRF token on this page"
    return match.group(1)


def http_sign_in(client: httpx.Client, email: str, password: str, *, headers: dict | None = None,
                 next_path: str = "/") -> httpx.Response:
    """Sign in through the form over HTTP: the form's page (and its cookie), then the POST."""
    form = client.get("/sign-in", headers=headers)
    return client.post("/sign-in", headers=headers, data={"email": email, "password": password,
                                                          "next": next_path, "csrf_token": form_token(form.text)})


@pytest.fixture
def signed_in_client(console_server, make_console_user):
    clients: list[httpx.Client] = []

    def open_signed_in(role: Role | str | None, conference: str | None = CONFERENCE_A) -> httpx.Client:
        credentials = make_console_user(role, conference)
        client = httpx.Client(base_url=console_server.base_url, timeout=30)
        clients.append(client)
        response = http_sign_in(client, credentials.email, credentials.password)
        assert response.status_code == 303, response.text[:300]
        client.credentials = credentials  # type: ignore[attr-defined]
        return client

    yield open_signed_in
    for client in clients:
        client.close()


@pytest.fixture
def signed_in_page(new_page, make_console_user):
    def open_signed_in(role: Role | str | None, conference: str | None = CONFERENCE_A, **page_options):
        credentials = make_console_user(role, conference)
        page = new_page(**page_options)
        sign_in(page, credentials)
        assert page.url.endswith("/"), f"sign-in did not land on the conference list: {page.url}"
        page.credentials = credentials
        return page

    return open_signed_in


@pytest.fixture(autouse=True)
def paired_kiosks_closed():
    yield
    from tests.web.door_devices import close_paired_kiosks

    close_paired_kiosks()
