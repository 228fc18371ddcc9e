"""The kiosk's local SQLite cache: the server's view of the conference plus the outbox of scans.

Encrypted at rest with SQLCipher (AES-256, every page, the WAL included): a stolen kiosk's disk shows
no name, email or code. The key comes from kiosk.core.cache_key (the OS key store, or the operator's
PIN), handed to SQLCipher as a raw key so no key derivation runs at each connection. A cache written
by a version before encryption is encrypted in place on first start (``_encrypt_plain_cache``); one
whose key is lost cannot be read and starts afresh, with a warning in the log.

Versioned with ``PRAGMA user_version``; WAL so the sync thread can write while the scan thread
reads. ``synchronous=FULL``: a scan's verdict is only shown after its outbox row is on disk, so
neither a killed process nor a pulled power cord loses an accepted scan.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import cast

import sqlcipher3

from kiosk.core.cache_key import cache_key
from kiosk.core.write_turns import WriteTurns, turns_for

logger = logging.getLogger(__name__)
_opening = threading.Lock()
# What the cache's driver (sqlcipher3, the sqlite3 module over SQLCipher: its own exception classes)
# raises for a value that does not fit its column or statement: "datatype mismatch" is an IntegrityError.
MALFORMED_VALUE_ERRORS = (sqlcipher3.IntegrityError, sqlcipher3.InterfaceError, sqlcipher3.ProgrammingError)
PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"  # an unencrypted database's first 16 bytes; SQLCipher's look random

SCHEMA_VERSION = 11

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE attendees (
    id INTEGER PRIMARY KEY,               -- the server's id
    access_code TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    email TEXT NOT NULL,
    company TEXT NOT NULL,
    ticket_type TEXT NOT NULL,
    order_status TEXT,
    checked_in_at TEXT,
    last_check_in_at TEXT,
    last_check_in_station TEXT NOT NULL DEFAULT '',
    inside INTEGER NOT NULL DEFAULT 0,
    holdings TEXT NOT NULL,               -- JSON as the feed sends it: [{kind (the product type), product_id, …}], or arrays in that order
    version INTEGER NOT NULL,
    badge_printed_at TEXT,                -- the last print at any station, as the feed says
    badge_printed_station TEXT NOT NULL DEFAULT ''
);

-- Type-ahead search over name, email and code for people without their badge.
CREATE VIRTUAL TABLE attendee_search USING fts5(
    full_name, email, access_code, content='attendees', content_rowid='id',
    tokenize="unicode61 remove_diacritics 2", prefix='2 3'
);

CREATE TABLE products (
    product_type TEXT NOT NULL,           -- ticket_type | addon
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (product_type, id)
);

-- Scans waiting for the server's acknowledgement, oldest first.
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,                   -- the event's kind (shared.protocol.EventKind)
    access_code TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    station TEXT NOT NULL,
    product_type TEXT,                    -- ticket_type | addon
    product_id INTEGER,
    reason TEXT NOT NULL,
    undoes TEXT,                          -- for kind 'undo': the uuid of the scan taken back
    set_aside TEXT,                       -- the server refused it (4xx), and why: kept, not resent
    sent INTEGER NOT NULL DEFAULT 0       -- 1 once an upload took it: it may be on the server already
);
CREATE INDEX outbox_access_code ON outbox(access_code);
"""

