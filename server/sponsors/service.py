"""Sponsors and sponsor levels (their bulk purchases of voucher codes: server.sponsors.bulk_purchases)."""

from __future__ import annotations

import logging
import re
import unicodedata
from decimal import Decimal
from types import EllipsisType

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.conferences.models import Conference
from server.conferences.service import check_slug, parse_money
from server.errors import Conflict, InvalidInput, NotFound
from server.sponsors.models import (
    Sponsor,
    SponsorLevel,
)
from shared.email_address import is_email_address
from shared.languages import N_, Marked

logger = logging.getLogger(__name__)


def slug_from_name(name: str) -> str:
    """``Widget Works`` → ``widget-works``: ASCII letters and digits, every other run of characters one dash."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:63].rstrip("-")


# Refusals are Marked: English here, in the API and the logs; a console page words them in its reader's language.
_NO_NAME = Marked(N_("A sponsor needs a name."))


def validate_sponsor(sponsor: Sponsor) -> None:
    """The sponsor rule, run on create and on every edit, so a sponsor is never stored half-valid."""
    if not sponsor.name:
        raise InvalidInput(_NO_NAME)
    if len(sponsor.name) > 200:
        raise InvalidInput(Marked(N_("A sponsor's name is at most 200 characters.")))
    if sponsor.contact_email and not is_email_address(sponsor.contact_email):
        raise InvalidInput(Marked(N_("'%(value)s' is not an email address."), value=sponsor.contact_email))
    if sponsor.level is not None and sponsor.level.conference_id != sponsor.conference_id:
        raise InvalidInput(Marked(N_("Sponsor level must belong to the same conference as the sponsor.")),
                           code="wrong_conference")


def create_sponsor(
    session: Session, conference: Conference, *, name: str, slug: str | None = None,
    level: SponsorLevel | None = None, contact_email: str = "",
) -> Sponsor:
    """A sponsor of the conference; without a slug, one is made from the name (lowercase, words joined by hyphens)."""
    name = name.strip()
    if not name:
        raise InvalidInput(_NO_NAME)
    if not slug:
        slug = slug_from_name(name)
        if not slug:
            raise InvalidInput(Marked(N_("No slug can be made from the name '%(name)s'; give one."), name=name))
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
        raise Conflict(Marked(N_("Sponsor '%(slug)s' already exists in %(conference)s."), slug=slug,
                              conference=conference.slug), code="duplicate_slug")


def list_sponsors(session: Session, conference: Conference) -> list[Sponsor]:
    return list(session.scalars(select(Sponsor).where(Sponsor.conference_id == conference.id).order_by(Sponsor.name)))


def get_sponsor(session: Session, conference: Conference, slug: str) -> Sponsor:
    sponsor = session.scalar(select(Sponsor).where(Sponsor.conference_id == conference.id, Sponsor.slug == slug))
    if sponsor is None:
        raise NotFound(Marked(N_("No sponsor '%(slug)s' in %(conference)s."), slug=slug, conference=conference.slug))
    return sponsor


def _check_level_fields(name: str | None, cost: Decimal | str | None, comp_badges: int | None):
    if name is not None and not name.strip():
        raise InvalidInput(Marked(N_("A sponsor level needs a name.")))
    if name is not None and len(name.strip()) > 100:
        raise InvalidInput(Marked(N_("A sponsor level's name is at most 100 characters.")))
    if comp_badges is not None and comp_badges < 0:
        raise InvalidInput(Marked(N_("Comp badges must be zero or more.")))
    return parse_money(cost, "cost") if cost is not None else None


def _refuse_taken_level_name(session: Session, conference: Conference, name: str) -> None:
    if session.scalar(select(SponsorLevel.id).where(SponsorLevel.conference_id == conference.id,
                                                    SponsorLevel.name == name)):
        raise Conflict(Marked(N_("Sponsor level '%(name)s' already exists in %(conference)s."), name=name,
                              conference=conference.slug), code="duplicate_name")


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
        raise NotFound(Marked(N_("No sponsor level '%(level)s' in %(conference)s."), level=name_or_id,
                              conference=conference.slug))
    return level
