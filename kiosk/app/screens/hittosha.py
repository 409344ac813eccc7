"""利用登録申請: the 筆頭者 of the 本籍地's 戸籍, typed in katakana on the 五十音 keyboard (the
registration names a 戸籍 by its 本籍 and 筆頭者)."""

from __future__ import annotations

from textual import events, on

from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets.containers import Horizontal
from kiosk.app.widgets.kana_keyboard import KanaKeyboard
from kiosk.catalogue import reason_message
from kiosk.flow import Event
from kiosk.flow.entries import HITTOSHA_MOST, hittosha_problem


class HittoshaScreen(KioskScreen):
    SCREEN_ID = "hittosha"
    STEP_TEXT = "registration_step"
    MAIN_ACTION = ("#kana-confirm",)

    def body(self):
        yield self.say("hittosha_prompt", classes="prompt")
        yield KanaKeyboard(self.lang, most=HITTOSHA_MOST, value=self.ctx.hittosha_kana)
        yield self.notice()
        with Horizontal(classes="actions"):
            yield self.button("back", "back")

    def reset_input(self) -> None:
        for keyboard in self.query(KanaKeyboard):
            keyboard.reset(self.ctx.hittosha_kana)

    def on_key(self, event: events.Key) -> None:
        for keyboard in self.query(KanaKeyboard):     # keys the keyboard did not take itself
            keyboard.type_key(event)

    @on(KanaKeyboard.Submitted)
    def submit(self, message: KanaKeyboard.Submitted) -> None:
        problem = hittosha_problem(message.value)
        if problem is not None:
            self.show_notice(reason_message(problem))
            return
        self.send(Event.HITTOSHA_ENTERED, kana=message.value)

    @on(KanaKeyboard.Changed)
    def typed(self) -> None:
        self.show_notice(None)
