"""A conference badge drawn with QPainter: to a printer, a PDF or an image, all from one layout.

The QR code (segno) and the Code128 barcode (python-barcode) are drawn as vector rectangles from
their module matrices, not pasted as pictures, so they stay sharp at any printer resolution.
Long names shrink until they fit (down to a floor, then wrap onto two lines): never clipped.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import segno
from barcode.codex import Code128
from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QImage, QPageLayout, QPageSize, QPainter, QPainterPath,
                           QPdfWriter)

from shared import badge_words

MM = 1 / 25.4  # inches per millimetre


class BadgeSize(enum.StrEnum):
    """Common badge stock."""

    BADGE_102X152 = "102x152mm"  # 4 × 6 in, the usual conference badge
    IN_4X3 = "4x3in"
    A6 = "a6"

    @property
    def millimetres(self) -> tuple[float, float]:
        return {"102x152mm": (102.0, 152.0), "4x3in": (101.6, 76.2), "a6": (105.0, 148.0)}[self.value]


@dataclass(frozen=True)
class BadgeData:
    conference_name: str
    full_name: str
    company: str
    ticket_type: str
    access_code: str
    payload: str  # what the QR holds: the signed payload (or slug:code when it could not be signed)
    language: str = ""  # the attendee's, for the badge's fixed words; "": the station's (Qt's default locale)


@dataclass(frozen=True)
class BadgeLayout:
    size: BadgeSize = BadgeSize.BADGE_102X152
    landscape: bool = False

    def page_size_mm(self) -> tuple[float, float]:
        width, height = self.size.millimetres
        return (max(width, height), min(width, height)) if self.landscape else (width, height)

    def page_layout(self) -> QPageLayout:
        width, height = self.size.millimetres
        page = QPageSize(QSizeF(width, height), QPageSize.Unit.Millimeter, self.size.value, QPageSize.SizeMatchPolicy.ExactMatch)
        orientation = QPageLayout.Orientation.Landscape if self.landscape else QPageLayout.Orientation.Portrait
        return QPageLayout(page, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


BANNER_COLOURS = {"vip": "#6a1b9a", "speaker": "#c62828", "student": "#00695c", "sponsor": "#ef6c00"}


def banner_colour(ticket_type: str) -> QColor:
    for word, colour in BANNER_COLOURS.items():
        if word in ticket_type.lower():
            return QColor(colour)
    return QColor("#1f3a93")


def paint_badge(painter: QPainter, area: QRectF, badge: BadgeData, qr: QrMatrix | None = None) -> None:
    """Draw one badge into ``area`` (device units); every size below is a fraction of the badge."""
    w, h = area.width(), area.height()
    unit = min(w, h) / 100  # 1% of the short side
    painter.save()
    painter.translate(area.topLeft())
    _fill(painter, [QRectF(0, 0, w, h)], QColor("white"))
    margin = 5 * unit
    inner = w - 2 * margin
    portrait = h >= w

    y = margin
    _text(painter, QRectF(margin, y, inner, 8 * unit), badge.conference_name, 5.5 * unit, bold=True,
          colour=QColor("#444"))
    y += 11 * unit
    name_height = (26 if portrait else 20) * unit
    fit_text(painter, QRectF(margin, y, inner, name_height), badge.full_name, 13 * unit, min_size=5 * unit, bold=True)
    y += name_height + 1 * unit
    if badge.company:
        fit_text(painter, QRectF(margin, y, inner, 8 * unit), badge.company, 6 * unit, min_size=3.5 * unit,
                 colour=QColor("#333"))
    y += 10 * unit

    if portrait:
        qr_side = min(inner * 0.62, h - y - 42 * unit)
        qr_rect = QRectF((w - qr_side) / 2, y, qr_side, qr_side)
        bars_rect = QRectF(margin * 2, qr_rect.bottom() + 3 * unit, w - 4 * margin, 11 * unit)
    else:
        qr_side = min(h - y - 16 * unit, inner * 0.4)
        qr_rect = QRectF(margin, y, qr_side, qr_side)
        bars_rect = QRectF(qr_rect.right() + 4 * unit, y + qr_side * 0.3, w - qr_rect.right() - 4 * unit - margin,
                           qr_side * 0.4)
    draw_qr(painter, qr_rect, qr or qr_matrix(badge.payload))
    draw_code128(painter, bars_rect, badge.access_code)
    _text(painter, QRectF(bars_rect.left(), bars_rect.bottom() + 0.5 * unit, bars_rect.width(), 5 * unit),
          badge.access_code, 4 * unit, colour=QColor("#222"))

    banner_height = 13 * unit
    banner = QRectF(0, h - banner_height, w, banner_height)
    _fill(painter, [banner], banner_colour(badge.ticket_type))
    fit_text(painter, banner.adjusted(margin, 0, -margin, 0), banner_words(badge).upper(), 7 * unit,
             min_size=3 * unit, bold=True, colour=QColor("white"))
    painter.restore()


def banner_words(badge: BadgeData) -> str:
    """The banner's text: the ticket's role word in the attendee's language, else the station's (shared.badge_words)."""
    return badge_words.banner(badge.ticket_type, badge_words.badge_language(badge.language, QLocale().name()))


def _font(size: float, bold: bool) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    return font


def _text(painter: QPainter, rect: QRectF, text: str, size: float, *, bold: bool = False,
          colour: QColor | None = None) -> None:
    painter.setFont(_font(size, bold))
    painter.setPen(colour or QColor("black"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def fit_text(painter: QPainter, rect: QRectF, text: str, size: float, *, min_size: float, bold: bool = False,
             colour: QColor | None = None) -> QRectF:
    """Draw ``text`` at the largest font (≤ size) that fits ``rect`` on one line, else wrapped at words;
    returns where the text went (inside ``rect``: never clipped)."""
    flags = Qt.AlignmentFlag.AlignCenter
    while True:
        metrics = QFontMetricsF(_font(size, bold))
        if metrics.horizontalAdvance(text) <= rect.width() and metrics.height() <= rect.height():
            break
        if size <= min_size:
            # Two (or more) lines at word breaks, shrinking further until the block fits; a single
            # word too long for any line may break anywhere. Never clipped.
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            while size > 1:
                bound = QFontMetricsF(_font(size, bold)).boundingRect(rect, flags, text)
                if bound.width() <= rect.width() and bound.height() <= rect.height():
                    break
                if size < min_size * 0.75:
                    flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWrapAnywhere
                size *= 0.94
            break
        size *= 0.94
    painter.setFont(_font(size, bold))
    painter.setPen(colour or QColor("black"))
    return painter.drawText(rect, flags, text)


QrMatrix = tuple[tuple[int, ...], ...]


def qr_matrix(payload: str) -> QrMatrix:
    """The QR code's modules. ``make_qr``, not ``make``: segno would pick a Micro QR for short text,
    which most scanners cannot read. segno picks the mask by the standard's penalty rules, which
    is most of the time (~7 ms a code); bulk export spreads it over processes."""
    return tuple(tuple(row) for row in segno.make_qr(payload, error="m").matrix)


def draw_qr(painter: QPainter, rect: QRectF, matrix: QrMatrix) -> None:
    modules = len(matrix) + 8  # 4 modules of quiet zone each side
    cell = min(rect.width(), rect.height()) / modules
    left = rect.left() + (rect.width() - cell * modules) / 2 + 4 * cell
    top = rect.top() + (rect.height() - cell * modules) / 2 + 4 * cell
    rects = []
    for r, row in enumerate(matrix):
        run_start = None
        for c, dark in enumerate([*row, 0]):  # runs of dark modules as one rectangle: fewer, seamless shapes
            if dark and run_start is None:
                run_start = c
            elif not dark and run_start is not None:
                rects.append(QRectF(left + run_start * cell, top + r * cell, (c - run_start) * cell, cell))
                run_start = None
    _fill(painter, rects, QColor("black"))


class _Code128(Code128):
    """python-barcode's Code128 without its start-code shortcut for a code that begins with two digits.

    The shortcut folds "start in set C, switch to B" into "start in B" whenever the second symbol's
    value is a switch's; the digit pair "99" has that value, so a code beginning "99" lost its first
    two characters (badge 99WW7HRI scanned as WW7HRI: about one badge in a thousand)."""

    def _try_to_optimize(self, encoded: list[int]) -> list[int]:
        return encoded if self.code[:2].isdigit() else super()._try_to_optimize(encoded)


def draw_code128(painter: QPainter, rect: QRectF, code: str) -> None:
    modules = _Code128(code).build()[0]
    quiet = 10
    bar = rect.width() / (len(modules) + 2 * quiet)
    x = rect.left() + quiet * bar
    rects = []
    run_start = None
    for i, module in enumerate(modules + "0"):
        if module == "1" and run_start is None:
            run_start = i
        elif module != "1" and run_start is not None:
            rects.append(QRectF(x + run_start * bar, rect.top(), (i - run_start) * bar, rect.height()))
            run_start = None
    _fill(painter, rects, QColor("black"))


def _fill(painter: QPainter, rects: list[QRectF], colour: QColor) -> None:
    """One filled path for many rectangles: one PDF operation instead of hundreds, and it avoids
    PySide6 6.12's refcount bug in ``QPainter.fillRect(QRectF, QColor)`` (a crash after ~10⁵ calls)."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for rect in rects:
        path.addRect(rect)
    painter.fillPath(path, colour)


