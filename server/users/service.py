"""Console users: accounts, roles per conference, signing in (with lock-out and throttling) and out.

Services flush, never commit. A refused sign-in raises ``SignInRefused`` *after* recording the
attempt; the console's sign-in page catches it and answers normally, so the record is committed
with the answer (a rollback would forget the failure, and lock-out would never come).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import secrets
import threading
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from server.conferences.models import Conference
from server.db.base import utcnow
from server.errors import Conflict, DomainError, InvalidInput, NotFound
from server.users.models import ConsoleSession, Membership, Role, ServerSecret, User
from server.users.repository import ConsoleSessionRepository, SignInAttemptRepository, UserRepository
from shared.email_address import is_email_address
from shared.languages import N_, SHIPPED_LANGUAGES, Marked

__all__ = [
    "LOCKOUT",
    "MAX_FAILURES_PER_CLIENT",
    "MAX_FAILURES_PER_EMAIL",
    "MIN_PASSWORD_LENGTH",
    "SESSION_LIFETIME",
    "Role",
    "SignInRefused",
    "SignedInSession",
    "add_user",
    "disable",
    "normalise_email",
    "seed_demo_admin",
    "session_for_token",
    "set_role",
    "sign_in",
    "sign_out",
]

MIN_PASSWORD_LENGTH = 10
# Five wrong passwords for one email within LOCKOUT lock that email for LOCKOUT after the fifth
# (whoever tries, with whatever password: a guesser learns nothing from a locked account).
MAX_FAILURES_PER_EMAIL = 5
LOCKOUT = dt.timedelta(minutes=15)
# One address trying many emails (a password spray) is slowed down without locking anyone out:
# past this many failures within LOCKOUT it must wait until the oldest of them is that old.
MAX_FAILURES_PER_CLIENT = 20
# A signed-in browser stays signed in for a working day at the door, then signs in again.
SESSION_LIFETIME = dt.timedelta(hours=12)
# last_seen_at is written at most this often: a dashboard polling every few seconds would
# otherwise write a row per poll.
LAST_SEEN_RESOLUTION = dt.timedelta(minutes=1)

# argon2id with argon2-cffi's defaults (RFC 9106's low-memory profile). One instance: it holds
# only the parameters.
_hasher = PasswordHasher()
# Each hash or check takes 64 MiB and a core for a moment. A burst of sign-ins (or of guesses on
# many emails) waits for one of these slots instead of running 40 at once in the thread pool and
# taking 2.5 GB (four at once: 256 MiB).
_PASSWORD_CHECKS = threading.BoundedSemaphore(4)


def _hash_password(password: str) -> str:
    with _PASSWORD_CHECKS:
        return _hasher.hash(password)


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the email is unknown, so that an unknown email costs as long as a wrong
    password and the answer's timing does not tell which emails have accounts. Made on first use:
    a hash costs as much as a sign-in, which a process that never signs anyone in should not pay."""
    return _hash_password(secrets.token_urlsafe(16))


class SignInRefused(DomainError):
    """Wrong email or password (one message for both), a locked email, or a throttled address."""

    code = "sign_in_refused"
    http_status = 401

    def __init__(self, message: str, *, code: str | None = None, retry_after: dt.timedelta | None = None) -> None:
        super().__init__(message, code=code)
        self.retry_after = retry_after
        if code in ("locked", "throttled"):
            self.http_status = 429


@dataclass(frozen=True)
class SignedInSession:
    """What a successful sign-in hands the page: the cookie's token (shown once, never stored) and the rest."""

    token: str
    csrf_token: str
    expires_at: dt.datetime
    user_id: int


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_token(token: str) -> str:
    """Tokens are 256 random bits, so an unsalted SHA-256 is enough (as for device tokens)."""
    return hashlib.sha256(token.encode()).hexdigest()


def _check_email(email: str) -> str:
    email = normalise_email(email)
    if not is_email_address(email):
        raise InvalidInput(f"'{email}' is not an email address.")
    return email


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > 1024:
        raise InvalidInput("A password may have at most 1,024 characters.")
    return password


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise InvalidInput(f"Unknown role '{role}': use one of {', '.join(r.value for r in Role)}.") from None


