#!/usr/bin/env bash
# Every benchmark, one after the other; each prints a table. Figures, not pass/fail (about 25 minutes).
#   bash bench/run.sh       (PostgreSQL: DOORSTATION_TEST_POSTGRES_URL, or 127.0.0.1:5432/test)
set -euo pipefail
cd "$(dirname "$0")/.."
PG="${DOORSTATION_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}"
export QT_QPA_PLATFORM=offscreen
.venv/bin/python bench/scan_pipeline.py
.venv/bin/python bench/kiosk.py
.venv/bin/python bench/keys_through_x.py --scans 200  # its own Xvfb; load 0/4/8; --scans 1000 (the default): about an hour
.venv/bin/python bench/decode.py
.venv/bin/python bench/sync.py
.venv/bin/python bench/full_download.py --runs 3
.venv/bin/python bench/full_download.py --runs 3 --postgres "$PG"
.venv/bin/python bench/idle_poll.py
.venv/bin/python bench/idle_poll.py --postgres "$PG"
.venv/bin/python bench/capacity.py --postgres "$PG"
.venv/bin/python bench/vouchers.py --postgres "$PG"
.venv/bin/python bench/dashboard.py --postgres "$PG"
.venv/bin/python bench/attendee_search.py --postgres "$PG" --seed-in-sql
