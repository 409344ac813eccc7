"""A step typed on the on-screen keypad (④ PIN, ⑨ copies): taps and the keyboard alike."""

from __future__ import annotations

from textual import events, on
from textual.widgets import Button

from kiosk.app.screens.base import KioskScreen


class KeypadEntryScreen(KioskScreen):
    """Digits, 訂正 and 確定する arrive as `press(key)`: "0"–"9", "correct", "confirm"."""

    def press(self, key: str) -> None:
        raise NotImplementedError

    @on(Button.Pressed, "#keypad Button")
    def key(self, event: Button.Pressed) -> None:
        self.press(event.button.id.removeprefix("key-"))  # type: ignore[union-attr]

    def on_key(self, event: events.Key) -> None:
        # Digit keys type and Backspace is 訂正, for keyboards and tmux; Enter presses the
        # focused button (確定する, where the focus rests).
        if event.character and event.character.isdigit() and event.character.isascii():
            event.stop()
            self.press(event.character)
        elif event.key == "backspace":
            event.stop()
            self.press("correct")
