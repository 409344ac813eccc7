"""⑬ 取り忘れ確認: the reminder flashes and repeats until 受け取りました（音声停止）."""

from __future__ import annotations

from textual import on
from textual.widget import Widget
from textual.widgets import Button

from kiosk.app.screens.base import KioskScreen
from kiosk.flow import Event


class TakeAwayScreen(KioskScreen):
    SCREEN_ID = "take_away"
    STEP = "⑬"
    QUIT = False
    MAIN_ACTION = ("#stop-voice",)

    def body(self):
        yield self.say("take_away", id="take-away", classes="prompt attention")
        yield self.say("take_away_voice")
        yield self.say("voice_guiding", id="voice", classes="busy" if self.view.voice_on else "hidden")
        yield self.button("stop_voice", "stop-voice", "primary")

    def reset_input(self) -> None:
        if (reminder := self.one("#take-away", Widget)) is not None:
            reminder.remove_class("flash")

    async def refresh_content(self) -> None:
        if (reminder := self.one("#take-away", Widget)) is not None:
            reminder.set_class(self.view.flash, "flash")   # the reminder's tick: it blinks
        if (voice := self.one("#voice", Widget)) is not None:   # 音声案内中, while it repeats
            voice.set_class(not self.view.voice_on, "hidden")
            voice.set_class(self.view.voice_on, "busy")

    @on(Button.Pressed, "#stop-voice")
    def stop(self) -> None:
        self.send(Event.VOICE_STOPPED)
