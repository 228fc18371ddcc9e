"""The two background workers: one owns the cache database, one talks to the server.

The UI thread never waits for either (a frozen screen at the door reads as a broken kiosk): it sends requests by signal and gets frozen
dataclasses back by signal. The cache worker is the only thread that scans, so two scans never
race for the same attendee on this kiosk. A slot that fails logs its traceback and says so by the
``failed`` signal, which the window shows: nothing fails silently, and the worker goes on.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMetaObject, QObject, Qt, QThread, Signal, Slot

from kiosk.core import attendee_cache, checkin_lists, lookup_log, outbox, print_jobs
from kiosk.core.cache import connect, get_meta
from kiosk.core.device import DeviceCredentials
from kiosk.core.products import Product, cached_products
from kiosk.core.scan_pipeline import ScanPipeline, ScanResult
from kiosk.core.settings import KioskSettings, StationMode
from kiosk.core.sync_engine import SyncEngine, SyncStatus
from kiosk.core.verdict_text import VerdictText, describe
from kiosk.core.zone_figures import door_choices, door_figures
from kiosk.ui.clock import clock_time, station_number, station_time
from shared.verdict_words import VerdictWords
from shared.zones import conference_zone

logger = logging.getLogger(__name__)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # (the name lupdate looks for)
    """Marks ``text`` for the catalogues (context ``context``); translated where it is shown. Qt's own is typed
    as returning ``object``."""
    return text


def reported(what: str):
    """A worker slot whose failure is logged with its traceback and reaches the screen (``failed``), in the
    station's language: ``what`` is marked with QT_TRANSLATE_NOOP("CacheWorker", …) and translated here."""
    def decorate(slot):
        @functools.wraps(slot)
        def run(self, *args):
            try:
                return slot(self, *args)
            except Exception as error:  # a full disk, a corrupt cache: say so, keep running
                logger.exception("The cache worker failed: %s", what)
                self.failed.emit(f"{QCoreApplication.translate('CacheWorker', what)}: {error}")
        return run
    return decorate


@dataclass(frozen=True)
class ScanReport:
    result: ScanResult
    text: VerdictText
    source: str  # wedge | camera | search
    milliseconds: float  # payload in → outbox committed
    printed_before: tuple[dt.datetime, str] | None = None  # print stations: the badge's last print, and where
    turn: int = 0  # the window's number for the badge this answers: an older one never covers a newer one


