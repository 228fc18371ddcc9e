"""A sponsor's (or the conference's own) bulk purchase of voucher codes, through its life: created →
paid, or approved as a comp → fulfilled (its codes generated) → refunded (its codes stop working),
or failed. Stripe's side lives in server.payments (checkout, webhooks, refunds)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from server.conferences.models import AddOn, Conference, TicketType
from server.errors import Conflict, InvalidInput, NotFound
from server.sponsors.models import BulkPurchase, BulkPurchaseStatus, BulkPurchaseVoucher, Sponsor
from server.vouchers.models import Voucher, VoucherType
from server.vouchers.service import VoucherBulkConfig, check_voucher_config, generate_voucher_codes

logger = logging.getLogger(__name__)


class BulkPurchaseError(Conflict):
    """Raised when a bulk purchase operation is not allowed in the purchase's state."""

    code = "bulk_purchase"


def _parse_datetime(value: object) -> dt.datetime | None:
    """voucher_config is JSON, so datetimes arrive as ISO strings."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        parsed = dt.datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    return None


@dataclass(frozen=True)
class BulkVoucherConfig:
    """What the purchase's codes will be, as its ``voucher_config`` (JSON) says. The type and the discount
    may be missing until an organiser sets them: such a purchase is taken, but not fulfilled."""

    voucher_type: VoucherType | None = None
    discount_value: Decimal | None = None
    max_uses: int = 1
    prefix: str | None = None  # default: BULK-{SPONSOR}- or BULK-
    valid_from: dt.datetime | None = None
    valid_until: dt.datetime | None = None
    unlocks_hidden_tickets: bool = False

    @classmethod
    def from_json(cls, config: Mapping[str, Any] | None) -> BulkVoucherConfig:
        """Read what the column (or a request) holds; an unknown voucher type is refused."""
        config = config if isinstance(config, Mapping) else {}
        voucher_type = None
        if config.get("voucher_type"):
            try:
                voucher_type = VoucherType(config["voucher_type"])
            except ValueError:
                raise InvalidInput(f"Unknown voucher type '{config['voucher_type']}'.") from None
        discount = config.get("discount_value")
        return cls(
            voucher_type=voucher_type,
            discount_value=None if discount is None else Decimal(str(discount)),
            max_uses=int(config.get("max_uses", 1)),
            prefix=None if config.get("prefix") is None else str(config["prefix"]),
            valid_from=_parse_datetime(config.get("valid_from")),
            valid_until=_parse_datetime(config.get("valid_until")),
            unlocks_hidden_tickets=bool(config.get("unlocks_hidden_tickets", False)),
        )

    @property
    def complete(self) -> bool:
        """Its codes can be generated: it names their type and discount."""
        return self.voucher_type is not None and self.discount_value is not None


def validate_bulk_purchase(purchase: BulkPurchase) -> None:
    """The bulk purchase rule, on its own so that it can be run before
    anything is written: its products and sponsor belong to its conference, and its products may be
    bought in bulk. Every problem is named at once."""
    problems = []
    if purchase.ticket_type is not None:
        if purchase.ticket_type.conference_id != purchase.conference_id:
            problems.append("Ticket type must belong to the same conference as the bulk purchase.")
        elif not purchase.ticket_type.bulk_enabled:
            problems.append("This ticket type does not have bulk purchasing enabled.")
    if purchase.addon is not None:
        if purchase.addon.conference_id != purchase.conference_id:
            problems.append("Add-on must belong to the same conference as the bulk purchase.")
        elif not purchase.addon.bulk_enabled:
            problems.append("This add-on does not have bulk purchasing enabled.")
    if purchase.sponsor is not None and purchase.sponsor.conference_id != purchase.conference_id:
        problems.append("Sponsor must belong to the same conference as the bulk purchase.")
    if problems:
        raise InvalidInput(" ".join(problems), code="invalid_bulk_purchase")


def _voucher_bulk_config(bp: BulkPurchase, conference: Conference) -> VoucherBulkConfig:
    """The batch of vouchers a purchase's voucher_config asks for; default prefix BULK-{SPONSOR}- or BULK-."""
    config = BulkVoucherConfig.from_json(bp.voucher_config)
    sponsor_slug = (bp.sponsor.slug or "").upper() if bp.sponsor else ""
    return VoucherBulkConfig(
        conference=conference,
        prefix=config.prefix if config.prefix is not None else (f"BULK-{sponsor_slug}-" if sponsor_slug else "BULK-"),
        count=bp.quantity,
        voucher_type=str(config.voucher_type or VoucherType.COMP),
        discount_value=config.discount_value if config.discount_value is not None else Decimal(0),
        max_uses=config.max_uses,
        valid_from=config.valid_from,
        valid_until=config.valid_until,
        unlocks_hidden_tickets=config.unlocks_hidden_tickets,
        applicable_ticket_types=[bp.ticket_type] if bp.ticket_type is not None else None,
        applicable_addons=[bp.addon] if bp.addon is not None else None,
    )


