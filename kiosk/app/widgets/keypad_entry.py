"""The entry of ④ 暗証番号 and ⑨ 部数: a display, the keypad (1–9, 訂正, 0, 確定する) in the
style of Textual's calculator example, and the keyboard's digits (Backspace is 訂正)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Static

from kiosk.app.widgets.containers import Grid, Horizontal, Vertical
from kiosk.app.widgets.tap_button import TapButton
from kiosk.catalogue import text

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "correct", "0", "confirm")


class KeypadEntry(Vertical):
    """Buttons `#key-0` … `#key-9`, `#key-correct` (訂正) and `#confirm` (確定する) under a
    one-line display `#<name>-display`. Posts `Typed` on each key and `Submitted` on 確定する;
    what is typed stays here (a PIN goes nowhere else until it is submitted)."""

    DEFAULT_CSS = "KeypadEntry { height: auto; }"

    @dataclass
    class Typed(Message):
        entry: KeypadEntry

    @dataclass
    class Submitted(Message):
        entry: KeypadEntry
        value: str

    def __init__(self, name: str, lang: str, *, most: int, shown: Callable[[str], str],
                 label: str | None = None, notice: Widget | None = None, zero_first: bool = True,
                 value: str = "") -> None:
        super().__init__(id=f"{name}-entry")
        self._name, self._lang, self._most, self._shown = name, lang, most, shown
        self._label, self._notice, self._zero_first = label, notice, zero_first
        self.reset(value)

    @property
    def value(self) -> str:
        return self._value

    def reset(self, value: str = "") -> None:
        """Start again from `value` (what was chosen before: the first key replaces it)."""
        self._value, self._fresh = value, True
        self._show()

    def compose(self) -> ComposeResult:
        with Horizontal(id="entry-row"):
            if self._label is not None:
                yield Static(self._label, classes="display-label")
            yield Static(self._shown(self._value), id=f"{self._name}-display", classes="display")
            if self._notice is not None:
                yield self._notice
        with Grid(id="keypad"):
            for key in KEYS:
                if key == "correct":
                    yield TapButton(text("correct", self._lang), id="key-correct", variant="warning")
                elif key == "confirm":
                    yield TapButton(text("confirm", self._lang), id="confirm", variant="primary")
                else:
                    button = TapButton(key, id=f"key-{key}", classes="digit")
                    button.active_effect_duration = 0     # 1, 1 typed quickly is eleven
                    yield button

    def press(self, key: str) -> None:
        """A key: "0"–"9", "correct" or "confirm"."""
        if key == "confirm":
            self.post_message(self.Submitted(self, self._value))
            return
        typed = self._value
        if key == "correct":
            typed = ""
        elif self._fresh:
            typed = key if self._zero_first or key != "0" else ""
        elif len(typed) < self._most and (typed or self._zero_first or key != "0"):
            typed += key
        self._value, self._fresh = typed, False
        self._show()
        self.post_message(self.Typed(self))

    def type_key(self, event: events.Key) -> bool:
        """A keyboard key typed on the step (digits type, Backspace is 訂正): True if taken.
        Enter presses the focused button (確定する, where the focus rests)."""
        if event.character and event.character.isdigit() and event.character.isascii():
            self.press(event.character)
        elif event.key == "backspace":
            self.press("correct")
        else:
            return False
        event.stop()
        return True

    @on(Button.Pressed, "#keypad Button")
    def _key(self, event: Button.Pressed) -> None:
        event.stop()
        self.press((event.button.id or "").removeprefix("key-"))

    def _show(self) -> None:
        # a fixed-width box of one line: no layout needed (none yet before it is composed)
        display = self.query_one_optional(f"#{self._name}-display", Static)
        if display is not None:
            display.update(self._shown(self._value), layout=False)
