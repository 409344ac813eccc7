"""⑥ 証明書の種別選択: the municipality's offers with fees; the unavailable ones disabled,
each with its reason."""

from __future__ import annotations

from textual import on
from textual.widgets import Button

from backend.api import CertificateCode
from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets import Bilingual, TapButton
from kiosk.app.widgets.containers import Horizontal, VerticalScroll
from kiosk.catalogue import certificate_name, msg, reason_message
from kiosk.flow import Event


class CertificateScreen(KioskScreen):
    SCREEN_ID = "certificate"
    STEP = "⑥"
    MAIN_ACTION = ("#offers Button",)

    def content_key(self) -> tuple:
        return (self.ctx.offerings, self.ctx.editing)

    def body(self):
        yield self.say("certificate_prompt", classes="prompt")
        yield self.municipality()
        with VerticalScroll(id="offers", can_focus=False):
            for offer in self.ctx.offerings:
                name = certificate_name(offer.certificate)
                fee = msg("fee_per_copy", fee=offer.fee_yen)
                label = f"{name.get(self.lang)}  {fee.get(self.lang)}"
                with Horizontal(classes="offer"):
                    yield TapButton(label, id=f"cert-{offer.certificate.value}",
                                 disabled=not offer.available,
                                 variant="primary" if offer.available else "default")
                    if not offer.available and offer.reason is not None:
                        yield Bilingual(reason_message(offer.reason), self.lang, classes="why")
        yield self.notice()
        if self.ctx.editing:
            yield self.button("back", "back")

    def on_mount(self) -> None:
        self.show_municipality()

    async def refresh_content(self) -> None:
        self.show_municipality()

    def reset_input(self) -> None:
        self.forget_municipality()

    @on(Button.Pressed, "#offers Button")
    def choose(self, event: Button.Pressed) -> None:
        code = CertificateCode(event.button.id.removeprefix("cert-"))  # type: ignore[union-attr]
        self.send(Event.CERTIFICATE_CHOSEN, certificate=code)
