"""Sponsor bulk purchases of voucher codes (reference behaviour, Stripe checkout lives in payments)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from decimal import Decimal
from types import EllipsisType
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from server.conferences.models import AddOn, Conference, TicketType
from server.conferences.service import check_slug, parse_money
from server.errors import Conflict, InvalidInput, NotFound
from server.sponsors.models import (
    BulkPurchase,
    BulkPurchaseStatus,
    BulkPurchaseVoucher,
    Sponsor,
    SponsorLevel,
)
from server.vouchers.models import Voucher, VoucherType
from server.vouchers.service import VoucherBulkConfig, check_voucher_config, generate_voucher_codes
from shared.email_address import is_email_address

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


def slug_from_name(name: str) -> str:
    """``Widget Works`` → ``widget-works``: ASCII letters and digits, every other run of characters one dash."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:63].rstrip("-")


def validate_sponsor(sponsor: Sponsor) -> None:
    """The sponsor rule, run on create and on every edit (reference: the model's clean())."""
    if not sponsor.name:
        raise InvalidInput("A sponsor needs a name.")
    if len(sponsor.name) > 200:
        raise InvalidInput("A sponsor's name is at most 200 characters.")
    if sponsor.contact_email and not is_email_address(sponsor.contact_email):
        raise InvalidInput(f"'{sponsor.contact_email}' is not an email address.")
    if sponsor.level is not None and sponsor.level.conference_id != sponsor.conference_id:
        raise InvalidInput("Sponsor level must belong to the same conference as the sponsor.", code="wrong_conference")


def create_sponsor(
    session: Session, conference: Conference, *, name: str, slug: str | None = None,
    level: SponsorLevel | None = None, contact_email: str = "",
) -> Sponsor:
    """A sponsor of the conference; without a slug, one is made from the name (lowercase, words joined by hyphens)."""
    name = name.strip()
    if not name:
        raise InvalidInput("A sponsor needs a name.")
    if not slug:
        slug = slug_from_name(name)
        if not slug:
            raise InvalidInput(f"No slug can be made from the name '{name}'; give one.")
    check_slug(slug, "sponsor slug")
    _refuse_taken_sponsor_slug(session, conference, slug)
    sponsor = Sponsor(conference_id=conference.id, conference=conference, name=name, slug=slug, level=level,
                      contact_email=contact_email.strip())
    validate_sponsor(sponsor)
    session.add(sponsor)
    session.flush()
    return sponsor


def update_sponsor(
    session: Session, sponsor: Sponsor, *, name: str | None = None, slug: str | None = None,
    level: SponsorLevel | None | EllipsisType = ..., contact_email: str | None = None,
) -> Sponsor:
    """Change what is given (``level=None`` removes the level; leave it out to keep it)."""
    if name is not None:
        sponsor.name = name.strip()
    if slug is not None and slug != sponsor.slug:
        check_slug(slug, "sponsor slug")
        _refuse_taken_sponsor_slug(session, sponsor.conference, slug)
        sponsor.slug = slug
    if level is not ...:
        sponsor.level = level
    if contact_email is not None:
        sponsor.contact_email = contact_email.strip()
    validate_sponsor(sponsor)
    session.flush()
    return sponsor


def _refuse_taken_sponsor_slug(session: Session, conference: Conference, slug: str) -> None:
    if session.scalar(select(Sponsor.id).where(Sponsor.conference_id == conference.id, Sponsor.slug == slug)):
        raise Conflict(f"Sponsor '{slug}' already exists in {conference.slug}.", code="duplicate_slug")


def list_sponsors(session: Session, conference: Conference) -> list[Sponsor]:
    return list(session.scalars(select(Sponsor).where(Sponsor.conference_id == conference.id).order_by(Sponsor.name)))


def get_sponsor(session: Session, conference: Conference, slug: str) -> Sponsor:
    sponsor = session.scalar(select(Sponsor).where(Sponsor.conference_id == conference.id, Sponsor.slug == slug))
    if sponsor is None:
        raise NotFound(f"No sponsor '{slug}' in {conference.slug}.")
    return sponsor


