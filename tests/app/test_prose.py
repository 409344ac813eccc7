"""Prose broken into lines (`kiosk.app.prose`): 禁則処理 for Japanese and Chinese at every
edge, whole English words, newlines kept; and, for any text at any width from 1 to 80, no
line wider than the width, nothing lost or moved, no forbidden mark at a line's edge unless
no break could avoid it."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from kiosk.app.prose import NO_END, NO_START, SPACES, ideographic, line_spans, wrap
from kiosk.catalogue import msg

KANA = "あいうえおかきくけこさしすせそアイウエオカキクケコ"
KANJI = "証明書交付住民票写市区町村窓口暗証番號確定"


# -- the kiosk's own texts
def test_the_terms_do_not_end_a_sentence_on_one_character_at_80x24() -> None:
    """At 80×24 the body is 76 cells wide: Textual's fold gave 「…必要で」 / 「す。」."""
    lines = wrap(msg("terms_body").ja, 76)
    assert lines[:2] == ["・マイナンバーカードと利用者証明用電子証明書の暗証番号（数字4ケタ）が必要",
                         "です。"]
    assert len(lines) == 5 and all(cell_len(line) <= 76 for line in lines)


@pytest.mark.parametrize("width", [20, 30, 40, 60, 76])
@pytest.mark.parametrize("lang", ["ja", "zh"])
def test_the_terms_break_by_the_rules_at_any_width(lang: str, width: int) -> None:
    text = msg("terms_body").get(lang)
    spans = line_spans(text, width)
    assert all(cell_len(text[a:b]) <= width for a, b in spans)
    broken = [(text[a:b], text[b:c]) for (a, b), (c, _) in zip(spans, spans[1:], strict=False)
              if "\n" not in text[b:c]]                  # a line, and the break after it
    assert not [line for line, _ in broken if line[-1] in NO_END]
    assert not [text[c:] for (_, b), (c, _) in zip(spans, spans[1:], strict=False)
                if "\n" not in text[b:c] and text[c] in NO_START]


def test_english_breaks_at_spaces_and_keeps_its_words() -> None:
    assert wrap("You need your My Number card and its PIN.", 16) == [
        "You need your My", "Number card and", "its PIN."]
    assert wrap("a  b", 1) == ["a", "b"]                       # the spaces go at the break
    assert wrap("  indented text", 20) == ["  indented text"]  # an indent stays


def test_a_word_wider_than_the_line_is_cut_at_the_width() -> None:
    assert wrap("internationalization", 8) == ["internat", "ionaliza", "tion"]
    assert wrap("abcdefgh,ij", 8) == ["abcdefg", "h,ij"]       # not before the comma
    assert wrap("see internationalization", 8) == ["see", "internat", "ionaliza", "tion"]


def test_newlines_stay() -> None:
    assert wrap("あ\n\nい", 10) == ["あ", "", "い"]
    assert wrap("", 10) == [""]
    assert wrap("line one\nline two", 80) == ["line one", "line two"]


def test_mixed_japanese_and_latin() -> None:
    text = "マイナンバーカード（My Number card）をお持ちください。"
    lines = wrap(text, 24)
    assert lines == ["マイナンバーカード（My", "Number card）をお持ちく", "ださい。"]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_width_too_narrow_for_a_character_gives_it_a_line() -> None:
    assert wrap("あいう", 1) == ["あ", "い", "う"]
    assert wrap("あいう", 0) == wrap("あいう", 1)


def test_a_list_breaks_between_its_items() -> None:
    names = "大森 大吉、大森 トメ、大森 一夫、大森 美和"
    assert wrap(names, 24) == ["大森 大吉、大森 トメ、大", "森 一夫、大森 美和"]   # as prose
    assert wrap(names, 24, breaks_after="、") == ["大森 大吉、大森 トメ、", "大森 一夫、大森 美和"]
    assert wrap(names, 26, breaks_after="、") == wrap(names, 24, breaks_after="、")
    assert wrap(names, 8, breaks_after="、") == ["大森", "大吉、", "大森", "トメ、", "大森",
                                                  "一夫、", "大森", "美和"]   # too wide: cut


def test_no_break_at_a_no_break_space_or_between_two_dots_of_an_ellipsis() -> None:
    assert wrap("a b\u00a0c", 4) == ["a", "b\u00a0c"]
    assert wrap("ああ……", 5) == ["ああ", "……"]


# -- every kinsoku character, at every edge
@pytest.mark.parametrize("mark", sorted(NO_START))
def test_no_line_starts_with(mark: str) -> None:
    """Where the line is full just before the mark, the character before it goes down too
    (追い出し), and no line is wider than the width (no ぶら下げ)."""
    text = "あいう" + mark + "えお"
    lines = wrap(text, 6)
    assert lines[0] == "あい" and lines[1].startswith("う" + mark), lines
    assert all(cell_len(line) <= 6 for line in lines)


@pytest.mark.parametrize("mark", sorted(NO_END))
def test_no_line_ends_with(mark: str) -> None:
    text = "あい" + mark + "うえお"
    lines = wrap(text, 4 + cell_len(mark))                  # the line is full after the mark
    assert lines[0] == "あい" and lines[1].startswith(mark + "う"), lines


