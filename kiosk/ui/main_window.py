"""The kiosk window: pairing → station set-up → scanning, with the verdict on top and the PIN panel.

Scans come from three places (the keyboard wedge, the camera thread, a search result) and all go
the same way: to the cache worker, which answers with a verdict by signal. Nothing here touches
SQLite or HTTP; the window only routes requests and shows answers.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk.badges.printing import PrintQueue
from kiosk.badges.render import BadgeData
from kiosk.core import cache_key, data_folder
from kiosk.core.device import (CACHE_FILE, DeviceCredentials, ScansWaitingError, WaitingScans, discard_waiting_scans,
                               export_waiting_scans, finish_pairing, load_credentials, pair, pending_pairing,
                               waiting_scans)
from kiosk.core.settings import KioskSettings, StationMode, load_settings, pin_matches, save_settings
from kiosk.core.sync_engine import SyncStatus, fetch_conflicts, upload_to_previous_server
from kiosk.core.verdict_text import VerdictText
from kiosk.core.wipe import WipeReason, wipe_data_folder
from kiosk.scanning.camera import CaptureThread, camera_opener
from kiosk.scanning.decoders import load_decoder
from kiosk.scanning.wedge import KeyboardWedge
from kiosk.ui.badge_printing import PrintStation
from kiosk.ui.language import speak
from kiosk.ui.station_words import mode_name, nothing_to_undo, pairing_failed, undone, upload_refused, wipe_reason
from kiosk.ui.operator_panel import OperatorPanel, PinScreen
from kiosk.ui.scan_screen import ScanScreen
from kiosk.ui.setup_screens import PairingScreen, StationScreen, WaitingScansScreen
from kiosk.ui.sounds import Sounds
from kiosk.ui.status_bar import SyncStatusBar
from kiosk.ui.stay_in_front import StayInFront
from kiosk.ui.tasks import run_task, serial_pool
from kiosk.ui.verdict_screen import VerdictScreen
from kiosk.ui.workers import CacheWorkerHandle, ScanReport, SyncService
from shared import badge_codes


logger = logging.getLogger(__name__)
STARTED = time.monotonic()  # module import ≈ process start, for "ready to scan after N s"


@dataclass(frozen=True)
class KioskOptions:
    data_dir: Path
    image_files: list[Path] = field(default_factory=list)  # a camera made of image files
    decoder: str | None = None  # zxing-cpp | pyzbar | opencv
    wedge_gap_ms: int = 50
    sync_interval: float = 2.0
    windowed: bool = False  # ignore kiosk mode (development, screenshots)


class KioskWindow(PrintStation):
    options: KioskOptions
    verdictShown = Signal(object)  # ScanReport, once painted on screen
    badgePrinted = Signal(str)  # where it went; "" when it failed (and was kept)
    readyToScan = Signal()

    def __init__(self, options: KioskOptions) -> None:
        super().__init__()
        self.options = options
        self.setWindowTitle("Doorstation")
        self.setMinimumSize(800, 560)  # every screen still usable on a 1024×600 netbook with a title bar
        self._fit_to_screen()
        self.credentials: DeviceCredentials | None = None
        self.settings: KioskSettings | None = None
        self.cache: CacheWorkerHandle | None = None
        self.sync: SyncService | None = None
        self.camera: CaptureThread | None = None
        self.last_report: ScanReport | None = None
        self.last_badge: BadgeData | None = None
        self.print_queue = PrintQueue(options.data_dir)
        self.print_pool = serial_pool()  # one job at a time, in order: a printer is serial
        self.allow_close = False
        self._reported_ready = False
        self._search_request = 0
        self._searched = ""
        # Every badge scanned gets the next turn; the verdict on screen answers turn _shown_turn, and an
        # answer for an earlier turn that arrives late (a print finishing) never covers it.
        self._turn = 0
        self._shown_turn = 0
        self._reprint_asked: BadgeData | None = None  # a print station's "print again?" awaiting Enter
        self._print_mode = False  # plain values the sync thread reads for the health report
        self._last_print_error = ""
        self._wiping = False

        saved = load_settings(options.data_dir)  # the station's language, before any word is put on screen
        self.language = speak(saved.language if saved else "")
        self.pairing = PairingScreen()
        self.waiting_scans = WaitingScansScreen()
        self.station_screen = StationScreen()
        self.scan_screen = ScanScreen()
        self.pin_screen = PinScreen(self._pin_ok)
        self.unlock_screen = PinScreen(self._unlock_cache, unlocks_cache=True)
        self.panel = OperatorPanel()
        self.pages = QStackedWidget()
        for name, page in (("pairing", self.pairing), ("waiting scans", self.waiting_scans),
                           ("station set-up", self.station_screen),
                           ("scan", self.scan_screen), ("PIN", self.pin_screen), ("operator panel", self.panel),
                           ("unlock", self.unlock_screen)):
            page.setObjectName(name)
            self.pages.addWidget(page)
        self.status_bar = SyncStatusBar()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status_bar)
        self.setCentralWidget(central)
        self.verdict = VerdictScreen(self.pages)
        self.verdict.dismissed.connect(self._focus_search)
        self.sounds = Sounds(options.data_dir / "sounds", self)

        self.wedge = KeyboardWedge(self, max_gap_ms=options.wedge_gap_ms)
        self.clicks = _ClickEndsTyping(self)
        self.in_front = StayInFront(self)
        self.station_screen.show_image_files(options.image_files)
        self.wedge.scanned.connect(lambda text: self.on_code(text, "wedge"))
        self.pairing.pairRequested.connect(self._pair)
        self.waiting_scans.uploadRequested.connect(self._upload_waiting_scans)
        self.waiting_scans.exportRequested.connect(self._export_waiting_scans)
        self.waiting_scans.discardRequested.connect(self._discard_waiting_scans)
        self.station_screen.saved.connect(self.apply_settings)
        self.station_screen.languageChosen.connect(self.speak_language)  # at once; saved with the station
        self.panel.languageChosen.connect(self._keep_language)
        self.station_screen.pinChosen.connect(self._wrap_cache_key)
        self.unlock_screen.accepted.connect(self._unlocked)
        self.scan_screen.searchChanged.connect(self._search)
        self.scan_screen.attendeeChosen.connect(lambda code: self.on_code(code, "search"))
        self.scan_screen.operatorRequested.connect(self.open_operator_panel)
        self.scan_screen.enter_answers_question = self._enter
        self.scan_screen.search.textEdited.connect(self._forget_reprint)  # any other key: no
        self.pin_screen.accepted.connect(self._show_panel)
        self.pin_screen.cancelled.connect(self.show_scanning)
        self.panel.closed.connect(self.show_scanning)
        self.panel.undoRequested.connect(lambda: self.cache and self.cache.requestUndo.emit())
        self._undone_text: Callable[[], str] | None = None  # the panel's last undo, worded again on a switch
        self.panel.changeStationRequested.connect(self._change_station)
        self.panel.pairAgainRequested.connect(self._pair_again)
        self.panel.quitRequested.connect(self.quit)
        self.panel.forgetRequested.connect(self._forget_conference)
        self.panel.reprintRequested.connect(self._reprint)
        self.panel.reprint.hide()  # shown by print stations

    # The station's language ----------------------------------------------------------------------

    def speak_language(self, language: str) -> None:
        """Speak ``language`` ("" = the system's) from now on, on every open screen, without a restart: Qt tells
        each widget (LanguageChange, and each screen words itself again), Arabic turns the layout right to left,
        and the verdicts after this one are worded in it."""
        self.language = speak(language)
        if self.cache is not None:
            # A plain str read by the worker's next slot; the requests are queued after this assignment.
            self.cache.worker.language = self.language
            self.cache.requestOutboxCount.emit()  # the zone figures, worded again
        logger.info("The station speaks %s", self.language)

    def _keep_language(self, language: str) -> None:
        """Chosen in the operator panel: saved with the station, and spoken at once."""
        if self.settings is not None:
            self.settings = replace(self.settings, language=language)
            save_settings(self.options.data_dir, self.settings)
        self.panel.show_language(language)
        self.speak_language(language)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show_station_line()
            if self._undone_text is not None:
                self.panel.show_message(self._undone_text())
        super().changeEvent(event)

    def _show_station_line(self) -> None:
        if self.settings is None or self.credentials is None:
            return
        line = f"{self.settings.station_name} · {mode_name(self.settings.mode)}"
        if self.settings.product_name:
            line += f": {self.settings.product_name}"
        self.scan_screen.set_station(self.credentials.conference_name, line)

    def _fit_to_screen(self) -> None:
        """1280×760 (a 1280×800 screen with the title bar and a panel), or less where the screen is smaller."""
        screen = QApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 760)
            return
        available = screen.availableGeometry()
        self.resize(min(1280, available.width()), min(760, available.height() - 40))

    # Start-up ---------------------------------------------------------------------------------

    def start(self) -> None:
        data_folder.protect(self.options.data_dir)
        _application().installEventFilter(self.wedge)
        _application().installEventFilter(self.clicks)
        credentials = load_credentials(self.options.data_dir)
        if pending_pairing(self.options.data_dir) is not None:  # the operator had not decided when it stopped
            data_dir = self.options.data_dir
            run_task(self, lambda: waiting_scans(data_dir), self._ask_about_waiting_scans,
                     lambda error: self.waiting_scans.show_message(upload_refused(error)))
            self.pages.setCurrentWidget(self.waiting_scans)
        elif credentials is None:
            self.pages.setCurrentWidget(self.pairing)
        elif self._cache_needs_pin():
            logger.warning("Waiting for the operator's PIN to open the conference data (no key store here)")
            self.pages.setCurrentWidget(self.unlock_screen)
            self.unlock_screen.reset()
        else:
            self._open_conference(credentials)

    # The cache's key (kiosk.core.cache_key) ----------------------------------------------------------

    def _cache_needs_pin(self) -> bool:
        data_dir = self.options.data_dir
        settings = load_settings(data_dir)
        return cache_key.needs_pin(data_dir, pin_set=bool(settings and settings.pin_hash),
                                   cache_exists=(data_dir / CACHE_FILE).exists())

    def _unlock_cache(self, pin: str) -> bool:
        """The PIN unwraps the key; a cache from before encryption gets its key wrapped under it now."""
        data_dir = self.options.data_dir
        if (data_dir / cache_key.KEY_FILE).exists():
            return cache_key.unlock_with_pin(data_dir, pin)
        settings = load_settings(data_dir)
        if settings is None or not pin_matches(pin, settings.pin_hash):
            return False
        cache_key.protect_with_pin(data_dir, pin)
        return True

    def _unlocked(self) -> None:
        credentials = load_credentials(self.options.data_dir)
        if credentials is not None:
            self._open_conference(credentials)

    def _wrap_cache_key(self, pin: str) -> None:
        data_dir = self.options.data_dir
        run_task(self, lambda: cache_key.protect_with_pin(data_dir, pin), lambda _: None,
                 lambda error: self.panel.show_message(
                     self.tr("Could not protect the data with the new PIN: %1").replace("%1", str(error))))

    def _pair(self, url: str, code: str) -> None:
        data_dir = self.options.data_dir

        def failed(error: Exception) -> None:
            if isinstance(error, ScansWaitingError):
                self._ask_about_waiting_scans(error.waiting)
            else:
                self.pairing.show_error(pairing_failed(error))

        run_task(self, lambda: pair(url, code, data_dir), self._paired, failed)

    def _paired(self, credentials: DeviceCredentials) -> None:
        """Paired from the pairing screen: the station is set up again (its product may be another
        server's), starting from what it was."""
        self._open_conference(credentials, set_up=True)

    # Scans left for the previous server -----------------------------------------------------------

    def _ask_about_waiting_scans(self, waiting: WaitingScans | None) -> None:
        pairing = pending_pairing(self.options.data_dir)
        if pairing is None:
            return
        if waiting is None:  # none left (uploaded or exported before a restart): take the pairing on
            self._finish_pairing()
            return
        self.waiting_scans.show_waiting(waiting.count, waiting.server_url, waiting.conference_name,
                                        pairing.credentials.server_url, pairing.credentials.conference_name)
        self.pages.setCurrentWidget(self.waiting_scans)

    def _upload_waiting_scans(self) -> None:
        data_dir = self.options.data_dir
        self.waiting_scans.set_busy(True, self.tr("Uploading to the previous server…"))

        def done(left: int) -> None:
            if left:
                self.waiting_scans.show_message(
                    self.tr("%Ln scan(s) the previous server refused remain: export or discard them.", "", left))
                run_task(self, lambda: waiting_scans(data_dir), self._ask_about_waiting_scans)
            else:
                self._finish_pairing(self.tr("Uploaded to the previous server."))

        run_task(self, lambda: upload_to_previous_server(data_dir), done,
                 lambda error: self.waiting_scans.show_message(str(error)))

    def _export_waiting_scans(self) -> None:
        data_dir = self.options.data_dir
        self.waiting_scans.set_busy(True, self.tr("Exporting…"))
        run_task(self, lambda: export_waiting_scans(data_dir),
                 lambda result: self._finish_pairing(
                     self.tr("%Ln scan(s) exported to %1.", "", result[1]).replace("%1", str(result[0]))),
                 lambda error: self.waiting_scans.show_message(
                     self.tr("Could not export them: %1").replace("%1", str(error))))

    def _discard_waiting_scans(self, pin: str) -> None:
        settings = self.settings or load_settings(self.options.data_dir)
        if settings is None or not pin_matches(pin, settings.pin_hash):
            self.waiting_scans.pin.clear()
            self.waiting_scans.show_message(self.tr("Wrong PIN: the scans are kept."))
            return
        data_dir = self.options.data_dir
        self.waiting_scans.set_busy(True, self.tr("Discarding…"))
        run_task(self, lambda: discard_waiting_scans(data_dir),
                 lambda count: self._finish_pairing(self.tr("%Ln scan(s) discarded.", "", count)),
                 lambda error: self.waiting_scans.show_message(str(error)))

    def _finish_pairing(self, done: str = "") -> None:
        data_dir = self.options.data_dir
        pairing = pending_pairing(data_dir)
        if pairing is None:
            return
        if done:
            self.waiting_scans.show_message(done, error=False)
        run_task(self, lambda: finish_pairing(data_dir, pairing), self._paired,
                 lambda error: self.waiting_scans.show_message(pairing_failed(error)))

    def _open_conference(self, credentials: DeviceCredentials, *, set_up: bool = False) -> None:
        self.credentials = credentials
        self.wedge.is_badge = functools.partial(badge_codes.is_well_formed, conference_slug=credentials.conference_slug)
        cache_path = self.options.data_dir / CACHE_FILE
        if self.cache is None:
            self.cache = CacheWorkerHandle(cache_path, self, language=self.language)
            self.cache.worker.scanned.connect(self._show_verdict)
            self.cache.worker.found.connect(self._show_results)
            self.cache.worker.undone.connect(self._show_undone)
            self.cache.worker.statistics.connect(self.panel.show_statistics)
            self.cache.worker.products.connect(self.station_screen.set_products)
            self.cache.worker.checkinLists.connect(self.station_screen.set_checkin_lists)
            self.cache.worker.doorChoices.connect(self.station_screen.set_door_choices)
            self.cache.worker.zoneFigures.connect(self.scan_screen.show_zone_figures)
            self.cache.worker.failed.connect(self._worker_failed)
            self.cache.worker.outbox.connect(self._outbox_counted)
            self.cache.worker.configured.connect(self._ready)
            self.cache.worker.printJobs.connect(self._print_jobs)
        self._start_sync(credentials)
        self.settings = load_settings(self.options.data_dir)
        if self.settings is None or set_up:
            self._change_station()
        else:
            self.apply_settings(self.settings)

    def _show_undone(self, result) -> None:
        """The panel's undo, in the station's language (kiosk.core answers with the scan's kind and whose)."""
        self._undone_text = (lambda: undone(result.kind, result.who)) if result.undone else nothing_to_undo
        self.panel.show_message(self._undone_text())

    def _worker_failed(self, message: str) -> None:
        """A worker could not do what was asked (it logged why): the volunteer sees it at once."""
        self.verdict.show_verdict(VerdictText("red", self.tr("Kiosk error"), detail=self.tr(
            "%1. Call the organisers if it happens again.").replace("%1", message)))
        self.sounds.play("refused")
        self.panel.show_message(message)

    def _outbox_counted(self, waiting: int, set_aside: list) -> None:
        self.status_bar.show_outbox(waiting, len(set_aside))
        self.panel.show_set_aside(set_aside, self.conference_timezone())

    def conference_timezone(self) -> str:
        return self.status_bar.timezone

    def _ready(self) -> None:
        if not self._reported_ready:
            self._reported_ready = True
            logger.info("Ready to scan (%.2f s after start)", time.monotonic() - STARTED)
            self.readyToScan.emit()

    def _start_sync(self, credentials: DeviceCredentials) -> None:
        if self.sync is not None:
            self.sync.stop()
        self.sync = SyncService(self.options.data_dir / CACHE_FILE, credentials,
                                interval=self.options.sync_interval, printer_state=self.printer_state, parent=self)
        self.sync.statusChanged.connect(self._sync_status)
        self.sync.start()

    def _sync_status(self, status: SyncStatus) -> None:
        if self.sync is None:  # a round that ended after the sync was stopped (a wipe, a re-pairing)
            return
        self.status_bar.show_status(status)
        if status.revoked:  # the server said so at this contact: nothing of the conference may stay
            self._wipe(WipeReason.REVOKED)
            return
        if status.conference_over:  # as many days after its last day as the organisers set
            self._wipe(WipeReason.CONFERENCE_OVER)
            return
        if self.cache is None:
            return
        if self.pages.currentWidget() is self.panel:
            self.cache.requestStatistics.emit()  # the panel's figures follow what the sync brought
        self.cache.requestOutboxCount.emit()  # counted where the scans are written: exact
        if self.settings is not None and self.settings.mode is StationMode.BADGE_PRINTING:
            self.cache.requestPrintJobs.emit()  # badges the sync brought from the console
        if self.pages.currentWidget() is self.station_screen and not self.station_screen.products:
            self.cache.requestProducts.emit()  # the first download brings the products to choose from

    def apply_settings(self, settings: KioskSettings) -> None:
        assert self.cache is not None and self.credentials is not None  # a station is set up once paired
        save_settings(self.options.data_dir, settings)
        previous, self.settings = self.settings, settings
        self.verdict.dismiss_seconds = settings.dismiss_seconds
        self.cache.requestConfigure.emit(settings)
        self._show_station_line()
        self.panel.show_language(settings.language)
        if self.camera is None or previous is None or previous.camera_index != settings.camera_index:
            self._start_camera(settings)  # a camera that stays the same keeps running: no badge scanned twice
        self.panel.reprint.setVisible(settings.mode is StationMode.BADGE_PRINTING)
        self._print_mode = settings.mode is StationMode.BADGE_PRINTING
        self.show_scanning()
        self._apply_kiosk_mode(settings.kiosk_mode and not self.options.windowed)

    def _apply_kiosk_mode(self, on: bool) -> None:
        """Full screen, or back to a window, at once. No window flags are changed on a shown window:
        that destroys and re-creates it, and the new one was left without keyboard focus."""
        if on and not self.isFullScreen():
            self.showFullScreen()
        elif not on and self.isFullScreen():
            self.showNormal()
        self.in_front.lock(on)  # minimised, another desktop, Super+D: it comes back
        if self.isVisible():
            self.raise_()
            self.activateWindow()

    def _start_camera(self, settings: KioskSettings) -> None:
        if self.camera is not None:
            self.camera.stop()
            self.camera = None
        opener = camera_opener(settings.camera_index, self.options.image_files)
        if opener is None:
            self.scan_screen.show_camera_message("")
            return
        try:
            decoder = load_decoder(self.options.decoder)
        except RuntimeError as error:
            self.scan_screen.show_camera_message(str(error))
            return
        self.camera = CaptureThread(opener, decoder=decoder, parent=self)
        self.camera.codeScanned.connect(lambda text: self.on_code(text, "camera"))
        self.camera.previewReady.connect(self.scan_screen.show_preview)
        self.camera.failed.connect(self.scan_screen.show_camera_message)
        self.camera.start()

    # Scanning ---------------------------------------------------------------------------------

    def on_code(self, text: str, source: str) -> None:
        """Every scan, from wherever it came; the queue at the door does not wait for the operator."""
        page = self.pages.currentWidget()
        logger.info("Scan from the %s (%d characters) on the %s page", source, len(text),
                    page.objectName() if page is not None else "no")
        if page is self.pairing:
            self.pairing.scanned(text)
            return
        if self.cache is None or self.settings is None:
            self.verdict.show_verdict(VerdictText("red", self.tr("Not scanning yet"),
                                                  detail=self.tr("Finish the station set-up first.")))
            return
        if page in (self.pin_screen, self.panel):
            self.pin_screen.pin.clear()
            self.show_scanning()  # the PIN pad and the panel close: an attendee is at the scanner
        if source != "search":
            self.scan_screen.clear_search()
        self.cache.requestScan.emit(text, source, self._next_turn())

    def _next_turn(self) -> int:
        self._turn += 1
        return self._turn

    def _show(self, turn: int, text: VerdictText) -> bool:
        """Show ``text``, the answer for ``turn``, unless the screen already answers a later badge
        (a print finishing after the next person scanned): a verdict is always for its own badge."""
        if turn < self._shown_turn:
            logger.info("A late answer for an earlier badge (%s) is not shown over a later one", text.headline)
            return False
        self._shown_turn = turn
        self.verdict.show_verdict(text)
        return True

    def _show_verdict(self, report: ScanReport) -> None:
        if report.turn < self._shown_turn:  # (the cache worker answers in order: a guard, not a path)
            logger.info("A late verdict for an earlier badge is not shown over a later one")
            return
        self.last_report = report
        attendee = report.result.verdict.attendee
        assert self.settings is not None and self.credentials is not None  # scans are decided once set up
        if (self.settings.mode is StationMode.BADGE_PRINTING and report.result.verdict.admitted
                and attendee is not None and attendee.name):
            badge = BadgeData(self.credentials.conference_name, attendee.name, attendee.company,
                              attendee.ticket_type, attendee.access_code, payload="", language=attendee.language)
            confirmed = self._reprint_asked is not None and self._reprint_asked.access_code == badge.access_code
            self._reprint_asked = None
            if report.printed_before and not confirmed:
                self._ask_to_reprint(report.turn, badge, *report.printed_before)
            else:
                self._show(report.turn, replace(report.text, colour="amber", headline=self.tr("Printing badge…")))
                self._print(badge, turn=report.turn)
        else:
            self._show(report.turn, report.text)
            self.sounds.play("ok" if report.result.verdict.admitted else "refused")
        self._focus_search()
        if self.sync is not None:  # upload it now, but after the verdict is painted: the volunteer first
            QTimer.singleShot(50, self.sync.sync_soon)
        self.verdictShown.emit(report)

    def _search(self, text: str) -> None:
        self._search_request += 1
        self._searched = text
        if self.cache is not None:
            self.cache.requestSearch.emit(self._search_request, text)

    def _show_results(self, request: int, rows: list) -> None:
        # An answer to an older keystroke is stale, and so is one for text changed since (a scan cleared it).
        if request == self._search_request and self.scan_screen.search.text() == self._searched:
            self.scan_screen.show_results(rows, self.conference_timezone())

    def show_scanning(self) -> None:
        self.pages.setCurrentWidget(self.scan_screen)
        self._focus_search()

    def _focus_search(self) -> None:
        """Typing goes to the search field again, without a click (after a verdict, a result picked…)."""
        if self.pages.currentWidget() is self.scan_screen:
            self.scan_screen.search.setFocus()

    # Operator ---------------------------------------------------------------------------------

    def open_operator_panel(self) -> None:
        self.verdict.dismiss()
        self.pin_screen.reset()
        self.pages.setCurrentWidget(self.pin_screen)
        self.pin_screen.pin.setFocus()

    def _pin_ok(self, pin: str) -> bool:
        return self.settings is not None and pin_matches(pin, self.settings.pin_hash)

    def _show_panel(self) -> None:
        self.panel.show_message("")
        self._undone_text = None
        self.pages.setCurrentWidget(self.panel)
        credentials, cache = self.credentials, self.cache
        assert credentials is not None and cache is not None  # the PIN is set at the station set-up
        cache.requestStatistics.emit()
        self.panel.show_asking()
        run_task(self.panel, lambda: fetch_conflicts(credentials), self.panel.show_conflicts,
                 lambda error: self.panel.show_conflicts(None, "offline" if "connect" in str(error).lower()
                                                         else str(error)[:80]))

    def _change_station(self) -> None:
        self.station_screen.load(self.settings, default_name=self.credentials.station if self.credentials else "")
        self.pages.setCurrentWidget(self.station_screen)
        assert self.cache is not None  # the station set-up follows pairing
        self.cache.requestProducts.emit()

    def _forget_conference(self, pin: str) -> None:
        if not self._pin_ok(pin):
            self.panel.show_message(self.tr("Wrong PIN: nothing was deleted."))
            return
        self._wipe(WipeReason.OPERATOR)

    def _wipe(self, reason: WipeReason) -> None:
        """Stop everything that holds the cache open, delete the data folder but its log, and say why on
        the pairing screen. Nothing of an attendee stays on screen either."""
        if self._wiping:
            return
        self._wiping = True
        logger.warning("Wiping this kiosk's conference data: %s", reason.value)
        if self.camera is not None:
            self.camera.stop()
            self.camera = None
        if self.sync is not None:
            self.sync.stop()
            self.sync = None
        if self.cache is not None:
            self.cache.stop()
            self.cache = None
        self.credentials, self.settings = None, None
        self.last_report, self.last_badge = None, None
        self.verdict.hide()
        self.scan_screen.show_results([])
        self.scan_screen.search.clear()
        data_dir = self.options.data_dir

        def wiped(_count: int) -> None:
            self._wiping = False
            self.pairing.show_error(wipe_reason(reason))

        def failed(error: Exception) -> None:
            self._wiping = False
            self.pairing.show_error(self.tr("Could not delete everything this kiosk holds (%1); call the organisers.")
                                    .replace("%1", str(error)))

        self.pages.setCurrentWidget(self.pairing)
        run_task(self, lambda: wipe_data_folder(data_dir, reason), wiped, failed)

    def _pair_again(self) -> None:
        if self.sync is not None:
            self.sync.stop()
            self.sync = None
        if self.credentials is not None:
            self.pairing.show_last_server(self.credentials.server_url)
        self.pages.setCurrentWidget(self.pairing)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self.verdict.isVisible():
                self.verdict.dismiss()
            return  # Escape never leaves kiosk mode
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        locked = self.settings is not None and self.settings.kiosk_mode and not self.options.windowed
        if locked and not self.allow_close:
            event.ignore()  # Alt+F4 and friends: only the operator panel can quit
            self.open_operator_panel()
            return
        self.shutdown()
        event.accept()

    def quit(self) -> None:
        self.allow_close = True
        self.in_front.lock(False)
        self.close()
        QApplication.quit()

    def shutdown(self) -> None:
        self.in_front.lock(False)
        _application().removeEventFilter(self.wedge)
        _application().removeEventFilter(self.clicks)
        if self.camera is not None:
            self.camera.stop()
            self.camera = None
        if self.sync is not None:
            self.sync.stop()
            self.sync = None
        if self.cache is not None:
            self.cache.stop()
            self.cache = None
        cache_key.lock(self.options.data_dir)
        self.print_pool.waitForDone(30_000)  # a badge being printed comes out whole

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.verdict.isVisible():
            self.verdict.setGeometry(self.pages.rect())


class _ClickEndsTyping(QObject):
    """A click (or a touch) settles the keys the wedge still holds before it acts: the wedge holds each
    key a moment to tell a scanner from a person, and a PIN typed slowly then "Start scanning" clicked
    at once must be read as the field shows it, last digit included. A key that is no character is how
    the wedge learns a person did something else (it hands what it holds to the field at once)."""

    CLICKS = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.CLICKS:  # (at each stage of the click: after the first, nothing is held)
            # Whoever receives it, the wedge sees it first and hands the held keys to the field they were typed in.
            no_character = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, "")
            QCoreApplication.sendEvent(QApplication.focusWidget() or watched, no_character)
        return False


def _application() -> QApplication:
    """The running application: a window exists only inside one."""
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    return application
