"""What the admin API answers about a conference."""

from __future__ import annotations

from pydantic import BaseModel


class ConferenceStats(BaseModel):
    slug: str
    name: str
    total_capacity: int
    sold: int
    remaining: int | None
    attendees: int
    checked_in: int