@pytest.mark.parametrize("mark", sorted(NO_START))
def test_a_mark_that_cannot_be_kept_off_the_start_of_a_line_still_shows(mark: str) -> None:
    """The line is one character wide: the mark must start one (unavoidable)."""
    assert wrap("あ" + mark, 1) == ["あ", mark]
    assert wrap(mark * 3, cell_len(mark)) == [mark] * 3


def test_the_last_line_is_not_one_character_where_the_line_above_can_give_one() -> None:
    assert wrap("必要です。", 6) == ["必要", "です。"]
    assert wrap("ああす。", 4) == ["ああ", "す。"]          # 「あす。」 would not fit: it stays
    assert wrap("English a.", 8) == ["English", "a."]        # Latin words are whole anyway


# -- for any text, at any width
ALPHABET = (KANA + KANJI + "".join(sorted(NO_START | NO_END)) + "abcxyz019 ,.()-"
            + "\u3000\u00a0…")
texts = st.text(alphabet=st.sampled_from(ALPHABET + "、／\n"), max_size=120)
widths = st.integers(min_value=1, max_value=80)
lists = st.sampled_from([None, "、", "、／"])       # prose, or a list with its separators


def _fit_end(paragraph: str, start: int, width: int) -> int:
    end, used = start, 0
    while end < len(paragraph) and used + cell_len(paragraph[end]) <= width:
        used += cell_len(paragraph[end])
        end += 1
    return max(end, start + 1)


def _no_cut_kept_the_rules(paragraph: str, start: int, width: int) -> bool:
    """No place to break the line from `start` (spaces looked through) keeps both rules: a
    forbidden mark at the edge of that line was unavoidable."""
    first = start
    while first < len(paragraph) and paragraph[first] in SPACES:
        first += 1
    for cut in range(first + 1, _fit_end(paragraph, start, width) + 1):
        if cut >= len(paragraph):
            return False
        before = paragraph[:cut].rstrip(SPACES)[-1:]
        after = paragraph[cut:].lstrip(SPACES)[:1]
        if before not in NO_END and after not in NO_START:
            return False
    return True


@settings(max_examples=400, deadline=None)
@given(texts, widths, lists)
def test_no_line_is_too_wide_and_nothing_is_lost_or_moved(text: str, width: int,
                                                           breaks_after: str | None) -> None:
    spans = line_spans(text, width, breaks_after=breaks_after)
    lines = [text[a:b] for a, b in spans]
    for line in lines:
        assert cell_len(line) <= width or len(line) == 1, (line, width)
    cuts = [0, *[offset for span in spans for offset in span], len(text)]
    gaps = [text[a:b] for a, b in zip(cuts[::2], cuts[1::2], strict=True)]
    assert all(set(gap) <= set(SPACES + "\n") for gap in gaps), gaps      # only spaces go
    assert sum(gap.count("\n") for gap in gaps) == text.count("\n")        # every newline stays
    assert all(b <= a for (_, b), (a, _) in zip(spans, spans[1:], strict=False))   # in order
    assert re.sub(r"[ \u3000\n]", "", "".join(lines)) == re.sub(r"[ \u3000\n]", "", text)


@settings(max_examples=400, deadline=None)
@given(texts, widths, lists)
def test_a_forbidden_mark_is_at_a_line_edge_only_where_unavoidable(text: str, width: int,
                                                                  breaks_after: str | None) -> None:
    for paragraph in text.split("\n"):
        spans = line_spans(paragraph, width, breaks_after=breaks_after)
        for (start, _), (next_start, _) in zip(spans, spans[1:], strict=False):
            line, following = paragraph[start:next_start].rstrip(SPACES), paragraph[next_start:]
            if line[-1:] in NO_END or following[:1] in NO_START:
                assert _no_cut_kept_the_rules(paragraph, start, width), (
                    paragraph, width, [paragraph[a:b] for a, b in spans])


clusters = st.tuples(st.sampled_from(["", "「", "（", "『"]), st.sampled_from(KANA + KANJI),
                     st.sampled_from(["", "」", "。", "、", "ー", "ッ", "）", "』"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(clusters, min_size=1, max_size=60), st.integers(min_value=6, max_value=80))
def test_japanese_never_breaks_a_rule_where_the_line_has_room(parts, width: int) -> None:
    """Text made of 「字」 clusters (three characters at most, six cells): with a line of six
    cells or more, a break that keeps both rules is always there."""
    text = "".join("".join(part) for part in parts)
    lines = wrap(text, width)
    assert "".join(lines) == text
    assert all(cell_len(line) <= width for line in lines)
    assert not [line for line in lines[1:] if line[0] in NO_START], lines
    assert not [line for line in lines[:-1] if line[-1] in NO_END], lines


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(words, min_size=1, max_size=30), st.integers(min_value=12, max_value=80))
def test_english_breaks_as_textwrap_does(ws: list[str], width: int) -> None:
    text = " ".join(ws)
    assert wrap(text, width) == textwrap.wrap(text, width, break_long_words=False,
                                              break_on_hyphens=False)


def test_ideographic_means_wide_or_half_width_kana() -> None:
    assert ideographic("あ") and ideographic("証") and ideographic("ｱ") and ideographic("。")
    assert not ideographic("a") and not ideographic(" ") and not ideographic("…")


def test_the_line_breaking_needs_no_textual() -> None:
    done = subprocess.run([sys.executable, "-c", "import sys, kiosk.app.prose; "
                           "sys.exit('textual' in sys.modules)"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
