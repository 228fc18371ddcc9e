"""A station's configuration: what a scan at this kiosk means."""

from __future__ import annotations

from dataclasses import dataclass

from shared.decisions import ScanKind
from shared.zone_moves import ZoneDoor


@dataclass(frozen=True)
class Station:
    name: str  # shown in "Already checked in at 09:14, Door B"
    kind: ScanKind = ScanKind.CHECK_IN
    product_type: str = "addon"  # for door checks: ticket_type | addon; redemptions are always add-ons
    product_id: int | None = None
    # Admit a validly signed badge that is not in the cache yet (registered after the last sync).
    admit_unsynced: bool = True
    zone_door: ZoneDoor | None = None  # the entry or exit of a zone, or a transfer between two (its count, its alarms)

    def __post_init__(self) -> None:
        if self.kind in (ScanKind.DOOR_CHECK, ScanKind.REDEMPTION) and self.product_id is None:
            raise ValueError(f"A {self.kind.value} station needs a product.")
