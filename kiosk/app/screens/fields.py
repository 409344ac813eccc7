"""⑧ 記載事項選択: 有/無 for each item the certificate can show (無 unless chosen)."""

from __future__ import annotations

from textual import on
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from backend.api import PrintedField
from kiosk.app.screens.base import KioskScreen
from kiosk.catalogue import field_name, text
from kiosk.flow import Event


class FieldsScreen(KioskScreen):
    SCREEN_ID = "fields"
    STEP = "⑧"
    AUTO_FOCUS = "#confirm"

    def __init__(self) -> None:
        super().__init__()
        self._chosen: set[PrintedField] = set()

    def content_key(self) -> tuple:
        offering = self.ctx.offering
        return (offering.fields if offering else (),)

    def reset_input(self) -> None:
        self._chosen = set(self.ctx.fields or ())
        for button in self.query(".yes-no").results(Button):
            name, answer = button.id.removeprefix("field-").rsplit("-", 1)  # type: ignore[union-attr]
            button.variant = "primary" if (PrintedField(name) in self._chosen) == (answer == "yes") else "default"

    def body(self):
        offering = self.ctx.offering
        if self.ctx.fields is not None and not self._chosen:
            self._chosen = set(self.ctx.fields)
        yield self.say("fields_prompt", classes="prompt")
        with Vertical(id="field-rows"):
            for f in offering.fields if offering else ():
                with Horizontal(classes="field-row"):
                    yield Label(field_name(f).get(self.lang), classes="field-name")
                    yield self._choice(f, True)
                    yield self._choice(f, False)
        yield self.notice()
        with Horizontal(classes="actions"):
            yield self.button("back", "back")
            yield self.button("confirm", "confirm", "primary")

    def _choice(self, f: PrintedField, yes: bool) -> Button:
        selected = (f in self._chosen) == yes
        return Button(text("yes" if yes else "no", self.lang), id=f"field-{f.value}-{'yes' if yes else 'no'}",
                      variant="primary" if selected else "default", classes="yes-no")

    @on(Button.Pressed, ".yes-no")
    def toggle(self, event: Button.Pressed) -> None:
        name, answer = event.button.id.removeprefix("field-").rsplit("-", 1)  # type: ignore[union-attr]
        f = PrintedField(name)
        (self._chosen.add if answer == "yes" else self._chosen.discard)(f)
        for yes in (True, False):
            button = self.query_one(f"#field-{f.value}-{'yes' if yes else 'no'}", Button)
            button.variant = "primary" if (f in self._chosen) == yes else "default"

    @on(Button.Pressed, "#confirm")
    def confirm(self) -> None:
        self.send(Event.FIELDS_CHOSEN, fields=frozenset(self._chosen))

    @on(Button.Pressed, "#back")
    def back(self) -> None:
        self.send(Event.BACK)
