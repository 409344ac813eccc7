"""`scripts/bench fleet`: 16 and 64 kiosks at once against the centre served on PostgreSQL,
with pgbench at the same client count on the same cluster in the same run.

The centre is `kiosk centre serve --workers 2` on 127.0.0.1 over a throwaway PostgreSQL
(backend.testing.postgres) seeded with the demo and a kiosk per client. Each client is a
thread with its own kiosk credential driving RemoteCentre over mutual TLS (kiosk.testing.
fleet): whole sessions back to back, the card's own key signing each challenge (the card
image's key, not APDUs: bench_card_auth measures the card). Rendering is a stand-in inside the
server processes (kiosk.testing.stand_in_centre), except for one row at 16 clients with the
real PDFs.

A centre transaction is one call (the issue's own arithmetic: "7.9 sessions/s, i.e. ≈120
transactions/s" is 15 calls a session), so `ratio` is `calls_per_s` over pgbench's tps, and
`ok` stands on it. The committed PostgreSQL transactions of the centre's database
(pg_stat_database) are printed beside it, `db_tx_per_s`, `db_tx_per_call` and `db_tx_ratio`:
the unit of work is one transaction per call, so more than one a call is waste to find.

Where the time goes: the CPU seconds of the clients (this process), of the centre's server
processes and of PostgreSQL's over the timed run, and each per call (`cpu_ms_per_call`),
beside the machine's cores and its load (other work on a shared machine takes its share).

Targets (issue 17): calls/s >= 0.3 x pgbench tps at the same client count, and >= 30
sessions/s.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
PGBENCH_SECONDS = int(os.environ.get("BENCH_PGBENCH_SECONDS", "10"))
ROWS = ((16, True), (64, True), (16, False))      # (clients, rendering stand-in)
TARGET_RATIO = 0.3
TARGET_RATE = 30.0
DATABASE = "fleet"


def measure(cluster, centre_home, url: str, homes: list[Path], *, stand_in: bool,
            seconds: float, pgbench: float | None, max_sessions: int | None = None) -> dict:
    from kiosk.testing.centre_server import CentreServer
    from kiosk.testing.fleet import Card, play_fleet
    from kiosk.testing.pgbench import committed

    server = CentreServer(centre_home.home, database_url=url, workers=2)
    if stand_in:
        server.command = lambda: _stand_in_command(server)   # type: ignore[method-assign]
    card = Card.from_tray(centre_home.card_tray)
    with server.running():
        before = [0]
        roots = {"centre": server.process.pid, "postgres": postmaster_pid(cluster)}
        cpu_before: dict[str, float] = {}

        def ready() -> None:               # after the warm-up sessions: count from here
            time.sleep(1.2)                # busy backends flush their statistics each second
            before[0] = committed(cluster, DATABASE)
            cpu_before.update(cpu_seconds(roots))

        run = play_fleet(server.url, homes, card, seconds=seconds, max_sessions=max_sessions,
                         ready=ready)
        cpu = {kind: t - cpu_before[kind] for kind, t in cpu_seconds(roots).items()}
        time.sleep(1.2)                    # as in ready(): the same lag at both ends
        transactions = committed(cluster, DATABASE) - before[0]
    clients = len(homes)
    rate = run.sessions / run.seconds
    calls = len(run.latencies)
    call_rate = calls / run.seconds
    tx_rate = transactions / run.seconds
    row = {"name": f"fleet_{clients}" + ("" if stand_in else "_rendering"), "clients": clients,
           "rendering": "stand-in" if stand_in else "real", "sessions": run.sessions,
           "seconds": round(run.seconds, 2), "sessions_per_s": round(rate, 1),
           "calls": calls, "calls_per_s": round(call_rate, 1),
           "call_p50_ms": run.percentile_ms(0.5), "call_p99_ms": run.percentile_ms(0.99),
           "db_tx_per_s": round(tx_rate, 1), "db_tx_per_call": round(transactions / max(1, calls), 2),
           "client_cpu_s": round(run.client_cpu_s, 1),
           "centre_cpu_s": round(cpu["centre"], 1), "postgres_cpu_s": round(cpu["postgres"], 1),
           "cpu_ms_per_call": {kind: round(1000 * t / max(1, calls), 2) for kind, t in
                               (("clients", run.client_cpu_s), *cpu.items())},
           "cores": os.cpu_count(), "load_1min": round(os.getloadavg()[0], 1),
           "signatures": "card key, per challenge", "errors": len(run.errors)}
    if run.errors:
        row["first_errors"] = run.errors[:3]
    if pgbench is not None:
        ratio = call_rate / pgbench
        row.update(pgbench_tps=round(pgbench, 1), ratio=round(ratio, 3),
                   db_tx_ratio=round(tx_rate / pgbench, 3),
                   target=f">= {TARGET_RATIO:g} and >= {TARGET_RATE:g} sessions/s",
                   ok=ratio >= TARGET_RATIO and rate >= TARGET_RATE and not run.errors)
    return row


def postmaster_pid(cluster) -> int:
    return int((cluster.data_dir / "postmaster.pid").read_text().split()[0])


def cpu_seconds(roots: dict[str, int]) -> dict[str, float]:
    """CPU time (user + system) so far of each root process with all its descendants, those
    that ended too (the centre's server and its workers; PostgreSQL's postmaster and its
    backends), from /proc."""
    stats: dict[int, tuple[int, float]] = {}          # pid → (parent, CPU seconds)
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:                    # gone meanwhile
            continue
        # its own time and its children's that it reaped (PostgreSQL's ended backends)
        stats[int(entry)] = (int(fields[1]), sum(int(f) for f in fields[11:15]) / tick)
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in stats.items():
        children.setdefault(parent, []).append(pid)
    totals = {}
    for kind, root in roots.items():
        total, todo = 0.0, [root]
        while todo:
            pid = todo.pop()
            total += stats.get(pid, (0, 0.0))[1]
            todo += children.get(pid, [])
        totals[kind] = total
    return totals


def _stand_in_command(server) -> list[str]:
    argv = server.__class__.command(server)
    at = argv.index("kiosk.cli")
    return [*argv[:at], "kiosk.testing.stand_in_centre", *argv[at + 3:]]   # drop "centre serve"


def prepared(tmp: Path, cluster, clients: int):
    """The seeded centre home, its database URL and `clients` kiosk homes."""
    from backend.clock import FixedClock
    from backend.config import Paths
    from backend.demo_data import DEMO_NOW
    from backend.seed import seed_demo
    from kiosk.testing.fleet import add_fleet_kiosks, issue_fleet_credentials

    centre_home = Paths(tmp / "centre").ensure()
    url = cluster.create_database(DATABASE)
    seed_demo(centre_home, FixedClock(DEMO_NOW), url)
    ids = add_fleet_kiosks(url, clients)
    return centre_home, url, issue_fleet_credentials(centre_home, ids, tmp / "kiosks")


def run(rows=ROWS, seconds: float = SECONDS, pgbench_seconds: int = PGBENCH_SECONDS) -> list[dict]:
    from backend.testing.postgres import PostgresCluster
    from kiosk.testing.pgbench import allow_connections, init_pgbench, pgbench_tps

    out = []
    with tempfile.TemporaryDirectory(prefix="bench-fleet-") as tmp, PostgresCluster() as cluster:
        allow_connections(cluster)
        init_pgbench(cluster)
        most = max(clients for clients, _ in rows)
        centre_home, url, homes = prepared(Path(tmp), cluster, most)
        tps: dict[int, float] = {}
        for clients, stand_in in rows:
            if clients not in tps:
                tps[clients] = pgbench_tps(cluster, clients, pgbench_seconds)
            out.append(measure(cluster, centre_home, url, homes[:clients], stand_in=stand_in,
                               seconds=seconds, pgbench=tps[clients]))
    return out


if __name__ == "__main__":
    import json

    for line in run():
        print(json.dumps(line, ensure_ascii=False))
