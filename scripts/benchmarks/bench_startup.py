"""`scripts/bench startup`: launch to the first screen, and peak memory (targets ≤ 1.5 s, ≤ 150 MB).

Each run is a fresh process running `kiosk run --benchmark-startup` headless on a seeded
KIOSK_HOME; it prints the wall-clock instant its top screen was mounted and exits. The
figure is that instant minus the launch (interpreter start, imports, the first screen; the
centre opens on a worker meanwhile). `process_seconds` is the whole process, shutdown
included; memory is the child's own peak resident set as it reports it (VmHWM: ru_maxrss
would carry over the peak of the process that forked it).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_SECONDS = 1.5
TARGET_MB = 150
RUNS = 5

ROOT = Path(__file__).resolve().parents[2]


def _one(home: Path) -> tuple[float, float, float]:
    """One fresh process: (seconds to the first screen, seconds to exit, peak RSS in MB)."""
    env = {**os.environ, "KIOSK_HOME": str(home)}
    env.pop("KIOSK_DATABASE_URL", None)
    kiosk = [sys.executable, "-m", "kiosk.cli", "run", "--clock", "2026-06-10T10:00",
             "--benchmark-startup"]
    launched = time.time()
    start = time.perf_counter()
    child = subprocess.Popen(kiosk, env=env, cwd=ROOT, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = child.stdout.read() if child.stdout else ""
    status = child.wait()
    total = time.perf_counter() - start
    if status != 0 or "first_screen_at=" not in out or "peak_rss_kb=" not in out:
        raise RuntimeError(f"kiosk run --benchmark-startup failed: {out!r}")
    first = float(out.split("first_screen_at=")[1].split()[0]) - launched
    peak_kb = int(out.split("peak_rss_kb=")[1].split()[0])
    if peak_kb <= 0:
        raise RuntimeError("kiosk run --benchmark-startup could not read its peak memory")
    return first, total, peak_kb / 1024


def run() -> list[dict]:
    from kiosk.scenario.harness import seeded_template

    with seeded_template() as home:
        _one(home)                                    # warm the OS file cache once
        firsts, totals, peaks = zip(*(_one(home) for _ in range(RUNS)))
    seconds = statistics.median(firsts)
    peak = max(peaks)
    return [
        {"name": "startup_time", "seconds": round(seconds, 3), "runs": RUNS,
         "min": round(min(firsts), 3), "max": round(max(firsts), 3),
         "process_seconds": round(statistics.median(totals), 3),
         "target": TARGET_SECONDS, "ok": seconds <= TARGET_SECONDS},
        {"name": "startup_memory", "peak_mb": round(peak, 1), "target": TARGET_MB,
         "ok": peak <= TARGET_MB},
    ]
