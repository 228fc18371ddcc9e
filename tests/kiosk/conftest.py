"""The kiosk tests run their Qt application on a real X server (Xvfb) when one can be started.

That is the platform a kiosk runs on, and the only one on which keys take the path a USB scanner's
keys take (tests/kiosk/x_server.py). Where Xvfb or xdotool is missing (a lone ``pytest`` on a
machine without them), or Qt's xcb platform does not load there (its libraries missing: probed in a
child process, since a failed platform plugin aborts the process), the kiosk tests fall back to Qt's offscreen platform and the tests marked
``x11`` skip, saying why; CI sets DOORSTATION_REQUIRE_X11=1, which turns that skip into a failure.
"""

from __future__ import annotations

import atexit
import os

import pytest

from tests.kiosk.door import door  # noqa: F401 (the fixture, for every kiosk test)
from tests.kiosk.x_server import REQUIRE_X11, Keyboard, XServer, missing_tools, xcb_problem

# Decided at collection, before pytest-qt makes the QApplication: one platform per process.
X_SERVER: XServer | None = None
_why_no_x = ""
if _missing := missing_tools():
    _why_no_x = f"{', '.join(_missing)} not installed (bash packaging/dev.sh setup)"
else:
    X_SERVER = XServer()
    atexit.register(X_SERVER.stop)
    if _problem := xcb_problem(X_SERVER.display):
        X_SERVER.stop()
        X_SERVER, _why_no_x = None, _problem
    else:
        os.environ["DISPLAY"] = X_SERVER.display
        os.environ["QT_QPA_PLATFORM"] = "xcb"


@pytest.fixture
def x_server() -> XServer:
    if X_SERVER is None:
        reason = f"no X server for the tests: {_why_no_x}"
        if REQUIRE_X11:
            pytest.fail(f"DOORSTATION_REQUIRE_X11=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return X_SERVER


@pytest.fixture
def keyboard(x_server, qtbot) -> Keyboard:
    return Keyboard(x_server, qtbot)


@pytest.fixture
def window_manager(x_server):
    """openbox on the tests' X server for the length of one test."""
    x_server.start_window_manager()
    yield x_server
    x_server.stop_window_manager()
