"""The outbox: the scans this kiosk has made that the server has not acknowledged yet, oldest first.

Its one home: a scan is recorded here in the transaction that shows its verdict, an upload takes a
batch (marking it sent: from then on it may be on the server), the server's answer acknowledges
each scan (it leaves) or has it set aside (refused, kept, not resent). A scan no upload has taken
can still be taken back. Callers hold the write transaction (cache.write_transaction); nothing
here commits. The table is cache.SCHEMA's ``outbox``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import NamedTuple

from shared.protocol import ScanEvent


@dataclass(frozen=True)
class Scan:
    """One scan to record: what the server's upload takes (shared.protocol.ScanEvent), as the cache keeps it."""

    uuid: str
    kind: str
    access_code: str
    occurred_at: str  # ISO 8601, UTC
    station: str
    product_type: str | None
    product_id: int | None
    reason: str
    # The station's zone role when the scan was made (shared.zone_moves.ZoneDoor): who is inside where.
    zone_role: str | None = None
    zone_id: int | None = None
    to_zone_id: int | None = None


@dataclass(frozen=True)
class Counts:
    waiting: int  # still to upload
    set_aside: int  # refused by the server, kept
    oldest_waiting: str | None  # occurred_at of the oldest scan still to upload


class SetAside(NamedTuple):
    occurred_at: str
    access_code: str
    kind: str
    reason: str


def record(connection: sqlite3.Connection, scan: Scan) -> None:
    connection.execute(
        "INSERT INTO outbox (uuid, kind, access_code, occurred_at, station, product_type, product_id, reason, "
        "zone_role, zone_id, to_zone_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (scan.uuid, scan.kind, scan.access_code, scan.occurred_at, scan.station, scan.product_type, scan.product_id,
         scan.reason, scan.zone_role, scan.zone_id, scan.to_zone_id),
    )


def record_undo(connection: sqlite3.Connection, event_uuid: str, occurred_at: str, undone_uuid: str) -> None:
    """An ``undo`` event for a scan an upload already took: the server reverses it. Its station, code and
    product are the undone scan's (from the station's scan log); its reason names the kind undone."""
    connection.execute(
        "INSERT INTO outbox (uuid, kind, access_code, occurred_at, station, product_type, product_id, "
        "reason, undoes) SELECT ?, 'undo', access_code, ?, station, NULL, product_id, kind, uuid "
        "FROM scan_log WHERE uuid = ?",
        (event_uuid, occurred_at, undone_uuid))


def take_back(connection: sqlite3.Connection, event_uuid: str) -> bool:
    """Remove the scan if no upload has taken it yet (True); one on its way may already be applied (False)."""
    return bool(connection.execute("DELETE FROM outbox WHERE uuid = ? AND sent = 0", (event_uuid,)).rowcount)


def take_batch(connection: sqlite3.Connection, limit: int) -> list[sqlite3.Row]:
    """The oldest ``limit`` scans to upload, marked sent: from here on taking one back sends an undo."""
    rows = connection.execute("SELECT * FROM outbox WHERE set_aside IS NULL ORDER BY seq LIMIT ?", (limit,)).fetchall()
    connection.executemany("UPDATE outbox SET sent = 1 WHERE uuid = ?", [(row["uuid"],) for row in rows])
    return rows


def acknowledge(connection: sqlite3.Connection, event_uuid: str) -> None:
    """The server answered for the scan (applied, duplicate or refused by its rules): it leaves."""
    connection.execute("DELETE FROM outbox WHERE uuid = ?", (event_uuid,))


def set_aside(connection: sqlite3.Connection, event_uuid: str, reason: str) -> None:
    """The server refused the scan itself (4xx): kept with the reason, never resent."""
    connection.execute("UPDATE outbox SET set_aside = ? WHERE uuid = ?", (reason[:500], event_uuid))


def counts(connection: sqlite3.Connection) -> Counts:
    waiting, set_aside_count, oldest = connection.execute(
        "SELECT count(*) - count(set_aside), count(set_aside), min(CASE WHEN set_aside IS NULL THEN occurred_at END) "
        "FROM outbox").fetchone()
    return Counts(waiting=int(waiting), set_aside=int(set_aside_count), oldest_waiting=oldest)


def size(connection: sqlite3.Connection) -> int:
    """Every scan in the outbox, set aside or not."""
    return int(connection.execute("SELECT count(*) FROM outbox").fetchone()[0])


def set_aside_scans(connection: sqlite3.Connection) -> list[SetAside]:
    return [SetAside(row["occurred_at"], row["access_code"], row["kind"], row["set_aside"]) for row in
            connection.execute("SELECT occurred_at, access_code, kind, set_aside FROM outbox "
                               "WHERE set_aside IS NOT NULL ORDER BY seq")]


def every_scan(connection: sqlite3.Connection) -> list[sqlite3.Row]:
    """All of them, oldest first (to export or discard the scans of a server paired before)."""
    return connection.execute("SELECT * FROM outbox ORDER BY seq").fetchall()


def empty(connection: sqlite3.Connection, up_to_seq: int | None = None) -> None:
    """Remove every scan (up to ``up_to_seq``, when given: the ones just exported)."""
    if up_to_seq is None:
        connection.execute("DELETE FROM outbox")
    else:
        connection.execute("DELETE FROM outbox WHERE seq <= ?", (up_to_seq,))


def scan_event(row: sqlite3.Row) -> ScanEvent:
    """An outbox row as the server's upload takes it: what an upload sends and an export writes, alike."""
    return ScanEvent(uuid=row["uuid"], kind=row["kind"], access_code=row["access_code"],
                     occurred_at=dt.datetime.fromisoformat(row["occurred_at"]), station=row["station"],
                     product_type=row["product_type"], product_id=row["product_id"], reason=row["reason"],
                     undoes=row["undoes"], zone_role=row["zone_role"], zone_id=row["zone_id"],
                     to_zone_id=row["to_zone_id"])
