"""Refusals: each one a clear message, Japanese first with English beneath; the session ends."""

from __future__ import annotations

from datetime import datetime

import pytest

from backend.clock import JST
from backend.demo_data import DEMO_NOW
from backend.reasons import Reason
from backend.rules import hours
from kiosk.catalogue import reason_message
from tests.app.conftest import SIZE, Drive


@pytest.mark.parametrize("at, kiosk_id, reason", [
    (DEMO_NOW.replace(hour=23, minute=30), None, Reason.CLOSED_HOURS),
    (DEMO_NOW.replace(hour=6, minute=29), None, Reason.CLOSED_HOURS),
    (datetime(2026, 12, 30, 10, 0, tzinfo=JST), None, Reason.CLOSED_YEAR_END),
    # Tomakomai's city-hall kiosk on the national system's maintenance Sunday
    (datetime.combine(hours.national_maintenance_day(2026, 7), DEMO_NOW.timetz()),
     "tomakomai-cityhall", Reason.MAINTENANCE),
    (DEMO_NOW.replace(hour=18), "izumi-cityhall", Reason.STORE_CLOSED),
])
async def test_closed_times_are_said_before_anyone_taps(make_kiosk, clock, at, kiosk_id,
                                                      reason) -> None:
    clock.set(at)
    app = make_kiosk(kiosk_id=kiosk_id)
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        await kiosk.settle()
        shown = kiosk.text()
        message = reason_message(reason)
        assert shown.index(message.ja[:12]) < shown.index(message.en[:12])   # Japanese first
        assert app.screen.query_one("#admin_services").disabled
        assert kiosk.screen == "top" and app.terminal.view.hours.closed == reason


async def test_closing_after_the_top_screen_looked_is_refused_by_the_centre(make_kiosk,
                                                                          clock) -> None:
    clock.set(DEMO_NOW.replace(hour=22, minute=59, second=30))
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        await kiosk.tap("#admin_services")                  # open when it looked
        await kiosk.tap("#agree")
        clock.set(DEMO_NOW.replace(hour=23, minute=0, second=5))
        await kiosk.tap("#certificate_service")
        assert kiosk.screen == "message"
        assert app.terminal.flow.context.message == Reason.CLOSED_HOURS
        await kiosk.tap("#ok")
        assert kiosk.screen == "top"


@pytest.mark.parametrize("card, reason", [
    ("izumi-face", Reason.FACE_AUTH_CARD),
    ("tomakomai-suspended", Reason.CARD_SUSPENDED),
    ("tomakomai-expired", Reason.CERTIFICATE_EXPIRED),
    ("tomakomai-abolished", Reason.CARD_ABOLISHED),
    ("tomakomai-locked", Reason.PIN_LOCKED),
])
async def test_unusable_cards_are_refused_at_reading(kiosk, card, reason) -> None:
    await kiosk.tap("#admin_services")
    await kiosk.tap("#agree")
    await kiosk.tap("#certificate_service")
    await kiosk.place(card)
    assert kiosk.screen == "message", kiosk.text()
    assert kiosk.app.terminal.flow.context.message == reason
    assert reason_message(reason).ja in kiosk.text().replace("\n", "")
    await kiosk.tap("#ok")
    assert kiosk.screen == "top"
    assert kiosk.app.terminal.flow.context.message is None
    assert "カードをお取りください" in kiosk.text()       # the card is still on the reader
    await kiosk.remove_card()
    await kiosk.wait(0.1)
    assert "カードをお取りください" not in kiosk.text()


async def test_not_eligible_certificates_are_shown_disabled_with_the_reason(kiosk) -> None:
    # 和泉 花子 has no seal registration: 印鑑登録証明書 is listed but cannot be chosen.
    await kiosk.to_certificate("izumi-hanako", "2345")
    button = kiosk.app.screen.query_one("#cert-inkan")
    assert button.disabled
    assert "印鑑登録がないため" in kiosk.text()
    assert not kiosk.app.screen.query_one("#cert-juminhyo").disabled


async def test_english_first_with_lang_en(make_kiosk, clock) -> None:
    clock.set(DEMO_NOW.replace(hour=23, minute=30))
    app = make_kiosk(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        await kiosk.settle()
        shown = kiosk.text()
        assert "Government services" in shown
        message = reason_message(Reason.CLOSED_HOURS)                  # on the top screen
        assert shown.index(message.en[:12]) < shown.index(message.ja[:12])
        assert "Certificate service hours: 6:30–23:00" in shown


async def test_unknown_kiosk_is_refused(make_kiosk, clock) -> None:
    app = make_kiosk(kiosk_id="no-such-kiosk")
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        await kiosk.tap("#admin_services")
        await kiosk.tap("#agree")
        await kiosk.tap("#certificate_service")
        assert app.terminal.flow.context.message == Reason.UNKNOWN_KIOSK


