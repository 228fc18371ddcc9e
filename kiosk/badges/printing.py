"""Sending a badge to the station's printer (CUPS through QPrinter) or to a PDF file.

Runs on a worker thread (QPainter may paint on a QPrinter outside the GUI thread). A job that
fails stays in the station's print queue on disk, so a jammed printer loses no badge: the
operator reprints from the panel once it is fixed, even after a restart.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.badges.render import BadgeData, BadgeLayout, paint_badge, render_pdf

QUEUE_FILE = "print-queue.json"


class PrintError(Exception):
    """The badge did not print; the message says why in words an operator can act on."""


def print_badge(badge: BadgeData, layout: BadgeLayout, *, printer_name: str, pdf_folder: Path) -> str:
    """Print one badge; returns where it went ("printer X" or the PDF's path)."""
    if not printer_name:
        pdf_folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = pdf_folder / f"badge-{badge.access_code}-{stamp}.pdf"
        try:
            render_pdf([badge], path, layout, workers=1)
        except OSError as error:
            raise PrintError(f"Cannot write the badge PDF in {pdf_folder}: {error}") from None
        return str(path)
    info = QPrinterInfo.printerInfo(printer_name)
    if info.isNull():
        raise PrintError(f"Printer '{printer_name}' is not available (switched off, unplugged or not installed).")
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(layout.page_layout())
    printer.setDocName(f"Badge {badge.access_code}")
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(f"Printer '{printer_name}' refused the job.")
    try:
        paint_badge(painter, QRectF(printer.pageLayout().paintRectPixels(printer.resolution())), badge)
    finally:
        painter.end()
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintError(f"Printer '{printer_name}' reported an error.")
    return f"printer {printer_name}"


@dataclass(frozen=True)
class KeptBadge:
    badge: BadgeData
    job_id: int | None = None  # sent from the console (kiosk.core.print_jobs): its reprint finishes that job


class PrintQueue:
    """Badges that did not print, kept on disk until they do, one per person. A badge sent from the
    console keeps its print job's id, even across a restart: its reprint tells the desk it printed."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / QUEUE_FILE

    def pending(self) -> list[KeptBadge]:
        if not self.path.exists():
            return []
        kept = []
        for item in json.loads(self.path.read_text()):
            job_id = item.pop("job_id", None)  # (absent in a queue an older kiosk wrote)
            kept.append(KeptBadge(BadgeData(**item), job_id))
        return kept

    def keep(self, badge: BadgeData, job_id: int | None = None) -> None:
        kept = [k for k in self.pending() if k.badge.access_code != badge.access_code]
        self._write([*kept, KeptBadge(badge, job_id)])

    def done(self, badge: BadgeData) -> None:
        self._write([k for k in self.pending() if k.badge.access_code != badge.access_code])

    def _write(self, kept: list[KeptBadge]) -> None:
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps([{**asdict(k.badge), "job_id": k.job_id} for k in kept]))
        os.replace(temporary, self.path)
