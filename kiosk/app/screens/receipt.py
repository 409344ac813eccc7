"""⑭ 領収書発行: take the receipt (and change or refund); 終了."""

from __future__ import annotations

from textual import on
from textual.widgets import Button

from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets import Bilingual
from kiosk.catalogue import Msg, msg
from kiosk.flow import Event


class ReceiptScreen(KioskScreen):
    SCREEN_ID = "receipt"
    STEP = "⑭"
    QUIT = False
    MAIN_ACTION = ("#done",)

    def body(self):
        yield self.say("receipt", classes="prompt")
        yield Bilingual(self._money(), self.lang, id="money")
        yield self.say("thanks")
        yield self.button("finish", "done", "primary")

    def _money(self) -> Msg:
        c = self.ctx
        lines = []
        change = c.payment.change_yen if c.payment else 0
        if change:
            lines.append(msg("receipt_change", yen=f"{change:,}"))
        if c.receipt and c.receipt.refunded_yen:
            lines.append(msg("receipt_refund", yen=f"{c.receipt.refunded_yen:,}"))
        return Msg.lines(lines)

    async def refresh_content(self) -> None:
        self.query_one("#money", Bilingual).show(self._money())

    @on(Button.Pressed, "#done")
    def done(self) -> None:
        self.send(Event.DONE)
