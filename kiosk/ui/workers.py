"""The two background workers: one owns the cache database, one talks to the server.

The UI thread never waits for either (STYLE.md): it sends requests by signal and gets frozen
dataclasses back by signal. The cache worker is the only thread that scans, so two scans never
race for the same attendee on this kiosk.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from kiosk.core import attendee_cache
from kiosk.core.cache import connect, get_meta
from kiosk.core.device import DeviceCredentials
from kiosk.core.scan_pipeline import ScanPipeline, ScanResult
from kiosk.core.settings import KioskSettings, StationMode
from kiosk.core.sync_engine import SyncEngine, SyncStatus
from kiosk.core.verdict_text import VerdictText, describe


@dataclass(frozen=True)
class ScanReport:
    result: ScanResult
    text: VerdictText
    source: str  # wedge | camera | search
    milliseconds: float  # payload in → outbox committed


@dataclass(frozen=True)
class Product:
    kind: str
    id: int
    name: str


class CacheWorker(QObject):
    """Lives in its own thread; every slot runs there, with the one cache connection."""

    scanned = Signal(object)  # ScanReport
    found = Signal(int, list)  # request number, rows
    undone = Signal(object)  # UndoResult
    statistics = Signal(object)  # StationStatistics
    products = Signal(list)  # [Product]
    failed = Signal(str)
    configured = Signal()  # the station's scan pipeline is ready: scans are answered from now on

    def __init__(self, cache_path: Path) -> None:
        super().__init__()
        self.cache_path = cache_path
        self.pipeline: ScanPipeline | None = None
        self.settings: KioskSettings | None = None

    @Slot(object)
    def configure(self, settings: KioskSettings) -> None:
        if self.pipeline is None:
            self.pipeline = ScanPipeline(connect(self.cache_path), settings.station())
        else:
            self.pipeline = ScanPipeline(self.pipeline.connection, settings.station())
        self.settings = settings
        self.configured.emit()

    @Slot(str, str)
    def scan(self, payload: str, source: str) -> None:
        if self.pipeline is None or self.settings is None:
            return
        started = time.perf_counter()
        # A print station that does not check in only looks the badge up; the print is recorded after.
        record = not (self.settings.mode is StationMode.BADGE_PRINTING and not self.settings.check_in_on_print)
        try:
            result = self.pipeline.scan(payload, record=record)
        except Exception as error:  # a full disk, a corrupt cache: say so, keep running
            self.failed.emit(f"This scan could not be recorded: {error}")
            return
        elapsed = (time.perf_counter() - started) * 1000
        # Re-read on every scan: a sync may have brought the conference's timezone since.
        timezone = get_meta(self.pipeline.connection, "conference_timezone") or "UTC"
        text = describe(result.verdict, kind=self.pipeline.station.kind, product_name=self.settings.product_name,
                        timezone=timezone, message=result.message)
        self.scanned.emit(ScanReport(result, text, source, elapsed))

    @Slot(str, str)
    def record_printed(self, access_code: str, name: str) -> None:
        if self.pipeline is not None:
            self.pipeline.record_badge_printed(access_code, name)

    @Slot(int, str)
    def search(self, request: int, text: str) -> None:
        if self.pipeline is not None:
            self.found.emit(request, attendee_cache.search(self.pipeline.connection, text))

    @Slot()
    def undo(self) -> None:
        if self.pipeline is not None:
            self.undone.emit(self.pipeline.undo_last())

    @Slot()
    def refresh_statistics(self) -> None:
        if self.pipeline is not None:
            self.statistics.emit(self.pipeline.statistics())

    @Slot()
    def list_products(self) -> None:
        connection = self.pipeline.connection if self.pipeline else connect(self.cache_path)
        rows = connection.execute("SELECT kind, id, name FROM products ORDER BY kind DESC, name").fetchall()
        self.products.emit([Product(r["kind"], r["id"], r["name"]) for r in rows])


class CacheThread(QObject):
    """The UI's handle on the cache worker: signals in, the worker's signals out."""

    requestScan = Signal(str, str)
    requestSearch = Signal(int, str)
    requestUndo = Signal()
    requestStatistics = Signal()
    requestProducts = Signal()
    requestConfigure = Signal(object)
    requestRecordPrinted = Signal(str, str)

    def __init__(self, cache_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName("cache")
        self.worker = CacheWorker(cache_path)
        self.worker.moveToThread(self.thread)
        self.requestScan.connect(self.worker.scan)
        self.requestSearch.connect(self.worker.search)
        self.requestUndo.connect(self.worker.undo)
        self.requestStatistics.connect(self.worker.refresh_statistics)
        self.requestProducts.connect(self.worker.list_products)
        self.requestConfigure.connect(self.worker.configure)
        self.requestRecordPrinted.connect(self.worker.record_printed)
        self.thread.start()

    def stop(self) -> None:
        self.thread.quit()
        self.thread.wait(5000)


class SyncService(QObject):
    """Runs the sync engine in a background thread; every round's status comes back by signal."""

    statusChanged = Signal(object)  # SyncStatus

    def __init__(self, cache_path: Path, credentials: DeviceCredentials, *, interval: float = 2.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache_path = cache_path
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


__all__ = ["CacheThread", "CacheWorker", "Product", "ScanReport", "SyncService", "SyncStatus"]
