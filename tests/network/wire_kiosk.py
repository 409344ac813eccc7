"""What the fault tests share: a centre served with the rendering stand-in (each copy's bytes
name its issuance and holder, so the reliability harness can check the paper), a kiosk of it
with no UI whose calls can be aimed at (`Booth`: a Terminal behind `CallHooks`, the retry
policy tuned fast as test_outage's), one whole session played on it, and the checks after:
the reliability harness's conservations (physical and ledger, paper) and issuances counted."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, select

from backend.clock import FixedClock
from backend.config import Paths
from backend.db import Database
from backend.demo_data import DEMO_NOW
from backend.models import Issuance
from backend.reasons import Reason
from backend.step_results import stored
from kiosk.card.virtual.inprocess import InProcessReader
from kiosk.devices import simulated
from kiosk.flow import Event, State
from kiosk.remote.client import RemoteCentre
from kiosk.remote.retry import RetryPolicy
from kiosk.terminal import Terminal
from kiosk.testing.centre_server import CentreServer
from kiosk.testing.fault_proxy import CallHooks
from kiosk.testing.fleet import fleet_kiosk_ids
from kiosk.testing.reliability import Tally, check_conservation
from tests.network.conftest import kiosk_home
from tests.network.test_outage import FAST, to_payment
from tests.terminal.conftest import step

__all__ = ["FAST", "Booth", "StandInServer", "a_minute", "assert_nothing_lost", "booth",
           "play", "step_done"]

COINS = (100, 500)                # the second coin completes the payment (2 copies, 400 yen)
FLEET = iter(fleet_kiosk_ids(80))  # a kiosk of its own for each test (add_fleet_kiosks)


class StandInServer(CentreServer):
    """`kiosk centre serve`, rendering the stand-in (kiosk.testing.stand_in_centre)."""

    def command(self) -> list[str]:
        argv = super().command()
        at = argv.index("kiosk.cli")
        return [*argv[:at], "kiosk.testing.stand_in_centre", *argv[at + 3:]]  # not "centre serve"


@dataclass
class Booth:
    """A kiosk under test: its terminal, the hooks on its line, what came out of its printer
    ((session, copy number, bytes), the harness's `printed`) and its sessions."""

    terminal: Terminal
    hooks: dict[str, Callable[..., None]]
    printed: list[tuple[str, int, bytes]] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)

    @property
    def vendor(self) -> Any:
        return self.terminal.devices.coins

    def aim(self, call: str, action: Callable[[str], None], *, nth: int = 1) -> None:
        """`action(session_id)` once, just before the call `call` — its `nth` (the coin of
        that sequence number, the report of that copy number; else the first)."""
        def hook(session_id: str, *args: Any) -> None:
            if call in ("insert_coin", "report_copy") and args[0] != nth:
                return
            del self.hooks[call]
            action(session_id)

        self.hooks[call] = hook


def booth(centre_home: Paths, where: Path, urls: Sequence[str], *, kiosk_id: str | None = None,
          policy: RetryPolicy = FAST, sleep: Callable[[float], None] = time.sleep) -> Booth:
    """A kiosk (a fleet kiosk of its own unless `kiosk_id`) with its credential and the card
    tray, its centre at `urls`, started and its start-up jobs drained."""
    kiosk_id = kiosk_id or next(FLEET)
    home = kiosk_home(centre_home, kiosk_id, where, cards=True)
    paths = Paths(home)
    hooks: dict[str, Callable[..., None]] = {}
    t = Terminal(lambda: CallHooks(RemoteCentre(urls, home, policy=policy, sleep=sleep), hooks),
                 InProcessReader(paths.card_tray), simulated(paths.output_tray, audio=False),
                 FixedClock(DEMO_NOW), kiosk_id, paths, idle_seconds=3600)
    t.start()
    t.drain()
    assert t.recovered and t.store_name, t.errors
    return Booth(t, hooks)


def play(b: Booth) -> tuple[State, Reason | None]:
    """One person's whole session: 住民票 (本人), 2 copies, paid 100 + 500 yen; the copies,
    the receipt and the change taken. Returns where it ended: RECEIPT (done) or MESSAGE (with
    its reason) — each then acknowledged, back at the top."""
    t = b.terminal
    to_payment(t)
    sid = t.flow.context.session_id
    assert sid is not None and t.view.context.total_yen == 400
    b.sessions.append(sid)
    for coin in COINS:
        t.insert_coin(coin)
        t.drain()
        if t.view.state != State.PAYMENT:
            break
    for path in t.take("certificates"):
        data = path.read_bytes()                        # b"copy N of <issuance> for <holder>"
        b.printed.append((sid, int(data.split()[1]), data))
    ended = t.view.state
    if ended == State.TAKE_AWAY:
        ended = step(t, Event.VOICE_STOPPED)            # ⑭ finish: the receipt
    reason = t.view.context.message if ended == State.MESSAGE else None
    if ended in (State.RECEIPT, State.MESSAGE):
        assert step(t, Event.DONE if ended == State.RECEIPT else Event.ACKNOWLEDGED) == State.TOP
    t.take("change")
    t.take("receipt")
    return ended, reason


def a_minute(b: Booth) -> None:
    """A minute on at the top screen: the terminal's once-a-minute job, run."""
    t = b.terminal
    t.clock.advance(61)                   # type: ignore[attr-defined]
    t.tick()
    t.drain()


def step_done(database: Database, session_id: str, name: str) -> bool:
    """Whether the centre did the step (its result is stored: committed)."""
    with database.unit() as s:
        return stored(s, session_id, name) is not None


def issuances(database: Database, sessions: list[str]) -> dict[str, int]:
    with database.unit() as s:
        return dict(s.execute(select(Issuance.session_id, func.count())   # type: ignore[arg-type]
                              .where(Issuance.session_id.in_(sessions))
                              .group_by(Issuance.session_id)).all())


def assert_nothing_lost(b: Booth, database: Database, *, issued: int) -> None:
    """The line good again: nothing owed or unreported at the kiosk; the reliability
    harness's checks hold over its sessions (coins in = fees of copies out + coins out, none
    owed; the ledger balances; every copy out is recorded printed, for its holder); and
    `issued` issuances in all, none twice for a session."""
    t = b.terminal
    assert t.cashier.refunds.unreported() == {}
    assert not t.cashier.unclosed and not t.cashier.unpaid
    tally = Tally()
    check_conservation(SimpleNamespace(db=database), 0, b.sessions, [b], tally)
    assert tally.violations == []
    counts = issuances(database, b.sessions)
    assert all(n == 1 for n in counts.values()), counts
    assert len(counts) == issued, counts

