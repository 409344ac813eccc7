"""A kiosk that says what it is doing: the issuing municipality at ⑥ and ⑩, 音声案内中 at ⑬,
the countdown of 続けますか？, the focus on each step's main button, and words without
doubled or wrong parts."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from backend.clock import FixedClock
from kiosk.app import build_app
from tests.app.conftest import Drive
from tests.app.test_payment import to_payment

TOKYO = ZoneInfo("Asia/Tokyo")


async def test_the_certificate_and_confirm_steps_name_the_municipality(kiosk: Drive) -> None:
    await kiosk.to_certificate()
    assert "交付市区町村: 和泉市" in kiosk.text()
    await to_payment_from_certificate(kiosk)
    await kiosk.quit()
    assert kiosk.screen == "top"
    kept = [s for s in kiosk.app._screens.values() if s.SCREEN_ID in ("certificate", "confirm")]
    assert kept and all(not s.query_one("#municipality").render().plain for s in kept), \
        "a kept screen still names the last person's municipality"


async def to_payment_from_certificate(kiosk: Drive) -> None:
    await kiosk.tap("#cert-inkan")
    await kiosk.keys("1")
    await kiosk.tap("#confirm")
    assert kiosk.screen == "confirm" and "交付市区町村: 和泉市" in kiosk.text()


async def test_the_voice_is_said_to_be_playing_and_the_receipt_takes_the_focus(kiosk) -> None:
    await to_payment(kiosk, "1")
    await kiosk.insert(100, 100)
    assert kiosk.screen == "take_away"
    assert "音声案内中" in kiosk.text()
    await kiosk.tap("#stop-voice")
    assert kiosk.screen == "receipt" and kiosk.app.focused is not None
    assert kiosk.app.focused.id == "done"                  # Enter finishes


async def test_the_idle_prompt_counts_down(kiosk) -> None:
    await kiosk.tap("#admin_services")
    await kiosk.wait(kiosk.app.terminal.idle_seconds + 1)
    assert kiosk.screen == "idle_prompt"
    assert "あと20秒で終了します。" in kiosk.text()
    await kiosk.wait(5)
    assert "あと15秒で終了します。" in kiosk.text()
    await kiosk.wait(16)
    assert kiosk.screen == "top"


async def test_a_rejected_coin_is_named_once(kiosk) -> None:
    await to_payment(kiosk, "1")
    await kiosk.insert(1)
    shown = kiosk.text()
    assert "1円は使用できません。" in shown and "使用不可)は" not in shown


async def test_the_last_try_is_worded_for_one(kiosk) -> None:
    await kiosk.to_pin("izumi-taro")
    for _ in range(2):
        await kiosk.pin("9999")
    assert "One more wrong entry locks it." in kiosk.text()


async def test_no_demo_hint_on_the_public_screens(kiosk) -> None:
    await kiosk.tap("#admin_services")
    await kiosk.tap("#agree")
    await kiosk.tap("#certificate_service")
    assert kiosk.screen == "place_card" and "F9" not in kiosk.text()


@pytest.mark.parametrize("at, closed", [
    (datetime(2026, 12, 30, 10, 0, tzinfo=TOKYO), "年末年始"),
    (datetime(2026, 6, 10, 23, 30, tzinfo=TOKYO), "ただいまの時間はご利用いただけません"),
    (datetime(2026, 6, 10, 10, 0, tzinfo=TOKYO), None),
])
async def test_the_top_screen_says_the_hours_and_if_it_is_closed(demo_home, at, closed) -> None:
    clock = FixedClock(at)
    app = build_app(demo_home, clock, audio=False)
    async with app.run_test(size=(80, 24)) as pilot:
        kiosk = Drive(app, pilot, clock)
        await kiosk.settle()
        shown = kiosk.text()
        assert "ご利用時間 6:30〜23:00" in shown
        start = app.screen.query_one("#admin_services")
        if closed:
            assert closed in shown and start.disabled       # told before anyone taps
        else:
            assert not start.disabled and "ご利用いただけません" not in shown


async def test_the_coins_stay_put_when_a_coin_is_refused(kiosk) -> None:
    await to_payment(kiosk, "1")
    before = {b.id: b.region for b in kiosk.app.screen.query(".coin")}
    await kiosk.insert(1)
    assert "1円は使用できません。" in kiosk.text()
    after = {b.id: b.region for b in kiosk.app.screen.query(".coin")}
    assert after == before                                   # the next tap lands where aimed
    for region in after.values():                            # and each is a finger's size
        assert region.height >= 3 and region.width >= 10, region
