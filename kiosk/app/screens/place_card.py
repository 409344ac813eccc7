"""② マイナンバーカードの読み取り: the card is read and checked as soon as it is placed."""

from __future__ import annotations

from kiosk.app.screens.base import KioskScreen
from kiosk.catalogue import reason_message


class PlaceCardScreen(KioskScreen):
    SCREEN_ID = "place_card"
    STEP = "②"

    def body(self):
        yield self.say("place_card_prompt", classes="prompt")
        yield self.say("reading_card", id="reading", classes="busy" if self.ctx.busy else "hidden")
        yield self.notice(reason_message(self.ctx.notice) if self.ctx.notice else None)

    async def refresh_content(self) -> None:
        self.query_one("#reading").set_class(not self.ctx.busy, "hidden")
        self.show_notice(reason_message(self.ctx.notice) if self.ctx.notice else None)

