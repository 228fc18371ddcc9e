"""The setting the web console's screenshot scripts (packaging/render_*_screenshots.py) share: a fresh
SQLite database with the demo conference and its owner, Debian's chromium, signing in through the
form, and saving a page to docs/screenshots/. Each script keeps its own scenario: what else it seeds,
which pages it opens, what it clicks there.

Imported by those scripts as a sibling module (they run as `.venv/bin/python packaging/render_….py`,
which puts packaging/ first on sys.path); they put the repository's root on sys.path before importing
it, for `server` and `tests`. It cannot be imported as `packaging.console_screenshots`: PyPI's
`packaging` in the venv is a regular package, and it wins over this folder.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright
from sqlalchemy.orm import Session, sessionmaker

from server.db.engine import make_engine, unit_of_work
from server.wiring import make_session_factory
from server.db.migrate import upgrade_to_head
from server.demo_data import seed_demo
from server.users.service import seed_demo_admin

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
LAPTOP: ViewportSize = {"width": 1280, "height": 800}
TABLET: ViewportSize = {"width": 768, "height": 1024}  # held upright


@dataclass(frozen=True)
class DemoDatabase:
    folder: Path  # the temporary folder the database is in, for whatever else a scenario keeps on disk
    url: str
    sessions: sessionmaker[Session]  # for the scenario's own seeding, before or while the server runs
    slug: str  # the demo conference's
    email: str  # its owner's sign-in
    password: str


@contextmanager
def demo_database(attendees: int) -> Iterator[DemoDatabase]:
    """A migrated SQLite file with the demo conference (``attendees`` ticket holders) and an owner of it,
    committed, so that a server started on ``url`` sees them; the folder is removed on exit."""
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        url = f"sqlite:///{folder / 'console.sqlite3'}"
        upgrade_to_head(url)
        engine = make_engine(url)
        sessions = make_session_factory(engine)
        with unit_of_work(sessions) as session:
            conference = seed_demo(session, attendees=attendees)
            email, password = seed_demo_admin(session, conference)
            slug = conference.slug
        try:
            yield DemoDatabase(folder, url, sessions, slug, email, password)
        finally:
            engine.dispose()  # before the folder goes: no connection left open on the file


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's chromium (the one the browser tests use), not a browser Playwright downloads."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Browser, base_url: str, size: ViewportSize = LAPTOP) -> Page:
    """A page in a context of its own (its own cookies: signed out), ``size`` wide and high;
    ``page.context.close()`` or closing the browser ends it."""
    return browser.new_context(base_url=base_url, viewport=size).new_page()


def sign_in(page: Page, email: str, password: str) -> None:
    """Through the form, as a person would: the session cookie is the one the console sets."""
    page.goto("/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def signed_in_page(browser: Browser, base_url: str, demo: DemoDatabase, size: ViewportSize = LAPTOP) -> Page:
    """A new page with the demo's owner signed in; stops the script if the form did not let them in,
    rather than saving the sign-in page under every other page's name."""
    page = new_page(browser, base_url, size)
    sign_in(page, demo.email, demo.password)
    if page.url.rstrip("/") != base_url:
        raise RuntimeError(f"signing in as {demo.email} did not land on the conference list: {page.url}")
    return page


def save(page: Page, name: str) -> Path:
    """The whole page (not only what fits the window) to docs/screenshots/``name``.png, once the
    network has been quiet for half a second, so that the page's own requests (the dashboard's live
    fragment) have answered."""
    OUT.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state("networkidle")
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(path)
    return path
