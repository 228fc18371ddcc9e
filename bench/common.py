"""Shared by the benchmarks: percentiles and a table printer (figures, not pass/fail)."""

from __future__ import annotations

import platform
from collections.abc import Sequence
import statistics


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def summary(samples_ms: list[float]) -> str:
    return (f"p50 {statistics.median(samples_ms):.3f} ms  p99 {percentile(samples_ms, 0.99):.3f} ms  "
            f"max {max(samples_ms):.3f} ms  (n={len(samples_ms)})")


def table(title: str, rows: Sequence[tuple[str, ...]], header: tuple[str, ...]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}  [{machine()}]")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)))


def machine() -> str:
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    import os

    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"
