"""CSV for spreadsheets: the one place an export's cells are written.

- **Formula injection** (OWASP "CSV injection"): a cell a spreadsheet would read as a formula
  (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe,
  so an attendee who registers as ``=HYPERLINK(...)`` is shown as text, never run.
- **UTF-8 with a byte-order mark**, so Excel reads "Zoë" and "Łukasz" right (without it, Excel
  guesses the system's code page).
- **Streamed**: rows are encoded as they come, a chunk at a time, so a 200,000-row export never
  sits in memory whole.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
CHUNK_ROWS = 500


def spreadsheet_safe(value: object) -> str:
    """The cell's text, with a leading apostrophe when a spreadsheet would take it for a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_chunks(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[bytes]:
    """The CSV file, BOM and header first, in chunks of encoded rows (every cell made safe)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180's line end, which Excel expects
    buffer.write(BOM)
    writer.writerow([spreadsheet_safe(cell) for cell in header])
    pending = 1
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
        pending += 1
        if pending >= CHUNK_ROWS:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    if pending or buffer.tell():
        yield buffer.getvalue().encode("utf-8")
