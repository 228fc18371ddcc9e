"""The change feed never misses a change, even when writer transactions commit out of order."""

import threading
import time

import pytest

from server.attendees.models import Attendee
from server.checkin.service import check_in
from server.db.engine import make_engine, unit_of_work
from server.sync.feed import feed_page
from server.wiring import make_session_factory
from shared.protocol import ChangesPage
from tests.factories import make_attendee, make_conference


def read_all(session_factory, conference_id, cursor):
    with session_factory() as session:
        page = changes_after(session, conference_id, cursor, limit=1000)
        session.rollback()
    return page.next_cursor, {a.access_code: a for a in page.attendees}


@pytest.fixture
def postgres_session_factory(postgres_database_url):
    """PostgreSQL only: SQLite serialises writers (BEGIN IMMEDIATE), so they cannot interleave there."""
    engine = make_engine(postgres_database_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("first_to_commit", ["older", "newer"])
def test_interleaved_writers_are_never_skipped(postgres_session_factory, first_to_commit):
    session_factory = postgres_session_factory
    with unit_of_work(session_factory) as session:
        conference = make_conference(session)
        x, y = make_attendee(session, conference), make_attendee(session, conference)
        ids = (conference.id, x.id, y.id)
    conference_id, x_id, y_id = ids
    cursor, _ = read_all(session_factory, conference_id, 0)

    # Writer A opens first and stamps X; writer B starts while A is still open and stamps Y.
    a = session_factory()
    a.begin()
    check_in(a, attendee=a.get(Attendee, x_id), station="A")
    a.flush()
    b_done = threading.Event()
    b_may_commit = threading.Event()

    def writer_b():
        with session_factory() as b, b.begin():
            check_in(b, attendee=b.get(Attendee, y_id), station="B")
            b.flush()  # waits here while A holds the conference's feed row
            b_done.set()
            b_may_commit.wait(10)

    thread = threading.Thread(target=writer_b)
    thread.start()
    time.sleep(0.3)
    seen_codes: set[str] = set()
    cursor, seen = read_all(session_factory, conference_id, cursor)
    assert seen == {}  # nothing committed yet
    if first_to_commit == "older":
        a.commit()
        b_done.wait(10)
        cursor, seen = read_all(session_factory, conference_id, cursor)
        seen_codes |= seen.keys()
        b_may_commit.set()
    else:
        # B cannot even get a version before A ends; a reader in between sees neither.
        assert not b_done.wait(0.5)
        cursor, seen = read_all(session_factory, conference_id, cursor)
        assert seen == {}
        a.commit()
        b_done.wait(10)
        b_may_commit.set()
    thread.join(10)
    a.close()
    cursor, seen = read_all(session_factory, conference_id, cursor)
    seen_codes |= seen.keys()
    with session_factory() as session:
        expected = {session.get(Attendee, x_id).access_code, session.get(Attendee, y_id).access_code}
    assert seen_codes == expected
    assert read_all(session_factory, conference_id, cursor)[1] == {}  # and nothing twice


def test_paged_download_returns_every_attendee_once(session_factory):
    with unit_of_work(session_factory) as session:
        conference = make_conference(session)
        codes = {make_attendee(session, conference).access_code for _ in range(25)}
        conference_id = conference.id
    cursor, seen = 0, []
    with session_factory() as session:
        while True:
            page = changes_after(session, conference_id, cursor, limit=7)
            seen += [a.access_code for a in page.attendees]
            cursor = page.next_cursor
            if not page.has_more:
                break
    assert sorted(seen) == sorted(codes)


def changes_after(session, conference_id: int, after: int, limit: int) -> ChangesPage:
    """The feed's page as a kiosk reads it (the protocol's model of what GET /sync/changes sends)."""
    return ChangesPage.model_validate(feed_page(session, conference_id, after, limit))
