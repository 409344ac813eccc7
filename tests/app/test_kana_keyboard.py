"""The 筆頭者 keyboard (`KanaKeyboard`) in a step's frame at 80×24, 120×40 and 200×60: every
key whole, on screen and a finger's size on every page, the pages reaching every key, the
bar in the same place on every page and when a notice comes up; and what it types: カ ゛ →
ガ, ハ ゜ → パ, ツ 小書き → ッ, 訂正, 全部消す, the most it takes, a real keyboard's keys."""

from __future__ import annotations

import pytest
from textual import events

from kiosk.app.widgets import kana
from kiosk.app.widgets.kana_keyboard import KanaKeyboard
from kiosk.catalogue import LANGUAGES, msg
from tests.app.widget_demo import SIZES, Look, demo_of, toured

SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
EVERY_KEY = {f"kana-{key}" for key in kana.KEYS} | {
    "kana-voiced", "kana-semi-voiced", "kana-small", "kana-correct", "kana-clear", "kana-confirm"}
STAYING = ("kana-voiced", "kana-semi-voiced", "kana-small", "kana-correct", "kana-clear",
           "kana-confirm", "back", "quit")


demo = demo_of(KanaKeyboard, "registration_service")


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
async def test_every_key_fits_and_the_pages_reach_every_key(lang, size) -> None:
    shown, _ = await toured(demo(lang), size, STAYING)     # the keys around the table stay
    assert EVERY_KEY <= shown, EVERY_KEY - shown


@pytest.mark.parametrize("size, per_page, pages", [((80, 24), 3, 4), ((120, 40), 8, 2),
                                                   ((200, 60), 10, 1)], ids=SIZE_IDS)
async def test_as_many_rows_of_the_table_as_the_height_holds(size, per_page, pages) -> None:
    app = demo()
    async with app.run_test(size=size) as pilot:
        look = Look(app, pilot)
        await look.settle()
        assert app.query_one(KanaKeyboard).paging.pages == pages
        rows = [row for row, _ in kana.ROWS if look.shown(f"#kana-row-{row}")]
        assert rows == [row for row, _ in kana.ROWS[:per_page]]
        assert look.shown("#page-next") == (pages > 1)


ROW_OF = {place[0]: n for n, (_, places) in enumerate(kana.ROWS) for place in places if place}


async def _type(look: Look, *keys: str) -> None:
    """Taps the keys, turning with 前へ / 次へ to the page of each one's 行 first."""
    keyboard = look.app.query_one(KanaKeyboard)
    for key in keys:
        while not look.shown(f"#kana-{key}"):
            await look.tap("#page-next" if ROW_OF[key] > keyboard.paging.first else "#page-previous")
        await look.tap(f"#kana-{key}")


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_the_modifiers_change_the_last_character(size) -> None:
    app = demo()
    async with app.run_test(size=size) as pilot:
        look = Look(app, pilot)
        await _type(look, "ka", "voiced")
        await _type(look, "voiced")                       # again: undone
        await _type(look, "voiced", "ha", "semi-voiced", "tsu", "small", "u", "voiced")
        await _type(look, "ya", "small", "wa", "small", "hi", "voiced", "semi-voiced")
        changed = look.values(KanaKeyboard.Changed, "value")
        assert changed == ["カ", "ガ", "カ", "ガ", "ガハ", "ガパ", "ガパツ", "ガパッ", "ガパッウ",
                           "ガパッヴ", "ガパッヴヤ", "ガパッヴャ", "ガパッヴャワ", "ガパッヴャヮ",
                           "ガパッヴャヮヒ", "ガパッヴャヮビ", "ガパッヴャヮピ"]
        assert "ガパッヴャヮピ" in look.text()
        await _type(look, "correct")
        await _type(look, "confirm")
        assert look.values(KanaKeyboard.Submitted, "value") == ["ガパッヴャヮ"]
        await _type(look, "clear")
        assert look.values(KanaKeyboard.Changed, "value")[-2:] == ["ガパッヴャヮ", ""]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_a_modifier_on_a_character_without_that_form_does_nothing(size) -> None:
    app = demo()
    async with app.run_test(size=size) as pilot:
        look = Look(app, pilot)
        await _type(look, "voiced", "small", "semi-voiced", "correct", "clear")   # nothing typed
        await _type(look, "n", "voiced", "small", "semi-voiced")                   # ン
        await _type(look, "long", "voiced", "space", "small", "ka", "semi-voiced", "small")
        await _type(look, "a", "voiced", "semi-voiced")                            # ア
        assert look.values(KanaKeyboard.Changed, "value") == [
            "ン", "ンー", "ンー\u3000", "ンー\u3000カ", "ンー\u3000カア"]
        assert app.query_one(KanaKeyboard).value == "ンー\u3000カア"


