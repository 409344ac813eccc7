"""`scripts/bench fleet` on a tiny slice: two kiosks for two seconds, pgbench for one, so that
the benchmark cannot rot; and its stand-in centre really renders the stand-in."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from backend.api import IssueResult
from backend.testing.postgres import PostgresCluster
from kiosk.testing.centre_server import CentreServer
from kiosk.testing.fleet import Card, play_session
from kiosk.remote.client import RemoteCentre

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def bench(monkeypatch):
    """The benchmark module as `scripts/bench` finds it (beside its siblings)."""
    monkeypatch.syspath_prepend(str(ROOT / "scripts" / "benchmarks"))
    return importlib.import_module("bench_fleet")


def test_two_kiosks_play_whole_sessions_and_are_set_against_pgbench(bench) -> None:
    [row] = bench.run(rows=((2, True),), seconds=2, pgbench_seconds=1)
    assert row["name"] == "fleet_2" and row["clients"] == 2
    assert row["errors"] == 0, row.get("first_errors")
    assert row["sessions"] >= 2
    assert row["calls"] >= 15 * row["sessions"]          # every step of every session timed
    assert 0 < row["call_p50_ms"] <= row["call_p99_ms"]
    assert row["calls_per_s"] == pytest.approx(row["calls"] / row["seconds"], rel=0.01)
    assert row["db_tx_per_call"] >= 0.5      # a unit of work a call (the statistics lag a little)
    assert row["pgbench_tps"] > 0
    assert row["centre_cpu_s"] > 0 and row["postgres_cpu_s"] > 0   # the split is measured
    assert set(row["cpu_ms_per_call"]) == {"clients", "centre", "postgres"}
    assert row["ratio"] == pytest.approx(row["calls_per_s"] / row["pgbench_tps"], abs=0.002)
    assert row["db_tx_ratio"] == pytest.approx(row["db_tx_per_s"] / row["pgbench_tps"], abs=0.002)
    assert row["ok"] == (row["ratio"] >= bench.TARGET_RATIO and row["errors"] == 0
                         and row["sessions_per_s"] >= bench.TARGET_RATE)


def test_the_stand_in_centre_renders_no_pdf(bench, tmp_path) -> None:
    with PostgresCluster() as cluster:
        centre_home, url, [home] = bench.prepared(tmp_path, cluster, 1)
        server = CentreServer(centre_home.home, database_url=url, workers=2)
        server.command = lambda: bench._stand_in_command(server)
        answers: list[object] = []

        def keep(f, *args):
            answers.append(f(*args))
            return answers[-1]

        with server.running():
            centre = RemoteCentre([server.url], home)
            play_session(centre, Card.from_tray(centre_home.card_tray), keep)
            centre.close_database()
    issued = next(a for a in answers if isinstance(a, IssueResult))
    assert [c.pdf[:4] for c in issued.copies] == [b"copy", b"copy"]
