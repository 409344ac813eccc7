"""Terminal text for the staff commands: kanji and kana take two columns."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """Left-align by display width, with at least one space after."""
    return text + " " * max(1, width - display_width(text))


def table(headers: list[str], rows: list[list[object]]) -> str:
    """Columns aligned by display width; numbers right-aligned."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [all(isinstance(row[i], int) for row in rows) and rows for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = []
        for i, cell in enumerate(row):
            space = " " * (widths[i] - display_width(cell))
            parts.append(space + cell if numeric[i] else cell + space)
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])
