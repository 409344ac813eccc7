"""`scripts/soak [--seeds N] [--first K] [--sessions S] [--database URL | --postgres]`: the
reliability harness (`kiosk.testing.reliability`) at scale; one JSON line at the end:
seeds, sessions, faults injected, violations (and the first few), yen in, yen out.

The centre runs on a freshly seeded SQLite home by default; `--postgres` starts a throwaway
PostgreSQL cluster for the run; `--database URL` seeds that database anew (its data is
replaced). Rendering is a stand-in whose bytes name each copy's issuance and holder. Exit 1
when any seed broke a conservation rule.

`scripts/soak --fleet …` is the fleet soak instead (`kiosk.testing.soak_fleet`).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from backend.clock import FixedClock
from backend.config import Paths
from backend.db import Database
from backend.demo_data import DEMO_NOW
from kiosk.testing.reliability import Tally, plain_copies, plain_receipt, run_seed


def open_soak_centre(home: Path, database_url: str | None):
    """A seeded centre for the harness: SQLite in `home`, or `database_url`, seeded anew."""
    from backend.seed import seed_demo
    from backend.service import IssuanceCentre

    paths = Paths(home)
    clock = FixedClock(DEMO_NOW)
    url = database_url or f"sqlite:///{paths.database_file}"
    seed_demo(paths, clock, url)
    return IssuanceCentre(paths, clock, Database(url), render_copies=plain_copies,
                          render_receipt=plain_receipt)


def soak(centre, seeds: range, *, sessions: int = 3) -> Tally:
    tally = Tally()
    for seed in seeds:
        run_seed(centre, seed, tally, sessions=sessions)
    return tally


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--fleet" in argv:
        from kiosk.testing.soak_fleet import main as soak_fleet

        return soak_fleet([arg for arg in argv if arg != "--fleet"])
    parser = argparse.ArgumentParser(prog="scripts/soak", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=200, help="how many seeds (default: 200)")
    parser.add_argument("--first", type=int, default=0, help="the first seed (default: 0)")
    parser.add_argument("--sessions", type=int, default=3, help="visits per seed (default: 3)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--database", metavar="URL", help="seed and use this database")
    where.add_argument("--postgres", action="store_true",
                       help="start a throwaway PostgreSQL cluster for the run")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        home = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kiosk-soak-")))
        url = args.database
        if args.postgres:
            from backend.testing.postgres import PostgresCluster
            cluster = PostgresCluster().start()
            stack.callback(cluster.stop)
            url = cluster.create_database("kiosk_soak")
        centre = open_soak_centre(home / "home", url)
        stack.callback(centre.close_database)
        started = time.monotonic()
        tally = soak(centre, range(args.first, args.first + args.seeds), sessions=args.sessions)
        line = {"name": "soak", "database": "postgresql" if url else "sqlite", **tally.line(),
                "seconds": round(time.monotonic() - started, 1)}
        if tally.violations:
            line["first_violations"] = tally.violations[:5]
        print(json.dumps(line, ensure_ascii=False), flush=True)
        return 1 if tally.violations else 0


if __name__ == "__main__":
    sys.exit(main())
