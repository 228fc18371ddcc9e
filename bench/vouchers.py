"""500 voucher codes generated in one transaction (the most one batch may hold), SQLite and PostgreSQL.

    .venv/bin/python bench/vouchers.py [--postgres URL]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import table  # noqa: E402
from bench.databases import scratch_database  # noqa: E402
from server.conferences.models import Conference  # noqa: E402
from server.conferences.service import create_conference  # noqa: E402
from server.db.engine import make_engine, unit_of_work  # noqa: E402
from server.wiring import make_session_factory  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.vouchers.models import Voucher  # noqa: E402
from server.vouchers.service import VoucherBulkConfig, generate_voucher_codes  # noqa: E402


def generation_times(postgres: str | None, runs: int = 10) -> list[float]:
    """Milliseconds for 500 codes, transaction and commit included, ``runs`` times (a new prefix each)."""
    with scratch_database(postgres) as url:
        upgrade_to_head(url)
        engine = make_engine(url)
        try:
            factory = make_session_factory(engine)
            with unit_of_work(factory) as session:
                conference_id = create_conference(session, slug="bench", name="Bench").id
            times = []
            for n in range(runs):
                started = time.perf_counter()
                with unit_of_work(factory) as session:
                    generate_voucher_codes(session, VoucherBulkConfig(
                        conference=session.get_one(Conference, conference_id), prefix=f"B{n}-", count=500,
                        voucher_type="comp", discount_value=Decimal(100)))
                times.append((time.perf_counter() - started) * 1000)
            with factory() as session:
                stored = session.scalar(select(func.count(Voucher.id)))
            if stored != 500 * runs:
                raise RuntimeError(f"{stored} vouchers stored, expected {500 * runs}")
        finally:
            engine.dispose()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", default="")
    args = parser.parse_args()
    rows = []
    for label, postgres in (("SQLite", None), ("PostgreSQL", args.postgres or None)):
        if label == "PostgreSQL" and not postgres:
            continue
        times = generation_times(postgres)
        rows.append((label, f"{statistics.median(times):.1f}", f"{min(times):.1f}"))
    table("500 voucher codes, one multi-row INSERT, one transaction including commit (10 runs)", rows,
          ("database", "median ms", "best ms"))


if __name__ == "__main__":
    main()
