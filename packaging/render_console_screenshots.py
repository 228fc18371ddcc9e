"""Render the web console's pages to docs/screenshots/console-*.png (for the README), in Debian's chromium.

    .venv/bin/python packaging/render_console_screenshots.py

A real server over a fresh SQLite file seeded with the demo conference, an owner of it signed in
through the form. Each page at a laptop's size (1280×800) and, where it says so, at a tablet's
(768×1024, held upright). Add a page to PAGES to have it rendered too.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from console_screenshots import (
    LAPTOP,
    TABLET,
    chromium,
    demo_database,
    new_page,
    save,
    sign_in,
    signed_in_page,
)

from server.conferences.service import create_conference
from server.db.engine import unit_of_work
from server.users.models import Role
from server.users.service import get_user, set_role
from tests.live_server import live_server

# (file name, signed in?, what to do on the page, sizes)
PAGES = [
    ("console-sign-in", False, lambda page, *_: page.goto("/sign-in"), (LAPTOP, TABLET)),
    ("console-sign-in-wrong-password", False, lambda page, email, _pw: sign_in(page, email, "not the password"),
     (LAPTOP,)),
    ("console-conferences", True, lambda page, *_: page.goto("/"), (LAPTOP, TABLET)),
    ("console-not-found", True, lambda page, *_: page.goto("/conferences/someone-elses/dashboard"), (LAPTOP,)),
]


def main() -> None:
    with demo_database(attendees=50) as demo:
        with unit_of_work(demo.sessions) as session:
            # A second conference where the owner only looks on, so that the list shows two roles.
            workshop = create_conference(session, slug="doorcon-workshops", name="DoorCon Workshops 2026")
            set_role(session, get_user(session, demo.email), workshop, Role.VIEWER)
        with live_server(demo.url) as base_url, chromium() as browser:
            for name, signed_in, show, sizes in PAGES:
                for size in sizes:
                    page = signed_in_page(browser, base_url, demo, size) if signed_in else new_page(browser, base_url, size)
                    show(page, demo.email, demo.password)
                    save(page, name if size is LAPTOP else f"{name}-tablet")
                    page.context.close()


if __name__ == "__main__":
    main()
