"""⑪ payment: accepted and rejected coins, change, cancel with refund — all through the ledger."""

from __future__ import annotations

from tests.app.conftest import ledger


async def to_payment(kiosk, copies: str = "2") -> int:
    await kiosk.to_certificate()
    await kiosk.tap("#cert-inkan")
    await kiosk.keys(*copies)
    await kiosk.tap("#confirm")
    await kiosk.tap("#confirm")
    assert kiosk.screen == "payment"
    return kiosk.app.terminal.flow.context.total_yen


async def test_invalid_coins_come_back_and_valid_ones_count(kiosk) -> None:
    due = await to_payment(kiosk)
    assert due == 400
    await kiosk.insert(1, 5, "foreign")
    assert kiosk.app.terminal.devices.coins.take_change() == [1, 5, "foreign"]
    assert "使用できません" in kiosk.text()
    await kiosk.tap("#coin-100")
    assert kiosk.app.terminal.flow.context.payment.inserted_yen == 100
    shown = kiosk.text()
    assert "100円" in shown and "300円" in shown
    await kiosk.tap("#coin-1")                             # on-screen invalid coin
    assert kiosk.app.terminal.devices.coins.take_change() == [1]


async def test_exact_payment_prints_without_change(kiosk) -> None:
    await to_payment(kiosk)
    await kiosk.insert(100, 100, 100, 50, 50)
    assert kiosk.screen == "take_away"
    assert kiosk.app.terminal.devices.coins.change_tray == ()


async def test_overpayment_with_a_note_returns_change(kiosk) -> None:
    await to_payment(kiosk)
    await kiosk.insert(1000)
    assert kiosk.screen == "take_away"
    assert sum(kiosk.app.terminal.devices.coins.take_change()) == 600
    await kiosk.tap("#stop-voice")
    assert "おつり600円" in kiosk.text()


async def test_cancel_after_partial_payment_refunds_everything(kiosk, demo_home) -> None:
    await to_payment(kiosk)
    await kiosk.insert(100, 50)
    await kiosk.tap("#cancel")                           # 取消
    assert kiosk.screen == "confirm_quit" and "返金されます" in kiosk.text()
    await kiosk.tap("#no")                               # いいえ: still paying
    assert kiosk.screen == "payment" and "150円" in kiosk.text()
    assert kiosk.app.terminal.devices.coins.change_tray == ()
    await kiosk.tap("#cancel")
    await kiosk.tap("#yes")                              # はい: the money comes out now
    assert kiosk.screen == "refund" and "返金150円を返却口からお取りください。" in kiosk.text()
    assert sorted(kiosk.app.terminal.devices.coins.change_tray) == [50, 100]
    await kiosk.tap("#done")
    assert kiosk.screen == "top"
    assert "おつり・返却金150円" in kiosk.text()
    assert kiosk.app.terminal.devices.printer.tray == ()
    await kiosk.tap("#take-items")                       # the demo's hand takes the money
    assert kiosk.app.terminal.devices.coins.change_tray == ()
    assert "返却金" not in kiosk.text() and "受け取りました" not in kiosk.text()
    record = ledger(demo_home)
    assert record["payments"] == [100, 50] and sum(record["refunds"]) == 150
    assert record["sessions"] and "open" not in record["sessions"]


async def test_quit_at_every_step_before_payment_goes_back_to_the_top(kiosk) -> None:
    steps = [
        ("#admin_services", "terms"), ("#agree", "service_menu"),
        ("#certificate_service", "place_card"),
    ]
    for i in range(len(steps) + 1):
        for selector, _ in steps[:i]:
            await kiosk.tap(selector)
        if i:
            await kiosk.tap("#quit")          # no session yet, or just opened
            if kiosk.screen == "confirm_quit":
                await kiosk.tap("#yes")
        assert kiosk.screen == "top"


async def test_quit_at_each_step_after_the_card_closes_the_session(kiosk, demo_home) -> None:
    walk = [None, "#scope-residence", "pin", "remove", "#cert-juminhyo", "#kind-self", "#confirm",
            "2", "#confirm"]
    for stop in range(len(walk)):
        await kiosk.tap("#admin_services")
        await kiosk.tap("#agree")
        await kiosk.tap("#certificate_service")
        await kiosk.place("izumi-taro")
        for step in walk[1:stop + 1]:
            if step == "pin":
                await kiosk.pin("1234")
            elif step == "remove":
                await kiosk.remove_card()
            elif step.startswith("#"):
                await kiosk.tap(step)
            else:
                await kiosk.keys(step)
        screen = kiosk.screen
        await kiosk.tap("#quit")
        assert kiosk.screen == "confirm_quit", screen
        await kiosk.tap("#yes")
        assert kiosk.screen == "top", screen
        assert kiosk.app.terminal.flow.context.session_id is None
        await kiosk.remove_card()
    assert set(ledger(demo_home)["sessions"]) == {"closed"}


async def test_the_amounts_stay_on_screen_when_staff_switch_the_language(kiosk) -> None:
    await to_payment(kiosk)
    await kiosk.tap("#coin-100")
    kiosk.app.terminal.switch_language()                  # F12 → English, mid-payment
    await kiosk.settle()
    shown = kiosk.text()
    assert kiosk.screen == "payment" and "Amount due" in shown
    for yen in ("400 yen", "100 yen", "300 yen"):            # due, inserted, remaining
        assert yen in shown, shown
