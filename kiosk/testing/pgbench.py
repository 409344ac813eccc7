"""pgbench (PostgreSQL's own benchmark) on a throwaway cluster (`backend.testing.postgres`),
as the yardstick a centre's figures are set against on the same machine in the same run; and
the cluster's count of committed transactions, to measure the centre's own.
"""

from __future__ import annotations

import re

from backend.testing.postgres import SUPERUSER, PostgresCluster

PGBENCH_DATABASE = "pgbench"
MAX_CONNECTIONS = 200
TPS = re.compile(r"tps = ([0-9.]+) \(without initial connection time\)")


def allow_connections(cluster: PostgresCluster, count: int = MAX_CONNECTIONS) -> None:
    """Restart the cluster allowing `count` connections: 64 pgbench clients and a centre's
    pools are more than the cluster's default allows."""
    options = (f"-k {cluster.socket_dir} -p {cluster.port} -c listen_addresses='' "
               "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
               f"-c max_connections={count}")
    cluster._run(cluster.bin_dir / "pg_ctl", "-D", cluster.data_dir, "-o", options,
                 "-l", cluster.data_dir.parent / "server.log", "-w", "-t", "60", "-m", "fast",
                 "restart")


def _pgbench(cluster: PostgresCluster, *args: str) -> str:
    result = cluster._run(cluster.bin_dir / "pgbench", "-h", cluster.socket_dir, "-p",
                          str(cluster.port), "-U", SUPERUSER, *args, PGBENCH_DATABASE)
    return result.stdout


def init_pgbench(cluster: PostgresCluster) -> None:
    """pgbench's own database and tables (scale 1)."""
    cluster.create_database(PGBENCH_DATABASE)
    _pgbench(cluster, "-i", "-s", "1", "-q")


def pgbench_tps(cluster: PostgresCluster, clients: int, seconds: int = 10) -> float:
    """pgbench's TPC-B-like tps with `clients` clients over 2 threads (after init_pgbench)."""
    out = _pgbench(cluster, "-c", str(clients), "-j", "2", "-T", str(seconds))
    found = TPS.search(out)
    if found is None:
        raise RuntimeError(f"pgbench gave no tps:\n{out[-1000:]}")
    return float(found.group(1))


def committed(cluster: PostgresCluster, database: str) -> int:
    """Transactions committed in `database` so far (the statistics collector's count)."""
    import psycopg

    with psycopg.connect(host=str(cluster.socket_dir), port=cluster.port, user=SUPERUSER,
                         dbname="postgres", autocommit=True) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        row = conn.execute("SELECT xact_commit FROM pg_stat_database WHERE datname = %s",
                           (database,)).fetchone()
    return int(row[0]) if row else 0


__all__ = ["allow_connections", "committed", "init_pgbench", "pgbench_tps"]
