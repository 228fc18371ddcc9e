"""Stripe webhook events as received (the de-duplication record and the retry ledger), payments taken at the
desk, and refunds paid outside Stripe."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base, str_enum, utcnow
from shared.languages import N_


class StripeEvent(Base):
    __tablename__ = "stripe_events"

    # Stripe's event id: the primary key is the de-duplication.
    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[dt.datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class DeskPaymentMethod(enum.StrEnum):
    CASH = "cash"
    CARD_TERMINAL = "card_terminal"

    @property
    def label(self) -> str:
        return {"cash": N_("Cash"), "card_terminal": N_("Card terminal")}[self.value]  # a page shows _(label)


class DeskPayment(Base):
    """Money taken at the registration desk (cash or the desk's card terminal), not through Stripe.

    Who took it is kept by name as well as by user id: the record must still say who after the
    user is deleted (the row's user_id then goes NULL).
    """

    __tablename__ = "desk_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    # One desk payment per order: a second "paid" click must not record the money twice.
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), unique=True)
    method: Mapped[DeskPaymentMethod] = mapped_column(str_enum(DeskPaymentMethod))
    amount: Mapped[Decimal]
    taken_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    taken_by: Mapped[str] = mapped_column(String(300))  # "Dana Door <dana@example.org>"
    taken_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class RefundMethod(enum.StrEnum):
    """How money went back when it did not go through Stripe."""

    CASH = "cash"
    CARD_TERMINAL = "card_terminal"
    BANK_TRANSFER = "bank_transfer"

    @property
    def label(self) -> str:
        return {"cash": N_("Cash"), "card_terminal": N_("Card terminal"), "bank_transfer": N_("Bank transfer")}[self.value]


class RefundOutsideStripe(Base):
    """Money given back for an order not paid through Stripe (at the desk, an import): how, how much, who.

    An order may have several (partial refunds). Who is kept by name as well as by user id, as for a
    desk payment: the record must still say who after the user is deleted.
    """

    __tablename__ = "refunds_outside_stripe"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    method: Mapped[RefundMethod] = mapped_column(str_enum(RefundMethod))
    amount: Mapped[Decimal]
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_by: Mapped[str] = mapped_column(String(300))  # "Olga Organizer <olga@example.org>"
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
