"""The change feed's compact encoding ("rows"): a page's attendees as rows straight from one query.

Why: a fresh kiosk downloads the whole conference (100,000 attendees in 20 pages). Built as a dict
an attendee, with its holdings, last check-in and last badge print gathered by Python from four
more queries, a page cost the server ~0.16 s of CPU and 2.9 KB a record before gzip; the rows come
from the database already as JSON text (holdings as JSON text within, times as ISO text), so the
server only joins them and compresses them as they come.

Which columns are sent is the caller's choice (``columns``, a subset of ``COLUMNS`` in any order):
the encoding does not care, and the kiosk stores by the column names the page lists.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Result, TextClause, text
from sqlalchemy.orm import Session

# The wire names of an attendee row (those of shared.protocol.AttendeeRecord); "holdings" is JSON
# text, the form the kiosk keeps it in (see _holdings).
COLUMNS = ("id", "access_code", "first_name", "last_name", "email", "company", "ticket_type", "order_status",
           "checked_in_at", "last_check_in_at", "last_check_in_station", "inside", "holdings", "version",
           "badge_printed_at", "badge_printed_station", "language")

ROWS_AT_A_TIME = 1000  # fetched, encoded and compressed together: what the server holds besides the output


def _iso(dialect: str, column: str) -> str:
    """A UTC time as the ISO text ``datetime.isoformat`` gives (what feed format 1 sends)."""
    if dialect == "postgresql":
        return f"""to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')"""
    return f"(replace({column}, ' ', 'T') || '+00:00')"  # SQLite keeps UTC as 'YYYY-MM-DD HH:MM:SS.ffffff'


def _holdings(dialect: str) -> str:
    """The holdings as JSON text, each an array in ``shared.decisions.Holding``'s field order (product
    type, product id, name, quantity, redeemed, line item id): the ticket first, then each add-on line
    of the attendee's order with the redemptions this attendee made of it, in line order (as
    server.sync.feed builds them). Arrays, not objects: the holdings are half of a row, and the keys
    were two thirds of them."""
    postgres = dialect == "postgresql"
    array, as_text = ("json_build_array", "::text") if postgres else ("json_array", "")
    # SQLite's group_concat takes no ORDER BY (before 3.44); it walks ix_order_line_items_order_id, in id order.
    joined = "string_agg({}, ',' ORDER BY l.id)" if postgres else "group_concat({}, ',')"
    ticket = f"{array}('ticket_type', a.ticket_type_id, coalesce(t.name, ''), 1, 0, NULL){as_text}"
    addon = (f"{array}('addon', l.addon_id, l.description, l.quantity, (SELECT count(*) FROM product_redemptions r "
             f"WHERE r.attendee_id = a.id AND r.order_line_item_id = l.id), l.id){as_text}")
    addons = (f"(SELECT {joined.format(addon)} FROM order_line_items l "
              "WHERE l.order_id = a.order_id AND l.addon_id IS NOT NULL)")
    return (f"CASE WHEN a.ticket_type_id IS NULL THEN '[' || coalesce({addons}, '') || ']' "
            f"ELSE '[' || {ticket} || coalesce(',' || {addons}, '') || ']' END")


def _passages(dialect: str) -> str:
    """Every check-in and exit not taken back, as the JSON text of ``PassageRecord`` objects in time order
    (server.checkin.repository.load_passages reads the same rows: check-ins are rows of their own, an
    exit's record is its applied event). Sent only when the conference has check-in lists."""
    postgres = dialect == "postgresql"
    passages = (f"SELECT c.checked_in_at AS at, {'true' if postgres else '1'} AS entering, c.station AS station "
                "FROM check_ins c WHERE c.attendee_id = a.id UNION ALL "
                f"SELECT e.occurred_at, {'false' if postgres else '0'}, e.station FROM sync_events e "
                "WHERE e.attendee_id = a.id AND e.kind = 'exit' AND e.status = 'applied'")
    if postgres:
        item = f"json_build_object('at', {_iso(dialect, 'p.at')}, 'entering', p.entering, 'station', p.station)"
        return f"(SELECT coalesce(json_agg({item} ORDER BY p.at)::text, '[]') FROM ({passages}) p)"
    item = f"json_object('at', {_iso(dialect, 'p.at')}, 'entering', json(CASE p.entering WHEN 1 THEN 'true' ELSE 'false' END), 'station', p.station)"
    return f"(SELECT coalesce(json_group_array({item}), '[]') FROM ({passages} ORDER BY 1) p)"


def _as_json_value(dialect: str, name: str, sql: str) -> str:
    """A column as its row's JSON array takes it. Holdings and passages are JSON text sent as strings
    (the form the kiosk stores them in): SQLite would embed a value its JSON functions made as JSON,
    so there it is made plain text first."""
    if dialect != "postgresql" and name in ("holdings", "passages"):
        return f"('' || {sql})"
    return sql


