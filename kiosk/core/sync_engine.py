"""Background sync: upload the outbox, then download changes; again every few seconds.

Upload comes first so that the download which follows already includes this kiosk's own scans.
An outbox row leaves only in the transaction that processes the server's answer for it; if the
connection drops after the server applied a batch, the batch is sent again and comes back as
``duplicate``, which is acknowledged like ``applied``: nothing lost, nothing doubled.

The loop never stops by itself and never fails silently. Whatever goes wrong in a round (no
network, a captive portal answering HTML, a 4xx or 5xx, an answer that is not what the protocol
says, any exception) is logged with its traceback, put in the status in words, and retried with
back-off. "Revoked" is only what the server says explicitly. A batch the server refuses (4xx) is
split until the one scan it refuses is found; that scan is set aside with the server's reason,
shown to the operator, and the rest uploads.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import httpx
import orjson
from pydantic import BaseModel, ValidationError

from kiosk.core import attendee_cache, checkin_lists, lookup_log, outbox, print_jobs
from kiosk.core.cache import commits_not_waiting_for_disk, connect, get_meta, set_meta, write_transaction
from kiosk.core.device import CACHE_FILE, DeviceCredentials, load_credentials
from kiosk.core.health import device_health
from kiosk.core.settings import StationMode, load_settings
from shared.protocol import (
    ChangesPage,
    EventStatus,
    FeedFormat,
    ProductRecord,
    ScanEvent,
    UploadRequest,
    UploadResponse,
)
from shared.station_data import scope_for_mode
from kiosk.core.zone_figures import store_zones

logger = logging.getLogger(__name__)
# Answers that are about the scans sent (a field the server will not take, a body too large), so
# that splitting the batch finds the one scan at fault; any other 4xx is about the kiosk or the server.
SCAN_REFUSED = (413, 422)
Answer = TypeVar("Answer", bound=BaseModel)  # a model the server answers with


class SyncTrouble(enum.StrEnum):
    """Why the last round did not go through, for the kiosk to word in the station's language."""

    REVOKED = "revoked"
    UNREACHABLE = "unreachable"  # detail: the transport error's name
    BUSY = "busy"  # seconds: what the server asked to wait
    SERVER_ERROR = "server_error"  # status_code: the 5xx
    NOT_RECOGNISED = "not_recognised"  # 401: a different or reset server
    REFUSED = "refused"  # status_code, detail: the server's own sentence (English)
    NOT_OUR_SERVER = "not_our_server"  # status_code, detail: the content type (a captive portal, a proxy)
    FEED_NOT_UNDERSTOOD = "feed_not_understood"  # count: the problems found (a server of another version)
    NO_ANSWERS = "no_answers"  # the server answered for none of the scans sent
    FAILED = "failed"  # detail: the error's name (a bug or a broken cache)
    # Uploading the scans waiting for the previous server, before pairing with another (detail: its address):
    NOT_PAIRED_BEFORE = "not_paired_before"
    PREVIOUS_UNREACHABLE = "previous_unreachable"  # seconds unused; status_code 0
    PREVIOUS_ANSWERED = "previous_answered"  # status_code: its 5xx
    PREVIOUS_FORGOT = "previous_forgot"  # 401: a reset server


class SyncNews(enum.StrEnum):
    """Not trouble, but something the operator should know."""

    RECORDS_WENT_BACK = "records_went_back"  # count: the server's version now; held: this kiosk's
    OTHER_SERVER = "other_server"  # not the server this kiosk was paired with: downloaded everything again
    CONFERENCE_OVER = "conference_over"  # count: scans still waiting before the kiosk forgets the conference


@dataclass(frozen=True)
class SyncProblem:
    """What went wrong (``trouble``) or what is news (``news``), with the figures a sentence needs."""

    trouble: SyncTrouble | None = None
    news: SyncNews | None = None
    status_code: int = 0
    seconds: float = 0.0
    count: int = 0
    held: int = 0
    detail: str = ""