def create_bulk_purchase(
    session: Session,
    sponsor: Sponsor | None,
    quantity: int,
    ticket_type: TicketType | None,
    unit_price: Decimal,
    requested_by: str = "",
    voucher_config: dict[str, Any] | None = None,
    addon: AddOn | None = None,
    *,
    conference: Conference | None = None,
) -> BulkPurchase:
    """A new purchase in PENDING state, for a sponsor, or for ``conference`` directly without one.

    Its conference is the one given, else the sponsor's. validate_bulk_purchase runs before it is
    added to the session: a refused purchase writes nothing.
    """
    if quantity < 1:
        raise BulkPurchaseError("Quantity must be at least 1.")
    if unit_price < Decimal("0.00"):
        raise BulkPurchaseError("Unit price cannot be negative.")
    if conference is not None:
        conference_id = conference.id
    elif sponsor is not None:
        conference_id = sponsor.conference_id
    else:
        raise InvalidInput("A bulk purchase needs a sponsor or a conference.")
    config = dict(voucher_config or {})
    if "voucher_type" in config:
        try:
            VoucherType(config["voucher_type"])
        except ValueError:
            raise InvalidInput(f"Unknown voucher type '{config['voucher_type']}'.") from None
    product_description = f"{quantity}x {ticket_type.name} voucher codes" if ticket_type is not None else ""
    purchase = BulkPurchase(
        conference_id=conference_id,
        sponsor=sponsor,
        quantity=quantity,
        ticket_type=ticket_type,
        addon=addon,
        unit_price=unit_price,
        total_amount=unit_price * quantity,
        product_description=product_description,
        payment_status=BulkPurchaseStatus.PENDING,
        requested_by=requested_by,
        voucher_config=config,
    )
    validate_bulk_purchase(purchase)
    if config.get("voucher_type") and config.get("discount_value") is not None:
        # Its codes are generated only once it is paid: a configuration they cannot be generated
        # with (more than 500 codes, a window ending before it starts) must be refused now, not
        # discovered after the sponsor's money has arrived.
        try:
            check_voucher_config(_voucher_bulk_config(
                purchase, conference if conference is not None else session.get_one(Conference, conference_id)))
        except (InvalidInput, ValueError, ArithmeticError, TypeError) as error:
            reason = error.message if isinstance(error, InvalidInput) else str(error)
            raise InvalidInput(f"The voucher codes of this purchase could not be generated: {reason}",
                               code="invalid_voucher_config") from None
    session.add(purchase)
    session.flush()
    return purchase


def lock(session: Session, purchase_id: int) -> BulkPurchase:
    """Row-lock the purchase, then load it (with its voucher count) in a fresh statement.

    Two statements on purpose: on PostgreSQL (READ COMMITTED) a ``SELECT … FOR UPDATE`` that
    had to wait re-reads the locked row but evaluates subqueries such as the linked-voucher
    count on its old snapshot, so a second fulfilment would see "0 vouchers" and run again.
    """
    if session.scalar(select(BulkPurchase.id).where(BulkPurchase.id == purchase_id).with_for_update()) is None:
        raise NotFound(f"No bulk purchase #{purchase_id}.")
    return session.get_one(BulkPurchase, purchase_id, populate_existing=True)


def approve(session: Session, bulk_purchase: BulkPurchase) -> BulkPurchase:
    """PENDING → APPROVED: an organiser's sign-off; comp deals (total 0) can then be fulfilled without payment."""
    purchase = lock(session, bulk_purchase.id)
    if purchase.payment_status is not BulkPurchaseStatus.PENDING:
        raise BulkPurchaseError(f"Cannot approve purchase in '{purchase.payment_status.label}' state.")
    purchase.payment_status = BulkPurchaseStatus.APPROVED
    session.flush()
    return purchase


