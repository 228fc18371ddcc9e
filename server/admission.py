"""Admission: a server past what it can serve says so at once, instead of wedging.

Each route runs in a worker thread (40 of them) and holds one database connection (at most the
pool's size plus its overflow) from its first query until its unit of work ends, and that end runs
in a worker thread too. At 100 kiosks one process used to wedge: every thread waited for a
connection, while the requests holding the connections waited for a thread to finish them; the
pool's 30-second timeout then turned them into 500s, and even the health check took 89 s.

So at most ``at_work`` requests run at once, fewer than both the threads and the connections, so
that every admitted request can finish. A request beyond that waits for a turn for at most
``wait`` seconds, and is then answered 503 with ``Retry-After`` (kiosks back off for that long).
The liveness check is always answered: it touches no database.
"""

from __future__ import annotations

import asyncio
import json
import logging

from starlette.types import ASGIApp, Receive, Scope, Send

logger = logging.getLogger(__name__)
ALWAYS_ADMITTED = frozenset({"/api/v1/health"})
BUSY_MESSAGE = "The server is busy; try again shortly."
BUSY_PAGE = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="{seconds}">'
             '<title>Busy - Doorstation</title></head><body><h1>{message}</h1>'
             '<p>This page tries again in {seconds} seconds.</p></body></html>')


class Admission:
    """ASGI middleware: at most ``at_work`` requests at once, a bounded wait, then 503 + Retry-After."""

    def __init__(self, app: ASGIApp, *, at_work: int, wait: float, retry_after: int) -> None:
        self.app = app
        self.turns = asyncio.Semaphore(at_work)
        self.wait = wait
        self.retry_after = retry_after
        self.waiting = 0
        self.max_waiting = 4 * at_work  # past that a wait is hopeless: answer at once

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in ALWAYS_ADMITTED or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        if not await self._take_turn():
            await self._busy(scope, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.turns.release()

    async def _take_turn(self) -> bool:
        if not self.turns.locked():  # a place is free and no one waits for one: taken at once, no timer set
            await self.turns.acquire()
            return True
        if self.waiting >= self.max_waiting:
            return False
        self.waiting += 1
        try:
            async with asyncio.timeout(self.wait):
                await self.turns.acquire()  # a cancelled acquire gives back a turn it was handed
            return True
        except TimeoutError:
            return False
        finally:
            self.waiting -= 1

    async def _busy(self, scope: Scope, send: Send) -> None:
        logger.warning("Busy: %s %s answered 503 (%d waiting)", scope.get("method"), scope["path"], self.waiting)
        accept = dict(scope.get("headers") or ()).get(b"accept", b"")
        if b"text/html" in accept:  # a person at the console: a page that tries again by itself
            body = BUSY_PAGE.format(seconds=self.retry_after, message=BUSY_MESSAGE).encode()
            content_type = b"text/html; charset=utf-8"
        else:
            body = json.dumps({"detail": {"code": "busy", "message": BUSY_MESSAGE}}).encode()
            content_type = b"application/json"
        await send({"type": "http.response.start", "status": 503,
                    "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
                                (b"retry-after", str(self.retry_after).encode())]})
        await send({"type": "http.response.body", "body": body})
