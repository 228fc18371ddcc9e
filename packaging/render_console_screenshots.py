"""Render the web console's pages to docs/screenshots/console-*.png (for the README), in Debian's chromium.

    .venv/bin/python packaging/render_console_screenshots.py

A real server over a fresh SQLite file seeded with the demo conference, an owner of it signed in
through the form. Each page at a laptop's size (1280×800) and, where it says so, at a tablet's
(768×1024, held upright). Add a page to PAGES to have it rendered too.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from server.conferences.service import create_conference, get_conference  # noqa: E402
from server.db.engine import make_engine, make_session_factory, unit_of_work  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.demo_data import seed_demo  # noqa: E402
from server.users.models import Role  # noqa: E402
from server.users.service import get_user, seed_demo_admin, set_role  # noqa: E402
from tests.live_server import live_server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
LAPTOP = {"width": 1280, "height": 800}
TABLET = {"width": 768, "height": 1024}


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


# (file name, signed in?, what to do on the page, sizes)
PAGES = [
    ("console-sign-in", False, lambda page, *_: page.goto("/sign-in"), (LAPTOP, TABLET)),
    ("console-sign-in-wrong-password", False, lambda page, email, _pw: sign_in(page, email, "not the password"),
     (LAPTOP,)),
    ("console-conferences", True, lambda page, *_: page.goto("/"), (LAPTOP, TABLET)),
    ("console-not-found", True, lambda page, *_: page.goto("/conferences/someone-elses/dashboard"), (LAPTOP,)),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'console.sqlite3'}"
        upgrade_to_head(url)
        engine = make_engine(url)
        with unit_of_work(make_session_factory(engine)) as session:
            conference = seed_demo(session, attendees=50)
            email, password = seed_demo_admin(session, get_conference(session, conference.slug))
            # A second conference where the owner only looks on, so that the list shows two roles.
            workshop = create_conference(session, slug="doorcon-workshops", name="DoorCon Workshops 2026")
            set_role(session, get_user(session, email), workshop, Role.VIEWER)
        engine.dispose()
        with live_server(url) as base_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
            for name, signed_in, show, sizes in PAGES:
                for size in sizes:
                    context = browser.new_context(base_url=base_url, viewport=size)
                    page = context.new_page()
                    if signed_in:
                        sign_in(page, email, password)
                    show(page, email, password)
                    page.wait_for_load_state("networkidle")
                    suffix = "" if size is LAPTOP else "-tablet"
                    path = OUT / f"{name}{suffix}.png"
                    page.screenshot(path=str(path), full_page=True)
                    print(path)
                    context.close()
            browser.close()


if __name__ == "__main__":
    main()
