"""Reading and writing attendees in the kiosk cache.

The local view of an attendee is the server's last word plus the scans still in the outbox:
a check-in or a redemption counts at this kiosk from the moment its verdict is shown, and keeps
counting until the server has acknowledged it and its effect is folded into the server's row.
The effects are the shared ones (``shared.scan_effects``), the same the server folds uploads by.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from kiosk.core import cache, checkin_lists
from kiosk.core.cache import get_meta, set_meta, write_transaction
from shared import scan_effects
from shared.decisions import AttendeeState, Holding, Passage
from shared.protocol import ProductRecord
from shared.station_data import WITHHELD, DataScope


def _time(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _moment(text: str) -> dt.datetime:
    """A time from a column that always has one (NOT NULL, or selected only where set)."""
    return dt.datetime.fromisoformat(text)


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _row_state(row: sqlite3.Row, *, with_holdings: bool = True) -> AttendeeState:
    """The server's last word about an attendee, as cached (holdings only when asked: they cost most)."""
    return AttendeeState(
        access_code=row["access_code"], name=row["full_name"], company=row["company"], ticket_type=row["ticket_type"],
        order_status=row["order_status"], inside=bool(row["inside"]), last_check_in_at=_time(row["last_check_in_at"]),
        last_check_in_station=row["last_check_in_station"], checked_in_at=_time(row["checked_in_at"]),
        holdings=cached_holdings(row["holdings"]) if with_holdings else (), language=row["language"],
    )


def _holding(record: dict[str, Any] | list[Any]) -> Holding:
    """A holding kept as the change feed sent it: an object with ``HoldingRecord``'s wire names ("kind" is
    its product type; feed format "objects"), or an array of its fields in order (format "rows")."""
    if isinstance(record, list):
        return Holding(*record)
    return Holding(record["kind"], record["product_id"], record["name"], record["quantity"], record["redeemed"],
                   record.get("line_item_id"))


def cached_holdings(text: str) -> tuple[Holding, ...]:
    """The holdings of an attendee row as the cache keeps them (the ``holdings`` column's JSON)."""
    return tuple(_holding(h) for h in json.loads(text))


def _fold_waiting(state: AttendeeState, event: sqlite3.Row) -> AttendeeState:
    """One of this kiosk's own scans (decided already) on top of the state: its effect, or the undo of one."""
    if event["kind"] == scan_effects.UNDO:  # the row carries the undone kind as its reason; the scan_log the rest
        original = scan_effects.Scan(kind=event["reason"], at=_time(event["undone_at"]) or _moment(event["occurred_at"]),
                                     station=event["undone_station"] or "", product_id=event["product_id"])
        return scan_effects.undo(state, original)
    return scan_effects.effect(state, scan_effects.Scan(
        kind=event["kind"], at=_moment(event["occurred_at"]), station=event["station"],
        product_type=event["product_type"], product_id=event["product_id"]))


_WAITING = """SELECT o.kind, o.occurred_at, o.station, o.product_type, o.product_id, o.reason,
                     s.occurred_at AS undone_at, s.station AS undone_station
              FROM outbox AS o LEFT JOIN scan_log AS s ON s.uuid = o.undoes"""


def attendee_state(connection: sqlite3.Connection, access_code: str) -> AttendeeState | None:
    """The server's last word plus this kiosk's scans still waiting in the outbox, folded by the shared rules."""
    return attendee_state_and_passages(connection, access_code, passages=False)[0]


def attendee_state_and_passages(connection: sqlite3.Connection, access_code: str, *, passages: bool = True
                                ) -> tuple[AttendeeState | None, tuple[Passage, ...]]:
    """``attendee_state``, and (when asked: a station with a check-in list) every passage this kiosk knows of the
    attendee: the server's, synced with their record, plus its own check-ins and exits still waiting, less
    those it took back. Read in the same two statements as the state."""
    row = connection.execute("SELECT * FROM attendees WHERE access_code = ?", (access_code,)).fetchone()
    if row is None:
        return None, ()
    state = _row_state(row)
    known = checkin_lists.synced_passages(row["passages"]) if passages else []
    for event in connection.execute(f"{_WAITING} WHERE o.access_code = ? ORDER BY o.seq", (access_code,)):
        state = _fold_waiting(state, event)
        if passages:
            checkin_lists.fold_waiting_passage(known, event)
    return state, tuple(known)


