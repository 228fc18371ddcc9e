"""Debian's chromium driven by Playwright, one per test run, for every test that needs a browser.

Registered once, by the root conftest, so that the console's tests (tests/web) and the kiosk's tests
that start in the console (a walk-in sold, then printed at a kiosk) share it: two sync Playwright
instances cannot live in one process.

Without chromium, or where Playwright's driver (a node program it ships) cannot start, the browser tests
skip with the reason, unless DOORSTATION_REQUIRE_BROWSER=1 (CI): then the run stops once, with the
cause (a missing system library named), instead of failing every browser test with one traceback each.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("DOORSTATION_CHROMIUM", "/usr/bin/chromium"))
REQUIRE_BROWSER = os.environ.get("DOORSTATION_REQUIRE_BROWSER") == "1"


def _browser_unavailable(reason: str):
    if REQUIRE_BROWSER:
        pytest.fail(f"a browser is required (DOORSTATION_REQUIRE_BROWSER=1) but {reason}", pytrace=False)
    pytest.skip(reason)


def driver_problem() -> str | None:
    """Why Playwright's driver cannot start here (e.g. "libatomic.so.1: cannot open shared object file"), or None.

    The driver is a node binary inside the playwright wheel, linked against system libraries that a
    minimal Debian may lack; started without them, Playwright only says "Connection closed while
    reading from the driver".
    """
    from playwright._impl._driver import compute_driver_executable

    node, _ = compute_driver_executable()
    try:
        probe = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=60, check=False)
    except OSError as error:
        return f"Playwright's driver {node} does not start: {error}"
    if probe.returncode == 0:
        return None
    cause = (probe.stderr.strip().splitlines() or [f"exit {probe.returncode}"])[-1]
    return f"Playwright's driver does not start: {cause} (bash packaging/dev.sh setup installs what it needs)"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists() and shutil.which(str(CHROMIUM)) is None:
        _browser_unavailable(f"chromium not found at {CHROMIUM} (apt-get install chromium)")
    if problem := driver_problem():
        if REQUIRE_BROWSER:  # one message for the run, not one traceback per browser test
            pytest.exit(f"a browser is required (DOORSTATION_REQUIRE_BROWSER=1) but {problem}", returncode=1)
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield browser
        browser.close()
