"""A text in the primary language with its secondary beneath, dimmed: English under Japanese,
Japanese under English and under Chinese (`Msg.secondary`)."""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static

from kiosk.catalogue import Msg


class Bilingual(Static):
    DEFAULT_CSS = """
    Bilingual { height: auto; width: 1fr; }
    """

    # No message yet (None): an empty line that `show` fills in later.
    def __init__(self, message: Msg | None, lang: str = "ja", *, secondary: bool = True,
                 **kwargs) -> None:
        self._shown = self._markup(message, lang, secondary)
        super().__init__(self._shown, **kwargs)
        self._lang, self._secondary = lang, secondary

    @staticmethod
    def _markup(message: Msg | None, lang: str, secondary: bool) -> str:
        if message is None:
            return ""
        text = escape(message.get(lang))
        beneath = message.secondary(lang)
        if secondary and beneath != message.get(lang):
            text += f"\n[dim]{escape(beneath)}[/dim]"
        return text

    def show(self, message: Msg | None) -> None:
        markup = self._markup(message, self._lang, self._secondary)
        if markup != self._shown:          # the reminders are re-shown on every tick
            self._shown = markup
            self.update(markup)
