"""The test set-up keeps its promises to a newcomer running plain ``pytest`` in a lone clone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pytest_run(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "DOORSTATION_REQUIRE_TESTDATA")}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs", *args],
                          cwd=ROOT, capture_output=True, text=True, env={**clean, **env}, timeout=240)


def test_without_the_shared_testdata_its_tests_skip_saying_why_and_ci_fails_them(tmp_path):
    missing = tmp_path / "no-testdata"
    lone = pytest_run("tests/kiosk/test_scanning.py", "-k", "real_photos", DOORSTATION_TESTDATA=str(missing))
    assert lone.returncode == 0, lone.stdout + lone.stderr
    assert "skipped" in lone.stdout and "failed" not in lone.stdout
    assert f"needs {missing / 'barcode-photos'}: test data kept outside the repository" in lone.stdout

    ci = pytest_run("tests/kiosk/test_scanning.py", "-k", "real_photos", DOORSTATION_TESTDATA=str(missing),
                    DOORSTATION_REQUIRE_TESTDATA="1")
    assert ci.returncode == 1
    assert "DOORSTATION_REQUIRE_TESTDATA=1 requires it" in ci.stdout and "skipped" not in ci.stdout


def test_plain_pytest_without_a_display_runs_qt_offscreen():
    result = pytest_run("tests/kiosk/test_badge_photos.py", "-k", "sharp")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def _dev_sh_system_packages() -> list[str]:
    listing = subprocess.run(["bash", "-c", 'eval "$(sed -n "/^SYSTEM_PACKAGES=(/,/^)/p" packaging/dev.sh)"; '
                              'echo "${SYSTEM_PACKAGES[@]}"'], cwd=ROOT, capture_output=True, text=True, check=True)
    return listing.stdout.split()


@pytest.mark.skipif(shutil.which("dpkg") is None or shutil.which("apt-cache") is None, reason="not a Debian system")
def test_the_system_packages_dev_sh_installs_are_enough_for_playwrights_driver_on_a_minimal_debian():
    """On a fresh minimal Debian, `bash packaging/dev.sh test` installs SYSTEM_PACKAGES (and what they depend
    on) into a system that has only the required packages and apt. Each library that Playwright's driver
    (a node binary in the playwright wheel) links to must come from that set, or every browser test fails
    with "Connection closed while reading from the driver" (it once lacked libatomic1)."""
    from playwright._impl._driver import compute_driver_executable

    node, _ = compute_driver_executable()
    required = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Priority}\\n"], capture_output=True, text=True,
                              check=True).stdout
    base = [line.split()[0] for line in required.splitlines() if line.endswith(" required")]
    closure = set(subprocess.run(
        ["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts", "--no-breaks",
         "--no-replaces", "--no-enhances", *_dev_sh_system_packages(), "apt", *base],
        capture_output=True, text=True, check=True).stdout.split("\n"))
    linked = subprocess.run(["ldd", node], capture_output=True, text=True, check=True).stdout
    libraries = [line.split()[0] for line in linked.splitlines() if "=>" in line]
    assert libraries and "not found" not in linked, linked
    owners = {}
    for library in libraries:
        owner = subprocess.run(["dpkg", "-S", f"*/{library}"], capture_output=True, text=True, check=False).stdout
        owners[library] = owner.split(":")[0] if owner else None
    missing = {library: package for library, package in owners.items() if package not in closure}
    assert not missing, f"Playwright's driver needs {missing}, which packaging/dev.sh does not install"
