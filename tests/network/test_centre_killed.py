"""The centre dies as a crash would (SIGKILL) in the middle of a session, and nothing is lost.

- Killed between two calls (before ⑫ issue) and started again on the same home while the
  kiosk is still trying: the session completes, one issuance.
- Killed mid-call: the proxy holds the issue's answer (the centre did issue) while the centre
  is killed; the kiosk's line is cut. Started again, the kiosk's next try is answered with
  the issuance made, not a second one.
- Killed and away past the retry budget: 通信エラー; back, the kiosk's recovery settles it.
- Two centre processes on one PostgreSQL, the kiosk given both: the one it is using is killed
  (between calls, or mid-call with its answer held), and the kiosk goes on with the other —
  the session completes exactly once.

Each time the reliability harness's checks hold over the kiosk's sessions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from backend.clock import FixedClock
from backend.config import Paths
from backend.db import Database
from backend.demo_data import DEMO_NOW
from backend.reasons import Reason
from backend.seed import seed_demo
from kiosk.flow import State
from kiosk.testing.fault_proxy import FaultProxy, Mode
from kiosk.testing.fleet import add_fleet_kiosks
from tests.conftest import copy_home
from tests.network.wire_kiosk import (StandInServer, a_minute, assert_nothing_lost, booth, play,
                                      step_done)


@dataclass
class Served:
    home: Paths
    database: Database
    server: StandInServer            # the one the kiosk uses first (behind `proxy`)
    proxy: FaultProxy
    other: StandInServer | None = None


def back_in_the_wait(server: StandInServer) -> Callable[[float], None]:
    """The kiosk's wait between its tries: the centre, if it is down, is started again then
    (it listens before the wait is over), so the next round reaches it."""
    def wait(seconds: float) -> None:
        if server.process is None:
            server.start()
    return wait


@pytest.fixture
def served(seeded_template: Paths, tmp_path: Path) -> Iterator[Served]:
    home = copy_home(seeded_template, tmp_path / "centre")
    url = f"sqlite:///{home.database_file}"
    add_fleet_kiosks(url, 80)
    server = StandInServer(home.home).start()
    proxy = FaultProxy(server.port).start()
    database = Database(url)
    yield Served(home, database, server, proxy)
    proxy.stop()
    server.stop()
    database.dispose()
    assert proxy.errors == []


def held_and_killed(centre: Served, server: StandInServer) -> Callable[[str], None]:
    """The issue's answer held at the proxy (the centre did issue), `server` killed, the
    kiosk's line cut."""
    def arm(sid: str) -> None:
        centre.proxy.set(Mode.ANSWER_LOST, when=lambda: step_done(centre.database, sid, "issue"),
                         then=server.kill)
    return arm


def test_the_centre_killed_between_calls_and_back_while_the_kiosk_tries_again(
        served: Served, tmp_path: Path) -> None:
    server = served.server
    b = booth(served.home, tmp_path, [server.url], sleep=back_in_the_wait(server))
    b.aim("issue", lambda sid: server.kill())
    assert play(b) == (State.RECEIPT, None)
    assert server.process is not None                   # it came back in the kiosk's wait
    assert_nothing_lost(b, served.database, issued=1)
    b.terminal.shutdown()


def test_the_centre_killed_mid_call_with_its_answer_held_issues_once(
        served: Served, tmp_path: Path) -> None:
    server = served.server
    b = booth(served.home, tmp_path, [served.proxy.url], sleep=back_in_the_wait(server))
    b.aim("issue", held_and_killed(served, server))
    faults = served.proxy.faults
    assert play(b) == (State.RECEIPT, None)
    assert served.proxy.faults == faults + 1             # the answer was held, the centre killed
    assert len(b.printed) == 2
    assert_nothing_lost(b, served.database, issued=1)
    b.terminal.shutdown()


def test_the_centre_killed_and_away_past_the_retry_budget_is_settled_once_back(
        served: Served, tmp_path: Path) -> None:
    server = served.server
    b = booth(served.home, tmp_path, [server.url])
    b.aim("finish", lambda sid: server.kill())
    assert play(b) == (State.MESSAGE, Reason.CENTRE_UNREACHABLE)   # 通信エラー
    assert b.terminal.cashier.unclosed                   # the session is open at the centre
    server.start()                                       # on the same home
    a_minute(b)
    assert_nothing_lost(b, served.database, issued=1)    # both copies out, nothing owed
    assert play(b) == (State.RECEIPT, None)
    assert_nothing_lost(b, served.database, issued=2)
    b.terminal.shutdown()


# --- two centres, one PostgreSQL ---------------------------------------------------------------

@pytest.fixture(scope="module")
def postgres_home(postgres_cluster, tmp_path_factory: pytest.TempPathFactory
                  ) -> tuple[Paths, str]:
    """A centre home seeded on a PostgreSQL database of its own (as scripts/bench fleet)."""
    url = postgres_cluster.create_database("centre_killed_failover")
    home = Paths(tmp_path_factory.mktemp("failover") / "centre")
    seed_demo(home, FixedClock(DEMO_NOW), url)
    add_fleet_kiosks(url, 80)
    return home, url


@pytest.fixture
def two_centres(postgres_home: tuple[Paths, str]) -> Iterator[Served]:
    home, url = postgres_home
    first = StandInServer(home.home, database_url=url).start()
    second = StandInServer(home.home, database_url=url).start()
    proxy = FaultProxy(first.port).start()
    database = Database(url)
    yield Served(home, database, first, proxy, second)
    proxy.stop()
    first.stop()
    second.stop()
    database.dispose()
    assert proxy.errors == []


@pytest.mark.postgres
@pytest.mark.parametrize("killed", ["between calls", "mid-call"])
def test_two_centres_on_one_postgresql_the_one_in_use_killed_the_kiosk_fails_over(
        two_centres: Served, tmp_path: Path, killed: str) -> None:
    first, second = two_centres.server, two_centres.other
    assert second is not None
    b = booth(two_centres.home, tmp_path, [two_centres.proxy.url, second.url])
    centre = b.terminal.centre
    assert centre.urls[centre._current] == two_centres.proxy.url     # the first, at start
    if killed == "between calls":
        b.aim("settle", lambda sid: first.kill())
    else:
        b.aim("issue", held_and_killed(two_centres, first))
    assert play(b) == (State.RECEIPT, None)
    assert first.process is None                          # it stayed down: the other served
    assert centre.urls[centre._current] == second.url
    assert len(b.printed) == 2
    assert_nothing_lost(b, two_centres.database, issued=1)
    b.terminal.shutdown()
