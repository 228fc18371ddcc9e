"""The demo as a newcomer runs it (``doorstation demo --no-kiosk`` in a subprocess), on a machine where
another program already holds the port: the demo never talks to a server it did not start."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from doorstation.demo import DEFAULT_PORT, port_is_free, reset_demo
from tests.live_server import free_port
from tests.web.test_console_http import _sign_in

DEMO = [sys.executable, "-m", "doorstation", "demo", "--no-kiosk", "--attendees", "20"]


class Stranger:
    """Another program's web server on a port: it records every path it is asked for."""

    def __init__(self, port: int) -> None:
        paths = self.paths = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                paths.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"a stranger's page")

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()


@pytest.fixture
def demo_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DOORSTATION_ADMIN_TOKEN", "DISPLAY")}
    return {**env, "COLUMNS": "200"}


def test_a_port_asked_for_and_taken_is_refused_plainly_and_the_stranger_is_never_paired_with(tmp_path, demo_env):
    port = free_port()
    stranger = Stranger(port)
    try:
        result = subprocess.run([*DEMO, "--port", str(port)], cwd=tmp_path, env=demo_env, capture_output=True,
                                text=True, timeout=120)
    finally:
        stranger.close()
    assert result.returncode == 1
    said = " ".join((result.stdout + result.stderr).split())
    assert f"Port {port} is already in use by a web server that calls itself" in said, said
    assert f"run the demo again on another port: --port {port + 1}." in said
    assert not [p for p in stranger.paths if p.startswith("/api/")]  # asked who it is, nothing more
    assert not (tmp_path / "doorstation-demo.sqlite3").exists()  # refused before anything was written


def read_lines_into(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)


def wait_for_line(lines: queue.Queue, pattern: str, seen: list[str], timeout: float = 120) -> re.Match:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if match := re.search(pattern, line):
            return match
    raise AssertionError(f"no line matching {pattern!r} in:\n{''.join(seen)}")


