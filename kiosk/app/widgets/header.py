"""The header every step shows: 証明書交付サービス, the step, and 終了する."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label

from kiosk.app.widgets.containers import Horizontal
from kiosk.app.widgets.tap_button import TapButton
from kiosk.catalogue import text


class KioskHeader(Horizontal):
    def __init__(self, lang: str, step: str = "", *, quit_button: bool = True) -> None:
        super().__init__(id="header")
        self._lang, self._step, self._quit = lang, step, quit_button

    def compose(self) -> ComposeResult:
        title = text("title", self._lang)
        yield Label(f"{title}  {self._step}".rstrip(), id="title")
        if self._quit:
            yield TapButton(text("quit", self._lang), id="quit", variant="error")
