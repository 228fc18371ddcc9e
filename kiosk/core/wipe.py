"""Wiping a kiosk: everything it holds of a conference goes, its log stays (what happened, for the organisers).

Three reasons, one way of doing it: the server revoked this device (told at the next contact), the
conference ended long enough ago (the server's setting), or the operator chose "Forget this conference"
behind the PIN. The cache's key is forgotten first (key store entry or PIN-wrapped file), so even a copy
of the disk taken earlier no longer opens; then every file but the log is deleted, the cache's pages
overwritten before they are unlinked.
"""

from __future__ import annotations

import enum
import logging
import os
import shutil
from pathlib import Path

from kiosk.core import cache_key
from kiosk.core.data_folder import LOG_FILE

logger = logging.getLogger(__name__)


class WipeReason(enum.StrEnum):
    REVOKED = "revoked"
    CONFERENCE_OVER = "conference_over"
    OPERATOR = "operator"

    @property
    def message(self) -> str:
        return WIPE_MESSAGES[self]


WIPE_MESSAGES = {
    WipeReason.REVOKED: "The organisers revoked this kiosk: everything it held of the conference has been deleted "
                        "from it. Pair it again to use it.",
    WipeReason.CONFERENCE_OVER: "The conference is over: as the organisers set, everything this kiosk held of it "
                                "has been deleted. Pair it with another conference to use it again.",
    WipeReason.OPERATOR: "This kiosk forgot the conference: everything it held of it has been deleted. Pair it "
                         "again to use it.",
}


def is_log(name: str) -> bool:
    return name == LOG_FILE or name.startswith(LOG_FILE + ".")  # the log and its rotated files


def wipe_data_folder(data_dir: Path, reason: WipeReason) -> int:
    """Delete everything in ``data_dir`` but the log; the number of files deleted. The caller has closed
    every connection to the cache (a thread still writing would make a new file)."""
    cache_key.forget(data_dir)
    deleted = 0
    for entry in sorted(data_dir.iterdir()):
        if is_log(entry.name):
            continue
        if entry.is_dir() and not entry.is_symlink():
            deleted += sum(1 for p in entry.rglob("*") if p.is_file())
            shutil.rmtree(entry)
            continue
        if entry.is_file() and not entry.is_symlink():
            _overwrite(entry)
        entry.unlink(missing_ok=True)
        deleted += 1
    logger.warning("Wiped the data folder %s (%s): %d files deleted, the log kept", data_dir, reason.value, deleted)
    return deleted


def _overwrite(path: Path) -> None:
    """Zeros over the file before it goes, so its blocks are not left as they were (on a plain disk)."""
    size = path.stat().st_size
    with path.open("r+b") as file:
        for offset in range(0, size, 1 << 20):
            file.write(b"\x00" * min(1 << 20, size - offset))
        file.flush()
        os.fsync(file.fileno())
