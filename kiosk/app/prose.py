"""Prose broken into lines for a width in cells, as Japanese is set: 禁則処理 (line-breaking
rules, JIS X 4051 in its simple form), with English broken at spaces.

Japanese and Chinese have no spaces: a line may break between any two characters, except where
that would start a line with a closing bracket or mark (行頭禁則: 」。、ー ッ …) or end one with
an opening bracket (行末禁則: 「（ …). Where the line is full at such a place, the character
before the break goes down to the next line with it (追い出し, pushing out), never past the
width (ぶら下げ, hanging the mark in the margin, would overrun a cell width that is exact).
A Latin word is kept whole (broken at the spaces around it, which go at the break); only a
word wider than the line is cut, as near the width as the rules allow. A paragraph does not
end on a line of one character and its marks (一字残り) where the line above can give one.
Newlines in the text stay.

Pure: no Textual. `wrap` gives the lines; `line_spans` where they lie in the text.
"""

from __future__ import annotations


from rich.cells import cell_len

from kiosk.catalogue.typography import INSEPARABLE, NO_END, NO_START

#: No break on either side of these: the no-break space and the word joiners.
GLUE = frozenset("\u00a0\u202f\u2060\ufeff")

#: Where a line may break, the space going at the break (ASCII and the ideographic space).
SPACES = " \u3000"


def wrap(text: str, width: int, *, breaks_after: str | None = None) -> list[str]:
    """The lines of `text` for `width` cells (East Asian characters take two). A width below
    two cells still gives each wide character a line of its own: the least it can take.

    `breaks_after`: a list's separators (「、」 between names), after which alone its lines
    break, so that no item is split across two; an item wider than the line is cut."""
    return [text[start:end] for start, end in line_spans(text, width, breaks_after=breaks_after)]


def line_spans(text: str, width: int, *,
               breaks_after: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of each line of `wrap(text, width)` in `text`. What lies between two
    lines is the newline or the spaces at the break; nothing else is left out."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        spans.extend((offset + start, offset + end)
                     for start, end in _paragraph(paragraph, max(1, width), breaks_after))
        offset += len(paragraph) + 1
    return spans


def ideographic(char: str) -> bool:
    """A character a line may break beside without a space: a wide (East Asian) one, or
    half-width katakana."""
    return cell_len(char) == 2 or "\uff61" <= char <= "\uff9f"


def _paragraph(text: str, width: int, breaks_after: str | None) -> list[tuple[int, int]]:
    cells = [cell_len(char) for char in text]
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        end, used = start, 0
        while end < n and used + cells[end] <= width:
            used += cells[end]
            end += 1
        end = max(end, start + 1)                # a character wider than the line: alone on it
        if end == n:
            spans.append((start, n))
            return _no_lone_last_character(text, spans, cells, width, breaks_after)
        if not text[start:end].strip(SPACES):
            start = _skip_spaces(text, end)     # an indent as wide as the line goes
            continue
        cut = _best_break(text, start, end, breaks_after)
        spans.append((start, _trim_spaces(text, start, cut)))
        start = _skip_spaces(text, cut)
    return spans or [(start, start)]


def _no_lone_last_character(text: str, spans: list[tuple[int, int]], cells: list[int],
                             width: int, breaks_after: str | None) -> list[tuple[int, int]]:
    """A paragraph of Japanese or Chinese does not end on a line of one character and its
    closing marks (一字残り: 「必要で」 / 「す。」): the line above gives it one more character
    (「必要」 / 「です。」) where a break is allowed there and the last line still fits."""
    if len(spans) < 2:
        return spans
    (above, _), (start, end) = spans[-2:]
    last = text[start:end]
    if not ideographic(last[0]) or sum(char not in NO_START for char in last) > 1:
        return spans
    for cut in range(start - 1, above, -1):
        moved = _skip_spaces(text, cut)           # where the last line would start
        if moved >= start:
            continue
        if sum(cells[moved:end]) > width:
            break
        if _trim_spaces(text, above, cut) > above and _allowed(text, cut, breaks_after):
            return [*spans[:-2], (above, _trim_spaces(text, above, cut)), (moved, end)]
    return spans


def _best_break(text: str, start: int, end: int, breaks_after: str | None) -> int:
    """Where the line from `start`, full at `end`, breaks: the last place allowed; failing
    that, in a list, the last space (an item wider than the line: 「大森」 / 「大吉、」); failing
    that (a word wider than the line), the last place a cut breaks no kinsoku rule; failing
    that (a line too narrow for the rules), the width."""
    candidates = range(end, _skip_spaces(text, start), -1)   # after the indent, if any
    for cut in candidates:
        if _allowed(text, cut, breaks_after):
            return cut
    if breaks_after is not None:
        for cut in candidates:
            if (text[cut] in SPACES or text[cut - 1] in SPACES) and _kinsoku_kept(text, cut):
                return cut
    for cut in candidates:
        if _kinsoku_kept(text, cut) and cell_len(text[cut]):
            return cut
    return end


def _allowed(text: str, cut: int, breaks_after: str | None) -> bool:
    """A line may end before `text[cut]` (in a list: only after a separator)."""
    if breaks_after is not None:
        last = _trim_spaces(text, 0, cut)
        if not last or text[last - 1] not in breaks_after:
            return False
    return _break_at(text, cut)


def _break_at(text: str, cut: int) -> bool:
    """Whether a line may end before `text[cut]`."""
    before, after = text[cut - 1], text[cut]
    if before in SPACES or after in SPACES:
        return _kinsoku_kept(text, cut)
    if before in GLUE or after in GLUE or not cell_len(after):
        return False                      # a joiner, or a combining mark on `before`
    if not (ideographic(before) or ideographic(after) or before == "\u200b"):
        return False                      # within a Latin word, a number, a URL
    # kinsoku: a break there would start or end a line with a forbidden mark
    return not (after in NO_START or before in NO_END
                or (before in INSEPARABLE and after in INSEPARABLE))


def _kinsoku_kept(text: str, cut: int) -> bool:
    """A break before `text[cut]` (the spaces there going) starts no line with a mark that
    may not start one, and ends none with one that may not end one."""
    last, first = _trim_spaces(text, 0, cut), _skip_spaces(text, cut)
    return (last == 0 or text[last - 1] not in NO_END) and text[first:first + 1] not in NO_START


def _skip_spaces(text: str, index: int) -> int:
    """The first index from `index` that is not a space (len(text) if none)."""
    while index < len(text) and text[index] in SPACES:
        index += 1
    return index


def _trim_spaces(text: str, start: int, end: int) -> int:
    """`end`, moved back over the spaces before it (not before `start`)."""
    while end > start and text[end - 1] in SPACES:
        end -= 1
    return end
