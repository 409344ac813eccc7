"""返金: after 取消 with money in, the refund comes out of the return slot; お取りください."""

from __future__ import annotations

from textual import on
from textual.widgets import Button

from backend.reasons import Reason
from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets import Bilingual
from kiosk.catalogue import Msg, msg, reason_message
from kiosk.flow import Event


class RefundScreen(KioskScreen):
    SCREEN_ID = "refund"
    QUIT = False
    MAIN_ACTION = ("#done",)

    def body(self):
        yield self.say("refund_title", classes="prompt")
        yield Bilingual(self._money(), self.lang, id="refund-money", classes="attention")
        yield self.button("finish", "done", "primary")

    def _money(self) -> Msg:
        c = self.ctx
        lines = []
        if c.refund_yen:
            lines.append(msg("refund_take", yen=f"{c.refund_yen:,}"))
        if c.refund_owed_yen:
            lines.append(reason_message(Reason.REFUND_NOT_PAID))
        return Msg.lines(lines) if lines else msg("refund_working")

    async def refresh_content(self) -> None:
        for line in self.query("#refund-money").results(Bilingual):
            line.show(self._money())

    @on(Button.Pressed, "#done")
    def done(self) -> None:
        self.send(Event.DONE)
