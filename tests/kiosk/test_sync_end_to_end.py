"""Two kiosk cores and a real server (uvicorn on 127.0.0.1), on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from kiosk.core import attendee_cache
from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, PairingError, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.station import Station
from kiosk.core.sync_engine import SyncEngine
from server.checkin.models import CheckIn, ProductRedemption, SyncEvent
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.sync.models import SyncConflict
from shared.badge_codes import sign
from shared.decisions import Outcome, Reason, ScanKind
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type, past_scan_time
from tests.live_server import free_port, live_server


@dataclass
class World:
    conference_slug: str
    paid: str  # access codes
    unpaid: str
    other_conference_code: str
    lunch_id: int
    pairing_codes: list[str]
    signing_key: bytes


@pytest.fixture
def world(session_factory) -> World:
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        ticket = make_ticket_type(session, conference, name="Standard")
        lunch = make_addon(session, conference, name="Lunch")
        paid = make_attendee(session, conference, ticket_type=ticket, addons={lunch: 1}, first_name="Ada")
        unpaid = make_attendee(session, conference, order_status="pending", first_name="Bob")
        other = make_conference(session, slug="otherconf")
        stranger = make_attendee(session, other, first_name="Eve")
        codes = [create_device(session, conference, name=f"kiosk {n}", station=f"Door {n}")[1] for n in "AB"]
        return World("pycon", paid.access_code, unpaid.access_code, stranger.access_code, lunch.id, codes,
                      conference.badge_private_key)


@pytest.fixture(autouse=True)
def close_kiosks():
    """Every Kiosk a test made is closed after it (its HTTP connections and cache connections)."""
    yield
    while Kiosk.opened:
        Kiosk.opened.pop().close()


@pytest.fixture
def server(database_url, world):
    port = free_port()
    with live_server(database_url, port) as url:
        yield url, port


class Kiosk:
    opened: list[Kiosk] = []  # closed after each test by close_kiosks

    def __init__(self, data_dir: Path, base_url: str, code: str, station: Station | None = None, transport=None):
        self.credentials = pair(base_url, code, data_dir)
        self.engine = SyncEngine(data_dir / CACHE_FILE, self.credentials, transport=transport)
        self.connection = connect(data_dir / CACHE_FILE)
        self.station = station or Station(name=self.credentials.station)
        self.pipeline = ScanPipeline(self.connection, self.station)
        Kiosk.opened.append(self)

    def close(self) -> None:
        self.engine.close()
        self.connection.close()

    def scan(self, payload: str, **kwargs):
        return self.pipeline.scan(payload, **kwargs)

    def sync(self):
        return self.engine.sync_once()

    def waiting(self) -> int:
        return self.connection.execute("SELECT count(*) FROM outbox").fetchone()[0]


def test_a_scan_at_kiosk_a_is_known_at_kiosk_b(server, world, tmp_path):
    url, _ = server
    a, b = Kiosk(tmp_path / "a", url, world.pairing_codes[0]), Kiosk(tmp_path / "b", url, world.pairing_codes[1])
    assert a.sync().attendees_cached == 2 and b.sync().attendees_cached == 2  # never the other conference's Eve
    at = past_scan_time(5, 1, 9, 14)
    assert a.scan(world.paid, now=at).verdict.reason is Reason.OK
    assert a.scan(world.unpaid).verdict.reason is Reason.UNPAID
    assert a.sync().events_waiting == 0
    b.sync()
    verdict = b.scan(world.paid).verdict
    assert (verdict.outcome, verdict.reason) == (Outcome.WARN, Reason.ALREADY_CHECKED_IN)
    assert verdict.attendee.last_check_in_at == at and verdict.attendee.last_check_in_station == "Door A"


def test_server_down_while_both_kiosks_scan_then_everything_arrives_once(database_url, world, tmp_path, session_factory):
    port = free_port()
    with live_server(database_url, port) as url:
        a, b = Kiosk(tmp_path / "a", url, world.pairing_codes[0]), Kiosk(tmp_path / "b", url, world.pairing_codes[1])
        a.sync(), b.sync()
    # The server is gone: scans go on, verdicts from the cache.
    for kiosk in (a, b):
        for _ in range(5):
            assert kiosk.scan(world.paid).verdict.admitted
        status = kiosk.sync()
        assert status.online is False and status.events_waiting == 5 and "unreachable" in status.last_error
    with live_server(database_url, port):
        assert a.sync().events_waiting == 0 and b.sync().events_waiting == 0
        assert a.sync().online
    with session_factory() as session:
        assert session.scalar(select(func.count(SyncEvent.id))) == 10
        assert session.scalar(select(func.count(CheckIn.id))) == 10


class DropAfterServerApplies(httpx.HTTPTransport):
    """The upload reaches the server and is applied, then the connection dies before the answer; twice,
    so that the kiosk's one immediate retry (for a closed kept-alive connection) dies too."""

    def __init__(self):
        super().__init__()
        self.drops_left = 2

    def handle_request(self, request):
        response = super().handle_request(request)
        if request.url.path.endswith("/sync/events") and self.drops_left:
            self.drops_left -= 1
            response.close()
            raise httpx.ReadError("connection reset by peer", request=request)
        return response


