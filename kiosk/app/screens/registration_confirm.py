"""利用登録申請: what will be sent (the 本籍地 and the 筆頭者), then 申請する."""

from __future__ import annotations

from textual import on
from textual.widgets import Button, Label

from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets.containers import Grid, Horizontal
from kiosk.catalogue import text
from kiosk.flow import Event


class RegistrationConfirmScreen(KioskScreen):
    SCREEN_ID = "registration_confirm"
    STEP_TEXT = "registration_step"
    MAIN_ACTION = ("#confirm",)

    def rows(self) -> list[tuple[str, str]]:
        choice = self.ctx.honseki_choice
        honseki = f"{choice.prefecture} {choice.name}" if choice else ""
        return [("registration_honseki", honseki),
                ("registration_hittosha", self.ctx.hittosha_kana)]

    def content_key(self) -> tuple:
        return tuple(self.rows())

    def holds_personal_data(self) -> bool:
        return True                     # the 筆頭者's name

    def body(self):
        yield self.say("registration_confirm_prompt", classes="prompt")
        with Grid(id="registration-summary"):
            for item, value in self.rows():
                yield Label(text(item, self.lang), classes="item")
                yield Label(value, classes="value", markup=False)
        yield self.say("registration_note")
        yield self.notice()
        with Horizontal(classes="actions"):
            yield self.button("back", "back")
            yield self.button("registration_apply", "confirm", "primary")

    @on(Button.Pressed, "#confirm")
    def apply(self) -> None:
        self.send(Event.CONFIRMED)
