"""Photo-like pictures of our own badges: what a webcam at the door sees of a badge held up to it.

The real camera photos in ../shared/testdata are the proof that decoding works on what a camera
produces; they live outside the repository. These pictures are made here, so a lone clone still
tests the decoders: a badge drawn by the kiosk's own renderer (the QR of the signed payload and
the Code128 of the access code), then held at an angle (perspective), out of focus (blur), under
a lamp (a glare spot), in dim or harsh light (contrast), through a cheap sensor (noise) and a
webcam's JPEG. A seeded random generator makes the same pictures on every run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.badges.render import BadgeData, render_image
from shared.badge_codes import sign

FRAME = (720, 1280)  # a 720p webcam frame: height, width
CONFERENCE = "pycon-2027"


@dataclass(frozen=True)
class BadgePhoto:
    image: np.ndarray  # BGR, as a camera frame
    payload: str  # what the QR holds
    access_code: str  # what the Code128 holds
    how: str  # the distortions, for a failing test's message


def _badge_pixels(badge: BadgeData, dpi: int) -> np.ndarray:
    """The badge as the kiosk renders it (needs a QGuiApplication), as a BGR array."""
    from PySide6.QtGui import QImage

    image = render_image(badge, dpi=dpi).convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    rgb = rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3)
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def _held_at_an_angle(badge: np.ndarray, rng: random.Random) -> tuple[np.ndarray, tuple[float, float], str]:
    """The badge warped into a frame: scaled to 55–85 % of its height, tilted, turned a little."""
    height, width = FRAME
    h, w = badge.shape[:2]
    scale = rng.uniform(0.55, 0.85) * height / h
    bw, bh = w * scale, h * scale
    cx, cy = rng.uniform(bw / 2 + 20, width - bw / 2 - 20), rng.uniform(bh / 2 + 10, height - bh / 2 - 10)
    angle = np.radians(rng.uniform(-12, 12))
    tilt = rng.uniform(-0.12, 0.12)  # one side nearer the camera than the other
    corners = []
    for x, y in ((-bw / 2, -bh / 2), (bw / 2, -bh / 2), (bw / 2, bh / 2), (-bw / 2, bh / 2)):
        y *= 1 + tilt * (1 if x > 0 else -1)
        corners.append((cx + x * np.cos(angle) - y * np.sin(angle), cy + x * np.sin(angle) + y * np.cos(angle)))
    source = np.float32([(0, 0), (w, 0), (w, h), (0, h)])
    matrix = cv2.getPerspectiveTransform(source, np.float32(corners))
    background = np.full((height, width, 3), rng.randrange(60, 140), np.uint8)  # a wall, a jacket
    frame = cv2.warpPerspective(badge, matrix, (width, height), dst=background, borderMode=cv2.BORDER_TRANSPARENT,
                                flags=cv2.INTER_AREA)
    return frame, (cx, cy), f"{scale * h / height:.0%} of the frame, turned {np.degrees(angle):+.0f}°, tilt {tilt:+.2f}"


def _under_a_lamp(frame: np.ndarray, near: tuple[float, float], rng: random.Random) -> tuple[np.ndarray, str]:
    """A soft bright spot on or near the badge, and the light dimmer or harsher overall."""
    height, width = FRAME
    gain, offset = rng.uniform(0.55, 1.1), rng.uniform(-20, 30)
    x, y = near[0] + rng.uniform(-150, 150), near[1] + rng.uniform(-150, 150)
    radius, strength = rng.uniform(80, 220), rng.uniform(60, 140)
    across = np.exp(-((np.arange(width, dtype=np.float32) - x) ** 2) / (2 * radius**2))
    down = np.exp(-((np.arange(height, dtype=np.float32) - y) ** 2) / (2 * radius**2))
    glare = strength * np.outer(down, across)  # a round Gaussian spot is a product of two 1-D ones
    lit = frame.astype(np.float32) * gain + offset + glare[..., None]
    return lit, f"light ×{gain:.2f}{offset:+.0f}, glare {strength:.0f} r{radius:.0f}"


def _through_a_webcam(lit: np.ndarray, rng: random.Random) -> tuple[np.ndarray, str]:
    """Out of focus, sensor noise, then JPEG as a webcam sends it."""
    sigma, noise, quality = rng.uniform(0.6, 1.8), rng.uniform(3, 10), rng.randrange(55, 85)
    blurred = cv2.GaussianBlur(lit, (0, 0), sigma)
    grain = np.empty(blurred.shape, np.float32)
    cv2.setRNGSeed(rng.randrange(2**31))
    cv2.randn(grain, 0, noise)
    frame = cv2.add(blurred, grain, dtype=cv2.CV_8U)  # saturates at 0 and 255, as a sensor does
    ok, jpeg = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.imdecode(jpeg, cv2.IMREAD_COLOR), f"blur σ{sigma:.1f}, noise σ{noise:.0f}, JPEG q{quality}"


def badge_photos(count: int, *, seed: int = 16) -> list[BadgePhoto]:
    """``count`` photo-like badge pictures, each a different attendee and different conditions."""
    rng = random.Random(seed)
    key = rng.randbytes(32)  # an Ed25519 private key, the same on every run
    photos = []
    for n in range(count):
        code = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
        badge = BadgeData("PyCon 2027", f"Attendee {n}", "Analytical Engines", rng.choice(("Standard", "VIP")),
                          code, sign(CONFERENCE, code, key))
        frame, centre, held = _held_at_an_angle(_badge_pixels(badge, dpi=rng.choice((100, 150))), rng)
        lit, light = _under_a_lamp(frame, centre, rng)
        image, camera = _through_a_webcam(lit, rng)
        photos.append(BadgePhoto(image, badge.payload, code, f"{held}; {light}; {camera}"))
    return photos
