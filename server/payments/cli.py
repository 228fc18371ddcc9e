"""Admin commands for money: Stripe keys, sponsor bulk purchases, order refunds, webhook events.

Registered on the main ``doorstation`` command by server.cli (which owns the console and the
database set-up these commands share).
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import select

from server.cli import ConferenceOpt, _fail, _session_factory, app, conference_app, console
from server.db.engine import unit_of_work

bulk_app = typer.Typer(help="Sponsor bulk purchases of voucher codes: create, pay, approve, fulfil, refund.",
                       no_args_is_help=True)
orders_app = typer.Typer(help="Orders: refunds, tickets per order.", no_args_is_help=True)
stripe_app = typer.Typer(help="Stripe webhook events: list them, retry the ones that failed.", no_args_is_help=True)
app.add_typer(bulk_app, name="bulk-purchases")
app.add_typer(orders_app, name="orders")
app.add_typer(stripe_app, name="stripe")

PurchaseArg = Annotated[int, typer.Argument(help="Bulk purchase id (see `bulk-purchases list`).")]


@conference_app.command("stripe")
def conference_stripe(
    slug: Annotated[str, typer.Argument(help="Conference slug.")],
    secret_key: Annotated[str, typer.Option(help="Stripe secret key, sk_live_… or sk_test_….")] = "",
    publishable_key: Annotated[str, typer.Option(help="Stripe publishable key, pk_….")] = "",
    webhook_secret: Annotated[str, typer.Option(help="Signing secret of the webhook endpoint, whsec_….")] = "",
) -> None:
    """Set a conference's Stripe keys (only the ones given change)."""
    from server.conferences.service import get_conference

    if secret_key and not secret_key.startswith(("sk_", "rk_")):
        raise _fail("The secret key starts with sk_ (or rk_ for a restricted key).")
    if webhook_secret and not webhook_secret.startswith("whsec_"):
        raise _fail("The webhook signing secret starts with whsec_.")
    with unit_of_work(_session_factory()) as session:
        conference = get_conference(session, slug)
        for field, value in (("stripe_secret_key", secret_key), ("stripe_publishable_key", publishable_key),
                             ("stripe_webhook_secret", webhook_secret)):
            if value:
                setattr(conference, field, value)
        console.print(f"Stripe keys of {slug} updated. Webhook endpoint: "
                      f"https://<your server>/api/v1/stripe/webhook/{slug} (events: checkout.session.completed, "
                      "checkout.session.expired, charge.refunded).")


@bulk_app.command("create")
def bulk_create(
    conference: ConferenceOpt,
    quantity: Annotated[int, typer.Option(help="How many voucher codes.")],
    unit_price: Annotated[str, typer.Option(help="Price per code, e.g. 300.00 (0 for a comp deal).")],
    ticket_type: Annotated[str, typer.Option(help="Ticket type the codes are for (slug or name).")] = "",
    addon: Annotated[str, typer.Option(help="Add-on the codes are for (slug or name).")] = "",
    voucher_type: Annotated[str, typer.Option(help="comp, percentage or fixed_amount.")] = "comp",
    discount: Annotated[str, typer.Option(help="Discount value (100 for comp).")] = "100",
    max_uses: Annotated[int, typer.Option(help="Uses per code.")] = 1,
    prefix: Annotated[str, typer.Option(help="Code prefix (default BULK-{SPONSOR}-, or BULK- without a sponsor).")] = "",
    sponsor: Annotated[str, typer.Option(help="Sponsor slug (see `sponsors list`); none for the conference itself.")] = "",
) -> None:
    """Record a bulk purchase of voucher codes (PENDING), for a sponsor or for the conference itself."""
    from server.conferences.service import get_addon, get_conference, get_ticket_type, parse_money
    from server.sponsors.service import BulkPurchaseService, get_sponsor

    with unit_of_work(_session_factory()) as session:
        conf = get_conference(session, conference)
        owner = get_sponsor(session, conf, sponsor) if sponsor else None
        config = {"voucher_type": voucher_type, "discount_value": discount, "max_uses": max_uses}
        if prefix:
            config["prefix"] = prefix
        purchase = BulkPurchaseService.create_bulk_purchase(
            session, owner, quantity, get_ticket_type(session, conf, ticket_type) if ticket_type else None,
            parse_money(unit_price), voucher_config=config, addon=get_addon(session, conf, addon) if addon else None,
            conference=conf)
        console.print(f"Bulk purchase #{purchase.id}: {quantity} codes for {owner.name if owner else conf.name}, total "
                      f"{purchase.total_amount} {conf.currency.upper()} (pending).")


