"""What the sync routes answer beyond shared.protocol: badges for print stations, conflicts, devices."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from shared.protocol import Text


class BadgeRead(BaseModel):
    access_code: str
    payload: str  # the signed QR payload


class ConflictRead(BaseModel):
    id: int
    reason: str
    message: str  # in English
    # The same as data (shared.phrases.Phrase.to_json): ``Phrase.from_json(words).text("de")`` words it in the
    # station's language, as the console does. None for a conflict recorded before the words were kept.
    words: dict[str, Any] | None = None
    kind: str
    access_code: str
    station: str
    occurred_at: dt.datetime
    device_id: int
    # Set once someone resolved it in the console (the kiosk's operator panel shows it).
    resolved_at: dt.datetime | None = None
    resolved_by: str = ""
    resolution_note: str = ""


class DeviceCreate(BaseModel):
    name: Text = Field(min_length=1, max_length=100)
    station: Text = Field(default="", max_length=100)


class DeviceRead(BaseModel):
    id: int
    name: str
    station: str
    paired: bool
    revoked: bool
    last_seen_at: dt.datetime | None
    pairing_code: str | None = None
