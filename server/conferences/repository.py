"""Named queries about conferences."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.conferences.models import AddOn, Conference, TicketType


def conference_by_slug(session: Session, slug: str) -> Conference | None:
    return session.scalar(select(Conference).where(Conference.slug == slug))


def all_conferences(session: Session) -> list[Conference]:
    return list(session.scalars(select(Conference).order_by(Conference.slug)))


def bulk_enabled_ticket_types(session: Session, conference_id: int) -> list[TicketType]:
    """The ticket types a sponsor may buy codes for in bulk."""
    return list(session.scalars(select(TicketType).where(TicketType.conference_id == conference_id,
                                                         TicketType.bulk_enabled.is_(True)).order_by(TicketType.name)))


def bulk_enabled_addons(session: Session, conference_id: int) -> list[AddOn]:
    """The add-ons a sponsor may buy codes for in bulk."""
    return list(session.scalars(select(AddOn).where(AddOn.conference_id == conference_id,
                                                    AddOn.bulk_enabled.is_(True)).order_by(AddOn.name)))