def test_connection_dropped_mid_upload_loses_and_doubles_nothing(server, world, tmp_path, session_factory):
    url, _ = server
    transport = DropAfterServerApplies()
    kiosk = Kiosk(tmp_path / "a", url, world.pairing_codes[0], transport=transport)
    kiosk.sync()
    for _ in range(3):
        kiosk.scan(world.paid)
    assert kiosk.sync().online is False and kiosk.waiting() == 3  # applied on the server, not acknowledged here
    assert kiosk.sync().events_waiting == 0  # sent again: acknowledged as duplicates
    with session_factory() as session:
        assert session.scalar(select(func.count(CheckIn.id))) == 3
        assert session.scalar(select(func.count(SyncEvent.id))) == 3


def test_two_offline_kiosks_redeem_the_same_single_lunch(server, world, tmp_path, session_factory):
    url, _ = server
    lunch = Station(name="Lunch hall", kind=ScanKind.REDEMPTION, product_id=world.lunch_id)
    a = Kiosk(tmp_path / "a", url, world.pairing_codes[0], station=lunch)
    b = Kiosk(tmp_path / "b", url, world.pairing_codes[1], station=lunch)
    a.sync(), b.sync()
    # Both offline (no sync in between): both see one lunch left and give it out.
    assert a.scan(world.paid).verdict.reason is Reason.OK
    assert b.scan(world.paid).verdict.reason is Reason.OK
    assert a.scan(world.paid).verdict.reason is Reason.FULLY_REDEEMED  # the same kiosk knows at once
    a.sync(), b.sync(), a.sync()
    with session_factory() as session:
        assert session.scalar(select(func.count(ProductRedemption.id))) == 1
        [conflict] = session.scalars(select(SyncConflict)).all()
        assert conflict.reason == "fully_redeemed" and "Lunch" in conflict.message
    assert a.scan(world.paid).verdict.reason is Reason.FULLY_REDEEMED
    assert b.scan(world.paid).verdict.reason is Reason.FULLY_REDEEMED
    admin = httpx.get(f"{url}/api/v1/admin/conferences/pycon/conflicts",
                      headers={"Authorization": "Bearer test-admin"}).json()
    kiosk_view = httpx.get(f"{url}/api/v1/sync/conflicts",
                           headers={"Authorization": f"Bearer {b.credentials.token}"}).json()
    assert [c["reason"] for c in kiosk_view] == ["fully_redeemed"]
    assert admin == kiosk_view


@pytest.fixture(autouse=True)
def admin_token(monkeypatch):
    monkeypatch.setenv("DOORSTATION_ADMIN_TOKEN", "test-admin")


