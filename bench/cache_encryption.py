"""What per-record encryption (``cryptography``'s AES-GCM, one sealed JSON per attendee) would cost the
kiosk, beside the SQLCipher cache it uses (bench/scan_pipeline.py and bench/sync.py measure that one).

Per record, a scan opens one record (cheap), a download seals every record it stores, and a search by
name has no index to read: the words are inside the sealed records, so it opens all of them.

    .venv/bin/python bench/cache_encryption.py [--attendees 200000]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402

from bench.common import summary, table  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attendees", type=int, default=200_000)
    args = parser.parse_args()
    key = AESGCM(os.urandom(32))
    records = [json.dumps({"id": n, "access_code": f"{n:08d}", "full_name": f"Person {n}", "company": "Acme",
                           "ticket_type": "Standard", "holdings": [{"kind": "addon", "product_id": 1, "quantity": 3,
                                                                   "redeemed": 0}]}).encode()
               for n in range(args.attendees)]
    started = time.process_time()
    sealed = [(nonce := os.urandom(12)) + key.encrypt(nonce, record, None) for record in records]
    seal_seconds = time.process_time() - started
    samples = []
    for blob in sealed[:: max(1, len(sealed) // 5000)]:
        started = time.perf_counter()
        json.loads(key.decrypt(blob[:12], blob[12:], None))
        samples.append((time.perf_counter() - started) * 1000)
    started = time.process_time()
    found = [r for blob in sealed if b"Person 1999" in (r := key.decrypt(blob[:12], blob[12:], None))]
    search_seconds = time.process_time() - started
    table(f"Per-record AES-GCM over {args.attendees:,} attendees (CPU time)", [
        ("seal every record (a full download's extra work)", f"{seal_seconds:.2f} s"),
        ("open one record (a scan's extra work)", summary(samples)),
        ("one search by name: open every record", f"{search_seconds:.2f} s ({len(found)} found)"),
    ], ("what", "cost"))


if __name__ == "__main__":
    main()
