"""Inactivity: 続けますか？ after the idle time (driven by the injected clock), then the end."""

from __future__ import annotations

import pytest

from kiosk.flow import Context
from tests.app.conftest import ledger
from tests.app.test_payment import to_payment


async def test_idle_prompt_then_continue_resumes_the_step(kiosk) -> None:
    await kiosk.to_pin()
    await kiosk.wait(59)
    assert kiosk.screen == "pin"
    await kiosk.wait(1)
    assert kiosk.screen == "idle_prompt"
    assert "続けますか" in kiosk.text()
    await kiosk.tap("#continue")
    assert kiosk.screen == "pin"


async def test_every_key_resets_the_idle_timer(kiosk) -> None:
    await kiosk.to_pin()
    await kiosk.wait(50)
    await kiosk.keys("1")
    await kiosk.wait(50)
    assert kiosk.screen == "pin"
    await kiosk.wait(10)
    assert kiosk.screen == "idle_prompt"


async def test_idle_timeout_with_coins_refunds_them(kiosk, demo_home) -> None:
    await to_payment(kiosk)
    await kiosk.insert(100, 10)
    await kiosk.wait(60)
    assert kiosk.screen == "idle_prompt"
    await kiosk.wait(20)
    assert kiosk.screen == "top"
    assert sorted(kiosk.app.terminal.devices.coins.change_tray) == [10, 100]
    assert kiosk.app.terminal.flow.context == Context()
    assert sum(ledger(demo_home)["refunds"]) == 110


async def test_a_coin_at_the_prompt_means_someone_is_there(kiosk) -> None:
    await to_payment(kiosk)
    await kiosk.wait(60)
    assert kiosk.screen == "idle_prompt"
    await kiosk.insert(100)
    assert kiosk.screen == "payment"
    assert kiosk.app.terminal.flow.context.payment.inserted_yen == 100


@pytest.mark.parametrize("steps", [
    (), ("#admin_services",), ("#admin_services", "#agree"),
    ("#admin_services", "#agree", "#certificate_service"),
])
async def test_idle_timeout_before_the_card_ends_quietly(kiosk, steps) -> None:
    for selector in steps:
        await kiosk.tap(selector)
    await kiosk.wait(60)
    await kiosk.wait(20)
    assert kiosk.screen == "top"


async def test_idle_timeout_at_each_later_step(kiosk) -> None:
    await kiosk.to_certificate()
    for selector in ("#cert-juminhyo", "#kind-self", "#confirm", "#key-1", "#confirm"):
        await kiosk.wait(60)
        assert kiosk.screen == "idle_prompt"
        await kiosk.tap("#continue")
        await kiosk.tap(selector)
    assert kiosk.screen == "confirm"
    await kiosk.wait(60)
    await kiosk.wait(20)
    assert kiosk.screen == "top"
    assert kiosk.app.terminal.flow.context == Context()


async def test_card_left_on_the_reader_raises_its_reminder(kiosk) -> None:
    await kiosk.to_pin()
    await kiosk.wait(60)
    await kiosk.wait(20)
    assert kiosk.screen == "top"
    assert "カードをお取りください" in kiosk.text()
    assert kiosk.app.terminal.devices.speaker.spoken[-1] == "カードをお取りください。"


async def test_a_tick_during_shutdown_is_harmless(demo_home) -> None:
    # The interval can fire once more while Textual empties the screen stack on exit.
    from backend.clock import FixedClock
    from backend.demo_data import DEMO_NOW
    from kiosk.app import build_app

    app = build_app(demo_home, FixedClock(DEMO_NOW), audio=False)
    async with app.run_test(size=(80, 24)):
        await app.wait_settled()
    assert not app.screen_stack
    app.tick()