@dataclass(frozen=True)
class SyncStatus:
    online: bool = False  # the server answered the last round (even if it said no)
    revoked: bool = False
    last_success_at: dt.datetime | None = None
    last_error: str = ""  # in English, for the log and the server's devices page; "" after a good round
    trouble: SyncProblem | None = None  # the same as codes and figures, for the status bar to word; None after a good round
    events_waiting: int = 0
    events_set_aside: int = 0  # scans the server refused: kept, shown to the operator, not resent
    attendees_cached: int = 0
    timezone: str = "UTC"  # the conference's, for every time the kiosk shows
    retry_after: float = 0.0  # seconds a busy server asked the kiosk to wait (503 with Retry-After)
    notice: str = ""  # not trouble, but news for the operator: "… downloaded everything again" (English)
    news: SyncProblem | None = None  # the same as a code and figures, for the status bar to word
    conference_over: bool = False  # the moment the organisers set for kiosks to forget it has passed


@dataclass(frozen=True)
class PageAttendees:
    """A change-feed page's attendees as sent: rows of ``columns`` (feed format "rows"), or record
    dicts when ``columns`` is None (format "objects", from servers before "rows")."""

    columns: list[str] | None
    items: list[Any]

    def store(self, connection: sqlite3.Connection, products: list[ProductRecord]) -> None:
        if self.columns is None:
            attendee_cache.store_page(connection, self.items, products)
        else:
            attendee_cache.store_rows(connection, self.columns, self.items, products)


class DeviceRevokedError(Exception):
    pass


