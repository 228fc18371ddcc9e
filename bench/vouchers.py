"""500 voucher codes generated in one transaction (the reference's upper limit), SQLite and PostgreSQL.

    .venv/bin/python bench/vouchers.py [--postgres URL]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.capacity import fresh_database  # noqa: E402
from bench.common import table  # noqa: E402
from server.conferences.service import create_conference  # noqa: E402
from server.db.engine import make_engine, make_session_factory, unit_of_work  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.vouchers.service import VoucherBulkConfig, generate_voucher_codes  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", default="")
    args = parser.parse_args()
    rows = []
    for label, postgres in (("SQLite", None), ("PostgreSQL", args.postgres or None)):
        if label == "PostgreSQL" and not postgres:
            continue
        url = fresh_database(postgres)
        upgrade_to_head(url)
        engine = make_engine(url)
        factory = make_session_factory(engine)
        with unit_of_work(factory) as session:
            conference_id = create_conference(session, slug="bench", name="Bench").id
        times = []
        for n in range(10):
            started = time.perf_counter()
            with unit_of_work(factory) as session:
                from server.conferences.models import Conference

                generate_voucher_codes(session, VoucherBulkConfig(
                    conference=session.get_one(Conference, conference_id), prefix=f"B{n}-", count=500,
                    voucher_type="comp", discount_value=Decimal(100)))
            times.append((time.perf_counter() - started) * 1000)
        rows.append((label, f"{statistics.median(times):.1f}", f"{min(times):.1f}"))
        engine.dispose()
    table("500 voucher codes, one transaction including commit (10 runs)", rows, ("database", "median ms", "best ms"))


if __name__ == "__main__":
    main()
