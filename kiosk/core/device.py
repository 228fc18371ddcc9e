"""Pairing this kiosk with a server, and the device credentials it keeps (file mode 0600)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from kiosk.core.cache import connect, get_meta, set_meta, write_transaction
from shared.protocol import PairRequest, PairResponse

CREDENTIALS_FILE = "device.json"
CACHE_FILE = "cache.sqlite3"


class PairingError(Exception):
    """Pairing failed; the message says why in words a volunteer can act on."""


@dataclass(frozen=True)
class DeviceCredentials:
    server_url: str
    device_id: int
    token: str
    station: str
    conference_slug: str
    conference_name: str


def load_credentials(data_dir: Path) -> DeviceCredentials | None:
    path = data_dir / CREDENTIALS_FILE
    return DeviceCredentials(**json.loads(path.read_text())) if path.exists() else None


def _save_credentials(data_dir: Path, credentials: DeviceCredentials) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / CREDENTIALS_FILE
    temporary = path.with_suffix(".tmp")
    # Created 0600 from the start: the token must never be readable by another user, not even briefly.
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as file:
        json.dump(asdict(credentials), file)
    os.replace(temporary, path)


def pair(server_url: str, pairing_code: str, data_dir: Path, *, timeout: float = 10) -> DeviceCredentials:
    """Exchange a pairing code for a device token and prepare the cache for the conference."""
    server_url = server_url.rstrip("/")
    try:
        response = httpx.post(f"{server_url}/api/v1/sync/pair", json=PairRequest(pairing_code=pairing_code).model_dump(),
                              timeout=timeout)
    except httpx.HTTPError as error:
        raise PairingError(f"Cannot reach the server at {server_url} ({error.__class__.__name__}).") from None
    if response.status_code in (401, 403, 422):
        detail = response.json().get("detail")
        message = detail.get("message") if isinstance(detail, dict) else "That pairing code is not valid."
        raise PairingError(message)
    if response.status_code != 200:
        raise PairingError(f"The server answered {response.status_code}; try again in a moment.")
    paired = PairResponse.model_validate(response.json())

    data_dir.mkdir(parents=True, exist_ok=True)
    connection = connect(data_dir / CACHE_FILE)
    try:
        with write_transaction(connection):
            previous = get_meta(connection, "conference_slug")
            if previous and previous != paired.conference.slug:
                if connection.execute("SELECT count(*) FROM outbox").fetchone()[0]:
                    raise PairingError(f"This kiosk still has scans of {previous} waiting to upload; sync them first.")
                # Another conference: nothing of the old one may remain visible.
                for table in ("attendees", "products", "meta"):
                    connection.execute(f"DELETE FROM {table}")
            set_meta(connection, "conference_slug", paired.conference.slug)
            set_meta(connection, "conference_name", paired.conference.name)
            set_meta(connection, "conference_timezone", paired.conference.timezone)
            set_meta(connection, "badge_public_key", paired.conference.badge_public_key)
            set_meta(connection, "badge_previous_public_key", paired.conference.previous_badge_public_key)
    finally:
        connection.close()
    credentials = DeviceCredentials(server_url=server_url, device_id=paired.device_id, token=paired.device_token,
                                    station=paired.station, conference_slug=paired.conference.slug,
                                    conference_name=paired.conference.name)
    _save_credentials(data_dir, credentials)
    return credentials
