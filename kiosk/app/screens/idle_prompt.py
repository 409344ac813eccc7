"""続けますか？ — after a while without a touch; no answer ends the session."""

from __future__ import annotations

from textual import on
from textual.widgets import Button

from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets import Bilingual
from kiosk.app.widgets.containers import Horizontal
from kiosk.catalogue import Msg, msg
from kiosk.flow import Event


class IdlePromptScreen(KioskScreen):
    SCREEN_ID = "idle_prompt"
    QUIT = False
    MAIN_ACTION = ("#continue",)

    def body(self):
        yield self.say("idle_prompt", classes="prompt attention")
        yield Bilingual(self._countdown(), self.lang, id="countdown")
        with Horizontal(classes="actions"):
            yield self.button("idle_end", "end")
            yield self.button("idle_continue", "continue", "primary")

    def _countdown(self) -> Msg | None:
        left = self.view.seconds_left
        return None if left is None else msg("idle_countdown", seconds=left)

    async def refresh_content(self) -> None:
        for line in self.query("#countdown").results(Bilingual):
            line.show(self._countdown())

    @on(Button.Pressed, "#continue")
    def resume(self) -> None:
        self.send(Event.CONTINUE)

    @on(Button.Pressed, "#end")
    def end(self) -> None:
        self.send(Event.QUIT)