class CacheWorker(QObject):
    """Lives in its own thread; every slot runs there, with the one cache connection."""

    scanned = Signal(object)  # ScanReport
    found = Signal(int, list)  # request number, rows
    undone = Signal(object)  # UndoResult
    statistics = Signal(object)  # StationStatistics
    products = Signal(list)  # [Product]
    checkinLists = Signal(list)  # [(id, name)]: the check-in lists a station may pick
    failed = Signal(str)
    configured = Signal()  # the station's scan pipeline is ready: scans are answered from now on
    outbox = Signal(int, list)  # scans waiting to upload; the ones set aside, as (when, who, reason)
    printJobs = Signal(list)  # [PrintJobRecord]: badges sent from the console, for the window to print
    zoneFigures = Signal(list)  # [(figure, alarm words, alarm level or 0)] of this station's door
    doorChoices = Signal(list)  # [DoorChoice]: the zone roles a station can take, from the zones synced

    def __init__(self, cache_path: Path, language: str = "en") -> None:
        super().__init__()
        self.cache_path = cache_path
        self.language = language  # the station's, for the verdict's words (shared.verdict_words)
        self.pipeline: ScanPipeline | None = None
        self.settings: KioskSettings | None = None
        self._jobs_printing: set[int] = set()  # handed to the window and not finished: never handed out twice

    @Slot(object)
    @reported(QT_TRANSLATE_NOOP("CacheWorker", "Could not set up the station"))
    def configure(self, settings: KioskSettings) -> None:
        if self.pipeline is None:
            self.pipeline = ScanPipeline(connect(self.cache_path), settings.station(), language=self.language)
        else:
            self.pipeline = ScanPipeline(self.pipeline.connection, settings.station(), language=self.language)
        self.settings = settings
        self.configured.emit()

    @Slot()
    def close(self) -> None:
        """The last request this worker takes: every scan asked for before it is answered and on disk."""
        if self.pipeline is not None:
            self.pipeline.connection.close()
            self.pipeline = None

    @Slot(str, str, int)
    @reported(QT_TRANSLATE_NOOP("CacheWorker", "Could not record this scan"))
    def scan(self, payload: str, source: str, turn: int = 0) -> None:
        if self.pipeline is None or self.settings is None:
            return
        started = time.perf_counter()
        # A print station that does not check in only looks the badge up; the print is recorded after.
        record = not (self.settings.mode is StationMode.BADGE_PRINTING and not self.settings.check_in_on_print)
        self.pipeline.language = self.language  # switched since the station was set up (a full room's words)
        result = self.pipeline.scan(payload, record=record)
        elapsed = (time.perf_counter() - started) * 1000
        # Re-read on every scan: a sync may have brought the conference's timezone since.
        timezone = get_meta(self.pipeline.connection, "conference_timezone") or "UTC"
        text = describe(result.verdict, kind=self.pipeline.station.kind, product_name=self.settings.product_name,
                        timezone=timezone, message=result.message, language=self.language, clock=station_time,
                        number=station_number, fullness=result.fullness)
        printed_before = None
        if self.settings.mode is StationMode.BADGE_PRINTING and result.access_code:
            printed_before = attendee_cache.last_badge_print(self.pipeline.connection, result.access_code)
        self.scanned.emit(ScanReport(result, text, source, elapsed, printed_before, turn))
        if source == "search":  # opened from the search results: who looked up whom
            lookup_log.record_lookup(self.pipeline.connection, self.pipeline.station.name, payload)
        self.count_outbox()

    @Slot()
    @reported(QT_TRANSLATE_NOOP("CacheWorker", "Could not count the scans waiting to upload"))
    def count_outbox(self) -> None:
        """Read in this worker, after its own writes: the count is exact the moment a scan is shown."""
        connection = self.pipeline.connection if self.pipeline else connect(self.cache_path)
        self.outbox.emit(outbox.counts(connection).waiting, outbox.set_aside_scans(connection))
        self.show_zone_figures(connection)

    def show_zone_figures(self, connection) -> None:
        """The figures of this station's zones as of now: after a scan, an undo, and every sync round
        (one that failed too: offline, the figure's age is what changes)."""
        if self.pipeline is None:
            return
        now = dt.datetime.now(dt.UTC)
        zone = conference_zone(get_meta(connection, "conference_timezone") or "UTC")
        words = VerdictWords(self.language)
        self.zoneFigures.emit([(figure.text(now, zone, words, clock_time, station_number),
                                figure.alarm_text(now, words, station_number),
                                int(figure.alarm or 0))
                               for figure in door_figures(connection, self.pipeline.station.zone_door)])

    @Slot(str, str)
    @reported(QT_TRANSLATE_NOOP("CacheWorker", "Could not record the printed badge"))
    def record_printed(self, access_code: str, name: str) -> None:
        if self.pipeline is not None:
            self.pipeline.record_badge_printed(access_code, name)

    # Print jobs from the console (kiosk.core.print_jobs) ------------------------------------------

    @Slot()
    @reported(QT_TRANSLATE_NOOP("CacheWorker", "Could not read the badges sent from the console"))
    def take_print_jobs(self) -> None:
        if self.pipeline is None or self.settings is None or self.settings.mode is not StationMode.BADGE_PRINTING:
            return  # a job waits until this kiosk prints badges
        jobs = print_jobs.new_jobs(self.pipeline.connection, excluding=self._jobs_printing)
        if jobs:
            self._jobs_printing.update(job.id for job in jobs)
            self.printJobs.emit(jobs)

    @Slot(int, str, str, str, bool, str)
    @reported(QT_TRANSLATE_NOOP("CacheWorker", "Could not record the printed badge"))
    def finish_print_job(self, job_id: int, access_code: str, name: str, payload: str, printed: bool,
                         detail: str) -> None:
        if self.pipeline is not None and self.settings is not None:
            self.pipeline.finish_print_job(job_id, access_code, name, payload, printed=printed, detail=detail,
                                           check_in=self.settings.check_in_on_print)
            self._jobs_printing.discard(job_id)
            self.count_outbox()

    @Slot(int, str)
    @reported(QT_TRANSLATE_NOOP("CacheWorker", "Could not search"))
    def search(self, request: int, text: str) -> None:
        """Results with who is already in (this kiosk's own scans included), for the person at the desk."""
        if self.pipeline is None:
            return
        connection = self.pipeline.connection
        rows = attendee_cache.search(connection, text)
        for row in rows:
            state = attendee_cache.attendee_state(connection, row["access_code"])
            row["last_check_in_at"] = state.last_check_in_at if state else None
            row["last_check_in_station"] = state.last_check_in_station if state else ""
        self.found.emit(request, rows)
        lookup_log.record_search(connection, self.pipeline.station.name, text)  # after the answer: no wait for it

    @Slot()
    @reported(QT_TRANSLATE_NOOP("CacheWorker", "Could not undo the last scan"))
    def undo(self) -> None:
        if self.pipeline is not None:
            self.undone.emit(self.pipeline.undo_last())
            self.refresh_statistics()
            self.count_outbox()

    @Slot()
    @reported(QT_TRANSLATE_NOOP("CacheWorker", "Could not count this station's scans"))
    def refresh_statistics(self) -> None:
        if self.pipeline is not None:
            self.statistics.emit(self.pipeline.statistics())

    @Slot()
    @reported(QT_TRANSLATE_NOOP("CacheWorker", "Could not list the products"))
    def list_products(self) -> None:
        connection = self.pipeline.connection if self.pipeline else connect(self.cache_path)
        self.products.emit(cached_products(connection))
        self.checkinLists.emit(checkin_lists.held(connection))
        self.doorChoices.emit(door_choices(connection))


