"""利用登録申請: the 本籍地's 市区町村 in the chosen 都道府県. Those that take no application
stay in the list, disabled, each with its reason (和泉市: お住まいの方のみ)."""

from __future__ import annotations

from textual import on

from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets.containers import Horizontal
from kiosk.app.widgets.paged_choice import Choice, PagedChoice
from kiosk.catalogue import reason_message
from kiosk.flow import Event


class HonsekiMunicipalityScreen(KioskScreen):
    SCREEN_ID = "honseki_municipality"
    STEP_TEXT = "registration_step"
    MAIN_ACTION = ("#paged-choice .-primary", "#paged-choice Button.choice")

    def content_key(self) -> tuple:
        return (self.ctx.honseki_choices, self.ctx.honseki_code)

    def choices(self) -> list[Choice]:
        return [Choice(h.code, h.name, h.accepts,
                       None if h.accepts or h.reason is None
                       else reason_message(h.reason).get(self.lang))
                for h in self.ctx.honseki_choices]

    def body(self):
        yield self.say("honseki_prompt", classes="prompt")
        yield PagedChoice(self.lang, self.choices(), chosen=self.ctx.honseki_code)
        yield self.notice()
        with Horizontal(classes="actions"):
            yield self.button("back", "back")

    @on(PagedChoice.Chosen)
    def choose(self, message: PagedChoice.Chosen) -> None:
        self.send(Event.HONSEKI_CHOSEN, code=message.choice_id)
