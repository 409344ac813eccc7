"""ご利用上の同意事項: 同意する continues (leaflet 001)."""

from __future__ import annotations

from textual import on
from textual.widgets import Button

from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets.containers import Horizontal
from kiosk.flow import Event


class TermsScreen(KioskScreen):
    SCREEN_ID = "terms"
    MAIN_ACTION = ("#agree",)

    def body(self):
        yield self.say("terms_title", classes="prompt")
        yield self.say("terms_body", id="terms-body")
        with Horizontal(classes="actions"):
            yield self.button("disagree", "disagree")
            yield self.button("agree", "agree", "primary")

    @on(Button.Pressed, "#agree")
    def agree(self) -> None:
        self.send(Event.AGREE)

    @on(Button.Pressed, "#disagree")
    def disagree(self) -> None:
        self.send(Event.QUIT)
