"""⑩ 発行内容確認: every choice and the total; 前画面へ, or 訂正 on any item to go back to
its screen and return here."""

from __future__ import annotations

from textual import on
from textual.widgets import Button, Label

from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets import TapButton
from kiosk.app.widgets.containers import Grid, Horizontal, Vertical
from kiosk.app.widgets.prose import Prose
from kiosk.catalogue import FIELDS_SHORT, certificate_name, kind_name, msg, text
from kiosk.flow import Event

EDITS = {
    "edit-certificate": Event.EDIT_CERTIFICATE, "edit-kind": Event.EDIT_KIND,
    "edit-members": Event.EDIT_MEMBERS, "edit-fields": Event.EDIT_FIELDS,
    "edit-copies": Event.EDIT_COPIES,
}


class ConfirmScreen(KioskScreen):
    SCREEN_ID = "confirm"
    STEP = "⑩"
    MAIN_ACTION = ("#confirm",)

    def rows(self) -> list[tuple[str, str, str]]:
        """(item, value, edit button id) for each choice made."""
        c, lang = self.ctx, self.lang
        o = c.offering
        rows = []
        if c.certificate:
            rows.append(("item_certificate", certificate_name(c.certificate).get(lang), "edit-certificate"))
        if o and o.kinds and c.kind:
            rows.append(("item_kind", kind_name(c.kind).get(lang), "edit-kind"))
        if c.chooses_members:
            names = [m.name for m in c.members if m.member_id in c.member_ids]
            rows.append(("item_members", "、".join(names) or text("none", lang), "edit-members"))
        if o and o.fields:
            chosen = c.fields or frozenset()
            shown = "／".join(f"{FIELDS_SHORT[f].get(lang)} {text('yes' if f in chosen else 'no', lang)}"
                             for f in o.fields)
            rows.append(("item_fields", shown, "edit-fields"))
        if c.copies:
            rows.append(("item_copies", text("copies_unit", lang, n=c.copies), "edit-copies"))
        return rows

    def content_key(self) -> tuple:
        return tuple(self.rows())

    def holds_personal_data(self) -> bool:
        built = self._built_from[1] if self._built_from else ()
        return any(edit == "edit-members" for _, _, edit in built)   # members' names

    def body(self):
        yield self.say("confirm_prompt", classes="prompt")
        yield self.municipality()
        with Grid(id="summary"):
            for item, value, edit in self.rows():
                yield Label(text(item, self.lang), classes="item")
                # a list (members' names, 有/無 of each field) breaks between its items only
                yield Prose(value, breaks_after="、／", markup=False, classes="value",
                            id=f"value-{edit.removeprefix('edit-')}")
                yield TapButton(text("edit", self.lang), id=edit, classes="edit")
        with Horizontal(classes="actions"):
            # the total and the notice beside the actions: five 3-row items fit 80×24
            with Vertical(id="confirm-sums"):
                with Horizontal(id="total-row"):
                    yield Label(text("item_total", self.lang), classes="item total")
                    yield Label(msg("yen", yen=f"{self.ctx.total_yen:,}").get(self.lang),
                                id="total", classes="value total")
                yield self.notice()
            yield self.button("back", "back")
            yield self.button("confirm", "confirm", "primary")

    @on(Button.Pressed, ".edit")
    def edit(self, event: Button.Pressed) -> None:
        self.send(EDITS[event.button.id])  # type: ignore[index]

    @on(Button.Pressed, "#confirm")
    def confirm(self) -> None:
        self.send(Event.CONFIRMED)

    def on_mount(self) -> None:
        self.show_municipality()

    def reset_input(self) -> None:
        self.forget_municipality()

    async def refresh_content(self) -> None:
        self.show_municipality()
        total = self.query_one("#total", Label)
        shown = msg("yen", yen=f"{self.ctx.total_yen:,}").get(self.lang)
        if total.content != shown:        # (its width follows the text: a layout each time)
            total.update(shown)
