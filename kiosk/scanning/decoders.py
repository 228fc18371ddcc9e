"""Barcode decoders for camera frames (no Qt): zxing-cpp first, pyzbar and OpenCV as fallbacks.

Measured on noisy 640×480 / 1280×720 frames, median ms: zxing-cpp with its formats
restricted 2.5 / 6.9, pyzbar restricted to QR 13.6 / 38.3, OpenCV's QRCodeDetector 13.0 / 42.9
(and 53 / 353 on frames with no code at all). So zxing-cpp is the default, pyzbar stays a
supported backend, and OpenCV is the last resort when neither library loads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

logger = logging.getLogger(__name__)

Decode = Callable[[np.ndarray], list[str]]


@dataclass(frozen=True)
class Decoder:
    name: str
    decode: Decode  # grey or BGR frame in, every code text found out (exact, not normalised): the fast pass
    # The fast pass first, then harder ones (light-on-dark, small codes, uneven light), cheapest first.
    harder: tuple[Decode, ...] = ()

    def decode_thoroughly(self, frame: np.ndarray) -> list[str]:
        """A still image (a photo, a self-test): every pass until one reads."""
        for attempt in (self.decode, *self.harder):
            texts = attempt(frame)
            if texts:
                return texts
        return []


class FrameSchedule:
    """The camera's plan: the fast pass on every other frame, one harder pass in turn on the frames between.

    A badge held up for a second is seen ten times, so each harder pass gets several tries while a frame
    costs no more than the fast pass on average (bench/decode.py measures it).
    """

    def __init__(self, decoder: Decoder) -> None:
        self.decoder = decoder
        self.frames = 0

    def decode(self, frame: np.ndarray) -> list[str]:
        self.frames += 1
        harder = self.decoder.harder
        if not harder or self.frames % 2:
            return self.decoder.decode(frame)
        return harder[(self.frames // 2) % len(harder)](frame)


def _zxing() -> Decoder:
    import cv2
    import zxingcpp

    formats = (zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.Code128)

    def read(image: np.ndarray, **options) -> list[str]:
        # zxing-cpp's stub asks for a BarcodeFormats, but the library takes (and since 3.0 prefers) a
        # sequence of formats; a BarcodeFormats kept in this closure is reported leaked at every exit.
        found = zxingcpp.read_barcodes(image, formats=formats, **options)  # type: ignore[arg-type]
        return [result.text for result in found if result.valid]

    def fast(frame: np.ndarray) -> list[str]:
        return read(frame)

    def light_on_dark(frame: np.ndarray) -> list[str]:
        # zxing-cpp's own try_invert misses a third of the inverted photos; the inverted image does not.
        return read(255 - _grey(frame), try_invert=False)

    def small(frame: np.ndarray) -> list[str]:
        # Modules of a pixel or two: enlarge. A whole 720p frame would cost 4×, so there only its middle,
        # where a badge is held up to the camera.
        grey = _grey(frame)
        height, width = grey.shape
        if max(height, width) > 960:
            grey = grey[height // 4: height - height // 4, width // 4: width - width // 4]
        return read(cv2.resize(grey, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC))

    def uneven_light(frame: np.ndarray) -> list[str]:
        return read(frame, binarizer=zxingcpp.Binarizer.GlobalHistogram)

    return Decoder("zxing-cpp", fast, (light_on_dark, small, uneven_light))


def _pyzbar() -> Decoder:
    from pyzbar import pyzbar

    symbols = [pyzbar.ZBarSymbol.QRCODE, pyzbar.ZBarSymbol.CODE128]

    def decode(frame: np.ndarray) -> list[str]:
        grey = _grey(frame)
        return [symbol.data.decode("utf-8", "replace") for symbol in pyzbar.decode(grey, symbols=symbols)]

    return Decoder("pyzbar", decode)


def _opencv() -> Decoder:
    import cv2

    detector = cv2.QRCodeDetector()

    def decode(frame: np.ndarray) -> list[str]:
        text, _points, _ = detector.detectAndDecode(frame)
        return [text] if text else []

    return Decoder("opencv", decode)


def _grey(frame: np.ndarray) -> np.ndarray:
    import cv2

    return frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


BACKENDS: dict[str, Callable[[], Decoder]] = {"zxing-cpp": _zxing, "pyzbar": _pyzbar, "opencv": _opencv}


def load_decoder(preferred: str | None = None) -> Decoder:
    """The preferred backend if it loads, else the fastest one that does (saying so once in the log)."""
    order = ([preferred] if preferred else []) + [name for name in BACKENDS if name != preferred]
    for name in order:
        if name not in BACKENDS:
            raise ValueError(f"Unknown decoder {name!r}; choose one of {', '.join(BACKENDS)}.")
        try:
            decoder = BACKENDS[name]()
        except (ImportError, OSError) as error:  # pyzbar raises ImportError when libzbar is missing
            logger.warning("Barcode decoder %s is not available (%s); trying the next one.", name, error)
            continue
        if preferred and name != preferred:
            logger.warning("Using the %s decoder instead of %s.", name, preferred)
        return decoder
    raise RuntimeError("No barcode decoder could be loaded (zxing-cpp, pyzbar or OpenCV).")


def available_decoders() -> list[Decoder]:
    decoders = []
    for factory in BACKENDS.values():
        try:
            decoders.append(factory())
        except (ImportError, OSError):
            continue
    return decoders
