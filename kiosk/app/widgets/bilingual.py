"""A text in the primary language with its secondary beneath, dimmed: English under Japanese,
Japanese under English and under Chinese (`Msg.secondary`). Broken into lines as prose
(`Prose`: 禁則処理, whole English words), at any width."""

from __future__ import annotations

from textual.content import Content

from kiosk.app.widgets.prose import Prose
from kiosk.catalogue import Msg


class Bilingual(Prose):
    DEFAULT_CSS = """
    Bilingual { height: auto; width: 1fr; }
    """

    # No message yet (None): an empty line that `show` fills in later.
    def __init__(self, message: Msg | None, lang: str = "ja", *, secondary: bool = True,
                 **kwargs) -> None:
        self._lang, self._secondary = lang, secondary
        self._shown = self._text(message)
        super().__init__(self._shown, **kwargs)

    def _text(self, message: Msg | None) -> Content:
        if message is None:
            return Content("")
        text, beneath = message.get(self._lang), message.secondary(self._lang)
        if not self._secondary or beneath == text:
            return Content(text)
        return Content(f"{text}\n").append(Content.styled(beneath, "dim"))

    def show(self, message: Msg | None) -> None:
        text = self._text(message)
        if text.markup != self._shown.markup:       # the reminders are re-shown on every tick
            self._shown = text
            self.update(text)
