"""A realistic demo conference: ticket types, meals and tutorials, sponsors, vouchers and N attendees.

Orders come in every status (mostly paid; some partially refunded, refunded, cancelled, pending
with a live hold) so every verdict a kiosk can show has someone to show it for.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from server.attendees.bulk import TicketHolder, write_ticket_holders
from server.attendees.models import Attendee
from server.checkin.service import check_in
from server.checkin_lists.service import ListFields, save_list, set_days
from server.conferences.models import AddOn, Conference, TicketType
from server.conferences.service import add_addon, add_ticket_type, create_conference, get_conference
from server.db.base import utcnow
from server.orders.models import Order, OrderStatus
from server.sponsors.service import create_sponsor
from server.vouchers.models import VoucherType
from server.vouchers.service import VoucherBulkConfig, generate_voucher_codes
from shared.zones import conference_zone, in_zone

FIRST_NAMES = (
    "Ada Grace Alan Linus Guido Barbara Ken Dennis Margaret Katherine Tim Radia Frances Donald Edsger John "
    "Hedy Sophie Mary Yukihiro Anders Bjarne Brendan Larry Rasmus James Shafi Adele Leslie Niklaus Fernando "
    "Amara Chen Priya Mateo Aisha Lars Ingrid Kofi Mei Olu Siobhan Tomasz Yara Zeynep Hiroshi Chiamaka Wojciech"
).split()
LAST_NAMES = (
    "Lovelace Hopper Turing Torvalds van-Rossum Liskov Thompson Ritchie Hamilton Johnson Berners-Lee Perlman "
    "Allen Knuth Dijkstra McCarthy Lamarr Wilson Shaw Matsumoto Hejlsberg Stroustrup Eich Wall Lerdorf Gosling "
    "Goldwasser Goldberg Lamport Wirth Corbató Okafor Wang Sharma García Bello Nilsson Andersen Mensah Ito "
    "Kowalski O'Brien Öztürk Nakamura Eze Wiśniewski Müller Dubois Rossi Fernández"
).split()
COMPANIES = ("", "", "Acme Corp", "Initech", "Globex", "Umbrella Labs", "Hooli", "Stark Industries", "Wayne Tech",
             "Freelance", "University of Example", "Cyberdyne", "Soylent", "Tyrell", "Aperture Science")


def seed_demo(session: Session, *, slug: str = "demo", attendees: int = 200, seed: int = 2026) -> Conference:
    """Create the demo conference with ``attendees`` ticket holders (orders in every status)."""
    rng = random.Random(seed)
    conference = create_conference(
        session, slug=slug, name="DoorCon 2026", timezone="Europe/Berlin", currency="eur",
        total_capacity=max(100, int(attendees * 1.25)),
    )
    standard = add_ticket_type(session, conference, name="Standard", slug="standard", price="350.00", bulk_enabled=True)
    student = add_ticket_type(session, conference, name="Student", slug="student", price="90.00")
    vip = add_ticket_type(session, conference, name="VIP", slug="vip", price="900.00", total_quantity=max(20, attendees // 20))
    speaker = add_ticket_type(session, conference, name="Speaker", slug="speaker", price="0.00", requires_voucher=True)
    # Four days on the venue's calendar, from today (so the rules are at work whenever the demo runs):
    # tutorials, two main days, sprints.
    today = in_zone(utcnow(), conference_zone(conference.timezone)).date()
    set_days(session, conference, today, today + dt.timedelta(days=3))
    day_ticket = add_ticket_type(session, conference, name=f"Day ticket ({today + dt.timedelta(days=1):%A})",
                                 slug="day-ticket", price="150.00")
    staff = add_ticket_type(session, conference, name="Staff", slug="staff", price="0.00", requires_voucher=True)
    lunch = add_addon(session, conference, name="Lunch", slug="lunch", price="25.00", description="Lunch, per day")
    dinner = add_addon(session, conference, name="Conference Dinner", slug="dinner", price="80.00")
    tshirt = add_addon(session, conference, name="T-shirt", slug="t-shirt", price="20.00")
    tutorial_rust = add_addon(session, conference, name="Tutorial: Rust for Pythonistas", slug="tutorial-rust",
                              price="150.00", total_quantity=max(40, attendees // 5), requires_ticket_types=[standard, vip])
    tutorial_sql = add_addon(session, conference, name="Tutorial: SQL Deep Dive", slug="tutorial-sql",
                             price="150.00", total_quantity=max(40, attendees // 5))
    acme = create_sponsor(session, conference, name="Acme Corp", slug="acme", contact_email="events@acme.example")
    create_sponsor(session, conference, name="Globex", slug="globex")
    generate_voucher_codes(session, VoucherBulkConfig(
        conference=conference, prefix="SPEAKER-", count=20, voucher_type=VoucherType.COMP, discount_value=Decimal(100),
        unlocks_hidden_tickets=True, applicable_ticket_types=[speaker]))
    generate_voucher_codes(session, VoucherBulkConfig(
        conference=conference, prefix="EARLY-", count=50, voucher_type=VoucherType.PERCENTAGE,
        discount_value=Decimal(15), max_uses=3))
    del acme
    seed_checkin_lists(session, conference, everyone=[standard, student, vip, speaker, day_ticket], day_ticket=day_ticket,
                       staff=[staff, speaker], tutorials=[tutorial_rust, tutorial_sql], lunch=lunch)

    now = utcnow()
    ticket_choices = [standard] * 70 + [student] * 18 + [vip] * 4 + [speaker] * 3 + [day_ticket] * 6 + [staff] * 4
    statuses = [OrderStatus.PAID] * 88 + [OrderStatus.PARTIALLY_REFUNDED] * 3 + [OrderStatus.REFUNDED] * 3 + \
        [OrderStatus.CANCELLED] * 3 + [OrderStatus.PENDING] * 3
    vip_left = vip.total_quantity
    holders = []
    for i in range(attendees):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES).replace("-", " ")
        ticket_type = rng.choice(ticket_choices)
        if ticket_type is vip:
            if vip_left == 0:
                ticket_type = standard
            vip_left -= ticket_type is vip
        addons = []
        if rng.random() < 0.6:
            addons.append((lunch, rng.choice((1, 2, 2, 3))))
        if rng.random() < 0.25:
            addons.append((dinner, 1))
        if rng.random() < 0.3:
            addons.append((tshirt, 1))
        if ticket_type in (standard, vip) and rng.random() < 0.15:
            addons.append((tutorial_rust, 1))
        elif rng.random() < 0.1:
            addons.append((tutorial_sql, 1))
        status = rng.choice(statuses)
        holders.append(TicketHolder(
            first_name=first, last_name=last,
            email=f"{first}.{last}.{i}@example.org".lower().replace(" ", "").replace("'", ""),
            company=rng.choice(COMPANIES), ticket_type=ticket_type, addons=tuple(addons), status=status,
            hold_expires_at=now + dt.timedelta(minutes=10) if status is OrderStatus.PENDING else None,
            amount_refunded_share={OrderStatus.REFUNDED: 1.0, OrderStatus.PARTIALLY_REFUNDED: 0.2}.get(status, 0.0),
        ))
    write_ticket_holders(session, conference, holders)
    return conference


def seed_checkin_lists(session: Session, conference: Conference, *, everyone: list[TicketType], day_ticket: TicketType,
                       staff: list[TicketType], tutorials: list[AddOn], lunch: AddOn) -> None:
    """The doors of a four-day conference, so a newcomer sees the rules at work: the main entrance (the day
    ticket on its day only), the tutorial rooms on day 1 for tutorial holders, a staff entrance, and the
    lunch hall once a day for those who bought lunch. Kiosk stations pick one at set-up."""
    day = {"var": "conference_day"}
    lists = [
        ListFields(name="Main entrance", ticket_type_ids=[t.id for t in everyone], addon_ids=[],
                   allow_multiple_entries=True, allow_entry_after_exit=True, days=[], opens=None, closes=None,
                   stations=["Door A", "Main entrance"],
                   rules={"version": 1, "rule": {"or": [{"!=": [{"var": "product"}, day_ticket.id]},
                                                        {"==": [day, 2]}]}}),
        ListFields(name="Tutorials", ticket_type_ids=[], addon_ids=[a.id for a in tutorials],
                   allow_multiple_entries=True, allow_entry_after_exit=True, days=[1], opens=None, closes=None,
                   stations=["Tutorial room"], rules=None),
        ListFields(name="Staff entrance", ticket_type_ids=[t.id for t in staff], addon_ids=[],
                   allow_multiple_entries=True, allow_entry_after_exit=True, days=[], opens=None, closes=None,
                   stations=["Staff entrance"], rules=None),
        ListFields(name="Lunch, once a day", ticket_type_ids=[], addon_ids=[lunch.id], allow_multiple_entries=True,
                   allow_entry_after_exit=True, days=[2, 3], opens=dt.time(11, 30), closes=dt.time(14, 30),
                   stations=["Lunch hall"], rules={"version": 1, "rule": {"<": [{"var": "entries_today"}, 1]}}),
    ]
    for fields in lists:
        save_list(session, conference, fields)


def check_in_someone(session: Session, slug: str) -> None:
    """Check one paid attendee in at the registration desk (once), so "Already checked in" has a badge to show."""
    conference = get_conference(session, slug)
    anyone_in = select(Attendee.id).where(Attendee.conference_id == conference.id, Attendee.checked_in_at.is_not(None))
    if session.scalar(anyone_in.limit(1)) is not None:
        return
    attendee = session.scalar(select(Attendee).join(Order).where(
        Attendee.conference_id == conference.id, Order.status == OrderStatus.PAID).order_by(Attendee.id.desc()))
    if attendee is not None:
        check_in(session, attendee=attendee, checked_in_by="demo", station="Registration desk",
                 at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=40))


def badge_examples(session: Session, conference_id: int) -> Sequence[Row[str, str, str, OrderStatus, dt.datetime | None]]:
    """(code, first name, last name, order status, checked in at) of the first 5,000 attendees: the
    demo picks one badge per order status from them."""
    return session.execute(
        select(Attendee.access_code, Attendee.first_name, Attendee.last_name, Order.status, Attendee.checked_in_at)
        .join(Order).where(Attendee.conference_id == conference_id).order_by(Attendee.id).limit(5000)
    ).all()
