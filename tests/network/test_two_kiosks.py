"""Two kiosks, each its own `kiosk script --centre URL` process, play shipped scenarios at the
same time against one served centre — on SQLite, then on PostgreSQL with two server
processes while `kiosk centre top`'s dashboard watches. Both pass, the centre's ledger holds
both kiosks' sessions and balances, and a kiosk's home holds nothing of the centre's: no
database, no register, no key but its own."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from textual.widgets import DataTable

from backend.admin import ledger_balance
from backend.clock import AdvancingClock, FixedClock
from backend.config import Paths
from backend.db import Database
from backend.fleet import fleet_snapshot
from backend.demo_data import DEMO_NOW
from backend.models import KioskSession, RefundRecord
from backend.seed import seed_demo
from kiosk.dashboard.app import FleetApp
from kiosk.testing.centre_server import CentreServer
from tests.conftest import copy_home
from tests.dashboard.watch import figure, until
from tests.network.conftest import KIOSK_A, KIOSK_B, kiosk_home

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = [ROOT / "scripts" / "scenarios" / name
             for name in ("001-walkthrough.yaml", "cancel-after-partial-payment.yaml")]
# What a kiosk of a remote centre keeps, and nothing else.
KIOSK_FILES = ("credential/kiosk.key.pem", "credential/kiosk.cert.pem",
               "credential/centre-ca.cert.pem", "cards/*.card.json", "output/*.pdf",
               "run/kiosk-*.lock", "journal/*.json")


def kiosk_command(home: Path, *argv: str) -> subprocess.Popen[str]:
    env = {**os.environ, "KIOSK_HOME": str(home)}
    env.pop("KIOSK_DATABASE_URL", None)
    return subprocess.Popen([sys.executable, "-m", "kiosk.cli", *argv], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    try:
        out, _ = process.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
    return process.returncode, out


def assert_holds_nothing_of_the_centre(home: Path) -> None:
    files = [p for p in home.rglob("*") if p.is_file()]
    assert files
    for path in files:
        relative = path.relative_to(home)
        assert any(relative.match(pattern) for pattern in KIOSK_FILES), relative
        head = path.read_bytes()
        assert not head.startswith(b"SQLite format 3"), relative
        if relative.parts[0] != "cards":          # a card image holds the card's own keys
            assert (b"PRIVATE KEY" not in head) or relative.name == "kiosk.key.pem", relative
    assert not any(home.glob("**/*.sqlite3*")) and not any(home.glob("**/*.db"))
    for directory in ("keys", "jpki", "kiosk-ca"):
        assert not (home / directory).exists(), directory


def start_two_kiosks(server: CentreServer, centre_home: Paths, where: Path
                     ) -> tuple[dict[str, Path], dict[str, subprocess.Popen[str]]]:
    homes = {kiosk: kiosk_home(centre_home, kiosk, where, cards=True)
             for kiosk in (KIOSK_A, KIOSK_B)}
    runs = {kiosk: kiosk_command(home, "script", "--centre", server.url, "--out",
                                 str(where / f"results-{kiosk}"), *map(str, SCENARIOS))
            for kiosk, home in homes.items()}                  # both at once
    return homes, runs


def both_passed(server: CentreServer, homes: dict[str, Path],
                runs: dict[str, subprocess.Popen[str]]) -> None:
    for kiosk, process in runs.items():
        status, out = finished(process)
        assert status == 0, f"{kiosk}:\n{out}\n{server.log.read_text()[-2000:]}"
        assert out.strip().endswith("2 passed, 0 failed"), out
    # a kiosk started on its home and stopped again: still nothing of the centre's in it
    status, out = finished(kiosk_command(homes[KIOSK_A], "run", "--centre", server.url,
                                         "--benchmark-startup"))
    assert status == 0, out
    for home in homes.values():
        assert_holds_nothing_of_the_centre(home)


def assert_ledger_has_both(database_url: str) -> None:
    database = Database(database_url)
    try:
        with database.unit() as s:
            per_kiosk = dict(s.execute(select(KioskSession.kiosk_id, func.count())
                                       .group_by(KioskSession.kiosk_id)).all())
            refunds = dict(s.execute(
                select(KioskSession.kiosk_id, func.sum(RefundRecord.yen))
                .join(KioskSession, KioskSession.id == RefundRecord.session_id)
                .group_by(KioskSession.kiosk_id)).all())
        assert per_kiosk.get(KIOSK_A, 0) >= 2 and per_kiosk.get(KIOSK_B, 0) >= 2, per_kiosk
        assert refunds == {KIOSK_A: 150, KIOSK_B: 150}        # each kiosk's 取消 refund
        balance = ledger_balance(database)
        assert balance.balanced and balance.owed == 0, balance
        assert balance.fees_printed == 2 * 400                 # each kiosk's 2 copies
    finally:
        database.dispose()


def test_two_kiosks_at_once_on_sqlite(seeded_template: Paths, tmp_path: Path) -> None:
    centre_home = copy_home(seeded_template, tmp_path / "centre")
    with CentreServer(centre_home.home).running() as server:
        both_passed(server, *start_two_kiosks(server, centre_home, tmp_path))
    assert_ledger_has_both(f"sqlite:///{centre_home.database_file}")


@pytest.mark.postgres
async def test_two_kiosks_and_the_dashboard_at_once_on_postgresql(postgres_cluster,
                                                                  tmp_path: Path) -> None:
    """The two kiosks play while `kiosk centre top`'s app watches the same database: it
    follows them as they land, and ends showing what the ledger holds."""
    url = postgres_cluster.create_database("centre_two_kiosks")
    centre_home = Paths(tmp_path / "centre")
    seed_demo(centre_home, FixedClock(DEMO_NOW), url)      # its own card tray, for this register
    clock = AdvancingClock(DEMO_NOW)                        # the centre's --clock, as top's
    with CentreServer(centre_home.home, database_url=url, workers=2).running() as server:
        homes, runs = start_two_kiosks(server, centre_home, tmp_path)
        app = FleetApp(url, interval=0.1, lang="en", now=clock.now)
        async with app.run_test(size=(100, 40)) as pilot:
            seen: set[tuple[str, str]] = set()

            def landed() -> bool:           # what the dashboard showed, while both play
                seen.add((figure(app, "kiosks"), figure(app, "today")))
                return all(p.poll() is not None for p in runs.values())

            await until(app, pilot, landed, seconds=300)
            await asyncio.to_thread(both_passed, server, homes, runs)
            database = Database(url)
            try:
                snapshot = fleet_snapshot(database, clock.now())
            finally:
                database.dispose()
            await until(app, pilot, lambda: figure(app, "today")
                        == f"{snapshot.sessions_today:,}", seconds=30)
            assert figure(app, "kiosks") == "2" and snapshot.kiosks_seen == 2
            assert figure(app, "yen-in") == f"{snapshot.yen_in:,}" != "0"
            table = app.query_one("#certificates", DataTable)
            assert [tuple(table.get_row_at(i)) for i in range(table.row_count)] == [
                (name, f"{copies:,}") for name, copies in snapshot.certificates]
            assert len(seen) > 2, seen      # it followed the sessions as they landed
            await pilot.press("q")
    assert_ledger_has_both(url)
