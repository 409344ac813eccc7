"""The new signing password's keyboard (`SecretKeyboard`) in a step's frame at 80×24, 120×40 and
200×60: every key whole, on screen and a finger's size, the pages reaching all 36 keys, the
rule on screen; what it types; and the password never shown: the screen and its SVG change
only by the display's ●, the messages carry a length until 確定する."""

from __future__ import annotations

import string

import pytest
from textual import events

from kiosk.app.widgets.secret_keyboard import GROUPS, SecretKeyboard, columns, masked
from kiosk.catalogue import LANGUAGES, text
from tests.app.widget_demo import SIZES, Look, demo_of, svg_text, tour, toured

SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
KEYS = string.ascii_uppercase + string.digits
EDIT_KEYS = ("secret-correct", "secret-clear", "secret-confirm", "back", "quit")
SECRET = "K7QZ2X9B"


demo = demo_of(SecretKeyboard, "pin_reset_service")


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
async def test_every_key_fits_and_the_pages_reach_all_36(lang, size) -> None:
    shown, screen = await toured(demo(lang), size, EDIT_KEYS)     # the keys under the keys stay
    assert {f"secret-key-{k}" for k in KEYS} | set(EDIT_KEYS) <= shown
    assert text("secret_rule", lang) in screen


@pytest.mark.parametrize("size, pages", [((80, 24), ["ABCDEFGHIJKLM", "NOPQRSTUVWXYZ", "0123456789"]),
                                         ((120, 40), [KEYS]), ((200, 60), [KEYS])], ids=SIZE_IDS)
async def test_a_group_stays_on_one_page(size, pages) -> None:
    app = demo()
    async with app.run_test(size=size) as pilot:
        look = Look(app, pilot)
        seen = [sorted(k.removeprefix("secret-key-") for k in page.buttons if "-key-" in k)
                for page in await tour(look)]
    assert seen == [sorted(page) for page in pages]


def test_the_columns_even_out_the_letters() -> None:
    assert [columns(w) for w in (10, 21, 43, 76, 116, 142, 196)] == [1, 2, 4, 7, 7, 13, 13]
    for width in range(10, 200):            # no row of the letters far shorter than the others
        per_row = columns(width)
        assert -len(GROUPS[0]) % per_row < -(-len(GROUPS[0]) // per_row), width


async def _type(look: Look, keys: str) -> None:
    """Taps the keys, turning with 前へ / 次へ to each one's page first."""
    for key in keys:
        while not look.shown(f"#secret-key-{key}"):
            later = KEYS.index(key) > max(KEYS.index(b.removeprefix("secret-key-"))
                                          for b in look_keys(look))
            await look.tap("#page-next" if later else "#page-previous")
        await look.tap(f"#secret-key-{key}")


def look_keys(look: Look) -> list[str]:
    return [b.id or "" for b in look.app.screen.query(".secret-key") if look.shown(f"#{b.id}")]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_the_keys_type_correct_and_clear(size) -> None:
    app = demo()
    async with app.run_test(size=size) as pilot:
        look = Look(app, pilot)
        await _type(look, SECRET)
        for key in ("correct", "correct", "confirm", "clear", "correct", "confirm"):
            await look.tap(f"#secret-{key}")
        assert look.values(SecretKeyboard.Changed, "length") == [1, 2, 3, 4, 5, 6, 7, 8, 7, 6, 0]
        assert look.values(SecretKeyboard.Submitted, "value") == [SECRET[:-2], ""]


async def test_the_most_it_takes() -> None:
    app = demo(most=6)
    async with app.run_test(size=(80, 24)) as pilot:
        look = Look(app, pilot)
        await _type(look, "ABCDEFG")
        assert look.values(SecretKeyboard.Changed, "length") == [1, 2, 3, 4, 5, 6]
        assert masked(6, 6) in look.text()


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_the_password_is_never_shown(size) -> None:
    app = demo()
    async with app.run_test(size=size) as pilot:
        look = Look(app, pilot)
        await look.settle()
        rows_before, svg_before = look.text().splitlines(), svg_text(app.export_screenshot())
        await _type(look, SECRET)
        while look.shown("#page-previous") and not look.button("#page-previous").disabled:
            await look.tap("#page-previous")          # the first page, as before
        rows, svg = look.text().splitlines(), svg_text(app.export_screenshot())
        changed = [(before, after) for before, after in zip(rows_before, rows) if before != after]
        assert [after.strip() for _, after in changed] == [masked(len(SECRET), 16)]
        assert SECRET not in svg and SECRET not in "".join(rows)
        assert all(svg.count(char) == svg_before.count(char) for char in SECRET), \
            "a typed character shows somewhere other than its key"
        lengths = look.values(SecretKeyboard.Changed, "length")
        assert all(isinstance(n, int) for n in lengths) and lengths[-1] == len(SECRET)
        await look.tap("#secret-confirm")
        (submitted,) = [m for m in app.posted if isinstance(m, SecretKeyboard.Submitted)]
        assert submitted.value == SECRET and SECRET not in repr(submitted)
        keyboard = app.query_one(SecretKeyboard)
        keyboard.reset()                             # as the screen does once it is sent
        assert keyboard.length == 0
        assert not any(SECRET in v for v in map(str, vars(keyboard).values()))


async def test_a_real_keyboard_types_upper_case_letters_and_digits() -> None:
    app = demo()
    async with app.run_test(size=(80, 24)) as pilot:
        look = Look(app, pilot)
        await look.settle()
        app.query_one("#secret-confirm").focus()
        await look.keys("k", "7", "Q", "z", "minus", "backspace", "space", "あ", "2", "enter")
        assert look.values(SecretKeyboard.Submitted, "value") == ["K7Q2"]     # once
        keyboard = app.query_one(SecretKeyboard)
        app.query_one("#back").focus()              # the screen hands its keys on
        assert keyboard.type_key(events.Key("x", "x")) and keyboard.length == 5
        assert not keyboard.type_key(events.Key("tab", None))
