"""Text blocks: bordered tables of labelled cells (kinsoku line breaking), paragraphs, space."""

from __future__ import annotations

from dataclasses import dataclass

from certificates_templates.text import fit
from certificates_templates.toolkit.sheet import RULE, Measured, Placed, Sheet, lines_in_box


@dataclass(frozen=True)
class Cell:
    """A labelled value in a table row; long values shrink, then wrap (kinsoku)."""

    label: str | None
    value: str
    weight: float = 1.0
    size: float = 10.5
    max_lines: int = 2
    font: str = "mincho"
    label_width: float = 64.0


@dataclass(frozen=True)
class Grid:
    """A bordered table: rows of cells, each cell a small label box and a value box."""

    rows: tuple[tuple[Cell, ...], ...]
    heading: str | None = None     # a band across the top (e.g. the person's number)
    min_row: float = 17.0
    pad: float = 3.0
    min_size: float = 6.0

    def measure(self, sheet: Sheet, width: float) -> Placed:
        laid: list[tuple[float, list[tuple[Cell, float, float, tuple[str, ...], float]]]] = []
        for row in self.rows:
            free = width - sum(c.label_width for c in row if c.label is not None)
            total_w = sum(c.weight for c in row)
            cells = []
            height = self.min_row
            for cell in row:
                lw = cell.label_width if cell.label is not None else 0.0
                vw = free * cell.weight / total_w
                lines, size = fit(cell.value, vw - 2 * self.pad, cell.max_lines,
                                  sheet.face(cell.font), cell.size, self.min_size)
                height = max(height, len(lines) * size * 1.3 + 2 * self.pad)
                cells.append((cell, lw, vw, lines, size))
            laid.append((height, cells))
        band = 13.0 if self.heading else 0.0
        total = band + sum(h for h, _ in laid)

        def paint(sheet: Sheet, x: float, top: float) -> None:
            rules: list[tuple[float, float, float, float]] = []   # hairlines, stroked at once
            y = top
            if self.heading:
                rules.append((x, y - band, x + width, y - band))
                sheet.text(x + 6, y - band + 3.6, self.heading, size=8, font="gothic")
                y -= band
            for height, cells in laid:
                cx = x
                rules.append((x, y - height, x + width, y - height))
                for cell, lw, vw, lines, size in cells:
                    if cell.label is not None:
                        _label(sheet, cx, y, lw, height, cell.label)
                        cx += lw
                        rules.append((cx, y, cx, y - height))
                    lines_in_box(sheet, cx + self.pad, y, height, lines, size, cell.font)
                    cx += vw
                    if cx < x + width - 0.5:
                        rules.append((cx, y, cx, y - height))
                y -= height
            _stroke(sheet, rules, 0.4)
            c = sheet.canvas
            c.setStrokeColorRGB(*RULE)
            c.setLineWidth(1.0)
            c.rect(x, top - total, width, total, stroke=1, fill=0)

        return Measured(total, paint)


def _stroke(sheet: Sheet, rules: list[tuple[float, float, float, float]], line_width: float) -> None:
    """Many straight lines as one path, written as operators (ReportLab formats each number
    through Python, which for a table's hundred lines costs more than the lines are worth)."""
    c = sheet.canvas
    c.setStrokeColorRGB(*RULE)
    c.setLineWidth(line_width)
    c.addLiteral("\n".join(f"{a:.2f} {b:.2f} m {x:.2f} {y:.2f} l" for a, b, x, y in rules) + "\nS")


def _label(sheet: Sheet, x: float, top: float, w: float, h: float, label: str) -> None:
    size = 8.0
    lines, size = fit(label, w - 6, 2, sheet.fonts.gothic, size, 5.5)
    lines_in_box(sheet, x + 3, top, h, lines, size, "gothic")


@dataclass(frozen=True)
class Paragraph:
    text: str
    size: float = 10.5
    font: str = "mincho"
    align: str = "left"
    before: float = 4.0
    after: float = 4.0
    indent: float = 0.0

    def measure(self, sheet: Sheet, width: float) -> Placed:
        lines, size = fit(self.text, width - self.indent, 99, sheet.face(self.font), self.size, self.size)
        leading = size * 1.45
        height = self.before + len(lines) * leading + self.after

        def paint(sheet: Sheet, x: float, top: float) -> None:
            y = top - self.before - size
            for line in lines:
                if self.align == "centre":
                    sheet.text(x + width / 2, y, line, size=size, font=self.font, align="centre")
                elif self.align == "right":
                    sheet.text(x + width, y, line, size=size, font=self.font, align="right")
                else:
                    sheet.text(x + self.indent, y, line, size=size, font=self.font)
                y -= leading

        return Measured(height, paint)


@dataclass(frozen=True)
class Spacer:
    height: float

    def measure(self, sheet: Sheet, width: float) -> Placed:
        return Measured(self.height, lambda *_: None)
