"""Named queries of the kiosk fleet."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from server.devices.models import Device, ServerIdentity


def conference_devices(session: Session, conference_id: int) -> list[Device]:
    """All of a conference's devices, as added (revoked ones too: the devices page lists them last)."""
    return list(session.scalars(select(Device).where(Device.conference_id == conference_id).order_by(Device.id)))


def conference_device(session: Session, conference_id: int, device_id: int) -> Device | None:
    """One device of this conference (None for another conference's: nobody sees those)."""
    return session.scalar(select(Device).where(Device.id == device_id, Device.conference_id == conference_id))


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
