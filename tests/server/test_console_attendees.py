"""The console's attendee search, detail and check-ins by hand, at the service level, on SQLite and PostgreSQL.

The proof through a browser is tests/web/test_attendee_pages.py; these pin what matches and what is written.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from server.attendees.service import PAGE_SIZE, search
from server.checkin.attendee_story import attendee_detail
from server.checkin.models import CheckIn, CheckInCorrection, SyncEvent
from server.checkin.service import check_in_by_hand, undo_check_in
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.errors import Conflict, NotFound
from server.sync.events import apply_events
from shared.protocol import ScanEvent
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type, past_scan_time
from tests.server.test_change_feed import changes_after

T0 = past_scan_time(5, 4, 7, 14)  # 09:14 in Berlin


def names(page) -> list[str]:
    return [row.full_name for row in page.rows]


@pytest.fixture
def people(session_factory):
    # Fixed codes: a search matches the start of a code too, and a random code starting with "AD"
    # made "ad" find Émile Zola once in a CI run.
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon", timezone="Europe/Berlin")
        ticket = make_ticket_type(session, conference, name="Standard")
        ada = make_attendee(session, conference, ticket_type=ticket, first_name="Ada", last_name="Lovelace",
                             access_code="Q7K2M9XP")
        ada.company = "Analytical Engines"
        make_attendee(session, conference, ticket_type=ticket, first_name="Grace", last_name="Hopper",
                       access_code="20000002")
        make_attendee(session, conference, ticket_type=ticket, first_name="Adele", last_name="Goldberg",
                       access_code="30000003")
        make_attendee(session, conference, ticket_type=ticket, first_name="Émile", last_name="Zola",
                       access_code="40000004")
        other = make_conference(session, slug="other")
        make_attendee(session, other, first_name="Ada", last_name="Other-Conference",
                       access_code="50000005")
        return {"conference_id": conference.id, "ada": ada.id, "ada_code": ada.access_code}


def run_search(session_factory, text: str, page: int = 1):
    with unit_of_work(session_factory) as session:
        from server.conferences.models import Conference
        conference = session.scalar(select(Conference).where(Conference.slug == "pycon"))
        return search(session, conference, text, page)


def test_a_word_matches_the_start_of_a_name_email_company_or_code_in_any_case(session_factory, people):
    assert names(run_search(session_factory, "ad")) == ["Adele Goldberg", "Ada Lovelace"]  # by last name
    assert names(run_search(session_factory, "ada")) == ["Ada Lovelace"]
    assert names(run_search(session_factory, "ADA LOVE")) == ["Ada Lovelace"]  # every word must match
    assert names(run_search(session_factory, "love")) == ["Ada Lovelace"]
    assert names(run_search(session_factory, "lace")) == []  # the start of a word, not its middle
    assert names(run_search(session_factory, "analytical")) == ["Ada Lovelace"]  # company
    assert names(run_search(session_factory, "grace@")) == ["Grace Hopper"]  # email
    assert names(run_search(session_factory, people["ada_code"][:4].lower())) == ["Ada Lovelace"]
    assert names(run_search(session_factory, "Émile")) == ["Émile Zola"]
    assert names(run_search(session_factory, "50%")) == []  # LIKE's wildcards are plain characters
    assert names(run_search(session_factory, "_")) == []


def test_the_search_never_shows_another_conferences_attendee(session_factory, people):
    assert "Ada Other-Conference" not in names(run_search(session_factory, "ada"))
    assert "Ada Other-Conference" not in names(run_search(session_factory, ""))


def test_results_come_in_pages(session_factory, people):
    with unit_of_work(session_factory) as session:
        from server.conferences.models import Conference
        conference = session.scalar(select(Conference).where(Conference.slug == "pycon"))
        for n in range(PAGE_SIZE + 10):
            make_attendee(session, conference, first_name="Zed", last_name=f"Many{n:03d}")
    first, second = run_search(session_factory, "zed"), run_search(session_factory, "zed", 2)
    assert len(first.rows) == PAGE_SIZE and first.has_next
    assert len(second.rows) == 10 and not second.has_next
    assert not set(names(first)) & set(names(second))


def test_a_check_in_by_hand_names_who_did_it_and_reaches_the_kiosks(session_factory, people):
    with unit_of_work(session_factory) as session:
        version_before = changes_after(session, people["conference_id"], 0, 1000).next_cursor
    with unit_of_work(session_factory) as session:
        from server.attendees.models import Attendee
        ada = session.get(Attendee, people["ada"])
        check_in_by_hand(session, attendee=ada, by="Dana Door-Lead")
    with unit_of_work(session_factory) as session:
        [record] = changes_after(session, people["conference_id"], version_before, 1000).attendees
        assert record.access_code == people["ada_code"] and record.checked_in_at is not None
        detail = attendee_detail(session, session.get(Attendee, people["ada"]).conference, people["ada"])
        assert [(c.station, c.by) for c in detail.check_ins] == [("Console", "Dana Door-Lead")]
        assert [(e.what, e.by) for e in detail.timeline] == [("Check-in by hand", "Dana Door-Lead")]
        assert detail.first_check_in.endswith(("CEST", "CET"))


def test_an_undo_by_hand_takes_the_check_in_back_everywhere_and_stays_on_record(session_factory, people):
    with unit_of_work(session_factory) as session:
        from server.attendees.models import Attendee
        ada = session.get(Attendee, people["ada"])
        device, _ = create_device(session, ada.conference, name="Kiosk A", station="Main entrance")
        kiosk_scan = ScanEvent(uuid=uuid.uuid4(), kind="check_in", access_code=ada.access_code, occurred_at=T0,
                               station="Main entrance")
        apply_events(session, device, [kiosk_scan])
    with unit_of_work(session_factory) as session:
        ada = session.get(Attendee, people["ada"])
        version_before = ada.sync_version
        [check_in] = session.scalars(select(CheckIn)).all()
        undo_check_in(session, attendee=ada, check_in_id=check_in.id, by="Dana")
    with unit_of_work(session_factory) as session:
        ada = session.get(Attendee, people["ada"])
        assert ada.checked_in_at is None and not ada.inside and ada.sync_version > version_before
        assert session.scalar(select(func.count(CheckIn.id))) == 0
        assert session.scalar(select(SyncEvent.status)) == "undone"
        [correction] = session.scalars(select(CheckInCorrection)).all()
        assert (correction.action, correction.made_by, correction.station) == ("undo", "Dana", "Main entrance")
        timeline = attendee_detail(session, ada.conference, ada.id).timeline
        assert [(e.what, e.source, e.outcome) for e in timeline] == [
            ("Check-in", "Kiosk A", "Undone"),
            (f"Check-in of {T0.year}-05-04 09:14:00 CEST at Main entrance undone by hand", "Console", "")]


def test_an_unpaid_attendee_is_not_checked_in_by_hand_and_nothing_is_written(session_factory, people):
    with unit_of_work(session_factory) as session:
        from server.conferences.models import Conference
        conference = session.scalar(select(Conference).where(Conference.slug == "pycon"))
        bob = make_attendee(session, conference, order_status="pending", first_name="Bob")
    with pytest.raises(Conflict, match="Order status is 'Pending'"):
        with unit_of_work(session_factory) as session:
            check_in_by_hand(session, attendee=session.get(type(bob), bob.id), by="Dana")
    with session_factory() as session:
        assert session.scalar(select(func.count(CheckIn.id))) == 0
        assert session.scalar(select(func.count(CheckInCorrection.id))) == 0


def test_another_attendees_check_in_cannot_be_undone_through_this_one(session_factory, people):
    with unit_of_work(session_factory) as session:
        from server.attendees.models import Attendee
        from server.conferences.models import Conference
        conference = session.scalar(select(Conference).where(Conference.slug == "pycon"))
        grace = make_attendee(session, conference, first_name="Grace", last_name="B")
        check_in = check_in_by_hand(session, attendee=grace, by="Dana")
    with pytest.raises(NotFound):
        with unit_of_work(session_factory) as session:
            undo_check_in(session, attendee=session.get(Attendee, people["ada"]),
                          check_in_id=check_in.id, by="Dana")
    with session_factory() as session:
        assert session.scalar(select(func.count(CheckIn.id))) == 1


def test_the_detail_lists_holdings_with_redemptions(session_factory):
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        lunch = make_addon(session, conference, name="Lunch")
        ada = make_attendee(session, conference, addons={lunch: 2})
        device, _ = create_device(session, conference, name="Kiosk L", station="Lunch hall")
        conference_id, ada_id = conference.id, ada.id
        apply_events(session, device, [ScanEvent(uuid=uuid.uuid4(), kind="redemption", access_code=ada.access_code,
                                                 occurred_at=T0, station="Lunch hall", product_type="addon",
                                                 product_id=lunch.id)])
    with unit_of_work(session_factory) as session:
        from server.conferences.models import Conference
        detail = attendee_detail(session, session.get(Conference, conference_id), ada_id)
        assert [(h.name, h.quantity, h.redeemed) for h in detail.holdings][1:] == [("Lunch", 2, 1)]
        assert [(r.what, r.station) for r in detail.redemptions] == [("Redemption: Lunch", "Lunch hall")]
        assert [(e.what, e.source) for e in detail.timeline] == [("Redemption: Lunch", "Kiosk L")]


def test_a_search_matching_more_than_it_sorts_says_so(session_factory, people):
    from server.attendees.repository import search_attendees

    with session_factory() as session:
        rows, over = search_attendees(session, people["conference_id"], "ad", limit=51, at_most=1)
        assert len(rows) == 1 and over  # Ada and Adele: more than 1
        rows, over = search_attendees(session, people["conference_id"], "grace", limit=51, at_most=1)
        assert [r.full_name for r in rows] == ["Grace Hopper"] and not over


@pytest.mark.postgres
def test_a_search_asked_again_and_again_is_planned_for_its_own_words(postgres_database_url):
    """psycopg prepares a statement from its fifth run on; PostgreSQL must not then keep one plan for any
    words: a LIKE on a parameter cannot use the prefix indexes (0.2-0.3 s a search at 200,000 attendees)."""
    from sqlalchemy import text

    from server.conferences.service import get_conference
    from server.db.engine import make_engine
    from server.wiring import make_session_factory

    engine = make_engine(postgres_database_url)  # the run's database, shared: a conference of its own
    factory = make_session_factory(engine)
    slug = f"plans-{uuid.uuid4().hex[:8]}"
    with unit_of_work(factory) as session:
        conference = make_conference(session, slug=slug)
        for n in range(30):
            make_attendee(session, conference, first_name=f"Ada{n}", last_name="Lovelace")
    with factory() as session:  # one connection, so one set of prepared statements
        conference = get_conference(session, slug)
        for n in range(12):
            assert names(search(session, conference, f"ada{n % 3} love"))[0] == f"Ada{n % 3} Lovelace"
        plans = session.execute(text("SELECT generic_plans FROM pg_prepared_statements "
                                     "WHERE statement LIKE '%lower(attendees.first_name) LIKE%'")).scalars().all()
    engine.dispose()
    assert plans and set(plans) == {0}