def fulfill_bulk_purchase(session: Session, bulk_purchase: BulkPurchase) -> list[Voucher]:
    """Generate the purchase's voucher codes. Idempotent: an already fulfilled purchase yields [].

    The purchase row is locked first, so two deliveries of the same payment webhook (or a
    webhook racing the admin's "fulfil" button) generate the vouchers exactly once.
    """
    bp = lock(session, bulk_purchase.id)
    if bp.is_fulfilled and bp.payment_status is BulkPurchaseStatus.PAID:
        logger.info("BulkPurchase #%s already fulfilled, skipping", bp.id)
        return []
    if bp.payment_status not in (BulkPurchaseStatus.APPROVED, BulkPurchaseStatus.PROCESSING, BulkPurchaseStatus.PAID):
        raise BulkPurchaseError(f"Cannot fulfill BulkPurchase #{bp.id} in '{bp.payment_status.label}' state.")
    if bp.payment_status is BulkPurchaseStatus.APPROVED and bp.total_amount > Decimal(0):
        raise BulkPurchaseError(
            f"Cannot fulfill BulkPurchase #{bp.id}: payment must be completed first. "
            f"Only comp deals (total_amount=0) can be fulfilled from APPROVED state."
        )
    if not BulkVoucherConfig.from_json(bp.voucher_config).complete:
        raise BulkPurchaseError(
            f"Cannot fulfill BulkPurchase #{bp.id}: voucher_config is missing "
            f"required fields (voucher_type, discount_value). "
            f"Configure these via the manage dashboard before fulfillment."
        )
    vouchers = generate_voucher_codes(session, _voucher_bulk_config(bp, bp.conference))
    session.add_all(BulkPurchaseVoucher(bulk_purchase_id=bp.id, voucher_id=v.id) for v in vouchers)
    bp.payment_status = BulkPurchaseStatus.PAID
    session.flush()
    session.refresh(bp, ["linked_voucher_count"])
    sponsor_name = bp.sponsor.name if bp.sponsor else "No sponsor"
    logger.info("Fulfilled BulkPurchase #%s: generated %d voucher codes for sponsor %s", bp.id, len(vouchers), sponsor_name)
    return vouchers


def refund_bulk_purchase(session: Session, bulk_purchase: BulkPurchase) -> int:
    """→ REFUNDED, and every voucher it generated stops working. Returns how many were deactivated."""
    bp = lock(session, bulk_purchase.id)
    bp.payment_status = BulkPurchaseStatus.REFUNDED
    voucher_ids = select(BulkPurchaseVoucher.voucher_id).where(BulkPurchaseVoucher.bulk_purchase_id == bp.id)
    deactivated = cast(CursorResult[Any], session.execute(  # an UPDATE's result: a cursor's, with its rowcount
        update(Voucher).where(Voucher.id.in_(voucher_ids), Voucher.is_active.is_(True)).values(is_active=False)
    )).rowcount
    session.flush()
    logger.info("Refunded BulkPurchase #%s: deactivated %d vouchers", bp.id, deactivated)
    return deactivated


def mark_failed(session: Session, bulk_purchase: BulkPurchase) -> bool:
    """PENDING/PROCESSING → FAILED; never overwrites a purchase already paid or refunded. True if it changed."""
    updated = cast(CursorResult[Any], session.execute(  # an UPDATE's result: a cursor's, with its rowcount
        update(BulkPurchase)
        .where(
            BulkPurchase.id == bulk_purchase.id,
            BulkPurchase.payment_status.in_([BulkPurchaseStatus.PENDING, BulkPurchaseStatus.PROCESSING]),
        )
        .values(payment_status=BulkPurchaseStatus.FAILED)
    )).rowcount
    if updated:
        logger.info("Marked BulkPurchase #%s as FAILED", bulk_purchase.id)
    else:
        logger.info("Skipped marking BulkPurchase #%s as FAILED (current status is not PENDING/PROCESSING)", bulk_purchase.id)
    return bool(updated)


def mark_failed_by_hand(session: Session, bulk_purchase: BulkPurchase) -> BulkPurchase:
    """The console's "mark failed": only a pending or processing purchase fails (a paid or refunded one is
    never overwritten, whatever Stripe says late), and a refusal is said rather than skipped quietly."""
    purchase = lock(session, bulk_purchase.id)
    if not mark_failed(session, purchase):
        raise BulkPurchaseError(f"Cannot mark purchase in '{purchase.payment_status.label}' state as failed; "
                                f"only a pending or processing purchase can fail.")
    session.refresh(purchase)
    return purchase