def checked_in_count(connection: sqlite3.Connection) -> int:
    """Attendees checked in, as this kiosk knows it: the server's word with this kiosk's waiting scans
    folded in (a check-in taken back here counts out at once, before the server's answer)."""
    settled = connection.execute(
        "SELECT count(*) FROM attendees WHERE last_check_in_at IS NOT NULL "
        "AND access_code NOT IN (SELECT access_code FROM outbox)").fetchone()[0]
    waiting = [row[0] for row in connection.execute("SELECT DISTINCT access_code FROM outbox")]
    folded = sum(1 for code in waiting
                 if (state := attendee_state(connection, code)) is not None and state.last_check_in_at is not None)
    return int(settled) + folded


def fold_acknowledged(connection: sqlite3.Connection, event: sqlite3.Row) -> None:
    """The server applied this event: make it part of the cached server state (same transaction as its removal)."""
    if event["kind"] in scan_effects.RECORDS:
        return  # a record of what happened: nothing to fold
    row = connection.execute("SELECT * FROM attendees WHERE access_code = ?", (event["access_code"],)).fetchone()
    if row is None:
        return
    if event["kind"] == scan_effects.UNDO:  # it needs the undone scan's moment and station, from the scan log
        event = connection.execute(f"{_WAITING} WHERE o.uuid = ?", (event["uuid"],)).fetchone()
    # Holdings change only with a redemption (or its undo): read and rewrite them only then (an
    # upload of 20,000 check-ins folds 20,000 rows here, while the server waits for the next batch).
    redeems = scan_effects.REDEMPTION in (event["kind"], event["reason"])
    state = _fold_waiting(_row_state(row, with_holdings=redeems), event)
    holdings = row["holdings"] if not redeems else json.dumps([  # in the feed's form, as stored
        {"kind": h.product_type, "product_id": h.product_id, "name": h.name, "quantity": h.quantity, "redeemed": h.redeemed,
         "line_item_id": h.line_item_id} for h in state.holdings])
    if scan_effects.CHECK_IN in (event["kind"], event["reason"]) or scan_effects.EXIT in (event["kind"], event["reason"]):
        undone = event["kind"] == scan_effects.UNDO
        at, station = (event["undone_at"], event["undone_station"]) if undone else (event["occurred_at"], event["station"])
        if at:
            checkin_lists.acknowledged(connection, row["access_code"], Passage(
                _moment(at), scan_effects.CHECK_IN in (event["kind"], event["reason"]), station or ""), undone=undone)
    connection.execute(
        "UPDATE attendees SET inside = ?, checked_in_at = ?, last_check_in_at = ?, last_check_in_station = ?, "
        "holdings = ? WHERE id = ?",
        (int(state.inside), _iso(state.checked_in_at), _iso(state.last_check_in_at), state.last_check_in_station,
         holdings, row["id"]))


# The cache's attendee columns, each with how a page in feed format "rows" fills it: the wire columns
# it takes (as ? parameters, in this order) and the SQL that makes the value; None when the cache
# keeps the wire value as it is. A column a page does not send (a server that sends fewer) gets the
# default beside it.
_FROM_ROWS: tuple[tuple[str, tuple[str, ...], str | None, str], ...] = (
    ("id", ("id",), None, "NULL"),
    ("access_code", ("access_code",), None, "NULL"),
    ("full_name", ("first_name", "last_name"), "trim(? || ' ' || ?)", "''"),
    ("email", ("email",), None, "''"),
    ("company", ("company",), None, "''"),
    ("ticket_type", ("ticket_type",), None, "''"),
    ("order_status", ("order_status",), None, "NULL"),
    ("checked_in_at", ("checked_in_at",), None, "NULL"),
    ("last_check_in_at", ("last_check_in_at",), None, "NULL"),
    ("last_check_in_station", ("last_check_in_station",), None, "''"),
    ("inside", ("inside",), None, "0"),
    ("holdings", ("holdings",), None, "'[]'"),
    ("version", ("version",), None, "NULL"),
    ("badge_printed_at", ("badge_printed_at",), None, "NULL"),
    ("badge_printed_station", ("badge_printed_station",), None, "''"),
    ("passages", ("passages",), None, "'[]'"),  # JSON text; sent only when the conference has check-in lists
    ("language", ("language",), None, "''"),  # (servers before it send none)
)
_UPSERT = """INSERT INTO attendees (id, access_code, full_name, email, company, ticket_type, order_status, checked_in_at,
                                  last_check_in_at, last_check_in_station, inside, holdings, version,
                                  badge_printed_at, badge_printed_station, passages, language)
           VALUES ({values})
           ON CONFLICT(id) DO UPDATE SET access_code = excluded.access_code, full_name = excluded.full_name,
               email = excluded.email, company = excluded.company, ticket_type = excluded.ticket_type,
               order_status = excluded.order_status, checked_in_at = excluded.checked_in_at,
               last_check_in_at = excluded.last_check_in_at, last_check_in_station = excluded.last_check_in_station,
               inside = excluded.inside, holdings = excluded.holdings, version = excluded.version,
               badge_printed_at = excluded.badge_printed_at, badge_printed_station = excluded.badge_printed_station,
               passages = excluded.passages, language = excluded.language
           WHERE excluded.version > attendees.version"""


