"""A list to choose one from, as big buttons a page at a time (前へ / 次へ, the page number),
never a scrollbar: the 47 都道府県 and a 都道府県's 市区町村 of 戸籍証明書交付の利用登録申請.

The buttons are as wide as the longest label needs (fourteen columns at the least) and stand
in as many columns as the width holds, in as many rows as the height holds, filling each row
left to right: at 80×24 the 47 都道府県 are four pages of twelve (four columns, three rows),
at 120×40 and 200×60 one page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Button

from kiosk.app.widgets.containers import Grid, Horizontal, Vertical
from kiosk.app.widgets.pager import Pager, Paging
from kiosk.app.widgets.tap_button import TapButton

ROWS = 3                  # a choice's height: a finger's
MIN_WIDTH = 14            # a choice's width at the least (a short name is still a big target)
GUTTER = 2                # columns between two choices
PAD = 4                   # a label's room in its button: the line padding and a margin
BAR_ROWS = 3              # the pager's row
# The one chosen before, marked by more than its colour (as the language buttons are)
CHOSEN, NOT_CHOSEN = "◉", "○"
_ID_SAFE = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Choice:
    """One thing to choose: `label` as shown (in the screen's language); `enabled` False keeps
    it in the list but not to be chosen, with `note` saying why (お住まいの方のみ)."""

    id: str
    label: str
    enabled: bool = True
    note: str | None = None


class PagedChoice(Vertical):
    """The `choices`, each a button `#choice-<id>` (class `choice`; `button_id(id)` gives it),
    in `#choice-grid`, a page at a time, with the `Pager` below (`#page-previous`,
    `#page-number`, `#page-next`). A disabled one reads 「和泉市（お住まいの方のみ）」. With
    `chosen` (coming back to the list) every choice is marked ◉ / ○ and the list opens on the
    chosen one's page.

    Posts `Chosen(choice_list, choice_id)` when an enabled choice is tapped (or Enter on it).
    PageUp / PageDown turn the page while the focus is in here. It takes the height left
    (`1fr`: six rows for a row of choices and the pager, three more for each further row)."""

    DEFAULT_CSS = f"""
    PagedChoice {{ height: 1fr; }}
    PagedChoice #choice-grid {{ grid-size: 1; grid-columns: 1fr; grid-rows: {ROWS};
                               grid-gutter: 0 {GUTTER}; height: {ROWS}; }}
    PagedChoice .choice {{ width: 1fr; min-width: {MIN_WIDTH}; height: {ROWS}; }}
    PagedChoice #choice-bar {{ height: {BAR_ROWS}; }}
    """

    @dataclass
    class Chosen(Message):
        choice_list: PagedChoice
        choice_id: str

    def __init__(self, lang: str, choices: Sequence[Choice], *, chosen: str | None = None,
                 id: str | None = "paged-choice") -> None:
        super().__init__(id=id)
        self._lang, self._chosen = lang, chosen
        # a repeated id would be a second button of the same id: the first one stands
        first: dict[str, Choice] = {}
        for choice in choices:
            first.setdefault(choice.id, choice)
        self._choices = list(first.values())
        self._paging = Paging.even(len(self._choices), 1)
        self._columns = 1

    @staticmethod
    def button_id(choice_id: str) -> str:
        """The id of the button for `choice_id`: `choice-27219`; an id that is not letters,
        digits, - and _ (a name: 大阪府) is spelled by its code points (`choice-x5927-962a-5e9c`)."""
        if _ID_SAFE.fullmatch(choice_id):
            return f"choice-{choice_id}"
        return "choice-x" + "-".join(f"{ord(char):x}" for char in choice_id)

    @property
    def paging(self) -> Paging:
        return self._paging

    def label(self, choice: Choice) -> str:
        """What the button of `choice` reads."""
        shown = f"{choice.label}（{choice.note}）" if choice.note else choice.label
        if self._chosen is None:
            return shown
        return f"{CHOSEN if choice.id == self._chosen else NOT_CHOSEN} {shown}"

    def compose(self) -> ComposeResult:
        with Grid(id="choice-grid"):
            for choice in self._choices:
                yield TapButton(self.label(choice), id=self.button_id(choice.id),
                                classes="choice", disabled=not choice.enabled,
                                variant="primary" if choice.id == self._chosen else "default")
        with Horizontal(id="choice-bar"):
            yield Pager(self._lang)

    def on_mount(self) -> None:
        chosen = [i for i, c in enumerate(self._choices) if c.id == self._chosen]
        self._paging = self._paging.at(chosen[0]) if chosen else self._paging
        self._paint()

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        widest = max((cell_len(self.label(c)) + PAD for c in self._choices), default=0)
        column = max(MIN_WIDTH, widest)
        self._columns = max(1, (width + GUTTER) // (column + GUTTER))
        rows = max(1, (height - BAR_ROWS) // ROWS)
        count = len(self._choices)
        self._paging = self._paging.relaid(Paging.even(count, self._columns * rows))
        used = -(-min(count, self._columns * rows) // self._columns)  # the fullest page's rows
        for grid in self.query("#choice-grid"):
            grid.styles.grid_size_columns = self._columns
            grid.styles.height = ROWS * max(1, used)       # the same on every page: the bar stays
        self._paint()

    def _paint(self) -> None:
        for index, button in enumerate(self.query(".choice").results(Button)):
            button.display = self._paging.shows(index)
        for pager in self.query(Pager):
            pager.show(self._paging)
        focused = self.screen.focused if self.is_attached else None
        if focused is not None and focused.has_class("choice") and not focused.display:
            # the page turned under the focus (PageDown): it goes to the page shown
            for button in self.query(".choice").results(Button):
                if button.display and not button.disabled:
                    button.focus()
                    break

    def show_page(self, page: int) -> None:
        self._paging = Paging(self._paging.bounds, page)
        self._paint()

    def on_key(self, event: events.Key) -> None:
        if event.key in ("pageup", "pagedown"):
            event.stop()
            self.show_page(self._paging.page + (1 if event.key == "pagedown" else -1))

    @on(Button.Pressed, ".choice")
    def _chosen_one(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        choice = next((c for c in self._choices if self.button_id(c.id) == button_id), None)
        if choice is not None and choice.enabled:
            self.post_message(self.Chosen(self, choice.id))

    @on(Pager.Turned)
    def _turn(self, message: Pager.Turned) -> None:
        message.stop()
        self.show_page(self._paging.page + message.step)
