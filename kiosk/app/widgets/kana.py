"""The katakana the 筆頭者 keyboard types: the 五十音 table by 行, and what 濁点 (゛), 半濁点
(゜) and 小書き do to the last character typed, as on real kiosks and phones (pure: no Textual).
The characters themselves are the catalogue's (`kiosk.catalogue.texts`: KANA_ROWS …).
"""

from __future__ import annotations

import unicodedata

from kiosk.catalogue.texts import (KANA_BA, KANA_BIG, KANA_HA, KANA_PA, KANA_PLAIN, KANA_ROWS,
                                   KANA_SEMI_VOICED_MARK, KANA_SMALL, KANA_VOICED,
                                   KANA_VOICED_MARK)

#: Each 行's id and its keys' ids, place by place (None: an empty place, as ヤ _ ユ _ ヨ).
ROW_IDS: tuple[tuple[str, tuple[str | None, ...]], ...] = (
    ("a", ("a", "i", "u", "e", "o")), ("ka", ("ka", "ki", "ku", "ke", "ko")),
    ("sa", ("sa", "shi", "su", "se", "so")), ("ta", ("ta", "chi", "tsu", "te", "to")),
    ("na", ("na", "ni", "nu", "ne", "no")), ("ha", ("ha", "hi", "fu", "he", "ho")),
    ("ma", ("ma", "mi", "mu", "me", "mo")), ("ya", ("ya", None, "yu", None, "yo")),
    ("ra", ("ra", "ri", "ru", "re", "ro")), ("wa", ("wa", "wo", "n", "long", "space")),
)

#: 行 by 行 (its id, then each place's key id and character, or None for an empty place).
ROWS: tuple[tuple[str, tuple[tuple[str, str] | None, ...]], ...] = tuple(
    (row, tuple((key, char) if key else None for key, char in zip(keys, chars)))
    for (row, keys), chars in zip(ROW_IDS, KANA_ROWS))

#: Every key of the table: its id → its character.
KEYS: dict[str, str] = {place[0]: place[1] for _, places in ROWS for place in places if place}
SPACE = KEYS["space"]       # 姓と名の間: the full-width space

#: 濁点: カ→ガ, ウ→ヴ; again on a voiced one undoes it (ガ→カ); on パ it gives バ.
VOICED: dict[str, str] = {**dict(zip(KANA_PLAIN, KANA_VOICED)),
                          **dict(zip(KANA_VOICED, KANA_PLAIN)), **dict(zip(KANA_PA, KANA_BA))}
#: 半濁点: ハ→パ, and バ→パ; again on パ undoes it (パ→ハ).
SEMI_VOICED: dict[str, str] = {**dict(zip(KANA_HA, KANA_PA)), **dict(zip(KANA_BA, KANA_PA)),
                               **dict(zip(KANA_PA, KANA_HA))}
#: 小書き: ア→ァ, ツ→ッ, ヤ→ャ, ワ→ヮ; again gives the big one back.
SMALL: dict[str, str] = {**dict(zip(KANA_BIG, KANA_SMALL)), **dict(zip(KANA_SMALL, KANA_BIG))}

#: What each modifier key does (its id → its table).
MODIFIERS: dict[str, dict[str, str]] = {"voiced": VOICED, "semi_voiced": SEMI_VOICED,
                                        "small": SMALL}
_SPACING = {KANA_VOICED_MARK: "voiced", KANA_SEMI_VOICED_MARK: "semi_voiced"}
#: The marks as typed on a keyboard: spacing (゛ ゜) and combining (U+3099, U+309A: what NFKC
#: makes of the spacing ones, after a space); and ゛ ゜ by Textual's names of their keys (a
#: scenario's `press: ゛` arrives with the name alone).
MARKS = {**_SPACING,
         **{unicodedata.normalize("NFKC", m)[-1]: name for m, name in _SPACING.items()},
         "katakana_hiragana_voiced_sound_mark": "voiced",
         "katakana_hiragana_semi_voiced_sound_mark": "semi_voiced"}

#: Every character the keyboard can type.
TYPABLE = frozenset(KEYS.values()) | {c for table in MODIFIERS.values() for c in table.values()}
HIRAGANA = range(0x3041, 0x3097)     # ぁ … ゖ: their katakana are 0x60 on


def modified(value: str, modifier: str) -> str:
    """`value` with its last character changed by `modifier` ("voiced", "semi_voiced",
    "small"); unchanged where that character has no such form (or nothing is typed)."""
    table = MODIFIERS.get(modifier, {})
    if not value or value[-1] not in table:
        return value
    return value[:-1] + table[value[-1]]


def mark(char: str) -> str | None:
    """The modifier a typed ゛ or ゜ stands for (spacing, combining or half-width), if it is one."""
    return MARKS.get(char) or MARKS.get(unicodedata.normalize("NFKC", char)[-1:])


def katakana(char: str) -> str | None:
    """The keyboard's character for one typed on a real keyboard: katakana as it is, hiragana
    turned into katakana (が → ガ), half-width kana made full-width, a space the full-width
    space; None for anything the keyboard cannot type."""
    if char in (" ", SPACE):
        return SPACE
    if len(char) != 1:
        return None
    if ord(char) in HIRAGANA:
        char = chr(ord(char) + 0x60)
    char = unicodedata.normalize("NFKC", char)   # ｶ → カ, ｰ → ー
    return char if char in TYPABLE else None
