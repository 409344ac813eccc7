"""Seals drawn in red: the registered impression (印影) and the mayor's official seal (公印)
impressed over the end of the mayor's name on the certification.

A seal's characters stand in columns read right to left, each column filling the seal's
height: with more characters than columns the first columns take one more, so 和泉市長之印
is 和泉 | 市長 | 之印 and 苫小牧市長之印 is 苫小牧 | 市長 | 之印; a column of two stretches its
characters tall, a single column of two in a round seal squats them wide. The ink is
multiplied over what lies beneath, as an impression is, so the name under the 公印 still reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from certificates_templates.documents import DocumentMeta
from certificates_templates.toolkit.blocks import Paragraph
from certificates_templates.toolkit.sheet import RULE, Measured, Placed, Sheet, lines_in_box

SEAL_RED = (0.85, 0.1, 0.12)
OFFICIAL_SEAL = 60.0         # the 公印: 21 mm square
MAYOR_SIZE = 13.0


def seal_columns(n: int) -> list[int]:
    """How many of a legend's `n` characters each column holds, right to left."""
    if n <= 0:
        return []
    cols = 1 if n <= 3 else 2 if n <= 5 else 3 if n <= 9 else -(-n // 3)
    base, extra = divmod(n, cols)
    return [base + (1 if i < extra else 0) for i in range(cols)]


def draw_seal(sheet: Sheet, cx: float, cy: float, size: float, legend: str, shape: str) -> None:
    """A red seal centred on (cx, cy): a round or square rim, the legend in columns inside."""
    c = sheet.canvas
    c.saveState()
    c.setBlendMode("Multiply")
    c.setFillAlpha(0.9)
    c.setStrokeAlpha(0.9)
    c.setStrokeColorRGB(*SEAL_RED)
    rim = max(1.2, size * 0.06)
    c.setLineWidth(rim)
    if shape == "round":
        c.circle(cx, cy, size / 2 - rim / 2, stroke=1, fill=0)
        inner = size * 0.64
    else:
        c.rect(cx - size / 2 + rim / 2, cy - size / 2 + rim / 2, size - rim, size - rim,
               stroke=1, fill=0)
        inner = size - 2 * rim - size * 0.06
    columns = seal_columns(len(legend))
    col_w = inner / max(1, len(columns))
    at = 0
    for k, count in enumerate(columns):
        cell_h = inner / count
        glyph = cell_h * 0.94
        stretch = min(180.0, max(40.0, col_w * 0.94 / glyph * 100))
        x = cx + inner / 2 - (k + 0.5) * col_w           # the first column is the rightmost
        for row in range(count):
            y = cy + inner / 2 - (row + 1) * cell_h + (cell_h - glyph) / 2 + glyph * 0.12
            sheet.text(x, y, legend[at], size=glyph, font="mincho", align="centre",
                       color=SEAL_RED, hscale=stretch)
            at += 1
    c.restoreState()
    sheet.forget_colour()


@dataclass(frozen=True)
class SealBox:
    """The registered seal impression (印影) in a framed box, with its label."""

    text: str
    shape: str
    size: float
    label: str = "印影"

    def measure(self, sheet: Sheet, width: float) -> Placed:
        box = max(self.size + 24, 84)

        def paint(sheet: Sheet, x: float, top: float) -> None:
            c = sheet.canvas
            c.setStrokeColorRGB(*RULE)
            c.setLineWidth(1.0)
            c.rect(x, top - box, width, box, stroke=1, fill=0)
            c.setLineWidth(0.4)
            c.line(x + 64, top, x + 64, top - box)
            lines_in_box(sheet, x + 3, top, box, [self.label], 8.0, "gothic")
            draw_seal(sheet, x + 64 + (width - 64) / 2, top - box / 2, self.size, self.text, self.shape)

        return Measured(box, paint)


@dataclass(frozen=True)
class Certification:
    """証明文, date, the mayor's name and the 公印 impressed over the name's last characters."""

    sentence: str
    meta: DocumentMeta
    date_text: str

    def measure(self, sheet: Sheet, width: float) -> Placed:
        sentence = Paragraph(self.sentence, size=11, before=10, after=6, indent=12).measure(sheet, width)
        height = sentence.height + 74

        def paint(sheet: Sheet, x: float, top: float) -> None:
            sentence.draw(sheet, x, top)
            y = top - sentence.height
            sheet.text(x + 24, y - 14, self.date_text, size=11)
            issuer = self.meta.issuer
            mayor = f"{issuer.full_name}{issuer.mayor_title}　{issuer.mayor_name}".strip()
            right = x + width - 40
            baseline = y - 46
            sheet.text(right, baseline, mayor, size=MAYOR_SIZE, align="right")
            # The seal's centre a little right of the last character's: it covers the name's end.
            draw_seal(sheet, right - MAYOR_SIZE * 0.2, baseline + MAYOR_SIZE * 0.35, OFFICIAL_SEAL,
                      issuer.seal_text, "square")

        return Measured(height, paint)
