"""What the sponsors' admin API takes and gives (server.sponsors.endpoints): pydantic models, checked
before any rule or query sees the values."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from server.sponsors.bulk_purchases import BulkVoucherConfig
from server.vouchers.models import VoucherType
from shared.protocol import RowId, Text

MAX_MONEY = Decimal("99999999.99")  # well within the Numeric(12, 2) money columns
MAX_QUANTITY = 100_000


class SponsorLevelCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text = Field(min_length=1, max_length=100)
    cost: Decimal = Field(default=Decimal("0.00"), ge=0, le=MAX_MONEY, decimal_places=2)
    comp_badges: int = Field(default=0, ge=0, le=MAX_QUANTITY)


class SponsorLevelUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text | None = Field(default=None, min_length=1, max_length=100)
    cost: Decimal | None = Field(default=None, ge=0, le=MAX_MONEY, decimal_places=2)
    comp_badges: int | None = Field(default=None, ge=0, le=MAX_QUANTITY)


class SponsorLevelRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    cost: Decimal
    comp_badges: int


class SponsorCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text = Field(min_length=1, max_length=200)
    slug: Text | None = Field(default=None, max_length=64, description="Made from the name when left out.")
    level_id: RowId | None = None
    contact_email: Text = Field(default="", max_length=254)


class SponsorUpdate(BaseModel):
    """Only the fields sent change; ``"level_id": null`` removes the level."""

    model_config = ConfigDict(extra="forbid")

    name: Text | None = Field(default=None, min_length=1, max_length=200)
    slug: Text | None = Field(default=None, max_length=64)
    level_id: RowId | None = None
    contact_email: Text | None = Field(default=None, max_length=254)


class SponsorRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    slug: str
    name: str
    contact_email: str
    level: SponsorLevelRead | None
    voucher_prefix: str


class BulkPurchaseCreate(BaseModel):
    """Without a sponsor the purchase is the conference's own; codes then start with BULK-."""

    model_config = ConfigDict(extra="forbid")

    sponsor: Text | None = Field(default=None, description="Sponsor slug.")
    quantity: int = Field(ge=1, le=MAX_QUANTITY)
    unit_price: Decimal = Field(ge=0, le=MAX_MONEY, decimal_places=2)
    ticket_type: Text | None = Field(default=None, description="Ticket type slug or name.")
    addon: Text | None = Field(default=None, description="Add-on slug or name.")
    voucher_config: BulkVoucherConfig = Field(
        default_factory=lambda: BulkVoucherConfig(voucher_type=VoucherType.COMP, discount_value=Decimal(100)))


class BulkPurchaseRead(BaseModel):
    id: int
    sponsor: str | None
    quantity: int
    unit_price: Decimal
    total_amount: Decimal
    ticket_type: str | None
    addon: str | None
    status: str
    codes: int
