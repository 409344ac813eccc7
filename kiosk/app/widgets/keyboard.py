"""What the two on-screen keyboards (`KanaKeyboard`, `SecretKeyboard`) have in common: the bar
under the keys (the pager, then 訂正, 全部消す and 確定する at the right, on every page in the
same place) and a real keyboard's keys (Backspace is 訂正, Enter is 確定する, a character
types itself where the keyboard has it)."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.widgets import Button, Static

from kiosk.app.widgets.containers import Horizontal, Vertical
from kiosk.app.widgets.pager import Pager, Paging
from kiosk.app.widgets.tap_button import TapButton
from kiosk.catalogue import text

#: The bar's keys: (the id after the prefix, the catalogue key of its label, its look)
EDIT_KEYS = (("correct", "delete_last", "warning"), ("clear", "clear_all", "warning"),
             ("confirm", "confirm", "primary"))


class Keyboard(Vertical):
    """A keyboard whose ids start with `PREFIX` (`#kana-correct`, `#secret-confirm`…): the
    subclass composes its keys and then `bar()`, keeps its `_paging` and shows a page in
    `_paint`, and says what a key (`press`) and a typed character (`type_character`) do."""

    PREFIX: ClassVar[str] = "keyboard"
    DEFAULT_CSS = """
    Keyboard { height: 1fr; }
    Keyboard .keyboard-bar { height: 3; }
    Keyboard .keyboard-gap { width: 1fr; }
    Keyboard .keyboard-edit { width: auto; min-width: 10; height: 3; margin-left: 1; }
    """

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lang = lang
        self._paging = Paging()

    @property
    def paging(self) -> Paging:
        """The keys shown: page `paging.page` of `paging.pages`."""
        return self._paging

    def bar(self) -> ComposeResult:
        with Horizontal(id=f"{self.PREFIX}-bar", classes="keyboard-bar"):
            yield Pager(self._lang)
            yield Static(classes="keyboard-gap")
            for key, label, variant in EDIT_KEYS:
                yield TapButton(text(label, self._lang), id=f"{self.PREFIX}-{key}",
                                classes="keyboard-edit", variant=variant)  # type: ignore[arg-type]

    def press(self, key: str) -> None:
        """A key by its id without the prefix: the bar's are "correct", "clear", "confirm"."""
        raise NotImplementedError

    def type_character(self, char: str) -> bool:
        """A character typed on a real keyboard or by a scenario (or the name of a key that
        has none, `f1`): False if not one of these keys."""
        raise NotImplementedError

    def _paint(self) -> None:
        """Show the page `_paging` is on, and the pager as it stands."""
        raise NotImplementedError

    def type_key(self, event: events.Key) -> bool:
        """A key of a real keyboard: True if taken (and stopped there, so that Enter on a
        focused key does not press it as well)."""
        if event.key == "backspace":
            self.press("correct")
        elif event.key == "enter":
            self.press("confirm")
        elif not self.type_character(event.character or event.key):
            return False
        event.stop()
        event.prevent_default()
        return True

    def on_key(self, event: events.Key) -> None:
        self.type_key(event)

    @on(Button.Pressed, ".keyboard-edit")
    def _edit(self, event: Button.Pressed) -> None:
        event.stop()
        self.press((event.button.id or "").removeprefix(f"{self.PREFIX}-"))

    @on(Pager.Turned)
    def _turn(self, message: Pager.Turned) -> None:
        message.stop()
        self._paging = self._paging.turned(message.step)
        self._paint()
