"""Pairing this kiosk with a server, and the device credentials it keeps (file mode 0600)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from kiosk.core import attendee_cache, outbox
from kiosk.core.cache import connect, get_meta, set_meta, write_transaction
from shared.protocol import PairRequest, PairResponse

logger = logging.getLogger(__name__)
CREDENTIALS_FILE = "device.json"
PENDING_FILE = "pending-pairing.json"
CACHE_FILE = "cache.sqlite3"


class PairingError(Exception):
    """Pairing failed; the message says why in words a volunteer can act on (English, and the log's). ``code``
    says which failure it is, so the kiosk words it in the station's language: ``unreachable`` (``server``
    named), ``server_error`` (its ``http_status``), ``scans_waiting``, ``code_refused`` (the server's 401/403/422: a
    wrong, used or expired code), ``too_many_attempts`` (429; ``retry_after_s``: the seconds the server asked to wait,
    0 if it did not say); the message is the server's own (English) for those two, the log's."""

    def __init__(self, message: str, *, code: str = "", server: str = "", http_status: int = 0,
                 retry_after_s: int = 0) -> None:
        super().__init__(message)
        self.code, self.server = code, server
        self.http_status, self.retry_after_s = http_status, retry_after_s


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
    _save_json(data_dir / CREDENTIALS_FILE, asdict(credentials))


@dataclass(frozen=True)
class Pairing:
    """What a server answered to a pairing code, before this kiosk takes it on."""

    credentials: DeviceCredentials
    server_id: str  # "" from a server older than server ids
    timezone: str
    badge_public_key: str
    previous_badge_public_key: str


@dataclass(frozen=True)
class WaitingScans:
    """Scans in the outbox for the server (or conference) this kiosk was paired with before."""

    count: int
    server_url: str
    conference_name: str


class ScansWaitingError(PairingError):
    """The new pairing is another server or conference, and scans for the old one wait in the outbox.

    The pairing is kept (``pending-pairing.json``, 0600: its code is used up) until the operator has
    uploaded, exported or discarded them; ``finish_pairing`` then takes it on."""

    def __init__(self, pairing: Pairing, waiting: WaitingScans) -> None:
        super().__init__(f"This kiosk still has {waiting.count} scan{'s' if waiting.count != 1 else ''} of "
                         f"{waiting.conference_name} waiting to upload to {waiting.server_url}.")
        self.pairing = pairing
        self.waiting = waiting


def pair(server_url: str, pairing_code: str, data_dir: Path, *, timeout: float = 10) -> DeviceCredentials:
    """Exchange a pairing code for a device token and prepare the cache for the server's conference.

    Paired with another server (its id) or another conference than before, the kiosk starts a fresh
    cache and feed position. Scans still waiting for the old server are never dropped: then this raises
    ``ScansWaitingError`` with the pairing kept aside, and nothing changes until the operator decides."""
    pairing = exchange_code(server_url, pairing_code, timeout=timeout)
    waiting = scans_for_another_server(data_dir, pairing)
    if waiting is not None:
        _save_json(data_dir / PENDING_FILE, _pairing_record(pairing))
        raise ScansWaitingError(pairing, waiting)
    return finish_pairing(data_dir, pairing)


def _json_detail(response: httpx.Response) -> object:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("detail") if isinstance(body, dict) else None


def exchange_code(server_url: str, pairing_code: str, *, timeout: float = 10) -> Pairing:
    server_url = server_url.rstrip("/")
    try:
        response = httpx.post(f"{server_url}/api/v1/sync/pair", json=PairRequest(pairing_code=pairing_code).model_dump(),
                              timeout=timeout)
    except httpx.HTTPError as error:
        raise PairingError(f"Cannot reach the server at {server_url} ({error.__class__.__name__}).",
                           code="unreachable", server=server_url) from None
    if response.status_code in (401, 403, 422, 429):
        detail = _json_detail(response)
        message = detail.get("message") if isinstance(detail, dict) else "That pairing code is not valid."
        if response.status_code == 429 or (isinstance(detail, dict) and detail.get("code") == "too_many_pairing_attempts"):
            # the server's Retry-After (seconds) says how long; worded by the kiosk in the station's language
            wait = response.headers.get("retry-after", "")
            raise PairingError(str(message), code="too_many_attempts",
                               retry_after_s=int(wait) if wait.isdigit() else 0)
        raise PairingError(str(message), code="code_refused")
    if response.status_code != 200:
        raise PairingError(f"The server answered {response.status_code}; try again in a moment.",
                           code="server_error", http_status=response.status_code)
    paired = PairResponse.model_validate(response.json())
    credentials = DeviceCredentials(server_url=server_url, device_id=paired.device_id, token=paired.device_token,
                                    station=paired.station, conference_slug=paired.conference.slug,
                                    conference_name=paired.conference.name)
    return Pairing(credentials, paired.server_id, paired.conference.timezone, paired.conference.badge_public_key,
                   paired.conference.previous_badge_public_key)


def _same_server(connection: sqlite3.Connection, previous: DeviceCredentials | None, pairing: Pairing) -> bool:
    """Whether the cache belongs to the server and conference of ``pairing``. The server's id decides; a
    cache that never learnt one cannot vouch for itself (the address may now lead to a fresh database), so
    it starts fresh. Only a server older than ids is judged by its address."""
    if get_meta(connection, "conference_slug") != pairing.credentials.conference_slug:
        return False
    if pairing.server_id:
        return get_meta(connection, "server_id") == pairing.server_id
    return previous is not None and previous.server_url == pairing.credentials.server_url


def scans_for_another_server(data_dir: Path, pairing: Pairing) -> WaitingScans | None:
    """The scans that wait for the previous server, when ``pairing`` is another one; else None."""
    if not (data_dir / CACHE_FILE).exists():
        return None
    connection = connect(data_dir / CACHE_FILE)
    try:
        waiting = outbox.size(connection)
        if not waiting or _same_server(connection, load_credentials(data_dir), pairing):
            return None
        previous = load_credentials(data_dir)
        return WaitingScans(waiting, previous.server_url if previous else "the previous server",
                            get_meta(connection, "conference_name") or get_meta(connection, "conference_slug") or "")
    finally:
        connection.close()


def finish_pairing(data_dir: Path, pairing: Pairing) -> DeviceCredentials:
    """Take the pairing on: a fresh cache if it is another server or conference, then the credentials."""
    data_dir.mkdir(parents=True, exist_ok=True)
    connection = connect(data_dir / CACHE_FILE)
    try:
        with write_transaction(connection):
            if not _same_server(connection, load_credentials(data_dir), pairing):
                if outbox.size(connection):
                    raise PairingError("Scans for the previous server are still waiting: upload, export or "
                                       "discard them first.", code="scans_waiting")
                # Nothing of the old server may remain visible: its people, its feed position, this
                # station's history of scans there, its print jobs; nor reach the new one: who was
                # looked up there is the old conference's to know, not the new one's owners'.
                attendee_cache.forget_conference(connection)
                for table in ("meta", "scan_log", "print_jobs", "lookup_log"):
                    connection.execute(f"DELETE FROM {table}")
            set_meta(connection, "server_id", pairing.server_id)
            set_meta(connection, "server_url", pairing.credentials.server_url)
            set_meta(connection, "conference_slug", pairing.credentials.conference_slug)
            set_meta(connection, "conference_name", pairing.credentials.conference_name)
            set_meta(connection, "conference_timezone", pairing.timezone)
            set_meta(connection, "badge_public_key", pairing.badge_public_key)
            set_meta(connection, "badge_previous_public_key", pairing.previous_badge_public_key)
    finally:
        connection.close()
    _save_credentials(data_dir, pairing.credentials)
    (data_dir / PENDING_FILE).unlink(missing_ok=True)
    return pairing.credentials


def pending_pairing(data_dir: Path) -> Pairing | None:
    """A pairing that waits for the operator's decision on the old server's scans (kept across a restart)."""
    path = data_dir / PENDING_FILE
    if not path.exists():
        return None
    record = json.loads(path.read_text())
    return Pairing(DeviceCredentials(**record.pop("credentials")), **record)


def waiting_scans(data_dir: Path) -> WaitingScans | None:
    """What a pending pairing waits for: the scans still in the outbox, for the server paired before."""
    pairing = pending_pairing(data_dir)
    return scans_for_another_server(data_dir, pairing) if pairing is not None else None


def discard_waiting_scans(data_dir: Path) -> int:
    """The operator discarded them (with the PIN): gone, and logged with their ids."""
    connection = connect(data_dir / CACHE_FILE)
    try:
        with write_transaction(connection):
            rows = outbox.every_scan(connection)
            outbox.empty(connection)
    finally:
        connection.close()
    for row in rows:
        logger.warning("pairing: discarded with the PIN: %s %s of %s at %s", row["uuid"], row["kind"],
                       row["access_code"], row["occurred_at"])
    return len(rows)


def export_waiting_scans(data_dir: Path, folder: Path | None = None) -> tuple[Path, int]:
    """Write the waiting scans to a file, then take them out of the outbox.

    The file is the body of an upload (``{"events": [...]}``, what ``POST /api/v1/sync/events`` takes),
    so the organisers can still send it to the old server. It is on disk (fsynced) before any scan
    leaves the outbox."""
    folder = folder or data_dir / "exported-scans"
    folder.mkdir(parents=True, exist_ok=True)
    connection = connect(data_dir / CACHE_FILE)
    try:
        with write_transaction(connection):
            rows = outbox.every_scan(connection)
            slug = get_meta(connection, "conference_slug") or "conference"
            events = [outbox.scan_event(row).model_dump(mode="json") for row in rows]
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
            path = folder / f"scans-{slug}-{stamp}.json"
            with open(path, "w", encoding="utf-8") as file:
                json.dump({"events": events}, file, indent=1)
                file.flush()
                os.fsync(file.fileno())
            outbox.empty(connection, up_to_seq=rows[-1]["seq"] if rows else 0)
    finally:
        connection.close()
    logger.warning("pairing: %d scans for the previous server exported to %s", len(rows), path)
    return path, len(rows)


def _pairing_record(pairing: Pairing) -> dict[str, object]:
    return asdict(pairing)


def _save_json(path: Path, record: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    # Created 0600 from the start: a token must never be readable by another user, not even briefly.
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as file:
        json.dump(record, file)
    os.replace(temporary, path)
