"""The kiosk's data folder holds every attendee's name, email and access code: only its user reads it.

The folder is 0700 and every file in it 0600: the cache with its WAL and shared-memory files, the
log, the print queue and the printed PDFs. The kiosk process runs with umask 077, so whatever it
creates later (SQLite makes the WAL and SHM files on its own) is private from the start; what an
older version left readable is tightened when the kiosk starts.
"""

from __future__ import annotations

import os
from pathlib import Path

LOG_FILE = "kiosk.log"  # kept when the kiosk is wiped (kiosk.core.wipe)
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def protect(data_dir: Path) -> None:
    os.umask(0o077)
    data_dir.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    data_dir.chmod(PRIVATE_FOLDER)
    for folder, folders, files in os.walk(data_dir):
        for name in folders:
            os.chmod(os.path.join(folder, name), PRIVATE_FOLDER)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, PRIVATE_FILE)
