"""Whose turn it is to write to a cache, among the threads of this process: scans before downloads.

Why: SQLite lets one connection write at a time, and one that finds the lock taken sleeps and tries
again (its busy handler: sleeps of up to 100 ms). A first download stores page after page, each
commit followed at once by the next page's ``BEGIN IMMEDIATE``: a scan waiting meanwhile woke into
the next page's lock again and again (measured 2026-12-07: a door scanning every 20 ms during a
download of 100,000 got 6 scans through in 3.5 s, one of them after 2.3 s). So the threads of a
process take turns here, where a release wakes the next at once, and a writer that gives way (the
download's next page) waits until no other writer is waiting: a scan waits at most for the page
being stored. SQLite's own lock still guards against other processes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

logger = logging.getLogger(__name__)

# As long as SQLite's busy timeout (kiosk.core.cache): a writer never waits here longer than SQLite
# would have let it; past that it goes on to SQLite's lock, which decides (this only orders turns).
LONGEST_WAIT = 10.0


class WriteTurns:
    """One cache file's writers in this process, one at a time; re-entrant for the thread that writes."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._writer: int | None = None  # the thread whose turn it is
        self._waiting = 0  # writers that do not give way, waiting for their turn

    @contextmanager
    def turn(self, *, give_way: bool = False) -> Iterator[None]:
        me = threading.get_ident()
        with self._changed:
            already = self._writer == me  # this thread's turn already (a transaction of another connection inside)
        if already:
            yield
            return
        with self._changed:
            self._waiting += 0 if give_way else 1
            try:
                given = self._changed.wait_for(lambda: self._writer is None and not (give_way and self._waiting),
                                               timeout=LONGEST_WAIT)
            finally:
                self._waiting -= 0 if give_way else 1
            if not given:  # a writer held its turn past SQLite's own patience: SQLite's lock decides now
                logger.warning("No turn to write within %.0f s (another writer of this cache holds it)", LONGEST_WAIT)
            self._writer = me
        try:
            yield
        finally:
            with self._changed:
                if self._writer == me:
                    self._writer = None
                self._changed.notify_all()


_by_file: dict[Path, WriteTurns] = {}
_registry = threading.Lock()


def turns_for(path: Path) -> WriteTurns:
    """The turns of the cache at ``path`` (every connection to one file shares them)."""
    with _registry:
        return _by_file.setdefault(path.resolve(), WriteTurns())
