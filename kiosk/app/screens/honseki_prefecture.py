"""利用登録申請: the 本籍地's 都道府県, a page at a time (47 do not fit one screen)."""

from __future__ import annotations

from textual import on

from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets.paged_choice import Choice, PagedChoice
from kiosk.flow import Event


class HonsekiPrefectureScreen(KioskScreen):
    SCREEN_ID = "honseki_prefecture"
    MAIN_ACTION = ("#paged-choice .-primary", "#paged-choice Button.choice")

    STEP_TEXT = "registration_step"

    def content_key(self) -> tuple:
        return (self.ctx.prefectures, self.ctx.prefecture)

    def body(self):
        yield self.say("prefecture_prompt", classes="prompt")
        yield PagedChoice(self.lang, [Choice(p, p) for p in self.ctx.prefectures],
                          chosen=self.ctx.prefecture)
        yield self.notice()

    @on(PagedChoice.Chosen)
    def choose(self, message: PagedChoice.Chosen) -> None:
        self.send(Event.PREFECTURE_CHOSEN, prefecture=message.choice_id)