def store_page(connection: sqlite3.Connection, attendees: list[dict[str, Any]], products: list[ProductRecord]) -> None:
    """Upsert a page of server records in feed format "objects" (``AttendeeRecord`` fields, as sent on
    the wire); the caller holds the transaction. A record missing a field raises ValueError and nothing
    of the page stays. Indexed for search as ``_upsert`` says.
    """
    try:
        rows = [
            (int(a["id"]), str(a["access_code"]), f"{a['first_name']} {a['last_name']}".strip(), a["email"],
             a["company"], a["ticket_type"], a["order_status"], a["checked_in_at"], a["last_check_in_at"],
             a["last_check_in_station"], int(bool(a["inside"])), json.dumps(a["holdings"]), int(a["version"]),
             a.get("badge_printed_at"), a.get("badge_printed_station") or "",  # (older servers send neither)
             json.dumps(a.get("passages") or []),  # only when the conference has check-in lists
             a.get("language") or "")
            for a in attendees
        ]
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"A change-feed record is malformed ({error!r}).") from None
    _upsert(connection, _UPSERT.format(values=", ".join("?" * 17)), rows, [row[0] for row in rows], products)


def store_rows(connection: sqlite3.Connection, columns: list[str], rows: list[list[Any]],
               products: list[ProductRecord]) -> None:
    """Upsert a page in feed format "rows" (``columns`` named once, a row of values an attendee, holdings
    as JSON text): the rows go to SQLite as they came, each value placed by its column's name, so
    storing costs no Python work an attendee. As ``store_page`` otherwise; a row that is not as the
    columns say (too short, an id that is not a number) raises ValueError and nothing of the page stays.
    """
    if not {"id", "access_code", "version"} <= set(columns):
        raise ValueError(f"A change-feed page lacks id, access_code or version (its columns: {columns}).")
    position = {name: index for index, name in enumerate(columns)}
    taken: list[int] = []  # the wire columns the statement's parameters take, in order
    values = []
    for _column, wire, expression, default in _FROM_ROWS:
        if all(name in position for name in wire):
            taken += [position[name] for name in wire]
            values.append(expression or "?")
        else:
            values.append(default)
    pick, id_at = operator.itemgetter(*taken), position["id"]
    try:
        _upsert(connection, _UPSERT.format(values=", ".join(values)), map(pick, rows), [row[id_at] for row in rows],
                products)
    except (IndexError, TypeError, *cache.MALFORMED_VALUE_ERRORS) as error:
        # ("datatype mismatch", an id that is not an integer, is an IntegrityError)
        raise ValueError(f"A change-feed row is malformed ({error!r}).") from None


def _upsert(connection: sqlite3.Connection, statement: str, rows: Iterable[Sequence[Any]], ids: list[Any],
            products: list[ProductRecord]) -> None:
    """The page's rows written, and the search index kept in step with them: by the triggers, a row at a
    time, when the index is whole (a later sync brings few rows); while it waits for its fill after a
    download from the start, the page's rows are stored without it (the index is filled after the last
    page: ``fill_search_index``), and only those it holds already (ids up to the fill's mark, few or
    none) are indexed again, in two statements for the page."""
    filled_to = _search_filled_to(connection)
    if filled_to is None:
        connection.executemany(statement, rows)
    else:
        held = json.dumps([i for i in ids if i <= filled_to])  # (an id that is not a number: TypeError, malformed)
        if held != "[]":  # out of the index as they were
            connection.execute(f"INSERT INTO attendee_search(attendee_search, rowid, full_name, email, access_code) "
                               f"SELECT 'delete', id, full_name, email, access_code {_PAGE_ROWS}", (held,))
        with cache.search_triggers_off(connection):
            connection.executemany(statement, rows)
        if held != "[]":
            connection.execute(f"INSERT INTO attendee_search(rowid, full_name, email, access_code) "
                               f"SELECT id, full_name, email, access_code {_PAGE_ROWS}", (held,))
    connection.executemany(
        "INSERT INTO products (product_type, id, name) VALUES (?, ?, ?) "
        "ON CONFLICT(product_type, id) DO UPDATE SET name = excluded.name",
        [(p.product_type, p.id, p.name) for p in products],
    )