# Kept in step with the attendees row by row, for the rows the index holds: all of them, except while
# it is being filled after a download from the start (meta key 'search_filled_to': the highest id it
# holds so far; kiosk.core.attendee_cache.fill_search_index), when the rows above it wait for the fill.
# Taken out while a page of thousands is stored (search_triggers_off): a trigger's WHEN is evaluated
# for every row even when it says no.
SEARCH_TRIGGERS = """
CREATE TRIGGER attendees_ai AFTER INSERT ON attendees
WHEN new.id <= coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search_filled_to'), new.id) BEGIN
    INSERT INTO attendee_search(rowid, full_name, email, access_code)
    VALUES (new.id, new.full_name, new.email, new.access_code);
END;
CREATE TRIGGER attendees_ad AFTER DELETE ON attendees
WHEN old.id <= coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search_filled_to'), old.id) BEGIN
    INSERT INTO attendee_search(attendee_search, rowid, full_name, email, access_code)
    VALUES ('delete', old.id, old.full_name, old.email, old.access_code);
END;
CREATE TRIGGER attendees_au AFTER UPDATE OF full_name, email, access_code ON attendees
WHEN old.id <= coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search_filled_to'), old.id) BEGIN
    INSERT INTO attendee_search(attendee_search, rowid, full_name, email, access_code)
    VALUES ('delete', old.id, old.full_name, old.email, old.access_code);
    INSERT INTO attendee_search(rowid, full_name, email, access_code)
    VALUES (new.id, new.full_name, new.email, new.access_code);
END;
"""

SEARCH_TRIGGER_NAMES = ("attendees_ai", "attendees_ad", "attendees_au")


@contextmanager
def search_triggers_off(connection: sqlite3.Connection) -> Iterator[None]:
    """The search triggers taken out while a page of thousands is stored and indexed in bulk, put back
    before the caller's transaction ends (so no other connection ever sees the table without them).
    Why not the triggers' WHEN alone: it is evaluated for every row even when it says no, 0.17 s of a
    100,000-attendee download's ~1.5 s of storing (2026-12-07)."""
    # Inside the caller's transaction: if storing the page fails, its ROLLBACK puts the triggers back.
    assert connection.in_transaction, "search_triggers_off outside a write transaction"
    for name in SEARCH_TRIGGER_NAMES:
        connection.execute(f"DROP TRIGGER {name}")
    yield
    for statement in _statements(SEARCH_TRIGGERS):
        connection.execute(statement)


# Every scan this kiosk answered, kept after upload: the station's statistics and "undo last scan".
SCAN_LOG = """
CREATE TABLE scan_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,                   -- what the scan did: check_in, redemption, …, failed_scan
    outcome TEXT NOT NULL,                -- accept | warn | refuse
    reason TEXT NOT NULL,
    access_code TEXT NOT NULL,
    name TEXT NOT NULL,
    station TEXT NOT NULL,
    product_id INTEGER,
    occurred_at TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
);
"""

# Badges the console sent to this print station (kiosk.core.print_jobs), by the server's job id.
PRINT_JOBS = """
CREATE TABLE print_jobs (
    id INTEGER PRIMARY KEY,               -- the server's job id: a job handed out twice is stored once
    record TEXT NOT NULL,                 -- the job as the server sent it (shared.protocol.PrintJobRecord)
    received_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'new',    -- new | printed | failed: never printed again once not new
    detail TEXT NOT NULL DEFAULT '',      -- where it went, or the printer's error
    acknowledged INTEGER NOT NULL DEFAULT 0  -- 1 once the server has the outcome
);
"""

# Who looked up whom at this kiosk, until the server has it (kiosk.core.lookup_log).
LOOKUP_LOG = """
CREATE TABLE lookup_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,                   -- search | lookup (shared.protocol.LookupKind)
    query TEXT NOT NULL DEFAULT '',       -- the words typed, for a search
    access_code TEXT NOT NULL DEFAULT '', -- whom, for a lookup
    station TEXT NOT NULL,
    occurred_at TEXT NOT NULL
);
"""

# Check-in lists as the feed sends them (shared.protocol.CheckinListRecord, as JSON), and every passage
# of an attendee when the conference has lists (their rules count entries).
CHECKIN_LISTS = """
CREATE TABLE checkin_lists (
    id INTEGER PRIMARY KEY,               -- the server's id
    record TEXT NOT NULL,
    version INTEGER NOT NULL
);
ALTER TABLE attendees ADD COLUMN passages TEXT NOT NULL DEFAULT '[]';
"""

