"""Japanese line breaking (禁則処理) and fitting text into a box.

A line never starts with closing brackets, 。、 and the like (行頭禁則) nor ends with an
opening bracket (行末禁則). Offending characters are pushed to the next line (追い出し); a
run too long to push (a box narrower than the run) is cut anyway rather than overflowing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

NO_LINE_START = frozenset(
    "、。，．,.・：；:;？！?!゛゜ヽヾゝゞ々ー〜～…‥"
    "）)］]｝}〕〉》」』】〙〗〟’”»"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
)
NO_LINE_END = frozenset("（(［[｛{〔〈《「『【〘〖〝‘“«")


@lru_cache(maxsize=65536)
def _char_width(ch: str, font: str, size: float) -> float:
    return stringWidth(ch, font, size)


def width(text: str, font: str, size: float) -> float:
    return sum(_char_width(ch, font, size) for ch in text)


def _bad_break(line: list[str], rest_first: str | None) -> bool:
    return bool(line) and (line[-1] in NO_LINE_END
                           or (rest_first is not None and rest_first in NO_LINE_START))


def wrap(text: str, max_width: float, font: str, size: float) -> list[str]:
    """Break `text` into lines no wider than `max_width`, honouring kinsoku. Explicit newlines kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, max_width, lambda ch: _char_width(ch, font, size)))
    return lines


def _wrap_paragraph(text: str, max_width: float, w: Callable[[str], float]) -> list[str]:
    if not text:
        return [""]
    lines: list[str] = []
    chars = list(text)
    i = 0
    while i < len(chars):
        line: list[str] = []
        used = 0.0
        while i < len(chars) and (not line or used + w(chars[i]) <= max_width):
            line.append(chars[i])
            used += w(chars[i])
            i += 1
        if i < len(chars):
            # 追い出し: hand characters back until neither side of the break is forbidden.
            pushed = 0
            while len(line) - pushed > 1 and _bad_break(line[: len(line) - pushed],
                                                       chars[i - pushed]):
                pushed += 1
            if not _bad_break(line[: len(line) - pushed], chars[i - pushed]):
                del line[len(line) - pushed:]
                i -= pushed
        lines.append("".join(line))
    return lines


@lru_cache(maxsize=4096)
def fit(text: str, max_width: float, max_lines: int, font: str, size: float,
        min_size: float) -> tuple[tuple[str, ...], float]:
    """Shrink from `size` towards `min_size` until `text` fits in `max_lines`; then wrap freely.

    Returns the lines and the size used. Long names and addresses never overflow a cell:
    they get smaller, then take more lines."""
    s = size
    while s > min_size:
        lines = wrap(text, max_width, font, s)
        if len(lines) <= max_lines:
            return tuple(lines), s
        s = max(min_size, s - 0.5)
    return tuple(wrap(text, max_width, font, min_size)), min_size
