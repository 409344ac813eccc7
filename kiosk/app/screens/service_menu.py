"""① メニュー選択: 証明書交付サービス."""

from __future__ import annotations

from textual import on
from textual.containers import Grid
from textual.widgets import Button

from kiosk.app.screens.base import KioskScreen
from kiosk.flow import Event


class ServiceMenuScreen(KioskScreen):
    SCREEN_ID = "service_menu"
    STEP = "①"
    MAIN_ACTION = ("#certificate_service",)

    def body(self):
        yield self.say("menu_prompt", classes="prompt")
        with Grid(classes="choices"):
            yield self.button("certificate_service", "certificate_service", "primary")

    @on(Button.Pressed, "#certificate_service")
    def choose(self) -> None:
        self.send(Event.CHOOSE_SERVICE)
