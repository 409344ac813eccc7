"""⑫ Printing stopped: what was printed stays, the rest is refunded; jams are for the staff."""

from __future__ import annotations

from textual import on
from textual.widgets import Button

from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets import Bilingual
from kiosk.catalogue import reason_message
from kiosk.flow import Event


class PrintFaultScreen(KioskScreen):
    SCREEN_ID = "print_fault"
    STEP = "⑫"
    QUIT = False
    MAIN_ACTION = ("#ok",)

    def content_key(self) -> tuple:
        c = self.ctx
        return (c.fault, c.printed, c.total, c.unit_fee)

    def body(self):
        c = self.ctx
        unprinted = max(0, c.total - c.printed)
        yield self.say("print_fault_title", classes="prompt attention")
        if c.fault is not None:
            yield Bilingual(reason_message(c.fault), self.lang, id="fault")
        yield self.say("print_fault_detail", id="fault-detail", printed=c.printed,
                       unprinted=unprinted, refund=f"{unprinted * c.unit_fee:,}")
        yield self.button("ok", "ok", "primary")

    @on(Button.Pressed, "#ok")
    def ok(self) -> None:
        self.send(Event.ACKNOWLEDGED)