@bulk_app.command("checkout-link")
def bulk_checkout_link(
    purchase_id: PurchaseArg,
    success_url: Annotated[str, typer.Option(help="Where Stripe sends the sponsor after paying.")],
    cancel_url: Annotated[str, typer.Option(help="Where Stripe sends the sponsor if they cancel.")],
) -> None:
    """Create the Stripe Checkout Session for a pending purchase and print its payment link."""
    from sqlalchemy.orm import selectinload

    from server.sponsors.models import BulkPurchase
    from server.sponsors.service import BulkPurchaseCheckout

    factory = _session_factory()
    with unit_of_work(factory) as session:  # read only: loaded with what the Checkout needs
        purchase = session.scalar(select(BulkPurchase).where(BulkPurchase.id == purchase_id).options(
            selectinload(BulkPurchase.conference), selectinload(BulkPurchase.sponsor)))
        if purchase is None:
            raise _fail(f"No bulk purchase #{purchase_id}.")
    # A fresh unit of work in which nothing has run yet: create_checkout_session calls Stripe before
    # its first statement (the purchase lock), so no transaction or lock is held while Stripe answers.
    with unit_of_work(factory) as session:
        url = BulkPurchaseCheckout.create_checkout_session(session, purchase, success_url, cancel_url)
    console.print(f"Send this payment link to the sponsor:\n{url}")


@bulk_app.command("approve")
def bulk_approve(purchase_id: PurchaseArg) -> None:
    """Approve a pending purchase (comp deals can then be fulfilled without payment)."""
    from server.sponsors.service import BulkPurchaseService

    with unit_of_work(_session_factory()) as session:
        purchase = BulkPurchaseService.approve(session, BulkPurchaseService.lock(session, purchase_id))
        console.print(f"Bulk purchase #{purchase.id} approved.")


@bulk_app.command("fulfil")
def bulk_fulfil(purchase_id: PurchaseArg) -> None:
    """Generate the purchase's voucher codes (once; a fulfilled purchase is left as it is) and print them."""
    from server.sponsors.service import BulkPurchaseService

    with unit_of_work(_session_factory()) as session:
        purchase = BulkPurchaseService.lock(session, purchase_id)
        vouchers = BulkPurchaseService.fulfill_bulk_purchase(session, purchase)
        codes = [v.code for v in vouchers]
    if not codes:
        console.print(f"Bulk purchase #{purchase_id} was already fulfilled.")
        return
    console.print(f"Bulk purchase #{purchase_id}: {len(codes)} voucher codes")
    for code in codes:
        console.print(code)


@bulk_app.command("refund")
def bulk_refund(purchase_id: PurchaseArg) -> None:
    """Refund a purchase: its Stripe payment is refunded (if it was paid) and every code stops working."""
    from server.payments.gateway import StripeGateway
    from server.sponsors.models import BulkPurchase
    from server.sponsors.service import BulkPurchaseService

    # Read, ask Stripe with no transaction open (a slow answer must not stall every other writer),
    # then a short locked write. Stripe's own charge.refunded webhook may land in between: both
    # paths end in the same REFUNDED state, whichever comes first.
    factory = _session_factory()
    with unit_of_work(factory) as session:
        purchase = session.get(BulkPurchase, purchase_id)
        if purchase is None:
            raise _fail(f"No bulk purchase #{purchase_id}.")
        payment_intent = purchase.stripe_payment_intent_id
        gateway = StripeGateway(purchase.conference) if payment_intent else None
    if payment_intent:
        gateway.refund(payment_intent, None, idempotency_key=f"refund-bulk-purchase-{purchase_id}")
    with unit_of_work(factory) as session:
        deactivated = BulkPurchaseService.refund_bulk_purchase(session, BulkPurchaseService.lock(session, purchase_id))
    paid = " and its payment refunded through Stripe" if payment_intent else ""
    console.print(f"Bulk purchase #{purchase_id} refunded{paid}; {deactivated} voucher codes deactivated.")


