"""A kiosk process killed with SIGKILL in the middle of a scan burst loses no scan it answered."""

import os
import signal
import subprocess
import sys
import textwrap
import time

from kiosk.core.cache import connect, set_meta

SCANNER = textwrap.dedent("""
    import sys
    from kiosk.core.cache import connect
    from kiosk.core.scan_pipeline import ScanPipeline
    from kiosk.core.station import Station
    pipeline = ScanPipeline(connect(sys.argv[1]), Station(name="Door A"))
    codes = sys.argv[2].split(",")
    i = 0
    while True:
        result = pipeline.scan(codes[i % len(codes)])
        # The verdict "reaches the screen" here: only after scan() returned.
        print(result.event_uuid, result.verdict.reason.value, flush=True)
        i += 1
""")


def test_every_answered_scan_is_in_the_outbox_after_sigkill(tmp_path):
    cache = tmp_path / "cache.sqlite3"
    connection = connect(cache)
    set_meta(connection, "conference_slug", "pycon")
    connection.execute("INSERT INTO attendees (id, access_code, full_name, email, company, ticket_type, order_status, "
                       "holdings, version) VALUES (1, 'AAAA1111', 'Ada', '', '', 'Standard', 'paid', '[]', 1)")
    connection.close()
    process = subprocess.Popen([sys.executable, "-c", SCANNER, str(cache), "AAAA1111,ZZZZ9999,not a badge"],
                               stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    answered = []
    deadline = time.monotonic() + 30
    while len(answered) < 300 and time.monotonic() < deadline:
        answered.append(process.stdout.readline().split()[0])
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    answered += [line.split()[0] for line in process.stdout.read().splitlines() if line.strip()]
    process.stdout.close()
    connection = connect(cache)
    stored = {row[0] for row in connection.execute("SELECT uuid FROM outbox")}
    connection.close()
    assert len(answered) >= 300
    assert set(answered) <= stored