def hold_scope(connection: sqlite3.Connection, scope: DataScope) -> bool:
    """Make the cache hold what a station of ``scope`` holds (shared.station_data), after a change of mode.

    Narrower (a help desk becomes a door): what the door does not hold is blanked at once, search index
    included. Wider: every row is marked for download again (version 0, feed position 0) and keeps
    answering scans meanwhile, so the next download brings the rest. True when a download must follow."""
    held = DataScope(get_meta(connection, "data_scope") or DataScope.DESK)  # caches from before held everything
    if held is scope:
        return False
    dropped = set(WITHHELD[scope]) - set(WITHHELD[held])
    regained = set(WITHHELD[held]) - set(WITHHELD[scope])
    with write_transaction(connection):
        for name in sorted(dropped):  # (a column name from shared.station_data, never from input)
            connection.execute(f"UPDATE attendees SET {name} = '' WHERE {name} != ''")
        if regained:
            connection.execute("UPDATE attendees SET version = 0")
            connection.execute("DELETE FROM meta WHERE key = 'cursor'")
        set_meta(connection, "data_scope", scope.value)
    return bool(regained)


_PAGE_ROWS = "FROM attendees WHERE id IN (SELECT value FROM json_each(?))"  # a page's ids, as one JSON parameter


def forget_conference(connection: sqlite3.Connection) -> None:
    """Forget every attendee, product, check-in list and zone, and the feed position, so the next download
    brings all again (a server restored from a backup may have older versions of each: kept, they would
    win over what it sends). The outbox (scans waiting to upload) stays. The caller holds the transaction."""
    start_search_fill(connection)  # first: the triggers then leave the rows' deletion to one 'delete-all'
    for table in ("attendees", "products", "checkin_lists", "zones"):
        connection.execute(f"DELETE FROM {table}")
    connection.execute("DELETE FROM meta WHERE key IN ('cursor', 'conference_days', 'zones_as_of', 'wipe_kiosks_at')")


# While the search index is being filled: the highest attendee id it holds (it holds every row up to it,
# none above). Absent once it holds every row.
SEARCH_FILLED_TO = "search_filled_to"
SEARCH_FILL_ROWS = 5000  # indexed in one transaction: ~50 ms of a kiosk's CPU, what a scan may wait for


def _search_filled_to(connection: sqlite3.Connection) -> int | None:
    mark = get_meta(connection, SEARCH_FILLED_TO)
    return None if mark is None else int(mark)


def start_search_fill(connection: sqlite3.Connection) -> None:
    """A download from the start is coming (every attendee): the search index is emptied and filled after
    its last page, so that storing the pages, the critical path of a kiosk's first sync, costs no
    indexing (~40 % of it). The door scans from the rows as they are stored; ``search`` meanwhile reads
    the rows themselves. The caller holds the transaction (the first page's)."""
    connection.execute("INSERT INTO attendee_search(attendee_search) VALUES ('delete-all')")
    set_meta(connection, SEARCH_FILLED_TO, "0")
    set_meta(connection, PAGES_COMING, "1")


# Set while a download from the start has pages still to come (cut off, it resumes at the next round):
# the search index is filled after its last page, not from the rows of half a download.
PAGES_COMING = "search_fill_waits_for_last_page"


def last_page_stored(connection: sqlite3.Connection) -> None:
    """The download's last page is stored: the search index's fill may start (the caller holds its transaction)."""
    connection.execute("DELETE FROM meta WHERE key = ?", (PAGES_COMING,))


def pages_still_coming(connection: sqlite3.Connection) -> bool:
    """Whether a download from the start was cut off before its last page (its fill waits for that page)."""
    return get_meta(connection, PAGES_COMING) is not None


def search_complete(connection: sqlite3.Connection) -> bool:
    """Whether the search index holds every attendee (else ``search`` answers from the rows, more slowly)."""
    return _search_filled_to(connection) is None


