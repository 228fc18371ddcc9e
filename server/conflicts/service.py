"""Conflicts as people read them, and resolving one with a note (who and when are recorded).

The words are the kiosk operator panel's ("Redemption at Door B, 12:31:05 CEST (code Z2F7LHEC):
Product 'Lunch' is fully redeemed (1/1)."), so a door lead and a volunteer describe the same thing
the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from server.checkin.attendee_story import SCAN_KINDS, reason_in_words
from server.conferences.local_time import conference_zone, in_conference_time, in_zone
from server.conferences.models import Conference
from server.conflicts import repository
from server.conflicts.repository import ConflictRow
from server.db.base import utcnow
from server.errors import Conflict, InvalidInput, NotFound
from server.sync.models import SyncConflict
from shared import conflict_words
from shared.languages import N_, Marked
from shared.phrases import Moment, Part, Phrase

MAX_NOTE = 1000


@dataclass(frozen=True)
class ConflictView:
    id: int
    in_words: str  # in English, as the exports and the API word it
    words: Phrase  # the same, to word in the reader's language (shared.conflict_words)
    reason: str  # in words: "fully redeemed"
    attendee_id: int | None
    attendee_name: str
    # The scan behind it.
    kind: str
    station: str
    device: str
    when: str
    access_code: str
    kiosk_reason: str  # what the kiosk decided ("ok": it let the person through)
    # Its resolution.
    resolved: bool
    resolved_by: str
    resolved_when: str
    resolution_note: str
    occurred_at: dt.datetime | None = None
    resolved_at: dt.datetime | None = None
    kind_code: str = ""  # check_in, redemption, …
    reason_code: str = ""  # the server's: fully_redeemed, refunded, …
    kiosk_reason_code: str = ""


def in_words(row: ConflictRow, timezone: str) -> str:
    event = row.event
    kind = SCAN_KINDS.get(event.kind, "Scan")
    station = f" at {event.station}" if event.station else ""
    return (f"{kind}{station}, {in_conference_time(event.occurred_at, timezone)} (code {event.access_code}): "
            f"{row.conflict.message}")


def words_of(row: ConflictRow, timezone: str) -> Phrase:
    """The conflict as ``in_words`` says it, in the shared catalogue's words: "Check-in at Door B, 2026-05-01
    09:14:05 CEST (code Z2F7LHEC): …" (a conflict stored before its words were kept: its English message)."""
    event = row.event
    stored = row.conflict.words
    message: Part = Phrase.from_json(stored) if stored else row.conflict.message
    return conflict_words.in_words(event.kind, event.station, Moment(in_zone(event.occurred_at, conference_zone(timezone)),
                                                                       "full"), event.access_code, message)


def conflict_views(session: Session, conference: Conference, *, include_resolved: bool) -> list[ConflictView]:
    zone = conference.timezone
    return [ConflictView(
        id=row.conflict.id, in_words=in_words(row, zone), words=words_of(row, zone),
        reason=reason_in_words(row.conflict.reason),
        attendee_id=row.conflict.attendee_id, attendee_name=row.attendee_name,
        kind=SCAN_KINDS.get(row.event.kind, row.event.kind), station=row.event.station, device=row.device_name,
        when=in_conference_time(row.event.occurred_at, zone), access_code=row.event.access_code,
        kiosk_reason=reason_in_words(row.event.kiosk_reason),
        resolved=row.conflict.resolved_at is not None, resolved_by=row.conflict.resolved_by,
        resolved_when=in_conference_time(row.conflict.resolved_at, zone), resolution_note=row.conflict.resolution_note,
        occurred_at=row.event.occurred_at, resolved_at=row.conflict.resolved_at, kind_code=row.event.kind,
        reason_code=row.conflict.reason, kiosk_reason_code=row.event.kiosk_reason,
    ) for row in repository.list_conflicts(session, conference.id, include_resolved=include_resolved)]


def resolve_conflict(session: Session, conference: Conference, conflict_id: int, *, by: str, note: str) -> SyncConflict:
    """Mark a conflict resolved with what was done about it; 409 if someone resolved it already."""
    note = note.strip()
    if not note:
        raise InvalidInput(Marked(N_("Say what was done about it: a note is required to resolve a conflict.")),
                           code="note_required")
    if len(note) > MAX_NOTE:
        raise InvalidInput(Marked(N_("The note is %(length)s characters long; at most %(limit)s."), length=len(note),
                                  limit=MAX_NOTE), code="note_too_long")
    # Locked: two door leads resolving at once must not both write (the second is told who did).
    conflict = repository.get_conflict(session, conference.id, conflict_id, lock=True)
    if conflict is None:
        raise NotFound(f"No conflict {conflict_id} in {conference.name}.")
    if conflict.resolved_at is not None:
        raise Conflict(Marked(N_("Already resolved by %(who)s at %(when)s."), who=conflict.resolved_by,
                              when=in_conference_time(conflict.resolved_at, conference.timezone)),
                       code="already_resolved")
    conflict.resolved_at, conflict.resolved_by, conflict.resolution_note = utcnow(), by[:200], note
    session.flush()
    return conflict
