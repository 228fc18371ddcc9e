"""The dashboard's figures in the admin API."""

from __future__ import annotations

from pydantic import BaseModel


class DoorFlowRead(BaseModel):
    station: str
    admitted_per_minute: list[int]  # the last 15 minutes, the oldest first
    refused_per_minute: list[int]
    flag: str


class FlowRead(BaseModel):
    to_come: int
    per_minute: float
    busy_doors: int
    minutes_to_admit: int | None
    summary: str
    doors: list[DoorFlowRead]
