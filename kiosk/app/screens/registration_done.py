"""利用登録申請: 申請受付 — the number, the slip to take, and what happens next."""

from __future__ import annotations

from textual import on
from textual.widgets import Button

from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets.containers import Horizontal
from kiosk.flow import Event


class RegistrationDoneScreen(KioskScreen):
    SCREEN_ID = "registration_done"
    STEP_TEXT = "registration_step"
    QUIT = False
    MAIN_ACTION = ("#done",)

    def content_key(self) -> tuple:
        return (self.ctx.registration,)

    def body(self):
        receipt = self.ctx.registration
        yield self.say("registration_done", classes="prompt")
        if receipt is not None:
            yield self.say("registration_number", id="registration-number",
                           number=receipt.receipt_no)
        yield self.say("registration_slip", classes="attention")
        if receipt is not None and receipt.decision_by is not None:
            day = receipt.decision_by
            yield self.say("registration_next", day=f"{day.month}/{day.day}")
        else:
            yield self.say("registration_next_staff")
        with Horizontal(classes="actions"):
            yield self.button("finish", "done", "primary")

    @on(Button.Pressed, "#done")
    def done(self) -> None:
        self.send(Event.DONE)
