"""① メニュー選択: 証明書交付サービス, 戸籍証明書交付の利用登録申請, 署名用電子証明書の暗証番号
初期化 (the leaflets' three kiosk services; the two last are free)."""

from __future__ import annotations

from textual import on
from textual.widgets import Button

from backend.api_services import Service
from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets.containers import Grid
from kiosk.flow import Event

#: Each button's id (also its catalogue key) and the service it starts.
SERVICES = {"certificate_service": Service.ISSUANCE,
            "registration_service": Service.HONSEKI_REGISTRATION,
            "pin_reset_service": Service.SIGNING_PIN_RESET}


class ServiceMenuScreen(KioskScreen):
    SCREEN_ID = "service_menu"
    STEP = "①"
    MAIN_ACTION = ("#certificate_service",)

    def body(self):
        yield self.say("menu_prompt", classes="prompt")
        with Grid(classes="choices", id="services"):
            for key in SERVICES:
                yield self.button(key, key, "primary" if key == "certificate_service" else "default")

    @on(Button.Pressed, "#services Button")
    def choose(self, event: Button.Pressed) -> None:
        self.send(Event.CHOOSE_SERVICE, service=SERVICES[event.button.id or ""])