def _check_level_fields(name: str | None, cost: Decimal | str | None, comp_badges: int | None):
    if name is not None and not name.strip():
        raise InvalidInput("A sponsor level needs a name.")
    if name is not None and len(name.strip()) > 100:
        raise InvalidInput("A sponsor level's name is at most 100 characters.")
    if comp_badges is not None and comp_badges < 0:
        raise InvalidInput("Comp badges must be zero or more.")
    return parse_money(cost, "cost") if cost is not None else None


def _refuse_taken_level_name(session: Session, conference: Conference, name: str) -> None:
    if session.scalar(select(SponsorLevel.id).where(SponsorLevel.conference_id == conference.id,
                                                    SponsorLevel.name == name)):
        raise Conflict(f"Sponsor level '{name}' already exists in {conference.slug}.", code="duplicate_name")


def create_sponsor_level(
    session: Session, conference: Conference, *, name: str, cost: Decimal | str = Decimal("0.00"), comp_badges: int = 0,
) -> SponsorLevel:
    """A sponsorship tier (Gold, Silver…): what it costs and how many comp badges come with it."""
    amount = _check_level_fields(name, cost, comp_badges)
    _refuse_taken_level_name(session, conference, name.strip())
    level = SponsorLevel(conference_id=conference.id, name=name.strip(), cost=amount, comp_badges=comp_badges)
    session.add(level)
    session.flush()
    return level


def update_sponsor_level(
    session: Session, level: SponsorLevel, *, name: str | None = None, cost: Decimal | str | None = None,
    comp_badges: int | None = None,
) -> SponsorLevel:
    """Change what is given."""
    amount = _check_level_fields(name, cost, comp_badges)
    if name is not None and name.strip() != level.name:
        _refuse_taken_level_name(session, session.get_one(Conference, level.conference_id), name.strip())
        level.name = name.strip()
    if amount is not None:
        level.cost = amount
    if comp_badges is not None:
        level.comp_badges = comp_badges
    session.flush()
    return level


def list_sponsor_levels(session: Session, conference: Conference) -> list[SponsorLevel]:
    return list(session.scalars(select(SponsorLevel).where(SponsorLevel.conference_id == conference.id)
                                .order_by(SponsorLevel.cost.desc(), SponsorLevel.name)))


def get_sponsor_level(session: Session, conference: Conference, name_or_id: str | int) -> SponsorLevel:
    """A level by name within the conference, or by id (which may be another conference's: the sponsor
    rule then refuses it: a sponsor's level must be one of its own conference's)."""
    level = None
    if isinstance(name_or_id, int) or str(name_or_id).isdigit():
        level = session.get(SponsorLevel, int(name_or_id))
    if level is None:
        level = session.scalar(select(SponsorLevel).where(SponsorLevel.conference_id == conference.id,
                                                          SponsorLevel.name == str(name_or_id)))
    if level is None:
        raise NotFound(f"No sponsor level '{name_or_id}' in {conference.slug}.")
    return level


def validate_bulk_purchase(purchase: BulkPurchase) -> None:
    """The bulk purchase rule (reference: the model's clean()), on its own so that it can be run before
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
    """The batch of vouchers a purchase's voucher_config (JSON) asks for; default prefix BULK-{SPONSOR}- or BULK-."""
    vc = bp.voucher_config if isinstance(bp.voucher_config, dict) else {}
    sponsor_slug = (bp.sponsor.slug or "").upper() if bp.sponsor else ""
    return VoucherBulkConfig(
        conference=conference,
        prefix=str(vc.get("prefix", f"BULK-{sponsor_slug}-" if sponsor_slug else "BULK-")),
        count=bp.quantity,
        voucher_type=str(vc.get("voucher_type", VoucherType.COMP)),
        discount_value=Decimal(str(vc.get("discount_value", 0))),
        max_uses=int(vc.get("max_uses", 1)),
        valid_from=_parse_datetime(vc.get("valid_from")),
        valid_until=_parse_datetime(vc.get("valid_until")),
        unlocks_hidden_tickets=bool(vc.get("unlocks_hidden_tickets", False)),
        applicable_ticket_types=[bp.ticket_type] if bp.ticket_type is not None else None,
        applicable_addons=[bp.addon] if bp.addon is not None else None,
    )