def test_without_a_port_the_demo_takes_a_free_one_knows_its_own_server_and_stops_on_ctrl_c(tmp_path, demo_env):
    stranger = Stranger(DEFAULT_PORT) if port_is_free(DEFAULT_PORT) else None  # else someone holds it already
    demo = subprocess.Popen(DEMO, cwd=tmp_path, env=demo_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=read_lines_into, args=(demo.stdout, lines), daemon=True)
    reader.start()
    seen: list[str] = []
    try:
        port = int(wait_for_line(lines, rf"Port {DEFAULT_PORT} is already in use by .*, so the demo server "
                                        r"listens on port (\d+) instead", seen).group(1))
        assert wait_for_line(lines, r"Demo server: (\S+) \(process", seen).group(1) == f"http://127.0.0.1:{port}"
        console = wait_for_line(lines, r"Web console: (\S+) — sign in as (\S+) with password (\S+) ", seen)
        token = wait_for_line(lines, r"Authorization: Bearer (\S+)' ", seen).group(1)
        wait_for_line(lines, r"Ctrl\+C stops it", seen)
        with httpx.Client(base_url=console.group(1), timeout=10) as browser:  # the printed sign-in works
            assert _sign_in(browser, console.group(2), console.group(3)).status_code == 303
            assert "DoorCon 2026" in browser.get("/").text
        stats = httpx.get(f"http://127.0.0.1:{port}/api/v1/admin/conferences/demo/stats",
                          headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert stats.status_code == 200, stats.text
        assert stats.json()["name"] == "DoorCon 2026" and stats.json()["checked_in"] == 1
        assert any("paid, already checked in" in line for line in seen)  # its example badge is listed
        demo.send_signal(signal.SIGINT)  # Ctrl+C
        assert demo.wait(20) == 0
        wait_for_line(lines, r"Stopping the demo server", seen, timeout=5)
        assert port_is_free(port)  # the server went with it
    finally:
        if demo.poll() is None:
            demo.kill()
        demo.wait()
        reader.join(timeout=10)  # the pipe has ended (unless a server the demo started still holds it)
        if not reader.is_alive():
            demo.stdout.close()
        if stranger:
            stranger.close()
    if stranger:
        assert not [p for p in stranger.paths if p.startswith("/api/")]


def test_reset_deletes_the_demo_files_only(tmp_path, demo_env, monkeypatch):
    demo_env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'real.sqlite3'}"
    result = subprocess.run([*DEMO, "--reset", "--port", str(free_port())], cwd=tmp_path, env=demo_env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "--reset deletes only the demo's own database" in " ".join(result.stderr.split())
    monkeypatch.chdir(tmp_path)
    for name in ("doorstation-demo.sqlite3", "doorstation-demo.sqlite3-wal", "doorstation-demo-server.log",
                 "unrelated.txt"):
        Path(name).write_text("x")
    Path("doorstation-demo-kiosk/badges").mkdir(parents=True)
    reset_demo("sqlite:///doorstation-demo.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["unrelated.txt"]


def _server_pid_and_port(lines: queue.Queue, seen: list[str]) -> tuple[int, int]:
    match = wait_for_line(lines, r"Demo server: http://127.0.0.1:(\d+) \(process (\d+);", seen)
    return int(match.group(2)), int(match.group(1))


def _gone(pid: int) -> bool:
    """The process has ended (a zombie waiting for a parent that is gone counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_demo_kiosk_cleanly_and_its_server_with_it(tmp_path, demo_env, stop_signal):
    """`kill -TERM` of the running demo (what a shutdown sends) ends the kiosk as its Quit does, and the server."""
    command = [sys.executable, "-m", "doorstation", "demo", "--attendees", "20", "--port", str(free_port())]
    demo = subprocess.Popen(command, cwd=tmp_path, env={**demo_env, "QT_QPA_PLATFORM": "offscreen"},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=read_lines_into, args=(demo.stdout, lines), daemon=True)
    reader.start()
    seen: list[str] = []
    try:
        server_pid, port = _server_pid_and_port(lines, seen)
        wait_for_line(lines, r"Kiosk: station 'Main entrance'", seen)
        deadline = time.monotonic() + 60
        log = tmp_path / "doorstation-demo-kiosk" / "kiosk.log"
        while "Ready to scan" not in (log.read_text() if log.exists() else ""):
            assert time.monotonic() < deadline, "the demo's kiosk never became ready"
            time.sleep(0.2)
        demo.send_signal(stop_signal)
        assert demo.wait(30) == 0
        wait_for_line(lines, r"Stopping the demo server", seen, timeout=5)
        time.sleep(0.5)
        while not lines.empty():
            seen.append(lines.get())
        assert not [line for line in seen if "QThread" in line or "Traceback" in line], "".join(seen)
        assert f"Stopping on {stop_signal.name}" in log.read_text()
        assert _gone(server_pid) and port_is_free(port)
    finally:
        if demo.poll() is None:
            demo.kill()
        demo.wait()
        reader.join(timeout=10)
        demo.stdout.close()


def test_the_demo_server_dies_with_the_demo_even_when_the_demo_is_killed(tmp_path, demo_env):
    """A crash (here SIGKILL, which no handler sees) leaves no server orphaned on its port."""
    demo = subprocess.Popen([*DEMO, "--port", str(free_port())], cwd=tmp_path, env=demo_env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=read_lines_into, args=(demo.stdout, lines), daemon=True)
    reader.start()
    seen: list[str] = []
    server_pid = 0
    try:
        server_pid, port = _server_pid_and_port(lines, seen)
        wait_for_line(lines, r"Ctrl\+C stops it", seen)
        assert not _gone(server_pid) and not port_is_free(port)
        demo.send_signal(signal.SIGKILL)
        demo.wait(10)
        deadline = time.monotonic() + 20
        while not (_gone(server_pid) and port_is_free(port)):
            assert time.monotonic() < deadline, f"the demo's server (process {server_pid}) outlived the demo"
            time.sleep(0.2)
    finally:
        if demo.poll() is None:
            demo.kill()
        demo.wait()
        reader.join(timeout=10)
        demo.stdout.close()
        if server_pid and not _gone(server_pid):
            os.kill(server_pid, signal.SIGKILL)  # never leave it running, even when the test fails