def test_revoked_device_is_refused_and_says_so(server, world, tmp_path):
    url, _ = server
    kiosk = Kiosk(tmp_path / "a", url, world.pairing_codes[0])
    kiosk.sync()
    response = httpx.post(f"{url}/api/v1/admin/conferences/pycon/devices/{kiosk.credentials.device_id}/revoke",
                          headers={"Authorization": "Bearer test-admin"})
    assert response.status_code == 200 and response.json()["revoked"] is True
    kiosk.scan(world.paid)
    status = kiosk.sync()
    assert status.revoked and "revoked" in status.last_error and status.events_waiting == 1
    assert kiosk.scan(world.paid).verdict.admitted  # the door keeps working from the cache


def test_pairing_code_works_once_and_bad_codes_are_explained(server, world, tmp_path):
    url, _ = server
    pair(url, world.pairing_codes[0], tmp_path / "a")
    with pytest.raises(PairingError, match="not valid"):
        pair(url, world.pairing_codes[0], tmp_path / "b")
    with pytest.raises(PairingError, match="Cannot reach the server"):
        pair(f"http://127.0.0.1:{free_port()}", world.pairing_codes[1], tmp_path / "c")
    assert oct((tmp_path / "a" / "device.json").stat().st_mode & 0o777) == "0o600"


def test_a_device_of_one_conference_can_neither_read_nor_write_another(server, world, tmp_path, session_factory):
    url, _ = server
    kiosk = Kiosk(tmp_path / "a", url, world.pairing_codes[0])
    kiosk.sync()
    cached = {r[0] for r in kiosk.connection.execute("SELECT access_code FROM attendees")}
    assert cached == {world.paid, world.unpaid}
    # Eve's code, or her reference-system badge, are refused at the door…
    assert kiosk.scan(world.other_conference_code).verdict.reason is Reason.NOT_FOUND
    assert kiosk.scan(f"otherconf:{world.other_conference_code}").verdict.reason is Reason.WRONG_CONFERENCE
    # …and an upload naming her code cannot touch her.
    kiosk.sync()
    with session_factory() as session:
        assert session.scalar(select(func.count(CheckIn.id))) == 0


def test_signed_badge_of_someone_not_yet_synced_is_admitted_marked(server, world, tmp_path):
    url, _ = server
    kiosk = Kiosk(tmp_path / "a", url, world.pairing_codes[0])
    kiosk.sync()
    real = sign("pycon", "NEWCOMER", world.signing_key)
    assert kiosk.scan(real).verdict.reason is Reason.NOT_YET_SYNCED
    forged = sign("pycon", "NEWCOMER", bytes(32))
    assert kiosk.scan(forged).verdict.reason is Reason.INVALID_SIGNATURE
    assert kiosk.scan("NEWCOMER").verdict.reason is Reason.NOT_FOUND  # unsigned: no way to tell


def test_undo_before_and_after_upload_reverses_the_redemption_once(server, world, tmp_path, session_factory):
    url, _ = server
    lunch = Station(name="Lunch hall", kind=ScanKind.REDEMPTION, product_id=world.lunch_id)
    kiosk = Kiosk(tmp_path / "a", url, world.pairing_codes[0], station=lunch)
    kiosk.sync()

    def redemptions() -> int:
        with session_factory() as session:
            return session.scalar(select(func.count(ProductRedemption.id)))

    # Still in the outbox: the scan simply never leaves.
    assert kiosk.scan(world.paid).verdict.reason is Reason.OK
    assert kiosk.pipeline.undo_last().undone
    assert kiosk.waiting() == 0
    kiosk.sync()
    assert redemptions() == 0

    # Uploaded already: an undo event goes out and the server gives the lunch back.
    assert kiosk.scan(world.paid).verdict.reason is Reason.OK
    kiosk.sync()
    assert redemptions() == 1
    result = kiosk.pipeline.undo_last()
    assert result.undone and result.message == "Took back the redemption of Ada Lovelace."
    assert kiosk.scan(world.paid).verdict.reason is Reason.OK  # the lunch is back at once, offline
    kiosk.pipeline.undo_last()
    kiosk.sync(), kiosk.sync()
    assert redemptions() == 0
    assert kiosk.waiting() == 0
    # Nothing left to undo at this station: said so, nothing sent.
    assert not kiosk.pipeline.undo_last().undone


