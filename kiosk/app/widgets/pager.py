"""前へ / 次へ: a list longer than the screen shown a page at a time, as real kiosks do, never
with a scrollbar (the 本籍地 lists, the on-screen keyboards; ⑦ could use it too).

`Paging` is the arithmetic (pure: which things a page shows, where a turn or a new size
lands); `Pager` is the row of 前へ, the page number and 次へ that turns it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Button, Label

from kiosk.app.widgets.containers import Horizontal
from kiosk.app.widgets.tap_button import TapButton
from kiosk.catalogue import text


@dataclass(frozen=True)
class Paging:
    """Pages over things 0 … count − 1: page p shows [bounds[p], bounds[p + 1]); `page` is the
    one shown (always a page there is: 0 for an empty list)."""

    bounds: tuple[int, ...] = (0, 0)
    page: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "page", max(0, min(self.page, self.pages - 1)))

    @staticmethod
    def even(count: int, per_page: int, page: int = 0) -> Paging:
        """`per_page` things a page (at least one), the last page holding what is left."""
        return Paging.packed([1] * max(0, count), per_page, page)

    @staticmethod
    def packed(groups: Sequence[int], per_page: int, page: int = 0) -> Paging:
        """Pages of whole groups (the sizes `groups`, in order), as many as fit a page; a group
        that does not fit after others starts the next page, and one larger than a page is
        cut, filling pages of its own (A–M, N–Z, 0–9 keep together where a page holds them)."""
        per_page = max(1, per_page)
        bounds, used, start = [0], 0, 0
        for size in (max(0, g) for g in groups):
            if used and used + size > per_page:
                bounds.append(start)
                used = 0
            left = size
            while used + left > per_page:
                start, left, used = start + per_page - used, left - (per_page - used), 0
                bounds.append(start)
            start, used = start + left, used + left
        if bounds[-1] != start or len(bounds) == 1:
            bounds.append(start)
        return Paging(tuple(bounds), page)

    @property
    def count(self) -> int:
        return self.bounds[-1]

    @property
    def pages(self) -> int:
        return max(1, len(self.bounds) - 1)

    @property
    def first(self) -> int:
        """The first thing the page shows."""
        return self.bounds[self.page]

    def shows(self, index: int) -> bool:
        return self.bounds[self.page] <= index < self.bounds[self.page + 1]

    def shown(self) -> range:
        return range(self.bounds[self.page], self.bounds[self.page + 1])

    def page_of(self, index: int) -> int:
        """The page that shows `index` (the last page for one past the end)."""
        return next((p for p in range(self.pages) if index < self.bounds[p + 1]), self.pages - 1)

    def turned(self, step: int) -> Paging:
        """`step` pages on (−1: 前へ), staying within the first and the last page."""
        return Paging(self.bounds, self.page + step)

    def at(self, index: int) -> Paging:
        """The page that shows `index`."""
        return Paging(self.bounds, self.page_of(index))

    def relaid(self, other: Paging) -> Paging:
        """`other` (the same things laid out for a new size), on the page that shows what this
        page showed first: what a person was looking at stays in sight."""
        return other.at(self.first)


class Pager(Horizontal):
    """`#page-previous` (前へ), `#page-number` (1/4ページ) and `#page-next` (次へ), each a
    finger's size; all three hidden while there is one page (the row keeps its place, so that
    nothing around it moves). Posts `Pager.Turned(pager, step)`, −1 or +1; the owner keeps the
    `Paging`, shows the page and hands it back with `show`.

    ⑦ (members.py) could yield `Pager(lang)` where it yields its three widgets, take
    `Pager.Turned` instead of its `turn` handler and call `show(Paging.even(len(members),
    per_page, page))` from `_paint`: the ids are the same."""

    DEFAULT_CSS = """
    Pager { width: auto; height: 3; }
    Pager Button { width: auto; min-width: 10; height: 3; margin-right: 1; }
    Pager #page-number { width: auto; height: 3; content-align: center middle; padding: 0 1; }
    """

    @dataclass
    class Turned(Message):
        pager: Pager
        step: int

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="pager")
        self._lang = lang
        self._paging = Paging()

    def compose(self) -> ComposeResult:
        yield TapButton(text("page_previous", self._lang), id="page-previous")
        yield Label("", id="page-number", classes="page-number")
        yield TapButton(text("page_next", self._lang), id="page-next")

    def on_mount(self) -> None:
        self.show(self._paging)

    def show(self, paging: Paging) -> None:
        """The page shown now: its number, and 前へ / 次へ disabled at either end."""
        self._paging = paging
        many = paging.pages > 1
        for selector, step in (("#page-previous", -1), ("#page-next", 1)):
            for button in self.query(selector).results(Button):
                button.display = many
                button.disabled = not 0 <= paging.page + step < paging.pages
        for label in self.query("#page-number").results(Label):
            label.display = many
            label.update(text("page_of", self._lang, page=paging.page + 1, pages=paging.pages))

    @on(Button.Pressed, "#page-previous, #page-next")
    def _turn(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Turned(self, 1 if event.button.id == "page-next" else -1))
