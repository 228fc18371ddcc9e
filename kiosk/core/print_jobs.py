"""Badges sent to this print station from the console: fetched on every sync, printed once, acknowledged.

Exactly once, whatever dies when:

- a job is stored by the server's id (``INSERT OR IGNORE``): handed out twice, it is stored once;
- its end (printed or failed) is recorded in the cache in the transaction that records the print
  (kiosk.core.scan_pipeline.ScanPipeline.finish_print_job); a job that is not ``new`` is never
  printed again by itself;
- only then is it acknowledged to the server, on this or a later sync; a lost acknowledgement
  means the server hands the job out again, it is recognised here and acknowledged, not printed.

A failed job's badge is kept in the station's print queue with its job id
(kiosk.badges.printing.PrintQueue); the operator's reprint finishes the job once more, failed →
printed, with the check-in the first print would have made, and it is acknowledged again: the
desk then sees it printed. Only a person reprints it; a job printed already never checks in twice.

The one window left is a kiosk killed between the printer taking the page and the cache's commit
(milliseconds): that job prints again on restart. A second badge is better than none at the desk.

A server older than these routes answers 404: no jobs, and the sync goes on as before.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Callable, Collection

import httpx
from pydantic import ValidationError

from kiosk.core.cache import write_transaction
from shared.protocol import PrintJobAck, PrintJobOutcome, PrintJobRecord, PrintJobsPage

logger = logging.getLogger(__name__)
ROUTE = "/api/v1/sync/print-jobs"

Send = Callable[..., httpx.Response]


def exchange(connection: sqlite3.Connection, send: Send, checked: Callable[[httpx.Response], httpx.Response]) -> int:
    """One sync round's part: fetch and store this device's open jobs, then acknowledge the finished
    ones. Returns how many new jobs arrived. Network errors and refusals propagate like the rest of
    the round's (``checked`` raises them); a server without the route is a kiosk with no jobs."""
    response = send("GET", ROUTE)
    if response.status_code in (404, 405):
        return 0
    try:
        page = PrintJobsPage.model_validate_json(checked(response).content)
    except ValidationError:
        logger.warning("sync: the print jobs answer is not in the expected form; ignored this round")
        return 0
    now = dt.datetime.now(dt.UTC).isoformat()
    with write_transaction(connection):
        arrived = sum(connection.execute(
            "INSERT OR IGNORE INTO print_jobs (id, record, received_at) VALUES (?, ?, ?)",
            (job.id, job.model_dump_json(), now)).rowcount for job in page.jobs)
    if arrived:
        logger.info("sync: %d badge(s) to print from the console", arrived)
    acknowledge_finished(connection, send, checked)
    return arrived


def acknowledge_finished(connection: sqlite3.Connection, send: Send,
                         checked: Callable[[httpx.Response], httpx.Response]) -> None:
    rows = connection.execute("SELECT id, state, detail FROM print_jobs WHERE state != 'new' AND acknowledged = 0 "
                              "ORDER BY id").fetchall()
    for row in rows:
        outcome = PrintJobOutcome.PRINTED if row["state"] == "printed" else PrintJobOutcome.FAILED
        ack = PrintJobAck(outcome=outcome, detail=row["detail"][:300] if outcome is PrintJobOutcome.FAILED else "")
        response = send("POST", f"{ROUTE}/{row['id']}/ack", json=ack.model_dump(mode="json"))
        if response.status_code != 404:  # 404: the job is gone on the server (deleted): nothing to tell
            checked(response)
        with write_transaction(connection):  # only the state the server was told: a reprint meanwhile is told next
            connection.execute("UPDATE print_jobs SET acknowledged = 1 WHERE id = ? AND state = ?",
                               (row["id"], row["state"]))


def new_jobs(connection: sqlite3.Connection, *, excluding: Collection[int] = frozenset()) -> list[PrintJobRecord]:
    """Jobs not printed yet, oldest first (``excluding``: those already handed to the printer)."""
    rows = connection.execute("SELECT id, record FROM print_jobs WHERE state = 'new' ORDER BY id").fetchall()
    return [PrintJobRecord.model_validate(json.loads(row["record"])) for row in rows if row["id"] not in excluding]
