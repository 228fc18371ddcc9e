"""The demo seeds a four-day conference whose doors have rules a newcomer sees at work, decided by the
shared rules at the server's ingestion (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from server.attendees.models import Attendee
from server.checkin_lists.repository import lists_of
from server.checkin_lists.service import conference_days
from server.conferences.models import TicketType
from server.db.engine import unit_of_work
from server.demo_data import seed_demo
from server.devices.service import create_device
from server.orders.models import Order, OrderStatus
from server.sync.events import apply_events
from shared.protocol import EventKind, EventStatus, ScanEvent
from shared.zones import conference_zone


def test_the_demo_conference_has_days_and_doors_with_rules(session_factory):
    with unit_of_work(session_factory) as session:
        conference = seed_demo(session, attendees=200)
        days = conference_days(session, conference.id)
        assert len(days) == 4  # tutorials, two main days, sprints
        assert [row.name for row in lists_of(session, conference.id)] == [
            "Main entrance", "Tutorials", "Staff entrance", "Lunch, once a day"]
        device, _ = create_device(session, conference, name="kiosk", station="Door A")

        def holder(slug: str) -> str:
            return session.scalar(select(Attendee.access_code).join(TicketType, Attendee.ticket_type_id == TicketType.id)
                                  .join(Order, Attendee.order_id == Order.id)
                                  .where(TicketType.slug == slug, TicketType.conference_id == conference.id,
                                         Order.status == OrderStatus.PAID).limit(1))

        people = {slug: holder(slug) for slug in ("standard", "day-ticket", "staff")}
        zone, first_day, device_id = conference_zone(conference.timezone), days[0], device.id
    # Ten in the morning of day 1 (the tutorials day), on the venue's clock.
    morning = dt.datetime.combine(first_day, dt.time(10, 0), tzinfo=zone).astimezone(dt.UTC)

    def scan(code: str, station: str, at: dt.datetime) -> tuple[str, str]:
        with unit_of_work(session_factory) as session:
            event = ScanEvent(uuid=uuid.uuid4(), kind=EventKind.CHECK_IN, access_code=code, occurred_at=at,
                              station=station)
            [result] = apply_events(session, session.get(type(device), device_id), [event], now=at)
        return result.status.value, result.reason

    assert scan(people["standard"], "Door A", morning) == (EventStatus.APPLIED.value, "ok")
    assert scan(people["day-ticket"], "Door A", morning) == ("conflict", "checkin_rule")  # its day is day 2
    assert scan(people["day-ticket"], "Door A", morning + dt.timedelta(days=1)) == ("applied", "ok")
    assert scan(people["standard"], "Staff entrance", morning) == ("conflict", "checkin_rule")
    assert scan(people["staff"], "Staff entrance", morning) == ("applied", "ok")
