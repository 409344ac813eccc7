"""⑨ 部数選択: keypad 1–9, 0, 訂正, 確定する; at most 10 (最大10部)."""

from __future__ import annotations

from textual import events, on

from backend.reasons import Reason
from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets import KeypadEntry
from kiosk.app.widgets.containers import Horizontal
from kiosk.catalogue import reason_message, text
from kiosk.flow import Event

MAX_DIGITS = 2   # enough to type 11 and be told 10 is the most


class CopiesScreen(KioskScreen):
    SCREEN_ID = "copies"
    STEP = "⑨"
    MAIN_ACTION = ("#confirm",)    # digits from the keys, Enter confirms

    def _chosen(self) -> str:
        return str(self.ctx.copies) if self.ctx.copies else ""

    def reset_input(self) -> None:
        if (entry := self.one("KeypadEntry", KeypadEntry)) is not None:
            entry.reset(self._chosen())    # an edit from ⑩: the first digit replaces it

    def body(self):
        yield self.say("copies_prompt", classes="prompt")
        yield KeypadEntry("copies", self.lang, most=MAX_DIGITS, zero_first=False,
                          shown=lambda typed: text("copies_unit", self.lang, n=typed or "＿"),
                          label=text("copies_label", self.lang), notice=self.notice(),
                          value=self._chosen())
        with Horizontal(classes="actions"):
            yield self.button("back", "back")

    @property
    def typed(self) -> str:
        return next((entry.value for entry in self.query(KeypadEntry)), "")

    def on_key(self, event: events.Key) -> None:
        for entry in self.query(KeypadEntry):
            entry.type_key(event)

    @on(KeypadEntry.Typed)
    def typed_one(self) -> None:
        self.show_notice(None)

    @on(KeypadEntry.Submitted)
    def submit(self, message: KeypadEntry.Submitted) -> None:
        if not message.value:
            self.show_notice(reason_message(Reason.INVALID_COPIES))
            return
        self.send(Event.COPIES_CHOSEN, copies=int(message.value))
