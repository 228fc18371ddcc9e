"""The commands that run something: the server, the demo, the kiosk, the hold release job."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from doorstation.commands.common import console, fail, session_factory
from server.db.engine import unit_of_work
from server.settings import get_settings


def server(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (use PostgreSQL for more than one).")] = 1,
) -> None:
    """Run the sync server (SQLite file by default; DATABASE_URL for PostgreSQL). Migrations run first."""
    import sys

    from server.db.migrate import upgrade_to_head

    settings = get_settings()
    if settings.admin_token is None:
        # Every worker reads the same environment, so they all take the same token; one made up
        # here would differ per worker (and be lost on restart).
        raise fail("Set DOORSTATION_ADMIN_TOKEN (the admin HTTP routes' bearer token) first, e.g.\n"
                   "    export DOORSTATION_ADMIN_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')\n"
                   "(packaging/server/doorstation.env.example lists every setting; `doorstation demo` makes its own).")
    upgrade_to_head(settings.database_url)
    console.print(f"Database: {settings.database_url.split('@')[-1]}")
    # The server runs in a fresh interpreter in this same process (same pid, for systemd and the demo):
    # this one holds the command line's own modules (typer, rich, every command group, alembic and the
    # migrations), ~25 MB that a worker never uses (a worker's peak is held to 120 MB).
    serve = (f"import uvicorn; uvicorn.run('doorstation.server_app:create_app', factory=True, host={host!r}, "
             f"port={port!r}, workers={workers!r}, log_level='info', proxy_headers=True)")
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, "-c", serve])


def demo(
    attendees: Annotated[int, typer.Option(help="Attendees in the demo conference.")] = 500,
    port: Annotated[Optional[int], typer.Option(
        help="Port for the server; without it the first free one from 8000 up.")] = None,
    kiosk: Annotated[bool, typer.Option(help="Open a kiosk paired to the demo server (--no-kiosk: server only).")] = True,
    reset: Annotated[bool, typer.Option(
        help="Start over: delete the demo's database and kiosk data first.")] = False,
) -> None:
    """Seed a demo conference (once) into ./doorstation-demo.sqlite3, run its server and open a kiosk on it.

    The server keeps running after the kiosk window closes, until Ctrl+C.
    """
    from doorstation.demo import DEMO_DATABASE_URL, DemoRefused, run_demo

    os.environ.setdefault("DATABASE_URL", DEMO_DATABASE_URL)
    get_settings.cache_clear()  # read again, with the demo's database
    try:
        code = run_demo(console, session_factory, attendees=attendees, port=port, kiosk=kiosk, reset=reset)
    except DemoRefused as error:
        raise fail(str(error)) from None
    raise typer.Exit(code)


def demo_data(
    attendees: Annotated[int, typer.Option(help="How many attendees (orders in every status).")] = 10_000,
    slug: Annotated[str, typer.Option(help="Slug of the demo conference to create.")] = "demo",
) -> None:
    """Create a realistic demo conference: ticket types, meals, tutorials, sponsors, vouchers, attendees."""
    from server.demo_data import seed_demo

    if attendees < 0:
        raise fail("--attendees cannot be negative")
    started = time.perf_counter()
    with unit_of_work(session_factory()) as session:
        seed_demo(session, slug=slug, attendees=attendees)
    console.print(f"Created conference [bold]{slug}[/] with {attendees} attendees in {time.perf_counter() - started:.1f} s.")


def release_holds() -> None:
    """Cancel pending orders whose 15-minute hold has expired (the server also does this every 30 s)."""
    from server.orders.holds import release_expired_holds

    with unit_of_work(session_factory()) as session:
        console.print(f"Released {release_expired_holds(session)} expired holds.")


def kiosk(
    data_dir: Annotated[Path | None, typer.Option(help="Where the kiosk keeps its cache and settings "
                                                        "(default: the platform's data folder).")] = None,
    server_url: Annotated[str, typer.Option(help="Pair with this server first (with --pairing-code).")] = "",
    pairing_code: Annotated[str, typer.Option(help="One-time code from `doorstation devices add`.")] = "",
    camera_file: Annotated[list[Path] | None, typer.Option(help="Use image files as the camera (repeatable).")] = None,
    decoder: Annotated[str | None, typer.Option(help="Barcode decoder: zxing-cpp (default), pyzbar or opencv.")] = None,
    windowed: Annotated[bool, typer.Option(help="Stay in a window even if the station is in kiosk mode.")] = False,
) -> None:
    """Open the check-in kiosk (pairs on first run, then scans with a barcode scanner, camera or search)."""
    from kiosk.__main__ import main as kiosk_main

    argv = ["--data-dir", str(data_dir or _kiosk_data_dir())]
    if server_url or pairing_code:
        argv += ["--server-url", server_url, "--pairing-code", pairing_code]
    for path in camera_file or []:
        argv += ["--camera-file", str(path)]
    if decoder:
        argv += ["--decoder", decoder]
    if windowed:
        argv.append("--windowed")
    raise typer.Exit(kiosk_main(argv))


def _kiosk_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("doorstation-kiosk", appauthor=False))
