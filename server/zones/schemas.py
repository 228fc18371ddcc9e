"""Zones in the admin API."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from shared.protocol import RowId, Text


def _on_the_venue_clock(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise ValueError("a time of day on the venue's clock, without an offset (04:00)")
    return value.replace(second=0, microsecond=0)


class ZoneCreate(BaseModel):
    name: Text = Field(min_length=1, max_length=100)
    capacity: int = Field(default=0, ge=0, le=1_000_000)  # 0: counted, never full
    parent_id: RowId | None = None  # the zone that holds it (the venue holds halls, a hall rooms)
    at_full: str = Field(default="warn", pattern="^(warn|refuse)$")
    # Every night at this time on the venue's clock, nobody is inside any more.
    reset_at: Annotated[dt.time, AfterValidator(_on_the_venue_clock)] | None = None


class ZoneRead(BaseModel):
    id: int
    name: str
    parent_id: int | None
    capacity: int
    at_full: str
    inside: int
    alarm: int | None  # 80, 95 or 100: the share of its capacity it has reached
