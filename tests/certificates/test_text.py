from hypothesis import given, settings, strategies as st

from certificates_templates.fonts import fonts
from certificates_templates.text import NO_LINE_END, NO_LINE_START, fit, width, wrap

FONT = fonts().mincho


def test_a_line_never_starts_with_a_closing_mark():
    # 10 characters fit per line at this width; the 11th is 。 and must not open line 2.
    text = "あいうえおかきくけこ。さしすせそ"
    lines = wrap(text, width("あ" * 10, FONT, 10), FONT, 10)
    assert "".join(lines) == text
    assert lines[0] == "あいうえおかきくけ"
    assert lines[1].startswith("こ。")


def test_a_line_never_ends_with_an_opening_bracket():
    text = "あいうえおかきくけ「こさしす」"
    lines = wrap(text, width("あ" * 10, FONT, 10), FONT, 10)
    assert lines[0] == "あいうえおかきくけ"
    assert lines[1].startswith("「こ")


def test_explicit_newlines_are_kept():
    assert wrap("一行目\n二行目", 500, FONT, 10) == ["一行目", "二行目"]


FORBIDDEN = NO_LINE_START | NO_LINE_END


def _short_forbidden_runs(text: str) -> bool:
    run = 0
    for ch in text:
        run = run + 1 if ch in FORBIDDEN else 0
        if run > 2:
            return False
    return True


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="あいう漢字、。「」（）ー・ABC 123", min_size=1, max_size=80)
       .filter(_short_forbidden_runs), st.integers(min_value=5, max_value=20))
def test_kinsoku_holds_for_any_text(text, chars):
    lines = wrap(text, width("あ" * chars, FONT, 10), FONT, 10)
    assert "".join(lines) == text                       # nothing lost or duplicated
    for a, b in zip(lines, lines[1:]):
        assert not b.startswith(tuple(NO_LINE_START)), (a, b)
        assert not a.endswith(tuple(NO_LINE_END)), (a, b)


def test_a_run_longer_than_the_line_is_still_cut_not_lost():
    text = "「」「」「」「」"
    lines = wrap(text, width("あ" * 2, FONT, 10), FONT, 10)
    assert "".join(lines) == text and all(width(x, FONT, 10) <= width("あ" * 2, FONT, 10) + 10 for x in lines)


def test_fit_shrinks_before_wrapping():
    text = "大阪府和泉市府中町二丁目7番5号ハイツいずみ101号室"
    w = width(text, FONT, 10.5) * 0.8
    lines, size = fit(text, w, 1, FONT, 10.5, 6)
    assert len(lines) == 1 and size < 10.5
    lines, size = fit(text * 6, w, 2, FONT, 10.5, 6)
    assert size == 6 and len(lines) > 2 and "".join(lines) == text * 6
