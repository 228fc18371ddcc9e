"""The server's wiring: every mapped class, the hooks, and the sessions that run them.

``server/db/`` is the ground floor and knows no domain; the domains' models and the hooks that keep
their counters and feed versions meet here, once, and the app, the CLI, the migrations and the tests
all take their sessions from ``make_session_factory`` below. Where a lower domain needs a higher one
(orders asks capacity for seats, and the attendees domain to issue a paid order's tickets), the lower
one names what it needs and this module hands it in.
"""

from __future__ import annotations

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

# Every mapped class: relationships between domains resolve by name, and the metadata (create_all,
# Alembic) sees the whole schema only once all of them are imported.
from server.attendees.models import Attendee, PendingImport
from server.attendees.service import issue_tickets
from server.capacity.counters import count_seats
from server.capacity.service import lock_conference, validate_global_capacity, validate_product_quantity
from server.checkin.models import CheckIn, CheckInCorrection, DoorCheck, ProductRedemption, SyncEvent
from server.checkin_lists.models import CheckinList
from server.conferences.models import AddOn, Conference, TicketType
from server.dashboard.counting import statements as counting_triggers
from server.dashboard.models import AttendanceCount, RedemptionCount
from server.db.base import Base
from server.devices.models import Device, ServerIdentity
from server.feed_versions import FeedPosition, forget_stamped
from server.orders.models import Order, OrderLineItem, OrderStatus
from server.orders.seats import SeatKeeper, keep_seats_with
from server.orders.tickets import issue_tickets_with
from server.payments.models import DeskPayment, StripeEvent
from server.print_jobs.models import PrintJob
from server.sponsors.models import (
    BulkPurchase,
    BulkPurchaseStatus,
    BulkPurchaseVoucher,
    Sponsor,
    SponsorLevel,
)
from server.sync.models import KioskLookup, SyncConflict
from server.sync.versions import stamp_versions
from server.users.models import ConsoleSession, Membership, SignInAttempt, User
from server.vouchers.models import Voucher, VoucherType
from server.zones import counting as zone_counting
from server.zones.models import Zone, ZoneCount, ZonePresence

__all__ = [
    "AddOn", "AttendanceCount", "Attendee", "Base", "BulkPurchase", "BulkPurchaseStatus", "BulkPurchaseVoucher",
    "CheckIn", "CheckInCorrection", "Conference", "Device", "FeedPosition", "SyncConflict", "SyncEvent", "DoorCheck",
    "Order", "OrderLineItem", "OrderStatus", "ProductRedemption", "RedemptionCount",
    "Sponsor", "SponsorLevel", "StripeEvent", "TicketType", "Voucher", "VoucherType",
    "ServerIdentity", "User", "Membership", "ConsoleSession", "SignInAttempt", "DeskPayment", "PendingImport",
    "PrintJob", "KioskLookup", "CheckinList", "Zone", "ZoneCount", "ZonePresence", "create_schema", "make_session_factory",
]

# Orders stand below capacity (capacity counts orders' lines); placing one asks capacity through this.
keep_seats_with(SeatKeeper(lock_conference=lock_conference, check_venue=validate_global_capacity,
                           check_product=validate_product_quantity))
# Attendees stand above orders (each belongs to one); paying an order issues its tickets through this.
issue_tickets_with(issue_tickets)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions on ``engine``, each with the flush hooks every write needs.

    The hooks are registered on the factory, rather than by importing a module: a process that
    happened not to import it once ran without them, and kiosks never saw its check-ins.
    ``server.db.engine`` makes engines and units of work but no sessions: there is no session
    factory without the hooks.
    """
    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "before_flush", stamp_versions)  # change-feed versions for kiosks
    event.listen(factory, "before_flush", count_seats)  # seats held per ticket type and add-on
    event.listen(factory, "after_commit", forget_stamped)
    event.listen(factory, "after_rollback", forget_stamped)
    return factory


def create_schema(engine: Engine) -> None:
    """Every table and the dashboard's counting triggers on an empty database, without migrations (the
    tests' databases).

    Here, beside every model, rather than hung on the metadata at import: what a database gets should
    not depend on which modules a process happened to import."""
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        for statement in counting_triggers(engine.dialect.name) + zone_counting.statements(engine.dialect.name):
            connection.exec_driver_sql(statement)
