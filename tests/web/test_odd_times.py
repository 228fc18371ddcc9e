"""Times no kiosk can break, over HTTP to a real server on SQLite and PostgreSQL.

A kiosk stamps its scans and health reports with its own clock. A time outside the window around
the server's clock (``shared/reported_times.py``) is refused with its reason, and a kiosk core sets
that scan aside as it does any scan the server refuses. What an older server stored from a broken
clock (year 9999, year 1) still renders: every console page and export for every role, the admin
and kiosk JSON, and a kiosk's verdict after it synced that time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.station import Station
from kiosk.core.sync_engine import SyncEngine, fetch_conflicts
from kiosk.core.verdict_text import describe, local_time
from server.app import create_app
from server.attendees.models import Attendee
from server.checkin.models import SyncEvent
from server.conferences.models import TicketType
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.users.models import Role
from server.vouchers.models import Voucher, VoucherType
from shared.decisions import Reason, ScanKind
from shared.reported_times import FUTURE, PAST
from tests.web.conftest import CONFERENCE_A, CONFERENCE_B
from tests.web.door_devices import PairedKiosk

UTC = dt.UTC


def _now() -> dt.datetime:
    return dt.datetime.now(UTC)


# Times a broken or hostile kiosk clock sends, as ISO text on the wire (some with offsets of their own).
ODD_TIMES: dict[str, Callable[[dt.datetime], str]] = {
    "year 9999": lambda now: "9999-12-31T23:59:59+00:00",
    "year 1": lambda now: "0001-01-01T00:00:00Z",
    "year 1, five hours behind UTC": lambda now: "0001-01-01T00:00:00-05:00",
    "a dead clock battery (2000)": lambda now: "2000-01-01T00:00:00+00:00",
    "1970 in New York": lambda now: "1970-01-01T00:00:00-05:00",
    "a month ahead": lambda now: (now + dt.timedelta(days=30)).isoformat(),
    "a day and ten minutes ahead": lambda now: (now + dt.timedelta(days=1, minutes=10)).isoformat(),
    "400 days ago": lambda now: (now - dt.timedelta(days=400)).isoformat(),
    "367 days ago, in Auckland": lambda now: (now - dt.timedelta(days=367)).astimezone(
        dt.timezone(dt.timedelta(hours=13))).isoformat(),
}
NOT_IN_UTC = "9999-12-31T23:59:59-05:00"  # year 10000 in UTC: refused as a time at all (pydantic)


def scan(kind: str, code: str, at: str, station: str = "Door A", **more) -> dict:
    return {"uuid": str(uuid.uuid4()), "kind": kind, "access_code": code, "occurred_at": at, "station": station,
            **more}


def codes_of(console_server, slug: str) -> list[str]:
    with console_server.session_factory() as session:
        conference = console_server.conference(session, slug)
        return list(session.scalars(select(Attendee.access_code).where(Attendee.conference_id == conference.id)
                                    .order_by(Attendee.id)))


def set_timezone(console_server, slug: str, timezone: str) -> None:
    with unit_of_work(console_server.session_factory) as session:
        console_server.conference(session, slug).timezone = timezone


def stored_events(console_server) -> int:
    with console_server.session_factory() as session:
        return session.scalar(select(func.count()).select_from(SyncEvent))


def refusal_text(response: httpx.Response) -> str:
    """The server's reason, as a kiosk reads it (a message, or FastAPI's list of fields and reasons)."""
    detail = response.json()["detail"]
    if isinstance(detail, dict):
        return detail["message"]
    return "; ".join(f"{'.'.join(str(p) for p in d['loc'])}: {d['msg']}" for d in detail)


@pytest.fixture
def new_york(console_server):
    """djangocon, in a zone behind UTC (year 1 at midnight UTC is still year 0 there)."""
    set_timezone(console_server, CONFERENCE_B, "America/New_York")
    return PairedKiosk(console_server, name="Door kiosk", station="Door A", conference=CONFERENCE_B)


# Refused, with the reason ------------------------------------------------------------------------------

@pytest.mark.parametrize("odd", list(ODD_TIMES))
def test_a_scan_stamped_outside_the_window_is_refused_with_its_reason_and_nothing_is_applied(
        console_server, new_york, odd):
    alan, edsger = codes_of(console_server, CONFERENCE_B)
    good, bad = scan("check_in", alan, _now().isoformat()), scan("check_in", edsger, ODD_TIMES[odd](_now()))

    refused = new_york.http.post("/api/v1/sync/events", json={"events": [good, bad]})

    assert refused.status_code == 422, refused.text
    assert refused.json()["detail"]["code"] == "time_outside_window"
    reason = refusal_text(refused)
    assert f"event 1 ({bad['uuid']}, check_in of {edsger}): occurred_at " in reason
    assert "the server's clock" in reason and "is the kiosk's clock right?" in reason
    assert "event 0" not in reason  # the good scan is not blamed
    assert stored_events(console_server) == 0  # the upload is refused whole: nothing half-applied
    assert new_york.feed_record(edsger)["last_check_in_at"] is None

    # The kiosk sends the rest again without the refused scan: taken.
    [result] = new_york.http.post("/api/v1/sync/events", json={"events": [good]}).raise_for_status().json()["results"]
    assert result["status"] == "applied"
    assert new_york.feed_record(alan)["last_check_in_at"] is not None


def test_a_time_that_is_no_moment_in_utc_is_refused_as_a_field(console_server, new_york):
    alan, _ = codes_of(console_server, CONFERENCE_B)
    refused = new_york.http.post("/api/v1/sync/events", json={"events": [scan("check_in", alan, NOT_IN_UTC)]})
    assert refused.status_code == 422
    assert refusal_text(refused) == "body.events.0.occurred_at: Value error, is out of range once converted to UTC"
    assert stored_events(console_server) == 0


def test_real_scans_of_a_kiosk_offline_for_months_or_with_its_clock_a_zone_off_are_taken(console_server, new_york):
    alan, edsger = codes_of(console_server, CONFERENCE_B)
    now = _now()
    months_ago = (now - dt.timedelta(days=365)).isoformat()
    clock_in_the_wrong_zone = (now + dt.timedelta(hours=14)).isoformat()  # local time read as UTC, in Kiribati
    answer = new_york.http.post("/api/v1/sync/events", json={"events": [
        scan("check_in", alan, months_ago), scan("check_in", edsger, clock_in_the_wrong_zone)]})
    assert [r["status"] for r in answer.raise_for_status().json()["results"]] == ["applied", "applied"]


@pytest.mark.parametrize("field", ["last_sync_at", "oldest_waiting_at"])
@pytest.mark.parametrize("odd", ["year 9999", "year 1, five hours behind UTC", "a month ahead", "400 days ago"])
def test_a_health_report_with_a_time_outside_the_window_is_refused_with_its_reason(
        console_server, new_york, signed_in_client, field, odd):
    fine = {"app_version": "1.0", "last_sync_at": _now().isoformat(), "events_waiting": 2,
            "oldest_waiting_at": _now().isoformat(), "station": "Door A", "mode": "check_in"}
    assert new_york.http.post("/api/v1/sync/health", json=fine).status_code == 204

    refused = new_york.http.post("/api/v1/sync/health", json={**fine, field: ODD_TIMES[odd](_now()),
                                                             "app_version": "2.0"})

    assert refused.status_code == 422
    assert refused.json()["detail"]["code"] == "time_outside_window"
    assert refusal_text(refused).startswith(f"{field} ") and "is the kiosk's clock right?" in refusal_text(refused)
    page = signed_in_client(Role.DOOR_LEAD, CONFERENCE_B).get(f"/conferences/{CONFERENCE_B}/devices")
    assert page.status_code == 200
    assert "1.0" in page.text and "2.0" not in page.text  # nothing of the refused report was kept


# A kiosk core with a wrong clock --------------------------------------------------------------------------

class KioskCore:
    """A real kiosk core (cache, scan pipeline, sync engine) paired with the live server."""

    def __init__(self, console_server, data_dir, *, slug: str, station: str = "Door B"):
        with unit_of_work(console_server.session_factory) as session:
            _, code = create_device(session, console_server.conference(session, slug), name=station, station=station)
        self.credentials = pair(console_server.base_url, code, data_dir)
        self.engine = SyncEngine(data_dir / CACHE_FILE, self.credentials)
        self.pipeline = ScanPipeline(connect(data_dir / CACHE_FILE), Station(name=station))

    def close(self) -> None:
        self.engine.close()
        self.pipeline.connection.close()


@pytest.fixture
def kiosk_core(console_server, tmp_path):
    opened: list[KioskCore] = []

    def open_kiosk(slug: str) -> KioskCore:
        opened.append(KioskCore(console_server, tmp_path / f"kiosk-{len(opened)}", slug=slug))
        return opened[-1]

    yield open_kiosk
    for kiosk in opened:
        kiosk.close()


def test_a_kiosk_whose_clock_jumped_to_9999_sets_that_scan_aside_with_the_reason_and_uploads_the_rest(
        console_server, new_york, kiosk_core, signed_in_client):
    alan, edsger = codes_of(console_server, CONFERENCE_B)
    kiosk = kiosk_core(CONFERENCE_B)
    assert kiosk.engine.sync_once().attendees_cached == 2
    assert kiosk.pipeline.scan(alan, now=dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)).verdict.admitted
    assert kiosk.pipeline.scan(edsger).verdict.admitted

    status = kiosk.engine.sync_once()

    assert (status.events_waiting, status.events_set_aside, status.last_error) == (0, 1, "")
    [(code, reason)] = kiosk.engine.connection.execute(
        "SELECT access_code, set_aside FROM outbox WHERE set_aside IS NOT NULL").fetchall()
    assert code == alan
    assert "(422)" in reason and "9999-12-31 23:59:59 UTC is more than 1 day after the server's clock" in reason
    assert new_york.feed_record(edsger)["last_check_in_at"] is not None
    assert new_york.feed_record(alan)["last_check_in_at"] is None
    # Kept, not sent again: the next rounds upload nothing, and the door lead sees the refused scan.
    assert kiosk.engine.sync_once().events_set_aside == 1
    assert stored_events(console_server) == 1
    devices = signed_in_client(Role.DOOR_LEAD, CONFERENCE_B).get(f"/conferences/{CONFERENCE_B}/devices/live")
    assert devices.status_code == 200 and "1 refused" in devices.text


# Stored by an older server: every page, export and kiosk still renders ---------------------------------

def console_gets(slug: str, attendee_ids: list[int], **ids: int) -> list[str]:
    """Every page and download of the console a signed-in person can GET for ``slug`` (the app's own
    routes, so a page added later is in this list too), with the objects these tests made."""
    values = {"slug": slug, **{name: str(value) for name, value in ids.items()}}
    paths = []
    for route in _routes(create_app("sqlite://").routes):
        if "GET" not in route.methods or route.path.startswith("/api/"):
            continue
        if route.path.endswith("/badge.pdf"):
            continue  # drawn by the kiosk's renderer, which this test server is not given (501): no times on it
        if "{attendee_id}" in route.path:
            paths += [route.path.replace("{slug}", slug).replace("{attendee_id}", str(a)) for a in attendee_ids]
        elif "{name}" in route.path:
            paths += [route.path.replace("{slug}", slug).replace("{name}", name)
                      for name in ("check-ins", "no-shows", "scan-log")]
        else:
            path = route.path.format_map(_Filled(values))
            paths.append(path)
    return paths


def _routes(routes) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):  # an included router (FastAPI keeps it whole)
            yield from _routes(route.original_router.routes)


class _Filled(dict):
    def __missing__(self, key: str) -> str:
        return "1"  # an object this test did not make: the page answers "not found", never a 500


# The pages that show the odd time, and who may open them (vouchers: organizers and up, as the console's roles ask
# of the codes; a viewer's vouchers page may answer either way here).
SHOWS_THE_TIME = ((r"/dashboard(/live)?", Role.VIEWER), (r"/attendees/\d+", Role.VIEWER),
                  (r"/conflicts", Role.DOOR_LEAD), (r"/devices(/live)?", Role.DOOR_LEAD),
                  (r"/exports/(check-ins|scan-log)\.csv", Role.VIEWER), (r"/products", Role.VIEWER),
                  (r"/products/ticket-types/\d+", Role.ORGANIZER), (r"/vouchers(\.csv)?", Role.ORGANIZER))


def who_sees_the_time(path: str) -> Role | None:
    return next((role for pattern, role in SHOWS_THE_TIME if re.fullmatch(r"/conferences/[^/]+" + pattern, path)),
                None)


@pytest.fixture
def postgres_zone_behind_utc(database_url):
    """On PostgreSQL, the database's own zone set behind UTC (as a server in New York may be): a session in
    it reads 0001-01-01 00:00 UTC as a date before year 1, which psycopg cannot hand back."""
    if not database_url.startswith("postgresql"):
        yield
        return
    name = make_url(database_url).database
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"ALTER DATABASE \"{name}\" SET timezone TO 'America/New_York'"))
    yield
    with admin.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{name}" RESET timezone'))
    admin.dispose()


@pytest.mark.parametrize(("slug", "timezone", "odd", "reads"), [
    (CONFERENCE_A, "Europe/Berlin", "9999-12-31T23:59:59+00:00", "9999-12-31 23:59:59 UTC"),  # year 10000 in Berlin
    (CONFERENCE_B, "America/New_York", "0001-01-01T00:00:00Z", "0001-01-01 00:00:00 UTC"),  # year 0 in New York
], ids=["9999 ahead of UTC", "0001 behind UTC"])
def test_times_an_older_server_stored_render_on_every_page_export_and_kiosk_for_every_role(
        postgres_zone_behind_utc, console_server, signed_in_client, kiosk_core, monkeypatch, slug, timezone, odd,
        reads):
    set_timezone(console_server, slug, timezone)
    first, second = codes_of(console_server, slug)
    kiosk = PairedKiosk(console_server, name="Broken clock", station="Door A", conference=slug)

    # An older server: it took any time that converts to UTC.
    monkeypatch.setattr("server.sync.events.refusal", lambda moment, now: "", raising=False)
    monkeypatch.setattr("server.devices.service.refusal", lambda moment, now: "", raising=False)
    in_second, out_first = scan("check_in", second, odd), scan("exit", first, odd)
    answer = kiosk.http.post("/api/v1/sync/events", json={"events": [
        scan("check_in", first, odd), in_second, out_first, scan("check_in", first, odd),
        scan("undo", second, odd, undoes=in_second["uuid"], reason="check_in"),
        scan("check_in", "NOSUCHCODE", odd)]}).raise_for_status().json()["results"]
    assert [r["status"] for r in answer] == ["applied", "applied", "applied", "applied", "applied", "conflict"]
    assert kiosk.http.post("/api/v1/sync/health", json={
        "app_version": "0.9", "last_sync_at": odd, "events_waiting": 3, "oldest_waiting_at": odd}).status_code == 204
    monkeypatch.undo()
    # Sale windows and voucher validity an older console took as typed (the forms now bound them).
    moment = dt.datetime.fromisoformat(odd)
    with unit_of_work(console_server.session_factory) as session:
        conference = console_server.conference(session, slug)
        ticket_type = session.scalar(select(TicketType).where(TicketType.conference_id == conference.id))
        ticket_type.available_from = ticket_type.available_until = moment
        session.add(Voucher(conference_id=conference.id, code="ODDTIME", voucher_type=VoucherType.COMP,
                            valid_from=moment, valid_until=moment, created_at=moment))
        ticket_type_id = ticket_type.id

    with console_server.session_factory() as session:
        conference = console_server.conference(session, slug)
        attendee_ids = list(session.scalars(select(Attendee.id).where(Attendee.conference_id == conference.id)))
        events = session.scalar(select(func.count()).select_from(SyncEvent).where(
            SyncEvent.conference_id == conference.id))
    device_id = kiosk.http.get("/api/v1/sync/conflicts").raise_for_status().json()[0]["device_id"]
    paths = console_gets(slug, attendee_ids, device_id=device_id, ticket_type_id=ticket_type_id)
    assert len(paths) > 20

    roles = (Role.OWNER, Role.ORGANIZER, Role.DOOR_LEAD, Role.VIEWER)
    clients = {role: signed_in_client(role, slug) for role in roles}
    wrong = []
    for role, client in clients.items():
        for path in paths:
            try:  # a connection each, so that a download cut off mid-stream breaks only its own request
                status = client.get(path, headers={"Connection": "close"}).status_code
            except httpx.HTTPError as error:  # a download cut off mid-stream
                status = error.__class__.__name__
            shows = who_sees_the_time(path)
            if status != 200 and (not isinstance(status, int) or status >= 500 or shows and role.at_least(shows)):
                wrong.append(f"{role} GET {path}: {status}")
    assert wrong == [], "\n".join(wrong)

    for role, client in clients.items():
        page = client.get(f"/conferences/{slug}/attendees/{attendee_ids[0]}")
        assert reads in page.text
        [first_row] = read_csv(client, slug, "check-ins")
        assert (first_row["Access code"], first_row["First check-in"], first_row["Last exit"]) == (first, reads, reads)
        log = read_csv(client, slug, "scan-log")
        assert len(log) == events == 6  # every row, to the end: nothing cut off mid-stream
        assert {row["Time"] for row in log} == {reads}
        if role.at_least(Role.DOOR_LEAD):
            assert "0.9" in client.get(f"/conferences/{slug}/devices/live").text
            assert "NOSUCHCODE" in client.get(f"/conferences/{slug}/conflicts").text

    # The kiosks' JSON, and a kiosk that syncs the odd time and scans that person.
    assert kiosk.http.get("/api/v1/sync/conflicts").json()[0]["occurred_at"].startswith(odd[:10])
    door = kiosk_core(slug)
    assert door.engine.sync_once().last_error == ""
    result = door.pipeline.scan(first)
    assert result.verdict.reason is Reason.ALREADY_CHECKED_IN
    words = describe(result.verdict, kind=ScanKind.CHECK_IN, timezone=timezone)
    on_kiosk = "Fri 31 Dec 9999 23:59 UTC" if odd.startswith("9999") else "Mon 01 Jan 0001 00:00 UTC"
    assert words.headline == f"Already checked in at {on_kiosk}, Door A"
    [conflict] = fetch_conflicts(door.credentials)
    assert local_time(dt.datetime.fromisoformat(conflict["occurred_at"]), timezone) == on_kiosk  # the panel's wording


def read_csv(client: httpx.Client, slug: str, name: str) -> list[dict[str, str]]:
    response = client.get(f"/conferences/{slug}/exports/{name}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


# Any time a kiosk may send -----------------------------------------------------------------------------

NEAR_AN_EDGE = dt.timedelta(minutes=1)  # the test's clock and the server's differ by the request's time


def _upload_times():
    anywhere = st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59, 59),
                            timezones=st.timezones())
    offsets = st.integers(-12 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
    around_now = st.tuples(st.timedeltas(-PAST - dt.timedelta(days=30), FUTURE + dt.timedelta(days=3)), offsets).map(
        lambda t: (_now() + t[0]).astimezone(t[1]))
    return st.one_of(anywhere, around_now)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moment=_upload_times())
def test_any_upload_time_is_taken_inside_the_window_refused_with_a_reason_outside_and_never_breaks_a_page(
        console_server, new_york, signed_in_client, moment):
    alan, _ = codes_of(console_server, CONFERENCE_B)
    now = _now()
    try:
        at = moment.astimezone(UTC)
    except OverflowError:
        at = None
    assume(at is None or (abs(at - (now - PAST)) > NEAR_AN_EDGE and abs(at - (now + FUTURE)) > NEAR_AN_EDGE))

    answer = new_york.http.post("/api/v1/sync/events", json={"events": [scan("check_in", alan, moment.isoformat())]})

    if at is not None and now - PAST < at < now + FUTURE:
        assert answer.status_code == 200, answer.text
        assert answer.json()["results"][0]["status"] in ("applied", "conflict")
    else:
        assert answer.status_code == 422, answer.text
        # Outside the window, or no moment in UTC at all, or an offset with seconds (a zone's local mean time
        # before 1900), which RFC 3339 has no way to write: each refused with what and why.
        assert "occurred_at" in refusal_text(answer)
        if at is not None and moment.utcoffset() % dt.timedelta(minutes=1) == dt.timedelta(0):
            assert "is the kiosk's clock right?" in refusal_text(answer)
    viewer = signed_in_client(Role.VIEWER, CONFERENCE_B)
    for path in ("dashboard", "dashboard/live", "exports/scan-log.csv"):
        assert viewer.get(f"/conferences/{CONFERENCE_B}/{path}").status_code == 200
