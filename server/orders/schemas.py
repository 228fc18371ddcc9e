"""HTTP shapes for placing and reading orders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class PersonIn(BaseModel):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(default="", max_length=100)
    email: str = Field(default="", max_length=254)
    company: str = Field(default="", max_length=200)


class OrderCreate(BaseModel):
    """Quantities by ticket-type slug and add-on slug."""

    model_config = ConfigDict(extra="forbid")

    buyer: PersonIn
    tickets: dict[str, int] = Field(min_length=1, max_length=50)
    addons: dict[str, int] = Field(default_factory=dict, max_length=50)
    voucher_code: str | None = Field(default=None, max_length=100)
    attendees: list[PersonIn] | None = Field(default=None, max_length=100)


class LineItemRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    description: str
    quantity: int
    unit_price: Decimal
    discount_amount: Decimal
    line_total: Decimal


class OrderRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    reference: str
    status: str
    email: str
    subtotal: Decimal
    discount_amount: Decimal
    total: Decimal
    amount_refunded: Decimal
    hold_expires_at: dt.datetime | None
    line_items: list[LineItemRead]


__all__ = ["LineItemRead", "OrderCreate", "OrderRead", "PersonIn"]