async def test_a_display_full_takes_no_more() -> None:
    app = demo(most=3)
    async with app.run_test(size=(80, 24)) as pilot:
        look = Look(app, pilot)
        await _type(look, "ta", "ta", "ta", "ta", "voiced")
        assert look.values(KanaKeyboard.Changed, "value") == ["タ", "タタ", "タタタ", "タタダ"]
        assert "3/3文字" in look.text()


async def test_a_real_keyboard_types_kana_and_corrects_and_confirms() -> None:
    app = demo()
    async with app.run_test(size=(80, 24)) as pilot:
        look = Look(app, pilot)
        await look.settle()
        app.query_one("#kana-confirm").focus()        # where a screen puts the focus
        await look.keys("や", "ま", "た", "゛", "space", "a", "f1", "ﾊ", "ﾅ", "コ", "backspace")
        keyboard = app.query_one(KanaKeyboard)
        assert keyboard.value == "ヤマダ\u3000ハナ"     # hiragana and half-width kana as katakana
        for char in ("゛", "\u3099", "゜"):          # as a scenario types them
            assert keyboard.type_character(char)       # taken: ナ has no such form
        assert not keyboard.type_character("x") and not keyboard.type_character("ヰ")
        assert keyboard.value == "ヤマダ\u3000ハナ"
        await look.keys("enter")
        assert look.values(KanaKeyboard.Submitted, "value") == ["ヤマダ\u3000ハナ"]   # once
        assert keyboard.type_character("ヴ") and keyboard.type_character("が")
        assert keyboard.value == "ヤマダ\u3000ハナヴガ"
        # the focus on 前画面へ: the screen hands its keys on
        app.query_one("#back").focus()
        assert keyboard.type_key(events.Key("a", "あ")) and keyboard.value.endswith("ア")
        assert not keyboard.type_key(events.Key("tab", None))


async def test_nothing_moves_when_a_notice_comes_up() -> None:
    app = demo()
    async with app.run_test(size=(80, 24)) as pilot:
        look = Look(app, pilot)
        await look.settle()
        before = {b.id: b.region for b in app.screen.query("Button")}
        app.query_one("#notice").show(msg("remove_card_note"))     # type: ignore[attr-defined]
        await look.settle()
        assert "この操作以降" in look.text()
        assert {b.id: b.region for b in app.screen.query("Button")} == before


async def test_a_value_given_is_shown_and_reset_posts_nothing() -> None:
    app = demo(value="やまだ　たろう")
    async with app.run_test(size=(80, 24)) as pilot:
        look = Look(app, pilot)
        await look.settle()
        keyboard = app.query_one(KanaKeyboard)
        assert keyboard.value == "ヤマダ\u3000タロウ" and "ヤマダ　タロウ" in look.text()
        assert "7/20文字" in look.text()
        keyboard.reset()
        await look.settle()
        assert keyboard.value == "" and "0/20文字" in look.text() and not app.posted


def test_the_table_is_the_fifty_sounds() -> None:
    chars = "".join(c for _, places in kana.ROWS for p in places if p for c in p[1])
    assert chars == "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨ" \
                    "ラリルレロワヲンー\u3000"
    # pressed twice, a modifier gives the character back
    assert all(kana.VOICED[kana.VOICED[c]] == c for c in "カキクケコサシスセソタチツテトハヒフヘホウ")
    assert all(kana.SEMI_VOICED[kana.SEMI_VOICED[c]] == c for c in "ハヒフヘホ")
    assert all(kana.SMALL[kana.SMALL[c]] == c for c in kana.SMALL)
