"""The kiosk's side of bench/full_download.py, in a process of its own with the kiosk core only (no
server code, no Qt), so its peak RSS is the kiosk's: pair a fresh kiosk, download everything, print
one JSON line of figures.

    .venv/bin/python -m bench.download_kiosk SERVER_URL PAIRING_CODE
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.sync_engine import SyncEngine


def main(server_url: str, pairing_code: str) -> None:
    with tempfile.TemporaryDirectory(prefix="doorstation-download-") as folder:
        credentials = pair(server_url, pairing_code, Path(folder))
        engine = SyncEngine(Path(folder) / CACHE_FILE, credentials, page_size=5000, timeout=120)
        try:
            before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
            rows = engine.download()
            seconds, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF)
            searchable = len(engine.connection.execute(  # the search index is built as the pages come
                "SELECT rowid FROM attendee_search WHERE attendee_search MATCH 'a*' LIMIT 10").fetchall())
        finally:
            engine.close()
    print(json.dumps({"rows": rows, "seconds": seconds, "searchable": searchable,
                      "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
                      "peak_rss_mb": after.ru_maxrss / 1024}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
