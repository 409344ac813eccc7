"""The staff panel (F12): the devices' state, the clock and today's figures; clearing the coin
vendor; collecting what people left in the trays."""

from __future__ import annotations

from backend.reasons import Reason
from kiosk.devices.coins import LOW_MARK, SimulatedCoinVendor
from tests.app.test_payment import to_payment


async def test_the_panel_shows_the_devices_the_clock_and_today(kiosk) -> None:
    await to_payment(kiosk, "1")
    await kiosk.insert(100, 100)
    await kiosk.tap("#stop-voice")
    await kiosk.tap("#done")
    assert kiosk.screen == "top"
    await kiosk.keys("f12")
    shown = kiosk.text()
    assert kiosk.screen == "staff"
    assert "プリンタ: 正常" in shown and "コインベンダ: 正常" in shown
    assert "時計: 2026-06-10 10:00" in shown
    assert "本日: 取引1件 1部 入金200円 手数料200円" in " ".join(shown.split())


async def test_staff_clear_the_coin_vendor_and_the_service_resumes(kiosk) -> None:
    kiosk.app.terminal.devices.coins.set_fault(Reason.SYSTEM_ERROR)   # the vendor is faulted
    kiosk.app.terminal.tick()
    await kiosk.settle()
    assert kiosk.app.screen.query_one("#admin_services").disabled      # 休止
    await kiosk.keys("f12")
    assert "コインベンダ: 正常" not in kiosk.text()
    await kiosk.tap("#coin-clear")
    assert kiosk.screen == "top" and not kiosk.app.screen.query_one("#admin_services").disabled


async def test_staff_collect_what_was_left_in_the_trays(kiosk) -> None:
    await to_payment(kiosk, "1")
    await kiosk.insert(500)                            # 300 change, left in the tray
    await kiosk.tap("#stop-voice")
    await kiosk.tap("#done")
    terminal = kiosk.app.terminal
    assert terminal.devices.coins.change_tray and terminal.devices.printer.tray
    await kiosk.keys("f12")
    await kiosk.tap("#collect")
    assert terminal.devices.coins.change_tray == () and terminal.devices.printer.tray == ()
    assert "お取りください" not in kiosk.text()


async def test_out_of_change_pauses_the_kiosk_until_staff_refill(kiosk) -> None:
    """釣銭切れ: the hoppers hold just enough for the largest change; once this person's change
    is out, the next person waits (休止, said on the top screen) until staff refill them."""
    coins = kiosk.app.terminal.devices.coins
    assert isinstance(coins, SimulatedCoinVendor)
    coins._stock.update(LOW_MARK)         # hoppers down to their marks, as after a busy day
    await to_payment(kiosk, "1")                       # 200 yen
    await kiosk.insert(1000)                           # 800 change: 500 + 3×100
    await kiosk.tap("#stop-voice")
    await kiosk.tap("#done")
    assert sorted(coins.take_change()) == [100, 100, 100, 500]
    kiosk.app.terminal.tick()
    await kiosk.settle()
    assert kiosk.screen == "top" and kiosk.app.screen.query_one("#admin_services").disabled
    assert "サービスは休止しています" in kiosk.text()
    await kiosk.keys("f12")
    shown = " ".join(kiosk.text().split())
    assert "釣銭: 500円×0 100円×1 50円×1 10円×4" in shown
    assert "つり銭が不足" in shown                      # the panel says why
    await kiosk.tap("#coin-clear")                     # clearing a jam refills nothing
    assert kiosk.app.screen.query_one("#admin_services").disabled
    await kiosk.keys("f12")
    await kiosk.tap("#coin-refill")
    assert kiosk.screen == "top" and not kiosk.app.screen.query_one("#admin_services").disabled
    assert coins.stock[500] >= 40 and coins.fault is None
