"""Named queries for users, memberships, console sessions and sign-in attempts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.orm import Session

from server.conferences.models import Conference
from server.users.models import ConsoleSession, Membership, Role, SignInAttempt, User


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_id(self, user_id: int) -> User | None:
        return self.session.get(User, user_id)

    def by_email(self, email: str) -> User | None:
        return self.session.scalar(select(User).where(User.email == email))

    def all(self) -> Sequence[User]:
        return self.session.scalars(select(User).order_by(User.email)).all()

    def membership(self, user_id: int, conference_id: int) -> Membership | None:
        return self.session.scalar(select(Membership).where(Membership.user_id == user_id,
                                                            Membership.conference_id == conference_id))

    def roles_of(self, user_id: int) -> dict[int, Role]:
        """Conference id → this user's role there."""
        rows = self.session.execute(select(Membership.conference_id, Membership.role)
                                    .where(Membership.user_id == user_id))
        return {conference_id: role for conference_id, role in rows}

    def conferences_of(self, user_id: int) -> list[tuple[Conference, Role]]:
        """The conferences this user holds a role in, by name, each with that role."""
        rows = self.session.execute(select(Conference, Membership.role)
                                    .join(Membership, Membership.conference_id == Conference.id)
                                    .where(Membership.user_id == user_id)
                                    .order_by(Conference.name, Conference.slug))
        return [(conference, role) for conference, role in rows]


class ConsoleSessionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def live_by_token_hash(self, token_hash: str, now: dt.datetime) -> ConsoleSession | None:
        """The unexpired session with this token hash whose user is not disabled."""
        return self.session.scalar(select(ConsoleSession).join(User, User.id == ConsoleSession.user_id)
                                   .where(ConsoleSession.token_hash == token_hash, ConsoleSession.expires_at > now,
                                          User.disabled_at.is_(None)))

    def delete_by_token_hash(self, token_hash: str) -> None:
        self.session.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == token_hash))

    def delete_of_user(self, user_id: int) -> None:
        self.session.execute(delete(ConsoleSession).where(ConsoleSession.user_id == user_id))

    def delete_expired(self, now: dt.datetime) -> int:
        result = self.session.execute(delete(ConsoleSession).where(ConsoleSession.expires_at <= now))
        return cast(CursorResult[Any], result).rowcount  # a DELETE's result: a cursor's, with its rowcount


class SignInAttemptRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def lock_email(self, email: str) -> None:
        """Serialise sign-ins for one email until this transaction ends.

        The race: on PostgreSQL (READ COMMITTED) a burst of parallel guesses would each count the
        failures committed so far, all see fewer than the limit, and all get to test a password,
        so lock-out would allow as many guesses as the attacker has connections. A transaction-level
        advisory lock on the email makes each attempt count the ones before it. SQLite needs nothing:
        every transaction there takes the write lock up front (server.db.engine).
        """
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(email, 0))))

    def record(self, *, email: str, client: str, outcome: str, at: dt.datetime) -> None:
        self.session.add(SignInAttempt(email=email[:254], client=client[:64], outcome=outcome, attempted_at=at))
        self.session.flush()

    def failures_for_email(self, email: str, since: dt.datetime) -> list[dt.datetime]:
        """Times of failed attempts on this email after ``since`` and after its last success, newest first."""
        last_success = (select(func.max(SignInAttempt.attempted_at))
                        .where(SignInAttempt.email == email, SignInAttempt.outcome == "succeeded")
                        .scalar_subquery())
        return list(self.session.scalars(
            select(SignInAttempt.attempted_at)
            .where(SignInAttempt.email == email, SignInAttempt.outcome == "failed", SignInAttempt.attempted_at > since,
                   SignInAttempt.attempted_at > func.coalesce(last_success, since))
            .order_by(SignInAttempt.attempted_at.desc())))

    def failures_from_client(self, client: str, since: dt.datetime) -> list[dt.datetime]:
        """Times of failed attempts from this address after ``since``, newest first."""
        return list(self.session.scalars(
            select(SignInAttempt.attempted_at)
            .where(SignInAttempt.client == client, SignInAttempt.outcome == "failed",
                   SignInAttempt.attempted_at > since)
            .order_by(SignInAttempt.attempted_at.desc())))

    def delete_before(self, before: dt.datetime) -> int:
        result = self.session.execute(delete(SignInAttempt).where(SignInAttempt.attempted_at < before))
        return cast(CursorResult[Any], result).rowcount
