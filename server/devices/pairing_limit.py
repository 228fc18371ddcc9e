"""The pairing route's rate limit: at most ``MAX_FAILURES`` wrong pairing codes from one client address
in ``WINDOW``, then 429 until the oldest of them is ``WINDOW`` old.

Only failures count, so a venue's thirty kiosks behind one address pair in one go. A failure is
recorded in a unit of work of its own, after the pairing's transaction is rolled back: the refusal
rolls the request back, and the count must outlive it (as a failed sign-in's does).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from server.db.base import utcnow
from server.db.engine import unit_of_work
from server.devices.models import Device, PairingFailure
from server.devices.service import DeviceUnauthorized, pair_device
from server.errors import DomainError

WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES = 20


class TooManyPairingAttempts(DomainError):
    code = "too_many_pairing_attempts"
    http_status = 429

    def __init__(self, message: str, *, retry_after: dt.timedelta) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def pair_within_limit(session: Session, factory: sessionmaker[Session], pairing_code: str, *, client: str,
                      now: dt.datetime | None = None) -> tuple[Device, str]:
    """``pair_device``, refused with TooManyPairingAttempts when ``client`` has failed too often lately."""
    now = now or utcnow()
    client = client[:64]
    failures, oldest = session.execute(
        select(func.count(PairingFailure.id), func.min(PairingFailure.attempted_at))
        .where(PairingFailure.client == client, PairingFailure.attempted_at > now - WINDOW)).one()
    if failures >= MAX_FAILURES:
        retry_after = max(oldest + WINDOW - now, dt.timedelta(seconds=1))
        raise TooManyPairingAttempts(f"Too many wrong pairing codes from this address: at most {MAX_FAILURES} every "
                                     f"{int(WINDOW.total_seconds() // 60)} minutes. Try again in "
                                     f"{max(1, round(retry_after.total_seconds() / 60))} minutes.",
                                     retry_after=retry_after)
    try:
        return pair_device(session, pairing_code)
    except DeviceUnauthorized:
        session.rollback()  # on SQLite it holds the write lock; the failure is written in its own transaction
        with unit_of_work(factory) as record:
            record.execute(delete(PairingFailure).where(PairingFailure.client == client,
                                                        PairingFailure.attempted_at <= now - WINDOW))
            record.add(PairingFailure(client=client, attempted_at=now))
        raise
