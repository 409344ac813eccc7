"""⑦ 世帯の一部: choose whom the certificate shows (the household comes from the centre)."""

from __future__ import annotations

from textual import on
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox

from kiosk.app.screens.base import KioskScreen
from kiosk.flow import Event


class MembersScreen(KioskScreen):
    SCREEN_ID = "members"
    STEP = "⑦"
    AUTO_FOCUS = "#member-list Checkbox"

    def content_key(self) -> tuple:
        return (self.ctx.members,)

    def holds_personal_data(self) -> bool:
        return self._built_from is not None      # the household's names

    def reset_input(self) -> None:
        chosen = set(self.ctx.member_ids)
        for box in self.query(Checkbox):
            box.value = box.id.removeprefix("member-") in chosen  # type: ignore[union-attr]

    def body(self):
        yield self.say("members_prompt", classes="prompt")
        chosen = set(self.ctx.member_ids)
        with VerticalScroll(id="member-list", can_focus=False):
            for m in self.ctx.members:
                yield Checkbox(f"{m.name}（{m.relation}）", m.member_id in chosen,
                               id=f"member-{m.member_id}")
        yield self.notice()
        with Horizontal(classes="actions"):
            yield self.button("back", "back")
            yield self.button("confirm", "confirm", "primary")

    def chosen(self) -> tuple[str, ...]:
        return tuple(box.id.removeprefix("member-") for box in self.query(Checkbox)  # type: ignore[union-attr]
                     if box.value)

    @on(Button.Pressed, "#confirm")
    def confirm(self) -> None:
        self.send(Event.MEMBERS_CHOSEN, member_ids=self.chosen())
