"""``--self-test``: prove an installed kiosk can do its job without a screen, a server or a camera.

It opens a cache (creating the schema), decodes the sample badge photo shipped with the kiosk,
renders a badge to PDF and reads its QR back. Exit status 0 when all of that works; each step
prints one line, so a failed install says which part is missing (Qt plugins, zbar, fonts, …).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

SAMPLE_BADGE = Path(__file__).with_name("assets") / "sample-badge.png"
SAMPLE_PAYLOAD = "pycon-2027:A3K9M2X1"


def _step(name: str, check) -> bool:
    started = time.perf_counter()
    try:
        detail = check()
    except Exception as error:  # the point is to report whatever breaks
        print(f"FAIL  {name}: {error.__class__.__name__}: {error}")
        return False
    print(f"ok    {name} ({(time.perf_counter() - started) * 1000:.0f} ms){': ' + detail if detail else ''}")
    return True


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="doorstation-self-test-") as scratch:  # removed afterwards, whatever fails
        return _run_in(Path(scratch))


def _run_in(folder: Path) -> int:

    def cache() -> str:
        from kiosk.core import cache_key
        from kiosk.core.cache import PLAIN_SQLITE_HEADER, SCHEMA_VERSION, connect

        connection = connect(folder / "cache.sqlite3")
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            assert version == SCHEMA_VERSION, f"schema {version}"
            connection.execute("SELECT count(*) FROM attendees").fetchone()
            cipher = connection.execute("PRAGMA cipher_version").fetchone()[0]
        finally:
            connection.close()  # Windows cannot remove an open database file
            cache_key.forget(folder)  # no key of a scratch folder left in the key store
        assert not (folder / "cache.sqlite3").read_bytes().startswith(PLAIN_SQLITE_HEADER), "the cache is not encrypted"
        source = "the key store" if cache_key.key_source() is cache_key.KeySource.KEY_STORE else "the operator's PIN"
        return f"schema {version}, encrypted (SQLCipher {cipher}), key from {source}"

    def decode_sample() -> str:
        import cv2

        from kiosk.scanning.decoders import available_decoders

        frame = cv2.imread(str(SAMPLE_BADGE))
        assert frame is not None, f"cannot read {SAMPLE_BADGE}"
        read = [d.name for d in available_decoders() if SAMPLE_PAYLOAD in d.decode(frame)]
        assert read, "no decoder read the sample badge"
        return "read by " + ", ".join(read)

    def render_badge() -> str:
        import numpy as np
        from PySide6.QtGui import QGuiApplication, QImage

        from kiosk.badges.render import BadgeData, render_image, render_pdf
        from kiosk.scanning.decoders import load_decoder

        _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
        badge = BadgeData("Self-test", "Ada Lovelace", "Analytical Engines", "Standard", "A3K9M2X1", SAMPLE_PAYLOAD)
        pdf = folder / "badge.pdf"
        assert render_pdf([badge], pdf, workers=1) == 1 and pdf.read_bytes().startswith(b"%PDF")
        image = render_image(badge, dpi=150).convertToFormat(QImage.Format.Format_RGB888)
        lines = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
        pixels = lines[:, : image.width() * 3].reshape(image.height(), image.width(), 3)
        assert SAMPLE_PAYLOAD in load_decoder().decode(np.ascontiguousarray(pixels)), "the rendered QR did not decode"
        return f"{pdf.stat().st_size:,} bytes of PDF, QR reads back"

    results = [_step("cache", cache), _step("decode sample badge", decode_sample), _step("render badge", render_badge)]
    print("self-test passed" if all(results) else "self-test FAILED")
    return 0 if all(results) else 1
