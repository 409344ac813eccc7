"""Seeded sessions through the real app (its screens, the simulated devices, the real centre),
each with a fault drawn at random, then a restart of the kiosk: both conservations hold.

Faults: a jam or paper out after k copies, a write that fails on copy k, a receipt that fails,
a coin vendor that cannot pay out, a centre call that fails outright, staff shutting the
terminal down mid-session, the person pressing 終了する or walking away (the idle timeout).
"""

from __future__ import annotations

import random

import pytest

from backend.admin import ledger_balance
from backend.db import Database
from kiosk.app import build_app
from tests.app.conftest import SIZE, Drive
from tests.app.test_money_safety import failing_on

SEEDS = 16
FAULTS = ("none", "jam", "paper_out", "write", "receipt", "payout", "centre", "shutdown",
          "quit", "idle")


class FlakyCentre:
    """The centre, except that one chosen call raises (an outage the app must survive)."""

    def __init__(self, centre, fail: str) -> None:
        self.centre, self.fail = centre, fail

    def __getattr__(self, name: str):
        if name == self.fail:
            self.fail = ""
            raise RuntimeError(f"{name}: the line to the centre dropped")
        return getattr(self.centre, name)


async def visit(kiosk: Drive, rng: random.Random, fault: str) -> None:
    app = kiosk.app
    await kiosk.to_certificate()
    await kiosk.tap(rng.choice(["#cert-inkan", "#cert-juminhyo"]))
    while kiosk.screen in ("issuance_kind", "members", "fields"):
        await kiosk.tap(rng.choice(["#confirm"] if kiosk.screen != "issuance_kind"
                                   else ["#kind-self", "#kind-household_all"]))
    await kiosk.keys(str(rng.randint(1, 3)))
    await kiosk.tap("#confirm")
    await kiosk.tap("#confirm")
    assert kiosk.screen == "payment", kiosk.text()
    due = app.terminal.flow.context.total_yen
    copies = app.terminal.flow.context.copies
    printer, coins = app.terminal.devices.printer, app.terminal.devices.coins
    k = rng.randint(0, copies - 1)
    if fault in ("jam", "paper_out"):
        printer.set_fault(fault, k)
    elif fault == "write":
        printer.print_copy = failing_on(printer.print_copy, k + 1)
    elif fault == "receipt":
        printer.set_fault("jam", k)
        printer.print_receipt = failing_on(printer.print_receipt, 1)
    elif fault == "payout":
        printer.set_fault("jam", k)
        coins.pay_out = failing_on(coins.pay_out, 1, for_good=True)
    elif fault == "centre":
        flaky = FlakyCentre(app.terminal.centre, rng.choice(["settle", "issue", "finish"]))
        app.terminal.centre = flaky
    paid = 0
    while paid < due:
        coin = rng.choice([10, 50, 100, 500, 1000])
        await kiosk.insert(coin)
        paid += coin
        if fault in ("quit", "idle", "shutdown") and rng.random() < 0.4 and paid < due:
            break
    if fault == "quit" and kiosk.screen == "payment":
        await kiosk.quit()
    elif fault == "idle" and kiosk.screen == "payment":
        await kiosk.wait(app.terminal.idle_seconds + 1)
        await kiosk.wait(app.terminal.prompt_seconds + 1)
    elif fault == "shutdown":
        await kiosk.keys("f12")
        await kiosk.tap("#shutdown")
        return
    for _ in range(12):                      # whatever comes next, as a person would answer it
        screen = kiosk.screen
        if screen == "top":
            if fault == "centre":
                assert flaky.fail == "", "the centre's outage never came"   # the fault was real
            return
        if screen in ("print_fault", "message"):
            await kiosk.tap("#ok")
        elif screen == "take_away":
            await kiosk.tap("#stop-voice")
        elif screen == "receipt":
            await kiosk.tap("#done")
        elif screen == "idle_prompt":
            await kiosk.wait(app.terminal.prompt_seconds + 1)
        else:
            raise AssertionError(f"stuck on {screen}: {kiosk.text()}")


@pytest.mark.parametrize("seed", range(SEEDS))
async def test_a_faulted_session_then_a_restart_keeps_both_conservations(seed, demo_home,
                                                                         clock) -> None:
    rng = random.Random(seed)
    fault = FAULTS[seed % len(FAULTS)] if seed < len(FAULTS) else rng.choice(FAULTS)
    vendors = []
    for run in range(2):                     # the session, then the kiosk's next start
        app = build_app(demo_home, clock, audio=False)
        vendors.append(app.terminal.devices.coins)
        async with app.run_test(size=SIZE) as pilot:
            kiosk = Drive(app, pilot, clock)
            await kiosk.settle()
            if run == 0:
                await visit(kiosk, rng, fault)
            if app.is_running and kiosk.screen == "top" and app.terminal.devices.printer.status:
                app.terminal.devices.printer.set_fault(None)
    db = Database(f"sqlite:///{demo_home.database_file}")
    try:
        balance = ledger_balance(db)
    finally:
        db.dispose()
    accepted = sum(v.accepted_yen for v in vendors)
    paid_out = sum(v.paid_out_yen for v in vendors)
    assert balance.balanced, (fault, balance)
    assert balance.owed == 0, (fault, balance)                  # the restart paid it
    assert accepted == balance.fees_printed + paid_out + balance.owed, (fault, accepted,
                                                                          paid_out, balance)
