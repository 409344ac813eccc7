"""A refusal (closed hours, card problems, eligibility, PIN lock…): read it; the session ends."""

from __future__ import annotations

from textual import on
from textual.widgets import Button

from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets import Bilingual
from kiosk.catalogue import reason_message
from kiosk.flow import Event


class MessageScreen(KioskScreen):
    SCREEN_ID = "message"
    QUIT = False
    MAIN_ACTION = ("#ok",)

    def content_key(self) -> tuple:
        return (self.ctx.message,)

    def body(self):
        reason = self.ctx.message
        if reason is not None:
            yield Bilingual(reason_message(reason), self.lang, id="message", classes="prompt attention")
        yield self.button("ok", "ok", "primary")

    @on(Button.Pressed, "#ok")
    def ok(self) -> None:
        self.send(Event.ACKNOWLEDGED)
