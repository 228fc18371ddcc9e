"""Named queries about conferences."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.conferences.models import Conference


def conference_by_slug(session: Session, slug: str) -> Conference | None:
    return session.scalar(select(Conference).where(Conference.slug == slug))


def all_conferences(session: Session) -> list[Conference]:
    return list(session.scalars(select(Conference).order_by(Conference.slug)))
