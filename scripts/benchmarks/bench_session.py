"""`scripts/bench session`: the 001 walkthrough as a headless scenario, 50 times, against the
same 50 sessions made directly through the backend service and the card client (no UI).

Both sides run the same way on this machine: one worker process per processor, each its own
kiosk on its own copy of the seeded demo data, serving its share of the sessions back to back
(see `session_work.py`; set-up and one warm-up session per worker are not timed). A side's
wall time runs from the moment its workers start together until the last one finishes.

The 50 sessions of each side are run in two rounds, in the order direct, UI, UI, direct: the
machine is shared and its speed drifts over seconds, and this way a drift weighs on both sides
alike rather than on whichever side happened to run second. Each side's time is the sum of its
two rounds.

Targets (issue 13, with Textual's public API only): ≥ 4 sessions/s through the UI, and UI
time ≤ 4 × the direct time, both measured in the same run with the same number of workers.
Per-session medians are printed too (what one kiosk alone takes per customer).
"""

from __future__ import annotations

import multiprocessing
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for entry in (str(ROOT), str(HERE)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

import session_work  # noqa: E402  (beside this file)

SESSIONS = 50
TARGET_RATE = 4.0
TARGET_RATIO = 4.0
# Each side runs twice, in the order direct, UI, UI, direct.
ROUND_ORDERS = (("direct", "ui"), ("ui", "direct"))


def _shares(total: int, parts: int) -> list[int]:
    return [total // parts + (i < total % parts) for i in range(parts)]


def _rounds(sessions: int, parts: int) -> list[int]:
    """The sessions of each round: every worker's share split in two, so that a round still
    gives each worker an equal share where it can (50 over 2 workers: 26, then 24)."""
    halves = [_shares(share, len(ROUND_ORDERS)) for share in _shares(sessions, parts)]
    return [sum(half[r] for half in halves) for r in range(len(ROUND_ORDERS))]


def _side(side: str, template: Path, out: Path, sessions: int,
          parts: int) -> tuple[float, list[float]]:
    """Run `sessions` split over `parts` worker processes; (overall wall seconds, each
    session's own seconds). A worker that fails makes this raise with its reason."""
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(parts, timeout=600), ctx.Queue()
    procs = [ctx.Process(target=session_work.run_worker,
                         args=(side, template, out / f"worker-{i}", n, barrier, results))
             for i, n in enumerate(_shares(sessions, parts))]
    for p in procs:
        p.start()
    try:
        reports = [results.get(timeout=900) for _ in procs]
    finally:
        for p in procs:
            p.join(timeout=60)
    errors = [r["error"] for r in reports if "error" in r]
    if errors:
        raise RuntimeError("; ".join(errors))
    wall = max(r["ended"] for r in reports) - min(r["began"] for r in reports)
    return wall, [t for r in reports for t in r["times"]]


def run(sessions: int = SESSIONS, parts: int | None = None) -> list[dict]:
    from kiosk.scenario.harness import seeded_template
    from kiosk.scenario.runner import default_jobs

    parts = parts or default_jobs()
    walls = {"direct": 0.0, "ui": 0.0}
    times: dict[str, list[float]] = {"direct": [], "ui": []}
    with seeded_template() as template, tempfile.TemporaryDirectory() as out:
        for r, (count, order) in enumerate(zip(_rounds(sessions, parts), ROUND_ORDERS)):
            for side in order:
                if count:
                    wall, each = _side(side, template, Path(out) / f"{side}-{r}", count, parts)
                    walls[side] += wall
                    times[side] += each
    ui_wall, direct_wall = walls["ui"], walls["direct"]
    ui, direct = times["ui"], times["direct"]
    rate = sessions / ui_wall
    ratio = ui_wall / direct_wall
    return [
        {"name": "session_rate", "sessions": sessions, "workers": parts,
         "rounds": len(ROUND_ORDERS), "seconds": round(ui_wall, 2),
         "sessions_per_s": round(rate, 2), "session_median_s": round(statistics.median(ui), 3),
         "target": f">= {TARGET_RATE:g}/s", "ok": rate >= TARGET_RATE},
        {"name": "session_ui_vs_direct", "workers": parts, "rounds": len(ROUND_ORDERS),
         "ui_s": round(ui_wall, 2), "direct_s": round(direct_wall, 2),
         "direct_sessions_per_s": round(sessions / direct_wall, 2),
         "ui_session_median_s": round(statistics.median(ui), 3),
         "direct_session_median_s": round(statistics.median(direct), 3),
         "ratio": round(ratio, 2), "target": f"<= {TARGET_RATIO:g}", "ok": ratio <= TARGET_RATIO},
    ]


if __name__ == "__main__":
    import json

    n = int(sys.argv[1]) if len(sys.argv) > 1 else SESSIONS
    for row in run(n):
        print(json.dumps(row, ensure_ascii=False))
