"""A kiosk whose sync goes wrong says so in words, keeps every scan and recovers by itself.

Real uvicorn on 127.0.0.1; what else answers on the server's address is a real HTTP server too: a
captive portal (HTML with 200), or a Doorstation server on another database (401).
"""

from __future__ import annotations

import contextlib
import http.server
import json
import threading

import httpx
from sqlalchemy import func, select

from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.station import Station
from server.checkin.models import CheckIn
from server.db.migrate import upgrade_to_head
from tests.kiosk.test_sync_end_to_end import Kiosk, close_kiosks, server, world  # noqa: F401 (fixtures)
from tests.live_server import live_server


class CaptivePortal(http.server.BaseHTTPRequestHandler):
    def _portal(self) -> None:
        body = b"<html><body><h1>Welcome to Venue Wi-Fi</h1>Accept the terms to continue.</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _portal

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def captive_portal(port: int):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), CaptivePortal)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        httpd.shutdown()
        httpd.server_close()


def check_ins(session_factory) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count(CheckIn.id)))


def test_a_captive_portal_then_a_server_on_another_database_then_the_right_server(tmp_path, world, database_url,
                                                                                 session_factory):
    with live_server(database_url) as url:
        port = int(url.rsplit(":", 1)[1])
        kiosk = Kiosk(tmp_path / "a", url, world.pairing_codes[0])
        assert kiosk.sync().online
    kiosk.scan(world.paid)

    with captive_portal(port):
        status = kiosk.sync()
    assert not status.online and not status.revoked
    assert "Wi-Fi sign-in page" in status.last_error and status.events_waiting == 1

    other_database = f"sqlite:///{tmp_path / 'another.sqlite3'}"
    upgrade_to_head(other_database)
    with live_server(other_database, port):  # restarted on the wrong database: it does not know this kiosk
        status = kiosk.sync()
    assert status.online and not status.revoked  # "revoked" only when the server says so
    assert "does not recognise this kiosk (401)" in status.last_error and status.events_waiting == 1

    with live_server(database_url, port):  # the right server is back: the kiosk goes on by itself
        status = kiosk.sync()
        assert status.online and status.last_error == "" and status.events_waiting == 0
    assert check_ins(session_factory) == 1


def test_the_sync_loop_survives_every_failure_and_reports_each(tmp_path, world, database_url, session_factory):
    with live_server(database_url) as url:
        port = int(url.rsplit(":", 1)[1])
        kiosk = Kiosk(tmp_path / "a", url, world.pairing_codes[0])
        kiosk.sync()
    kiosk.scan(world.paid)
    statuses, stop, wake = [], threading.Event(), threading.Event()
    loop = threading.Thread(target=kiosk.engine.run, args=(stop,),
                            kwargs={"interval": 0.05, "max_backoff": 0.2, "on_status": statuses.append, "wake": wake})
    loop.start()
    try:
        with captive_portal(port):
            _until(lambda: any("Wi-Fi" in s.last_error for s in statuses))
        with live_server(database_url, port):
            _until(lambda: statuses[-1].online and statuses[-1].events_waiting == 0 and not statuses[-1].last_error)
    finally:
        stop.set()
        wake.set()
        loop.join(10)
    assert check_ins(session_factory) == 1
    assert not loop.is_alive()


def test_a_scan_the_server_refuses_is_set_aside_and_the_rest_uploads(tmp_path, world, server, session_factory):
    url, _port = server
    kiosk = Kiosk(tmp_path / "a", url, world.pairing_codes[0])
    kiosk.sync()
    long_named = ScanPipeline(kiosk.connection, Station(name="Door " + "B" * 150))  # over the server's 100
    long_named.scan(world.unpaid)
    kiosk.scan(world.paid)

    status = kiosk.sync()
    assert status.events_waiting == 0 and status.events_set_aside == 1
    [(kind, reason)] = kiosk.connection.execute("SELECT kind, set_aside FROM outbox").fetchall()
    assert kind == "failed_scan" and "station" in reason and "100 characters" in reason
    assert check_ins(session_factory) == 1  # Ada's check-in went up all the same
    again = kiosk.sync()  # not sent again and again
    assert again.last_error == "" and again.events_set_aside == 1


