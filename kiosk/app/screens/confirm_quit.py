"""取り消しますか？ — asked over the step when 終了する or 取消 is pressed once a session is open;
いいえ goes back to the step as it was, はい ends it (the money in comes back first)."""

from __future__ import annotations

from textual import on
from textual.widgets import Button

from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets.containers import Horizontal
from kiosk.flow import GUARDS, Event, Guard


class ConfirmQuitScreen(KioskScreen):
    SCREEN_ID = "confirm_quit"
    QUIT = False
    MAIN_ACTION = ("#no",)        # Enter keeps the session: ending it is the deliberate tap

    def content_key(self) -> tuple:
        return (self._money_in(),)

    def _money_in(self) -> bool:
        return GUARDS[Guard.MONEY_IN](self.ctx)      # as the flow decides 返金 or the top
    def body(self):
        yield self.say("confirm_quit_prompt", classes="prompt attention")
        if self._money_in():
            yield self.say("confirm_quit_money")
        with Horizontal(classes="actions"):
            yield self.button("confirm_quit_yes", "yes", "error")
            yield self.button("confirm_quit_no", "no", "primary")

    @on(Button.Pressed, "#no")
    def carry_on(self) -> None:
        self.send(Event.CONTINUE)

    @on(Button.Pressed, "#yes")
    def end(self) -> None:
        self.send(Event.QUIT_CONFIRMED)
