"""Selling at the door: one walk-in, one ticket, paid at the desk there and then.

No rule of its own: the sale is an order placed through the orders service (sale windows,
vouchers required, add-ons' required tickets, venue and product capacity, under the same locks),
and its payment is a desk payment, which makes it PAID through the orders service too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.attendees.models import Attendee
from server.conferences.models import Conference
from server.errors import InvalidInput
from server.orders.models import Order
from server.orders.service import AttendeeDetails, Cart, place_order
from server.payments.desk import take_desk_payment
from server.payments.models import DeskPayment, DeskPaymentMethod
from shared.languages import N_, Marked


@dataclass(frozen=True)
class WalkIn:
    first_name: str
    last_name: str
    email: str
    company: str
    ticket_type_id: int
    addon_ids: tuple[int, ...] = ()
    language: str | None = None  # the attendee's (shared.languages.SHIPPED_LANGUAGES): their badge's words


@dataclass(frozen=True)
class Cashier:
    """Who took the money: kept on the payment record."""

    user_id: int | None  # None: not a console user (a script, a test)
    name: str


def parse_amount(text: str) -> Decimal:
    try:
        amount = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise InvalidInput(Marked(N_("'%(value)s' is not an amount of money."), value=text), code="bad_amount") from None
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(Marked(N_("'%(value)s' is not an amount of money."), value=text), code="bad_amount")
    return amount


def sell_walk_in(session: Session, conference: Conference, walk_in: WalkIn, *, method: DeskPaymentMethod | str,
                 amount: Decimal, cashier: Cashier) -> tuple[Order, Attendee, DeskPayment | None]:
    """Place the walk-in's order and take its payment; a free ticket needs none (the payment is None)."""
    person = AttendeeDetails(first_name=walk_in.first_name.strip(), last_name=walk_in.last_name.strip(),
                             email=walk_in.email.strip(), company=walk_in.company.strip())
    cart = Cart(buyer=person, tickets={walk_in.ticket_type_id: 1},
                addons={addon_id: 1 for addon_id in walk_in.addon_ids})
    order = place_order(session, conference, cart)
    payment = None
    if order.total != 0:  # a free ticket is paid at once by place_order
        payment = take_desk_payment(session, order, method=method, amount=amount, taken_by_user_id=cashier.user_id,
                                    taken_by=cashier.name)
    attendee = session.scalars(select(Attendee).where(Attendee.order_id == order.id)).one()
    if walk_in.language:
        attendee.language = walk_in.language
        session.flush()
    return order, attendee, payment


def pay_at_desk(session: Session, conference: Conference, attendee: Attendee, *, method: DeskPaymentMethod | str,
                amount: Decimal, cashier: Cashier) -> DeskPayment:
    """Take the payment for an attendee whose order is pending (the door said "Not paid")."""
    if attendee.conference_id != conference.id or attendee.order is None:
        raise InvalidInput(Marked(N_("No such attendee with an order in this conference.")))
    return take_desk_payment(session, attendee.order, method=method, amount=amount, taken_by_user_id=cashier.user_id,
                             taken_by=cashier.name)
