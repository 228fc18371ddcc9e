"""Decode time per camera frame for each decoder backend, with and without a badge in view.

    .venv/bin/python bench/decode.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import segno

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import table  # noqa: E402
from kiosk.scanning.decoders import FrameSchedule, available_decoders, load_decoder  # noqa: E402

PAYLOAD = "DS1.pycon-2027.A3K9M2X1.Gei8r52SvdNJRz5FnubsDEJmSrqx30RUocNvEUXvhIiZcwe2xfX81W0Tjs_lgvZ_Y5Mgf00wJJqRNezOX5FgAg"


def frame(width: int, height: int, *, with_code: bool, seed: int = 3) -> np.ndarray:
    """A camera-like BGR frame: a light gradient, sensor noise, the badge QR about 40% of the height
    (a badge held up to a kiosk camera: 3 px a module at 480 lines, 5 at 720)."""
    rng = np.random.default_rng(seed)
    grey = np.tile(np.linspace(110, 190, width, dtype=np.float32), (height, 1))
    if with_code:
        png = io.BytesIO()  # in memory: nothing left behind on disk
        segno.make_qr(PAYLOAD).save(png, kind="png", scale=max(1, int(height * 0.4) // 49), border=4)
        image = cv2.imdecode(np.frombuffer(png.getvalue(), np.uint8), cv2.IMREAD_GRAYSCALE)
        if image is None:
            raise RuntimeError("OpenCV could not read the QR it was given")
        qr = image.astype(np.float32)
        top, left = height // 3, width // 2
        grey[top:top + qr.shape[0], left:left + qr.shape[1]] = qr * 0.8 + 20
    noisy = np.clip(grey + rng.normal(0, 12, grey.shape), 0, 255).astype(np.uint8)
    return cv2.cvtColor(cv2.GaussianBlur(noisy, (3, 3), 0), cv2.COLOR_GRAY2BGR)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    rows = []
    for decoder in available_decoders():
        for width, height in ((640, 480), (1280, 720)):
            for with_code in (True, False):
                image = frame(width, height, with_code=with_code)
                found = decoder.decode(image)
                times = []
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    decoder.decode(image)
                    times.append((time.perf_counter() - started) * 1000)
                read = ("read" if PAYLOAD in found else "NOT READ") if with_code else ("-" if not found else "misread")
                rows.append((decoder.name, f"{width}x{height}", "badge" if with_code else "no code",
                             f"{statistics.median(times):.1f}", read))
    table("Decode per frame (median ms)", rows, ("decoder", "frame", "content", "ms", "result"))
    schedule_rows = []
    for width, height in ((640, 480), (1280, 720)):
        for content in ("badge", "inverted badge", "no code"):
            image = frame(width, height, with_code=content != "no code")
            if content == "inverted badge":
                image = 255 - image
            schedule = FrameSchedule(load_decoder("zxing-cpp"))
            times, read_at = [], None
            for number in range(max(args.repeat, 8)):
                started = time.perf_counter()
                found = schedule.decode(image)
                times.append((time.perf_counter() - started) * 1000)
                if read_at is None and PAYLOAD in found:
                    read_at = number + 1
            schedule_rows.append((f"{width}x{height}", content, f"{statistics.mean(times):.1f}",
                                  f"{max(times):.1f}", f"frame {read_at}" if read_at else "-"))
    table("The camera's schedule (zxing-cpp: fast pass, then light-on-dark, small, uneven light in turn)",
          schedule_rows, ("frame", "content", "mean ms", "max ms", "first read"))


if __name__ == "__main__":
    main()
