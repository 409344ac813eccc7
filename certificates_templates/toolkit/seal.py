"""Seals drawn in red: the registered impression (印影) and the mayor's official seal (公印)
over the certification."""

from __future__ import annotations

import math
from dataclasses import dataclass

from certificates_templates.documents import DocumentMeta
from certificates_templates.toolkit.blocks import Paragraph
from certificates_templates.toolkit.sheet import RULE, Measured, Placed, Sheet, lines_in_box

SEAL_RED = (0.85, 0.1, 0.12)


def draw_seal(sheet: Sheet, cx: float, cy: float, size: float, legend: str, shape: str) -> None:
    """A red seal: characters in vertical columns read right to left, in a round or square rim."""
    c = sheet.canvas
    c.saveState()
    c.setStrokeColorRGB(*SEAL_RED)
    c.setFillAlpha(0.88)
    c.setStrokeAlpha(0.88)
    rim = max(1.2, size * 0.05)
    c.setLineWidth(rim)
    if shape == "round":
        c.circle(cx, cy, size / 2 - rim / 2, stroke=1, fill=0)
        inner = size * 0.66
    else:
        c.rect(cx - size / 2 + rim / 2, cy - size / 2 + rim / 2, size - rim, size - rim, stroke=1, fill=0)
        inner = size * 0.8
    n = max(1, len(legend))
    cols = 1 if n <= 2 else 2 if n <= 4 else 3
    rows = math.ceil(n / cols)
    cell = inner / max(rows, cols)
    glyph = cell * 0.92
    col_h = rows * cell
    for i, ch in enumerate(legend):
        col, row = divmod(i, rows)
        in_col = min(rows, n - col * rows)            # a short last column is centred
        x = cx + (cols / 2 - col - 0.5) * (inner / cols)
        y_top = cy + col_h / 2 - (rows - in_col) * cell / 2
        y = y_top - (row + 1) * cell + (cell - glyph) / 2 + glyph * 0.12
        sheet.text(x, y, ch, size=glyph, font="mincho", align="centre", color=SEAL_RED)
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
    """証明文, date, mayor's name and the official seal drawn over its end."""

    sentence: str
    meta: DocumentMeta
    date_text: str

    def measure(self, sheet: Sheet, width: float) -> Placed:
        sentence = Paragraph(self.sentence, size=11, before=10, after=6, indent=12).measure(sheet, width)
        height = sentence.height + 70

        def paint(sheet: Sheet, x: float, top: float) -> None:
            sentence.draw(sheet, x, top)
            y = top - sentence.height
            sheet.text(x + 24, y - 14, self.date_text, size=11)
            issuer = self.meta.issuer
            mayor = f"{issuer.full_name}{issuer.mayor_title}　{issuer.mayor_name}".strip()
            right = x + width - 58
            sheet.text(right, y - 44, mayor, size=13, align="right")
            draw_seal(sheet, right + 28, y - 40, 54, issuer.seal_text, "square")

        return Measured(height, paint)
