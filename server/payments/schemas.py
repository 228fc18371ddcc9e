"""What the payment routes take and give (server.payments.endpoints): pydantic models."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class CheckoutCreate(BaseModel):
    success_url: str = Field(min_length=8, max_length=2000, pattern="^https?://")
    cancel_url: str = Field(min_length=8, max_length=2000, pattern="^https?://")


class CheckoutRead(BaseModel):
    checkout_url: str
    session_id: str
    expires_at: dt.datetime


class WebhookAnswer(BaseModel):
    event_id: str
    outcome: str
    note: str = ""