class CacheWorkerHandle(QObject):
    """The UI's handle on the cache worker and the thread it lives in: signals in, the worker's out."""

    requestScan = Signal(str, str, int)  # payload, source, the window's turn
    requestSearch = Signal(int, str)
    requestUndo = Signal()
    requestStatistics = Signal()
    requestProducts = Signal()
    requestConfigure = Signal(object)
    requestRecordPrinted = Signal(str, str)
    requestOutboxCount = Signal()
    requestPrintJobs = Signal()
    requestFinishPrintJob = Signal(int, str, str, str, bool, str)  # job id, code, name, payload, printed, detail

    def __init__(self, cache_path: Path, parent: QObject | None = None, *, language: str = "en") -> None:
        super().__init__(parent)
        self.worker_thread = QThread()  # (not ``thread``: that is QObject.thread())
        self.worker_thread.setObjectName("cache")
        self.worker = CacheWorker(cache_path, language)
        self.worker.moveToThread(self.worker_thread)
        self.requestScan.connect(self.worker.scan)
        self.requestSearch.connect(self.worker.search)
        self.requestUndo.connect(self.worker.undo)
        self.requestStatistics.connect(self.worker.refresh_statistics)
        self.requestProducts.connect(self.worker.list_products)
        self.requestConfigure.connect(self.worker.configure)
        self.requestRecordPrinted.connect(self.worker.record_printed)
        self.requestOutboxCount.connect(self.worker.count_outbox)
        self.requestPrintJobs.connect(self.worker.take_print_jobs)
        self.requestFinishPrintJob.connect(self.worker.finish_print_job)
        self.worker_thread.start()

    def stop(self) -> None:
        """Answer the requests already sent (in order: a scan asked for is recorded), close the cache,
        end the thread."""
        if self.worker_thread.isRunning():
            QMetaObject.invokeMethod(self.worker, "close", Qt.ConnectionType.BlockingQueuedConnection)
        self.worker_thread.quit()
        if not self.worker_thread.wait(10_000):
            logger.error("The cache worker did not finish within 10 s")


class SyncService(QObject):
    """Runs the sync engine in a background thread; every round's status comes back by signal."""

    statusChanged = Signal(object)  # SyncStatus

    def __init__(self, cache_path: Path, credentials: DeviceCredentials, *, interval: float = 2.0,
                 printer_state: Callable[[], str] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache_path = cache_path
        self.printer_state = printer_state  # for the health report; called from the sync thread
        self.credentials = credentials
        self.interval = interval
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._online = False
        self.statusChanged.connect(self._remember)

    def _remember(self, status: SyncStatus) -> None:
        self._online = status.online

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sync", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        engine = SyncEngine(self.cache_path, self.credentials, timeout=5)
        engine.printer_state = self.printer_state
        try:
            self._report(engine.status)
            engine.run(self._stop, interval=self.interval, max_backoff=30, on_status=self._report, wake=self._wake)
        finally:
            engine.close()

    def _report(self, status: SyncStatus) -> None:
        if not self._stop.is_set():  # after stop() the window may be gone, and this object with it
            self.statusChanged.emit(status)

    def sync_soon(self) -> None:
        """A scan was just recorded: upload it now rather than at the next tick (offline, keep backing off)."""
        if self._online:
            self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=15)


__all__ = ["CacheWorkerHandle", "CacheWorker", "Product", "ScanReport", "SyncService", "SyncStatus"]
