"""Named queries about conferences."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from server.conferences.models import AddOn, Conference, TicketType


def conference_by_slug(session: Session, slug: str) -> Conference | None:
    return session.scalar(select(Conference).where(Conference.slug == slug))


def all_conferences(session: Session) -> list[Conference]:
    return list(session.scalars(select(Conference).order_by(Conference.slug)))


def ticket_types_of(session: Session, conference_id: int) -> list[TicketType]:
    return list(session.scalars(select(TicketType).where(TicketType.conference_id == conference_id)
                                .order_by(TicketType.id)))


def addons_of(session: Session, conference_id: int) -> list[AddOn]:
    return list(session.scalars(select(AddOn).where(AddOn.conference_id == conference_id)
                                .options(selectinload(AddOn.requires_ticket_types)).order_by(AddOn.id)))


def ticket_type_in(session: Session, conference_id: int, ticket_type_id: int) -> TicketType | None:
    """The ticket type with this id if it is the conference's (another conference's id finds nothing)."""
    return session.scalar(select(TicketType).where(TicketType.id == ticket_type_id,
                                                   TicketType.conference_id == conference_id))


def addon_in(session: Session, conference_id: int, addon_id: int) -> AddOn | None:
    """The add-on with this id if it is the conference's (another conference's id finds nothing)."""
    return session.scalar(select(AddOn).where(AddOn.id == addon_id, AddOn.conference_id == conference_id))


def ticket_types_in(session: Session, conference_id: int, ids: list[int]) -> list[TicketType]:
    """Those of ``ids`` that are the conference's ticket types (the caller compares the counts)."""
    if not ids:
        return []
    return list(session.scalars(select(TicketType).where(TicketType.id.in_(ids),
                                                         TicketType.conference_id == conference_id)
                                .order_by(TicketType.id)))


def addons_in(session: Session, conference_id: int, ids: list[int]) -> list[AddOn]:
    """Those of ``ids`` that are the conference's add-ons (the caller compares the counts)."""
    if not ids:
        return []
    return list(session.scalars(select(AddOn).where(AddOn.id.in_(ids), AddOn.conference_id == conference_id)
                                .order_by(AddOn.id)))
