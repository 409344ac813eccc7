"""Shared fixtures: a seeded KIOSK_HOME (seeded once per run, copied per test), the demo
clock, and a throwaway PostgreSQL cluster.

- `seeded_template` (session): a KIOSK_HOME seeded with the demo data at DEMO_NOW (SQLite,
  card tray, CA). Never write to it; use `demo_home`.
- `demo_home` (function): a private copy of it → `Paths`; KIOSK_HOME points at it and
  KIOSK_DATABASE_URL is cleared, so the CLI and `open_centre` use it too.
- `clock`: a FixedClock at DEMO_NOW (a Wednesday, 10:00 JST).
- `postgres_cluster` (session): a PostgreSQL started from Debian's server binaries. If it
  cannot start, the tests that need it fail (they are never skipped).

The installation's key pool is left alone: the suite (and every process it starts) makes its
keys on the spot; tests/backend/test_key_pool.py tests the pool on pools of its own.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from backend.clock import FixedClock
from backend.config import Paths
from backend.demo_data import DEMO_NOW
from backend.jpki import key_pool

os.environ[key_pool.ENV] = "off"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(DEMO_NOW)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    from backend.seed import seed_demo

    paths = Paths(tmp_path_factory.mktemp("seeded-template") / "home")
    seed_demo(paths, FixedClock(DEMO_NOW), f"sqlite:///{paths.database_file}")
    return paths


def copy_home(template: Paths, target: Path) -> Paths:
    shutil.copytree(template.home, target)
    return Paths(target)


@pytest.fixture
def demo_home(seeded_template: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    paths = copy_home(seeded_template, tmp_path / "kiosk-home")
    monkeypatch.setenv("KIOSK_HOME", str(paths.home))
    monkeypatch.delenv("KIOSK_DATABASE_URL", raising=False)
    return paths


@pytest.fixture(scope="session")
def postgres_cluster():
    from backend.testing.postgres import PostgresCluster, PostgresUnavailable

    try:
        cluster = PostgresCluster().start()
    except PostgresUnavailable as exc:
        pytest.fail(f"the throwaway PostgreSQL could not start: {exc}", pytrace=False)
    yield cluster
    cluster.stop()
