"""People who sign in to the web console, their role in each conference, their sessions and sign-in attempts."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.conferences.models import Conference
from server.db.base import Base, str_enum, utcnow
from shared.languages import N_


class Role(enum.StrEnum):
    """What a user may do in one conference; each role can do everything the ones below it can.

    owner: everything, including who else may sign in; organizer: attendees, exports, products;
    door_lead: dashboard, devices, conflicts, check-in corrections; viewer: look only.
    """

    OWNER = "owner"
    ORGANIZER = "organizer"
    DOOR_LEAD = "door_lead"
    VIEWER = "viewer"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def at_least(self, other: Role) -> bool:
        """True when this role may do what ``other`` may (``Role.OWNER.at_least(Role.DOOR_LEAD)``)."""
        return self.rank >= other.rank

    @property
    def label(self) -> str:
        """The role in words, for pages and the command line (pages translate it where they show it)."""
        return _ROLE_LABELS[self]


_ROLE_LABELS = {Role.VIEWER: N_("viewer"), Role.DOOR_LEAD: N_("door lead"), Role.ORGANIZER: N_("organizer"),
                Role.OWNER: N_("owner")}
_RANKS = {Role.VIEWER: 0, Role.DOOR_LEAD: 1, Role.ORGANIZER: 2, Role.OWNER: 3}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased and trimmed (server.users.service.normalise_email): one person, one row.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    # argon2id, as argon2-cffi's PasswordHasher writes it (parameters and salt included).
    password_hash: Mapped[str] = mapped_column(String(200))
    # The console's language (a tag of shared.languages.SHIPPED_LANGUAGES); None: the browser's Accept-Language.
    language: Mapped[str | None] = mapped_column(String(16))
    disabled_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="user", cascade="all, delete-orphan")


class Membership(Base):
    """A user's one role in one conference; without a row the conference does not exist for them."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "conference_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(str_enum(Role))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    conference: Mapped[Conference] = relationship()


class ConsoleSession(Base):
    """A signed-in browser. Only a SHA-256 of the cookie's token is kept: a copy of the database signs no one in."""

    __tablename__ = "console_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Sent back in every form and compared with this one (server.web.console.CsrfProtected).
    csrf_token: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()


class SignInAttempt(Base):
    """One try at signing in, kept a while for lock-out (per email) and throttling (per client address).

    In the database rather than in process memory so that the limits hold across every server
    process sharing it (as server.orders.rate_limit does for orders).
    """

    __tablename__ = "sign_in_attempts"
    __table_args__ = (
        Index("ix_sign_in_attempts_email_at", "email", "attempted_at"),
        Index("ix_sign_in_attempts_client_at", "client", "attempted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    client: Mapped[str] = mapped_column(String(64))
    # "succeeded", "failed" (wrong email or password, or a disabled user), "refused" (locked or throttled).
    outcome: Mapped[str] = mapped_column(String(12))
    attempted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ServerSecret(Base):
    """A random secret of the server's, made once and kept in the database so that every server process
    signs and checks with the same one (the sign-in form's CSRF token is signed with one)."""

    __tablename__ = "server_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))  # hex
