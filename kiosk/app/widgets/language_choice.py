"""The top screen's language buttons: 日本語 / English / 中文, each named in its own language
whatever the screens show, so that a person finds theirs without reading the others."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button

from kiosk.app.messages import LanguageChosen
from kiosk.app.widgets.containers import Horizontal
from kiosk.app.widgets.tap_button import TapButton
from kiosk.catalogue import LANGUAGE_NAMES

# The language shown, marked by more than its colour (not ●: that is what ④ shows for a digit)
CHOSEN, NOT_CHOSEN = "◉", "○"


class LanguageChoice(Horizontal):
    """Three buttons as big as the top menu's (three rows: a finger's), at the top right, clear
    of the notices that come up at the bottom right; a tap posts `LanguageChosen`, which the
    app hands to the terminal."""

    DEFAULT_CSS = """
    LanguageChoice { dock: top; height: 3; align: right middle; }
    LanguageChoice Button { min-width: 12; height: 3; margin-left: 1; }
    """

    def __init__(self, lang: str) -> None:
        super().__init__(id="languages")
        self._lang = lang

    def compose(self) -> ComposeResult:
        for lang, name in LANGUAGE_NAMES.items():
            chosen = lang == self._lang
            yield TapButton(f"{CHOSEN if chosen else NOT_CHOSEN} {name}", id=f"lang-{lang}",
                            variant="primary" if chosen else "default", classes="language")

    @on(Button.Pressed, ".language")
    def choose(self, event: Button.Pressed) -> None:
        event.stop()
        lang = (event.button.id or "").removeprefix("lang-")
        if lang != self._lang:
            self.post_message(LanguageChosen(lang))
