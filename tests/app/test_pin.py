"""④ PIN: only ● shown; wrong PIN shows the card's tries left; the third locks and ends."""

from __future__ import annotations

from backend.reasons import Reason


async def test_pin_shows_only_dots_and_correction_clears(kiosk) -> None:
    await kiosk.to_pin()
    await kiosk.keys("1", "2", "3")
    shown = kiosk.text()
    assert "● ● ● ＿" in shown and "123" not in shown
    await kiosk.keys("backspace")                       # 訂正 from the keyboard
    assert "＿ ＿ ＿ ＿" in kiosk.text()
    await kiosk.tap("#key-9")
    await kiosk.tap("#key-correct")
    assert "＿ ＿ ＿ ＿" in kiosk.text()
    await kiosk.tap("#confirm")                         # fewer than 4 digits: not sent
    assert kiosk.screen == "pin" and "数字4ケタ" in kiosk.text()


async def test_wrong_pin_once_twice_then_right(kiosk) -> None:
    await kiosk.to_pin()
    await kiosk.pin("0000")
    assert kiosk.screen == "pin"
    assert kiosk.app.terminal.flow.context.tries_left == 2
    assert "残り2回" in kiosk.text()
    await kiosk.pin("9999")
    assert "残り1回" in kiosk.text()
    await kiosk.pin("1234")
    assert kiosk.screen == "remove_card"


async def test_third_wrong_pin_locks_and_ends_with_the_counter_message(kiosk) -> None:
    await kiosk.to_pin()
    for _ in range(3):
        await kiosk.pin("0000")
    assert kiosk.screen == "message"
    assert kiosk.app.terminal.flow.context.message == Reason.PIN_LOCKED
    assert "窓口" in kiosk.text()
    await kiosk.tap("#ok")
    assert kiosk.screen == "top"
    # still locked next time: refused as soon as the card is read
    await kiosk.remove_card()
    await kiosk.tap("#admin_services")
    await kiosk.tap("#agree")
    await kiosk.tap("#certificate_service")
    await kiosk.place("izumi-taro")
    assert kiosk.app.terminal.flow.context.message == Reason.PIN_LOCKED


async def test_card_taken_off_before_the_pin_ends_the_session(kiosk) -> None:
    await kiosk.to_pin()
    await kiosk.remove_card()
    assert kiosk.screen == "message"
    assert kiosk.app.terminal.flow.context.message == Reason.CARD_REMOVED


async def test_remove_card_step_waits_for_the_card(kiosk) -> None:
    await kiosk.to_pin()
    await kiosk.pin("1234")
    assert kiosk.screen == "remove_card"
    await kiosk.wait(5)                  # nothing happens while the card stays
    assert kiosk.screen == "remove_card"
    await kiosk.remove_card()
    assert kiosk.screen == "certificate"


async def test_a_foreign_card_asks_to_place_a_my_number_card(kiosk) -> None:
    from kiosk.card.virtual.card import ForeignCard

    await kiosk.tap("#admin_services")
    await kiosk.tap("#agree")
    await kiosk.tap("#certificate_service")
    kiosk.app.terminal.reader.inner.insert(ForeignCard(), "transit-pass")
    kiosk.app.terminal.reader.moved()
    await kiosk.settle()
    assert kiosk.screen == "place_card"
    assert kiosk.app.terminal.flow.context.notice == Reason.UNKNOWN_CARD
    await kiosk.remove_card()
    await kiosk.place("izumi-taro")
    assert kiosk.screen == "municipality"
