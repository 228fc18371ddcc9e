"""What a volunteer set up at this kiosk: station, mode, product, PIN, camera. Kept beside the cache.

The PIN is stored as a salted scrypt hash; the file is replaced atomically so a kiosk switched off
mid-save starts with the old settings, not half of the new ones.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from kiosk.core.station import Station
from shared.decisions import ScanKind
from shared.station_data import StationMode as StationMode  # (the set-up names it; kiosk code imports it from here)
from shared.zone_moves import ZoneDoor, ZoneRole

SETTINGS_FILE = "station.json"


# In English, for the log and the error's own text (kiosk.ui.station_words words a mode for the screen).
MODE_LABELS = {
    StationMode.CHECK_IN: "Check-in",
    StationMode.EXIT: "Exit",
    StationMode.DOOR_CHECK: "Door check for one product",
    StationMode.REDEMPTION: "Redemption of one product",
    StationMode.BADGE_PRINTING: "Badge printing",
}


class SettingsProblem(enum.StrEnum):
    """What a station's set-up lacks; the set-up screen words it in the station's language."""

    NO_NAME = "no_name"
    NO_PRODUCT = "no_product"
    NO_ZONE = "no_zone"
    NO_TRANSFER_ZONE = "no_transfer_zone"
    BAD_PIN = "bad_pin"


class InvalidSettings(ValueError):
    """A set-up that cannot be saved: the English message (the log's), and its ``problem``."""

    def __init__(self, problem: SettingsProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        _, salt, _digest = stored.split("$")
        return hmac.compare_digest(hash_pin(pin, bytes.fromhex(salt)), stored)
    except ValueError:
        return False


@dataclass(frozen=True)
class KioskSettings:
    station_name: str
    mode: StationMode = StationMode.CHECK_IN
    product_type: str = "addon"  # ticket_type | addon, for door checks and redemptions
    product_id: int | None = None
    product_name: str = ""
    pin_hash: str = field(default="", repr=False)
    camera_index: int | None = None  # None: no camera at this station
    kiosk_mode: bool = True  # full screen, no way out without the PIN
    admit_unsynced: bool = True
    check_in_on_print: bool = False  # print stations: printing a badge also checks its attendee in
    printer: str = ""  # a system printer's name; "" = PDF files in the kiosk's data folder
    badge_size: str = "102x152mm"  # 102x152mm | 4x3in | a6
    badge_landscape: bool = False
    dismiss_seconds: float = 3.0
    language: str = ""  # the station's language (shared.languages.SHIPPED_LANGUAGES); "" = the system's
    # The check-in list its set-up showed, as saved with the station. Nothing decides by it: each scan asks
    # shared.checkin_lists.list_for_station for the list naming the station, as the server does.
    checkin_list_id: int | None = None
    checkin_list_name: str = ""
    # The station's zone role, chosen at set-up from the zones the server sent: "" (none) | entry | exit |
    # transfer (from ``zone_id`` into ``to_zone_id``).
    zone_role: str = ""
    zone_id: int | None = None
    to_zone_id: int | None = None

    def __post_init__(self) -> None:
        if not self.station_name.strip():
            raise InvalidSettings(SettingsProblem.NO_NAME, "Give the station a name, e.g. 'Door B'.")
        if self.mode.needs_product and self.product_id is None:
            raise InvalidSettings(SettingsProblem.NO_PRODUCT, f"Choose the product for {MODE_LABELS[self.mode].lower()}.")
        if self.zone_role and self.zone_id is None:
            raise InvalidSettings(SettingsProblem.NO_ZONE, "Choose the zone this station is the door of.")
        if self.zone_role == ZoneRole.TRANSFER and self.to_zone_id is None:
            raise InvalidSettings(SettingsProblem.NO_TRANSFER_ZONE, "Choose the zone a transfer leads into.")

    def zone_door(self) -> ZoneDoor | None:
        if not self.zone_role or self.zone_id is None:
            return None
        role = ZoneRole(self.zone_role)
        return ZoneDoor(role, self.zone_id, self.to_zone_id if role is ZoneRole.TRANSFER else None)

    def station(self) -> Station:
        """The scan rules of this station (a print station checks in when it is set to)."""
        kind = ScanKind.CHECK_IN if self.mode is StationMode.BADGE_PRINTING else ScanKind(self.mode.value)
        product_type = "addon" if self.mode is StationMode.REDEMPTION else self.product_type
        return Station(name=self.station_name, kind=kind, product_type=product_type,
                       product_id=self.product_id if self.mode.needs_product else None,
                       admit_unsynced=self.admit_unsynced,
                       zone_door=self.zone_door())

    def with_pin(self, pin: str) -> KioskSettings:
        if not (pin.isdigit() and 4 <= len(pin) <= 12):
            raise InvalidSettings(SettingsProblem.BAD_PIN, "The PIN is 4 to 12 digits.")
        return replace(self, pin_hash=hash_pin(pin))


def load_settings(data_dir: Path) -> KioskSettings | None:
    path = data_dir / SETTINGS_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    data["mode"] = StationMode(data["mode"])
    if "product_kind" in data:  # saved before the field was renamed
        data["product_type"] = data.pop("product_kind")
    return KioskSettings(**data)


def save_settings(data_dir: Path, settings: KioskSettings) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SETTINGS_FILE
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # holds the PIN hash
    with os.fdopen(fd, "w") as file:
        json.dump(asdict(settings), file, indent=2)
    os.replace(temporary, path)
