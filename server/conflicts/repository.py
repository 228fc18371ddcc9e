"""Named queries of conflicts, each with the scan behind it and the kiosk that made it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.attendees.models import Attendee
from server.checkin.models import SyncEvent
from server.devices.models import Device
from server.sync.models import SyncConflict

LIMIT = 500  # newest first; a conference with more open conflicts has a bigger problem than a long page


@dataclass(frozen=True)
class ConflictRow:
    conflict: SyncConflict
    event: SyncEvent
    device_name: str
    attendee_name: str  # "" when the code matched nobody


def list_conflicts(session: Session, conference_id: int, *, include_resolved: bool = True,
                   limit: int = LIMIT) -> list[ConflictRow]:
    """A conference's conflicts, newest first; open ones only unless ``include_resolved``."""
    query = (select(SyncConflict, SyncEvent, Device.name, Attendee.first_name, Attendee.last_name)
             .join(SyncEvent, SyncConflict.event_id == SyncEvent.id)
             .join(Device, SyncEvent.device_id == Device.id)
             .outerjoin(Attendee, SyncConflict.attendee_id == Attendee.id)
             .where(SyncConflict.conference_id == conference_id))
    if not include_resolved:
        query = query.where(SyncConflict.resolved_at.is_(None))
    return [ConflictRow(conflict, event, device, f"{first or ''} {last or ''}".strip())
            for conflict, event, device, first, last in session.execute(
                query.order_by(SyncConflict.id.desc()).limit(limit)).all()]


def get_conflict(session: Session, conference_id: int, conflict_id: int, *, lock: bool = False) -> SyncConflict | None:
    """One conflict of this conference (None: not one of its), locked for resolving when asked."""
    query = select(SyncConflict).where(SyncConflict.id == conflict_id, SyncConflict.conference_id == conference_id)
    return session.scalar(query.with_for_update() if lock else query)
