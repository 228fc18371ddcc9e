"""Where the change feed's versions come from: one counter row per conference, and its lock.

Why a counter row and not a sequence or a timestamp: with a sequence, transaction A can take
version 7, transaction B version 8, B commits, a kiosk reads "up to 8" and A's 7 commits after,
below the kiosk's cursor: missed forever. Here the versions come from ``feed_positions`` with an
``UPDATE … RETURNING``, whose row lock is held until commit. A second writer in the same
conference waits at that row, so versions become visible in the order they were handed out and
a reader's cursor can never pass a version that is still to commit.

A floor under every domain that writes what kiosks must learn (conferences make the row,
attendees and check-ins take versions from it); which changes get a version is decided above
them all, by the flush hook in ``server.sync.versions``.
"""

from __future__ import annotations

from typing import Protocol, cast

from sqlalchemy import BigInteger, Connection, ForeignKey, Table, bindparam, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from server.db.base import Base


class FeedPosition(Base):
    """The last change-feed version handed out in a conference."""

    __tablename__ = "feed_positions"

    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), primary_key=True)
    last_version: Mapped[int] = mapped_column(BigInteger, default=0)


# Built once: every scan, upload and change of a versioned row runs it. (The parameter is not named
# conference_id: SQLAlchemy reserves a column's name for its own parameter in an UPDATE.)
# On the table, not the class: an ORM-enabled UPDATE would also look for counter rows in the session
# to synchronise, a cost on every scan for rows no one loads.
_FEED = cast(Table, FeedPosition.__table__)
_ALLOCATE = (update(_FEED)
             .where(_FEED.c.conference_id == bindparam("feed_of"))
             .values(last_version=_FEED.c.last_version + bindparam("count", type_=BigInteger))
             .returning(_FEED.c.last_version))


_POSITION = select(_FEED.c.last_version).where(_FEED.c.conference_id == bindparam("feed_of"))


def committed_position(session: Session, conference_id: int) -> int:
    """The last version handed out in the conference, read without the lock.

    Every version up to it is committed (the writer that raised the counter to it committed, and
    each writer before it committed before it could take the lock): a row read after this with a
    version at or below it is as its writer left it, and any write since bears a higher version.
    """
    return session.execute(_POSITION, {"feed_of": conference_id}).scalar_one()


def allocate_versions(session: Session | Connection, conference_id: int, count: int) -> int:
    """Reserve ``count`` consecutive versions; returns the first. Holds the feed lock until commit.

    On a session's ``Connection`` (the desk's scans) nothing pending is flushed first."""
    last = session.execute(_ALLOCATE, {"feed_of": conference_id, "count": count}).scalar_one()
    # (the row is made with the conference: conferences.service.create_conference)
    return last - count + 1


def give_back_versions(session: Session, conference_id: int, count: int) -> None:
    """Return the last ``count`` versions this transaction reserved and did not use.

    A batch reserves a version for every attendee it may touch before it knows which it will; an
    unused tail left behind would put the counter above every stamped row, and a kiosk's cursor,
    which stops at the newest row it was sent, would stay below it: each of its polls would take
    the long way (server.sync.feed). Safe only while this transaction holds the feed lock and has
    allocated nothing since: no one else can have been handed a version above the ones returned.
    """
    if count:
        session.execute(update(FeedPosition).where(FeedPosition.conference_id == conference_id)
                        .values(last_version=FeedPosition.last_version - count))


STAMPED = "attendees_stamped"  # session.info key: attendee ids stamped up front in this transaction


class Stamped(Protocol):
    """What stamping up front needs of an attendee (``server.attendees.models.Attendee``, a floor above)."""

    id: int
    conference_id: int
    sync_version: int


def stamp_up_front(session: Session, attendee: Stamped) -> None:
    """Give the attendee its new version now, which takes the feed lock before its door state is read.

    The lock every writer of a conference's door state takes first (two writers folding the same
    attendee side by side would each miss the other's scans), and the version its change needs,
    in one statement; the flush hook then leaves this attendee alone until the transaction ends.
    """
    attendee.sync_version = allocate_versions(session, attendee.conference_id, 1)
    session.info.setdefault(STAMPED, set()).add(attendee.id)


def forget_stamped(session: Session, *_args: object) -> None:
    """A new transaction stamps again (after_commit / after_rollback)."""
    session.info.pop(STAMPED, None)