@bulk_app.command("list")
def bulk_list(conference: ConferenceOpt) -> None:
    """A conference's bulk purchases with their state."""
    from server.conferences.service import get_conference
    from server.sponsors.models import BulkPurchase

    table = Table()
    for column in ("id", "sponsor", "quantity", "total", "status", "codes", "checkout session"):
        table.add_column(column)
    with unit_of_work(_session_factory()) as session:
        conf = get_conference(session, conference)
        for p in session.scalars(select(BulkPurchase).where(BulkPurchase.conference_id == conf.id)
                                 .order_by(BulkPurchase.id)):
            table.add_row(str(p.id), p.sponsor.name if p.sponsor else "-", str(p.quantity), str(p.total_amount),
                          p.payment_status.value, str(p.linked_voucher_count), p.stripe_checkout_session_id or "-")
    console.print(table)


@orders_app.command("refund")
def order_refund(
    reference: Annotated[str, typer.Argument(help="Order reference, ORD-….")],
    amount: Annotated[str, typer.Option(help="Amount to refund (default: all that is left).")] = "",
) -> None:
    """Refund an order through Stripe; a full refund stops its badges working at the door."""
    from server.conferences.service import parse_money
    from server.orders.models import OrderStatus
    from server.orders.service import get_order, lock_order, refund_order
    from server.payments.gateway import StripeGateway

    # Read, ask Stripe with no transaction open (a slow answer must not stall every other buyer),
    # then a short locked write that records the refund up to the total refunded after this one.
    # Stripe's charge.refunded webhook may record it first; then there is nothing left to record.
    factory = _session_factory()
    with unit_of_work(factory) as session:
        order = get_order(session, reference)
        if order.status not in (OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED):
            raise _fail(f"Order {reference} is {order.status.label.lower()}; only a paid order can be refunded.")
        refundable = order.total - order.amount_refunded
        value = parse_money(amount) if amount else refundable
        if value <= 0 or value > refundable:
            raise _fail(f"Refund amount must be more than 0 and at most {refundable} for order {reference}.")
        target = order.amount_refunded + value  # what will have been refunded after this one
        payment_intent = order.stripe_payment_intent_id
        gateway = StripeGateway(order.conference) if payment_intent else None
    if payment_intent:
        # Keyed by the target: a retry of the same refund is one refund at Stripe.
        gateway.refund(payment_intent, value if amount else None, idempotency_key=f"refund-order-{order.id}-{target}")
    with unit_of_work(factory) as session:
        order = lock_order(session, order.id)
        if order.amount_refunded < target:
            order = refund_order(session, order, target - order.amount_refunded)
        console.print(f"Order {reference}: refunded {order.amount_refunded} of {order.total}; now "
                      f"{order.status.value}.")


@orders_app.command("max-tickets")
def order_max_tickets(
    conference: ConferenceOpt,
    tickets: Annotated[int, typer.Argument(help="Tickets one order may hold (default 10).", min=1, max=1000)],
) -> None:
    """Set how many tickets one order may hold (the public order route refuses more)."""
    from server.conferences.service import get_conference

    with unit_of_work(_session_factory()) as session:
        get_conference(session, conference).max_tickets_per_order = tickets
    console.print(f"Orders for {conference} may now hold at most {tickets} tickets.")


@stripe_app.command("events")
def stripe_events(
    conference: ConferenceOpt,
    problems: Annotated[bool, typer.Option(help="Only events that failed or need a person.")] = False,
) -> None:
    """Webhook events received for a conference, newest first."""
    from server.conferences.service import get_conference
    from server.payments.models import StripeEvent

    table = Table()
    for column in ("event", "type", "received", "processed", "attempts", "note or error"):
        table.add_column(column, overflow="fold")
    with unit_of_work(_session_factory()) as session:
        query = select(StripeEvent).where(StripeEvent.conference_id == get_conference(session, conference).id)
        if problems:
            query = query.where((StripeEvent.processed_at.is_(None)) | (StripeEvent.last_error.is_not(None)))
        for event in session.scalars(query.order_by(StripeEvent.received_at.desc()).limit(200)):
            table.add_row(event.id, event.type, f"{event.received_at:%Y-%m-%d %H:%M:%S}",
                          f"{event.processed_at:%H:%M:%S}" if event.processed_at else "no", str(event.attempts),
                          event.last_error or "")
    console.print(table)


@stripe_app.command("retry")
def stripe_retry() -> None:
    """Apply again every recorded event whose handler failed (the server also does this every 30 s)."""
    from server.payments.webhooks import retry_unprocessed

    console.print(f"Applied {retry_unprocessed(_session_factory())} events.")

