"""暗証番号初期化: the new signing password, typed twice on the on-screen keyboard and shown
only as ●, with the rule on screen. It goes to the card and nowhere else."""

from __future__ import annotations

from textual import events, on

from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets.bilingual import Bilingual
from kiosk.app.widgets.secret_keyboard import SecretKeyboard
from kiosk.catalogue import msg, reason_message
from kiosk.flow import Event
from kiosk.flow.entries import signing_pin_problem


class NewSigningPinScreen(KioskScreen):
    SCREEN_ID = "new_signing_pin"
    STEP_TEXT = "pin_reset_step"
    MAIN_ACTION = ("#secret-confirm",)

    _first: str | None = None          # the first entry, until the second matches it

    def body(self):
        yield Bilingual(msg("new_signing_pin_prompt"), self.lang, id="signing-prompt",
                        classes="prompt")
        yield self.say("keep_card_on", classes="attention")
        yield SecretKeyboard(self.lang, most=16)
        yield self.notice()

    def reset_input(self) -> None:
        self._first = None
        for keyboard in self.query(SecretKeyboard):
            keyboard.reset()
        for prompt in self.query("#signing-prompt").results(Bilingual):
            prompt.show(msg("new_signing_pin_prompt"))

    async def refresh_content(self) -> None:
        self.reset_input()

    def on_key(self, event: events.Key) -> None:
        for keyboard in self.query(SecretKeyboard):     # keys the keyboard did not take itself
            keyboard.type_key(event)

    @on(SecretKeyboard.Submitted)
    def submit(self, message: SecretKeyboard.Submitted) -> None:
        value, first = message.value, self._first
        message.keyboard.reset()
        problem = signing_pin_problem(value, first)
        if problem is not None:
            self.reset_input()
            self.show_notice(reason_message(problem))
            return
        if first is None:                               # once more, to be sure
            self._first = value
            self.show_notice(None)
            for prompt in self.query("#signing-prompt").results(Bilingual):
                prompt.show(msg("new_signing_pin_again"))
            return
        self._first = None
        self.send(Event.SIGNING_PIN_ENTERED, secret=value)

    @on(SecretKeyboard.Changed)
    def typed(self) -> None:
        self.show_notice(None)
