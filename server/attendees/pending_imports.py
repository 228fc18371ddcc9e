"""CSV files uploaded in the console, kept between their preview and their confirmation.

The confirmation imports exactly the bytes that were previewed (the stored file, checked against
its SHA-256), only for the console session that uploaded them, and only once: the row is taken
under a lock and deleted by the import. Files not confirmed are forgotten after an hour.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from server.attendees.models import PendingImport
from server.conferences.models import Conference
from server.db.base import utcnow

MAX_IMPORT_BYTES = 20 * 1024 * 1024  # 20 MB: about 200,000 attendee rows
KEPT_FOR = dt.timedelta(hours=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def keep_upload(session: Session, conference: Conference, console_session_id: int, *, filename: str,
                content: bytes, allow_duplicates: bool) -> str:
    """Store an uploaded file for its confirmation; returns the token the confirmation form carries.

    The same browser's earlier upload for this conference is dropped (only the latest preview can be
    confirmed), and so is every upload older than an hour.
    """
    session.execute(delete(PendingImport).where(PendingImport.created_at < utcnow() - KEPT_FOR))
    session.execute(delete(PendingImport).where(PendingImport.console_session_id == console_session_id,
                                                PendingImport.conference_id == conference.id))
    token = secrets.token_urlsafe(32)
    session.add(PendingImport(token_hash=_hash(token), console_session_id=console_session_id,
                              conference_id=conference.id, filename=filename[:255], content=content,
                              sha256=hashlib.sha256(content).hexdigest(), allow_duplicates=allow_duplicates))
    session.flush()
    return token


def take_upload(session: Session, conference: Conference, console_session_id: int, token: str) -> PendingImport | None:
    """The upload this token names, for this session and conference, locked; None if there is none
    (expired, confirmed already, or someone else's)."""
    if not token or len(token) > 100 or not token.isascii():
        return None
    upload = session.scalar(select(PendingImport).where(
        PendingImport.token_hash == _hash(token), PendingImport.console_session_id == console_session_id,
        PendingImport.conference_id == conference.id, PendingImport.created_at >= utcnow() - KEPT_FOR,
    ).with_for_update())
    if upload is None or hashlib.sha256(upload.content).hexdigest() != upload.sha256:
        return None
    return upload


def forget_upload(session: Session, upload: PendingImport) -> None:
    session.delete(upload)
    session.flush()
