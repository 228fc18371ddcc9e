"""The README's main command: a demo server in its own process and a kiosk paired to it.

The server runs as a separate process on purpose: stopping it (``kill -STOP``) is how a new user
"pulls the network" and watches the kiosk keep scanning, then catch up when it comes back.

The demo must talk to its own server and nothing else: a port that another program holds is
found before the server starts (and another one taken, or the user told), and the server is
recognised by the admin token the demo gave it, never by whatever answers on the port.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import segno

from server.db.engine import unit_of_work
from server.settings import get_settings

DEMO_PIN = "1234"
DEMO_STATION = "Main entrance"
DEMO_DATABASE = Path("doorstation-demo.sqlite3")  # these three, in the working directory, are the demo's state
DEMO_KIOSK_DIR = Path("doorstation-demo-kiosk")
DEMO_SERVER_LOG = Path("doorstation-demo-server.log")
DEMO_DATABASE_URL = f"sqlite:///{DEMO_DATABASE}"
DEFAULT_PORT = 8000
PORTS_TO_TRY = 20  # 8000, 8001, … when the default port is taken
# Migrations, imports, Qt for badges: seconds on a quiet machine, but a busy small one takes longer.
START_SECONDS = 90


class DemoRefused(Exception):
    """The demo cannot do what was asked; the message says why and what to do instead."""


class PortTaken(DemoRefused):
    """The port the demo server should listen on is held by another program."""


def port_is_free(port: int) -> bool:
    """Whether the server could listen on 127.0.0.1:``port`` (bound as uvicorn binds it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def who_answers(port: int) -> str:
    """A few words on the program holding ``port``, for the message that says it is taken."""
    try:
        response = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
    except httpx.HTTPError:
        return "a program that does not answer HTTP"
    if "server" in response.headers:
        return f"a web server that calls itself '{response.headers['server']}'"
    return "a web server"


def choose_port(requested: int | None) -> tuple[int, str | None]:
    """The port for the demo server, and a note when it is not the one the user expects.

    A port the user asked for is used or refused, never swapped; without ``--port`` the first free
    one from 8000 up is taken, and the note says so.
    """
    if requested is not None:
        if not port_is_free(requested):
            raise PortTaken(f"Port {requested} is already in use by {who_answers(requested)}. The demo does not "
                            f"talk to a server it did not start: stop that program, or run the demo "
                            f"again on another port: --port {requested + 1}.")
        return requested, None
    for port in range(DEFAULT_PORT, DEFAULT_PORT + PORTS_TO_TRY):
        if port_is_free(port):
            if port == DEFAULT_PORT:
                return port, None
            return port, (f"Port {DEFAULT_PORT} is already in use by {who_answers(DEFAULT_PORT)}, so the demo "
                          f"server listens on port {port} instead (choose one with --port).")
    raise PortTaken(f"Ports {DEFAULT_PORT}–{DEFAULT_PORT + PORTS_TO_TRY - 1} are all in use; choose a free one "
                    f"with --port.")


def answers_with_our_token(base_url: str, token: str) -> bool:
    """True only for the server we started: it refuses an admin call without our token and takes it with it."""
    probe = f"{base_url}/api/v1/admin/conferences/-/stats"  # no such conference: 404 once signed in
    try:
        without = httpx.get(probe, timeout=2).status_code
        with_token = httpx.get(probe, headers={"Authorization": f"Bearer {token}"}, timeout=2).status_code
    except httpx.HTTPError:
        return False
    return without == 401 and with_token != 401


# Run by the server's process before it becomes the server (execv keeps the process and the setting): on
# Linux the kernel sends it SIGTERM when the demo dies, however it dies (SIGKILL, a crash, the terminal
# closed), so no server is left orphaned on its port. (Not a preexec_fn: that is unsafe in a process with
# threads, which a caller of start_server_process may have.)
DIE_WITH_PARENT = ("import ctypes, os, signal, sys; ctypes.CDLL(None).prctl(1, signal.SIGTERM); "  # 1: PR_SET_PDEATHSIG
                   "os.getppid() == int(sys.argv[1]) or sys.exit('the demo ended before its server started'); "
                   "os.execv(sys.argv[2], sys.argv[2:])")


def _dying_with_this_process(command: list[str]) -> list[str]:
    if not sys.platform.startswith("linux"):
        return command
    return [sys.executable, "-c", DIE_WITH_PARENT, str(os.getpid()), *command]


def start_server_process(database_url: str, port: int, admin_token: str | None = None,
                         log: Path | None = None, workers: int = 1) -> subprocess.Popen:
    """Start ``doorstation server`` on 127.0.0.1:``port`` (``workers`` processes) and wait until it is up and is ours.

    Its log goes to ``log`` (or a temporary file): a pipe nobody reads would fill up and stall it.
    """
    token = admin_token or secrets.token_urlsafe(24)
    env = {**os.environ, "DATABASE_URL": database_url, "DOORSTATION_ADMIN_TOKEN": token}
    with log.open("ab+") if log else tempfile.TemporaryFile() as output:  # the server keeps its own handle
        start = output.seek(0, os.SEEK_END)
        command = [sys.executable, "-m", "doorstation", "server", "--host", "127.0.0.1", "--port", str(port),
                   "--workers", str(workers)]
        process = subprocess.Popen(_dying_with_this_process(command), env=env, stdout=output,
                                   stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if process.poll() is not None:
                output.seek(start)
                text = output.read().decode(errors="replace")
                if "address already in use" in text.lower():
                    raise PortTaken(f"Port {port} was taken by another program while the demo server started; "
                                    f"run the demo again (or choose a port with --port).")
                raise RuntimeError(f"The demo server did not start: {text[-500:]}")
            if answers_with_our_token(f"http://127.0.0.1:{port}", token):
                return process
            time.sleep(0.2)
    process.kill()
    process.wait()
    raise RuntimeError(f"The demo server did not answer on port {port} within {START_SECONDS} s.")


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def reset_demo(database_url: str) -> list[Path]:
    """Delete the demo's database, kiosk folder and server log, to start over; returns what was deleted.

    Only the demo's own SQLite file: a DATABASE_URL pointing elsewhere is never wiped.
    """
    if database_url != DEMO_DATABASE_URL:
        raise DemoRefused(f"--reset deletes only the demo's own database ({DEMO_DATABASE}); DATABASE_URL points at "
                         f"another one. Unset DATABASE_URL to use the demo's.")
    deleted = []
    for path in (DEMO_DATABASE, Path(f"{DEMO_DATABASE}-wal"), Path(f"{DEMO_DATABASE}-shm"), DEMO_SERVER_LOG):
        if path.exists():
            path.unlink()
            deleted.append(path)
    if DEMO_KIOSK_DIR.exists():
        shutil.rmtree(DEMO_KIOSK_DIR)
        deleted.append(DEMO_KIOSK_DIR)
    return deleted


def prepare_demo_kiosk(factory, server_url: str, data_dir: Path) -> None:
    """Pair the demo kiosk (once) and set it up as a check-in station with PIN 1234, in a window."""
    from kiosk.core import cache_key
    from kiosk.core.device import load_credentials, pair
    from kiosk.core.settings import KioskSettings, StationMode, load_settings, save_settings
    from server.conferences.service import get_conference
    from server.devices.service import create_device

    credentials = load_credentials(data_dir)
    if credentials is None or credentials.server_url != server_url:
        with unit_of_work(factory) as session:
            _device, code = create_device(session, get_conference(session, "demo"), name="Demo kiosk",
                                          station=DEMO_STATION)
        pair(server_url, code, data_dir)
    if load_settings(data_dir) is None:
        settings = KioskSettings(station_name=DEMO_STATION, mode=StationMode.CHECK_IN, kiosk_mode=False)
        save_settings(data_dir, settings.with_pin(DEMO_PIN))
        cache_key.protect_with_pin(data_dir, DEMO_PIN)  # without a key store, the PIN opens the cache after a restart


def write_demo_badges(factory, folder: Path) -> list[tuple[str, str, str, Path]]:
    """A signed badge QR image per order status, and one of someone already checked in, to type,
    hold to a camera or pass as --camera-file. Returns (code, name, what it shows, image)."""
    from server.conferences.service import get_conference
    from server.demo_data import badge_examples
    from shared.badge_codes import sign

    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):  # the examples change as people get checked in
        old.unlink()
    badges = []
    with unit_of_work(factory) as session:
        conference = get_conference(session, "demo")
        seen = set()
        for code, first, last, status, checked_in_at in badge_examples(session, conference.id):
            label = f"{status.value}, already checked in" if checked_in_at else status.value
            if label in seen or (checked_in_at and status.value != "paid"):
                continue
            seen.add(label)
            path = folder / f"{label.replace(', ', '-').replace(' ', '-')}-{code}.png"
            segno.make_qr(sign("demo", code, conference.badge_private_key)).save(str(path), scale=8, border=4)
            badges.append((code, f"{first} {last}", label, path))
    return badges


def _command() -> str:
    """How to type ``doorstation`` here: the virtual environment's script, relative when it can be."""
    script = Path(sys.executable).parent / "doorstation"
    if not script.exists():
        return "doorstation"
    try:
        return str(script.relative_to(Path.cwd()))
    except ValueError:
        return str(script)


def run_demo(console, session_factory, *, attendees: int, port: int | None, kiosk: bool, reset: bool) -> int:
    """Seed (once), start the server on a port of its own, open the kiosk; run until Ctrl+C."""
    from rich.table import Table

    from kiosk.ui.app import screen_available
    from server.conferences.repository import conference_by_slug
    from server.conferences.service import get_conference
    from server.demo_data import check_in_someone, seed_demo
    from server.users.service import seed_demo_admin

    url = get_settings().database_url
    port, note = choose_port(port)  # first: a refused port changes nothing
    if reset:
        deleted = reset_demo(url)
        console.print("Starting over: deleted " + (", ".join(map(str, deleted)) or "nothing (no demo yet)") + ".")
    factory = session_factory()
    with unit_of_work(factory) as session:
        seeded = conference_by_slug(session, "demo") is None
        if seeded:
            console.print(f"Seeding the demo conference with {attendees} attendees…")
            seed_demo(session, attendees=attendees)
    if seeded and DEMO_KIOSK_DIR.exists():
        shutil.rmtree(DEMO_KIOSK_DIR)  # paired with a conference that is gone
    with unit_of_work(factory) as session:
        check_in_someone(session, "demo")
        admin_email, admin_password = seed_demo_admin(session, get_conference(session, "demo"))
    kiosk_dir = DEMO_KIOSK_DIR.resolve()
    badges = write_demo_badges(factory, kiosk_dir / "badges")
    table = Table(title="Badges to try: type the code and press Enter quickly, or show the image to a camera")
    for column in ("access code", "name", "order status", "badge QR image"):
        table.add_column(column, overflow="fold")
    for code, name, label, path in badges:
        table.add_row(code, name, label, str(path.relative_to(Path.cwd())))
    console.print(table)
    if note:
        console.print(note)
    if kiosk and not screen_available():
        console.print("There is no screen here (no DISPLAY), so only the server runs. For the kiosk window too, "
                      "run this on a desktop, or: xvfb-run -a -s \"-screen 0 1280x1024x24\" bash packaging/dev.sh demo")
        kiosk = False
    chosen = get_settings().admin_token
    token = chosen.get_secret_value() if chosen else secrets.token_urlsafe(24)
    process = start_server_process(url, port, token, log=DEMO_SERVER_LOG)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops the demo and its server, as Ctrl+C does
    server_url = f"http://127.0.0.1:{port}"
    doorstation = _command()
    try:
        console.print(
            f"\nDemo server: {server_url} (process {process.pid}; API docs {server_url}/docs; log {DEMO_SERVER_LOG})\n"
            f"Web console: {server_url}/ — sign in as [bold]{admin_email}[/] with password [bold]{admin_password}[/] "
            f"(a new one each start; the owner of DoorCon 2026).\n"
            f"Automation: the admin HTTP routes take this bearer token:\n"
            f"    curl -H 'Authorization: Bearer {token}' {server_url}/api/v1/admin/conferences/demo/stats\n"
            f"  The command line needs neither: DATABASE_URL={url} {doorstation} devices list -c demo\n"
            f"Pull the network: kill -STOP {process.pid}; bring it back: kill -CONT {process.pid}.\n"
            f"Stop: Ctrl+C. Start over with a fresh conference: {doorstation} demo --reset"
        )
        if kiosk:
            from kiosk.ui.app import run_kiosk
            from kiosk.ui.main_window import KioskOptions

            prepare_demo_kiosk(factory, server_url, kiosk_dir)
            console.print(f"Kiosk: station '{DEMO_STATION}', operator PIN [bold]{DEMO_PIN}[/], data in "
                          f"{DEMO_KIOSK_DIR}/. Scan: type an access code and press Enter quickly (a USB scanner "
                          "does that), or search by name.")
            stopped_by: list[int] = []
            run_kiosk(KioskOptions(data_dir=kiosk_dir), stopped_by_signal=stopped_by.append)
            if stopped_by:  # Ctrl+C or `kill` while the kiosk ran: the kiosk stopped cleanly, now the server
                raise KeyboardInterrupt
            paid = next((path for _code, _name, label, path in badges if label == "paid"), badges[0][3])
            console.print(
                f"The kiosk is closed; the server keeps running. Open the kiosk again, e.g. with a badge image as "
                f"its camera:\n    {doorstation} kiosk --data-dir {DEMO_KIOSK_DIR} --camera-file "
                f"{paid.relative_to(Path.cwd())}")
        console.print("The demo server is running; Ctrl+C stops it.")
        status = process.wait()
        console.print(f"The demo server stopped by itself (exit status {status}); its log: {DEMO_SERVER_LOG}")
        return 1
    except KeyboardInterrupt:
        console.print("\nStopping the demo server. Run the demo again to carry on where you left off "
                      "(--reset to start over).")
        return 0
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
