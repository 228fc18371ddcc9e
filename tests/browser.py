"""Debian's chromium driven by Playwright, one per test run, for every test that needs a browser.

Registered once, by the root conftest, so that the console's tests (tests/web) and the kiosk's tests
that start in the console (a walk-in sold, then printed at a kiosk) share it: two sync Playwright
instances cannot live in one process.

Without chromium the browser tests skip with the reason, unless DOORSTATION_REQUIRE_BROWSER=1 (CI),
which turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("DOORSTATION_CHROMIUM", "/usr/bin/chromium"))
REQUIRE_BROWSER = os.environ.get("DOORSTATION_REQUIRE_BROWSER") == "1"


def _browser_unavailable(reason: str):
    if REQUIRE_BROWSER:
        pytest.fail(f"a browser is required (DOORSTATION_REQUIRE_BROWSER=1) but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists() and shutil.which(str(CHROMIUM)) is None:
        _browser_unavailable(f"chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield browser
        browser.close()