# The conference's zones with the server's count of each at the last sync (meta 'zones_as_of' says
# when), and the zone role each waiting scan was made with (shared.zone_moves.ZoneDoor).
ZONES = """
CREATE TABLE zones (
    id INTEGER PRIMARY KEY,               -- the server's id
    name TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    parent_id INTEGER,
    at_full TEXT NOT NULL,                -- warn | refuse
    inside INTEGER NOT NULL               -- its rooms' people included, as the server counted
);
ALTER TABLE outbox ADD COLUMN zone_role TEXT;
ALTER TABLE outbox ADD COLUMN zone_id INTEGER;
ALTER TABLE outbox ADD COLUMN to_zone_id INTEGER;
"""

# The attendee's language, where known (the feed's "language"): a print station prints their badge in it.
ATTENDEE_LANGUAGE = "ALTER TABLE attendees ADD COLUMN language TEXT NOT NULL DEFAULT '';"

# Upgrades from each older schema version to the next, run in order under one write lock.
UPGRADES = {
    1: "ALTER TABLE outbox ADD COLUMN undoes TEXT;" + SCAN_LOG,
    2: "DROP TRIGGER attendees_ai;\nDROP TRIGGER attendees_ad;\nDROP TRIGGER attendees_au;\n" + SEARCH_TRIGGERS,
    3: """ALTER TABLE outbox ADD COLUMN set_aside TEXT;
ALTER TABLE outbox ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attendees ADD COLUMN badge_printed_at TEXT;
ALTER TABLE attendees ADD COLUMN badge_printed_station TEXT NOT NULL DEFAULT '';""",
    4: """ALTER TABLE products RENAME COLUMN kind TO product_type;
ALTER TABLE outbox RENAME COLUMN product_kind TO product_type;""",  # 'kind' means a scan's kind only
    5: PRINT_JOBS,
    6: LOOKUP_LOG,
    7: CHECKIN_LISTS,
    8: ZONES,
    9: ATTENDEE_LANGUAGE,
    # The triggers follow the search index's fill; an index an earlier release left to a rebuild
    # ('search_stale') is emptied and filled again after the next download.
    10: "DROP TRIGGER attendees_ai;\nDROP TRIGGER attendees_ad;\nDROP TRIGGER attendees_au;\n" + SEARCH_TRIGGERS + """
INSERT INTO attendee_search(attendee_search) SELECT 'delete-all' WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'search_stale');
UPDATE meta SET key = 'search_filled_to', value = '0' WHERE key = 'search_stale';""",
}


def connect(path: Path | str) -> sqlite3.Connection:
    """Open (creating or upgrading) the cache. One connection per thread.

    Raises kiosk.core.cache_key.CacheLocked while the key waits for the operator's PIN."""
    path = Path(path)
    key = cache_key(path.parent).hex()
    with _opening:  # the cache and sync threads open at once: one encrypts or starts afresh, the other waits
        if _is_plain(path):
            _encrypt_plain_cache(path, key)
        connection = _open(path, key)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:  # "file is not a database": written under a key this kiosk no longer has
            connection.close()
            logger.warning("The cache at %s cannot be read with this kiosk's key (the key store was reset, or the "
                           "key file removed): starting a fresh cache, downloaded again from the server", path)
            _remove_cache_files(path)
            connection = _open(path, key)
        connection = _prepared(connection, path)
    cast(CacheConnection, connection).write_turns = turns_for(path)
    return connection


def _prepared(connection: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "busy_timeout=10000", "foreign_keys=ON"):
        connection.execute(f"PRAGMA {pragma}")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"The cache at {path} is from a newer Doorstation (schema {version}); update this kiosk.")
    if version < SCHEMA_VERSION:
        with write_transaction(connection):
            current = connection.execute("PRAGMA user_version").fetchone()[0]  # re-check under the lock
            if current == 0:
                for statement in _statements(SCHEMA + SEARCH_TRIGGERS + SCAN_LOG + PRINT_JOBS + LOOKUP_LOG
                                             + CHECKIN_LISTS + ZONES + ATTENDEE_LANGUAGE):
                    connection.execute(statement)
            else:
                for step in range(current, SCHEMA_VERSION):
                    for statement in _statements(UPGRADES[step]):
                        connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return connection


