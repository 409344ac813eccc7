"""A numeric keypad in the style of Textual's calculator example: 1–9, 訂正, 0, 確定する."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid

from kiosk.app.widgets.tap_button import TapButton
from kiosk.catalogue import text

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "correct", "0", "confirm")


class Keypad(Grid):
    """Buttons `#key-0` … `#key-9`, `#key-correct` (訂正) and `#confirm` (確定する)."""

    def __init__(self, lang: str) -> None:
        super().__init__(id="keypad")
        self._lang = lang

    def compose(self) -> ComposeResult:
        for key in KEYS:
            if key == "correct":
                yield TapButton(text("correct", self._lang), id="key-correct", variant="warning")
            elif key == "confirm":
                yield TapButton(text("confirm", self._lang), id="confirm", variant="primary")
            else:
                button = TapButton(key, id=f"key-{key}", classes="digit")
                button.active_effect_duration = 0     # 1, 1 typed quickly is eleven
                yield button
