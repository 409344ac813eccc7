"""The tour's visit to ①'s two free services: the 本籍地's lists, the 五十音 keyboard and the
slip of a 利用登録申請; the secret keyboard, the card being reset and done for a password
reset."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kiosk.app.screens import SCREENS
from kiosk.app.widgets.paged_choice import PagedChoice
from kiosk.flow import State

if TYPE_CHECKING:
    from tests.app.conftest import Drive
    from tests.app.tour import Tour


async def _signed_in(k: Drive, service: str, card: str, pin: str) -> None:
    """From the top to just after ④ of one of ①'s services."""
    for step in ("#admin_services", "#agree", f"#{service}"):
        await k.tap(step)
    await k.place(card)
    await k.pin(pin)


async def registration(tour: Tour) -> None:
    """利用登録申請: the 本籍地's lists, the 五十音 keyboard, the slip."""
    k = tour.kiosk
    await _signed_in(k, "registration_service", "arakawa-mei", "1357")
    await k.remove_card()
    await tour.look()
    await k.tap("#" + PagedChoice.button_id("北海道"))
    await tour.look()
    await k.tap("#" + PagedChoice.button_id("012131"))
    await tour.look()
    for char in "マチヤ":
        await k.keys(char)
    await tour.look("typed")
    await k.tap("#kana-confirm")
    await tour.look()
    await k.tap("#confirm")
    await tour.look()
    await k.tap("#done")
    k.app.terminal.take_items()


async def pin_reset(tour: Tour) -> None:
    """暗証番号初期化: the secret keyboard, the card being reset, done."""
    k = tour.kiosk
    await _signed_in(k, "pin_reset_service", "tomakomai-signlock", "2580")
    await tour.look()
    app = k.app
    await app.push_screen(SCREENS[State.PIN_RESETTING](replace(app.view, state=State.PIN_RESETTING)))
    await tour.look(settle=False)
    await app.pop_screen()
    for _ in range(2):
        for key in "newpass1":
            await k.keys(key)
        await k.tap("#secret-confirm")
    await tour.look()
    await k.remove_card()


SERVICE_TOUR = [registration, pin_reset]
