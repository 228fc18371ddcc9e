"""Order placement and the order lifecycle: PENDING (hold) → PAID → REFUNDED / CANCELLED.

Placing an order locks, in this order and always this order (so two transactions can never
wait on each other): the conference row (capacity), then the voucher row (use count).
"""

from __future__ import annotations

import datetime as dt
import secrets
import string
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from server.conferences.models import AddOn, Conference, TicketType
from server.db.base import utcnow
from server.errors import Conflict, InvalidInput, NotFound
from server.orders.holds import release_voucher_use
from server.orders.models import Order, OrderLineItem, OrderStatus
from server.orders.seats import seat_keeper
from server.orders.tickets import ticket_issuer
from server.vouchers.models import Voucher, VoucherType
from server.vouchers.service import check_voucher_usable, lock_voucher, voucher_applies_to
from shared.languages import N_, Marked

HOLD_DURATION = dt.timedelta(minutes=15)
# Said to a buyer of a ticket type or add-on the organizer has switched off (those already sold stay valid).
_DEACTIVATED = N_("'%(name)s' is no longer on sale: the organizer has withdrawn it.")
CENT = Decimal("0.01")
REFERENCE_ALPHABET = string.ascii_uppercase + string.digits  # ORD-7K2Q9XWA, as access codes read


@dataclass(frozen=True)
class AttendeeDetails:
    first_name: str
    last_name: str = ""
    email: str = ""
    company: str = ""


@dataclass
class Cart:
    """What a buyer asks for: quantities by ticket type id and by add-on id."""

    buyer: AttendeeDetails
    tickets: dict[int, int] = field(default_factory=dict)
    addons: dict[int, int] = field(default_factory=dict)
    voucher_code: str | None = None
    # One per ticket, in ticket-type order; defaults to the buyer for every ticket.
    attendees: list[AttendeeDetails] | None = None


def _new_reference(session: Session) -> str:
    while True:
        reference = "ORD-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        if session.scalar(select(Order.id).where(Order.reference == reference)) is None:
            return reference


def _check_cart_shape(cart: Cart) -> int:
    if not cart.buyer.first_name.strip():
        raise InvalidInput(Marked(N_("The buyer needs a first name.")))
    if "@" not in cart.buyer.email:
        raise InvalidInput(Marked(N_("'%(value)s' is not an email address."), value=cart.buyer.email))
    for quantity in [*cart.tickets.values(), *cart.addons.values()]:
        if quantity < 1:
            raise InvalidInput("Every quantity in the cart must be at least 1.")
    ticket_count = sum(cart.tickets.values())
    if ticket_count == 0:
        raise InvalidInput("An order needs at least one ticket.")
    if cart.attendees is not None and len(cart.attendees) != ticket_count:
        raise InvalidInput(f"Give details for each of the {ticket_count} tickets ({len(cart.attendees)} given).")
    return ticket_count


def _load_products(session: Session, conference: Conference, cart: Cart, now: dt.datetime):
    ticket_types = {t.id: t for t in session.scalars(select(TicketType).where(TicketType.id.in_(cart.tickets)))}
    addons = {
        a.id: a
        for a in session.scalars(
            select(AddOn).where(AddOn.id.in_(cart.addons)).options(selectinload(AddOn.requires_ticket_types))
        )
    }
    for ticket_type_id in cart.tickets:
        ticket_type = ticket_types.get(ticket_type_id)
        if ticket_type is None or ticket_type.conference_id != conference.id:
            raise InvalidInput(f"Ticket type {ticket_type_id} does not exist in {conference.slug}.")
        if not ticket_type.is_active:
            raise Conflict(Marked(_DEACTIVATED, name=ticket_type.name), code="deactivated")
        if not ticket_type.is_on_sale(now):
            raise Conflict(Marked(N_("'%(name)s' is not on sale."), name=ticket_type.name), code="not_on_sale")
    for addon_id in cart.addons:
        addon = addons.get(addon_id)
        if addon is None or addon.conference_id != conference.id:
            raise InvalidInput(f"Add-on {addon_id} does not exist in {conference.slug}.")
        if not addon.is_active:
            raise Conflict(Marked(_DEACTIVATED, name=addon.name), code="deactivated")
        required = addon.requires_ticket_types
        if required and not any(t.id in cart.tickets for t in required):
            names = ", ".join(t.name for t in required)
            raise Conflict(Marked(N_("'%(name)s' requires one of these tickets: %(tickets)s."), name=addon.name,
                                  tickets=names), code="addon_requires_ticket")
    return [ticket_types[i] for i in sorted(cart.tickets)], [addons[i] for i in sorted(cart.addons)]


