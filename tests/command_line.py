"""The ``doorstation`` command run in the test process, as its console script would run it.

In-process is some seconds faster per call than a subprocess (no interpreter start, no imports);
tests/server/test_cli.py keeps one subprocess run of the installed command as the smoke test.
"""

from __future__ import annotations

from dataclasses import dataclass

from typer.testing import CliRunner

from doorstation.cli import app
from server.settings import get_settings


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_doorstation(*args: str, env: dict[str, str], expect: int | None = 0) -> Ran:
    """``doorstation *args`` with ``env`` added to the environment; asserts the exit status unless None."""
    get_settings.cache_clear()  # the settings are read once per process: here, once per command
    try:
        result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200", **env}, catch_exceptions=False)
    finally:
        get_settings.cache_clear()
    ran = Ran(result.exit_code, result.stdout, result.stderr)
    if expect is not None:
        assert ran.returncode == expect, ran.stdout + ran.stderr
    return ran