def render_image(badge: BadgeData, layout: BadgeLayout = BadgeLayout(), *, dpi: int = 300) -> QImage:
    width_mm, height_mm = layout.page_size_mm()
    image = QImage(round(width_mm * MM * dpi), round(height_mm * MM * dpi), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    paint_badge(painter, QRectF(0, 0, image.width(), image.height()), badge)
    painter.end()
    return image


def render_pdf(badges: Iterable[BadgeData], path: Path, layout: BadgeLayout = BadgeLayout(), *,
               progress: Callable[[int], None] | None = None, resolution: int = 300, workers: int | None = None) -> int:
    """All badges into one PDF, one page each; returns the page count. Written to a temporary name
    first, so a failed export never leaves a half PDF under the real name.

    The QR codes are encoded in worker processes while this thread paints (QPdfWriter is not
    thread-safe, so painting stays here): about twice as fast on two cores.
    """
    badges = list(badges)
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        matrices = pool.map(qr_matrix, [b.payload for b in badges], chunksize=64) if len(badges) > 64 else \
            map(qr_matrix, [b.payload for b in badges])
        return _write_pdf(zip(badges, matrices), path, layout, progress, resolution)


def _write_pdf(pages_in, path: Path, layout: BadgeLayout, progress, resolution: int) -> int:
    temporary = path.with_suffix(path.suffix + ".part")
    writer = QPdfWriter(str(temporary))
    writer.setResolution(resolution)
    writer.setPageLayout(layout.page_layout())
    writer.setTitle("Badges")
    writer.setCreator("Doorstation")
    painter = QPainter()
    pages = 0
    try:
        for badge, matrix in pages_in:
            if pages == 0:
                if not painter.begin(writer):
                    raise OSError(f"Cannot write {path}.")
            else:
                writer.newPage()
            paint_badge(painter, QRectF(writer.pageLayout().paintRectPixels(resolution)), badge, matrix)
            pages += 1
            if progress:
                progress(pages)
    finally:
        if painter.isActive():
            painter.end()
    if pages == 0:
        temporary.unlink(missing_ok=True)
        return 0
    temporary.replace(path)
    return pages
