"""The camera reads light-on-dark and small codes too: the real photos, inverted, rotated and halved.

The bar: on every variant, at least what zxing-cpp with its default settings reads on the unmodified
photos (47 of 53), where the variant keeps enough pixels to read; and never a wrong text.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest
import zxingcpp

from kiosk.scanning.decoders import FrameSchedule, load_decoder
from tests.conftest import shared_testdata

PHOTOS: list[Path] = []
VARIANTS = {
    "unmodified": lambda grey: grey,
    "inverted": lambda grey: 255 - grey,
    "rotated 90°": lambda grey: cv2.rotate(grey, cv2.ROTATE_90_CLOCKWISE),
    "rotated 180°": lambda grey: cv2.rotate(grey, cv2.ROTATE_180),
    "half size": lambda grey: cv2.resize(grey, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA),
}


def expected(photo: Path) -> str:
    return photo.with_suffix(".txt").read_bytes().decode("utf-8")


def count(read, variant) -> tuple[int, list[str]]:
    hits, wrong = 0, []
    for photo in PHOTOS:
        texts = read(variant(cv2.imread(str(photo), cv2.IMREAD_GRAYSCALE)))
        hits += expected(photo) in texts
        wrong += [photo.name for text in texts if text != expected(photo)]
    return hits, wrong


@pytest.fixture(scope="module")
def table():
    folder = shared_testdata("barcode-photos")
    PHOTOS[:] = sorted(p for p in folder.glob("*/*") if p.suffix in (".png", ".jpg"))
    decoder = load_decoder("zxing-cpp")
    rows = {}
    for name, variant in VARIANTS.items():
        default, _wrong = count(lambda image: [r.text for r in zxingcpp.read_barcodes(image)], variant)
        ours, wrong = count(decoder.decode_thoroughly, variant)
        rows[name] = (default, ours, wrong)
    print("\nvariant         zxing-cpp defaults   Doorstation   (of", len(PHOTOS), "photos)")
    for name, (default, ours, wrong) in rows.items():
        print(f"{name:<15} {default:>18}   {ours:>11}   {'wrong: ' + ', '.join(wrong) if wrong else ''}")
    return rows


@pytest.mark.parametrize("variant", ["unmodified", "inverted", "rotated 90°", "rotated 180°"])
def test_every_variant_reads_as_well_as_zxing_defaults_on_the_originals(table, variant):
    baseline = table["unmodified"][0]
    _default, ours, wrong = table[variant]
    assert wrong == []  # never a wrong text
    assert ours >= baseline >= 47


def test_half_size_photos_read_far_better_than_zxing_defaults(table):
    default, ours, wrong = table["half size"]
    assert wrong == []
    # Measured: defaults 27 of 53, Doorstation 40. The 12 left are too small once halved (a 62×288 Code128
    # becomes 31×144: under a pixel a bar).
    assert ours >= 40 and ours > default


def test_the_camera_tries_the_harder_passes_in_turn(table):
    """A light-on-dark badge held still in front of the camera: the fast pass never reads it, the
    schedule does within a few frames."""
    decoder = load_decoder("zxing-cpp")
    frames = [255 - cv2.imread(str(photo), cv2.IMREAD_GRAYSCALE) for photo in PHOTOS]
    hard = [frame for frame in frames if not decoder.decode(frame) and decoder.decode_thoroughly(frame)]
    assert len(hard) >= 10
    for frame in hard:
        schedule = FrameSchedule(decoder)
        assert any(schedule.decode(frame) for _ in range(8))  # eight frames: under a second at 10 fps