def add_user(session: Session, *, email: str, display_name: str, password: str,
             conference: Conference | None = None, role: Role | str | None = None) -> User:
    """A new user, with a role in ``conference`` when both are given."""
    email = _check_email(email)
    display_name = display_name.strip()
    if not display_name:
        raise InvalidInput("A user needs a name.")
    repository = UserRepository(session)
    if repository.by_email(email) is not None:
        raise Conflict(f"A user with email '{email}' already exists.", code="user_exists")
    user = User(email=email, display_name=display_name[:200], password_hash=_hash_password(_check_password(password)))
    session.add(user)
    session.flush()
    if conference is not None and role is not None:
        set_role(session, user, conference, role)
    return user


def get_user(session: Session, email: str) -> User:
    user = UserRepository(session).by_email(normalise_email(email))
    if user is None:
        raise NotFound(f"No user with email '{normalise_email(email)}'.")
    return user


def set_role(session: Session, user: User, conference: Conference, role: Role | str | None) -> Membership | None:
    """Give ``user`` this role in ``conference`` (replacing any other); ``None`` takes their access away."""
    repository = UserRepository(session)
    membership = repository.membership(user.id, conference.id)
    if role is None:
        if membership is not None:
            session.delete(membership)
            session.flush()
        return None
    role = _role(role)
    if membership is None:
        membership = Membership(user_id=user.id, conference_id=conference.id, role=role)
        session.add(membership)
    else:
        membership.role = role
    session.flush()
    return membership


def set_password(session: Session, user: User, password: str) -> None:
    user.password_hash = _hash_password(_check_password(password))
    ConsoleSessionRepository(session).delete_of_user(user.id)
    session.flush()


def set_language(session: Session, user_id: int, language: str | None) -> None:
    """The console speaks ``language`` to this user from the next page on; None: as the browser asks."""
    if language is not None and language not in SHIPPED_LANGUAGES:
        raise InvalidInput(f"Doorstation does not speak {language!r}.")
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.")
    user.language = language
    session.flush()


def disable(session: Session, user: User) -> None:
    """The user can no longer sign in, and every browser they are signed in on is signed out."""
    user.disabled_at = user.disabled_at or utcnow()
    ConsoleSessionRepository(session).delete_of_user(user.id)
    session.flush()


def _minutes(delta: dt.timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds() / 60))


def sign_in(session: Session, *, email: str, password: str, client: str,
            now: dt.datetime | None = None) -> SignedInSession:
    """Check the password and open a console session; raises SignInRefused (the attempt recorded) otherwise.

    A locked email or a throttled address is refused before the password is looked at, so a
    guesser cannot use the lock-out period to test passwords.
    """
    # Whatever was typed is recorded, so it must be storable (PostgreSQL refuses NUL in text).
    email = normalise_email(email).replace("\x00", "").encode("utf-8", "replace").decode()[:254]
    attempts = SignInAttemptRepository(session)
    attempts.lock_email(email)
    now = now or utcnow()  # after the wait for the lock: attempts are recorded in the order they were decided

    failures = attempts.failures_for_email(email, now - LOCKOUT)
    if len(failures) >= MAX_FAILURES_PER_EMAIL:
        attempts.record(email=email, client=client, outcome="refused", at=now)
        wait = failures[0] + LOCKOUT - now
        locked = (N_("Too many wrong passwords for this email: it is locked for %(minutes)s more minute. Try again "
                     "later, or ask an owner.") if _minutes(wait) == 1 else
                  N_("Too many wrong passwords for this email: it is locked for %(minutes)s more minutes. Try again "
                     "later, or ask an owner."))
        raise SignInRefused(Marked(locked, minutes=_minutes(wait)), code="locked", retry_after=wait)
    from_client = attempts.failures_from_client(client, now - LOCKOUT)
    if len(from_client) >= MAX_FAILURES_PER_CLIENT:
        attempts.record(email=email, client=client, outcome="refused", at=now)
        wait = from_client[MAX_FAILURES_PER_CLIENT - 1] + LOCKOUT - now
        throttled = (N_("Too many failed sign-ins from your address. Try again in %(minutes)s minute.")
                     if _minutes(wait) == 1 else
                     N_("Too many failed sign-ins from your address. Try again in %(minutes)s minutes."))
        raise SignInRefused(Marked(throttled, minutes=_minutes(wait)), code="throttled", retry_after=wait)

    user = UserRepository(session).by_email(email)
    if not _password_matches(user.password_hash if user else _dummy_hash(), password) or user is None \
            or user.disabled_at is not None:
        attempts.record(email=email, client=client, outcome="failed", at=now)
        left = MAX_FAILURES_PER_EMAIL - len(failures) - 1
        # Each sentence marked on its own (a page words each in its reader's language), joined as one text.
        said = [Marked(N_("Wrong email or password."))]
        if left == 1:
            said.append(Marked(N_("%(left)s more wrong password and this email is locked for %(minutes)s minutes."),
                               left=left, minutes=_minutes(LOCKOUT)))
        elif left == 2:
            said.append(Marked(N_("%(left)s more wrong passwords and this email is locked for %(minutes)s minutes."),
                               left=left, minutes=_minutes(LOCKOUT)))
        elif left == 0:
            said.append(Marked(N_("This email is now locked for %(minutes)s minutes."), minutes=_minutes(LOCKOUT)))
        raise SignInRefused(Marked.joined(" ", said), code="wrong_password")

    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hash_password(password)
    attempts.record(email=email, client=client, outcome="succeeded", at=now)
    token, csrf_token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    console_session = ConsoleSession(token_hash=hash_token(token), csrf_token=csrf_token, user_id=user.id,
                                     created_at=now, expires_at=now + SESSION_LIFETIME, last_seen_at=now)
    session.add(console_session)
    session.flush()
    return SignedInSession(token=token, csrf_token=csrf_token, expires_at=console_session.expires_at,
                           user_id=user.id)


