"""Kiosk devices: created by an admin, paired once with a one-time code, revocable.

Only SHA-256 hashes of pairing codes and tokens are stored, so a copy of the database cannot
be used to pair or to sync. Tokens are 256-bit random, so an unsalted hash is enough.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Protocol, Self

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.conferences.models import Conference
from server.db.base import utcnow
from server.devices.models import Device
from server.devices.repository import conference_devices, device_by_token, note_seen
from server.errors import DomainError, InvalidInput, NotFound
from shared import device_words
from shared.languages import N_, Marked
from shared.phrases import Phrase
from shared.protocol import DeviceHealth
from shared.reported_times import refusal

PAIRING_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by volunteers
PAIRING_CODE_LENGTH = 10
PAIRING_VALIDITY = dt.timedelta(hours=24)


class DeviceUnauthorized(DomainError):
    code = "unauthorized"
    http_status = 401


class DeviceRevoked(DomainError):
    code = "revoked_device"
    http_status = 403


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalise_pairing_code(code: str) -> str:
    return code.strip().upper().replace("-", "").replace(" ", "")


def create_device(session: Session, conference: Conference, *, name: str, station: str = "") -> tuple[Device, str]:
    """A new unpaired device and its one-time pairing code (shown once, valid 24 hours)."""
    if not name.strip():
        raise InvalidInput(Marked(N_("A device needs a name.")))
    code = "".join(secrets.choice(PAIRING_CODE_ALPHABET) for _ in range(PAIRING_CODE_LENGTH))
    device = Device(conference_id=conference.id, name=name.strip(), station=station.strip(),
                    pairing_code_hash=_hash(code), pairing_expires_at=utcnow() + PAIRING_VALIDITY)
    session.add(device)
    session.flush()
    return device, f"{code[:5]}-{code[5:]}"


def pair_device(session: Session, pairing_code: str) -> tuple[Device, str]:
    """Exchange a pairing code for a device token. The code works once."""
    device = session.scalar(
        select(Device).where(Device.pairing_code_hash == _hash(normalise_pairing_code(pairing_code))).with_for_update()
    )
    if device is None or device.pairing_expires_at is None or device.pairing_expires_at < utcnow():
        raise DeviceUnauthorized("This pairing code is not valid (it may have been used or have expired).")
    if device.revoked_at is not None:
        raise DeviceRevoked("This device has been revoked.")
    token = secrets.token_urlsafe(32)
    device.token_hash = _hash(token)
    device.pairing_code_hash = None
    device.pairing_expires_at = None
    device.paired_at = device.last_seen_at = utcnow()  # pairing is the first word from the kiosk
    session.flush()
    return device, token


class DeviceRef(Protocol):
    """What the kiosk routes' services read of the device a request comes from: an ``AuthenticatedDevice``,
    or a ``Device`` where one is at hand (the console, tests)."""

    @property
    def id(self) -> int: ...
    @property
    def conference_id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def station(self) -> str: ...


@dataclass(frozen=True, slots=True)
class AuthenticatedDevice:
    """The paired, unrevoked device a kiosk request's token names, as read for this request."""

    id: int
    conference_id: int
    name: str
    station: str
    last_seen_at: dt.datetime | None


def authenticate_device(session: Session, token: str) -> AuthenticatedDevice:
    """The device of ``token``, read in this request's transaction, every request: a revoked kiosk is refused
    at its next contact."""
    row = device_by_token(session, _hash(token)) if token else None
    if row is None:
        raise DeviceUnauthorized("Unknown device token.")
    if row.revoked_at is not None:
        raise DeviceRevoked(f"Device '{row.name}' has been revoked; pair it again.")
    return AuthenticatedDevice(id=row.id, conference_id=row.conference_id, name=row.name, station=row.station,
                               last_seen_at=row.last_seen_at)


def revoke_device(session: Session, conference: Conference, device_id: int) -> Device:
    device = session.get(Device, device_id)
    if device is None or device.conference_id != conference.id:
        raise NotFound(f"No device #{device_id} in {conference.slug}.")
    device.revoked_at = device.revoked_at or utcnow()
    # The token hash stays, so that the kiosk is told "revoked" (and can say so), not "unknown".
    device.pairing_code_hash = None
    session.flush()
    return device


def list_devices(session: Session, conference: Conference) -> list[Device]:
    return conference_devices(session, conference.id)


