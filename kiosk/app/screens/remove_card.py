"""⑤ カードの取り外し: the next step comes only once the card is off the reader."""

from __future__ import annotations

from kiosk.app.screens.base import KioskScreen


class RemoveCardScreen(KioskScreen):
    SCREEN_ID = "remove_card"
    STEP = "⑤"

    def body(self):
        yield self.say("remove_card_prompt", classes="prompt attention")
        yield self.say("remove_card_note")
