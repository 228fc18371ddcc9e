"""Named queries of check-in lists."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from server.checkin_lists.models import CheckinList
from server.conferences.models import AddOn, TicketType


def lists_of(session: Session, conference_id: int) -> list[CheckinList]:
    return list(session.scalars(select(CheckinList).where(CheckinList.conference_id == conference_id)
                                .order_by(CheckinList.id)))


def list_of(session: Session, conference_id: int, list_id: int) -> CheckinList | None:
    """The list ``list_id`` if it is this conference's (another conference's id finds nothing)."""
    return session.scalar(select(CheckinList).where(CheckinList.id == list_id,
                                                    CheckinList.conference_id == conference_id))


def has_lists(session: Session, conference_id: int) -> bool:
    return bool(session.scalar(select(exists().where(CheckinList.conference_id == conference_id))))


def changed_after(session: Session, conference_id: int, after: int) -> list[CheckinList]:
    return list(session.scalars(select(CheckinList).where(CheckinList.conference_id == conference_id,
                                                          CheckinList.sync_version > after)))


def product_names(session: Session, conference_id: int) -> tuple[dict[int, str], dict[int, str]]:
    """The names of the conference's ticket types, and of its add-ons, by id."""
    tickets = dict(session.execute(select(TicketType.id, TicketType.name)
                                   .where(TicketType.conference_id == conference_id)).all())
    addons = dict(session.execute(select(AddOn.id, AddOn.name).where(AddOn.conference_id == conference_id)).all())
    return tickets, addons
