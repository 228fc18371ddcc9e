"""Camera frames in, badge codes out, off the UI thread.

A frame source is anything with ``read()``: a webcam through OpenCV, or a list of image files
(what tests and a volunteer without a webcam use). The capture thread decodes every frame, sends
a downscaled preview to the UI, and reports each code once per ``debounce`` seconds: a badge held
in front of the camera is one scan, not thirty.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np
from PySide6.QtCore import QThread, Signal
from PySide6.QtGui import QImage

from kiosk.scanning.decoders import Decoder, FrameSchedule, load_decoder

PREVIEW_WIDTH = 480


class CameraUnavailable(Exception):
    """No frames can be had; the message says so in words (wedge and search keep working)."""


class FrameSource(Protocol):
    def read(self) -> np.ndarray | None: ...
    def close(self) -> None: ...


class OpenCvCamera:
    def __init__(self, index: int = 0, *, width: int = 1280, height: int = 720) -> None:
        import cv2

        self._capture = cv2.VideoCapture(index)
        if not self._capture.isOpened():
            self._capture.release()
            raise CameraUnavailable(f"No camera at index {index}. Scanners and search still work.")
        self._capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        self._capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)

    def read(self) -> np.ndarray | None:
        ok, frame = self._capture.read()
        if not ok:
            raise CameraUnavailable("The camera stopped sending pictures. Scanners and search still work.")
        return frame

    def close(self) -> None:
        self._capture.release()


class ImageFiles:
    """Image files shown to the kiosk as a camera would: in turn, ``fps`` frames a second, looping."""

    def __init__(self, paths: list[Path], *, fps: float = 10, loop: bool = True) -> None:
        import cv2

        frames = []
        for path in paths:
            frame = cv2.imread(str(path))
            if frame is None:
                raise CameraUnavailable(f"Cannot read the image {path}.")
            frames.append(frame)
        if not frames:
            raise CameraUnavailable("No image files given for the camera.")
        self._frames = itertools.cycle(frames) if loop else iter(frames)
        self._interval = 1 / fps

    def read(self) -> np.ndarray | None:
        time.sleep(self._interval)
        return next(self._frames, None)

    def close(self) -> None:
        pass


class CodeDebouncer:
    """The same code within ``window`` seconds of its last sighting is not a new scan."""

    def __init__(self, window: float = 3.0) -> None:
        self.window = window
        self._last_seen: dict[str, float] = {}

    def accept(self, text: str, now: float) -> bool:
        last = self._last_seen.get(text)
        self._last_seen[text] = now  # a badge held still keeps extending its own window
        self._last_seen = {t: at for t, at in self._last_seen.items() if now - at < self.window}
        return last is None or now - last >= self.window


class CaptureThread(QThread):
    """Reads, decodes and previews frames until interrupted. Never touches a widget."""

    codeScanned = Signal(str)
    previewReady = Signal(QImage)
    failed = Signal(str)

    def __init__(self, open_source: Callable[[], FrameSource], *, decoder: Decoder | None = None,
                 debounce: float = 3.0, preview: bool = True, parent=None) -> None:
        super().__init__(parent)
        self.open_source = open_source  # called in the thread: opening a webcam can take a second
        self.decoder = decoder or load_decoder()
        self.debouncer = CodeDebouncer(debounce)
        self.preview = preview

    def run(self) -> None:
        try:
            source = self.open_source()
        except CameraUnavailable as error:
            self.failed.emit(str(error))
            return
        schedule = FrameSchedule(self.decoder)
        try:
            while not self.isInterruptionRequested():
                frame = source.read()
                if frame is None:
                    return
                for text in schedule.decode(frame):
                    if self.debouncer.accept(text, time.monotonic()):
                        self.codeScanned.emit(text)
                if self.preview:
                    self.previewReady.emit(_preview_image(frame))
        except CameraUnavailable as error:
            self.failed.emit(str(error))
        finally:
            source.close()

    def stop(self) -> None:
        self.requestInterruption()
        self.wait(3000)


def _preview_image(frame: np.ndarray) -> QImage:
    import cv2

    height, width = frame.shape[:2]
    scale = PREVIEW_WIDTH / width
    small = cv2.resize(frame, (PREVIEW_WIDTH, int(height * scale)), interpolation=cv2.INTER_AREA)
    rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB if small.ndim == 3 else cv2.COLOR_GRAY2RGB)
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()  # copy: own the pixels


def camera_opener(index: int | None, image_files: list[Path] | None = None) -> Callable[[], FrameSource] | None:
    """How to open the configured source, or None when the station has no camera."""
    if image_files:
        return lambda: ImageFiles(image_files)
    if index is None:
        return None
    return lambda: OpenCvCamera(index)
