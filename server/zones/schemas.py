"""Zones in the admin API."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from shared.protocol import RowId, Text


class ZoneCreate(BaseModel):
    name: Text = Field(min_length=1, max_length=100)
    capacity: int = Field(default=0, ge=0, le=1_000_000)  # 0: counted, never full
    parent_id: RowId | None = None  # the zone that holds it (the venue holds halls, a hall rooms)
    at_full: str = Field(default="warn", pattern="^(warn|refuse)$")
    reset_at: dt.time | None = None  # every night at this time on the venue's clock, nobody is inside any more


class ZoneRead(BaseModel):
    id: int
    name: str
    parent_id: int | None
    capacity: int
    at_full: str
    inside: int
    alarm: int | None  # 80, 95 or 100: the share of its capacity it has reached