def record_health(device: Device, health: DeviceHealth, now: dt.datetime | None = None) -> None:
    """Keep a kiosk's report as it said it; the devices page judges it (silent, scans waiting too long).

    A report whose times are outside the window around the server's clock (``shared.reported_times``)
    is refused with the reason (422) and nothing of it is kept: a kiosk whose clock is that wrong
    sets its scans aside too, and its next report with a right clock is taken.
    """
    now = now or utcnow()
    refused = [f"{name} {why}" for name, moment in (("last_sync_at", health.last_sync_at),
                                                   ("oldest_waiting_at", health.oldest_waiting_at))
               if moment is not None and (why := refusal(moment, now))]
    if refused:
        raise InvalidInput("; ".join(refused), code="time_outside_window")
    device.health_reported_at = now
    device.app_version = health.app_version
    device.kiosk_last_sync_at = health.last_sync_at
    device.events_waiting = health.events_waiting
    device.oldest_waiting_at = health.oldest_waiting_at if health.events_waiting else None
    device.events_set_aside = health.events_set_aside
    device.last_error = health.last_error
    device.printer_state = health.printer
    device.reported_station = health.station
    device.station_mode = health.mode


# A kiosk syncs every few seconds while it runs: two minutes without a word is a kiosk switched off,
# a network gone, or a crash. Scans that wait five minutes are scans nobody else at the doors knows of.
SILENT_AFTER = dt.timedelta(minutes=2)
WAITING_TOO_LONG = dt.timedelta(minutes=5)
# "Last seen" is written at most this often: a kiosk polls the feed every 2 s, and a write per poll
# made every read a write transaction (500 kiosks: 250 writes a second, for a minute-resolution page).
LAST_SEEN_RESOLUTION = dt.timedelta(seconds=30)


def mark_seen(session: Session, device: AuthenticatedDevice) -> None:
    """The device was just heard from (to LAST_SEEN_RESOLUTION, well under SILENT_AFTER)."""
    now = utcnow()
    if device.last_seen_at is None or now - device.last_seen_at >= LAST_SEEN_RESOLUTION:
        note_seen(session, device.id, now)


@dataclass(frozen=True)
class FleetDevice:
    """A device and what its last report says, judged: online or not, and what needs someone's attention."""

    id: int
    name: str
    station: str  # as the kiosk last said; as it was paired before its first report
    mode: str
    state: str  # waiting_for_pairing | online | silent | revoked
    last_seen_at: dt.datetime | None
    last_sync_at: dt.datetime | None
    app_version: str
    events_waiting: int
    oldest_waiting_at: dt.datetime | None
    events_set_aside: int
    last_error: str
    printer: str
    alerts: tuple[str, ...]

    @property
    def online(self) -> bool:
        return self.state == "online"


class DeviceAlert(str):
    """An alert as English text (what the API and the logs say), keeping its phrase so a page words it in its
    reader's language: ``alert.phrase.text("de")``."""

    phrase: Phrase

    def __new__(cls, words: Phrase) -> Self:
        alert = super().__new__(cls, words.text())
        alert.phrase = words
        return alert


def judge(device: Device, now: dt.datetime) -> FleetDevice:
    """What the devices page and the dashboard say of a device at ``now``."""
    alerts: list[DeviceAlert] = []
    if device.revoked_at is not None:
        state = "revoked"
    elif device.paired_at is None:
        state = "waiting_for_pairing"
    elif device.last_seen_at is None or now - device.last_seen_at > SILENT_AFTER:
        state = "silent"
        alerts.append(DeviceAlert(device_words.never_heard_from() if device.last_seen_at is None else
                                  device_words.silent_for(now - device.last_seen_at)))
    else:
        state = "online"
    if state in ("online", "silent") and device.events_waiting and device.oldest_waiting_at is not None \
            and now - device.oldest_waiting_at > WAITING_TOO_LONG:
        alerts.append(DeviceAlert(device_words.scans_waiting(device.events_waiting,
                                                             now - device.oldest_waiting_at)))
    return FleetDevice(
        id=device.id, name=device.name, station=device.reported_station or device.station, mode=device.station_mode,
        state=state, last_seen_at=device.last_seen_at, last_sync_at=device.kiosk_last_sync_at,
        app_version=device.app_version, events_waiting=device.events_waiting,
        oldest_waiting_at=device.oldest_waiting_at, events_set_aside=device.events_set_aside,
        last_error=device.last_error, printer=device.printer_state, alerts=tuple(alerts))


def fleet(session: Session, conference: Conference, now: dt.datetime | None = None) -> list[FleetDevice]:
    """Every device of the conference, judged; revoked ones last."""
    now = now or utcnow()
    devices = [judge(device, now) for device in conference_devices(session, conference.id)]
    return sorted(devices, key=lambda d: (d.state == "revoked", d.id))


def shows_pairing_code(device: Device, code: str) -> bool:
    """True when ``code`` is ``device``'s pairing code and still pairs it (not used, expired nor revoked):
    the console's page shows a code only then."""
    return (device.pairing_code_hash is not None and device.revoked_at is None
            and device.pairing_expires_at is not None and device.pairing_expires_at > utcnow()
            and hmac.compare_digest(device.pairing_code_hash, _hash(normalise_pairing_code(code))))
