"""Money is physical: through the real app, every yen the ledger calls refunded has left the
coin vendor, or is owed (recorded, shown, paid at the kiosk's next start).

Both conservations are checked at the end of each test:
- physical: coins the vendor took in = fees of the copies that came out + what left it
  (change and refunds) + refunds owed;
- ledger: payments = fees of printed copies + change + refunds.
"""

from __future__ import annotations

from backend.admin import ledger_balance
from backend.db import Database
from tests.app.conftest import SIZE, Drive
from tests.app.test_payment import to_payment


def balances(app, demo_home):
    db = Database(f"sqlite:///{demo_home.database_file}")
    try:
        balance = ledger_balance(db)
    finally:
        db.dispose()
    coins = app.terminal.devices.coins
    assert balance.balanced, balance
    assert coins.accepted_yen == balance.fees_printed + coins.paid_out_yen + balance.owed, (
        coins.accepted_yen, coins.paid_out_yen, balance)
    return balance


def failing_on(method, call: int, *, for_good: bool = False):
    """`method`, except that its `call`-th call (and, `for_good`, every later one) raises
    OSError: a device that fails."""
    calls = []

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == call or (for_good and len(calls) > call):
            raise OSError(28, "No space left on device")
        return method(*args, **kwargs)

    return wrapper


