"""Kiosk devices: created by an admin, paired once with a one-time code, revocable.

Only SHA-256 hashes of pairing codes and tokens are stored, so a copy of the database cannot
be used to pair or to sync. Tokens are 256-bit random, so an unsalted hash is enough.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.conferences.models import Conference
from server.db.base import utcnow
from server.devices.models import Device
from server.errors import DomainError, InvalidInput, NotFound

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
        raise InvalidInput("A device needs a name.")
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
    device.paired_at = utcnow()
    session.flush()
    return device, token


def authenticate_device(session: Session, token: str) -> Device:
    device = session.scalar(select(Device).where(Device.token_hash == _hash(token))) if token else None
    if device is None:
        raise DeviceUnauthorized("Unknown device token.")
    if device.revoked_at is not None:
        raise DeviceRevoked(f"Device '{device.name}' has been revoked; pair it again.")
    return device


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
    return list(session.scalars(select(Device).where(Device.conference_id == conference.id).order_by(Device.id)))
