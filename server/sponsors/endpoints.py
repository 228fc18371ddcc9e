"""Admin routes for sponsors, sponsor levels and bulk purchases of voucher codes (admin token required)."""

from __future__ import annotations

from decimal import Decimal
from types import EllipsisType

from fastapi import APIRouter
from sqlalchemy.orm import Session

from server.api import AdminOnly, DbSession, IdPath, SlugPath
from server.conferences.service import get_addon, get_conference, get_ticket_type
from server.errors import NotFound
from server.sponsors.models import BulkPurchase, SponsorLevel
from server.sponsors.repository import bulk_purchases as bulk_purchases_of
from server.sponsors.schemas import (
    BulkPurchaseCreate,
    BulkPurchaseRead,
    SponsorCreate,
    SponsorLevelCreate,
    SponsorLevelRead,
    SponsorLevelUpdate,
    SponsorRead,
    SponsorUpdate,
)
from server.sponsors import bulk_purchases as purchases
from server.sponsors.service import (
    create_sponsor,
    create_sponsor_level,
    get_sponsor,
    list_sponsor_levels,
    list_sponsors,
    update_sponsor,
    update_sponsor_level,
)

router = APIRouter(prefix="/api/v1/admin/conferences/{slug}", tags=["sponsors"], dependencies=[AdminOnly])


def _sponsor_read(sponsor) -> SponsorRead:
    return SponsorRead(slug=sponsor.slug, name=sponsor.name, contact_email=sponsor.contact_email,
                       level=SponsorLevelRead.model_validate(sponsor.level) if sponsor.level else None,
                       voucher_prefix=f"BULK-{sponsor.slug.upper()}-")


def _purchase_read(purchase: BulkPurchase) -> BulkPurchaseRead:
    return BulkPurchaseRead(
        id=purchase.id, sponsor=purchase.sponsor.slug if purchase.sponsor else None, quantity=purchase.quantity,
        unit_price=purchase.unit_price, total_amount=purchase.total_amount,
        ticket_type=purchase.ticket_type.slug if purchase.ticket_type else None,
        addon=purchase.addon.slug if purchase.addon else None, status=purchase.payment_status.value,
        codes=purchase.linked_voucher_count)


def _level(session: Session, level_id: int) -> SponsorLevel:
    level = session.get(SponsorLevel, level_id)
    if level is None:
        raise NotFound(f"No sponsor level #{level_id}.")
    return level


@router.get("/sponsor-levels", response_model=list[SponsorLevelRead])
def sponsor_levels(slug: SlugPath, session: DbSession) -> list[SponsorLevelRead]:
    """The conference's sponsor levels, dearest first."""
    return [SponsorLevelRead.model_validate(level) for level in list_sponsor_levels(session, get_conference(session, slug))]


@router.post("/sponsor-levels", status_code=201, response_model=SponsorLevelRead)
def add_sponsor_level(slug: SlugPath, body: SponsorLevelCreate,
                      session: DbSession) -> SponsorLevelRead:
    """Add a sponsor level (Gold, Silver…) with its cost and comp badges."""
    level = create_sponsor_level(session, get_conference(session, slug), name=body.name, cost=str(body.cost),
                                 comp_badges=body.comp_badges)
    return SponsorLevelRead.model_validate(level)


@router.patch("/sponsor-levels/{level_id}", response_model=SponsorLevelRead)
def edit_sponsor_level(slug: SlugPath, level_id: IdPath, body: SponsorLevelUpdate,
                       session: DbSession) -> SponsorLevelRead:
    """Change a sponsor level's name, cost or comp badges."""
    conference = get_conference(session, slug)
    level = _level(session, level_id)
    if level.conference_id != conference.id:
        raise NotFound(f"No sponsor level #{level_id} in {slug}.")
    level = update_sponsor_level(session, level, name=body.name, comp_badges=body.comp_badges,
                                 cost=str(body.cost) if body.cost is not None else None)
    return SponsorLevelRead.model_validate(level)


@router.get("/sponsors", response_model=list[SponsorRead])
def sponsors(slug: SlugPath, session: DbSession) -> list[SponsorRead]:
    """The conference's sponsors with their levels."""
    return [_sponsor_read(s) for s in list_sponsors(session, get_conference(session, slug))]


@router.post("/sponsors", status_code=201, response_model=SponsorRead)
def add_sponsor(slug: SlugPath, body: SponsorCreate, session: DbSession) -> SponsorRead:
    """Add a sponsor; without a slug one is made from the name ("Widget Works" → widget-works)."""
    level = _level(session, body.level_id) if body.level_id is not None else None
    sponsor = create_sponsor(session, get_conference(session, slug), name=body.name, slug=body.slug or None,
                             level=level, contact_email=body.contact_email)
    return _sponsor_read(sponsor)


@router.patch("/sponsors/{sponsor_slug}", response_model=SponsorRead)
def edit_sponsor(slug: SlugPath, sponsor_slug: SlugPath, body: SponsorUpdate,
                 session: DbSession) -> SponsorRead:
    """Change a sponsor's name, slug, level or contact; only the fields sent change."""
    sponsor = get_sponsor(session, get_conference(session, slug), sponsor_slug)
    level: SponsorLevel | None | EllipsisType = ...  # not sent: unchanged
    if "level_id" in body.model_fields_set:
        level = _level(session, body.level_id) if body.level_id is not None else None
    return _sponsor_read(update_sponsor(session, sponsor, name=body.name, slug=body.slug, level=level,
                                        contact_email=body.contact_email))


@router.get("/bulk-purchases", response_model=list[BulkPurchaseRead])
def bulk_purchases(slug: SlugPath, session: DbSession) -> list[BulkPurchaseRead]:
    """The conference's bulk purchases of voucher codes, oldest first."""
    conference = get_conference(session, slug)
    return [_purchase_read(p) for p in bulk_purchases_of(session, conference.id)]


@router.post("/bulk-purchases", status_code=201, response_model=BulkPurchaseRead)
def add_bulk_purchase(slug: SlugPath, body: BulkPurchaseCreate,
                      session: DbSession) -> BulkPurchaseRead:
    """Record a bulk purchase (PENDING) for a sponsor, or for the conference itself without one."""
    conference = get_conference(session, slug)
    purchase = purchases.create_bulk_purchase(
        session, get_sponsor(session, conference, body.sponsor) if body.sponsor else None, body.quantity,
        get_ticket_type(session, conference, body.ticket_type) if body.ticket_type else None,
        body.unit_price.quantize(Decimal("0.01")),
        requested_by="admin API", voucher_config=body.voucher_config,
        addon=get_addon(session, conference, body.addon) if body.addon else None, conference=conference)
    return _purchase_read(purchase)
