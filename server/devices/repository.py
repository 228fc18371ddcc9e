"""Named queries of the kiosk fleet."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Connection, Row, bindparam, select, update
from sqlalchemy.orm import Session

from server.devices.models import Device, ServerIdentity


def conference_devices(session: Session, conference_id: int) -> list[Device]:
    """All of a conference's devices, as added (revoked ones too: the devices page lists them last)."""
    return list(session.scalars(select(Device).where(Device.conference_id == conference_id).order_by(Device.id)))


def conference_device(session: Session, conference_id: int, device_id: int) -> Device | None:
    """One device of this conference (None for another conference's: nobody sees those)."""
    return session.scalar(select(Device).where(Device.id == device_id, Device.conference_id == conference_id))


# Every kiosk request looks its device up by token (a fleet's polls: 250 a second): built once, the
# columns the kiosk routes need, no ORM object (loading the whole Device cost half of an idle poll's
# server time). Never cached beyond the request: a revoked kiosk is refused at its next contact.
_BY_TOKEN = (select(Device.id, Device.conference_id, Device.name, Device.station, Device.revoked_at,
                    Device.last_seen_at)
             .where(Device.token_hash == bindparam("token_hash")))
_SEEN = update(Device).where(Device.id == bindparam("device_id")).values(last_seen_at=bindparam("seen_at"))


def device_by_token(session: Session, token_hash: str) -> Row | None:
    """The device holding this token (its id, conference, name, station, revoked_at, last_seen_at), or None."""
    return session.connection().execute(_BY_TOKEN, {"token_hash": token_hash}).first()


def note_seen(session: Session, device_id: int, seen_at: dt.datetime) -> None:
    session.connection().execute(_SEEN, {"device_id": device_id, "seen_at": seen_at})


# The id never changes for a database, and every poll of every kiosk sends it: read once per process
# and database. (Only an id read back is kept: one made in a transaction that may yet roll back is not.)
_SERVER_IDS: dict[str, str] = {}


def server_identity(session: Session) -> str:
    """This database's server id. Migration 0013 makes it; a database made from the models alone (the
    tests') gets it on first use."""
    bind = session.get_bind()
    database = (bind.engine if isinstance(bind, Connection) else bind).url.render_as_string(hide_password=True)
    if (known := _SERVER_IDS.get(database)) is not None:
        return known
    identity = session.get(ServerIdentity, 1)
    if identity is None:
        identity = ServerIdentity(id=1, server_id=str(uuid.uuid4()))
        session.add(identity)
        session.flush()
        return identity.server_id
    _SERVER_IDS[database] = identity.server_id
    return identity.server_id