def fill_search_index(connection: sqlite3.Connection, rows_at_a_time: int | None = None,
                      progress: Callable[[int], None] | None = None) -> int:
    """Index for search the rows the index does not hold yet, in id order, ``rows_at_a_time`` in each
    transaction (a scan waiting goes first, as between a download's pages; ``progress`` is told the rows
    indexed after each); a fill cut off (the kiosk stopped) goes on from its mark at the next download.
    Returns how many rows it indexed."""
    rows_at_a_time = rows_at_a_time or SEARCH_FILL_ROWS
    indexed = 0
    while not search_complete(connection):  # (read first: a poll's round takes no write lock for nothing)
        with write_transaction(connection, give_way=True):
            filled_to = _search_filled_to(connection)
            if filled_to is None:
                return indexed
            last, count_ = connection.execute(
                "SELECT max(id), count(*) FROM (SELECT id FROM attendees WHERE id > ? ORDER BY id LIMIT ?)",
                (filled_to, rows_at_a_time)).fetchone()
            if last is None:
                connection.execute("DELETE FROM meta WHERE key = ?", (SEARCH_FILLED_TO,))
                return indexed
            connection.execute("INSERT INTO attendee_search(rowid, full_name, email, access_code) "
                               "SELECT id, full_name, email, access_code FROM attendees WHERE id > ? AND id <= ?",
                               (filled_to, last))
            set_meta(connection, SEARCH_FILLED_TO, str(last))
            indexed += count_
        if progress:
            progress(indexed)
    return indexed


def search(connection: sqlite3.Connection, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Type-ahead: every word a prefix of a name, email or code word; best matches first."""
    words = re.findall(r"\w+", text.lower())
    if not words:
        return []
    if not search_complete(connection):
        return _search_rows(connection, words, limit)
    query = " ".join(f'"{w}"*' for w in words)
    rows = connection.execute(
        """SELECT a.access_code, a.full_name, a.email, a.company, a.ticket_type, a.order_status
           FROM attendee_search JOIN attendees AS a ON a.id = attendee_search.rowid
           WHERE attendee_search MATCH ? ORDER BY rank LIMIT ?""",
        (query, limit),
    ).fetchall()
    return [dict(r) for r in rows]


def _search_rows(connection: sqlite3.Connection, words: list[str], limit: int) -> list[dict[str, Any]]:
    """``search`` while the index is being filled: every word the start of a word of a name, email or code,
    as the index matches (words split at anything but a letter or digit), read from the rows (a scan of the
    table: ~0.1–0.2 s at 100,000), ordered by name. Coarser than the index for the second or so it takes to
    fill: accents are not folded ("jose" finds "José" only once the index holds him), and SQLite's lower()
    folds ASCII letters only."""
    # (a word of \w holds none of GLOB's wildcards: *, ?, [ and ])
    where = " AND ".join(["lower(' ' || a.full_name || ' ' || a.email || ' ' || a.access_code) GLOB ?"] * len(words))
    rows = connection.execute(
        f"""SELECT a.access_code, a.full_name, a.email, a.company, a.ticket_type, a.order_status
            FROM attendees AS a WHERE {where} ORDER BY a.full_name LIMIT ?""",
        (*[f"*[^a-z0-9]{word}*" for word in words], limit)).fetchall()
    return [dict(r) for r in rows]


def last_badge_print(connection: sqlite3.Connection, access_code: str) -> tuple[dt.datetime, str] | None:
    """When and where this attendee's badge was last printed: at this kiosk (its scan log), or at any
    station as the change feed last said; the later of the two."""
    here = connection.execute(
        "SELECT occurred_at, station FROM scan_log WHERE kind = 'badge_printed' AND access_code = ? AND undone = 0 "
        "ORDER BY seq DESC LIMIT 1", (access_code,)).fetchone()
    anywhere = connection.execute(
        "SELECT badge_printed_at, badge_printed_station FROM attendees WHERE access_code = ? "
        "AND badge_printed_at IS NOT NULL", (access_code,)).fetchone()
    prints = [(_moment(row[0]), str(row[1])) for row in (here, anywhere) if row is not None]
    return max(prints, key=lambda p: p[0]) if prints else None


def count(connection: sqlite3.Connection) -> int:
    return int(connection.execute("SELECT count(*) FROM attendees").fetchone()[0])
