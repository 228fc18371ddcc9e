"""Running one-off work (pairing, fetching conflicts) off the UI thread, Picard's ``run_task`` style.

Plain data in, plain data out; the callback runs on the UI thread and only if its owner widget
still exists (a window closed while the server was slow must not be touched).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    finished = Signal(object, object)  # result, error


class _Task(QRunnable):
    def __init__(self, function: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.function = function
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.function()
        except Exception as error:  # handed to the UI, which says what went wrong
            self.relay.finished.emit(None, error)
        else:
            self.relay.finished.emit(result, None)


_pending: set[_Relay] = set()  # keeps each relay alive until its answer arrives


def run_task(owner: QObject, function: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[Exception], None] | None = None) -> None:
    relay = _Relay()
    _pending.add(relay)

    def deliver(result: Any, error: Exception | None) -> None:
        _pending.discard(relay)
        if not shiboken6.isValid(owner):
            return
        if error is None:
            on_done(result)
        elif on_error is not None:
            on_error(error)

    relay.finished.connect(deliver)
    QThreadPool.globalInstance().start(_Task(function, relay))
