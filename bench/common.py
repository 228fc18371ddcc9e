"""Shared by the benchmarks: percentiles and a table printer (figures, not pass/fail)."""

from __future__ import annotations

import os
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
    """Cores, CPU, memory, Python, and how busy the machine was (the figures depend on it)."""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            cpu = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    try:
        with open("/proc/meminfo") as meminfo:
            memory = f", {int(next(line for line in meminfo if line.startswith('MemTotal:')).split()[1]) / 2**20:.0f} GiB"
    except (OSError, StopIteration):
        memory = ""
    load = f", load {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return f"{os.cpu_count()} cores, {cpu}{memory}, Python {platform.python_version()}{load}"
