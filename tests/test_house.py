"""The house rules that a checker holds, run with the suite so that CI fails when one breaks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from mypy.main import process_options
from mypy.options import PER_MODULE_OPTIONS

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.timeout(600)
def test_types_check():
    """`python -m mypy` as a developer runs it: the files and settings of pyproject.toml, 0 errors.

    The cache lives in the checkout's (git-ignored) .mypy_cache: a fresh clone checks everything
    (~45 s of CPU on the 2-core machine, minutes of wall time when it is busy: hence the longer
    timeout), a second run only what changed (~7 s)."""
    result = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(ROOT / ".mypy_cache")],
                            cwd=ROOT, capture_output=True, text=True, timeout=580)
    assert result.returncode == 0, f"mypy found errors:\n{result.stdout}{result.stderr}"
    assert "Success: no issues found" in result.stdout, result.stdout + result.stderr


def test_strict_settings_are_the_whole_of_mypy_strict_where_promised(tmp_path):
    """`strict = true` cannot be set per module (mypy applies it everywhere), so pyproject.toml
    lists the flags; a new mypy that adds one to --strict fails here until it is listed too."""
    bare = tmp_path / "bare.ini"
    bare.write_text("[mypy]\n")
    _, strict = process_options(["--config-file", str(bare), "--strict", "-c", "pass"])
    _, default = process_options(["--config-file", str(bare), "-c", "pass"])
    strict_flags = {flag: getattr(strict, flag) for flag in sorted(PER_MODULE_OPTIONS)
                    if getattr(strict, flag) != getattr(default, flag)}
    assert "disallow_untyped_defs" in strict_flags  # the comparison itself works

    _, ours = process_options(["--config-file", str(ROOT / "pyproject.toml")])
    ours.build_per_module_cache()
    for module in ("shared", "shared.protocol", "kiosk.core", "kiosk.core.sync_engine"):
        settings = ours.clone_for_module(module)
        assert {flag: getattr(settings, flag) for flag in strict_flags} == strict_flags, module
    for module in ("kiosk.ui.main_window", "server.app", "bench.sync"):  # the rest: mypy's defaults
        settings = ours.clone_for_module(module)
        assert not settings.disallow_untyped_defs and not settings.disallow_any_generics, module