def _open(path: Path, key: str) -> sqlite3.Connection:
    # sqlcipher3 is the sqlite3 module built on SQLCipher: same API, same Row; typed as sqlite3 for mypy.
    connection = cast(sqlite3.Connection, sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False,
                                                             timeout=10, factory=CacheConnection))
    connection.execute(f"PRAGMA key = \"x'{key}'\"")
    connection.row_factory = cast(type[sqlite3.Row], sqlcipher3.Row)
    return connection


def _is_plain(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(16) == PLAIN_SQLITE_HEADER
    except FileNotFoundError:
        return False


def _encrypt_plain_cache(path: Path, key: str) -> None:
    """A cache from before encryption, encrypted with its outbox and everything else (``sqlcipher_export``
    copies schema and rows), then put in the plain one's place; the plain file is overwritten before it
    is removed, so its pages do not linger in the file system's free space as readily."""
    encrypted = path.with_name(path.name + ".encrypting")
    encrypted.unlink(missing_ok=True)
    plain = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        attendees = plain.execute("SELECT count(*) FROM sqlite_master WHERE name = 'attendees'").fetchone()[0] and \
            plain.execute("SELECT count(*) FROM attendees").fetchone()[0]
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key}'\"", (str(encrypted),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.write(b"\x00" * size)
        file.flush()
        os.fsync(file.fileno())
    _remove_cache_files(path)
    os.replace(encrypted, path)
    logger.warning("The cache at %s was not encrypted (written by an older Doorstation): encrypted it in place, "
                   "%s attendees and the outbox kept", path, attendees)


def _remove_cache_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


class CacheConnection(sqlcipher3.Connection):  # type: ignore[misc]  # (sqlcipher3 has no type hints)
    """A connection to the cache, with the turns its file's writers take in this process."""

    write_turns: WriteTurns | None = None


@contextmanager
def write_transaction(connection: sqlite3.Connection, *, give_way: bool = False) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error. The write lock is taken before the
    first read, so nothing another thread writes can slip in between what was read and what is written.

    Writers of this process take turns (kiosk.core.write_turns); ``give_way``: wait while another
    writer waits (a download's next page lets a scan go first)."""
    turns = getattr(connection, "write_turns", None)
    with turns.turn(give_way=give_way) if turns is not None else nullcontext():
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:  # (a COMMIT that failed, the disk full, leaves it open)
                connection.execute("ROLLBACK")
            raise


@contextmanager
def commits_not_waiting_for_disk(connection: sqlite3.Connection) -> Iterator[None]:
    """``synchronous=NORMAL`` on this connection meanwhile: its commits do not wait for the disk (in WAL
    mode a power cut may lose the last of them, never corrupts the cache; a killed process loses
    nothing). For what the server still has, stored with its feed position in the same transaction:
    a lost page is fetched again. A download of 100,000 waited 0.3–0.7 s for the disk otherwise. The
    scans' own commits (other connections) stay ``FULL``, and the first one syncs these along."""
    connection.execute("PRAGMA synchronous=NORMAL")
    try:
        yield
    finally:
        # SQLite refuses to change it inside a transaction: one left open by a failure ends first, so
        # this connection never stays on NORMAL and the failure itself is what the caller sees.
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.execute("PRAGMA synchronous=FULL")


def _statements(script: str) -> list[str]:
    """Split a schema script into statements (triggers contain ';' inside BEGIN … END)."""
    statements, current = [], []
    for line in script.splitlines():
        current.append(line)
        candidate = "\n".join(current).strip()
        if candidate.endswith(";") and sqlite3.complete_statement(candidate):
            statements.append(candidate)
            current = []
    return statements


def get_meta(connection: sqlite3.Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def set_meta(connection: sqlite3.Connection, key: str, value: str) -> None:
    connection.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       (key, value))
