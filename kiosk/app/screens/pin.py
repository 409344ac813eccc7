"""④ 暗証番号の入力: 4 digits, shown only as ●; they go to the card and nowhere else."""

from __future__ import annotations

from textual import events, on

from backend.reasons import Reason
from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets import KeypadEntry
from kiosk.catalogue import Msg, msg, reason_message
from kiosk.flow import Event

PIN_LENGTH = 4


def dots(typed: str) -> str:
    return " ".join("●" if i < len(typed) else "＿" for i in range(PIN_LENGTH))


class PinScreen(KioskScreen):
    SCREEN_ID = "pin"
    STEP = "④"
    MAIN_ACTION = ("#confirm",)    # digits from the keys, Enter confirms

    def body(self):
        yield self.say("pin_prompt", classes="prompt")
        yield KeypadEntry("pin", self.lang, most=PIN_LENGTH, shown=dots,
                          notice=self.notice(self._notice()))

    def reset_input(self) -> None:
        if (entry := self.one("KeypadEntry", KeypadEntry)) is not None:
            entry.reset()

    def _notice(self) -> Msg | None:
        ctx = self.ctx
        if ctx.notice == Reason.PIN_WRONG and ctx.tries_left is not None:
            return msg("pin_wrong_last") if ctx.tries_left == 1 else msg("pin_wrong",
                                                                          tries=ctx.tries_left)
        return reason_message(ctx.notice) if ctx.notice else None

    def on_key(self, event: events.Key) -> None:
        for entry in self.query(KeypadEntry):
            entry.type_key(event)

    @on(KeypadEntry.Submitted)
    def submit(self, message: KeypadEntry.Submitted) -> None:
        if len(message.value) != PIN_LENGTH:
            self.show_notice(msg("pin_need_four"))
            return
        message.entry.reset()
        self.send(Event.PIN_SUBMITTED, secret=message.value)

    async def refresh_content(self) -> None:
        self.reset_input()
        self.show_notice(self._notice())
