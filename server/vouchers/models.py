"""Vouchers: discount codes with a use limit, a validity window and optional product restrictions."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.conferences.models import AddOn, TicketType
from server.db.base import Base, str_enum, utcnow


class VoucherType(enum.StrEnum):
    COMP = "comp"  # 100% off what it applies to
    PERCENTAGE = "percentage"
    FIXED_AMOUNT = "fixed_amount"


voucher_ticket_types = Table(
    "voucher_ticket_types",
    Base.metadata,
    Column("voucher_id", ForeignKey("vouchers.id", ondelete="CASCADE"), primary_key=True),
    Column("ticket_type_id", ForeignKey("ticket_types.id", ondelete="CASCADE"), primary_key=True),
)

voucher_addons = Table(
    "voucher_addons",
    Base.metadata,
    Column("voucher_id", ForeignKey("vouchers.id", ondelete="CASCADE"), primary_key=True),
    Column("addon_id", ForeignKey("addons.id", ondelete="CASCADE"), primary_key=True),
)


class Voucher(Base):
    __tablename__ = "vouchers"
    __table_args__ = (UniqueConstraint("conference_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(100))
    voucher_type: Mapped[VoucherType] = mapped_column(str_enum(VoucherType))
    discount_value: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    max_uses: Mapped[int] = mapped_column(default=1)
    times_used: Mapped[int] = mapped_column(default=0)
    valid_from: Mapped[dt.datetime | None]
    valid_until: Mapped[dt.datetime | None]
    unlocks_hidden_tickets: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    # Empty restrictions mean "applies to all".
    applicable_ticket_types: Mapped[list[TicketType]] = relationship(secondary=voucher_ticket_types)
    applicable_addons: Mapped[list[AddOn]] = relationship(secondary=voucher_addons)