def _password_matches(password_hash: str, password: str) -> bool:
    try:
        with _PASSWORD_CHECKS:
            return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError, UnicodeEncodeError):  # a lone surrogate matches no password
        return False


def session_for_token(session: Session, token: str, *, now: dt.datetime | None = None) -> ConsoleSession | None:
    """The live console session for a cookie's token (None when unknown, expired or its user disabled)."""
    if not token:
        return None
    now = now or utcnow()
    console_session = ConsoleSessionRepository(session).live_by_token_hash(hash_token(token), now)
    if console_session is not None and now - console_session.last_seen_at >= LAST_SEEN_RESOLUTION:
        console_session.last_seen_at = now
        session.flush()
    return console_session


def sign_out(session: Session, token: str) -> None:
    """End the session of this cookie's token (nothing happens for an unknown one)."""
    if token:
        ConsoleSessionRepository(session).delete_by_token_hash(hash_token(token))
        session.flush()


def forget_old_sign_ins(session: Session, *, now: dt.datetime | None = None) -> int:
    """Delete expired sessions and attempts too old to matter (for a periodic job)."""
    now = now or utcnow()
    deleted = ConsoleSessionRepository(session).delete_expired(now)
    return deleted + SignInAttemptRepository(session).delete_before(now - 2 * LOCKOUT)


DEMO_ADMIN_EMAIL = "admin@doorstation.example"


def seed_demo_admin(session: Session, conference: Conference) -> tuple[str, str]:
    """An owner of ``conference`` for the demo, with a fresh password: (email, password) to print.

    Run again (the demo carries on where it left off), it sets a new password on the same user,
    since the old one was only ever printed.
    """
    password = secrets.token_urlsafe(9)
    user = UserRepository(session).by_email(DEMO_ADMIN_EMAIL)
    if user is None:
        user = add_user(session, email=DEMO_ADMIN_EMAIL, display_name="Demo owner", password=password)
    else:
        user.disabled_at = None
        set_password(session, user, password)
    set_role(session, user, conference, Role.OWNER)
    return DEMO_ADMIN_EMAIL, password


def server_secret(session: Session, name: str) -> bytes:
    """The server's secret ``name``, made (256 random bits) the first time it is asked for.

    Made with an insert that does nothing when another process made it first, then read: every
    process ends up with the same secret."""
    value = session.scalar(select(ServerSecret.value).where(ServerSecret.name == name))
    if value is None:
        insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
        session.execute(insert(ServerSecret).values(name=name, value=secrets.token_hex(32)).on_conflict_do_nothing())
        value = session.scalar(select(ServerSecret.value).where(ServerSecret.name == name))
    assert value is not None  # made just above, by this process or another
    return bytes.fromhex(value)
