"""Running one-off work (pairing, fetching conflicts, printing) off the UI thread, Picard's ``run_task``.

Plain data in, plain data out; the callback runs on the UI thread and only if its owner widget
still exists (a window closed while the server was slow must not be touched). A failure is logged
with its traceback before it is handed to ``on_error`` (Picard's ``picard/util/thread.py``), and a
task without ``on_error`` still has its failure logged. Serial work (printing) gets its own pool of
one thread, so jobs run one at a time, in order (Picard's ``tagger.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import logging

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

logger = logging.getLogger(__name__)


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
            logger.exception("Background task %s failed", getattr(self.function, "__qualname__", self.function))
            self.relay.finished.emit(None, error)
        else:
            self.relay.finished.emit(result, None)


_pending: set[_Relay] = set()  # keeps each relay alive until its answer arrives


def serial_pool() -> QThreadPool:
    """A pool of one thread: its tasks run one after the other, in the order they were started."""
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    return pool


def run_task(owner: QObject, function: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[Exception], None] | None = None, *, pool: QThreadPool | None = None) -> None:
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
    (pool or QThreadPool.globalInstance()).start(_Task(function, relay))
