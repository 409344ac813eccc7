"""The centre goes away mid-session and comes back: nothing is lost.

A kiosk of a served centre takes a coin (recorded), then the centre stops; the next coin's
call fails after its retries, the session ends with 通信エラー and both coins come back out of
the escrow — though the centre heard of neither refund. The centre comes back; the kiosk's
recovery (its once-a-minute job at the top while a refund is unreported, or its next start)
finds the refund the centre now owes and reports it paid by those very coins, instead of
paying it a second time: both conservations hold, nothing stays owed. A kiosk started while
the centre is away recovers once it is back. And the first of two centres down, the second
answers (failover)."""

from __future__ import annotations

import pytest

from backend.api import CertificateCode, IssuanceKind, Scope
from backend.admin import ledger_balance
from backend.clock import FixedClock
from backend.config import Paths
from backend.db import Database
from backend.demo_data import DEMO_NOW
from backend.reasons import Reason
from kiosk.card.virtual.inprocess import InProcessReader
from kiosk.catalogue import reason_message
from kiosk.devices import simulated
from kiosk.flow import Event, State
from kiosk.remote.client import RemoteCentre
from kiosk.remote.retry import RetryPolicy
from kiosk.terminal import Terminal
from kiosk.testing.centre_server import CentreServer, free_port
from tests.conftest import copy_home
from tests.network.conftest import KIOSK_A, kiosk_home
from tests.terminal.conftest import step

FAST = RetryPolicy(rounds=3, first_wait=0.05, max_wait=0.1, budget=0.5, connect_timeout=2.0,
                   read_timeout=30.0)


def kiosk(home, url: str) -> Terminal:
    """A kiosk on its own home (credential, cards), the centre at `url`: no UI, jobs drained."""
    paths = Paths(home)
    t = Terminal(lambda: RemoteCentre((url,), home, policy=FAST),
                 InProcessReader(paths.card_tray), simulated(paths.output_tray, audio=False),
                 FixedClock(DEMO_NOW), KIOSK_A, paths, idle_seconds=3600)
    t.start()
    t.drain()
    return t


def to_payment(t: Terminal) -> None:
    assert step(t, Event.START) == State.TERMS
    assert step(t, Event.AGREE) == State.SERVICE_MENU
    assert step(t, Event.CHOOSE_SERVICE) == State.PLACE_CARD
    t.place_card("izumi-taro")
    t.drain()
    assert step(t, Event.SCOPE_CHOSEN, scope=Scope.RESIDENCE) == State.PIN
    t.send(Event.PIN_SUBMITTED, secret="1234")
    t.drain()
    t.remove_card()
    t.drain()
    assert step(t, Event.CERTIFICATE_CHOSEN, certificate=CertificateCode.RESIDENT_RECORD) \
        == State.ISSUANCE_KIND
    step(t, Event.KIND_CHOSEN, kind=IssuanceKind.SELF)
    step(t, Event.FIELDS_CHOSEN, fields=frozenset())
    step(t, Event.COPIES_CHOSEN, copies=2)
    assert step(t, Event.CONFIRMED) == State.PAYMENT


@pytest.fixture
def served(seeded_template: Paths, tmp_path):
    home = copy_home(seeded_template, tmp_path / "centre")
    server = CentreServer(home.home)
    try:
        yield server.start(), home
    finally:
        server.stop()


def test_a_session_cut_off_mid_payment_loses_nothing_once_the_centre_is_back(served, tmp_path):
    server, centre_home = served
    home = kiosk_home(centre_home, KIOSK_A, tmp_path, cards=True)
    first = kiosk(home, server.url)
    assert first.store_name                                    # the centre answered at start
    to_payment(first)
    first.insert_coin(100)
    first.drain()
    sid = first.flow.context.session_id
    database = Database(f"sqlite:///{centre_home.database_file}")
    assert ledger_balance(database, sid).paid_in == 100        # the first coin reached it

    server.stop()                                              # the centre goes away
    first.insert_coin(100)                                     # in the escrow; not recorded
    first.drain()
    assert first.view.state == State.MESSAGE
    assert first.view.context.message is Reason.CENTRE_UNREACHABLE
    assert reason_message(Reason.CENTRE_UNREACHABLE).ja.startswith("通信エラーが発生しました")
    assert step(first, Event.ACKNOWLEDGED) == State.TOP        # 確認: the session ends
    coins = first.devices.coins
    assert sum(coins.change_tray) == 200                       # both coins back in the tray
    assert coins.accepted_yen == 200 and coins.paid_out_yen == 200
    assert first.cashier.refunds.unreported() == {sid: 200}    # paid, the centre not told
    a_minute(first)                                            # still away: nothing changes
    assert first.cashier.refunds.unreported() == {sid: 200}

    server.start()                                             # the centre is back
    assert ledger_balance(database, sid).owed == 0             # the session is still open
    a_minute(first)                     # at the top: the running kiosk catches up by itself
    assert first.cashier.refunds.unreported() == {}
    assert coins.paid_out_yen == 200                           # nothing paid a second time
    balance = ledger_balance(database, sid)
    assert balance.balanced and balance.owed == 0
    assert (balance.paid_in, balance.refunded) == (100, 100)
    first.shutdown()
    second = kiosk(home, server.url)                           # and a restart finds nothing
    assert second.devices.coins.paid_out_yen == 0 and second.devices.coins.change_tray == ()
    assert ledger_balance(database, sid) == balance
    # physical: in = fees of copies out (none) + coins out + owed (none)
    assert coins.accepted_yen == 0 + coins.paid_out_yen + second.devices.coins.paid_out_yen
    second.shutdown()
    database.dispose()


def test_a_kiosk_started_while_the_centre_is_away_recovers_once_it_is_back(served, tmp_path):
    server, centre_home = served
    home = kiosk_home(centre_home, KIOSK_A, tmp_path, cards=True)
    first = kiosk(home, server.url)
    to_payment(first)
    first.insert_coin(100)
    first.drain()
    sid = first.flow.context.session_id
    del first                         # the kiosk dies mid-payment, and the centre goes away
    server.stop()
    second = kiosk(home, server.url)                           # the kiosk starts meanwhile
    assert not second.recovered and second.store_name == ""
    a_minute(second)
    assert not second.recovered                                # still away
    server.start()
    a_minute(second)                                           # back: the start-up, again
    assert second.recovered and second.store_name
    assert second.devices.coins.paid_out_yen == 100            # the coin the session took
    database = Database(f"sqlite:///{centre_home.database_file}")
    balance = ledger_balance(database, sid)
    assert balance.balanced and balance.owed == 0 and balance.refunded == 100
    database.dispose()
    second.shutdown()


def a_minute(t: Terminal) -> None:
    """A minute on at the top screen: the terminal's once-a-minute job, run."""
    t.clock.advance(61)                   # type: ignore[attr-defined]
    t.tick()
    t.drain()


def test_the_next_centre_answers_when_the_first_is_down(served, tmp_path) -> None:
    server, centre_home = served
    home = kiosk_home(centre_home, KIOSK_A, tmp_path)
    dead = f"https://127.0.0.1:{free_port()}"
    centre = RemoteCentre((dead, server.url), home, policy=FAST)
    assert centre.kiosk(KIOSK_A).kiosk_id == KIOSK_A
    assert centre.urls[centre._current] == server.url         # kept for the next call
    assert centre.service_hours(KIOSK_A).closed is None
    centre.close_database()
