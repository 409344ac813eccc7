"""暗証番号初期化: done, as the card itself now says (its tries left); take the card."""

from __future__ import annotations

from textual import on
from textual.widgets import Button

from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets.containers import Horizontal
from kiosk.flow import Event


class PinResetDoneScreen(KioskScreen):
    SCREEN_ID = "pin_reset_done"
    STEP_TEXT = "pin_reset_step"
    QUIT = False
    MAIN_ACTION = ("#done",)

    def content_key(self) -> tuple:
        return (self.ctx.signing_tries_left,)

    def body(self):
        yield self.say("pin_reset_done", classes="prompt")
        if self.ctx.signing_tries_left is not None:
            yield self.say("pin_reset_tries", tries=self.ctx.signing_tries_left)
        yield self.say("take_card", classes="attention")
        with Horizontal(classes="actions"):
            yield self.button("finish", "done", "primary")

    @on(Button.Pressed, "#done")
    def done(self) -> None:
        self.send(Event.DONE)
