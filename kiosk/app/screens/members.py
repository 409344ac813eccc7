"""⑦ 世帯の一部: choose whom the certificate shows (the household comes from the centre).

A household longer than the screen is shown a page at a time, with 前へ / 次へ as real kiosks
have, never a scrollbar; each member is a big toggle marked ☑ / ☐ (not by colour alone), and
the actions stay on screen whatever the household's size.
"""

from __future__ import annotations

from textual import on
from textual.widgets import Button, Label

from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets import TapButton
from kiosk.app.widgets.containers import Horizontal, Vertical
from kiosk.catalogue import text
from kiosk.flow import Event

ROW = 3              # each member's toggle: rows high
RESERVED = 14        # rows the header, prompt, notice, pager and actions take (80×24: 3 a page)


class MembersScreen(KioskScreen):
    SCREEN_ID = "members"
    STEP = "⑦"
    MAIN_ACTION = ("#confirm",)

    _chosen: frozenset[str] = frozenset()      # the members being toggled here
    _page = 0

    def content_key(self) -> tuple:
        return (self.ctx.members, self.per_page())

    def holds_personal_data(self) -> bool:
        return self._built_from is not None      # the household's names

    def per_page(self) -> int:
        """As many members as fit the terminal's height (at least one)."""
        height = self.app.size.height if self.is_attached else 24
        return max(1, (height - RESERVED) // ROW)

    def pages(self) -> int:
        return max(1, -(-len(self.ctx.members) // self.per_page()))

    def reset_input(self) -> None:
        self._chosen, self._page = frozenset(self.ctx.member_ids), 0
        self._paint()

    def body(self):
        yield self.say("members_prompt", classes="prompt")
        with Vertical(id="member-list"):
            for m in self.ctx.members:
                yield TapButton(self._label(m.member_id), id=f"member-{m.member_id}",
                                classes="member")
        yield self.notice()
        with Horizontal(classes="actions"):
            yield self.button("page_previous", "page-previous")
            yield Label("", id="page-number", classes="page-number")
            yield self.button("page_next", "page-next")
            yield self.button("back", "back")
            yield self.button("confirm", "confirm", "primary")

    def on_mount(self) -> None:
        self._paint()

    async def refresh_content(self) -> None:
        self._paint()                  # (also after the household arrives and the body rebuilds)

    def on_resize(self) -> None:
        self._page = min(self._page, self.pages() - 1)
        self._paint()

    def _label(self, member_id: str) -> str:
        m = next(m for m in self.ctx.members if m.member_id == member_id)
        return f"{'☑' if member_id in self._chosen else '☐'} {m.name}（{m.relation}）"

    def _paint(self) -> None:
        """Show this page's members, each with its mark; the pager as it stands."""
        per_page = self.per_page()
        shown = {m.member_id for m in self.ctx.members[self._page * per_page:][:per_page]}
        for button in self.query(".member").results(Button):
            member_id = (button.id or "").removeprefix("member-")
            button.display = member_id in shown
            button.label = self._label(member_id)
            button.variant = "primary" if member_id in self._chosen else "default"
        many = self.pages() > 1
        for selector, step in (("#page-previous", -1), ("#page-next", 1)):
            for pager in self.query(selector).results(Button):
                pager.display = many
                pager.disabled = not 0 <= self._page + step < self.pages()
        for label in self.query("#page-number").results(Label):
            label.display = many
            label.update(text("page_of", self.lang, page=self._page + 1, pages=self.pages()))

    @on(Button.Pressed, ".member")
    def toggle(self, event: Button.Pressed) -> None:
        member_id = (event.button.id or "").removeprefix("member-")
        self._chosen = self._chosen ^ {member_id}
        self.show_notice(None)
        self._paint()

    @on(Button.Pressed, "#page-previous, #page-next")
    def turn(self, event: Button.Pressed) -> None:
        self._page += 1 if event.button.id == "page-next" else -1
        self._page = max(0, min(self._page, self.pages() - 1))
        self._paint()

    def chosen(self) -> tuple[str, ...]:
        return tuple(m.member_id for m in self.ctx.members if m.member_id in self._chosen)

    @on(Button.Pressed, "#confirm")
    def confirm(self) -> None:
        self.send(Event.MEMBERS_CHOSEN, member_ids=self.chosen())