async def two_copies_paid(kiosk, break_device=None) -> None:
    """2 copies × 200 yen, paid in 100-yen coins, the printer jamming after copy 1 (unless
    `break_device(app)` breaks something else just before the coins go in)."""
    due = await to_payment(kiosk, "2")
    if break_device is None:
        kiosk.app.terminal.devices.printer.set_fault("jam", 1)
    else:
        break_device(kiosk.app)
    await kiosk.insert(*([100] * (due // 100)))
    assert kiosk.screen == "print_fault", kiosk.text()


def no_space_on_copy_two(app) -> None:
    printer = app.terminal.devices.printer
    printer.print_copy = failing_on(printer.print_copy, 2)


async def test_a_failed_write_on_copy_two_refunds_copy_two_in_coins(make_kiosk, clock,
                                                                    demo_home) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        await two_copies_paid(kiosk, no_space_on_copy_two)
        await kiosk.tap("#ok")
        await kiosk.tap("#stop-voice")
        assert kiosk.screen == "receipt"
        assert sum(app.terminal.devices.coins.change_tray) == 200         # before: 0 came out
        await kiosk.tap("#done")
    balance = balances(app, demo_home)
    assert (balance.fees_printed, balance.refunded, balance.owed) == (200, 200, 0)


async def test_staff_shutting_down_on_the_jam_screen_pays_the_refund(make_kiosk, clock,
                                                                     demo_home) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        await two_copies_paid(kiosk)
        await kiosk.keys("f12")
        await kiosk.tap("#shutdown")
    assert sum(app.terminal.devices.coins.change_tray) == 200              # before: 0 came out
    balance = balances(app, demo_home)
    assert (balance.fees_printed, balance.refunded, balance.owed) == (200, 200, 0)


async def test_a_receipt_that_fails_to_print_keeps_no_refund(make_kiosk, clock,
                                                             demo_home) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        printer = app.terminal.devices.printer
        printer.print_receipt = failing_on(printer.print_receipt, 1)
        await two_copies_paid(kiosk)
        await kiosk.tap("#ok")
        await kiosk.tap("#stop-voice")
        assert kiosk.screen == "receipt"
        assert sum(app.terminal.devices.coins.change_tray) == 200          # before: 0 came out
    balance = balances(app, demo_home)
    assert (balance.fees_printed, balance.refunded, balance.owed) == (200, 200, 0)


async def test_a_coin_vendor_that_cannot_pay_leaves_the_refund_owed_and_says_so(
        make_kiosk, clock, demo_home) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        coins = app.terminal.devices.coins
        coins.pay_out = failing_on(coins.pay_out, 1, for_good=True)
        await two_copies_paid(kiosk)
        await kiosk.tap("#ok")
        await kiosk.tap("#stop-voice")
        await kiosk.tap("#done")
        assert kiosk.screen == "top"
        assert "返金できませんでした" in kiosk.text()
        slips = [p for p in app.terminal.devices.printer.tray if p.name.startswith("receipt-")]
        assert len(slips) == 2                          # the receipt, and one slip
        from tests.certificates.samples import pdftotext
        texts = [pdftotext(p.read_bytes()) for p in slips]
        slip = next(t for t in texts if "返金できませんでした" in t)
        assert "200円" in slip and "店員にお見せください" in slip
    balance = balances(app, demo_home)
    assert (balance.fees_printed, balance.refunded, balance.owed) == (200, 200, 200)
    # The next start of this kiosk pays it out of the return tray and settles it.
    again = make_kiosk()
    async with again.run_test(size=SIZE) as pilot:
        await Drive(again, pilot, clock).settle()
        assert sum(again.terminal.devices.coins.change_tray) == 200
    db = Database(f"sqlite:///{demo_home.database_file}")
    assert ledger_balance(db).owed == 0
    db.dispose()


def issued_two_copies(demo_home, clock, *, reported: int) -> str:
    """Straight through the centre, as a kiosk that then died: izumi-taro's 2 seal
    certificates paid with 400 yen and issued, the first `reported` copies reported printed."""
    from backend.api import CertificateCode, IssuanceRequest
    from backend.demo_data import DEFAULT_KIOSK_ID
    from backend.service import open_centre
    from backend.testing.cards import CardInHand

    centre, cards = open_centre(demo_home, clock), CardInHand(demo_home)
    start = centre.begin_session(DEFAULT_KIOSK_ID)
    sid = start.session_id
    centre.authenticate(sid, cards.certificate("izumi-taro"),
                        cards.sign("izumi-taro", start.challenge))
    centre.quote(sid, IssuanceRequest(CertificateCode.SEAL_REGISTRATION, copies=2))
    for seq in range(1, 5):
        centre.insert_coin(sid, seq, 100)
    centre.settle(sid)
    centre.issue(sid)
    for copy_no in range(1, reported + 1):
        centre.report_copy(sid, copy_no, True)
    centre.close_database()
    return sid


async def test_a_kiosk_that_died_mid_print_pays_at_its_next_start(make_kiosk, clock,
                                                                  demo_home) -> None:
    """The kiosk process died with copy 1 of 2 out: the ledger holds a paid, issued session.
    Its next start closes it, pays the 200 yen of copy 2 into the return tray, settles it."""
    issued_two_copies(demo_home, clock, reported=1)
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        await kiosk.settle()
        assert sum(app.terminal.devices.coins.change_tray) == 200
        assert "返却金200円" in kiosk.text().replace(",", "")
        app.terminal.take("change")
        await kiosk.tap("#admin_services")          # the kiosk is free for the next person
        assert kiosk.screen == "terms"
    db = Database(f"sqlite:///{demo_home.database_file}")
    balance = ledger_balance(db)
    db.dispose()
    assert balance.balanced and (balance.fees_printed, balance.refunded, balance.owed) == (
        200, 200, 0)


async def test_copies_out_of_the_printer_before_the_kiosk_died_are_not_refunded(
        make_kiosk, clock, demo_home) -> None:
    """Copy 1 of 2 came out and was noted, then the process died before telling the centre:
    the next start reports it printed, and only copy 2's 200 yen is refunded."""
    from backend.demo_data import DEFAULT_KIOSK_ID
    from kiosk.devices.print_journal import PrintJournal

    sid = issued_two_copies(demo_home, clock, reported=0)
    journal = PrintJournal(demo_home.home / "journal" / f"print-{DEFAULT_KIOSK_ID}.json")
    journal.begin(sid)
    journal.printed(1)                                 # then the process was killed
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await Drive(app, pilot, clock).settle()
        assert sum(app.terminal.devices.coins.change_tray) == 200     # without the note: 400
    assert not journal.path.exists()
    db = Database(f"sqlite:///{demo_home.database_file}")
    balance = ledger_balance(db)
    db.dispose()
    assert balance.balanced and (balance.fees_printed, balance.refunded, balance.owed) == (
        200, 200, 0)
