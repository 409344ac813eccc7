"""⑫ printing faults: what printed stays recorded, the rest is refunded, the screen says which."""

from __future__ import annotations

import pytest

from backend.reasons import Reason
from tests.app.conftest import SIZE, Drive, ledger
from tests.app.test_payment import to_payment


@pytest.mark.parametrize("fault, after, printed", [("jam", 1, 1), ("paper_out", 0, 0)])
async def test_printer_fault_mid_job(make_kiosk, clock, demo_home, fault, after, printed) -> None:
    app = make_kiosk(printer_fault=fault, printer_fault_after=after)
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        due = await to_payment(kiosk, "3")
        await kiosk.insert(*([100] * (due // 100)))
        assert kiosk.screen == "print_fault", kiosk.text()
        ctx = app.flow.context
        assert (ctx.printed, ctx.total, ctx.fault) == (printed, 3, Reason(f"printer_{fault}"))
        shown = kiosk.text()
        assert "店員にお尋ねください" in shown
        assert f"{printed}部を印刷しました" in shown
        refund = (3 - printed) * ctx.unit_fee
        assert f"{refund:,}円を返金" in shown
        await kiosk.tap("#ok")
        if printed:
            assert kiosk.screen == "take_away"
            await kiosk.tap("#stop-voice")
        assert kiosk.screen == "receipt"
        receipt = app.flow.context.receipt
        assert (receipt.copies_printed, receipt.refunded_yen) == (printed, refund)
        assert sum(app.devices.coins.take_change()) == refund
        kinds = [p.name.split("-")[0] for p in app.devices.printer.take()]
        assert kinds == ["certificate"] * printed + ["receipt"]
        await kiosk.tap("#done")
        assert kiosk.screen == "top"
    record = ledger(demo_home)
    assert sum(record["payments"]) == due and sum(record["refunds"]) == refund


async def test_staff_can_switch_a_jam_on_and_off(kiosk) -> None:
    await kiosk.keys("f12")
    assert kiosk.screen == "staff"
    await kiosk.tap("#fault-jam")
    assert kiosk.app.devices.printer.fault == Reason.PRINTER_JAM
    await kiosk.keys("f12")
    await kiosk.tap("#fault-none")
    assert kiosk.app.devices.printer.fault is None
    assert kiosk.screen == "top"
