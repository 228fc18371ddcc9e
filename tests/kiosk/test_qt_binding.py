"""The Qt binding itself: a kiosk runs all day, so a leak per call adds up to a crash."""

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_the_reference_to_none(qtbot):
    # PySide6 6.12.0 dropped a reference to None on every void call; after some thousands the
    # interpreter aborts ("deallocating None"). pyproject pins the binding below that release.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(2000):
        label.setText(str(n))
    assert sys.getrefcount(None) >= before - 10
