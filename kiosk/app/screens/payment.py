"""⑪ 料金支払い: due / inserted / remaining, and the coin slot (on-screen coins for the demo)."""

from __future__ import annotations

from textual import on
from textual.widgets import Button, Label

from backend.api import ACCEPTED_YEN
from kiosk.app.messages import CoinDropped
from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets import Bilingual, TapButton
from kiosk.app.widgets.containers import Grid, Horizontal
from kiosk.catalogue import coin_label, msg, text
from kiosk.flow import Event

#: Coins a person can push into the slot on screen: the five accepted, and some that are not.
INVALID_COINS: tuple[int | str, ...] = (1, 5, "foreign")


class PaymentScreen(KioskScreen):
    SCREEN_ID = "payment"
    STEP = "⑪"
    MAIN_ACTION = ("#coin-100",)

    def body(self):
        yield self.say("payment_prompt", classes="prompt")
        yield Bilingual(msg("payment_change_note"), self.lang, secondary=False)
        with Grid(id="amounts"):
            for key, value_id in (("payment_due", "due"), ("payment_inserted", "inserted"),
                                  ("payment_remaining", "remaining")):
                yield Label(text(key, self.lang), classes="item")
                yield Label("", id=value_id, classes="value")
        yield self.notice()
        with Grid(id="coin-slot"):
            for coin in ACCEPTED_YEN + INVALID_COINS:
                # full-size buttons with a border: a finger's target, 3 rows high
                button = TapButton(coin_label(coin).get(self.lang), id=f"coin-{coin}",
                                   classes="coin" + (" invalid" if coin not in ACCEPTED_YEN else ""))
                button.active_effect_duration = 0     # coins go in as fast as a hand can
                yield button
        with Horizontal(classes="actions"):
            yield self.button("cancel", "cancel", "error")    # 取消: asked first, then refunded

    def on_mount(self) -> None:
        self._amounts()

    def _amounts(self) -> None:
        c = self.ctx
        due = c.total_yen
        inserted = c.payment.inserted_yen if c.payment else 0
        for value_id, yen in (("due", due), ("inserted", inserted), ("remaining", max(0, due - inserted))):
            # the value column is a fixed share of the grid: no layout needed
            self.query_one(f"#{value_id}", Label).update(msg("yen", yen=f"{yen:,}").get(self.lang),
                                                         layout=False)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.send(Event.QUIT)

    @on(Button.Pressed, ".coin")
    def insert(self, event: Button.Pressed) -> None:
        raw = event.button.id.removeprefix("coin-")  # type: ignore[union-attr]
        self.post_message(CoinDropped(int(raw) if raw.isdigit() else raw))

    async def refresh_content(self) -> None:
        self._amounts()
        self.show_notice(None)