def _column_sql(dialect: str) -> dict[str, str]:
    # A subquery an attendee, each an index lookup. Measured against one set-wise statement (the page's
    # attendees, then their add-on lines, check-ins and prints gathered by joins): on PostgreSQL that
    # chose hash joins over every order and line, 190 ms a page of 5,000 against ~70 ms; on SQLite 14 s
    # for 100,000 against 0.7 s.
    last_check_in = "FROM check_ins c WHERE c.attendee_id = a.id ORDER BY c.checked_in_at DESC, c.id DESC LIMIT 1"
    last_print = ("FROM sync_events e WHERE e.attendee_id = a.id AND e.kind = 'badge_printed' "
                  "AND e.status = 'applied' ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1")
    return {
        "id": "a.id", "access_code": "a.access_code", "first_name": "a.first_name", "last_name": "a.last_name",
        "email": "a.email", "company": "a.company", "ticket_type": "coalesce(t.name, 'General Admission')",
        "order_status": "o.status", "checked_in_at": _iso(dialect, "a.checked_in_at"),
        "last_check_in_at": f"(SELECT {_iso(dialect, 'c.checked_in_at')} {last_check_in})",
        "last_check_in_station": f"coalesce((SELECT c.station {last_check_in}), '')",
        "inside": "a.inside", "holdings": _holdings(dialect), "version": "a.sync_version",
        "badge_printed_at": f"(SELECT {_iso(dialect, 'e.occurred_at')} {last_print})",
        "badge_printed_station": f"coalesce((SELECT e.station {last_print}), '')",
        "passages": _passages(dialect),
        "language": "coalesce(a.language, '')",
    }


def attendee_rows(session: Session, conference_id: int, after: int, limit: int,
                  columns: Sequence[str] = COLUMNS, *, stream: bool = True) -> Result[Any]:
    """Up to ``limit`` attendees of the conference above version ``after``, in version order, each as
    (the JSON array of its ``columns``, as text; its version); with ``stream``, read from a server-side
    cursor as they are consumed (a download's pages), else fetched at once (a poll's few changes).

    The database writes each row's JSON: a tuple a row built by Python and encoded by ``json.dumps``
    cost a third of the server's CPU for a full download (0.84 → 0.57 s at 100,000 on SQLite)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql" and stream:
        # The planner prices a download's page at ~500,000 (it costs each subquery for every attendee above
        # the cursor, not for the page's 5,000), past jit_above_cost: PostgreSQL then compiled the query,
        # ~35 ms a page of ~110 (2026-12-07, EXPLAIN ANALYZE), for a query that runs once. (A poll's page,
        # a few versions below the newest, is priced far below it.)
        session.execute(_NO_JIT)
    statement = _page_statement(dialect, tuple(columns))
    if stream:
        statement = statement.execution_options(yield_per=ROWS_AT_A_TIME)
    return session.execute(statement, {"conference": conference_id, "after": after, "limit": limit})


_NO_JIT = text("SET LOCAL jit = off")


@functools.cache
def _page_statement(dialect: str, columns: tuple[str, ...]) -> TextClause:
    """The page's SELECT, built once for each dialect and set of columns (a poll of a fleet runs it 250
    times a second; building its text cost as much as a small page's query)."""
    known = _column_sql(dialect)
    select_list = ", ".join(_as_json_value(dialect, name, known[name]) for name in columns)  # names from COLUMNS only
    row = f"json_build_array({select_list})::text" if dialect == "postgresql" else f"json_array({select_list})"
    return text(
        f"SELECT {row}, a.sync_version FROM attendees a "
        "LEFT JOIN orders o ON o.id = a.order_id "
        "LEFT JOIN ticket_types t ON t.id = a.ticket_type_id AND t.conference_id = a.conference_id "
        "WHERE a.conference_id = :conference AND a.sync_version > :after ORDER BY a.sync_version LIMIT :limit")


class PageWriter:
    """A page's JSON written in pieces and gzip-compressed as they come, when the kiosk accepts gzip
    (level 1: a page of 5,000 rows in ~6 ms, a little smaller than level 6 makes of format 1's
    JSON objects; bench/full_download.py measures both)."""

    def __init__(self, gzip: bool) -> None:
        self._compressor = zlib.compressobj(1, zlib.DEFLATED, 31) if gzip else None  # wbits 31: gzip framing
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> None:
        self._parts.append(self._compressor.compress(data) if self._compressor else data)

    def body(self) -> bytes:
        if self._compressor:
            self._parts.append(self._compressor.flush())
        return b"".join(self._parts)


def write_rows(writer: PageWriter, rows: Any, limit: int) -> tuple[int | None, bool]:
    """Write up to ``limit`` rows of a result (``attendee_rows``) as the items of a JSON array,
    ``ROWS_AT_A_TIME`` at a time; a row past ``limit`` only says there are more. Returns the version
    of the last row written (None when there was none) and whether more rows followed."""
    written, last_version = 0, None
    for partition in rows.partitions(ROWS_AT_A_TIME):
        chunk = partition[:limit - written]
        if chunk:
            items = ",".join([row_json for row_json, _version in chunk]).encode()
            writer.write(b"," + items if written else items)
            written += len(chunk)
            last_version = chunk[-1][1]
        if len(partition) > len(chunk):
            return last_version, True
    return last_version, False
