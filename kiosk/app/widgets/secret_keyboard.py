"""The on-screen keyboard of 署名用電子証明書の暗証番号初期化: the new 6–16 character password,
A–Z and 0–9, shown only as ● (one a character: how many is seen, never which).

The 36 keys are three groups, A–M, N–Z and 0–9, laid in as many columns of ten-column keys as
the width holds, evened out (seven at 80 and 120 columns: A–G over H–M; thirteen at 200: A–M
on one row), and as many rows as the height holds. What does not fit is a page on (前へ /
次へ), a group kept whole on one page where a page holds it: at 80×24 the pages are A–M, N–Z
and 0–9; at 120×40 and 200×60 all 36 keys are on one page. 訂正, 全部消す and 確定する stay on
every page in the same place.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field

from textual import events, on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Button, Static

from kiosk.app.widgets.bilingual import Bilingual
from kiosk.app.widgets.containers import Grid, Vertical
from kiosk.app.widgets.keyboard import Keyboard
from kiosk.app.widgets.pager import Pager, Paging
from kiosk.app.widgets.tap_button import TapButton
from kiosk.catalogue import msg

GROUPS = (string.ascii_uppercase[:13], string.ascii_uppercase[13:], string.digits)
KEYS = "".join(GROUPS)
KEY_ROWS, KEY_COLUMNS, GUTTER = 3, 10, 1     # a key: a finger's size; the gap between keys
MOST_COLUMNS = 13                            # A–M on one row, however wide the screen
FIXED_ROWS = 2 + 1 + KEY_ROWS                # the rule (two languages), the display, the bar
TYPED, NOT_TYPED = "●", "＿"


def masked(length: int, most: int) -> str:
    """What the display shows for `length` characters typed of `most`: ● ● ● ＿ ＿ …"""
    return " ".join([TYPED] * length + [NOT_TYPED] * max(0, most - length))


def columns(width: int) -> int:
    """Columns of keys for `width`: as many as fit, evened out over the rows a letter group
    then takes (seven and six rather than ten and three)."""
    fit = max(1, min(MOST_COLUMNS, (width + GUTTER) // (KEY_COLUMNS + GUTTER)))
    letters = len(GROUPS[0])
    return -(-letters // -(-letters // fit))


class SecretKeyboard(Keyboard):
    """Types an upper-case letter and digit password, at most `most` characters (16).

    Ids: `#secret-rule` (the rule, from the catalogue key `rule`: 英大文字と数字をそれぞれ1文字
    以上含む6〜16文字), `#secret-display` (● ● ● ＿ …); a key per character, `#secret-key-A` …
    `#secret-key-Z`, `#secret-key-0` … `#secret-key-9`, in the groups `#secret-group-0` (A–M),
    `-1` (N–Z) and `-2` (0–9); `#secret-correct` (訂正: the last character goes),
    `#secret-clear` (全部消す), `#secret-confirm` (確定する); the `Pager` (`#page-previous`,
    `#page-number`, `#page-next`).

    Messages: `Changed(keyboard, length)` whenever what is typed changes — the length only,
    never a character; `Submitted(keyboard, value)` on 確定する or Enter, whatever is typed
    (the screen judges the rule and hands the value on as a secret, then calls `reset()`, so
    that nothing of it stays here). The value is never shown, logged or put in a message's
    repr.

    Keys from a real keyboard type while the focus is in here (a–z as A–Z, 0–9, Backspace is
    訂正, Enter is 確定する); a screen whose focus rests elsewhere hands them to `type_key`. It
    takes the height left (`1fr`: at least 13 rows at 80 columns); its focus is best on
    `#secret-confirm`."""

    PREFIX = "secret"
    DEFAULT_CSS = """
    SecretKeyboard #secret-rule { height: 2; }
    SecretKeyboard #secret-display { height: 1; padding: 0 1; text-style: bold; background: $boost; }
    SecretKeyboard #secret-keys { height: 6; }
    SecretKeyboard .secret-group { grid-size: 7; grid-columns: 1fr; grid-rows: 3;
                                   grid-gutter: 0 1; height: auto; }
    SecretKeyboard .secret-key { width: 1fr; min-width: 10; height: 3; }
    """

    @dataclass
    class Changed(Message):
        keyboard: SecretKeyboard
        length: int

    @dataclass
    class Submitted(Message):
        keyboard: SecretKeyboard
        value: str = field(repr=False)

    def __init__(self, lang: str, *, most: int = 16, rule: str = "secret_rule",
                 id: str | None = "secret-keyboard") -> None:
        super().__init__(lang, id=id)
        self._most, self._rule = max(1, most), rule
        self._value = ""
        self._columns = 7
        self._paging = Paging.packed(self._lines(), 2)

    @property
    def length(self) -> int:
        return len(self._value)

    def reset(self) -> None:
        """Forget what was typed (after 確定する, or when the session ends), posting nothing."""
        self._value = ""
        self._show()

    # -- what is shown
    def compose(self) -> ComposeResult:
        yield Bilingual(msg(self._rule), self._lang, id="secret-rule")
        yield Static(masked(0, self._most), id="secret-display")
        with Vertical(id="secret-keys"):
            for number, group in enumerate(GROUPS):
                with Grid(id=f"secret-group-{number}", classes="secret-group"):
                    for char in group:
                        key = TapButton(char, id=f"secret-key-{char}", classes="secret-key")
                        key.active_effect_duration = 0     # 1, 1 typed quickly is 11
                        yield key
        yield from self.bar()

    def _lines(self) -> list[int]:
        """How many rows of keys each group takes at the columns shown."""
        return [-(-len(group) // self._columns) for group in GROUPS]

    def on_mount(self) -> None:
        self._paint()

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        self._columns = columns(width)
        rows = max(1, (height - FIXED_ROWS) // KEY_ROWS)
        self._paging = self._paging.relaid(Paging.packed(self._lines(), rows))
        bounds = self._paging.bounds
        tallest = max(b - a for a, b in zip(bounds, bounds[1:]))
        for keys in self.query("#secret-keys"):
            keys.styles.height = KEY_ROWS * tallest     # the same on every page: the bar stays
        for grid in self.query(".secret-group"):
            grid.styles.grid_size_columns = self._columns
        self._paint()

    def _paint(self) -> None:
        """The page's rows of keys (a group is shown while a row of it is) and the pager."""
        first = 0
        for number, group in enumerate(GROUPS):
            shown = False
            for place, char in enumerate(group):
                on_page = self._paging.shows(first + place // self._columns)
                shown |= on_page
                for key in self.query(f"#secret-key-{char}"):
                    key.display = on_page
            for grid in self.query(f"#secret-group-{number}"):
                grid.display = shown
            first += self._lines()[number]
        for pager in self.query(Pager):
            pager.show(self._paging)

    def _show(self) -> None:
        for display in self.query("#secret-display").results(Static):
            display.update(masked(len(self._value), self._most), layout=False)

    # -- typing
    def press(self, key: str) -> None:
        """A key: "A"–"Z", "0"–"9", "correct", "clear" or "confirm"."""
        if key == "confirm":
            self.post_message(self.Submitted(self, self._value))
            return
        typed = self._value
        if len(key) == 1 and key in KEYS:
            typed = typed + key if len(typed) < self._most else typed
        elif key == "correct":
            typed = typed[:-1]
        elif key == "clear":
            typed = ""
        if typed != self._value:
            self._value = typed
            self._show()
            self.post_message(self.Changed(self, len(typed)))

    def type_character(self, char: str) -> bool:
        """A letter (a–z as A–Z) or a digit typed on a real keyboard or by a scenario."""
        key = char.upper() if char.isascii() else ""     # (ı is no I)
        if len(key) == 1 and key in KEYS:
            self.press(key)
            return True
        return False

    @on(Button.Pressed, ".secret-key")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.press((event.button.id or "").removeprefix("secret-key-"))
