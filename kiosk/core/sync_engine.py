"""Background sync: upload the outbox, then download changes; again every few seconds.

Upload comes first so that the download which follows already includes this kiosk's own scans.
An outbox row leaves only in the transaction that processes the server's answer for it; if the
connection drops after the server applied a batch, the batch is sent again and comes back as
``duplicate``, which is acknowledged like ``applied``: nothing lost, nothing doubled.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from kiosk.core import attendee_cache
from kiosk.core.cache import connect, get_meta, set_meta, write_transaction
from kiosk.core.device import DeviceCredentials
from shared.protocol import ChangesPage, EventStatus, ScanEvent, UploadRequest, UploadResponse

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncStatus:
    online: bool = False
    revoked: bool = False
    last_success_at: dt.datetime | None = None
    last_error: str = ""
    events_waiting: int = 0
    attendees_cached: int = 0


class DeviceRevokedError(Exception):
    pass


class ServerRefused(Exception):
    """The server said no (4xx): retrying the same request will not help."""


class SyncEngine:
    def __init__(self, cache_path: Path, credentials: DeviceCredentials, *, page_size: int = 5000,
                 upload_batch: int = 500, timeout: float = 10, transport: httpx.BaseTransport | None = None) -> None:
        self.connection = connect(cache_path)  # this engine's own connection, used from its thread only
        self.credentials = credentials
        self.page_size = page_size
        self.upload_batch = upload_batch
        self.client = httpx.Client(base_url=credentials.server_url, timeout=timeout, transport=transport,
                                   headers={"Authorization": f"Bearer {credentials.token}"})
        self.status = SyncStatus()
        self._refresh_counts()

    def close(self) -> None:
        self.client.close()
        self.connection.close()

    # One round -----------------------------------------------------------------------------

    def sync_once(self, progress: Callable[[str, int], None] | None = None) -> SyncStatus:
        """Upload, then download. Never raises for network trouble: the status says what happened."""
        try:
            uploaded = self.upload(progress)
            downloaded = self.download(progress)
        except DeviceRevokedError as error:
            self.status = replace(self.status, online=True, revoked=True, last_error=str(error))
        except (httpx.TransportError, httpx.HTTPStatusError) as error:
            self.status = replace(self.status, online=False, last_error=_describe(error))
        except ServerRefused as error:
            self.status = replace(self.status, online=True, last_error=str(error))
        else:
            self.status = replace(self.status, online=True, revoked=False, last_error="",
                                  last_success_at=dt.datetime.now(dt.UTC))
            logger.debug("sync: %d events up, %d attendees down", uploaded, downloaded)
        self._refresh_counts()
        return self.status

    def upload(self, progress: Callable[[str, int], None] | None = None) -> int:
        sent = 0
        while True:
            rows = self.connection.execute("SELECT * FROM outbox ORDER BY seq LIMIT ?", (self.upload_batch,)).fetchall()
            if not rows:
                return sent
            events = [ScanEvent(uuid=r["uuid"], kind=r["kind"], access_code=r["access_code"],
                                occurred_at=dt.datetime.fromisoformat(r["occurred_at"]), station=r["station"],
                                product_kind=r["product_kind"], product_id=r["product_id"], reason=r["reason"],
                                undoes=r["undoes"])
                      for r in rows]
            body = UploadRequest(events=events).model_dump(mode="json")
            answer = UploadResponse.model_validate(self._checked(self.client.post("/api/v1/sync/events", json=body)).json())
            by_uuid = {r["uuid"]: r for r in rows}
            with write_transaction(self.connection):
                for result in answer.results:
                    row = by_uuid.get(str(result.uuid))
                    if row is None:
                        continue
                    if result.status in (EventStatus.APPLIED, EventStatus.DUPLICATE):
                        attendee_cache.fold_acknowledged(self.connection, row)
                    self.connection.execute("DELETE FROM outbox WHERE uuid = ?", (row["uuid"],))
            sent += len(rows)
            if progress:
                progress("upload", sent)

    def download(self, progress: Callable[[str, int], None] | None = None) -> int:
        """Pages after the stored cursor until the server has no more; each page in one transaction.

        The next page is fetched while this one is stored (the server builds it meanwhile), and an
        interrupted download resumes at the last whole page.
        """
        received = 0
        cursor = int(get_meta(self.connection, "cursor", "0"))
        first_sync = cursor == 0  # the whole conference is coming: index it for search once, at the end
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-fetch") as fetcher:
            pending = fetcher.submit(self._fetch_page, cursor)
            while True:
                page, attendees = pending.result()
                if page.has_more:
                    pending = fetcher.submit(self._fetch_page, page.next_cursor)
                with write_transaction(self.connection):
                    attendee_cache.store_page(self.connection, attendees, page.products, defer_search=first_sync)
                    if page.conference is not None:  # keys follow a rotation on the server
                        set_meta(self.connection, "badge_public_key", page.conference.badge_public_key)
                        set_meta(self.connection, "badge_previous_public_key",
                                 page.conference.previous_badge_public_key)
                        set_meta(self.connection, "conference_timezone", page.conference.timezone)
                    set_meta(self.connection, "cursor", str(page.next_cursor))
                received += len(attendees)
                if progress:
                    progress("download", received)
                if not page.has_more:
                    break
        attendee_cache.rebuild_search_if_stale(self.connection)
        return received

    def _fetch_page(self, cursor: int) -> tuple[ChangesPage, list[dict]]:
        """The page's envelope validated as a ChangesPage; its attendee records as the raw wire dicts.

        Validating 5,000 records into models (datetimes parsed, only to be stored again as the same
        ISO text) took longer than storing them; store_page checks their shape as it writes.
        """
        response = self._checked(self.client.get("/api/v1/sync/changes", params={"after": cursor,
                                                                                 "limit": self.page_size}))
        data = json.loads(response.content)
        attendees = data.pop("attendees", None)
        if not isinstance(attendees, list):
            raise ServerRefused("The server's change feed has no attendee list.")
        return ChangesPage.model_validate({**data, "attendees": []}), attendees

    def _checked(self, response: httpx.Response) -> httpx.Response:
        if response.status_code == 403:
            raise DeviceRevokedError("This kiosk has been revoked by the organisers; pair it again.")
        if response.status_code == 401:
            raise DeviceRevokedError("The server does not know this kiosk any more; pair it again.")
        if response.status_code >= 500:
            response.raise_for_status()  # HTTPStatusError: retry later
        if response.status_code >= 400:
            raise ServerRefused(f"The server refused the sync ({response.status_code}): {response.text[:200]}")
        return response

    def _refresh_counts(self) -> None:
        waiting = self.connection.execute("SELECT count(*) FROM outbox").fetchone()[0]
        self.status = replace(self.status, events_waiting=waiting,
                              attendees_cached=attendee_cache.count(self.connection))

    # Continuous ------------------------------------------------------------------------------

    def run(self, stop: threading.Event, *, interval: float = 2.0, max_backoff: float = 60.0,
            on_status: Callable[[SyncStatus], None] | None = None, wake: threading.Event | None = None) -> None:
        """Sync until ``stop`` is set: every ``interval`` seconds, backing off (doubling) while offline.

        Setting ``wake`` starts the next round at once (a scan was just recorded); the caller sets
        it too when it sets ``stop``, so that stopping never waits out a back-off.
        """
        delay = interval
        while not stop.is_set():
            status = self.sync_once()
            if on_status:
                on_status(status)
            if status.revoked:
                return
            delay = interval if status.online and not status.last_error else min(delay * 2, max_backoff)
            (wake or stop).wait(delay)
            if wake is not None:
                wake.clear()


def _describe(error: Exception) -> str:
    if isinstance(error, httpx.HTTPStatusError):
        return f"server error {error.response.status_code}"
    return f"server unreachable ({error.__class__.__name__})"


def fetch_conflicts(credentials: DeviceCredentials, *, timeout: float = 5) -> list[dict]:
    """The conference's conflicts as the server lists them (for the operator panel)."""
    response = httpx.get(f"{credentials.server_url}/api/v1/sync/conflicts", timeout=timeout,
                         headers={"Authorization": f"Bearer {credentials.token}"})
    response.raise_for_status()
    return response.json()


def fetch_badge_payload(credentials: DeviceCredentials, access_code: str, *, timeout: float = 3) -> str:
    """The signed payload for a badge, from the server; offline, the reference format ``slug:code``
    (door kiosks accept both; only the signed one also proves itself without a sync)."""
    try:
        response = httpx.get(f"{credentials.server_url}/api/v1/sync/badges/{access_code}", timeout=timeout,
                             headers={"Authorization": f"Bearer {credentials.token}"})
        if response.status_code == 200:
            return response.json()["payload"]
    except httpx.TransportError:
        pass
    return f"{credentials.conference_slug}:{access_code}"
