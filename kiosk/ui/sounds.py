"""Two sounds a volunteer can tell apart without looking: a bright double beep, a low buzz.

The tones are generated (no sound files to ship) into the kiosk's data folder once. A kiosk
without a sound device stays silent rather than failing.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QUrl

RATE = 22_050

TONES = {
    "ok": [(880, 0.09), (0, 0.04), (1320, 0.12)],  # up: yes
    "refused": [(196, 0.45)],  # low and long: stop
}


def _write_tone(path: Path, parts: list[tuple[int, float]]) -> None:
    frames = bytearray()
    for frequency, seconds in parts:
        count = int(RATE * seconds)
        for n in range(count):
            fade = min(1.0, n / 200, (count - n) / 200)  # no clicks at the edges
            value = math.sin(2 * math.pi * frequency * n / RATE) * 0.5 * fade if frequency else 0.0
            frames += struct.pack("<h", int(value * 32767))
    with wave.open(str(path), "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(RATE)
        file.writeframes(bytes(frames))


class Sounds(QObject):
    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_played = ""  # what the kiosk last played, for tests and the operator
        self._effects = {}
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:
            return
        folder.mkdir(parents=True, exist_ok=True)
        for name, parts in TONES.items():
            path = folder / f"{name}.wav"
            if not path.exists():
                _write_tone(path, parts)
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            self._effects[name] = effect

    def play(self, name: str) -> None:
        self.last_played = name
        effect = self._effects.get(name)
        if effect is not None:
            effect.play()