class BulkPurchaseService:
    """The lifecycle of a sponsor's bulk voucher purchase: create → pay (or approve a comp) → fulfil → refund."""

    @staticmethod
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

    @staticmethod
    def lock(session: Session, purchase_id: int) -> BulkPurchase:
        """Row-lock the purchase, then load it (with its voucher count) in a fresh statement.

        Two statements on purpose: on PostgreSQL (READ COMMITTED) a ``SELECT … FOR UPDATE`` that
        had to wait re-reads the locked row but evaluates subqueries such as the linked-voucher
        count on its old snapshot, so a second fulfilment would see "0 vouchers" and run again.
        """
        if session.scalar(select(BulkPurchase.id).where(BulkPurchase.id == purchase_id).with_for_update()) is None:
            raise NotFound(f"No bulk purchase #{purchase_id}.")
        return session.get_one(BulkPurchase, purchase_id, populate_existing=True)

    @staticmethod
    def approve(session: Session, bulk_purchase: BulkPurchase) -> BulkPurchase:
        """PENDING → APPROVED: an organiser's sign-off; comp deals (total 0) can then be fulfilled without payment."""
        purchase = BulkPurchaseService.lock(session, bulk_purchase.id)
        if purchase.payment_status is not BulkPurchaseStatus.PENDING:
            raise BulkPurchaseError(f"Cannot approve purchase in '{purchase.payment_status.label}' state.")
        purchase.payment_status = BulkPurchaseStatus.APPROVED
        session.flush()
        return purchase

    @staticmethod
    def fulfill_bulk_purchase(session: Session, bulk_purchase: BulkPurchase) -> list[Voucher]:
        """Generate the purchase's voucher codes. Idempotent: an already fulfilled purchase yields [].

        The purchase row is locked first, so two deliveries of the same payment webhook (or a
        webhook racing the admin's "fulfil" button) generate the vouchers exactly once.
        """
        bp = BulkPurchaseService.lock(session, bulk_purchase.id)
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
        vc = bp.voucher_config if isinstance(bp.voucher_config, dict) else {}
        if not vc.get("voucher_type") or vc.get("discount_value") is None:
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

    @staticmethod
    def refund_bulk_purchase(session: Session, bulk_purchase: BulkPurchase) -> int:
        """→ REFUNDED, and every voucher it generated stops working. Returns how many were deactivated."""
        bp = BulkPurchaseService.lock(session, bulk_purchase.id)
        bp.payment_status = BulkPurchaseStatus.REFUNDED
        voucher_ids = select(BulkPurchaseVoucher.voucher_id).where(BulkPurchaseVoucher.bulk_purchase_id == bp.id)
        deactivated = cast(CursorResult[Any], session.execute(  # an UPDATE's result: a cursor's, with its rowcount
            update(Voucher).where(Voucher.id.in_(voucher_ids), Voucher.is_active.is_(True)).values(is_active=False)
        )).rowcount
        session.flush()
        logger.info("Refunded BulkPurchase #%s: deactivated %d vouchers", bp.id, deactivated)
        return deactivated

    @staticmethod
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

    @staticmethod
    def mark_failed_by_hand(session: Session, bulk_purchase: BulkPurchase) -> BulkPurchase:
        """The console's "mark failed": only a pending or processing purchase fails (a paid or refunded one is
        never overwritten, whatever Stripe says late), and a refusal is said rather than skipped quietly."""
        purchase = BulkPurchaseService.lock(session, bulk_purchase.id)
        if not BulkPurchaseService.mark_failed(session, purchase):
            raise BulkPurchaseError(f"Cannot mark purchase in '{purchase.payment_status.label}' state as failed; "
                                    f"only a pending or processing purchase can fail.")
        session.refresh(purchase)
        return purchase
