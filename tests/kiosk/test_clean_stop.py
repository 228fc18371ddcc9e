"""SIGTERM (``systemctl stop``, a shutdown, ``kill``) and SIGINT (Ctrl+C) stop a kiosk process as the
operator panel's Quit does: its threads finish, its cache is closed, it exits 0, and the scans waiting
in its outbox are all still there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import segno

from tests.kiosk.door import connect_cache


def _outbox(data_dir) -> list[str]:
    with connect_cache(data_dir) as cache:
        return [row[0] for row in cache.execute("SELECT access_code FROM outbox")]


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_kiosk_as_quit_does(door, tmp_path, stop_signal):
    door.stack.close()  # offline: the scan stays in the outbox, where a careless stop could lose it
    badge = tmp_path / "badge.png"
    segno.make_qr(door.signed_paid).save(badge, scale=5, border=4)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    kiosk = subprocess.Popen([sys.executable, "-m", "kiosk", "--data-dir", str(door.data_dir), "--windowed",
                              "--camera-file", str(badge)], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for(lambda: _outbox(door.data_dir) == [door.paid], 60, "the camera's scan in the outbox")
        kiosk.send_signal(stop_signal)
        code = kiosk.wait(30)
        output = kiosk.stdout.read()
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
        kiosk.stdout.close()
    assert code == 0, output
    assert "QThread" not in output and "Traceback" not in output, output
    log = (door.data_dir / "kiosk.log").read_text()
    assert f"Stopping on {stop_signal.name}, as the operator panel's Quit does" in log
    # The cache file is whole on its own: SQLite folded its write-ahead log in as the last connection closed.
    assert not (door.data_dir / "cache.sqlite3-wal").exists()
    assert _outbox(door.data_dir) == [door.paid]
