"""A sponsor's (or the conference's own) bulk purchase of voucher codes, through its life: created →
paid, or approved as a comp → fulfilled (its codes generated) → refunded (its codes stop working),
or failed. Stripe's side lives in server.payments (checkout, webhooks, refunds)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from server.conferences.models import AddOn, Conference, TicketType
from server.errors import Conflict, InvalidInput, NotFound
from server.sponsors.models import BulkPurchase, BulkPurchaseStatus, BulkPurchaseVoucher, Sponsor
from server.vouchers.models import Voucher, VoucherType
from server.vouchers.service import VoucherBulkConfig, check_voucher_config, generate_voucher_codes
from shared.languages import N_, Marked

logger = logging.getLogger(__name__)


class BulkPurchaseError(Conflict):
    """Raised when a bulk purchase operation is not allowed in the purchase's state."""

    code = "bulk_purchase"


def state_word(purchase: BulkPurchase) -> Marked:
    """The purchase's state as its refusals quote it ('Pending'): the label the console shows, worded as it is there."""
    return Marked(purchase.payment_status.label)


MAX_USES = 1_000_000  # uses per code: far beyond any event, well inside the Integer column
_MAX_DISCOUNT = Decimal("99999999.99")  # the discount column is Numeric(12, 2)


class BulkVoucherConfig(BaseModel):
    """What the purchase's codes will be: the admin API's ``voucher_config``, what the console's form and
    the command line build, and (as JSON) the purchase's ``voucher_config`` column. The type and the
    discount may be missing until an organiser sets them: such a purchase is taken, but not fulfilled.
    Rules between fields (a percentage at most 100, a window that ends after it starts, the prefix's
    characters) are check_voucher_config's, run when the purchase is created."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    voucher_type: VoucherType | None = None
    discount_value: Decimal | None = Field(default=None, ge=0, le=_MAX_DISCOUNT)
    max_uses: int = Field(default=1, ge=1, le=MAX_USES)
    prefix: str | None = Field(default=None, description="Default: BULK-{SPONSOR}-, or BULK- without a sponsor.")
    valid_from: dt.datetime | None = Field(default=None, description="Without an offset: UTC.")
    valid_until: dt.datetime | None = Field(default=None, description="Without an offset: UTC.")
    unlocks_hidden_tickets: bool = False

    @field_validator("voucher_type", mode="before")
    @classmethod
    def _known_voucher_type(cls, value: object) -> object:
        # The refusal people have always read, rather than pydantic's "Input should be …".
        if value is None or isinstance(value, VoucherType):
            return value
        try:
            return VoucherType(str(value))
        except ValueError:
            raise ValueError(Marked(N_("Unknown voucher type '%(value)s'."), value=value)) from None

    @field_validator("valid_from", "valid_until")
    @classmethod
    def _utc_unless_said(cls, value: dt.datetime | None) -> dt.datetime | None:
        return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value

    @classmethod
    def parse(cls, values: Mapping[str, object]) -> BulkVoucherConfig:
        """A configuration from loose values (a form, the command line, the stored JSON); a refusal is an
        InvalidInput that names the field."""
        try:
            return cls.model_validate(values)
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(part) for part in first["loc"])
            cause = first.get("ctx", {}).get("error")
            # This model's own refusals are written for people and name their field; pydantic's get it named.
            # (the cause's own text, not str() of it: a Marked refusal keeps its words for a page)
            message = cause.args[0] if first["type"] == "value_error" and cause is not None and cause.args \
                else f"{field}: {first['msg']}"
            raise InvalidInput(message, code="invalid_voucher_config") from None

    @classmethod
    def from_json(cls, stored: Mapping[str, Any] | None) -> BulkVoucherConfig:
        """Read what the column holds. Rows written before this type existed may carry keys it does not
        know (ignored) or an empty type or date (unset, as they were always read)."""
        stored = stored if isinstance(stored, Mapping) else {}
        return cls.parse({key: value for key, value in stored.items() if key in cls.model_fields
                          and value is not None and not (value == "" and key != "prefix")})

    def to_json(self) -> dict[str, Any]:
        """What the column stores: the fields set, as JSON (a Decimal and a datetime as strings)."""
        return self.model_dump(mode="json", exclude_none=True)

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
            problems.append(Marked(N_("Ticket type must belong to the same conference as the bulk purchase.")))
        elif not purchase.ticket_type.bulk_enabled:
            problems.append(Marked(N_("This ticket type does not have bulk purchasing enabled.")))
    if purchase.addon is not None:
        if purchase.addon.conference_id != purchase.conference_id:
            problems.append(Marked(N_("Add-on must belong to the same conference as the bulk purchase.")))
        elif not purchase.addon.bulk_enabled:
            problems.append(Marked(N_("This add-on does not have bulk purchasing enabled.")))
    if purchase.sponsor is not None and purchase.sponsor.conference_id != purchase.conference_id:
        problems.append(Marked(N_("Sponsor must belong to the same conference as the bulk purchase.")))
    if problems:
        raise InvalidInput(Marked.joined(" ", problems), code="invalid_bulk_purchase")


def _voucher_bulk_config(config: BulkVoucherConfig, bp: BulkPurchase, conference: Conference) -> VoucherBulkConfig:
    """The batch of vouchers ``config`` asks for, for purchase ``bp``; default prefix BULK-{SPONSOR}- or BULK-."""
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
    voucher_config: BulkVoucherConfig | None = None,
    addon: AddOn | None = None,
    *,
    conference: Conference | None = None,
) -> BulkPurchase:
    """A new purchase in PENDING state, for a sponsor, or for ``conference`` directly without one.

    Its conference is the one given, else the sponsor's. validate_bulk_purchase runs before it is
    added to the session: a refused purchase writes nothing.
    """
    if quantity < 1:
        raise BulkPurchaseError(Marked(N_("Quantity must be at least 1.")))
    if unit_price < Decimal("0.00"):
        raise BulkPurchaseError(Marked(N_("Unit price cannot be negative.")))
    if conference is not None:
        conference_id = conference.id
    elif sponsor is not None:
        conference_id = sponsor.conference_id
    else:
        raise InvalidInput(Marked(N_("A bulk purchase needs a sponsor or a conference.")))
    config = voucher_config if voucher_config is not None else BulkVoucherConfig()
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
        voucher_config=config.to_json(),
    )
    validate_bulk_purchase(purchase)
    if config.complete:
        # Its codes are generated only once it is paid: a configuration they cannot be generated
        # with (more than 500 codes, a window ending before it starts) must be refused now, not
        # discovered after the sponsor's money has arrived.
        try:
            check_voucher_config(_voucher_bulk_config(
                config, purchase, conference if conference is not None else session.get_one(Conference, conference_id)))
        except InvalidInput as error:
            raise InvalidInput(Marked(N_("The voucher codes of this purchase could not be generated: %(problem)s"),
                                      problem=error.message), code="invalid_voucher_config") from None
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
        raise NotFound(Marked(N_("No bulk purchase #%(number)s."), number=purchase_id))
    return session.get_one(BulkPurchase, purchase_id, populate_existing=True)


def approve(session: Session, bulk_purchase: BulkPurchase) -> BulkPurchase:
    """PENDING → APPROVED: an organiser's sign-off; comp deals (total 0) can then be fulfilled without payment."""
    purchase = lock(session, bulk_purchase.id)
    if purchase.payment_status is not BulkPurchaseStatus.PENDING:
        raise BulkPurchaseError(Marked(N_("Cannot approve purchase in '%(state)s' state."), state=state_word(purchase)))
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
        raise BulkPurchaseError(Marked(N_("Cannot fulfill BulkPurchase #%(number)s in '%(state)s' state."),
                                       number=bp.id, state=state_word(bp)))
    if bp.payment_status is BulkPurchaseStatus.APPROVED and bp.total_amount > Decimal(0):
        raise BulkPurchaseError(Marked(N_(
            "Cannot fulfill BulkPurchase #%(number)s: payment must be completed first. "
            "Only comp deals (total_amount=0) can be fulfilled from APPROVED state."), number=bp.id))
    config = BulkVoucherConfig.from_json(bp.voucher_config)
    if not config.complete:
        raise BulkPurchaseError(Marked(N_(
            "Cannot fulfill BulkPurchase #%(number)s: voucher_config is missing "
            "required fields (voucher_type, discount_value). "
            "Configure these via the manage dashboard before fulfillment."), number=bp.id))
    vouchers = generate_voucher_codes(session, _voucher_bulk_config(config, bp, bp.conference))
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
        raise BulkPurchaseError(Marked(N_("Cannot mark purchase in '%(state)s' state as failed; only a pending or "
                                          "processing purchase can fail."), state=state_word(purchase)))
    session.refresh(purchase)
    return purchase
