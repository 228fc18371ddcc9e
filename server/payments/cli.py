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
orders_app = typer.Typer(help="Orders: refunds.", no_args_is_help=True)
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
    from server.sponsors.service import BulkPurchaseCheckout, BulkPurchaseService

    with unit_of_work(_session_factory()) as session:
        purchase = BulkPurchaseService.lock(session, purchase_id)
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
    from server.sponsors.service import BulkPurchaseService

    with unit_of_work(_session_factory()) as session:
        purchase = BulkPurchaseService.lock(session, purchase_id)
        if purchase.stripe_payment_intent_id:
            StripeGateway(purchase.conference).refund(purchase.stripe_payment_intent_id, None,
                                                      idempotency_key=f"refund-bulk-purchase-{purchase.id}")
        deactivated = BulkPurchaseService.refund_bulk_purchase(session, purchase)
    paid = " and its payment refunded through Stripe" if purchase.stripe_payment_intent_id else ""
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
    from server.orders.service import get_order, lock_order, refund_order
    from server.payments.gateway import StripeGateway

    with unit_of_work(_session_factory()) as session:
        order = lock_order(session, get_order(session, reference).id)
        value = parse_money(amount) if amount else None
        if order.stripe_payment_intent_id:
            refundable = order.total - order.amount_refunded
            # Keyed by what will have been refunded after this one: a retry of the same refund is one refund.
            after = order.amount_refunded + (value if value is not None else refundable)
            StripeGateway(order.conference).refund(order.stripe_payment_intent_id, value,
                                                   idempotency_key=f"refund-order-{order.id}-{after}")
        order = refund_order(session, order, value)
        console.print(f"Order {reference}: refunded {order.amount_refunded} of {order.total}; now "
                      f"{order.status.value}.")


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

