"""The kiosk's button: pressed by a finger on the touch screen."""

from __future__ import annotations

from textual.widgets import Button


class TapButton(Button):
    """A button that a tap presses without taking the keyboard focus. The focus stays where
    the step put it (its main action), so that Enter on a keyboard still does that after a
    tap on, say, a keypad digit; and a tap costs no focus restyle of two buttons."""

    def focus_on_click(self) -> bool:
        return False
