"""A print station's badges, as the kiosk window prints them: a scanned badge, a console's print job,
the question before a second badge for the same person, a reprint after a printer error.

KioskWindow (kiosk.ui.main_window) stands on it: it prints through the window's print queue and pool
and says how it went on the window's verdict screen. Printing itself (layout, printer, PDF) is
kiosk.badges'; the signed payload comes from kiosk.core.sync_engine.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from kiosk.badges.printing import KeptBadge, PrintError, PrintQueue, print_badge
from kiosk.badges.render import BadgeData, BadgeLayout, BadgeSize
from kiosk.core.sync_engine import fetch_badge_payload
from kiosk.core.verdict_text import VerdictText
from kiosk.ui.clock import station_time
from kiosk.ui.tasks import run_task
from shared.protocol import PrintJobRecord

if TYPE_CHECKING:
    from PySide6.QtCore import QThreadPool, SignalInstance

    from kiosk.core.device import DeviceCredentials
    from kiosk.core.settings import KioskSettings
    from kiosk.ui.operator_panel import OperatorPanel
    from kiosk.ui.sounds import Sounds
    from kiosk.ui.verdict_screen import VerdictScreen
    from kiosk.ui.workers import CacheWorkerHandle, SyncService


class _Options(Protocol):  # kiosk.ui.main_window.KioskOptions, as far as printing reads it
    @property
    def data_dir(self) -> Path: ...


class PrintStation(QMainWindow):
    """The kiosk window's printing, as a base of KioskWindow."""

    if TYPE_CHECKING:  # KioskWindow's, which this prints for
        options: _Options
        settings: KioskSettings | None
        credentials: DeviceCredentials | None
        cache: CacheWorkerHandle | None
        sync: SyncService | None
        print_queue: PrintQueue
        print_pool: QThreadPool
        sounds: Sounds
        verdict: VerdictScreen
        panel: OperatorPanel
        badgePrinted: SignalInstance
        last_badge: BadgeData | None
        _turn: int
        _shown_turn: int
        _reprint_asked: BadgeData | None
        _print_mode: bool
        _last_print_error: str

        def _show(self, turn: int, text: VerdictText) -> bool: ...
        def show_scanning(self) -> None: ...
        def conference_timezone(self) -> str: ...

    def printer_state(self) -> str:
        """For the server's fleet health; called from the sync thread, so it reads plain values and a
        file only. "" when this station prints nothing."""
        if not self._print_mode:
            return ""
        waiting = len(self.print_queue.pending())
        if not waiting and not self._last_print_error:
            return "ready"
        kept = f"{waiting} badge{'s' if waiting != 1 else ''} waiting to print" if waiting else "printing failed"
        return f"{kept}: {self._last_print_error}" if self._last_print_error else kept

    def _print_jobs(self, jobs: list[PrintJobRecord]) -> None:
        """Badges sent from the console's desk: printed like a scanned one, each recorded as its job."""
        if self.credentials is None:  # unpaired meanwhile: the jobs stay in the cache, new
            return
        for job in jobs:
            badge = BadgeData(self.credentials.conference_name, f"{job.first_name} {job.last_name}".strip(),
                              job.company, job.ticket_type, job.access_code, payload=job.payload, language=job.language)
            self._print(badge, job_id=job.id, turn=self._turn)  # not a badge at the door: no turn of its own

    def _print(self, badge: BadgeData, job_id: int | None = None, *, turn: int) -> None:
        """Fetch the signed payload and print, off the UI thread; the verdict screen says how it went,
        unless a later badge's verdict is on it by then (``turn``: the badge or request this print is for).
        ``job_id``: a print job from the console, finished (printed or failed) in the cache as such; a
        failed one is kept with its id, so that its reprint finishes the job as printed."""
        settings, credentials = self.settings, self.credentials
        assert settings is not None and credentials is not None  # only a set-up print station prints
        layout = BadgeLayout(BadgeSize(settings.badge_size), settings.badge_landscape)
        folder = self.options.data_dir / "printed-badges"

        def job() -> tuple[BadgeData, str]:
            signed = badge if badge.payload else replace(badge, payload=fetch_badge_payload(credentials, badge.access_code))
            return signed, print_badge(signed, layout, printer_name=settings.printer, pdf_folder=folder)

        def done(result: tuple[BadgeData, str]) -> None:
            printed, where = result
            self._last_print_error = ""
            self.last_badge = printed
            self.print_queue.done(printed)
            if self.cache is not None and job_id is not None:
                self.cache.requestFinishPrintJob.emit(job_id, printed.access_code, printed.full_name, printed.payload,
                                                      True, where)
                if self.sync is not None:
                    self.sync.sync_soon()  # tell the desk it printed (a failed job: printed after all)
            elif self.cache is not None:  # None once the window shut down while the printer worked
                self.cache.requestRecordPrinted.emit(printed.access_code, printed.full_name)
            if self._show(turn, VerdictText("green", self.tr("Badge printed"), name=printed.full_name,
                                            ticket_type=printed.ticket_type, detail=where)):
                self.sounds.play("ok")
            self.badgePrinted.emit(where)

        def failed(error: Exception) -> None:
            self.print_queue.keep(badge, job_id)
            # The printer's own words (PrintError) as it said them; the console's fleet health reads them in English.
            english = str(error) if isinstance(error, PrintError) else f"Printing failed: {error}"
            message = str(error) if isinstance(error, PrintError) else self.tr("Printing failed: %1").replace(
                "%1", str(error))
            if job_id is not None and self.cache is not None:  # the desk sees the printer's words; reprint here
                self.cache.requestFinishPrintJob.emit(job_id, badge.access_code, badge.full_name, badge.payload,
                                                      False, english)
            self._last_print_error = english
            text = VerdictText("red", self.tr("Printer error"), name=badge.full_name,
                               detail=self.tr("%1 The badge is kept: reprint it from the operator panel.").replace(
                                   "%1", message))
            if self._show(turn, text):
                self.sounds.play("refused")
            else:  # never silent: shown once the later verdict has gone
                self.verdict.dismissed.connect(lambda: self._show(self._shown_turn, text),
                                               Qt.ConnectionType.SingleShotConnection)
            self.badgePrinted.emit("")

        run_task(self, job, done, failed, pool=self.print_pool)

    def _ask_to_reprint(self, turn: int, badge: BadgeData, printed_at, station: str) -> None:
        """A second badge for the same person is a question, not a surprise: Enter (or the same badge
        scanned again) prints it; anything else, or waiting, does not."""
        self._reprint_asked = badge
        when = station_time(printed_at, self.conference_timezone())
        question = (self.tr("Already printed at %1, %2 — print again?").replace("%2", station) if station
                    else self.tr("Already printed at %1 — print again?"))
        self._show(turn, VerdictText(
            "amber", question.replace("%1", when), name=badge.full_name, ticket_type=badge.ticket_type,
            detail=self.tr("Enter: print again. Any other key, or wait: no.")))
        self.verdict.dismissed.connect(self._forget_reprint, Qt.ConnectionType.SingleShotConnection)

    def _forget_reprint(self) -> None:
        self._reprint_asked = None

    def _enter(self) -> bool:
        """Enter while a reprint is asked for: print it. Returns whether Enter was taken."""
        badge = self._reprint_asked
        if badge is None or not self.verdict.isVisible():
            return False
        self._reprint_asked = None
        self._show(self._shown_turn, VerdictText("amber", self.tr("Printing badge…"), name=badge.full_name,
                                                 ticket_type=badge.ticket_type))
        self._print(badge, turn=self._shown_turn)  # the answer to the question on screen
        return True

    def _reprint(self) -> None:
        """The badges kept after a printer error (a console's job as that job: printed after all), else
        the last one printed, again (only a ``badge_printed`` more, whatever printed it)."""
        kept = self.print_queue.pending() or ([KeptBadge(self.last_badge)] if self.last_badge else [])
        if not kept:
            self.panel.show_message(self.tr("Nothing to reprint yet."))
            return
        self.show_scanning()
        for badge in kept:
            self._print(badge.badge, job_id=badge.job_id, turn=self._turn)