def test_a_rotated_signing_key_reaches_kiosks_and_old_badges_work_until_the_next_rotation(
        server, world, tmp_path, session_factory):
    from server.conferences.models import Conference
    from server.conferences.service import rotate_badge_key

    url, _ = server
    kiosk = Kiosk(tmp_path / "a", url, world.pairing_codes[0])
    kiosk.sync()
    first_badge = sign("pycon", world.paid, world.signing_key)

    def rotate() -> bytes:
        with unit_of_work(session_factory) as session:
            conference = session.scalar(select(Conference).where(Conference.slug == "pycon"))
            rotate_badge_key(session, conference)
            return conference.badge_private_key

    second_key = rotate()
    kiosk.sync()  # the next page carries the new key and the previous one
    second_badge = sign("pycon", world.paid, second_key)
    assert kiosk.scan(second_badge).verdict.reason is Reason.OK
    assert kiosk.scan(first_badge).verdict.reason is Reason.ALREADY_CHECKED_IN  # still genuine

    rotate()
    kiosk.sync()
    assert kiosk.scan(first_badge).verdict.reason is Reason.INVALID_SIGNATURE  # two rotations ago: refused
    assert kiosk.scan(second_badge).verdict.reason is Reason.ALREADY_CHECKED_IN


def test_an_entry_admitted_offline_for_an_order_refunded_meanwhile_is_a_conflict(server, world, tmp_path,
                                                                                  session_factory):
    from server.attendees.models import Attendee
    from server.orders.service import refund_order

    url, _ = server
    kiosk = Kiosk(tmp_path / "a", url, world.pairing_codes[0])
    kiosk.sync()
    with unit_of_work(session_factory) as session:  # refunded after the kiosk's last sync
        attendee = session.scalar(select(Attendee).where(Attendee.access_code == world.paid))
        refund_order(session, attendee.order)
    early = past_scan_time(5, 4, 7, 0)
    assert kiosk.scan(world.paid, now=early + dt.timedelta(minutes=5)).verdict.reason is Reason.OK  # stale cache
    kiosk.sync()
    with session_factory() as session:
        assert session.scalar(select(func.count(CheckIn.id))) == 0
        [conflict] = session.scalars(select(SyncConflict)).all()
        assert conflict.reason == "refunded" and "whose order is refunded" in conflict.message
    assert kiosk.scan(world.paid).verdict.reason is Reason.REFUNDED  # the download brought the refund


class OlderServer(httpx.HTTPTransport):
    """The server as a release before feed format "rows" answers: it does not know the parameter, so it
    sends format "objects" (a test of the kiosk's side of that answer)."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_remove_param("format")
        return super().handle_request(request)


def test_a_kiosk_syncing_with_an_older_server_decides_as_one_reading_rows(server, world, tmp_path):
    """A kiosk that reads rows checks Ada in and serves her lunch; a kiosk paired after, behind a
    server that only sends objects, caches the same conference: the same state for each attendee,
    the same people found, the same verdict."""
    url, _ = server
    rows = Kiosk(tmp_path / "rows", url, world.pairing_codes[0])
    rows.sync()
    lunch = ScanPipeline(rows.connection, Station(name="Lunch", kind=ScanKind.REDEMPTION, product_id=world.lunch_id))
    assert rows.scan(world.paid, now=past_scan_time(5, 1, 9, 14)).verdict.reason is Reason.OK
    assert lunch.scan(world.paid).verdict.outcome is Outcome.ACCEPT
    assert rows.sync().events_waiting == 0

    objects = Kiosk(tmp_path / "objects", url, world.pairing_codes[1], transport=OlderServer())
    assert objects.sync().attendees_cached == 2

    for code in (world.paid, world.unpaid):
        assert attendee_cache.attendee_state(objects.connection, code) == attendee_cache.attendee_state(
            rows.connection, code)
    assert [r["access_code"] for r in attendee_cache.search(objects.connection, "ada")] == [world.paid]
    assert [r["access_code"] for r in attendee_cache.search(rows.connection, "ada")] == [world.paid]
    assert objects.scan(world.paid).verdict.reason is rows.scan(world.paid).verdict.reason \
        is Reason.ALREADY_CHECKED_IN
