"""``doorstation bulk-purchases|orders|stripe …``: money. The rules live in server.payments; these only ask and print."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from doorstation.commands.common import ConferenceOpt, console, session_factory
from server.db.engine import unit_of_work

bulk_app = typer.Typer(help="Sponsor bulk purchases of voucher codes: create, pay, approve, fulfil, refund.",
                       no_args_is_help=True)
orders_app = typer.Typer(help="Orders: refunds, tickets per order.", no_args_is_help=True)
stripe_app = typer.Typer(help="Stripe webhook events: list them, retry the ones that failed.", no_args_is_help=True)

PurchaseArg = Annotated[int, typer.Argument(help="Bulk purchase id (see `bulk-purchases list`).")]


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
    from server.sponsors import bulk_purchases
    from server.sponsors.service import get_sponsor

    with unit_of_work(session_factory()) as session:
        conf = get_conference(session, conference)
        owner = get_sponsor(session, conf, sponsor) if sponsor else None
        config = bulk_purchases.BulkVoucherConfig.parse({
            "voucher_type": voucher_type, "discount_value": discount, "max_uses": max_uses, "prefix": prefix or None})
        purchase = bulk_purchases.create_bulk_purchase(
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
    from server.payments.checkout import start_bulk_purchase_checkout

    url = start_bulk_purchase_checkout(session_factory(), purchase_id, success_url=success_url, cancel_url=cancel_url)
    console.print(f"Send this payment link to the sponsor:\n{url}")


@bulk_app.command("approve")
def bulk_approve(purchase_id: PurchaseArg) -> None:
    """Approve a pending purchase (comp deals can then be fulfilled without payment)."""
    from server.sponsors import bulk_purchases

    with unit_of_work(session_factory()) as session:
        purchase = bulk_purchases.approve(session, bulk_purchases.lock(session, purchase_id))
        console.print(f"Bulk purchase #{purchase.id} approved.")


@bulk_app.command("fulfil")
def bulk_fulfil(purchase_id: PurchaseArg) -> None:
    """Generate the purchase's voucher codes (once; a fulfilled purchase is left as it is) and print them."""
    from server.sponsors import bulk_purchases

    with unit_of_work(session_factory()) as session:
        purchase = bulk_purchases.lock(session, purchase_id)
        vouchers = bulk_purchases.fulfill_bulk_purchase(session, purchase)
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
    from server.payments.service import refund_bulk_purchase_through_stripe

    refund = refund_bulk_purchase_through_stripe(session_factory(), purchase_id)
    paid = " and its payment refunded through Stripe" if refund.paid_through_stripe else ""
    console.print(f"Bulk purchase #{purchase_id} refunded{paid}; {refund.codes_deactivated} voucher codes deactivated.")


@bulk_app.command("list")
def bulk_list(conference: ConferenceOpt) -> None:
    """A conference's bulk purchases with their state."""
    from server.conferences.service import get_conference
    from server.sponsors.repository import bulk_purchases

    table = Table()
    for column in ("id", "sponsor", "quantity", "total", "status", "codes", "checkout session"):
        table.add_column(column)
    with unit_of_work(session_factory()) as session:
        conf = get_conference(session, conference)
        for p in bulk_purchases(session, conf.id):
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
    from server.payments.service import refund_order_through_stripe

    refunded = refund_order_through_stripe(session_factory(), reference, parse_money(amount) if amount else None)
    order = refunded.order
    console.print(f"Order {reference}: refunded {order.amount_refunded} of {order.total}; now {order.status.value}. "
                  f"Stripe's refund {refunded.stripe_refund_id} of {refunded.amount}: {refunded.stripe_status}.")


@orders_app.command("max-tickets")
def order_max_tickets(
    conference: ConferenceOpt,
    tickets: Annotated[int, typer.Argument(help="Tickets one order may hold (default 10).", min=1, max=1000)],
) -> None:
    """Set how many tickets one order may hold (the public order route refuses more)."""
    from server.conferences.service import get_conference

    with unit_of_work(session_factory()) as session:
        get_conference(session, conference).max_tickets_per_order = tickets
    console.print(f"Orders for {conference} may now hold at most {tickets} tickets.")


@stripe_app.command("events")
def stripe_events(
    conference: ConferenceOpt,
    problems: Annotated[bool, typer.Option(help="Only events that failed or need a person.")] = False,
) -> None:
    """Webhook events received for a conference, newest first."""
    from server.conferences.service import get_conference
    from server.payments.repository import stripe_events

    table = Table()
    for column in ("event", "type", "received", "processed", "attempts", "note or error"):
        table.add_column(column, overflow="fold")
    with unit_of_work(session_factory()) as session:
        for event in stripe_events(session, get_conference(session, conference).id, problems_only=problems):
            table.add_row(event.id, event.type, f"{event.received_at:%Y-%m-%d %H:%M:%S}",
                          f"{event.processed_at:%H:%M:%S}" if event.processed_at else "no", str(event.attempts),
                          event.last_error or "")
    console.print(table)


@stripe_app.command("retry")
def stripe_retry() -> None:
    """Apply again every recorded event whose handler failed (the server also does this every 30 s)."""
    from server.payments.webhooks import retry_unprocessed

    console.print(f"Applied {retry_unprocessed(session_factory())} events.")

