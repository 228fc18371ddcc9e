"""HTTP shapes for placing and reading orders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from shared.protocol import Text

ProductKey = Annotated[Text, Field(min_length=1, max_length=100)]  # a ticket type's or add-on's slug or name
Quantity = Annotated[int, Field(ge=1, le=1000)]

class PersonIn(BaseModel):
    first_name: Text = Field(min_length=1, max_length=100)
    last_name: Text = Field(default="", max_length=100)
    email: Text = Field(default="", max_length=254)
    company: Text = Field(default="", max_length=200)


class OrderCreate(BaseModel):
    """Quantities by ticket-type slug and add-on slug."""

    model_config = ConfigDict(extra="forbid")

    buyer: PersonIn
    tickets: dict[ProductKey, Quantity] = Field(min_length=1, max_length=50)
    addons: dict[ProductKey, Quantity] = Field(default_factory=dict, max_length=50)
    voucher_code: Text | None = Field(default=None, max_length=100)
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
