"""The kiosk's button: pressed by a finger on the touch screen."""

from __future__ import annotations

from textual import events
from textual.widgets import Button


class TapButton(Button):
    """A button that a tap presses without taking the keyboard focus. The focus stays where
    the step put it (its main action), so that Enter on a keyboard still does that after a
    tap on, say, a keypad digit; and a tap costs no focus restyle of two buttons.

    The button takes the whole tap: its mouse down and up stop here, as Textual's Button
    already stops the click, rather than travelling up through every container to the app."""

    def focus_on_click(self) -> bool:
        return False

    # Async as the handlers they override are; with nothing awaited they run straight through.
    async def _on_mouse_down(self, event: events.MouseDown) -> None:
        event.stop()

    async def _on_mouse_up(self, event: events.MouseUp) -> None:
        event.stop()