def _until(predicate, timeout: float = 20) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


class SlowUpload(httpx.HTTPTransport):
    """A real connection whose uploads wait at the door until the test lets them through (a slow network)."""

    def __init__(self) -> None:
        super().__init__()
        self.in_flight = threading.Event()
        self.go_on = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/sync/events"):
            self.in_flight.set()
            self.go_on.wait(10)
        return super().handle_request(request)


def test_an_undo_while_its_scan_is_being_uploaded_reaches_the_server(tmp_path, world, server, session_factory):
    url, _port = server
    slow = SlowUpload()
    kiosk = Kiosk(tmp_path / "a", url, world.pairing_codes[0], transport=slow)
    slow.go_on.set()
    kiosk.sync()
    slow.go_on.clear()
    slow.in_flight.clear()
    kiosk.scan(world.paid)
    upload = threading.Thread(target=kiosk.sync)
    upload.start()
    assert slow.in_flight.wait(10)  # the check-in is on its way to the server
    result = kiosk.pipeline.undo_last()
    assert result.undone and result.message == "Took back the check-in of Ada Lovelace."
    slow.go_on.set()
    upload.join(10)
    status = kiosk.sync()
    assert status.events_waiting == 0
    assert check_ins(session_factory) == 0  # the check-in arrived, and the undo after it took it back


def test_a_batch_the_server_refuses_is_halved_until_the_refused_scan_is_found(tmp_path, world, server):
    """A newer server that refuses one scan of a batch (422): the kiosk splits the batch, sets that scan
    aside with the server's words and uploads the rest. Played by a small real HTTP server in front of
    the real one (as a proxy that has the newer rule)."""
    url, _port = server
    kiosk = Kiosk(tmp_path / "a", url, world.pairing_codes[0])
    kiosk.sync()
    kiosk.engine.upload_batch = 8
    for _ in range(5):
        kiosk.scan(world.paid)
    kiosk.scan(world.unpaid)  # the one a newer server will not take
    for _ in range(4):
        kiosk.scan(world.paid)
    refused = kiosk.connection.execute("SELECT uuid FROM outbox WHERE access_code = ?", (world.unpaid,)).fetchone()[0]

    class NewerServer(http.server.BaseHTTPRequestHandler):
        posts: list[int] = []

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            events = json.loads(body)["events"]
            NewerServer.posts.append(len(events))
            if any(e["uuid"] == refused for e in events):
                answer = json.dumps({"detail": [{"loc": ["body", "events", 0, "kind"],
                                                 "msg": "this server no longer takes refused scans"}]}).encode()
                status = 422
            else:
                forwarded = httpx.post(f"{url}{self.path}", content=body, headers={
                    "Authorization": self.headers["Authorization"], "Content-Type": "application/json"})
                answer, status = forwarded.content, forwarded.status_code
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def do_GET(self):
            forwarded = httpx.get(f"{url}{self.path}", headers={"Authorization": self.headers["Authorization"]})
            self.send_response(forwarded.status_code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(forwarded.content)))
            self.end_headers()
            self.wfile.write(forwarded.content)

        def log_message(self, *args) -> None:
            pass

    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NewerServer)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        kiosk.engine.client.base_url = f"http://127.0.0.1:{proxy.server_address[1]}"
        status = kiosk.sync()
    finally:
        proxy.shutdown()
        proxy.server_close()
    assert status.last_error == "" and status.events_waiting == 0 and status.events_set_aside == 1
    [(uuid_, reason)] = kiosk.connection.execute("SELECT uuid, set_aside FROM outbox").fetchall()
    assert uuid_ == refused and "422" in reason and "no longer takes refused scans" in reason
    assert NewerServer.posts[0] == 8 and len(NewerServer.posts) > 3  # the batch of 8 was split
