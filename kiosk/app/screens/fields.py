"""⑧ 記載事項選択: 有/無 for each item the certificate can show (無 unless chosen)."""

from __future__ import annotations

from textual import on
from textual.widgets import Button, Label

from backend.api import PrintedField
from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets import TapButton
from kiosk.app.widgets.containers import Horizontal, Vertical
from kiosk.catalogue import field_name, text
from kiosk.flow import Event


class FieldsScreen(KioskScreen):
    SCREEN_ID = "fields"
    STEP = "⑧"
    MAIN_ACTION = ("#confirm",)

    _chosen: frozenset[PrintedField] = frozenset()    # the answers being toggled here

    def content_key(self) -> tuple:
        offering = self.ctx.offering
        return (offering.fields if offering else (),)

    def reset_input(self) -> None:
        self._chosen = frozenset(self.ctx.fields or ())
        self._paint()

    def _paint(self) -> None:
        """Each yes/no pair shows the answer chosen: ● on it, ○ on the other (and colour)."""
        for button in self.query(".yes-no").results(Button):
            f, yes = _answer(button)
            button.variant = self._variant(f, yes)
            button.label = self._label(f, yes)

    def _label(self, f: PrintedField, yes: bool) -> str:
        mark = "●" if (f in self._chosen) == yes else "○"
        return f"{mark} {text('yes' if yes else 'no', self.lang)}"

    def _variant(self, f: PrintedField, yes: bool) -> str:
        return "primary" if (f in self._chosen) == yes else "default"

    def body(self):
        offering = self.ctx.offering
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
        answer = "yes" if yes else "no"
        return TapButton(self._label(f, yes), id=f"field-{f.value}-{answer}",
                         variant=self._variant(f, yes), classes="yes-no")  # type: ignore[arg-type]

    @on(Button.Pressed, ".yes-no")
    def toggle(self, event: Button.Pressed) -> None:
        f, yes = _answer(event.button)
        self._chosen = self._chosen | {f} if yes else self._chosen - {f}
        self._paint()

    @on(Button.Pressed, "#confirm")
    def confirm(self) -> None:
        self.send(Event.FIELDS_CHOSEN, fields=self._chosen)


def _answer(button: Button) -> tuple[PrintedField, bool]:
    """The field and the answer (yes: True) of a `field-<name>-yes|no` button."""
    name, answer = button.id.removeprefix("field-").rsplit("-", 1)  # type: ignore[union-attr]
    return PrintedField(name), answer == "yes"
