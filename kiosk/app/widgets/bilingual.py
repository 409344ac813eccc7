"""A text in the primary language with its secondary beneath, fainter: English under
Japanese, Japanese under English and under Chinese (`Msg.secondary`). Broken into lines as
prose (`Prose`: 禁則処理, whole English words), at any width."""

from __future__ import annotations

from textual.content import Content

from kiosk.app.widgets.contrast import faded
from kiosk.app.widgets.prose import Prose
from kiosk.catalogue import Msg


class Bilingual(Prose):
    DEFAULT_CSS = """
    Bilingual { height: auto; width: 1fr; }
    """

    _beneath_at: int | None = None    # where the line beneath starts in the text (None: none)
    _shaded: tuple[Content, tuple, Content] | None = None   # (text, colours, text shaded)

    # No message yet (None): an empty line that `show` fills in later.
    def __init__(self, message: Msg | None, lang: str = "ja", *, secondary: bool = True,
                 **kwargs) -> None:
        self._lang, self._secondary = lang, secondary
        self._shown, self._beneath_at = self._text(message)
        super().__init__(self._shown, **kwargs)

    def _text(self, message: Msg | None) -> tuple[Content, int | None]:
        """The text shown for `message`, and where its line beneath starts."""
        if message is None:
            return Content(""), None
        text, beneath = message.get(self._lang), message.secondary(self._lang)
        if not self._secondary or beneath == text:
            return Content(text), None
        return Content(f"{text}\n{beneath}"), len(text) + 1

    def prose(self) -> Content:
        """The text, its line beneath in the text's colour faded towards the background as
        far as it still reads at arm's length (Textual's `dim` fades it to 66%: 6.6:1 on the
        kiosk's background, under 5:1 in its orange)."""
        text = self._shown
        if self._beneath_at is None:
            return text
        style = self.visual_style
        if style.foreground is None or style.background is None:
            return text
        colours = (style.foreground, style.background)
        shaded = self._shaded
        if shaded is None or shaded[0] is not text or shaded[1] != colours:
            colour = faded(*colours)
            shaded = self._shaded = (text, colours, text.stylize(colour.hex, self._beneath_at))
        return shaded[2]

    def show(self, message: Msg | None) -> None:
        text, beneath_at = self._text(message)
        if (text.plain, beneath_at) != (self._shown.plain, self._beneath_at):
            # (re-shown on every tick) A text as many rows high as the one it replaces leaves
            # the layout as it is: only this line is drawn again (the municipality's name
            # coming back, the copies printed, a notice of one line for another).
            width = self.sized_by_width()
            rows = None if width is None else self.height_for(width)
            self._shown, self._beneath_at = text, beneath_at
            self.update(text, layout=width is None or self.height_for(width) != rows)
