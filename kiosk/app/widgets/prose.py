"""Text a person reads, broken into lines by the kiosk's own rules (`kiosk.app.prose`: 禁則処理
for Japanese and Chinese, whole words for English) rather than Textual's, which folds a text
without spaces at any character (「…必要で」 / 「す。」)."""

from __future__ import annotations

from typing import Any, cast

from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.visual import Visual, VisualType
from textual.widgets import Static

from kiosk.app.prose import line_spans


class Prose(Static):
    """A `Static` whose text is broken into lines for its content width, and again whenever
    that width changes (a resize). Its `visual` stays the text as given, unbroken.
    `breaks_after`: the text is a list, broken only after its separators (`prose.wrap`)."""

    DEFAULT_CSS = "Prose { height: auto; }"

    _broken: tuple[Visual, int, Visual] | None = None     # (text, width, its lines)

    def __init__(self, content: VisualType = "", *, breaks_after: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self.breaks_after = breaks_after

    def prose(self) -> Visual:
        """What is broken into lines: the text as given (a subclass may style it first)."""
        return self.visual

    def render(self) -> Visual:
        return self.lines_for(self.size.width)

    def lines_for(self, width: int) -> Visual:
        """The text as lines for `width` cells of content (as given where it cannot be
        broken: no width yet, `text-wrap: nowrap`, or not text)."""
        text = self.prose()
        width -= 2 * self.styles.line_pad
        if not isinstance(text, Content) or width < 1 or self.styles.text_wrap == "nowrap":
            return text
        broken = self._broken
        if broken is None or broken[0] is not text or broken[1] != width:
            spans = line_spans(text.plain, width, breaks_after=self.breaks_after)
            lines = Content("\n").join(text[start:end] for start, end in spans)
            broken = self._broken = (text, width, lines)
        return broken[2]

    def height_for(self, width: int) -> int:
        """The rows the text takes as lines for `width` cells of content."""
        return self.lines_for(width).get_height(self._rules(), width)

    def sized_by_width(self) -> int | None:
        """The content width when the widget's size follows from its text's height alone (it
        is laid out, and its width is set, not `auto`); None otherwise."""
        width = self.styles.width
        if not self.is_mounted or width is None or width.is_auto:
            return None
        return self.content_size.width or None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not width:
            return 0
        return self.height_for(width)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        # as wide as the text unbroken (for `width: auto`), not as its lines at the last width
        return self.prose().get_optimal_width(self._rules(), container.width)

    def _rules(self) -> RulesMap:
        # (what Textual's own widgets pass: the styles, read as a map of rules)
        return cast(RulesMap, self.styles)
