"""The installed kiosk's --self-test (what packaging/build_kiosk.sh runs on the bundle)."""

import os
import subprocess
import sys


def test_the_self_test_passes_offscreen_says_what_it_checked_and_leaves_nothing_behind(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kiosk", "--self-test"], capture_output=True, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines[:3]] == ["cache", "decode", "render"]
    assert all(line.startswith("ok") for line in lines[:3])
    assert "read by zxing-cpp" in lines[1] and "QR reads back" in lines[2]
    assert lines[-1] == "self-test passed"
    assert list(tmp_path.iterdir()) == []  # its scratch folder is gone
