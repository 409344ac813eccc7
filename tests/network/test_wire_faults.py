"""Faults on the wire lose nothing: a fault-injecting proxy (kiosk.testing.fault_proxy) between
kiosks and the served centre drops, resets, delays the line or loses the centre's answer at
a chosen call of a whole session — the second coin, settle, issue, the second copy's report,
finish — and then:

- once (the next try gets through), the session completes: one issuance, both copies out and
  recorded, the change back; the lost answer's work is not done twice (idempotency);
- for good (past the retry budget), the session ends with 通信エラー and the coins in escrow come
  back; once the line is good again the kiosk's once-a-minute recovery closes what was left
  open, pays what the centre owes and reports what it paid, and the next person is served.

Each time the reliability harness's checks hold: coins in = fees of copies out + coins out
(none owed), the ledger balances, every copy out is recorded printed for its holder."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from backend.config import Paths
from backend.db import Database
from backend.reasons import Reason
from kiosk.flow import Event, State
from kiosk.remote.retry import RetryPolicy
from kiosk.testing.fault_proxy import FaultProxy, Mode
from kiosk.testing.fleet import add_fleet_kiosks
from tests.conftest import copy_home
from tests.network.test_outage import to_payment
from tests.network.wire_kiosk import (FAST, Booth, StandInServer, a_minute, assert_nothing_lost,
                                      booth, play, step_done)
from tests.terminal.conftest import step

#: The calls aimed at, and the step each stores at the centre once done.
CALLS = {"insert_coin": "coin:2", "settle": "settle", "issue": "issue",
         "report_copy": "copy:2", "finish": "finish"}
NTH = {"insert_coin": 2, "report_copy": 2}
CUTS = (Mode.DROP, Mode.DROP_REQUEST, Mode.RESET, Mode.ANSWER_LOST)


@dataclass
class Line:
    centre_home: Paths
    proxy: FaultProxy
    database: Database


@pytest.fixture(scope="module")
def served(seeded_template: Paths, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Line]:
    home = copy_home(seeded_template, tmp_path_factory.mktemp("wire") / "centre")
    url = f"sqlite:///{home.database_file}"
    add_fleet_kiosks(url, 80)
    database = Database(url)
    with StandInServer(home.home).running() as server, FaultProxy(server.port) as proxy:
        yield Line(home, proxy, database)
    database.dispose()


@pytest.fixture
def line(served: Line) -> Iterator[Line]:
    served.proxy.clear()
    yield served
    served.proxy.clear()
    assert served.proxy.errors == []


@pytest.fixture
def kiosks(line: Line, tmp_path) -> Iterator[list[Booth]]:
    made: list[Booth] = []
    yield made
    for b in made:
        b.terminal.shutdown()


def a_kiosk(line: Line, kiosks: list[Booth], where, policy: RetryPolicy = FAST) -> Booth:
    b = booth(line.centre_home, where, [line.proxy.url], policy=policy)
    kiosks.append(b)
    return b


def fault(line: Line, mode: Mode, call: str, *, times: int | None = 1):
    """What sets `mode` on the line for the call at hand (a session's `sid`)."""
    proxy = line.proxy

    def arm(sid: str) -> None:
        if mode is Mode.ANSWER_LOST:     # once the centre did the step: its answer is lost
            proxy.set(mode, times=times,
                      when=lambda: step_done(line.database, sid, CALLS[call]))
        else:
            proxy.set(mode, times=times)
        if mode is Mode.DROP:            # the kept-alive connection goes: the call connects
            proxy.hang_up()

    return arm


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("mode", CUTS, ids=[m.value for m in CUTS])
def test_a_fault_at_a_call_is_tried_again_and_the_session_completes_once(
        line, kiosks, tmp_path, mode: Mode, call: str) -> None:
    b = a_kiosk(line, kiosks, tmp_path)
    b.aim(call, fault(line, mode, call), nth=NTH.get(call, 1))
    faults = line.proxy.faults
    assert play(b) == (State.RECEIPT, None)
    assert line.proxy.faults == faults + 1              # the fault did happen, once
    assert len(b.printed) == 2 and sum(b.vendor.change_tray) == 0   # both copies; change taken
    assert b.vendor.paid_out_yen == 200                  # 600 in, 400 of fees: 200 change
    assert_nothing_lost(b, line.database, issued=1)


PAST_THE_BUDGET = [(Mode.DROP, call) for call in CALLS] + [(Mode.ANSWER_LOST, "issue")]


@pytest.mark.parametrize(("mode", "call"), PAST_THE_BUDGET,
                         ids=[f"{m.value}-{c}" for m, c in PAST_THE_BUDGET])
def test_a_fault_past_the_retry_budget_ends_in_a_communication_error_and_loses_nothing(
        line, kiosks, tmp_path, mode: Mode, call: str) -> None:
    b = a_kiosk(line, kiosks, tmp_path)
    b.aim(call, fault(line, mode, call, times=None), nth=NTH.get(call, 1))
    assert play(b) == (State.MESSAGE, Reason.CENTRE_UNREACHABLE)     # 通信エラー
    coins = b.vendor
    assert coins.change_tray == ()                       # what came back was taken
    a_minute(b)                                          # the line still down: nothing changes
    left = b.terminal.cashier
    assert left.unclosed or left.refunds.unreported()    # something waits for the centre
    line.proxy.clear()                                   # the line is good again
    a_minute(b)
    # The centre did the issue (ANSWER_LOST) or not: what was paid and not printed came back.
    issued = 0 if call in ("insert_coin", "settle") or mode is Mode.DROP and call == "issue" else 1
    assert_nothing_lost(b, line.database, issued=issued)
    assert play(b) == (State.RECEIPT, None)              # and the next person is served
    assert_nothing_lost(b, line.database, issued=issued + 1)


def test_a_slow_line_slows_every_answer_and_the_session_completes(line, kiosks, tmp_path):
    b = a_kiosk(line, kiosks, tmp_path)
    line.proxy.set(Mode.DELAY, times=None, delay_ms=20)
    line.proxy.hang_up()
    faults = line.proxy.faults
    assert play(b) == (State.RECEIPT, None)
    assert line.proxy.faults > faults
    assert_nothing_lost(b, line.database, issued=1)


def test_an_answer_slower_than_the_kiosk_waits_is_tried_again_and_issued_once(
        line, kiosks, tmp_path) -> None:
    """The issue's answer comes after the kiosk stopped waiting: it asks again, and the
    centre answers with the issuance it made (both copies), not a second one."""
    patient = RetryPolicy(rounds=3, first_wait=0.05, max_wait=0.1, budget=0.5,
                          connect_timeout=2.0, read_timeout=1.5)
    b = a_kiosk(line, kiosks, tmp_path, patient)
    b.aim("issue", lambda sid: line.proxy.set(Mode.DELAY, delay_ms=4000))
    faults = line.proxy.faults
    assert play(b) == (State.RECEIPT, None)
    assert line.proxy.faults == faults + 1
    assert len(b.printed) == 2
    assert_nothing_lost(b, line.database, issued=1)


def cut_off(proxy: FaultProxy):
    """A hook that takes the line down for good (until cleared), from this call on."""
    def down(*args: object) -> None:
        proxy.set(Mode.DROP, times=None)
        proxy.hang_up()
    return down


def test_a_copy_out_whose_report_did_not_get_through_is_reported_by_the_recovery_not_refunded(
        line, kiosks, tmp_path) -> None:
    """The line fails at each report of a copy (only there): the first copy is out, its
    report lost, 通信エラー. The kiosk's recovery, which reaches the centre, fails at that report
    too — and keeps the copy in its print journal for the next try, instead of dropping it and
    letting the centre refund a copy the person took away."""
    proxy = line.proxy
    b = a_kiosk(line, kiosks, tmp_path)

    b.hooks.update(report_copy=cut_off(proxy), kiosk=lambda *args: proxy.clear())
    assert play(b) == (State.MESSAGE, Reason.CENTRE_UNREACHABLE)
    assert [copy_no for _, copy_no, _ in b.printed] == [1]
    journal = b.terminal.cashier.journal.path
    a_minute(b)                               # the recovery: kiosk, hours — and the report fails
    assert journal.exists() and b.terminal.cashier.unclosed
    b.hooks.clear()
    proxy.clear()
    a_minute(b)
    assert not journal.exists()
    assert_nothing_lost(b, line.database, issued=1)     # copy 1 printed, copy 2 refunded
    assert b.vendor.paid_out_yen == 200 + 200


def test_a_cancel_the_centre_did_not_hear_is_paid_back_once_though_its_close_gets_through(
        line, kiosks, tmp_path) -> None:
    """100 yen in, 取消: the line fails at the cancel and is good again for what follows. The
    escrow's 100 yen go back at once; the centre, hearing of the session first at its close
    (or the recovery's), records the refund then — and the kiosk reports those very coins
    instead of paying 100 yen a second time."""
    proxy = line.proxy
    b = a_kiosk(line, kiosks, tmp_path)

    b.hooks.update(cancel=cut_off(proxy), refund_paid=lambda *args: proxy.clear(),
                   close=lambda *args: proxy.clear())
    t = b.terminal
    to_payment(t)
    b.sessions.append(t.flow.context.session_id)
    t.insert_coin(100)
    t.drain()
    step(t, Event.QUIT)
    step(t, Event.QUIT_CONFIRMED)
    t.drain()
    assert t.view.state == State.REFUND and t.view.context.refund_yen == 100
    assert step(t, Event.DONE) == State.TOP
    t.take("change")
    b.hooks.clear()
    proxy.clear()
    a_minute(b)                               # the recovery, should anything be left open
    assert b.vendor.accepted_yen == 100
    assert b.vendor.paid_out_yen == 100       # the escrow's coins, once
    assert_nothing_lost(b, line.database, issued=0)


def test_a_copy_out_whose_report_was_lost_is_not_refunded_by_the_cancel_that_follows(
        line, kiosks, tmp_path) -> None:
    """Copy 1 is out and its report lost (通信エラー); the line is back by the time the session
    ends. The kiosk reports copy 1 from its print journal before it cancels, so the centre
    refunds copy 2 only: the person keeps copy 1 and pays for it."""
    proxy = line.proxy
    b = a_kiosk(line, kiosks, tmp_path)

    reports: list[object] = []
    cancelled: list[str] = []

    def report(*args: object) -> None:       # the first report lost; the line back by the next
        if reports:
            proxy.clear()
        else:
            cut_off(proxy)()
        reports.append(args)

    def cancel(sid: str, *args: object) -> None:     # the line back, if no report came first
        proxy.clear()
        cancelled.append(sid)

    b.hooks.update(report_copy=report, cancel=cancel)
    assert play(b) == (State.MESSAGE, Reason.CENTRE_UNREACHABLE)
    assert [copy_no for _, copy_no, _ in b.printed] == [1]
    assert cancelled == [b.sessions[0]]       # the cancel came, after the report from the journal
    b.hooks.clear()
    proxy.clear()
    a_minute(b)
    assert not b.terminal.cashier.journal.path.exists()
    assert_nothing_lost(b, line.database, issued=1)     # copy 1 printed, copy 2 refunded
    assert b.vendor.paid_out_yen == 200 + 200
