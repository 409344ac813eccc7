"""The on-screen 五十音 keyboard of 戸籍証明書交付の利用登録申請: the 筆頭者's name in katakana.

80×24 leaves the keyboard some 13 rows by 76 columns under a header, a prompt, a notice line
and an action bar: five 段 of keys three rows high do not fit that height, and eleven 行 of
keys ten columns wide do not fit that width. So the table is laid on its side, as a table
written across the page is: each 行 is a row (ア イ ウ エ オ, カ キ ク ケ コ, …), and as many 行
as the height holds are shown at once, the rest a page on with 前へ / 次へ (three 行 a page at
80×24, eight at 120×40, all ten at 200×60). Every key keeps three rows by ten columns or more;
゛, ゜ and 小書き stand in a column at the right, the pager and 訂正 / 全部消す / 確定する in
a row below, on every page in the same place.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Button, Static

from kiosk.app.widgets import kana
from kiosk.app.widgets.containers import Grid, Horizontal, Vertical
from kiosk.app.widgets.keyboard import Keyboard
from kiosk.app.widgets.pager import Pager, Paging
from kiosk.app.widgets.tap_button import TapButton
from kiosk.catalogue import text
from kiosk.catalogue.texts import KANA_SEMI_VOICED_MARK, KANA_VOICED_MARK

KEY_ROWS = 3                     # a key's height: a finger's
FIXED_ROWS = 1 + KEY_ROWS        # the display line above the keys, the bar below them
MARK_KEYS = (("voiced", KANA_VOICED_MARK, "kana_voiced"),
             ("semi_voiced", KANA_SEMI_VOICED_MARK, "kana_semi_voiced"), ("small", "", "kana_small"))


class KanaKeyboard(Keyboard):
    """Types katakana, at most `most` characters (20 unless told).

    Ids: `#kana-display` (what is typed) and `#kana-count` (6/20文字) on the top line; a key
    per character, `#kana-<id>` with the ids of `kana.ROWS` (`#kana-a` ア, `#kana-ka` カ,
    `#kana-shi` シ, `#kana-tsu` ツ, `#kana-n` ン, `#kana-long` ー, `#kana-space` the full-width
    space), in a row per 行 `#kana-row-<id>` (`#kana-row-ka`); `#kana-voiced` (゛ 濁点),
    `#kana-semi-voiced` (゜ 半濁点) and `#kana-small` (小書き), which change the last character
    typed (カ→ガ→カ, ウ→ヴ, ハ→パ, ツ→ッ; nothing on one without that form); `#kana-correct`
    (訂正: the last character goes), `#kana-clear` (全部消す), `#kana-confirm` (確定する); the
    `Pager` (`#page-previous`, `#page-number`, `#page-next`).

    Messages: `Changed(keyboard, value)` whenever what is typed changes (not on a key that
    changes nothing), `Submitted(keyboard, value)` on 確定する or Enter, whatever is typed (the
    screen judges it: empty, a space at either end).

    A real keyboard types while the focus is in here (Backspace is 訂正, Enter is 確定する,
    a katakana or hiragana character types its katakana, ゛ / ゜ are the modifiers); a screen
    whose focus rests elsewhere hands its keys to `type_key`. The screen gives it the height
    left over (it is `1fr`: at least 13 rows) and keeps the lines around it a fixed height,
    so that nothing moves when a notice comes up; its focus is best on `#kana-confirm`."""

    PREFIX = "kana"
    DEFAULT_CSS = """
    KanaKeyboard #kana-entry-row { height: 1; }
    KanaKeyboard #kana-display { width: 1fr; height: 1; padding: 0 1; text-style: bold;
                                 background: $boost; }
    KanaKeyboard #kana-count { height: 1; padding: 0 1; color: $text-muted; }
    KanaKeyboard #kana-keys { height: 9; }
    KanaKeyboard #kana-table { width: 1fr; height: auto; }
    KanaKeyboard .kana-row { grid-size: 5; grid-columns: 1fr; grid-gutter: 0 1; height: 3; }
    KanaKeyboard #kana-marks { width: 20; height: auto; margin-left: 1; }
    KanaKeyboard .kana-key, KanaKeyboard .kana-mark { width: 1fr; min-width: 10; height: 3; }
    """

    @dataclass
    class Changed(Message):
        keyboard: KanaKeyboard
        value: str

    @dataclass
    class Submitted(Message):
        keyboard: KanaKeyboard
        value: str

    def __init__(self, lang: str, *, most: int = 20, value: str = "",
                 id: str | None = "kana-keyboard") -> None:
        super().__init__(lang, id=id)
        self._most = max(1, most)
        self._value = ""
        self._paging = Paging.even(len(kana.ROWS), 3)
        self.reset(value)

    @property
    def value(self) -> str:
        return self._value

    def reset(self, value: str = "") -> None:
        """Start again from `value` (what was typed before), posting nothing."""
        typed = (kana.katakana(char) for char in value)
        self._value = "".join(char for char in typed if char)[:self._most]
        self._show()

    # -- what is shown
    def compose(self) -> ComposeResult:
        count = text("kana_count", self._lang, n=self._most, most=self._most)
        with Horizontal(id="kana-entry-row"):
            yield Static(self._value, id="kana-display", markup=False)
            # as wide as it can be, so that the display does not move as the count grows
            yield Static(self._count(), id="kana-count").set_styles(f"width: {cell_len(count) + 2};")
        with Horizontal(id="kana-keys"):
            with Vertical(id="kana-table"):
                for row, places in kana.ROWS:
                    with Grid(id=f"kana-row-{row}", classes="kana-row"):
                        for place in places:
                            yield self._key(*place) if place else Static(classes="kana-empty")
            with Vertical(id="kana-marks"):
                for key, mark, label in MARK_KEYS:
                    name = text(label, self._lang)
                    yield TapButton(f"{mark} {name}" if mark else name,
                                    id=f"kana-{key.replace('_', '-')}", classes="kana-mark")
        yield from self.bar()

    def _key(self, key: str, char: str) -> TapButton:
        label = text("kana_space", self._lang) if char == kana.SPACE else char
        button = TapButton(label, id=f"kana-{key}", classes="kana-key")
        button.active_effect_duration = 0     # サ, サ typed quickly is ササ
        return button

    def _count(self) -> str:
        return text("kana_count", self._lang, n=len(self._value), most=self._most)

    def on_mount(self) -> None:
        self._paint()

    def on_resize(self, event: events.Resize) -> None:
        # as many 行 as the height holds; the page keeps what was in sight
        fits = max(1, (event.size.height - FIXED_ROWS) // KEY_ROWS)
        per_page = min(fits, len(kana.ROWS))
        self._paging = self._paging.relaid(Paging.even(len(kana.ROWS), per_page))
        for keys in self.query("#kana-keys"):
            keys.styles.height = KEY_ROWS * max(per_page, len(MARK_KEYS))
        self._paint()

    def _paint(self) -> None:
        """The page's 行 and the pager as it stands."""
        for index, row in enumerate(self.query(".kana-row")):
            row.display = self._paging.shows(index)
        for pager in self.query(Pager):
            pager.show(self._paging)

    def _show(self) -> None:
        # one line each, of a fixed width: no layout needed
        for display in self.query("#kana-display").results(Static):
            display.update(self._value, layout=False)
        for count in self.query("#kana-count").results(Static):
            count.update(self._count(), layout=False)

    # -- typing
    def press(self, key: str) -> None:
        """A key by its id without `kana-`: a character's ("ka", "long", "space"), a modifier
        ("voiced", "semi-voiced", "small"), "correct", "clear" or "confirm"."""
        modifier = key.replace("-", "_")
        if key == "confirm":
            self.post_message(self.Submitted(self, self._value))
        elif key in kana.KEYS:
            self._type(kana.KEYS[key])
        elif modifier in kana.MODIFIERS:
            self._set(kana.modified(self._value, modifier))
        elif key == "correct":
            self._set(self._value[:-1])
        elif key == "clear":
            self._set("")

    def type_character(self, char: str) -> bool:
        """A character typed on a real keyboard or by a scenario: katakana as it is (ガ and ッ
        too), hiragana as its katakana, ゛ / ゜ as the modifiers. False for one this keyboard
        cannot type (nothing changes)."""
        modifier, typed = kana.mark(char), kana.katakana(char)
        if modifier:
            self.press(modifier)
        elif typed:
            self._type(typed)
        return bool(modifier or typed)

    def _type(self, char: str) -> None:
        if len(self._value) < self._most:       # a full display takes no more
            self._set(self._value + char)

    def _set(self, typed: str) -> None:
        if typed != self._value:
            self._value = typed
            self._show()
            self.post_message(self.Changed(self, typed))

    @on(Button.Pressed, ".kana-key, .kana-mark")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.press((event.button.id or "").removeprefix("kana-"))
