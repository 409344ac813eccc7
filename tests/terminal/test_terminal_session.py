"""The terminal without any UI: a whole session driven by events, jobs drained in the test's
own thread, the view checked after each step — no Textual anywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from backend.api import CertificateCode, IssuanceKind, Scope
from backend.reasons import Reason
from kiosk.flow import Event, State
from kiosk.terminal import Terminal
from tests.app.conftest import ledger
from tests.terminal.conftest import step


def to_certificate(t: Terminal, pin: str = "1234") -> None:
    assert step(t, Event.START) == State.TERMS
    assert step(t, Event.AGREE) == State.SERVICE_MENU
    assert step(t, Event.CHOOSE_SERVICE) == State.PLACE_CARD
    t.place_card("izumi-taro")
    t.drain()
    assert t.view.state == State.MUNICIPALITY
    assert step(t, Event.SCOPE_CHOSEN, scope=Scope.RESIDENCE) == State.PIN
    t.send(Event.PIN_SUBMITTED, secret=pin)
    t.drain()


def test_a_whole_session_without_any_ui(terminal) -> None:
    t = terminal
    assert t.view.store_name                               # loaded by the start-up job
    to_certificate(t)
    assert t.view.state == State.REMOVE_CARD
    t.remove_card()
    assert t.view.state == State.CERTIFICATE and t.view.context.holder is not None
    assert step(t, Event.CERTIFICATE_CHOSEN, certificate=CertificateCode.RESIDENT_RECORD) \
        == State.ISSUANCE_KIND
    assert step(t, Event.KIND_CHOSEN, kind=IssuanceKind.HOUSEHOLD_ALL) == State.FIELDS
    assert step(t, Event.FIELDS_CHOSEN, fields=frozenset()) == State.COPIES
    assert step(t, Event.COPIES_CHOSEN, copies=2) == State.CONFIRM
    assert step(t, Event.CONFIRMED) == State.PAYMENT
    for _ in range(3):
        t.insert_coin(100)
    t.insert_coin(500)                                     # 800 in for 400: 400 change
    t.drain()
    assert t.view.state == State.TAKE_AWAY and t.view.context.printed == 2
    assert len(t.take("certificates")) == 2
    assert step(t, Event.VOICE_STOPPED) == State.RECEIPT
    assert step(t, Event.DONE) == State.TOP
    assert sum(t.take("change")) == 400                    # the change left the coin vendor
    assert t.view.sessions_ended == 1 and t.secrets.start is None
    # every view published is immutable and none carries the session id
    assert t.views and all(v.context.session_id is None for v in t.views)


def test_the_take_away_blink_ends_with_its_voice(terminal) -> None:
    """A blink left on when the voice stopped went off at the next session's first tick: a
    new view on ④ there, which cleared the digits being typed."""
    t = terminal
    to_certificate(t)
    t.remove_card()
    step(t, Event.CERTIFICATE_CHOSEN, certificate=CertificateCode.RESIDENT_RECORD)
    step(t, Event.KIND_CHOSEN, kind=IssuanceKind.SELF)
    step(t, Event.FIELDS_CHOSEN, fields=frozenset())
    step(t, Event.COPIES_CHOSEN, copies=1)
    step(t, Event.CONFIRMED)
    t.insert_coin(500)
    t.drain()
    assert t.view.state == State.TAKE_AWAY
    t.tick()
    assert t.view.flash and t.view.voice_on
    assert step(t, Event.VOICE_STOPPED) == State.RECEIPT
    assert not t.view.flash and not t.view.voice_on
    assert step(t, Event.DONE) == State.TOP
    seen = len(t.views)
    t.tick()
    assert len(t.views) == seen              # nothing left to change on the next tick


def test_the_session_id_is_kept_by_the_terminal_not_published(terminal) -> None:
    to_certificate(terminal)
    assert terminal.flow.context.session_id                # the terminal has it
    assert terminal.view.context.session_id is None        # the view does not


def test_a_refusal_is_said_once_in_the_view(terminal) -> None:
    t = terminal
    to_certificate(t)
    t.remove_card()
    step(t, Event.CERTIFICATE_CHOSEN, certificate=CertificateCode.RESIDENT_RECORD)
    step(t, Event.KIND_CHOSEN, kind=IssuanceKind.HOUSEHOLD_ALL)
    step(t, Event.FIELDS_CHOSEN, fields=frozenset())
    before = t.view.notice_seq
    assert t.send(Event.COPIES_CHOSEN, copies=11) is None  # 最大10部
    assert t.view.state == State.COPIES and t.view.notice_seq == before + 1
    assert t.view.notice is not None and "10" in t.view.notice.ja


def test_a_rejected_coin_is_said_and_comes_back(terminal) -> None:
    t = terminal
    to_payment(t)
    t.insert_coin(5)
    t.drain()
    assert t.view.notice is not None and "5円" in t.view.notice.ja
    assert t.devices.coins.change_tray == (5,) and t.devices.coins.inserted_yen == 0
    assert step(t, Event.QUIT) == State.CONFIRM_QUIT
    assert step(t, Event.QUIT_CONFIRMED) == State.TOP          # nothing was in: no 返金 screen
    assert t.devices.coins.change_tray == (5,)


def test_a_wrong_pin_counts_down_in_the_view(terminal) -> None:
    to_certificate(terminal, pin="9999")
    assert terminal.view.state == State.PIN
    assert terminal.view.context.notice == Reason.PIN_WRONG
    assert terminal.view.context.tries_left == 2


def test_the_terminal_loads_no_textual() -> None:
    """The import contract checks the code's imports; this checks what a process that runs
    the terminal actually loads (imports made inside functions included)."""
    code = ("import sys, kiosk.terminal, kiosk.terminal.effects, kiosk.flow; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "[]", out.stdout


def to_payment(t: Terminal) -> None:
    to_certificate(t)
    t.remove_card()
    for event, payload in ((Event.CERTIFICATE_CHOSEN, {"certificate": CertificateCode.RESIDENT_RECORD}),
                           (Event.KIND_CHOSEN, {"kind": IssuanceKind.HOUSEHOLD_ALL}),
                           (Event.FIELDS_CHOSEN, {"fields": frozenset()}),
                           (Event.COPIES_CHOSEN, {"copies": 2}), (Event.CONFIRMED, {})):
        step(t, event, **payload)
    assert t.view.state == State.PAYMENT


def test_an_answer_that_comes_while_asked_is_kept_for_the_step(terminal) -> None:
    t = terminal
    assert step(t, Event.START) == State.TERMS
    step(t, Event.AGREE)
    step(t, Event.CHOOSE_SERVICE)
    t.place_card("izumi-taro")
    t.drain()
    step(t, Event.SCOPE_CHOSEN, scope=Scope.RESIDENCE)
    t.send(Event.PIN_SUBMITTED, secret="1234")          # the card is being asked…
    assert t.pending == 1
    assert t.send(Event.QUIT) is not None and t.view.state == State.CONFIRM_QUIT
    t.drain()                                            # …and answers while 取り消しますか？ is up
    assert t.view.state == State.CONFIRM_QUIT
    assert step(t, Event.CONTINUE) == State.REMOVE_CARD  # いいえ: the answer is not lost


def test_cancel_with_money_in_pays_it_back_and_says_how_much(terminal, demo_home) -> None:
    t = terminal
    to_payment(t)
    for coin in (100, 100, 50):
        t.insert_coin(coin)
    t.drain()
    step(t, Event.QUIT)
    assert step(t, Event.QUIT_CONFIRMED) == State.REFUND
    assert t.view.context.refund_yen == 250 and t.view.context.refund_owed_yen == 0
    assert sorted(t.take("change")) == [50, 100, 100]     # the very coins, out of the vendor
    assert step(t, Event.DONE) == State.TOP
    assert t.pending == 0 and t.devices.coins.inserted_yen == 0
    record = ledger(demo_home)                            # and the centre's books agree
    assert record["payments"] == [100, 100, 50] and sum(record["refunds"]) == 250
    assert set(record["sessions"]) == {"closed"}


def test_a_refund_the_vendor_cannot_pay_is_owed_and_said(terminal) -> None:
    t = terminal
    to_payment(t)
    t.insert_coin(100)
    t.drain()

    def jammed(yen: int) -> None:
        raise OSError("the coin vendor's hopper is jammed")

    t.devices.coins.refund = jammed          # type: ignore[method-assign]
    t.devices.coins.pay_out = jammed         # type: ignore[method-assign]
    step(t, Event.QUIT)
    assert step(t, Event.QUIT_CONFIRMED) == State.REFUND
    assert t.view.context.refund_yen == 0 and t.view.context.refund_owed_yen == 100
    assert any("返金" in m.ja for m in t.view.reminders)   # the top screen will say so too
