"""What this kiosk tells the server about itself after every sync round (the admin's fleet health).

Read from what the kiosk already keeps: the outbox (scans waiting, the oldest one), the station's
settings beside the cache (name and mode), the sync status (last good round, last error in words)
and, for a print station, what the window says of its printer (``printer_state``, set by the UI:
kiosk/core stays free of Qt).
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from kiosk.core import outbox
from kiosk.core.settings import load_settings
from shared.protocol import DeviceHealth

logger = logging.getLogger(__name__)


def app_version() -> str:
    try:
        return metadata.version("doorstation")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def device_health(connection: sqlite3.Connection, data_dir: Path, *, paired_station: str,
                  last_sync_at: dt.datetime | None, last_error: str,
                  printer_state: Callable[[], str] | None = None) -> DeviceHealth:
    counts = outbox.counts(connection)
    waiting, oldest, set_aside = counts.waiting, counts.oldest_waiting, counts.set_aside
    station, mode = paired_station, ""
    try:
        settings = load_settings(data_dir)
    except (ValueError, TypeError, OSError) as error:  # a damaged station.json: say what we were paired as
        logger.warning("health: cannot read the station settings (%s)", error)
        settings = None
    if settings is not None:
        station, mode = settings.station_name, settings.mode.value
    printer = ""
    if printer_state is not None:
        try:
            printer = printer_state()
        except Exception:  # the window's trouble must not stop the report
            logger.exception("health: reading the printer state failed")
            printer = "unknown (the kiosk could not read it)"
    return DeviceHealth(
        app_version=app_version()[:40], last_sync_at=last_sync_at, events_waiting=waiting,
        oldest_waiting_at=dt.datetime.fromisoformat(oldest) if oldest else None, events_set_aside=set_aside,
        last_error=last_error[:300], printer=printer[:200], station=station[:100], mode=mode)