class ServerRefused(Exception):
    """The server said no (4xx): retrying the same request will not help."""

    def __init__(self, message: str, status_code: int = 0, *, detail: str = "",
                 problem: SyncProblem | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.detail = detail  # the server's own sentence, as it said it
        # the same as a code and figures, for the kiosk to word in the station's language
        self.problem = problem or SyncProblem(SyncTrouble.REFUSED, status_code=status_code, detail=detail or message)


class UnexpectedAnswer(Exception):
    """Something answered that is not our server speaking our protocol (a captive portal, a proxy)."""

    def __init__(self, message: str, problem: SyncProblem) -> None:
        super().__init__(message)
        self.problem = problem


class SyncEngine:
    def __init__(self, cache_path: Path, credentials: DeviceCredentials, *, page_size: int = 5000,
                 upload_batch: int = 500, timeout: float = 10, transport: httpx.BaseTransport | None = None) -> None:
        self.connection = connect(cache_path)  # this engine's own connection, used from its thread only
        self.data_dir = cache_path.parent  # the station's settings live beside the cache
        self.credentials = credentials
        self.page_size = page_size
        self.upload_batch = upload_batch
        self.client = httpx.Client(base_url=credentials.server_url, timeout=timeout, transport=transport,
                                   headers={"Authorization": f"Bearer {credentials.token}"})
        self.status = SyncStatus()
        # What a print station's window says of its printer ("ready", "2 badges waiting: …"); set by the
        # UI, called from this engine's thread, so it must only read plain values. None: no printer.
        self.printer_state: Callable[[], str] | None = None
        self._server_takes_health = True  # an older server has no health route: asked once
        self.notice = ""  # something the operator should know that is not a failure (a download started over)
        self.news: SyncProblem | None = None  # the same, as a code and figures
        self._refresh_counts()

    def close(self) -> None:
        self.client.close()
        self.connection.close()

    # One round -----------------------------------------------------------------------------

    def sync_once(self, progress: Callable[[str, int], None] | None = None) -> SyncStatus:
        """Upload, then download. Never raises: the status says what happened, in words."""
        reached = True  # the server answered (whatever it said): worth telling it how this kiosk is doing
        try:
            uploaded = self.upload(progress)
            downloaded = self.download(progress)
            print_jobs.exchange(self.connection, self._send, self._checked)  # badges sent to this station
            self._upload_lookups()
        except DeviceRevokedError as error:
            self.status = replace(self.status, online=True, revoked=True, last_error=str(error),
                                  trouble=SyncProblem(SyncTrouble.REVOKED))
        except (httpx.TransportError, httpx.HTTPStatusError) as error:
            retry_after = _retry_after(error)
            # A 5xx: the server is there, and its trouble is news; unless it is too busy to hear it.
            reached = isinstance(error, httpx.HTTPStatusError) and not retry_after
            logger.warning("sync: %s", _describe(error))
            self.status = replace(self.status, online=False, last_error=_describe(error), retry_after=retry_after,
                                  trouble=_trouble(error))
        except ServerRefused as error:
            logger.warning("sync: %s", error)
            trouble = (SyncProblem(SyncTrouble.NOT_RECOGNISED, status_code=401) if error.status_code == 401 else
                       SyncProblem(SyncTrouble.REFUSED, status_code=error.status_code, detail=error.detail))
            self.status = replace(self.status, online=True, revoked=False, last_error=str(error), trouble=trouble)
        except UnexpectedAnswer as error:
            reached = False  # a captive portal or a proxy: a report would go to it
            logger.warning("sync: %s", error)
            self.status = replace(self.status, online=False, last_error=str(error), trouble=error.problem)
        except Exception as error:  # a bug or a broken cache: logged in full, said in words, retried
            logger.exception("sync: the round failed")
            self.status = replace(self.status, online=False,
                                  last_error=f"Sync failed ({error.__class__.__name__}: {str(error)[:120]}); retrying.",
                                  trouble=SyncProblem(SyncTrouble.FAILED, detail=error.__class__.__name__))
        else:
            self.status = replace(self.status, online=True, revoked=False, last_error="", retry_after=0.0,
                                  trouble=None, last_success_at=dt.datetime.now(dt.UTC))
            logger.debug("sync: %d events up, %d attendees down", uploaded, downloaded)
        if self.status.last_error:
            self._fill_search_index_meanwhile()
        try:
            self._refresh_counts()
        except Exception:
            logger.exception("sync: could not count the outbox")
        if reached and not self.status.revoked:
            self.report_health()
        self.status = replace(self.status, conference_over=self._conference_over())
        return self.status

    def _fill_search_index_meanwhile(self) -> None:
        """A round that failed (offline, a busy server) with the search index's fill cut off after the
        download's last page (the kiosk stopped during it): fill it from the rows held, rather than leave
        the desk on the slower search of the rows until the server answers again. Not while a download from
        the start still has pages to come: its pages are stored faster without the index, and it fills the
        index after its last one. Best effort: the next good download fills it anyway."""
        if attendee_cache.pages_still_coming(self.connection):
            return
        try:
            attendee_cache.fill_search_index(self.connection)
        except Exception:
            logger.exception("sync: could not fill the search index meanwhile")

    def _upload_lookups(self) -> None:
        """Who looked up whom, after the scans and the download: the log is an audit trail, and a lookup
        the server will not take (or a server without the route) must never keep this kiosk from its
        scans, its attendees or its keys. What was not taken waits for the next round."""
        try:
            lookup_log.upload(self.connection, self._send, self._checked)
        except DeviceRevokedError:
            raise
        except Exception as error:
            logger.warning("sync: the lookups log stays on this kiosk for now (%s: %s)", error.__class__.__name__,
                           str(error)[:200])

    def _conference_over(self) -> bool:
        """Past the moment the server gave for kiosks to forget the conference; told even offline, by the
        kiosk's own clock, once a download brought the moment. Not while scans still wait to upload: an
        accepted scan is never lost, so the kiosk forgets only once the server has them all."""
        moment = get_meta(self.connection, "wipe_kiosks_at")
        if not moment or dt.datetime.now(dt.UTC) < dt.datetime.fromisoformat(str(moment)):
            return False
        waiting = outbox.size(self.connection)
        if waiting:
            self.status = replace(self.status, notice=(
                f"The conference is over: this kiosk forgets it once its {waiting} waiting "
                f"scan{'s' if waiting != 1 else ''} reach the server."),
                news=SyncProblem(news=SyncNews.CONFERENCE_OVER, count=waiting))
            return False
        return True

    def report_health(self) -> None:
        """Tell the server how this kiosk is doing (the admin's devices page). Best effort: a report
        that fails changes nothing here, and the next round sends a fresh one."""
        if not self._server_takes_health:
            return
        try:
            health = device_health(self.connection, self.data_dir, paired_station=self.credentials.station,
                                   last_sync_at=self.status.last_success_at, last_error=self.status.last_error,
                                   printer_state=self.printer_state)
            response = self.client.post("/api/v1/sync/health", json=health.model_dump(mode="json"))
        except Exception as error:  # noqa: BLE001 - never let the report break the sync loop
            logger.info("sync: the health report did not go out (%s)", error)
            return
        if response.status_code in (404, 405):
            self._server_takes_health = False
            logger.info("sync: this server takes no health reports (an older version)")
        elif response.status_code >= 400:
            logger.info("sync: the server refused the health report (%d)", response.status_code)

    def upload(self, progress: Callable[[str, int], None] | None = None) -> int:
        sent = 0
        while True:
            # Taken and marked "sent" under one write lock: from here on an undo of one of these scans
            # cannot just delete it (it may reach the server), it sends an undo event instead.
            with write_transaction(self.connection):
                rows = outbox.take_batch(self.connection, self.upload_batch)
            if not rows:
                return sent
            self._upload_rows(rows)
            sent += len(rows)
            if progress:
                progress("upload", sent)

    def _upload_rows(self, rows: list[sqlite3.Row]) -> None:
        """Send one batch; if the server refuses it (4xx), halve it until the scan it refuses is found."""
        events: dict[str, ScanEvent] = {}
        for row in rows:
            try:
                events[row["uuid"]] = outbox.scan_event(row)
            except ValidationError as error:  # the server would refuse it too (a station name over 100 characters)
                self._set_aside(row, f"Not a valid scan for the server: {_first_problem(error)}")
        rows = [row for row in rows if row["uuid"] in events]
        if not rows:
            return
        try:
            answer = self._post_events([events[row["uuid"]] for row in rows])
        except ServerRefused as refusal:
            if refusal.status_code not in SCAN_REFUSED:
                raise  # about the kiosk or the server, not about a scan: retried as a whole
            if len(rows) == 1:
                self._set_aside(rows[0], str(refusal))
                return
            middle = len(rows) // 2
            self._upload_rows(rows[:middle])
            self._upload_rows(rows[middle:])
            return
        by_uuid: dict[str, sqlite3.Row] = {r["uuid"]: r for r in rows}
        with write_transaction(self.connection):
            for result in answer.results:
                answered = by_uuid.pop(str(result.uuid), None)
                if answered is None:
                    continue
                if result.status in (EventStatus.APPLIED, EventStatus.DUPLICATE):
                    attendee_cache.fold_acknowledged(self.connection, answered)
                outbox.acknowledge(self.connection, answered["uuid"])
        if len(by_uuid) == len(rows):  # sent again and again otherwise
            raise UnexpectedAnswer("The server answered for none of the scans sent; retrying.",
                                   SyncProblem(SyncTrouble.NO_ANSWERS))

    def _post_events(self, events: list[ScanEvent]) -> UploadResponse:
        body = UploadRequest(events=events).model_dump(mode="json")
        response = self._checked(self._send("POST", "/api/v1/sync/events", json=body))
        return _parse(UploadResponse, response)

    def _set_aside(self, row: sqlite3.Row, reason: str) -> None:
        logger.error("sync: the server refused scan %s (%s of %s): %s; set aside", row["uuid"], row["kind"],
                     row["access_code"], reason)
        with write_transaction(self.connection):
            outbox.set_aside(self.connection, row["uuid"], reason)

    def download(self, progress: Callable[[str, int], None] | None = None) -> int:
        """Pages after the stored cursor until the server has no more; each page in one transaction.

        The next page is fetched while this one is stored (the server builds it meanwhile), and an
        interrupted download resumes at the last whole page. A server that no longer has what this
        kiosk holds (its cursor is above the server's highest version: a database restored from a
        backup) is downloaded again from the start, and the status says so.
        """
        received = 0
        attendee_cache.hold_scope(self.connection, scope_for_mode(self._mode()))
        cursor = int(get_meta(self.connection, "cursor") or "0")
        page, attendees = self._fetch_page(cursor)
        if self._server_went_back(page, cursor):
            cursor = 0
            page, attendees = self._fetch_page(cursor)
        first_sync = cursor == 0
        fill_from_scratch = first_sync  # the whole conference is coming: indexed for search after its last page
        had_lists = checkin_lists.any_held(self.connection)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-fetch") as fetcher, \
                commits_not_waiting_for_disk(self.connection):
            while True:
                pending = fetcher.submit(self._fetch_page, page.next_cursor) if page.has_more else None
                with write_transaction(self.connection, give_way=True):  # a scan waiting goes first
                    if fill_from_scratch:
                        attendee_cache.start_search_fill(self.connection)
                        fill_from_scratch = False
                    attendees.store(self.connection, page.products)
                    checkin_lists.store(self.connection, page.checkin_lists, page.conference)
                    if page.conference is not None:  # keys follow a rotation on the server
                        set_meta(self.connection, "badge_public_key", page.conference.badge_public_key)
                        set_meta(self.connection, "badge_previous_public_key",
                                 page.conference.previous_badge_public_key)
                        set_meta(self.connection, "conference_timezone", page.conference.timezone)
                        wipe_at = page.conference.wipe_kiosks_at
                        set_meta(self.connection, "wipe_kiosks_at", wipe_at.isoformat() if wipe_at else "")
                    set_meta(self.connection, "cursor", str(page.next_cursor))
                    if not page.has_more:  # the last page: the zones' counts as of this sync
                        attendee_cache.last_page_stored(self.connection)
                        store_zones(self.connection, None if page.zones is None else
                                    [z.model_dump() for z in page.zones], dt.datetime.now(dt.UTC))
                received += len(attendees.items)
                if progress:
                    progress("download", received)
                if pending is None:
                    break
                page, attendees = pending.result()
            # Every attendee stored: the door answers every scan from here. The search index, left out
            # of storing the pages (a download from the start, or one cut off before its fill ended),
            # now takes the rows it lacks.
            if progress:
                progress("stored", received)
            attendee_cache.fill_search_index(self.connection, progress=progress and (
                lambda indexed: progress("indexed", indexed)))
        if not first_sync and not had_lists and checkin_lists.any_held(self.connection):
            # The conference's first check-in list: from now on the server sends each attendee's passages
            # (the rules count entries), but the attendees this kiosk already holds came without them.
            # Download them all again, answering scans from what is held meanwhile.
            with write_transaction(self.connection):
                self.connection.execute("UPDATE attendees SET version = 0")
                self.connection.execute("DELETE FROM meta WHERE key = 'cursor'")
            logger.info("sync: the conference's first check-in list: downloading its attendees' passages")
            received += self.download(progress)
        return received

    def _server_went_back(self, page: ChangesPage, cursor: int) -> bool:
        """Whether the server no longer has what this cache holds; if so, the cache forgets the conference
        (not the scans waiting to upload) and its feed position, to download it all again."""
        kept_id = get_meta(self.connection, "server_id") or ""
        other_server = bool(kept_id and page.server_id and page.server_id != kept_id)
        went_back = page.last_version is not None and cursor > page.last_version
        if page.server_id and not kept_id:
            with write_transaction(self.connection):  # paired before servers had ids: learn it now
                set_meta(self.connection, "server_id", page.server_id)
        if not (other_server or went_back):
            return False
        with write_transaction(self.connection):
            attendee_cache.forget_conference(self.connection)
            set_meta(self.connection, "server_id", page.server_id)
        if went_back:
            self.notice = (f"The server's records went back (version {page.last_version}, this kiosk had {cursor}): "
                           "restored from a backup? Downloaded everything again.")
            self.news = SyncProblem(news=SyncNews.RECORDS_WENT_BACK, count=page.last_version or 0, held=cursor)
        else:
            self.notice = "The server is not the one this kiosk was paired with: downloaded everything again."
            self.news = SyncProblem(news=SyncNews.OTHER_SERVER)
        logger.warning("sync: %s", self.notice)
        return True

    def _mode(self) -> str:
        """The station's mode as set up now (it decides what the feed sends); check-in before set-up."""
        settings = load_settings(self.data_dir)
        return settings.mode.value if settings is not None else StationMode.CHECK_IN.value

    def _fetch_page(self, cursor: int) -> tuple[ChangesPage, PageAttendees]:
        """The page's envelope validated as a ChangesPage; its attendees as they came on the wire.

        Asked in feed format "rows" (gzip-compressed; an older server answers in "objects", read as
        well). Validating 5,000 records into models (datetimes parsed, only to be stored again as the
        same ISO text) took longer than storing them; storing checks their shape as it writes.
        """
        response = self._checked(self._send("GET", "/api/v1/sync/changes", params={
            "after": cursor, "limit": self.page_size, "format": FeedFormat.ROWS.value, "mode": self._mode()}))
        try:
            data = orjson.loads(response.content)  # (its JSONDecodeError is a ValueError)
        except ValueError:
            raise _not_our_server(response) from None
        if not isinstance(data, dict):
            raise _not_our_server(response)
        attendees = data.pop("attendees", None)
        columns = data.pop("columns", None) if data.get("format") == FeedFormat.ROWS else None
        if not isinstance(attendees, list) or not (columns is None or (
                isinstance(columns, list) and all(isinstance(name, str) for name in columns))):
            raise _not_our_server(response)
        try:
            return ChangesPage.model_validate({**data, "attendees": []}), PageAttendees(columns, attendees)
        except ValidationError as error:
            raise UnexpectedAnswer(f"The server's change feed is not in the expected form ({error.error_count()} "
                                   "problems); is the server a different version?",
                                   SyncProblem(SyncTrouble.FEED_NOT_UNDERSTOOD, count=error.error_count())) from error

    def _send(self, method: str, url: str, **options: Any) -> httpx.Response:
        """One request, sent again once if a kept-alive connection turns out closed by the server (it
        closes one after an error of its own). Both sync requests are safe to repeat: the feed is a
        read, and events are applied once by UUID."""
        try:
            return self.client.request(method, url, **options)
        except (httpx.ReadError, httpx.RemoteProtocolError):
            return self.client.request(method, url, **options)

    def _checked(self, response: httpx.Response) -> httpx.Response:
        code = response.status_code
        if code == 403 and _error_code(response) == "revoked_device":
            raise DeviceRevokedError("This kiosk has been revoked by the organisers; pair it again.")
        if code == 401:
            raise ServerRefused("The server does not recognise this kiosk (401): a different or reset server? "
                                "Retrying; pair again if it lasts.", code)
        if code >= 500:
            response.raise_for_status()  # HTTPStatusError: retry later
        if code >= 400:
            detail = _error_message(response)
            raise ServerRefused(f"The server refused the sync ({code}): {detail}", code, detail=detail)
        return response

    def _refresh_counts(self) -> None:
        counts = outbox.counts(self.connection)
        self.status = replace(self.status, events_waiting=counts.waiting, events_set_aside=counts.set_aside,
                              notice=self.notice, news=self.news,
                              attendees_cached=attendee_cache.count(self.connection),
                              timezone=get_meta(self.connection, "conference_timezone") or "UTC")

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
                try:
                    on_status(status)
                except Exception:  # the listener's trouble must not end the loop
                    logger.exception("sync: reporting the status failed")
            healthy = status.online and not status.last_error and not status.revoked
            delay = interval if healthy else min(delay * 2, max_backoff)
            delay = max(delay, min(status.retry_after, max_backoff))  # a busy server said how long
            (wake or stop).wait(delay)
            if wake is not None:
                wake.clear()


def _retry_after(error: Exception) -> float:
    """The seconds a busy server asked for (503 with Retry-After in seconds), else 0."""
    if not isinstance(error, httpx.HTTPStatusError) or error.response.status_code != 503:
        return 0.0
    try:
        return max(0.0, float(error.response.headers.get("retry-after", "")))
    except ValueError:
        return 0.0


def _describe(error: Exception) -> str:
    if seconds := _retry_after(error):
        return f"Server busy; retrying in {seconds:g} s."
    if isinstance(error, httpx.HTTPStatusError):
        return f"Server error {error.response.status_code}; retrying."
    return f"Server unreachable ({error.__class__.__name__}); retrying."


def _trouble(error: httpx.TransportError | httpx.HTTPStatusError) -> SyncProblem:
    if seconds := _retry_after(error):
        return SyncProblem(SyncTrouble.BUSY, status_code=503, seconds=seconds)
    if isinstance(error, httpx.HTTPStatusError):
        return SyncProblem(SyncTrouble.SERVER_ERROR, status_code=error.response.status_code)
    return SyncProblem(SyncTrouble.UNREACHABLE, detail=error.__class__.__name__)


def _first_problem(error: ValidationError) -> str:
    problem = error.errors()[0]
    return f"{'.'.join(str(p) for p in problem['loc'])}: {problem['msg']}"


def _parse(model: type[Answer], response: httpx.Response) -> Answer:
    try:
        return model.model_validate_json(response.content)
    except ValidationError as error:
        raise _not_our_server(response) from error


def _not_our_server(response: httpx.Response) -> UnexpectedAnswer:
    content_type = response.headers.get("content-type", "no content type").split(";")[0]
    return UnexpectedAnswer(f"Something other than the Doorstation server answered ({response.status_code}, "
                            f"{content_type}): a Wi-Fi sign-in page or a proxy? Retrying.",
                            SyncProblem(SyncTrouble.NOT_OUR_SERVER, status_code=response.status_code, detail=content_type))


def _error_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    detail = body.get("detail") if isinstance(body, dict) else None
    return detail if isinstance(detail, dict) else {"message": detail} if isinstance(detail, str) else {}


def _error_code(response: httpx.Response) -> str:
    return str(_error_body(response).get("code", ""))


def _error_message(response: httpx.Response) -> str:
    body = _error_body(response)
    if body.get("message"):
        return str(body["message"])[:300]
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return response.text[:200]
    if isinstance(detail, list):  # FastAPI's validation errors: say which field and why
        return "; ".join(f"{'.'.join(str(p) for p in d.get('loc', []))}: {d.get('msg', '')}" for d in detail[:3])
    return str(detail)[:300]


def upload_to_previous_server(data_dir: Path, *, timeout: float = 5) -> int:
    """Before pairing with another server: upload the scans waiting for the one this kiosk is still
    paired with. Returns how many are left (those it refused, set aside). Raises with the reason in
    words when that server cannot take them (unreachable, or it no longer knows this kiosk); its ``problem``
    says the same as a code, for the kiosk to word."""
    credentials = load_credentials(data_dir)
    if credentials is None:
        raise ServerRefused("This kiosk was not paired before: there is no previous server to upload to.",
                            problem=SyncProblem(SyncTrouble.NOT_PAIRED_BEFORE))
    engine = SyncEngine(data_dir / CACHE_FILE, credentials, timeout=timeout)
    try:
        engine.upload()
    except httpx.TransportError as error:
        raise ServerRefused(f"The previous server at {credentials.server_url} cannot be reached "
                            f"({error.__class__.__name__}).",
                            problem=SyncProblem(SyncTrouble.PREVIOUS_UNREACHABLE, detail=credentials.server_url)) from None
    except httpx.HTTPStatusError as error:
        raise ServerRefused(f"The previous server at {credentials.server_url} answered "
                            f"{error.response.status_code}; try again in a moment.",
                            problem=SyncProblem(SyncTrouble.PREVIOUS_ANSWERED, status_code=error.response.status_code,
                                                detail=credentials.server_url)) from None
    except ServerRefused as error:
        if error.status_code == 401:
            raise ServerRefused(f"The previous server at {credentials.server_url} no longer knows this kiosk (a "
                                "reset server?): export the scans to a file instead.", 401,
                                problem=SyncProblem(SyncTrouble.PREVIOUS_FORGOT, status_code=401,
                                                    detail=credentials.server_url)) from None
        raise
    except DeviceRevokedError as error:
        raise ServerRefused(str(error), problem=SyncProblem(SyncTrouble.REVOKED)) from None
    except UnexpectedAnswer as error:
        raise ServerRefused(str(error), problem=error.problem) from None
    finally:
        engine.close()
    connection = connect(data_dir / CACHE_FILE)
    try:
        return outbox.size(connection)
    finally:
        connection.close()


def fetch_conflicts(credentials: DeviceCredentials, *, timeout: float = 5) -> list[dict[str, Any]]:
    """The conference's conflicts as the server lists them (for the operator panel)."""
    response = httpx.get(f"{credentials.server_url}/api/v1/sync/conflicts", timeout=timeout,
                         headers={"Authorization": f"Bearer {credentials.token}"})
    response.raise_for_status()
    conflicts: list[dict[str, Any]] = response.json()  # the server's ConflictRead list, shown as it is
    return conflicts


def fetch_badge_payload(credentials: DeviceCredentials, access_code: str, *, timeout: float = 3) -> str:
    """The signed payload for a badge, from the server; offline, the unsigned ``slug:code``
    (door kiosks accept both; only the signed one also proves itself without a sync)."""
    try:
        response = httpx.get(f"{credentials.server_url}/api/v1/sync/badges/{access_code}", timeout=timeout,
                             headers={"Authorization": f"Bearer {credentials.token}"})
        if response.status_code == 200:
            return str(response.json()["payload"])
    except httpx.TransportError:
        pass
    return f"{credentials.conference_slug}:{access_code}"
