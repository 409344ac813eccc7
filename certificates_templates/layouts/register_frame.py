"""The framed sections of the computerised 戸籍 (付録第二十二号様式): a left column of headings
(本籍, 戸籍事項, 戸籍に記録されている者, 身分事項), a column of event names (戸籍編製, 出　生,
婚　姻) and the 【item】 lines beside them.

A `FramedSection` is one box of parts divided by hairlines; stacked, the boxes make the one
long frame of the real form. Every line keeps `PAD` clear of the rules on all sides (the
pixel tests check it).
"""

from __future__ import annotations

from dataclasses import dataclass

from certificates_templates.text import fit
from certificates_templates.toolkit.sheet import RULE, Measured, Placed, Sheet

PAD = 4.0
LABEL_SIZE = 8.5
MARK_H = 15.0               # the 除籍 box
ROW_GAP = 3.0               # between one event and the next


@dataclass(frozen=True)
class Row:
    """One event: its name in the middle column, its 【item】 lines beside it."""

    name: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    heading: str
    rows: tuple[Row, ...] = ()
    mark: str | None = None      # a boxed word under the heading (除　籍)


@dataclass(frozen=True)
class FramedSection:
    parts: tuple[Part, ...]
    heading_width: float = 104.0
    name_width: float = 58.0      # 0: no event names (本籍, 氏名)
    size: float = 9.5

    def measure(self, sheet: Sheet, width: float) -> Placed:
        leading, label_leading = self.size * 1.36, LABEL_SIZE * 1.36
        text_x = self.heading_width + self.name_width + PAD
        text_w = width - text_x - PAD
        gothic, mincho = sheet.face("gothic"), sheet.face("mincho")
        laid = []
        for part in self.parts:
            heads, hsize = fit(part.heading, self.heading_width - 2 * PAD, 3, gothic, LABEL_SIZE, 6.0)
            rows, used = [], 0.0
            for row in part.rows:
                lines = []
                for line in row.lines:
                    wrapped, size = fit(line, text_w, 2, mincho, self.size, 7.0)
                    lines += [(w, size) for w in wrapped]
                rows.append((row.name, used, lines))
                used += max(1, len(lines)) * leading + ROW_GAP
            left = len(heads) * label_leading + (MARK_H + PAD if part.mark else 0)
            height = max(left, used - ROW_GAP if rows else 0, label_leading) + 2 * PAD
            laid.append((part, heads, hsize, rows, height))
        total = sum(item[-1] for item in laid)

        def paint(sheet: Sheet, x: float, top: float) -> None:
            c = sheet.canvas
            y = top
            rules = []
            for i, (part, heads, hsize, rows, height) in enumerate(laid):
                if i:
                    rules.append((x, y, x + width, y))
                for n, head in enumerate(heads):
                    sheet.text(x + PAD, y - PAD - hsize - n * label_leading, head, size=hsize,
                               font="gothic")
                if part.mark:
                    _mark(sheet, x + PAD, y - PAD - len(heads) * label_leading - PAD, part.mark)
                for name, offset, lines in rows:
                    row_top = y - PAD - offset
                    if name:
                        sheet.text(x + self.heading_width + PAD, row_top - self.size, name,
                                   size=self.size)
                    for n, (line, size) in enumerate(lines):
                        sheet.text(x + text_x, row_top - size - n * leading, line, size=size)
                y -= height
            rules.append((x + self.heading_width, top, x + self.heading_width, top - total))
            c.setStrokeColorRGB(*RULE)
            c.setLineWidth(0.4)
            for a, b, e, f in rules:
                c.line(a, b, e, f)
            c.setLineWidth(1.0)
            c.rect(x, top - total, width, total, stroke=1, fill=0)

        return Measured(total, paint)


def _mark(sheet: Sheet, x: float, top: float, word: str) -> None:
    """除籍: the word in a small box, as the form marks a person who left."""
    w = sheet.width_of(word, LABEL_SIZE, "gothic") + 2 * PAD + 4
    c = sheet.canvas
    c.setStrokeColorRGB(*RULE)
    c.setLineWidth(0.8)
    c.rect(x, top - MARK_H, w, MARK_H, stroke=1, fill=0)
    sheet.text(x + w / 2, top - MARK_H / 2 - LABEL_SIZE * 0.38, word, size=LABEL_SIZE,
               font="gothic", align="centre")
