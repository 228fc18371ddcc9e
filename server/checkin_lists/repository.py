"""Named queries of check-in lists."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, bindparam, exists, func, select
from sqlalchemy.orm import Session

from server.checkin_lists.models import CheckinList, ConferenceDays
from server.conferences.models import AddOn, Conference, TicketType


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


def _newest_and_count(model: Any) -> tuple:
    where = model.conference_id == bindparam("conference_id")
    return (select(func.max(model.sync_version)).where(where).scalar_subquery(),
            select(func.count()).select_from(model).where(where).scalar_subquery())


# What a conference's compiled lists are made of, in one row: every list's and product's newest version
# and their count (any change to one stamps a new version; a deletion changes the count), the
# conference's zone and days, and when the conference was made (another database's conference of the
# same id, as in tests, is another conference). Built once: every upload with check-ins reads it.
_LISTS_MADE_OF = (select(*_newest_and_count(CheckinList), *_newest_and_count(TicketType), *_newest_and_count(AddOn),
                         Conference.timezone, ConferenceDays.first_day, ConferenceDays.last_day, Conference.created_at)
                  .select_from(Conference)
                  .outerjoin(ConferenceDays, ConferenceDays.conference_id == Conference.id)
                  .where(Conference.id == bindparam("conference_id")))


def lists_made_of(session: Session, conference_id: int, *also: ColumnElement[Any]) -> tuple:
    """A key that changes whenever the conference's lists, products, zone or days do; its first two items
    are the newest list's version and the number of lists. ``also``: columns read in the same statement,
    after the key."""
    statement = _LISTS_MADE_OF.add_columns(*also) if also else _LISTS_MADE_OF
    return tuple(session.execute(statement, {"conference_id": conference_id}).one())
