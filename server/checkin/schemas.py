"""What the help desk's routes take and answer."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from shared.protocol import RowId, Text


class Redeemable(BaseModel):
    line_item_id: int
    description: str
    quantity: int
    redeemed_count: int
    remaining: int
    addon_id: int | None


class AttendeeAtTheDesk(BaseModel):
    name: str
    email: str
    company: str
    access_code: str
    ticket_type: str
    checked_in: bool
    first_check_in_at: dt.datetime | None
    check_in_count: int
    redeemable: list[Redeemable]


class DeskAction(BaseModel):
    station: Text = Field(default="Desk", max_length=100)
    by: Text = Field(default="", max_length=100)  # who at the desk did it (the audit trail)


class DeskDoorCheck(DeskAction):
    ticket_type: Text = Field(default="", max_length=100)  # slug or name; exactly one of the two
    addon: Text = Field(default="", max_length=100)


class DeskRedemption(DeskAction):
    line_item_id: RowId  # a row id: one beyond a 32-bit INTEGER is a 422, not a failed query