def _discount(voucher: Voucher | None, line_amount: Decimal, applies: bool, budget: Decimal) -> Decimal:
    """The discount on one line; ``budget`` is what is left of a fixed-amount voucher."""
    if voucher is None or not applies:
        return Decimal("0.00")
    if voucher.voucher_type is VoucherType.COMP:
        return line_amount
    if voucher.voucher_type is VoucherType.PERCENTAGE:
        return (line_amount * voucher.discount_value / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return min(line_amount, budget)


def place_order(session: Session, conference: Conference, cart: Cart, *, now: dt.datetime | None = None) -> Order:
    """Validate a cart and create a PENDING order that holds its seats for 15 minutes.

    An order whose total is zero (a comp voucher) is paid at once and gets its attendees.
    """
    now = now or utcnow()
    ticket_count = _check_cart_shape(cart)
    # The conference lock comes first (see module docstring); capacity is validated under it below.
    seats = seat_keeper()
    conference = seats.lock_conference(session, conference.id)
    if ticket_count > conference.max_tickets_per_order:
        raise InvalidInput(Marked(N_("At most %(limit)s tickets per order for %(conference)s (%(asked)s asked)."),
                                  limit=conference.max_tickets_per_order, conference=conference.name, asked=ticket_count),
                           code="too_many_tickets")
    ticket_types, addons = _load_products(session, conference, cart, now)

    voucher = None
    if cart.voucher_code:
        voucher = lock_voucher(session, conference, cart.voucher_code)
        check_voucher_usable(voucher, now)
    for ticket_type in ticket_types:
        if ticket_type.requires_voucher and not (
            voucher is not None and voucher.unlocks_hidden_tickets and voucher_applies_to(voucher, ticket_type=ticket_type)
        ):
            raise Conflict(Marked(N_("'%(name)s' requires a voucher."), name=ticket_type.name), code="voucher_required")
    if voucher is not None and not (
        any(voucher_applies_to(voucher, ticket_type=t) for t in ticket_types)
        or any(voucher_applies_to(voucher, addon=a) for a in addons)
    ):
        raise Conflict(Marked(N_("Voucher code '%(code)s' does not apply to anything in this order."), code=voucher.code),
                       code="voucher_not_applicable")

    seats.check_venue(session, conference, ticket_count)
    for ticket_type in ticket_types:
        seats.check_product(session, ticket_type, cart.tickets[ticket_type.id])
    for addon in addons:
        seats.check_product(session, addon, cart.addons[addon.id])

    fixed_amount = voucher is not None and voucher.voucher_type is VoucherType.FIXED_AMOUNT
    budget = voucher.discount_value if voucher is not None and fixed_amount else Decimal(0)
    line_items = []
    for product, quantity in [*((t, cart.tickets[t.id]) for t in ticket_types), *((a, cart.addons[a.id]) for a in addons)]:
        is_ticket = isinstance(product, TicketType)
        amount = product.price * quantity
        applies = voucher is not None and (
            voucher_applies_to(voucher, ticket_type=product) if is_ticket else voucher_applies_to(voucher, addon=product)
        )
        discount = _discount(voucher, amount, applies, budget)
        if fixed_amount:
            budget -= discount
        line_items.append(
            OrderLineItem(
                ticket_type_id=product.id if is_ticket else None,
                addon_id=None if is_ticket else product.id,
                description=product.name,
                quantity=quantity,
                unit_price=product.price,
                discount_amount=discount,
                line_total=amount - discount,
            )
        )

    subtotal = sum((item.unit_price * item.quantity for item in line_items), Decimal("0.00"))
    discount_total = sum((item.discount_amount for item in line_items), Decimal("0.00"))
    order = Order(
        conference_id=conference.id,
        reference=_new_reference(session),
        status=OrderStatus.PENDING,
        email=cart.buyer.email.strip(),
        subtotal=subtotal,
        discount_amount=discount_total,
        total=subtotal - discount_total,
        voucher_id=voucher.id if voucher else None,
        hold_expires_at=now + HOLD_DURATION,
        attendee_details=[asdict(p) for p in (cart.attendees or [cart.buyer] * ticket_count)],
        line_items=line_items,
        created_at=now,
    )
    session.add(order)
    if voucher is not None:
        voucher.times_used += 1
    session.flush()
    if order.total == 0:
        mark_paid(session, order, now=now)
    return order


def mark_paid(
    session: Session, order: Order, *, now: dt.datetime | None = None, payment_intent_id: str | None = None
) -> None:
    """PENDING → PAID, creating one attendee (with a fresh access code) per ticket that has none yet."""
    now = now or utcnow()
    order = lock_order(session, order.id)
    if order.status is OrderStatus.CANCELLED and payment_intent_id and order.paid_at is None:
        _revive_for_late_payment(session, order)
    elif order.status is not OrderStatus.PENDING:
        raise Conflict(Marked(N_("Order %(reference)s is %(status)s; only a pending order can be paid."),
                              reference=order.reference, status=Marked.lowercased(order.status.label)),
                       code="order_not_pending")
    order.status = OrderStatus.PAID
    order.paid_at = now
    order.hold_expires_at = None
    if payment_intent_id:
        order.stripe_payment_intent_id = payment_intent_id
    ticket_issuer()(session, order)  # the attendees domain's, handed in by the wiring (server/orders/tickets.py)
    session.flush()


def _revive_for_late_payment(session: Session, order: Order) -> None:
    """The buyer paid after the hold was released (Stripe's word arrived late): honour the payment
    if the seats are still there, checked under the conference lock like a new order; otherwise
    refuse, so the payment is flagged for a refund rather than overselling the venue."""
    seats = seat_keeper()
    conference = seats.lock_conference(session, order.conference_id)
    tickets = sum(item.quantity for item in order.line_items if item.addon_id is None)
    try:
        seats.check_venue(session, conference, tickets)
        for item in order.line_items:
            product = session.get(TicketType, item.ticket_type_id) if item.addon_id is None else session.get(AddOn, item.addon_id)
            if product is not None:  # a product deleted since is no longer counted
                seats.check_product(session, product, item.quantity)
    except (Conflict, ValueError) as error:
        raise Conflict(f"Order {order.reference} was paid after its hold was released, and its seats are gone "
                       f"({error}): refund the payment.", code="paid_after_release") from None
    if order.voucher_id is not None:
        session.execute(update(Voucher).where(Voucher.id == order.voucher_id).values(times_used=Voucher.times_used + 1))


def lock_order(session: Session, order_id: int) -> Order:
    order = session.scalar(
        select(Order)
        .where(Order.id == order_id)
        .with_for_update()
        .execution_options(populate_existing=True)
        .options(selectinload(Order.line_items))
    )
    if order is None:
        raise NotFound(f"No order {order_id}.")
    return order


def get_order(session: Session, reference: str) -> Order:
    order = session.scalar(select(Order).where(Order.reference == reference))
    if order is None:
        raise NotFound(f"No order '{reference}'.")
    return order


def cancel_order(session: Session, order: Order) -> Order:
    """Cancel a pending order (its hold and voucher use are released) or a paid one (its badges stop working)."""
    order = lock_order(session, order.id)
    if order.status not in (OrderStatus.PENDING, OrderStatus.PAID):
        raise Conflict(Marked(N_("Order %(reference)s is %(status)s and cannot be cancelled."),
                              reference=order.reference, status=Marked.lowercased(order.status.label)),
                       code="order_not_cancellable")
    if order.status is OrderStatus.PENDING:
        release_voucher_use(session, order)
    order.status = OrderStatus.CANCELLED
    order.hold_expires_at = None
    session.flush()
    return order


def refund_order(session: Session, order: Order, amount: Decimal | None = None) -> Order:
    """Record a refund: the whole remaining amount (→ REFUNDED) or part of it (→ PARTIALLY_REFUNDED).

    A fully refunded order frees its seats and its badges stop working at the door; a partially
    refunded one keeps both (PARTIALLY_REFUNDED still counts as sold and admits entry: shared.order_status).
    """
    order = lock_order(session, order.id)
    if order.status not in (OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED):
        raise Conflict(Marked(N_("Order %(reference)s is %(status)s; only a paid order can be refunded."),
                              reference=order.reference, status=Marked.lowercased(order.status.label)),
                       code="order_not_refundable")
    refundable = order.total - order.amount_refunded
    amount = refundable if amount is None else amount
    if amount <= 0 or amount > refundable:
        raise InvalidInput(Marked(N_("Refund amount must be more than 0 and at most %(refundable)s for order "
                                     "%(reference)s."), refundable=str(refundable), reference=order.reference))
    order.amount_refunded += amount
    order.status = OrderStatus.REFUNDED if order.amount_refunded >= order.total else OrderStatus.PARTIALLY_REFUNDED
    session.flush()
    return order
