"""Who looked up whom at this kiosk: searches typed and attendees opened from the results.

Kept in the (encrypted) cache until the server has them, then forgotten: uploaded in each sync round
after the scans, each with its own UUID, and deleted only for the UUIDs the server's receipt names,
so a lost answer sends them again and the server stores each once. A search is typed one key at a
time: keys that extend (or shorten) the last search within ``TYPING_SECONDS`` update that one line
instead of adding one per key, and that line is sent only once typing has paused that long (a round
in the middle of the typing would otherwise split one search in two).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Callable

import httpx

from kiosk.core.cache import write_transaction
from shared.protocol import KioskLookup, LookupKind, LookupReceipt, LookupUpload

ROUTE = "/api/v1/sync/lookups"
TYPING_SECONDS = 5
BATCH = 500


Send = Callable[..., httpx.Response]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def record_search(connection: sqlite3.Connection, station: str, text: str, now: dt.datetime | None = None) -> None:
    words = " ".join(text.split())[:200]
    if not words:
        return
    now = now or _now()
    with write_transaction(connection):
        last = connection.execute("SELECT seq, query, occurred_at FROM lookup_log WHERE kind = 'search' "
                                  "ORDER BY seq DESC LIMIT 1").fetchone()
        typing_on = last is not None and (words.startswith(last["query"]) or last["query"].startswith(words)) and \
            now - dt.datetime.fromisoformat(last["occurred_at"]) < dt.timedelta(seconds=TYPING_SECONDS)
        if typing_on:
            connection.execute("UPDATE lookup_log SET query = ?, occurred_at = ? WHERE seq = ?",
                               (words, now.isoformat(), last["seq"]))
        else:
            connection.execute("INSERT INTO lookup_log (uuid, kind, query, station, occurred_at) VALUES (?, ?, ?, ?, ?)",
                               (str(uuid.uuid4()), LookupKind.SEARCH.value, words, station, now.isoformat()))


def record_lookup(connection: sqlite3.Connection, station: str, access_code: str,
                  now: dt.datetime | None = None) -> None:
    with write_transaction(connection):
        connection.execute("INSERT INTO lookup_log (uuid, kind, access_code, station, occurred_at) "
                           "VALUES (?, ?, ?, ?, ?)", (str(uuid.uuid4()), LookupKind.LOOKUP.value, access_code[:16],
                                                      station, (now or _now()).isoformat()))


def upload(connection: sqlite3.Connection, send: Send, checked: Callable[[httpx.Response], httpx.Response]) -> int:
    """Send what waits, a batch at a time; how many the server took. A server without the route
    (older than the log) keeps them waiting here."""
    sent = 0
    typing_since = (_now() - dt.timedelta(seconds=TYPING_SECONDS)).isoformat()
    while rows := connection.execute(
            "SELECT * FROM lookup_log WHERE NOT (kind = 'search' AND occurred_at > ? AND seq = "
            "(SELECT max(seq) FROM lookup_log WHERE kind = 'search')) ORDER BY seq LIMIT ?",
            (typing_since, BATCH)).fetchall():
        body = LookupUpload(lookups=[KioskLookup(uuid=row["uuid"], kind=row["kind"], query=row["query"],
                                                 access_code=row["access_code"], station=row["station"],
                                                 occurred_at=row["occurred_at"]) for row in rows])
        response = send("POST", ROUTE, json=body.model_dump(mode="json"))
        if response.status_code in (404, 405):
            return sent
        stored = LookupReceipt.model_validate_json(checked(response).content).stored
        with write_transaction(connection):
            connection.executemany("DELETE FROM lookup_log WHERE uuid = ?", [(str(u),) for u in stored])
        sent += len(stored)
        if len(stored) < len(rows):
            break  # the server did not take them all: not now, next round
    return sent


def waiting(connection: sqlite3.Connection) -> int:
    return int(connection.execute("SELECT count(*) FROM lookup_log").fetchone()[0])
