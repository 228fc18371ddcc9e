"""The test set-up keeps its promises to a newcomer running plain ``pytest`` in a lone clone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
