"""暗証番号初期化: the card is being reset (the reset authority's proof, then the card's own
RESET RETRY COUNTER): keep it still."""

from __future__ import annotations

from kiosk.app.screens.base import KioskScreen


class PinResettingScreen(KioskScreen):
    SCREEN_ID = "pin_resetting"
    STEP_TEXT = "pin_reset_step"
    QUIT = False

    def body(self):
        yield self.say("pin_resetting", classes="prompt attention")
